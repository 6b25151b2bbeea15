/* The catalogue, checklist point 5 (ARG vs ENV): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0501 = {
	.id = "SW0501",
	.title = "A secret is kept in ARG or ENV",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "ENV values are stored in the image config: anyone who can pull the image reads "
	       "them with docker inspect, and every container gets them. ARG values are not "
	       "in the final environment, but a value passed with --build-arg is recorded in "
	       "the image history and build provenance, and a default is in the Dockerfile. "
	       "Secret mounts give a RUN the secret without leaving it in any layer or record. "
	       "In a builder stage that no shipped stage inherits (only COPY --from reads it), "
	       "a literal under a secret's name is likely a build-time stand-in "
	       "(SECRET_KEY=build-key for collectstatic): info; an ARG meant for a secret there "
	       "is a warning (provenance still records it). Paths, switches, placeholders "
	       "(dummy, changeme, CHANGE_ME, secret, 123456, ~, null) and PUBLIC names are not secrets. In development, "
	       "test and CI Dockerfiles only tokens in a known format (ghp_..., AKIA...) are "
	       "reported.",
	.bad = "FROM node:20-slim\nARG NPM_TOKEN\nWORKDIR /app\nCOPY package*.json ./\n"
	       "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\n",
	.good = "# syntax=docker/dockerfile:1\nFROM node:20-slim\nWORKDIR /app\n"
		"COPY package*.json ./\n"
		"RUN --mount=type=secret,id=npmrc,target=/app/.npmrc npm ci\n"
		"# docker build --secret id=npmrc,src=$HOME/.npmrc .\n",
	.fix = "Remove the secret from ARG/ENV: mount it in the RUN that needs it "
	       "(RUN --mount=type=secret,id=NAME ...) and pass it with docker build --secret",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL3064" }, { 0 } },
};

const struct rule SW0502 = {
	.id = "SW0502",
	.title = "A secret is passed on a RUN command line",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "dockerfile",
	.scope = SCOPE_PRODUCTION,
	.why = "The text of every RUN is stored in the image history, so a password or token "
	       "written on the command line can be read by anyone who can pull the image "
	       "(docker history --no-trunc), and it sits in the Dockerfile in version control. "
	       "A secret mount gives the RUN the secret for that one step and leaves no trace. "
	       "In a builder stage no shipped stage inherits, whose history is not pushed, a "
	       "literal under a secret's name is info (a build-time stand-in) and a real "
	       "token a warning (it is still committed with the Dockerfile). In development, test "
	       "and CI Dockerfiles only tokens in a known format are reported.",
	.bad = "FROM alpine:3.20\n"
	       "RUN apk add --no-cache curl && \\\n"
	       "    curl -u deploy:s3cr3t -o /app.tar.gz https://repo.example.com/app.tar.gz\n",
	.good = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n"
		"RUN --mount=type=secret,id=repo_auth apk add --no-cache curl && \\\n"
		"    curl -u \"deploy:$(cat /run/secrets/repo_auth)\" -o /app.tar.gz "
		"https://repo.example.com/app.tar.gz\n",
	.fix = "Mount the secret for this RUN (RUN --mount=type=secret,id=NAME, read "
	       "/run/secrets/NAME) and pass it with docker build --secret id=NAME,src=<file>",
};

const struct rule SW0503 = {
	.id = "SW0503",
	.title = "An ARG is read at run time, where it no longer exists",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "ARG values exist only while the image is built. CMD, ENTRYPOINT and HEALTHCHECK "
	       "run later, in the container, where only ENV variables are set: a $NAME that "
	       "refers to an ARG is empty there, so the service starts with a missing port, "
	       "path or mode, often without any error.",
	.bad = "FROM python:3.12-slim\nARG PORT=8000\nCOPY . /app\n"
	       "CMD gunicorn --bind 0.0.0.0:$PORT app:app\n",
	.good = "FROM python:3.12-slim\nARG PORT=8000\nENV PORT=${PORT}\nCOPY . /app\n"
		"CMD gunicorn --bind 0.0.0.0:$PORT app:app\n",
	.fix = "Persist the value for run time with ENV NAME=${NAME} after the ARG",
};

const struct rule SW0504 = {
	.id = "SW0504",
	.title = "A build-only setting is kept as ENV",
	.severity = SEV_INFO,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "ENV persists into every container started from the image. DEBIAN_FRONTEND="
	       "noninteractive is only meant to silence apt during the build; left in the "
	       "image it changes how debconf behaves for anyone who runs apt or dpkg-reconfigure "
	       "in the container. BuildKit settings such as BUILDKIT_INLINE_CACHE are read only "
	       "from --build-arg: as ENV they configure nothing.",
	.bad = "FROM debian:bookworm-slim\nENV DEBIAN_FRONTEND=noninteractive\n"
	       "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
	       " && rm -rf /var/lib/apt/lists/*\n",
	.good = "FROM debian:bookworm-slim\nARG DEBIAN_FRONTEND=noninteractive\n"
		"RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
		" && rm -rf /var/lib/apt/lists/*\n",
	.fix = "Use ARG for build-time settings (ARG DEBIAN_FRONTEND=noninteractive), or set "
	       "them as a prefix of the RUN that needs them",
	.scope = SCOPE_PRODUCTION,
	.default_off = "On the real projects of the suite (tests/realworld) none of its 3 "
		       "findings was worth a change: each was ENV DEBIAN_FRONTEND, which "
		       "nothing reads at run time unless someone runs apt in the container",
};

const struct rule SW0505 = {
	.id = "SW0505",
	.title = "A variable is used but never defined",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "The builder expands an undefined variable to an empty string without a "
	       "warning: FROM golang:${GO_VERSION} turns into a broken or different image "
	       "reference, and COPY app-${TARGETARCH} copies the wrong file. Only ARGs declared "
	       "before the first FROM are visible in FROM, and the platform ARGs (TARGETARCH...) "
	       "only in stages that declare them. An ARG's scope is its stage and the stages built "
	       "FROM it: a RUN of another stage that uses it (RUN go install x@$PLUGIN_HASH) gets "
	       "an empty value, and is reported; other names in RUN may be the shell's or the base "
	       "image's, and are not.",
	.bad = "FROM golang:${GO_VERSION} AS build\nWORKDIR /src\nCOPY . .\n"
	       "RUN go build -o /out/ ./...\n"
	       "FROM scratch\nCOPY --from=build /out/app-${TARGETARCH} /app\n"
	       "ENTRYPOINT [\"/app\"]\n",
	.good = "ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS build\nWORKDIR /src\n"
		"COPY . .\nRUN go build -o /out/ ./...\n"
		"FROM scratch\nARG TARGETARCH\nCOPY --from=build /out/app-${TARGETARCH} /app\n"
		"ENTRYPOINT [\"/app\"]\n",
	.fix = "Declare the variable (ARG before the first FROM for FROM, ARG in the stage "
	       "otherwise) or fix its name",
};

const struct rule SW0506 = {
	.id = "SW0506",
	.title = "An ARG declared before FROM is used in a stage without being declared again",
	.severity = SEV_WARNING,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "An ARG before the first FROM is only in scope for the FROM lines. Inside a "
	       "stage it is empty until the stage declares it again with a bare ARG NAME, so "
	       "a RUN or COPY that uses it silently gets an empty string: the wrong version "
	       "is downloaded, or a path loses a component.",
	.bad = "ARG VERSION=1.4.2\nFROM alpine:3.20\n"
	       "RUN wget -O /tmp/tool.tgz https://example.com/tool-${VERSION}.tgz\n",
	.good = "ARG VERSION=1.4.2\nFROM alpine:3.20\nARG VERSION\n"
		"RUN wget -O /tmp/tool.tgz https://example.com/tool-${VERSION}.tgz\n",
	.fix = "Declare the ARG again (ARG NAME, no value) after the FROM of the stage that uses it",
};

const struct rule SW0507 = {
	.id = "SW0507",
	.title = "COPY or ADD puts a secret file into the image",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "dockerfile",
	.why = "A private key, a .env file, an .npmrc with a token or cloud, registry or Git "
	       "credentials copied into a layer ship with the image, even if a later RUN "
	       "deletes them: anyone who pulls it can extract them with docker save. A source "
	       "named as one (.env, id_rsa, .git-credentials, .aws/credentials) is reported "
	       "whether or not it is in the build context; others when the context's file "
	       "holds one (-----BEGIN ... PRIVATE KEY-----, an npm auth token, a registry "
	       "login). A COPY or ADD of the context's root, a folder or a wildcard is "
	       "reported when what it copies holds such a file that git ignores (a secret of "
	       "the checkout, not a committed template) and the build's ignore file "
	       "(Dockerfile.dockerignore beside the Dockerfile, else the context's "
	       ".dockerignore, read as BuildKit reads it) does not exclude: the context is "
	       "walked once per run, 16 folders deep and 20,000 entries at most, without "
	       "symlinks, .git, node_modules, vendor, nor folders of tests, fixtures, "
	       "examples and docs (their keys are dummies); a .env counts there only when it "
	       "sets a secret variable to a real value, and key files are read for their "
	       "first 64 KiB. An ignore file BuildKit would refuse, or with a pattern "
	       "seaworthy does not follow, leaves the context unjudged. Stages that do not "
	       "ship are not judged: a builder's files stay in "
	       "the builder (the secret still reaches its cache: prefer a secret mount).",
	.bad = "FROM node:20-slim\nCOPY .npmrc package.json ./\nRUN npm ci\n",
	.good = "FROM node:20-slim\nCOPY package.json ./\n"
		"RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
	.fix = "Pass it with RUN --mount=type=secret (or --mount=type=ssh for keys), and keep "
	       "it out of the build context with .dockerignore",
	.peers = (const struct peer_rule[]){ { "hadolint", "DL4007" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0571 = {
	.id = "SW0571",
	.title = "A secret is stored in the image config or history",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "image",
	.why = "Env and the history's created_by lines ship with the image: docker inspect and "
	       "docker history print them for anyone who can pull it. Build ARG values used by "
	       "RUN steps are recorded there too.",
	.bad = "ARG NPM_TOKEN\nRUN npm ci\nENV DB_PASSWORD=hunter2\n",
	.good = "RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\n",
	.fix = "Pass secrets at run time (environment or mounted secret files) and at build time "
	       "with RUN --mount=type=secret",
};

const struct rule SW0572 = {
	.id = "SW0572",
	.title = "A secret file is shipped in an image layer",
	.severity = SEV_ERROR,
	.checklist = 5,
	.layer = "image",
	.why = "Every layer is part of the image: a key or credentials file copied in and deleted "
	       "by a later RUN rm is still in the earlier layer, and anyone who pulls the image "
	       "can extract it with docker save.",
	.bad = "COPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@host:repo && rm /root/.ssh/id_rsa\n",
	.good = "RUN --mount=type=ssh git clone git@host:repo\n",
	.fix = "Keep secrets out of the build context (.dockerignore) and use "
	       "RUN --mount=type=secret or --mount=type=ssh",
};
