/* Subcommands: one file each, one const struct, listed in main.c. */
#ifndef SW_CMD_H
#define SW_CMD_H

struct subcommand {
	const char *name;
	const char *usage;	/* synopsis after "seaworthy " */
	const char *summary;	/* one line */
	const char *help;	/* options, for --help */
	const char *ids;	/* rule ids for examples in usage errors */
	int (*run)(int argc, char **argv);	/* argv[0] is the subcommand */
};

/* Exit statuses shared by every subcommand. */
enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

/* Prints "seaworthy NAME: msg" and the usage line to stderr; returns 2. */
int usage_error(const struct subcommand *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void print_help(const struct subcommand *c);
/* Matches --name VALUE and --name=VALUE; advances *i. */
int take_opt(int argc, char **argv, int *i, const char *name, const char **val);

#endif
