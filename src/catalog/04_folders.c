/* The catalogue, checklist point 4 (folders): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0401 = {
	.id = "SW0401",
	.title = "Directories are created or chowned when the container starts",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "Folders made or re-owned at start are redone on every start, slow down "
	       "startup (chown -R over a big volume can take minutes) and need root at "
	       "runtime, which rules out a non-root USER or a read-only root filesystem. "
	       "Created at build time, they are part of the image with the right owner. "
	       "Not reported: paths on a mount (under a VOLUME of the stage or a volumes: "
	       "target of a compose service that runs it), which start empty or host-owned; "
	       "paths built from a variable no ENV of the image fixes ($DATA_DIR/x); places "
	       "the runtime makes at start (/dev, /proc, /sys, /run, /var/run, /tmp); and "
	       "chown to an owner given at run time ($PUID:$PGID).",
	.bad = "FROM python:3.12-slim\nRUN useradd --system app\nUSER app\n"
	       "CMD mkdir -p /app/logs && exec python /app/main.py\n",
	.good = "FROM python:3.12-slim\nRUN useradd --system app \\\n"
		" && mkdir -p /app/logs && chown app:app /app/logs\nUSER app\n"
		"CMD [\"python\", \"/app/main.py\"]\n",
	.fix = "Create the directories and set their owner in a RUN at build time "
	       "(RUN mkdir -p DIR && chown app:app DIR), and drop the command from the start-up",
	.scope = SCOPE_PRODUCTION,
	.default_off = "On the real projects of the suite (tests/realworld) 1 of its 17 "
		       "findings was worth a change: the folders entry scripts create or chown "
		       "at start are nearly always mounted volumes (bind mounts of a compose "
		       "file that names the image but does not build it, volumes another "
		       "container creates through the Engine API), which must be prepared at "
		       "run time and which seaworthy cannot see from the Dockerfile",
};

const struct rule SW0402 = {
	.id = "SW0402",
	.title = "Files are copied as root into a folder the app user must write to",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "COPY and ADD create files owned by root unless --chown says otherwise, "
	       "whatever USER is in effect. In a folder the unprivileged app writes to (logs, "
	       "uploads, data, cache), root-owned files make writes fail with permission "
	       "denied at runtime, typically only in production, and tempt people into "
	       "chmod 777 or running as root.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nRUN mkdir -p /app/data && chown node:node /app/data\n"
	       "COPY seed.db /app/data/\nUSER node\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nRUN mkdir -p /app/data && chown node:node /app/data\n"
		"COPY --chown=node:node seed.db /app/data/\nUSER node\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Add --chown=<user>:<group> to the COPY, matching the final USER",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0403 = {
	.id = "SW0403",
	.title = "chown -R runs in a separate RUN after COPY",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "Layers are additive: a RUN that changes the owner of copied files writes "
	       "every one of them again into its own layer, so the image carries the files "
	       "twice (node_modules or a JAR directory can double the image size), and the "
	       "recursive chown slows every build. COPY --chown sets the owner as the files "
	       "are written, in the same layer. "
	       "Not reported when what was copied is known to be small (under 64 KiB of build-context files, a config file or two): its second copy costs nothing.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\n"
	       "USER node\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\n"
		"USER node\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Use COPY --chown=<user>:<group> instead of a chown -R in a later RUN",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0404 = {
	.id = "SW0404",
	.title = "chmod 777 or a+w on app folders",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "dockerfile",
	.why = "A world-writable folder or file can be changed by any process in the "
	       "container, whatever user it runs as: an exploited helper or a sidecar sharing "
	       "the volume can rewrite code, configuration or data. 777 is usually a shortcut "
	       "around an ownership problem that chown or COPY --chown solves properly. "
	       "Not reported: the sticky mode 1777 (shared like /tmp), and stages that run as one user who is not root, where no other user exists to write.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chmod -R 777 /app\n"
	       "USER node\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\n"
		"USER node\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Give the folder to the app user (chown or COPY --chown) instead of making it "
	       "writable by everyone",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0471 = {
	.id = "SW0471",
	.title = "A folder the image's user writes to is owned by root",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "image",
	.why = "WORKDIR, COPY and RUN mkdir create folders owned by root. When the service runs as "
	       "a non-root user, its log, data or upload folder (and the mount point of a "
	       "volume, which seeds a new named volume's ownership) must belong to that user, "
	       "or every write fails. chmod 777 \"fixes\" it by letting anyone write.",
	.bad = "WORKDIR /app\nRUN mkdir logs\nUSER app\nVOLUME /app/logs\n",
	.good = "WORKDIR /app\nRUN mkdir logs && chown app:app logs\nUSER app\nVOLUME /app/logs\n",
	.fix = "chown the folder to the service user in the Dockerfile (COPY --chown, or mkdir && "
	       "chown in the same RUN)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0472 = {
	.id = "SW0472",
	.title = "The image's entry script creates or chowns folders at every start",
	.severity = SEV_WARNING,
	.checklist = 4,
	.layer = "image",
	.why = "The script the image's Entrypoint or Cmd runs makes or re-owns folders (mkdir, "
	       "chown, chmod) each time a container starts: redone on every start, slow over a "
	       "big volume, and root is needed at run time for it, which rules out a non-root "
	       "user or a read-only root filesystem. Made at build time, the folders are part "
	       "of the image with the right owner.",
	.bad = "# /usr/local/bin/start.sh, the image's Entrypoint\n#!/bin/sh\n"
	       "mkdir -p /app/data && chown -R app /app/data\nexec su-exec app \"$@\"\n",
	.good = "# in the Dockerfile\nRUN mkdir -p /app/data && chown app:app /app/data\n"
		"USER app\n",
	.fix = "Create the folders and set their owner in a RUN at build time, and drop the "
	       "command from the entry script",
	.scope = SCOPE_PRODUCTION,
};
