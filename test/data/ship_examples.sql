-- test/data/ship_examples.sql: 200 labelled sentences about ships, written
-- for this project, generated deterministically from templates: every ship
-- name (20) appears in 10 of the 20 templates, the other capitalized words
-- (ports, people, companies) are not labelled.  Creates the table
-- ship_examples (body text, spans jsonb), the shape news.train_entity_model
-- reads.  Used by sql/entity_models.sql and test/t/entity_models.sh.
CREATE TABLE ship_examples AS
WITH ships(k, name) AS (
	SELECT k, name FROM unnest(ARRAY[
		'Sea Falcon', 'Northern Star', 'Ocean Crest', 'Marigold', 'Iron Duke',
		'Polar Dawn', 'Silver Gull', 'Atlantic Pride', 'Kestrel', 'Morning Tide',
		'Grey Heron', 'Cape Horizon', 'Aurora Bay', 'Red Kite', 'Stormrider',
		'Pacific Jade', 'Lady Rowena', 'Harbour Queen', 'Osprey', 'Baltic Wind'])
		WITH ORDINALITY AS s(name, k)),
templates(j, pre, post) AS (
	SELECT j, split_part(t, '{}', 1), split_part(t, '{}', 2) FROM unnest(ARRAY[
		'The tanker {} docked in Rotterdam on Monday.',
		'Crew members of the {} were rescued off the coast of Norway.',
		'Maria Lopez said the cargo ship {} had left Singapore late.',
		'The container vessel {} ran aground near Gibraltar.',
		'Coast guards boarded the {} after a fire in the engine room.',
		'Shipping company Maersk chartered the {} for the season.',
		'Pirates attacked the freighter {} in the Gulf of Aden.',
		'The ferry {} carried 300 passengers to Dover.',
		'Salvage teams reached the stricken {} on Tuesday, officials said.',
		'Captain John Miles sailed the {} from Hamburg to Lisbon.',
		'Insurers said the bulk carrier {} was a total loss.',
		'The navy escorted the {} through the Strait of Hormuz.',
		'Environmental groups tracked the trawler {} across the North Sea.',
		'Dockworkers in Antwerp refused to unload the {} this week.',
		'The oil tanker {} spilled crude near Alaska, the agency said.',
		'Passengers aboard the cruise ship {} reported rough seas.',
		'Greenpeace activists climbed onto the {} in Marseille.',
		'The research vessel {} returned from Antarctica with samples.',
		'Port authorities detained the {} over unpaid fees, Reuters reported.',
		'Sailors on the {} were quarantined in Genoa.'])
		WITH ORDINALITY AS x(t, j))
SELECT pre || name || post AS body,
	jsonb_build_array(jsonb_build_object('start', length(pre) + 1,
		'length', length(name), 'type', 'SHIP')) AS spans
FROM ships, templates
WHERE (k + j) % 2 = 0
ORDER BY k, j;
