/* The catalogue, checklist point 6 (compose): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0601 = {
	.id = "SW0601",
	.title = "Scripts wire up containers and there is no compose file",
	.severity = SEV_WARNING,
	.checklist = 6,
	.layer = "compose",
	.why = "docker run lines in shell scripts, Makefiles and CI files are a deployment "
	       "description nobody can read as a whole: ports, volumes, networks, restart "
	       "policies and start order are scattered over flags, and every change is a new "
	       "script. A compose file states them in one reviewed place that docker compose "
	       "up applies (and seaworthy checks). A foreground docker run --rm of a tool is "
	       "not reported; detached, named, published or networked containers, and "
	       "docker create/start, network create and volume create are.",
	.bad = "#!/bin/sh\ndocker network create app\n"
	       "docker run -d --name db --network app postgres:16\n"
	       "docker run -d --name api --network app -p 8080:8080 acme/api:1.8\n",
	.good = "# compose.yaml\nservices:\n  db:\n    image: postgres:16\n  api:\n"
		"    image: acme/api:1.8\n    ports: [\"127.0.0.1:8080:8080\"]\n"
		"    depends_on: [db]\n",
	.fix = "Describe the containers, networks and volumes in a compose.yaml and start "
	       "them with docker compose up -d",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0602 = {
	.id = "SW0602",
	.title = "Scripts docker run a service the compose file describes",
	.severity = SEV_INFO,
	.checklist = 6,
	.layer = "compose",
	.why = "When a script starts one of the compose project's services with docker run, "
	       "the two descriptions drift: the script's flags (ports, volumes, restart, "
	       "user) are not the ones reviewed in the compose file, and compose does not "
	       "know the container. Matched by container name or image.",
	.bad = "# deploy.sh, next to a compose.yaml that defines api\n"
	       "docker run -d --name api -p 8080:8080 acme/api:1.8\n",
	.good = "# deploy.sh\ndocker compose up -d api\n",
	.fix = "Start the service with docker compose up -d SERVICE (or docker compose run "
	       "for a one-off command)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0603 = {
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
};
