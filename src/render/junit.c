/* --format junit: JUnit XML for CI test report views (GitLab, Jenkins,
 * Azure). One <testsuite> per file; in it one <testcase> per rule that
 * has findings there, failed, with every finding of that rule in the file
 * in the failure text (JUnit has one failure per test case; the attribute
 * carries the first message). A file that could not be read or parsed gets
 * a test case with an <error>. Shown suppressed findings are <skipped>
 * test cases of their own. A clean run, where there is no file to name,
 * still gets one passing test case "checklist" in a suite "seaworthy", so
 * the CI view shows that the check ran. */
#include <stdlib.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/die.h"

struct totals {
	size_t tests, failures, errors, skipped;
};

static void attr(struct strbuf *sb, const char *name, const char *val)
{
	strbuf_addf(sb, " %s=\"", name);
	quote_xml(sb, val, 1);
	strbuf_addch(sb, '"');
}

static void counts(struct strbuf *sb, const struct totals *t)
{
	strbuf_addf(sb, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"", t->tests,
		    t->failures, t->errors, t->skipped);
}

/* Files sort as report_sort has them: NULL (no file) first. */
static int cmp_file(const char *a, const char *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0;
	return strcmp(a, b);
}

/* Test cases in a file go by rule id, suppressed ones after the others,
 * findings in report order within each. */
static int cmp_case(const void *pa, const void *pb)
{
	const struct finding *a = *(const struct finding *const *)pa;
	const struct finding *b = *(const struct finding *const *)pb;
	int c = strcmp(a->rule->id, b->rule->id);

	if (c)
		return c;
	if (a->suppressed != b->suppressed)
		return a->suppressed ? 1 : -1;
	return a < b ? -1 : a > b;
}

/* Text laid out in lines: the strings from the inputs in it are in display
 * form (render/quote.h), so none of them breaks a line. */
static void finding_text(struct strbuf *sb, const struct finding *f)
{
	if (f->file) {
		quote_display(sb, f->file);
		strbuf_addf(sb, ":%u:%u: ", f->line, f->col);
	}
	strbuf_addf(sb, "%s: ", severity_name(f->severity));
	quote_display(sb, f->message);
	strbuf_addch(sb, '\n');
	if (f->fix) {
		strbuf_addstr(sb, "    fix: ");
		quote_display(sb, f->fix);
		strbuf_addch(sb, '\n');
	}
	if (f->suppressed) {
		strbuf_addf(sb, "    suppressed%s", f->suppress_reason ? ": " : "");
		quote_display(sb, f->suppress_reason ? f->suppress_reason : "");
		strbuf_addch(sb, '\n');
	}
}

/* One test case for the findings g[0..n) of one rule in one file. */
static void rule_case(struct strbuf *sb, const struct finding *const *g, size_t n,
		      struct totals *t)
{
	struct strbuf text = STRBUF_INIT;
	enum severity sev = g[0]->severity;

	strbuf_addstr(sb, "    <testcase");
	attr(sb, "classname", g[0]->rule->id);
	if (g[0]->suppressed) {
		strbuf_addf(&text, "%s (suppressed)", g[0]->rule->title);
		attr(sb, "name", text.buf);
		strbuf_reset(&text);
	} else {
		attr(sb, "name", g[0]->rule->title);
	}
	if (g[0]->file)
		attr(sb, "file", g[0]->file);
	strbuf_addstr(sb, ">\n");
	for (size_t k = 0; k < n; k++) {
		finding_text(&text, g[k]);
		if (g[k]->severity > sev)
			sev = g[k]->severity;
	}
	t->tests++;
	if (g[0]->suppressed) {
		t->skipped++;
		strbuf_addstr(sb, "      <skipped");
		attr(sb, "message", g[0]->suppress_reason ? g[0]->suppress_reason : "suppressed");
		strbuf_addstr(sb, ">");
		quote_xml(sb, text.buf, 0);
		strbuf_addstr(sb, "</skipped>\n");
	} else {
		t->failures++;
		strbuf_addstr(sb, "      <failure");
		attr(sb, "message", g[0]->message);
		attr(sb, "type", severity_name(sev));
		strbuf_addstr(sb, ">");
		quote_xml(sb, text.buf, 0);
		strbuf_addstr(sb, "</failure>\n");
	}
	strbuf_addstr(sb, "    </testcase>\n");
	strbuf_release(&text);
}

/* The input errors e[0..n) of one file, as one test case in error. */
static void error_case(struct strbuf *sb, const struct input_error *e, size_t n,
		       struct totals *t)
{
	strbuf_addstr(sb, "    <testcase classname=\"seaworthy.parse\" name=\"parse\"");
	if (e[0].file)
		attr(sb, "file", e[0].file);
	strbuf_addstr(sb, ">\n      <error");
	attr(sb, "message", e[0].message);
	strbuf_addstr(sb, " type=\"parse-error\">");
	for (size_t k = 0; k < n; k++) {
		struct strbuf line = STRBUF_INIT;

		quote_display(&line, e[k].file ? e[k].file : "-");
		if (e[k].line)
			strbuf_addf(&line, ":%u", e[k].line);
		strbuf_addstr(&line, ": error: ");
		quote_display(&line, e[k].message);
		strbuf_addch(&line, '\n');
		quote_xml(sb, line.buf, 0);
		strbuf_release(&line);
	}
	strbuf_addstr(sb, "</error>\n    </testcase>\n");
	t->tests++;
	t->errors++;
}

/* The suite of one file: its errors e[0..ne), its findings f[0..nf). */
static void suite(struct strbuf *sb, const char *file, const struct input_error *e, size_t ne,
		  const struct finding *f, size_t nf, const struct render_opts *o,
		  struct totals *all)
{
	struct strbuf cases = STRBUF_INIT;
	struct totals t = { 0 };
	const struct finding **g = calloc(nf ? nf : 1, sizeof(*g));
	size_t n = 0;

	if (!g)
		die("out of memory");
	for (size_t k = 0; k < nf; k++)
		if (!f[k].suppressed || o->show_suppressed)
			g[n++] = &f[k];
	if (!n && !ne)
		goto out;
	qsort(g, n, sizeof(*g), cmp_case);
	if (ne)
		error_case(&cases, e, ne, &t);
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && g[b]->rule == g[a]->rule &&
				g[b]->suppressed == g[a]->suppressed; b++)
			;
		rule_case(&cases, g + a, b - a, &t);
	}
	strbuf_addstr(sb, "  <testsuite");
	attr(sb, "name", file ? file : "(no file)");
	counts(sb, &t);
	strbuf_addf(sb, ">\n%s  </testsuite>\n", cases.buf);
	all->tests += t.tests;
	all->failures += t.failures;
	all->errors += t.errors;
	all->skipped += t.skipped;
out:
	strbuf_release(&cases);
	free(g);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf body = STRBUF_INIT, head = STRBUF_INIT;
	struct totals all = { 0 };
	size_t i = 0, j = 0;

	/* Both lists are sorted by file: walk them together, a file at a time. */
	while (i < r->nfindings || j < r->nerrors) {
		const char *file;
		size_t i2 = i, j2 = j;

		if (j >= r->nerrors ||
		    (i < r->nfindings && cmp_file(r->findings[i].file, r->errors[j].file) <= 0))
			file = r->findings[i].file;
		else
			file = r->errors[j].file;
		while (i2 < r->nfindings && !cmp_file(r->findings[i2].file, file))
			i2++;
		while (j2 < r->nerrors && !cmp_file(r->errors[j2].file, file))
			j2++;
		/* No pointer arithmetic on an empty (NULL) list: that is UB. */
		suite(&body, file, j2 > j ? r->errors + j : NULL, j2 - j,
		      i2 > i ? r->findings + i : NULL, i2 - i, o, &all);
		i = i2;
		j = j2;
	}
	if (!all.tests) {
		all.tests = 1;
		strbuf_addstr(&body, "  <testsuite name=\"seaworthy\" tests=\"1\" failures=\"0\" "
				     "errors=\"0\" skipped=\"0\">\n"
				     "    <testcase classname=\"seaworthy\" name=\"checklist\"/>\n"
				     "  </testsuite>\n");
	}
	strbuf_addstr(&head, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"seaworthy\"");
	counts(&head, &all);
	strbuf_addstr(&head, ">\n");
	fputs(head.buf, out);
	fputs(body.buf, out);
	fputs("</testsuites>\n", out);
	strbuf_release(&head);
	strbuf_release(&body);
}

const struct renderer render_junit = { "junit", render };
