/* .seaworthy.yaml: the project's settings. Strict: an unknown key (with the
 * closest known ones), a key given twice or a wrong type is an error naming
 * the line. hadolint's .hadolint.yaml lends what it shares. Everything is
 * owned by the arena. */
#ifndef SW_CONFIG_H
#define SW_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "findings/findings.h"
#include "util/arena.h"

struct rule;

struct strlist {
	const char **v;
	size_t n, cap;
};

struct config_severity {
	const struct rule *rule;
	enum severity severity;
};

struct config_option {
	const struct rule *rule;
	const char *name;
	const char *value;	/* scalar as written */
	struct strlist list;	/* when the value is a sequence */
	unsigned line;
};

struct config {
	const char *path;	/* as displayed; NULL when there is none */
	/* The folder its globs are relative to, absolute and clean, and the
	 * working directory display paths are relative to; dir is NULL for
	 * --config and the user's file, whose globs match display paths. */
	const char *dir, *cwd;
	const char *hadolint_path;	/* .hadolint.yaml read, or NULL */
	struct strlist ignore;
	/* Rules that are off by default (struct rule.default_off) to run. */
	struct strlist enable;
	bool has_ignore, has_trusted_registries;	/* set by the file, even empty */
	struct config_severity *severities;
	size_t nseverities, capseverities;
	bool has_fail_on;
	int fail_on;		/* enum severity, or -1 for never */
	struct strlist exclude;	/* path globs; ** spans folders */
	/* What paths are for, as globs: production:, development:, test:,
	 * ci:, example: (by enum purpose); they beat the path heuristics. */
	struct strlist purposes[PURPOSE_N];
	struct strlist proxies;
	struct strlist trusted_registries;
	long *databases;
	size_t ndatabases, capdatabases;
	struct config_option *options;
	size_t noptions, capoptions;
};

/* The settings each input is judged by, as ruff finds them: --config for
 * every input; else the nearest .seaworthy.yaml (or .yml) in the input's
 * folder or above it, up to the repository's root (the first folder holding
 * .git), as a whole (no merge); else the user's file
 * ($XDG_CONFIG_HOME/seaworthy/config.yaml, XDG_CONFIG_HOME defaulting to
 * ~/.config); else none. When hadolint is set, .hadolint.yaml is found the
 * same way (or --hadolint-config) for what the seaworthy file leaves
 * unsaid. A file found by the search that is not owned by the user or root,
 * or that its group or others may write, is skipped with a note in r. Each
 * folder is looked at once and each file read once; its errors go to r.
 * The configs are owned by a and stay put. Not thread-safe: a run finds its
 * inputs' settings on one thread and hands the pointers to its workers. */
struct config_dir;
struct config_set {
	struct arena *a;
	struct report *r;
	const char *file;		/* --config: for every input */
	const char *hadolint_file;	/* --hadolint-config */
	bool none;			/* --no-config: no search, no user file */
	bool hadolint;			/* .hadolint.yaml too (check) */
	struct config **v;		/* every config handed out, in order */
	size_t n, cap;
	/* private: the folders looked at (open addressing) */
	const char *cwd;
	struct config_dir *dirs;
	size_t ndirs, capdirs;
	const char *user;		/* the user's file, once looked for */
	bool user_done;
};

/* What the run's walk read of folder dir (relative to the working
 * directory, or absolute): has(listing, name) says whether it holds an
 * entry name. The search then asks the disk only about the files it holds
 * (their owner and mode), not whether they are there. */
void config_listed(struct config_set *s, const char *dir,
		   bool (*has)(const void *listing, const char *name), const void *listing);
/* The settings for the inputs in folder dir (relative to the working
 * directory, or absolute; "" or "." for the working directory). Never NULL:
 * an empty config when there is none. */
const struct config *config_for(struct config_set *s, const char *dir);
/* Loads path; problems go to r as input errors. Returns -1 on any error. */
int config_load(struct arena *a, const char *path, struct config *out, struct report *r);
/* The same from buf[0..len) (any bytes), named path in errors. */
int config_load_buf(struct arena *a, const char *path, const char *buf, size_t len,
		    struct config *out, struct report *r);
/* Adds to c what hadolint's configuration at path shares with seaworthy's:
 * `ignored` (hadolint ids, as the rules that check the same here) unless c
 * has `ignore`, and `trustedRegistries` unless c has `trusted-registries`.
 * Its other keys are hadolint's own and are not read. Returns -1 after an
 * input error (in r). */
int config_load_hadolint(struct arena *a, const char *path, struct config *c, struct report *r);
int config_load_hadolint_buf(struct arena *a, const char *path, const char *buf, size_t len,
			     struct config *c, struct report *r);
/* Whether path (a display path) matches one of globs, a list of c's:
 * relative to c's folder (struct config). Thread-safe. */
bool config_path_match(const struct config *c, const struct strlist *globs, const char *path);
/* Whether path (relative, "/"-separated) matches glob as .gitignore
 * matches: "**" spans folders, a glob with no slash but a trailing one
 * matches at any depth, and one that matches a folder matches what is
 * under it. Thread-safe. */
bool config_glob_match(const char *glob, const char *path);
/* Whether path (a display path) matches an exclude glob of c. */
bool config_excluded(const struct config *c, const char *path);
/* The option `name` configured for rule, or NULL. */
const struct config_option *config_option(const struct config *c, const struct rule *rule,
					  const char *name);
void strlist_push(struct arena *a, struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);

#endif
