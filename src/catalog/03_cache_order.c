/* The catalogue, checklist point 3 (cache order): each rule's metadata, in id order.
 * What raises it lives in src/checks/ (or the loader that finds it). */
#include "catalog/catalog.h"

const struct rule SW0301 = {
	.id = "SW0301",
	.title = "The whole build context is copied before a dependency install",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "Docker reuses a layer only while everything before it is unchanged. When "
	       "`COPY . .` comes before the install, any edit to any file invalidates the "
	       "install layer, so every build downloads and installs all dependencies again: "
	       "slow builds, flaky CI on registry hiccups, and no benefit from the cache. "
	       "Copying only the manifests first keeps the install cached until they change.",
	.bad = "FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD [\"node\", \"server.js\"]\n",
	.good = "FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n"
		"RUN npm ci\nCOPY . .\nCMD [\"node\", \"server.js\"]\n",
	.fix = "Copy only the dependency manifests first, run the install, then copy the rest "
	       "of the context",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0302 = {
	.id = "SW0302",
	.title = "A dependency manifest is not copied on its own before the install",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "The install layer stays cached only while every file copied before it is "
	       "unchanged. When the manifest is copied in the same COPY as code, or arrives "
	       "inside a code directory, any code edit reruns the full dependency install. "
	       "Copying the manifest and lock file on their own first makes dependency "
	       "changes the only thing that invalidates the install.",
	.bad = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt app/ ./\n"
	       "RUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"main.py\"]\n",
	.good = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\n"
		"RUN pip install --no-cache-dir -r requirements.txt\nCOPY app/ ./\n"
		"CMD [\"python\", \"main.py\"]\n",
	.fix = "Copy only the manifest and lock file first, run the install, then copy the code",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0303 = {
	.id = "SW0303",
	.title = "A package index update runs alone in its RUN",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "Docker caches a `RUN apt-get update` layer and reuses it for months, while a "
	       "later `RUN apt-get install` changes on its own: the install then works from "
	       "outdated package lists, misses security updates or fails with 404s on "
	       "packages the mirrors have dropped. Updating and installing in one RUN "
	       "refreshes the lists whenever the package list changes. The same holds for "
	       "`apk update` (unless every later `apk add` uses --no-cache, or one uses "
	       "--update first) and `pacman -Sy`. `dnf makecache`, `yum makecache` and "
	       "`zypper refresh` alone are notes (info): dnf and zypper refresh metadata "
	       "that expired themselves, so the update only adds to the layer. "
	       "With no install after it, in its stage or in one built FROM it, the refresh only weighs on the layer: info.",
	.bad = "FROM debian:bookworm-slim\nRUN apt-get update\n"
	       "RUN apt-get install -y --no-install-recommends curl\n",
	.good = "FROM debian:bookworm-slim\nRUN apt-get update \\\n"
		" && apt-get install -y --no-install-recommends curl \\\n"
		" && rm -rf /var/lib/apt/lists/*\n",
	.fix = "Run the update in the same RUN as the install that needs it "
	       "(apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*; "
	       "apk add --no-cache ...)",
	.scope = SCOPE_PRODUCTION,
};

const struct rule SW0304 = {
	.id = "SW0304",
	.title = "Package manager caches are left in the layer",
	.severity = SEV_WARNING,
	.checklist = 3,
	.layer = "dockerfile",
	.why = "Package indexes and downloaded archives are only needed while installing, yet "
	       "a layer keeps whatever the RUN left behind: tens of megabytes that every pull, "
	       "push and node pays for. Deleting them in a later RUN doesn't help, because the "
	       "earlier layer still holds them; the cleanup must happen in the same RUN. "
	       "Only the final stage and the stages it is built FROM are checked: a builder "
	       "stage's filesystem is thrown away. Known: apt (cleaned by rm of "
	       "/var/lib/apt/lists or `apt-get dist-clean`), apk (--no-cache; an `apk update` "
	       "before `apk add --no-cache` still writes the index, unless rm of /var/cache/apk "
	       "follows), dnf, yum, "
	       "microdnf, tdnf and zypper with their aliases (`dnf in`, `up`, `reinstall`, "
	       "`zypper patch`; `clean all`), pacman (-Scc), pip (--no-cache-dir, or "
	       "PIP_NO_CACHE_DIR set to any value pip accepts, `off` and `0` included), npm "
	       "(`npm cache clean --force`), yarn (`yarn cache clean`) and composer "
	       "(`composer clear-cache`, --no-cache, or COMPOSER_CACHE_DIR=/dev/null). The cleanup must "
	       "come after the last install of the RUN. A `--mount=type=cache` or "
	       "`type=tmpfs` whose target holds the manager's cache folder keeps it out of "
	       "the layer; a mount on another folder does not. The scripts of the build context a "
	       "RUN runs (RUN /scripts/prepare) are read too: an install there needs its "
	       "cleanup in the same script.",
	.bad = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\n",
	.good = "FROM debian:bookworm-slim\nRUN apt-get update \\\n"
		" && apt-get install -y --no-install-recommends curl \\\n"
		" && rm -rf /var/lib/apt/lists/*\n",
	.fix = "Remove the package manager's cache in the same RUN (rm -rf /var/lib/apt/lists/*, "
	       "apk add --no-cache, dnf clean all, pip install --no-cache-dir), or put it on "
	       "a RUN --mount=type=cache",
	.peers = (const struct peer_rule[]){
		{ "hadolint", "DL3009" }, { "hadolint", "DL3019" }, { "hadolint", "DL3032" },
		{ "hadolint", "DL3036" }, { "hadolint", "DL3040" }, { "hadolint", "DL3042" },
		{ "hadolint", "DL3060" }, { 0 } },
	.scope = SCOPE_PRODUCTION,
};
