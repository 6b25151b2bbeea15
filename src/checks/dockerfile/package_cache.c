/* SW0304: Package manager caches are left in the layer. */
#include "checks/check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"
#include "util/str.h"

#define MAX_MANAGERS 16

/* rm of one of the cache directories, or of a folder holding one. */
static bool rm_of(const struct sh_cmd *c, const char *const *dirs)
{
	if (!str_eq(sh_cmd_name(c), "rm"))
		return false;
	for (size_t i = 1; i < c->argc; i++)
		for (size_t k = 0; dirs[k]; k++)
			if (c->argv[i].text[0] != '-' && lex_pm_covers(c->argv[i].text, dirs[k]))
				return true;
	return false;
}

/* Whether the manager keeps no cache for this command: --no-cache, or
 * PIP_NO_CACHE_DIR set (any value pip accepts turns the cache off, "off"
 * and "0" included) before the command or in the stage's ENV/ARG. */
static bool keeps_none(const struct m_instr *in, const struct sh_cmd *cmd,
		       const struct lex_pkg_manager *m)
{
	const struct m_var *v;
	size_t n;

	for (const char *const *o = m->no_cache_opts; o && *o; o++)
		if (sh_cmd_has_opt(cmd, *o))
			return true;
	if (!m->no_cache_env)
		return false;
	n = strlen(m->no_cache_env);
	for (size_t i = 0; i < cmd->nassigns; i++) {
		const char *t = cmd->assigns[i].text;

		if (!strncmp(t, m->no_cache_env, n) && t[n] == '=' && t[n + 1])
			return true;
	}
	v = m_lookup(in, m->no_cache_env);
	return v && v->has_value && v->value && *v->value;
}

/* Whether a cache or tmpfs mount of the RUN holds the manager's cache. */
static bool mounted(const struct m_instr *in, const struct lex_pkg_manager *m)
{
	for (const char *const *d = m->cache_dirs; *d; d++)
		if (instr_mount_covers(in, *d))
			return true;
	return false;
}

/* At the RUN, or at the line of the script it runs (sc). */
__attribute__((format(printf, 5, 6)))
static struct finding *at(struct rule_ctx *c, const struct m_instr *in,
			  const struct entry_script *sc, const struct sh_cmd *cmd, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return sc ? rule_report_script(c, sc, cmd->off, "%s", msg) : rule_report(c, in, "%s", msg);
}

static void report(struct rule_ctx *c, const struct m_instr *in, const struct entry_script *sc,
		   const struct sh_cmd *cmd, const struct lex_pkg_manager *m)
{
	size_t k;
	const char *prog, *sub, *how = m->cleanup;
	struct finding *f;

	cmd_pkg_manager(cmd, &k);
	prog = k >= 3 && str_eq(cmd->argv[1].text, "-m") ? cmd->argv[2].text : sh_cmd_name(cmd);
	sub = k ? arena_printf(c->a, " %s", cmd->argv[k].text) : "";
	if (how[0] == '-' && !m->op_is_option) {
		f = at(c, in, sc, cmd, "`%s%s` without %s leaves %s in the layer", prog, sub, how,
		       m->leaves);
		f->fix = m->no_cache_env ?
			 arena_printf(c->a, "Use %s%s %s, or set ENV %s=1", prog, sub, how,
				      m->no_cache_env) :
			 arena_printf(c->a, "Use %s%s %s", prog, sub, how);
	} else if (!strncmp(how, "rm ", 3)) {
		f = at(c, in, sc, cmd, "`%s%s` leaves %s in the layer (no %s after it in the same "
		       "%s)", prog, sub, m->leaves, how, sc ? "script" : "RUN");
		f->fix = sc ? arena_printf(c->a, "End the script with %s", how) :
			      arena_printf(c->a, "End the same RUN with && %s", how);
	} else {
		f = at(c, in, sc, cmd, "`%s%s` leaves %s in the layer (no `%s %s` after it in the "
		       "same %s)", prog, sub, m->leaves, prog, how, sc ? "script" : "RUN");
		f->fix = sc ? arena_printf(c->a, "End the script with %s %s", prog, how) :
			      arena_printf(c->a, "End the same RUN with && %s %s", prog, how);
	}
}

/*
 * The cache a command fills is left when no clean of that manager (its
 * clean subcommand, or rm of its cache folder) comes after it: a clean
 * before the install, or between two installs, leaves the last one's.
 */
static void check_sh(struct rule_ctx *c, const struct m_instr *in, const struct sh_script *sh,
		     const struct entry_script *sc)
{
	const struct sh_cmd *pending[MAX_MANAGERS] = { NULL };
	/* apk update && apk add --no-cache: the update writes the index that
	 * --no-cache only keeps the add from writing (a manager whose cleanup
	 * is an option); reported when an install follows (alone, it is
	 * SW0303's). */
	const struct sh_cmd *refreshed[MAX_MANAGERS] = { NULL };
	bool installs[MAX_MANAGERS] = { false };
	struct finding *f;

	for (size_t i = 0; i < sh->ncmds; i++) {
		const struct sh_cmd *cmd = &sh->cmds[i];
		const struct lex_pkg_manager *m;
		enum pm_op op = cmd_pm_op(cmd, &m);
		size_t id;

		if (!m) {
			for (id = 0; id < MAX_MANAGERS && lex_pkg_managers[id].family; id++)
				if ((pending[id] || refreshed[id]) &&
				    rm_of(cmd, lex_pkg_managers[id].cache_dirs))
					pending[id] = refreshed[id] = NULL;
			continue;
		}
		id = (size_t)(m - lex_pkg_managers);
		if (id >= MAX_MANAGERS)
			continue;
		if (op == PM_CLEAN) {
			pending[id] = refreshed[id] = NULL;
		} else if (op == PM_REFRESH && m->cleanup[0] == '-' && !refreshed[id]) {
			refreshed[id] = cmd;
		} else if (op == PM_INSTALL || op == PM_FETCH) {
			installs[id] = true;
			if (!pending[id] && !keeps_none(in, cmd, m))
				pending[id] = cmd;
		}
	}
	for (size_t id = 0; id < MAX_MANAGERS && lex_pkg_managers[id].family; id++) {
		const struct lex_pkg_manager *m = &lex_pkg_managers[id];

		if ((!pending[id] && !(refreshed[id] && installs[id])) || mounted(in, m))
			continue;
		if (pending[id]) {
			report(c, in, sc, pending[id], m);
		} else {
			const struct sh_cmd *u = refreshed[id];
			const char *what = arena_printf(c->a, "%s %s", sh_cmd_name(u),
							u->argv[u->argc > 1 ? 1 : 0].text);

			f = at(c, in, sc, u, "`%s` leaves %s in the layer: %s on the install does "
			       "not remove it", what, m->leaves, m->cleanup);
			f->fix = arena_printf(c->a, "Drop `%s`: an install with %s fetches a fresh "
					      "index and keeps none", what, m->cleanup);
		}
	}
}

static void check_script(struct rule_ctx *c, const struct m_instr *in,
			 const struct entry_script *sc, void *data)
{
	(void)data;
	check_sh(c, in, &sc->sh, sc);
}

static void check(struct rule_ctx *c)
{
	/*
	 * Only the final stage and the stages it is built FROM end up in the
	 * image; a builder stage's filesystem is thrown away, caches included.
	 */
	for (const struct m_stage *s = c->stage; s; s = s->base_stage) {
		for (size_t i = 1; i < s->ninstrs; i++)
			if (s->instrs[i].kind == K_RUN)
				check_sh(c, &s->instrs[i], &s->instrs[i].sh, NULL);
		each_run_script(c, s, check_script, NULL);	/* RUN /scripts/prepare */
	}
}

const struct check check_package_cache = {
	.rule = &SW0304,
	.stage = check,
};
