/* seaworthy parse --dump FILE: BuildKit's dump of the parsed Dockerfile. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/options.h"
#include "input/discover/discover.h"
#include "input/dockerfile/ast.h"
#include "util/readfile.h"
#include "util/strbuf.h"

extern const struct subcommand cmd_parse;

static const struct opt *const parse_opts[] = { &opt_dump, OPTS_COLOR, NULL };

static int run(int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct strbuf out = STRBUF_INIT;
	struct run_opts o = RUN_OPTS_INIT;
	struct df_file df;
	struct df_error err;
	const char *file = NULL, *why, *disp;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	size_t noperands = 0, len;
	bool dump;
	char *buf;
	int status = EXIT_CLEAN, rc;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_parse, parse_opts, argc, argv, &o, &a, operands, &noperands);
	if (!rc && noperands > 1)
		rc = usage_error(&cmd_parse, "expected one FILE, not '%s' and '%s'", operands[0],
				 operands[1]);
	file = noperands ? operands[0] : NULL;
	dump = o.dump;
	free(operands);
	if (rc) {
		arena_release(&a);
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	}
	if (!dump || !file) {
		arena_release(&a);
		return usage_error(&cmd_parse, "expected --dump FILE");
	}
	disp = strcmp(file, "-") ? display_path(&a, file) : "<stdin>";
	buf = read_file(&a, file, &len, &why);
	if (!buf) {
		fprintf(stderr, "%s: error: cannot read: %s\n", disp, why);
		status = EXIT_TROUBLE;
	} else if (df_parse(&a, disp, buf, len, &df, &err) < 0) {
		fprintf(stderr, "%s:%u: error: %s\n", disp, err.line, err.msg);
		status = EXIT_TROUBLE;
	} else {
		df_dump(&df, &out);
		fwrite(out.buf, 1, out.len, stdout);
	}
	strbuf_release(&out);
	arena_release(&a);
	return status;
}

const struct subcommand cmd_parse = {
	.name = "parse",
	.usage = "parse --dump FILE",
	.summary = "Print the parsed Dockerfile in BuildKit's dump format.",
	.help = "options:\n"
		"  --dump           print the dump (the only output there is)\n"
		"  --color WHEN, --no-color\n"
		"                   taken as by every command; this output has no colour\n",
	.run = run,
};
