/* What a stage's container runs beyond the words of its ENTRYPOINT and
 * CMD: the shell scripts of the build context they run, which COPY or ADD
 * put in the image (also through COPY --from an earlier stage), followed
 * by the one follower of input/shell/entry.h. Everything lives in the
 * arena. */
#ifndef SW_ENTRY_H
#define SW_ENTRY_H

#include "input/dockerfile/model.h"
#include "input/shell/entry.h"
#include "util/arena.h"

/* Follows what stage s of m runs into the scripts of its build context:
 * m->dir, else (a guess, or a stale build command) the first folder from
 * the Dockerfile's own up to m->root that holds the file a COPY names.
 * out->fs reads, lists and tests the files COPY and ADD put in the
 * stage's image from that context, for as long as the arena lives (also
 * when the stage runs no script). */
void m_entry_follow(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
		    struct entry_set *out);
/* The files the COPY and ADD of stage s's chain put in its image from
 * the build context, as an entry_fs for m_run_follow (made once per
 * stage; it lives in the arena). False, and out empty, when there are
 * none. */
bool m_stage_fs(struct arena *a, const struct m_dockerfile *m, const struct m_stage *s,
		struct entry_fs *out);
/* The scripts a RUN of that stage runs (RUN /scripts/prepare), followed
 * through fs. Found in out->scripts, reached "RUN at Dockerfile:4". */
void m_run_follow(struct arena *a, const struct m_dockerfile *m, const struct entry_fs *fs,
		  const struct m_instr *run, struct entry_set *out);

#endif
