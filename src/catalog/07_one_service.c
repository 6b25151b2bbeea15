/* The catalogue, checklist point 7 (one service per container): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0701 = {
	.id = "SW0701",
	.title = "A process supervisor is the main process",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "dockerfile",
	.why = "A supervisor (supervisord, s6, runit, systemd, pm2 with an ecosystem file) "
	       "means several services share one container: they can't be scaled, updated or "
	       "restarted independently, the orchestrator sees one health state for all of "
	       "them, and a crashed service is restarted quietly inside instead of showing up. "
	       "Run one service per container and let the orchestrator supervise. "
	       "A log forwarder (syslog-ng, rsyslogd) or a health probe beside one service makes no second one, and s6-overlay running one service is its init, like tini. An image whose stage or folder is named as an all-in-one (target aio, docker/multi-process/) bundles its services on purpose and is not reported; the name of the folder checked (a clone's) does not count.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y supervisor nginx "
	       "php-fpm\nCOPY supervisord.conf /etc/supervisor/conf.d/app.conf\n"
	       "CMD [\"supervisord\", \"-n\"]\n",
	.good = "# one image per service, run side by side by compose or Kubernetes\n"
		"FROM nginx:1.27\nCOPY nginx.conf /etc/nginx/conf.d/default.conf\n"
		"CMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
	.fix = "Make the service itself the main process (exec form, in the foreground) and "
	       "move the other services to their own containers",
	.scope = SCOPE_PRODUCTION,
	.default_off = "On the real projects of the suite (tests/realworld) 3 of its 18 "
		       "findings were worth a change, and a blind second reviewer judged none "
		       "of the 10 it still reported worth one: every supervisor found was a "
		       "deliberate design (an all-in-one image, a service with its log "
		       "forwarder, a server built around supervisord like Zulip's) that its "
		       "maintainers chose knowing the trade-off. Point 7 stays checked by "
		       "SW0702 (daemons in the background, which nothing watches) and SW0703 "
		       "(sshd)",
};

const struct rule SW0702 = {
	.id = "SW0702",
	.title = "A daemon is started in the background beside the main process",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "dockerfile",
	.why = "A daemon started beside the main process is invisible to the runtime: nobody "
	       "restarts it when it dies, its logs don't reach docker logs, it gets no SIGTERM "
	       "on stop, and the container stays \"healthy\" while half of it is down. Each "
	       "service belongs in its own container, in the foreground. "
	       "A daemon started only when a variable the image leaves unset or empty says so ([ -n \"$CRON_MIN\" ] && crond) is an option the deployment turns on, and is not reported; nor is a lone background job the shell then waits on (mongod & ... wait), which is the container's one service; nor are jobs the script watches, ending the container when one dies (wait -n, or a kill -0 loop that kills PID 1 or exits), so that the restart policy sees the failure.",
	.bad = "FROM node:20-slim\nRUN apt-get update && apt-get install -y nginx\n"
	       "COPY . /app\nCMD nginx && node /app/server.js\n",
	.good = "FROM node:20-slim\nCOPY . /app\nUSER node\n"
		"CMD [\"node\", \"/app/server.js\"]\n"
		"# nginx runs as a separate container (compose service) in front of it\n",
	.fix = "Run each daemon in its own container, in the foreground, and keep one main "
	       "process here",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0703 = {
	.id = "SW0703",
	.title = "An SSH server is installed or port 22 is exposed",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "dockerfile",
	.why = "An SSH server is a second service in the container, with its own keys, "
	       "passwords and CVEs to manage, and an open door an attacker can use. Containers "
	       "don't need it: docker exec and kubectl exec give a shell through the runtime's "
	       "authenticated API, and files go in through volumes or the build.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y openssh-server\n"
	       "EXPOSE 22 8080\nCMD service ssh start && ./server\n",
	.good = "FROM debian:12-slim\nCOPY server /usr/local/bin/server\nEXPOSE 8080\n"
		"CMD [\"server\"]\n# debug with: docker exec -it <container> sh\n",
	.fix = "Remove the SSH server and EXPOSE 22; use docker exec or kubectl exec for a shell",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0771 = {
	.id = "SW0771",
	.title = "The image runs or ships sshd or a process supervisor",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "image",
	.why = "A container is one service: Docker restarts it, collects its logs and checks its "
	       "health through its main process. A supervisor hides crashed children from all "
	       "three, and sshd adds a login service and keys; docker exec replaces it.",
	.bad = "RUN apt-get install -y openssh-server supervisor\nCMD [\"/usr/bin/supervisord\"]\n",
	.good = "CMD [\"node\", \"server.js\"]   # one process; other services in other containers\n",
	.fix = "Run one service per container (compose for the rest) and use docker exec instead "
	       "of sshd",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0772 = {
	.id = "SW0772",
	.title = "The image starts a daemon in the background beside its main process",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "image",
	.why = "The image's Entrypoint or Cmd, or a script of the image they run, starts a "
	       "daemon that detaches (crond, nginx, php-fpm -D, `&`) and then the main process. "
	       "Docker sees only the main process: nobody restarts the daemon when it dies, its "
	       "logs miss docker logs, and it gets no SIGTERM on stop.",
	.bad = "# /usr/local/bin/start.sh, the image's Entrypoint\n#!/bin/sh\ncrond\n"
	       "exec httpd -f\n",
	.good = "# one container per service: the cron jobs in a container of their own\n"
		"CMD [\"httpd\", \"-f\"]\n",
	.fix = "Run each daemon in its own container, in the foreground, and keep one main "
	       "process here",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0781 = {
	.id = "SW0781",
	.title = "A process supervisor or sshd runs in a container",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "live",
	.why = "The container's process list (docker top) shows a supervisor or init system "
	       "(supervisord, s6-svscan, runsvdir, systemd, init...) or an SSH daemon, also when "
	       "a script or an interpreter runs it. A supervisor hides crashed services from "
	       "Docker's restart policy, logs and health checks, and its services cannot be "
	       "scaled or updated apart; sshd adds a login service and keys that docker exec "
	       "makes unnecessary.",
	.bad = "$ docker top app\nUID   PID   PPID  CMD\nroot  4211  4190  /usr/bin/python3 "
	       "/usr/bin/supervisord -n\nroot  4250  4211  nginx: master process\n"
	       "root  4251  4211  php-fpm: master process\n",
	.good = "$ docker top web\nUID    PID   PPID  CMD\n101    4311  4290  nginx: master process\n"
		"$ docker top php\nUID    PID   PPID  CMD\n82     4412  4390  php-fpm: master "
		"process\n",
	.fix = "Run one service per container in the foreground (compose for the others) and use "
	       "docker exec instead of sshd",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0782 = {
	.id = "SW0782",
	.title = "Several process trees run side by side in a container",
	.severity = SEV_WARNING,
	.checklist = 7,
	.layer = "live",
	.why = "A container is one service: Docker restarts it, collects its logs and checks its "
	       "health through its main process. The process list (docker top) is read as a "
	       "tree: wrappers are looked through (an init such as tini or docker-init, or a "
	       "shell with a single child), and when the process left has two or more children "
	       "of other programs (any children, for a shell), several services share the "
	       "container, started in the background. A server's own workers (nginx, "
	       "gunicorn, php-fpm children running the same program) are one service. It is "
	       "a snapshot: a short-lived child can be caught in it.",
	.bad = "CMD [\"sh\", \"-c\", \"redis-server & celery worker & gunicorn app:app\"]\n",
	.good = "# one container each, side by side in compose\nservices:\n  redis: {image: "
		"redis:7}\n  worker: {image: acme/app, command: celery worker}\n  web: {image: "
		"acme/app, command: gunicorn app:app}\n",
	.fix = "Give each service its own container, running in the foreground as the main "
	       "process",
	.scope = SCOPE_PRODUCTION,
};
