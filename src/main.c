/* seaworthy: checks a project's Docker setup against a production checklist. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "run/cmd.h"

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

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("seaworthy %s\n", SW_VERSION);
		return EXIT_CLEAN;
	}
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
	fprintf(stderr, "seaworthy: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_TROUBLE;
}
