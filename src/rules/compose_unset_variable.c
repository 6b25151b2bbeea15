/* SW0051: a compose file uses a variable that is not set and has no
 * default. Raised by the compose loader (src/compose/project.c) while it
 * interpolates, as `docker compose` warns; not by a check over the model. */
#include "rules/rule.h"

const struct rule rule_compose_unset_variable = {
	.id = "SW0051",
	.title = "A compose file uses an unset variable that has no default",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "compose",
	.why = "Compose replaces an unset variable with an empty string and only prints a "
	       "warning that scrolls away. An empty image tag, port, password or path then "
	       "reaches the container: the service pulls the wrong image, binds a random port "
	       "or starts without its secret. Giving a default (${TAG:-1.4}) or requiring the "
	       "value (${DB_PASSWORD:?set DB_PASSWORD}) makes the intent explicit.",
	.bad = "services:\n  api:\n    image: example/api:${TAG}\n",
	.good = "services:\n  api:\n    image: example/api:${TAG:-1.4}\n",
	.fix = "Set the variable in .env, give it a default with ${NAME:-default}, or make it "
	       "required with ${NAME:?message}",
	.check_dockerfile = NULL,
};
