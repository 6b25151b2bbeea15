/* Every option of every subcommand, kept once as data (as tmux's
 * options-table.c): a subcommand lists the options it takes, and one
 * parser reads them all into one struct run_opts. */
#ifndef SW_RUN_OPTIONS_H
#define SW_RUN_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "run/cmd.h"
#include "run/output.h"

#define MAX_JOBS 64

struct run_opts {
	/* The report (check, host, image, live). */
	struct output outputs[MAX_OUTPUTS];
	size_t noutputs;
	int fail_on;		/* a severity, or -1 for never */
	bool fail_on_set;	/* by --fail-on: beats the config file */
	int color;		/* -1 auto, 0 never, 1 always */
	bool quiet;		/* -q: findings only, no checklist or summary */
	const char *select, *ignore;	/* comma-separated rule ids */
	const char *config, *baseline, *write_baseline;
	const char *hadolint_config;	/* --hadolint-config */
	bool no_config, show_suppressed, require_reasons;
	/* --scope all: production-only rules also report on test, dev, CI
	 * and example inputs. --list-inputs: the inputs alone. */
	bool scope_all, list_inputs;
	/* check: compose -f, --project-directory, --env-file, --profile. */
	struct strlist files, env_files, profiles;
	const char *project_dir;
	long jobs;		/* --jobs; 0 for one per available CPU */
	/* host */
	const char *user, *root;
	/* image, live: the engine; live: one compose project. */
	const char *host, *project;
	/* rules: --format (text, json, markdown, man, schema) */
	const char *list_format;
	/* parse --dump, config --model */
	bool dump, model;
};
#define RUN_OPTS_INIT { .fail_on = SEV_WARNING, .color = -1 }

/* One option: its names, whether it takes a value, and what it sets. */
struct opt {
	const char *name;	/* "--format" */
	const char *alias;	/* "-o", or NULL */
	bool value;		/* takes a value (--name V, --name=V, -aV) */
	/* Sets it; returns 0, or a usage error's status (after printing it). */
	int (*set)(const struct subcommand *c, struct run_opts *o, struct arena *a, const char *v);
	/* The usage error for a missing (or empty, when value_needed) value. */
	const char *missing;
	bool nonempty;		/* an empty value is missing too */
};

extern const struct opt opt_format, opt_output, opt_fail_on, opt_select, opt_ignore, opt_config,
	opt_no_config, opt_baseline, opt_write_baseline, opt_color, opt_no_color, opt_quiet,
	opt_show_suppressed, opt_require_reasons, opt_jobs, opt_file, opt_project_dir,
	opt_env_file, opt_profile, opt_user, opt_root, opt_host, opt_project, opt_scope,
	opt_list_inputs, opt_hadolint_config, opt_list_format, opt_markdown, opt_man, opt_dump,
	opt_model;

/* What every subcommand takes: --color WHEN and --no-color. */
#define OPTS_COLOR &opt_color, &opt_no_color
/* The options of every report. */
#define OPTS_REPORT &opt_format, &opt_output, &opt_fail_on, &opt_select, &opt_ignore, \
	&opt_config, &opt_baseline, &opt_write_baseline, &opt_quiet, OPTS_COLOR

/* Parses argv[1..] by list (NULL-terminated) into o, collecting operands
 * (arguments that are not options; "-" is one; everything after "--" is)
 * into operands, which has room for argc. Returns 0; 1 when -h/--help
 * printed the help; EXIT_TROUBLE after a usage error (printed). Strings
 * point into argv or a. */
int run_parse(const struct subcommand *c, const struct opt *const *list, int argc, char **argv,
	      struct run_opts *o, struct arena *a, const char **operands, size_t *noperands);

/* Checks a comma-separated list of rule ids given as what ("--select",
 * "SEAWORTHY_IGNORE"); a usage error naming the id that is wrong (with the
 * closest ids, or the rule a hadolint id maps to) returns 2, else 0. */
int run_check_ids(const struct subcommand *c, const char *what, const char *list);
/* Whether color is on for stream fd (1 or 2): --color, else a terminal
 * and no NO_COLOR. */
bool run_color(int color, int fd);

#endif
