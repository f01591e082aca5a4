-- test/t/lib/catalog.sql: a normalized description of everything the
-- extension news_analytics owns, one line per fact, sorted.  pg_dump does not
-- print extension members, so the upgrade test compares this instead: two
-- databases whose descriptions are equal have the same objects with the same
-- definitions, comments, privileges and dump settings.
WITH ext AS (
	SELECT oid, extnamespace, extconfig, extcondition FROM pg_extension WHERE extname = 'news_analytics'
), member AS (
	SELECT d.classid, d.objid, d.objsubid
	FROM pg_depend d, ext
	WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), facts AS (
	-- every member object, and its comment
	SELECT 'member ' || pg_describe_object(classid, objid, objsubid) AS fact FROM member
	UNION ALL
	SELECT 'comment ' || pg_describe_object(classid, objid, objsubid) || ': ' || obj_description(objid, classid::regclass::text)
	FROM member WHERE obj_description(objid, classid::regclass::text) IS NOT NULL
	UNION ALL
	-- functions, aggregates and procedures: full definition and privileges
	SELECT 'function ' || p.oid::regprocedure || ' ' ||
		CASE WHEN p.prokind = 'a' THEN
			(SELECT format('aggregate sfunc=%s stype=%s final=%s combine=%s serial=%s deserial=%s init=%s',
				a.aggtransfn, format_type(a.aggtranstype, NULL), a.aggfinalfn, a.aggcombinefn,
				a.aggserialfn, a.aggdeserialfn, a.agginitval)
			 FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
		ELSE pg_get_functiondef(p.oid) END
		|| ' acl=' || coalesce(p.proacl::text, 'default') || ' owner_is_super=' || r.rolsuper
	FROM member m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
	JOIN pg_roles r ON r.oid = p.proowner
	UNION ALL
	-- types
	SELECT format('type %s %s len=%s byval=%s align=%s storage=%s in=%s out=%s recv=%s send=%s typmod=%s/%s analyze=%s subscript=%s category=%s preferred=%s',
		t.oid::regtype, t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typinput, t.typoutput,
		t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze, t.typsubscript, t.typcategory, t.typispreferred)
	FROM member m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	-- relations: kind, privileges, columns, constraints, indexes, triggers
	SELECT format('relation %s kind=%s acl=%s', c.oid::regclass, c.relkind, coalesce(c.relacl::text, 'default'))
	FROM member m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL
	SELECT format('column %s.%s %s notnull=%s default=%s comment=%s', a.attrelid::regclass, a.attname,
		format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid),
		col_description(a.attrelid, a.attnum))
	FROM member m JOIN pg_attribute a ON m.classid = 'pg_class'::regclass AND a.attrelid = m.objid
	LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	WHERE a.attnum > 0 AND NOT a.attisdropped
	UNION ALL
	SELECT format('constraint %s on %s: %s', co.conname, co.conrelid::regclass, pg_get_constraintdef(co.oid))
	FROM member m JOIN pg_constraint co ON m.classid = 'pg_class'::regclass AND co.conrelid = m.objid
	UNION ALL
	SELECT 'index ' || pg_get_indexdef(i.indexrelid) || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '')
	FROM member m JOIN pg_index i ON m.classid = 'pg_class'::regclass AND i.indrelid = m.objid
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(tg.oid) || ' comment=' || coalesce(obj_description(tg.oid, 'pg_trigger'), '')
	FROM member m JOIN pg_trigger tg ON m.classid = 'pg_class'::regclass AND tg.tgrelid = m.objid
	WHERE NOT tg.tgisinternal
	UNION ALL
	-- operators
	SELECT format('operator %s left=%s right=%s result=%s code=%s commutator=%s negator=%s restrict=%s join=%s hashes=%s merges=%s',
		o.oid::regoperator, format_type(o.oprleft, NULL), format_type(o.oprright, NULL), format_type(o.oprresult, NULL),
		o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator, o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge)
	FROM member m JOIN pg_operator o ON m.classid = 'pg_operator'::regclass AND o.oid = m.objid
	UNION ALL
	-- operator classes and families: every operator and support function
	SELECT format('opfamily %s op %s strategy %s purpose %s sortfamily %s', pg_describe_object('pg_opfamily'::regclass, ao.amopfamily, 0),
		ao.amopopr::regoperator, ao.amopstrategy, ao.amoppurpose, ao.amopsortfamily)
	FROM member m JOIN pg_amop ao ON m.classid = 'pg_opfamily'::regclass AND ao.amopfamily = m.objid
	UNION ALL
	SELECT format('opfamily %s proc %s (%s,%s) %s', pg_describe_object('pg_opfamily'::regclass, ap.amprocfamily, 0),
		ap.amprocnum, format_type(ap.amproclefttype, NULL), format_type(ap.amprocrighttype, NULL), ap.amproc::regprocedure)
	FROM member m JOIN pg_amproc ap ON m.classid = 'pg_opfamily'::regclass AND ap.amprocfamily = m.objid
	UNION ALL
	SELECT format('opclass %s type=%s default=%s keytype=%s', pg_describe_object('pg_opclass'::regclass, oc.oid, 0),
		format_type(oc.opcintype, NULL), oc.opcdefault, format_type(oc.opckeytype, NULL))
	FROM member m JOIN pg_opclass oc ON m.classid = 'pg_opclass'::regclass AND oc.oid = m.objid
	UNION ALL
	-- casts
	SELECT format('cast %s -> %s func=%s context=%s method=%s', format_type(ca.castsource, NULL), format_type(ca.casttarget, NULL),
		ca.castfunc::regprocedure, ca.castcontext, ca.castmethod)
	FROM member m JOIN pg_cast ca ON m.classid = 'pg_cast'::regclass AND ca.oid = m.objid
	UNION ALL
	-- text search configurations: token mappings
	SELECT format('ts config %s parser %s token %s dict %s seq %s', cfg.oid::regconfig, pr.prsname, mp.maptokentype, mp.mapdict::regdictionary, mp.mapseqno)
	FROM member m JOIN pg_ts_config cfg ON m.classid = 'pg_ts_config'::regclass AND cfg.oid = m.objid
	JOIN pg_ts_parser pr ON pr.oid = cfg.cfgparser
	JOIN pg_ts_config_map mp ON mp.mapcfg = cfg.oid
	UNION ALL
	SELECT format('ts dict %s template %s options %s', d.oid::regdictionary, tm.tmplname, d.dictinitoption)
	FROM member m JOIN pg_ts_dict d ON m.classid = 'pg_ts_dict'::regclass AND d.oid = m.objid
	JOIN pg_ts_template tm ON tm.oid = d.dicttemplate
	UNION ALL
	-- the schema: owner kind and privileges
	SELECT format('schema %s owner_is_super=%s acl=%s', n.nspname, r.rolsuper, coalesce(n.nspacl::text, 'default'))
	FROM ext JOIN pg_namespace n ON n.oid = ext.extnamespace JOIN pg_roles r ON r.oid = n.nspowner
	UNION ALL
	-- what pg_dump saves of the configuration tables
	SELECT format('config %s %s', c::regclass, cond)
	FROM ext, unnest(ext.extconfig, ext.extcondition) AS u(c, cond)
	UNION ALL
	-- initial privileges recorded for the extension's objects
	SELECT format('init_privs %s %s', pg_describe_object(ip.classoid, ip.objoid, ip.objsubid), ip.initprivs)
	FROM member m JOIN pg_init_privs ip ON ip.classoid = m.classid AND ip.objoid = m.objid AND ip.privtype = 'e'
)
SELECT fact FROM facts ORDER BY fact COLLATE "C";
