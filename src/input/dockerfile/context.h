/* The secret files a build context holds and its .dockerignore lets into
 * the build: what a COPY of a folder or a wildcard may put in the image. */
#ifndef SW_DOCKERFILE_CONTEXT_H
#define SW_DOCKERFILE_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "input/dockerfile/model.h"

struct ctx_secret {
	const char *rel;	/* relative to the context, "/"-separated */
	const char *what;	/* lex_secret_file's "a private key"... */
};

struct ctx_secrets {
	const struct ctx_secret *v;	/* shallowest first, then by path */
	size_t n;
	/* The ignore file that applied: "Dockerfile.dockerignore",
	 * ".dockerignore", or NULL when there is none. */
	const char *ignore;
	bool limited;	/* the walk stopped at its budget */
};

/* Walks m's build context (m->dir) once per run for each context folder
 * and ignore file (BuildKit's <Dockerfile>.dockerignore next to the
 * Dockerfile, else the context's .dockerignore): at most 16 folders deep
 * and 20,000 entries, no symlink followed, .git, node_modules, vendor and
 * folders of tests, fixtures, examples and docs (their keys are dummies)
 * left out; only files git ignores count (a committed one is public with
 * the repository, mostly a template); a file is judged by lex_secret_file on its name and its first
 * 64 KiB, read only for names lex_secret_file_maybe lists, a .env only
 * when it sets a secret variable to a real value. NULL when m has no
 * context inside the checked tree, or its ignore file is one BuildKit
 * refuses or seaworthy cannot follow (what it leaves out is not known).
 * The answer is the run's (kept to the end of the process); thread-safe. */
const struct ctx_secrets *m_context_secrets(const struct m_dockerfile *m);

#endif
