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
	const char *hadolint_path;	/* .hadolint.yaml read, or NULL */
	struct strlist ignore;
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

/* The config file for a run started at dir: .seaworthy.yaml (or .yml) in
 * dir or the nearest ancestor, up to the repository's root (the folder
 * holding .git). A file not owned by the user or root, or that its group or
 * others may write, is skipped, with a note in r (a word on stderr when r is
 * NULL). NULL if none. */
const char *config_find(struct arena *a, const char *dir, struct report *r);
/* The same for hadolint's .hadolint.yaml (or .yml). */
const char *config_find_hadolint(struct arena *a, const char *dir, struct report *r);
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
/* Whether path (relative, as displayed) matches one of globs. */
bool config_glob_match(const struct strlist *globs, const char *path);
/* Whether path (relative, as displayed) matches an exclude glob. */
bool config_excluded(const struct config *c, const char *path);
/* The option `name` configured for rule, or NULL. */
const struct config_option *config_option(const struct config *c, const struct rule *rule,
					  const char *name);
void strlist_push(struct arena *a, struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);

#endif
