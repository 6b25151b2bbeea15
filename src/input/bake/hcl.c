/* HCL native syntax (hclsyntax) as bake files use it, read into the tree of
 * internal.h:
 *  - a body is attributes (`name = expr`, one a line) and blocks
 *    (`type "label" ident { body }`, a one-line block too);
 *  - comments `#`, `//` (to the end of the line) and block comments;
 *  - expressions: literals, `"templates"` with `${expr}`, `%{if}`, `%{for}`
 *    and the `~` strip markers, heredocs (`<<EOT`, `<<-EOT`, which strips the
 *    indentation), tuples, objects, function calls, operators by HCL's
 *    precedence, conditionals, attribute and index access, splats and `for`
 *    expressions (these two read, never evaluated);
 *  - inside brackets, parentheses and interpolations a newline is a blank;
 *    at the top of an attribute's expression it ends it.
 * Recursion and the depth of every tree are bounded by BAKE_MAX_NEST; every
 * byte is looked at a bounded number of times (a heredoc's text twice).
 */
#include "input/bake/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

struct ps {
	struct arena *a;
	const char *file;
	const char *s;
	size_t len, i;
	unsigned line;
	size_t lstart;		/* offset where the current line starts */
	unsigned col0;		/* added to columns until the next line (sub-texts) */
	int nest;		/* > 0: newlines are blanks */
	bool flat;		/* a JSON string's text: its newlines are not the file's */
	int depth;		/* recursion, bounded by BAKE_MAX_NEST */
	size_t hd_end;		/* where the last heredoc ended: its marker line ends an attribute */
	bool failed;
	struct h_error *err;
};

static struct y_pos cur(const struct ps *p)
{
	struct y_pos pos = { p->file, p->line, (unsigned)(p->i - p->lstart) + 1 + p->col0 };

	return pos;
}

static void fail(struct ps *p, struct y_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(struct ps *p, struct y_pos pos, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (p->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	p->failed = true;
	p->err->pos = pos;
	p->err->msg = arena_strdup(p->a, msg);
}

static int peek(const struct ps *p, size_t k)
{
	return p->i + k < p->len ? (unsigned char)p->s[p->i + k] : -1;
}

static void adv(struct ps *p)
{
	if (p->i >= p->len)
		return;
	if (p->s[p->i] == '\n' && !p->flat) {
		p->line++;
		p->lstart = p->i + 1;
		p->col0 = 0;
	}
	p->i++;
}

static void adv_n(struct ps *p, size_t n)
{
	while (n--)
		adv(p);
}

/* How a character shows in a message. */
static const char *shown(struct ps *p, int c)
{
	if (c < 0)
		return "the end of the file";
	if (c == '\n')
		return "the end of the line";
	if (c > ' ' && c < 0x7f)
		return arena_printf(p->a, "'%c'", c);
	return arena_printf(p->a, "byte 0x%02x", (unsigned)c);
}

static bool enter(struct ps *p)
{
	if (++p->depth > BAKE_MAX_NEST) {
		fail(p, cur(p), "nests too deep (limit %d)", BAKE_MAX_NEST);
		return false;
	}
	return true;
}

static void leave(struct ps *p)
{
	p->depth--;
}

/* Blanks and comments; newlines too when nl. */
static void skip_ws(struct ps *p, bool nl)
{
	for (;;) {
		int c = peek(p, 0);

		if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && nl)) {
			adv(p);
		} else if (c == '#' || (c == '/' && peek(p, 1) == '/')) {
			while (p->i < p->len && p->s[p->i] != '\n')
				p->i++;
		} else if (c == '/' && peek(p, 1) == '*') {
			struct y_pos at = cur(p);

			adv_n(p, 2);
			while (!(peek(p, 0) == '*' && peek(p, 1) == '/')) {
				if (p->i >= p->len) {
					fail(p, at, "unterminated /* comment");
					return;
				}
				adv(p);
			}
			adv_n(p, 2);
		} else {
			return;
		}
	}
}

static bool id_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool id_cont(int c)
{
	return id_start(c) || (c >= '0' && c <= '9') || c == '-';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* An identifier at the cursor (the caller checked id_start), in the arena. */
static const char *ident(struct ps *p, size_t *len)
{
	size_t start = p->i;

	while (p->i < p->len && id_cont((unsigned char)p->s[p->i]))
		p->i++;
	*len = p->i - start;
	return arena_strndup(p->a, p->s + start, *len);
}

/* Whether the keyword kw is at the cursor (a whole word). */
static bool at_kw(const struct ps *p, const char *kw)
{
	size_t n = strlen(kw);

	return p->i + n <= p->len && !memcmp(p->s + p->i, kw, n) && !id_cont(peek(p, n));
}

static struct hx *mk(struct ps *p, enum hx_kind k, struct y_pos pos)
{
	struct hx *x = arena_alloc(p->a, sizeof(*x));

	x->kind = k;
	x->pos = pos;
	return x;
}

/* Sets x's depth from its children; false past BAKE_MAX_NEST (the
 * evaluator recurses over the tree, so a long operator chain counts). */
static bool seal(struct ps *p, struct hx *x)
{
	unsigned d = 0;

	if (x->a && x->a->depth > d)
		d = x->a->depth;
	if (x->b && x->b->depth > d)
		d = x->b->depth;
	if (x->c && x->c->depth > d)
		d = x->c->depth;
	for (size_t i = 0; i < x->n; i++)
		if (x->kids[i] && x->kids[i]->depth > d)
			d = x->kids[i]->depth;
	x->depth = (unsigned short)(d + 1);
	if (d + 1 > BAKE_MAX_NEST) {
		fail(p, x->pos, "expression nests too deep (limit %d)", BAKE_MAX_NEST);
		return false;
	}
	return true;
}

static void push_kid(struct ps *p, struct hx *x, size_t *cap, struct hx *kid)
{
	*BK_PUSH(p->a, x->kids, x->n, *cap) = kid;
}

static struct hx *parse_expr(struct ps *p);

/* --- templates -------------------------------------------------------------- */

enum tmode { T_QUOTED, T_RAW };
enum tend { TE_FAIL, TE_END, TE_ELSE, TE_ENDIF, TE_ENDFOR };

static void put_utf8(struct strbuf *sb, unsigned long c)
{
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		strbuf_addch(sb, (int)c);
	} else if (c < 0x800) {
		strbuf_addch(sb, (int)(0xc0 | (c >> 6)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		strbuf_addch(sb, (int)(0xe0 | (c >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	} else {
		strbuf_addch(sb, (int)(0xf0 | (c >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 12) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | ((c >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (c & 0x3f)));
	}
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A backslash escape of a quoted string, at the cursor. */
static bool parse_escape(struct ps *p, struct strbuf *lit)
{
	struct y_pos at = cur(p);
	int c = peek(p, 1);
	unsigned long u = 0;
	int nhex;

	adv_n(p, 2);
	switch (c) {
	case 'n': strbuf_addch(lit, '\n'); return true;
	case 'r': strbuf_addch(lit, '\r'); return true;
	case 't': strbuf_addch(lit, '\t'); return true;
	case '"': strbuf_addch(lit, '"'); return true;
	case '\\': strbuf_addch(lit, '\\'); return true;
	case 'u': nhex = 4; break;
	case 'U': nhex = 8; break;
	default:
		fail(p, at, "invalid escape sequence \\%s in a string", c < 0 ? "" :
		     arena_strndup(p->a, p->s + p->i - 1, 1));
		return false;
	}
	for (int k = 0; k < nhex; k++) {
		int h = hexval(peek(p, 0));

		if (h < 0) {
			fail(p, at, "\\%c needs %d hexadecimal digits", c, nhex);
			return false;
		}
		u = u * 16 + (unsigned long)h;
		adv(p);
	}
	if (!u) {
		fail(p, at, "a string holds a NUL character");
		return false;
	}
	put_utf8(lit, u);
	return true;
}

static void rtrim(struct strbuf *sb)
{
	while (sb->len && strchr(" \t\r\n", sb->buf[sb->len - 1]))
		sb->len--;
	sb->buf[sb->len] = '\0';
}

/* The literal text gathered so far as a piece of t. */
static void flush_lit(struct ps *p, struct hx *t, size_t *cap, struct strbuf *lit,
		      struct y_pos pos, bool ltrim)
{
	size_t k = 0;
	struct hx *s;

	if (ltrim)
		while (k < lit->len && strchr(" \t\r\n", lit->buf[k]))
			k++;
	if (k < lit->len) {
		s = mk(p, HX_STR, pos);
		s->s = arena_strndup(p->a, lit->buf + k, lit->len - k);
		s->len = lit->len - k;
		push_kid(p, t, cap, s);
	}
	strbuf_reset(lit);
}

static enum tend parse_tparts(struct ps *p, enum tmode m, struct hx *t, bool *strip_after);

/* The rest of a %{for k, v in coll} directive, then its body up to %{endfor}. */
static struct hx *parse_tfor(struct ps *p, enum tmode m, struct y_pos pos, bool *strip)
{
	struct hx *x = mk(p, HX_TFOR, pos), *body = mk(p, HX_TEMPLATE, pos);
	size_t len;

	skip_ws(p, true);
	if (!id_start(peek(p, 0)))
		goto bad;
	ident(p, &len);
	skip_ws(p, true);
	if (peek(p, 0) == ',') {
		adv(p);
		skip_ws(p, true);
		if (!id_start(peek(p, 0)))
			goto bad;
		ident(p, &len);
		skip_ws(p, true);
	}
	if (!at_kw(p, "in"))
		goto bad;
	adv_n(p, 2);
	if (!(x->a = parse_expr(p)))
		return NULL;
	skip_ws(p, true);
	if (peek(p, 0) == '~')
		adv(p);
	if (peek(p, 0) != '}')
		goto bad;
	adv(p);
	if (parse_tparts(p, m, body, strip) != TE_ENDFOR) {
		fail(p, pos, "%%{for} without %%{endfor}");
		return NULL;
	}
	x->b = body;
	return seal(p, body) && seal(p, x) ? x : NULL;
bad:
	fail(p, cur(p), "malformed %%{for} directive: found %s", shown(p, peek(p, 0)));
	return NULL;
}

/* A ${...} or %{...} at the cursor, added to t; *strip_next tells whether
 * it ended with ~}. Returns TE_ELSE, TE_ENDIF or TE_ENDFOR for those
 * directives (the caller's to match), TE_END for the others. */
static enum tend parse_interp(struct ps *p, enum tmode m, struct hx *t, size_t *cap,
			      struct strbuf *lit, struct y_pos lpos, bool *strip_next)
{
	struct y_pos pos = cur(p);
	bool dir = peek(p, 0) == '%', ltrim = *strip_next;
	enum tend ret = TE_END;
	struct hx *x = NULL;

	adv_n(p, 2);
	if (peek(p, 0) == '~') {
		adv(p);
		rtrim(lit);
	}
	flush_lit(p, t, cap, lit, lpos, ltrim);
	*strip_next = false;
	if (!enter(p))
		return TE_FAIL;
	p->nest++;
	if (!dir) {
		x = parse_expr(p);
	} else {
		size_t len;
		const char *kw;

		skip_ws(p, true);
		kw = id_start(peek(p, 0)) ? ident(p, &len) : "";
		if (!strcmp(kw, "if")) {
			struct hx *then = mk(p, HX_TEMPLATE, pos), *els = NULL;
			bool strip = false;
			enum tend e;

			x = mk(p, HX_TIF, pos);
			if (!(x->a = parse_expr(p)))
				goto out;
			skip_ws(p, true);
			if (peek(p, 0) == '~')
				adv(p), strip = true;
			if (peek(p, 0) != '}') {
				fail(p, cur(p), "expected } to end %%{if}, found %s", shown(p, peek(p, 0)));
				goto out;
			}
			adv(p);
			/* The then-part starts after this directive: strip applies there. */
			e = parse_tparts(p, m, then, &strip);
			if (e == TE_ELSE) {
				els = mk(p, HX_TEMPLATE, pos);
				e = parse_tparts(p, m, els, &strip);
			}
			if (e != TE_ENDIF) {
				if (e != TE_FAIL)
					fail(p, pos, "%%{if} without %%{endif}");
				goto out;
			}
			x->b = then;
			x->c = els;
			if (!seal(p, then) || (els && !seal(p, els)))
				goto out;
			*strip_next = strip;
			p->nest--;
			leave(p);
			push_kid(p, t, cap, x);
			return seal(p, x) ? TE_END : TE_FAIL;
		} else if (!strcmp(kw, "for")) {
			bool strip = false;

			x = parse_tfor(p, m, pos, &strip);
			if (!x)
				goto out;
			*strip_next = strip;
			p->nest--;
			leave(p);
			push_kid(p, t, cap, x);
			return TE_END;
		} else if (!strcmp(kw, "else") || !strcmp(kw, "endif") || !strcmp(kw, "endfor")) {
			ret = kw[1] == 'l' ? TE_ELSE : kw[3] == 'i' ? TE_ENDIF : TE_ENDFOR;
		} else {
			fail(p, pos, "unknown template directive %%{%s}", kw);
			goto out;
		}
	}
	if (p->failed)
		goto out;
	skip_ws(p, true);
	if (peek(p, 0) == '~') {
		adv(p);
		*strip_next = true;
	}
	if (peek(p, 0) != '}') {
		fail(p, cur(p), "expected } to end the %s opened at line %u, found %s",
		     dir ? "directive" : "interpolation", pos.line, shown(p, peek(p, 0)));
		goto out;
	}
	adv(p);
	p->nest--;
	leave(p);
	if (x)
		push_kid(p, t, cap, x);
	return ret;
out:
	p->nest--;
	leave(p);
	return TE_FAIL;
}

/* Template text up to its end (the closing quote, left for the caller, or
 * the end of the text) or to an %{else}, %{endif} or %{endfor}, which is
 * returned; *strip_after is set when that directive ended with ~}. */
static enum tend parse_tparts(struct ps *p, enum tmode m, struct hx *t, bool *strip_after)
{
	struct strbuf lit = STRBUF_INIT;
	struct y_pos lpos = cur(p);
	size_t cap = t->n;
	bool strip_next = *strip_after;
	enum tend end = TE_FAIL;

	*strip_after = false;
	for (;;) {
		int c = peek(p, 0);

		if (c < 0) {
			if (m == T_QUOTED)
				fail(p, t->pos, "unterminated string");
			else
				end = TE_END;
			break;
		}
		if (m == T_QUOTED && c == '"') {
			end = TE_END;
			break;
		}
		if (m == T_QUOTED && c == '\n') {
			fail(p, t->pos,
			     "unterminated string (a quoted string cannot span lines; a heredoc can)");
			break;
		}
		if (m == T_QUOTED && c == '\\') {
			if (!lit.len)
				lpos = cur(p);
			if (!parse_escape(p, &lit))
				break;
			continue;
		}
		if ((c == '$' || c == '%') && peek(p, 1) == c && peek(p, 2) == '{') {
			if (!lit.len)
				lpos = cur(p);
			strbuf_addch(&lit, c);
			strbuf_addch(&lit, '{');
			adv_n(p, 3);
			continue;
		}
		if ((c == '$' || c == '%') && peek(p, 1) == '{') {
			enum tend e = parse_interp(p, m, t, &cap, &lit, lpos, &strip_next);

			if (e == TE_FAIL)
				break;
			if (e != TE_END) {
				end = e;
				*strip_after = strip_next;
				strip_next = false;
				break;
			}
			lpos = cur(p);
			continue;
		}
		if (!lit.len)
			lpos = cur(p);
		strbuf_addch(&lit, c);
		adv(p);
	}
	if (end != TE_FAIL && !p->failed)
		flush_lit(p, t, &cap, &lit, lpos, strip_next);
	strbuf_release(&lit);
	return p->failed ? TE_FAIL : end;
}

/* A finished template: a lone literal is a string, a lone interpolation is
 * its expression's value (HCL does not convert "${x}" to a string). */
static struct hx *tpl_done(struct ps *p, struct hx *t)
{
	if (!t->n) {
		struct hx *s = mk(p, HX_STR, t->pos);

		s->s = "";
		return s;
	}
	if (t->n == 1 && t->kids[0]->kind != HX_TIF && t->kids[0]->kind != HX_TFOR) {
		t->kids[0]->pos = t->pos;
		return t->kids[0];
	}
	return seal(p, t) ? t : NULL;
}

static struct hx *parse_quoted(struct ps *p)
{
	struct hx *t;
	bool strip = false;
	enum tend e;
	size_t j = p->i + 1;

	/* Most strings are plain text: one node, no template. */
	while (j < p->len && !strchr("\"\\$%\n", p->s[j]))
		j++;
	if (j < p->len && p->s[j] == '"') {
		t = mk(p, HX_STR, cur(p));
		t->len = j - p->i - 1;
		t->s = arena_strndup(p->a, p->s + p->i + 1, t->len);
		p->i = j + 1;
		return t;
	}
	t = mk(p, HX_TEMPLATE, cur(p));
	adv(p);
	e = parse_tparts(p, T_QUOTED, t, &strip);
	if (e == TE_FAIL)
		return NULL;
	if (e != TE_END) {
		fail(p, t->pos, "%%{%s} without its %%{if} or %%{for}",
		     e == TE_ELSE ? "else" : e == TE_ENDIF ? "endif" : "endfor");
		return NULL;
	}
	adv(p);	/* the closing quote */
	return tpl_done(p, t);
}

/* A template over a separate text (a heredoc's, a JSON string's): a parser
 * of its own that shares the error and the depth. */
static struct hx *parse_subtemplate(struct ps *p, const char *text, size_t len,
				    struct y_pos pos, unsigned col0)
{
	struct ps sub = *p;
	struct hx *t = mk(p, HX_TEMPLATE, pos);
	bool strip = false;
	enum tend e;

	sub.s = text;
	sub.len = len;
	sub.i = 0;
	sub.lstart = 0;
	sub.line = pos.line;
	sub.col0 = col0;
	sub.nest = 0;
	e = parse_tparts(&sub, T_RAW, t, &strip);
	p->failed = sub.failed;
	if (e == TE_FAIL)
		return NULL;
	if (e != TE_END) {
		fail(p, pos, "%%{%s} without its %%{if} or %%{for}",
		     e == TE_ELSE ? "else" : e == TE_ENDIF ? "endif" : "endfor");
		return NULL;
	}
	return tpl_done(p, t);
}

/* <<EOT or <<-EOT, at the cursor. */
static struct hx *parse_heredoc(struct ps *p)
{
	struct y_pos pos = cur(p);
	bool flush;
	const char *marker;
	size_t mlen, start, j, end = 0, after = 0;
	struct strbuf text = STRBUF_INIT;
	struct hx *x = NULL;
	unsigned body_line;
	bool found = false;

	adv_n(p, 2);
	flush = peek(p, 0) == '-';
	if (flush)
		adv(p);
	if (!id_start(peek(p, 0))) {
		fail(p, pos, "expected a heredoc marker after <<, found %s", shown(p, peek(p, 0)));
		return NULL;
	}
	marker = ident(p, &mlen);
	while (peek(p, 0) == ' ' || peek(p, 0) == '\t' || peek(p, 0) == '\r')
		adv(p);
	if (peek(p, 0) != '\n') {
		fail(p, pos, "the heredoc marker <<%s must end its line", marker);
		return NULL;
	}
	adv(p);
	start = p->i;
	body_line = p->line;
	for (j = start; j < p->len;) {
		const char *nl = memchr(p->s + j, '\n', p->len - j);
		size_t e = nl ? (size_t)(nl - p->s) : p->len, b = j, t = e;

		while (b < e && (p->s[b] == ' ' || p->s[b] == '\t'))
			b++;
		while (t > b && (p->s[t - 1] == ' ' || p->s[t - 1] == '\t' || p->s[t - 1] == '\r'))
			t--;
		if (t - b == mlen && !memcmp(p->s + b, marker, mlen)) {
			end = j;
			after = nl ? e + 1 : e;
			found = true;
			break;
		}
		j = nl ? e + 1 : p->len;
	}
	if (!found) {
		fail(p, pos, "heredoc <<%s has no closing line %s", marker, marker);
		return NULL;
	}
	if (flush) {
		/* The smallest indentation of the lines that hold text goes. */
		size_t min = (size_t)-1;

		for (j = start; j < end;) {
			const char *nl = memchr(p->s + j, '\n', end - j);
			size_t e = nl ? (size_t)(nl - p->s) : end, b = j;

			while (b < e && (p->s[b] == ' ' || p->s[b] == '\t'))
				b++;
			if (b < e && p->s[b] != '\r' && b - j < min)
				min = b - j;
			j = e + 1;
		}
		for (j = start; j < end;) {
			const char *nl = memchr(p->s + j, '\n', end - j);
			size_t e = nl ? (size_t)(nl - p->s) + 1 : end, b = j;

			while (b < e && b - j < min && (p->s[b] == ' ' || p->s[b] == '\t'))
				b++;
			strbuf_add(&text, p->s + b, e - b);
			j = e;
		}
	} else {
		strbuf_add(&text, p->s + start, end - start);
	}
	{
		struct y_pos bpos = { p->file, body_line, 1 };

		x = parse_subtemplate(p, arena_strndup(p->a, text.buf, text.len), text.len, bpos, 0);
	}
	strbuf_release(&text);
	if (x)
		x->pos = pos;
	adv_n(p, after - p->i);
	p->hd_end = p->i;
	return x;
}

/* --- expressions ------------------------------------------------------------ */

static struct hx *parse_number(struct ps *p)
{
	struct y_pos pos = cur(p);
	size_t start = p->i;
	struct hx *x;

	while (is_digit(peek(p, 0)))
		adv(p);
	if (peek(p, 0) == '.' && is_digit(peek(p, 1))) {
		adv(p);
		while (is_digit(peek(p, 0)))
			adv(p);
	}
	if ((peek(p, 0) == 'e' || peek(p, 0) == 'E') &&
	    (is_digit(peek(p, 1)) || ((peek(p, 1) == '+' || peek(p, 1) == '-') && is_digit(peek(p, 2))))) {
		adv_n(p, 2);
		while (is_digit(peek(p, 0)))
			adv(p);
	}
	x = mk(p, HX_NUM, pos);
	x->len = p->i - start;
	x->s = arena_strndup(p->a, p->s + start, x->len);
	return x;
}

/* [for ...] or {for ...}, the cursor on `for`: read to its bracket. */
static struct hx *parse_for(struct ps *p, struct y_pos pos, int close)
{
	struct hx *x = mk(p, HX_FOR, pos);
	size_t len, cap = 0;

	adv_n(p, 3);
	skip_ws(p, true);
	if (!id_start(peek(p, 0)))
		goto bad;
	ident(p, &len);
	skip_ws(p, true);
	if (peek(p, 0) == ',') {
		adv(p);
		skip_ws(p, true);
		if (!id_start(peek(p, 0)))
			goto bad;
		ident(p, &len);
		skip_ws(p, true);
	}
	if (!at_kw(p, "in"))
		goto bad;
	adv_n(p, 2);
	if (!(x->a = parse_expr(p)))
		return NULL;
	skip_ws(p, true);
	if (peek(p, 0) != ':')
		goto bad;
	adv(p);
	if (!(x->b = parse_expr(p)))
		return NULL;
	skip_ws(p, true);
	if (close == '}') {
		if (peek(p, 0) != '=' || peek(p, 1) != '>')
			goto bad;
		adv_n(p, 2);
		if (!(x->c = parse_expr(p)))
			return NULL;
		skip_ws(p, true);
		if (peek(p, 0) == '.' && peek(p, 1) == '.' && peek(p, 2) == '.') {
			adv_n(p, 3);
			skip_ws(p, true);
		}
	}
	if (at_kw(p, "if")) {
		struct hx *cond;

		adv_n(p, 2);
		if (!(cond = parse_expr(p)))
			return NULL;
		push_kid(p, x, &cap, cond);
		skip_ws(p, true);
	}
	if (peek(p, 0) != close)
		goto bad;
	adv(p);
	return seal(p, x) ? x : NULL;
bad:
	if (!p->failed)
		fail(p, cur(p), "malformed for expression: found %s", shown(p, peek(p, 0)));
	return NULL;
}

static struct hx *parse_tuple(struct ps *p)
{
	struct y_pos pos = cur(p);
	struct hx *x = mk(p, HX_TUPLE, pos);
	size_t cap = 0;

	adv(p);
	if (!enter(p))
		return NULL;
	p->nest++;
	skip_ws(p, true);
	if (at_kw(p, "for")) {
		x = parse_for(p, pos, ']');
		goto out;
	}
	for (;;) {
		struct hx *item;

		skip_ws(p, true);
		if (peek(p, 0) == ']') {
			adv(p);
			break;
		}
		if (!(item = parse_expr(p))) {
			x = NULL;
			goto out;
		}
		push_kid(p, x, &cap, item);
		skip_ws(p, true);
		if (peek(p, 0) == ',') {
			adv(p);
		} else if (peek(p, 0) != ']') {
			fail(p, cur(p), "expected , or ] in the list opened at line %u, found %s",
			     pos.line, shown(p, peek(p, 0)));
			x = NULL;
			goto out;
		}
	}
	if (!seal(p, x))
		x = NULL;
out:
	p->nest--;
	leave(p);
	return x;
}

static struct hx *parse_object(struct ps *p)
{
	struct y_pos pos = cur(p);
	struct hx *x = mk(p, HX_OBJECT, pos);
	size_t cap = 0;

	adv(p);
	if (!enter(p))
		return NULL;
	p->nest++;
	skip_ws(p, true);
	if (at_kw(p, "for")) {
		x = parse_for(p, pos, '}');
		goto out;
	}
	for (;;) {
		struct hx *key, *val;

		skip_ws(p, true);
		if (peek(p, 0) == '}') {
			adv(p);
			break;
		}
		if (p->i >= p->len) {
			fail(p, pos, "missing } to close the object opened at line %u", pos.line);
			x = NULL;
			goto out;
		}
		if (id_start(peek(p, 0))) {
			size_t len;

			key = mk(p, HX_STR, cur(p));
			key->s = ident(p, &len);
			key->len = len;
		} else if (!(key = parse_expr(p))) {
			x = NULL;
			goto out;
		}
		skip_ws(p, true);
		if ((peek(p, 0) == '=' && peek(p, 1) != '=') || peek(p, 0) == ':') {
			adv(p);
		} else {
			fail(p, cur(p), "expected = or : after a key of the object opened at line %u, found %s",
			     pos.line, shown(p, peek(p, 0)));
			x = NULL;
			goto out;
		}
		if (!(val = parse_expr(p))) {
			x = NULL;
			goto out;
		}
		push_kid(p, x, &cap, key);
		push_kid(p, x, &cap, val);
		skip_ws(p, true);
		if (peek(p, 0) == ',')
			adv(p);
	}
	if (!seal(p, x))
		x = NULL;
out:
	p->nest--;
	leave(p);
	return x;
}

static struct hx *parse_call(struct ps *p, const char *name, struct y_pos pos)
{
	struct hx *x = mk(p, HX_CALL, pos);
	size_t cap = 0;

	x->s = name;
	adv(p);	/* ( */
	if (!enter(p))
		return NULL;
	p->nest++;
	for (;;) {
		struct hx *arg;

		skip_ws(p, true);
		if (peek(p, 0) == ')') {
			adv(p);
			break;
		}
		if (!(arg = parse_expr(p))) {
			x = NULL;
			goto out;
		}
		push_kid(p, x, &cap, arg);
		skip_ws(p, true);
		if (peek(p, 0) == '.' && peek(p, 1) == '.' && peek(p, 2) == '.') {
			adv_n(p, 3);
			x->expand = true;
			skip_ws(p, true);
		}
		if (peek(p, 0) == ',' && !x->expand) {
			adv(p);
		} else if (peek(p, 0) != ')') {
			fail(p, cur(p), "expected , or ) in the call of %s(), found %s", name,
			     shown(p, peek(p, 0)));
			x = NULL;
			goto out;
		}
	}
	if (!seal(p, x))
		x = NULL;
out:
	p->nest--;
	leave(p);
	return x;
}

static struct hx *parse_postfix(struct ps *p, struct hx *x)
{
	while (x) {
		struct y_pos pos;
		struct hx *y;

		skip_ws(p, p->nest > 0);
		pos = cur(p);
		if (peek(p, 0) == '.' && peek(p, 1) == '*') {
			adv_n(p, 2);
			y = mk(p, HX_SPLAT, pos);
		} else if (peek(p, 0) == '.' && is_digit(peek(p, 1))) {
			adv(p);
			y = mk(p, HX_INDEX, pos);
			y->b = parse_number(p);
		} else if (peek(p, 0) == '.' && id_start(peek(p, 1))) {
			size_t len;

			adv(p);
			y = mk(p, HX_ATTR, pos);
			y->s = ident(p, &len);
			y->len = len;
		} else if (peek(p, 0) == '.') {
			fail(p, pos, "expected an attribute name after '.', found %s", shown(p, peek(p, 1)));
			return NULL;
		} else if (peek(p, 0) == '[') {
			adv(p);
			if (!enter(p))
				return NULL;
			p->nest++;
			skip_ws(p, true);
			if (peek(p, 0) == '*') {
				adv(p);
				y = mk(p, HX_SPLAT, pos);
			} else {
				y = mk(p, HX_INDEX, pos);
				y->b = parse_expr(p);
			}
			skip_ws(p, true);
			p->nest--;
			leave(p);
			if (p->failed)
				return NULL;
			if (peek(p, 0) != ']') {
				fail(p, cur(p), "expected ] after the index, found %s", shown(p, peek(p, 0)));
				return NULL;
			}
			adv(p);
		} else {
			return x;
		}
		y->a = x;
		y->pos = x->pos;	/* where the whole expression starts */
		if (!seal(p, y))
			return NULL;
		x = y;
	}
	return NULL;
}

static struct hx *parse_term(struct ps *p)
{
	struct y_pos pos;
	int c;

	skip_ws(p, p->nest > 0);
	pos = cur(p);
	c = peek(p, 0);
	if (is_digit(c))
		return parse_number(p);
	if (c == '"')
		return parse_quoted(p);
	if (c == '<' && peek(p, 1) == '<')
		return parse_heredoc(p);
	if (c == '[')
		return parse_tuple(p);
	if (c == '{')
		return parse_object(p);
	if (c == '(') {
		struct hx *x;

		adv(p);
		if (!enter(p))
			return NULL;
		p->nest++;
		x = parse_expr(p);
		skip_ws(p, true);
		p->nest--;
		leave(p);
		if (!x)
			return NULL;
		if (peek(p, 0) != ')') {
			fail(p, cur(p), "expected ) to close the ( at line %u, found %s", pos.line,
			     shown(p, peek(p, 0)));
			return NULL;
		}
		adv(p);
		return x;
	}
	if (id_start(c)) {
		size_t len;
		const char *name = ident(p, &len);
		struct hx *x;

		if (!strcmp(name, "true") || !strcmp(name, "false")) {
			x = mk(p, HX_BOOL, pos);
			x->s = name;
			return x;
		}
		if (!strcmp(name, "null"))
			return mk(p, HX_NULL, pos);
		/* provider::name::fn( */
		while (peek(p, 0) == ':' && peek(p, 1) == ':' && id_start(peek(p, 2))) {
			size_t more;
			const char *rest;

			adv_n(p, 2);
			rest = ident(p, &more);
			name = arena_printf(p->a, "%s::%s", name, rest);
			len += 2 + more;
		}
		while (peek(p, 0) == ' ' || peek(p, 0) == '\t')
			adv(p);
		if (peek(p, 0) == '(')
			return parse_call(p, name, pos);
		x = mk(p, HX_VAR, pos);
		x->s = name;
		x->len = len;
		return x;
	}
	fail(p, pos, "expected a value, found %s", shown(p, c));
	return NULL;
}

static struct hx *parse_unary(struct ps *p)
{
	struct y_pos pos;
	int c;

	skip_ws(p, p->nest > 0);
	pos = cur(p);
	c = peek(p, 0);
	if ((c == '!' && peek(p, 1) != '=') || c == '-') {
		struct hx *x = mk(p, HX_UNARY, pos);

		x->op = c == '!' ? OP_NOT : OP_NEG;
		adv(p);
		if (!enter(p))
			return NULL;
		x->a = parse_unary(p);
		leave(p);
		return x->a && seal(p, x) ? x : NULL;
	}
	return parse_postfix(p, parse_term(p));
}

/* The binary operator at the cursor: its code, precedence and length. */
static bool peek_op(const struct ps *p, int *op, int *prec, size_t *len)
{
	int c = peek(p, 0), d = peek(p, 1);

	*len = 2;
	if (c == '|' && d == '|')
		*op = OP_OR, *prec = 1;
	else if (c == '&' && d == '&')
		*op = OP_AND, *prec = 2;
	else if (c == '=' && d == '=')
		*op = OP_EQ, *prec = 3;
	else if (c == '!' && d == '=')
		*op = OP_NE, *prec = 3;
	else if (c == '<' && d == '=')
		*op = OP_LE, *prec = 4;
	else if (c == '>' && d == '=')
		*op = OP_GE, *prec = 4;
	else if (c == '<' && d != '<')
		*op = OP_LT, *prec = 4, *len = 1;
	else if (c == '>')
		*op = OP_GT, *prec = 4, *len = 1;
	else if (c == '+')
		*op = OP_ADD, *prec = 5, *len = 1;
	else if (c == '-')
		*op = OP_SUB, *prec = 5, *len = 1;
	else if (c == '*')
		*op = OP_MUL, *prec = 6, *len = 1;
	else if (c == '/')
		*op = OP_DIV, *prec = 6, *len = 1;
	else if (c == '%' && d != '{')
		*op = OP_MOD, *prec = 6, *len = 1;
	else
		return false;
	return true;
}

static struct hx *parse_binary(struct ps *p, int minprec)
{
	struct hx *lhs = parse_unary(p);

	while (lhs) {
		int op, prec;
		size_t len;
		struct hx *x;

		skip_ws(p, p->nest > 0);
		if (!peek_op(p, &op, &prec, &len) || prec < minprec)
			return lhs;
		adv_n(p, len);
		x = mk(p, HX_BINARY, lhs->pos);	/* where the whole expression starts */
		x->op = (unsigned char)op;
		x->a = lhs;
		if (!enter(p))
			return NULL;
		x->b = parse_binary(p, prec + 1);
		leave(p);
		if (!x->b || !seal(p, x))
			return NULL;
		lhs = x;
	}
	return NULL;
}

static struct hx *parse_expr(struct ps *p)
{
	struct hx *cond, *x;
	struct y_pos pos;

	if (!enter(p))
		return NULL;
	cond = parse_binary(p, 1);
	if (!cond)
		goto fail;
	skip_ws(p, p->nest > 0);
	if (peek(p, 0) != '?') {
		leave(p);
		return cond;
	}
	pos = cur(p);
	adv(p);
	x = mk(p, HX_COND, cond->pos);
	x->a = cond;
	/* Outside brackets a newline ends the conditional, as any expression. */
	x->b = parse_expr(p);
	skip_ws(p, p->nest > 0);
	if (x->b && peek(p, 0) != ':') {
		fail(p, cur(p), "expected : in the conditional at line %u, found %s", pos.line,
		     shown(p, peek(p, 0)));
		goto fail;
	}
	if (x->b) {
		adv(p);
		x->c = parse_expr(p);
	}
	if (!x->b || !x->c || !seal(p, x))
		goto fail;
	leave(p);
	return x;
fail:
	leave(p);
	return NULL;
}

/* --- bodies ----------------------------------------------------------------- */

/* A quoted block label: a literal string. */
static const char *parse_label(struct ps *p)
{
	struct hx *x = parse_quoted(p);

	if (!x)
		return NULL;
	if (x->kind != HX_STR) {
		fail(p, x->pos, "a block label cannot hold ${...} or %%{...}");
		return NULL;
	}
	return x->s;
}

static bool parse_body(struct ps *p, struct h_body *b, bool inner, struct y_pos open)
{
	for (;;) {
		struct y_pos pos;
		const char *name;
		size_t len;
		int c;

		skip_ws(p, true);
		if (p->failed)
			return false;
		c = peek(p, 0);
		if (c < 0) {
			if (inner) {
				fail(p, open, "missing } to close the block opened at line %u", open.line);
				return false;
			}
			return true;
		}
		if (c == '}') {
			if (inner) {
				adv(p);
				return true;
			}
			fail(p, cur(p), "unexpected }");
			return false;
		}
		pos = cur(p);
		if (!id_start(c)) {
			fail(p, pos, "expected an attribute or a block, found %s", shown(p, c));
			return false;
		}
		name = ident(p, &len);
		skip_ws(p, false);
		c = peek(p, 0);
		if (c == '=' && peek(p, 1) != '=') {
			struct h_attr *at;
			struct hx *x;

			adv(p);
			x = parse_expr(p);
			if (!x)
				return false;
			skip_ws(p, false);
			c = peek(p, 0);
			if (c == '\n') {
				adv(p);
			} else if (!(c < 0 || (inner && c == '}') || (p->hd_end && p->hd_end == p->lstart))) {
				fail(p, cur(p), "unexpected %s after the value of %s (one attribute a line)",
				     shown(p, c), name);
				return false;
			}
			at = BK_PUSH(p->a, b->attrs, b->nattrs, b->capattrs);
			at->name = name;
			at->pos = pos;
			at->x = x;
			continue;
		}
		{
			struct h_block *blk;
			const char **labels = NULL;
			struct y_pos *lpos = NULL;
			size_t n = 0, cap = 0, capp = 0, np = 0;

			while (c == '"' || id_start(c)) {
				struct y_pos lp = cur(p);
				const char *l;

				if (c == '"') {
					if (!(l = parse_label(p)))
						return false;
				} else {
					l = ident(p, &len);
				}
				*BK_PUSH(p->a, labels, n, cap) = l;
				*BK_PUSH(p->a, lpos, np, capp) = lp;
				skip_ws(p, false);
				c = peek(p, 0);
			}
			if (c != '{') {
				fail(p, cur(p), "expected = or { after %s, found %s", name, shown(p, c));
				return false;
			}
			adv(p);
			if (!enter(p))
				return false;
			blk = BK_PUSH(p->a, b->blocks, b->nblocks, b->capblocks);
			blk->type = name;
			blk->pos = pos;
			blk->labels = labels;
			blk->lpos = lpos;
			blk->nlabels = n;
			{
				struct h_body inner_body = { 0 };
				size_t idx = b->nblocks - 1;

				/* b->blocks may move while the inner body is read. */
				if (!parse_body(p, &inner_body, true, pos))
					return false;
				b->blocks[idx].body = inner_body;
			}
			leave(p);
		}
	}
}

int hcl_parse(struct arena *a, const char *file, const char *buf, size_t len,
	      struct h_body *out, struct h_error *err)
{
	struct ps p = { 0 };
	const char *nul = memchr(buf, '\0', len);

	memset(out, 0, sizeof(*out));
	p.a = a;
	p.file = file;
	p.s = buf;
	p.len = len;
	p.line = 1;
	p.err = err;
	if (nul) {
		p.i = (size_t)(nul - buf);
		for (size_t k = 0; k < p.i; k++)
			if (buf[k] == '\n')
				p.line++, p.lstart = k + 1;
		fail(&p, cur(&p), "the file holds a NUL byte: not a bake file");
		return -1;
	}
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		p.i = p.lstart = 3;
	if (!parse_body(&p, out, false, cur(&p)) || p.failed)
		return -1;
	return 0;
}

struct hx *hcl_parse_template(struct arena *a, const char *text, size_t len, struct y_pos pos,
			      struct h_error *err)
{
	struct ps p = { 0 };
	struct hx *x;

	p.a = a;
	p.file = pos.file;
	p.s = text;
	p.len = len;
	p.line = pos.line;
	p.err = err;
	p.flat = true;
	x = parse_subtemplate(&p, text, len, pos, pos.col);
	if (x && x->kind == HX_STR)
		x->pos = pos;
	return p.failed ? NULL : x;
}
