/* SW0303: apt-get update runs alone in its RUN. */
#include "rules/rule.h"

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

const struct rule rule_apt_update_alone = {
	.id = "SW0303",
	.title = "apt-get update runs alone in its RUN",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "Docker caches a `RUN apt-get update` layer and reuses it for months, while a "
	       "later `RUN apt-get install` changes on its own: the install then works from "
	       "outdated package lists, misses security updates or fails with 404s on "
	       "packages the mirrors have dropped. Updating and installing in one RUN "
	       "refreshes the lists whenever the package list changes.",
	.bad = "FROM debian:bookworm-slim\nRUN apt-get update\n"
	       "RUN apt-get install -y --no-install-recommends curl\n",
	.good = "FROM debian:bookworm-slim\nRUN apt-get update \\\n"
		" && apt-get install -y --no-install-recommends curl \\\n"
		" && rm -rf /var/lib/apt/lists/*\n",
	.fix = "Run apt-get update in the same RUN as the apt-get install that needs it "
	       "(apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*)",
	.check_dockerfile = check,
};
