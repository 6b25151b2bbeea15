/*
 * Variable expansion, transcribed from BuildKit's shell lexer
 * (frontend/dockerfile/shell/lex.go): the same scanner walk, the same quirks
 * and the same error texts. Where Go's runtime shapes the result we follow
 * it too: text/scanner's UTF-8 decoding (a bad byte reads as U+FFFD, a
 * leading BOM is dropped), the unicode package's letter, digit and space
 * classes, and the regexp semantics of the globs BuildKit turns into regular
 * expressions for # ## % %% / //.
 *
 * Memory: results go to the arena; scratch space is malloc'd and freed
 * before returning. Depth, output and matching work are bounded (MAX_*), so
 * no input can blow the stack, eat memory or hang; BuildKit has no such
 * limits, and only inputs far past any real Dockerfile reach ours.
 */
#include "input/dockerfile/expand.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/die.h"
#include "util/strbuf.h"

#define EOF_RUNE (-1)
#define RUNE_ERROR 0xFFFD
#define BOM 0xFEFF

/* BuildKit has no limit; we refuse ${...} nested deeper than this so the
 * recursion (scan -> quote -> ${ -> scan) stays bounded. */
#define MAX_DEPTH 64

/*
 * Also unlike BuildKit, work is bounded: ${v//x/${v//x/...}} grows
 * exponentially, and a glob costs value length times pattern length. Real
 * Dockerfiles stay far below both; past them expansion fails.
 */
#define MAX_OUTPUT ((size_t)8 << 20)	/* bytes copied into results */
#define MAX_STEPS ((size_t)1 << 24)	/* glob VM thread steps */
#define MAX_PATTERN ((size_t)1 << 16)	/* glob length, in bytes */

static bool is_letter(int32_t r);
static bool is_digit(int32_t r);

/* unicode.IsSpace: Latin-1 spaces and the White_Space property. */
static bool is_space(int32_t r)
{
	switch (r) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000:
		return true;
	}
	return r >= 0x2000 && r <= 0x200A;
}

static void *xmalloc_array(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (size && n > SIZE_MAX / size)
		die("out of memory");
	total = n * size;
	p = malloc(total ? total : 1);
	if (!p)
		die("out of memory");
	return p;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory");
	return p;
}

/* utf8.DecodeRune: anything malformed is RUNE_ERROR, one byte wide. */
static int32_t decode_rune(const char *str, size_t n, size_t *width)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], lo = 0x80, hi = 0xBF;
	size_t need, i;
	int32_t r;

	*width = 1;
	if (c < 0x80)
		return (int32_t)c;
	if (c < 0xC2 || c > 0xF4)
		return RUNE_ERROR;
	if (c < 0xE0) {
		need = 1;
		r = (int32_t)(c & 0x1F);
	} else if (c < 0xF0) {
		need = 2;
		r = (int32_t)(c & 0x0F);
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;	/* no surrogates */
	} else {
		need = 3;
		r = (int32_t)(c & 0x07);
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	if (n <= need)
		return RUNE_ERROR;
	for (i = 1; i <= need; i++) {
		if (s[i] < lo || s[i] > hi)
			return RUNE_ERROR;
		lo = 0x80;
		hi = 0xBF;
		r = (r << 6) | (int32_t)(s[i] & 0x3F);
	}
	*width = need + 1;
	return r;
}

/* As Go's WriteRune: anything that isn't a scalar value (EOF too) is U+FFFD. */
static void put_rune(struct strbuf *sb, int32_t r)
{
	char b[4];

	if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
		r = RUNE_ERROR;
	if (r < 0x80) {
		strbuf_addch(sb, r);
		return;
	}
	if (r < 0x800) {
		b[0] = (char)(0xC0 | (r >> 6));
		b[1] = (char)(0x80 | (r & 0x3F));
		strbuf_add(sb, b, 2);
	} else if (r < 0x10000) {
		b[0] = (char)(0xE0 | (r >> 12));
		b[1] = (char)(0x80 | ((r >> 6) & 0x3F));
		b[2] = (char)(0x80 | (r & 0x3F));
		strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xF0 | (r >> 18));
		b[1] = (char)(0x80 | ((r >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((r >> 6) & 0x3F));
		b[3] = (char)(0x80 | (r & 0x3F));
		strbuf_add(sb, b, 4);
	}
}

/* A string as runes, with each rune's byte offset (off[n] is the length). */
struct runes {
	int32_t *r;
	size_t *off;
	size_t n;
};

static void runes_decode(struct runes *rs, const char *s, size_t len)
{
	size_t i, w;

	rs->r = xmalloc_array(len + 1, sizeof(*rs->r));
	rs->off = xmalloc_array(len + 1, sizeof(*rs->off));
	rs->n = 0;
	for (i = 0; i < len; i += w) {
		rs->off[rs->n] = i;
		rs->r[rs->n++] = decode_rune(s + i, len - i, &w);
	}
	rs->off[rs->n] = len;
}

static void runes_release(struct runes *rs)
{
	free(rs->r);
	free(rs->off);
}

/*
 * Go's %q (strconv.Quote), for error texts. IsPrint is exact for Latin-1;
 * above it only spaces, common format characters and private use count as
 * unprintable, which is close enough for a message.
 */
static bool go_printable(int32_t r)
{
	if (r < 0x100)
		return (r >= 0x20 && r < 0x7F) || (r > 0xA0 && r != 0xAD);
	if (is_space(r))
		return false;
	return !((r >= 0x200B && r <= 0x200F) || (r >= 0x202A && r <= 0x202E) ||
		 (r >= 0x2060 && r <= 0x206F) || r == BOM ||
		 (r >= 0xFFF9 && r <= 0xFFFB) || r == 0xFFFE || r == 0xFFFF ||
		 (r >= 0xE000 && r <= 0xF8FF) || r >= 0xE0000);
}

static void go_quote(struct strbuf *sb, const char *s, size_t n)
{
	size_t i, w;

	strbuf_addch(sb, '"');
	for (i = 0; i < n; i += w) {
		int32_t r = decode_rune(s + i, n - i, &w);

		if (r == RUNE_ERROR && w == 1) {
			strbuf_addf(sb, "\\x%02x", (unsigned char)s[i]);
			continue;
		}
		if (r == '"' || r == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, r);
			continue;
		}
		if (go_printable(r)) {
			strbuf_add(sb, s + i, w);
			continue;
		}
		switch (r) {
		case '\a': strbuf_addstr(sb, "\\a"); break;
		case '\b': strbuf_addstr(sb, "\\b"); break;
		case '\f': strbuf_addstr(sb, "\\f"); break;
		case '\n': strbuf_addstr(sb, "\\n"); break;
		case '\r': strbuf_addstr(sb, "\\r"); break;
		case '\t': strbuf_addstr(sb, "\\t"); break;
		case '\v': strbuf_addstr(sb, "\\v"); break;
		default:
			if (r < ' ' || r == 0x7F)
				strbuf_addf(sb, "\\x%02x", (unsigned)r);
			else if (r < 0x10000)
				strbuf_addf(sb, "\\u%04x", (unsigned)r);
			else
				strbuf_addf(sb, "\\U%08x", (unsigned)r);
		}
	}
	strbuf_addch(sb, '"');
}

/*
 * Globs. BuildKit converts the pattern to a Go regexp (convertShellPatternToRegex):
 * '*' is ".*" (or lazy ".*?"), '?' is '.', a backslash escapes only * ? and
 * itself, "\}" and "\/" drop the backslash, and everything else, brackets
 * included, is literal. Go's '.' never matches a newline, and its matching
 * is leftmost-first, so we run the same program on a small Pike VM (the way
 * RE2 does): the same priorities, linear time, no recursion.
 */
enum { I_LIT, I_ANY, I_SPLIT, I_MATCH };

struct inst {
	int op;
	int32_t r;		/* I_LIT */
	size_t x, y;		/* next; for I_SPLIT x is preferred over y */
};

struct thread {
	size_t pc, start;
};

struct tlist {
	struct thread *t;
	size_t n, stamp;
	size_t *mark;		/* mark[pc] == stamp: pc is on the list */
};

struct glob {
	struct inst *prog;
	size_t n, stamp;
	size_t *steps;		/* budget left, shared by the whole expansion */
	struct tlist l[2];
	size_t *stack;
};

/* Returns 0, or -1 with *bad the rune after a backslash that can't be there. */
static int glob_compile(struct glob *g, const int32_t *pr, size_t np,
			bool greedy, size_t *steps, int32_t *bad)
{
	size_t i = 0, k;

	memset(g, 0, sizeof(*g));
	g->steps = steps;
	g->prog = xcalloc(2 * np + 1, sizeof(*g->prog));
	if (np && pr[0] == BOM)
		i = 1;	/* text/scanner skips it */
	for (; i < np; i++) {
		int32_t tok = pr[i];

		k = g->n;
		if (tok == '*') {
			g->prog[k].op = I_SPLIT;
			g->prog[k].x = greedy ? k + 1 : k + 2;
			g->prog[k].y = greedy ? k + 2 : k + 1;
			g->prog[k + 1].op = I_ANY;
			g->prog[k + 1].x = k;
			g->n += 2;
			continue;
		}
		if (tok == '?') {
			g->prog[k].op = I_ANY;
			g->prog[k].x = k + 1;
			g->n++;
			continue;
		}
		if (tok == '\\') {
			int32_t nx = i + 1 < np ? pr[i + 1] : EOF_RUNE;

			if (nx == '}' || nx == '/')
				continue;
			i++;
			if (nx != '*' && nx != '?' && nx != '\\') {
				*bad = nx;
				return -1;
			}
			tok = nx;
		}
		g->prog[k].op = I_LIT;
		g->prog[k].r = tok;
		g->prog[k].x = k + 1;
		g->n++;
	}
	g->prog[g->n++].op = I_MATCH;

	for (i = 0; i < 2; i++) {
		g->l[i].t = xmalloc_array(g->n, sizeof(*g->l[i].t));
		g->l[i].mark = xcalloc(g->n, sizeof(*g->l[i].mark));
	}
	/* Each pc is expanded once per add and pushes at most two. */
	g->stack = xmalloc_array(2 * g->n + 1, sizeof(*g->stack));
	return 0;
}

static void glob_release(struct glob *g)
{
	free(g->prog);
	free(g->l[0].t);
	free(g->l[0].mark);
	free(g->l[1].t);
	free(g->l[1].mark);
	free(g->stack);
}

/* Adds pc and what it leads to without input, in priority order. */
static void glob_add(struct glob *g, struct tlist *l, size_t pc, size_t start)
{
	size_t sp = 0;

	g->stack[sp++] = pc;
	while (sp) {
		pc = g->stack[--sp];
		if (l->mark[pc] == l->stamp)
			continue;
		l->mark[pc] = l->stamp;
		if (g->prog[pc].op == I_SPLIT) {
			g->stack[sp++] = g->prog[pc].y;
			g->stack[sp++] = g->prog[pc].x;
		} else {
			l->t[l->n].pc = pc;
			l->t[l->n].start = start;
			l->n++;
		}
	}
}

/*
 * Leftmost-first match in r[from..n), or only at from when anchored.
 * Returns 1 and sets [*ms, *me) in rune indexes, 0 for no match, or -1
 * when the step budget runs out.
 */
static int glob_match(struct glob *g, const int32_t *r, size_t n,
		      size_t from, bool anchored, size_t *ms, size_t *me)
{
	struct tlist *cur = &g->l[0], *nxt = &g->l[1], *tmp;
	bool matched = false;
	size_t i, j;

	cur->n = 0;
	cur->stamp = ++g->stamp;
	for (i = from; i <= n; i++) {
		if (!matched && (!anchored || i == from))
			glob_add(g, cur, 0, i);
		if (!cur->n)
			break;
		if (*g->steps < cur->n)
			return -1;
		*g->steps -= cur->n;
		nxt->n = 0;
		nxt->stamp = ++g->stamp;
		for (j = 0; j < cur->n; j++) {
			const struct inst *in = &g->prog[cur->t[j].pc];

			if (in->op == I_MATCH) {
				/* Lower-priority threads lose to this one. */
				matched = true;
				*ms = cur->t[j].start;
				*me = i;
				break;
			}
			if (i < n && (in->op == I_LIT ? r[i] == in->r : r[i] != '\n'))
				glob_add(g, nxt, in->x, cur->t[j].start);
		}
		tmp = cur;
		cur = nxt;
		nxt = tmp;
	}
	return matched ? 1 : 0;
}

/* reversePattern: reverses runes, but keeps "\x" pairs in order. */
static void reverse_pattern(const int32_t *in, size_t n, int32_t *out)
{
	size_t i = 0;

	while (i < n) {
		size_t o = n - 1 - i;

		if (in[i] == '\\' && i != n - 1) {
			out[o - 1] = '\\';
			out[o] = in[i + 1];
			i += 2;
		} else {
			out[o] = in[i];
			i++;
		}
	}
}

/*
 * regexp.Expand for ReplaceAllString: the replacement may say $0 or ${0} for
 * the match, $$ for '$'; any other $name names a group that doesn't exist.
 */
static void go_expand(struct strbuf *out, const char *t, size_t tl,
		      const char *src, size_t ms, size_t me)
{
	while (tl) {
		const char *d = memchr(t, '$', tl), *s;
		size_t sl, i = 0, k, w;
		long num = 0;

		if (!d)
			break;
		strbuf_add(out, t, (size_t)(d - t));
		tl -= (size_t)(d - t) + 1;
		t = d + 1;
		if (tl && *t == '$') {
			strbuf_addch(out, '$');
			t++;
			tl--;
			continue;
		}
		s = t;
		sl = tl;
		if (sl && *s == '{') {
			s++;
			sl--;
		}
		while (i < sl) {
			int32_t r = decode_rune(s + i, sl - i, &w);

			if (!is_letter(r) && !is_digit(r) && r != '_')
				break;
			i += w;
		}
		if (!i || (s != t && (i >= sl || s[i] != '}'))) {
			strbuf_addch(out, '$');	/* malformed: literal */
			continue;
		}
		for (k = 0; k < i; k++) {
			if (s[k] < '0' || s[k] > '9' || num >= 100000000) {
				num = -1;
				break;
			}
			num = num * 10 + (s[k] - '0');
		}
		if (s[0] == '0' && i > 1)
			num = -1;
		if (s != t)
			i++;
		t = s + i;
		tl = sl - i;
		if (num == 0)
			strbuf_add(out, src + ms, me - ms);
	}
	strbuf_add(out, t, tl);
}

/* Words for ProcessWords (wordsStruct): split on spaces from expansions and
 * unquoted text, never inside quotes or after an escape. */
struct words {
	struct arena *a;
	struct strbuf cur;
	bool in_word;
	char **v;
	size_t n, cap;
};

static void words_flush(struct words *w)
{
	*ARENA_PUSH(w->a, w->v, w->n, w->cap) =
		arena_strndup(w->a, w->cur.buf, w->cur.len);
	strbuf_reset(&w->cur);
	w->in_word = false;
}

static void words_add_raw_char(struct words *w, int32_t r)
{
	put_rune(&w->cur, r);
	w->in_word = true;
}

static void words_add_char(struct words *w, int32_t r)
{
	if (!is_space(r))
		words_add_raw_char(w, r);
	else if (w->in_word && w->cur.len)
		words_flush(w);
	/* A space after only "" keeps in_word: BuildKit's quirk, kept. */
}

/* Ranging over a Go string: bad bytes come out as U+FFFD. */
static void words_add_string(struct words *w, const char *s, size_t n)
{
	size_t i, width;

	for (i = 0; i < n; i += width)
		words_add_char(w, decode_rune(s + i, n - i, &width));
}

static void words_add_raw_string(struct words *w, const char *s, size_t n)
{
	strbuf_add(&w->cur, s, n);
	w->in_word = true;
}

struct lexer {
	struct arena *a;
	const char *src;
	size_t len, pos;
	int32_t escape;
	bool raw_escapes;	/* keep escape characters (patterns) */
	int depth;
	size_t output, steps;	/* budgets left */
	const struct expand_env *env;
	const char *err;
};

static int32_t lx_peek(struct lexer *lx)
{
	size_t w;

	if (lx->pos >= lx->len)
		return EOF_RUNE;
	return decode_rune(lx->src + lx->pos, lx->len - lx->pos, &w);
}

static int32_t lx_next(struct lexer *lx)
{
	size_t w;
	int32_t r;

	if (lx->pos >= lx->len)
		return EOF_RUNE;
	r = decode_rune(lx->src + lx->pos, lx->len - lx->pos, &w);
	lx->pos += w;
	return r;
}

static int fail(struct lexer *lx, const char *msg)
{
	lx->err = msg;
	return -1;
}

__attribute__((format(printf, 2, 3)))
static int failf(struct lexer *lx, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return fail(lx, "expansion failed");
	p = arena_alloc(lx->a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	lx->err = p;
	return -1;
}

/* Charges n bytes of output to the budget. */
static int charge(struct lexer *lx, size_t n)
{
	if (n > lx->output)
		return fail(lx, "expansion too large");
	lx->output -= n;
	return 0;
}

/* getEnv: NULL when unset. Every lookup is reported, as BuildKit records
 * matches and non-matches. */
static const char *get_env(struct lexer *lx, const struct strbuf *name)
{
	const struct expand_env *env = lx->env;
	const char *v = NULL;

	if (env && env->lookup)
		v = env->lookup(env->ctx, name->buf, name->len);
	if (env && env->on_ref)
		env->on_ref(env->ctx, name->buf, name->len, v != NULL);
	return v;
}

/* isSpecialParam: POSIX special parameters ('0' is caught as a digit). */
static bool is_special_param(int32_t ch)
{
	switch (ch) {
	case '@': case '*': case '#': case '?': case '-': case '$': case '!':
	case '0':
		return true;
	}
	return false;
}

/* processName: letters, digits and '_'; or a run of digits (positional);
 * or one special parameter character. */
static void process_name(struct lexer *lx, struct strbuf *name)
{
	int32_t ch;

	while ((ch = lx_peek(lx)) != EOF_RUNE) {
		if (!name->len && is_digit(ch)) {
			while ((ch = lx_peek(lx)) != EOF_RUNE && is_digit(ch))
				put_rune(name, lx_next(lx));
			return;
		}
		if (!name->len && is_special_param(ch)) {
			put_rune(name, lx_next(lx));
			return;
		}
		if (!is_letter(ch) && !is_digit(ch) && ch != '_')
			break;
		put_rune(name, lx_next(lx));
	}
}

static int process_stop_on(struct lexer *lx, int32_t stop, bool raw_escapes,
			   struct strbuf *res, struct words *w);

static int process_single_quote(struct lexer *lx, struct strbuf *out)
{
	int32_t ch;

	lx_next(lx);
	for (;;) {
		ch = lx_next(lx);
		if (ch == EOF_RUNE)
			return fail(lx, "unexpected end of statement while looking for matching single-quote");
		if (ch == '\'')
			return 0;
		put_rune(out, ch);
	}
}

static int process_dollar(struct lexer *lx, struct strbuf *out);

static int process_double_quote(struct lexer *lx, struct strbuf *out)
{
	int32_t ch;

	lx_next(lx);
	for (;;) {
		ch = lx_peek(lx);
		if (ch == EOF_RUNE)
			return fail(lx, "unexpected end of statement while looking for matching double-quote");
		if (ch == '"') {
			lx_next(lx);
			return 0;
		}
		if (ch == '$') {
			if (process_dollar(lx, out))
				return -1;
			continue;
		}
		ch = lx_next(lx);
		if (ch == lx->escape) {
			int32_t nx = lx_peek(lx);

			if (lx->raw_escapes)
				put_rune(out, ch);
			if (nx == EOF_RUNE)
				continue;	/* the loop reports the open quote */
			/* Only these can be escaped; elsewhere it stays. */
			if (nx == '"' || nx == '$' || nx == lx->escape)
				ch = lx_next(lx);
		}
		put_rune(out, ch);
	}
}

/* # ## % %%: trimPrefix, and trimSuffix by reversing value and pattern. */
static int trim_affix(struct lexer *lx, int32_t op, const char *pat,
		      size_t plen, bool greedy, const char *value,
		      struct strbuf *out)
{
	struct runes pr, vr;
	struct glob g;
	int32_t *rp = NULL, bad;
	size_t i, ms, me = 0;
	int ret = 0;

	if (plen > MAX_PATTERN)
		return fail(lx, "pattern too long");
	runes_decode(&pr, pat, plen);
	runes_decode(&vr, value, strlen(value));
	if (op == '%') {
		rp = xmalloc_array(pr.n + 1, sizeof(*rp));
		reverse_pattern(pr.r, pr.n, rp);
		for (i = 0; i < vr.n / 2; i++) {
			int32_t t = vr.r[i];

			vr.r[i] = vr.r[vr.n - 1 - i];
			vr.r[vr.n - 1 - i] = t;
		}
	}
	if (glob_compile(&g, rp ? rp : pr.r, pr.n, greedy, &lx->steps, &bad)) {
		struct strbuf p = STRBUF_INIT, b = STRBUF_INIT;

		/* The message shows the pattern as matched: reversed for %. */
		if (rp)
			for (i = 0; i < pr.n; i++)
				put_rune(&p, rp[i]);
		else
			strbuf_add(&p, pat, plen);
		put_rune(&b, bad);
		ret = failf(lx, "invalid pattern (%s) in substitution: invalid escape '\\%s'",
			    p.buf, b.buf);
		strbuf_release(&p);
		strbuf_release(&b);
		goto done;
	}
	switch (glob_match(&g, vr.r, vr.n, 0, true, &ms, &me)) {
	case -1:
		ret = fail(lx, "pattern matching too costly");
		goto done;
	case 0:
		me = 0;
	}
	if (op == '%') {
		/* Go reverses through []rune, so bad bytes become U+FFFD. */
		for (i = vr.n; i > me; i--)
			put_rune(out, vr.r[i - 1]);
	} else {
		strbuf_addstr(out, value + vr.off[me]);
	}
done:
	glob_release(&g);
	free(rp);
	runes_release(&pr);
	runes_release(&vr);
	return ret;
}

/* / and //: the first or every match, as Go's regexp would replace it. */
static int substitute(struct lexer *lx, const struct strbuf *pat,
		      const char *value, const struct strbuf *repl,
		      bool all, struct strbuf *out)
{
	struct runes pr, vr;
	struct glob g;
	int32_t bad;
	size_t ms, me, last = 0, pos = 0;
	int ret = 0;

	if (pat->len > MAX_PATTERN)
		return fail(lx, "pattern too long");
	runes_decode(&pr, pat->buf, pat->len);
	runes_decode(&vr, value, strlen(value));
	if (glob_compile(&g, pr.r, pr.n, true, &lx->steps, &bad)) {
		struct strbuf b = STRBUF_INIT;

		put_rune(&b, bad);
		ret = failf(lx, "invalid pattern (%s) in substitution: invalid escape '\\%s'",
			    pat->buf, b.buf);
		strbuf_release(&b);
		goto done;
	}
	if (!all) {
		switch (glob_match(&g, vr.r, vr.n, 0, false, &ms, &me)) {
		case -1:
			ret = fail(lx, "pattern matching too costly");
			break;
		case 0:
			strbuf_addstr(out, value);
			break;
		default:
			strbuf_add(out, value, vr.off[ms]);
			strbuf_add(out, repl->buf, repl->len);
			strbuf_addstr(out, value + vr.off[me]);
		}
		goto done;
	}
	/* regexp.ReplaceAllString's loop, in runes. */
	while (pos <= vr.n) {
		size_t before = out->len;
		int m = glob_match(&g, vr.r, vr.n, pos, false, &ms, &me);

		if (m < 0)
			ret = fail(lx, "pattern matching too costly");
		if (m <= 0)
			break;
		strbuf_add(out, value + vr.off[last], vr.off[ms] - vr.off[last]);
		/* No empty match right after a match gets replaced. */
		if (me > last || ms == 0)
			go_expand(out, repl->buf, repl->len, value,
				  vr.off[ms], vr.off[me]);
		/* Each match can add the whole replacement: keep count. */
		if ((ret = charge(lx, out->len - before)))
			break;
		last = me;
		pos = me > pos ? me : pos + 1;
	}
	if (!ret)
		strbuf_addstr(out, value + vr.off[last]);
done:
	glob_release(&g);
	runes_release(&pr);
	runes_release(&vr);
	return ret;
}

/* ${name<op>word} for op in - + ? # % (after an optional ':'). */
static int process_modifier(struct lexer *lx, const struct strbuf *name,
			    int32_t op, const struct strbuf *chs,
			    bool null_is_unset, struct strbuf *out)
{
	struct strbuf word = STRBUF_INIT;
	const char *value, *msg;
	bool unset;
	int ret = 0;

	/* Patterns keep their escapes for the glob to read. */
	if (process_stop_on(lx, '}', op == '#' || op == '%', &word, NULL)) {
		ret = -1;
		if (lx_peek(lx) == EOF_RUNE)
			fail(lx, "syntax error: missing '}'");
		goto done;
	}
	value = get_env(lx, name);
	unset = !value || (null_is_unset && !*value);
	switch (op) {
	case '-':
		if (unset)
			strbuf_add(out, word.buf, word.len);
		else
			strbuf_addstr(out, value);
		break;
	case '+':
		if (!unset)
			strbuf_add(out, word.buf, word.len);
		break;
	case '?':
		if (unset) {
			msg = !value ? "is not allowed to be unset" :
				"is not allowed to be empty";
			ret = failf(lx, "%s: %s", name->buf,
				    word.len ? word.buf : msg);
			break;
		}
		strbuf_addstr(out, value);
		break;
	case '#':
	case '%': {
		/* %% and ## are greedy: the doubled char arrives in the word. */
		bool greedy = word.len && word.buf[0] == op;
		size_t skip = greedy ? 1 : 0;

		ret = trim_affix(lx, op, word.buf + skip, word.len - skip,
				 greedy, value ? value : "", out);
		break;
	}
	default:
		ret = failf(lx, "unsupported modifier (%s) in substitution",
			    chs->buf);
	}
done:
	strbuf_release(&word);
	return ret;
}

/* ${name/pattern/replacement} and ${name//pattern/replacement}. */
static int process_replace(struct lexer *lx, const struct strbuf *name,
			   struct strbuf *out)
{
	struct strbuf pat = STRBUF_INIT, repl = STRBUF_INIT;
	const char *value;
	bool all = lx_peek(lx) == '/';
	int ret = -1;

	if (all)
		lx_next(lx);
	if (process_stop_on(lx, '/', true, &pat, NULL)) {
		if (lx_peek(lx) == EOF_RUNE)
			fail(lx, "syntax error: missing '/' in ${}");
		goto done;
	}
	/* The replacement keeps its escapes too: BuildKit passes true. */
	if (process_stop_on(lx, '}', true, &repl, NULL)) {
		if (lx_peek(lx) == EOF_RUNE)
			fail(lx, "syntax error: missing '}'");
		goto done;
	}
	value = get_env(lx, name);
	ret = substitute(lx, &pat, value ? value : "", &repl, all, out);
done:
	strbuf_release(&pat);
	strbuf_release(&repl);
	return ret;
}

static int process_dollar(struct lexer *lx, struct strbuf *out)
{
	struct strbuf name = STRBUF_INIT, chs = STRBUF_INIT;
	const char *value;
	bool null_is_unset = false;
	int32_t ch;
	int ret = 0;

	lx_next(lx);
	if (lx_peek(lx) != '{') {
		process_name(lx, &name);
		if (!name.len) {
			strbuf_addch(out, '$');	/* "$", "$.", "$ " stay */
		} else {
			value = get_env(lx, &name);
			strbuf_addstr(out, value ? value : "");
		}
		goto done;
	}
	lx_next(lx);
	switch (lx_peek(lx)) {
	case EOF_RUNE:
		ret = fail(lx, "syntax error: missing '}'");
		goto done;
	case '{':
	case '}':
	case ':':
		ret = fail(lx, "syntax error: bad substitution");
		goto done;
	}
	process_name(lx, &name);
	ch = lx_next(lx);
	put_rune(&chs, ch);
	switch (ch) {
	case '}':
		value = get_env(lx, &name);
		strbuf_addstr(out, value ? value : "");
		break;
	case ':':
		/* Whatever follows ':' is the operator, even '#' or '}'. */
		null_is_unset = true;
		ch = lx_next(lx);
		put_rune(&chs, ch);
		ret = process_modifier(lx, &name, ch, &chs, null_is_unset, out);
		break;
	case '+':
	case '-':
	case '?':
	case '#':
	case '%':
		ret = process_modifier(lx, &name, ch, &chs, null_is_unset, out);
		break;
	case '/':
		ret = process_replace(lx, &name, out);
		break;
	default:
		ret = failf(lx, "unsupported modifier (%s) in substitution",
			    chs.buf);
	}
done:
	strbuf_release(&name);
	strbuf_release(&chs);
	return ret;
}

/*
 * processStopOn: scans to stop (or to the end for EOF_RUNE), appending the
 * expanded text to res and, at the top level, the split words to w.
 */
static int process_stop_on(struct lexer *lx, int32_t stop, bool raw_escapes,
			   struct strbuf *res, struct words *w)
{
	bool saved_raw = lx->raw_escapes;
	int32_t ch;
	int ret = -1;

	if (lx->depth >= MAX_DEPTH)
		return fail(lx, "syntax error: substitutions nested too deeply");
	lx->depth++;
	lx->raw_escapes = raw_escapes;
	while ((ch = lx_peek(lx)) != EOF_RUNE) {
		size_t mark = res->len;

		if (stop != EOF_RUNE && ch == stop) {
			lx_next(lx);
			ret = 0;
			goto done;
		}
		if (ch == '$' || ch == '\'' || ch == '"') {
			if ((ch == '$' ? process_dollar(lx, res) :
			     ch == '\'' ? process_single_quote(lx, res) :
			     process_double_quote(lx, res)) ||
			    charge(lx, res->len - mark))
				goto done;
			/* Expansions split into words; quoted text doesn't. */
			if (w && ch == '$')
				words_add_string(w, res->buf + mark, res->len - mark);
			else if (w)
				words_add_raw_string(w, res->buf + mark, res->len - mark);
			continue;
		}
		if (!w && ch < 0x80 && ch != lx->escape) {
			/* A run of plain ASCII goes out as it is, byte for byte
			 * what put_rune would write. */
			size_t e = lx->pos + 1;

			while (e < lx->len && (unsigned char)lx->src[e] < 0x80 &&
			       lx->src[e] != '$' && lx->src[e] != '\'' && lx->src[e] != '"' &&
			       lx->src[e] != lx->escape && (stop == EOF_RUNE || lx->src[e] != stop))
				e++;
			strbuf_add(res, lx->src + lx->pos, e - lx->pos);
			lx->pos = e;
			continue;
		}
		ch = lx_next(lx);
		if (ch == lx->escape) {
			if (lx->raw_escapes) {
				if (w)
					words_add_raw_char(w, ch);
				put_rune(res, ch);
			}
			ch = lx_next(lx);
			if (ch == EOF_RUNE)
				break;	/* a trailing escape vanishes */
			if (w)
				words_add_raw_char(w, ch);
		} else if (w) {
			words_add_char(w, ch);
		}
		put_rune(res, ch);
	}
	if (stop != EOF_RUNE) {
		struct strbuf s = STRBUF_INIT;

		put_rune(&s, stop);
		failf(lx, "unexpected end of statement while looking for matching %s",
		      s.buf);
		strbuf_release(&s);
		goto done;
	}
	ret = 0;
done:
	lx->raw_escapes = saved_raw;
	lx->depth--;
	return ret;
}

static int process(struct arena *a, const char *word, size_t len, char escape,
		   const struct expand_env *env, struct strbuf *res,
		   struct words *w, const char **err)
{
	struct lexer lx = { 0 };
	size_t width;

	lx.a = a;
	lx.src = word;
	lx.len = word ? len : 0;
	lx.escape = (unsigned char)escape;
	lx.env = env;
	lx.output = MAX_OUTPUT;
	lx.steps = MAX_STEPS;
	if (lx.len && decode_rune(word, lx.len, &width) == BOM)
		lx.pos = width;	/* text/scanner drops a leading BOM */
	if (process_stop_on(&lx, EOF_RUNE, false, res, w)) {
		struct strbuf q = STRBUF_INIT;

		go_quote(&q, lx.src, lx.len);
		*err = arena_printf(a, "failed to process %s: %s", q.buf, lx.err);
		strbuf_release(&q);
		return -1;
	}
	return 0;
}

int expand_word(struct arena *a, const char *word, size_t len, char escape,
		const struct expand_env *env, char **out, const char **err)
{
	struct strbuf res = STRBUF_INIT;
	size_t i;
	int ret;

	/* Most words are ASCII with nothing to expand, unquote or unescape:
	 * they come out as they went in. */
	for (i = 0; word && i < len; i++) {
		unsigned char c = (unsigned char)word[i];

		if (c >= 0x80 || c == '$' || c == '\'' || c == '"' || c == (unsigned char)escape)
			break;
	}
	if (word && i == len) {
		*out = arena_strndup(a, word, len);
		return 0;
	}
	ret = process(a, word, len, escape, env, &res, NULL, err);
	*out = ret ? NULL : arena_strndup(a, res.buf, res.len);
	strbuf_release(&res);
	return ret;
}

int expand_words(struct arena *a, const char *word, size_t len, char escape,
		 const struct expand_env *env, char ***words, size_t *nwords,
		 const char **err)
{
	struct strbuf res = STRBUF_INIT;
	struct words w = { 0 };
	int ret;

	w.a = a;
	strbuf_init(&w.cur);
	ret = process(a, word, len, escape, env, &res, &w, err);
	if (!ret && w.cur.len)
		words_flush(&w);
	strbuf_release(&res);
	strbuf_release(&w.cur);
	*words = NULL;
	*nwords = 0;
	if (ret)
		return ret;
	/* NULL-terminated, so callers may walk it either way. */
	*ARENA_PUSH(a, w.v, w.n, w.cap) = NULL;
	*words = w.v;
	*nwords = w.n - 1;
	return 0;
}

/*
 * unicode.IsLetter (L*) and unicode.IsDigit (Nd) above Latin-1, from the
 * Unicode 15.0.0 UnicodeData.txt that Go's unicode tables are built from.
 */
struct urange {
	uint32_t lo, hi;
};

static const struct urange letter_tab[] = {
	{ 0x100, 0x2C1 }, { 0x2C6, 0x2D1 }, { 0x2E0, 0x2E4 }, { 0x2EC, 0x2EC },
	{ 0x2EE, 0x2EE }, { 0x370, 0x374 }, { 0x376, 0x377 }, { 0x37A, 0x37D },
	{ 0x37F, 0x37F }, { 0x386, 0x386 }, { 0x388, 0x38A }, { 0x38C, 0x38C },
	{ 0x38E, 0x3A1 }, { 0x3A3, 0x3F5 }, { 0x3F7, 0x481 }, { 0x48A, 0x52F },
	{ 0x531, 0x556 }, { 0x559, 0x559 }, { 0x560, 0x588 }, { 0x5D0, 0x5EA },
	{ 0x5EF, 0x5F2 }, { 0x620, 0x64A }, { 0x66E, 0x66F }, { 0x671, 0x6D3 },
	{ 0x6D5, 0x6D5 }, { 0x6E5, 0x6E6 }, { 0x6EE, 0x6EF }, { 0x6FA, 0x6FC },
	{ 0x6FF, 0x6FF }, { 0x710, 0x710 }, { 0x712, 0x72F }, { 0x74D, 0x7A5 },
	{ 0x7B1, 0x7B1 }, { 0x7CA, 0x7EA }, { 0x7F4, 0x7F5 }, { 0x7FA, 0x7FA },
	{ 0x800, 0x815 }, { 0x81A, 0x81A }, { 0x824, 0x824 }, { 0x828, 0x828 },
	{ 0x840, 0x858 }, { 0x860, 0x86A }, { 0x870, 0x887 }, { 0x889, 0x88E },
	{ 0x8A0, 0x8C9 }, { 0x904, 0x939 }, { 0x93D, 0x93D }, { 0x950, 0x950 },
	{ 0x958, 0x961 }, { 0x971, 0x980 }, { 0x985, 0x98C }, { 0x98F, 0x990 },
	{ 0x993, 0x9A8 }, { 0x9AA, 0x9B0 }, { 0x9B2, 0x9B2 }, { 0x9B6, 0x9B9 },
	{ 0x9BD, 0x9BD }, { 0x9CE, 0x9CE }, { 0x9DC, 0x9DD }, { 0x9DF, 0x9E1 },
	{ 0x9F0, 0x9F1 }, { 0x9FC, 0x9FC }, { 0xA05, 0xA0A }, { 0xA0F, 0xA10 },
	{ 0xA13, 0xA28 }, { 0xA2A, 0xA30 }, { 0xA32, 0xA33 }, { 0xA35, 0xA36 },
	{ 0xA38, 0xA39 }, { 0xA59, 0xA5C }, { 0xA5E, 0xA5E }, { 0xA72, 0xA74 },
	{ 0xA85, 0xA8D }, { 0xA8F, 0xA91 }, { 0xA93, 0xAA8 }, { 0xAAA, 0xAB0 },
	{ 0xAB2, 0xAB3 }, { 0xAB5, 0xAB9 }, { 0xABD, 0xABD }, { 0xAD0, 0xAD0 },
	{ 0xAE0, 0xAE1 }, { 0xAF9, 0xAF9 }, { 0xB05, 0xB0C }, { 0xB0F, 0xB10 },
	{ 0xB13, 0xB28 }, { 0xB2A, 0xB30 }, { 0xB32, 0xB33 }, { 0xB35, 0xB39 },
	{ 0xB3D, 0xB3D }, { 0xB5C, 0xB5D }, { 0xB5F, 0xB61 }, { 0xB71, 0xB71 },
	{ 0xB83, 0xB83 }, { 0xB85, 0xB8A }, { 0xB8E, 0xB90 }, { 0xB92, 0xB95 },
	{ 0xB99, 0xB9A }, { 0xB9C, 0xB9C }, { 0xB9E, 0xB9F }, { 0xBA3, 0xBA4 },
	{ 0xBA8, 0xBAA }, { 0xBAE, 0xBB9 }, { 0xBD0, 0xBD0 }, { 0xC05, 0xC0C },
	{ 0xC0E, 0xC10 }, { 0xC12, 0xC28 }, { 0xC2A, 0xC39 }, { 0xC3D, 0xC3D },
	{ 0xC58, 0xC5A }, { 0xC5D, 0xC5D }, { 0xC60, 0xC61 }, { 0xC80, 0xC80 },
	{ 0xC85, 0xC8C }, { 0xC8E, 0xC90 }, { 0xC92, 0xCA8 }, { 0xCAA, 0xCB3 },
	{ 0xCB5, 0xCB9 }, { 0xCBD, 0xCBD }, { 0xCDD, 0xCDE }, { 0xCE0, 0xCE1 },
	{ 0xCF1, 0xCF2 }, { 0xD04, 0xD0C }, { 0xD0E, 0xD10 }, { 0xD12, 0xD3A },
	{ 0xD3D, 0xD3D }, { 0xD4E, 0xD4E }, { 0xD54, 0xD56 }, { 0xD5F, 0xD61 },
	{ 0xD7A, 0xD7F }, { 0xD85, 0xD96 }, { 0xD9A, 0xDB1 }, { 0xDB3, 0xDBB },
	{ 0xDBD, 0xDBD }, { 0xDC0, 0xDC6 }, { 0xE01, 0xE30 }, { 0xE32, 0xE33 },
	{ 0xE40, 0xE46 }, { 0xE81, 0xE82 }, { 0xE84, 0xE84 }, { 0xE86, 0xE8A },
	{ 0xE8C, 0xEA3 }, { 0xEA5, 0xEA5 }, { 0xEA7, 0xEB0 }, { 0xEB2, 0xEB3 },
	{ 0xEBD, 0xEBD }, { 0xEC0, 0xEC4 }, { 0xEC6, 0xEC6 }, { 0xEDC, 0xEDF },
	{ 0xF00, 0xF00 }, { 0xF40, 0xF47 }, { 0xF49, 0xF6C }, { 0xF88, 0xF8C },
	{ 0x1000, 0x102A }, { 0x103F, 0x103F }, { 0x1050, 0x1055 },
	{ 0x105A, 0x105D }, { 0x1061, 0x1061 }, { 0x1065, 0x1066 },
	{ 0x106E, 0x1070 }, { 0x1075, 0x1081 }, { 0x108E, 0x108E },
	{ 0x10A0, 0x10C5 }, { 0x10C7, 0x10C7 }, { 0x10CD, 0x10CD },
	{ 0x10D0, 0x10FA }, { 0x10FC, 0x1248 }, { 0x124A, 0x124D },
	{ 0x1250, 0x1256 }, { 0x1258, 0x1258 }, { 0x125A, 0x125D },
	{ 0x1260, 0x1288 }, { 0x128A, 0x128D }, { 0x1290, 0x12B0 },
	{ 0x12B2, 0x12B5 }, { 0x12B8, 0x12BE }, { 0x12C0, 0x12C0 },
	{ 0x12C2, 0x12C5 }, { 0x12C8, 0x12D6 }, { 0x12D8, 0x1310 },
	{ 0x1312, 0x1315 }, { 0x1318, 0x135A }, { 0x1380, 0x138F },
	{ 0x13A0, 0x13F5 }, { 0x13F8, 0x13FD }, { 0x1401, 0x166C },
	{ 0x166F, 0x167F }, { 0x1681, 0x169A }, { 0x16A0, 0x16EA },
	{ 0x16F1, 0x16F8 }, { 0x1700, 0x1711 }, { 0x171F, 0x1731 },
	{ 0x1740, 0x1751 }, { 0x1760, 0x176C }, { 0x176E, 0x1770 },
	{ 0x1780, 0x17B3 }, { 0x17D7, 0x17D7 }, { 0x17DC, 0x17DC },
	{ 0x1820, 0x1878 }, { 0x1880, 0x1884 }, { 0x1887, 0x18A8 },
	{ 0x18AA, 0x18AA }, { 0x18B0, 0x18F5 }, { 0x1900, 0x191E },
	{ 0x1950, 0x196D }, { 0x1970, 0x1974 }, { 0x1980, 0x19AB },
	{ 0x19B0, 0x19C9 }, { 0x1A00, 0x1A16 }, { 0x1A20, 0x1A54 },
	{ 0x1AA7, 0x1AA7 }, { 0x1B05, 0x1B33 }, { 0x1B45, 0x1B4C },
	{ 0x1B83, 0x1BA0 }, { 0x1BAE, 0x1BAF }, { 0x1BBA, 0x1BE5 },
	{ 0x1C00, 0x1C23 }, { 0x1C4D, 0x1C4F }, { 0x1C5A, 0x1C7D },
	{ 0x1C80, 0x1C88 }, { 0x1C90, 0x1CBA }, { 0x1CBD, 0x1CBF },
	{ 0x1CE9, 0x1CEC }, { 0x1CEE, 0x1CF3 }, { 0x1CF5, 0x1CF6 },
	{ 0x1CFA, 0x1CFA }, { 0x1D00, 0x1DBF }, { 0x1E00, 0x1F15 },
	{ 0x1F18, 0x1F1D }, { 0x1F20, 0x1F45 }, { 0x1F48, 0x1F4D },
	{ 0x1F50, 0x1F57 }, { 0x1F59, 0x1F59 }, { 0x1F5B, 0x1F5B },
	{ 0x1F5D, 0x1F5D }, { 0x1F5F, 0x1F7D }, { 0x1F80, 0x1FB4 },
	{ 0x1FB6, 0x1FBC }, { 0x1FBE, 0x1FBE }, { 0x1FC2, 0x1FC4 },
	{ 0x1FC6, 0x1FCC }, { 0x1FD0, 0x1FD3 }, { 0x1FD6, 0x1FDB },
	{ 0x1FE0, 0x1FEC }, { 0x1FF2, 0x1FF4 }, { 0x1FF6, 0x1FFC },
	{ 0x2071, 0x2071 }, { 0x207F, 0x207F }, { 0x2090, 0x209C },
	{ 0x2102, 0x2102 }, { 0x2107, 0x2107 }, { 0x210A, 0x2113 },
	{ 0x2115, 0x2115 }, { 0x2119, 0x211D }, { 0x2124, 0x2124 },
	{ 0x2126, 0x2126 }, { 0x2128, 0x2128 }, { 0x212A, 0x212D },
	{ 0x212F, 0x2139 }, { 0x213C, 0x213F }, { 0x2145, 0x2149 },
	{ 0x214E, 0x214E }, { 0x2183, 0x2184 }, { 0x2C00, 0x2CE4 },
	{ 0x2CEB, 0x2CEE }, { 0x2CF2, 0x2CF3 }, { 0x2D00, 0x2D25 },
	{ 0x2D27, 0x2D27 }, { 0x2D2D, 0x2D2D }, { 0x2D30, 0x2D67 },
	{ 0x2D6F, 0x2D6F }, { 0x2D80, 0x2D96 }, { 0x2DA0, 0x2DA6 },
	{ 0x2DA8, 0x2DAE }, { 0x2DB0, 0x2DB6 }, { 0x2DB8, 0x2DBE },
	{ 0x2DC0, 0x2DC6 }, { 0x2DC8, 0x2DCE }, { 0x2DD0, 0x2DD6 },
	{ 0x2DD8, 0x2DDE }, { 0x2E2F, 0x2E2F }, { 0x3005, 0x3006 },
	{ 0x3031, 0x3035 }, { 0x303B, 0x303C }, { 0x3041, 0x3096 },
	{ 0x309D, 0x309F }, { 0x30A1, 0x30FA }, { 0x30FC, 0x30FF },
	{ 0x3105, 0x312F }, { 0x3131, 0x318E }, { 0x31A0, 0x31BF },
	{ 0x31F0, 0x31FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0xA48C },
	{ 0xA4D0, 0xA4FD }, { 0xA500, 0xA60C }, { 0xA610, 0xA61F },
	{ 0xA62A, 0xA62B }, { 0xA640, 0xA66E }, { 0xA67F, 0xA69D },
	{ 0xA6A0, 0xA6E5 }, { 0xA717, 0xA71F }, { 0xA722, 0xA788 },
	{ 0xA78B, 0xA7CA }, { 0xA7D0, 0xA7D1 }, { 0xA7D3, 0xA7D3 },
	{ 0xA7D5, 0xA7D9 }, { 0xA7F2, 0xA801 }, { 0xA803, 0xA805 },
	{ 0xA807, 0xA80A }, { 0xA80C, 0xA822 }, { 0xA840, 0xA873 },
	{ 0xA882, 0xA8B3 }, { 0xA8F2, 0xA8F7 }, { 0xA8FB, 0xA8FB },
	{ 0xA8FD, 0xA8FE }, { 0xA90A, 0xA925 }, { 0xA930, 0xA946 },
	{ 0xA960, 0xA97C }, { 0xA984, 0xA9B2 }, { 0xA9CF, 0xA9CF },
	{ 0xA9E0, 0xA9E4 }, { 0xA9E6, 0xA9EF }, { 0xA9FA, 0xA9FE },
	{ 0xAA00, 0xAA28 }, { 0xAA40, 0xAA42 }, { 0xAA44, 0xAA4B },
	{ 0xAA60, 0xAA76 }, { 0xAA7A, 0xAA7A }, { 0xAA7E, 0xAAAF },
	{ 0xAAB1, 0xAAB1 }, { 0xAAB5, 0xAAB6 }, { 0xAAB9, 0xAABD },
	{ 0xAAC0, 0xAAC0 }, { 0xAAC2, 0xAAC2 }, { 0xAADB, 0xAADD },
	{ 0xAAE0, 0xAAEA }, { 0xAAF2, 0xAAF4 }, { 0xAB01, 0xAB06 },
	{ 0xAB09, 0xAB0E }, { 0xAB11, 0xAB16 }, { 0xAB20, 0xAB26 },
	{ 0xAB28, 0xAB2E }, { 0xAB30, 0xAB5A }, { 0xAB5C, 0xAB69 },
	{ 0xAB70, 0xABE2 }, { 0xAC00, 0xD7A3 }, { 0xD7B0, 0xD7C6 },
	{ 0xD7CB, 0xD7FB }, { 0xF900, 0xFA6D }, { 0xFA70, 0xFAD9 },
	{ 0xFB00, 0xFB06 }, { 0xFB13, 0xFB17 }, { 0xFB1D, 0xFB1D },
	{ 0xFB1F, 0xFB28 }, { 0xFB2A, 0xFB36 }, { 0xFB38, 0xFB3C },
	{ 0xFB3E, 0xFB3E }, { 0xFB40, 0xFB41 }, { 0xFB43, 0xFB44 },
	{ 0xFB46, 0xFBB1 }, { 0xFBD3, 0xFD3D }, { 0xFD50, 0xFD8F },
	{ 0xFD92, 0xFDC7 }, { 0xFDF0, 0xFDFB }, { 0xFE70, 0xFE74 },
	{ 0xFE76, 0xFEFC }, { 0xFF21, 0xFF3A }, { 0xFF41, 0xFF5A },
	{ 0xFF66, 0xFFBE }, { 0xFFC2, 0xFFC7 }, { 0xFFCA, 0xFFCF },
	{ 0xFFD2, 0xFFD7 }, { 0xFFDA, 0xFFDC }, { 0x10000, 0x1000B },
	{ 0x1000D, 0x10026 }, { 0x10028, 0x1003A }, { 0x1003C, 0x1003D },
	{ 0x1003F, 0x1004D }, { 0x10050, 0x1005D }, { 0x10080, 0x100FA },
	{ 0x10280, 0x1029C }, { 0x102A0, 0x102D0 }, { 0x10300, 0x1031F },
	{ 0x1032D, 0x10340 }, { 0x10342, 0x10349 }, { 0x10350, 0x10375 },
	{ 0x10380, 0x1039D }, { 0x103A0, 0x103C3 }, { 0x103C8, 0x103CF },
	{ 0x10400, 0x1049D }, { 0x104B0, 0x104D3 }, { 0x104D8, 0x104FB },
	{ 0x10500, 0x10527 }, { 0x10530, 0x10563 }, { 0x10570, 0x1057A },
	{ 0x1057C, 0x1058A }, { 0x1058C, 0x10592 }, { 0x10594, 0x10595 },
	{ 0x10597, 0x105A1 }, { 0x105A3, 0x105B1 }, { 0x105B3, 0x105B9 },
	{ 0x105BB, 0x105BC }, { 0x10600, 0x10736 }, { 0x10740, 0x10755 },
	{ 0x10760, 0x10767 }, { 0x10780, 0x10785 }, { 0x10787, 0x107B0 },
	{ 0x107B2, 0x107BA }, { 0x10800, 0x10805 }, { 0x10808, 0x10808 },
	{ 0x1080A, 0x10835 }, { 0x10837, 0x10838 }, { 0x1083C, 0x1083C },
	{ 0x1083F, 0x10855 }, { 0x10860, 0x10876 }, { 0x10880, 0x1089E },
	{ 0x108E0, 0x108F2 }, { 0x108F4, 0x108F5 }, { 0x10900, 0x10915 },
	{ 0x10920, 0x10939 }, { 0x10980, 0x109B7 }, { 0x109BE, 0x109BF },
	{ 0x10A00, 0x10A00 }, { 0x10A10, 0x10A13 }, { 0x10A15, 0x10A17 },
	{ 0x10A19, 0x10A35 }, { 0x10A60, 0x10A7C }, { 0x10A80, 0x10A9C },
	{ 0x10AC0, 0x10AC7 }, { 0x10AC9, 0x10AE4 }, { 0x10B00, 0x10B35 },
	{ 0x10B40, 0x10B55 }, { 0x10B60, 0x10B72 }, { 0x10B80, 0x10B91 },
	{ 0x10C00, 0x10C48 }, { 0x10C80, 0x10CB2 }, { 0x10CC0, 0x10CF2 },
	{ 0x10D00, 0x10D23 }, { 0x10E80, 0x10EA9 }, { 0x10EB0, 0x10EB1 },
	{ 0x10F00, 0x10F1C }, { 0x10F27, 0x10F27 }, { 0x10F30, 0x10F45 },
	{ 0x10F70, 0x10F81 }, { 0x10FB0, 0x10FC4 }, { 0x10FE0, 0x10FF6 },
	{ 0x11003, 0x11037 }, { 0x11071, 0x11072 }, { 0x11075, 0x11075 },
	{ 0x11083, 0x110AF }, { 0x110D0, 0x110E8 }, { 0x11103, 0x11126 },
	{ 0x11144, 0x11144 }, { 0x11147, 0x11147 }, { 0x11150, 0x11172 },
	{ 0x11176, 0x11176 }, { 0x11183, 0x111B2 }, { 0x111C1, 0x111C4 },
	{ 0x111DA, 0x111DA }, { 0x111DC, 0x111DC }, { 0x11200, 0x11211 },
	{ 0x11213, 0x1122B }, { 0x1123F, 0x11240 }, { 0x11280, 0x11286 },
	{ 0x11288, 0x11288 }, { 0x1128A, 0x1128D }, { 0x1128F, 0x1129D },
	{ 0x1129F, 0x112A8 }, { 0x112B0, 0x112DE }, { 0x11305, 0x1130C },
	{ 0x1130F, 0x11310 }, { 0x11313, 0x11328 }, { 0x1132A, 0x11330 },
	{ 0x11332, 0x11333 }, { 0x11335, 0x11339 }, { 0x1133D, 0x1133D },
	{ 0x11350, 0x11350 }, { 0x1135D, 0x11361 }, { 0x11400, 0x11434 },
	{ 0x11447, 0x1144A }, { 0x1145F, 0x11461 }, { 0x11480, 0x114AF },
	{ 0x114C4, 0x114C5 }, { 0x114C7, 0x114C7 }, { 0x11580, 0x115AE },
	{ 0x115D8, 0x115DB }, { 0x11600, 0x1162F }, { 0x11644, 0x11644 },
	{ 0x11680, 0x116AA }, { 0x116B8, 0x116B8 }, { 0x11700, 0x1171A },
	{ 0x11740, 0x11746 }, { 0x11800, 0x1182B }, { 0x118A0, 0x118DF },
	{ 0x118FF, 0x11906 }, { 0x11909, 0x11909 }, { 0x1190C, 0x11913 },
	{ 0x11915, 0x11916 }, { 0x11918, 0x1192F }, { 0x1193F, 0x1193F },
	{ 0x11941, 0x11941 }, { 0x119A0, 0x119A7 }, { 0x119AA, 0x119D0 },
	{ 0x119E1, 0x119E1 }, { 0x119E3, 0x119E3 }, { 0x11A00, 0x11A00 },
	{ 0x11A0B, 0x11A32 }, { 0x11A3A, 0x11A3A }, { 0x11A50, 0x11A50 },
	{ 0x11A5C, 0x11A89 }, { 0x11A9D, 0x11A9D }, { 0x11AB0, 0x11AF8 },
	{ 0x11C00, 0x11C08 }, { 0x11C0A, 0x11C2E }, { 0x11C40, 0x11C40 },
	{ 0x11C72, 0x11C8F }, { 0x11D00, 0x11D06 }, { 0x11D08, 0x11D09 },
	{ 0x11D0B, 0x11D30 }, { 0x11D46, 0x11D46 }, { 0x11D60, 0x11D65 },
	{ 0x11D67, 0x11D68 }, { 0x11D6A, 0x11D89 }, { 0x11D98, 0x11D98 },
	{ 0x11EE0, 0x11EF2 }, { 0x11F02, 0x11F02 }, { 0x11F04, 0x11F10 },
	{ 0x11F12, 0x11F33 }, { 0x11FB0, 0x11FB0 }, { 0x12000, 0x12399 },
	{ 0x12480, 0x12543 }, { 0x12F90, 0x12FF0 }, { 0x13000, 0x1342F },
	{ 0x13441, 0x13446 }, { 0x14400, 0x14646 }, { 0x16800, 0x16A38 },
	{ 0x16A40, 0x16A5E }, { 0x16A70, 0x16ABE }, { 0x16AD0, 0x16AED },
	{ 0x16B00, 0x16B2F }, { 0x16B40, 0x16B43 }, { 0x16B63, 0x16B77 },
	{ 0x16B7D, 0x16B8F }, { 0x16E40, 0x16E7F }, { 0x16F00, 0x16F4A },
	{ 0x16F50, 0x16F50 }, { 0x16F93, 0x16F9F }, { 0x16FE0, 0x16FE1 },
	{ 0x16FE3, 0x16FE3 }, { 0x17000, 0x187F7 }, { 0x18800, 0x18CD5 },
	{ 0x18D00, 0x18D08 }, { 0x1AFF0, 0x1AFF3 }, { 0x1AFF5, 0x1AFFB },
	{ 0x1AFFD, 0x1AFFE }, { 0x1B000, 0x1B122 }, { 0x1B132, 0x1B132 },
	{ 0x1B150, 0x1B152 }, { 0x1B155, 0x1B155 }, { 0x1B164, 0x1B167 },
	{ 0x1B170, 0x1B2FB }, { 0x1BC00, 0x1BC6A }, { 0x1BC70, 0x1BC7C },
	{ 0x1BC80, 0x1BC88 }, { 0x1BC90, 0x1BC99 }, { 0x1D400, 0x1D454 },
	{ 0x1D456, 0x1D49C }, { 0x1D49E, 0x1D49F }, { 0x1D4A2, 0x1D4A2 },
	{ 0x1D4A5, 0x1D4A6 }, { 0x1D4A9, 0x1D4AC }, { 0x1D4AE, 0x1D4B9 },
	{ 0x1D4BB, 0x1D4BB }, { 0x1D4BD, 0x1D4C3 }, { 0x1D4C5, 0x1D505 },
	{ 0x1D507, 0x1D50A }, { 0x1D50D, 0x1D514 }, { 0x1D516, 0x1D51C },
	{ 0x1D51E, 0x1D539 }, { 0x1D53B, 0x1D53E }, { 0x1D540, 0x1D544 },
	{ 0x1D546, 0x1D546 }, { 0x1D54A, 0x1D550 }, { 0x1D552, 0x1D6A5 },
	{ 0x1D6A8, 0x1D6C0 }, { 0x1D6C2, 0x1D6DA }, { 0x1D6DC, 0x1D6FA },
	{ 0x1D6FC, 0x1D714 }, { 0x1D716, 0x1D734 }, { 0x1D736, 0x1D74E },
	{ 0x1D750, 0x1D76E }, { 0x1D770, 0x1D788 }, { 0x1D78A, 0x1D7A8 },
	{ 0x1D7AA, 0x1D7C2 }, { 0x1D7C4, 0x1D7CB }, { 0x1DF00, 0x1DF1E },
	{ 0x1DF25, 0x1DF2A }, { 0x1E030, 0x1E06D }, { 0x1E100, 0x1E12C },
	{ 0x1E137, 0x1E13D }, { 0x1E14E, 0x1E14E }, { 0x1E290, 0x1E2AD },
	{ 0x1E2C0, 0x1E2EB }, { 0x1E4D0, 0x1E4EB }, { 0x1E7E0, 0x1E7E6 },
	{ 0x1E7E8, 0x1E7EB }, { 0x1E7ED, 0x1E7EE }, { 0x1E7F0, 0x1E7FE },
	{ 0x1E800, 0x1E8C4 }, { 0x1E900, 0x1E943 }, { 0x1E94B, 0x1E94B },
	{ 0x1EE00, 0x1EE03 }, { 0x1EE05, 0x1EE1F }, { 0x1EE21, 0x1EE22 },
	{ 0x1EE24, 0x1EE24 }, { 0x1EE27, 0x1EE27 }, { 0x1EE29, 0x1EE32 },
	{ 0x1EE34, 0x1EE37 }, { 0x1EE39, 0x1EE39 }, { 0x1EE3B, 0x1EE3B },
	{ 0x1EE42, 0x1EE42 }, { 0x1EE47, 0x1EE47 }, { 0x1EE49, 0x1EE49 },
	{ 0x1EE4B, 0x1EE4B }, { 0x1EE4D, 0x1EE4F }, { 0x1EE51, 0x1EE52 },
	{ 0x1EE54, 0x1EE54 }, { 0x1EE57, 0x1EE57 }, { 0x1EE59, 0x1EE59 },
	{ 0x1EE5B, 0x1EE5B }, { 0x1EE5D, 0x1EE5D }, { 0x1EE5F, 0x1EE5F },
	{ 0x1EE61, 0x1EE62 }, { 0x1EE64, 0x1EE64 }, { 0x1EE67, 0x1EE6A },
	{ 0x1EE6C, 0x1EE72 }, { 0x1EE74, 0x1EE77 }, { 0x1EE79, 0x1EE7C },
	{ 0x1EE7E, 0x1EE7E }, { 0x1EE80, 0x1EE89 }, { 0x1EE8B, 0x1EE9B },
	{ 0x1EEA1, 0x1EEA3 }, { 0x1EEA5, 0x1EEA9 }, { 0x1EEAB, 0x1EEBB },
	{ 0x20000, 0x2A6DF }, { 0x2A700, 0x2B739 }, { 0x2B740, 0x2B81D },
	{ 0x2B820, 0x2CEA1 }, { 0x2CEB0, 0x2EBE0 }, { 0x2F800, 0x2FA1D },
	{ 0x30000, 0x3134A }, { 0x31350, 0x323AF },
};

static const struct urange digit_tab[] = {
	{ 0x660, 0x669 }, { 0x6F0, 0x6F9 }, { 0x7C0, 0x7C9 }, { 0x966, 0x96F },
	{ 0x9E6, 0x9EF }, { 0xA66, 0xA6F }, { 0xAE6, 0xAEF }, { 0xB66, 0xB6F },
	{ 0xBE6, 0xBEF }, { 0xC66, 0xC6F }, { 0xCE6, 0xCEF }, { 0xD66, 0xD6F },
	{ 0xDE6, 0xDEF }, { 0xE50, 0xE59 }, { 0xED0, 0xED9 }, { 0xF20, 0xF29 },
	{ 0x1040, 0x1049 }, { 0x1090, 0x1099 }, { 0x17E0, 0x17E9 },
	{ 0x1810, 0x1819 }, { 0x1946, 0x194F }, { 0x19D0, 0x19D9 },
	{ 0x1A80, 0x1A89 }, { 0x1A90, 0x1A99 }, { 0x1B50, 0x1B59 },
	{ 0x1BB0, 0x1BB9 }, { 0x1C40, 0x1C49 }, { 0x1C50, 0x1C59 },
	{ 0xA620, 0xA629 }, { 0xA8D0, 0xA8D9 }, { 0xA900, 0xA909 },
	{ 0xA9D0, 0xA9D9 }, { 0xA9F0, 0xA9F9 }, { 0xAA50, 0xAA59 },
	{ 0xABF0, 0xABF9 }, { 0xFF10, 0xFF19 }, { 0x104A0, 0x104A9 },
	{ 0x10D30, 0x10D39 }, { 0x11066, 0x1106F }, { 0x110F0, 0x110F9 },
	{ 0x11136, 0x1113F }, { 0x111D0, 0x111D9 }, { 0x112F0, 0x112F9 },
	{ 0x11450, 0x11459 }, { 0x114D0, 0x114D9 }, { 0x11650, 0x11659 },
	{ 0x116C0, 0x116C9 }, { 0x11730, 0x11739 }, { 0x118E0, 0x118E9 },
	{ 0x11950, 0x11959 }, { 0x11C50, 0x11C59 }, { 0x11D50, 0x11D59 },
	{ 0x11DA0, 0x11DA9 }, { 0x11F50, 0x11F59 }, { 0x16A60, 0x16A69 },
	{ 0x16AC0, 0x16AC9 }, { 0x16B50, 0x16B59 }, { 0x1D7CE, 0x1D7FF },
	{ 0x1E140, 0x1E149 }, { 0x1E2F0, 0x1E2F9 }, { 0x1E4F0, 0x1E4F9 },
	{ 0x1E950, 0x1E959 }, { 0x1FBF0, 0x1FBF9 },
};

static bool in_table(const struct urange *t, size_t n, int32_t r)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((uint32_t)r < t[mid].lo)
			hi = mid;
		else if ((uint32_t)r > t[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

#define IN_TABLE(t, r) in_table((t), sizeof(t) / sizeof(*(t)), (r))

static bool is_letter(int32_t r)
{
	if (r < 0)
		return false;
	if (r < 0x100)
		return ((r | 0x20) >= 'a' && (r | 0x20) <= 'z') || r == 0xAA ||
			r == 0xB5 || r == 0xBA ||
			(r >= 0xC0 && r != 0xD7 && r != 0xF7);
	return IN_TABLE(letter_tab, r);
}

/* Only ASCII digits count in Latin-1, as in Go. */
static bool is_digit(int32_t r)
{
	if (r < 0x100)
		return r >= '0' && r <= '9';
	return IN_TABLE(digit_tab, r);
}
