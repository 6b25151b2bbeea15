#include "input/dockerfile/model.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/dockerfile/expand.h"
#include "spec/image_ref.h"
#include "spec/user.h"
#include "util/path.h"
#include "util/readfile.h"
#include "util/smap.h"
#include "util/strbuf.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

static const struct { const char *name; enum m_kind kind; } kinds[] = {
	{ "from", K_FROM }, { "run", K_RUN }, { "cmd", K_CMD },
	{ "entrypoint", K_ENTRYPOINT }, { "copy", K_COPY }, { "add", K_ADD },
	{ "env", K_ENV }, { "arg", K_ARG }, { "user", K_USER },
	{ "workdir", K_WORKDIR }, { "expose", K_EXPOSE }, { "volume", K_VOLUME },
	{ "healthcheck", K_HEALTHCHECK }, { "label", K_LABEL }, { "shell", K_SHELL },
	{ "onbuild", K_ONBUILD }, { "stopsignal", K_STOPSIGNAL },
	{ "maintainer", K_MAINTAINER },
};

enum m_kind m_kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (str_eq(kinds[i].name, name))
			return kinds[i].kind;
	return K_OTHER;
}

struct builder {
	struct arena *a;
	struct m_dockerfile *m;
	struct m_stage *stage;	/* current stage, NULL before the first FROM */
	struct m_instr *in;	/* instruction being expanded */
	size_t caprefs;
	char escape;
	/* Names to their last index: the current stage's scope, the global
	 * ARGs; lowercased stage names to their first index. Lookups a
	 * hostile Dockerfile repeats, hashed. */
	struct smap scope_idx, global_idx, stage_idx;
	/* Of the instruction in: the names its refs named (in shell code or
	 * not), and how its arguments use each $NAME (guard_of). */
	const struct df_node *node; /* in's */
	struct smap seen[2], guards;
	bool guards_done;
	struct strbuf key;	/* a name being looked up */
	size_t expanded, nvars;	/* budgets spent: M_MAX_EXPANDED, M_MAX_VARS */
	const char *over;	/* the budget gone past, or NULL */
};

static const char *key_of(struct builder *b, const char *name, size_t len)
{
	strbuf_reset(&b->key);
	strbuf_add(&b->key, name, len);
	return b->key.buf;
}

static const struct m_var *find_global(struct builder *b, const char *name, size_t len)
{
	size_t *i = smap_find(&b->global_idx, key_of(b, name, len));

	return i ? &b->m->global_args[*i] : NULL;
}

/* The variable of that name in the current stage's scope, or NULL. */
static const struct m_var *find_current(struct builder *b, const char *name, size_t len)
{
	size_t *i = smap_find(&b->scope_idx, key_of(b, name, len));

	return i ? &b->stage->scope[*i] : NULL;
}

/* Appends v to the current stage's scope, within M_MAX_VARS. */
static void scope_add(struct builder *b, const struct m_var *v)
{
	struct m_stage *s = b->stage;

	if (++b->nvars > M_MAX_VARS) {
		b->over = arena_printf(b->a, "too many ENV and ARG variables in scope, inherited "
				       "ones counted in each stage (limit %d)", M_MAX_VARS);
		return;
	}
	*ARENA_PUSH(b->a, s->scope, s->nscope, s->capscope) = *v;
	smap_put(&b->scope_idx, v->name, s->nscope - 1);
}

static const struct m_var *find_scope(const struct m_stage *s, size_t n, const char *name, size_t len)
{
	for (size_t i = n; i-- > 0;)
		if (s->scope[i].name[0] == name[0] && !strncmp(s->scope[i].name, name, len) &&
		    !s->scope[i].name[len])
			return &s->scope[i];
	return NULL;
}

const struct m_var *m_lookup(const struct m_instr *in, const char *name)
{
	return find_scope(in->stage, in->nscope, name, strlen(name));
}

static const char *lookup(void *ctx, const char *name, size_t len)
{
	struct builder *b = ctx;
	const struct m_var *v;

	if (!b->stage) {
		v = find_global(b, name, len);
	} else {
		v = find_current(b, name, len);
	}
	return v ? v->value : NULL;
}

/* The instruction being built is in: what was kept of the one before goes. */
static void set_in(struct builder *b, struct m_instr *in, const struct df_node *n)
{
	if (b->in == in)
		return;
	b->in = in;
	b->node = n;
	smap_clear(&b->seen[0]);
	smap_clear(&b->seen[1]);
	smap_clear(&b->guards);
	b->guards_done = false;
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* 1: every $name in s is ${name<op>...}; 0: none in s; -1: a bare one. */
static int guarded_in(const char *s, const char *name)
{
	size_t nl = strlen(name);
	int found = 0;

	for (const char *p = strchr(s, '$'); p; p = strchr(p + 1, '$')) {
		if (p[1] == '{' && !strncmp(p + 2, name, nl) && !is_name_char(p[2 + nl])) {
			if (!strchr(":-+?", p[2 + nl]) || !p[2 + nl])
				return -1;
			found = 1;
		} else if (!strncmp(p + 1, name, nl) && !is_name_char(p[1 + nl])) {
			return -1;
		}
	}
	return found;
}

/* guarded_in() over the arguments and flags of n. */
static bool guarded_by_scan(const struct df_node *n, const char *name)
{
	bool found = false;

	for (size_t i = 0; i < n->nargs + n->nflags; i++) {
		int g = guarded_in(i < n->nargs ? n->args[i].value : n->flags[i - n->nargs].value,
				   name);

		if (g < 0)
			return false;
		found |= g > 0;
	}
	return found;
}

/* Whether name is guarded in b->in (guarded_by_scan), from one scan of
 * the instruction for all its names: 1 for ${NAME<op>, 2 for a bare one. */
static bool guard_of(struct builder *b, const char *name, size_t h)
{
	const struct df_node *n = b->node;
	size_t *st;

	if (!*name)
		return guarded_by_scan(n, name);
	for (const char *c = name; *c; c++)
		if (!is_name_char(*c))
			return guarded_by_scan(n, name);
	for (size_t i = 0; !b->guards_done && i < n->nargs + n->nflags; i++) {
		const char *s = i < n->nargs ? n->args[i].value : n->flags[i - n->nargs].value;

		for (const char *p = strchr(s, '$'); p; p = strchr(p + 1, '$')) {
			const char *q = p + 1 + (p[1] == '{');
			size_t len = 0, g;

			while (is_name_char(q[len]))
				len++;
			if (!len)
				continue;
			g = p[1] == '{' && q[len] && strchr(":-+?", q[len]) ? 1 : 2;
			st = smap_find(&b->guards, key_of(b, q, len));
			if (!st)
				smap_put(&b->guards, arena_strndup(b->a, q, len), g);
			else if (*st < g)
				*st = g;
		}
	}
	b->guards_done = true;
	st = smap_find_h(&b->guards, name, h);
	return st && *st == 1;
}

static void add_ref(struct builder *b, const char *name, size_t len, bool shell)
{
	struct m_ref *r;
	size_t h;

	if (!b->in)
		return;
	r = ARENA_PUSH(b->a, b->m->refs, b->m->nrefs, b->caprefs);
	r->name = arena_strndup(b->a, name, len);
	h = smap_hash(r->name);	/* once, for the four tables */
	r->in = b->in;
	r->defined = b->stage && smap_find_h(&b->scope_idx, r->name, h);
	r->global_only = !r->defined && smap_find_h(&b->global_idx, r->name, h);
	r->shell = shell;
	r->first = smap_add_h(&b->seen[shell], r->name, h, 0);
	/* Read only for a name not in scope (the undefined-variable rules). */
	r->guarded = !r->defined && guard_of(b, r->name, h);
}

static void on_ref(void *ctx, const char *name, size_t len, bool set)
{
	struct builder *b = ctx;

	if (!set)
		add_ref(b, name, len, false);
}

static const char *expand(struct builder *b, const char *s, size_t len)
{
	struct expand_env env = { lookup, on_ref, b };
	char *out;
	const char *err;

	if (expand_word(b->a, s, len, b->escape, &env, &out, &err) < 0)
		out = arena_strndup(b->a, s, len);	/* keep it as written */
	/* Each expansion is bounded (expand.c); many are bounded here. */
	b->expanded += strlen(out);
	if (b->expanded > M_MAX_EXPANDED && !b->over)
		b->over = arena_printf(b->a, "expanded words too large together (limit %zu MiB)",
				       M_MAX_EXPANDED >> 20);
	return out;
}

/* Declares a variable of in, whose vars the caller sized. */
static void push_var(struct builder *b, struct m_instr *in, const char *name, const char *value,
		     bool has_value, bool is_arg, struct df_pos pos)
{
	struct m_var *v = &in->vars[in->nvars++];

	v->name = name;
	v->value = value;
	v->has_value = has_value;
	v->is_arg = is_arg;
	v->decl = in;
	v->pos = pos;
	scope_add(b, v);
}

/* $NAME and ${NAME...} in shell code, outside single quotes. */
static void scan_shell_refs(struct builder *b, const char *s)
{
	bool sq = false;

	for (const char *p = s; *p; p++) {
		/* Only these three bytes matter: skip to the next of them. */
		p += strcspn(p, "\\'$");
		if (!*p)
			break;
		if (*p == '\\' && !sq && p[1]) {
			p++;
			continue;
		}
		if (*p == '\'') {
			sq = !sq;
			continue;
		}
		if (sq || *p != '$')
			continue;
		const char *q = p + 1;
		if (*q == '{')
			q++;
		const char *n = q;
		while (isalnum((unsigned char)*q) || *q == '_')
			q++;
		if (q > n && !isdigit((unsigned char)*n))
			add_ref(b, n, (size_t)(q - n), true);
	}
}

static bool is_shell_name(const char *s)
{
	return lex_has_base(&lex_shells, s);
}

/* The shell code an instruction runs, from its args (after skip words). */
static void set_script(struct builder *b, struct m_instr *in, size_t skip)
{
	const struct df_node *n = in->node;
	struct strbuf sb = STRBUF_INIT;

	if (n->nargs <= skip)
		return;
	in->exec_form = n->json;
	if (!n->json) {
		strbuf_add(&sb, n->args[skip].value, n->args[skip].len);
		for (size_t h = 0; h < n->nheredocs; h++) {
			const struct df_heredoc *hd = &n->heredocs[h];

			strbuf_addch(&sb, '\n');
			if (hd->chomp) {
				for (const char *l = hd->content; *l;) {
					const char *e = strchr(l, '\n');
					size_t len = e ? (size_t)(e - l) + 1 : strlen(l);

					while (len && *l == '\t')
						l++, len--;
					strbuf_add(&sb, l, len);
					l += len;
				}
			} else {
				strbuf_addstr(&sb, hd->content);
			}
			strbuf_addstr(&sb, hd->name);
		}
	} else {
		size_t argc = n->nargs - skip;
		const struct df_arg *argv = n->args + skip;

		in->words = arena_alloc(b->a, argc * sizeof(*in->words));
		for (size_t i = 0; i < argc; i++)
			in->words[i] = argv[i].value;
		in->nwords = argc;
		/* ["sh", "-c", "script"] runs a script; other exec forms run argv. */
		if (argc >= 3 && is_shell_name(argv[0].value) && argv[1].value[0] == '-' &&
		    strchr(argv[1].value, 'c')) {
			strbuf_addstr(&sb, argv[2].value);
		} else {
			for (size_t i = 0; i < argc; i++) {
				if (i)
					strbuf_addch(&sb, ' ');
				/* Quote so sh_parse sees the same argv. */
				strbuf_addch(&sb, '\'');
				for (const char *c = argv[i].value; *c; c++) {
					if (*c == '\'')
						strbuf_addstr(&sb, "'\\''");
					else
						strbuf_addch(&sb, *c);
				}
				strbuf_addch(&sb, '\'');
			}
		}
	}
	in->script = arena_strndup(b->a, sb.buf, sb.len);
	strbuf_release(&sb);
	sh_parse(b->a, in->script, strlen(in->script), &in->sh);
	/* Exec-form argv without a shell was single-quoted above, so only
	 * shell code (including ["sh", "-c", "..."]) yields refs. */
	scan_shell_refs(b, in->script);
}

/* base joined with p, within M_MAX_PATH; NULL past it. */
static const char *join_path(struct builder *b, const char *base, const char *p)
{
	size_t bl, pl;
	char *r;

	if (!p || !*p)
		return base;
	if (p[0] == '/')
		return p;
	bl = strlen(base);
	pl = strlen(p);
	if (bl + 1 + pl > M_MAX_PATH)
		return NULL;
	b->expanded += bl + 1 + pl;
	if (b->expanded > M_MAX_EXPANDED && !b->over)
		b->over = arena_printf(b->a, "expanded words too large together (limit %zu MiB)",
				       M_MAX_EXPANDED >> 20);
	r = arena_alloc(b->a, bl + pl + 2);
	memcpy(r, base, bl);
	if (!bl || base[bl - 1] != '/')
		r[bl++] = '/';
	memcpy(r + bl, p, pl + 1);
	return r;
}

static void expand_words_of(struct builder *b, struct m_instr *in)
{
	const struct df_node *n = in->node;

	in->words = arena_alloc(b->a, (n->nargs ? n->nargs : 1) * sizeof(*in->words));
	for (size_t i = 0; i < n->nargs; i++)
		in->words[i] = expand(b, n->args[i].value, n->args[i].len);
	in->nwords = n->nargs;
}

static const char *flag_expanded(struct builder *b, const struct df_node *n, const char *name)
{
	const char *v = df_flag(n, name);

	return v ? expand(b, v, strlen(v)) : NULL;
}

/* The stage before upto that name names (case insensitive, the first of
 * that name), or by number. */
static struct m_stage *find_stage(struct builder *b, size_t upto, const char *name)
{
	struct m_dockerfile *m = b->m;
	char *end;
	unsigned long idx;
	size_t *i;

	strbuf_reset(&b->key);
	for (const char *c = name; *c; c++)
		strbuf_addch(&b->key, tolower((unsigned char)*c));
	if ((i = smap_find(&b->stage_idx, b->key.buf)) && *i < upto)
		return &m->stages[*i];
	errno = 0;
	idx = strtoul(name, &end, 10);
	if (*name && !*end && !errno && idx < upto)
		return &m->stages[idx];
	return NULL;
}

static int model_err(struct df_error *err, unsigned line, const char *msg)
{
	err->line = line;
	err->msg = msg;
	return -1;
}

int model_build(struct arena *a, const struct df_file *df, const char *dir,
		struct m_dockerfile *out, struct df_error *err)
{
	struct builder b = { .a = a, .m = out, .escape = df->escape, .scope_idx = SMAP_IN(a),
			     .global_idx = SMAP_IN(a), .stage_idx = SMAP_IN(a),
			     .seen = { SMAP_IN(a), SMAP_IN(a) }, .guards = SMAP_IN(a),
			     .key = STRBUF_INIT };
	size_t nstages = 0, capglobal = 0;
	int ret = -1;

	memset(out, 0, sizeof(*out));
	out->path = df->path;
	out->dir = dir;
	out->df = df;
	out->a = a;

	for (size_t i = 0; i < df->nnodes; i++) {
		if (i == M_MAX_INSTRS) {
			model_err(err, df->nodes[i].start.line, arena_printf(a, "too many "
				  "instructions in one Dockerfile (limit %d)", M_MAX_INSTRS));
			goto out;
		}
		if (str_eq(df->nodes[i].name, "from") && ++nstages > M_MAX_STAGES) {
			model_err(err, df->nodes[i].start.line, arena_printf(a, "too many "
				  "stages in one Dockerfile (limit %d)", M_MAX_STAGES));
			goto out;
		}
	}
	out->stages = arena_alloc(a, (nstages ? nstages : 1) * sizeof(*out->stages));

	for (size_t i = 0; i < df->nnodes; i++) {
		const struct df_node *n = &df->nodes[i];
		enum m_kind kind = m_kind_of(n->name);
		struct m_stage *s = b.stage;
		struct m_instr *in;

		if (b.over) {
			model_err(err, df->nodes[i - 1].start.line, b.over);
			goto out;
		}
		if (kind == K_OTHER) {
			model_err(err, n->start.line,
				  arena_printf(a, "unknown instruction: %s%s", n->name,
					       n->name[0] == '{' || n->name[0] == '%' ?
					       " (this looks like a template, not a Dockerfile)" : ""));
			goto out;
		}
		/* BuildKit's parseOnBuild: the triggers it refuses. */
		if (kind == K_ONBUILD && n->sub &&
		    (str_eq(n->sub->name, "onbuild") || str_eq(n->sub->name, "from") ||
		     str_eq(n->sub->name, "maintainer"))) {
			model_err(err, n->start.line,
				  str_eq(n->sub->name, "onbuild")
					  ? "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"
					  : arena_printf(a, "%s isn't allowed as an ONBUILD trigger",
							 str_eq(n->sub->name, "from") ? "FROM"
										       : "MAINTAINER"));
			goto out;
		}
		if (kind == K_FROM) {
			struct m_stage *ns = &out->stages[out->nstages];

			if (n->nargs != 1 && !(n->nargs == 3 && !strcasecmp(n->args[1].value, "as"))) {
				model_err(err, n->start.line, "FROM requires either one or three arguments");
				goto out;
			}
			ns->index = out->nstages++;
			if (n->nargs == 3) {
				char *nm = arena_strdup(a, n->args[2].value);

				for (char *c = nm; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				ns->name = nm;
			}
			/* Sized once so that pointers to instructions stay valid;
			 * allocated here so refs in the image name are recorded
			 * against the FROM (instrs[0]), filled in below. */
			{
				size_t cnt = 1;

				while (i + cnt < df->nnodes && strcmp(df->nodes[i + cnt].name, "from"))
					cnt++;
				ns->instrs = arena_alloc(a, cnt * sizeof(*ns->instrs));
			}
			b.stage = NULL;	/* FROM expands with the global ARGs */
			set_in(&b, &ns->instrs[0], n);
			ns->image = expand(&b, n->args[0].value, n->args[0].len);
			ns->base_stage = find_stage(&b, ns->index, ns->image);
			ns->workdir = "/";
			ns->root_image = ns->image;
			if (ns->name && !smap_find(&b.stage_idx, ns->name))
				smap_put(&b.stage_idx, ns->name, ns->index);
			b.stage = s = ns;
			smap_clear(&b.scope_idx);
			if (ns->base_stage) {
				struct m_stage *bs = ns->base_stage;

				bs->used_later = true;
				ns->user = bs->user;
				ns->user_instr = bs->user_instr;
				ns->workdir = bs->workdir;
				ns->shell = bs->shell;
				ns->root_image = bs->root_image;
				/* ENV and ARG alike: BuildKit starts the stage from
				 * its base's state, whose env holds the ARGs too
				 * (dockerfile2llb dispatchArg's AddEnv, init) */
				for (size_t k = 0; k < bs->nscope && !b.over; k++)
					scope_add(&b, &bs->scope[k]);
			}
		} else if (!s) {
			if (kind != K_ARG) {
				model_err(err, n->start.line, "no build stage in current context");
				goto out;
			}
			/* Global ARGs: meta args usable in FROM. */
			for (size_t k = 0; k < n->nargs; k++) {
				const char *w = n->args[k].value, *eq = strchr(w, '=');
				struct m_var *v = ARENA_PUSH(a, out->global_args, out->nglobal, capglobal);

				v->name = eq ? arena_strndup(a, w, (size_t)(eq - w)) : w;
				v->value = eq ? expand(&b, eq + 1, strlen(eq + 1)) : "";
				v->has_value = eq != NULL;
				v->is_arg = true;
				v->pos = n->args[k].pos;
				smap_put(&b.global_idx, v->name, out->nglobal - 1);
			}
			continue;
		}

		in = &s->instrs[s->ninstrs];
		in->index = s->ninstrs++;
		in->node = n;
		in->kind = kind;
		in->stage = s;
		in->user = s->user;
		in->user_instr = s->user_instr;
		in->workdir = s->workdir;
		in->shell = s->shell;
		in->nscope = s->nscope;
		set_in(&b, in, n);

		switch (kind) {
		case K_FROM:
			in->words = arena_alloc(a, sizeof(*in->words));
			in->words[0] = s->image;
			in->nwords = 1;
			break;
		case K_ARG:
			in->vars = arena_alloc(a, (n->nargs + 1) * sizeof(*in->vars));
			for (size_t k = 0; k < n->nargs; k++) {
				const char *w = n->args[k].value, *eq = strchr(w, '=');
				const char *name = eq ? arena_strndup(a, w, (size_t)(eq - w)) : w;
				const char *val = "";
				bool has = eq != NULL;

				if (eq) {
					val = expand(&b, eq + 1, strlen(eq + 1));
				} else {
					const struct m_var *g = find_global(&b, name, strlen(name));

					if (g) {
						val = g->value;
						has = g->has_value;
					}
				}
				push_var(&b, in, name, val, has, true, n->args[k].pos);
			}
			break;
		case K_ENV: {
			/* All values of one ENV see the environment from before it. */
			size_t npairs = n->nargs / 3 + 1, k;
			const char **vals = arena_alloc(a, npairs * sizeof(*vals));

			in->vars = arena_alloc(a, npairs * sizeof(*in->vars));
			for (k = 0; k + 1 < n->nargs; k += 3)
				vals[k / 3] = expand(&b, n->args[k + 1].value, n->args[k + 1].len);
			for (k = 0; k + 1 < n->nargs; k += 3)
				push_var(&b, in, n->args[k].value, vals[k / 3], true, false,
					 n->args[k].pos);
			break;
		}
		case K_USER:
			expand_words_of(&b, in);
			if (in->nwords) {
				s->user = in->words[0];
				s->user_instr = in;
			}
			break;
		case K_WORKDIR:
			expand_words_of(&b, in);
			if (in->nwords && !(s->workdir = join_path(&b, s->workdir, in->words[0]))) {
				model_err(err, n->start.line, arena_printf(a, "WORKDIR path too long "
					  "(limit %d bytes)", M_MAX_PATH));
				goto out;
			}
			break;
		case K_COPY:
		case K_ADD:
		case K_EXPOSE:
		case K_VOLUME:
		case K_LABEL:
		case K_STOPSIGNAL:
			expand_words_of(&b, in);
			if (kind == K_COPY || kind == K_ADD) {
				in->chown = flag_expanded(&b, n, "chown");
				in->chmod = flag_expanded(&b, n, "chmod");
				in->copy_from = flag_expanded(&b, n, "from");
				if (in->copy_from) {
					struct m_stage *fs = find_stage(&b, s->index, in->copy_from);

					if (fs)
						fs->used_later = true;
					in->from_stage = fs;
				}
			}
			break;
		case K_RUN:
		case K_CMD:
		case K_ENTRYPOINT:
			set_script(&b, in, 0);
			break;
		case K_HEALTHCHECK:
			if (n->nargs && !strcasecmp(n->args[0].value, "cmd"))
				set_script(&b, in, 1);
			break;
		case K_SHELL:
			if (n->nargs)
				s->shell = in;
			break;
		default:
			break;
		}
	}
	if (b.over) {
		model_err(err, df->nodes[df->nnodes - 1].start.line, b.over);
		goto out;
	}
	set_in(&b, NULL, NULL);
	if (out->nstages) {
		out->final = &out->stages[out->nstages - 1];
		out->final->is_final = true;
	}
	ret = 0;
out:
	smap_free(&b.scope_idx);
	smap_free(&b.global_idx);
	smap_free(&b.stage_idx);
	smap_free(&b.seen[0]);
	smap_free(&b.seen[1]);
	smap_free(&b.guards);
	strbuf_release(&b.key);
	return ret;
}

bool m_user_is_root(const char *user)
{
	/* Nothing set, or a group alone (":staff"): the user is root. */
	return !user || user[0] == ':' || !user[0] || user_is_root(user);
}

const struct m_stage *m_stage_named(const struct m_dockerfile *m, const char *target)
{
	if (!target || !*target)
		return m->final;
	for (size_t k = 0; k < m->nstages; k++)
		if (m->stages[k].name && !strcasecmp(m->stages[k].name, target))
			return &m->stages[k];
	return NULL;
}

const char *m_stage_root_image(const struct m_stage *s)
{
	return s->root_image;
}

bool m_stage_from_scratch(const struct m_stage *s)
{
	return !strcasecmp(m_stage_root_image(s), "scratch");
}

/* The path of rel in the build context, into path; false when rel is not
 * to be read (no context, or a ".." that could leave it). */
static bool context_path(const struct m_dockerfile *m, const char *rel, struct strbuf *path)
{
	if (!m->dir || !rel || strstr(rel, ".."))
		return false;
	while (rel[0] == '.' && rel[1] == '/')
		rel += 2;
	strbuf_addf(path, "%s/%s", m->dir, rel[0] == '/' ? rel + 1 : rel);
	return true;
}

int m_context_kind(const struct m_dockerfile *m, const char *rel)
{
	struct strbuf path = STRBUF_INIT;
	struct stat st;
	int kind = M_CONTEXT_NONE;

	if (context_path(m, rel, &path) && stat(path.buf, &st) == 0)
		kind = S_ISREG(st.st_mode) ? M_CONTEXT_FILE :
		       S_ISDIR(st.st_mode) ? M_CONTEXT_DIR : M_CONTEXT_OTHER;
	strbuf_release(&path);
	return kind;
}

const char *m_context_file(const struct m_dockerfile *m, const char *rel, size_t *len)
{
	struct strbuf path = STRBUF_INIT;
	const char *r = NULL, *why;
	size_t n;

	if (context_path(m, rel, &path))
		r = read_file(m->a, path.buf, &n, &why);
	if (r && len)
		*len = n;
	strbuf_release(&path);
	return r;
}

const char *m_context_head(const struct m_dockerfile *m, const char *rel, size_t max,
			   size_t *len)
{
	struct strbuf path = STRBUF_INIT;
	const char *r = NULL, *why;
	size_t n;

	if (context_path(m, rel, &path))
		r = read_file_head(m->a, path.buf, max, &n, &why);
	if (r && len)
		*len = n;
	strbuf_release(&path);
	return r;
}

bool m_ref_first(const struct m_dockerfile *m, size_t i)
{
	return m->refs[i].first;
}

const char *run_cwd(struct arena *a, const struct m_instr *in, size_t idx)
{
	const char *cwd = in->workdir ? in->workdir : "/";
	unsigned depth;

	if (idx >= in->sh.ncmds)
		return cwd;
	depth = in->sh.cmds[idx].depth;
	for (size_t i = 0; i < idx; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];

		if (c->depth != depth || strcmp(sh_cmd_name(c), "cd"))
			continue;
		/* `cd $DIR` leaves us unsure: keep the last known directory. */
		if (c->argc == 2 && !c->argv[1].has_subst && c->argv[1].text[0] != '-')
			cwd = path_resolve(a, cwd, c->argv[1].text);
	}
	return cwd;
}

size_t stage_chain(const struct m_stage *s, const struct m_stage **out, size_t max)
{
	size_t n = 0;

	/* Base stages always come earlier in the file, so this ends. */
	for (const struct m_stage *t = s; t && n < max; t = t->base_stage)
		n++;
	for (size_t i = n; i > 0; i--) {
		out[i - 1] = s;
		s = s->base_stage;
	}
	return n;
}

void m_stage_main_process(const struct m_stage *s, const struct m_instr **ep,
			const struct m_instr **cmd)
{
	bool cmd_done = false;

	*ep = *cmd = NULL;
	for (; s && !(*ep && cmd_done); s = s->base_stage) {
		const struct m_instr *e = NULL, *m = NULL;

		for (size_t i = 1; i < s->ninstrs; i++) {
			if (s->instrs[i].kind == K_ENTRYPOINT)
				e = &s->instrs[i];
			else if (s->instrs[i].kind == K_CMD)
				m = &s->instrs[i];
		}
		if (!cmd_done && m) {
			*cmd = m;
			cmd_done = true;
		}
		if (!*ep && e) {
			*ep = e;
			cmd_done = true;	/* a base stage's CMD is reset */
		}
	}
}

void m_stage_runs(const struct m_stage *s, const struct m_instr **ep, const struct m_instr **cmd)
{
	m_stage_main_process(s, ep, cmd);
	if (*ep && !(*ep)->script)
		*ep = NULL;	/* ENTRYPOINT []: the CMD runs on its own */
	if (*cmd && !(*cmd)->script)
		*cmd = NULL;
	if (*ep && !(*ep)->exec_form)
		*cmd = NULL;	/* /bin/sh -c 'entrypoint' ignores the CMD */
}
