/* seaworthy explain ID: why a rule matters, a bad and a good example, the fix. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/options.h"
#include "render/render.h"
#include "checks/check.h"

extern const struct subcommand cmd_explain;

static const struct opt *const explain_opts[] = { OPTS_COLOR, NULL };

static int run(int argc, char **argv)
{
	struct run_opts o = RUN_OPTS_INIT;
	struct arena a = ARENA_INIT;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	const struct rule *r = NULL;
	size_t noperands = 0;
	int rc;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_explain, explain_opts, argc, argv, &o, &a, operands, &noperands);
	if (!rc && noperands != 1)
		rc = usage_error(&cmd_explain, "expected one rule id, e.g. SW0201");
	if (!rc && !(r = rule_find(operands[0]))) {
		struct strbuf sb = STRBUF_INIT;

		rule_unknown(&sb, operands[0]);
		fprintf(stderr, "seaworthy explain: %s\n", sb.buf);
		strbuf_release(&sb);
		rc = EXIT_TROUBLE;
	}
	free(operands);
	arena_release(&a);
	if (rc)
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	render_explain(stdout, r, false);
	return EXIT_CLEAN;
}

const struct subcommand cmd_explain = {
	.name = "explain",
	.usage = "explain ID",
	.summary = "Explain a rule: why it matters, a bad and a good example, and the fix.",
	.help = "options:\n"
		"  --color WHEN, --no-color\n"
		"                   taken as by every command; this output has no colour\n",
	.run = run,
};
