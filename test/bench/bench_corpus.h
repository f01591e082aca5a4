/*
 * bench_corpus.h
 *		The texts of the core-only benchmarks (tokenize_core.c,
 *		keywords_core.c): the "body" strings of JSON lines, decoded into
 *		docs[0..ndocs), and the clock they are timed by (now).  Included by
 *		one program each, so its definitions are static.
 */
#ifndef NA_BENCH_CORPUS_H
#define NA_BENCH_CORPUS_H

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct Doc
{
	char	   *s;
	size_t		len;
} Doc;

static Doc *docs;
static size_t ndocs,
			capdocs;

/* add_body: decode the "body" string of one JSON line (enough JSON for it)
 * and keep it in docs */
static void
add_body(const char *line)
{
	const char *p = strstr(line, "\"body\": \"");
	size_t		n = 0;
	char	   *out;

	if (!p)
		p = strstr(line, "\"body\":\"");
	if (!p)
		return;
	p = strchr(p + 6, '"') + 1;
	out = malloc(strlen(p) + 1);
	while (*p && *p != '"')
	{
		if (*p == '\\')
		{
			p++;
			switch (*p)
			{
				case 'n': out[n++] = '\n'; break;
				case 't': out[n++] = '\t'; break;
				case 'r': out[n++] = '\r'; break;
				case 'u':
					{
						unsigned	cp = (unsigned) strtoul((char[5]) {p[1], p[2], p[3], p[4], 0}, NULL, 16);

						p += 4;
						if (cp < 0x80)
							out[n++] = (char) cp;
						else if (cp < 0x800)
						{
							out[n++] = (char) (0xC0 | (cp >> 6));
							out[n++] = (char) (0x80 | (cp & 0x3F));
						}
						else
						{
							out[n++] = (char) (0xE0 | (cp >> 12));
							out[n++] = (char) (0x80 | ((cp >> 6) & 0x3F));
							out[n++] = (char) (0x80 | (cp & 0x3F));
						}
						break;
					}
				default: out[n++] = *p; break;
			}
			p++;
			continue;
		}
		out[n++] = *p++;
	}
	if (n == 0)
	{
		free(out);
		return;
	}
	if (ndocs == capdocs)
	{
		capdocs = capdocs ? capdocs * 2 : 1024;
		docs = realloc(docs, capdocs * sizeof(Doc));
	}
	docs[ndocs].s = out;
	docs[ndocs].len = n;
	ndocs++;
}

/* now: the process's CPU time in seconds (on a shared machine wall time
 * says more about the others) */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

#endif							/* NA_BENCH_CORPUS_H */
