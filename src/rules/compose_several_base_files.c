/* SW0603: a folder holds several compose base files (compose.yaml and
 * docker-compose.yml ...). Raised by compose discovery
 * (src/compose/project.c), as `docker compose` warns; not by a check over
 * the model. */
#include "rules/rule.h"

const struct rule rule_compose_several_base_files = {
	.id = "SW0603",
	.title = "A folder holds several compose files with default names",
	.severity = SEV_INFO,
	.checklist = 6,
	.layer = "compose",
	.why = "`docker compose` loads only the first of compose.yaml, compose.yml, "
	       "docker-compose.yml and docker-compose.yaml and ignores the others. The ignored "
	       "file usually is an old copy that people keep editing, or read, believing it is "
	       "what runs. One compose file per folder (plus compose.override.yaml and named "
	       "variants such as compose.prod.yaml) leaves no doubt about what is deployed.",
	.bad = "compose.yaml\ndocker-compose.yml   # ignored by docker compose\n",
	.good = "compose.yaml\ncompose.prod.yaml    # used with -f compose.yaml -f compose.prod.yaml\n",
	.fix = "Keep one base compose file: merge the others into it, rename them as variants "
	       "(compose.prod.yaml) or delete them",
	.check_dockerfile = NULL,
};
