/* Evidence of how a repository builds its images and runs compose, read
 * from its files: `docker build`, `docker buildx build`, `docker image
 * build`, `podman build` and `buildah bud` command lines; `docker compose`,
 * `docker-compose`, `podman compose` and `docker stack deploy` command
 * lines; `docker buildx bake`; GitHub Actions build-push-action, bake-action
 * and docker/github-builder steps; GoReleaser docker entries; and
 * COMPOSE_FILE settings (.env files, CI env blocks, shell assignments).
 * Commands are read in shell scripts, Makefiles, CI files, Jenkinsfiles,
 * Taskfiles, and the code of README*.md files, of *.md files at the top of
 * the tree and of *.md files under docs/ (doc/, documentation/).
 *
 * What is recorded is what the repository says. A part that cannot be
 * worked out from the file ($VAR, $(cmd), a Make $(VAR), a GitHub ${{ }}
 * other than a matrix value, a <placeholder> in documentation) is kept as
 * written and marked unknown, never guessed. A folder the script computes
 * for itself (cd "$(dirname "$0")/..", DIR=$(cd "$(dirname
 * "${BASH_SOURCE[0]}")" && pwd), ${{ github.workspace }}) is known.
 *
 * Paths are in the walk's form: the root's path joined with the path in the
 * repository, cleaned (util/path.h path_join), like discover's input paths
 * ("docker/Dockerfile" under the root ".", "../x/docker/Dockerfile" under
 * "../x"). Everything returned is owned by the arena. */
#ifndef SW_EVIDENCE_H
#define SW_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct dir_node;
struct script_set;

/* How a file is read, and what kind of file a piece of evidence is in. */
enum ev_source {
	EV_SHELL,	/* a shell script */
	EV_MAKEFILE,	/* Makefile recipes, and variables whose value is a command */
	EV_CI,		/* CI YAML: run:/script: text; GitHub Actions steps, env blocks */
	EV_JENKINSFILE,	/* sh steps */
	EV_TASKFILE,	/* Taskfile.yml cmds */
	EV_MARKDOWN,	/* README and docs: shell code */
	EV_DOTENV,	/* .env files: COMPOSE_FILE and friends */
	EV_GORELEASER,	/* .goreleaser.yml dockers: entries */
	EV_PACKAGE_JSON,	/* package.json scripts, run by npm in its folder */
};

/* How the folder that relative paths are resolved against was found. */
enum ev_base {
	EV_BASE_KNOWN,	/* from the file: the CI workspace or working-directory,
			 * a Makefile's or .env's folder, a cd the script does */
	EV_BASE_PROBED,	/* not said (a README, a script without cd): the
			 * nearest folder, from the file's own up to the root,
			 * where the files the command names exist */
	EV_BASE_ROOT,	/* not said and nothing matched: the root (and below it
			 * the relative cd's the commands made, if any) */
};

/* Where a piece of evidence is written. */
struct ev_where {
	const char *file;	/* display path of the file */
	unsigned line;		/* 1-based */
	enum ev_source source;
	const char *base;	/* the folder relative paths are resolved against */
	enum ev_base base_how;
};

/* A value: for paths, resolved; otherwise as written. When known is
 * false, part of it could not be worked out and s is the text as written.
 * s is NULL when the value is not given. */
struct ev_str {
	const char *s;
	bool known;
};

/* An image build. */
struct build_use {
	struct ev_where at;
	/* "docker build", "docker buildx build", "docker image build", "podman
	 * build", "buildah bud", "build-push-action", "github-builder build",
	 * "goreleaser", or the command word as written ($(DOCKER) build). */
	const char *tool;
	/* -f/--file/file:, resolved; when not given (dockerfile_given false),
	 * the context's Dockerfile. "-" (from stdin) is unknown. */
	struct ev_str dockerfile;
	bool dockerfile_given;
	/* The context, resolved; for a remote one (a URL, a Git repository,
	 * "-" for stdin) as written, with context_remote set and known false. */
	struct ev_str context;
	bool context_remote;
	/* --target/target:; s NULL when none is given (the last stage ships). */
	struct ev_str target;
	struct ev_str *tags;	/* -t/--tag/tags:, as written */
	size_t ntags;
};

/* A compose invocation, or a COMPOSE_FILE setting. */
struct compose_use {
	struct ev_where at;
	/* "docker compose", "docker-compose", "podman compose",
	 * "podman-compose", "docker stack deploy", the command word as
	 * written (${COMPOSE_COMMAND}), or "COMPOSE_FILE" for a setting. */
	const char *tool;
	const char *verb;	/* "up", "build", "config"...; NULL for a setting */
	/* -f/--file in order (stack deploy: -c), resolved; else the split
	 * COMPOSE_FILE in effect (files_from_env). None: compose's default
	 * files in the working folder (at.base). */
	struct ev_str *files;
	size_t nfiles;
	bool files_from_env;
	struct ev_str project_dir;	/* --project-directory, resolved */
	struct ev_str project_name;	/* -p/--project-name, else COMPOSE_PROJECT_NAME */
	struct ev_str *profiles;	/* --profile, else COMPOSE_PROFILES split on ',' */
	size_t nprofiles;
	struct ev_str *env_files;	/* --env-file, resolved */
	size_t nenv_files;
};

/* A bake invocation: recorded, not interpreted. */
struct bake_use {
	struct ev_where at;
	const char *tool;	/* "docker buildx bake", "bake-action", "github-builder bake" */
	struct ev_str *files;	/* -f/files:, resolved; none: bake's default files */
	size_t nfiles;
	struct ev_str *targets;	/* as written; none: the default group */
	size_t ntargets;
};

/* A file of a repository that a README or script downloads by its raw
 * URL (wget https://raw.githubusercontent.com/OWNER/REPO/REF/PATH): the
 * user is told to run it as it is. */
struct download_use {
	struct ev_where at;
	/* REF/PATH as written (a REF may hold slashes: refs/heads/main): a
	 * file of the tree is the one whose path ends it. */
	const char *tail;
};

struct evidence {
	struct download_use *downloads;
	size_t ndownloads, capdownloads;
	struct build_use *builds;
	size_t nbuilds, capbuilds;
	struct compose_use *composes;
	size_t ncomposes, capcomposes;
	struct bake_use *bakes;
	size_t nbakes, capbakes;
	size_t nfiles;		/* files read for it */
	bool limited;		/* a limit below was reached: some evidence is missing */
};

/* Limits, so that a hostile tree costs linear time and bounded memory: */
#define EV_MAX_FILES 4000	/* Markdown, .env, Taskfile and GoReleaser files read
				 * (scripts come with scripts_discover's limits:
				 * 5000 files of up to 4 MiB) */
#define EV_MAX_FILE_BYTES (1u << 20)	/* each of those files; larger ones are skipped */
#define EV_MAX_USES 20000	/* builds, compose uses, bake uses and downloads, each */
#define EV_MAX_ROWS 256		/* combinations of one GitHub Actions matrix (GitHub's own) */
#define EV_MAX_EXPANDED 4096	/* matrix-expanded uses per file */

/* Collects the evidence of the folder tree that discover walked, in a
 * deterministic order (files in walk order, uses in file order), appending
 * to *out (zeroed by the caller). Scripts are found as scripts_discover_tree
 * finds them; pass the set it made for root (or NULL to have it read
 * again): only those of its scripts under root->path are read. */
void evidence_collect(struct arena *a, const struct dir_node *root, struct evidence *out);
void evidence_collect_with(struct arena *a, const struct dir_node *root,
			   const struct script_set *scripts, struct evidence *out);

/* The evidence of one file held in buf (len bytes; need not be
 * NUL-terminated), read as kind; path is its place in the repository,
 * relative to the root "." (it decides, for EV_CI, whether this is a GitHub
 * Actions workflow). With no tree, nothing is probed. The fuzz entry. */
void evidence_from_buffer(struct arena *a, const char *path, enum ev_source kind,
			  const char *buf, size_t len, struct evidence *out);

/* How a file is read by evidence_collect, by its path (relative,
 * '/'-separated), or -1 when it is not read for evidence (shell scripts
 * without a .sh name are found by their #! line). */
int evidence_kind_of(const char *path);

#endif
