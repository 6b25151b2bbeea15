/* Output options shared by the subcommands that produce a report:
 * --format F [--output FILE] (repeatable), --fail-on, --select/--ignore. */
#ifndef SW_CMD_OUTPUT_H
#define SW_CMD_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "run/cmd.h"
#include "render/render.h"

#define MAX_OUTPUTS 8

/* One --format, to stdout or a file. */
struct output {
	const struct renderer *renderer;
	const char *path;	/* NULL for stdout */
};

/* Whether id is in a comma-separated list (case-insensitive). */
bool rule_in_list(const char *list, const char *id);

struct config;
struct config_set;
/* Whether a rule's findings are wanted: --select, --ignore, config ignore;
 * a rule that is off by default only when --select or the config's enable
 * names it. */
bool output_rule_wanted(const struct rule *rule, const char *select, const char *ignore,
			const struct config *cfg);
/* Drops unwanted rules' findings and applies the severity overrides, each
 * finding by the settings that judge it (a finding of no input by the
 * working directory's, from cs). */
void output_filter(struct report *r, const char *select, const char *ignore,
		   struct config_set *cs);

struct run_opts;
struct arena;
/* The settings of a run that checks no files (image, live, host): the
 * working directory's, found as check finds an input's (config/config.h);
 * --config or SEAWORTHY_CONFIG instead, none with --no-config. cs is set up
 * for output_finish; errors go to r. */
const struct config *output_config_here(struct config_set *cs, struct arena *a,
					const struct run_opts *o, struct report *r);
/* The end of every report, for every subcommand: --select/--ignore and
 * each finding's settings, the baseline read, sorting, duplicates
 * dropped, --write-baseline, the baseline applied, each output (text to
 * stdout when none), and the exit status, which it returns. */
int output_finish(struct arena *a, struct report *r, const struct run_opts *o,
		  struct config_set *cs);

/* --format V: appends an output; a usage error (returns 2) otherwise. */
int output_set_format(const struct subcommand *c, struct output *outs, size_t *n, const char *v);
/* --fail-on V: a severity or "never" (-1). */
int output_set_fail_on(const struct subcommand *c, int *fail_on, const char *v);
/* Renders the report to each output (text to stdout when n is 0); color < 0
 * is auto. Returns -1 when an output could not be written. */
int output_write(const struct output *outs, size_t n, int color, const struct report *r,
		 const struct render_opts *base);

/* The exit status of a run: 2 (EXIT_TROUBLE) when trouble is set, an input
 * failed or stdout could not be flushed; 1 when an unsuppressed finding
 * reaches its level: --fail-on, else the fail-on of the settings that judge
 * it (never while writing a baseline); else 0. */
int output_exit_status(const struct report *r, const struct run_opts *o, bool trouble);

#endif
