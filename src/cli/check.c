/* seaworthy check: Dockerfiles, compose projects and scripts. Settings
 * come from flags, then SEAWORTHY_* variables, then each input's
 * .seaworthy.yaml; the work is run/pipeline.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/options.h"
#include "run/output.h"
#include "run/pipeline.h"

extern const struct subcommand cmd_check;

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* SEAWORTHY_* fill what the flags left unset. */
static int apply_env(struct arena *a, struct run_opts *o)
{
	const char *v;

	if (!o->noutputs && (v = env("SEAWORTHY_FORMAT")) &&
	    output_set_format(&cmd_check, o->outputs, &o->noutputs, v))
		return -1;
	if (!o->fail_on_set && (v = env("SEAWORTHY_FAIL_ON"))) {
		if (output_set_fail_on(&cmd_check, &o->fail_on, v))
			return -1;
		o->fail_on_set = true;
	}
	if (!o->config && (v = env("SEAWORTHY_CONFIG")))
		o->config = v;
	if (!o->baseline && (v = env("SEAWORTHY_BASELINE")))
		o->baseline = v;
	if (!o->ignore && (v = env("SEAWORTHY_IGNORE"))) {
		if (run_check_ids(&cmd_check, "SEAWORTHY_IGNORE", v))
			return -1;
		o->ignore = v;
	}
	if (!o->files.n && (v = env("COMPOSE_FILE"))) {
		/* Compose splits COMPOSE_FILE on COMPOSE_PATH_SEPARATOR (':' here). */
		const char *sep = env("COMPOSE_PATH_SEPARATOR");
		char c = sep ? sep[0] : ':';

		for (const char *p = v; *p;) {
			const char *e = strchr(p, c);
			size_t n = e ? (size_t)(e - p) : strlen(p);

			if (n)
				strlist_push(a, &o->files, arena_strndup(a, p, n));
			p += n + (e ? 1 : 0);
		}
	}
	if (!o->require_reasons && env("SEAWORTHY_REQUIRE_REASONS"))
		o->require_reasons = strcmp(env("SEAWORTHY_REQUIRE_REASONS"), "0") != 0;
	return 0;
}


static const struct opt *const check_opts[] = {
	OPTS_REPORT, &opt_no_config, &opt_jobs, &opt_show_suppressed, &opt_require_reasons,
	&opt_file, &opt_project_dir, &opt_env_file, &opt_profile, &opt_scope, &opt_list_inputs,
	&opt_hadolint_config, NULL
};

static int run_check(int argc, char **argv)
{
	struct run_opts o = RUN_OPTS_INIT;
	struct arena a = ARENA_INIT;
	const char **paths = calloc((size_t)argc + 1, sizeof(*paths));
	size_t npaths = 0;
	int rc;

	if (!paths)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_check, check_opts, argc, argv, &o, &a, paths, &npaths);
	if (!rc && apply_env(&a, &o))
		rc = EXIT_TROUBLE;
	if (!rc) {
		if (!npaths)
			paths[npaths++] = ".";
		rc = pipeline_check(&o, paths, npaths);
	} else {
		rc = rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	arena_release(&a);
	free(paths);
	return rc;
}

const struct subcommand cmd_check = {
	.name = "check",
	.usage = "check [--format FORMAT [--output FILE]]... [--fail-on LEVEL] [--select IDS] "
		 "[--ignore IDS] [--config FILE] [--baseline FILE] [--write-baseline FILE] "
		 "[-f COMPOSE_FILE]... [PATH...]",
	.summary = "Check Dockerfiles, compose projects and scripts against the checklist.",
	.ids = "SW0201,SW0301",
	.help = "options:\n"
		"  --format FORMAT        text (default), json, sarif, junit, github, gitlab,\n"
		"                         checkstyle or gnu (one line per finding, for\n"
		"                         editors); repeatable\n"
		"  --output FILE          write the preceding --format to FILE instead of stdout\n"
		"  -q, --quiet            the findings only: no checklist and no summary\n"
		"  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error, warning\n"
		"                         (default), info, or never\n"
		"  --select IDS           report only these rules (comma-separated ids)\n"
		"  --ignore IDS           do not report these rules\n"
		"  --config FILE          read the settings of every input from FILE instead of\n"
		"                         the nearest .seaworthy.yaml above each input\n"
		"  --no-config            read no configuration file\n"
		"  -j, --jobs N           check in N threads (default: one per CPU;\n"
		"                         the output is the same whatever N is)\n"
		"  --show-suppressed      also list suppressed findings, with their reasons\n"
		"  --scope SCOPE          production (default): rules about what ships say\n"
		"                         nothing of test, dev, CI and example files; all:\n"
		"                         every rule on every file\n"
		"  --list-inputs          list the inputs (what each is, what it is for, what\n"
		"                         it belongs to, checked or skipped and why) and stop\n"
		"  --require-reasons      a suppression comment without a reason is an error\n"
		"  --write-baseline FILE  record today's findings in FILE (exit 0 unless an input\n"
		"                         could not be checked)\n"
		"  --baseline FILE        report only findings that FILE does not know\n"
		"  -f, --file FILE        a compose file, as with docker compose -f (repeatable;\n"
		"                         COMPOSE_FILE works too); without it each folder's\n"
		"                         compose.yaml/docker-compose.yml and its override file\n"
		"                         are loaded, and each variant file as base + variant\n"
		"  --project-directory DIR  the compose project directory\n"
		"  --env-file FILE        compose variables from FILE instead of .env (repeatable)\n"
		"  --profile NAME         enable a compose profile (repeatable); services of\n"
		"                         other profiles are still checked\n"
		"  --hadolint-config FILE  hadolint's ignored: and trustedRegistries: from FILE\n"
		"                         (default: the nearest .hadolint.yaml), where the\n"
		"                         seaworthy configuration sets neither\n"
		"  --color WHEN           auto (default), always or never; NO_COLOR is respected\n"
		"  --no-color             same as --color never\n"
		"\n"
		"PATH may be a directory (searched for Dockerfile, Dockerfile.*, *.Dockerfile,\n"
		"*.dockerfile, Containerfile, compose files, and shell scripts, Makefiles and CI\n"
		"files that run containers; skipping .git, node_modules and vendor), a file\n"
		"(checked whatever its name), or - for a Dockerfile on standard input.\n"
		"\n"
		"environment: SEAWORTHY_FORMAT, SEAWORTHY_FAIL_ON, SEAWORTHY_CONFIG,\n"
		"SEAWORTHY_BASELINE, SEAWORTHY_IGNORE and SEAWORTHY_REQUIRE_REASONS stand in for\n"
		"the flags; flags beat them, and they beat the configuration file.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or an input\n"
		"that could not be read or parsed (all other inputs are still checked).\n",
	.run = run_check,
};
