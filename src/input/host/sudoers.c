/* sudoers(5), the parts that decide who may become root. Lines are joined
 * at backslash-newline; a '#' starts a comment unless it is #include,
 * #includedir or a #uid. Lists match the sudo way: the last item that
 * matches wins, and a "!" item that matches denies. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/host/sudoers.h"
#include "util/die.h"

static void list_push(struct arena *a, struct sudo_list *l, const char *s)
{
	*ARENA_PUSH(a, l->v, l->n, l->cap) = s;
}

static void fail(struct sudoers *s, const char *file, unsigned line, const char *msg)
{
	if (s->error)
		s->error(s->ctx, file, line, msg);
}

/* A cursor over one logical line. */
struct cur {
	const char *p, *end;
};

static void skip_ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

static bool word_char(char ch)
{
	return ch && !strchr(" \t,:=()!\"", ch);
}

/* A word, with backslash escapes taken literally (e.g. "\,"). */
static const char *word(struct sudoers *s, struct cur *c)
{
	const char *start;
	char *w, *o;

	skip_ws(c);
	start = c->p;
	while (c->p < c->end && (word_char(*c->p) || (*c->p == '\\' && c->p + 1 < c->end))) {
		if (*c->p == '\\')
			c->p++;
		c->p++;
	}
	if (c->p == start)
		return NULL;
	w = o = arena_alloc(s->a, (size_t)(c->p - start) + 1);
	for (const char *q = start; q < c->p; q++) {
		if (*q == '\\' && q + 1 < c->p)
			q++;
		*o++ = *q;
	}
	return w;
}

static bool eat(struct cur *c, char ch)
{
	skip_ws(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

/* An item, maybe negated ("!" prefixes are folded: "!!x" is x). Quoted
 * items ("%domain users") keep their text. */
static const char *item(struct sudoers *s, struct cur *c)
{
	bool neg = false;
	const char *w;

	while (eat(c, '!'))
		neg = !neg;
	skip_ws(c);
	if (c->p < c->end && *c->p == '"') {
		const char *q = ++c->p;

		while (c->p < c->end && *c->p != '"')
			c->p++;
		w = arena_strndup(s->a, q, (size_t)(c->p - q));
		if (c->p < c->end)
			c->p++;
	} else if (!(w = word(s, c))) {
		return NULL;
	}
	return neg ? arena_printf(s->a, "!%s", w) : w;
}

static bool parse_list(struct sudoers *s, struct cur *c, struct sudo_list *l)
{
	do {
		const char *w = item(s, c);

		if (!w)
			return false;
		list_push(s->a, l, w);
	} while (eat(c, ','));
	return true;
}

static bool is_upper_word(const char *w)
{
	if (!w || !isupper((unsigned char)*w))
		return false;
	for (; *w; w++)
		if (!isupper((unsigned char)*w) && !isdigit((unsigned char)*w) && *w != '_')
			return false;
	return true;
}

static void parse_alias(struct sudoers *s, struct cur *c, int kind, const char *file,
			unsigned line)
{
	do {
		struct sudo_alias *al;
		const char *name = word(s, c);

		if (!is_upper_word(name) || !eat(c, '=')) {
			fail(s, file, line, "malformed alias definition");
			return;
		}
		al = ARENA_PUSH(s->a, s->aliases, s->naliases, s->capaliases);
		al->kind = kind;
		al->name = name;
		al->file = file;
		al->line = line;
		if (!parse_list(s, c, &al->items)) {
			fail(s, file, line, "malformed alias definition");
			return;
		}
	} while (eat(c, ':'));
}

static const char *const tags[] = {
	"NOPASSWD", "PASSWD", "NOEXEC", "EXEC", "SETENV", "NOSETENV", "LOG_INPUT",
	"NOLOG_INPUT", "LOG_OUTPUT", "NOLOG_OUTPUT", "MAIL", "NOMAIL", "FOLLOW",
	"NOFOLLOW", "INTERCEPT", "NOINTERCEPT",
};

/* "Host_List = [(runas)] [OPT=v] [TAG:] cmnd, ..." then maybe ": Host_List = ...". */
static void parse_spec(struct sudoers *s, struct cur *c, const char *file, unsigned line)
{
	struct sudo_spec *sp = ARENA_PUSH(s->a, s->specs, s->nspecs, s->capspecs);
	struct sudo_list runas = { 0 };
	bool has_runas = false, runas_given = false, nopasswd = false;

	sp->file = file;
	sp->line = line;
	if (!parse_list(s, c, &sp->users)) {
		fail(s, file, line, "malformed user specification");
		s->nspecs--;
		return;
	}
	do {
		struct sudo_list hosts = { 0 };

		if (!parse_list(s, c, &hosts) || !eat(c, '=')) {
			fail(s, file, line, "malformed user specification: expected Host = commands");
			return;
		}
		do {
			struct sudo_cmnd *cm;
			const char *w;

			if (eat(c, '(')) {
				runas = (struct sudo_list){ 0 };
				has_runas = true;
				runas_given = false;
				skip_ws(c);
				if (c->p < c->end && *c->p != ':' && *c->p != ')') {
					if (!parse_list(s, c, &runas))
						goto bad;
					runas_given = true;
				}
				if (eat(c, ':')) {
					struct sudo_list groups = { 0 };

					skip_ws(c);
					if (c->p < c->end && *c->p != ')' && !parse_list(s, c, &groups))
						goto bad;
				}
				if (!eat(c, ')'))
					goto bad;
			}
			/* Options (ROLE=x, CWD=/, NOTBEFORE=...) and tags (NOPASSWD:). */
			for (;;) {
				struct cur save = *c;
				bool tag = false;

				w = word(s, c);
				if (w && eat(c, '=') && is_upper_word(w)) {
					item(s, c);
					continue;
				}
				*c = save;
				w = word(s, c);
				for (size_t k = 0; w && k < sizeof(tags) / sizeof(tags[0]); k++)
					if (!strcmp(w, tags[k]))
						tag = true;
				if (tag && eat(c, ':')) {
					if (!strcmp(w, "NOPASSWD"))
						nopasswd = true;
					else if (!strcmp(w, "PASSWD"))
						nopasswd = false;
					continue;
				}
				*c = save;
				break;
			}
			/* A command runs to the next unescaped ',' or ':' or the end. */
			{
				bool neg = false;
				const char *start;
				size_t n;

				while (eat(c, '!'))
					neg = !neg;
				skip_ws(c);
				start = c->p;
				while (c->p < c->end && *c->p != ',' && *c->p != ':') {
					if (*c->p == '\\' && c->p + 1 < c->end)
						c->p++;
					c->p++;
				}
				n = (size_t)(c->p - start);
				while (n && (start[n - 1] == ' ' || start[n - 1] == '\t'))
					n--;
				if (!n)
					goto bad;
				w = arena_strndup(s->a, start, n);
				if (neg)
					w = arena_printf(s->a, "!%s", w);
			}
			cm = ARENA_PUSH(s->a, sp->cmnds, sp->ncmnds, sp->capcmnds);
			cm->runas_users = runas;
			cm->has_runas = has_runas;
			cm->runas_users_given = runas_given;
			cm->nopasswd = nopasswd;
			cm->cmnd = w;
		} while (eat(c, ','));
	} while (eat(c, ':'));
	skip_ws(c);
	if (c->p < c->end)
		goto bad;
	return;
bad:
	fail(s, file, line, "malformed user specification");
}

/* An include's path: quoted, or up to white space. */
static const char *include_path(struct sudoers *s, struct cur *c)
{
	const char *start;

	skip_ws(c);
	if (c->p < c->end && *c->p == '"') {
		start = ++c->p;
		while (c->p < c->end && *c->p != '"')
			c->p++;
		return c->p > start ? arena_strndup(s->a, start, (size_t)(c->p - start)) : NULL;
	}
	start = c->p;
	while (c->p < c->end && *c->p != ' ' && *c->p != '\t')
		c->p++;
	return c->p > start ? arena_strndup(s->a, start, (size_t)(c->p - start)) : NULL;
}

static bool starts(const struct cur *c, const char *kw)
{
	size_t n = strlen(kw);

	return (size_t)(c->end - c->p) > n && !memcmp(c->p, kw, n) &&
	       (c->p[n] == ' ' || c->p[n] == '\t');
}

static void parse_line(struct sudoers *s, const char *file, unsigned line, char *text,
		       size_t len)
{
	struct cur c = { text, text + len };
	static const struct { const char *kw; int kind; } alias_kw[] = {
		{ "User_Alias", 'U' }, { "Runas_Alias", 'R' }, { "Host_Alias", 'H' },
		{ "Cmnd_Alias", 'C' }, { "Cmd_Alias", 'C' },
	};

	skip_ws(&c);
	{
		bool dir = starts(&c, "@includedir") || starts(&c, "#includedir");

		if (dir || starts(&c, "@include") || starts(&c, "#include")) {
			const char *path;

			c.p += dir ? 11 : 8;
			path = include_path(s, &c);
			if (!path)
				fail(s, file, line, "include without a path");
			else if (s->include)
				s->include(s->ctx, file, line, path, dir);
			return;
		}
	}
	/* Comments: '#' not followed by a digit (a #uid) ends the line. */
	for (const char *p = c.p; p < c.end; p++) {
		if (*p == '\\' && p + 1 < c.end) {
			p++;
			continue;
		}
		if (*p == '#' && !(p + 1 < c.end && isdigit((unsigned char)p[1]))) {
			c.end = p;
			break;
		}
	}
	skip_ws(&c);
	if (c.p == c.end)
		return;
	if (!strncmp(c.p, "Defaults", 8) && (size_t)(c.end - c.p) >= 8 &&
	    (c.p + 8 == c.end || strchr(" \t:@>!", c.p[8])))
		return;
	for (size_t k = 0; k < sizeof(alias_kw) / sizeof(alias_kw[0]); k++)
		if (starts(&c, alias_kw[k].kw)) {
			c.p += strlen(alias_kw[k].kw);
			parse_alias(s, &c, alias_kw[k].kind, file, line);
			return;
		}
	parse_spec(s, &c, file, line);
}

void sudoers_parse_buf(struct sudoers *s, const char *file, const char *buf, size_t len)
{
	char *text = arena_alloc(s->a, len + 1);
	size_t i = 0;
	unsigned line = 1;

	while (i < len) {
		size_t n = 0;
		unsigned first = line;

		/* One logical line: backslash-newline joins; NUL bytes end nothing
		 * special, they are kept as ordinary bytes. */
		while (i < len && buf[i] != '\n') {
			if (buf[i] == '\\' && i + 1 < len && buf[i + 1] == '\n') {
				i += 2;
				line++;
				text[n++] = ' ';
				continue;
			}
			text[n++] = buf[i] ? buf[i] : ' ';
			i++;
		}
		text[n] = '\0';
		parse_line(s, file, first, text, n);
		text += n + 1;
		i++;
		line++;
	}
}

/* Evaluation. Each alias is resolved at most once per question (memo), so
 * aliases that name each other many times over cannot blow up; a cycle,
 * which sudo rejects, matches nothing. Aliases are found through a hash
 * table of (kind, name) to the last definition, as sudo keeps it. */

enum { MEMO_UNSEEN, MEMO_BUSY, MEMO_NO, MEMO_YES };

struct alias_index {
	size_t *slot;	/* alias index + 1, 0 for empty; size mask + 1 */
	size_t mask;
};

struct eval {
	const struct sudoers *s;
	const struct sudo_user *u;
	unsigned char *memo;	/* per alias index, MEMO_* */
	const struct alias_index *ix;
	unsigned depth;
	bool *too_deep;		/* shared: the error is reported once */
};

static size_t alias_hash(int kind, const char *name)
{
	size_t h = 1469598103934665603ULL ^ (size_t)kind;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 1099511628211ULL;
	return h;
}

static void index_build(struct alias_index *ix, const struct sudoers *s)
{
	size_t n = 16;

	while (n < 2 * s->naliases)
		n *= 2;
	ix->mask = n - 1;
	ix->slot = calloc(n, sizeof(*ix->slot));
	if (!ix->slot)
		die("out of memory");
	for (size_t i = 0; i < s->naliases; i++) {
		const struct sudo_alias *al = &s->aliases[i];
		size_t k = alias_hash(al->kind, al->name) & ix->mask;

		while (ix->slot[k]) {
			const struct sudo_alias *o = &s->aliases[ix->slot[k] - 1];

			if (o->kind == al->kind && !strcmp(o->name, al->name))
				break;
			k = (k + 1) & ix->mask;
		}
		ix->slot[k] = i + 1;	/* a later definition wins */
	}
}

static long alias_index(const struct eval *ev, int kind, const char *name)
{
	const struct alias_index *ix = ev->ix;

	for (size_t k = alias_hash(kind, name) & ix->mask; ix->slot[k]; k = (k + 1) & ix->mask) {
		const struct sudo_alias *al = &ev->s->aliases[ix->slot[k] - 1];

		if (al->kind == kind && !strcmp(al->name, name))
			return (long)(ix->slot[k] - 1);
	}
	return -1;
}

/* Whether alias i may be entered: not when that nests too deep. */
static bool enter(struct eval *ev, long i)
{
	if (ev->depth < SUDO_ALIAS_DEPTH_MAX) {
		ev->depth++;
		return true;
	}
	if (!*ev->too_deep && ev->s->error) {
		const struct sudo_alias *al = &ev->s->aliases[i];
		char msg[64];

		snprintf(msg, sizeof(msg), "aliases nested too deep (limit %d)",
			 SUDO_ALIAS_DEPTH_MAX);
		ev->s->error(ev->s->ctx, al->file, al->line, msg);
	}
	*ev->too_deep = true;
	return false;
}

static bool is_number(const char *p, unsigned long *v)
{
	char *e;

	if (!isdigit((unsigned char)*p))
		return false;
	*v = strtoul(p, &e, 10);
	return !*e;
}

/* 1 allow, -1 deny, 0 no match. */
static int match_list(struct eval *ev, const struct sudo_list *l, int kind);

static int match_user_item(struct eval *ev, const char *w, int kind)
{
	const struct sudo_user *u = ev->u;
	unsigned long v;

	if (!strcmp(w, "ALL"))
		return 1;
	if (w[0] == '#' && is_number(w + 1, &v))
		return v == (unsigned long)u->uid;
	if (w[0] == '%') {
		if (w[1] == '#' && is_number(w + 2, &v)) {
			for (size_t k = 0; k < u->ngroups; k++)
				if ((unsigned long)u->gids[k] == v)
					return 1;
			return 0;
		}
		for (size_t k = 0; k < u->ngroups; k++)
			if (!strcmp(u->groups[k], w + 1))
				return 1;
		return 0;
	}
	if (is_upper_word(w)) {
		long i = alias_index(ev, kind, w);

		if (i < 0)
			return 0;
		if (ev->memo[i] == MEMO_UNSEEN && enter(ev, i)) {
			ev->memo[i] = MEMO_BUSY;
			ev->memo[i] = match_list(ev, &ev->s->aliases[i].items, kind) > 0 ?
				MEMO_YES : MEMO_NO;
			ev->depth--;
		}
		return ev->memo[i] == MEMO_YES;
	}
	return !strcmp(w, u->name);
}

static int match_list(struct eval *ev, const struct sudo_list *l, int kind)
{
	/* The last matching item decides. */
	for (size_t i = l->n; i-- > 0;) {
		const char *w = l->v[i];
		bool neg = w[0] == '!';
		int m = match_user_item(ev, neg ? w + 1 : w, kind);

		if (m > 0)
			return neg ? -1 : 1;
	}
	return 0;
}

/* Whether a command (or Cmnd_Alias) allows everything: ALL not negated. */
static int cmnd_all(struct eval *ev, const char *w)
{
	bool neg = w[0] == '!';
	const char *n = neg ? w + 1 : w;
	int r = 0;

	if (!strcmp(n, "ALL")) {
		r = 1;
	} else if (is_upper_word(n)) {
		long i = alias_index(ev, 'C', n);

		if (i >= 0 && ev->memo[i] == MEMO_UNSEEN && enter(ev, i)) {
			const struct sudo_alias *al = &ev->s->aliases[i];

			ev->memo[i] = MEMO_BUSY;
			for (size_t k = 0; k < al->items.n; k++)
				if (cmnd_all(ev, al->items.v[k]) > 0)
					r = 1;
			ev->memo[i] = r ? MEMO_YES : MEMO_NO;
			ev->depth--;
		}
		r = i >= 0 && ev->memo[i] == MEMO_YES;
	}
	return neg ? -r : r;
}

const struct sudo_spec *sudoers_root_grant(const struct sudoers *s, const struct sudo_user *u,
					   bool *all, bool *nopasswd)
{
	static const char *const root_groups[] = { "root" };
	static const gid_t root_gids[] = { 0 };
	struct sudo_user root = { "root", 0, root_groups, root_gids, 1 };
	const struct sudo_spec *best = NULL;
	int best_score = -1;
	unsigned char *memo = calloc(s->naliases ? s->naliases : 1, 3);
	struct alias_index ix;
	bool too_deep = false;
	struct eval users = { s, u, memo, &ix, 0, &too_deep },
		runas = { s, &root, memo + s->naliases, &ix, 0, &too_deep },
		cmnds = { s, u, memo + 2 * s->naliases, &ix, 0, &too_deep };

	if (!memo)
		die("out of memory");
	index_build(&ix, s);
	*all = *nopasswd = false;
	for (size_t i = 0; i < s->nspecs; i++) {
		const struct sudo_spec *sp = &s->specs[i];
		bool sp_all = false, np_all = false, np_any = false, any = false;
		bool denied_all = false, sp_np;

		if (match_list(&users, &sp->users, 'U') <= 0)
			continue;
		for (size_t k = 0; k < sp->ncmnds; k++) {
			const struct sudo_cmnd *cm = &sp->cmnds[k];
			int a;

			/* No Runas list means root; "(:group)" means oneself. */
			if (cm->has_runas && (!cm->runas_users_given ||
					      match_list(&runas, &cm->runas_users, 'R') <= 0))
				continue;
			a = cmnd_all(&cmnds, cm->cmnd);
			if (a < 0) {
				denied_all = true;
				continue;
			}
			if (cm->cmnd[0] == '!')
				continue;
			any = true;
			if (a > 0)
				sp_all = true;
			if (a > 0 && cm->nopasswd)
				np_all = true;
			if (cm->nopasswd)
				np_any = true;
		}
		if (!any)
			continue;
		if (denied_all)
			sp_all = false;
		sp_np = sp_all ? np_all : np_any;
		{
			int score = (sp_all ? 2 : 0) + (sp_np && sp_all ? 1 : 0);

			if (score > best_score) {
				best_score = score;
				best = sp;
				*all = sp_all;
				*nopasswd = sp_np;
			}
		}
	}
	free(ix.slot);
	free(memo);
	return best;
}
