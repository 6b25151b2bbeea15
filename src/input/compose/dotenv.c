#include "input/compose/dotenv.h"

#include <stdint.h>
#include <string.h>

#include "input/compose/interp.h"
#include "util/strbuf.h"

/*
 * compose-go's dotenv parser (v2.13), statement by statement:
 *  - whitespace and `#` comment lines are skipped; a UTF-8 BOM is dropped;
 *  - `export` followed by whitespace is dropped before a key;
 *  - a key is letters, digits, `_ . - [ ]`, ended by `=`, `:` or a newline
 *    (a lone KEY takes its value from the lookup, when it has one); blanks
 *    inside are skipped, but a key with a space in it is an error;
 *  - an unquoted value runs to the end of the line, cut at " #", trimmed on
 *    the right, and is interpolated;
 *  - a quoted value may span lines; a backslash keeps the next character
 *    (dropping itself before the quote character); single-quoted values are
 *    literal; double-quoted ones get \a \b \f \n \r \t \v \\ \" \$ and
 *    \0NNN (octal) escapes, then interpolation;
 *  - after a closing quote, the rest of the line is read as if it began a
 *    new statement (so `# comment` is a comment).
 * Interpolation looks the shell environment (lookup_first) up first, then
 * the variables already read. Errors are reported at the line where their
 * statement starts. Non-ASCII runes count as letters in keys (Go checks
 * Unicode classes), except the Unicode spaces.
 */

/* --- the parser ------------------------------------------------------------ */

struct dp {
	struct arena *a;
	const char *file;
	const char *s;
	size_t len;
	struct env *e;
	const struct env *first;
	size_t line_pos;	/* line counting has reached here */
	unsigned line;
	unsigned stmt_line;
	const char *err;
	size_t total;		/* bytes of the values so far */
	bool process;		/* the value being read used the process's */
};

/* The values of one .env file together (docs/architecture.md, Budgets);
 * interp_substitute bounds each one. */
#define MAX_TOTAL ((size_t)16 << 20)

/* The rune at s[i] and its length; invalid UTF-8 is U+FFFD, one byte. */
static size_t rune_at(const char *s, size_t len, size_t i, uint32_t *r)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t n = len - i, need;
	uint32_t c, min;

	if (u[0] < 0x80) {
		*r = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		need = 2, c = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		need = 3, c = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		need = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		*r = 0xfffd;
		return 1;
	}
	if (n < need)
		goto bad;
	for (size_t k = 1; k < need; k++) {
		if ((u[k] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*r = c;
	return need;
bad:
	*r = 0xfffd;
	return 1;
}

/* dotenv's isSpace: blanks, but not the newline. */
static bool is_blank(uint32_t r)
{
	return r == '\t' || r == '\v' || r == '\f' || r == '\r' || r == ' ' || r == 0x85 ||
	       r == 0xa0;
}

/* unicode.IsSpace */
static bool is_space(uint32_t r)
{
	return is_blank(r) || r == '\n' || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) ||
	       r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000;
}

static bool is_key_rune(uint32_t r)
{
	if (r < 0x80)
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
		       r == '_' || r == '.' || r == '-' || r == '[' || r == ']';
	return r != 0xfffd && !is_space(r);
}

static size_t skip_blanks(const struct dp *p, size_t i)
{
	uint32_t r;
	size_t n;

	while (i < p->len && (n = rune_at(p->s, p->len, i, &r)) && is_blank(r))
		i += n;
	return i;
}

static unsigned line_at(struct dp *p, size_t pos)
{
	for (; p->line_pos < pos && p->line_pos < p->len; p->line_pos++)
		if (p->s[p->line_pos] == '\n')
			p->line++;
	return p->line;
}

/* Go's %q, roughly: quoted, with escapes for the unprintable. */
static void add_quoted(struct strbuf *sb, const char *s, size_t len)
{
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < len && i < 200; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c == '\n')
			strbuf_addstr(sb, "\\n");
		else if (c == '\t')
			strbuf_addstr(sb, "\\t");
		else if (c == '\r')
			strbuf_addstr(sb, "\\r");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(sb, "\\x%02x", c);
		else
			strbuf_addch(sb, (char)c);
	}
	strbuf_addch(sb, '"');
}

static int fail(struct dp *p, struct strbuf *sb)
{
	p->err = arena_strndup(p->a, sb->buf, sb->len);
	strbuf_release(sb);
	return -1;
}

/* getStatementStart: the next statement, or len at the end. */
static size_t statement_start(const struct dp *p, size_t i)
{
	for (;;) {
		uint32_t r;
		size_t n;
		const char *nl;

		while (i < p->len && (n = rune_at(p->s, p->len, i, &r)) && is_space(r))
			i += n;
		if (i >= p->len || p->s[i] != '#')
			return i;
		nl = memchr(p->s + i, '\n', p->len - i);
		if (!nl)
			return p->len;
		i = (size_t)(nl - p->s);
	}
}

static const char *lookup(void *ctx, const char *name, size_t len)
{
	const struct dp *p = ctx;
	const struct env_var *v = env_get(p->first, name, len);

	if (!v)
		v = env_get(p->e, name, len);
	if (v && v->process)
		((struct dp *)ctx)->process = true;
	return v ? v->value : NULL;
}

static const char *expand(struct dp *p, const char *s, size_t len)
{
	const char *err = NULL, *out = interp_substitute(p->a, s, len, lookup, p, &err);

	if (!out) {
		p->err = err;
		return NULL;
	}
	p->total += strlen(out);
	if (p->total > MAX_TOTAL) {
		p->err = arena_printf(p->a, "values too large in total (limit %zu MiB)",
				      MAX_TOTAL >> 20);
		return NULL;
	}
	return out;
}

static void add_utf8(struct strbuf *sb, uint32_t r)
{
	if (r < 0x80) {
		strbuf_addch(sb, (int)r);
	} else {
		strbuf_addch(sb, (int)(0xc0 | (r >> 6)));
		strbuf_addch(sb, (int)(0x80 | (r & 0x3f)));
	}
}

/* expandEscapes: the escapes of a double-quoted value. `\$` becomes `$$`
 * so that interpolation keeps a `$`. */
static void expand_escapes(struct strbuf *out, const char *s, size_t len)
{
	static const char from[] = "abfnrtv", to[] = "\a\b\f\n\r\t\v";

	for (size_t i = 0; i < len; i++) {
		const char *f;
		char c;

		if (s[i] != '\\' || i + 1 >= len) {
			strbuf_addch(out, s[i]);
			continue;
		}
		c = s[i + 1];
		if (c && (f = strchr(from, c))) {
			strbuf_addch(out, to[f - from]);
			i++;
		} else if (c == 'c') {
			strbuf_addstr(out, "\\c");	/* matched, but no Go escape */
			i++;
		} else if (c == '$') {
			strbuf_addstr(out, "$$");
			i++;
		} else if (c == '"' || c == '\\') {
			strbuf_addch(out, c);
			i++;
		} else if (c == '0') {
			size_t d = i + 2, nd = 0;
			unsigned v = 0;
			bool octal = true;

			for (; nd < 3 && d + nd < len && s[d + nd] >= '0' && s[d + nd] <= '9'; nd++) {
				octal = octal && s[d + nd] <= '7';
				v = v * 8 + (unsigned)(s[d + nd] - '0');
			}
			/* \0NNN is rewritten \NNN for strconv.UnquoteChar, which
			 * wants three octal digits up to \377; on failure the
			 * rewritten text stays. */
			if (nd == 3 && octal && v <= 255) {
				add_utf8(out, v);
			} else {
				strbuf_addch(out, '\\');
				strbuf_add(out, s + d, nd);
			}
			i += 1 + nd;
		} else {
			strbuf_addch(out, '\\');
		}
	}
}

/* extractVarValue from i; sets *value (arena) and returns where the next
 * statement search starts, or (size_t)-1 on error. */
static size_t value_at(struct dp *p, size_t i, const char **value)
{
	struct strbuf sb = STRBUF_INIT;
	char quote;

	if (i < p->len && (p->s[i] == '"' || p->s[i] == '\'')) {
		bool esc = false;
		size_t j;

		quote = p->s[i];
		for (j = i + 1; j < p->len; j++) {
			char c = p->s[j];

			if (esc) {
				esc = false;
				if (c != quote)
					strbuf_addch(&sb, '\\');
				strbuf_addch(&sb, c);
			} else if (c == '\\') {
				esc = true;
			} else if (c == quote) {
				break;
			} else {
				strbuf_addch(&sb, c);
			}
		}
		if (j >= p->len) {
			const char *nl = memchr(p->s + i, '\n', p->len - i);

			strbuf_reset(&sb);
			strbuf_addstr(&sb, "unterminated quoted value ");
			strbuf_add(&sb, p->s + i, nl ? (size_t)(nl - (p->s + i)) : p->len - i);
			fail(p, &sb);
			return (size_t)-1;
		}
		if (quote == '"') {
			struct strbuf esc_out = STRBUF_INIT;

			expand_escapes(&esc_out, sb.buf, sb.len);
			*value = expand(p, esc_out.buf, esc_out.len);
			strbuf_release(&esc_out);
		} else {
			*value = arena_strndup(p->a, sb.buf, sb.len);
		}
		strbuf_release(&sb);
		return *value ? j + 1 : (size_t)-1;
	} else {
		const char *nl = memchr(p->s + i, '\n', p->len - i);
		size_t end = nl ? (size_t)(nl - p->s) : p->len, next = nl ? end + 1 : p->len;
		size_t k;

		/* Cut at " #", then trim trailing Unicode spaces. */
		for (k = i; k + 1 < end; k++)
			if (p->s[k] == ' ' && p->s[k + 1] == '#')
				break;
		if (k + 1 < end)
			end = k;
		while (end > i) {
			size_t st = end - 1;
			uint32_t r;

			while (st > i && ((unsigned char)p->s[st] & 0xc0) == 0x80 && end - st < 4)
				st--;
			if (rune_at(p->s, end, st, &r) != end - st || !is_space(r))
				break;
			end = st;
		}
		*value = expand(p, p->s + i, end - i);
		return *value ? next : (size_t)-1;
	}
}

static bool export_prefix(const struct dp *p, size_t i)
{
	char c;

	if (p->len - i < 7 || memcmp(p->s + i, "export", 6))
		return false;
	c = p->s[i + 6];
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* One statement at i; returns where the next search starts, or -1. */
static size_t statement(struct dp *p, size_t i)
{
	struct strbuf sb = STRBUF_INIT;
	size_t key, key_end = 0, j, rest = 0;
	bool inherited = false, found = false;
	const char *name, *value;
	uint32_t r;

	if (export_prefix(p, i))
		i = skip_blanks(p, i + 6);
	key = i;
	for (j = i; j < p->len;) {
		size_t n = rune_at(p->s, p->len, j, &r);

		if (is_blank(r)) {
			j += n;
			continue;
		}
		if (r == '=' || r == ':' || r == '\n') {
			key_end = j;
			rest = j + 1;
			inherited = r == '\n';
			found = true;
			break;
		}
		if (!is_key_rune(r)) {
			const char *nl = memchr(p->s + i, '\n', p->len - i);

			strbuf_addstr(&sb, "unexpected character ");
			add_quoted(&sb, p->s + j, n);
			strbuf_addstr(&sb, " in variable name ");
			add_quoted(&sb, p->s + i, nl ? (size_t)(nl - (p->s + i)) : p->len - i);
			return (size_t)fail(p, &sb);
		}
		j += n;
	}
	if (i >= p->len) {
		strbuf_addstr(&sb, "zero length string");
		return (size_t)fail(p, &sb);
	}
	if (!found) {
		/* No `=`: compose-go reads the rest as the value of "". */
		key_end = i;
		rest = i;
	}
	/* TrimRightFunc(unicode.IsSpace) */
	while (key_end > key) {
		size_t st = key_end - 1;

		while (st > key && ((unsigned char)p->s[st] & 0xc0) == 0x80 && key_end - st < 4)
			st--;
		if (rune_at(p->s, key_end, st, &r) != key_end - st || !is_space(r))
			break;
		key_end = st;
	}
	if (memchr(p->s + key, ' ', key_end - key)) {
		strbuf_addstr(&sb, "key cannot contain a space");
		return (size_t)fail(p, &sb);
	}
	name = arena_strndup(p->a, p->s + key, key_end - key);
	p->process = false;
	if (inherited) {
		value = lookup(p, name, key_end - key);
		if (value && *name) {
			env_set(p->a, p->e, name, value, p->file, p->stmt_line);
			p->e->v[p->e->n - 1].process = p->process;
		}
		return rest;
	}
	j = value_at(p, skip_blanks(p, rest), &value);
	if (j == (size_t)-1)
		return j;
	/* A key-less `="value"` is kept by compose-go under "", which nothing
	 * can refer to: dropped here. */
	if (*name) {
		env_set(p->a, p->e, name, value, p->file, p->stmt_line);
		p->e->v[p->e->n - 1].process = p->process;
	}
	return j;
}

int dotenv_parse(struct arena *a, const char *file, const char *buf, size_t len,
		 struct env *e, const struct env *lookup_first, unsigned *err_line,
		 const char **err_msg)
{
	struct dp p = { .a = a, .s = buf, .len = len, .e = e, .first = lookup_first, .line = 1 };
	size_t i = 0;

	p.file = file ? arena_strdup(a, file) : NULL;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = p.line_pos = 3;
	for (;;) {
		i = statement_start(&p, i);
		if (i >= len)
			return 0;
		p.stmt_line = line_at(&p, i);
		i = statement(&p, i);
		if (i == (size_t)-1) {
			if (err_line)
				*err_line = p.stmt_line;
			if (err_msg)
				*err_msg = p.err;
			return -1;
		}
	}
}
