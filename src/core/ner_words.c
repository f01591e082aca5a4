/*
 * ner_words.c
 *		The word lists of the entity rules as one table of word classes.
 *
 * The rules ask of most tokens whether they are in one list or another
 * ("is the last word an org word?", "is it a speech verb?"), about twenty
 * questions per token over fifteen lists.  Binary searches of each list
 * cost 8% of news.entities.  Here every word of every list is laid out
 * once per process in an open-addressing table keyed by the FNV-1a hash of
 * the word, the hash the analysed document keeps for each token's
 * normalized form, with the set of lists it is in; entities.c looks a
 * token up once and its rules test bits.
 */
#include "ner_words.h"

#include <string.h>

#include "tokenizer.h"

#include "gen_ner_company_suffixes.inc"
#include "gen_ner_connectors.inc"
#include "gen_ner_credit_words.inc"
#include "gen_ner_event_words.inc"
#include "gen_ner_honorifics.inc"
#include "gen_ner_honorifics_abbrev.inc"
#include "gen_ner_initial_words.inc"
#include "gen_ner_loc_words.inc"
#include "gen_ner_never_alone.inc"
#include "gen_ner_of_heads.inc"
#include "gen_ner_org_words.inc"
#include "gen_ner_place_modifiers.inc"
#include "gen_ner_role_heads.inc"
#include "gen_ner_speech_verbs.inc"
#include "gen_ner_state_abbrevs.inc"

#define LIST(name, cls) {name, sizeof(name) / sizeof(name[0]), cls}

/* A word list and the class its words get. */
typedef struct WordList
{
	const char *const *words;
	size_t		n;
	uint32_t	cls;
} WordList;

static const WordList lists[] = {
	LIST(ner_company_suffixes, NA_WC_COMPANY_SUFFIX),
	LIST(ner_connectors, NA_WC_CONNECTOR),
	LIST(ner_credit_words, NA_WC_CREDIT),
	LIST(ner_event_words, NA_WC_EVENT),
	LIST(ner_honorifics, NA_WC_HONORIFIC),
	LIST(ner_honorifics_abbrev, NA_WC_HONORIFIC_ABBREV),
	LIST(ner_initial_words, NA_WC_INITIAL),
	LIST(ner_loc_words, NA_WC_LOC),
	LIST(ner_never_alone, NA_WC_NEVER_ALONE),
	LIST(ner_of_heads, NA_WC_OF_HEAD),
	LIST(ner_org_words, NA_WC_ORG),
	LIST(ner_place_modifiers, NA_WC_PLACE_MODIFIER),
	LIST(ner_role_heads, NA_WC_ROLE_HEAD),
	LIST(ner_speech_verbs, NA_WC_SPEECH_VERB),
	LIST(ner_state_abbrevs, NA_WC_STATE_ABBREV),
};

#define NLISTS		(sizeof(lists) / sizeof(lists[0]))
#define TABLE_SIZE	4096		/* a power of two, over four times the
								 * 918 words */

/* A word of the table and the classes it has. */
typedef struct WordSlot
{
	const char *word;			/* NULL: empty slot */
	uint32_t	hash;
	uint16_t	len;
	uint16_t	cls;
} WordSlot;

static WordSlot table[TABLE_SIZE];
static bool table_built = false;

/* find_slot: the slot of w[0..len) (hash h), or the empty slot it would take */
static WordSlot *
find_slot(const char *w, size_t len, uint32_t h)
{
	for (uint32_t i = h & (TABLE_SIZE - 1);; i = (i + 1) & (TABLE_SIZE - 1))
	{
		WordSlot   *s = &table[i];

		if (!s->word || (s->hash == h && s->len == len && memcmp(s->word, w, len) == 0))
			return s;
	}
}

/* add_words: the n words of list, with the class cls */
static void
add_words(const char *const *list, size_t n, uint32_t cls)
{
	for (size_t k = 0; k < n; k++)
	{
		const char *w = list[k];
		size_t		len = strlen(w);
		uint32_t	h = na_fnv_add(NA_FNV_INIT, w, len);
		WordSlot   *s = find_slot(w, len, h);

		if (!s->word)
		{
			s->word = w;
			s->hash = h;
			s->len = (uint16_t) len;
		}
		s->cls |= (uint16_t) cls;
	}
}

/* build_table: every word of every list, with the classes of its lists */
static void
build_table(void)
{
	const char *const *stop;
	size_t		nstop;

	for (size_t l = 0; l < NLISTS; l++)
		add_words(lists[l].words, lists[l].n, lists[l].cls);
	stop = na_stopwords(&nstop);
	add_words(stop, nstop, NA_WC_STOPWORD);
	table_built = true;
}

/* na_ner_word_classes: see ner_words.h. */
uint32_t
na_ner_word_classes(const char *w, size_t len, uint32_t hash)
{
	const WordSlot *s;

	if (!table_built)
		build_table();
	if (len == 0 || len > UINT16_MAX)
		return 0;
	s = find_slot(w, len, hash);
	return s->word ? s->cls : 0;
}
