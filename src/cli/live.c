/* seaworthy live: audits the engine's containers, running and stopped,
 * through the Engine API. Only GETs: nothing on the host changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/cmd.h"
#include "run/options.h"
#include "run/output.h"
#include "config/config.h"
#include "input/engine/container.h"
#include "input/engine/engine.h"
#include "input/engine/procs.h"
#include "render/render.h"
#include "checks/check.h"

extern const struct subcommand cmd_live;

static const struct opt *const live_opts_list[] = { OPTS_REPORT, &opt_no_config, &opt_host,
						    &opt_project, NULL };

/* A container that vanished between two requests is no error: it is gone. */
static bool vanished(const char *err)
{
	return err && strstr(err, "answered 404");
}

/* The answers of a round of GETs, decoded as each comes (engine.h): the
 * inspect answers of a thousand containers are never all in memory. */
struct round {
	struct arena *a;
	struct report *r;
	const struct live_entry *ents;	/* inspect round */
	struct live_container *cts;
	bool *ok;			/* inspect round: decoded */
	const size_t *owner;		/* second round: the container asked for */
	const bool *is_top;
	size_t n;			/* containers */
};

static void on_inspect(void *ctx, size_t i, json_t *j, const char *err)
{
	struct round *rd = ctx;
	const char *derr = NULL;

	if (!j) {
		if (!vanished(err))
			report_error(rd->r, rd->ents[i].name, 0, "cannot inspect the container: %s",
				     err);
		return;
	}
	if (live_decode_inspect(rd->a, j, &rd->cts[i], &derr) < 0)
		report_error(rd->r, rd->ents[i].name, 0, "%s", derr);
	else
		rd->ok[i] = true;
}

static void on_detail(void *ctx, size_t k, json_t *j, const char *err)
{
	struct round *rd = ctx;
	struct live_container *c = &rd->cts[rd->owner[k]];
	const char *derr = NULL;

	(void)err;
	/* A container that stopped meanwhile (409) just has no processes. */
	if (!j)
		return;
	if (rd->is_top[k])
		live_decode_top(rd->a, j, c, &derr);
	else
		for (size_t i = 0; i < rd->n; i++)
			if (!strcmp(rd->cts[i].image_id, c->image_id))
				live_decode_image(rd->a, j, &rd->cts[i]);
}

/* Reads the containers (of project, when set) and runs the live rules on
 * each; trouble goes to r's errors. The containers live in a: findings
 * point at their targets. */
static void audit(struct arena *a, struct engine *e, const char *project,
		  const struct config *cfg, struct report *r)
{
	struct live_entry *ents;
	struct live_container *cts;
	const char *err = NULL, **paths;
	json_t *list;
	size_t n, k = 0, m = 0, *owner;
	const char *force_top = getenv("SEAWORTHY_LIVE_TOP");
	bool *is_top, *ok, local = (!strncmp(engine_host(e), "unix://", 7) ||
				    engine_host(e)[0] == '/') &&
				   !(force_top && *force_top && strcmp(force_top, "0"));
	struct proc_table *pt;
	struct round rd = { .a = a, .r = r };

	list = engine_get_json(e, a, "/containers/json?all=1", &err);
	if (!list) {
		report_error(r, engine_host(e), 0, "cannot list the containers: %s", err);
		report_unread(r, LAYER_LIVE, "the engine's containers could not be listed");
		return;
	}
	n = live_decode_list(a, list, &ents);
	json_decref(list);
	for (size_t i = 0; i < n; i++)
		if (!project || (ents[i].project && !strcmp(ents[i].project, project)))
			ents[k++] = ents[i];
	n = k;
	if (project && !n) {
		report_error(r, engine_host(e), 0, "no container belongs to compose project %s",
			     project);
		report_unread(r, LAYER_LIVE, "no container belongs to compose project %s", project);
		return;
	}
	if (!n) {
		report_unread(r, LAYER_LIVE, "the engine has no containers");
		return;
	}

	/* Room for the second round: one top and one image per container. */
	paths = arena_alloc(a, 2 * n * sizeof(*paths));
	owner = arena_alloc(a, 2 * n * sizeof(*owner));
	is_top = arena_alloc(a, 2 * n * sizeof(*is_top));
	ok = arena_alloc(a, n * sizeof(*ok));
	cts = arena_alloc(a, n * sizeof(*cts));
	memset(ok, 0, n * sizeof(*ok));
	memset(cts, 0, n * sizeof(*cts));
	for (size_t i = 0; i < n; i++)
		paths[i] = arena_printf(a, "/containers/%s/json", engine_escape(a, ents[i].id));
	rd.ents = ents;
	rd.cts = cts;
	rd.ok = ok;
	engine_get_json_each(e, a, paths, n, on_inspect, &rd);
	k = 0;
	for (size_t i = 0; i < n; i++)
		if (ok[i])
			cts[k++] = cts[i];
	n = k;
	if (!n) {
		report_unread(r, LAYER_LIVE, "no container could be inspected");
		return;
	}
	r->layers |= LAYER_LIVE;

	/* The processes of the running ones, and each image once. A local
	 * engine's processes are read from /proc when they are visible. */
	pt = local ? proc_table_read(a) : NULL;
	for (size_t i = 0; i < n; i++) {
		bool known = false;

		is_top[m] = false;
		if (cts[i].running && !proc_table_fill(a, pt, &cts[i])) {
			owner[m] = i;
			is_top[m] = true;
			paths[m++] = arena_printf(a, "/containers/%s/top",
						  engine_escape(a, cts[i].id));
			is_top[m] = false;
		}
		for (size_t j = 0; j < i && !known; j++)
			known = !strcmp(cts[j].image_id, cts[i].image_id);
		if (*cts[i].image_id && !known) {
			owner[m] = i;
			paths[m++] = arena_printf(a, "/images/%s/json",
						  engine_escape(a, cts[i].image_id));
		}
	}
	rd.owner = owner;
	rd.is_top = is_top;
	rd.n = n;
	engine_get_json_each(e, a, paths, m, on_detail, &rd);

	for (size_t i = 0; i < n; i++) {
		size_t from = r->nfindings;

		rules_check_live(r, &cts[i], cfg);
		for (size_t f = from; f < r->nfindings; f++)
			r->findings[f].target = &cts[i].target;
		report_fingerprint_messages(r, from);
	}
}

static int run_live(int argc, char **argv)
{
	struct run_opts o = RUN_OPTS_INIT;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	size_t noperands = 0;
	struct arena a = ARENA_INIT;
	struct report r;
	struct config_set cs;
	const struct config *cfg;
	struct engine *e;
	const char *err = NULL;
	int rc, status;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_live, live_opts_list, argc, argv, &o, &a, operands, &noperands);
	if (!rc && noperands)
		rc = usage_error(&cmd_live, "takes no arguments, not '%s' (--project NAME audits "
				 "one compose project)", operands[0]);
	free(operands);
	if (rc) {
		arena_release(&a);
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	report_init(&r, &a);
	/* Containers belong to no folder: the working directory's settings. */
	cfg = output_config_here(&cs, &a, &o, &r);
	if (!r.nerrors) {
		e = engine_open(&a, o.host, &err);
		if (!e) {
			report_error(&r, engine_default_host(o.host), 0, "%s", err);
			report_unread(&r, LAYER_LIVE, "the Docker engine could not be reached");
		} else {
			audit(&a, e, o.project, cfg, &r);
			engine_free(e);
		}
	} else {
		report_unread(&r, LAYER_LIVE, "the configuration could not be read");
	}
	status = output_finish(&a, &r, &o, &cs);
	arena_release(&a);
	return status;
}

const struct subcommand cmd_live = {
	.name = "live",
	.ids = "SW0281,SW0981",
	.usage = "live [--project NAME] [--host HOST] [--format FORMAT [--output FILE]]... "
		 "[--fail-on LEVEL] [--select IDS] [--ignore IDS] [--config FILE | --no-config] "
		 "[--baseline FILE] [--write-baseline FILE]",
	.summary = "Audit the engine's containers, running and stopped (reads only).",
	.help = "options:\n"
		"  --project NAME         only the containers of this compose project (label\n"
		"                         com.docker.compose.project)\n"
		"  --host HOST            the engine: unix:///path/docker.sock or tcp://HOST:PORT\n"
		"                         (default: $DOCKER_HOST, else unix:///var/run/docker.sock)\n"
		"  --format FORMAT        text (default), json, sarif, junit, github, gitlab,\n"
		"                         checkstyle or gnu (one line per finding, for\n"
		"                         editors); repeatable\n"
		"  --output FILE          write the preceding --format to FILE instead of stdout\n"
		"  -q, --quiet            the findings only: no checklist and no summary\n"
		"  --fail-on LEVEL        exit 1 when a finding reaches LEVEL: error, warning\n"
		"                         (default), info, or never\n"
		"  --select IDS           report only these rules (comma-separated ids)\n"
		"  --ignore IDS           do not report these rules\n"
		"  --config FILE          read settings from FILE instead of the .seaworthy.yaml\n"
		"                         of the working directory (or the nearest above it)\n"
		"  --no-config            read no configuration file\n"
		"  --write-baseline FILE  record today's findings in FILE (exit 0 unless the\n"
		"                         engine could not be read)\n"
		"  --baseline FILE        report only findings that FILE does not know\n"
		"  --color WHEN           auto (default), always or never; NO_COLOR is respected\n"
		"  --no-color             same as --color never\n"
		"\n"
		"Every container is read (docker inspect), the running ones' processes (docker\n"
		"top) and their images' settings too; only GET requests are sent. Findings name\n"
		"the container and its compose project and service.\n"
		"\n"
		"exit status: 0 clean, 1 a finding reached --fail-on, 2 usage error or the\n"
		"engine could not be reached or read.\n",
	.run = run_live,
};
