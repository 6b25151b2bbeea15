/* seaworthy explain ID: why a rule matters, a bad and a good example, the fix. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "rules/rule.h"

extern const struct subcommand cmd_explain;

static void indent(const char *text)
{
	const char *p = text;

	while (*p) {
		const char *e = strchr(p, '\n');
		int n = e ? (int)(e - p) : (int)strlen(p);

		printf("    %.*s\n", n, p);
		p += n + (e ? 1 : 0);
	}
}

static int run(int argc, char **argv)
{
	const struct rule *r;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		print_help(&cmd_explain);
		return EXIT_CLEAN;
	}
	if (argc != 2)
		return usage_error(&cmd_explain, "expected one rule id");
	r = rule_find(argv[1]);
	if (!r) {
		fprintf(stderr, "seaworthy explain: no rule '%s'; `seaworthy rules` lists them\n",
			argv[1]);
		return EXIT_TROUBLE;
	}
	printf("%s: %s\n\n", r->id, r->title);
	printf("Severity: %s\n", severity_name(r->severity));
	if (r->checklist)
		printf("Checklist: %d. %s\n", r->checklist, checklist[r->checklist - 1].title);
	else
		printf("Checklist: none (general best practice)\n");
	printf("Layer: %s\n\nWhy it matters\n", r->layer);
	indent(r->why);
	printf("\nBad\n");
	indent(r->bad);
	printf("\nGood\n");
	indent(r->good);
	printf("\nHow to fix\n");
	indent(r->fix);
	return EXIT_CLEAN;
}

const struct subcommand cmd_explain = {
	.name = "explain",
	.usage = "explain ID",
	.summary = "Explain a rule: why it matters, a bad and a good example, and the fix.",
	.help = NULL,
	.run = run,
};
