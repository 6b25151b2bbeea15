/* seaworthy rules: the catalogue, as a table, as data (JSON), as Markdown
 * (docs/rules.md), as a manual page, or the JSON Schema of the config. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/options.h"
#include "render/render.h"
#include "checks/check.h"

extern const struct subcommand cmd_rules;

static const struct opt *const rules_opts[] = {
	&opt_list_format, &opt_markdown, &opt_man, OPTS_COLOR, NULL
};

static void table(void)
{
	printf("%-8s %-8s %-9s %-11s %s\n", "ID", "SEVERITY", "CHECKLIST", "LAYER", "TITLE");
	for (size_t i = 0; i < rule_count; i++) {
		const struct rule *r = rule_table[i];
		char point[8] = "-";

		if (r->checklist)
			snprintf(point, sizeof(point), "%d", r->checklist);
		printf("%-8s %-8s %-9s %-11s %s%s\n", r->id, severity_name(r->severity), point,
		       r->layer, r->title, r->default_off ? " (off by default)" : "");
	}
}

static int run(int argc, char **argv)
{
	struct run_opts o = RUN_OPTS_INIT;
	struct arena a = ARENA_INIT;
	const char **operands = calloc((size_t)argc + 1, sizeof(*operands));
	size_t noperands = 0;
	const char *f;
	int rc;

	if (!operands)
		return EXIT_TROUBLE;
	rc = run_parse(&cmd_rules, rules_opts, argc, argv, &o, &a, operands, &noperands);
	if (!rc && noperands)
		rc = usage_error(&cmd_rules, "unexpected argument '%s'", operands[0]);
	free(operands);
	arena_release(&a);
	if (rc)
		return rc == 1 ? EXIT_CLEAN : EXIT_TROUBLE;
	f = o.list_format ? o.list_format : "text";
	if (!strcmp(f, "json"))
		render_rules_json(stdout);
	else if (!strcmp(f, "markdown"))
		render_rules_markdown(stdout);
	else if (!strcmp(f, "man"))
		render_rules_man(stdout);
	else if (!strcmp(f, "schema"))
		render_config_schema(stdout);
	else
		table();
	return fflush(stdout) ? EXIT_TROUBLE : EXIT_CLEAN;
}

const struct subcommand cmd_rules = {
	.name = "rules",
	.usage = "rules [--format text|json|markdown|man|schema]",
	.summary = "List the rule catalogue: id, severity, checklist point and title.",
	.help = "options:\n"
		"  --format FORMAT  text (default: a table), json (the catalogue as data: id,\n"
		"                   title, severity, default_enabled, checklist point, layer,\n"
		"                   command, scope, options, hadolint equivalents), markdown\n"
		"                   (every explain page, as in docs/rules.md), man\n"
		"                   (seaworthy-rules(7)) or schema (the JSON Schema of\n"
		"                   .seaworthy.yaml, docs/seaworthy.schema.json); a rule\n"
		"                   that is off by default says so\n"
		"  --markdown       same as --format markdown\n"
		"  --man            same as --format man\n"
		"  --color WHEN, --no-color\n"
		"                   taken as by every command; this output has no colour\n",
	.run = run,
};
