/* The catalogue, checklist point 8 (restart): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0801 = {
	.id = "SW0801",
	.title = "A long-running compose service has no restart policy",
	.severity = SEV_WARNING,
	.checklist = 8,
	.layer = "compose",
	.why = "Without a restart policy a container that crashes, runs out of memory or is "
	       "stopped by a daemon or host restart stays down until someone notices. One-off "
	       "jobs are exempt: a service others wait for with condition "
	       "service_completed_successfully, one only in a tools/migration/test/debug/"
	       "setup/init/ci profile, or a data container that runs true (command: "
	       "/bin/true) and only holds volumes.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    restart: unless-stopped\n",
	.fix = "Add restart: unless-stopped (it comes back after a crash and after a reboot, "
	       "unless you stopped it)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0802 = {
	.id = "SW0802",
	.title = "A compose service has an invalid restart policy",
	.severity = SEV_ERROR,
	.checklist = 8,
	.layer = "compose",
	.why = "Compose passes restart: to the engine as written, and the engine accepts only "
	       "no, always, on-failure[:max-retries] and unless-stopped: anything else (a typo, "
	       "on_failure, always:3) fails when the container is created, so the service "
	       "never starts.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    restart: on_failure\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    restart: on-failure:5\n",
	.fix = "Use one of no, always, on-failure[:max-retries] or unless-stopped "
	       "(deploy.restart_policy.condition: none, on-failure or any)",
};

static const struct rule_option SW0803_options[] = {
	{ "max-retries", false, true, "the most restarts on failure that count as capped "
	  "(default 10)" },
	{ NULL, false, false, NULL },
};

const struct rule SW0803 = {
	.id = "SW0803",
	.title = "A compose service restarts forever on failure",
	.severity = SEV_INFO,
	.checklist = 8,
	.layer = "compose",
	.why = "always, unless-stopped and on-failure with no limit restart a container that "
	       "fails at startup forever: the crash loop burns CPU, floods the logs and hides "
	       "the failure behind a service that looks up. on-failure with a retry cap stops "
	       "after a few attempts so the failure is seen. Trade-off: on-failure does not "
	       "bring the container back after a daemon or host restart; keep unless-stopped "
	       "where that matters and watch the restart count instead. The cap is the rule "
	       "option max-retries (default 10).",
	.bad = "services:\n  worker:\n    image: acme/worker:3.2\n    restart: always\n",
	.good = "services:\n  worker:\n    image: acme/worker:3.2\n    restart: on-failure:5\n",
	.fix = "Use restart: on-failure:5 (a retry cap), or keep unless-stopped and alert on "
	       "the container's restart count",
	.options = SW0803_options,
	.scope = SCOPE_PRODUCTION,
	.default_off = "Tried on 25 public application repositories, none of its 181 findings was "
		       "worth a change: restart: always and unless-stopped are what checklist "
		       "point 8 asks for, and the "
		       "on-failure:N it suggests leaves a service down after a reboot or a "
		       "daemon restart. A crash loop is better caught where it happens: SW0882 "
		       "(seaworthy live) reports a container that keeps restarting.",
};

const struct rule SW0804 = {
	.id = "SW0804",
	.title = "A long-running compose service and the image it builds have no health "
		 "check",
	.severity = SEV_INFO,
	.checklist = 8,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "Without a health check a server that hangs, or loses its database, "
	       "still counts as running: restart policies only act on exits, and "
	       "depends_on: condition: service_healthy cannot wait for it. Only "
	       "services built from a Dockerfile in the tree are judged: a pulled image "
	       "may have a HEALTHCHECK compose cannot see. HEALTHCHECK NONE and "
	       "disable: true are choices and are not reported.",
	.bad = "services:\n  api:\n    build: .\n    restart: always\n",
	.good = "services:\n  api:\n    build: .\n    restart: always\n    healthcheck:\n     "
		" test: [\"CMD\", \"/app/healthcheck\"]\n      interval: 30s\n",
	.fix = "Add a healthcheck: to the service, or a HEALTHCHECK to its Dockerfile",
	.default_off = "As with SW0005: whether the probe belongs in the image, in compose or "
		       "in the orchestrator is a choice, and plain Compose does not act on an "
		       "unhealthy state",
};

const struct rule SW0871 = {
	.id = "SW0871",
	.title = "The image has no health check",
	.severity = SEV_INFO,
	.checklist = 8,
	.layer = "image",
	.why = "Without a health check Docker only knows that the process exists; a hung server "
	       "keeps counting as running.",
	.bad = "EXPOSE 8080\nCMD [\"./server\"]\n",
	.good = "EXPOSE 8080\nHEALTHCHECK CMD [\"./healthcheck\"]\nCMD [\"./server\"]\n",
	.fix = "Add a HEALTHCHECK to the Dockerfile (or HEALTHCHECK NONE when the orchestrator "
	       "probes it)",
	.scope = SCOPE_PRODUCTION,
	.default_off = "Off by default, as the Dockerfile's SW0005 is: whether a probe belongs "
		       "in the image or in the orchestrator is a choice (Docker's official "
		       "images ship none)",
};

const struct rule SW0881 = {
	.id = "SW0881",
	.title = "A long-running container has no restart policy",
	.severity = SEV_WARNING,
	.checklist = 8,
	.layer = "live",
	.why = "Without a restart policy (restart no, the default of docker run) a container that "
	       "crashes stays down, and so do all containers after the host or the daemon "
	       "restarts. Reported for a running container, and for a stopped one that exited "
	       "with an error; a container that exited with status 0, a compose run one-off and "
	       "a docker run --rm container are taken for jobs that finished.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --restart unless-stopped --name api acme/api:1.8\n"
		"# compose: restart: unless-stopped\n",
	.fix = "Recreate it with --restart unless-stopped (restart: unless-stopped in compose), "
	       "or docker update --restart unless-stopped NAME",
	.scope = SCOPE_PRODUCTION,
};

static const struct rule_option SW0882_options[] = {
	{ "max-restarts", false, true, "restarts by the restart policy above which a container "
	  "counts as looping (default 3)" },
	{ NULL, false, false, NULL },
};

const struct rule SW0882 = {
	.id = "SW0882",
	.title = "A container keeps restarting",
	.severity = SEV_WARNING,
	.checklist = 8,
	.layer = "live",
	.why = "A restart policy brings a crashed container back, which hides a crash loop: the "
	       "service is down most of the time while docker ps shows it \"Restarting\" or \"Up "
	       "2 seconds\". Reported when the engine is restarting it right now, or when its "
	       "restart count (restarts by the policy since it was last started by hand) is "
	       "above the rule option max-restarts (default 3).",
	.bad = "$ docker ps\nNAMES  STATUS\napi    Restarting (1) 4 seconds ago\n",
	.good = "$ docker ps\nNAMES  STATUS\napi    Up 3 days\n",
	.fix = "Read docker logs NAME for the cause of the crash (configuration, a missing "
	       "dependency, OOM) and fix it; cap the retries with on-failure:N",
	.options = SW0882_options,
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0883 = {
	.id = "SW0883",
	.title = "A long-running container has no health check",
	.severity = SEV_INFO,
	.checklist = 8,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "Without a health check a server that hangs still counts as running: "
	       "restart policies only act on exits, and nothing shows it as unhealthy. "
	       "The container's health check is its image's unless the run replaced it; "
	       "one turned off (--no-healthcheck, HEALTHCHECK NONE) is a choice and is "
	       "not reported.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --name api --health-cmd '/app/healthcheck' "
		"--health-interval 30s acme/api:1.8\n",
	.fix = "Add a HEALTHCHECK to the image, or --health-cmd to the run "
	       "(healthcheck: in compose)",
	.default_off = "Most official images have no HEALTHCHECK and plain Docker does not act "
		       "on an unhealthy state (docker-bench 5.26 scores it): turn it on where "
		       "something watches health",
};
