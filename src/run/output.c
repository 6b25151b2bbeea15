/* Output options shared by check and host. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "run/output.h"

#include "render/quote.h"
#include "util/strbuf.h"
#include "run/options.h"

#include "findings/baseline.h"
#include "config/config.h"
#include "checks/check.h"
#include "util/suggest.h"
#include "util/writefile.h"

bool rule_in_list(const char *list, const char *id)
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

bool output_rule_wanted(const struct rule *rule, const char *select, const char *ignore,
			const struct config *cfg)
{
	if (select && !rule_in_list(select, rule->id))
		return false;
	if (ignore && rule_in_list(ignore, rule->id))
		return false;
	/* A rule that is off by default runs when asked for by name. */
	if (rule->default_off && !select && !strlist_has(&cfg->enable, rule->id))
		return false;
	return !strlist_has(&cfg->ignore, rule->id);
}

/* The settings that judge f; a finding of no input gets the working
 * directory's. */
static const struct config *judge(struct config_set *cs, struct finding *f)
{
	if (!f->config)
		f->config = config_for(cs, ".");
	return f->config;
}

void output_filter(struct report *r, const char *select, const char *ignore,
		   struct config_set *cs)
{
	static const struct config none;
	size_t k = 0;
	unsigned wanted = 0;

	/* A point none of whose rules ran for any input was not checked,
	 * whatever was read. */
	for (size_t i = 0; i < rule_count; i++)
		for (size_t c = 0; c < (cs->n ? cs->n : 1); c++)
			if (output_rule_wanted(rule_table[i], select, ignore,
					       cs->n ? cs->v[c] : &none))
				wanted |= 1u << rule_table[i]->checklist;
	for (int p = 0; p <= 10; p++)
		if (!(wanted & (1u << p)))
			r->deselected |= 1u << p;

	for (size_t i = 0; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		const struct config *cfg = judge(cs, f);

		if (!output_rule_wanted(f->rule, select, ignore, cfg))
			continue;
		for (size_t s = 0; s < cfg->nseverities; s++)
			if (cfg->severities[s].rule == f->rule &&
			    (!f->lowered || cfg->severities[s].severity < f->severity))
				f->severity = cfg->severities[s].severity;
		r->findings[k++] = *f;
	}
	r->nfindings = k;
}

int output_set_format(const struct subcommand *c, struct output *outs, size_t *n, const char *v)
{
	const struct renderer *rd = v ? renderer_find(v) : NULL;

	if (!v)
		return usage_error(c, "--format takes one of: %s", renderer_names);
	if (!rd) {
		struct strbuf sb = STRBUF_INIT;
		struct suggest sg;
		int rc;

		suggest_init(&sg, v);
		for (size_t i = 0; i < renderer_count; i++)
			suggest_add(&sg, renderers[i]->name);
		suggest_append(&sg, &sb);
		rc = usage_error(c, "--format '%s' is not a format (%s)%s", v, renderer_names,
				 sb.buf);
		strbuf_release(&sb);
		return rc;
	}
	if (*n == MAX_OUTPUTS)
		return usage_error(c, "--format '%s': at most %d outputs", v, MAX_OUTPUTS);
	outs[*n].renderer = rd;
	outs[(*n)++].path = NULL;
	return 0;
}

int output_set_fail_on(const struct subcommand *c, int *fail_on, const char *v)
{
	static const char *const levels[] = { "error", "warning", "info", "never" };
	enum severity s;

	if (v && !strcmp(v, "never")) {
		*fail_on = -1;
	} else if (!v) {
		return usage_error(c, "--fail-on takes error, warning, info or never");
	} else if (severity_parse(v, &s) < 0) {
		struct strbuf sb = STRBUF_INIT;
		struct suggest sg;
		int rc;

		suggest_init(&sg, v);
		for (size_t i = 0; i < 4; i++)
			suggest_add(&sg, levels[i]);
		suggest_append(&sg, &sb);
		rc = usage_error(c, "--fail-on '%s' is not a level (error, warning, info or "
				 "never)%s", v, sb.buf);
		strbuf_release(&sb);
		return rc;
	} else {
		*fail_on = (int)s;
	}
	return 0;
}

int output_write(const struct output *outs, size_t n, int color, const struct report *r,
		 const struct render_opts *base)
{
	struct output def = { renderer_find("text"), NULL };
	int ret = 0;

	if (!n) {
		outs = &def;
		n = 1;
	}
	for (size_t k = 0; k < n; k++) {
		struct render_opts ro = *base;
		struct wfile w = { stdout, NULL, NULL };
		const char *why;

		ro.color = false;
		/* On stdout the errors are stderr's, the line before. */
		ro.problems_inline = outs[k].path != NULL;
		if (outs[k].path) {
			if (wfile_open(&w, outs[k].path, &why) < 0) {
				fprintf(stderr, "seaworthy: cannot write %s: %s\n", outs[k].path, why);
				ret = -1;
				continue;
			}
		} else {
			ro.color = run_color(color, STDOUT_FILENO);
		}
		errno = 0;
		outs[k].renderer->render(w.fp, r, &ro);
		if (outs[k].path && wfile_commit(&w, &why) < 0) {
			fprintf(stderr, "seaworthy: cannot write %s: %s\n", outs[k].path, why);
			ret = -1;
		}
	}
	return ret;
}

int output_exit_status(const struct report *r, const struct run_opts *o, bool trouble)
{
	int status = EXIT_CLEAN;

	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "seaworthy: cannot write standard output: %s\n",
			strerror(errno ? errno : EIO));
		return EXIT_TROUBLE;
	}
	if (trouble || r->nerrors)
		return EXIT_TROUBLE;
	if (o->write_baseline)
		return status;
	for (size_t k = 0; k < r->nfindings; k++) {
		const struct finding *f = &r->findings[k];
		/* --fail-on, else the fail-on of the settings that judge it. */
		int fail_on = !o->fail_on_set && f->config && f->config->has_fail_on ?
				      f->config->fail_on : o->fail_on;

		if (!f->suppressed && fail_on >= 0 && (int)f->severity >= fail_on)
			status = EXIT_FINDINGS;
	}
	return status;
}

const struct config *output_config_here(struct config_set *cs, struct arena *a,
					const struct run_opts *o, struct report *r)
{
	const char *env = getenv("SEAWORTHY_CONFIG");

	*cs = (struct config_set){ .a = a, .r = r, .none = o->no_config,
				   .file = o->config ? o->config : env && *env ? env : NULL };
	return config_for(cs, ".");
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Findings of production-only rules about inputs that are for something
 * else (tests, development, CI, examples) are left out, and counted for the
 * summary: what they are about, and in how many files. The files are
 * counted sorted: a search per finding was quadratic over a large tree. */
static void hold_back(struct report *r)
{
	const char **files = NULL;
	size_t k = 0, nfiles = 0, cap = 0, distinct = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->rule->scope != SCOPE_PRODUCTION || f->purpose == PURPOSE_PRODUCTION ||
		    f->any_purpose) {
			r->findings[k++] = *f;
			continue;
		}
		r->summary.held++;
		r->summary.held_purposes |= 1u << f->purpose;
		if (f->file)
			*ARENA_PUSH(r->a, files, nfiles, cap) = f->file;
	}
	r->nfindings = k;
	if (nfiles)
		qsort(files, nfiles, sizeof(*files), cmp_str);
	for (size_t i = 0; i < nfiles; i++)
		distinct += !i || strcmp(files[i - 1], files[i]);
	r->summary.held_files = distinct;
}

/* s in its display form (render/quote.h), in a. */
static const char *display_escape(struct arena *a, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	quote_display(&sb, s);
	r = arena_strdup(a, sb.buf ? sb.buf : "");
	strbuf_release(&sb);
	return r;
}

/* --list-inputs: one line per input, then the summary. */
static int list_inputs(const struct report *r)
{
	for (size_t i = 0; i < r->ninputs; i++) {
		const struct input_record *in = &r->inputs[i];

		printf("%s\t%s\t%s%s%s%s", display_escape(r->a, in->path), in->kind,
		       purpose_name(in->purpose), in->purpose_why ? " (" : "",
		       in->purpose_why ? display_escape(r->a, in->purpose_why) : "",
		       in->purpose_why ? ")" : "");
		if (in->part_of)
			printf("\t%s", display_escape(r->a, in->part_of));
		printf("\t%s%s\n", in->skipped ? "skipped: " : "checked",
		       in->skipped ? in->skipped : "");
	}
	printf("%s\n", render_summary_line(r));
	return fflush(stdout) ? EXIT_TROUBLE : r->nerrors ? EXIT_TROUBLE : EXIT_CLEAN;
}

/* Input errors and notes reach stderr once, whatever the outputs; the
 * machine formats carry them too. stdout first, so that what came before
 * (nothing, usually) keeps its order. */
static void problems_to_stderr(const struct report *r, const struct run_opts *o)
{
	if (r->nerrors || r->nnotes) {
		fflush(stdout);
		render_problems(stderr, r, run_color(o->color, STDERR_FILENO));
	}
}

int output_finish(struct arena *a, struct report *r, const struct run_opts *o,
		  struct config_set *cs)
{
	struct render_opts ro = { .show_suppressed = o->show_suppressed, .quiet = o->quiet };
	struct baseline b = { 0 };
	bool trouble = false, use;

	output_filter(r, o->select, o->ignore, cs);
	if (!o->scope_all)
		hold_back(r);
	report_sort_inputs(r);
	if (o->list_inputs) {
		problems_to_stderr(r, o);
		return list_inputs(r);
	}
	use = o->baseline && baseline_load(a, o->baseline, &b, r) == 0;
	report_sort(r);
	/* The same file checked as part of several compose projects. */
	report_dedupe(r);
	if (o->write_baseline && baseline_write(r, o->write_baseline) < 0)
		trouble = true;
	if (use) {
		ro.baseline = true;
		ro.baseline_known = baseline_filter(r, &b);
	}
	problems_to_stderr(r, o);
	if (output_write(o->outputs, o->noutputs, o->color, r, &ro) < 0)
		trouble = true;
	return output_exit_status(r, o, trouble);
}
