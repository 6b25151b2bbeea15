/* Dockerfile parser that follows BuildKit's frontend/dockerfile/parser
 * (parser.go, line_parsers.go, split_command.go) quirk for quirk: the dump of
 * every conformance case must match BuildKit's byte for byte. */
#include "input/dockerfile/ast.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/die.h"
#include "util/strbuf.h"
#include "util/str.h"

#define MAX_SUB_DEPTH 16

/* Maps offsets in the joined logical line back to file positions. */
struct seg {
	size_t loff;
	unsigned line, col;
};

struct parser {
	struct arena *a;
	const char *buf;
	size_t len, pos;	/* scan position in buf */
	unsigned lineno;	/* lines consumed so far (BuildKit's currentLine) */
	char escape;
	bool directives_done;
	bool seen_escape, seen_syntax, seen_check;
	struct df_file *f;
	struct df_error *err;
	struct seg *segs;
	size_t nsegs, segcap;
	int depth;
};

struct rawline {
	const char *p;		/* the line, newline excluded */
	size_t n;		/* length without trailing \r\n characters */
};

/* Go's unicode.IsSpace for the UTF-8 sequence at p; returns its length or 0. */
static inline size_t uspace(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t left = (size_t)(end - p);

	if (!left)
		return 0;
	/* Most bytes are printable ASCII: answer those first. */
	if (*u > ' ' && *u < 0x80)
		return 0;
	if (*u == ' ' || (*u >= '\t' && *u <= '\r'))
		return 1;
	if (left >= 2 && u[0] == 0xc2 && (u[1] == 0x85 || u[1] == 0xa0))
		return 2;
	if (left >= 3 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] <= 0x8a || u[2] == 0xa8 || u[2] == 0xa9 || u[2] == 0xaf))
		return 3;
	if (left >= 3 && ((u[0] == 0xe2 && u[1] == 0x81 && u[2] == 0x9f) ||
			  (u[0] == 0xe3 && u[1] == 0x80 && u[2] == 0x80) ||
			  (u[0] == 0xe1 && u[1] == 0x9a && u[2] == 0x80)))
		return 3;
	return 0;
}

static size_t ltrim_len(const char *p, size_t n)
{
	size_t i = 0, k;

	while (i < n && (k = uspace(p + i, p + n)))
		i += k;
	return i;
}

/* Length of s after Go's TrimRightFunc(unicode.IsSpace). */
static size_t rtrim(const char *p, size_t n)
{
	for (;;) {
		size_t k = 0;

		/* Most lines end in printable ASCII: no space of any kind. */
		if (n && (unsigned char)p[n - 1] > ' ' && (unsigned char)p[n - 1] < 0x80)
			return n;
		for (size_t w = 1; w <= 3 && w <= n; w++)
			if (uspace(p + n - w, p + n) == w) {
				k = w;
				break;
			}
		if (!k)
			return n;
		n -= k;
	}
}

/* reWhitespace: [\t\v\f\r ] */
static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static bool next_line(struct parser *p, struct rawline *l, size_t *start)
{
	const char *nl;
	size_t n;

	if (p->pos >= p->len)
		return false;
	*start = p->pos;
	l->p = p->buf + p->pos;
	nl = memchr(l->p, '\n', p->len - p->pos);
	n = nl ? (size_t)(nl - l->p) : p->len - p->pos;
	p->pos += n + (nl ? 1 : 0);
	while (n && (l->p[n - 1] == '\r' || l->p[n - 1] == '\n'))
		n--;
	l->n = n;
	return true;
}

static void set_error(struct parser *p, unsigned line, const char *msg)
{
	if (p->err->msg)
		return;
	p->err->line = line ? line : 1;
	p->err->msg = msg;
}

/* ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ with \s = [\t\n\f\r ] */
static bool re_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int possible_directive(struct parser *p, const char *s, size_t n, unsigned line)
{
	size_t i = 1, ks, ke, vs, ve;
	char key[16];
	struct df_directive *d;
	size_t cap;

	if (p->directives_done)
		return 0;
	if (!n || s[0] != '#')
		goto done;
	while (i < n && re_space(s[i]))
		i++;
	if (i >= n || !isalpha((unsigned char)s[i]))
		goto done;
	ks = i;
	while (i < n && isalnum((unsigned char)s[i]))
		i++;
	ke = i;
	while (i < n && re_space(s[i]))
		i++;
	if (i >= n || s[i] != '=')
		goto done;
	i++;
	while (i < n && re_space(s[i]))
		i++;
	vs = i;
	ve = n;
	while (ve > vs && re_space(s[ve - 1]))
		ve--;
	if (ve <= vs)
		goto done;
	if (ke - ks >= sizeof(key))
		goto done;
	for (size_t j = ks; j < ke; j++)
		key[j - ks] = (char)tolower((unsigned char)s[j]);
	key[ke - ks] = '\0';

	bool *seen;
	if (str_eq(key, "escape"))
		seen = &p->seen_escape;
	else if (str_eq(key, "syntax"))
		seen = &p->seen_syntax;
	else if (str_eq(key, "check"))
		seen = &p->seen_check;
	else
		goto done;
	if (*seen) {
		set_error(p, line, arena_printf(p->a, "only one %s parser directive can be used", key));
		return -1;
	}
	*seen = true;
	if (str_eq(key, "escape")) {
		if (ve - vs != 1 || (s[vs] != '`' && s[vs] != '\\')) {
			set_error(p, line, arena_printf(p->a,
				"invalid escape token '%.*s' does not match ` or \\",
				(int)(ve - vs), s + vs));
			return -1;
		}
		p->escape = s[vs];
	}
	cap = p->f->ndirectives;
	p->f->directives = arena_grow(p->a, p->f->directives, cap * sizeof(*d),
				      (cap + 1) * sizeof(*d));
	d = &p->f->directives[p->f->ndirectives++];
	d->name = arena_strdup(p->a, key);
	d->value = arena_strndup(p->a, s + vs, ve - vs);
	d->line = line;
	return 0;
done:
	p->directives_done = true;
	return 0;
}

/* isComment: ^# after leading white space. */
static bool is_comment(const struct rawline *l)
{
	size_t i = ltrim_len(l->p, l->n);

	return i < l->n && l->p[i] == '#';
}

/* Strips the continuation character: ([^E])E[ \t]*$ or ^E[ \t]*$.
 * Returns the new length; *eol is false when a continuation was found. */
static size_t trim_continuation(const struct parser *p, const char *s, size_t n, bool *eol)
{
	size_t k = n;

	while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	if (k && s[k - 1] == p->escape && (k == 1 || s[k - 2] != p->escape)) {
		*eol = false;
		return k - 1;
	}
	*eol = true;
	return n;
}

static void add_seg(struct parser *p, size_t loff, unsigned line, unsigned col)
{
	if (p->nsegs == p->segcap) {
		p->segcap = p->segcap ? p->segcap * 2 : 16;
		p->segs = realloc(p->segs, p->segcap * sizeof(*p->segs));
		if (!p->segs)
			die("out of memory");
	}
	p->segs[p->nsegs].loff = loff;
	p->segs[p->nsegs].line = line;
	p->segs[p->nsegs].col = col;
	p->nsegs++;
}

static struct df_pos pos_at(const struct parser *p, size_t loff)
{
	size_t lo = 0, hi = p->nsegs;
	struct df_pos r = { 0, 0 };

	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (p->segs[mid].loff <= loff)
			lo = mid;
		else
			hi = mid;
	}
	if (p->nsegs) {
		r.line = p->segs[lo].line;
		r.col = p->segs[lo].col + (unsigned)(loff - p->segs[lo].loff);
	}
	return r;
}

/* A growable list of args while building a node. */
struct arglist {
	struct df_arg *v;
	size_t n, cap;
};

static void push_arg(struct parser *p, struct arglist *l, const char *s, size_t n, size_t loff)
{
	struct df_arg *a = ARENA_PUSH(p->a, l->v, l->n, l->cap);

	a->value = arena_strndup(p->a, s, n);
	a->len = n;
	a->pos = pos_at(p, loff);
}

/* Splits on runs of [\t\v\f\r ] (regexp Split, -1). */
static void split_ws(struct parser *p, struct arglist *l, const char *s, size_t n, size_t loff)
{
	size_t i = 0, start = 0;

	for (;;) {
		if (i == n || is_ws(s[i])) {
			push_arg(p, l, s + start, i - start, loff + start);
			if (i == n)
				break;
			while (i < n && is_ws(s[i]))
				i++;
			start = i;
			continue;
		}
		i++;
	}
}

/* Byte-wise unicode.IsSpace(rune(b)), as parseHealthConfig does it. */
static bool byte_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xa0;
}

/* parseWords: words with quotes kept; offsets of each word's start. */
struct word {
	struct strbuf sb;
	size_t off;
};

static void parse_words(struct parser *p, const char *s, size_t n, size_t loff, struct arglist *out)
{
	enum { IN_SPACES, IN_WORD, IN_QUOTE } phase = IN_SPACES;
	struct strbuf w = STRBUF_INIT;
	char quote = 0;
	bool blank_ok = false;
	size_t start = 0;

	for (size_t pos = 0; pos <= n;) {
		size_t width = 1;
		char ch = 0;

		if (pos != n) {
			ch = s[pos];
			width = uspace(s + pos, s + n);
			if (!width) {
				width = 1;
				/* Step over whole UTF-8 sequences like DecodeRune. */
				while (pos + width < n && ((unsigned char)s[pos + width] & 0xc0) == 0x80 &&
				       ((unsigned char)ch & 0xc0) == 0xc0 && width < 4)
					width++;
			}
		}
		if (phase == IN_SPACES) {
			if (pos == n)
				break;
			if (uspace(s + pos, s + n)) {
				pos += width;
				continue;
			}
			phase = IN_WORD;
			start = pos;
		}
		if ((phase == IN_WORD || phase == IN_QUOTE) && pos == n) {
			if (blank_ok || w.len)
				push_arg(p, out, w.buf, w.len, loff + start);
			break;
		}
		if (phase == IN_WORD) {
			/* A run of printable ASCII that is no quote or escape:
			 * all of it goes into the word as it is. */
			if (ch > ' ' && (unsigned char)ch < 0x80 && ch != '\'' && ch != '"' &&
			    ch != p->escape) {
				size_t e = pos + 1;

				while (e < n && s[e] > ' ' && (unsigned char)s[e] < 0x80 &&
				       s[e] != '\'' && s[e] != '"' && s[e] != p->escape)
					e++;
				strbuf_add(&w, s + pos, e - pos);
				pos = e;
				continue;
			}
			if (uspace(s + pos, s + n)) {
				phase = IN_SPACES;
				if (blank_ok || w.len)
					push_arg(p, out, w.buf, w.len, loff + start);
				strbuf_reset(&w);
				blank_ok = false;
				pos += width;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = true;
				phase = IN_QUOTE;
			}
			if (ch == p->escape) {
				if (pos + width == n) {
					pos += width;
					continue;
				}
				strbuf_add(&w, s + pos, width);
				pos += width;
				width = 1;
				while (pos + width < n && ((unsigned char)s[pos + width] & 0xc0) == 0x80 &&
				       ((unsigned char)s[pos] & 0xc0) == 0xc0 && width < 4)
					width++;
			}
			strbuf_add(&w, s + pos, width);
			pos += width;
			continue;
		}
		/* IN_QUOTE */
		if (ch != quote && ch != p->escape) {
			size_t e = pos + 1;

			while (e < n && s[e] != quote && s[e] != p->escape)
				e++;
			strbuf_add(&w, s + pos, e - pos);
			pos = e;
			continue;
		}
		if (ch == quote)
			phase = IN_WORD;
		if (ch == p->escape && quote != '\'') {
			if (pos + width == n) {
				phase = IN_WORD;
				pos += width;
				continue;
			}
			strbuf_add(&w, s + pos, width);
			pos += width;
			width = 1;
			while (pos + width < n && ((unsigned char)s[pos + width] & 0xc0) == 0x80 &&
			       ((unsigned char)s[pos] & 0xc0) == 0xc0 && width < 4)
				width++;
		}
		strbuf_add(&w, s + pos, width);
		pos += width;
	}
	strbuf_release(&w);
}

enum json_result { JSON_OK, JSON_NOT, JSON_BAD_ARRAY };

/* parseJSON: a JSON array of strings. Element positions are found by walking
 * the raw text, since the array holds only strings. */
static enum json_result parse_json(struct parser *p, const char *s, size_t n, size_t loff,
				   struct arglist *out)
{
	size_t i = ltrim_len(s, n), idx = 0;
	json_t *root;
	json_error_t jerr;
	enum json_result r = JSON_OK;

	if (i >= n || s[i] != '[')
		return JSON_NOT;
	root = json_loadb(s + i, n - i, JSON_ALLOW_NUL, &jerr);
	if (!root)
		return JSON_NOT;
	if (!json_is_array(root)) {
		json_decref(root);
		return JSON_NOT;
	}
	for (size_t k = 0; k < json_array_size(root); k++)
		if (!json_is_string(json_array_get(root, k))) {
			json_decref(root);
			return JSON_BAD_ARRAY;
		}
	for (size_t j = i; j < n && idx < json_array_size(root); j++) {
		if (s[j] != '"')
			continue;
		json_t *e = json_array_get(root, idx++);
		push_arg(p, out, json_string_value(e), json_string_length(e), loff + j);
		for (j++; j < n && s[j] != '"'; j++)
			if (s[j] == '\\')
				j++;
	}
	json_decref(root);
	return r;
}

struct parsed {
	struct arglist args;
	bool json;
	struct df_node *sub;
};

static struct df_node *new_node(struct parser *p, const char *line, size_t n, size_t loff);

static int parse_maybe_json(struct parser *p, const char *s, size_t n, size_t loff, struct parsed *r)
{
	if (!n)
		return 0;
	switch (parse_json(p, s, n, loff, &r->args)) {
	case JSON_OK:
		r->json = true;
		return 0;
	case JSON_BAD_ARRAY:
		return -1;
	case JSON_NOT:
		break;
	}
	push_arg(p, &r->args, s, n, loff);
	return 0;
}

static const char errNotStringArray[] =
	"when using JSON array syntax, arrays must be comprised of strings only";

static int dispatch(struct parser *p, const char *cmd, const char *s, size_t n, size_t loff,
		    struct parsed *r, unsigned line)
{
	if (str_eq(cmd, "cmd") || str_eq(cmd, "entrypoint") || str_eq(cmd, "run") ||
	    str_eq(cmd, "shell")) {
		if (parse_maybe_json(p, s, n, loff, r) < 0) {
			set_error(p, line, errNotStringArray);
			return -1;
		}
	} else if (str_eq(cmd, "add") || str_eq(cmd, "copy") || str_eq(cmd, "volume")) {
		switch (parse_json(p, s, n, loff, &r->args)) {
		case JSON_OK:
			r->json = true;
			break;
		case JSON_BAD_ARRAY:
			set_error(p, line, errNotStringArray);
			return -1;
		case JSON_NOT:
			if (n)
				split_ws(p, &r->args, s, n, loff);
			break;
		}
	} else if (str_eq(cmd, "expose") || str_eq(cmd, "from")) {
		if (n)
			split_ws(p, &r->args, s, n, loff);
	} else if (str_eq(cmd, "maintainer") || str_eq(cmd, "stopsignal") ||
		   str_eq(cmd, "user") || str_eq(cmd, "workdir")) {
		if (n)
			push_arg(p, &r->args, s, n, loff);
	} else if (str_eq(cmd, "arg")) {
		parse_words(p, s, n, loff, &r->args);
	} else if (str_eq(cmd, "env") || str_eq(cmd, "label")) {
		struct arglist words = { 0 };

		parse_words(p, s, n, loff, &words);
		if (!words.n)
			return 0;
		if (!strchr(words.v[0].value, '=')) {
			size_t i = 0, j;

			while (i < n && !is_ws(s[i]))
				i++;
			if (i == n) {
				set_error(p, line, arena_printf(p->a, "%s must have two arguments",
								str_eq(cmd, "env") ? "ENV" : "LABEL"));
				return -1;
			}
			j = i;
			while (j < n && is_ws(s[j]))
				j++;
			push_arg(p, &r->args, s, i, loff);
			push_arg(p, &r->args, s + j, n - j, loff + j);
			push_arg(p, &r->args, "", 0, loff + j);
			return 0;
		}
		for (size_t k = 0; k < words.n; k++) {
			const char *w = words.v[k].value, *eq = strchr(w, '=');
			size_t woff;

			if (!eq) {
				struct strbuf q = STRBUF_INIT;

				df_quote(&q, w, strlen(w));
				set_error(p, line, arena_printf(p->a,
					"Syntax error - can't find = in %s. Must be of the form: name=value",
					q.buf));
				strbuf_release(&q);
				return -1;
			}
			/* Word offsets were resolved to positions already; keep them. */
			struct df_arg *ka = ARENA_PUSH(p->a, r->args.v, r->args.n, r->args.cap);
			ka->value = arena_strndup(p->a, w, (size_t)(eq - w));
			ka->len = (size_t)(eq - w);
			ka->pos = words.v[k].pos;
			struct df_arg *va = ARENA_PUSH(p->a, r->args.v, r->args.n, r->args.cap);
			va->value = eq + 1;
			va->len = strlen(eq + 1);
			woff = (size_t)(eq + 1 - w);
			va->pos = words.v[k].pos;
			va->pos.col += (unsigned)woff;
			struct df_arg *sa = ARENA_PUSH(p->a, r->args.v, r->args.n, r->args.cap);
			sa->value = "=";
			sa->len = 1;
			sa->pos = words.v[k].pos;
			sa->pos.col += (unsigned)(eq - w);
		}
	} else if (str_eq(cmd, "healthcheck")) {
		size_t sep = 0, next;

		while (sep < n && !byte_space((unsigned char)s[sep]))
			sep++;
		next = sep;
		while (next < n && byte_space((unsigned char)s[next]))
			next++;
		if (sep == 0)
			return 0;
		push_arg(p, &r->args, s, sep, loff);
		if (parse_maybe_json(p, s + next, n - next, loff + next, r) < 0) {
			set_error(p, line, errNotStringArray);
			return -1;
		}
	} else if (str_eq(cmd, "onbuild")) {
		if (!n)
			return 0;
		if (p->depth >= MAX_SUB_DEPTH) {
			set_error(p, line, "ONBUILD nested too deeply");
			return -1;
		}
		p->depth++;
		r->sub = new_node(p, s, n, loff);
		p->depth--;
		if (!r->sub)
			return -1;
	} else {
		/* parseIgnore: unknown instructions keep one empty argument. */
		push_arg(p, &r->args, "", 0, loff);
	}
	return 0;
}

/* extractBuilderFlags: leading --flags; returns offset where the rest starts. */
static size_t extract_flags(struct parser *p, const char *s, size_t n, size_t loff,
			    struct arglist *flags)
{
	enum { IN_SPACES, IN_WORD, IN_QUOTE } phase = IN_SPACES;
	struct strbuf w = STRBUF_INIT;
	char quote = 0;
	bool blank_ok = false;
	size_t start = 0, pos;

	for (pos = 0; pos <= n; pos++) {
		char ch = pos != n ? s[pos] : 0;

		if (phase == IN_SPACES) {
			if (pos == n)
				break;
			if (byte_space((unsigned char)ch))
				continue;
			if (ch != '-' || pos + 1 == n || s[pos + 1] != '-')
				goto out;
			phase = IN_WORD;
			start = pos;
		}
		if ((phase == IN_WORD || phase == IN_QUOTE) && pos == n) {
			if (strcmp(w.buf, "--") && (blank_ok || w.len))
				push_arg(p, flags, w.buf, w.len, loff + start);
			break;
		}
		if (phase == IN_WORD) {
			if (byte_space((unsigned char)ch)) {
				phase = IN_SPACES;
				if (str_eq(w.buf, "--"))
					goto out;
				if (blank_ok || w.len)
					push_arg(p, flags, w.buf, w.len, loff + start);
				strbuf_reset(&w);
				blank_ok = false;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = true;
				phase = IN_QUOTE;
				continue;
			}
			if (ch == '\\') {
				if (pos + 1 == n)
					continue;
				ch = s[++pos];
			}
			strbuf_addch(&w, ch);
			continue;
		}
		if (ch == quote) {
			phase = IN_WORD;
			continue;
		}
		if (ch == '\\') {
			if (pos + 1 == n) {
				phase = IN_WORD;
				continue;
			}
			ch = s[++pos];
		}
		strbuf_addch(&w, ch);
	}
	pos = n;
out:
	strbuf_release(&w);
	return pos;
}

/* newNodeFromLine: line[0..n) sits at offset loff of the logical line. */
static struct df_node *new_node(struct parser *p, const char *line, size_t n, size_t loff)
{
	struct df_node *node = arena_alloc(p->a, sizeof(*node));
	struct arglist flags = { 0 };
	struct parsed r = { 0 };
	size_t b = ltrim_len(line, n), e = rtrim(line, n), i, rs = 0, re = 0;
	char *cmd;
	unsigned line_no = pos_at(p, loff).line;

	if (e < b)
		e = b;
	i = b;
	while (i < e && !is_ws(line[i]))
		i++;
	cmd = arena_strndup(p->a, line + b, i - b);
	for (char *c = cmd; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	node->start = pos_at(p, loff + b);
	if (i < e) {
		size_t as = i;

		while (as < e && is_ws(line[as]))
			as++;
		rs = as + extract_flags(p, line + as, e - as, loff + as, &flags);
		re = e;
		rs += ltrim_len(line + rs, re - rs);
		re = rs + rtrim(line + rs, re - rs);
	} else {
		rs = re = e;
	}
	node->name = cmd;
	node->flags = flags.v;
	node->nflags = flags.n;
	node->rest = arena_strndup(p->a, line + rs, re - rs);
	if (dispatch(p, cmd, line + rs, re - rs, loff + rs, &r, line_no) < 0)
		return NULL;
	node->args = r.args.v;
	node->nargs = r.args.n;
	node->json = r.json;
	node->sub = r.sub;
	node->original = arena_strndup(p->a, line, n);
	return node;
}

/* Splits line into raw shell words (quotes and escapes kept), and turns the
 * ones shaped like ^(\d*)<<(-?)([^<]*)$ into heredocs. */
static void find_heredocs(struct parser *p, const char *s, size_t n, struct df_node *node)
{
	size_t i = 0, cap = 0;

	while (i < n) {
		size_t ws, we;

		while (i < n && is_ws(s[i]))
			i++;
		if (i >= n)
			break;
		ws = i;
		while (i < n && !is_ws(s[i])) {
			if (s[i] == '\\' && i + 1 < n) {
				i += 2;
				continue;
			}
			if (s[i] == '\'' || s[i] == '"') {
				char q = s[i++];

				while (i < n && s[i] != q) {
					if (q == '"' && s[i] == '\\' && i + 1 < n)
						i++;
					i++;
				}
				if (i < n)
					i++;
				continue;
			}
			i++;
		}
		we = i;

		size_t k = ws;
		unsigned fd = 0;
		while (k < we && isdigit((unsigned char)s[k]))
			fd = fd * 10 + (unsigned)(s[k++] - '0');
		if (we - k < 2 || s[k] != '<' || s[k + 1] != '<')
			continue;
		k += 2;
		bool chomp = k < we && s[k] == '-';
		if (chomp)
			k++;
		if (k >= we || memchr(s + k, '<', we - k))
			continue;

		struct strbuf name = STRBUF_INIT;
		bool quoted = false;
		for (size_t j = k; j < we; j++) {
			char c = s[j];

			if (c == '\'' || c == '"') {
				quoted = true;
				for (j++; j < we && s[j] != c; j++) {
					if (c == '"' && s[j] == '\\' && j + 1 < we)
						j++;
					strbuf_addch(&name, s[j]);
				}
				continue;
			}
			if (c == '\\' && j + 1 < we)
				c = s[++j];
			strbuf_addch(&name, c);
		}
		if (name.len) {
			struct df_heredoc *h = ARENA_PUSH(p->a, node->heredocs, node->nheredocs, cap);

			h->name = arena_strndup(p->a, name.buf, name.len);
			h->fd = fd;
			h->chomp = chomp;
			h->expand = !quoted;
		}
		strbuf_release(&name);
	}
}

static bool can_contain_heredoc(const struct df_node *n)
{
	if (str_eq(n->name, "onbuild") && n->sub)
		n = n->sub;
	return !n->json && (str_eq(n->name, "run") || str_eq(n->name, "copy") ||
			    str_eq(n->name, "add"));
}

static int read_heredocs(struct parser *p, struct df_node *node, unsigned start_line)
{
	for (size_t h = 0; h < node->nheredocs; h++) {
		struct df_heredoc *hd = &node->heredocs[h];
		struct strbuf body = STRBUF_INIT;
		struct rawline l;
		size_t at;
		bool done = false;

		hd->start_line = p->lineno + 1;
		while (next_line(p, &l, &at)) {
			const char *t = l.p;
			size_t tn = l.n;

			p->lineno++;
			if (hd->chomp)
				while (tn && *t == '\t')
					t++, tn--;
			if (tn == strlen(hd->name) && !memcmp(t, hd->name, tn)) {
				done = true;
				break;
			}
			strbuf_add(&body, p->buf + at, p->pos - at);
		}
		hd->content = arena_strndup(p->a, body.buf, body.len);
		strbuf_release(&body);
		if (!done) {
			set_error(p, start_line, "unterminated heredoc");
			return -1;
		}
	}
	return 0;
}

int df_parse(struct arena *a, const char *path, const char *buf, size_t len,
	     struct df_file *out, struct df_error *err)
{
	struct parser p = { 0 };
	struct strbuf line = STRBUF_INIT;
	struct rawline l;
	size_t at, nodecap = 0, ccap = 0;
	const char **comments = NULL;
	size_t ncomments = 0;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	err->line = 0;
	err->msg = NULL;
	out->path = path;
	out->buf = buf;
	out->len = len;
	p.a = a;
	p.buf = buf;
	p.len = len;
	p.escape = '\\';
	p.f = out;
	p.err = err;

	while (next_line(&p, &l, &at)) {
		const char *t = l.p;
		size_t tn = l.n, lead, cn;
		unsigned start_line;
		bool eol;

		if (p.lineno == 0 && tn >= 3 && !memcmp(t, "\xef\xbb\xbf", 3))
			t += 3, tn -= 3;
		if (is_comment(&(struct rawline){ t, tn })) {
			size_t c = ltrim_len(t, tn) + 1;
			size_t ce = c + rtrim(t + c, tn - c);

			c += ltrim_len(t + c, ce - c);
			*ARENA_PUSH(a, comments, ncomments, ccap) = arena_strndup(a, t + c, ce - c);
		}
		lead = ltrim_len(t, tn);
		t += lead;
		tn -= lead;
		if (possible_directive(&p, t, tn, p.lineno + 1) < 0)
			goto out;
		if (tn && t[0] == '#')
			tn = 0;
		p.lineno++;
		start_line = p.lineno;

		cn = trim_continuation(&p, t, tn, &eol);
		if (eol && cn == 0)
			continue;
		strbuf_reset(&line);
		strbuf_add(&line, t, cn);
		p.nsegs = 0;
		add_seg(&p, 0, start_line, (unsigned)(t - (buf + at)) + 1);

		unsigned last_line = start_line;
		size_t last_len = (size_t)(t - (buf + at)) + tn;
		while (!eol && next_line(&p, &l, &at)) {
			const char *u = l.p;
			size_t un = l.n;

			if (possible_directive(&p, u, un, p.lineno + 1) < 0)
				goto out;
			if (un && u[0] == '#')
				un = 0;
			p.lineno++;
			if (is_comment(&l))
				continue;
			if (ltrim_len(u, un) == un) {
				if (!out->empty_continuation_line)
					out->empty_continuation_line = p.lineno;
				continue;
			}
			size_t k = trim_continuation(&p, u, un, &eol);
			add_seg(&p, line.len, p.lineno, 1);
			strbuf_add(&line, u, k);
			last_line = p.lineno;
			last_len = un;
		}

		struct df_node *node = new_node(&p, line.buf, line.len, 0);
		if (!node) {
			if (!err->msg)
				set_error(&p, start_line, "cannot parse instruction");
			goto out;
		}
		node->end.line = last_line;
		node->end.col = (unsigned)last_len + 1;
		if (can_contain_heredoc(node) && strstr(line.buf, "<<")) {
			find_heredocs(&p, line.buf, line.len, node);
			if (read_heredocs(&p, node, start_line) < 0)
				goto out;
		}
		node->end_line = p.lineno;
		node->comments = comments;
		node->ncomments = ncomments;
		comments = NULL;
		ncomments = ccap = 0;
		*ARENA_PUSH(a, out->nodes, out->nnodes, nodecap) = *node;
	}
	out->nlines = p.lineno;
	out->escape = p.escape;
	if (!out->nnodes) {
		set_error(&p, p.lineno, "file with no instructions");
		goto out;
	}
	ret = 0;
out:
	strbuf_release(&line);
	free(p.segs);
	return ret;
}

const char *df_flag(const struct df_node *n, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < n->nflags; i++) {
		const char *f = n->flags[i].value;

		if (strncmp(f, "--", 2) || strncmp(f + 2, name, len))
			continue;
		if (f[2 + len] == '=')
			return f + 3 + len;
		if (!f[2 + len])
			return "";
	}
	return NULL;
}
