/* seaworthy rules: the catalogue. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "rules/rule.h"

extern const struct subcommand cmd_rules;

static int run(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		print_help(&cmd_rules);
		return EXIT_CLEAN;
	}
	if (argc > 1)
		return usage_error(&cmd_rules, "unexpected argument '%s'", argv[1]);
	printf("%-8s %-8s %-9s %-11s %s\n", "ID", "SEVERITY", "CHECKLIST", "LAYER", "TITLE");
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];
		char point[8] = "-";

		if (r->checklist)
			snprintf(point, sizeof(point), "%d", r->checklist);
		printf("%-8s %-8s %-9s %-11s %s\n", r->id, severity_name(r->severity), point,
		       r->layer, r->title);
	}
	return EXIT_CLEAN;
}

const struct subcommand cmd_rules = {
	.name = "rules",
	.usage = "rules",
	.summary = "List the rule catalogue: id, severity, checklist point and title.",
	.help = NULL,
	.run = run,
};
