/*
 * minhash_query.c
 *		The news.minhash_query type: a probe signature with the threshold
 *		its % operator applies, written "T of K:SHINGLE:HEX" (for example
 *		0.9 of 128:5:...), its constructor and accessors, and the operator
 *		"sig % query".
 *
 * Why a query type.  The % operator between two signatures takes its
 * threshold from the setting news_analytics.minhash_threshold.  A setting
 * belongs to a server session, not to a query: behind a transaction-pooling
 * connection pooler one client's SET reaches whichever client next gets
 * the same server connection, and Citus runs the shards' queries in worker
 * sessions that never saw it.  news.termquery already carries "M of {...}"
 * for term vectors; this type does the same for signatures.  The threshold
 * is part of the value, so it travels wherever the value goes: as a
 * constant in the query text (the text form round-trips exactly, printed
 * as the shortest decimal that reads back to the same double, whatever
 * extra_float_digits says), as a bound parameter (binary I/O) and into
 * the GIN operator class, which takes the number of bands to look up from
 * the carried threshold exactly as it does from the setting for the older
 * operator (minhash_gin.c).  Nothing here reads a setting, so every
 * function is IMMUTABLE.
 *
 * "sig % news.minhash_query(probe, t)" and the function form
 * news.similar(sig, probe, t), an SQL function the planner inlines into
 * that operator so that it uses the same index, are true when
 * news.jaccard(sig, probe) >= t, and false for signatures with another k
 * or shingle size, exactly as "sig % probe" with the setting at t.
 *
 * Equality and order (order_pg.h): two queries are equal when their bytes
 * are; they are ordered by their probes (news.minhash's order), then by
 * threshold.
 */
#include "postgres.h"

#include "common/shortest_dec.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "minhash_pg.h"
#include "na_compat.h"
#include "na_glue.h"
#include "order_pg.h"

#define MINHASH_QUERY_HINT \
	"A news.minhash_query is written T of K:SHINGLE:HEX with a threshold T between 0 and 1, for example 0.9 of 2:5:0000002a00001000; news.minhash_query(sig, t) builds one."

/* A threshold the operator accepts: 0..1, not NaN. */
static bool
threshold_ok(double t)
{
	return t >= 0.0 && t <= 1.0;
}

/*
 * minhash_query_new: a query of probe mh at threshold t (checked by the
 * caller); -0 is stored as 0 so that equal queries are equal bytes.
 */
static NaMinhashQuery *
minhash_query_new(const NaMinhash *mh, double t)
{
	Size		size = na_pg_size_add(offsetof(NaMinhashQuery, sig), VARSIZE(mh));
	NaMinhashQuery *q = palloc0(size);

	SET_VARSIZE(q, size);
	q->version = NA_MINHASH_QUERY_VERSION;
	q->flags = 0;
	q->threshold = (t == 0.0) ? 0.0 : t;
	memcpy(q->sig, mh, VARSIZE(mh));
	return q;
}

/*
 * na_pg_minhash_query_checked: detoast a datum and check that it is a
 * well-formed query of the current version (a corrupt or foreign value
 * raises).
 */
NaMinhashQuery *
na_pg_minhash_query_checked(Datum d)
{
	NaMinhashQuery *q = (NaMinhashQuery *) PG_DETOAST_DATUM(d);
	Size		size = VARSIZE(q);

	if (size < offsetof(NaMinhashQuery, sig) ||
		q->version != NA_MINHASH_QUERY_VERSION || q->flags != 0 ||
		!threshold_ok(q->threshold) ||
		!na_pg_minhash_valid(NA_MINHASH_QUERY_SIG(q), size - offsetof(NaMinhashQuery, sig)))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("invalid news.minhash_query value"),
				 errdetail("The value has format version %d and size %u.",
						   (int) q->version, (unsigned) size)));
	return q;
}

/*
 * parse_threshold: the threshold written at *p as a plain decimal number
 * (digits, a point, an exponent; no NaN, infinity or hexadecimal form),
 * advancing *p past it; false when there is none or it is out of range.
 * An underflow (1e-400, or a subnormal that the output prints) reads as
 * the nearest double, like any other rounding.
 */
static bool
parse_threshold(const char **p, double *t)
{
	const char *s = *p;
	size_t		n = strspn(s, "0123456789.eE+-");
	char		num[64];
	char	   *end;

	if (n == 0 || n >= sizeof(num))
		return false;
	memcpy(num, s, n);
	num[n] = '\0';
	*t = strtod(num, &end);
	if (end != num + n || !threshold_ok(*t))
		return false;
	*p = s + n;
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* news.minhash_query text input: "T of K:SHINGLE:HEX". */
PG_FUNCTION_INFO_V1(news_minhash_query_in);
Datum
news_minhash_query_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Node	   *escontext = fcinfo->context;
	const char *p = str;
	double		t;
	NaMinhashParse err;
	NaMinhash  *mh;

	(void) escontext;
	while (is_space(*p))
		p++;
	if (!parse_threshold(&p, &t) || !is_space(*p))
	{
		INPUT_ERROR(escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.minhash_query: \"%s\"", str),
					 errdetail("A minhash query starts with a threshold, a decimal number between 0 and 1, and \"of\"."),
					 errhint(MINHASH_QUERY_HINT)));
		PG_RETURN_NULL();
	}
	while (is_space(*p))
		p++;
	if (strncmp(p, "of", 2) != 0 || !is_space(p[2]))
	{
		INPUT_ERROR(escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type news.minhash_query: \"%s\"", str),
					 errdetail("The threshold is followed by \"of\" and the signature."),
					 errhint(MINHASH_QUERY_HINT)));
		PG_RETURN_NULL();
	}
	p += 2;
	while (is_space(*p))
		p++;
	mh = na_pg_minhash_parse(p, &err);
	if (mh == NULL)
	{
		if (err.syntax)
			INPUT_ERROR(escontext,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type news.minhash_query: \"%s\"", str),
						 errdetail("The signature after \"of\" is written K:SHINGLE:HEX, with K slots of 8 hexadecimal digits."),
						 errhint(MINHASH_QUERY_HINT)));
		else
			INPUT_ERROR(escontext,
						(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
						 errmsg("invalid input syntax for type news.minhash_query: \"%s\"", str),
						 errdetail("%s", err.detail)));
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(minhash_query_new(mh, t));
}

/*
 * news.minhash_query text output: "T of K:SHINGLE:HEX", T the shortest
 * decimal that reads back as the same double.
 */
PG_FUNCTION_INFO_V1(news_minhash_query_out);
Datum
news_minhash_query_out(PG_FUNCTION_ARGS)
{
	NaMinhashQuery *q = na_pg_minhash_query_checked(PG_GETARG_DATUM(0));
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];
	StringInfoData buf;

	double_to_shortest_decimal_buf(q->threshold, num);
	initStringInfo(&buf);
	appendStringInfo(&buf, "%s of ", num);
	na_pg_minhash_format(&buf, NA_MINHASH_QUERY_SIG(q));
	PG_RETURN_CSTRING(buf.data);
}

/*
 * news.minhash_query binary output: version (1 byte), flags (1 byte), the
 * threshold (8-byte float), then the probe in news.minhash's binary form.
 */
PG_FUNCTION_INFO_V1(news_minhash_query_send);
Datum
news_minhash_query_send(PG_FUNCTION_ARGS)
{
	NaMinhashQuery *q = na_pg_minhash_query_checked(PG_GETARG_DATUM(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint8(&buf, q->version);
	pq_sendint8(&buf, q->flags);
	pq_sendfloat8(&buf, q->threshold);
	na_pg_minhash_send_to(&buf, NA_MINHASH_QUERY_SIG(q));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* news.minhash_query binary input: the format of news_minhash_query_send. */
PG_FUNCTION_INFO_V1(news_minhash_query_recv);
Datum
news_minhash_query_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgint(buf, 1);
	int			flags = pq_getmsgint(buf, 1);
	double		t;
	NaMinhash  *mh;

	if (version != NA_MINHASH_QUERY_VERSION || flags != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported news.minhash_query binary format"),
				 errdetail("Format version %d with flags %d was received; this library reads version %d with flags 0.",
						   version, flags, NA_MINHASH_QUERY_VERSION)));
	t = pq_getmsgfloat8(buf);
	if (!threshold_ok(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid news.minhash_query binary value"),
				 errdetail("The threshold %g is not between 0 and 1.", t)));
	mh = na_pg_minhash_recv_from(buf);
	PG_RETURN_POINTER(minhash_query_new(mh, t));
}

/*
 * news.minhash_query(sig, threshold): the query "estimated Jaccard with
 * sig at least threshold" (0..1).
 */
PG_FUNCTION_INFO_V1(news_minhash_query);
Datum
news_minhash_query(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	float8		t = PG_GETARG_FLOAT8(1);

	if (!threshold_ok(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("threshold must be between 0 and 1"),
				 errdetail("threshold = %g was given.", t)));
	PG_RETURN_POINTER(minhash_query_new(mh, t));
}

/* news.query_threshold(q): the threshold a query carries. */
PG_FUNCTION_INFO_V1(news_query_threshold);
Datum
news_query_threshold(PG_FUNCTION_ARGS)
{
	NaMinhashQuery *q = na_pg_minhash_query_checked(PG_GETARG_DATUM(0));

	PG_RETURN_FLOAT8(q->threshold);
}

/* news.query_signature(q): a copy of the probe signature of a query. */
PG_FUNCTION_INFO_V1(news_query_signature);
Datum
news_query_signature(PG_FUNCTION_ARGS)
{
	NaMinhashQuery *q = na_pg_minhash_query_checked(PG_GETARG_DATUM(0));
	NaMinhash  *mh = NA_MINHASH_QUERY_SIG(q);
	NaMinhash  *copy = palloc(VARSIZE(mh));

	memcpy(copy, mh, VARSIZE(mh));
	PG_RETURN_POINTER(copy);
}

/*
 * news.minhash_matches(sig, q), the operator "sig % q": estimated Jaccard
 * of sig and the query's probe at least the query's threshold; false when
 * k or the shingle size differ.
 */
PG_FUNCTION_INFO_V1(news_minhash_matches);
Datum
news_minhash_matches(PG_FUNCTION_ARGS)
{
	NaMinhash  *mh = na_pg_minhash_checked(PG_GETARG_DATUM(0));
	NaMinhashQuery *q = na_pg_minhash_query_checked(PG_GETARG_DATUM(1));
	bool		res = na_pg_minhash_match(mh, NA_MINHASH_QUERY_SIG(q), q->threshold);

	PG_FREE_IF_COPY(mh, 0);
	PG_FREE_IF_COPY(q, 1);
	PG_RETURN_BOOL(res);
}

static int
minhash_query_order(const struct varlena *a, const struct varlena *b)
{
	NaMinhashQuery *qa = na_pg_minhash_query_checked(PointerGetDatum(a));
	NaMinhashQuery *qb = na_pg_minhash_query_checked(PointerGetDatum(b));
	int			r;

	if ((r = na_pg_minhash_cmp(NA_MINHASH_QUERY_SIG(qa), NA_MINHASH_QUERY_SIG(qb))) != 0)
		return r;
	return na_pg_order_float_cmp(qa->threshold, qb->threshold);
}

/* news.minhash_query_eq, _ne, _lt, _le, _gt, _ge, _cmp, _hash, _hash_extended */
NA_ORDER_EQUALITY(news_minhash_query)
NA_ORDER_FUNCTIONS(news_minhash_query, minhash_query_order)
