/* .dockerignore as BuildKit reads and applies it. patternmatcher turns each
 * pattern into a regular expression ("*" is [^/]*, "?" is [^/], "**" is
 * "any run ending in a slash, or none", or .* at the end, brackets and "\" kept as they are) unless the
 * pattern is a plain string, a string ending in "**" (a prefix) or "**"
 * and a string (a suffix): those are compared as strings, quirks included
 * ("**foo" is any path ending in "foo"). Here the expression is run as an
 * NFA over the path's runes: linear in path times pattern, whatever the
 * pattern. */
#include "input/discover/dockerignore.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/path.h"

/* bufio.Scanner's limit: a longer line fails ReadAll, so the build. */
#define LINE_MAX_GO (64 * 1024)

enum tok_kind { T_LIT, T_STAR, T_ONE, T_CLASS, T_DSTAR, T_DSTAR_END, T_BOL };

struct tok {
	unsigned char kind;
	bool neg;		/* T_CLASS: [^...] */
	uint32_t c;		/* T_LIT */
	const uint32_t *ranges;	/* T_CLASS: lo, hi pairs */
	size_t nranges;
};

enum match_kind { MK_EXACT, MK_PREFIX, MK_SUFFIX, MK_REGEXP };

struct pattern {
	const char *text;	/* cleaned, without its "!" */
	size_t len;
	bool exclusion;
	enum match_kind kind;
	struct tok *toks;
	size_t ntoks;
};

struct dockerignore {
	struct pattern *p;
	size_t n, cap;
	bool exceptions;
};

/* The rune at s[0..n) (n > 0) into *r, its width returned: Go's decoding,
 * with an invalid byte b read as 0x110000 + b, a value no rune has. */
static size_t rune_at(const char *s, size_t n, uint32_t *r)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c = u[0], min;
	size_t w;

	if (c < 0x80) {
		*r = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		w = 2, c &= 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		w = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		w = 4, c &= 0x07, min = 0x10000;
	else
		goto bad;
	if (w > n)
		goto bad;
	for (size_t i = 1; i < w; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*r = c;
	return w;
bad:
	*r = 0x110000 + u[0];
	return 1;
}

/* unicode.IsSpace, which strings.TrimSpace trims. */
static bool is_space(uint32_t r)
{
	return r == ' ' || (r >= '\t' && r <= '\r') || r == 0x85 || r == 0xA0 || r == 0x1680 ||
	       (r >= 0x2000 && r <= 0x200A) || r == 0x2028 || r == 0x2029 || r == 0x202F ||
	       r == 0x205F || r == 0x3000;
}

/* strings.TrimSpace of s[0..*n): the start returned, *n its length. */
static const char *trim_space(const char *s, size_t *n)
{
	size_t i = 0, end = 0, start = *n;
	uint32_t r;

	while (i < *n) {
		size_t w = rune_at(s + i, *n - i, &r);

		if (!is_space(r)) {
			if (start == *n)
				start = i;
			end = i + w;
		}
		i += w;
	}
	if (start == *n) {
		*n = 0;
		return s;
	}
	*n = end - start;
	return s + start;
}

/* One item of a bracket expression (filepath.Match's getEsc) at p[*i]:
 * false when malformed. */
static bool get_esc(const char *p, size_t n, size_t *i, uint32_t *r, bool *alnum_esc)
{
	size_t w;

	if (*i >= n || p[*i] == '-' || p[*i] == ']')
		return false;
	if (p[*i] == '\\') {
		if (++*i >= n)
			return false;
		if ((p[*i] >= '0' && p[*i] <= '9') || ((p[*i] | 0x20) >= 'a' && (p[*i] | 0x20) <= 'z'))
			*alnum_esc = true;
	}
	w = rune_at(p + *i, n - *i, r);
	if (*r >= 0x110000)
		return false;
	*i += w;
	return *i < n;
}

/* A bracket expression at p[*i] (just past "["), as filepath.Match reads
 * it: into tok, *i past its "]". -1 when malformed (the build fails), -2
 * when its regular expression means something else (a "*" or "?" inside
 * becomes [^/]* there, "[:" a class name, "\d" a class), else 0. */
static int parse_class(struct arena *a, const char *p, size_t n, size_t *i, struct tok *t)
{
	uint32_t *ranges = NULL;
	size_t nr = 0, cap = 0, start;
	bool odd = false;

	t->kind = T_CLASS;
	t->neg = *i < n && p[*i] == '^';
	*i += t->neg;
	start = *i;
	for (;;) {
		uint32_t lo, hi;

		if (*i < n && p[*i] == ']' && nr) {
			++*i;
			break;
		}
		if (!get_esc(p, n, i, &lo, &odd))
			return -1;
		hi = lo;
		if (p[*i] == '-') {
			++*i;
			if (!get_esc(p, n, i, &hi, &odd) || hi < lo)
				return -1;
		}
		ARENA_PUSH(a, ranges, nr, cap)[0] = lo;
		ARENA_PUSH(a, ranges, nr, cap)[0] = hi;
	}
	for (size_t k = start; k < *i; k++)
		if (p[k] == '*' || p[k] == '?' || (p[k] == '[' && k + 1 < *i && p[k + 1] == ':'))
			odd = true;
	t->ranges = ranges;
	t->nranges = nr / 2;
	return odd ? -2 : 0;
}

/* Whether p (no "!") is a pattern filepath.Match accepts, and what
 * patternmatcher's compile makes of it: -1 malformed, -2 not followed
 * (see parse_class), 0 done. */
static int compile(struct arena *a, struct pattern *pt)
{
	const char *p = pt->text;
	size_t n = pt->len, cap = 0;
	enum match_kind kind = MK_EXACT;
	bool odd = false;

	pt->toks = NULL;
	pt->ntoks = 0;
	for (size_t i = 0, iter = 0; i < n; iter++) {
		struct tok t = { .kind = T_LIT };
		uint32_t r;

		if (p[i] == '*' && i + 1 < n && p[i + 1] == '*') {
			i += 2;
			if (i < n && p[i] == '/')
				i++;
			if (i >= n) {
				if (kind == MK_EXACT) {
					kind = MK_PREFIX;
				} else {
					t.kind = T_DSTAR_END;
					kind = MK_REGEXP;
				}
			} else {
				t.kind = T_DSTAR;
				kind = MK_REGEXP;
			}
			if (iter == 0)
				kind = MK_SUFFIX;
			if (t.kind == T_LIT)
				continue;	/* "**" at the end of a prefix */
		} else if (p[i] == '*' || p[i] == '?') {
			t.kind = p[i++] == '*' ? T_STAR : T_ONE;
			kind = MK_REGEXP;
		} else if (p[i] == '\\') {
			/* Go's regexp: "\" and punctuation is the character, and
			 * before a letter or a digit a class, an anchor or an error. */
			if (++i >= n)
				return -1;
			if ((p[i] >= '0' && p[i] <= '9') || ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z'))
				odd = true;
			i += rune_at(p + i, n - i, &t.c);
			kind = MK_REGEXP;
		} else if (p[i] == '[') {
			int rc;

			i++;
			if ((rc = parse_class(a, p, n, &i, &t)) == -1)
				return -1;
			odd = odd || rc == -2;
			kind = MK_REGEXP;
		} else if (p[i] == ']') {
			t.c = ']';
			i++;
			kind = MK_REGEXP;
		} else if (p[i] == '^') {
			t.kind = T_BOL;	/* an anchor in the expression, a letter in a string */
			i++;
		} else {
			i += rune_at(p + i, n - i, &r);
			t.c = r;
		}
		*ARENA_PUSH(a, pt->toks, pt->ntoks, cap) = t;
	}
	pt->kind = kind;
	return odd && kind == MK_REGEXP ? -2 : 0;
}

static bool class_has(const struct tok *t, uint32_t r)
{
	bool in = false;

	for (size_t k = 0; k < t->nranges && !in; k++)
		in = r >= t->ranges[2 * k] && r <= t->ranges[2 * k + 1];
	return in != t->neg;
}

/* The states a pattern's tokens can skip: zero-width ones. */
static void closure(const struct pattern *pt, unsigned char *st, bool at_start)
{
	for (size_t i = 0; i < pt->ntoks; i++)
		if (st[i] && (pt->toks[i].kind == T_STAR || pt->toks[i].kind == T_DSTAR ||
			      pt->toks[i].kind == T_DSTAR_END || (pt->toks[i].kind == T_BOL && at_start)))
			st[i + 1] = 1;
}

/* The expression ^...$ over s[0..n). st holds the states at a position;
 * ins the "**" runs entered, which must end in a "/" to go on. */
static bool nfa_match(const struct pattern *pt, const char *s, size_t n)
{
	size_t m = pt->ntoks + 1;
	unsigned char small[4 * 64], *buf = m <= 64 ? small : malloc(4 * m);
	unsigned char *st, *nst, *ins, *nins;
	bool ok;

	if (!buf)
		return false;
	st = buf, nst = buf + m, ins = buf + 2 * m, nins = buf + 3 * m;
	memset(buf, 0, 4 * m);
	st[0] = 1;
	closure(pt, st, true);
	for (size_t i = 0; i < n;) {
		uint32_t r;
		bool any = false;

		i += rune_at(s + i, n - i, &r);
		memset(nst, 0, m);
		memset(nins, 0, m);
		for (size_t k = 0; k < pt->ntoks; k++) {
			const struct tok *t = &pt->toks[k];

			if (t->kind == T_DSTAR && (st[k] || ins[k])) {
				nins[k] = 1;
				if (r == '/')
					nst[k + 1] = 1;
				continue;
			}
			if (!st[k])
				continue;
			switch (t->kind) {
			case T_LIT:
				nst[k + 1] |= r == t->c;
				break;
			case T_STAR:
				nst[k] |= r != '/';
				break;
			case T_ONE:
				nst[k + 1] |= r != '/';
				break;
			case T_CLASS:
				nst[k + 1] |= class_has(t, r);
				break;
			case T_DSTAR_END:
				nst[k] = 1;
				break;
			default:
				break;
			}
		}
		closure(pt, nst, false);
		for (size_t k = 0; k < m; k++)
			any = any || nst[k] || nins[k];
		if (!any) {
			st[m - 1] = 0;
			break;
		}
		memcpy(st, nst, m);
		memcpy(ins, nins, m);
	}
	ok = st[m - 1];
	if (buf != small)
		free(buf);
	return ok;
}

/* Pattern.match: whether pt matches s[0..n). */
static bool pat_match(const struct pattern *pt, const char *s, size_t n)
{
	switch (pt->kind) {
	case MK_EXACT:
		return n == pt->len && !memcmp(s, pt->text, n);
	case MK_PREFIX:
		return n >= pt->len - 2 && !memcmp(s, pt->text, pt->len - 2);
	case MK_SUFFIX: {
		const char *suf = pt->text + 2;
		size_t k = pt->len - 2;

		if (n >= k && !memcmp(s + n - k, suf, k))
			return true;
		/* "**" and "/foo" matches "foo" */
		return k && suf[0] == '/' && n == k - 1 && !memcmp(s, suf + 1, n);
	}
	default:
		return nfa_match(pt, s, n);
	}
}

/* One line of ReadAll and New: its pattern, cleaned, or nothing; -1
 * malformed, -2 not followed. */
static int add_line(struct arena *a, struct dockerignore *d, const char *s, size_t n)
{
	struct pattern pt = { 0 };
	const char *clean;
	bool invert;
	char *full;
	int rc;

	if (n && s[0] == '#')
		return 0;
	s = trim_space(s, &n);
	if (!n)
		return 0;
	invert = s[0] == '!';
	if (invert) {
		s++, n--;
		s = trim_space(s, &n);
	}
	if (memchr(s, '\0', n))
		return -2;	/* no path holds one; Go would keep it in the string */
	clean = n ? path_clean(a, arena_strndup(a, s, n)) : "";
	if (strlen(clean) > 1 && clean[0] == '/')
		clean++;
	/* New cleans "!"+pattern again: "!/" becomes a lone "!". */
	full = arena_printf(a, "%s%s", invert ? "!" : "", clean);
	full = (char *)path_clean(a, full);
	if (full[0] == '!') {
		if (!full[1])
			return -1;
		pt.exclusion = true;
		full++;
	}
	pt.text = full;
	pt.len = strlen(full);
	if ((rc = compile(a, &pt)) < 0)
		return rc;
	d->exceptions = d->exceptions || pt.exclusion;
	*ARENA_PUSH(a, d->p, d->n, d->cap) = pt;
	return 0;
}

struct dockerignore *dockerignore_parse(struct arena *a, const char *text, size_t len,
					const char **why, size_t *line)
{
	struct dockerignore *d = arena_alloc(a, sizeof(*d));
	size_t no = 0;

	memset(d, 0, sizeof(*d));
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		size_t n = (size_t)(e - p);
		int rc;

		no++;
		if (n && p[n - 1] == '\r')
			n--;	/* bufio.ScanLines drops it */
		if (no == 1 && n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
			p += 3, n -= 3;
		if (n >= LINE_MAX_GO) {
			*why = "a line longer than 64 KiB";
			*line = no;
			return NULL;
		}
		if ((rc = add_line(a, d, p, n)) < 0) {
			*why = rc == -1 ? "a malformed pattern" : "a pattern seaworthy does not follow";
			*line = no;
			return NULL;
		}
		p = nl ? nl + 1 : end;
	}
	return d;
}

size_t dockerignore_npatterns(const struct dockerignore *d)
{
	return d->n;
}

bool dockerignore_match(const struct dockerignore *d, const char *rel,
			const unsigned char *parent, unsigned char *self)
{
	size_t len = strlen(rel);
	bool matched = false;

	if (self)
		memset(self, 0, (d->n + 7) / 8);
	for (size_t i = 0; i < d->n; i++) {
		const struct pattern *pt = &d->p[i];
		bool m = parent && (parent[i / 8] >> (i % 8) & 1);

		if (!m) {
			if (pt->exclusion != matched)
				continue;
			m = pat_match(pt, rel, len);
			/* No results for the folders: they are matched here. */
			for (const char *s = rel; !m && !parent && (s = strchr(s, '/')); s++)
				m = pat_match(pt, rel, (size_t)(s - rel));
		}
		if (m && self)
			self[i / 8] |= (unsigned char)(1u << (i % 8));
		if (m)
			matched = !pt->exclusion;
	}
	return matched;
}

bool dockerignore_excluded(const struct dockerignore *d, const char *rel)
{
	size_t bytes = (d->n + 7) / 8, len = strlen(rel);
	unsigned char *buf = malloc(2 * bytes + len + 1), *par, *cur;
	char *path;
	bool ex = false, top = true;

	if (!buf)
		return false;
	par = buf, cur = buf + bytes, path = (char *)buf + 2 * bytes;
	memcpy(path, rel, len + 1);
	for (char *s = path;; s++) {
		char *slash = strchr(s, '/');
		unsigned char *t;

		if (slash)
			*slash = '\0';
		ex = dockerignore_match(d, path, top ? NULL : par, cur);
		top = false;
		t = par, par = cur, cur = t;
		if (!slash)
			break;
		*slash = '/';
		s = slash;
	}
	free(buf);
	return ex;
}

bool dockerignore_enters(const struct dockerignore *d, const char *dir)
{
	size_t n = strlen(dir);

	if (!d->exceptions)
		return false;
	/* fsutil: an exception "dir/..." (the pattern and a "/" start with
	 * "dir/") may take something below back; no other does. */
	for (size_t i = 0; i < d->n; i++)
		if (d->p[i].exclusion && d->p[i].len + 1 >= n + 1 &&
		    !memcmp(d->p[i].text, dir, n) &&
		    (d->p[i].len == n || d->p[i].text[n] == '/'))
			return true;
	return false;
}
