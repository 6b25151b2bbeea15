/* What a stage's container runs beyond the words of its ENTRYPOINT and
 * CMD: the shell scripts of the build context they run, which COPY or ADD
 * put in the image, followed through wrappers (tini, exec, gosu), `sh
 * FILE`, `. FILE` and calls of other copied scripts (docs/rules.md says
 * what is and is not followed). Everything lives in the arena. */
#ifndef SW_ENTRY_H
#define SW_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "input/dockerfile/model.h"
#include "input/shell/shell.h"
#include "util/arena.h"

/* At most this many scripts are followed from one stage. */
#define ENTRY_MAX_SCRIPTS 16

struct m_script {
	const char *display;	/* the context file, as findings name it */
	const char *image_path;	/* where the image has it */
	const char *text;	/* its bytes, NUL-terminated */
	size_t len;
	struct sh_script sh;
	const struct m_instr *instr;	/* the ENTRYPOINT or CMD it is reached from */
	size_t parent;		/* index of the script that runs it; SIZE_MAX: instr does */
	size_t parent_off;	/* where the parent (or instr's script) runs it */
	bool sourced;		/* `. FILE`: runs in the parent's shell */
	/* How it is reached: "CMD at Dockerfile:40 runs docker/start.sh". */
	const char *how;
};

struct m_entry_note {
	const char *file;
	unsigned line;
	const char *message;
};

struct m_entry {
	struct m_script *scripts;
	size_t n;
	/* Scripts that should have been read and were not (missing, too
	 * large, binary, a symlink loop): said once per run. */
	struct m_entry_note *notes;
	size_t nnotes;
};

/* Follows what stage s of m runs into the scripts of its build context:
 * m->dir, else (a guess, or a stale build command) the first folder from
 * the Dockerfile's own up to m->root that holds the file a COPY names. */
void m_entry_follow(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
		    struct m_entry *out);

/* Reads the file the image of stage s has at image_path, when a COPY or
 * ADD of the stage's chain took it from the build context (with the
 * context m_entry_follow uses); NULL otherwise. *display gets the file's
 * path as findings name it. In the arena. */
const char *m_entry_read(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
			 const char *image_path, size_t *len, const char **display);

/* Whether the script defines a shell function of that name (`name()`,
 * `function name`): a call of it runs no program. */
bool m_script_defines(const struct m_script *sc, const char *name);

/* The 1-based line and column of byte off of a script. */
void m_script_pos(const struct m_script *sc, size_t off, unsigned *line, unsigned *col);

#endif
