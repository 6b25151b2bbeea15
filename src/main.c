/* seaworthy: checks a project's Docker setup against a production checklist. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "run/cmd.h"
#include "input/engine/engine.h"
#include "input/image/image.h"
#include "util/suggest.h"

#ifndef SW_COMMIT
#define SW_COMMIT "unknown"
#endif

extern const struct subcommand cmd_check, cmd_rules, cmd_explain, cmd_parse, cmd_config, cmd_image,
	cmd_host, cmd_live;

static const struct subcommand *const commands[] = {
	&cmd_check, &cmd_rules, &cmd_explain, &cmd_parse, &cmd_config, &cmd_image, &cmd_host,
	&cmd_live,
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out, "usage: seaworthy <command> [options]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out, "\nseaworthy <command> --help shows a command's options.\n"
		     "seaworthy --version prints the version.\n");
}

/* The version, the commit it was built from, and whether the libraries
 * loaded on first use (util/dl.h) can be: a missing one only shows when a
 * command needs it. */
static int version(void)
{
	const char *curl = engine_library(), *la = image_library();

	printf("seaworthy %s\n", SW_VERSION);
	printf("commit: %s\n", SW_COMMIT);
	printf("libcurl: %s%s\n", curl ? "not available: " : "available",
	       curl ? curl : " (seaworthy image NAME, seaworthy live)");
	printf("libarchive: %s%s\n", la ? "not available: " : "available",
	       la ? la : " (seaworthy image)");
	return EXIT_CLEAN;
}

int main(int argc, char **argv)
{
	struct suggest sg;
	struct strbuf sb = STRBUF_INIT;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version") || !strcmp(argv[1], "-V"))
		return version();
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		if (argc > 2)
			for (size_t i = 0; i < NCOMMANDS; i++)
				if (!strcmp(commands[i]->name, argv[2])) {
					print_help(commands[i]);
					return EXIT_CLEAN;
				}
		usage(stdout);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i]->name, argv[1]))
			return commands[i]->run(argc - 1, argv + 1);
	suggest_init(&sg, argv[1]);
	for (size_t i = 0; i < NCOMMANDS; i++)
		suggest_add(&sg, commands[i]->name);
	suggest_add(&sg, "--version");
	suggest_add(&sg, "--help");
	suggest_append(&sg, &sb);
	fprintf(stderr, "seaworthy: unknown command '%s'%s\n", argv[1], sb.buf);
	strbuf_release(&sb);
	usage(stderr);
	return EXIT_TROUBLE;
}
