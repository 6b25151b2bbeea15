#include "input/shell/shell.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

/*
 * A small recursive-descent reader for the POSIX/bash subset that shows up
 * in Dockerfiles. It does not build a syntax tree: it emits every simple
 * command it meets (including those inside $(...), sh -c '...', heredocs
 * fed to a shell, and behind wrappers such as sudo) into one flat list.
 *
 * Recursion happens only for nested scripts and is bounded by MAX_LEVEL;
 * matching of $(, ${, backticks and quotes uses an explicit stack, so
 * deeply nested input can't exhaust the C stack.
 */

#define MAX_LEVEL 16

enum skip_mode {
	SKIP_NONE,
	SKIP_FOR,	/* for NAME [in WORDS]; -- no command there */
	SKIP_CASE,	/* case WORD in */
	SKIP_FUNC,	/* function NAME */
};

enum hd_owner {
	HD_PENDING,	/* its command has not ended yet */
	HD_SCRIPT,	/* command-less line (BuildKit RUN <<EOF): the body is the script */
	HD_SHELL,	/* sh reads its script from it */
	HD_OTHER,	/* data for some other program */
};

struct heredoc {
	const char *delim;
	bool strip_tabs;	/* <<- */
	bool to_stdin;
	bool pf;		/* pipefail for the shell that reads it */
	enum hd_owner owner;
};

/* State shared by every nesting level of one sh_parse() call. */
struct ctx {
	struct arena *a;
	struct sh_cmd *cmds;
	size_t ncmds, cap;
	struct strbuf nest;	/* stack for skip_nested() */
	bool has_pipe;
	bool pf_seen;		/* some pipefail was turned on */
	bool uncovered;		/* a pipe ran without pipefail */
};

#define NEST_MAX 32

struct parser {
	struct ctx *c;
	const char *s;
	size_t len, pos;
	size_t base;		/* offset of s[0] in the top-level script */
	bool fixed;		/* s is a word's unquoted text: every offset is base */
	unsigned depth, level;
	bool pf;		/* pipefail is on in this shell */
	struct strbuf sb;	/* text of the word being read */

	struct heredoc *hd;	/* waiting for the next newline */
	size_t nhd, hdcap;

	/* The simple command being read. */
	struct sh_word *argv, *assigns;
	size_t argc, argcap, nassigns, ascap;
	size_t off;
	enum skip_mode skip;
	unsigned skipped;
	bool dbracket;		/* inside [[ ]], where && < > ( ) are operands */

	/* Across commands. */
	unsigned case_depth;
	bool in_pattern;	/* reading a case pattern up to ')' */
	bool pipe_pending;	/* the previous command ended with | */
	bool after_closer;	/* fi, done, }, esac or ) since the last command */
	/* The if, case and loop constructs open here, and where each began
	 * (the innermost ones past NEST_MAX are counted only). */
	unsigned nest;
	size_t nest_off[NEST_MAX];
	size_t last;		/* index of the last command emitted here */
	/* Function bodies: { } depth, and the depth the body being read
	 * began at (0: none); a name() or `function name` waits for its {. */
	unsigned brace, func_level;
	bool func_pending;
	const char *func_name, *func_next;	/* the body's function; the next one's */
};

struct tok {
	struct sh_word w;
	size_t lit;	/* w.text[0..lit) came from unquoted literal text */
};

static void parse_list(struct parser *p);

static bool is_blank(int c)
{
	/* \r too: CRLF Dockerfiles should not grow words ending in \r. */
	return c == ' ' || c == '\t' || c == '\r';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(int c)
{
	return is_name_start(c) || is_digit(c);
}

/* strchr() that doesn't treat NUL as a member of every set. */
static bool in_set(const char *set, int c)
{
	return c && strchr(set, c);
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (str_eq(*list, s))
			return true;
	return false;
}

static size_t name_len(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || !is_name_start(s[0]))
		return 0;
	while (i < n && is_name_char(s[i]))
		i++;
	return i;
}

/* NAME=value or NAME+=value, with the name and '=' unquoted (before lit). */
static bool is_assignment(const char *t, size_t lit)
{
	size_t n = name_len(t, strlen(t));

	if (!n)
		return false;
	if (t[n] == '=')
		return n < lit;
	return t[n] == '+' && t[n + 1] == '=' && n + 1 < lit;
}

static bool is_shell(const char *name)
{
	return lex_has(&lex_shells, name);
}

static size_t off_at(const struct parser *p, size_t i)
{
	return p->fixed ? p->base : p->base + i;
}

/* Length of a backslash-newline at i, or 0: it joins lines and vanishes. */
static size_t continuation(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && s[i] == '\\' && s[i + 1] == '\n')
		return 2;
	if (i + 2 < len && s[i] == '\\' && s[i + 1] == '\r' && s[i + 2] == '\n')
		return 3;
	return 0;
}

static void skip_blanks(struct parser *p)
{
	while (p->pos < p->len) {
		size_t k;

		if (is_blank(p->s[p->pos]))
			p->pos++;
		else if ((k = continuation(p->s, p->len, p->pos)))
			p->pos += k;
		else
			break;
	}
}

/* Characters that end an unquoted word. Inside [[ ]] only ';' does. */
static bool is_meta(const struct parser *p, int c)
{
	if (p->dbracket)
		return c == ';';
	return c == ';' || c == '&' || c == '|' || c == '<' || c == '>' ||
	       c == '(' || c == ')';
}

static size_t push_cmd(struct ctx *c, const struct sh_cmd *cmd)
{
	*ARENA_PUSH(c->a, c->cmds, c->ncmds, c->cap) = *cmd;
	return c->ncmds - 1;
}

/*
 * Index just past the closer of a construct whose opener ends before i:
 * '(' for $( or (, '{' for ${, '`' for backticks, '"' for double quotes.
 * *closed is false when the input ends first.
 */
static size_t skip_nested(struct ctx *c, const char *s, size_t len, size_t i,
			  char open, bool *closed)
{
	struct strbuf *st = &c->nest;
	size_t from = i;

	strbuf_reset(st);
	strbuf_addch(st, open);
	*closed = false;
	while (i < len) {
		char top = st->buf[st->len - 1];
		char ch = s[i];
		char next = i + 1 < len ? s[i + 1] : 0;

		if (ch == '\\') {
			i += 2;
			continue;
		}
		if (top == '`') {
			if (ch == '`')
				strbuf_setlen(st, st->len - 1);
			i++;
		} else if (top == '"') {
			if (ch == '"') {
				strbuf_setlen(st, st->len - 1);
				i++;
			} else if (ch == '`') {
				strbuf_addch(st, '`');
				i++;
			} else if (ch == '$' && (next == '(' || next == '{')) {
				strbuf_addch(st, next);
				i += 2;
			} else {
				i++;
			}
		} else {
			/* '(' or '{' */
			bool in_dq = st->len > 1 && st->buf[st->len - 2] == '"';

			switch (ch) {
			case '\'':
				/* ${x:-'y'} inside double quotes: the quote is literal. */
				if (top == '{' && in_dq) {
					i++;
					break;
				}
				{
					const char *q = memchr(s + i + 1, '\'', len - i - 1);
					i = q ? (size_t)(q - s) + 1 : len;
				}
				break;
			case '"':
			case '`':
				strbuf_addch(st, ch);
				i++;
				break;
			case '$':
				if (next == '(' || next == '{') {
					strbuf_addch(st, next);
					i += 2;
				} else if (next == '\'' && top == '(') {
					/* $'...' has backslash escapes. */
					i += 2;
					while (i < len && s[i] != '\'')
						i += s[i] == '\\' ? 2 : 1;
					i++;
				} else {
					i++;
				}
				break;
			case '(':
				if (top == '(')
					strbuf_addch(st, '(');
				i++;
				break;
			case ')':
				if (top == '(')
					strbuf_setlen(st, st->len - 1);
				i++;
				break;
			case '}':
				if (top == '{')
					strbuf_setlen(st, st->len - 1);
				i++;
				break;
			case '#':
				/* A comment inside $(...) may hold quotes and parens. */
				if (top == '(' && (i == from ||
				    in_set(" \t\n;&|()", s[i - 1]))) {
					const char *nl = memchr(s + i, '\n', len - i);
					i = nl ? (size_t)(nl - s) : len;
					break;
				}
				i++;
				break;
			default:
				i++;
				break;
			}
		}
		if (!st->len) {
			*closed = true;
			break;
		}
	}
	return i > len ? len : i;
}

static void parser_init(struct parser *p, struct ctx *c, const char *s,
			size_t len, size_t base, bool fixed, unsigned depth,
			unsigned level, bool pf)
{
	memset(p, 0, sizeof(*p));
	p->c = c;
	p->s = s;
	p->len = len;
	p->base = base;
	p->fixed = fixed;
	p->depth = depth;
	p->level = level;
	p->pf = pf;
	p->last = SIZE_MAX;
	strbuf_init(&p->sb);
}

/* Parses s[0..len) as a script of its own, one level down. */
static void parse_sub(struct parser *p, const char *s, size_t len, size_t base,
		      bool fixed, unsigned depth, bool pf)
{
	struct parser sub;

	if (p->level + 1 >= MAX_LEVEL)
		return;
	parser_init(&sub, p->c, s, len, base, fixed, depth, p->level + 1, pf);
	/* What the enclosing command is inside of, its inner commands are. */
	sub.nest = p->nest;
	memcpy(sub.nest_off, p->nest_off, sizeof(sub.nest_off));
	parse_list(&sub);
	strbuf_release(&sub.sb);
}

/* $(...) and `...` in the word being read: their commands run first. */
static void parse_range(struct parser *p, size_t start, size_t end)
{
	parse_sub(p, p->s + start, end - start, off_at(p, start), p->fixed,
		  p->depth + 1, p->pf);
}

static void mark(struct parser *p, struct tok *t)
{
	if (t->lit == SIZE_MAX)
		t->lit = p->sb.len;
}

static void lex_backtick(struct parser *p, struct tok *t)
{
	const char *s = p->s;
	size_t start = p->pos, stop, end;
	struct strbuf in = STRBUF_INIT;
	bool closed;

	end = skip_nested(p->c, s, p->len, start + 1, '`', &closed);
	mark(p, t);
	t->w.has_subst = true;
	strbuf_add(&p->sb, s + start, end - start);
	p->pos = end;

	/* Inside backticks \$ \` and \\ lose their backslash before parsing. */
	stop = closed ? end - 1 : end;
	for (size_t i = start + 1; i < stop; i++) {
		if (s[i] == '\\' && i + 1 < stop && in_set("$`\\", s[i + 1]))
			i++;
		strbuf_addch(&in, s[i]);
	}
	parse_sub(p, in.buf, in.len, off_at(p, start), true, p->depth + 1, p->pf);
	strbuf_release(&in);
}

static void lex_dquote(struct parser *p, struct tok *t);

static void lex_ansi_c(struct parser *p, struct tok *t)
{
	const char *s = p->s;
	size_t i = p->pos + 2;

	mark(p, t);
	t->w.quoted = true;
	while (i < p->len && s[i] != '\'') {
		if (s[i] == '\\' && i + 1 < p->len) {
			char e = s[i + 1];

			switch (e) {
			case 'n':
				strbuf_addch(&p->sb, '\n');
				break;
			case 't':
				strbuf_addch(&p->sb, '\t');
				break;
			case 'r':
				strbuf_addch(&p->sb, '\r');
				break;
			case '\\':
			case '\'':
			case '"':
				strbuf_addch(&p->sb, e);
				break;
			default:
				strbuf_addch(&p->sb, '\\');
				strbuf_addch(&p->sb, e);
				break;
			}
			i += 2;
			continue;
		}
		strbuf_addch(&p->sb, s[i++]);
	}
	p->pos = i < p->len ? i + 1 : p->len;
}

/* At '$': expansions are kept verbatim in the word; $(...) is also parsed. */
static void lex_dollar(struct parser *p, struct tok *t, bool in_dq)
{
	const char *s = p->s;
	size_t i = p->pos;
	char c = i + 1 < p->len ? s[i + 1] : 0;

	if (c == '(' || c == '{') {
		bool arith = c == '(' && i + 2 < p->len && s[i + 2] == '(';
		bool closed;
		size_t end = skip_nested(p->c, s, p->len, i + 2, c, &closed);

		mark(p, t);
		t->w.has_subst = true;
		strbuf_add(&p->sb, s + i, end - i);
		p->pos = end;
		/* $((...)) is arithmetic, not a subshell. */
		if (c == '(' && !arith)
			parse_range(p, i + 2, closed ? end - 1 : end);
		return;
	}
	if (c == '\'' && !in_dq) {
		lex_ansi_c(p, t);
		return;
	}
	if (c == '"' && !in_dq) {
		/* $"..." is a translatable string: a double-quoted one to us. */
		p->pos++;
		lex_dquote(p, t);
		return;
	}
	if (is_name_start(c) || in_set("@*#?$!-0123456789", c)) {
		size_t n = is_name_start(c) ? 1 : 2;

		mark(p, t);
		t->w.has_subst = true;
		strbuf_add(&p->sb, s + i, n);
		p->pos += n;
		return;
	}
	strbuf_addch(&p->sb, '$');
	p->pos++;
}

/* At '"': only \$ \` \" \\ and backslash-newline are escapes in there. */
static void lex_dquote(struct parser *p, struct tok *t)
{
	const char *s = p->s;

	mark(p, t);
	t->w.quoted = true;
	p->pos++;
	while (p->pos < p->len) {
		char c = s[p->pos];

		if (c == '"') {
			p->pos++;
			return;
		}
		if (c == '\\' && p->pos + 1 < p->len) {
			char e = s[p->pos + 1];
			size_t k = continuation(s, p->len, p->pos);

			if (k) {
				p->pos += k;
			} else if (in_set("$`\"\\", e)) {
				strbuf_addch(&p->sb, e);
				p->pos += 2;
			} else {
				strbuf_addch(&p->sb, '\\');
				p->pos++;
			}
			continue;
		}
		if (c == '$') {
			lex_dollar(p, t, true);
			continue;
		}
		if (c == '`') {
			lex_backtick(p, t);
			continue;
		}
		{
			size_t e = p->pos + 1;

			while (e < p->len && s[e] != '"' && s[e] != '\\' && s[e] != '$' &&
			       s[e] != '`')
				e++;
			strbuf_add(&p->sb, s + p->pos, e - p->pos);
			p->pos = e;
		}
	}
}

/* NAME= or NAME+= so far: a '(' starts a bash array value. */
static bool array_assign(const struct strbuf *sb)
{
	size_t n;

	if (!sb->len || sb->buf[sb->len - 1] != '=')
		return false;
	n = name_len(sb->buf, sb->len);
	return n && (n == sb->len - 1 ||
		     (n == sb->len - 2 && sb->buf[n] == '+'));
}

/* Where w's basename starts, for sh_cmd_name: worked out for the words
 * that become argv[0], the only ones it is asked of. */
static void set_base(struct sh_word *w)
{
	const char *slash = strrchr(w->text, '/');

	w->base = slash && (size_t)(slash - w->text) < SH_BASE_UNKNOWN - 1 ?
		  (unsigned)(slash - w->text) + 1 : 0;
}

/* Bytes that end a plain run inside a word: blanks, newline, operators,
 * quotes, escapes and expansions. */
static const bool word_stop[256] = {
	[' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, [';'] = true,
	['&'] = true, ['|'] = true, ['<'] = true, ['>'] = true, ['('] = true,
	[')'] = true, ['\\'] = true, ['\''] = true, ['"'] = true, ['$'] = true,
	['`'] = true,
};

/* Reads one word at p->pos, up to a blank, newline or operator. */
static void lex_word(struct parser *p, struct tok *t)
{
	const char *s = p->s;
	bool closed;
	size_t end;

	strbuf_reset(&p->sb);
	memset(t, 0, sizeof(*t));
	t->w.off = off_at(p, p->pos);
	t->lit = SIZE_MAX;

	/* <(cmd) and >(cmd): process substitution is a word, not a redirect. */
	if (!p->dbracket && p->pos + 1 < p->len && s[p->pos + 1] == '(' &&
	    (s[p->pos] == '<' || s[p->pos] == '>')) {
		size_t start = p->pos;

		end = skip_nested(p->c, s, p->len, start + 2, '(', &closed);
		mark(p, t);
		t->w.has_subst = true;
		strbuf_add(&p->sb, s + start, end - start);
		p->pos = end;
		parse_range(p, start + 2, closed ? end - 1 : end);
	}

	while (p->pos < p->len) {
		char c = s[p->pos];
		size_t k;

		if (is_blank(c) || c == '\n')
			break;
		if (is_meta(p, c)) {
			if (c == '(' && t->lit == SIZE_MAX && array_assign(&p->sb)) {
				end = skip_nested(p->c, s, p->len, p->pos + 1,
						  '(', &closed);
				strbuf_add(&p->sb, s + p->pos, end - p->pos);
				p->pos = end;
				continue;
			}
			break;
		}
		switch (c) {
		case '\\':
			if ((k = continuation(s, p->len, p->pos))) {
				p->pos += k;
				break;
			}
			mark(p, t);
			t->w.quoted = true;
			if (p->pos + 1 < p->len)
				strbuf_addch(&p->sb, s[p->pos + 1]);
			p->pos += 2;
			break;
		case '\'': {
			const char *q;

			mark(p, t);
			t->w.quoted = true;
			p->pos++;
			q = memchr(s + p->pos, '\'', p->len - p->pos);
			end = q ? (size_t)(q - s) : p->len;
			strbuf_add(&p->sb, s + p->pos, end - p->pos);
			p->pos = q ? end + 1 : end;
			break;
		}
		case '"':
			lex_dquote(p, t);
			break;
		case '$':
			lex_dollar(p, t, false);
			break;
		case '`':
			lex_backtick(p, t);
			break;
		default: {
			/* A run of bytes none of the cases above is about. */
			size_t e = p->pos + 1;

			while (e < p->len && !word_stop[(unsigned char)s[e]])
				e++;
			strbuf_add(&p->sb, s + p->pos, e - p->pos);
			p->pos = e;
			break;
		}
		}
	}
	if (p->pos > p->len)
		p->pos = p->len;
	t->w.text = arena_strndup(p->c->a, p->sb.buf, p->sb.len);
	t->w.base = SH_BASE_UNKNOWN;	/* set_base() when it names a command */
}

/* ---- the programs whose arguments hold more commands ---- */

static void check_set(struct parser *p, const struct sh_cmd *c)
{
	for (size_t i = 1; i + 1 < c->argc; i++) {
		const char *t = c->argv[i].text;

		if (str_eq(t, "--"))
			break;
		if ((t[0] != '-' && t[0] != '+') || !t[1] || t[1] == '-' ||
		    !strchr(t + 1, 'o'))
			continue;
		/* -o NAME, also clustered: -eo pipefail, -euxo pipefail */
		if (str_eq(c->argv[i + 1].text, "pipefail")) {
			p->pf = t[0] == '-';
			if (p->pf)
				p->c->pf_seen = true;
		}
		i++;
	}
}

/*
 * sh/bash options: a -c script is parsed one level down. Returns true when
 * the shell would read its script from stdin (no -c and no script file).
 */
static bool shell_args(struct parser *p, const struct sh_cmd *c, bool *pf)
{
	bool has_c = false, has_s = false;
	size_t i;

	for (i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text;
		bool arg = false;

		if (str_eq(t, "--")) {
			i++;
			break;
		}
		if (str_eq(t, "-")) {
			has_s = true;
			i++;
			break;
		}
		if ((t[0] != '-' && t[0] != '+') || !t[1])
			break;
		if (t[1] == '-') {
			if (str_eq(t, "--rcfile") || str_eq(t, "--init-file"))
				i++;
			continue;
		}
		for (size_t k = 1; t[k]; k++) {
			if (t[k] == 'c' && t[0] == '-')
				has_c = true;
			else if (t[k] == 's' && t[0] == '-')
				has_s = true;
			else if (t[k] == 'o' || t[k] == 'O')
				arg = true;
		}
		if (arg && i + 1 < c->argc) {
			if (t[0] == '-' && str_eq(c->argv[i + 1].text, "pipefail")) {
				*pf = true;
				p->c->pf_seen = true;
			}
			i++;
		}
	}
	if (has_c) {
		if (i < c->argc)
			parse_sub(p, c->argv[i].text, strlen(c->argv[i].text),
				  c->argv[i].off, true, c->depth + 1, *pf);
		return false;
	}
	return has_s || i >= c->argc;
}

/* su [-] [user] -c 'script', su --command=script, runuser alike. */
static void su_args(struct parser *p, const struct sh_cmd *c)
{
	for (size_t i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text, *script = NULL;
		size_t off = c->argv[i].off;

		if (str_eq(t, "--"))
			break;
		if (!strncmp(t, "--command=", 10)) {
			script = t + 10;
		} else if (!strncmp(t, "--session-command=", 18)) {
			script = t + 18;
		} else if (str_eq(t, "--command") || str_eq(t, "--session-command")) {
			if (i + 1 < c->argc) {
				script = c->argv[i + 1].text;
				off = c->argv[i + 1].off;
			}
		} else if (t[0] == '-' && t[1] && t[1] != '-') {
			for (size_t k = 1; t[k]; k++) {
				if (t[k] == 'c') {
					if (t[k + 1]) {
						script = t + k + 1;
					} else if (i + 1 < c->argc) {
						script = c->argv[i + 1].text;
						off = c->argv[i + 1].off;
					}
					break;
				}
				/* options taking a value: -s shell, -g group... */
				if (in_set("sgGwu", t[k])) {
					if (!t[k + 1])
						i++;
					break;
				}
			}
		}
		if (script) {
			parse_sub(p, script, strlen(script), off, true,
				  c->depth + 1, false);
			return;
		}
	}
}

struct wrapper {
	const char *name;
	const char *shortargs;		/* short options that take a value */
	const char *const *longargs;	/* long options that take a value */
	unsigned operands;		/* before the command: gosu's user */
	bool assigns;			/* NAME=value operands: env, sudo */
};

static const char *const no_long[] = { NULL };
static const char *const sudo_long[] = {
	"user", "group", "host", "prompt", "close-from", "chdir", "role",
	"type", "other-user", "command-timeout", "chroot", NULL
};
static const char *const env_long[] = { "unset", "chdir", "split-string", NULL };
static const char *const nice_long[] = { "adjustment", NULL };
static const char *const time_long[] = { "format", "output", NULL };
static const char *const xargs_long[] = {
	"arg-file", "delimiter", "max-args", "max-procs", "max-chars",
	"process-slot-var", NULL
};
static const char *const dumb_init_long[] = { "rewrite", NULL };
static const char *const timeout_long[] = { "signal", "kill-after", NULL };

static const struct wrapper wrappers[] = {
	{ "sudo", "ugpCDrtUTR", sudo_long, 0, true },
	{ "env", "uCS", env_long, 0, true },
	{ "nice", "n", nice_long, 0, false },
	{ "nohup", "", no_long, 0, false },
	{ "exec", "a", no_long, 0, false },
	{ "time", "fo", time_long, 0, false },
	{ "command", "", no_long, 0, false },
	{ "xargs", "adEILnPs", xargs_long, 0, false },
	{ "gosu", "", no_long, 1, false },
	{ "su-exec", "", no_long, 1, false },
	{ "tini", "pe", no_long, 0, false },
	{ "dumb-init", "r", dumb_init_long, 0, false },
	{ "timeout", "sk", timeout_long, 1, false },
};

/* The command a wrapper runs, as a command of its own; false if none. */
static bool unwrap(struct arena *a, const struct sh_cmd *c, struct sh_cmd *out)
{
	const char *name = sh_cmd_name(c);
	const struct wrapper *w = NULL;
	struct sh_word *as = NULL;
	size_t nas = 0, ascap = 0, i;
	unsigned operands;
	bool opts = true;

	for (i = 0; i < sizeof(wrappers) / sizeof(*wrappers); i++)
		if (str_eq(wrappers[i].name, name))
			w = &wrappers[i];
	if (!w)
		return false;
	operands = w->operands;
	for (i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text;

		if (opts && str_eq(t, "--")) {
			opts = false;
			continue;
		}
		if (opts && t[0] == '-') {
			if (t[1] == '-') {
				if (!strchr(t, '=') && in_list(w->longargs, t + 2))
					i++;
				continue;
			}
			for (size_t k = 1; t[k]; k++) {
				/* command -v NAME looks NAME up, it doesn't run it. */
				if (str_eq(name, "command") && (t[k] == 'v' || t[k] == 'V'))
					return false;
				if (in_set(w->shortargs, t[k])) {
					if (!t[k + 1])
						i++;
					break;
				}
			}
			continue;
		}
		if (w->assigns && is_assignment(t, SIZE_MAX)) {
			*ARENA_PUSH(a, as, nas, ascap) = c->argv[i];
			continue;
		}
		if (operands) {
			operands--;
			continue;
		}
		break;
	}
	if (i >= c->argc)
		return false;
	*out = *c;
	out->argv = c->argv + i;
	out->argc = c->argc - i;
	set_base(&out->argv[0]);
	out->assigns = as;
	out->nassigns = nas;
	out->off = c->argv[i].off;
	return true;
}

/*
 * Looks into a command just emitted: set -o pipefail, sh -c scripts, su -c,
 * and wrapped commands (emitted too). Returns what a heredoc on it feeds.
 */
static enum hd_owner analyze(struct parser *p, struct sh_cmd cur, bool *hd_pf)
{
	enum hd_owner owner = HD_OTHER;
	struct sh_cmd next;

	for (;;) {
		const char *name = sh_cmd_name(&cur);
		/* A new shell; it keeps the caller's pipefail, as the rule expects. */
		bool pf = p->pf;

		owner = HD_OTHER;
		if (!cur.argc)
			break;
		if (str_eq(name, "set")) {
			check_set(p, &cur);
		} else if (is_shell(name)) {
			if (shell_args(p, &cur, &pf))
				owner = HD_SHELL;
			*hd_pf = pf;
		} else if (str_eq(name, "su") || str_eq(name, "runuser")) {
			su_args(p, &cur);
		}
		if (!unwrap(p->c->a, &cur, &next))
			break;
		push_cmd(p->c, &next);
		cur = next;
	}
	return owner;
}

/* Ends the command being read; sep is what ended it. */
static void end_cmd(struct parser *p, enum sh_sep sep)
{
	struct ctx *c = p->c;
	enum hd_owner owner;
	bool hd_pf = p->pf;

	p->skip = SKIP_NONE;
	p->dbracket = false;
	if (sep == SH_SEP_PIPE) {
		c->has_pipe = true;
		if (!p->pf)
			c->uncovered = true;
	}
	if (!p->argc && !p->nassigns) {
		/* `done | x`, `} &`: the operator applies to what was closed. */
		if (p->after_closer && p->last != SIZE_MAX) {
			if (sep == SH_SEP_BG)
				c->cmds[p->last].background = true;
			if (sep == SH_SEP_PIPE)
				c->cmds[p->last].piped = true;
		}
		if (sep == SH_SEP_PIPE)
			p->pipe_pending = true;
		owner = HD_SCRIPT;
	} else {
		struct sh_cmd cmd;

		memset(&cmd, 0, sizeof(cmd));
		cmd.argv = p->argv;
		cmd.argc = p->argc;
		if (cmd.argc)
			set_base(&cmd.argv[0]);
		cmd.assigns = p->assigns;
		cmd.nassigns = p->nassigns;
		cmd.sep = sep;
		cmd.background = sep == SH_SEP_BG;
		cmd.piped = p->pipe_pending || sep == SH_SEP_PIPE;
		cmd.depth = p->depth;
		cmd.off = p->off;
		cmd.nest = p->nest;
		cmd.function = p->func_level ? p->func_name : NULL;
		if (p->nest)
			cmd.nest_off = p->nest_off[(p->nest < NEST_MAX ? p->nest : NEST_MAX) - 1];
		p->pipe_pending = sep == SH_SEP_PIPE;
		p->last = push_cmd(c, &cmd);
		p->argv = p->assigns = NULL;
		p->argc = p->argcap = p->nassigns = p->ascap = 0;
		owner = analyze(p, cmd, &hd_pf);
	}
	p->after_closer = false;
	for (size_t i = 0; i < p->nhd; i++) {
		if (p->hd[i].owner == HD_PENDING) {
			p->hd[i].owner = owner;
			p->hd[i].pf = hd_pf;
		}
	}
}

/* A #! line naming something other than a shell: the body isn't sh. */
bool sh_foreign_shebang(const char *s, size_t len)
{
	char prog[32];
	size_t i = 2, n;

	if (len < 2 || s[0] != '#' || s[1] != '!')
		return false;
	for (int round = 0; round < 2; round++) {
		const char *slash;

		while (i < len && is_blank(s[i]))
			i++;
		n = 0;
		while (i < len && !is_blank(s[i]) && s[i] != '\n') {
			if (n + 1 < sizeof(prog))
				prog[n++] = s[i];
			i++;
		}
		prog[n] = '\0';
		slash = strrchr(prog, '/');
		if (str_eq(slash ? slash + 1 : prog, "env")) {
			/* #!/usr/bin/env [-S] bash */
			while (i < len && is_blank(s[i]))
				i++;
			if (i + 1 < len && s[i] == '-')
				while (i < len && !is_blank(s[i]) && s[i] != '\n')
					i++;
			continue;
		}
		/* #!/bin/busybox sh: the multicall binary's shell */
		return !is_shell(slash ? slash + 1 : prog) &&
		       !lex_has(&lex_multicall, slash ? slash + 1 : prog);
	}
	return false;
}

/* After a newline: the bodies of the heredocs begun on that line. */
static void read_heredocs(struct parser *p)
{
	const char *s = p->s;

	for (size_t i = 0; i < p->nhd; i++) {
		const struct heredoc *h = &p->hd[i];
		size_t start = p->pos, end = p->len, dl = strlen(h->delim);

		while (p->pos < p->len) {
			size_t ls = p->pos, le, line = p->pos;
			const char *nl = memchr(s + ls, '\n', p->len - ls);

			le = nl ? (size_t)(nl - s) : p->len;
			p->pos = nl ? le + 1 : p->len;
			if (le > ls && s[le - 1] == '\r')
				le--;
			if (h->strip_tabs)
				while (ls < le && s[ls] == '\t')
					ls++;
			if (le - ls == dl && !memcmp(s + ls, h->delim, dl)) {
				end = line;
				break;
			}
		}
		if (!h->to_stdin)
			continue;
		if (h->owner == HD_SHELL)
			parse_sub(p, s + start, end - start, off_at(p, start),
				  p->fixed, p->depth + 1, h->pf);
		else if (h->owner == HD_SCRIPT && !sh_foreign_shebang(s + start, end - start))
			parse_sub(p, s + start, end - start, off_at(p, start),
				  p->fixed, p->depth, p->pf);
	}
	p->nhd = 0;
}

/* At a redirection operator; fd is its explicit descriptor or -1. */
static void redirect(struct parser *p, int fd)
{
	static const char *const ops[] = {
		"<<<", "<<-", "<<", "<&", "<>", ">>", ">&", ">|", "&>>", "&>",
		"<", ">", NULL
	};
	const char *s = p->s;
	const char *op = ">";
	struct tok t;
	char c;

	for (size_t i = 0; ops[i]; i++) {
		size_t n = strlen(ops[i]);

		if (n <= p->len - p->pos && !memcmp(s + p->pos, ops[i], n)) {
			op = ops[i];
			break;
		}
	}
	p->pos += strlen(op);
	skip_blanks(p);
	if (p->pos >= p->len)
		return;
	c = s[p->pos];
	if (c == '\n' || (is_meta(p, c) &&
	    !((c == '<' || c == '>') && p->pos + 1 < p->len && s[p->pos + 1] == '(')))
		return;
	lex_word(p, &t);
	if (str_eq(op, "<<") || str_eq(op, "<<-")) {
		struct heredoc *h = ARENA_PUSH(p->c->a, p->hd, p->nhd, p->hdcap);

		h->delim = t.w.text;
		h->strip_tabs = op[2] == '-';
		h->to_stdin = fd <= 0;
		h->pf = false;
		h->owner = HD_PENDING;
	}
}

/* Digits right before < or > are the descriptor a redirection is for. */
static bool io_number(struct parser *p)
{
	size_t i = p->pos;
	int fd = 0;

	while (i < p->len && is_digit(p->s[i])) {
		if (fd < 10000)
			fd = fd * 10 + (p->s[i] - '0');
		i++;
	}
	if (i >= p->len || (p->s[i] != '<' && p->s[i] != '>'))
		return false;
	p->pos = i;
	redirect(p, fd);
	return true;
}

static void nest_open(struct parser *p, size_t off)
{
	if (p->nest < NEST_MAX)
		p->nest_off[p->nest] = off;
	if (p->nest < UINT_MAX)
		p->nest++;
}

static void nest_close(struct parser *p)
{
	if (p->nest)
		p->nest--;
}

/* Reserved words in command position; true if w was one. */
static bool keyword(struct parser *p, const char *w, size_t off)
{
	if (str_eq(w, "if") || str_eq(w, "while") || str_eq(w, "until") ||
	    str_eq(w, "for") || str_eq(w, "select") || str_eq(w, "case"))
		nest_open(p, off);
	else if (str_eq(w, "fi") || str_eq(w, "done") || str_eq(w, "esac"))
		nest_close(p);

	static const char *const openers[] = {
		"if", "then", "elif", "else", "do", "while", "until", "{", "!", NULL
	};
	static const char *const closers[] = { "fi", "done", "}", NULL };

	if (str_eq(w, "{")) {
		if (p->brace < UINT_MAX)
			p->brace++;
		if (p->func_pending && !p->func_level) {
			p->func_level = p->brace;
			p->func_name = p->func_next ? p->func_next : "";
		}
		p->func_pending = false;
	} else if (str_eq(w, "}")) {
		if (p->func_level && p->func_level == p->brace)
			p->func_level = 0;
		if (p->brace)
			p->brace--;
	}
	if (in_list(openers, w))
		return true;
	if (in_list(closers, w)) {
		p->after_closer = true;
		return true;
	}
	if (str_eq(w, "esac")) {
		if (p->case_depth)
			p->case_depth--;
		p->after_closer = true;
		return true;
	}
	if (str_eq(w, "for") || str_eq(w, "select")) {
		p->skip = SKIP_FOR;
	} else if (str_eq(w, "case")) {
		p->skip = SKIP_CASE;
	} else if (str_eq(w, "function")) {
		p->skip = SKIP_FUNC;
	} else {
		return false;
	}
	p->skipped = 0;
	return true;
}

static void add_word(struct parser *p, const struct tok *t)
{
	const struct sh_word *w = &t->w;
	bool plain = !w->quoted && !w->has_subst;

	switch (p->skip) {
	case SKIP_FOR:
		/* `for x do` has no separator before do */
		if (++p->skipped == 2 && plain && str_eq(w->text, "do"))
			p->skip = SKIP_NONE;
		return;
	case SKIP_CASE:
		if (++p->skipped >= 2 && plain && str_eq(w->text, "in")) {
			p->skip = SKIP_NONE;
			p->case_depth++;
			p->in_pattern = true;
		}
		return;
	case SKIP_FUNC:
		p->skip = SKIP_NONE;
		p->func_pending = true;	/* function name { ... } */
		p->func_next = w->text;
		return;
	case SKIP_NONE:
		break;
	}
	if (!p->argc) {
		if (!p->nassigns && plain && keyword(p, w->text, w->off))
			return;
		if (is_assignment(w->text, t->lit)) {
			if (!p->nassigns)
				p->off = w->off;
			*ARENA_PUSH(p->c->a, p->assigns, p->nassigns, p->ascap) = *w;
			return;
		}
		if (!p->nassigns)
			p->off = w->off;
	}
	*ARENA_PUSH(p->c->a, p->argv, p->argc, p->argcap) = *w;
	if (p->argc == 1 && plain && str_eq(w->text, "[["))
		p->dbracket = true;
	else if (p->dbracket && plain && str_eq(w->text, "]]"))
		p->dbracket = false;
}

static void word(struct parser *p)
{
	struct tok t;
	size_t before = p->pos;

	lex_word(p, &t);
	if (p->pos == before) {
		p->pos++;	/* can't happen; but never loop forever */
		return;
	}
	add_word(p, &t);
}

/* Inside case ... in: skip "pat|pat)" up to the ')' or the esac. */
static void pattern_token(struct parser *p)
{
	char c = p->s[p->pos];
	struct tok t;
	size_t before = p->pos;

	if (c == ')') {
		p->pos++;
		p->in_pattern = false;
		return;
	}
	if (is_meta(p, c)) {
		p->pos++;
		return;
	}
	lex_word(p, &t);
	if (p->pos == before)
		p->pos++;
	if (!t.w.quoted && !t.w.has_subst && str_eq(t.w.text, "esac")) {
		if (p->case_depth)
			p->case_depth--;
		nest_close(p);	/* the case that keyword() opened ends here too */
		p->in_pattern = false;
		p->after_closer = true;
	}
}

static void open_paren(struct parser *p)
{
	const char *s = p->s;
	bool cmdpos = !p->argc && !p->nassigns;
	size_t i = p->pos + 1;
	bool closed;

	if (cmdpos && i < p->len && s[i] == '(') {
		/* (( arithmetic )) runs nothing */
		p->pos = skip_nested(p->c, s, p->len, i, '(', &closed);
		return;
	}
	while (i < p->len && is_blank(s[i]))
		i++;
	if (i < p->len && s[i] == ')' && (cmdpos || (p->argc == 1 && !p->nassigns))) {
		/* name() { ...; } defines a function: name is not run here. */
		p->func_next = p->argc ? p->argv[0].text : NULL;
		p->argc = 0;
		p->pos = i + 1;
		p->func_pending = true;
		return;
	}
	p->pos++;	/* a subshell: its commands are read like any other */
}

static void parse_list(struct parser *p)
{
	const char *s = p->s;

	for (;;) {
		char c, d;

		skip_blanks(p);
		if (p->pos >= p->len)
			break;
		c = s[p->pos];
		d = p->pos + 1 < p->len ? s[p->pos + 1] : 0;
		if (c == '#') {
			const char *nl = memchr(s + p->pos, '\n', p->len - p->pos);

			p->pos = nl ? (size_t)(nl - s) : p->len;
			continue;
		}
		if (c == '\n') {
			p->pos++;
			if (p->skip == SKIP_CASE)
				continue;	/* case WORD <newline> in */
			end_cmd(p, SH_SEP_SEMI);
			read_heredocs(p);
			continue;
		}
		if (p->in_pattern) {
			pattern_token(p);
			continue;
		}
		if (p->dbracket && c != ';') {
			word(p);
			continue;
		}
		if ((c == '<' || c == '>') && d == '(') {
			word(p);
			continue;
		}
		if (is_digit(c) && io_number(p))
			continue;
		if (c == '<' || c == '>' || (c == '&' && d == '>')) {
			redirect(p, -1);
			continue;
		}
		switch (c) {
		case '&':
			p->pos += d == '&' ? 2 : 1;
			end_cmd(p, d == '&' ? SH_SEP_AND : SH_SEP_BG);
			continue;
		case '|':
			if (d == '|') {
				p->pos += 2;
				end_cmd(p, SH_SEP_OR);
			} else {
				p->pos += d == '&' ? 2 : 1;	/* |& pipes stderr too */
				end_cmd(p, SH_SEP_PIPE);
			}
			continue;
		case ';':
			if (d == ';' || d == '&') {
				/* ;; ;& ;;& end a case item */
				p->pos += 2;
				if (d == ';' && p->pos < p->len && s[p->pos] == '&')
					p->pos++;
				end_cmd(p, SH_SEP_SEMI);
				if (p->case_depth)
					p->in_pattern = true;
			} else {
				p->pos++;
				end_cmd(p, SH_SEP_SEMI);
			}
			continue;
		case '(':
			open_paren(p);
			continue;
		case ')':
			/* The command before it ends at the next operator. */
			p->pos++;
			p->after_closer = true;
			continue;
		}
		word(p);
	}
	end_cmd(p, SH_SEP_END);
}

void sh_parse(struct arena *a, const char *src, size_t len, struct sh_script *out)
{
	struct ctx c;
	struct parser p;

	memset(&c, 0, sizeof(c));
	c.a = a;
	strbuf_init(&c.nest);
	if (!src) {
		src = "";
		len = 0;
	}
	parser_init(&p, &c, src, len, 0, false, 0, 0, false);
	parse_list(&p);
	strbuf_release(&p.sb);
	strbuf_release(&c.nest);

	out->cmds = c.cmds;
	out->ncmds = c.ncmds;
	out->has_pipe = c.has_pipe;
	out->pipefail = c.pf_seen && !c.uncovered;
}


/* "-qy": a cluster of short options, not "-Dx=y" or "-O-". */
const char *sh_word_base_slow(const struct sh_word *w)
{
	const char *slash = strrchr(w->text, '/');

	return slash ? slash + 1 : w->text;
}

static bool is_cluster(const char *t)
{
	if (t[0] != '-' || !t[1] || t[1] == '-')
		return false;
	for (t++; *t; t++)
		if (!is_name_char(*t) || *t == '_')
			return false;
	return true;
}

bool sh_cmd_has_opt(const struct sh_cmd *c, const char *opt)
{
	size_t n = strlen(opt);
	bool lng = n > 2 && opt[0] == '-' && opt[1] == '-';
	bool shrt = n == 2 && opt[0] == '-' && opt[1] != '-';

	for (size_t i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text;

		if (str_eq(t, "--"))
			break;	/* operands from here on */
		if (str_eq(t, opt))
			return true;
		if (lng && !strncmp(t, opt, n) && t[n] == '=')
			return true;
		if (shrt && is_cluster(t) && strchr(t + 1, opt[1]))
			return true;
	}
	return false;
}

const char *sh_cmd_subcommand(const struct sh_cmd *c)
{
	for (size_t i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text;

		if (str_eq(t, "--"))
			return i + 1 < c->argc ? c->argv[i + 1].text : NULL;
		if (t[0] != '-' || !t[1])
			return t;
	}
	return NULL;
}

size_t sh_cmd_find_arg(const struct sh_cmd *c, const char *s)
{
	for (size_t i = 1; i < c->argc; i++)
		if (str_eq(c->argv[i].text, s))
			return i;
	return 0;
}

/* Commands that are neither a daemon nor a main process worth naming. */
bool cmd_trivial(const struct sh_cmd *cmd)
{
	static const char *const names[] = {
		"wait", "true", "false", ":", "echo", "printf", "exit", "set", "export",
		"cd", "trap", "unset", "umask", "ulimit", "[", "test", "[[", "kill", NULL
	};

	if (!cmd->argc)
		return true;
	for (size_t i = 0; names[i]; i++)
		if (str_eq(names[i], sh_cmd_name(cmd)))
			return true;
	return false;
}

/* Whether n is the command the wrapper w runs: the shell parser emits it
 * right after w, with argv pointing into w's argv. */
bool sh_wraps(const struct sh_cmd *w, const struct sh_cmd *n)
{
	for (size_t k = 1; k < w->argc; k++)
		if (n->argv == w->argv + k)
			return true;
	return false;
}

/* The last command of the group starting at i: wrapped commands (nohup x,
 * exec x, gosu u x) follow their wrapper. */
size_t sh_group_end(const struct sh_script *sh, size_t i)
{
	while (i + 1 < sh->ncmds && sh_wraps(&sh->cmds[i], &sh->cmds[i + 1]))
		i++;
	return i;
}

/* The innermost command of the last meaningful group after index from, or
 * NULL when nothing meaningful runs after it. */
const struct sh_cmd *sh_main_after(const struct sh_script *sh, size_t from)
{
	const struct sh_cmd *m = NULL;

	for (size_t i = from; i < sh->ncmds; i++) {
		size_t e = sh_group_end(sh, i);

		if (!cmd_trivial(&sh->cmds[e]))
			m = &sh->cmds[e];
		i = e;
	}
	return m;
}
