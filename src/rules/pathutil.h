/* Container path arithmetic for rules: resolving COPY destinations, mkdir
 * and chown arguments against the WORKDIR, and comparing them. Lexical
 * only: nothing is looked up on disk. */
#ifndef SW_RULE_PATHUTIL_H
#define SW_RULE_PATHUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/arena.h"

/* p against the directory cwd, with ".", ".." and repeated or trailing
 * slashes folded: ("/app", "./data/") -> "/app/data". In the arena. */
const char *path_resolve(struct arena *a, const char *cwd, const char *p);
/* Whether the normalized path p is dir or lies below it. */
bool path_within(const char *p, const char *dir);
/* Last component of p, trailing slashes ignored ("src/" -> "src"). In the arena. */
const char *path_base(struct arena *a, const char *p);
/* Whether a COPY source names a glob. */
bool path_has_glob(const char *p);
/* The directory a RUN's command idx runs in: the WORKDIR, changed by
 * earlier `cd DIR` commands of the same script at the same depth. */
const char *run_cwd(struct arena *a, const struct m_instr *in, size_t idx);
/* A parsed mkdir, chown, chgrp or chmod command. */
struct fs_cmd {
	const char *name;	/* "mkdir", "chown", "chgrp", "chmod" */
	const char *spec;	/* owner or mode; mkdir's -m mode; NULL if none */
	bool recursive;		/* -R / --recursive */
	const struct sh_word **paths;
	size_t npaths;
};

/* Parses c when it is mkdir, chown, chgrp or chmod; false otherwise. */
bool fs_cmd_parse(struct arena *a, const struct sh_cmd *c, struct fs_cmd *out);

/* The command's words joined by spaces, cut to about max bytes ("..."). */
const char *sh_cmd_text(struct arena *a, const struct sh_cmd *c, size_t max);

/* The stages an image is built from, oldest first, ending with s. */
size_t stage_chain(const struct m_stage *s, const struct m_stage **out, size_t max);

#endif
