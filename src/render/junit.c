/* --format junit: JUnit XML for CI test report views (Jenkins, GitLab,
 * Azure), valid against the Jenkins xUnit plugin's JUnit schema
 * (tests/tools/junit-jenkins.xsd). One suite, "seaworthy", whose test
 * cases are the run itself and the checklist:
 *   - "Inputs read": an <error> listing the inputs that could not be read
 *     or parsed, else passed;
 *   - one per checklist point, "1. Host user" .. "10. Logs": a <failure>
 *     listing its findings, <skipped> with the reason when nothing that can
 *     show it was read, else passed;
 *   - "General best practices", for the rules of no point, the same way.
 * So a CI view shows every point, passed ones included, run after run.
 * Shown suppressed findings are listed in the case's <system-out>. Text
 * from the inputs is in display form (render/quote.h). */
#include <stdlib.h>
#include <string.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"

struct totals {
	size_t tests, failures, errors, skipped;
};

static void attr(struct strbuf *sb, const char *name, const char *val)
{
	strbuf_addf(sb, " %s=\"", name);
	quote_xml(sb, val, 1);
	strbuf_addch(sb, '"');
}

/* One line per finding, as the gnu format has it, and its fix. */
static void finding_text(struct strbuf *sb, const struct finding *f)
{
	if (f->file) {
		quote_line_start(sb, f->file);
		if (f->line)
			strbuf_addf(sb, ":%u:%u", f->line, f->col);
	} else {
		struct strbuf t = STRBUF_INIT;

		render_target_path(&t, f);
		quote_line_start(sb, t.buf);
		strbuf_release(&t);
	}
	strbuf_addf(sb, ": %s: ", severity_name(f->severity));
	quote_display(sb, f->message);
	strbuf_addf(sb, " [%s]\n", f->rule->id);
	if (f->via) {
		strbuf_addstr(sb, "    via: ");
		quote_display(sb, f->via);
		strbuf_addch(sb, '\n');
	}
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

static void open_case(struct strbuf *sb, const char *classname, const char *name)
{
	strbuf_addstr(sb, "    <testcase");
	attr(sb, "classname", classname);
	attr(sb, "name", name);
}

/* The case of checklist point p (0: the rules of no point). */
static void point_case(struct strbuf *sb, const struct report *r, int p,
		       const struct render_opts *o, struct totals *t)
{
	struct strbuf text = STRBUF_INIT, quiet = STRBUF_INIT, name = STRBUF_INIT, msg = STRBUF_INIT;
	size_t nsev[3] = { 0 }, n = 0;
	enum severity worst = SEV_INFO;
	bool skipped = false;

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (f->rule->checklist != p)
			continue;
		if (f->suppressed) {
			if (o->show_suppressed)
				finding_text(&quiet, f);
			continue;
		}
		finding_text(&text, f);
		nsev[f->severity]++;
		n++;
		if (f->severity > worst)
			worst = f->severity;
	}
	if (p)
		strbuf_addf(&name, "%d. %s", p, checklist[p - 1].title);
	else
		strbuf_addstr(&name, "General best practices");
	open_case(sb, p ? "seaworthy.checklist" : "seaworthy.general", name.buf);
	t->tests++;
	if (!n) {
		size_t unused;

		skipped = p ? checklist_status(r, p, &unused) == POINT_UNCHECKED :
			      !r->layers || (r->deselected & 1u);
	}
	if (!n && !skipped && !quiet.len) {
		strbuf_addstr(sb, "/>\n");
		goto out;
	}
	strbuf_addstr(sb, ">\n");
	if (n) {
		t->failures++;
		strbuf_addf(&msg, "%zu finding%s: ", n, n == 1 ? "" : "s");
		for (int s = SEV_ERROR, first = 1; s >= SEV_INFO; s--)
			if (nsev[s]) {
				strbuf_addf(&msg, "%s%zu %s%s", first ? "" : ", ", nsev[s],
					    severity_name((enum severity)s),
					    nsev[s] > 1 && s != SEV_INFO ? "s" : "");
				first = 0;
			}
		strbuf_addstr(sb, "      <failure");
		attr(sb, "message", msg.buf);
		attr(sb, "type", severity_name(worst));
		strbuf_addch(sb, '>');
		quote_xml(sb, text.buf, 0);
		strbuf_addstr(sb, "</failure>\n");
	} else if (skipped) {
		t->skipped++;
		strbuf_addstr(&msg, "not checked: ");
		strbuf_addstr(&msg, p ? checklist_reason(r, p, &name) : !r->layers ?
			      "no input could be read" :
			      "its rules were left out (--select, --ignore or the config's ignore)");
		strbuf_addstr(sb, "      <skipped");
		attr(sb, "message", msg.buf);
		strbuf_addstr(sb, "/>\n");
	}
	if (quiet.len) {
		strbuf_addstr(sb, "      <system-out>");
		quote_xml(sb, "Suppressed:\n", 0);
		quote_xml(sb, quiet.buf, 0);
		strbuf_addstr(sb, "</system-out>\n");
	}
	strbuf_addstr(sb, "    </testcase>\n");
out:
	strbuf_release(&text);
	strbuf_release(&quiet);
	strbuf_release(&name);
	strbuf_release(&msg);
}

/* The inputs: an <error> listing those that could not be read or parsed. */
static void inputs_case(struct strbuf *sb, const struct report *r, struct totals *t)
{
	struct strbuf text = STRBUF_INIT;

	open_case(sb, "seaworthy.inputs", "Inputs read");
	t->tests++;
	if (!r->nerrors) {
		strbuf_addstr(sb, "/>\n");
		return;
	}
	t->errors++;
	for (size_t k = 0; k < r->nerrors; k++) {
		const struct input_error *e = &r->errors[k];

		quote_line_start(&text, e->file ? e->file : "-");
		if (e->line)
			strbuf_addf(&text, ":%u", e->line);
		strbuf_addstr(&text, ": error: ");
		quote_display(&text, e->message);
		strbuf_addch(&text, '\n');
	}
	strbuf_addf(sb, ">\n      <error message=\"%zu input error%s\" type=\"input-error\">",
		    r->nerrors, r->nerrors == 1 ? "" : "s");
	quote_xml(sb, text.buf, 0);
	strbuf_addstr(sb, "</error>\n    </testcase>\n");
	strbuf_release(&text);
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	struct strbuf body = STRBUF_INIT;
	struct totals t = { 0 };

	inputs_case(&body, r, &t);
	for (int p = 1; p <= 10; p++)
		point_case(&body, r, p, o, &t);
	point_case(&body, r, 0, o, &t);
	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		     "<testsuites name=\"seaworthy\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n"
		     "  <testsuite name=\"seaworthy\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
		     "skipped=\"%zu\">\n",
		t.tests, t.failures, t.errors, t.tests, t.failures, t.errors, t.skipped);
	fputs(body.buf, out);
	fputs("  </testsuite>\n</testsuites>\n", out);
	strbuf_release(&body);
}

const struct renderer render_junit = {
	.name = "junit", .render = render, .fingerprints = false
};
