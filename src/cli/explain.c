/* seaworthy explain ID: why a rule matters, a bad and a good example, the fix. */
#include <stdio.h>
#include <string.h>

#include "run/cmd.h"
#include "render/render.h"
#include "checks/check.h"

extern const struct subcommand cmd_explain;

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
	render_explain(stdout, r, false);
	return EXIT_CLEAN;
}

const struct subcommand cmd_explain = {
	.name = "explain",
	.usage = "explain ID",
	.summary = "Explain a rule: why it matters, a bad and a good example, and the fix.",
	.help = NULL,
	.run = run,
};
