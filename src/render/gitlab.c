/* --format gitlab: a GitLab Code Quality report (a JSON array of
 * CodeClimate-style issues) for the merge request widget.
 *
 * Severities: error -> critical, warning -> major, info -> info. GitLab's
 * "blocker" is kept for inputs that could not be read or parsed (check_name
 * "parse-error"): nothing in such a file was checked at all, which is worse
 * than any single finding. Shown suppressed findings are "info" and say so.
 *
 * GitLab tells new issues from fixed ones by fingerprint and folds equal
 * fingerprints into one, so each must be stable and unique: the finding's
 * fingerprint (rule, file, the offending lines' text), with "-2", "-3"...
 * for further findings that share it. Findings without a file name what
 * they are about: "image/NAME", "container/NAME", "host/NAME". */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/die.h"

struct entry {
	char fp[17];
	size_t occurrence;	/* 1 for the first entry with this fp */
};

static const char *severity(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "critical";
	case SEV_WARNING: return "major";
	case SEV_INFO: return "info";
	}
	return "info";
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = *(const struct entry *const *)pa;
	const struct entry *b = *(const struct entry *const *)pb;
	int c = strcmp(a->fp, b->fp);

	return c ? c : a < b ? -1 : a > b;
}

/* Numbers entries that share a fingerprint in their report order. */
static void number(struct entry *e, size_t n)
{
	struct entry **v = calloc(n ? n : 1, sizeof(*v));

	if (!v)
		die("out of memory");
	for (size_t k = 0; k < n; k++)
		v[k] = &e[k];
	qsort(v, n, sizeof(*v), cmp_entry);
	for (size_t k = 0; k < n; k++)
		v[k]->occurrence = k && !strcmp(v[k]->fp, v[k - 1]->fp) ?
					   v[k - 1]->occurrence + 1 : 1;
	free(v);
}

/* FNV-1a of the error's file and message (no line: lines move). */
static void error_fp(const struct input_error *e, char fp[17])
{
	uint64_t h = 0xcbf29ce484222325ULL;
	const char *parts[] = { "parse-error", e->file ? e->file : "", e->message };

	for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
		const char *s = parts[k];

		do {
			h ^= (unsigned char)*s;
			h *= 0x100000001b3ULL;
		} while (*s++);
	}
	snprintf(fp, 17, "%016llx", (unsigned long long)h);
}

static json_t *issue(const char *description, const char *check, const struct entry *e,
		     const char *sev, const char *file, unsigned begin, unsigned end)
{
	char fp[40];

	begin = begin ? begin : 1;
	end = end >= begin ? end : begin;
	if (e->occurrence > 1)
		snprintf(fp, sizeof(fp), "%s-%zu", e->fp, e->occurrence);
	else
		snprintf(fp, sizeof(fp), "%s", e->fp);
	return json_pack("{s:o, s:o, s:s, s:s, s:{s:o, s:{s:I, s:I}}}", "description",
			 quote_json_input(description), "check_name", quote_json(check), "fingerprint", fp,
			 "severity", sev, "location", "path", quote_json_input(file ? file : "."), "lines",
			 "begin", (json_int_t)begin, "end", (json_int_t)end);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct entry *e = calloc(r->nerrors + r->nfindings + 1, sizeof(*e));
	const struct finding **shown = calloc(r->nfindings + 1, sizeof(*shown));
	json_t *root = json_array();
	struct strbuf path = STRBUF_INIT;
	size_t n = 0, nshown = 0;

	if (!e || !shown || !root)
		die("out of memory");
	for (size_t i = 0; i < r->nerrors; i++)
		error_fp(&r->errors[i], e[n++].fp);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *fp;

		if (f->suppressed && !o->show_suppressed)
			continue;
		fp = finding_fp(f, e[n].fp);
		if (fp != e[n].fp)
			memcpy(e[n].fp, fp, sizeof(e[n].fp));
		shown[nshown++] = f;
		n++;
	}
	number(e, n);
	for (size_t i = 0; i < r->nerrors; i++) {
		const struct input_error *err = &r->errors[i];

		json_array_append_new(root, issue(err->message, "parse-error", &e[i], "blocker",
						  err->file, err->line, err->line));
	}
	for (size_t i = 0; i < nshown; i++) {
		const struct finding *f = shown[i];
		struct strbuf d = STRBUF_INIT;

		quote_message_fix(&d, f);
		if (f->suppressed)
			strbuf_addf(&d, " (suppressed%s%s)", f->suppress_reason ? ": " : "",
				    f->suppress_reason ? f->suppress_reason : "");
		strbuf_reset(&path);
		if (!f->file)
			render_target_path(&path, f);
		json_array_append_new(root, issue(d.buf, f->rule->id, &e[r->nerrors + i],
						  f->suppressed ? "info" : severity(f->severity),
						  f->file ? f->file : path.buf, f->line, f->end_line));
		strbuf_release(&d);
	}
	render_json_value(out, root);
	json_decref(root);
	strbuf_release(&path);
	free(shown);
	free(e);
}

const struct renderer render_gitlab = {
	.name = "gitlab", .render = render, .fingerprints = true
};
