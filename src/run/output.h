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
/* Whether a rule's findings are wanted: --select, --ignore, config ignore. */
bool output_rule_wanted(const struct rule *rule, const char *select, const char *ignore,
			const struct config *cfg);
/* Drops unwanted rules' findings and applies the config's severity overrides. */
void output_filter(struct report *r, const char *select, const char *ignore,
		   const struct config *cfg);

struct run_opts;
struct arena;
/* Loads the config file at path (none when NULL) into cfg, its errors into
 * r; its fail-on applies unless --fail-on (or SEAWORTHY_FAIL_ON) said. */
void output_load_config(struct arena *a, const char *path, struct run_opts *o,
			struct config *cfg, struct report *r);
/* The settings for inputs in folder dir: --config, else the nearest
 * .seaworthy.yaml (none with --no-config); then, when hadolint is set,
 * --hadolint-config, else the nearest .hadolint.yaml (none with
 * --no-config), for what the seaworthy file leaves unsaid. */
void output_load_configs(struct arena *a, const char *dir, struct run_opts *o,
			 struct config *cfg, struct report *r, bool hadolint);
/* The end of every report, for every subcommand: --select/--ignore and
 * the config's rule settings, the baseline read, sorting, duplicates
 * dropped, --write-baseline, the baseline applied, each output (text to
 * stdout when none), and the exit status, which it returns. */
int output_finish(struct arena *a, struct report *r, const struct run_opts *o,
		  const struct config *cfg);

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
 * reaches fail_on (never while writing a baseline); else 0. */
int output_exit_status(const struct report *r, int fail_on, bool writing_baseline, bool trouble);

#endif
