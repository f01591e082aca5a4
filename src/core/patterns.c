/*
 * patterns.c
 *		PCRE2 pattern entities: builtin DATE, TIME, MONEY, PERCENT, QUANTITY,
 *		URL and EMAIL patterns plus user patterns, scanned together.
 *
 * Design
 *
 * Every pattern is compiled once per set in UTF mode with
 * PCRE2_USE_OFFSET_LIMIT and then JIT-compiled; when the JIT is not
 * available (unsupported CPU, W^X policies) pcre2_match silently falls back
 * to the interpreter, so nothing else changes.  All PCRE2 memory except
 * the JIT's executable pages comes from the set's NaAllocator through a
 * PCRE2 general context; the JIT pages are returned by na_patterns_destroy,
 * which therefore must run (the glue ties it to a memory context reset
 * callback).
 *
 * Scanning is a k-way merge.  Each pattern is an iterator that knows its
 * next match: it calls pcre2_match with an offset limit, so that one call
 * only tries start positions inside a window (64 KiB for builtin patterns,
 * 1 KiB for user patterns), and calls the yield hook after each call.  The
 * match limit bounds the work per start position, so the work between two
 * yields is bounded too, and a catastrophic pattern such as (a+)+$ stops
 * with NA_ERR_MATCH_LIMIT.  An empty match moves its iterator on by one
 * character.  The merge takes the candidate with the smallest start and
 * groups overlapping candidates into clusters; a finished cluster is
 * resolved longest first (ties: earlier pattern, which puts user patterns
 * before builtin ones and builtin ones in the order of the table below),
 * and its winners are reported in text order with character offsets
 * counted incrementally.  Memory is bounded by the largest cluster, not by
 * the text.
 *
 * The text is validated as UTF-8 once per scan (na_utf8_valid, the core's
 * one validator); every pcre2_match call then passes PCRE2_NO_UTF_CHECK
 * (PCRE2 would otherwise check the rest of the subject at every call,
 * which is quadratic).  A builtin pattern whose
 * required literal ('@' for EMAIL, "ago", ...) does not occur in the text
 * is not run at all.  When it does occur, and the table says how far
 * before its literal a match can start (reach), the pattern is anchored on
 * the literal: for each occurrence q, in text order, pcre2_match tries only
 * the start positions [q - reach, q] not tried before.  Every match holds
 * a literal at most reach bytes after its start, so the first window with
 * a match yields the leftmost match, as a plain scan would; a scan then
 * costs a memchr per literal and a few dozen start positions per
 * occurrence instead of a try at every word of the text.
 *
 * Two more anchors serve the patterns that have no literal.  A MONEY amount
 * led by a currency sign or code holds a run of digits a few bytes after
 * its start (ANCHOR_DIGITS: reach bytes before the first digit of a run,
 * found a word at a time); a spelled-out amount starts at a word that is a
 * number word (ANCHOR_WORDS: required lists the words, lower case; reach is
 * 0).  PCRE2's own start-of-match optimization cannot see these: the first
 * bytes of those patterns are most capitals, or most lower-case letters, so
 * it tried a match at a third of the bytes of a text.
 *
 * Builtin patterns bound every quantifier that could run over a long
 * stretch of text (or anchor it on \b or a literal), so that even a 10 MB
 * line of digits or letters costs linear time.
 */
#include "patterns.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdio.h>
#include <string.h>

#include "unicode.h"

#define BUILTIN_WINDOW	65536
#define MAX_LITERALS	16		/* literals of one required list */
#define MAX_WORDS		32		/* words of an ANCHOR_WORDS list */
#define MAX_WORD_LEN	12		/* letters of one of them */
#define LIT_UNKNOWN		SIZE_MAX	/* next occurrence not searched yet */
#define LIT_NONE		(SIZE_MAX - 1)	/* no occurrence left */
#define USER_WINDOW		1024
#define JIT_STACK_START	(32 * 1024)
#define JIT_STACK_MAX	(1024 * 1024)

/* What a pattern's matches are anchored on (see the design above). */
typedef enum Anchor
{
	ANCHOR_LITERALS,			/* one of the required literals, when reach >= 0 */
	ANCHOR_DIGITS,				/* the first digit of a run of ASCII digits */
	ANCHOR_WORDS				/* an ASCII word of the required list, any case */
} Anchor;

/*
 * The word anchors of one list found by the scan so far: every anchor in
 * [lo, hi) is in pos[0..n), in order.  The spelled-out MONEY and QUANTITY
 * patterns share their list of number words, so the second asks this
 * instead of reading the text again.
 */
#define MEMO_SIZE	64

typedef struct WordMemo
{
	const char *list;			/* the required list, NULL: nothing kept */
	size_t		lo;
	size_t		hi;
	size_t		pos[MEMO_SIZE];
	int			n;
} WordMemo;

/* One compiled pattern and its iterator state during a scan. */
typedef struct Pattern
{
	pcre2_code *code;
	pcre2_match_data *md;
	const char *type;
	const char *required;		/* literal every match contains, or NULL */
	Anchor		anchor;			/* what the scan anchors on, with reach */
	int			reach;			/* a match starts at most reach bytes before a
								 * required literal (-1: not known) */
	int			nlit;			/* ANCHOR_LITERALS: the literals of required,
								 * when reach >= 0 */
	const char *lit[MAX_LITERALS];
	uint8_t		litlen[MAX_LITERALS];
	uint8_t		litrare[MAX_LITERALS];	/* offset of its rarest byte */
	size_t		litnext[MAX_LITERALS];	/* next occurrence, LIT_UNKNOWN, LIT_NONE */
	const char *wordlist;		/* ANCHOR_WORDS: the required list */
	int			nwords;			/* ... and its words */
	uint64_t	words[MAX_WORDS];	/* as word_key gives them */
	uint64_t	wordbits[16];	/* a 1024-bit filter of them (word_slot) */
	float		confidence;
	bool		user;
	bool		jit;
	/* iterator */
	size_t		pos;			/* next start offset to try */
	bool		done;
	size_t		mstart;			/* current candidate, when !done */
	size_t		mend;
} Pattern;

struct NaPatternSet
{
	NaAllocator alloc;			/* a copy: the caller's may be temporary */
	pcre2_general_context *gcx;
	pcre2_compile_context *ccx;
	pcre2_match_context *mcx;
	pcre2_jit_stack *jit_stack;
	Pattern    *pats;			/* user patterns first, then builtin */
	size_t		npats;
	size_t		cap;
	size_t		nuser;
	bool		use_jit;
	bool		no_prefilter;	/* tests: run every pattern on every text */
	WordMemo	memo;			/* the word anchors found last, for the patterns
								 * that share a list */
	const char *failed_type;
};

/* ---------------------------------------------------------------------
 * Builtin patterns
 * ---------------------------------------------------------------------
 */
#define MONTH "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#define MON_ABBR "(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.|\\b)"
#define ANYMON "(?:" MONTH "\\b|" MON_ABBR ")"
#define DAYNUM "(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\\b"
#define YEAR "(?:1[89][0-9][0-9]|20[0-9][0-9])(?![-/.:][0-9]|,[0-9])"
#define WEEKDAY "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
#define NUM "(?:[0-9]{1,3}(?:,[0-9]{3}){1,6}|[0-9]{1,15})(?:\\.[0-9]{1,10})?"
#define SCALE "(?:\\s?(?:million|billion|trillion|thousand|mln|bln|bn|mn|tn|trn|crore|lakh)\\b|(?:m|k)\\b)?"
#define ISO_CCY "(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|CAD|AUD|NZD|INR|RUB|HKD|SGD|SEK|NOK|DKK|KRW|BRL|MXN|ZAR|TRY|SAR|AED|PLN|ILS|NGN|EGP|PKR|IDR|THB|UAH|ARS|CLP|COP|TWD)"
#define AMPM "(?:[ap]\\.m\\.|[ap]\\.m\\b|[ap]m\\b|[AP]M\\b)"
#define TZ "(?:\\s\\(?(?:GMT|UTC|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|JST|KST|HKT|SGT|AEST|AEDT|IST|local time)\\b\\)?)?"
#define PREP_TIME "(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]hrough|[Ee]arly|[Ll]ate|[Oo]f|[Ee]nd of|[Ss]tart of|[Bb]eginning of)"

/*
 * The same cue words as lookbehind assertions, so that PCRE2 starts its
 * search at the year or month (a digit, a capital) instead of at every
 * letter that could begin a cue word.  PCRE2 10.42 wants every branch of a
 * lookbehind fixed-length, so the words are grouped by length.
 */
#define PREP_TIME_LB "\\b(?:[Ii]n|[Bb]y|[Oo]f)\\s|\\b(?:[Tt]ill|[Ff]rom|[Ll]ate)\\s|\\b(?:[Ss]ince|[Uu]ntil|[Aa]fter|[Ee]arly)\\s|\\b(?:[Dd]uring|[Bb]efore|[Ee]nd of)\\s|\\b[Tt]hrough\\s|\\b[Ss]tart of\\s|\\b[Bb]eginning of\\s"
#define YEAR_CUE_LB "\\b[Aa]\\s|\\b[Aa]n\\s|\\b(?:[Tt]he|[Ff]or)\\s|\\b[Yy]ear\\s|\\b[Cc]irca\\s|\\b(?:[Ff]iscal|[Ss]ummer|[Ww]inter|[Ss]pring|[Aa]utumn|[Aa]round)\\s|\\b[Bb]etween\\s|\\b(?:[Cc]opyright|COPYRIGHT)\\s"

#define CURRENCY_WORDS "(?:(?:US|U\\.S\\.|Canadian|Australian|Hong Kong|Singapore|New Zealand|Taiwan)\\s)?(?:dollars?|dlrs|euros?|pounds? sterling|pounds?|sterling|stg|yen|yuan|renminbi|rupees?|roubles?|rubles?|francs?|marks|pesos?|reais|rand|won|lira|lire|shekels?|dinars?|dirhams?|riyals?|rials?|ringgit|baht|naira|hryvnias?|zlotys?|kronor|kroner|krona|krone|cents?|pence)"
#define UNITS "(?:km|kilometres?|kilometers?|miles?|metres?|meters?|cm|mm|centimetres?|centimeters?|millimetres?|millimeters?|feet|foot|ft|inches|inch|yards?|kg|kilos?|kilograms?|grams?|tonnes?|tons?|lbs?|ounces?|oz|barrels?|bpd|litres?|liters?|gallons?|acres?|hectares?|square\\s(?:km|kilometres?|kilometers?|miles?|metres?|meters?|feet)|sq\\s(?:km|miles?|m|ft)|cubic\\s(?:metres?|meters?|feet)|bcm|degrees?(?:\\s(?:Celsius|Fahrenheit|C|F)\\b)?|mph|km/h|kph|knots?|MW|GW|kW|kWh|MWh|GWh|TWh|megawatts?|gigawatts?|bushels?|carats?|calories)"
#define NUMWORD "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
#define BIGWORD "(?:hundred|thousand|million|billion|trillion)"
/* spelled-out amounts: "five", "twenty-five", "one million", "a billion",
 * "half a million"; the first word in any case, but of ASCII letters: in
 * UTF mode (?i) would take "\u017Fix" (long s) for "six", at a word boundary
 * after a digit, where no word starts */
#define SPELLED "(?:(?=[A-Za-z])(?i:" NUMWORD ")(?:[\\s-]" NUMWORD "){0,2}(?:\\s" BIGWORD "){0,2}|(?:[Aa]n?|[Hh]alf[\\s-]a)[\\s-]" BIGWORD "(?:\\s" BIGWORD ")?)"

/*
 * A builtin pattern.  required, when set, lists literals separated by '|'
 * one of which every match contains: a text with none of them skips the
 * pattern (most articles have no '@', no "ago", no weekday).  reach, when
 * required is set, is the most bytes between the start of a match (where
 * pcre2 tried it: before a \K) and the start of the first required literal
 * in it, with a margin; the scan then tries only the start positions up to
 * reach bytes before each occurrence.  A unit test compares scans with and
 * without these filters (patterns_test.c).
 *
 * names marks the patterns whose matches put capitalized words that are
 * not names in front of the name rules: weekdays and months ("Thursday
 * Schlesinger", "January Henkel") and currencies named after a country
 * ("Canadian dollars").  They make the names subset
 * (na_patterns_create_names), which a caller that needs the names of a
 * text but not its pattern entities scans instead of the whole set, at
 * about a sixth of its cost.
 */
typedef struct Builtin
{
	const char *type;
	float		confidence;
	const char *re;
	const char *required;
	int			reach;
	bool		names;			/* in the names subset (see below) */
	Anchor		anchor;			/* what the scan anchors on (with reach) */
} Builtin;

/* the lists that several patterns share, one array each: the scan tests
 * a list once for a run of patterns that share it */
static const char req_mon_abbr[] = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
static const char req_month[] = "January|February|March|April|May|June|July|August|September|October|November|December";
static const char req_decade[] = "0s";
/* the words a SPELLED amount starts with, in lower case */
static const char spelled_words[] = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a|an|half";

static const Builtin builtins[] = {
	/* DATE */
	{"DATE", 0.97f, "\\b(?:18|19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\\b", NULL, -1, false, ANCHOR_LITERALS},
	{"DATE", 0.95f, "\\b(?:" WEEKDAY ",?\\s)?" ANYMON "\\s" DAYNUM "(?:,?\\s" YEAR "\\b)?", req_mon_abbr, 16, true, ANCHOR_LITERALS},
	{"DATE", 0.95f, "\\b(?:" WEEKDAY ",?\\s)?(?:the\\s)?" DAYNUM "\\s(?:of\\s)?" ANYMON "(?:,?\\s" YEAR "\\b)?", req_mon_abbr, 32, true, ANCHOR_LITERALS},
	{"DATE", 0.93f, "\\b" ANYMON ",?\\s" YEAR "\\b", req_mon_abbr, 4, true, ANCHOR_LITERALS},
	{"DATE", 0.75f, "\\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12][0-9]|3[01])/(?:(?:19|20)[0-9]{2}|[0-9]{2})\\b(?!/)", NULL, -1, false, ANCHOR_LITERALS},
	{"DATE", 0.75f, "\\b(?:[12][0-9]|3[01])/(?:0?[1-9]|1[0-2])/(?:(?:19|20)[0-9]{2}|[0-9]{2})\\b(?!/)", NULL, -1, false, ANCHOR_LITERALS},
	{"DATE", 0.85f, "\\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\\s)?" WEEKDAY "\\b", "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday", 8, true, ANCHOR_LITERALS},
	{"DATE", 0.9f, "\\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow)\\b", "esterday|oday|omorrow", 2, false, ANCHOR_LITERALS},
	{"DATE", 0.9f, "\\b(?:(?:[Ee]arlier|[Ll]ater)\\s)?(?:[Ll]ast|[Nn]ext|[Tt]his)\\s(?:week|month|year)\\b", "week|month|year", 16, false, ANCHOR_LITERALS},
	{"DATE", 0.9f, "\\b(?:[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\\s(?:days?|weeks?|months?|years?)\\sago\\b", "ago", 16, false, ANCHOR_LITERALS},
	{"DATE", 0.85f, "\\b(?:[Ll]ast|[Nn]ext|[Tt]his)\\s" MONTH "\\b", req_month, 8, false, ANCHOR_LITERALS},
	{"DATE", 0.85f, "(?<=" PREP_TIME_LB "|\\b[Mm]id-)" MONTH "\\b", req_month, 4, true, ANCHOR_LITERALS},
	{"DATE", 0.85f, "\\b(?:the\\s|[Mm]id-)?(?:18|19|20)[0-9]0s\\b", req_decade, 8, false, ANCHOR_LITERALS},
	{"DATE", 0.8f, "(?:\\b(?:the|[Mm]id)[\\s-])?['’][0-9]0s\\b", req_decade, 12, false, ANCHOR_LITERALS},
	{"DATE", 0.8f, "(?<=" PREP_TIME_LB "|" YEAR_CUE_LB ")" YEAR "\\b(?![-/,.][0-9]|\\s?%)", NULL, -1, false, ANCHOR_LITERALS},
	{"DATE", 0.8f, "\\b" YEAR "\\s(?:and|to|through|until)\\s\\K" YEAR "\\b(?![-/,.][0-9]|\\s?%)", NULL, -1, false, ANCHOR_LITERALS},
	{"DATE", 0.75f, "\\(\\K" YEAR "(?=\\))", "(", 4, false, ANCHOR_LITERALS},
	{"DATE", 0.8f, "\\b[Mm]id-\\K" YEAR "\\b", NULL, -1, false, ANCHOR_LITERALS},
	{"DATE", 0.85f, "\\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\\s)?(?:Christmas(?:\\s(?:Eve|Day))?|New\\sYear(?:['’]s)?(?:\\s(?:Eve|Day))?|Valentine['’]s\\sDay|Halloween|Bastille\\sDay|Boxing\\sDay|(?:St\\.?|Saint)\\sPatrick['’]s\\sDay|Armistice\\sDay|Veterans\\sDay|May\\sDay|Easter(?:\\s(?:Sunday|Monday))?|Good\\sFriday|Thanksgiving(?:\\sDay)?|Memorial\\sDay|Labor\\sDay)\\b(?:,?\\s(?:of\\s)?" YEAR "\\b)?", "Christmas|Year|Valentine|Halloween|Bastille|Boxing|Patrick|Armistice|Veterans|Day|Easter|Friday|Thanksgiving|Memorial", 16, false, ANCHOR_LITERALS},
	{"DATE", 0.8f, "\\b(?:(?:[Ll]ast|[Nn]ext|[Tt]his)\\s(?:spring|summer|autumn|fall|winter)\\b|(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\\s(?:of\\s)?" YEAR "\\b)", "pring|ummer|utumn|fall|Fall|inter", 8, false, ANCHOR_LITERALS},
	{"DATE", 0.75f, "\\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y|[Uu]ntil|[Ee]arly|[Ll]ate|[Mm]id-?)\\s(?:the\\s)?\\K(?:spring|summer|autumn|fall|winter)\\b(?!\\s(?:of|season|games|olympics|session|term|school|camp|transfer))", "spring|summer|autumn|fall|winter", 16, false, ANCHOR_LITERALS},
	{"DATE", 0.85f, "\\b(?:(?:the\\s)?(?:[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth|1st|2nd|3rd|4th)[\\s-]quarter(?:\\s(?:of\\s)?" YEAR ")?|Q[1-4](?:\\s?" YEAR ")?|(?:[Ll]ast|[Nn]ext|[Tt]his)\\squarter|(?:[0-9]{1,2}|an?|one|two|three|four|five|six|seven|eight)\\squarters?\\sago)\\b", "quarter|Q1|Q2|Q3|Q4", 16, false, ANCHOR_LITERALS},
	{"DATE", 0.8f, "\\b(?:the\\s)?(?:1[0-9]th|2[0-2](?:st|nd|rd)|[4-9]th|1st|2nd|3rd)[\\s-]century\\b", "century", 12, false, ANCHOR_LITERALS},
	/* TIME */
	{"TIME", 0.9f, "\\b(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?(?:\\s?" AMPM ")?" TZ, ":", 4, false, ANCHOR_LITERALS},
	{"TIME", 0.9f, "\\b(?:1[0-2]|0?[1-9])(?:[.:][0-5][0-9])?\\s?" AMPM TZ, NULL, -1, false, ANCHOR_LITERALS},
	{"TIME", 0.85f, "\\b(?:[01][0-9]|2[0-3])[0-5][0-9]\\s(?:GMT|UTC)\\b", NULL, -1, false, ANCHOR_LITERALS},
	{"TIME", 0.8f, "\\b(?:[Nn]oon|[Mm]idday|[Mm]idnight)\\b" TZ, "oon|idday|idnight", 2, false, ANCHOR_LITERALS},
	/* MONEY */
	{"MONEY", 0.95f, "(?:\\b(?:US|C|A|NZ|HK|S|NT|R|Mex)\\$|\\$|€|£|¥|₹|₽|₩|₺|₪|₦|₴|₱|\\bRs\\.?\\s?|\\bRp\\.?\\s?|\\bRM\\s?|\\b(?:dlrs|stg)\\.?\\s|\\b" ISO_CCY "\\s?)" NUM SCALE, NULL, 6, false, ANCHOR_DIGITS},
	{"MONEY", 0.9f, "\\b" NUM SCALE "\\s?" CURRENCY_WORDS "\\b", NULL, -1, true, ANCHOR_LITERALS},
	{"MONEY", 0.85f, "\\b" NUM SCALE "\\s" ISO_CCY "\\b", NULL, -1, false, ANCHOR_LITERALS},
	/* PERCENT */
	{"PERCENT", 0.97f, "\\b" NUM "\\s?(?:%|percent\\b|per\\scent\\b|pct\\b|percentage\\spoints?\\b)", NULL, -1, false, ANCHOR_LITERALS},
	/* QUANTITY */
	{"QUANTITY", 0.85f, "\\b" NUM "(?:\\s(?:million|billion|thousand))?(?:\\s?-?\\s?)" UNITS "\\b", NULL, -1, false, ANCHOR_LITERALS},
	{"QUANTITY", 0.85f, "\\b" NUM "\\s?°\\s?[CF]?\\b", "°", 48, false, ANCHOR_LITERALS},
	/* spelled-out amounts */
	{"MONEY", 0.85f, "\\b" SPELLED "\\s" CURRENCY_WORDS "\\b", spelled_words, 0, false, ANCHOR_WORDS},
	{"PERCENT", 0.9f, "\\b" SPELLED "\\s(?:percent|per\\scent|percentage\\spoints?)\\b", "cent", 64, false, ANCHOR_LITERALS},
	{"QUANTITY", 0.8f, "\\b" SPELLED "[\\s-]" UNITS "\\b", spelled_words, 0, false, ANCHOR_WORDS},
	/* URL, EMAIL */
	{"URL", 0.97f, "\\b(?:https?://|ftp://|www\\.)[^\\s<>\"'()\\[\\]{}]{0,2048}[^\\s<>\"'()\\[\\]{}.,;:!?]", NULL, -1, false, ANCHOR_LITERALS},
	{"EMAIL", 0.97f, "\\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}\\b", "@", 64, false, ANCHOR_LITERALS},
};

#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

/* ---------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------
 */
static void *
pcre_malloc(PCRE2_SIZE size, void *data)
{
	return na_alloc((const NaAllocator *) data, size);
}

static void
pcre_free(void *ptr, void *data)
{
	na_release((const NaAllocator *) data, ptr);
}

static char *
dup_str(const NaAllocator *a, const char *s, size_t n)
{
	char	   *d = na_alloc(a, n + 1);

	if (d)
	{
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static size_t
char_count(const char *s, size_t from, size_t to)
{
	size_t		n = 0;

	for (size_t i = from; i < to; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* ---------------------------------------------------------------------
 * Compilation
 * ---------------------------------------------------------------------
 */
#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_USE_OFFSET_LIMIT | PCRE2_NEVER_BACKSLASH_C)

/* format_error writes "<message> at character N" into errbuf. */
static void
format_error(int code, PCRE2_SIZE off, const char *pattern, size_t plen,
			 char *errbuf, size_t errlen)
{
	PCRE2_UCHAR msg[256];
	size_t		coff;

	if (!errbuf || errlen == 0)
		return;
	if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
		snprintf((char *) msg, sizeof(msg), "error %d", code);
	if (off > plen)
		off = plen;
	coff = char_count(pattern, 0, off);
	snprintf(errbuf, errlen, "%s at character %zu", (const char *) msg, coff);
}

/* compile_one compiles pattern with the set's contexts (or a throwaway
 * compile context when set is NULL and ccx is given). */
static pcre2_code *
compile_one(pcre2_compile_context *ccx, const char *pattern, size_t plen,
			char *errbuf, size_t errlen, NaStatus *st)
{
	int			err;
	PCRE2_SIZE	off;
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR) pattern, plen, COMPILE_OPTIONS, &err, &off, ccx);
	if (!code)
	{
		if (err == PCRE2_ERROR_NOMEMORY || err == PCRE2_ERROR_HEAPLIMIT)
			*st = NA_ERR_NOMEM;
		else
		{
			*st = NA_ERR_BAD_PATTERN;
			format_error(err, off, pattern, plen, errbuf, errlen);
		}
		return NULL;
	}
	*st = NA_OK;
	return code;
}

/* append_pattern adds a compiled pattern at index at (shifting the rest). */
static NaStatus
append_pattern(NaPatternSet *set, size_t at, pcre2_code *code, const char *type,
			   float confidence, bool user)
{
	Pattern    *p;
	NaStatus	st = na_grow(&set->alloc, (void **) &set->pats, &set->cap, set->npats + 1,
							 sizeof(Pattern));

	if (st != NA_OK)
		return st;
	if (at < set->npats)
		memmove(&set->pats[at + 1], &set->pats[at], (set->npats - at) * sizeof(Pattern));
	p = &set->pats[at];
	memset(p, 0, sizeof(*p));
	p->reach = -1;				/* scanned in windows until set_anchor */
	p->code = code;
	p->type = type;
	p->confidence = confidence;
	p->user = user;
	p->jit = set->use_jit && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	set->npats++;
	p->md = pcre2_match_data_create_from_pattern(code, set->gcx);
	if (!p->md)
		return NA_ERR_NOMEM;
	return NA_OK;
}

static NaStatus create_set(const NaAllocator *alloc, bool jit, const char *only,
						   bool names, NaPatternSet **out);

static size_t rarest_byte(const char *lit, size_t n);

static uint64_t word_key(const char *w, size_t n);
static unsigned word_slot(uint64_t key);

/*
 * set_anchor: a pattern's required literals or words and its anchor; with
 * a reach, the scan anchors on them (a list longer than MAX_LITERALS, or a
 * literal longer than 255 bytes, only filters whole texts).  A list of
 * words that cannot be anchored on is a bug in the table (NA_ERR_INTERNAL).
 */
static NaStatus
set_anchor(Pattern *p, const char *required, int reach, Anchor anchor)
{
	const char *r = required;

	p->required = anchor == ANCHOR_LITERALS ? required : NULL;
	p->anchor = anchor;
	p->reach = reach;
	p->nlit = 0;
	p->nwords = 0;
	memset(p->wordbits, 0, sizeof(p->wordbits));
	switch (anchor)
	{
		case ANCHOR_DIGITS:
			return reach >= 0 ? NA_OK : NA_ERR_INTERNAL;
		case ANCHOR_WORDS:
			if (!required || reach != 0)
				return NA_ERR_INTERNAL;
			p->wordlist = required;
			break;
		case ANCHOR_LITERALS:
			if (!required || reach < 0)
			{
				p->reach = -1;
				return NA_OK;
			}
			break;
	}
	for (;;)
	{
		const char *bar = strchr(r, '|');
		size_t		n = bar ? (size_t) (bar - r) : strlen(r);

		if (anchor == ANCHOR_WORDS)
		{
			uint64_t	key = word_key(r, n);

			if (p->nwords == MAX_WORDS || key == 0)
				return NA_ERR_INTERNAL;
			p->words[p->nwords++] = key;
			p->wordbits[word_slot(key) / 64] |= UINT64_C(1) << (word_slot(key) % 64);
		}
		else if (p->nlit == MAX_LITERALS || n == 0 || n > UINT8_MAX)
		{
			p->nlit = 0;
			p->reach = -1;
			return NA_OK;
		}
		else
		{
			p->lit[p->nlit] = r;
			p->litlen[p->nlit] = (uint8_t) n;
			p->litrare[p->nlit++] = (uint8_t) rarest_byte(r, n);
		}
		if (!bar)
			break;
		r = bar + 1;
	}
	return NA_OK;
}

/* na_patterns_create builds a set holding the builtin patterns; it copies
 * *alloc, and every allocation of the set is made through it. */
NaStatus
na_patterns_create(const NaAllocator *alloc, NaPatternSet **out)
{
	return create_set(alloc, true, NULL, false, out);
}

/* na_patterns_create_ex: the same, JIT-compiling the patterns only if jit. */
NaStatus
na_patterns_create_ex(const NaAllocator *alloc, bool jit, NaPatternSet **out)
{
	return create_set(alloc, jit, NULL, false, out);
}

/* na_patterns_create_type: the builtin patterns of one type only. */
NaStatus
na_patterns_create_type(const NaAllocator *alloc, const char *type, NaPatternSet **out)
{
	bool		known = false;

	*out = NULL;
	for (size_t i = 0; type && i < NBUILTINS; i++)
		if (strcmp(builtins[i].type, type) == 0)
			known = true;
	if (!known)
		return NA_ERR_BAD_ARGUMENT;
	return create_set(alloc, true, type, false, out);
}

/* na_patterns_create_names: the names subset of the builtin patterns. */
NaStatus
na_patterns_create_names(const NaAllocator *alloc, NaPatternSet **out)
{
	return create_set(alloc, true, NULL, true, out);
}

/* create_set: a set with the builtin patterns (of type only, if not NULL;
 * of the names subset only, if names). */
static NaStatus
create_set(const NaAllocator *alloc, bool jit, const char *only, bool names,
		   NaPatternSet **out)
{
	NaPatternSet *set;
	NaStatus	st = NA_OK;

	*out = NULL;
	set = na_alloc(alloc, sizeof(NaPatternSet));
	if (!set)
		return NA_ERR_NOMEM;
	memset(set, 0, sizeof(*set));
	set->alloc = *alloc;
	set->use_jit = jit;
	set->gcx = pcre2_general_context_create(pcre_malloc, pcre_free, &set->alloc);
	if (!set->gcx)
		goto nomem;
	set->ccx = pcre2_compile_context_create(set->gcx);
	set->mcx = pcre2_match_context_create(set->gcx);
	if (!set->ccx || !set->mcx)
		goto nomem;
	pcre2_set_max_pattern_length(set->ccx, NA_PATTERN_MAX_LENGTH);
	pcre2_set_match_limit(set->mcx, NA_PATTERN_MATCH_LIMIT);
	pcre2_set_depth_limit(set->mcx, NA_PATTERN_DEPTH_LIMIT);
	pcre2_set_heap_limit(set->mcx, NA_PATTERN_HEAP_LIMIT_KB);
	/* the JIT stack is optional: without it the JIT uses 32 KiB of machine
	 * stack, and deep recursion ends with a limit error, never a crash */
	set->jit_stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, set->gcx);
	if (set->jit_stack)
		pcre2_jit_stack_assign(set->mcx, NULL, set->jit_stack);

	for (size_t i = 0; i < NBUILTINS; i++)
	{
		char		err[256];
		pcre2_code *code;

		if ((only && strcmp(builtins[i].type, only) != 0) || (names && !builtins[i].names))
			continue;
		code = compile_one(set->ccx, builtins[i].re, strlen(builtins[i].re),
									   err, sizeof(err), &st);

		if (!code)
		{
			/* a builtin that does not compile is a bug */
			if (st == NA_ERR_BAD_PATTERN)
				st = NA_ERR_INTERNAL;
			goto fail;
		}
		st = append_pattern(set, set->npats, code, builtins[i].type,
							builtins[i].confidence, false);
		if (st != NA_OK)
			goto fail;
		st = set_anchor(&set->pats[set->npats - 1], builtins[i].required,
						builtins[i].reach, builtins[i].anchor);
		if (st != NA_OK)
			goto fail;
	}
	*out = set;
	return NA_OK;

nomem:
	st = NA_ERR_NOMEM;
fail:
	na_patterns_destroy(set);
	return st;
}

/* na_patterns_add compiles a user pattern of the given type into set; it is
 * tried before the builtin patterns and after earlier user patterns. */
NaStatus
na_patterns_add(NaPatternSet *set, const char *type, const char *pattern, size_t plen,
				char *errbuf, size_t errlen)
{
	NaStatus	st;
	pcre2_code *code;
	char	   *tcopy;
	size_t		tlen;

	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (!set || !type || !pattern)
		return NA_ERR_BAD_ARGUMENT;
	tlen = strlen(type);
	if (tlen == 0 || tlen > 63)
		return NA_ERR_BAD_ARGUMENT;
	if (plen > NA_PATTERN_MAX_LENGTH)
	{
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "pattern is longer than %d bytes", NA_PATTERN_MAX_LENGTH);
		return NA_ERR_BAD_PATTERN;
	}
	if (!na_utf8_valid(pattern, plen, NULL, NULL))
		return NA_ERR_INVALID_UTF8;
	code = compile_one(set->ccx, pattern, plen, errbuf, errlen, &st);
	if (!code)
		return st;
	tcopy = dup_str(&set->alloc, type, tlen);
	if (!tcopy)
	{
		pcre2_code_free(code);
		return NA_ERR_NOMEM;
	}
	st = append_pattern(set, set->nuser, code, tcopy, 0.9f, true);
	if (st != NA_OK)
		return st;				/* the pattern is in the set; destroy frees it */
	set->nuser++;
	return NA_OK;
}

/* na_patterns_check: does pattern compile as a user pattern? */
NaStatus
na_patterns_check(const NaAllocator *alloc, const char *pattern, size_t plen,
				  char *errbuf, size_t errlen)
{
	NaAllocator a = *alloc;
	pcre2_general_context *gcx;
	pcre2_compile_context *ccx;
	pcre2_code *code;
	NaStatus	st;

	if (errbuf && errlen)
		errbuf[0] = '\0';
	if (!pattern)
		return NA_ERR_BAD_ARGUMENT;
	if (plen > NA_PATTERN_MAX_LENGTH)
	{
		if (errbuf && errlen)
			snprintf(errbuf, errlen, "pattern is longer than %d bytes", NA_PATTERN_MAX_LENGTH);
		return NA_ERR_BAD_PATTERN;
	}
	if (!na_utf8_valid(pattern, plen, NULL, NULL))
		return NA_ERR_INVALID_UTF8;
	gcx = pcre2_general_context_create(pcre_malloc, pcre_free, &a);
	if (!gcx)
		return NA_ERR_NOMEM;
	ccx = pcre2_compile_context_create(gcx);
	if (!ccx)
	{
		pcre2_general_context_free(gcx);
		return NA_ERR_NOMEM;
	}
	pcre2_set_max_pattern_length(ccx, NA_PATTERN_MAX_LENGTH);
	code = compile_one(ccx, pattern, plen, errbuf, errlen, &st);
	pcre2_code_free(code);
	pcre2_compile_context_free(ccx);
	pcre2_general_context_free(gcx);
	return st;
}

/* na_patterns_destroy frees everything the set owns, JIT code included. */
void
na_patterns_destroy(NaPatternSet *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->npats; i++)
	{
		Pattern    *p = &set->pats[i];

		pcre2_match_data_free(p->md);
		pcre2_code_free(p->code);
		if (p->user)
			na_release(&set->alloc, (void *) p->type);
	}
	na_release(&set->alloc, set->pats);
	pcre2_jit_stack_free(set->jit_stack);
	pcre2_match_context_free(set->mcx);
	pcre2_compile_context_free(set->ccx);
	pcre2_general_context_free(set->gcx);
	na_release(&set->alloc, set);
}

const char *
na_patterns_failed_type(const NaPatternSet *set)
{
	return set ? set->failed_type : NULL;
}

bool
na_patterns_jit(const NaPatternSet *set)
{
	for (size_t i = 0; set && i < set->npats; i++)
		if (set->pats[i].jit)
			return true;
	return false;
}

/* ---------------------------------------------------------------------
 * Scanning
 * ---------------------------------------------------------------------
 */

/* na_patterns_set_prefilter: see patterns.h. */
void
na_patterns_set_prefilter(NaPatternSet *set, bool on)
{
	set->no_prefilter = !on;
}

/*
 * rarest_byte: the offset of the byte of lit[0..n) least often seen in
 * English news text (roughly: lower-case letters by their frequency, space
 * the most common, capitals and digits rarer than most letters), which the
 * search looks for: "oday" is found by its 'y', "week" by its 'k'.
 */
static size_t
rarest_byte(const char *lit, size_t n)
{
	static const char by_frequency[] = " etaoinshrdlcumwfgypbvkjxqz";
	size_t		best = 0;
	int			best_rank = 1000;

	for (size_t i = 0; i < n; i++)
	{
		unsigned char c = (unsigned char) lit[i];
		const char *f = c ? strchr(by_frequency, c) : NULL;
		int			rank;

		if (f)
			rank = 100 - (int) (f - by_frequency);	/* 100 for space */
		else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			rank = 70;			/* about as rare as 'g' or 'y' */
		else
			rank = 60;			/* punctuation, bytes of non-ASCII letters */
		if (rank < best_rank)
		{
			best_rank = rank;
			best = i;
		}
	}
	return best;
}

/*
 * find_literal: the offset of the first occurrence of lit[0..n) in
 * text[from..len), or LIT_NONE, found by memchr of its byte at offset rare
 * (its rarest).  The search goes NA_YIELD_EVERY bytes at a time with a
 * yield in between: a large text, or one full of that byte, takes a while.
 */
static size_t
find_literal(const char *text, size_t len, size_t from, const char *lit, size_t n,
			 size_t rare, const NaYield *yield)
{
	const char *p;
	const char *last;			/* where the rare byte of the last fit is */
	const char *next_yield;

	if (from > len || n > len - from)
		return LIT_NONE;
	p = text + from + rare;
	last = text + len - n + rare;
	next_yield = p + NA_YIELD_EVERY;
	while (p <= last)
	{
		size_t		span = (size_t) (last - p) + 1;
		const char *q;

		if (span > NA_YIELD_EVERY)
			span = NA_YIELD_EVERY;
		q = memchr(p, lit[rare], span);
		if (q && na_same_bytes(q - rare, lit, n))
			return (size_t) (q - rare - text);
		p = q ? q + 1 : p + span;
		if (p >= next_yield)
		{
			na_yield(yield);
			next_yield = p + NA_YIELD_EVERY;
		}
	}
	return LIT_NONE;
}

/*
 * any_literal: does text[0..len) contain one of p's required literals?  The
 * occurrence found is kept as that literal's next one, so that the scan
 * does not search for it again.
 */
static bool
any_literal(Pattern *p, const char *text, size_t len, const NaYield *yield)
{
	for (int i = 0; i < p->nlit; i++)
	{
		p->litnext[i] = find_literal(text, len, 0, p->lit[i], p->litlen[i],
									 p->litrare[i], yield);
		if (p->litnext[i] != LIT_NONE)
			return true;
	}
	return false;
}

/* contains_any: does text[0..len) contain one of the literals of list (a
 * list that is not anchored on, so its rarest bytes are not kept)? */
static bool
contains_any(const char *text, size_t len, const char *list, const NaYield *yield)
{
	for (;;)
	{
		const char *bar = strchr(list, '|');
		size_t		n = bar ? (size_t) (bar - list) : strlen(list);

		if (n > 0 && find_literal(text, len, 0, list, n, rarest_byte(list, n), yield) != LIT_NONE)
			return true;
		if (!bar)
			return false;
		list = bar + 1;
	}
}

/* next_char: the offset of the character after the one at i. */
static size_t
next_char(const char *s, size_t len, size_t i)
{
	i++;
	while (i < len && ((unsigned char) s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/*
 * next_literal: the first occurrence at or after from of any required
 * literal of p, or LIT_NONE; each literal's next occurrence is kept, so
 * that a scan searches the text once per literal.
 */
static size_t
next_literal(Pattern *p, const char *text, size_t len, size_t from, const NaYield *yield)
{
	size_t		best = LIT_NONE;

	for (int i = 0; i < p->nlit; i++)
	{
		if (p->litnext[i] == LIT_UNKNOWN || (p->litnext[i] != LIT_NONE && p->litnext[i] < from))
			p->litnext[i] = find_literal(text, len, from, p->lit[i], p->litlen[i],
										 p->litrare[i], yield);
		if (p->litnext[i] < best)
			best = p->litnext[i];
	}
	return best;
}

/*
 * letter_code: for each byte, 1 to 26 for an ASCII letter (either case),
 * 27 for another character of \w (a digit or '_': ASCII only, as there is
 * no PCRE2_UCP), 0 for any other byte.
 */
#define LC_WORD		27
#define LC_ROW(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z' ? ((c) | 0x20) - 'a' + 1 : \
					 ((c) >= '0' && (c) <= '9') || (c) == '_' ? LC_WORD : 0)
#define LC_4(c)		LC_ROW(c), LC_ROW((c) + 1), LC_ROW((c) + 2), LC_ROW((c) + 3)
#define LC_16(c)	LC_4(c), LC_4((c) + 4), LC_4((c) + 8), LC_4((c) + 12)
static const uint8_t letter_code[256] = {
	LC_16(0), LC_16(16), LC_16(32), LC_16(48), LC_16(64), LC_16(80), LC_16(96), LC_16(112)
};

/*
 * word_key: the ASCII word w[0..n), folded to lower case, five bits a
 * letter; 0 for an empty word, a longer one than MAX_WORD_LEN or one with
 * a byte that is not a letter.
 */
static uint64_t
word_key(const char *w, size_t n)
{
	uint64_t	key = 0;

	if (n == 0 || n > MAX_WORD_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
	{
		unsigned	c = letter_code[(unsigned char) w[i]];

		if (c == 0 || c == LC_WORD)
			return 0;
		key = key << 5 | c;
	}
	return key;
}

/* word_slot: the bit of the 1024-bit word filter that stands for key */
static unsigned
word_slot(uint64_t key)
{
	return (unsigned) ((key * UINT64_C(0x9E3779B97F4A7C15)) >> 54);
}

/* word_in_filter: may key be one of p's words? */
static inline bool
word_in_filter(const Pattern *p, uint64_t key)
{
	unsigned	slot = word_slot(key);

	return (p->wordbits[slot / 64] >> (slot % 64)) & 1;
}

/* has_digit8: does the 8-byte word w hold an ASCII digit (a byte over 47
 * and under 58; bytes over 127 never count)? */
static inline bool
has_digit8(uint64_t w)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t low7 = ones * 127;

	return ((ones * (127 + 58) - (w & low7)) & ~w & ((w & low7) + ones * (127 - 47)) &
			(ones * 128)) != 0;
}

/*
 * next_digits: the first digit at or after from that begins a run of ASCII
 * digits, or LIT_NONE.  Eight bytes without a digit are passed at a time.
 */
static size_t
next_digits(const char *text, size_t len, size_t from, const NaYield *yield)
{
	size_t		i = from;

	while (i < len)
	{
		size_t		stop = len - i > NA_YIELD_EVERY ? i + NA_YIELD_EVERY : len;

		while (i < stop)
		{
			uint64_t	w;

			if (stop - i >= 8)
			{
				memcpy(&w, text + i, 8);
				if (!has_digit8(w))
				{
					i += 8;
					continue;
				}
			}
			if (text[i] >= '0' && text[i] <= '9' &&
				(i == 0 || text[i - 1] < '0' || text[i - 1] > '9'))
				return i;
			i++;
		}
		na_yield(yield);
	}
	return LIT_NONE;
}

/*
 * next_word: the start of the first word at or after from (a run of ASCII
 * letters after a byte that is not \w, as \b sees it) that is one of p's
 * words, in any case, or LIT_NONE.  A word's key is built as its letters
 * are passed over, and a 1024-bit filter answers for most words.
 */
static size_t
next_word(Pattern *p, const char *text, size_t len, size_t from, const NaYield *yield)
{
	size_t		i = from;

	while (i < len)
	{
		size_t		stop = len - i > NA_YIELD_EVERY ? i + NA_YIELD_EVERY : len;

		while (i < stop)
		{
			unsigned	c = letter_code[(unsigned char) text[i]];
			size_t		start = i;
			bool		at_boundary;
			uint64_t	key = 0;

			if (c == 0 || c == LC_WORD)
			{
				i++;
				continue;
			}
			at_boundary = i == 0 || letter_code[(unsigned char) text[i - 1]] == 0;
			do
			{
				key = key << 5 | c;
				i++;
			} while (i < len && (c = letter_code[(unsigned char) text[i]]) != 0 && c != LC_WORD);
			if (at_boundary && i - start <= MAX_WORD_LEN && word_in_filter(p, key))
			{
				for (int k = 0; k < p->nwords; k++)
					if (p->words[k] == key)
						return start;
			}
		}
		na_yield(yield);
	}
	return LIT_NONE;
}

/* memo_add: q, the anchor after the memo's last, is kept (the oldest half
 * goes when the memo is full) */
static void
memo_add(WordMemo *m, size_t q, size_t len)
{
	if (q == LIT_NONE)
	{
		m->hi = len;
		return;
	}
	if (m->n == MEMO_SIZE)
	{
		m->lo = m->pos[MEMO_SIZE / 2 - 1] + 1;
		memmove(m->pos, m->pos + MEMO_SIZE / 2, sizeof(size_t) * (MEMO_SIZE / 2));
		m->n = MEMO_SIZE / 2;
	}
	m->pos[m->n++] = q;
	m->hi = q + 1;
}

/*
 * next_shared_word: next_word, answered from the set's memo when it covers
 * from and holds p's list; the memo then goes on from where it stopped.
 */
static size_t
next_shared_word(NaPatternSet *set, Pattern *p, const char *text, size_t len, size_t from,
				 const NaYield *yield)
{
	WordMemo   *m = &set->memo;
	size_t		q;

	if (m->list == p->wordlist && from >= m->lo && from <= m->hi)
	{
		for (int k = 0; k < m->n; k++)
			if (m->pos[k] >= from)
				return m->pos[k];
		if (m->hi >= len)
			return LIT_NONE;
		q = next_word(p, text, len, m->hi, yield);
	}
	else
	{
		q = next_word(p, text, len, from, yield);
		m->list = p->wordlist;
		m->lo = from;
		m->n = 0;
	}
	memo_add(m, q, len);
	return q;
}

/* next_anchor: the next position at or after from that p is anchored on */
static size_t
next_anchor(NaPatternSet *set, Pattern *p, const char *text, size_t len, size_t from,
			const NaYield *yield)
{
	switch (p->anchor)
	{
		case ANCHOR_DIGITS:
			return next_digits(text, len, from, yield);
		case ANCHOR_WORDS:
			return next_shared_word(set, p, text, len, from, yield);
		case ANCHOR_LITERALS:
			break;
	}
	return next_literal(p, text, len, from, yield);
}

static NaStatus
limit_status(NaPatternSet *set, Pattern *p, int rc)
{
	switch (rc)
	{
		case PCRE2_ERROR_MATCHLIMIT:
		case PCRE2_ERROR_DEPTHLIMIT:
		case PCRE2_ERROR_HEAPLIMIT:
		case PCRE2_ERROR_JIT_STACKLIMIT:
			set->failed_type = p->type;
			return NA_ERR_MATCH_LIMIT;
		case PCRE2_ERROR_NOMEMORY:
			return NA_ERR_NOMEM;
		default:
			return rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21
				? NA_ERR_INVALID_UTF8 : NA_ERR_INTERNAL;
	}
}

/*
 * advance finds p's next non-empty match at or after p->pos, trying start
 * positions one window at a time and yielding after every call.
 */
static NaStatus
advance(NaPatternSet *set, Pattern *p, const char *text, size_t len,
		const NaYield *yield)
{
	size_t		window = p->user ? USER_WINDOW : BUILTIN_WINDOW;
	bool		anchored = p->reach >= 0 && !set->no_prefilter;

	while (p->pos <= len)
	{
		size_t		from = p->pos;
		size_t		next;		/* where to go on when nothing matches */
		int			rc;
		PCRE2_SIZE *ov;

		if (anchored)
		{
			/* start positions [q - reach, q] for the next anchor q */
			size_t		q = next_anchor(set, p, text, len, p->pos, yield);

			if (q == LIT_NONE)
				break;
			if (q - from > (size_t) p->reach)
			{
				from = q - (size_t) p->reach;
				while (from < q && ((unsigned char) text[from] & 0xC0) == 0x80)
					from++;
			}
			pcre2_set_offset_limit(set->mcx, q);
			next = next_char(text, len, q);
		}
		else
		{
			/* window of start positions [pos, next): next on a char boundary */
			next = p->pos + window;
			if (next >= len)
			{
				pcre2_set_offset_limit(set->mcx, PCRE2_UNSET);
				next = len + 1;
			}
			else
			{
				while (next < len && ((unsigned char) text[next] & 0xC0) == 0x80)
					next++;
				pcre2_set_offset_limit(set->mcx, next - 1);
			}
		}
		rc = pcre2_match(p->code, (PCRE2_SPTR) text, len, from,
						 PCRE2_NO_UTF_CHECK, p->md, set->mcx);
		na_yield(yield);
		if (rc == PCRE2_ERROR_NOMATCH)
		{
			p->pos = next;
			continue;
		}
		if (rc < 0)
			return limit_status(set, p, rc);
		ov = pcre2_get_ovector_pointer(p->md);
		if (ov[1] <= ov[0] || ov[0] < p->pos)
		{
			/* empty match (or \K oddity): move on by one character */
			size_t		after = ov[1] > p->pos ? ov[1] : p->pos;

			if (after >= len)
				break;
			p->pos = next_char(text, len, after);
			continue;
		}
		p->mstart = ov[0];
		p->mend = ov[1];
		p->pos = ov[1];
		return NA_OK;
	}
	p->done = true;
	return NA_OK;
}

typedef struct Cand
{
	size_t		start;
	size_t		end;
	size_t		pat;
	bool		won;
} Cand;

typedef struct ScanState
{
	NaPatternSet *set;
	const char *text;
	size_t		len;
	NaPatternFn fn;
	void	   *arg;
	Cand	   *cands;
	size_t		ncands;
	size_t		cap;
	size_t		cpos;			/* byte offset whose char offset is cchars */
	size_t		cchars;
	bool		stopped;
} ScanState;

static int
cmp_priority(const void *a, const void *b)
{
	const Cand *x = a;
	const Cand *y = b;
	size_t		lx = x->end - x->start;
	size_t		ly = y->end - y->start;

	if (lx != ly)
		return lx > ly ? -1 : 1;
	if (x->pat != y->pat)
		return x->pat < y->pat ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static int
cmp_start(const void *a, const void *b)
{
	const Cand *x = a;
	const Cand *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

static bool
range_free(const uint64_t *bits, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
	{
		if ((i & 63) == 0 && to - i >= 64)
		{
			if (bits[i >> 6])
				return false;
			i += 63;
			continue;
		}
		if (bits[i >> 6] & ((uint64_t) 1 << (i & 63)))
			return false;
	}
	return true;
}

static void
range_set(uint64_t *bits, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		bits[i >> 6] |= (uint64_t) 1 << (i & 63);
}

/* resolve_cluster picks the winners of the pending overlapping candidates
 * and reports them in text order. */
static NaStatus
resolve_cluster(ScanState *s, const NaYield *yield)
{
	size_t		n = s->ncands;

	if (n == 0)
		return NA_OK;
	if (n == 1)
		s->cands[0].won = true;
	else
	{
		size_t		base = s->cands[0].start;
		size_t		top = 0;

		qsort(s->cands, n, sizeof(Cand), cmp_priority);
		for (size_t i = 0; i < n; i++)
		{
			if (s->cands[i].start < base)
				base = s->cands[i].start;
			if (s->cands[i].end > top)
				top = s->cands[i].end;
		}
		if (n <= 16)
		{
			for (size_t i = 0; i < n; i++)
			{
				bool		ok = true;

				for (size_t j = 0; j < i && ok; j++)
					if (s->cands[j].won && s->cands[j].start < s->cands[i].end &&
						s->cands[i].start < s->cands[j].end)
						ok = false;
				s->cands[i].won = ok;
			}
		}
		else
		{
			size_t		nbits = top - base;
			uint64_t   *bits = na_alloc(&s->set->alloc, (nbits / 64 + 1) * sizeof(uint64_t));

			if (!bits)
				return NA_ERR_NOMEM;
			memset(bits, 0, (nbits / 64 + 1) * sizeof(uint64_t));
			for (size_t i = 0; i < n; i++)
			{
				Cand	   *c = &s->cands[i];

				c->won = range_free(bits, c->start - base, c->end - base);
				if (c->won)
					range_set(bits, c->start - base, c->end - base);
				if ((i & 4095) == 4095)
					na_yield(yield);
			}
			na_release(&s->set->alloc, bits);
		}
		qsort(s->cands, n, sizeof(Cand), cmp_start);
	}
	for (size_t i = 0; i < n && !s->stopped; i++)
	{
		Cand	   *c = &s->cands[i];
		Pattern    *p;
		NaPatternMatch m;

		if (!c->won)
			continue;
		p = &s->set->pats[c->pat];
		s->cchars += char_count(s->text, s->cpos, c->start);
		s->cpos = c->start;
		m.type = p->type;
		m.start = c->start;
		m.len = c->end - c->start;
		m.cstart = s->cchars;
		m.clen = char_count(s->text, c->start, c->end);
		m.confidence = p->confidence;
		if (!s->fn(&m, s->arg))
			s->stopped = true;
	}
	s->ncands = 0;
	return NA_OK;
}

static NaStatus
push_cand(ScanState *s, size_t start, size_t end, size_t pat)
{
	if (s->ncands == s->cap)
	{
		size_t		cap = s->cap ? s->cap * 2 : 64;
		Cand	   *c = s->cands ? na_resize(&s->set->alloc, s->cands, cap * sizeof(Cand))
			: na_alloc(&s->set->alloc, cap * sizeof(Cand));

		if (!c)
			return NA_ERR_NOMEM;
		s->cands = c;
		s->cap = cap;
	}
	s->cands[s->ncands].start = start;
	s->cands[s->ncands].end = end;
	s->cands[s->ncands].pat = pat;
	s->cands[s->ncands].won = false;
	s->ncands++;
	return NA_OK;
}

/*
 * na_patterns_scan reports every winning match of set's patterns in
 * text[0..len) to fn, in text order.  Overlaps are resolved longest first,
 * then by pattern priority (user patterns, then builtin ones in table
 * order).  text must be UTF-8 (NA_ERR_INVALID_UTF8 otherwise).  A pattern
 * hitting its match, depth, heap or JIT stack limit stops the scan with
 * NA_ERR_MATCH_LIMIT (matches reported before that stand).  fn returning
 * false stops the scan with NA_OK.
 */
NaStatus
na_patterns_scan(NaPatternSet *set, const char *text, size_t len,
				 NaPatternFn fn, void *arg, const NaYield *yield)
{
	ScanState	s;
	NaStatus	st = NA_OK;
	size_t		cluster_end = 0;
	const char *last_required = NULL;
	bool		last_absent = false;

	if (!set || !fn || (!text && len))
		return NA_ERR_BAD_ARGUMENT;
	set->failed_type = NULL;
	if (len == 0)
		return NA_OK;
	if (!na_utf8_valid(text, len, yield, NULL))
		return NA_ERR_INVALID_UTF8;

	memset(&s, 0, sizeof(s));
	s.set = set;
	s.text = text;
	s.len = len;
	s.fn = fn;
	s.arg = arg;
	set->memo.list = NULL;

	for (size_t i = 0; i < set->npats; i++)
	{
		set->pats[i].pos = 0;
		set->pats[i].done = false;
		for (int k = 0; k < set->pats[i].nlit; k++)
			set->pats[i].litnext[k] = LIT_UNKNOWN;
		if (set->pats[i].required && !set->no_prefilter)
		{
			/* the patterns of a run that share a list share its answer */
			if (set->pats[i].required != last_required)
			{
				last_required = set->pats[i].required;
				last_absent = set->pats[i].nlit > 0
					? !any_literal(&set->pats[i], text, len, yield)
					: !contains_any(text, len, last_required, yield);
			}
			set->pats[i].done = last_absent;
		}
		if (set->pats[i].done)
			continue;
		st = advance(set, &set->pats[i], text, len, yield);
		if (st != NA_OK)
			goto out;
	}
	for (;;)
	{
		Pattern    *best = NULL;
		size_t		bi = 0;

		for (size_t i = 0; i < set->npats; i++)
		{
			Pattern    *p = &set->pats[i];

			if (!p->done && (!best || p->mstart < best->mstart))
			{
				best = p;
				bi = i;
			}
		}
		if (!best)
			break;
		if (s.ncands > 0 && best->mstart >= cluster_end)
		{
			st = resolve_cluster(&s, yield);
			if (st != NA_OK || s.stopped)
				goto out;
		}
		st = push_cand(&s, best->mstart, best->mend, bi);
		if (st != NA_OK)
			goto out;
		if (s.ncands == 1 || best->mend > cluster_end)
			cluster_end = best->mend;
		st = advance(set, best, text, len, yield);
		if (st != NA_OK)
			goto out;
	}
	st = resolve_cluster(&s, yield);
out:
	na_release(&set->alloc, s.cands);
	return st;
}
