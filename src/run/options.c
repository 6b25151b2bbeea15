/* Every option of every subcommand, and the one parser. */
#include "run/options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int set_format(const struct subcommand *c, struct run_opts *o, struct arena *a,
		      const char *v)
{
	(void)a;
	return output_set_format(c, o->outputs, &o->noutputs, v) ? EXIT_TROUBLE : 0;
}

static int set_output(const struct subcommand *c, struct run_opts *o, struct arena *a,
		      const char *v)
{
	(void)a;
	if (!o->noutputs || o->outputs[o->noutputs - 1].path)
		return usage_error(c, "--output FILE follows the --format it is for");
	o->outputs[o->noutputs - 1].path = v;
	return 0;
}

static int set_fail_on(const struct subcommand *c, struct run_opts *o, struct arena *a,
		       const char *v)
{
	(void)a;
	if (output_set_fail_on(c, &o->fail_on, v))
		return EXIT_TROUBLE;
	o->fail_on_set = true;
	return 0;
}

static int set_ids(const struct subcommand *c, const char **to, const char *v)
{
	if (!v || rule_list_bad(v))
		return usage_error(c, "--select and --ignore take rule ids, e.g. %s",
				   c->ids ? c->ids : "SW0201,SW0301");
	*to = v;
	return 0;
}

static int set_select(const struct subcommand *c, struct run_opts *o, struct arena *a,
		      const char *v)
{
	(void)a;
	return set_ids(c, &o->select, v);
}

static int set_ignore(const struct subcommand *c, struct run_opts *o, struct arena *a,
		      const char *v)
{
	(void)a;
	return set_ids(c, &o->ignore, v);
}

static int set_color(const struct subcommand *c, struct run_opts *o, struct arena *a,
		     const char *v)
{
	(void)a;
	if (!v)
		o->color = 0;	/* --no-color */
	else if (!strcmp(v, "always"))
		o->color = 1;
	else if (!strcmp(v, "never"))
		o->color = 0;
	else if (!strcmp(v, "auto"))
		o->color = -1;
	else
		return usage_error(c, "--color takes auto, always or never");
	return 0;
}

static int set_jobs(const struct subcommand *c, struct run_opts *o, struct arena *a,
		    const char *v)
{
	char *end;

	(void)a;
	errno = 0;
	o->jobs = v ? strtol(v, &end, 10) : 0;
	if (!v || errno || end == v || *end || o->jobs < 1 || o->jobs > MAX_JOBS)
		return usage_error(c, "--jobs takes a number of threads, 1 to %d", MAX_JOBS);
	return 0;
}

/* Options that only store their value or set a flag: where, by offset. */
#define FIELD(name, field) \
	static int set_##name(const struct subcommand *c, struct run_opts *o, struct arena *a, \
			      const char *v) \
	{ \
		(void)c; \
		(void)a; \
		o->field = v; \
		return 0; \
	}
FIELD(config, config)
FIELD(baseline, baseline)
FIELD(write_baseline, write_baseline)
FIELD(project_dir, project_dir)
FIELD(user, user)
FIELD(root, root)
FIELD(host, host)
FIELD(project, project)
#undef FIELD

static int set_scope(const struct subcommand *c, struct run_opts *o, struct arena *a,
		     const char *v)
{
	(void)a;
	if (v && !strcmp(v, "all"))
		o->scope_all = true;
	else if (v && !strcmp(v, "production"))
		o->scope_all = false;
	else
		return usage_error(c, "--scope takes production (the default) or all");
	return 0;
}

#define FLAG(name, field) \
	static int set_##name(const struct subcommand *c, struct run_opts *o, struct arena *a, \
			      const char *v) \
	{ \
		(void)c; \
		(void)a; \
		(void)v; \
		o->field = true; \
		return 0; \
	}
FLAG(no_config, no_config)
FLAG(show_suppressed, show_suppressed)
FLAG(require_reasons, require_reasons)
FLAG(list_inputs, list_inputs)
#undef FLAG

#define LIST(name, field) \
	static int set_##name(const struct subcommand *c, struct run_opts *o, struct arena *a, \
			      const char *v) \
	{ \
		(void)c; \
		strlist_push(a, &o->field, v); \
		return 0; \
	}
LIST(file, files)
LIST(env_file, env_files)
LIST(profile, profiles)
#undef LIST

const struct opt opt_format = { "--format", NULL, true, set_format, NULL, false };
const struct opt opt_output = { "--output", "-o", true, set_output,
				"--output FILE follows the --format it is for", false };
const struct opt opt_fail_on = { "--fail-on", NULL, true, set_fail_on, NULL, false };
const struct opt opt_select = { "--select", NULL, true, set_select, NULL, false };
const struct opt opt_ignore = { "--ignore", NULL, true, set_ignore, NULL, false };
const struct opt opt_config = { "--config", NULL, true, set_config, "--config takes a file",
				false };
const struct opt opt_no_config = { "--no-config", NULL, false, set_no_config, NULL, false };
const struct opt opt_baseline = { "--baseline", NULL, true, set_baseline,
				  "--baseline takes a file", false };
const struct opt opt_write_baseline = { "--write-baseline", NULL, true, set_write_baseline,
					"--write-baseline takes a file", false };
const struct opt opt_color = { "--color", NULL, true, set_color,
			       "--color takes auto, always or never", false };
const struct opt opt_no_color = { "--no-color", NULL, false, set_color, NULL, false };
const struct opt opt_show_suppressed = { "--show-suppressed", NULL, false, set_show_suppressed,
					 NULL, false };
const struct opt opt_require_reasons = { "--require-reasons", NULL, false, set_require_reasons,
					 NULL, false };
const struct opt opt_scope = { "--scope", NULL, true, set_scope, NULL, false };
const struct opt opt_list_inputs = { "--list-inputs", NULL, false, set_list_inputs, NULL, false };
const struct opt opt_jobs = { "--jobs", "-j", true, set_jobs, NULL, false };
const struct opt opt_file = { "--file", "-f", true, set_file, "-f takes a compose file", false };
const struct opt opt_project_dir = { "--project-directory", NULL, true, set_project_dir,
				     "--project-directory takes a folder", false };
const struct opt opt_env_file = { "--env-file", NULL, true, set_env_file,
				  "--env-file takes a file", false };
const struct opt opt_profile = { "--profile", NULL, true, set_profile, "--profile takes a name",
				 false };
const struct opt opt_user = { "--user", NULL, true, set_user, "--user takes a user name", true };
const struct opt opt_root = { "--root", NULL, true, set_root, "--root takes a folder", true };
const struct opt opt_host = { "--host", "-H", true, set_host,
			      "--host takes an engine address, e.g. unix:///var/run/docker.sock",
			      true };
const struct opt opt_project = { "--project", "-p", true, set_project,
				 "--project takes a compose project name", true };

/* Whether arg is name or, for a value, name=V (or a short alias with the
 * value attached, -j4); *val gets the attached value. */
static bool matches(const char *arg, const char *name, bool value, const char **val)
{
	size_t n;

	*val = NULL;
	if (!name)
		return false;
	n = strlen(name);
	if (strncmp(arg, name, n))
		return false;
	if (!arg[n])
		return true;
	if (!value)
		return false;
	if (arg[n] == '=') {
		*val = arg + n + 1;
		return true;
	}
	if (name[1] != '-') {	/* -jVALUE */
		*val = arg + n;
		return true;
	}
	return false;
}

/* The usage error for a value that is missing, as the option says it. */
static int missing(const struct subcommand *c, const struct opt *p, struct arena *a)
{
	struct run_opts scratch = RUN_OPTS_INIT;

	if (p->missing)
		return usage_error(c, "%s", p->missing);
	/* The setters say what they take when given nothing. */
	return p->set(c, &scratch, a, NULL);
}

int run_parse(const struct subcommand *c, const struct opt *const *list, int argc, char **argv,
	      struct run_opts *o, struct arena *a, const char **operands, size_t *noperands)
{
	bool end_opts = false;

	*noperands = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v = NULL;
		const struct opt *p = NULL;
		int rc;

		if (end_opts || arg[0] != '-' || !strcmp(arg, "-")) {
			operands[(*noperands)++] = arg;
			continue;
		}
		if (!strcmp(arg, "--")) {
			end_opts = true;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			print_help(c);
			return 1;
		}
		for (size_t k = 0; list[k] && !p; k++)
			if (matches(arg, list[k]->name, list[k]->value, &v) ||
			    matches(arg, list[k]->alias, list[k]->value, &v))
				p = list[k];
		if (!p)
			return usage_error(c, "unknown option '%s'", arg);
		if (p->value && !v) {
			if (i + 1 >= argc)
				return missing(c, p, a);
			v = argv[++i];
		}
		if (p->value && p->nonempty && !*v)
			return missing(c, p, a);
		if ((rc = p->set(c, o, a, v)))
			return rc;
	}
	return 0;
}
