/* Scripts that may wire up containers by hand (checklist point 6): shell
 * scripts, Makefiles and CI files under the checked folders, and the docker
 * commands in them. Everything lives in the arena. */
#ifndef SW_RULE_SCRIPTS_H
#define SW_RULE_SCRIPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "yaml/yaml.h"
#include "input/shell/shell.h"
#include "util/arena.h"

struct c_project;

enum script_kind {
	SCRIPT_SHELL,		/* *.sh, *.bash, or a sh/bash/dash/ash/zsh/ksh shebang */
	SCRIPT_MAKEFILE,	/* Makefile, makefile, GNUmakefile, *.mk: recipe lines */
	SCRIPT_CI_YAML,		/* .gitlab-ci.yml, .github/workflows/ *.yml, .circleci/config.yml,
				 * .travis.yml, bitbucket-pipelines.yml, azure-pipelines.yml,
				 * .drone.yml: run:/script:/command: text */
	SCRIPT_JENKINSFILE,	/* Jenkinsfile: sh '...' steps */
	SCRIPT_MARKDOWN,	/* README and docs: shell code blocks, indented command
				 * lines and `inline` code (never found by scripts_discover:
				 * src/input/scripts/evidence.c reads them) */
};

struct script {
	const char *path;	/* display path */
	const char *text;	/* NUL-terminated */
	size_t len;
	size_t nlines;
	enum script_kind kind;
};

struct script_set {
	struct script *scripts;
	size_t n, cap;
	/* A compose file exists under the checked folders (set by
	 * scripts_discover, which sees every file name). */
	bool has_compose;
	/* Scripts past MAX_SCRIPTS, not read: how many, and the first. */
	size_t ndropped;
	const char *first_dropped;
	/* The compose projects loaded for the run: set by the caller, to
	 * match `docker run` lines against their services. */
	const struct c_project *const *projects;
	size_t nprojects;
};

/* The most scripts read in a run (docs/architecture.md). */
#define MAX_SCRIPTS 5000

/* Walks dir (as deep as discover walks, skipping .git, node_modules and vendor, never
 * following directory symlinks) and appends the scripts found to out;
 * only small text files (256 KiB) are read. A dir that is not a folder
 * adds nothing. */
void scripts_discover(struct arena *a, const char *dir, struct script_set *out);
/* The same over a folder tree that discover already walked. */
struct dir_node;
void scripts_discover_tree(struct arena *a, const struct dir_node *root, struct script_set *out);
/* The kind of a file by its path (relative, '/'-separated), or -1 when it
 * is none by name (shell scripts without a .sh name are found by their
 * shebang). */
int script_kind_of(const char *path);

/* A docker (or podman) command that creates or starts containers, networks
 * or volumes. */
struct docker_cmd {
	const struct sh_cmd *cmd;
	const char *verb;	/* "run", "create", "start", "network create", "volume create" */
	const char *image;	/* run/create: the image argument; NULL otherwise */
	const char *name;	/* --name (run/create) or the first container (start) */
	bool detach, publish, network, restart, link, rm;
	struct y_pos pos;	/* file, line and column of the command */
};

/* The docker commands of a script, in order; *out is in the arena. Shell
 * scripts are parsed whole; Makefiles by recipe line (continuations
 * joined); CI YAML by the text of run:/script:/command: values, list items
 * and block scalars; Jenkinsfiles by sh steps. */
size_t script_docker_cmds(struct arena *a, const struct script *s, struct docker_cmd **out);

/* Whether opt is an option of docker itself (before the subcommand) that
 * takes the next word as its value ("-H", "--context"...). */
bool script_docker_global_value(const char *opt);

/* A command of a script, with where it is. */
struct script_cmd {
	const struct sh_cmd *cmd;
	struct y_pos pos;	/* file, line and column of its first word */
	/* The shell session it runs in, numbered from 0 in order: a shell
	 * script is one, each Makefile recipe line, CI run:/script: value,
	 * Jenkinsfile sh step and Markdown code block or inline span is one of
	 * its own (a cd does not carry from one to the next). */
	unsigned session;
};

/* Every command of s, in order, in the parts of it that are shell (as
 * script_docker_cmds reads them, and Markdown's shell blocks) and that
 * mention one of words (a NULL-terminated list of substrings; NULL for
 * "docker" and "podman"): a part that mentions none is not parsed. *out is
 * in the arena. Linear in the size of s. */
size_t script_cmds(struct arena *a, const struct script *s, const char *const *words,
		   struct script_cmd **out);

#endif
