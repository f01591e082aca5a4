/*
 * sentences.h
 *		Sentence splitting on top of the tokenizer, with one token of
 *		lookahead.
 *
 * Two ways to use it: na_split scans a text and calls back with each token
 * and its sentence number and with each finished sentence; a NaSplitter is
 * fed tokens one at a time by a caller that scans itself (the analysed
 * document of doc.h).  The rules are described in sentences.c.
 */
#ifndef NA_SENTENCES_H
#define NA_SENTENCES_H

#include "tokenizer.h"

/*
 * Sentences.  NaSentence describes one sentence: number from 1, byte and
 * character extent from its first token's start to its last token's end.
 */
typedef struct NaSentence
{
	uint32_t	number;
	size_t		start;
	size_t		len;
	size_t		cstart;
	size_t		clen;
	uint32_t	ntokens;
} NaSentence;

/*
 * NaSplitTokenFn gets each token with its sentence number; NaSentenceFn gets
 * each finished sentence (after all of its tokens).  Either may be NULL.
 * Returning false stops early.
 */
typedef bool (*NaSplitTokenFn) (const NaToken *tok, uint32_t sentence, void *arg);
typedef bool (*NaSentenceFn) (const NaSentence *sent, void *arg);

extern NaStatus na_split(const char *text, size_t len,
						 NaSplitTokenFn tokfn, NaSentenceFn sentfn, void *arg,
						 const NaYield *yield, size_t *err_offset);

/*
 * NaSplitter: the splitter's state, in the caller's memory (no allocation).
 * na_splitter_init reads the start of text to tell hard-wrapped copy;
 * na_splitter_token takes the tokens of that text in order, sets
 * *sentence to tok's sentence number and returns true when a sentence
 * ended just before tok (*closed then describes it); na_splitter_finish
 * returns the last sentence, if there is one.
 */
typedef struct NaSplitter
{
	const char *text;
	bool		wrapped;		/* hard-wrapped text */
	size_t		wrap_width;		/* its line width, in bytes */
	NaSentence	cur;			/* sentence being built; ntokens 0 = none */
	int			term;			/* how the sentence so far ends (sentences.c) */
	size_t		line_start;		/* byte offset of the first token on the line */
	size_t		prev_start;		/* the last token, when it is a lower-case */
	size_t		prev_len;		/* word that may be a connective ("the",
								 * "of", "and", ...); prev_len 0: it is not */
} NaSplitter;

extern void na_splitter_init(NaSplitter *sp, const char *text, size_t len);
extern bool na_splitter_token(NaSplitter *sp, const NaToken *tok, uint32_t *sentence,
							  NaSentence *closed);
extern bool na_splitter_finish(NaSplitter *sp, NaSentence *closed);

#endif							/* NA_SENTENCES_H */
