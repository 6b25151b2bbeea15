#include "checks/dockerfile/helpers.h"

#include "checks/check.h"
#include "input/compose/project.h"
#include "input/image/image.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/dockerfile/entry.h"
#include "input/shell/drop.h"
#include "util/path.h"
#include "util/smap.h"
#include "util/strbuf.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

/* Index of the package manager's subcommand at or after argv[from], or 0. */
static size_t pm_subcommand(const struct sh_cmd *c, size_t from)
{
	for (size_t i = from; i < c->argc; i++) {
		const char *t = c->argv[i].text;

		if (str_eq(t, "--"))
			return i + 1 < c->argc ? i + 1 : 0;
		if (t[0] != '-' || !t[1])
			return i;
		if (lex_pm_value_opt(t))
			i++;
	}
	return 0;
}

const struct lex_pkg_manager *cmd_pkg_manager(const struct sh_cmd *c, size_t *sub)
{
	const char *name = sh_cmd_name(c);
	const struct lex_pkg_manager *m;
	size_t from = 1;

	*sub = 0;
	if (!lex_pkg_manager_maybe(name))
		return NULL;
	/* python3 -m pip install */
	if (!strncmp(name, "python", 6) && c->argc > 3 && str_eq(c->argv[1].text, "-m") &&
	    (m = lex_pkg_manager(c->argv[2].text)))
		from = 3;
	else if (!(m = lex_pkg_manager(name)))
		return NULL;
	if (m->op_is_option)
		*sub = from < c->argc && c->argv[from].text[0] == '-' ? from : 0;
	else
		*sub = pm_subcommand(c, from);
	return m;
}

/* Whether the command has every word of a clean entry after its first. */
static bool has_words(const struct sh_cmd *c, size_t sub, const char *entry)
{
	const char *w = entry + strcspn(entry, " ");

	while (*w == ' ') {
		size_t n = strcspn(++w, " ");
		bool found = false;

		for (size_t i = sub + 1; i < c->argc && !found; i++)
			found = strlen(c->argv[i].text) == n && !strncmp(c->argv[i].text, w, n);
		if (!found)
			return false;
		w += n;
	}
	return true;
}

/* Whether a word after argv[sub] is an operand (not an option). */
static bool has_operand(const struct sh_cmd *c, size_t sub)
{
	for (size_t i = sub + 1; i < c->argc; i++)
		if (c->argv[i].text[0] != '-')
			return true;
	return false;
}

/* cmd_pm_op's answers for the commands of the Dockerfile being checked,
 * which several rules ask of every command: on only between
 * cmd_pm_memo(true) and cmd_pm_memo(false) around rules_check_dockerfile
 * (run/pipeline.c), while no command of the model can move or be freed;
 * per thread. */
#define PM_MEMO 128
static _Thread_local struct pm_memo {
	const struct sh_cmd *c;
	const struct lex_pkg_manager *m;
	enum pm_op op;
} pm_memo[PM_MEMO];
static _Thread_local bool pm_memo_on;
static _Thread_local unsigned memo_epoch, memo_count;

void cmd_pm_memo(bool on)
{
	memset(pm_memo, 0, sizeof(pm_memo));
	pm_memo_on = on;
	/* A new epoch each time, never 0 (off): other memos' entries expire. */
	memo_epoch = on ? ++memo_count ? memo_count : ++memo_count : 0;
}

unsigned cmd_memo_epoch(void)
{
	return memo_epoch;
}

static enum pm_op pm_op_of(const struct sh_cmd *c, const struct lex_pkg_manager **mp);

enum pm_op cmd_pm_op(const struct sh_cmd *c, const struct lex_pkg_manager **mp)
{
	struct pm_memo *e = &pm_memo[((uintptr_t)c / sizeof(*c)) % PM_MEMO];

	if (!pm_memo_on)
		return pm_op_of(c, mp);
	if (e->c != c) {
		e->op = pm_op_of(c, &e->m);
		e->c = c;
	}
	*mp = e->m;
	return e->op;
}

static enum pm_op pm_op_of(const struct sh_cmd *c, const struct lex_pkg_manager **mp)
{
	size_t k;
	const struct lex_pkg_manager *m = cmd_pkg_manager(c, &k);
	const char *sub;

	*mp = m;
	if (!m)
		return PM_NONE;
	if (!k) {
		/* `yarn --frozen-lockfile` installs; `yarn --version` does not */
		if (!m->bare_installs || sh_cmd_has_opt(c, "--version") || sh_cmd_has_opt(c, "-v") ||
		    sh_cmd_has_opt(c, "--help") || sh_cmd_has_opt(c, "-h"))
			return PM_NONE;
		return PM_INSTALL;
	}
	sub = c->argv[k].text;
	for (const char *const *e = m->clean; e && *e; e++)
		if (lex_pm_word_in((const char *const[]){ *e, NULL }, sub) && has_words(c, k, *e))
			return PM_CLEAN;
	if (lex_pm_word_in(m->refresh, sub))
		return m->op_is_option && has_operand(c, k) ? PM_INSTALL : PM_REFRESH;
	if (lex_pm_word_in(m->install, sub))
		return PM_INSTALL;
	if (lex_pm_word_in(m->fetch, sub))
		return PM_FETCH;
	return PM_NONE;
}

bool cmd_is_os_install(const struct sh_cmd *c)
{
	const struct lex_pkg_manager *m;

	return cmd_pm_op(c, &m) == PM_INSTALL && m->os;
}

void cmd_each_operand(const struct sh_cmd *c, size_t k,
		      void (*fn)(void *ctx, const struct sh_word *w), void *ctx)
{
	for (size_t i = k + 1; i < c->argc; i++) {
		const char *w = c->argv[i].text;

		if (w[0] == '-') {
			if (lex_pm_value_opt(w))
				i++;
			continue;
		}
		fn(ctx, &c->argv[i]);
	}
}

void cmd_os_install_each_package(const struct sh_cmd *c,
				 void (*fn)(void *ctx, const struct sh_word *pkg), void *ctx)
{
	size_t k;

	if (cmd_is_os_install(c) && cmd_pkg_manager(c, &k))
		cmd_each_operand(c, k, fn, ctx);
}

bool instr_has_os_install(const struct m_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++)
		if (cmd_is_os_install(&in->sh.cmds[i]))
			return true;
	return false;
}

bool instr_mount_covers(const struct m_instr *in, const char *dir)
{
	for (size_t i = 0; i < in->node->nflags; i++) {
		const char *f = in->node->flags[i].value, *p;
		bool keep = false, covers = false;

		if (strncmp(f, "--mount=", 8))
			continue;
		/* type=cache,target=/x,sharing=locked: the fields in any order */
		for (p = f + 8; *p; p += *p == ',') {
			size_t n = strcspn(p, ",");
			const char *eq = memchr(p, '=', n);

			if (eq && (size_t)(eq - p) == 4 && !strncmp(p, "type", 4))
				keep = (!strncmp(eq + 1, "cache", 5) && eq + 6 == p + n) ||
				       (!strncmp(eq + 1, "tmpfs", 5) && eq + 6 == p + n);
			else if (eq && ((eq - p == 6 && !strncmp(p, "target", 6)) ||
					(eq - p == 3 && !strncmp(p, "dst", 3)) ||
					(eq - p == 11 && !strncmp(p, "destination", 11)))) {
				char *t = strndup(eq + 1, (size_t)(p + n - eq - 1));

				covers = t && lex_pm_covers(t, dir);
				free(t);
			}
			p += n;
		}
		if (keep && covers)
			return true;
	}
	return false;
}

bool instr_has_mount(const struct m_instr *in, const char *type)
{
	size_t tl = strlen(type);

	for (size_t i = 0; i < in->node->nflags; i++) {
		const char *f = in->node->flags[i].value, *t;

		if (strncmp(f, "--mount=", 8))
			continue;
		for (t = strstr(f, "type="); t; t = strstr(t + 1, "type="))
			if (!strncmp(t + 5, type, tl) && (t[5 + tl] == ',' || !t[5 + tl]))
				return true;
	}
	return false;
}

/* ["sh", "-c", "script"]: the model parsed the script, not the words. */
static bool exec_shell_c(const struct m_instr *in)
{
	if (in->nwords < 3)
		return false;
	return lex_has_base(&lex_shells, in->words[0]) && in->words[1][0] == '-' &&
	       strchr(in->words[1], 'c');
}

static void add_quoted(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			strbuf_addstr(sb, "'\\''");
		else
			strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '\'');
}

void main_process(struct arena *a, const struct m_stage *s, struct main_process *mp)
{
	const struct m_instr *ep, *cmd;

	memset(mp, 0, sizeof(*mp));
	if (!s)
		return;
	m_stage_runs(s, &ep, &cmd);
	mp->ep = ep;
	mp->cmd = cmd;
	if (ep && cmd && exec_shell_c(ep)) {
		/* ["sh", "-c", "script", ...]: the CMD words are the script's
		 * $0, $1...; they run only through an exec "$@". */
		mp->sh = ep->sh;
		mp->split = SIZE_MAX;
		mp->cmd = NULL;
		for (size_t i = 0; i < ep->sh.ncmds; i++)
			for (size_t k = 0; k < ep->sh.cmds[i].argc; k++)
				if (str_eq(ep->sh.cmds[i].argv[k].text, "$@"))
					mp->cmd = cmd;
		mp->cmd_apart = mp->cmd != NULL;
	} else if (ep && cmd) {
		/* An exec-form ENTRYPOINT gets the CMD as arguments: tini --
		 * supervisord, sh -c 'nginx && node app', pm2-runtime app.yml. */
		struct strbuf sb = STRBUF_INIT;
		const char *script;

		strbuf_addstr(&sb, ep->script);
		mp->split = sb.len;
		if (cmd->exec_form) {
			for (size_t i = 0; i < cmd->nwords; i++) {
				strbuf_addch(&sb, ' ');
				add_quoted(&sb, cmd->words[i]);
			}
		} else {
			strbuf_addstr(&sb, " '/bin/sh' '-c' ");
			add_quoted(&sb, cmd->script);
		}
		script = arena_strndup(a, sb.buf, sb.len);
		strbuf_release(&sb);
		sh_parse(a, script, strlen(script), &mp->sh);
		/* An entrypoint script got the CMD as words: by convention it
		 * ends with exec "$@", so the CMD's own commands run too. */
		mp->cmd_apart = true;
		for (size_t i = 0; i < mp->sh.ncmds; i++)
			if (mp->sh.cmds[i].off >= mp->split)
				mp->cmd_apart = false;
	} else if (ep) {
		mp->sh = ep->sh;
		mp->split = SIZE_MAX;
	} else if (cmd) {
		mp->sh = cmd->sh;
	}
}

const struct m_instr *main_process_owner(const struct main_process *mp, const struct sh_cmd *c)
{
	if (!mp->ep)
		return mp->cmd;
	return mp->cmd && c->off >= mp->split ? mp->cmd : mp->ep;
}

const struct m_instr *instr_shell(const struct m_instr *in)
{
	return in->shell;	/* kept by the model: a scan back was quadratic */
}

bool instr_posix_shell(struct arena *a, const struct m_instr *in)
{
	const struct m_instr *sh = instr_shell(in);

	if (!sh) {
		/* "windows/servercore", "...:4.8-windowsservercore-ltsc2022" */
		char *ref = arena_strdup(a, m_stage_root_image(in->stage));

		for (char *c = ref; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		return !strstr(ref, "windows") && !strstr(ref, "nanoserver") &&
		       !strstr(ref, "servercore");
	}
	return sh->node->json && lex_has_base(&lex_shells, sh->node->args[0].value);
}

const char *cmd_service_start(const struct sh_cmd *cmd)
{
	const char *name = sh_cmd_name(cmd);

	if (cmd->argc >= 3 && (str_eq(name, "service") || str_eq(name, "rc-service")) &&
	    str_eq(cmd->argv[2].text, "start"))
		return cmd->argv[1].text;
	if (cmd->argc >= 2 && !strncmp(cmd->argv[0].text, "/etc/init.d/", 12) &&
	    str_eq(cmd->argv[1].text, "start"))
		return name;
	return NULL;
}

/* What a service's own entrypoint: and command: run, as shell commands;
 * false when it sets neither. */
static bool service_main_process(struct arena *a, const struct c_service *sv,
				 struct sh_script *out, const struct y_pos **at)
{
	const struct c_list *lists[2] = { &sv->entrypoint, &sv->command };
	struct strbuf sb = STRBUF_INIT;
	const char *script;

	*at = NULL;
	if (!sv->entrypoint.n && !sv->command.n)
		return false;
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < lists[l]->n; i++) {
			if (!*at)
				*at = &lists[l]->v[i].pos;
			if (sb.len)
				strbuf_addch(&sb, ' ');
			add_quoted(&sb, lists[l]->v[i].s ? lists[l]->v[i].s : "");
		}
	script = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	sh_parse(a, script, strlen(script), out);
	return true;
}

struct finding *report_source(struct rule_ctx *c, const struct cmd_source *src,
			      const struct sh_cmd *cmd, const char *msg)
{
	const struct m_instr *in;
	struct finding *f;

	if (src->sv)
		return rule_report_pos(c, src->at, "service %s: %s", src->sv->name, msg);
	if (src->image_cmd)
		return rule_report_pos(c, &(struct y_pos){ NULL, 0, 0 }, "%s: %s", src->image_cmd,
				       msg);
	if (src->sc) {
		in = src->sc->root ? src->sc->root->origin : NULL;
		f = rule_report_script(c, src->sc, cmd->off, "%s", msg);
	} else {
		in = src->cmd_only ? src->mp->cmd : main_process_owner(src->mp, cmd);
		f = rule_report(c, in, "%s", msg);
	}
	if (in && c->df) {
		f->runs = in->kind == K_ENTRYPOINT ? 'E' : in->kind == K_CMD ? 'C' : 0;
		f->dockerfile = arena_strdup(c->a, c->df->path);
	}
	return f;
}

void each_service_process(struct rule_ctx *c,
			  void (*fn)(struct rule_ctx *c, const struct cmd_source *src,
				     const struct sh_script *sh))
{
	for (size_t k = 0; k < c->project->nservices; k++) {
		const struct c_service *sv = &c->project->services[k];
		const struct y_pos *at;
		struct sh_script sh;

		if (service_main_process(c->a, sv, &sh, &at))
			fn(c, &(struct cmd_source){ .sv = sv, .at = at }, &sh);
	}
}

void each_image_process(struct rule_ctx *c,
			void (*fn)(struct rule_ctx *c, const struct cmd_source *src,
				   const struct sh_script *sh))
{
	const struct image *img = c->image;

	if (!img)
		return;
	fn(c, &(struct cmd_source){ .image_cmd = img->nentrypoint && img->ncmd ?
						  "the image's Entrypoint and Cmd" :
						  img->nentrypoint ? "the image's Entrypoint" :
						  "the image's Cmd" }, &img->main);
	if (img->cmd_apart.ncmds)
		fn(c, &(struct cmd_source){ .image_cmd = "the image's Cmd" }, &img->cmd_apart);
	for (size_t k = 0; c->entry && k < c->entry->n; k++)
		fn(c, &(struct cmd_source){ .sc = &c->entry->scripts[k] }, &c->entry->scripts[k].sh);
}

/* The working directory of what the stage or image runs. */
static const char *workdir_of(const struct rule_ctx *c)
{
	if (c->stage)
		return c->stage->workdir ? c->stage->workdir : "/";
	if (c->image && c->image->workdir && c->image->workdir[0] == '/')
		return c->image->workdir;
	return "/";
}

/* The value of key= on a config line (p at the key), trimmed, or NULL. */
static const char *ini_value(struct arena *a, const char *p, const char *key)
{
	size_t n = strlen(key), k;

	if (strncmp(p, key, n))
		return NULL;
	p += n;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '=')
		return NULL;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	k = strcspn(p, "\r\n");
	while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
		k--;
	return arena_printf(a, "%.*s", (int)k, p);
}

/* Adds the [program:NAME] sections of a supervisord config to *v. */
static void add_programs(struct arena *a, const char *text, struct sv_program **v, size_t *n,
			 size_t *cap)
{
	struct sv_program *cur = NULL;

	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *val;
		size_t k;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '[')
			cur = NULL;
		if (!strncmp(p, "[program:", 9)) {
			k = strcspn(p + 9, "]\n");
			if (p[9 + k] != ']' || !k)
				continue;
			cur = ARENA_PUSH(a, *v, *n, *cap);
			*cur = (struct sv_program){ .name = arena_printf(a, "%.*s", (int)k, p + 9) };
		} else if (cur && (val = ini_value(a, p, "command"))) {
			cur->command = val;
		} else if (cur && (val = ini_value(a, p, "user"))) {
			cur->user = val;
		}
	}
}

/* Whether the script a program's command cmd runs (command=/bootstrap.sh,
 * bash /start.sh) drops root for good on its way to the service: exec
 * gosu app. */
static bool script_drops(struct rule_ctx *c, const struct sh_cmd *cmd)
{
	struct sh_script body;
	struct sh_drop d = { 0 };
	const char *path = cmd->argv[0].text, *text;
	size_t len;

	if (lex_has(&lex_shells, sh_cmd_name(cmd)) && cmd->argc > 1)
		path = cmd->argv[1].text;
	if (!path || path[0] != '/' || !(text = entry_read(c->a, c->entry, path, &len)))
		return false;
	sh_parse(c->a, text, len, &body);
	if (sh_find_drop(&body, text, NULL, &d))
		return true;
	/* postfix start; sleep 126144000: a server whose root master serves as
	 * its own user, kept company by a sleep that keeps the program up */
	for (size_t i = 0; i < body.ncmds; i++) {
		const struct sh_cmd *k = &body.cmds[i], *m;

		if (k->background || k->function || !lex_match_ci(&lex_privdrop_daemons, sh_cmd_name(k)) ||
		    !sh_drop_user(k))
			continue;
		m = sh_main_after(&body, sh_group_end(&body, i) + 1);
		if (!m || str_eq(sh_cmd_name(m), "sleep") ||
		    (str_eq(sh_cmd_name(m), "tail") && sh_cmd_has_opt(m, "-f")))
			return true;
	}
	return false;
}

/* What each program is: a helper that only ships logs or probes health
 * (no service of its own beside the others), and whether it serves as
 * another user than root (user=, a drop in its command or the script it
 * runs, a server that drops by itself). */
static void judge_programs(struct rule_ctx *c, struct sv_program *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *cmd = v[i].command;
		struct sh_script sh = { 0 };

		if (cmd)
			sh_parse(c->a, cmd, strlen(cmd), &sh);
		v[i].helper = strstr(v[i].name, "healthcheck") ||
			      (cmd && strstr(cmd, "healthcheck")) ||
			      (sh.ncmds && lex_has(&lex_log_forwarders, sh_cmd_name(&sh.cmds[0])));
		v[i].unprivileged = (v[i].user && *v[i].user && !m_user_is_root(v[i].user)) ||
				    (sh.ncmds && sh.cmds[0].argc &&
				     (sh_drop_user(&sh.cmds[0]) || script_drops(c, &sh.cmds[0])));
	}
}

size_t supervisord_programs(struct rule_ctx *c, const struct sh_cmd *cmd, struct sv_program **out)
{
	static const char *const defaults[] = {
		"/etc/supervisord.conf", "/etc/supervisor/supervisord.conf", NULL
	};
	static const char *const include_dirs[] = {
		"/etc/supervisor/conf.d", "/etc/supervisord.d", "/etc/supervisor.d", NULL
	};
	const struct m_stage *chain[64];
	const char *text, *cwd = workdir_of(c);
	size_t len, n = 0, cap = 0, nchain;

	*out = NULL;
	if (!c->entry)
		return 0;
	for (size_t i = 1; i < cmd->argc; i++) {
		const char *t = cmd->argv[i].text;

		if ((str_eq(t, "-c") || str_eq(t, "--configuration")) && i + 1 < cmd->argc &&
		    (text = entry_read(c->a, c->entry, path_resolve(c->a, cwd, cmd->argv[i + 1].text),
				       &len)))
			add_programs(c->a, text, out, &n, &cap);
		else if (!strncmp(t, "--configuration=", 16) &&
			 (text = entry_read(c->a, c->entry, path_resolve(c->a, cwd, t + 16), &len)))
			add_programs(c->a, text, out, &n, &cap);
	}
	if (!n)
		for (size_t i = 0; defaults[i]; i++)
			if ((text = entry_read(c->a, c->entry, defaults[i], &len)))
				add_programs(c->a, text, out, &n, &cap);
	/* The files of the include folders: those an image has, or those
	 * COPY puts there. */
	for (size_t d = 0; !c->stage && include_dirs[d]; d++) {
		size_t nf;
		const char **files = entry_list(c->a, c->entry, include_dirs[d], &nf);

		for (size_t i = 0; i < nf; i++)
			if ((text = entry_read(c->a, c->entry, arena_printf(c->a, "%s/%s",
						include_dirs[d], files[i]), &len)))
				add_programs(c->a, text, out, &n, &cap);
	}
	nchain = c->stage ? stage_chain(c->stage, chain, 64) : 0;
	for (size_t k = 0; k < nchain; k++)
		for (size_t i = 1; i < chain[k]->ninstrs; i++) {
			const struct m_instr *in = &chain[k]->instrs[i];
			const char *dest;

			if ((in->kind != K_COPY && in->kind != K_ADD) || in->copy_from ||
			    in->nwords < 2)
				continue;
			dest = path_resolve(c->a, in->workdir, in->words[in->nwords - 1]);
			for (size_t d = 0; include_dirs[d]; d++) {
				if (!path_within(dest, include_dirs[d]))
					continue;
				for (size_t w = 0; w + 1 < in->nwords; w++) {
					const char *at = str_eq(dest, include_dirs[d]) ?
						arena_printf(c->a, "%s/%s", dest,
							     path_base(c->a, in->words[w])) : dest;

					if ((text = entry_read(c->a, c->entry, at, &len)))
						add_programs(c->a, text, out, &n, &cap);
				}
			}
		}
	judge_programs(c, *out, n);
	return n;
}

/* Whether a COPY or ADD of the stage's chain, before in, may have put a
 * file at the image path p (its destination is p or a folder above it). */
static bool copied_to(struct arena *a, const struct m_instr *in, const char *p)
{
	for (const struct m_stage *t = in->stage; t; t = t->base_stage)
		for (size_t i = 1; i < t->ninstrs && (t != in->stage || i < in->index); i++) {
			const struct m_instr *cp = &t->instrs[i];

			if ((cp->kind == K_COPY || cp->kind == K_ADD) && cp->nwords >= 2 &&
			    path_within(p, path_resolve(a, cp->workdir,
							cp->words[cp->nwords - 1])))
				return true;
		}
	return false;
}

bool instr_runs_script(struct arena *a, const struct m_instr *in)
{
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *k = &in->sh.cmds[i];
		const char *p = NULL;

		if (!k->argc)
			continue;
		if (strchr(k->argv[0].text, '/'))
			p = k->argv[0].text;
		else if (k->argc > 1 && k->argv[1].text[0] != '-' &&
			 (lex_has(&lex_shells, sh_cmd_name(k)) ||
			  lex_has(&lex_interpreters, sh_cmd_name(k))))
			p = k->argv[1].text;
		/* only a file a COPY or ADD put there is the build context's */
		if (p && !strchr(p, '$') && copied_to(a, in, path_resolve(a, in->workdir, p)))
			return true;
	}
	return false;
}

void each_run_script(struct rule_ctx *c, const struct m_stage *s,
		     void (*fn)(struct rule_ctx *c, const struct m_instr *in,
				const struct entry_script *sc, void *data),
		     void *data)
{
	struct smap seen = SMAP_INIT, read = SMAP_INIT;
	struct entry_fs fs;
	bool made = false, have = false;
	size_t from = s->ninstrs;	/* the first instruction after a COPY or ADD */

	/* no COPY or ADD before a RUN: no file of the context to run (most
	 * RUNs of most Dockerfiles stop here) */
	for (const struct m_stage *t = s->base_stage; t && from != 1; t = t->base_stage)
		for (size_t i = 1; i < t->ninstrs && from != 1; i++)
			if (t->instrs[i].kind == K_COPY || t->instrs[i].kind == K_ADD)
				from = 1;
	for (size_t i = 1; i < s->ninstrs && from == s->ninstrs; i++)
		if (s->instrs[i].kind == K_COPY || s->instrs[i].kind == K_ADD)
			from = i + 1;
	for (size_t i = from; i < s->ninstrs; i++) {
		const struct m_instr *in = &s->instrs[i];
		struct entry_set scripts;

		if (in->kind != K_RUN || !in->script || !instr_runs_script(c->a, in) ||
		    smap_find(&seen, in->script))
			continue;
		smap_put(&seen, in->script, i);	/* the same command line once */
		if (!made) {
			have = m_stage_fs(c->a, c->df, s, &fs);
			made = true;
		}
		if (!have)
			break;
		m_run_follow(c->a, c->df, &fs, in, &scripts);
		for (size_t k = 0; k < scripts.n; k++) {
			/* each script once: RUN /x.sh a, RUN /x.sh b */
			if (smap_find(&read, scripts.scripts[k].display))
				continue;
			smap_put(&read, scripts.scripts[k].display, k);
			fn(c, in, &scripts.scripts[k], data);
		}
	}
	smap_free(&seen);
	smap_free(&read);
}

const struct m_instr *chain_first(const struct m_stage *s,
				  bool (*pred)(const struct m_instr *in, const void *ctx),
				  const void *ctx)
{
	const struct m_stage *chain[64];
	size_t n = stage_chain(s, chain, 64);

	for (size_t k = 0; k < n; k++)
		for (size_t j = 1; j < chain[k]->ninstrs; j++)
			if (pred(&chain[k]->instrs[j], ctx))
				return &chain[k]->instrs[j];
	return NULL;
}

bool chain_before(const struct m_instr *a, const struct m_instr *in)
{
	/* Another stage of the chain is one in's is FROM: all of it came first. */
	return a->stage != in->stage || a->index < in->index;
}
