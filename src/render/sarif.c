/* --format sarif: SARIF 2.1.0, for GitHub code scanning and GitLab. The
 * whole rule catalogue goes into tool.driver.rules, so a viewer can show
 * the explain page of any rule; paths stay relative to %SRCROOT% (where
 * seaworthy ran), so the log holds no absolute path of the machine. */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "util/die.h"

#define INFO_URI SW_HOME_URI

static json_t *jtext(const char *s)
{
	return json_pack("{s:o}", "text", quote_json(s));
}

/* The same for text from the inputs: in display form (render/quote.h). */
static json_t *jtext_input(const char *s)
{
	return json_pack("{s:o}", "text", quote_json_input(s));
}

static const char *level(enum severity s)
{
	switch (s) {
	case SEV_ERROR: return "error";
	case SEV_WARNING: return "warning";
	case SEV_INFO: return "note";
	}
	return "none";
}

/* GitHub's problem.severity knows no "info". */
static const char *problem_severity(enum severity s)
{
	return s == SEV_INFO ? "recommendation" : level(s);
}

static bool is_article(const char *w, size_t n)
{
	return (n == 1 && !strncasecmp(w, "a", n)) || (n == 2 && !strncasecmp(w, "an", n)) ||
	       (n == 3 && !strncasecmp(w, "the", n));
}

/* "A RUN pipes commands" -> "RunPipesCommands": the Pascal case SARIF asks
 * of names (SARIF2012), so no articles and no all-caps words. */
static json_t *rule_name(const struct rule *r)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	for (const char *p = r->title ? r->title : ""; *p;) {
		size_t n = 0;

		while (*p && !isalnum((unsigned char)*p))
			p++;
		while (isalnum((unsigned char)p[n]))
			n++;
		if (n && !is_article(p, n)) {
			strbuf_addch(&sb, toupper((unsigned char)p[0]));
			for (size_t k = 1; k < n; k++)
				strbuf_addch(&sb, tolower((unsigned char)p[k]));
		}
		p += n;
	}
	j = quote_json(sb.len ? sb.buf : r->id);
	strbuf_release(&sb);
	return j;
}

static json_t *help_uri(const struct rule *r)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	render_help_uri(&sb, r);
	j = quote_json(sb.buf);
	strbuf_release(&sb);
	return j;
}

/* The explain page, as text or Markdown. */
static json_t *explain(const struct rule *r, bool markdown)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;
	json_t *j;

	/* A rule still being written may lack parts of its page. */
	if (!r->why || !r->bad || !r->good || !r->fix)
		return quote_json(r->why ? r->why : r->title);
	fp = open_memstream(&buf, &len);
	if (!fp)
		return quote_json(r->why);
	render_explain(fp, r, markdown);
	fclose(fp);
	/* One trailing newline is enough. */
	while (len > 1 && buf[len - 1] == '\n' && buf[len - 2] == '\n')
		buf[--len] = '\0';
	j = quote_json(buf);
	free(buf);
	return j;
}

static json_t *descriptor(const struct rule *r)
{
	json_t *tags = json_array(), *props, *conf;
	char tag[32];

	if (r->checklist) {
		snprintf(tag, sizeof(tag), "checklist-%d", r->checklist);
		json_array_append_new(tags, json_string(tag));
	} else {
		json_array_append_new(tags, json_string("best-practice"));
	}
	if (r->layer)
		json_array_append_new(tags, quote_json(r->layer));
	/* GitHub shows a security tier (critical, high, medium, low) for the
	 * rules tagged security, from their security-severity. */
	if (rule_is_security(r))
		json_array_append_new(tags, json_string("security"));
	props = json_pack("{s:o, s:o, s:s, s:s, s:s}",
			  "checklist", r->checklist ? json_integer(r->checklist) : json_null(),
			  "tags", tags, "precision", "high",
			  "problem.severity", problem_severity(r->severity),
			  "security-severity", rule_security_severity(r));
	conf = json_pack("{s:s}", "level", level(r->severity));
	/* SARIF's enabled defaults to true: said only of a rule that runs
	 * only when asked for. */
	if (conf && r->default_off)
		json_object_set_new(conf, "enabled", json_false());
	return json_pack("{s:s, s:o, s:o, s:o, s:{s:o, s:o}, s:o, s:o, s:o}",
			 "id", r->id, "name", rule_name(r),
			 "shortDescription", jtext(r->title), "fullDescription", jtext(r->why),
			 "help", "text", explain(r, false), "markdown", explain(r, true),
			 "helpUri", help_uri(r), "defaultConfiguration", conf,
			 "properties", props);
}

/* A display path as an artifactLocation: relative ones against %SRCROOT%,
 * absolute ones (given so on the command line) as file URIs. */
static json_t *artifact(const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	if (file[0] == '/') {
		strbuf_addstr(&sb, "file://");
		quote_uri(&sb, file);
		j = json_pack("{s:o}", "uri", quote_json(sb.buf));
	} else {
		quote_uri(&sb, file);
		j = json_pack("{s:o, s:s}", "uri", quote_json(sb.buf), "uriBaseId", "%SRCROOT%");
	}
	strbuf_release(&sb);
	return j;
}

static json_t *finding_location(const struct finding *f)
{
	json_t *region;
	unsigned end_line = f->end_line >= f->line ? f->end_line : f->line;
	unsigned end_col = f->end_col;

	if (!f->file) {
		/* An image, a container or a host is no file, but code scanning
		 * refuses a result without a physical location: it gets an
		 * artifact of its own, "image/NAME" (as trivy names an image),
		 * beside the logical location that says what it is. */
		struct strbuf path = STRBUF_INIT, uri = STRBUF_INIT;
		json_t *j;

		render_target_path(&path, f);
		quote_uri(&uri, path.buf);
		j = json_pack("{s:{s:{s:o}, s:{s:i}}, s:[{s:o, s:o, s:s}]}", "physicalLocation",
			      "artifactLocation", "uri", quote_json_input(uri.buf), "region",
			      "startLine", 1, "logicalLocations", "name",
			      quote_json_input(f->target ? f->target->name : path.buf),
			      "fullyQualifiedName", quote_json_input(path.buf), "kind", "resource");
		strbuf_release(&path);
		strbuf_release(&uri);
		return j;
	}
	if (!f->line)	/* a whole file: SARIF lines start at 1 */
		return json_pack("{s:{s:o}}", "physicalLocation", "artifactLocation",
				 artifact(f->file));
	/* SARIF's endColumn is exclusive, like ours; never before the start. */
	if (end_line == f->line && end_col < f->col)
		end_col = f->col;
	region = json_pack("{s:I, s:I, s:I, s:I}", "startLine", (json_int_t)f->line,
			   "startColumn", (json_int_t)f->col, "endLine", (json_int_t)end_line,
			   "endColumn", (json_int_t)end_col);
	return json_pack("{s:{s:o, s:o}}", "physicalLocation", "artifactLocation",
			 artifact(f->file), "region", region);
}

static json_t *result(const struct finding *f)
{
	struct strbuf msg = STRBUF_INIT;
	char fpbuf[17];
	json_t *j = json_object();

	json_object_set_new(j, "ruleId", quote_json(f->rule->id));
	for (size_t k = 0; k < rule_count; k++)
		if (rule_table[k] == f->rule)
			json_object_set_new(j, "ruleIndex", json_integer((json_int_t)k));
	json_object_set_new(j, "level", json_string(level(f->severity)));
	quote_message_fix(&msg, f);
	json_object_set_new(j, "message", jtext_input(msg.buf));
	strbuf_release(&msg);
	json_object_set_new(j, "locations", json_pack("[o]", finding_location(f)));
	json_object_set_new(j, "partialFingerprints",
			    json_pack("{s:s}", "seaworthy/v1", finding_fp(f, fpbuf)));
	if (f->suppressed) {
		json_t *s = json_pack("{s:s}", "kind", "inSource");

		if (f->suppress_reason)
			json_object_set_new(s, "justification", quote_json_input(f->suppress_reason));
		json_object_set_new(j, "suppressions", json_pack("[o]", s));
	}
	json_object_set_new(j, "properties",
			    json_pack("{s:o}", "checklist",
				      f->rule->checklist ? json_integer(f->rule->checklist) :
							   json_null()));
	return j;
}

/* An input error (level "error", line > 0) or a note ("note"). */
static json_t *notification(const char *lvl, const char *file, unsigned line, const char *msg)
{
	json_t *j = json_pack("{s:s, s:o}", "level", lvl, "message", jtext_input(msg));
	json_t *loc;

	if (!file)
		return j;
	loc = json_pack("{s:o}", "artifactLocation", artifact(file));
	if (line)
		json_object_set_new(loc, "region", json_pack("{s:I}", "startLine",
							     (json_int_t)line));
	json_object_set_new(j, "locations", json_pack("[{s:o}]", "physicalLocation", loc));
	return j;
}

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	json_t *rules = json_array(), *results = json_array(), *inv, *run, *root;

	for (size_t k = 0; k < rule_count; k++)
		json_array_append_new(rules, descriptor(rule_table[k]));
	for (size_t i = 0; i < r->nfindings; i++)
		if (!r->findings[i].suppressed || o->show_suppressed)
			json_array_append_new(results, result(&r->findings[i]));
	inv = json_pack("{s:b}", "executionSuccessful", r->nerrors == 0);
	if (r->nerrors || r->nnotes) {
		json_t *n = json_array();

		for (size_t i = 0; i < r->nerrors; i++)
			json_array_append_new(n, notification("error", r->errors[i].file,
							      r->errors[i].line, r->errors[i].message));
		for (size_t i = 0; i < r->nnotes; i++)
			json_array_append_new(n, notification("note", r->notes[i].file, 0,
							      r->notes[i].message));
		json_object_set_new(inv, "toolExecutionNotifications", n);
	}
	run = json_pack("{s:{s:{s:s, s:s, s:s, s:s, s:o}}, s:[o], s:{s:{s:{s:s}}}, s:o}",
			"tool", "driver", "name", "seaworthy", "version", SW_VERSION,
			"semanticVersion", SW_VERSION, "informationUri", INFO_URI, "rules", rules,
			"invocations", inv,
			"originalUriBaseIds", "%SRCROOT%", "description", "text",
			"The directory seaworthy was run in; file paths are relative to it.",
			"results", results);
	root = json_pack("{s:s, s:s, s:[o]}", "$schema",
			 "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
			 "runs", run);
	if (!root)
		die("out of memory");	/* all json_pack can fail on here */
	render_json_value(out, root);
	json_decref(root);
}

const struct renderer render_sarif = {
	.name = "sarif", .render = render, .fingerprints = true
};
