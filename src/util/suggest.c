#include "util/suggest.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define MAX_WORD 64

void suggest_init(struct suggest *s, const char *word)
{
	memset(s, 0, sizeof(*s));
	s->word = word;
	s->best = ~0u;
}

/* Optimal string alignment distance, case-insensitive; MAX_WORD bounds
 * both words, so three rows of the table live on the stack. */
static unsigned distance(const char *a, const char *b)
{
	unsigned rows[3][MAX_WORD + 1], *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	size_t n = strlen(a), m = strlen(b);

	for (size_t j = 0; j <= m; j++)
		prev[j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = (unsigned)i;
		for (size_t j = 1; j <= m; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			unsigned d = prev[j - 1] + (ca != cb);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		unsigned *t = prev2;

		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[m];
}

void suggest_add(struct suggest *s, const char *cand)
{
	size_t n = strlen(s->word), m = strlen(cand);
	unsigned d, limit = n <= 4 ? 1 : n <= 8 ? 2 : 3;

	if (!n || n > MAX_WORD || m > MAX_WORD || !strcasecmp(s->word, cand))
		return;
	d = distance(s->word, cand);
	if (d > limit && n >= 3 && n < m && !strncasecmp(s->word, cand, n))
		d = limit;	/* an abbreviation: "warn" for "warning" */
	if (d > limit || d > s->best)
		return;
	if (d < s->best) {
		s->best = d;
		s->npicks = 0;
	}
	for (size_t i = 0; i < s->npicks; i++)
		if (!strcmp(s->picks[i], cand))
			return;
	if (s->npicks < SUGGEST_MAX)
		s->picks[s->npicks++] = cand;
}

bool suggest_append(const struct suggest *s, struct strbuf *sb)
{
	if (!s->npicks)
		return false;
	strbuf_addstr(sb, "; did you mean ");
	for (size_t i = 0; i < s->npicks; i++) {
		if (i)
			strbuf_addstr(sb, i + 1 == s->npicks ? " or " : ", ");
		strbuf_addch(sb, '\'');
		strbuf_addstr(sb, s->picks[i]);
		strbuf_addch(sb, '\'');
	}
	strbuf_addch(sb, '?');
	return true;
}
