/* seaworthy check: discover → parse → model → rules → findings → render. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "discover/discover.h"
#include "dockerfile/ast.h"
#include "model/model.h"
#include "render/render.h"
#include "rules/rule.h"
#include "util/readfile.h"

#define MAX_DOCKERFILE (4u << 20)

extern const struct subcommand cmd_check;

#define MAX_OUTPUTS 8

/* --format F [--output FILE], repeatable: each format to stdout or a file. */
struct output {
	const struct renderer *renderer;
	const char *path;	/* NULL for stdout */
};

struct check_opts {
	struct output outputs[MAX_OUTPUTS];
	size_t noutputs;
	const char *select, *ignore;	/* comma-separated rule ids */
	int fail_on;		/* severity that fails, or -1 for never */
	int color;		/* -1 auto */
};

/* A file BuildKit would refuse outright, or one that is not text. */
static const char *not_text(const char *buf, size_t len, unsigned *line)
{
	unsigned l = 1;

	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			l++;
		else if (buf[i] == '\0') {
			*line = l;
			return "binary file (NUL byte), not a Dockerfile";
		}
	}
	return NULL;
}

static bool in_list(const char *list, const char *id)
{
	size_t n = strlen(id);

	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l == n && !strncasecmp(p, id, n))
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

static bool bad_rule_list(const char *list)
{
	char id[32];

	for (const char *p = list; *p;) {
		const char *e = strchr(p, ',');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (!l || l >= sizeof(id))
			return true;
		memcpy(id, p, l);
		id[l] = '\0';
		if (!rule_find(id))
			return true;
		p = e ? e + 1 : p + l;
	}
	return false;
}

/* --select keeps only the listed rules; --ignore drops the listed ones. */
static void filter_rules(struct report *r, const char *select, const char *ignore)
{
	size_t k = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		const char *id = r->findings[i].rule->id;

		if ((select && !in_list(select, id)) || (ignore && in_list(ignore, id)))
			continue;
		r->findings[k++] = r->findings[i];
	}
	r->nfindings = k;
}

static void check_dockerfile(struct report *r, const struct input *in)
{
	struct arena scratch = ARENA_INIT;
	struct df_file df;
	struct df_error err;
	struct m_dockerfile m;
	const char *why, *bad;
	unsigned line = 0;
	size_t len, first;
	char *buf = read_file(&scratch, in->path, MAX_DOCKERFILE, &len, &why);

	if (!buf) {
		report_error(r, in->display, 0, "cannot read: %s", why);
		goto out;
	}
	if ((bad = not_text(buf, len, &line))) {
		report_error(r, in->display, line, "%s", bad);
		goto out;
	}
	if (df_parse(&scratch, in->display, buf, len, &df, &err) < 0) {
		report_error(r, in->display, err.line, "%s", err.msg);
		goto out;
	}
	if (model_build(&scratch, &df, in->dir, &m, &err) < 0) {
		report_error(r, in->display, err.line, "%s", err.msg);
		goto out;
	}
	r->layers |= LAYER_DOCKERFILE;
	first = r->nfindings;
	rules_check_dockerfile(r, &m);
	report_fingerprint(r, first, buf, len);
out:
	arena_release(&scratch);
}

static int write_outputs(const struct check_opts *o, const struct report *r)
{
	struct output def = { renderer_find("text"), NULL };
	const struct output *outs = o->noutputs ? o->outputs : &def;
	size_t n = o->noutputs ? o->noutputs : 1;
	int ret = 0;

	for (size_t k = 0; k < n; k++) {
		struct render_opts ro = { false };
		FILE *fp = stdout;

		if (outs[k].path) {
			fp = fopen(outs[k].path, "w");
			if (!fp) {
				fprintf(stderr, "seaworthy: cannot write %s: %s\n", outs[k].path,
					strerror(errno));
				ret = -1;
				continue;
			}
		} else if (o->color < 0) {
			const char *nc = getenv("NO_COLOR");

			ro.color = isatty(STDOUT_FILENO) && !(nc && *nc);
		} else {
			ro.color = o->color;
		}
		outs[k].renderer->render(fp, r, &ro);
		if (fp != stdout && fclose(fp) != 0) {
			fprintf(stderr, "seaworthy: cannot write %s: %s\n", outs[k].path,
				strerror(errno));
			ret = -1;
		}
	}
	return ret;
}

static int run(int argc, char **argv)
{
	struct check_opts o = { .fail_on = SEV_WARNING, .color = -1 };
	struct arena a = ARENA_INIT;
	struct report r;
	struct input_list inputs = { 0 };
	const char **paths;
	size_t npaths = 0;
	int i, status = EXIT_CLEAN;
	bool end_opts = false;
	const char *v;

	paths = calloc((size_t)argc + 1, sizeof(*paths));
	if (!paths)
		return EXIT_TROUBLE;
	for (i = 1; i < argc; i++) {
		int t;

		if (end_opts || argv[i][0] != '-' || !strcmp(argv[i], "-")) {
			paths[npaths++] = argv[i];
			continue;
		}
		if (!strcmp(argv[i], "--")) {
			end_opts = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			print_help(&cmd_check);
			free(paths);
			return EXIT_CLEAN;
		} else if ((t = take_opt(argc, argv, &i, "--format", &v)) ||
			   (t = take_opt(argc, argv, &i, "-f", &v))) {
			const struct renderer *rd = t > 0 ? renderer_find(v) : NULL;

			if (!rd || o.noutputs == MAX_OUTPUTS) {
				free(paths);
				return usage_error(&cmd_check, "--format takes one of: %s",
						   renderer_names);
			}
			o.outputs[o.noutputs].renderer = rd;
			o.outputs[o.noutputs++].path = NULL;
		} else if ((t = take_opt(argc, argv, &i, "--output", &v)) ||
			   (t = take_opt(argc, argv, &i, "-o", &v))) {
			if (t < 0 || !o.noutputs || o.outputs[o.noutputs - 1].path) {
				free(paths);
				return usage_error(&cmd_check, "--output FILE follows the --format it is for");
			}
			o.outputs[o.noutputs - 1].path = v;
		} else if ((t = take_opt(argc, argv, &i, "--fail-on", &v))) {
			enum severity s;

			if (t > 0 && !strcmp(v, "never")) {
				o.fail_on = -1;
			} else if (t < 0 || severity_parse(v, &s) < 0) {
				free(paths);
				return usage_error(&cmd_check,
						   "--fail-on takes error, warning, info or never");
			} else {
				o.fail_on = (int)s;
			}
		} else if ((t = take_opt(argc, argv, &i, "--select", &v)) ||
			   (t = take_opt(argc, argv, &i, "--ignore", &v) * 2)) {
			if (t < 0 || !v || bad_rule_list(v)) {
				free(paths);
				return usage_error(&cmd_check,
						   "--select and --ignore take rule ids, e.g. SW0201,SW0301");
			}
			*(t == 2 ? &o.ignore : &o.select) = v;
		} else if (!strcmp(argv[i], "--no-color")) {
			o.color = 0;
		} else if ((t = take_opt(argc, argv, &i, "--color", &v))) {
			if (t > 0 && !strcmp(v, "always"))
				o.color = 1;
			else if (t > 0 && !strcmp(v, "never"))
				o.color = 0;
			else if (t > 0 && !strcmp(v, "auto"))
				o.color = -1;
			else {
				free(paths);
				return usage_error(&cmd_check, "--color takes auto, always or never");
			}
		} else {
			free(paths);
			return usage_error(&cmd_check, "unknown option '%s'", argv[i]);
		}
	}
	if (!npaths)
		paths[npaths++] = ".";

	report_init(&r, &a);
	discover(&a, paths, npaths, &inputs);
	for (size_t k = 0; k < inputs.nbad; k++)
		report_error(&r, inputs.bad[k].path, 0, "cannot read: %s", inputs.bad[k].why);
	for (size_t k = 0; k < inputs.n; k++)
		check_dockerfile(&r, &inputs.v[k]);
	filter_rules(&r, o.select, o.ignore);
	report_sort(&r);

	if (write_outputs(&o, &r) < 0)
		status = EXIT_TROUBLE;
	if (!inputs.n && !inputs.nbad)
		fprintf(stderr, "seaworthy: no Dockerfiles found\n");

	if (r.nerrors || status == EXIT_TROUBLE) {
		status = EXIT_TROUBLE;
	} else if (o.fail_on >= 0) {
		for (size_t k = 0; k < r.nfindings; k++)
			if ((int)r.findings[k].severity >= o.fail_on)
				status = EXIT_FINDINGS;
	}
	if (fflush(stdout) != 0)
		status = EXIT_TROUBLE;
	arena_release(&a);
	free(paths);
	return status;
}

const struct subcommand cmd_check = {
	.name = "check",
	.usage = "check [--format FORMAT [--output FILE]]... [--fail-on LEVEL] [--select IDS] [--ignore IDS] [PATH...]",
	.summary = "Check Dockerfiles under PATH (default .) against the production checklist.",
	.help = "options:\n"
		"  --format FORMAT   text (default), json, sarif, junit, github, gitlab or\n"
		"                    checkstyle; repeatable\n"
		"  --output FILE     write the preceding --format to FILE instead of stdout\n"
		"  --fail-on LEVEL   exit 1 when a finding reaches LEVEL: error, warning (default),\n"
		"                    info, or never\n"
		"  --color WHEN      auto (default), always or never; NO_COLOR is respected\n"
		"  --no-color        same as --color never\n"
		"  --select IDS      report only these rules (comma-separated ids)\n"
		"  --ignore IDS      do not report these rules\n"
		"\n"
		"PATH may be a directory (searched for Dockerfile, Dockerfile.*, *.Dockerfile,\n"
		"*.dockerfile and Containerfile, skipping .git, node_modules and vendor), a file\n"
		"(checked whatever its name), or - for standard input.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or an input\n"
		"that could not be read or parsed (all other inputs are still checked).\n",
	.run = run,
};
