/* YAML as Compose v2 reads it (go-yaml v3, YAML 1.2 core schema): a tree of
 * scalars, mappings and sequences that remembers where every node was
 * written. Anchors and aliases are expanded (within a budget, so a billion
 * laughs fails cleanly), merge keys (<<: *a, <<: [*a, *b], first wins) are
 * applied, duplicate keys are errors, and the !reset and !override tags are
 * kept for the merger. Scalars stay strings: an unquoted 22:22 is "22:22".
 * Everything is owned by the arena. */
#ifndef SW_COMPOSE_YAML_H
#define SW_COMPOSE_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

enum y_kind { Y_SCALAR, Y_MAP, Y_SEQ };

struct y_pos {
	const char *file;	/* display path; NULL when unset */
	unsigned line, col;	/* 1-based */
};

struct y_pair;

struct y_node {
	enum y_kind kind;
	struct y_pos pos;	/* where the node is written */
	struct y_pos via;	/* the alias, merge key or extends that pulled it in
				 * (file NULL when written in place) */
	const char *tag;	/* "!reset", "!override", other explicit tags, or NULL */
	/* Y_SCALAR */
	const char *str;	/* NUL-terminated value */
	size_t len;
	bool plain;		/* unquoted (plain style): null/bool/number typing applies */
	/* Y_MAP: pairs in document order, merge keys already applied */
	struct y_pair *pairs;
	size_t npairs;
	/* Y_SEQ */
	struct y_node **items;
	size_t nitems;
};

struct y_pair {
	struct y_node *key;	/* a scalar */
	struct y_node *value;
};

struct y_error {
	struct y_pos pos;
	const char *msg;
};

#define Y_MAX_ALIAS_NODES 100000	/* nodes created by alias expansion per file */
#define Y_MAX_DEPTH 1000	/* a loaded tree is never deeper: walkers may recurse */

/* Loads the first document of buf. An empty document gives *root = NULL.
 * Returns -1 and fills *err on invalid YAML, duplicate keys or a blown
 * alias budget. */
int y_load(struct arena *a, const char *file, const char *buf, size_t len,
	   struct y_node **root, struct y_error *err);
/* Every document of buf, in order (*roots in the arena; an empty document
 * is a NULL entry, a buffer with no document at all gives *nroots = 0).
 * compose-go loads each document of a file in turn, like override files.
 * Anchors are local to their document; the alias budget is per buffer. */
int y_load_all(struct arena *a, const char *file, const char *buf, size_t len,
	       struct y_node ***roots, size_t *nroots, struct y_error *err);

/* The value of key in a mapping, or NULL. */
struct y_node *y_get(const struct y_node *map, const char *key);
/* A plain scalar that YAML 1.2 reads as null: "", "~", "null", "Null", "NULL". */
bool y_is_null(const struct y_node *n);
/* Reads a boolean scalar (true/false, any case as go-yaml v3 accepts);
 * -1 when it is not one. */
int y_bool(const struct y_node *n);
/* A new scalar in the arena, with a position. */
struct y_node *y_scalar(struct arena *a, const char *s, struct y_pos pos);
/* Deep copy, setting via on every copied node that has none. */
struct y_node *y_clone(struct arena *a, const struct y_node *n, struct y_pos via);

#endif
