/*
 * minhash.c
 *		The news.minhash type (text and binary I/O), news.minhash(),
 *		news.jaccard(), news.lsh_bands(), the % operator between two
 *		signatures with its per-session default threshold
 *		news_analytics.minhash_threshold, news.shingle_jaccard(),
 *		news.simhash() and news.hamming(), and the equality, order and
 *		hashing of news.minhash.  The query type that carries its own
 *		threshold is in minhash_query.c, the GIN operator class in
 *		minhash_gin.c; the algorithms are in src/core/minhash.c.
 *
 * Order (btree operator class, rule in order_pg.h): the number of slots k,
 * then the shingle size, then the slots as unsigned 32-bit numbers from
 * the first on: for signatures with the same k and shingle size, the order
 * of their hexadecimal text forms.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "minhash.h"
#include "minhash_pg.h"
#include "na_compat.h"
#include "na_glue.h"
#include "order_pg.h"

static double minhash_threshold = 0.5;

/*
 * na_pg_minhash_init defines news_analytics.minhash_threshold, the
 * threshold of "sig % probe" between two signatures, and reserves the
 * news_analytics prefix.  It is a per-session default: a
 * transaction-pooling connection pooler hands one client's SET to the next
 * client of the same server connection, and Citus does not send it to its
 * workers, so queries that must not depend on the session carry their
 * threshold (news.minhash_query, news.similar).
 */
void
na_pg_minhash_init(void)
{
	DefineCustomRealVariable("news_analytics.minhash_threshold",
							 "Per-session default threshold of the % operator between two news.minhash signatures.",
							 "Between 0 and 1; news.minhash_ops GIN indexes answer it exactly when it exceeds 1 - bands/k. "
							 "Behind a transaction-pooling connection pooler one client's SET reaches other clients, and Citus workers do not see it: "
							 "carry the threshold in the query instead, sig % news.minhash_query(probe, t) or news.similar(sig, probe, t).",
							 &minhash_threshold,
							 0.5, 0.0, 1.0,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
	MarkGUCPrefixReserved("news_analytics");
}

/* na_pg_minhash_threshold: the current value of the setting. */
double
na_pg_minhash_threshold(void)
{
	return minhash_threshold;
}

/* na_pg_minhash_new: a new signature with k slots (values zeroed). */
NaMinhash *
na_pg_minhash_new(int k, int shingle)
{
	Size		size = na_pg_size_add(offsetof(NaMinhash, values),
									  na_pg_size_mul(k, sizeof(uint32)));
	NaMinhash  *mh = palloc0(size);

	SET_VARSIZE(mh, size);
	mh->version = NA_MINHASH_VERSION;
	mh->flags = 0;
	mh->shingle = (uint8) shingle;
	mh->k = (uint16) k;
	return mh;
}

/* na_pg_minhash_is_empty: is mh the signature of an empty shingle set? */
bool
na_pg_minhash_is_empty(const NaMinhash *mh)
{
	int			i;

	for (i = 0; i < mh->k; i++)
		if (mh->values[i] != NA_MINHASH_EMPTY_SLOT)
			return false;
	return true;
}

/*
 * na_pg_minhash_valid: is mh, of which size bytes are readable, a well-formed
 * signature of the current version whose length word says size?
 */
bool
na_pg_minhash_valid(const NaMinhash *mh, Size size)
{
	return size >= NA_MINHASH_SIZE(0) &&
		VARSIZE(mh) == size &&
		mh->version == NA_MINHASH_VERSION &&
		mh->k >= NA_MINHASH_MIN_K && mh->k <= NA_MINHASH_MAX_K &&
		size == NA_MINHASH_SIZE(mh->k);
}

/*
 * na_pg_minhash_checked: detoast a datum and check that it is a well-formed
 * signature of the current version (a corrupt or foreign value raises).
 */
NaMinhash *
na_pg_minhash_checked(Datum d)
{
	NaMinhash  *mh = (NaMinhash *) PG_DETOAST_DATUM(d);

	if (!na_pg_minhash_valid(mh, VARSIZE(mh)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid news.minhash value"),
				 errdetail("The value has format version %d and size %u.",
						   (int) mh->version, (unsigned) VARSIZE(mh))));
	return mh;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * parse_uint: read a decimal number of at most 4 digits at *p, advancing
 * it; -1 when there is none.
 */
static int
parse_uint(const char **p)
{
	int			v = 0;
	int			digits = 0;

	while (**p >= '0' && **p <= '9')
	{
		if (++digits > 4)
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return digits ? v : -1;
}

/* defined below; the input function calls it for an article text */
extern PGDLLEXPORT Datum news_minhash(PG_FUNCTION_ARGS);

/*
 * is_literal: does str start as a news.minhash literal, with digits, a
 * colon, digits and a colon (after blanks)?
 */
static bool
is_literal(const char *str)
{
	const char *p = str;
	int			part;

	while (*p == ' ')
		p++;
	for (part = 0; part < 2; part++)
	{
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p++ != ':')
			return false;
	}
	return true;
}

/*
 * na_pg_minhash_parse: the signature written "K:SHINGLE:HEX" at p (K slots of
 * 8 hex digits each, e.g. "2:5:0000002a00001000", spaces allowed around
 * it), or NULL with *err saying what is wrong.
 */
NaMinhash *
na_pg_minhash_parse(const char *p, NaMinhashParse *err)
{
	int			k;
	int			shingle;
	size_t		hexlen;
	NaMinhash  *mh;
	int			i;

	err->syntax = false;
	err->range = false;
	err->detail[0] = '\0';
	while (*p == ' ')
		p++;
	k = parse_uint(&p);
	if (k < 0 || *p != ':')
		goto syntax;
	p++;
	shingle = parse_uint(&p);
	if (shingle < 0 || *p != ':')
		goto syntax;
	p++;
	if (k < NA_MINHASH_MIN_K || k > NA_MINHASH_MAX_K)
	{
		err->range = true;
		snprintf(err->detail, sizeof(err->detail),
				 "The number of slots must be between %d and %d, not %d.",
				 NA_MINHASH_MIN_K, NA_MINHASH_MAX_K, k);
		return NULL;
	}
	if (shingle < NA_MINHASH_MIN_SHINGLE || shingle > NA_MINHASH_MAX_SHINGLE)
	{
		err->range = true;
		snprintf(err->detail, sizeof(err->detail),
				 "The shingle size must be between %d and %d, not %d.",
				 NA_MINHASH_MIN_SHINGLE, NA_MINHASH_MAX_SHINGLE, shingle);
		return NULL;
	}
	hexlen = strlen(p);
	while (hexlen > 0 && p[hexlen - 1] == ' ')
		hexlen--;
	if (hexlen != (size_t) k * 8)
	{
		snprintf(err->detail, sizeof(err->detail),
				 "Expected %d hexadecimal digits for %d slots, found %zu characters.",
				 k * 8, k, hexlen);
		return NULL;
	}
	mh = na_pg_minhash_new(k, shingle);
	for (i = 0; i < k; i++)
	{
		uint32		v = 0;
		int			j;

		for (j = 0; j < 8; j++)
		{
			int			d = hexval(p[i * 8 + j]);

			if (d < 0)
			{
				snprintf(err->detail, sizeof(err->detail),
						 "\"%c\" is not a hexadecimal digit.", p[i * 8 + j]);
				pfree(mh);
				return NULL;
			}
			v = (v << 4) | (uint32) d;
		}
		mh->values[i] = v;
	}
	return mh;

syntax:
	err->syntax = true;
	return NULL;
}

/*
 * is_query_literal: does str look like a news.minhash_query literal,
 * "T of K:SHINGLE:..."?  Such a string reaching news.minhash input is a
 * mistyped query, not an article.
 */
static bool
is_query_literal(const char *str)
{
	const char *p = str;
	const char *num;

	while (*p == ' ')
		p++;
	num = p;
	while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
		p++;
	if (p == num || strncmp(p, " of ", 4) != 0)
		return false;
	return is_literal(p + 4);
}

/*
 * news.minhash text input: "K:SHINGLE:HEX" where HEX is K slots of 8 hex
 * digits each, e.g. "2:5:0000002a00001000", or the text of an article.  A
 * call news.minhash('some text') with one untyped literal (or a varchar)
 * is parsed by PostgreSQL as a cast to the type, so a string that does not
 * start as a literal (nor as a news.minhash_query literal, which is an
 * error with a hint) is signed as news.minhash(text) signs it with its
 * defaults, k = 128 and shingle = 5.
 */
PG_FUNCTION_INFO_V1(news_minhash_in);
Datum
news_minhash_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Node	   *escontext = fcinfo->context;
	NaMinhashParse err;
	NaMinhash  *mh;

	(void) escontext;
	/* an article, not a literal: sign it (a query literal is an error below) */
	if (!is_literal(str) && !is_query_literal(str))
		PG_RETURN_DATUM(DirectFunctionCall3(news_minhash,
											PointerGetDatum(cstring_to_text(str)),
											Int32GetDatum(128), Int32GetDatum(5)));
	mh = na_pg_minhash_parse(str, &err);
	if (mh)
		PG_RETURN_POINTER(mh);
	/* "T of K:SHINGLE:HEX" is a query: sig % '...' reads an untyped literal as a signature */
	if (err.syntax && strstr(str, " of ") != NULL)
		INPUT_ERROR(escontext,
					   (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						errmsg("invalid input syntax for type news.minhash: \"%s\"", str),
						errdetail("A news.minhash literal is K:SHINGLE:HEX, with K slots of 8 hexadecimal digits."),
						errhint("A threshold with a signature (T of K:SHINGLE:HEX) is a news.minhash_query: cast the literal or parameter, '...'::news.minhash_query.")));
	else if (err.syntax)
		INPUT_ERROR(escontext,
					   (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						errmsg("invalid input syntax for type news.minhash: \"%s\"", str),
						errdetail("A news.minhash literal is K:SHINGLE:HEX, with K slots of 8 hexadecimal digits."),
						errhint("To compute the signature of a text literal, cast it to text: news.minhash('...'::text).")));
	else if (err.range)
		INPUT_ERROR(escontext,
					   (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("value out of range for type news.minhash: \"%s\"", str),
						errdetail("%s", err.detail)));
	else
		INPUT_ERROR(escontext,
					   (errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						errmsg("invalid input syntax for type news.minhash: \"%s\"", str),
						errdetail("%s", err.detail)));
	PG_RETURN_NULL();
}

/* na_pg_minhash_format appends the text form K:SHINGLE:HEX of mh to buf. */
void
na_pg_minhash_format(StringInfo buf, const NaMinhash *mh)
{
	int			i;

	appendStringInfo(buf, "%d:%d:", (int) mh->k, (int) mh->shingle);
	for (i = 0; i < mh->k; i++)
		appendStringInfo(buf, "%08x", mh->values[i]);
}

/* news.minhash text output: "K:SHINGLE:HEX". */
PG_FUNCTION_INFO_V1(news_minhash_out);
Datum
news_minhash_out(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	StringInfoData buf;

	initStringInfo(&buf);
	na_pg_minhash_format(&buf, mh);
	PG_RETURN_CSTRING(buf.data);
}

/*
 * na_pg_minhash_send_to appends the binary form of mh to buf: version (1
 * byte), flags (1 byte), k (2 bytes), shingle (1 byte), then the k slots
 * as 4-byte integers.
 */
void
na_pg_minhash_send_to(StringInfo buf, const NaMinhash *mh)
{
	int			i;

	pq_sendint8(buf, mh->version);
	pq_sendint8(buf, mh->flags);
	pq_sendint16(buf, mh->k);
	pq_sendint8(buf, mh->shingle);
	for (i = 0; i < mh->k; i++)
		pq_sendint32(buf, mh->values[i]);
}

/* news.minhash binary output: the format of na_pg_minhash_send_to. */
PG_FUNCTION_INFO_V1(news_minhash_send);
Datum
news_minhash_send(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	na_pg_minhash_send_to(&buf, mh);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * na_pg_minhash_recv_from reads a signature in the format of
 * na_pg_minhash_send_to from buf; a malformed one raises.
 */
NaMinhash *
na_pg_minhash_recv_from(StringInfo buf)
{
	int			version;
	int			flags;
	int			k;
	int			shingle;
	NaMinhash  *mh;
	int			i;

	version = pq_getmsgint(buf, 1);
	flags = pq_getmsgint(buf, 1);
	k = pq_getmsgint(buf, 2);
	shingle = pq_getmsgint(buf, 1);
	if (version != NA_MINHASH_VERSION || flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported news.minhash binary format"),
				 errdetail("Format version %d with flags %d was received; this library reads version %d with flags 0.",
						   version, flags, NA_MINHASH_VERSION)));
	if (k < NA_MINHASH_MIN_K || k > NA_MINHASH_MAX_K ||
		shingle < NA_MINHASH_MIN_SHINGLE || shingle > NA_MINHASH_MAX_SHINGLE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid news.minhash binary value"),
				 errdetail("k = %d and shingle = %d are out of range.", k, shingle)));
	mh = na_pg_minhash_new(k, shingle);
	for (i = 0; i < k; i++)
		mh->values[i] = (uint32) pq_getmsgint(buf, 4);
	return mh;
}

/* news.minhash binary input: the format of na_pg_minhash_send_to. */
PG_FUNCTION_INFO_V1(news_minhash_recv);
Datum
news_minhash_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_POINTER(na_pg_minhash_recv_from(buf));
}

static void
check_k_shingle(int k, int shingle)
{
	if (k < NA_MINHASH_MIN_K || k > NA_MINHASH_MAX_K)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("k must be between %d and %d", NA_MINHASH_MIN_K, NA_MINHASH_MAX_K),
				 errdetail("k = %d was given.", k)));
	if (shingle < NA_MINHASH_MIN_SHINGLE || shingle > NA_MINHASH_MAX_SHINGLE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("shingle must be between %d and %d",
						NA_MINHASH_MIN_SHINGLE, NA_MINHASH_MAX_SHINGLE),
				 errdetail("shingle = %d was given.", shingle)));
}

/* news.minhash(body, k, shingle): the MinHash signature of body. */
PG_FUNCTION_INFO_V1(news_minhash);
Datum
news_minhash(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	int32		k = PG_GETARG_INT32(1);
	int32		shingle = PG_GETARG_INT32(2);
	const char *s;
	size_t		len;
	size_t		erroff = 0;
	bool		empty;
	NaMinhash  *mh;
	NaStatus	st;

	check_k_shingle(k, shingle);
	s = na_pg_text(body, &len);
	mh = na_pg_minhash_new(k, shingle);
	st = na_minhash_compute(s, len, k, shingle, mh->values, &empty,
							na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.minhash", erroff);
	PG_RETURN_POINTER(mh);
}

/* Raise unless a and b were made with the same k and shingle size. */
static void
check_comparable(const NaMinhash *a, const NaMinhash *b)
{
	if (a->k != b->k || a->shingle != b->shingle)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot compare news.minhash signatures with different parameters"),
				 errdetail("One has k = %d and shingle = %d, the other k = %d and shingle = %d.",
						   (int) a->k, (int) a->shingle, (int) b->k, (int) b->shingle),
				 errhint("Compute both signatures with the same k and shingle arguments.")));
}

/* na_pg_minhash_estimate: estimated Jaccard of two comparable signatures. */
double
na_pg_minhash_estimate(const NaMinhash *a, const NaMinhash *b)
{
	bool		ae = (a->values[0] == NA_MINHASH_EMPTY_SLOT) && na_pg_minhash_is_empty(a);
	bool		be = (b->values[0] == NA_MINHASH_EMPTY_SLOT) && na_pg_minhash_is_empty(b);

	return na_minhash_similarity(a->values, ae, b->values, be, a->k);
}

/* news.jaccard(a, b): estimated Jaccard similarity of two signatures. */
PG_FUNCTION_INFO_V1(news_jaccard);
Datum
news_jaccard(PG_FUNCTION_ARGS)
{
	NaMinhash  *a = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	NaMinhash  *b = na_pg_minhash_checked(PG_GETARG_DATUM(1));
	double		j;

	check_comparable(a, b);
	j = na_pg_minhash_estimate(a, b);
	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	PG_RETURN_FLOAT8(j);
}

/*
 * na_pg_minhash_match: is the estimated Jaccard of a and b at least
 * threshold?  Signatures with different k or shingle size never match (so
 * that index and table scans agree).  Both forms of % use it.
 */
bool
na_pg_minhash_match(const NaMinhash *a, const NaMinhash *b, double threshold)
{
	if (a->k != b->k || a->shingle != b->shingle)
		return false;
	return na_pg_minhash_estimate(a, b) >= threshold;
}

/*
 * news.minhash_similar(a, b), the % operator between two signatures:
 * estimated Jaccard at least news_analytics.minhash_threshold, the
 * per-session default.  STABLE: it reads a setting.
 */
PG_FUNCTION_INFO_V1(news_minhash_similar);
Datum
news_minhash_similar(PG_FUNCTION_ARGS)
{
	NaMinhash  *a = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	NaMinhash  *b = na_pg_minhash_checked(PG_GETARG_DATUM(1));
	bool		res = na_pg_minhash_match(a, b, na_pg_minhash_threshold());

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	PG_RETURN_BOOL(res);
}

/* news.minhash_k(sig): the number of slots. */
PG_FUNCTION_INFO_V1(news_minhash_k);
Datum
news_minhash_k(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));

	PG_RETURN_INT32(mh->k);
}

/* news.minhash_shingle(sig): the shingle size in terms. */
PG_FUNCTION_INFO_V1(news_minhash_shingle);
Datum
news_minhash_shingle(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));

	PG_RETURN_INT32(mh->shingle);
}

/* na_pg_minhash_check_banding raises unless bands x rows fits in k slots. */
void
na_pg_minhash_check_banding(int k, int bands, int rows)
{
	if (bands < 1 || rows < 1 || (int64) bands * rows > k)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("bands and rows must be positive with bands * rows at most k"),
				 errdetail("bands = %d, rows = %d and k = %d were given.", bands, rows, k)));
}

/* news.lsh_bands(sig, bands, rows): int4[] of the band hashes. */
PG_FUNCTION_INFO_V1(news_lsh_bands);
Datum
news_lsh_bands(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	int32		bands = PG_GETARG_INT32(1);
	int32		rows = PG_GETARG_INT32(2);
	Datum	   *elems;
	int			i;

	na_pg_minhash_check_banding(mh->k, bands, rows);
	elems = palloc(na_pg_size_mul(bands, sizeof(Datum)));
	for (i = 0; i < bands; i++)
		elems[i] = Int32GetDatum((int32) na_minhash_band_hash(mh->values, mh->k,
															  mh->shingle, i, rows));
	PG_RETURN_ARRAYTYPE_P(construct_array(elems, bands, INT4OID, sizeof(int32),
										  true, TYPALIGN_INT));
}

/* news.shingle_jaccard(a, b, shingle): exact Jaccard of the shingle sets. */
PG_FUNCTION_INFO_V1(news_shingle_jaccard);
Datum
news_shingle_jaccard(PG_FUNCTION_ARGS)
{
	text	   *ta = PG_GETARG_TEXT_PP(0);
	text	   *tb = PG_GETARG_TEXT_PP(1);
	int32		shingle = PG_GETARG_INT32(2);
	const char *sa;
	const char *sb;
	size_t		la;
	size_t		lb;
	uint64_t   *ha;
	uint64_t   *hb;
	size_t		na;
	size_t		nb;
	size_t		erroff = 0;
	NaStatus	st;
	double		j;

	check_k_shingle(NA_MINHASH_MIN_K, shingle);
	sa = na_pg_text(ta, &la);
	sb = na_pg_text(tb, &lb);
	st = na_shingle_set(sa, la, shingle, na_pg_allocator(), na_pg_yield(),
						&ha, &na, &erroff);
	na_pg_check_at(st, "news.shingle_jaccard", erroff);
	st = na_shingle_set(sb, lb, shingle, na_pg_allocator(), na_pg_yield(),
						&hb, &nb, &erroff);
	na_pg_check_at(st, "news.shingle_jaccard", erroff);
	j = na_shingle_set_jaccard(ha, na, hb, nb, NULL);
	if (ha)
		pfree(ha);
	if (hb)
		pfree(hb);
	PG_RETURN_FLOAT8(j);
}

/* news.simhash(body): 64-bit SimHash of the terms, as a bigint. */
PG_FUNCTION_INFO_V1(news_simhash);
Datum
news_simhash(PG_FUNCTION_ARGS)
{
	text	   *body = PG_GETARG_TEXT_PP(0);
	const char *s;
	size_t		len;
	size_t		erroff = 0;
	uint64_t	h;
	NaStatus	st;

	s = na_pg_text(body, &len);
	st = na_simhash(s, len, &h, na_pg_allocator(), na_pg_yield(), &erroff);
	na_pg_check_at(st, "news.simhash", erroff);
	PG_RETURN_INT64((int64) h);
}

/* news.hamming(a, b): the number of differing bits of two bigints. */
PG_FUNCTION_INFO_V1(news_hamming);
Datum
news_hamming(PG_FUNCTION_ARGS)
{
	int64		a = PG_GETARG_INT64(0);
	int64		b = PG_GETARG_INT64(1);

	PG_RETURN_INT32(na_hamming64((uint64) a, (uint64) b));
}

/* na_pg_minhash_cmp: see minhash_pg.h. */
int
na_pg_minhash_cmp(const NaMinhash *ma, const NaMinhash *mb)
{
	int			i;
	int			r;

	if ((r = NA_CMP(ma->k, mb->k)) != 0)
		return r;
	if ((r = NA_CMP(ma->shingle, mb->shingle)) != 0)
		return r;
	for (i = 0; i < ma->k; i++)
		if ((r = NA_CMP(ma->values[i], mb->values[i])) != 0)
			return r;
	return 0;
}

static int
minhash_order(const struct varlena *a, const struct varlena *b)
{
	return na_pg_minhash_cmp(na_pg_minhash_checked(PointerGetDatum(a)),
							 na_pg_minhash_checked(PointerGetDatum(b)));
}

/* news.minhash_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended */
NA_ORDER_EQUALITY(news_minhash)
NA_ORDER_FUNCTIONS(news_minhash, minhash_order)
