/* BuildKit's Node.Dump(): one s-expression per instruction. */
#include "input/dockerfile/ast.h"

#include <string.h>

#include "util/strbuf.h"

/* Decodes one UTF-8 rune; returns its length, or 0 if invalid. */
static size_t utf8_rune(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len;
	unsigned c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

/* Go's strconv.IsPrint for the code points we are likely to meet. */
static int go_isprint(unsigned c)
{
	if (c < 0x20 || c == 0x7f)
		return 0;
	if (c >= 0x80 && c <= 0x9f)
		return 0;
	if (c == 0xad || c == 0x2028 || c == 0x2029 || c == 0xfeff ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f) || c == 0xfffe || c == 0xffff ||
	    (c >= 0xe000 && c <= 0xf8ff))
		return 0;
	return 1;
}

void df_quote(struct strbuf *out, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	static const char hex[] = "0123456789abcdef";

	strbuf_addch(out, '"');
	for (size_t i = 0; i < len;) {
		unsigned c;
		size_t w = utf8_rune(s + i, len - i, &c);

		if (!w) {
			strbuf_addstr(out, "\\x");
			strbuf_addch(out, hex[s[i] >> 4]);
			strbuf_addch(out, hex[s[i] & 15]);
			i++;
			continue;
		}
		i += w;
		switch (c) {
		case '"': strbuf_addstr(out, "\\\""); continue;
		case '\\': strbuf_addstr(out, "\\\\"); continue;
		case '\a': strbuf_addstr(out, "\\a"); continue;
		case '\b': strbuf_addstr(out, "\\b"); continue;
		case '\f': strbuf_addstr(out, "\\f"); continue;
		case '\n': strbuf_addstr(out, "\\n"); continue;
		case '\r': strbuf_addstr(out, "\\r"); continue;
		case '\t': strbuf_addstr(out, "\\t"); continue;
		case '\v': strbuf_addstr(out, "\\v"); continue;
		default: break;
		}
		if (go_isprint(c)) {
			strbuf_add(out, s + i - w, w);
		} else if (c < 0x80) {
			strbuf_addf(out, "\\x%02x", c);
		} else if (c <= 0xffff) {
			strbuf_addf(out, "\\u%04x", c);
		} else {
			strbuf_addf(out, "\\U%08x", c);
		}
	}
	strbuf_addch(out, '"');
}

static void dump_node(const struct df_node *n, struct strbuf *out)
{
	size_t start = out->len;

	strbuf_addstr(out, n->name);
	if (n->nflags) {
		strbuf_addstr(out, " [");
		for (size_t i = 0; i < n->nflags; i++) {
			if (i)
				strbuf_addch(out, ' ');
			df_quote(out, n->flags[i].value, n->flags[i].len);
		}
		strbuf_addch(out, ']');
	}
	if (n->sub) {
		strbuf_addstr(out, " (");
		dump_node(n->sub, out);
		strbuf_addch(out, ')');
	}
	for (size_t i = 0; i < n->nargs; i++) {
		strbuf_addch(out, ' ');
		df_quote(out, n->args[i].value, n->args[i].len);
	}
	/* Dump() trims: an empty name leaves a leading space. */
	if (out->len > start && out->buf[start] == ' ') {
		memmove(out->buf + start, out->buf + start + 1, out->len - start - 1);
		strbuf_setlen(out, out->len - 1);
	}
}

void df_dump(const struct df_file *f, struct strbuf *out)
{
	for (size_t i = 0; i < f->nnodes; i++) {
		strbuf_addch(out, '(');
		dump_node(&f->nodes[i], out);
		strbuf_addstr(out, ")\n");
	}
}
