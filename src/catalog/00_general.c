/* The catalogue, general rules: each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0001 = {
	.id = "SW0001",
	.title = "A base image has no tag or uses latest",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "An untagged or :latest base image is whatever the registry serves on the day "
	       "of the build: two builds of the same commit can ship different OS packages, "
	       "runtimes and bugs, and a rollback rebuild is not the image you tested. A version "
	       "tag (and a digest) makes builds reproducible and upgrades deliberate. Tags that "
	       "float like latest are reported too: stable, edge, nightly, lts, main, master, "
	       "dev, rolling, alone or with a variant (stable-slim, lts-alpine) but without a "
	       "version or date (stable-20240722 is pinned), and a tag with no digit at all on an "
	       "application image (nginx:alpine, python:slim: the newest release in that variant); "
	       "an OS image's codename (debian:bookworm) names a release, and distroless's "
	       ":nonroot is not reported. FROM ${REGISTRY}/ubuntu is "
	       "reported as untagged when the variable has no default: it only picks the "
	       "registry. An image that COPY --from copies out of (COPY "
	       "--from=composer:latest /usr/bin/composer ...) is judged the same, but for a "
	       "bare name with no tag, which may be a named build context.",
	.bad = "FROM node\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Pin a version tag (e.g. node:20.11-bookworm-slim) and ideally a digest (@sha256:...)",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3006" }, { "hadolint", "DL3007" },
					     { 0 } },
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0002 = {
	.id = "SW0002",
	.title = "ADD is used where COPY would do",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "ADD does more than copy: it downloads URLs and silently unpacks tar archives. "
	       "Used for plain local files it hides intent, and a file that later happens to "
	       "be an archive is extracted instead of copied. COPY does exactly what it says; "
	       "keep ADD for remote sources and archives you mean to unpack.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nADD package.json package-lock.json ./\n"
	       "ADD src/ ./src/\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
		"COPY src/ ./src/\n",
	.fix = "Use COPY for local files and folders; keep ADD for URLs and tar archives to unpack",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3020" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0003 = {
	.id = "SW0003",
	.title = "CMD or ENTRYPOINT in shell form loses signals",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "In shell form the container runs /bin/sh -c \"...\" as PID 1 and your program as "
	       "its child. The shell does not forward SIGTERM, so docker stop (and every rolling "
	       "deploy) waits out the grace period and then SIGKILLs the app: in-flight requests "
	       "are cut and shutdown hooks never run. BusyBox ash execs a lone simple command, "
	       "so on Alpine and BusyBox base images (alpine, busybox, *-alpine tags) under the "
	       "default shell a single simple command is not reported; Debian's and Ubuntu's "
	       "dash stays as PID 1, and lists (a && b) and pipes are reported everywhere. The "
	       "exec form makes the program PID 1 whatever the base image.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD node server.js\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Use the exec form, CMD [\"executable\", \"arg\"], or start the last command with exec",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3025" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0004 = {
	.id = "SW0004",
	.title = "A RUN pipes commands without set -o pipefail",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "A pipeline's exit status is that of its last command. In "
	       "curl -fsSL $URL | sh, a failed download hands sh an empty or cut-short script, "
	       "which it runs as far as it goes: the RUN succeeds anyway and the image ships "
	       "broken. With pipefail, any failing command fails the build. A pipe into a "
	       "command that fails on an empty or cut-short input and ends the pipeline "
	       "(tar -x, gunzip, gpg, apt-key add, sha256sum -c) is not reported: it fails the "
	       "RUN already; nor is an installer piped into an interpreter (curl | php -- --install-dir=/usr/local/bin) "
	       "when one of the next commands of the RUN, under set -e or after &&, uses what it installs: "
	       "a path it names (chmod +x /usr/local/bin/composer), its --filename (composer install), or the "
	       "file a known installer writes (mv composer.phar): an empty download installs nothing, and that "
	       "command fails. "
	       "Development, test and CI Dockerfiles are not judged. "
	       "Only stages whose files ship are checked: in a builder stage whose output is copied out, a quiet failure leaves out what a later step needs, and the build fails there.",
	.bad = "FROM debian:bookworm-slim\n"
	       "RUN curl -fsSL https://example.com/install.sh | sh\n",
	.good = "FROM debian:bookworm-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
		"RUN curl -fsSL https://example.com/install.sh | sh\n",
	.fix = "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before the RUN, or start "
	       "the script with set -o pipefail && where /bin/sh supports it",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL4006" }, { 0 } },
};

const struct rule SW0005 = {
	.id = "SW0005",
	.title = "The final stage of a service image has no HEALTHCHECK",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "Without a health check, Docker only knows whether the process exists: a server "
	       "that deadlocked, lost its database or stopped answering stays \"running\" and keeps "
	       "receiving traffic. A HEALTHCHECK marks it unhealthy, so the orchestrator, "
	       "depends_on: service_healthy and your monitoring can react. Not reported when every "
	       "compose service that builds and runs the stage sets its own healthcheck: (which "
	       "replaces the image's): the finding is dropped, not lowered, since it is a note "
	       "already.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\n"
		"HEALTHCHECK --interval=30s --timeout=3s CMD [\"node\", \"healthcheck.js\"]\n"
		"CMD [\"node\", \"server.js\"]\n",
	.fix = "Add a HEALTHCHECK that probes the service (or HEALTHCHECK NONE if the "
	       "orchestrator checks it)",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3057" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
	.default_off = "On the real projects of the suite (tests/realworld) 8 of its 17 "
		       "findings were worth a change: whether a probe belongs in the image or "
		       "in the orchestrator is a choice (Docker's official images ship none), "
		       "and plain Compose does not act on an unhealthy state. hadolint's "
		       "DL3057 is off by default for the same reason",
};

const struct rule SW0006 = {
	.id = "SW0006",
	.title = "WORKDIR is a relative path",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "A relative WORKDIR is resolved against the previous one, which may come from "
	       "the base image: when the base image changes its WORKDIR, your files silently "
	       "land somewhere else and COPY, CMD and volume paths stop matching. An absolute "
	       "path says where the app lives.",
	.bad = "FROM node:20-slim\nWORKDIR app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Use an absolute path, e.g. WORKDIR /app",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3000" }, { 0 } },
};

const struct rule SW0007 = {
	.id = "SW0007",
	.title = "More than one CMD, ENTRYPOINT or HEALTHCHECK in a stage",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "Only the last CMD, the last ENTRYPOINT and the last HEALTHCHECK of a stage "
	       "take effect; the earlier ones are silently dropped. Two CMDs usually mean "
	       "someone expected both processes to start, or a debugging leftover that now "
	       "misleads readers about what runs.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"worker.js\"]\n"
	       "CMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Keep one CMD, one ENTRYPOINT and one HEALTHCHECK per stage; run other processes in "
	       "their own containers",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3012" }, { "hadolint", "DL4003" },
					     { "hadolint", "DL4004" }, { 0 } },
};

const struct rule SW0008 = {
	.id = "SW0008",
	.title = "An image comes from an untrusted registry",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "Images are code that runs in production, or builds it. A project that mirrors or "
	       "vets its images lists the registries it trusts in .seaworthy.yaml "
	       "(trusted-registries); an image pulled from anywhere else skipped that review. The "
	       "base images of FROM are checked, and the images COPY --from and RUN "
	       "--mount=from= pull. An entry trusts the names it starts, whole parts only "
	       "(registry.example.com, docker.io/library); * and ? match within one part "
	       "(*.example.com, ghcr.io/acme-*).",
	.bad = "# .seaworthy.yaml: trusted-registries: [registry.example.com]\nFROM node:20\n"
	       "COPY --from=ghcr.io/astral-sh/uv:0.4 /uv /bin/\n",
	.good = "FROM registry.example.com/mirror/node:20\n"
		"COPY --from=registry.example.com/mirror/uv:0.4 /uv /bin/\n",
	.fix = "Pull the image through a trusted registry, or add that registry to "
	       "trusted-registries in .seaworthy.yaml",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3026" }, { 0 } },
};

const struct rule SW0009 = {
	.id = "SW0009",
	.title = "A suppression comment suppresses nothing",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "any",
	.why = "A suppression outlives the problem it hid: once the code is fixed or moved, the "
	       "comment silently waits to hide the next, unrelated finding of that rule. Removing "
	       "stale suppressions keeps the list of accepted risks true.",
	.bad = "# seaworthy ignore=SW0201 -- legacy image runs as root\nFROM debian:12\n"
	       "USER app\n",
	.good = "FROM debian:12\nUSER app\n",
	.fix = "Delete the suppression comment, or name the rule that still fires there",
};

const struct rule SW0010 = {
	.id = "SW0010",
	.title = "A suppression comment gives no reason",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "any",
	.why = "With --require-reasons, every accepted risk must say why it is accepted, so that "
	       "reviewers and later maintainers can judge whether it still holds.",
	.bad = "# seaworthy ignore=SW0201\nFROM debian:12\n",
	.good = "# seaworthy ignore=SW0201 -- the init system drops privileges itself\n"
		"FROM debian:12\n",
	.fix = "Add the reason after two dashes: # seaworthy ignore=ID -- reason",
};

const struct rule SW0011 = {
	.id = "SW0011",
	.title = "MAINTAINER is deprecated",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "MAINTAINER has been deprecated since Docker 1.13: it fills the image's Author "
	       "field, which registries and scanners no longer show. The OCI label "
	       "org.opencontainers.image.authors is what they read. Images that are not "
	       "published (development, test and CI files) are not judged.",
	.bad = "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
	.good = "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"jane@example.com\"\n",
	.fix = "Replace MAINTAINER with LABEL org.opencontainers.image.authors=\"...\"",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL4000" }, { 0 } },
};

const struct rule SW0012 = {
	.id = "SW0012",
	.title = "Two stages have the same name",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "A stage name is how FROM, COPY --from, RUN --mount=from and --target reach a "
	       "stage. With two stages of one name those references cannot say which they "
	       "mean, and BuildKit's own build checks report it as an error. It is most often "
	       "a stage copied and renamed in one place only.",
	.bad = "FROM golang:1.22 AS build\nRUN go build -o /app .\n"
	       "FROM node:20 AS build\nRUN npm run build\n",
	.good = "FROM golang:1.22 AS build-api\nRUN go build -o /app .\n"
		"FROM node:20 AS build-web\nRUN npm run build\n",
	.fix = "Give each stage its own name and update the references to it",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3024" }, { 0 } },
};

const struct rule SW0013 = {
	.id = "SW0013",
	.title = "EXPOSE names a port or protocol that does not exist",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "A port is a number from 0 to 65535 (or a range of them) and its protocol is "
	       "tcp, udp or sctp. Anything else stops the build at the EXPOSE, the port "
	       "parser of the Docker engine refuses it.",
	.bad = "FROM nginx:1.27\nEXPOSE 80/http 443000\n",
	.good = "FROM nginx:1.27\nEXPOSE 80/tcp 443\n",
	.fix = "Write the port as a number (or LOW-HIGH) from 0 to 65535, with /tcp, /udp or "
	       "/sctp if needed",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3011" }, { 0 } },
};

const struct rule SW0014 = {
	.id = "SW0014",
	.title = "COPY --from names the stage it is in",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "A stage cannot copy from itself: it does not exist until it is built. BuildKit "
	       "stops with a circular dependency. The COPY was meant to name an earlier stage.",
	.bad = "FROM node:20 AS web\nCOPY --from=web /app/dist /usr/share/web\n",
	.good = "FROM node:20 AS build\nRUN npm run build\n"
		"FROM nginx:1.27 AS web\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
	.fix = "Name the earlier stage that builds the files",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3023" }, { 0 } },
};

const struct rule SW0015 = {
	.id = "SW0015",
	.title = "COPY or ADD copies several sources to a destination without a final /",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "With more than one source the destination must be a folder. The classic "
	       "builder (and the tools that follow it) refuses the build unless the "
	       "destination ends with /; BuildKit makes the folder anyway. The final / says "
	       "which is meant and builds everywhere.",
	.bad = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt setup.py src\n",
	.good = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt setup.py src/\n",
	.fix = "End the destination with /",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3021" }, { 0 } },
};

const struct rule SW0016 = {
	.id = "SW0016",
	.title = "A RUN ends with a cd that nothing uses",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "Each RUN starts a new shell in the WORKDIR, so a cd lasts only until the end "
	       "of its RUN. A RUN that ends with cd (or is only a cd) changes nothing: the "
	       "next RUN, COPY or CMD still runs in the WORKDIR, which is seldom what the cd "
	       "was written for. WORKDIR changes the folder for every instruction after it. "
	       "A cd back (cd /, cd .., cd to the WORKDIR) is not reported.",
	.bad = "FROM node:20-slim\nRUN mkdir -p /app && cd /app\nCOPY package.json .\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json .\n",
	.fix = "Use WORKDIR to change the folder for the instructions after it",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3003" }, { 0 } },
};

const struct rule SW0017 = {
	.id = "SW0017",
	.title = "An ENV value reads a variable that the same ENV sets",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "All the values of one ENV instruction are expanded with the environment "
	       "from before it. In ENV APP_HOME=/app DATA=$APP_HOME/data, DATA gets the old "
	       "APP_HOME (often empty, so /data), not /app. A variable that extends itself "
	       "(PATH=/opt/bin:$PATH) reads its old value on purpose and is not reported.",
	.bad = "FROM python:3.12-slim\nENV APP_HOME=/app DATA=$APP_HOME/data\n",
	.good = "FROM python:3.12-slim\nENV APP_HOME=/app\nENV DATA=$APP_HOME/data\n",
	.fix = "Set the variable in an ENV of its own before the one that reads it",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3044" }, { 0 } },
};

const struct rule SW0018 = {
	.id = "SW0018",
	.title = "useradd gives a high uid without -l",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "useradd records every user in /var/log/lastlog and /var/log/faillog, files "
	       "indexed by uid: for uid 100000 lastlog is a 29 MB sparse file. Image layers do "
	       "not keep holes, so the layer stores it whole, and a uid in the millions adds "
	       "gigabytes. -l (--no-log-init) leaves the user out of them.",
	.bad = "FROM debian:12-slim\nRUN useradd -u 1000000 app\n",
	.good = "FROM debian:12-slim\nRUN useradd -l -u 1000000 app\n",
	.fix = "Add -l (--no-log-init) to the useradd",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3046" }, { 0 } },
};

const struct rule SW0019 = {
	.id = "SW0019",
	.title = "A package install or upgrade would ask for confirmation",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "A build has no terminal. apt-get asks before it installs more than the "
	       "packages named (their dependencies), dnf and yum before every change, zypper "
	       "before it installs: with no answer they abort, and the build fails, or starts "
	       "failing the day a dependency is added. -y (zypper -n) answers in advance. "
	       "A command fed by a pipe (yes |), options from a variable, and a stage that "
	       "writes the manager's setting (APT::Get::Assume-Yes, assumeyes) or copies "
	       "files into /etc first are not reported; microdnf never asks, and autoremove "
	       "asks only when a build left something behind.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get install curl\n",
	.good = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n",
	.fix = "Add -y (apt-get, dnf, yum) or -n (zypper) to the command",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3014" }, { "hadolint", "DL3030" },
					     { "hadolint", "DL3034" }, { "hadolint", "DL3038" },
					     { 0 } },
};

const struct rule SW0020 = {
	.id = "SW0020",
	.title = "A package is installed without a pinned version",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "Without a version an install takes whatever the repository has that day, so "
	       "two builds of one commit can ship different software, and a release upstream "
	       "can break a build that nothing changed. A version per package (apt's curl=8.5.0-2, "
	       "apk's curl=8.12.1-r0, dnf's nodejs-18.20.4, zypper's curl=8.6.0, pip's "
	       "flask==3.0.3, npm's typescript@5.4.5, gem's bundler:2.5.22 or -v, go "
	       "install's tool@v1.2.3, not @latest) makes the build repeatable; a lock "
	       "file (pip -r, npm ci) does it for language packages. Files, URLs and "
	       "variables are not judged, nor stages that do not ship.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n",
	.good = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8\n",
	.fix = "Give each package its version, or install from a lock file",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3008" }, { "hadolint", "DL3013" },
					     { "hadolint", "DL3016" }, { "hadolint", "DL3018" },
					     { "hadolint", "DL3033" }, { "hadolint", "DL3037" },
					     { "hadolint", "DL3041" }, { "hadolint", "DL3028" },
					     { "hadolint", "DL3062" }, { 0 } },
	.default_off = "It is hadolint's noisiest check: a distribution's versions "
		       "disappear from its mirrors within weeks, so pinned OS packages break "
		       "builds as often as they save them, and most images rely on a "
		       "pinned base image instead. Turn it on where builds must be "
		       "repeatable",
};

const struct rule SW0021 = {
	.id = "SW0021",
	.title = "apt is used where apt-get belongs",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "apt is the interactive front end: its output and options may change between "
	       "releases, and it warns \"apt does not have a stable CLI interface\" when run "
	       "in a script. apt-get (and apt-cache) keep a stable interface for scripts and "
	       "builds.",
	.bad = "FROM debian:12-slim\nRUN apt update && apt install -y curl\n",
	.good = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n",
	.fix = "Use apt-get (apt-cache for searches) in the Dockerfile",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3027" }, { 0 } },
	.default_off = "On the real projects of the suite every apt in a Dockerfile worked "
		       "(its warning is about releases to come) and none was worth a change "
		       "on its own. Turn it on to keep to apt-get",
};

const struct rule SW0022 = {
	.id = "SW0022",
	.title = "apt-get install brings recommended packages",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "By default apt-get also installs every package the ones named recommend: "
	       "often tens of megabytes of documentation tools, fonts and daemons the "
	       "image never uses, each one more thing to patch. --no-install-recommends "
	       "installs what was asked and what it depends on.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y python3\n",
	.good = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y "
		"--no-install-recommends python3\n",
	.fix = "Add --no-install-recommends, and name the recommended packages the image needs",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3015" }, { 0 } },
	.default_off = "A size advice more than a fault: on real projects most images install "
		       "recommended packages knowingly, and leaving them out can break what "
		       "relied on them. Turn it on to keep images lean",
};

const struct rule SW0023 = {
	.id = "SW0023",
	.title = "COPY --from names no stage and pulls an image of that name",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "COPY --from=NAME reads a stage of that name; when there is none, BuildKit "
	       "pulls NAME as an image from Docker Hub (docker.io/library/NAME:latest). A "
	       "typo in a stage name then copies from a stranger's image, or fails far from "
	       "the cause. It is reported when a stage of a close name exists (set for "
	       "license-set, buidler for builder): other names may be build contexts the "
	       "build passes (--build-context NAME=..., bake contexts), as may the images "
	       "the project builds.",
	.bad = "FROM golang:1.22 AS builder\nRUN go build -o /app .\n"
	       "FROM alpine:3.20\nCOPY --from=build /app /app\n",
	.good = "FROM golang:1.22 AS builder\nRUN go build -o /app .\n"
		"FROM alpine:3.20\nCOPY --from=builder /app /app\n",
	.fix = "Name a stage of the Dockerfile, or write the image with its tag (name:1.2)",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3022" }, { 0 } },
};

const struct rule SW0024 = {
	.id = "SW0024",
	.title = "COPY --from copies a whole filesystem",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "COPY --from=stage / / copies everything the other stage has, its package "
	       "manager, caches, compilers and secrets included, over the new stage: the "
	       "multi-stage build then saves nothing. Copy the folders the application "
	       "needs. Stages that do not ship (a builder may take a toolchain whole), "
	       "stages FROM --platform=$BUILDPLATFORM (tools for cross-building) and a "
	       "stage FROM scratch made only to be exported are not reported.",
	.bad = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
	       "FROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n",
	.good = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
		"FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\n",
	.fix = "Copy only the folders the image needs from the other stage",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3067" }, { 0 } },
};

const struct rule SW0025 = {
	.id = "SW0025",
	.title = "COPY or ADD to a relative path with no WORKDIR set",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "A relative destination is resolved against the WORKDIR. With none set in the "
	       "Dockerfile it is the base image's, which the Dockerfile does not show and a "
	       "new base image can change: files land in /, or somewhere else. An explicit "
	       "WORKDIR (or an absolute destination) says where.",
	.bad = "FROM node:20-slim\nCOPY package.json app/\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json ./\n",
	.fix = "Set WORKDIR before the COPY, or give an absolute destination",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3045" }, { 0 } },
	.default_off = "On the real projects of the suite the base image's WORKDIR was the "
		       "one meant (most often /) and the files worked where they landed. "
		       "Turn it on to make every destination explicit",
};

const struct rule SW0026 = {
	.id = "SW0026",
	.title = "RUN replaces /bin/sh with a link",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "ln -sf /bin/bash /bin/sh changes the shell of every script of the image, the "
	       "OS's own maintainer scripts included, which are written for dash or BusyBox, "
	       "and a package update can put the old link back. SHELL [\"/bin/bash\", \"-c\"] "
	       "changes the shell of the Dockerfile's RUNs only.",
	.bad = "FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\n",
	.good = "FROM debian:12-slim\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n",
	.fix = "Use SHELL to run the RUNs with bash, and leave /bin/sh alone",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL4005" }, { 0 } },
};

const struct rule SW0027 = {
	.id = "SW0027",
	.title = "A stage has a reserved name",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "dockerfile",
	.why = "scratch is the empty image and context the build context: FROM scratch, "
	       "COPY --from=context and RUN --mount=from=context mean those, not a stage of "
	       "that name, so the stage cannot be reached the way it is named. BuildKit's "
	       "build checks report it as an error.",
	.bad = "FROM alpine:3.20 AS scratch\nRUN make\n",
	.good = "FROM alpine:3.20 AS build\nRUN make\n",
	.fix = "Rename the stage",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3063" }, { 0 } },
};

const struct rule SW0028 = {
	.id = "SW0028",
	.title = "FROM pins the platform",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "FROM --platform=linux/amd64 builds that stage for one architecture whatever "
	       "the build asks for: on an arm64 host or in a multi-platform build it runs "
	       "emulated, slowly, or ships the wrong binaries. --platform=$BUILDPLATFORM (for "
	       "a cross-compiling builder) and $TARGETPLATFORM are what multi-platform "
	       "builds use, and are not reported.",
	.bad = "FROM --platform=linux/amd64 node:20-slim\n",
	.good = "FROM node:20-slim\n",
	.fix = "Drop --platform, or use $BUILDPLATFORM for a stage that cross-compiles",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3029" }, { 0 } },
};

const struct rule SW0029 = {
	.id = "SW0029",
	.title = "The final USER is a name, not a numeric uid",
	.severity = SEV_INFO,
	.checklist = 2,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "Kubernetes' runAsNonRoot (and other admission policies) can only prove that a "
	       "container is not root from a numeric uid: with USER app the pod is refused "
	       "unless its spec repeats a uid. USER 10001 (or 10001:10001) needs no lookup "
	       "in /etc/passwd.",
	.bad = "FROM node:20-slim\nUSER node\n",
	.good = "FROM node:20-slim\nUSER 1000:1000\n",
	.fix = "Give the uid (and gid) the user was created with: USER 10001:10001",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3066" }, { 0 } },
	.default_off = "Only orchestrators with a non-root admission check need it; for "
		       "Docker and Compose a named USER is as safe. Turn it on for images "
		       "that run on Kubernetes",
};

const struct rule SW0030 = {
	.id = "SW0030",
	.title = "The build upgrades the base image's packages",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "apt-get upgrade, apk upgrade, dnf upgrade and zypper update in a Dockerfile "
	       "make each build install whatever is newest, so two builds of one commit "
	       "differ, and a major upgrade can break the image; the base image's "
	       "maintainers publish patched images for this. Others upgrade on purpose to "
	       "ship fixes before the base image does.",
	.bad = "FROM debian:12-slim\nRUN apt-get update && apt-get -y upgrade\n",
	.good = "FROM debian:12.8-slim\nRUN apt-get update && apt-get install -y "
		"--no-install-recommends curl\n",
	.fix = "Rebuild on a newer base image (pinned by tag or digest) instead",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3005" }, { "hadolint", "DL3017" }, { "hadolint", "DL3031" }, { "hadolint", "DL3035" }, { "hadolint", "DL3039" }, { 0 } },
	.default_off = "Docker's own advice changed: upgrading in the build is now a common "
		       "way to ship security fixes early, and hadolint retired these rules. "
		       "Turn it on where builds must be repeatable",
};

const struct rule SW0031 = {
	.id = "SW0031",
	.title = "ADD downloads a URL without --checksum",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "ADD <url> puts whatever the server sends at build time into the image: "
	       "a release re-tagged upstream, a compromised mirror or a man in the "
	       "middle changes the image with no change to the Dockerfile, and two "
	       "builds of one commit differ. --checksum=sha256:... (Dockerfile syntax "
	       "1.6 and later) makes the build fail when the file is not the one that "
	       "was reviewed. A git source (URL.git#ref) is fetched at a ref and is not "
	       "reported.",
	.bad = "ADD https://example.com/tool-1.4.tar.gz /opt/\n",
	.good = "ADD "
		"--checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
		"\\\n    https://example.com/tool-1.4.tar.gz /opt/\n",
	.fix = "Add --checksum=sha256:<digest> of the file you reviewed, or download it "
	       "in a RUN and check it with sha256sum -c",
	.default_off = "On the real projects of the suite its one finding, a pinned s6-overlay "
		       "release from the project's own GitHub page, was judged debatable: over "
		       "TLS from the upstream's release page, most maintainers accept the risk. "
		       "Turn it on where every download must be verified",
};

static const struct rule_option SW0032_options[] = {
	{ "exclude", true, false, "ShellCheck codes not to report (SC2086 or 2086), besides "
	  "SC1090, SC1091, SC2148 and SC2187, which are never reported" },
	{ NULL, false, false, NULL },
};

const struct rule SW0032 = {
	.id = "SW0032",
	.title = "ShellCheck finds a problem in a RUN instruction or an entry script",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "A RUN instruction is a shell script, and so are the scripts its ENTRYPOINT and "
	       "CMD start: an unquoted variable that splits, a cd that fails and lets the next "
	       "command run in the wrong folder, a bash feature under /bin/sh, break builds "
	       "and containers in ways seaworthy's own rules do not look for. With `shellcheck` "
	       "installed, this rule hands ShellCheck every shell-form RUN of every stage "
	       "(a RUN <<EOF heredoc's body on its own) and the entry scripts of the build "
	       "context the shipped stages run, in the dialect they run in (the SHELL, or the "
	       "script's #! line: sh, bash, dash or ksh; exec-form RUNs and other shells such "
	       "as PowerShell are skipped), and reports what it finds at the Dockerfile's or "
	       "the script's line and column, its message starting with the SC code. The "
	       "finding's severity is ShellCheck's level (error, warning; info and style as "
	       "info). ShellCheck runs once per dialect for the whole run (200 scripts at "
	       "most each time), reading the texts from memory, without its .shellcheckrc "
	       "files; it is given 60 seconds. Not reported: SC1090 and SC1091 (a sourced "
	       "file is in the image, not here), SC2148 and SC2187 (the dialect is given); "
	       "SC2154 for a variable an ARG or ENV in scope (or a predefined proxy ARG) "
	       "sets; the POSIX sh portability warnings (SC3xxx) under BusyBox ash (Alpine), "
	       "which has those features; codes named by a `# hadolint ignore=SC2086` or "
	       "`# shellcheck disable=SC2086` comment just above the instruction, or by the "
	       "rule's exclude option. hadolint runs ShellCheck on RUN the same way: its SC "
	       "findings are this rule's. A `# seaworthy ignore=SW0032` is not reported as "
	       "unused (SW0009): ShellCheck runs after the suppressions are read.",
	.bad = "FROM debian:12-slim\nARG VERSION=1.2\nRUN cd /opt; curl -fsSLO https://example.com/app-$VERSION.tgz\n",
	.good = "FROM debian:12-slim\nARG VERSION=1.2\nWORKDIR /opt\n"
		"RUN curl -fsSLO \"https://example.com/app-${VERSION}.tgz\"\n",
	.fix = "Fix the shell code as the ShellCheck wiki's page for the code says "
	       "(https://www.shellcheck.net/wiki/SC2086 for SC2086)",
	.options = SW0032_options,
	.default_off = "It needs the shellcheck program, which seaworthy runs only when asked "
		       "(`--select SW0032`, or `enable: [SW0032]`); without it, the run says so in "
		       "a note and goes on. Its style findings are many on real Dockerfiles",
};

const struct rule SW0051 = {
	.id = "SW0051",
	.title = "A compose file uses an unset variable that has no default",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "Compose replaces an unset variable with an empty string and only prints a "
	       "warning that scrolls away. An empty image tag, port, password or path then "
	       "reaches the container: the service pulls the wrong image, binds a random port "
	       "or starts without its secret. Giving a default (${TAG:-1.4}) or requiring the "
	       "value (${DB_PASSWORD:?set DB_PASSWORD}) makes the intent explicit. It is said "
	       "once per variable and file, at its first use, with the other lines; a variable "
	       "listed in an example env file (.env.example, .env.sample, .env.dist, "
	       "env.example, .env.template, a named env file such as deploy.env) beside the "
	       "compose file or in the project folder, or written by a setup script there "
	       "that writes .env or links it to the file it writes, is not reported: the "
	       "repository documents that the deployment sets it. Development, test and CI compose files "
	       "are not judged.",
	.bad = "services:\n  api:\n    image: example/api:${TAG}\n",
	.good = "services:\n  api:\n    image: example/api:${TAG:-1.4}\n",
	.fix = "Set the variable in .env, give it a default with ${NAME:-default}, or make it "
	       "required with ${NAME:?message}",
	.default_off = "On the real projects of the suite (tests/realworld) none of its "
		       "findings was worth a change: an unset variable is most often an "
		       "optional integration whose empty value turns it off, and Compose "
		       "itself warns of every unset variable when it loads the file. "
		       "${NAME:?message} is the way to make one required",
};

const struct rule SW0053 = {
	.id = "SW0053",
	.title = "A secret is written in a compose service's environment",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "A password or token typed into the compose file is committed to version "
	       "control with it, copied to every checkout and CI log that prints the config, "
	       "and visible to anyone who can docker inspect the container. Compose secrets "
	       "are mounted as files under /run/secrets instead; most official images read "
	       "NAME_FILE variables for this. Values interpolated from .env or the shell "
	       "(${DB_PASSWORD}) are not reported, nor placeholders (changeme, CHANGE_ME, 123456, "
	       "REPLACE_WITH_A_SECRET); a literal default in the file "
	       "(${ADMIN_PASSWORD:-admin}) is, as it is used whenever the variable is unset. A "
	       "value is said once per file: the services that repeat it are named in via. In "
	       "development, test and CI files only tokens in a known format (ghp_..., AKIA...) "
	       "are reported: their passwords are throwaway values for local stacks. "
	       "A default (${NAME:-value}) is reported when what it guards takes connections from outside the host: the service that holds it publishes a port (other than on loopback, 127.0.0.1:), or, for a database's password, a database of the stack does. A database's password written out is, likewise, only reported when a database of the stack is published; other secrets (an API key works from anywhere) always are. A secret an env_file holds is reported at its line there when the repository commits the file: it is in the tree, not ignored by a .gitignore of the checked tree, and not hidden (.env.prod is a local file by convention).",
	.bad = "services:\n  db:\n    image: postgres:16\n    environment:\n"
	       "      POSTGRES_PASSWORD: hunter2\n",
	.good = "services:\n  db:\n    image: postgres:16\n    environment:\n"
		"      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\n"
		"secrets:\n  db_password:\n    file: ./secrets/db_password.txt   # not committed\n",
	.fix = "Move the value to a secret (secrets: with file: or environment:) and point the "
	       "service at /run/secrets/NAME, or at least interpolate it (${NAME}) from an "
	       "uncommitted .env",
};

const struct rule SW0054 = {
	.id = "SW0054",
	.title = "A compose service's image has no tag or uses latest",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "compose",
	.why = "An untagged or :latest image is whatever the registry serves on the day of the "
	       "pull: two hosts running the same compose file can run different versions, a "
	       "restart after a pull upgrades silently, and a rollback has nothing to roll "
	       "back to. A version tag (and a digest) makes deployments repeatable. Tags that "
	       "float like latest (stable, edge, nightly, lts, main, master, dev, rolling), and "
	       "tags with no digit on an application image (redis:alpine), are reported too. A tag written as a variable (app:${APP_VERSION:-latest}) is a "
	       "setting the deployment makes, and is not reported. "
	       "The project's own image (one its build commands tag, or whose name or owner is named like the folder it is checked in) is pulled on the channel its makers ship and is not reported; pinning it is the deployment's choice.",
	.bad = "services:\n  cache:\n    image: redis\n",
	.good = "services:\n  cache:\n    image: redis:7.2-alpine\n",
	.fix = "Pin a version tag (redis:7.2-alpine), and ideally a digest (@sha256:...)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0055 = {
	.id = "SW0055",
	.title = "A compose service does not set no-new-privileges",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "no-new-privileges stops a process from gaining privileges through "
	       "setuid or setgid binaries (su, sudo, a planted setuid shell), so a "
	       "foothold as the app's user stays that user. Compose sets it per service "
	       "with security_opt; a daemon-wide \"no-new-privileges\": true (SW0083) "
	       "covers every container instead.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    security_opt:\n      - "
		"no-new-privileges:true\n",
	.fix = "Add security_opt: [\"no-new-privileges:true\"] to the service, or set it "
	       "daemon-wide in daemon.json",
	.default_off = "It is advice every service of the suite's real projects fails, and many "
		       "of them set it daemon-wide where compose cannot see it (SW0083 checks "
		       "the daemon). Turn it on to require it per service, as KICS does",
};

const struct rule SW0056 = {
	.id = "SW0056",
	.title = "A long-running compose service has no memory, pids or CPU limit",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "Without limits one container can take every byte of memory or fork "
	       "until the host's process table is full: the kernel then kills processes "
	       "of other containers, or of the host, and the whole stack goes down with "
	       "the one service that leaked. mem_limit, pids_limit and cpus (or "
	       "deploy.resources.limits) bound the damage to the container. One-off "
	       "jobs are not reported.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n    restart: always\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    restart: always\n    "
		"mem_limit: 512m\n    pids_limit: 200\n    cpus: \"1.5\"\n",
	.fix = "Set mem_limit, pids_limit and cpus (or deploy.resources.limits) from "
	       "what the service uses under load, with room to spare",
	.default_off = "No service of the suite's real projects sets all three, and the right "
		       "figures depend on the host and the load: it is a hardening step to take "
		       "on purpose, as docker-bench scores it, not a default finding",
};

const struct rule SW0057 = {
	.id = "SW0057",
	.title = "A compose service's root filesystem is writable",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "With read_only: true an intruder cannot replace the app's programs, add "
	       "a backdoor or hide tools in the container; the places the app writes to "
	       "are listed as tmpfs or volumes, which also documents them. Most images "
	       "write somewhere (a pid file, a cache), so the switch needs those places "
	       "first.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    read_only: true\n    "
		"tmpfs:\n      - /tmp\n    volumes:\n      - uploads:/app/uploads\n",
	.fix = "Set read_only: true and mount a tmpfs or a volume on each place the "
	       "service writes to",
	.default_off = "Advice that nearly every service fails, and that needs the service's "
		       "writable paths known first: turn it on where the stack is being "
		       "hardened (docker-bench 5.12, KICS)",
};

const struct rule SW0058 = {
	.id = "SW0058",
	.title = "A compose service keeps the default capabilities",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "compose",
	.scope = SCOPE_PRODUCTION,
	.why = "Docker gives every container 14 capabilities (chown, dac_override, "
	       "setuid, setgid, net_raw, mknod...). A web app needs none of them once "
	       "it runs as a non-root user on a port above 1023; dropping them all and "
	       "adding back only what the service uses removes tools an intruder would "
	       "use (raw sockets for spoofing, setuid to change user). A privileged "
	       "service is reported by SW0252 instead.",
	.bad = "services:\n  api:\n    image: acme/api:1.8\n",
	.good = "services:\n  api:\n    image: acme/api:1.8\n    cap_drop: [ALL]\n    "
		"cap_add: [NET_BIND_SERVICE]\n",
	.fix = "Add cap_drop: [ALL], then cap_add only the capabilities the service is "
	       "seen to need",
	.default_off = "Advice that nearly every service fails; which capabilities a program "
		       "needs is found by testing it. Turn it on where the stack is being "
		       "hardened (KICS, docker-bench 5.3)",
};

const struct rule SW0071 = {
	.id = "SW0071",
	.title = "The image ships package caches or build leftovers",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "image",
	.why = "Package lists, download caches and .git folders are only needed while building; "
	       "left in a layer they make every pull and every start of a new host slower, and a "
	       ".git folder can leak history.",
	.bad = "RUN apt-get update && apt-get install -y curl\n",
	.good = "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
		"    && rm -rf /var/lib/apt/lists/*\n",
	.fix = "Clean caches in the same RUN that fills them (or use a cache mount), and keep "
	       ".git out with .dockerignore",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0081 = {
	.id = "SW0081",
	.title = "The Docker daemon does not keep containers running across restarts (live-restore)",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "Without live-restore, restarting or upgrading dockerd stops every "
	       "container on the host. With it, containers keep running while the "
	       "daemon is down and are picked up again when it returns.",
	.bad = "{\n  \"log-driver\": \"local\"\n}\n",
	.good = "{\n  \"log-driver\": \"local\",\n  \"live-restore\": true\n}\n",
	.fix = "Set \"live-restore\": true in /etc/docker/daemon.json and reload dockerd",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0082 = {
	.id = "SW0082",
	.title = "The Docker daemon does not remap container users (userns-remap)",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "Without user namespace remapping, root in a container is uid 0 on the "
	       "host: a container escape, or a bind mount of a host folder, acts as "
	       "root. userns-remap maps container uids to an unprivileged range "
	       "(rootless Docker does this anyway).",
	.bad = "{\n  \"live-restore\": true\n}\n",
	.good = "{\n  \"live-restore\": true,\n  \"userns-remap\": \"default\"\n}\n",
	.fix = "Set \"userns-remap\": \"default\" in daemon.json (or run Docker rootless)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0083 = {
	.id = "SW0083",
	.title = "The Docker daemon does not set no-new-privileges by default",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "no-new-privileges stops processes in containers from gaining privileges "
	       "through setuid binaries such as su or sudo. Setting it in the daemon "
	       "makes it the default for every container.",
	.bad = "{\n  \"live-restore\": true\n}\n",
	.good = "{\n  \"live-restore\": true,\n  \"no-new-privileges\": true\n}\n",
	.fix = "Set \"no-new-privileges\": true in daemon.json",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0084 = {
	.id = "SW0084",
	.title = "Containers on the default bridge may talk to each other (icc)",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "host",
	.why = "With inter-container communication on (the default), every container on "
	       "the default bridge network can reach every port of the others. Turning "
	       "icc off leaves communication to user-defined networks, which compose "
	       "creates per project.",
	.bad = "{\n  \"icc\": true\n}\n",
	.good = "{\n  \"icc\": false\n}\n",
	.fix = "Set \"icc\": false in daemon.json and connect containers through "
	       "user-defined networks",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0085 = {
	.id = "SW0085",
	.title = "The Docker daemon does not manage iptables (iptables: false)",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "host",
	.why = "With iptables off, Docker adds no NAT or isolation rules: published "
	       "ports and container traffic then depend on hand-written firewall rules, "
	       "which usually either break networking or leave containers exposed.",
	.bad = "{\n  \"iptables\": false\n}\n",
	.good = "{\n  \"live-restore\": true\n}\n",
	.fix = "Remove \"iptables\": false (and --iptables=false) and firewall "
	       "through the DOCKER-USER chain",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0086 = {
	.id = "SW0086",
	.title = "A Docker daemon setting is both a flag and in daemon.json",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "host",
	.why = "dockerd refuses to start when the same setting is given as a "
	       "command-line flag and in daemon.json (\"the following directives are "
	       "specified both as a flag and in the configuration file\"): the next "
	       "restart of the daemon fails.",
	.bad = "# ExecStart=/usr/bin/dockerd --log-driver=journald\n{\n  "
	       "\"log-driver\": \"local\"\n}\n",
	.good = "# ExecStart=/usr/bin/dockerd\n{\n  \"log-driver\": \"local\"\n}\n",
	.fix = "Keep each setting in one place, preferably daemon.json",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0087 = {
	.id = "SW0087",
	.title = "The Docker daemon listens on TCP without TLS client verification",
	.severity = SEV_ERROR,
	.checklist = 0,
	.layer = "host",
	.why = "The Docker API is root on the host. On a TCP socket (hosts: tcp://..., -H "
	       "tcp://...) without tlsverify, anyone who can reach the port, or any local user "
	       "for 127.0.0.1, runs privileged containers without a password: scanners find "
	       "open 2375 ports within hours. tls alone encrypts but lets every client in; "
	       "tlsverify with tlscacert admits only clients with a certificate it signed.",
	.bad = "{\n  \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]\n}\n",
	.good = "{\n  \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2376\"],\n"
		"  \"tlsverify\": true,\n  \"tlscacert\": \"/etc/docker/ca.pem\",\n"
		"  \"tlscert\": \"/etc/docker/server.pem\",\n  \"tlskey\": \"/etc/docker/server-key.pem\"\n}\n",
	.fix = "Drop the TCP host and use the unix socket (or ssh://), or set tlsverify with "
	       "tlscacert, tlscert and tlskey",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0088 = {
	.id = "SW0088",
	.title = "The Docker daemon trusts insecure registries",
	.severity = SEV_WARNING,
	.checklist = 0,
	.layer = "host",
	.why = "For a registry in insecure-registries the daemon accepts plain HTTP and any "
	       "certificate: whoever sits on the network path can serve their own image "
	       "under a trusted name, and it runs on this host. Registries on 127.0.0.0/8 "
	       "are insecure by default and are not reported.",
	.bad = "{\n  \"insecure-registries\": [\"registry.internal:5000\"]\n}\n",
	.good = "{}\n# and the registry's CA in /etc/docker/certs.d/registry.internal:5000/ca.crt\n",
	.fix = "Give the registry a certificate (its CA in /etc/docker/certs.d/HOST:PORT/) and "
	       "remove it from insecure-registries",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0091 = {
	.id = "SW0091",
	.title = "A container runs without no-new-privileges",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "live",
	.why = "no-new-privileges stops a process from gaining privileges through setuid or "
	       "setgid binaries (su, sudo, a planted setuid shell). The engine shows it only when "
	       "the container asked for it; a daemon-wide \"no-new-privileges\": true (SW0083) "
	       "applies without showing here, hence information only.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --security-opt no-new-privileges --name api acme/api:1.8\n"
		"# compose: security_opt: [\"no-new-privileges:true\"]\n",
	.fix = "Recreate the container with --security-opt no-new-privileges (security_opt: "
	       "[\"no-new-privileges:true\"] in compose), or set it in daemon.json",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0092 = {
	.id = "SW0092",
	.title = "A long-running container has no memory, pids or CPU limit",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "Without limits one container can take every byte of memory or fork "
	       "until the host's process table is full: the kernel then kills processes "
	       "of other containers, or of the host. --memory, --pids-limit and --cpus "
	       "bound the damage to the container. Containers started by compose run or "
	       "docker run --rm are not reported.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --name api --memory 512m --pids-limit 200 --cpus 1.5 "
		"acme/api:1.8\n",
	.fix = "Recreate the container with --memory, --pids-limit and --cpus "
	       "(mem_limit, pids_limit and cpus in compose)",
	.default_off = "Nearly every container fails it, and the figures depend on the host and "
		       "the load: a hardening step to take on purpose, as docker-bench 5.10, "
		       "5.11 and 5.28 score it",
};

const struct rule SW0093 = {
	.id = "SW0093",
	.title = "A container's root filesystem is writable",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "With a read-only root filesystem an intruder cannot replace the app's "
	       "programs or hide tools in the container; the places the app writes to "
	       "are tmpfs or volumes. Most images write somewhere, so the switch needs "
	       "those places first.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --name api --read-only --tmpfs /tmp -v "
		"uploads:/app/uploads acme/api:1.8\n",
	.fix = "Recreate the container with --read-only and a --tmpfs or volume on each "
	       "place it writes to",
	.default_off = "Advice that nearly every container fails (docker-bench 5.12): turn it "
		       "on where the host is being hardened",
};

const struct rule SW0094 = {
	.id = "SW0094",
	.title = "A container keeps the default capabilities",
	.severity = SEV_INFO,
	.checklist = 0,
	.layer = "live",
	.scope = SCOPE_PRODUCTION,
	.why = "Docker gives every container 14 capabilities (chown, dac_override, "
	       "setuid, setgid, net_raw, mknod...) that most programs never use; "
	       "dropping them all and adding back what the program needs removes tools "
	       "an intruder would use. A privileged container is SW0282's.",
	.bad = "docker run -d --name api acme/api:1.8\n",
	.good = "docker run -d --name api --cap-drop ALL --cap-add NET_BIND_SERVICE "
		"acme/api:1.8\n",
	.fix = "Recreate the container with --cap-drop ALL and --cap-add for what it "
	       "needs (cap_drop: [ALL] in compose)",
	.default_off = "Advice that nearly every container fails; which capabilities a program "
		       "needs is found by testing it (docker-bench 5.3)",
};
