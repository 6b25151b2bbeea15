/* The catalogue, checklist point 10 (logs): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW1001 = {
	.id = "SW1001",
	.title = "A service writes log files where no volume is mounted",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "compose",
	.why = "Log files written inside the container grow its writable layer without "
	       "rotation, vanish when the container is replaced, and are invisible to docker "
	       "logs and log drivers. Signs: a log folder in the Dockerfile's ENV/ARG or "
	       "mkdir, a --log-file style option in CMD/ENTRYPOINT or command:, or an image "
	       "known to write files (tomcat, wildfly). Logs linked to /dev/stdout are fine, "
	       "and a log folder only a mkdir names is not taken for where logs go in an image "
	       "that installs a syslog daemon (syslog-ng, rsyslog): its services log through it.",
	.bad = "# Dockerfile: ENV LOG_DIR=/app/logs\nservices:\n  api:\n    build: .\n",
	.good = "services:\n  api:\n    build: .\n    volumes:\n      - api-logs:/app/logs\n"
		"volumes:\n  api-logs:\n# better: log to stdout and let the logging driver rotate\n",
	.fix = "Log to stdout/stderr (or link the files to /dev/stdout), or mount a volume on "
	       "the log folder and rotate it",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1002 = {
	.id = "SW1002",
	.title = "A compose service throws its logs away (logging driver none)",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "compose",
	.why = "With driver none nothing the service writes to stdout or stderr is kept: "
	       "docker logs is empty and the crash that took the service down leaves no "
	       "trace. Rotation, not silence, is the cure for logs that are too big.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: none\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: local\n"
		"      options:\n        max-size: 10m\n",
	.fix = "Use the local driver (rotated by default) or json-file with max-size and max-file",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1003 = {
	.id = "SW1003",
	.title = "A compose service logs with json-file and no max-size",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "compose",
	.why = "The json-file driver keeps everything the container writes in one file on "
	       "the host and never rotates it unless max-size is set: a chatty service fills "
	       "/var/lib/docker, and then every container on the host fails.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: json-file\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    logging:\n      driver: json-file\n"
		"      options:\n        max-size: 10m\n        max-file: \"3\"\n",
	.fix = "Add options max-size (e.g. 10m) and max-file (e.g. \"3\"), or use the local "
	       "driver, which rotates by default",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1004 = {
	.id = "SW1004",
	.title = "A compose service sets no log rotation",
	.severity = SEV_INFO,
	.checklist = 10,
	.layer = "compose",
	.why = "Without logging options the service uses the daemon's default driver, which "
	       "is json-file without rotation unless /etc/docker/daemon.json sets log-opts "
	       "(or makes local the default). Rotation may well be set there, which "
	       "seaworthy host checks; setting it in the compose file keeps the project safe "
	       "on any host.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "x-logging: &logging\n  driver: local\n  options:\n    max-size: 10m\n"
		"services:\n  api:\n    image: acme/api:1.8\n    logging: *logging\n",
	.fix = "Set logging: driver: local (rotated by default) or json-file with max-size, "
	       "shared through an x-logging anchor, or set log-opts in daemon.json",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1051 = {
	.id = "SW1051",
	.title = "The Docker daemon logs with json-file and no max-size",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "host",
	.why = "The default json-file log driver never rotates unless max-size is set: "
	       "a chatty container fills /var/lib/docker and then every container on "
	       "the host fails. The local driver rotates by default.",
	.bad = "{\n  \"log-driver\": \"json-file\"\n}\n",
	.good = "{\n  \"log-driver\": \"local\"\n}\n",
	.fix = "Set \"log-driver\": \"local\", or \"log-opts\": {\"max-size\": "
	       "\"10m\", \"max-file\": \"3\"}",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1071 = {
	.id = "SW1071",
	.title = "The image ships log files or keeps logs inside the container",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "image",
	.why = "Docker collects what a container writes to stdout and stderr. Log files written "
	       "inside it grow its writable layer, vanish with it, and are invisible to docker "
	       "logs; log files baked into the image are stale data from the build.",
	.bad = "RUN npm ci > /var/log/npm.log\nRUN mkdir /app/logs\n",
	.good = "RUN ln -sf /dev/stdout /var/log/app.log\nVOLUME /app/logs\n",
	.fix = "Log to stdout/stderr (or link the file to /dev/stdout), or declare the log folder "
	       "as a VOLUME; delete build logs in the RUN that writes them",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1081 = {
	.id = "SW1081",
	.title = "A container throws its logs away (log driver none)",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "live",
	.why = "With the none log driver, everything the container writes to stdout and stderr "
	       "is dropped: docker logs is empty, and the reason of the last crash is gone.",
	.bad = "docker run -d --log-driver none --name api acme/api:1.8\n",
	.good = "docker run -d --log-driver local --name api acme/api:1.8   # rotated by default\n",
	.fix = "Recreate it with a real log driver: local (rotated by default), or json-file "
	       "with max-size and max-file, or journald",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1082 = {
	.id = "SW1082",
	.title = "A container logs with json-file and no max-size",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "live",
	.why = "json-file, Docker's default log driver, never rotates unless max-size is set: "
	       "the log of a chatty container grows until the disk is full. The engine shows the "
	       "options in effect, the daemon's log-opts defaults included, so a container "
	       "created before the daemon was fixed keeps growing until it is recreated.",
	.bad = "docker run -d --name api acme/api:1.8     # daemon.json sets no log-opts\n",
	.good = "docker run -d --log-opt max-size=10m --log-opt max-file=3 --name api "
		"acme/api:1.8\n# or for every container, daemon.json: {\"log-driver\": \"local\"}\n",
	.fix = "Recreate it with --log-opt max-size=10m --log-opt max-file=3 (or the local "
	       "driver); set log-opts in daemon.json for every new container",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW1083 = {
	.id = "SW1083",
	.title = "A container keeps log files where no named volume or bind mount is",
	.severity = SEV_WARNING,
	.checklist = 10,
	.layer = "live",
	.why = "Log files written inside the container grow its writable layer, vanish when it "
	       "is replaced, and are invisible to docker logs. What can be told from outside: a "
	       "VOLUME of the image on a log folder (/var/log/app, /app/logs), which the engine "
	       "fills with an anonymous volume nobody rotates or keeps, and an environment "
	       "variable naming a log folder (LOG_DIR, LOGS_PATH...) with nothing mounted on it.",
	.bad = "# the image: VOLUME /var/log/app\ndocker run -d --name api acme/api:1.8\n",
	.good = "docker run -d -v api-logs:/var/log/app --name api acme/api:1.8\n"
		"# better: log to stdout and let the log driver rotate\n",
	.fix = "Log to stdout/stderr, or mount a named volume (or a host folder) on the log "
	       "folder and rotate it",
	.scope = SCOPE_PRODUCTION,
};
