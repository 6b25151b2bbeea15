#include "input/compose/interp.h"

#include <stdlib.h>
#include <string.h>

#include "util/die.h"
#include "util/strbuf.h"

/*
 * compose-go's template package, behaviour for behaviour. It is a regular
 * expression applied left to right,
 *
 *   \$(?i: (\$) | ([_a-z][_a-z0-9]*) | { (?: ([_a-z][_a-z0-9]*(?::?[-+?](.*))?) } | () ) )
 *
 * (escaped, named, braced, invalid), followed by some surgery on each match:
 *  - `$` followed by anything else is no match: a lone `$` stays as is;
 *  - `${` not followed by a valid braced form is the "invalid" match: an
 *    error (this is how ${}, ${ foo}, ${foo!} and an unclosed ${ fail);
 *  - with an operator, `.*` is greedy up to the last `}` on the line, so
 *    the match is cut at the first balanced `}` (counting every `{`, and
 *    skipping the character after one, as getFirstBraceClosingIndex does);
 *    the operand is what lies before it and the rest is substituted on its
 *    own, within the original match;
 *  - operands are substituted only when used (compose-go v2.13).
 * The rest of a match is handled by a loop with a stack of region ends, so
 * only nested operands recurse, MAX_NEST deep at most.
 */

#define MAX_NEST 64
/* Budgets (docs/architecture.md): what one value may grow to, and what the
 * values of one compose file may grow to together. A .env that doubles a
 * variable forty times asked for a terabyte. */
#define MAX_VALUE ((size_t)1 << 20)
#define MAX_TOTAL ((size_t)16 << 20)

enum op { OP_NONE, OP_REQ_NONEMPTY, OP_REQ, OP_DEF_NONEMPTY, OP_DEF, OP_ALT_NONEMPTY, OP_ALT };

enum mkind { M_ESCAPED, M_NAMED, M_BRACED, M_INVALID };

struct match {
	enum mkind kind;
	size_t end;		/* one past the match */
	size_t name, name_end;	/* M_NAMED, M_BRACED */
	enum op op;
	size_t arg;		/* operand start (M_BRACED with an op) */
};

enum ekind { E_NONE, E_INVALID, E_REQUIRED, E_NEST, E_LARGE };

struct sub {
	struct arena *a;
	interp_lookup_fn *lookup;
	void *lctx;
	void (*unset)(struct sub *c, const char *name, size_t len);
	/* NULL: a required variable with no value is an error */
	void (*required)(struct sub *c, const char *name, size_t len);
	void *uctx;
	enum ekind ekind;
	struct strbuf emsg;	/* E_REQUIRED: the message */
	unsigned depth;
};

static bool name_start(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

static bool is_op(char c)
{
	return c == '-' || c == '+' || c == '?';
}

/* The regular expression at s[i] == '$', within s[0..end). */
static bool match_at(const char *s, size_t i, size_t end, struct match *m)
{
	size_t k, n, p, q, last;

	memset(m, 0, sizeof(*m));
	if (i + 1 >= end)
		return false;
	if (s[i + 1] == '$') {
		m->kind = M_ESCAPED;
		m->end = i + 2;
		return true;
	}
	if (name_start(s[i + 1])) {
		for (n = i + 2; n < end && name_char(s[n]); n++)
			;
		m->kind = M_NAMED;
		m->name = i + 1;
		m->name_end = n;
		m->end = n;
		return true;
	}
	if (s[i + 1] != '{')
		return false;
	m->kind = M_INVALID;
	m->end = i + 2;
	k = i + 2;
	if (k >= end || !name_start(s[k]))
		return true;
	for (n = k + 1; n < end && name_char(s[n]); n++)
		;
	p = n;
	if (p + 1 < end && s[p] == ':' && is_op(s[p + 1])) {
		m->op = s[p + 1] == '?' ? OP_REQ_NONEMPTY : s[p + 1] == '-' ? OP_DEF_NONEMPTY : OP_ALT_NONEMPTY;
		p += 2;
	} else if (p < end && is_op(s[p])) {
		m->op = s[p] == '?' ? OP_REQ : s[p] == '-' ? OP_DEF : OP_ALT;
		p += 1;
	}
	if (m->op != OP_NONE) {
		/* `.*}`: the last `}` before the end of the line. */
		last = end;
		for (q = p; q < end && s[q] != '\n'; q++)
			if (s[q] == '}')
				last = q;
		if (last == end) {
			m->op = OP_NONE;
			return true;	/* invalid */
		}
		m->kind = M_BRACED;
		m->name = k;
		m->name_end = n;
		m->arg = p;
		m->end = last + 1;
		return true;
	}
	if (n < end && s[n] == '}') {
		m->kind = M_BRACED;
		m->name = k;
		m->name_end = n;
		m->end = n + 1;
	}
	return true;
}

/* getFirstBraceClosingIndex over s[from..end), as an absolute index. */
static size_t first_closing(const char *s, size_t from, size_t end)
{
	long open = 0;

	for (size_t i = from; i < end; i++) {
		if (s[i] == '}') {
			open--;
			if (open == 0)
				return i;
		}
		if (s[i] == '{') {
			open++;
			i++;
		}
	}
	return end;
}

static int run(struct sub *c, const char *s, size_t len, struct strbuf *out);

static const char *lookup(struct sub *c, const char *s, size_t name, size_t name_end)
{
	return c->lookup(c->lctx, s + name, name_end - name);
}

/* An operand, substituted one level down. */
static int operand(struct sub *c, const char *s, size_t from, size_t to, struct strbuf *out)
{
	int rc;

	if (c->depth >= MAX_NEST) {
		c->ekind = E_NEST;
		return -1;
	}
	c->depth++;
	rc = run(c, s + from, to - from, out);
	c->depth--;
	return rc;
}

static int apply_op(struct sub *c, const char *s, const struct match *m, size_t arg_end,
		    struct strbuf *out)
{
	const char *v = lookup(c, s, m->name, m->name_end);
	bool set = v != NULL, full = v && *v;
	struct strbuf msg = STRBUF_INIT;

	switch (m->op) {
	case OP_DEF_NONEMPTY:
	case OP_DEF:
		if (m->op == OP_DEF_NONEMPTY ? full : set)
			break;
		return operand(c, s, m->arg, arg_end, out);
	case OP_ALT_NONEMPTY:
	case OP_ALT:
		if (m->op == OP_ALT_NONEMPTY ? full : set)
			return operand(c, s, m->arg, arg_end, out);
		break;
	case OP_REQ_NONEMPTY:
	case OP_REQ:
		if (m->op == OP_REQ_NONEMPTY ? full : set)
			break;
		if (c->required) {
			c->required(c, s + m->name, m->name_end - m->name);
			break;
		}
		if (operand(c, s, m->arg, arg_end, &msg)) {
			strbuf_release(&msg);
			return -1;
		}
		c->ekind = E_REQUIRED;
		strbuf_reset(&c->emsg);
		strbuf_addstr(&c->emsg, "required variable ");
		strbuf_add(&c->emsg, s + m->name, m->name_end - m->name);
		strbuf_addstr(&c->emsg, " is missing a value");
		if (msg.len) {
			strbuf_addstr(&c->emsg, ": ");
			strbuf_add(&c->emsg, msg.buf, msg.len);
		}
		strbuf_release(&msg);
		return -1;
	case OP_NONE:
		break;
	}
	if (v)
		strbuf_addstr(out, v);
	return 0;
}

static int run(struct sub *c, const char *s, size_t len, struct strbuf *out)
{
	size_t *ends = NULL, nends = 0, capends = 0;
	size_t pos = 0, end = len;
	int rc = 0;

	for (;;) {
		const char *d;
		struct match m;
		size_t q, head;

		if (out->len > MAX_VALUE) {
			c->ekind = E_LARGE;
			rc = -1;
			goto done;
		}
		if (pos >= end) {
			if (!nends)
				break;
			end = ends[--nends];
			continue;
		}
		d = memchr(s + pos, '$', end - pos);
		if (!d) {
			strbuf_add(out, s + pos, end - pos);
			pos = end;
			continue;
		}
		q = (size_t)(d - s);
		strbuf_add(out, s + pos, q - pos);
		if (!match_at(s, q, end, &m)) {
			strbuf_addch(out, '$');
			pos = q + 1;
			continue;
		}
		pos = m.end;
		switch (m.kind) {
		case M_ESCAPED:
			strbuf_addch(out, '$');
			break;
		case M_INVALID:
			c->ekind = E_INVALID;
			rc = -1;
			goto done;
		case M_NAMED:
		case M_BRACED:
			if (m.op == OP_NONE) {
				const char *v = lookup(c, s, m.name, m.name_end);

				if (v)
					strbuf_addstr(out, v);
				else if (c->unset)
					c->unset(c, s + m.name, m.name_end - m.name);
				break;
			}
			head = first_closing(s, q, m.end);
			if (head == m.end)
				head = m.end - 1;	/* no balanced `}`: the whole match */
			if (apply_op(c, s, &m, head, out)) {
				rc = -1;
				goto done;
			}
			if (head + 1 < m.end) {
				/* The rest of the match, on its own. */
				if (nends == capends) {
					capends = capends ? capends * 2 : 8;
					ends = realloc(ends, capends * sizeof(*ends));
					if (!ends)
						die("out of memory");
				}
				ends[nends++] = end;
				end = m.end;
				pos = head + 1;
			}
			break;
		}
	}
done:
	free(ends);
	return rc;
}

static const char *finish(struct sub *c, struct strbuf *out, int rc, size_t *len)
{
	const char *res = rc ? NULL : arena_strndup(c->a, out->buf, out->len);

	if (len)
		*len = out->len;
	strbuf_release(out);
	return res;
}

/* A short, printable form of a template for messages. */
static void add_shown(struct strbuf *sb, const char *s, size_t len)
{
	size_t i;

	strbuf_addch(sb, '"');
	for (i = 0; i < len && i < 200; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\n')
			strbuf_addstr(sb, "\\n");
		else if (ch == '"' || ch == '\\')
			strbuf_addf(sb, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			strbuf_addf(sb, "\\x%02x", ch);
		else
			strbuf_addch(sb, (char)ch);
	}
	if (i < len)
		strbuf_addstr(sb, "...");
	strbuf_addch(sb, '"');
}

/* The error message, Compose's wording; path may be NULL. */
static const char *error_message(struct sub *c, const char *s, size_t len, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *msg;

	switch (c->ekind) {
	case E_REQUIRED:
		if (path)
			strbuf_addf(&sb, "error while interpolating %s: ", path);
		strbuf_add(&sb, c->emsg.buf, c->emsg.len);
		break;
	case E_LARGE:
		strbuf_addstr(&sb, "interpolated value");
		if (path)
			strbuf_addf(&sb, " of %s", path);
		strbuf_addf(&sb, " too large (limit %zu MiB)", MAX_VALUE >> 20);
		break;
	case E_NEST:
		strbuf_addstr(&sb, "interpolation nested too deeply");
		if (path)
			strbuf_addf(&sb, " in %s", path);
		strbuf_addstr(&sb, ": ");
		add_shown(&sb, s, len);
		break;
	default:
		strbuf_addstr(&sb, "invalid interpolation format");
		if (path)
			strbuf_addf(&sb, " for %s", path);
		strbuf_addstr(&sb, ": ");
		add_shown(&sb, s, len);
		strbuf_addstr(&sb, "; you may need to escape any $ with another $");
		break;
	}
	msg = arena_strndup(c->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return msg;
}

const char *interp_substitute(struct arena *a, const char *s, size_t len,
			      interp_lookup_fn *lookup_fn, void *ctx, const char **err)
{
	struct sub c = { .a = a, .lookup = lookup_fn, .lctx = ctx, .emsg = STRBUF_INIT };
	struct strbuf out = STRBUF_INIT;
	const char *res = finish(&c, &out, run(&c, s, len, &out), NULL);

	if (!res && err)
		*err = error_message(&c, s, len, NULL);
	strbuf_release(&c.emsg);
	return res;
}

/* --- against an env, with hooks ---------------------------------------------- */

struct tctx {
	const struct env *env;
	const struct interp_hooks *hooks;
	const struct y_node *at;
};

static const char *env_lookup(void *ctx, const char *name, size_t len)
{
	const struct tctx *t = ctx;
	const struct env_var *v = env_get(t->env, name, len);

	if (v && v->process && t->hooks && t->hooks->process)
		t->hooks->process(t->hooks->ctx, v->name, v->value);
	return v ? v->value : NULL;
}

static void hook_unset(struct sub *c, const char *name, size_t len)
{
	struct tctx *t = c->uctx;

	if (t->hooks && t->hooks->unset)
		t->hooks->unset(t->hooks->ctx, arena_strndup(c->a, name, len), t->at);
}

static void hook_required(struct sub *c, const char *name, size_t len)
{
	struct tctx *t = c->uctx;

	t->hooks->required(t->hooks->ctx, arena_strndup(c->a, name, len), t->at);
}

struct walk {
	struct y_node *n;
	size_t i;		/* next child */
};

/* services.web.ports[0]: the keys and indexes down to the current node. */
static const char *path_of(struct arena *a, const struct walk *w, size_t nw)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	for (size_t i = 0; i + 1 < nw; i++) {
		const struct y_node *n = w[i].n;

		if (n->kind == Y_MAP) {
			if (sb.len)
				strbuf_addch(&sb, '.');
			strbuf_addstr(&sb, n->pairs[w[i].i - 1].key->str);
		} else {
			strbuf_addf(&sb, "[%zu]", w[i].i - 1);
		}
	}
	if (!sb.len)
		strbuf_addstr(&sb, "(top level)");
	p = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return p;
}

/* w (may be NULL) is the way down to the scalar, for the error's path. */
static const char *interpolate(struct arena *a, const char *s, size_t len, struct tctx *t,
			       const struct walk *w, size_t nw, size_t *outlen)
{
	struct sub c = { .a = a, .lookup = env_lookup, .lctx = t, .unset = hook_unset,
			 .required = t->hooks && t->hooks->required ? hook_required : NULL,
			 .uctx = t, .emsg = STRBUF_INIT };
	struct strbuf out = STRBUF_INIT;
	const char *res = finish(&c, &out, run(&c, s, len, &out), outlen);

	if (!res && t->hooks && t->hooks->error)
		t->hooks->error(t->hooks->ctx,
				error_message(&c, s, len, w ? path_of(a, w, nw) : NULL), t->at);
	strbuf_release(&c.emsg);
	return res;
}

const char *interp_string(struct arena *a, const char *s, const struct env *env,
			  const struct interp_hooks *hooks, const struct y_node *at)
{
	struct tctx t = { env, hooks, at };

	return interpolate(a, s, strlen(s), &t, NULL, 0, NULL);
}

int interp_tree(struct arena *a, struct y_node *root, const struct env *env,
		const struct interp_hooks *hooks)
{
	struct walk *w = NULL;
	size_t nw = 0, capw = 0, total = 0;
	int errors = 0;

	if (!root)
		return 0;
	capw = 16;
	w = malloc(capw * sizeof(*w));
	if (!w)
		die("out of memory");
	w[nw++] = (struct walk){ root, 0 };
	while (nw) {
		struct walk *top = &w[nw - 1];
		struct y_node *n = top->n, *child = NULL;

		if (n->kind == Y_SCALAR) {
			if (memchr(n->str, '$', n->len)) {
				struct tctx t = { env, hooks, n };
				size_t len;
				const char *res = interpolate(a, n->str, n->len, &t, w, nw, &len);

				if (res && len > MAX_TOTAL - total) {
					if (hooks && hooks->error)
						hooks->error(hooks->ctx, arena_printf(a,
							"interpolated values too large in total "
							"(limit %zu MiB)", MAX_TOTAL >> 20), n);
					errors++;
					break;
				}
				if (res) {
					n->str = res;
					n->len = len;
					total += len;
				} else {
					errors++;
				}
			}
			nw--;
			continue;
		}
		if (n->kind == Y_MAP && top->i < n->npairs)
			child = n->pairs[top->i++].value;
		else if (n->kind == Y_SEQ && top->i < n->nitems)
			child = n->items[top->i++];
		if (!child) {
			nw--;
			continue;
		}
		if (nw == capw) {
			capw *= 2;
			w = realloc(w, capw * sizeof(*w));
			if (!w)
				die("out of memory");
		}
		w[nw++] = (struct walk){ child, 0 };
	}
	free(w);
	return errors;
}
