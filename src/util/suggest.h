/* "Did you mean": the candidates closest to a word that was not understood
 * (a command, an option, a config key, a rule id, a value). */
#ifndef SW_SUGGEST_H
#define SW_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

#define SUGGEST_MAX 3

struct suggest {
	const char *word;
	unsigned best;			/* the distance of picks */
	const char *picks[SUGGEST_MAX];	/* the candidates at that distance */
	size_t npicks;
};

void suggest_init(struct suggest *s, const char *word);
/* Weighs one candidate (kept by pointer, not copied): close enough when its
 * edit distance to the word (case-insensitive, a swap of two neighbours
 * counting one) is at most 1 for words of up to 4 characters, 2 up to 8,
 * else 3; or when it starts with the word (three characters or more). */
void suggest_add(struct suggest *s, const char *cand);
/* Appends "; did you mean 'X'?" (or 'X' or 'Y') when a candidate was close
 * enough; returns whether it did. */
bool suggest_append(const struct suggest *s, struct strbuf *sb);

#endif
