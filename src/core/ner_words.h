/*
 * ner_words.h
 *		The word lists of the entity rules (src/data/ner_*.txt, generated
 *		into gen_ner_*.inc) and the stopwords as one table of word classes: a token's classes are looked up once, with the hash its
 *		analysed document already holds, and every rule then tests a bit.
 */
#ifndef NA_NER_WORDS_H
#define NA_NER_WORDS_H

#include "na_core.h"

/* The classes of a word: the lists it is in. */
typedef enum NaNerWordClass
{
	NA_WC_COMPANY_SUFFIX = 1 << 0,	/* end company names: "corp" */
	NA_WC_CONNECTOR = 1 << 1,	/* lower-case name particles: "bin" */
	NA_WC_CREDIT = 1 << 2,		/* open a source-credit line: "courtesy" */
	NA_WC_EVENT = 1 << 3,		/* end an event's name: "championship" */
	NA_WC_HONORIFIC = 1 << 4,	/* mark the next name a person: "actor" */
	NA_WC_HONORIFIC_ABBREV = 1 << 5,	/* honorifics never names: "capt." */
	NA_WC_INITIAL = 1 << 6,		/* sentence-initial, never names: "about" */
	NA_WC_LOC = 1 << 7,			/* end or begin a place's name: "bay" */
	NA_WC_NEVER_ALONE = 1 << 8, /* never a name on their own: "august" */
	NA_WC_OF_HEAD = 1 << 9,		/* "of" continues the name: "academy" */
	NA_WC_ORG = 1 << 10,		/* end an organization's name: "agency" */
	NA_WC_PLACE_MODIFIER = 1 << 11, /* keep a place a place: "east" */
	NA_WC_ROLE_HEAD = 1 << 12,	/* heads of titles: "minister" */
	NA_WC_SPEECH_VERB = 1 << 13,	/* verbs of speech: "added" */
	NA_WC_STATE_ABBREV = 1 << 14,	/* AP-style US states: "ariz." */
	NA_WC_STOPWORD = 1 << 15	/* na_is_stopword: "the" */
} NaNerWordClass;

/*
 * na_ner_word_classes: the classes of the normalized word form w[0..len),
 * whose FNV-1a hash (na_fnv_add from NA_FNV_INIT) is hash; 0 when it is in
 * no list.  The table is built at the first call, once per process.
 */
extern uint32_t na_ner_word_classes(const char *w, size_t len, uint32_t hash);

#endif							/* NA_NER_WORDS_H */
