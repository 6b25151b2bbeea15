/* What dependency installs need from the build context: which commands
 * install dependencies (npm ci, pip install -r, go mod download, ...) and
 * the manifests they read. Shared by SW0301 and SW0302. */
#ifndef SW_RULE_DEPS_H
#define SW_RULE_DEPS_H

#include <stdbool.h>

#include "input/dockerfile/model.h"
#include "input/shell/shell.h"
#include "util/arena.h"

struct dep_install {
	const char *eco;	/* family: an earlier install of it caches later ones */
	const char *what;	/* the command as shown: "npm ci", "pip install -r req.txt" */
	const char *key;	/* the manifest(s) it reads, space-separated alternatives
				   (may be globs): "package.json", "*.csproj *.sln" */
	const char *manifests;	/* what to copy first, for fixes: "package.json package-lock.json" */
	const char *fetch;	/* the dependency-only step to run after copying them;
				   NULL when the manager has none */
	bool build;		/* needs the code too (go build, mvn package, pip install .) */
	bool with_packages;	/* names its packages (npm install express) */
	bool pkgfile;		/* an OS package file: key is that file (dpkg -i ./x.deb) */
};

/* Whether c installs dependencies; fills *out. Strings live in the arena. */
bool dep_install_of(struct arena *a, const struct sh_cmd *c, struct dep_install *out);
/* Whether a COPY source is the whole build context: ".", "./", "*" or "./" followed by "*". */
bool dep_whole_context(const char *src);
/* A COPY/ADD of the whole context (not --from, which copies from a stage). */
bool dep_whole_context_copy(const struct m_instr *in);
/* Whether a COPY source is a manifest, lock or package-manager config file
 * (or a glob matching one, or a requirements directory), not code. */
bool dep_manifest_source(const char *src);
/* Whether a COPY source copies one of the key manifests (by name, glob, or
 * as a directory holding a key given with a path). */
bool dep_source_names(const char *src, const char *key);

#endif
