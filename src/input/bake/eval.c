/* Evaluating bake expressions: what the files and the environment decide.
 * Literals, templates, variables, tuples and objects, HCL's operators (a
 * number is a double here), conditionals, attribute and index access, and
 * the string functions bake files use most (equal, notequal, lower, upper,
 * trimspace, trimprefix, trimsuffix, join, coalesce). Anything else is
 * UNKNOWN with the reason, never a guess. A value is made once: variables
 * are evaluated once and shared, so a string that doubles through variables
 * meets BAKE_MAX_VALUE and BAKE_MAX_TOTAL, and a comparison of shared lists
 * meets BAKE_MAX_STEPS.
 */
#include "input/bake/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

/* --- the string map ------------------------------------------------------------ */

static size_t bhash(const char *k, size_t len)
{
	size_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)k[i]) * 1099511628211ULL;
	return h;
}

size_t *bmap_get(const struct bmap *m, const char *k, size_t len)
{
	if (!m->cap)
		return NULL;
	for (size_t i = bhash(k, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct bmap_e *e = &m->e[i];

		if (!e->k)
			return NULL;
		if (e->len == len && !memcmp(e->k, k, len))
			return &e->v;
	}
}

bool bmap_put(struct arena *a, struct bmap *m, const char *k, size_t len, size_t v)
{
	size_t *old = bmap_get(m, k, len);

	if (old) {
		*old = v;
		return false;
	}
	if (2 * (m->n + 1) > m->cap) {
		struct bmap grown = { NULL, m->cap ? 2 * m->cap : 8, 0 };

		grown.e = arena_alloc(a, grown.cap * sizeof(*grown.e));
		for (size_t i = 0; i < m->cap; i++)
			if (m->e[i].k)
				bmap_put(a, &grown, m->e[i].k, m->e[i].len, m->e[i].v);
		*m = grown;
	}
	for (size_t i = bhash(k, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->e[i].k) {
			m->e[i].k = k;
			m->e[i].len = len;
			m->e[i].v = v;
			m->n++;
			return true;
		}
	}
}

/* --- values ------------------------------------------------------------------- */

/* Without libm (the binary does not link it). */
static bool is_finite(double d)
{
	return d == d && d - d == 0;
}

static bool integral(double d)
{
	return d > -9.0e15 && d < 9.0e15 && d == (double)(long long)d;
}

static struct bval unknown(struct y_pos pos, const char *why)
{
	struct bval v = { .k = BV_UNKNOWN, .s = why, .pos = pos };

	return v;
}

/* An UNKNOWN after an input error: nothing more is said of it. */
static struct bval failed(struct y_pos pos)
{
	struct bval v = { .k = BV_UNKNOWN, .b = true, .pos = pos };

	return v;
}

static struct bval str_val(const char *s, size_t len, struct y_pos pos)
{
	struct bval v = { .k = BV_STR, .s = s, .len = len, .pos = pos };

	return v;
}

static struct bval bool_val(bool b, struct y_pos pos)
{
	struct bval v = { .k = BV_BOOL, .b = b, .pos = pos };

	return v;
}

/* cty prints a number in the shortest form that reads back the same. */
static const char *fmt_num(struct arena *a, double d)
{
	char buf[64];

	if (d == 0)
		return "0";
	if (integral(d)) {
		snprintf(buf, sizeof(buf), "%lld", (long long)d);
		return arena_strdup(a, buf);
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return arena_strdup(a, buf);
}

static struct bval num_val(struct arena *a, double d, struct y_pos pos)
{
	struct bval v = { .k = BV_NUM, .num = d, .pos = pos };

	v.s = fmt_num(a, d);
	v.len = strlen(v.s);
	return v;
}

static const char *kind_name(enum bv_kind k)
{
	switch (k) {
	case BV_NULL: return "null";
	case BV_BOOL: return "a bool";
	case BV_NUM: return "a number";
	case BV_STR: return "a string";
	case BV_LIST: return "a list";
	case BV_MAP: return "a map";
	default: return "an unknown value";
	}
}

const char *bv_string(struct arena *a, const struct bval *v, const char **why)
{
	(void)a;
	switch (v->k) {
	case BV_STR:
	case BV_NUM:
		return v->s;
	case BV_BOOL:
		return v->b ? "true" : "false";
	case BV_UNKNOWN:
		*why = v->s;
		return NULL;
	default:
		*why = kind_name(v->k);
		return NULL;
	}
}

/* A string's number (cty converts "1.5" to 1.5); false when it is not one. */
static bool parse_num(const char *s, double *d)
{
	char *end;

	if (!*s || strchr(" \t\n\r\f\v", *s))
		return false;
	*d = strtod(s, &end);
	return !*end && is_finite(*d);
}

int bk_parse_bool(const char *s)
{
	static const char *const t[] = { "1", "t", "T", "TRUE", "true", "True" };
	static const char *const f[] = { "0", "f", "F", "FALSE", "false", "False" };

	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++) {
		if (!strcmp(s, t[i]))
			return 1;
		if (!strcmp(s, f[i]))
			return 0;
	}
	return -1;
}

/* --- the loader's messages ------------------------------------------------------ */

#define MAX_ERRORS 100

static void vsay(struct bk *k, struct y_pos pos, bool error, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void vsay(struct bk *k, struct y_pos pos, bool error, const char *fmt, va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!error) {
		struct bake_note *n = BK_PUSH(k->a, k->notes, k->nnotes, k->capnotes);

		n->pos = pos;
		n->msg = arena_strdup(k->a, msg);
		return;
	}
	k->errors++;
	if (k->errors > MAX_ERRORS + 1)
		return;
	if (k->errors == MAX_ERRORS + 1) {
		report_error(k->r, pos.file ? arena_strdup(k->r->a, pos.file) : NULL, pos.line,
			     "more errors in these bake files are not shown (limit %d)", MAX_ERRORS);
		return;
	}
	report_error(k->r, pos.file ? arena_strdup(k->r->a, pos.file) : NULL, pos.line, "%s", msg);
}

void bk_error(struct bk *k, struct y_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(k, pos, true, fmt, ap);
	va_end(ap);
}

void bk_note(struct bk *k, struct y_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(k, pos, false, fmt, ap);
	va_end(ap);
}

bool bk_step(struct bk *k, size_t n, struct y_pos pos)
{
	if (k->steps_said)
		return false;
	k->steps += n;
	if (k->steps > BAKE_MAX_STEPS) {
		k->steps_said = true;
		bk_error(k, pos, "too much to evaluate in these bake files (limit %zu steps)",
			 BAKE_MAX_STEPS);
		return false;
	}
	return true;
}

bool bk_entries(struct bk *k, size_t n, struct y_pos pos)
{
	if (k->entries_said)
		return false;
	k->entries += n;
	if (k->entries > BAKE_MAX_ENTRIES) {
		k->entries_said = true;
		bk_error(k, pos, "targets too large after inherits and merging (limit %zu values)",
			 BAKE_MAX_ENTRIES);
		return false;
	}
	return true;
}

/* Spends len bytes of BAKE_MAX_VALUE (one string) and BAKE_MAX_TOTAL. */
static bool spend(struct bk *k, size_t len, struct y_pos pos)
{
	if (len > BAKE_MAX_VALUE) {
		bk_error(k, pos, "value too large (limit %zu MiB)", BAKE_MAX_VALUE >> 20);
		return false;
	}
	if (k->total_said)
		return false;
	k->total += len;
	if (k->total > BAKE_MAX_TOTAL) {
		k->total_said = true;
		bk_error(k, pos, "interpolated values too large together (limit %zu MiB)",
			 BAKE_MAX_TOTAL >> 20);
		return false;
	}
	return true;
}

/* --- conversions ------------------------------------------------------------------ */

static bool to_bool(struct bk *k, const struct bval *v, const struct hx *at, bool *b)
{
	if (v->k == BV_BOOL) {
		*b = v->b;
		return true;
	}
	if (v->k == BV_STR && (!strcmp(v->s, "true") || !strcmp(v->s, "false"))) {
		*b = v->s[0] == 't';
		return true;
	}
	bk_error(k, at->pos, "a bool is required here, not %s", kind_name(v->k));
	return false;
}

static bool to_num(struct bk *k, const struct bval *v, const struct hx *at, double *d)
{
	if (v->k == BV_NUM) {
		*d = v->num;
		return true;
	}
	if (v->k == BV_STR && parse_num(v->s, d))
		return true;
	bk_error(k, at->pos, "a number is required here, not %s", kind_name(v->k));
	return false;
}

/* The string of a value in a template or a string function. */
static const char *to_str(struct bk *k, const struct bval *v, const struct hx *at)
{
	const char *why = NULL, *s = bv_string(k->a, v, &why);

	if (!s)
		bk_error(k, at->pos, "%s cannot be used as a string", kind_name(v->k));
	return s;
}

/* 1 equal, 0 not, -1 unknown, -2 failed. Lists made through variables can
 * nest deeper than any one tree: the depth is bounded here too. */
static int bv_equal(struct bk *k, const struct bval *x, const struct bval *y, int depth)
{
	if (!bk_step(k, 1, x->pos))
		return -2;
	if (depth >= BAKE_MAX_EVAL_DEPTH) {
		bk_error(k, x->pos, "values nest too deep to compare (limit %d)", BAKE_MAX_EVAL_DEPTH);
		return -2;
	}
	if (x->k == BV_UNKNOWN || y->k == BV_UNKNOWN)
		return x->b || y->b ? -2 : -1;
	if (x->k != y->k)
		return 0;
	switch (x->k) {
	case BV_NULL: return 1;
	case BV_BOOL: return x->b == y->b;
	case BV_NUM: return x->num == y->num;
	case BV_STR: return x->len == y->len && !memcmp(x->s, y->s, x->len);
	case BV_LIST:
		if (x->n != y->n)
			return 0;
		if (x->items == y->items)
			return 1;
		for (size_t i = 0; i < x->n; i++) {
			int e = bv_equal(k, &x->items[i], &y->items[i], depth + 1);

			if (e != 1)
				return e;
		}
		return 1;
	case BV_MAP: {
		struct bmap m = { 0 };

		if (x->n != y->n)
			return 0;
		if (x->items == y->items)
			return 1;
		for (size_t i = 0; i < y->n; i++)
			bmap_put(k->a, &m, y->keys[i], strlen(y->keys[i]), i);
		for (size_t i = 0; i < x->n; i++) {
			size_t *j = bmap_get(&m, x->keys[i], strlen(x->keys[i]));
			int e;

			if (!j)
				return 0;
			e = bv_equal(k, &x->items[i], &y->items[*j], depth + 1);
			if (e != 1)
				return e;
		}
		return 1;
	}
	default:
		return -1;
	}
}

/* --- functions ---------------------------------------------------------------------- */

static struct bval call(struct bk *k, const struct hx *x, struct bval *args, size_t n)
{
	const char *f = x->s;
	struct strbuf sb = STRBUF_INIT;
	struct bval out;
	int arity = -1;

	if (!strcmp(f, "equal") || !strcmp(f, "notequal")) {
		int e;

		if (n != 2) {
			arity = 2;
			goto bad_arity;
		}
		e = bv_equal(k, &args[0], &args[1], 0);
		if (e == -2)
			return failed(x->pos);
		if (e == -1)
			return unknown(x->pos, "a comparison with an unresolved value");
		return bool_val((e == 1) == (f[0] == 'e'), x->pos);
	}
	if (!strcmp(f, "coalesce")) {
		for (size_t i = 0; i < n; i++) {
			if (args[i].k == BV_NULL || (args[i].k == BV_STR && !args[i].len))
				continue;
			return args[i];
		}
		bk_error(k, x->pos, "coalesce(): no non-null, non-empty argument");
		return failed(x->pos);
	}
	if (!strcmp(f, "join")) {
		const char *sep;

		if (n < 2) {
			bk_error(k, x->pos, "join() takes a separator and at least one list");
			return failed(x->pos);
		}
		if (!(sep = to_str(k, &args[0], x)))
			return failed(x->pos);
		for (size_t i = 1, first = 1; i < n; i++) {
			if (args[i].k != BV_LIST) {
				bk_error(k, x->pos, "join(): %s is not a list", kind_name(args[i].k));
				goto fail;
			}
			for (size_t j = 0; j < args[i].n; j++) {
				const char *s;

				if (args[i].items[j].k == BV_UNKNOWN) {
					strbuf_release(&sb);
					return args[i].items[j].b ? failed(x->pos) :
					       unknown(x->pos, args[i].items[j].s);
				}
				if (!(s = to_str(k, &args[i].items[j], x)))
					goto fail;
				if (!first)
					strbuf_addstr(&sb, sep);
				first = 0;
				strbuf_addstr(&sb, s);
				if (!bk_step(k, 1, x->pos) || sb.len > BAKE_MAX_VALUE)
					break;
			}
		}
		goto done;
	}
	if (!strcmp(f, "lower") || !strcmp(f, "upper") || !strcmp(f, "trimspace")) {
		const char *s;
		size_t b, e;

		if (n != 1) {
			arity = 1;
			goto bad_arity;
		}
		if (!(s = to_str(k, &args[0], x)))
			return failed(x->pos);
		if (f[0] == 't') {
			for (b = 0; s[b] && strchr(" \t\n\r\f\v", s[b]); b++)
				;
			for (e = strlen(s); e > b && strchr(" \t\n\r\f\v", s[e - 1]); e--)
				;
			strbuf_add(&sb, s + b, e - b);
		} else {
			for (; *s; s++) {
				char c = *s;

				if (f[0] == 'l' && c >= 'A' && c <= 'Z')
					c = (char)(c - 'A' + 'a');
				else if (f[0] == 'u' && c >= 'a' && c <= 'z')
					c = (char)(c - 'a' + 'A');
				strbuf_addch(&sb, c);
			}
		}
		goto done;
	}
	if (!strcmp(f, "trimprefix") || !strcmp(f, "trimsuffix")) {
		const char *s, *t;
		size_t sl, tl;

		if (n != 2) {
			arity = 2;
			goto bad_arity;
		}
		if (!(s = to_str(k, &args[0], x)) || !(t = to_str(k, &args[1], x)))
			return failed(x->pos);
		sl = strlen(s);
		tl = strlen(t);
		if (tl <= sl && f[4] == 'p' && !memcmp(s, t, tl))
			strbuf_add(&sb, s + tl, sl - tl);
		else if (tl <= sl && f[4] == 's' && !memcmp(s + sl - tl, t, tl))
			strbuf_add(&sb, s, sl - tl);
		else
			strbuf_add(&sb, s, sl);
		goto done;
	}
	return unknown(x->pos, arena_printf(k->a, "the function %s() is not evaluated", f));
bad_arity:
	bk_error(k, x->pos, "%s() takes %d argument%s", f, arity, arity == 1 ? "" : "s");
	return failed(x->pos);
done:
	if (!spend(k, sb.len, x->pos))
		goto fail;
	out = str_val(arena_strndup(k->a, sb.buf, sb.len), sb.len, x->pos);
	strbuf_release(&sb);
	return out;
fail:
	strbuf_release(&sb);
	return failed(x->pos);
}

/* --- expressions ------------------------------------------------------------------- */

static struct bval eval_template(struct bk *k, const struct hx *x)
{
	struct strbuf sb = STRBUF_INIT;
	struct bval out;

	for (size_t i = 0; i < x->n; i++) {
		const struct hx *part = x->kids[i];
		struct bval v;
		const char *s;

		if (part->kind == HX_TIF) {
			struct bval c = bk_eval(k, part->a);
			bool b;

			if (c.k == BV_UNKNOWN) {
				v = c;
			} else if (!to_bool(k, &c, part->a, &b)) {
				v = failed(part->pos);
			} else if (b || part->c) {
				v = bk_eval(k, b ? part->b : part->c);
			} else {
				continue;
			}
		} else if (part->kind == HX_TFOR) {
			v = unknown(part->pos, "%{for} in a template is not evaluated");
		} else {
			v = bk_eval(k, part);
		}
		if (v.k == BV_UNKNOWN) {
			strbuf_release(&sb);
			return v.b ? failed(x->pos) : unknown(x->pos, v.s);
		}
		if (!(s = to_str(k, &v, part)))
			goto fail;
		strbuf_addstr(&sb, s);
		if (sb.len > BAKE_MAX_VALUE) {
			bk_error(k, x->pos, "value too large (limit %zu MiB)", BAKE_MAX_VALUE >> 20);
			goto fail;
		}
	}
	if (!spend(k, sb.len, x->pos))
		goto fail;
	out = str_val(arena_strndup(k->a, sb.buf, sb.len), sb.len, x->pos);
	strbuf_release(&sb);
	return out;
fail:
	strbuf_release(&sb);
	return failed(x->pos);
}

static struct bval eval_object(struct bk *k, const struct hx *x)
{
	struct bval m = { .k = BV_MAP, .pos = x->pos };
	struct bmap seen = { 0 };
	size_t cap = 0, kcap = 0, pcap = 0, nk = 0, np = 0;

	for (size_t i = 0; i + 1 < x->n; i += 2) {
		struct bval key = x->kids[i]->kind == HX_STR ?
			str_val(x->kids[i]->s, strlen(x->kids[i]->s), x->kids[i]->pos) :
			bk_eval(k, x->kids[i]);
		struct bval val = bk_eval(k, x->kids[i + 1]);
		const char *ks;
		size_t *j;
		bool found;

		val.pos = x->kids[i + 1]->pos;
		if (key.k == BV_UNKNOWN)
			return key.b ? failed(x->pos) : unknown(x->pos, key.s);
		if (!(ks = to_str(k, &key, x->kids[i])))
			return failed(x->pos);
		found = false;
		if (x->n <= 32) {
			for (size_t q = 0; q < m.n && !found; q++)
				if (!strcmp(m.keys[q], ks))
					m.items[q] = val, found = true;	/* a later key wins */
		} else if ((j = bmap_get(&seen, ks, strlen(ks)))) {
			m.items[*j] = val;
			found = true;
		}
		if (found)
			continue;
		if (x->n > 32)
			bmap_put(k->a, &seen, ks, strlen(ks), m.n);
		*BK_PUSH(k->a, m.keys, nk, kcap) = ks;
		*BK_PUSH(k->a, m.kpos, np, pcap) = x->kids[i]->pos;
		*BK_PUSH(k->a, m.items, m.n, cap) = val;
	}
	return m;
}

static struct bval eval_var(struct bk *k, const struct hx *x)
{
	size_t *i;

	if (!strcmp(x->s, "BAKE_CMD_CONTEXT"))
		return str_val("cwd://", 6, x->pos);
	if (!strcmp(x->s, "BAKE_LOCAL_PLATFORM"))
		return unknown(x->pos,
			       "BAKE_LOCAL_PLATFORM is the platform of the machine that runs bake");
	i = bmap_get(&k->varmap, x->s, strlen(x->s));
	if (i)
		return bk_var(k, *i, x->pos);
	if (!strcmp(x->s, "target"))
		return unknown(x->pos,
			       "references to other targets (target.NAME.ATTRIBUTE) are not resolved");
	if (k->matrix)
		return unknown(x->pos, "matrix values are not expanded");
	bk_error(k, x->pos, "undefined variable \"%s\" (bake needs a variable block or a global attribute)",
		 x->s);
	return failed(x->pos);
}

static struct bval eval_binary(struct bk *k, const struct hx *x)
{
	struct bval a = bk_eval(k, x->a), b = bk_eval(k, x->b);
	double p, q, r;
	bool ba, bb;

	if (a.k == BV_UNKNOWN)
		return a.b ? failed(x->pos) : unknown(x->pos, a.s);
	if (b.k == BV_UNKNOWN)
		return b.b ? failed(x->pos) : unknown(x->pos, b.s);
	switch (x->op) {
	case OP_OR:
	case OP_AND:
		if (!to_bool(k, &a, x->a, &ba) || !to_bool(k, &b, x->b, &bb))
			return failed(x->pos);
		return bool_val(x->op == OP_OR ? ba || bb : ba && bb, x->pos);
	case OP_EQ:
	case OP_NE: {
		int e = bv_equal(k, &a, &b, 0);

		if (e == -2)
			return failed(x->pos);
		if (e == -1)
			return unknown(x->pos, "a comparison with an unresolved value");
		return bool_val((e == 1) == (x->op == OP_EQ), x->pos);
	}
	default:
		break;
	}
	if (!to_num(k, &a, x->a, &p) || !to_num(k, &b, x->b, &q))
		return failed(x->pos);
	switch (x->op) {
	case OP_LT: return bool_val(p < q, x->pos);
	case OP_LE: return bool_val(p <= q, x->pos);
	case OP_GT: return bool_val(p > q, x->pos);
	case OP_GE: return bool_val(p >= q, x->pos);
	case OP_ADD: r = p + q; break;
	case OP_SUB: r = p - q; break;
	case OP_MUL: r = p * q; break;
	case OP_DIV:
	case OP_MOD:
		if (q == 0) {
			bk_error(k, x->pos, "division by zero");
			return failed(x->pos);
		}
		if (x->op == OP_MOD && (!integral(p) || !integral(q)))
			return unknown(x->pos, "% of numbers that are not integers is not evaluated");
		r = x->op == OP_DIV ? p / q : (double)((long long)p % (long long)q);
		break;
	default:
		return unknown(x->pos, "an operator that is not evaluated");
	}
	if (!is_finite(r)) {
		bk_error(k, x->pos, "the result of an operation is not a finite number");
		return failed(x->pos);
	}
	return num_val(k->a, r, x->pos);
}

static struct bval eval_access(struct bk *k, const struct hx *x)
{
	struct bval a = bk_eval(k, x->a), key;
	const char *name;

	if (a.k == BV_UNKNOWN)
		return a.b ? failed(x->pos) : unknown(x->pos, a.s);
	if (x->kind == HX_ATTR) {
		key = str_val(x->s, x->len, x->pos);
	} else {
		key = bk_eval(k, x->b);
		if (key.k == BV_UNKNOWN)
			return key.b ? failed(x->pos) : unknown(x->pos, key.s);
	}
	if (a.k == BV_LIST) {
		double d;

		if (x->kind == HX_ATTR || !to_num(k, &key, x->b, &d))
			goto bad;
		if (d < 0 || d >= (double)a.n || !integral(d)) {
			bk_error(k, x->pos, "index %s is out of range (the list has %zu items)", key.s, a.n);
			return failed(x->pos);
		}
		return a.items[(size_t)d];
	}
	if (a.k == BV_MAP) {
		if (!(name = to_str(k, &key, x->b ? x->b : x)))
			return failed(x->pos);
		for (size_t i = 0; i < a.n; i++) {
			if (!bk_step(k, 1, x->pos))
				return failed(x->pos);
			if (!strcmp(a.keys[i], name))
				return a.items[i];
		}
		bk_error(k, x->pos, "the map has no key \"%s\"", name);
		return failed(x->pos);
	}
bad:
	bk_error(k, x->pos, "%s cannot be indexed%s", kind_name(a.k),
		 a.k == BV_LIST ? " by a name" : "");
	return failed(x->pos);
}

static struct bval eval_node(struct bk *k, const struct hx *x);

/* Each tree is at most BAKE_MAX_NEST deep, but variables chain trees: the
 * depth of the evaluation is bounded on its own. */
struct bval bk_eval(struct bk *k, const struct hx *x)
{
	struct bval v;

	if (k->eval_depth >= BAKE_MAX_EVAL_DEPTH) {
		bk_error(k, x->pos, "expressions nest too deep through variables (limit %d)",
			 BAKE_MAX_EVAL_DEPTH);
		return failed(x->pos);
	}
	k->eval_depth++;
	v = eval_node(k, x);
	k->eval_depth--;
	return v;
}

static struct bval eval_node(struct bk *k, const struct hx *x)
{
	struct bval v = { .pos = x->pos };

	if (!bk_step(k, 1, x->pos))
		return failed(x->pos);
	switch (x->kind) {
	case HX_NULL:
		v.k = BV_NULL;
		return v;
	case HX_BOOL:
		return bool_val(x->s[0] == 't', x->pos);
	case HX_NUM: {
		double d;

		if (!parse_num(x->s, &d)) {
			bk_error(k, x->pos, "number %s is out of range", x->s);
			return failed(x->pos);
		}
		return num_val(k->a, d, x->pos);
	}
	case HX_STR:
		return str_val(x->s, strlen(x->s), x->pos);
	case HX_TEMPLATE:
		return eval_template(k, x);
	case HX_VAR:
		return eval_var(k, x);
	case HX_TUPLE: {
		size_t cap = 0;

		v.k = BV_LIST;
		/* An item is where it is written, even when a variable made it. */
		for (size_t i = 0; i < x->n; i++) {
			struct bval *it = BK_PUSH(k->a, v.items, v.n, cap);

			*it = bk_eval(k, x->kids[i]);
			it->pos = x->kids[i]->pos;
		}
		return v;
	}
	case HX_OBJECT:
		return eval_object(k, x);
	case HX_CALL: {
		struct bval *args;
		size_t *uf = bmap_get(&k->funcs, x->s, strlen(x->s));

		if (uf)
			return unknown(x->pos, arena_printf(k->a, "the function %s() of a function "
							    "block is not evaluated", x->s));
		if (x->expand)
			return unknown(x->pos, "a call with ... expansion is not evaluated");
		args = arena_alloc(k->a, (x->n + 1) * sizeof(*args));
		for (size_t i = 0; i < x->n; i++) {
			args[i] = bk_eval(k, x->kids[i]);
			if (args[i].k == BV_UNKNOWN)
				return args[i].b ? failed(x->pos) : unknown(x->pos, args[i].s);
		}
		return call(k, x, args, x->n);
	}
	case HX_COND: {
		struct bval c = bk_eval(k, x->a);
		bool b;

		if (c.k == BV_UNKNOWN)
			return c.b ? failed(x->pos) : unknown(x->pos, c.s);
		if (!to_bool(k, &c, x->a, &b))
			return failed(x->pos);
		return bk_eval(k, b ? x->b : x->c);
	}
	case HX_BINARY:
		return eval_binary(k, x);
	case HX_UNARY: {
		struct bval a = bk_eval(k, x->a);
		double d;
		bool b;

		if (a.k == BV_UNKNOWN)
			return a.b ? failed(x->pos) : unknown(x->pos, a.s);
		if (x->op == OP_NOT)
			return to_bool(k, &a, x->a, &b) ? bool_val(!b, x->pos) : failed(x->pos);
		return to_num(k, &a, x->a, &d) ? num_val(k->a, -d, x->pos) : failed(x->pos);
	}
	case HX_ATTR:
	case HX_INDEX:
		return eval_access(k, x);
	case HX_SPLAT:
		return unknown(x->pos, "splat expressions are not evaluated");
	case HX_FOR:
		return unknown(x->pos, "for expressions are not evaluated");
	default:
		return unknown(x->pos, "a template directive out of a template");
	}
}

/* --- variables ---------------------------------------------------------------------- */

/* The type a variable's environment value is read as: its `type`, else
 * its default's. */
static enum bv_kind env_kind(const struct bvar *v, const struct bval *def)
{
	if (v->type && v->type->kind == HX_VAR) {
		if (!strcmp(v->type->s, "bool"))
			return BV_BOOL;
		if (!strcmp(v->type->s, "number"))
			return BV_NUM;
		if (!strcmp(v->type->s, "string"))
			return BV_STR;
	}
	if (v->type && v->type->kind == HX_CALL)
		return BV_LIST;	/* list(string), map(string) ... */
	return def->k;
}

struct bval bk_var(struct bk *k, size_t i, struct y_pos at)
{
	struct bvar *v = &k->vars[i];
	const struct env_var *ev = NULL;
	struct bval val;

	if (v->state == 2)
		return v->val;
	if (v->state == 1) {
		bk_error(k, at, "variable \"%s\" refers to itself, directly or through other variables (a cycle)",
			 v->name);
		return failed(at);
	}
	if (k->var_depth >= BAKE_MAX_VAR_DEPTH) {
		bk_error(k, at, "variables name variables too deep (limit %d)", BAKE_MAX_VAR_DEPTH);
		return failed(at);
	}
	v->state = 1;
	k->var_depth++;
	if (v->block && k->env_lookup && k->env)
		ev = env_get(k->env, v->name, strlen(v->name));
	if (!v->def) {
		const char *s = ev ? ev->value : "";

		val = str_val(s, strlen(s), v->pos);
		v->from_env = ev != NULL;
	} else {
		val = bk_eval(k, v->def);
		if (ev) {
			const char *s = ev->value;
			double d;
			int b;

			v->from_env = true;
			switch (env_kind(v, &val)) {
			case BV_BOOL:
				if ((b = bk_parse_bool(s)) < 0) {
					bk_error(k, v->pos, "variable \"%s\": the environment's value \"%s\" is not a bool",
						 v->name, s);
					val = failed(v->pos);
				} else {
					val = bool_val(b == 1, v->pos);
				}
				break;
			case BV_NUM:
				if (!parse_num(s, &d)) {
					bk_error(k, v->pos, "variable \"%s\": the environment's value \"%s\" is not a number",
						 v->name, s);
					val = failed(v->pos);
				} else {
					val = num_val(k->a, d, v->pos);
				}
				break;
			case BV_LIST:
			case BV_MAP:
				val = unknown(v->pos, arena_printf(k->a, "variable \"%s\" is set by the "
								  "environment to a list or map, which is "
								  "not read", v->name));
				break;
			default:
				val = str_val(s, strlen(s), v->pos);
				break;
			}
		}
	}
	k->var_depth--;
	v->state = 2;
	v->val = val;
	return val;
}
