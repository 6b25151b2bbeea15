/* docker-bake.json: JSON as HCL's JSON syntax reads it. The top object's
 * "target", "group", "variable" and "function" members are blocks (an object
 * of label to body, or a list of such objects); its other members are global
 * attributes; a "//" member is a comment. Every string in an expression is a
 * template ("${TAG}" interpolates), object keys are not. The document is
 * read into a small tree with positions, then into the syntax of
 * internal.h; both are bounded by BAKE_MAX_NEST.
 */
#include "input/bake/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/strbuf.h"

struct jv {
	char kind;		/* 'o' object, 'a' array, 's' string, 'n' number, 't', 'f', 'z' null */
	struct y_pos pos;
	const char *s;		/* 's': decoded; 'n': the text */
	size_t len;
	struct jv *items;	/* 'o': the values, 'a': the items */
	const char **keys;	/* 'o' */
	struct y_pos *kpos;	/* 'o' */
	size_t n;
};

struct js {
	struct arena *a;
	const char *file;
	const char *s;
	size_t len, i;
	unsigned line;
	size_t lstart;
	int depth;
	bool failed;
	struct h_error *err;
};

static struct y_pos jpos(const struct js *p)
{
	struct y_pos pos = { p->file, p->line, (unsigned)(p->i - p->lstart) + 1 };

	return pos;
}

static void jfail(struct js *p, struct y_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void jfail(struct js *p, struct y_pos pos, const char *fmt, ...)
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

static int jpeek(const struct js *p)
{
	return p->i < p->len ? (unsigned char)p->s[p->i] : -1;
}

static void jws(struct js *p)
{
	while (p->i < p->len) {
		char c = p->s[p->i];

		if (c == '\n') {
			p->line++;
			p->lstart = p->i + 1;
		} else if (c != ' ' && c != '\t' && c != '\r') {
			return;
		}
		p->i++;
	}
}

static const char *jshown(struct js *p, int c)
{
	if (c < 0)
		return "the end of the file";
	if (c > ' ' && c < 0x7f)
		return arena_printf(p->a, "'%c'", c);
	return arena_printf(p->a, "byte 0x%02x", (unsigned)c);
}

static int jhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void jutf8(struct strbuf *sb, unsigned long c)
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

/* Four hex digits of a \u escape at s[i]; -1 when they are not. */
static long jhex4(const struct js *p, size_t i)
{
	long v = 0;

	if (i + 4 > p->len)
		return -1;
	for (size_t k = 0; k < 4; k++) {
		int h = jhex((unsigned char)p->s[i + k]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static bool jstring(struct js *p, struct jv *v)
{
	struct strbuf sb = STRBUF_INIT;
	bool ok = false;

	v->kind = 's';
	v->pos = jpos(p);
	p->i++;
	for (;;) {
		int c = jpeek(p);

		if (c < 0 || c == '\n') {
			jfail(p, v->pos, "unterminated string");
			goto out;
		}
		if (c == '"') {
			p->i++;
			break;
		}
		if (c < 0x20) {
			jfail(p, jpos(p), "a control character (0x%02x) in a string", (unsigned)c);
			goto out;
		}
		if (c != '\\') {
			strbuf_addch(&sb, c);
			p->i++;
			continue;
		}
		c = p->i + 1 < p->len ? (unsigned char)p->s[p->i + 1] : -1;
		switch (c) {
		case '"': case '\\': case '/': strbuf_addch(&sb, c); break;
		case 'b': strbuf_addch(&sb, '\b'); break;
		case 'f': strbuf_addch(&sb, '\f'); break;
		case 'n': strbuf_addch(&sb, '\n'); break;
		case 'r': strbuf_addch(&sb, '\r'); break;
		case 't': strbuf_addch(&sb, '\t'); break;
		case 'u': {
			long u = jhex4(p, p->i + 2), lo;

			if (u < 0) {
				jfail(p, jpos(p), "\\u needs four hexadecimal digits");
				goto out;
			}
			if (!u) {
				jfail(p, jpos(p), "a string holds a NUL character");
				goto out;
			}
			p->i += 4;
			if (u >= 0xd800 && u < 0xdc00 && p->i + 8 <= p->len && p->s[p->i + 2] == '\\' &&
			    p->s[p->i + 3] == 'u' && (lo = jhex4(p, p->i + 4)) >= 0xdc00 && lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				p->i += 6;
			}
			jutf8(&sb, (unsigned long)u);
			break;
		}
		default:
			jfail(p, jpos(p), "invalid escape in a string");
			goto out;
		}
		p->i += 2;
	}
	v->len = sb.len;
	v->s = arena_strndup(p->a, sb.buf, sb.len);
	ok = true;
out:
	strbuf_release(&sb);
	return ok;
}

static bool jvalue(struct js *p, struct jv *v);

static bool jcontainer(struct js *p, struct jv *v, char close)
{
	size_t cap = 0, kcap = 0, pcap = 0, nk = 0, np = 0;

	v->kind = close == '}' ? 'o' : 'a';
	v->pos = jpos(p);
	p->i++;
	if (++p->depth > BAKE_MAX_NEST) {
		jfail(p, v->pos, "nests too deep (limit %d)", BAKE_MAX_NEST);
		return false;
	}
	jws(p);
	if (jpeek(p) == close) {
		p->i++;
		p->depth--;
		return true;
	}
	for (;;) {
		struct jv *item;

		jws(p);
		if (close == '}') {
			struct jv key = { 0 };

			if (jpeek(p) != '"') {
				jfail(p, jpos(p), "expected a member name in quotes, found %s", jshown(p, jpeek(p)));
				return false;
			}
			if (!jstring(p, &key))
				return false;
			*BK_PUSH(p->a, v->keys, nk, kcap) = key.s;
			*BK_PUSH(p->a, v->kpos, np, pcap) = key.pos;
			jws(p);
			if (jpeek(p) != ':') {
				jfail(p, jpos(p), "expected : after the member name, found %s", jshown(p, jpeek(p)));
				return false;
			}
			p->i++;
		}
		item = BK_PUSH(p->a, v->items, v->n, cap);
		if (!jvalue(p, item))
			return false;
		jws(p);
		if (jpeek(p) == ',') {
			p->i++;
			continue;
		}
		if (jpeek(p) == close) {
			p->i++;
			break;
		}
		jfail(p, jpos(p), "expected , or %c, found %s", close, jshown(p, jpeek(p)));
		return false;
	}
	p->depth--;
	return true;
}

static bool jnumber(struct js *p, struct jv *v)
{
	size_t start = p->i;

	v->kind = 'n';
	v->pos = jpos(p);
	if (jpeek(p) == '-')
		p->i++;
	if (jpeek(p) == '0') {
		p->i++;
	} else if (jpeek(p) >= '1' && jpeek(p) <= '9') {
		while (jpeek(p) >= '0' && jpeek(p) <= '9')
			p->i++;
	} else {
		goto bad;
	}
	if (jpeek(p) == '.') {
		p->i++;
		if (!(jpeek(p) >= '0' && jpeek(p) <= '9'))
			goto bad;
		while (jpeek(p) >= '0' && jpeek(p) <= '9')
			p->i++;
	}
	if (jpeek(p) == 'e' || jpeek(p) == 'E') {
		p->i++;
		if (jpeek(p) == '+' || jpeek(p) == '-')
			p->i++;
		if (!(jpeek(p) >= '0' && jpeek(p) <= '9'))
			goto bad;
		while (jpeek(p) >= '0' && jpeek(p) <= '9')
			p->i++;
	}
	v->len = p->i - start;
	v->s = arena_strndup(p->a, p->s + start, v->len);
	return true;
bad:
	jfail(p, v->pos, "malformed number");
	return false;
}

static bool jvalue(struct js *p, struct jv *v)
{
	int c;

	jws(p);
	c = jpeek(p);
	if (c == '{')
		return jcontainer(p, v, '}');
	if (c == '[')
		return jcontainer(p, v, ']');
	if (c == '"')
		return jstring(p, v);
	if (c == '-' || (c >= '0' && c <= '9'))
		return jnumber(p, v);
	v->pos = jpos(p);
	if (p->i + 4 <= p->len && !memcmp(p->s + p->i, "true", 4)) {
		v->kind = 't';
		p->i += 4;
		return true;
	}
	if (p->i + 5 <= p->len && !memcmp(p->s + p->i, "false", 5)) {
		v->kind = 'f';
		p->i += 5;
		return true;
	}
	if (p->i + 4 <= p->len && !memcmp(p->s + p->i, "null", 4)) {
		v->kind = 'z';
		p->i += 4;
		return true;
	}
	jfail(p, v->pos, "expected a JSON value, found %s", jshown(p, c));
	return false;
}

/* --- into the syntax of internal.h ------------------------------------------ */

static struct hx *jmk(struct js *p, enum hx_kind k, struct y_pos pos)
{
	struct hx *x = arena_alloc(p->a, sizeof(*x));

	(void)p;
	x->kind = k;
	x->pos = pos;
	return x;
}

static struct hx *to_hx(struct js *p, const struct jv *v)
{
	struct hx *x;
	size_t cap = 0;
	unsigned d = 0;

	switch (v->kind) {
	case 's':
		x = hcl_parse_template(p->a, v->s, v->len, v->pos, p->err);
		if (!x)
			p->failed = true;
		return x;
	case 'n':
		x = jmk(p, HX_NUM, v->pos);
		x->s = v->s;
		x->len = v->len;
		return x;
	case 't':
	case 'f':
		x = jmk(p, HX_BOOL, v->pos);
		x->s = v->kind == 't' ? "true" : "false";
		return x;
	case 'z':
		return jmk(p, HX_NULL, v->pos);
	default:
		break;
	}
	x = jmk(p, v->kind == 'a' ? HX_TUPLE : HX_OBJECT, v->pos);
	for (size_t i = 0; i < v->n; i++) {
		struct hx *item = to_hx(p, &v->items[i]);

		if (!item)
			return NULL;
		if (v->kind == 'o') {
			struct hx *key = jmk(p, HX_STR, v->kpos[i]);

			key->s = v->keys[i];
			key->len = strlen(v->keys[i]);
			*BK_PUSH(p->a, x->kids, x->n, cap) = key;
		}
		*BK_PUSH(p->a, x->kids, x->n, cap) = item;
		if (item->depth > d)
			d = item->depth;
	}
	if (d + 1 > BAKE_MAX_NEST) {
		jfail(p, v->pos, "expression nests too deep (limit %d)", BAKE_MAX_NEST);
		return NULL;
	}
	x->depth = (unsigned short)(d + 1);
	return x;
}

static bool is_block_type(const char *k)
{
	return !strcmp(k, "target") || !strcmp(k, "group") || !strcmp(k, "variable") ||
	       !strcmp(k, "function");
}

/* An object's members as attributes of b. */
static bool to_attrs(struct js *p, const struct jv *o, struct h_body *b)
{
	for (size_t i = 0; i < o->n; i++) {
		struct h_attr *at;
		struct hx *x;

		if (!strcmp(o->keys[i], "//"))
			continue;
		if (!(x = to_hx(p, &o->items[i])))
			return false;
		at = BK_PUSH(p->a, b->attrs, b->nattrs, b->capattrs);
		at->name = o->keys[i];
		at->pos = o->kpos[i];
		at->x = x;
	}
	return true;
}

/* "target": { "name": { ... }, ... } (or a list of such objects). */
static bool to_blocks(struct js *p, const char *type, struct y_pos tpos, const struct jv *v,
		      struct h_body *b)
{
	if (v->kind == 'a') {
		for (size_t i = 0; i < v->n; i++)
			if (!to_blocks(p, type, tpos, &v->items[i], b))
				return false;
		return true;
	}
	if (v->kind != 'o') {
		jfail(p, v->pos, "\"%s\" must be an object of %s blocks by name", type, type);
		return false;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct jv *body = &v->items[i];
		size_t nb = body->kind == 'a' ? body->n : 1;

		if (!strcmp(v->keys[i], "//"))
			continue;
		for (size_t k = 0; k < nb; k++) {
			const struct jv *one = body->kind == 'a' ? &body->items[k] : body;
			struct h_block *blk;

			if (one->kind != 'o') {
				jfail(p, one->pos, "%s \"%s\" must be an object", type, v->keys[i]);
				return false;
			}
			blk = BK_PUSH(p->a, b->blocks, b->nblocks, b->capblocks);
			blk->type = type;
			blk->pos = tpos;
			blk->labels = arena_alloc(p->a, sizeof(*blk->labels));
			blk->lpos = arena_alloc(p->a, sizeof(*blk->lpos));
			blk->labels[0] = v->keys[i];
			blk->lpos[0] = v->kpos[i];
			blk->nlabels = 1;
			if (!to_attrs(p, one, &blk->body))
				return false;
		}
	}
	return true;
}

int json_parse(struct arena *a, const char *file, const char *buf, size_t len,
	       struct h_body *out, struct h_error *err)
{
	struct js p = { 0 };
	struct jv top = { 0 };

	memset(out, 0, sizeof(*out));
	p.a = a;
	p.file = file;
	p.s = buf;
	p.len = len;
	p.line = 1;
	p.err = err;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		p.i = p.lstart = 3;
	if (!jvalue(&p, &top))
		return -1;
	jws(&p);
	if (p.i < p.len) {
		jfail(&p, jpos(&p), "unexpected %s after the JSON document", jshown(&p, jpeek(&p)));
		return -1;
	}
	if (top.kind != 'o') {
		jfail(&p, top.pos, "a JSON bake file holds one object");
		return -1;
	}
	for (size_t i = 0; i < top.n; i++) {
		const char *k = top.keys[i];

		if (!strcmp(k, "//"))
			continue;
		if (is_block_type(k)) {
			if (!to_blocks(&p, k, top.kpos[i], &top.items[i], out))
				return -1;
		} else {
			struct h_attr *at;
			struct hx *x = to_hx(&p, &top.items[i]);

			if (!x)
				return -1;
			at = BK_PUSH(a, out->attrs, out->nattrs, out->capattrs);
			at->name = k;
			at->pos = top.kpos[i];
			at->x = x;
		}
	}
	return p.failed ? -1 : 0;
}
