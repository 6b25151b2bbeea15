/* Small string helpers shared by the parsers and the rules. */
#ifndef SW_STR_H
#define SW_STR_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

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

/* The part of a path after its last slash (all of it when there is none),
 * in place. */
static inline const char *str_last_part(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* Whether name appears in s as a word of its own, ignoring case (between
 * characters that are not letters or digits): "all-in-one" in
 * "nextcloud__all-in-one", "mailcow" in "mailcow-dockerized". */
static inline bool str_has_word(const char *s, const char *name)
{
	size_t n = strlen(name);

	int first = n ? tolower((unsigned char)name[0]) : 0;

	for (const char *p = s; n && *p; p++)
		if (tolower((unsigned char)*p) == first &&
		    (p == s || !isalnum((unsigned char)p[-1])) && !strncasecmp(p, name, n) &&
		    !isalnum((unsigned char)p[n]))
			return true;
	return false;
}

#endif
