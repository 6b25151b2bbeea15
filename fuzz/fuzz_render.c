/* libFuzzer target for what the renderers print of the inputs: the bytes,
 * cut at NUL bytes, become a file name, messages, a fix, a suppression
 * reason and a target name of a report (messages go through report_add_str,
 * so the bounds of findings.c too), rendered in every format. Whatever the
 * bytes, the output must be valid UTF-8 with no control character but tab
 * and line feed, no DEL, C1 or bidi control, no CI log command ("##[",
 * "##vso["), and no line that starts with "::" but the github format's own
 * commands; a message must keep within MESSAGE_MAX. SARIF is rendered for
 * one input in 64 (its catalogue is slow). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"
#include "findings/findings.h"
#include "render/quote.h"
#include "render/render.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool own_command(const char *p)
{
	return !strncmp(p, "::error ", 8) || !strncmp(p, "::error::", 9) ||
	       !strncmp(p, "::warning ", 10) || !strncmp(p, "::notice ", 9) ||
	       !strncmp(p, "::notice::", 10);
}

static void check(const char *out, size_t len, bool github)
{
	struct strbuf u = STRBUF_INIT;

	quote_utf8(&u, out);
	if (u.len != len || memcmp(u.buf, out, len))
		abort();	/* not valid UTF-8, or a NUL inside */
	strbuf_release(&u);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			abort();
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			abort();
		if ((p[0] == 0xd8 && p[1] == 0x9c) ||
		    (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
						       (p[2] >= 0xa8 && p[2] <= 0xae))) ||
		    (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))
			abort();
		if (p[0] == '#' && p[1] == '#' && (p[2] == '[' || !strncasecmp((const char *)p + 2,
									   "vso[", 4)))
			abort();
		if ((p == (const unsigned char *)out || p[-1] == '\n')) {
			const unsigned char *q = p;

			while (*q == ' ' || *q == '\t')
				q++;
			if (q[0] == ':' && q[1] == ':' && !(github && q == p &&
							    own_command((const char *)q)))
				abort();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fmts[] = { "text", "json", "sarif", "junit", "github", "gitlab",
					    "checkstyle" };
	const char *field[6] = { "", "", "", "", "", "" };
	char *copy = malloc(size + 1);
	struct finding_target target = { "image", NULL, NULL, NULL, NULL, NULL };
	const struct rule *rule = rule_find("SW0201");
	struct arena a;
	struct report r;
	struct finding *f;
	size_t k = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *p = copy; k < 6 && p <= copy + size; p += strlen(p) + 1)
		field[k++] = p;
	arena_init(&a);
	report_init(&r, &a);
	r.layers = LAYER_DOCKERFILE;
	report_error(&r, field[0], 1, "cannot parse: %s", field[1]);
	report_note(&r, field[0], "%s", field[1]);
	f = report_add_str(&r, rule, field[0], 1, 1, 1, 2, field[2], strlen(field[2]));
	f->fix = field[3];
	f = report_add(&r, rule, field[0], 2, 1, 2, 2, "the value '%s' and %s", field[1], field[2]);
	f->suppressed = true;
	f->suppress_reason = field[4];
	f = report_add(&r, rule, NULL, 0, 0, 0, 0, "%s", field[5]);
	target.name = field[5];
	f->target = &target;
	report_sort(&r);
	for (size_t i = 0; i < r.nfindings; i++)
		if (strlen(r.findings[i].message) > MESSAGE_MAX)
			abort();
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		bool sarif = !strcmp(fmts[i], "sarif");

		/* SARIF carries the whole catalogue, a thousand times the work
		 * of the rest: one input in 64, suppressed findings shown. */
		if (sarif && size % 64)
			continue;
		for (int show = sarif; show < 2; show++) {
			struct render_opts o = { .show_suppressed = show };
			char *out = NULL;
			size_t len = 0;
			FILE *fp = open_memstream(&out, &len);

			if (!fp)
				abort();
			renderer_find(fmts[i])->render(fp, &r, &o);
			fclose(fp);
			check(out, len, !strcmp(fmts[i], "github"));
			free(out);
		}
	}
	arena_release(&a);
	free(copy);
	return 0;
}
