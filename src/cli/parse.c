/* seaworthy parse --dump FILE: BuildKit's dump of the parsed Dockerfile. */
#include <stdio.h>
#include <string.h>

#include "run/cmd.h"
#include "input/discover/discover.h"
#include "input/dockerfile/ast.h"
#include "util/readfile.h"
#include "util/strbuf.h"

extern const struct subcommand cmd_parse;

static int run(int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct strbuf out = STRBUF_INIT;
	struct df_file df;
	struct df_error err;
	const char *file = NULL, *why, *disp;
	bool dump = false;
	size_t len;
	char *buf;
	int status = EXIT_CLEAN;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			print_help(&cmd_parse);
			return EXIT_CLEAN;
		} else if (!strcmp(argv[i], "--dump")) {
			dump = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error(&cmd_parse, "unknown option '%s'", argv[i]);
		} else if (file) {
			return usage_error(&cmd_parse, "expected one FILE");
		} else {
			file = argv[i];
		}
	}
	if (!dump || !file)
		return usage_error(&cmd_parse, "expected --dump FILE");
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
	.help = NULL,
	.run = run,
};
