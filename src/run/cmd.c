/* Helpers shared by the subcommands. */
#include "run/cmd.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int usage_error(const struct subcommand *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "seaworthy %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: seaworthy %s\n", c->usage);
	return EXIT_TROUBLE;
}

void print_help(const struct subcommand *c)
{
	printf("usage: seaworthy %s\n\n%s\n", c->usage, c->summary);
	if (c->help)
		printf("\n%s", c->help);
}

int take_opt(int argc, char **argv, int *i, const char *name, const char **val)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n))
		return 0;
	if (argv[*i][n] == '=') {
		*val = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n])
		return 0;
	if (*i + 1 >= argc) {
		*val = NULL;
		return -1;
	}
	*val = argv[++*i];
	return 1;
}
