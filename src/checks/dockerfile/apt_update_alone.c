/* SW0303: apt-get update runs alone in its RUN. */
#include "checks/check.h"

#include <string.h>
#include "util/str.h"

static bool is_apt(const char *name)
{
	return str_eq(name, "apt-get") || str_eq(name, "apt") || str_eq(name, "aptitude");
}

/*
 * The subcommand, skipping option values: sh_cmd_subcommand() would take
 * "Dpkg::Options::=--force-confold" in `apt-get -o Dpkg::... install`.
 */
static const char *apt_subcommand(const struct sh_cmd *c)
{
	static const char *const vals[] = {
		"-o", "-c", "-t", "--option", "--config-file", "--target-release",
		"--default-release", NULL
	};

	for (size_t i = 1; i < c->argc; i++) {
		const char *t = c->argv[i].text;
		bool val = false;

		if (str_eq(t, "--"))
			return i + 1 < c->argc ? c->argv[i + 1].text : NULL;
		if (t[0] != '-' || !t[1])
			return t;
		for (size_t k = 0; vals[k]; k++)
			val = val || str_eq(t, vals[k]);
		if (val)
			i++;
	}
	return NULL;
}

/* Subcommands that use the freshly downloaded package lists. */
static bool uses_lists(const char *sub)
{
	static const char *const subs[] = {
		"install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "source",
		"reinstall", "safe-upgrade", NULL
	};

	for (size_t i = 0; subs[i]; i++)
		if (str_eq(sub, subs[i]))
			return true;
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t s = 0; s < c->df->nstages; s++) {
		const struct m_stage *st = &c->df->stages[s];

		for (size_t i = 1; i < st->ninstrs; i++) {
			const struct m_instr *in = &st->instrs[i];
			const struct sh_cmd *update = NULL;
			bool used = false;

			if (in->kind != K_RUN)
				continue;
			for (size_t k = 0; k < in->sh.ncmds; k++) {
				const struct sh_cmd *cmd = &in->sh.cmds[k];
				const char *sub;

				if (!is_apt(sh_cmd_name(cmd)) || !(sub = apt_subcommand(cmd)))
					continue;
				if (str_eq(sub, "update") && !update)
					update = cmd;
				else if (uses_lists(sub))
					used = true;
			}
			if (!update || used)
				continue;
			rule_report(c, in, "`%s update` runs without an install in the same RUN, so "
				    "later installs reuse its cached, stale package lists",
				    sh_cmd_name(update));
		}
	}
}

const struct check check_apt_update_alone = {
	.rule = &SW0303,
	.dockerfile = check,
};
