/* SW0303: a package index refresh (apt-get update, apk update, dnf
 * makecache, zypper refresh, pacman -Sy) runs alone in its RUN. */
#include "checks/check.h"

#include <string.h>

#include "checks/dockerfile/helpers.h"
#include "lexicon/lexicon.h"

#define MAX_MANAGERS 16

/* Whether a later RUN of the stage installs with m and reuses its index:
 * with --no-cache (apk) an install fetches a fresh one, and one with
 * --update refreshes it for every later install: the update before them
 * is only waste. */
static bool reused_after(const struct m_stage *st, size_t from, const struct lex_pkg_manager *m)
{
	for (size_t i = from; i < st->ninstrs; i++) {
		const struct m_instr *later = &st->instrs[i];

		for (size_t k = 0; later->kind == K_RUN && k < later->sh.ncmds; k++) {
			const struct sh_cmd *cmd = &later->sh.cmds[k];
			const struct lex_pkg_manager *lm;
			enum pm_op op = cmd_pm_op(cmd, &lm);
			bool fresh = false;

			if (lm != m || (op != PM_INSTALL && op != PM_FETCH))
				continue;
			for (const char *const *o = m->fresh_opts; o && *o; o++)
				if (sh_cmd_has_opt(cmd, *o))
					return false;	/* the index is new from here on */
			for (const char *const *o = m->no_cache_opts; o && *o; o++)
				fresh = fresh || sh_cmd_has_opt(cmd, *o);
			if (!fresh)
				return true;
		}
	}
	return false;
}

/* Whether a later RUN installs with m from the index in's update left: in
 * its stage, or in a stage built FROM it. With no install after it, there
 * is nothing for a stale index to mislead. */
static bool reused_later(const struct rule_ctx *c, const struct m_instr *in,
			 const struct lex_pkg_manager *m)
{
	if (reused_after(in->stage, (size_t)(in - in->stage->instrs) + 1, m))
		return true;
	for (size_t s = 0; s < c->df->nstages; s++)
		for (const struct m_stage *b = c->df->stages[s].base_stage; b; b = b->base_stage)
			if (b == in->stage && reused_after(&c->df->stages[s], 1, m))
				return true;
	return false;
}

/* Whether cmd is a tool that installs OS packages with apt itself
 * (lexicon: apt_installers): each word of an entry among its words, in
 * order. */
static bool apt_installer(const struct sh_cmd *cmd)
{
	for (const char *const *w = lex_apt_installers.words; *w; w++) {
		const char *p = *w;
		size_t i = 0;

		while (*p && i < cmd->argc) {
			size_t n = strcspn(p, " ");
			const char *t = cmd->argv[i++].text;

			if (strlen(t) == n && !strncmp(t, p, n)) {
				p += n;
				p += strspn(p, " ");
			}
		}
		if (!*p)
			return true;
	}
	return false;
}

static void check_run(struct rule_ctx *c, const struct m_instr *in)
{
	const struct sh_cmd *update[MAX_MANAGERS] = { NULL };
	bool used[MAX_MANAGERS] = { false };
	const struct lex_pkg_manager *apt = lex_pkg_manager("apt-get");
	size_t aid = apt ? (size_t)(apt - lex_pkg_managers) : MAX_MANAGERS;

	for (size_t k = 0; k < in->sh.ncmds; k++) {
		const struct sh_cmd *cmd = &in->sh.cmds[k];
		const struct lex_pkg_manager *m;
		enum pm_op op = cmd_pm_op(cmd, &m);
		size_t id = m ? (size_t)(m - lex_pkg_managers) : MAX_MANAGERS;

		if (id >= MAX_MANAGERS)
			continue;
		if (op == PM_REFRESH && !update[id])
			update[id] = cmd;
		else if (op == PM_INSTALL || op == PM_FETCH)
			used[id] = true;
	}
	/* A tool that installs with apt itself uses the refresh too: asked
	 * only when one is pending, as it reads every word. */
	for (size_t k = 0; aid < MAX_MANAGERS && update[aid] && !used[aid] && k < in->sh.ncmds; k++) {
		const struct lex_pkg_manager *m;

		if (cmd_pm_op(&in->sh.cmds[k], &m) == PM_NONE && !m && apt_installer(&in->sh.cmds[k]))
			used[aid] = true;
	}
	for (size_t id = 0; id < MAX_MANAGERS && lex_pkg_managers[id].family; id++) {
		const struct lex_pkg_manager *m = &lex_pkg_managers[id];
		const struct sh_cmd *u = update[id];
		struct finding *f;
		size_t sub;

		if (!u || used[id])
			continue;
		cmd_pkg_manager(u, &sub);
		/* Nothing installs after it: no stale index misleads anyone,
		 * the refresh only weighs on the layer. */
		if (!reused_later(c, in, m)) {
			if (m->no_cache_opts || m->fresh_opts)
				continue;	/* apk --no-cache and the like fetch anew */
			f = rule_report(c, in, "`%s %s` runs, but nothing installs after it: its %s "
					"only add to the layer", sh_cmd_name(u), u->argv[sub].text,
					m->index);
			f->severity = SEV_INFO;
			f->fix = "Drop the refresh, or run it in the RUN that installs";
			continue;
		}
		if (!m->refresh_expires) {
			rule_report(c, in, "`%s %s` runs without an install in the same RUN, so "
				    "later installs reuse its cached, stale %s", sh_cmd_name(u),
				    u->argv[sub].text, m->index);
			continue;
		}
		/* The install refreshes what expired itself: only waste. */
		f = rule_report(c, in, "`%s %s` runs without an install in the same RUN: its %s "
				"only adds to the layer, since later installs refresh it when it "
				"expires", sh_cmd_name(u), u->argv[sub].text, m->index);
		f->severity = SEV_INFO;
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t s = 0; s < c->df->nstages; s++) {
		const struct m_stage *st = &c->df->stages[s];

		for (size_t i = 1; i < st->ninstrs; i++)
			if (st->instrs[i].kind == K_RUN)
				check_run(c, &st->instrs[i]);
	}
}

const struct check check_apt_update_alone = {
	.rule = &SW0303,
	.dockerfile = check,
};
