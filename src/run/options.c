/* Every option of every subcommand, and the one parser. */
#include "run/options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/suggest.h"

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
		return usage_error(c, "--output '%s' has no --format of its own: each --output "
				   "FILE follows the --format it is for", v);
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

int run_check_ids(const struct subcommand *c, const char *what, const char *list)
{
	struct strbuf sb = STRBUF_INIT;
	char id[64];
	int rc = 0;

	if (!list || !*list)
		return usage_error(c, "%s takes rule ids, e.g. %s", what,
				   c->ids ? c->ids : "SW0201,SW0301");
	for (const char *p = list; *p && !rc;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (!l || l >= sizeof(id)) {
			rc = usage_error(c, "%s: '%s' is not a comma-separated list of rule ids, "
					 "e.g. %s", what, list, c->ids ? c->ids : "SW0201,SW0301");
			break;
		}
		memcpy(id, p, l);
		id[l] = '\0';
		if (!rule_find(id)) {
			rule_unknown(&sb, id);
			rc = usage_error(c, "%s: %s", what, sb.buf);
		}
		p = e ? e + 1 : p + l;
	}
	strbuf_release(&sb);
	return rc;
}

static int set_select(const struct subcommand *c, struct run_opts *o, struct arena *a,
		      const char *v)
{
	(void)a;
	o->select = v;
	return run_check_ids(c, "--select", v);
}

static int set_ignore(const struct subcommand *c, struct run_opts *o, struct arena *a,
		      const char *v)
{
	(void)a;
	o->ignore = v;
	return run_check_ids(c, "--ignore", v);
}

/* A usage error for a value that is not one of words (NULL-terminated),
 * with the closest of them. */
static int bad_word(const struct subcommand *c, const char *opt, const char *v, const char *what,
		    const char *const *words)
{
	struct strbuf sb = STRBUF_INIT;
	struct suggest sg;
	int rc;

	suggest_init(&sg, v);
	for (size_t i = 0; words[i]; i++) {
		strbuf_addf(&sb, "%s%s", i ? (words[i + 1] ? ", " : " or ") : "", words[i]);
		suggest_add(&sg, words[i]);
	}
	strbuf_addch(&sb, ')');
	suggest_append(&sg, &sb);
	rc = usage_error(c, "%s '%s' is not %s (%s", opt, v, what, sb.buf);
	strbuf_release(&sb);
	return rc;
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
		return bad_word(c, "--color", v, "a choice",
				(const char *const[]){ "auto", "always", "never", NULL });
	return 0;
}

bool run_color(int color, int fd)
{
	const char *nc = getenv("NO_COLOR");

	if (color >= 0)
		return color;
	return isatty(fd) && !(nc && *nc);
}

/* rules --format: the catalogue as text, JSON, Markdown, a manual page, or
 * the JSON Schema of the config file. */
static int set_list_format(const struct subcommand *c, struct run_opts *o, struct arena *a,
			   const char *v)
{
	static const char *const formats[] = { "text", "json", "markdown", "man", "schema", NULL };

	(void)a;
	if (!v)
		return usage_error(c, "--format takes text, json, markdown, man or schema");
	for (size_t i = 0; formats[i]; i++)
		if (!strcmp(v, formats[i])) {
			o->list_format = formats[i];
			return 0;
		}
	return bad_word(c, "--format", v, "a format", formats);
}

static int set_markdown(const struct subcommand *c, struct run_opts *o, struct arena *a,
			const char *v)
{
	return set_list_format(c, o, a, v ? v : "markdown");
}

static int set_man(const struct subcommand *c, struct run_opts *o, struct arena *a,
		   const char *v)
{
	return set_list_format(c, o, a, v ? v : "man");
}

static int set_jobs(const struct subcommand *c, struct run_opts *o, struct arena *a,
		    const char *v)
{
	char *end;

	(void)a;
	errno = 0;
	o->jobs = v ? strtol(v, &end, 10) : 0;
	if (!v)
		return usage_error(c, "--jobs takes a number of threads, 1 to %d", MAX_JOBS);
	if (errno || end == v || *end || o->jobs < 1 || o->jobs > MAX_JOBS)
		return usage_error(c, "--jobs '%s' is not a number of threads from 1 to %d", v,
				   MAX_JOBS);
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
FIELD(hadolint_config, hadolint_config)
#undef FIELD

static int set_scope(const struct subcommand *c, struct run_opts *o, struct arena *a,
		     const char *v)
{
	(void)a;
	if (v && !strcmp(v, "all"))
		o->scope_all = true;
	else if (v && !strcmp(v, "production"))
		o->scope_all = false;
	else if (!v)
		return usage_error(c, "--scope takes production (the default) or all");
	else
		return bad_word(c, "--scope", v, "a scope",
				(const char *const[]){ "production", "all", NULL });
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
FLAG(quiet, quiet)
FLAG(dump, dump)
FLAG(model, model)
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
const struct opt opt_quiet = { "--quiet", "-q", false, set_quiet, NULL, false };
const struct opt opt_hadolint_config = { "--hadolint-config", NULL, true, set_hadolint_config,
					 "--hadolint-config takes a file", true };
const struct opt opt_list_format = { "--format", NULL, true, set_list_format, NULL, false };
const struct opt opt_markdown = { "--markdown", NULL, false, set_markdown, NULL, false };
const struct opt opt_man = { "--man", NULL, false, set_man, NULL, false };
const struct opt opt_dump = { "--dump", NULL, false, set_dump, NULL, false };
const struct opt opt_model = { "--model", NULL, false, set_model, NULL, false };
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

/* A usage error for an option the list lacks, with the closest it has. */
static int unknown_option(const struct subcommand *c, const struct opt *const *list,
			  const char *arg, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	const char *eq = strchr(arg, '=');
	struct suggest sg;
	int rc;

	/* --formt=json: the name is what is wrong. */
	suggest_init(&sg, eq ? arena_strndup(a, arg, (size_t)(eq - arg)) : arg);
	suggest_add(&sg, "--help");
	for (size_t k = 0; list[k]; k++)
		suggest_add(&sg, list[k]->name);
	suggest_append(&sg, &sb);
	rc = usage_error(c, "unknown option '%s'%s", arg, sb.buf);
	strbuf_release(&sb);
	return rc;
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
			return unknown_option(c, list, arg, a);
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
