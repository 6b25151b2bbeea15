/* The CI renderers on what the CLI cannot produce yet: suppressed findings,
 * findings without a file, and hostile strings (XML metacharacters, control
 * characters, bytes that are not UTF-8, workflow-command delimiters). With
 * SW_RENDER_OUT set, each rendering is also written there, for the
 * validators in tests/run.sh (xmllint, SARIF Multitool, ajv). */
#include <stdio.h>
#include <stdlib.h>

#include "render/quote.h"
#include "render/render.h"
#include "checks/check.h"
#include "unit.h"

static char *quoted(int kind, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	if (kind == 'x')
		quote_xml(&sb, s, 0);
	else if (kind == 'a')
		quote_xml(&sb, s, 1);
	else if (kind == 'u')
		quote_uri(&sb, s);
	else if (kind == 'd')
		quote_display(&sb, s);
	else if (kind == 'j')
		quote_json_str(&sb, s);
	else
		quote_utf8(&sb, s);
	return strbuf_detach(&sb, NULL);
}

#define CHECK_QUOTE(kind, in, want) do { char *q_ = quoted(kind, in); \
	CHECK_STR(q_, want); free(q_); } while (0)

#define FFFD "\xef\xbf\xbd"

UNIT_TEST(render_quote)
{
	struct finding f = { .message = "no USER", .fix = "add one" };

	CHECK_QUOTE('x', "a&b<c>\"d'e", "a&amp;b&lt;c&gt;&quot;d&apos;e");
	CHECK_QUOTE('x', "l1\nl2\tx\ry", "l1\nl2\tx\\ry");
	CHECK_QUOTE('a', "l1\nl2\tx\ry", "l1\\nl2&#9;x\\ry");
	CHECK_QUOTE('x', "bell\x07 esc\x1b del\x7f", "bell\\x07 esc\\x1b del\\x7f");
	/* The display form: C0, DEL, C1, bidi controls, line separators, and
	 * the log commands runners find anywhere in a line. */
	CHECK_QUOTE('d', "a\nb\rc\td\x1b[2J\x7f", "a\\nb\\rc\td\\x1b[2J\\x7f");
	CHECK_QUOTE('d', "csi\xc2\x9b nel\xc2\x85 nbsp\xc2\xa0", "csi\\u009b nel\\u0085 nbsp\xc2\xa0");
	CHECK_QUOTE('d', "rlo\xe2\x80\xae lri\xe2\x81\xa7 alm\xd8\x9c lrm\xe2\x80\x8e ls\xe2\x80\xa8",
		    "rlo\\u202e lri\\u2067 alm\\u061c lrm\\u200e ls\\u2028");
	CHECK_QUOTE('d', "x ##[add-mask]y ##vso[task] ##VSO[t] # ## #[", "x ##\\[add-mask]y ##vso\\[task] ##VSO\\[t] # ## #[");
	CHECK_QUOTE('d', "\xff\xe2\x80", FFFD FFFD FFFD);
	CHECK_QUOTE('j', "a\"\\\x1b\xc2\x9b\xe2\x80\xae##[x]\t", "\"a\\\"\\\\\\\\x1b\\\\u009b\\\\u202e##\\\\[x]\\t\"");
	CHECK_QUOTE('x', "\xef\xbf\xbe\xef\xbf\xbf", FFFD FFFD);	/* U+FFFE, U+FFFF */
	CHECK_QUOTE('x', "caf\xc3\xa9 \xf0\x9f\x90\xb3", "caf\xc3\xa9 \xf0\x9f\x90\xb3");
	CHECK_QUOTE('8', "\xff!", FFFD "!");
	CHECK_QUOTE('8', "\xc0\xaf", FFFD FFFD);			/* overlong '/' */
	CHECK_QUOTE('8', "\xed\xa0\x80", FFFD FFFD FFFD);		/* surrogate */
	CHECK_QUOTE('8', "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);	/* > U+10FFFF */
	CHECK_QUOTE('8', "\xe2\x82", FFFD FFFD);			/* cut short */
	CHECK_QUOTE('8', "\xe2\x82\xac", "\xe2\x82\xac");
	CHECK_QUOTE('u', "app & tools,v2/Dockerfile", "app%20&%20tools,v2/Dockerfile");
	CHECK_QUOTE('u', "a%b#c?d/caf\xc3\xa9", "a%25b%23c%3Fd/caf%C3%A9");
	CHECK_QUOTE('u', "c:x/d:y", "c%3Ax/d%3Ay");	/* not a scheme */

	{
		struct strbuf sb = STRBUF_INIT;

		quote_message_fix(&sb, &f);
		CHECK_STR(sb.buf, "no USER. Fix: add one.");
		strbuf_reset(&sb);
		f.message = "runs as root (USER root)?";
		f.fix = NULL;
		quote_message_fix(&sb, &f);
		CHECK_STR(sb.buf, "runs as root (USER root)?");
		strbuf_release(&sb);
	}
}

/* A report the CLI can't make yet: see the top of this file. */
static void build(struct report *r, struct arena *a)
{
	const struct rule *root = rule_find("SW0201");
	struct finding *f;

	report_init(r, a);
	r->layers = LAYER_DOCKERFILE;
	report_error(r, "bad\x01<file>&\xff.Dockerfile", 0, "cannot read: \"%s\"", "it's gone");
	report_error(r, "broken/Dockerfile", 3, "unknown instruction: fr\x01o\xffm %%,:\r\n]]>");
	f = report_add(r, root, NULL, 0, 0, 0, 0, "the host's daemon runs as root");
	f = report_add(r, root, "a,b:c%d/Dockerfile", 2, 1, 3, 5,
		       "line 1\nline 2\r with %% and , and : and <xml> & \xc3\xa9 \xfe\x07");
	memcpy(f->fingerprint, "00000000000000aa", 17);
	f = report_add(r, root, "a,b:c%d/Dockerfile", 9, 1, 9, 7, "same text again");
	memcpy(f->fingerprint, "00000000000000aa", 17);
	f->suppressed = true;
	f->suppress_reason = "runs as root on purpose: <init> & \"friends\"";
	f = report_add(r, root, "::error file=x::\xc2\x9b\xe2\x80\xae", 1, 1, 1, 1,
		       "esc \x1b[2J osc \x1b]0;t\x07 csi \xc2\x9b" "2J rlo \xe2\x80\xae ##[add-mask]x");
	f->fix = "line\n::warning::injected";
	report_note(r, "\n::notice::note\xe2\x81\xa6", "note \x1b[31m");
	f = report_add(r, root, "z/Dockerfile", 1, 4, 1, 2, "end column before start");
	memcpy(f->fingerprint, "00000000000000bb", 17);
	f->suppressed = true;
	report_sort(r);
}

static char *render_to(const char *fmt, const struct report *r, bool show_suppressed)
{
	const struct renderer *rd = renderer_find(fmt);
	struct render_opts o = { .show_suppressed = show_suppressed };
	const char *dir = getenv("SW_RENDER_OUT");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (!rd || !fp)
		return NULL;
	rd->render(fp, r, &o);
	fclose(fp);
	if (dir && *dir) {
		static const char *const ext[][2] = { { "sarif", "sarif" }, { "junit", "xml" },
			{ "checkstyle", "xml" }, { "gitlab", "json" }, { "github", "txt" } };
		char path[4096];

		for (size_t k = 0; k < sizeof(ext) / sizeof(ext[0]); k++) {
			if (strcmp(ext[k][0], fmt))
				continue;
			snprintf(path, sizeof(path), "%s/unit-%s%s.%s", dir, fmt,
				 show_suppressed ? "-suppressed" : "", ext[k][1]);
			if ((fp = fopen(path, "w"))) {
				fputs(buf, fp);
				fclose(fp);
			}
		}
	}
	return buf;
}

static bool valid_utf8(const char *s)
{
	char *q = quoted('8', s);
	bool ok = !strcmp(q, s);

	free(q);
	return ok;
}

/* No C0 control other than tab and line feed (so none XML 1.0 forbids),
 * no DEL, no C1 control, no bidi control or line separator, no "##[", and
 * no line that starts with "::" but the renderer's own commands. */
static bool no_controls(const char *s, bool github)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return false;
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return false;
		if (p[0] == 0xd8 && p[1] == 0x9c)
			return false;
		if (p[0] == 0xe2 && ((p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
			(p[2] >= 0xa8 && p[2] <= 0xae))) || (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)))
			return false;
		if (p[0] == '#' && p[1] == '#' && p[2] == '[')
			return false;
		if ((p == (const unsigned char *)s || p[-1] == '\n') && p[0] == ':' && p[1] == ':' &&
		    (!github || (strncmp((const char *)p, "::error ", 8) &&
				 strncmp((const char *)p, "::warning ", 10) &&
				 strncmp((const char *)p, "::notice ", 9) &&
				 strncmp((const char *)p, "::error::", 9) &&
				 strncmp((const char *)p, "::notice::", 10))))
			return false;
	}
	return true;
}

UNIT_TEST(render_formats)
{
	static const char *const fmts[] = { "sarif", "junit", "checkstyle", "gitlab", "github",
					    "text", "json", "gnu" };
	struct arena a = ARENA_INIT;
	struct report r;

	build(&r, &a);
	for (size_t k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		for (int show = 0; show < 2; show++) {
			char *out = render_to(fmts[k], &r, show);

			CHECK(out != NULL);
			if (!out)
				continue;
			if (!valid_utf8(out) || !no_controls(out, !strcmp(fmts[k], "github")))
				unit_fail(__FILE__, __LINE__, "%s: invalid UTF-8 or control bytes",
					  fmts[k]);
			CHECK(strlen(out) && out[strlen(out) - 1] == '\n');
			/* Suppressed findings only when asked for. */
			if (!show && (strstr(out, "same text again") || strstr(out, "end column")))
				unit_fail(__FILE__, __LINE__, "%s shows suppressed findings", fmts[k]);
			if (show && !strstr(out, "same text again"))
				unit_fail(__FILE__, __LINE__, "%s hides suppressed findings", fmts[k]);
			if (!strcmp(fmts[k], "sarif")) {
				CHECK(strstr(out, "\"logicalLocations\"") != NULL);
				/* A finding with no file still has a physical location. */
				CHECK(strstr(out, "\"uri\": \"dockerfile\"") != NULL);
				CHECK(strstr(out, "\"security-severity\": \"7.5\"") != NULL);
				CHECK(strstr(out, "\"executionSuccessful\": false") != NULL);
				CHECK(!show || strstr(out, "\"kind\": \"inSource\"") != NULL);
				CHECK(!show || strstr(out, "\"justification\": \"runs as root on purpose") != NULL);
				CHECK(!strstr(out, "\"endColumn\": 2"));
			}
			if (!strcmp(fmts[k], "gitlab"))
				CHECK(!show || strstr(out, "\"fingerprint\": \"00000000000000aa-2\"") != NULL);
			if (!strcmp(fmts[k], "junit")) {
				CHECK(!show || strstr(out, "    suppressed: runs as root on purpose: "
							   "&lt;init&gt; &amp; &quot;friends&quot;\n") != NULL);
				/* The Jenkins schema has no file on a test case. */
				CHECK(!strstr(out, "<testcase file=") && !strstr(out, " file=\""));
				CHECK(strstr(out, "name=\"10. Logs\"") != NULL);
			}
			if (!strcmp(fmts[k], "gnu"))
				CHECK(strstr(out, "./::error file=x::") != NULL);
			if (!strcmp(fmts[k], "github")) {
				CHECK(strstr(out, "::error file=a%2Cb%3Ac%25d/Dockerfile,line=2,col=1,"
						  "endLine=3,endColumn=5,title=SW0201%3A ") != NULL);
				CHECK(strstr(out, "::line 1\\nline 2\\r with %25 and , and : and <xml> & "
						  "\xc3\xa9 " FFFD "\\x07 (fix: ") != NULL);
				CHECK(strstr(out, "::error file=broken/Dockerfile,line=3::unknown "
						  "instruction: fr\\x01o" FFFD "m %25,:\\r\\n]]>\n") != NULL);
				CHECK(strstr(out, "::error title=SW0201%3A ") != NULL);
				CHECK(strstr(out, "::the host's daemon runs as root (fix: ") != NULL);
				CHECK(!show || strstr(out, "::notice file=z/Dockerfile") != NULL);
			}
			free(out);
		}
	}
	arena_release(&a);
}

/* The peers' table (catalog/peers.c) and the rules' own peers agree: every
 * hadolint id a rule names has its row, and a row said not covered is
 * named by no rule; every rule a row names exists. */
UNIT_TEST(peer_checks_consistent)
{
	for (size_t i = 0; i < rule_count; i++)
		for (const struct peer_rule *p = rule_table[i]->peers; p && p->tool; p++) {
			bool found = false;

			for (size_t k = 0; k < peer_check_count && !found; k++)
				found = !strcmp(peer_checks[k].tool, p->tool) &&
					!strcmp(peer_checks[k].id, p->id);
			if (!found)
				unit_fail(__FILE__, __LINE__, "%s names %s %s, which has no row",
					  rule_table[i]->id, p->tool, p->id);
		}
	for (size_t k = 0; k < peer_check_count; k++) {
		const struct peer_check *pc = &peer_checks[k];

		if (!pc->rules && !strncmp(pc->note, "not covered", 11))
			for (size_t i = 0; i < rule_count; i++)
				for (const struct peer_rule *p = rule_table[i]->peers; p && p->tool; p++)
					if (!strcmp(p->tool, pc->tool) && !strcmp(p->id, pc->id))
						unit_fail(__FILE__, __LINE__, "%s %s is said not covered "
							  "but %s names it", pc->tool, pc->id,
							  rule_table[i]->id);
		for (const char *r = pc->rules; r && (r = strstr(r, "SW")); r += 2) {
			bool known = false;

			for (size_t i = 0; i < rule_count && !known; i++)
				known = !strncmp(rule_table[i]->id, r, 6);
			if (!known)
				unit_fail(__FILE__, __LINE__, "%s %s names an unknown rule %.6s",
					  pc->tool, pc->id, r);
		}
	}
}
