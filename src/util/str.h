/* Small string helpers shared by the parsers and the rules. */
#ifndef SW_STR_H
#define SW_STR_H

#include <stdbool.h>
#include <string.h>

/* strcmp(a, b) == 0, inline: the rules compare every command name and word
 * against lists of names, and the first byte settles most of those. */
static inline bool str_eq(const char *a, const char *b)
{
	return a[0] == b[0] && (!a[0] || (a[1] == b[1] && (!a[1] || !strcmp(a + 2, b + 2))));
}

/* str_eq where either may be NULL: equal when both are, or both say the
 * same (file fields of findings and notes, NULL for no file). */
static inline bool str_eq_null(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Whether c (not NUL) is one of the bytes of set: strchr(set, c), inline,
 * for the first-letter tests in front of name lists. */
static inline bool char_in(int c, const char *set)
{
	for (; *set; set++)
		if (*set == c)
			return true;
	return false;
}

/* Whether s ends with suffix (a file's extension, a path's last part). */
static inline bool str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !memcmp(s + n - m, suffix, m);
}

#endif
