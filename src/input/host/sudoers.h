/* A sudoers parser, enough to tell whether a user may run commands as root:
 * includes, aliases, user specs with Runas lists, tags and negation. */
#ifndef SW_HOST_SUDOERS_H
#define SW_HOST_SUDOERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "util/arena.h"

struct sudo_list {		/* a comma list; "!" kept on the items */
	const char **v;
	size_t n, cap;
};

struct sudo_alias {
	int kind;		/* 'U'ser, 'R'unas, 'H'ost, 'C'mnd */
	const char *name;
	struct sudo_list items;
	const char *file;	/* where it is defined */
	unsigned line;
};

/* How deep aliases may name aliases: deeper is an input error (sudo has no
 * limit, but no real sudoers comes near, and evaluation recurses). */
#define SUDO_ALIAS_DEPTH_MAX 128

/* One Runas+tags+commands part of a user spec. */
struct sudo_cmnd {
	struct sudo_list runas_users;	/* empty with !has_runas: root */
	bool has_runas, runas_users_given, nopasswd;
	const char *cmnd;		/* one command, "ALL", or an alias, maybe "!..." */
};

struct sudo_spec {
	const char *file;
	unsigned line;
	struct sudo_list users;
	struct sudo_cmnd *cmnds;
	size_t ncmnds, capcmnds;
};

/* Called for @include/#include (dir false) and @includedir (dir true); the
 * path is as written, resolved by the caller. */
typedef void (*sudoers_include_fn)(void *ctx, const char *file, unsigned line,
				   const char *path, bool dir);
/* Called for a malformed line. */
typedef void (*sudoers_error_fn)(void *ctx, const char *file, unsigned line, const char *msg);

struct sudoers {
	struct arena *a;
	struct sudo_alias *aliases;
	size_t naliases, capaliases;
	struct sudo_spec *specs;
	size_t nspecs, capspecs;
	sudoers_include_fn include;
	sudoers_error_fn error;
	void *ctx;
};

/* Parses one buffer (any bytes) into s, appending to what is there. */
void sudoers_parse_buf(struct sudoers *s, const char *file, const char *buf, size_t len);

/* Who is asking: the user's name, uid, and the groups (names and gids). */
struct sudo_user {
	const char *name;
	uid_t uid;
	const char *const *groups;
	const gid_t *gids;
	size_t ngroups;
};

/* The spec granting root with the most power: returns it (NULL when none),
 * *all when it allows every command, *nopasswd when without a password.
 * Linear in the size of s: aliases are looked up by hash and each resolved
 * once; aliases nested deeper than SUDO_ALIAS_DEPTH_MAX match nothing and
 * are reported through s->error, once. */
const struct sudo_spec *sudoers_root_grant(const struct sudoers *s, const struct sudo_user *u,
					   bool *all, bool *nopasswd);

#endif
