/* The model rules see: a Dockerfile as stages of instructions, with the
 * state BuildKit would have at each one (USER, WORKDIR, ENV/ARG, expanded
 * words, parsed shell). Built from the syntax tree; owned by the arena. */
#ifndef SW_MODEL_H
#define SW_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "input/dockerfile/ast.h"
#include "input/shell/shell.h"
#include "util/arena.h"

/* Budgets of one Dockerfile (docs/architecture.md "Budgets"): past one,
 * model_build() fails with an input error at the line that went past. */
#define M_MAX_INSTRS	100000		/* instructions, FROMs included */
#define M_MAX_STAGES	10000		/* FROMs */
#define M_MAX_VARS	262144		/* ENV and ARG in scope, summed over stages */
#define M_MAX_EXPANDED	((size_t)16 << 20) /* bytes of expanded words, WORKDIRs */
#define M_MAX_PATH	4096		/* one WORKDIR, as a path joined */

enum m_kind {
	K_OTHER, K_FROM, K_RUN, K_CMD, K_ENTRYPOINT, K_COPY, K_ADD, K_ENV, K_ARG,
	K_USER, K_WORKDIR, K_EXPOSE, K_VOLUME, K_HEALTHCHECK, K_LABEL, K_SHELL,
	K_ONBUILD, K_STOPSIGNAL, K_MAINTAINER,
};

struct m_instr;

struct m_var {
	const char *name;
	const char *value;	/* expanded; "" when declared without a value */
	bool has_value;		/* ARG NAME=x or ENV; false for a bare ARG NAME */
	bool is_arg;
	const struct m_instr *decl; /* NULL for global ARGs (see m_global) */
	struct df_pos pos;	/* where the name is written */
};

/* A variable reference that did not resolve in a builder-expanded
 * instruction, or any $NAME in shell code. */
struct m_ref {
	const char *name;
	const struct m_instr *in;
	bool defined;		/* declared by ARG/ENV in scope */
	bool global_only;	/* only a global ARG (before FROM) of that name exists */
	bool shell;		/* seen in RUN/CMD/ENTRYPOINT shell code */
	bool first;		/* the first of its name (and shell) in its instruction */
	/* Every $NAME in the instruction's arguments and flags is
	 * ${NAME<op>...} (op one of :-+?), and there is one. Set only when
	 * !defined (false otherwise). */
	bool guarded;
};

struct m_stage;

struct m_instr {
	const struct df_node *node;
	enum m_kind kind;
	struct m_stage *stage;
	size_t index;		/* within the stage; FROM is 0 */
	/* State in effect when the instruction runs. */
	const char *user;	/* expanded USER, NULL when none was ever set */
	const struct m_instr *user_instr; /* the USER that set it (maybe in a base stage) */
	const char *workdir;	/* absolute, "/" by default */
	/* Shell code of RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD. */
	const char *script;	/* NULL when there is none (e.g. exec form of a binary) */
	struct sh_script sh;	/* parsed script (empty when script is NULL) */
	bool exec_form;		/* JSON form */
	/* Expanded words: COPY/ADD sources and destination, EXPOSE ports,
	 * VOLUME paths, USER/WORKDIR value, exec-form argv, FROM image. */
	const char **words;
	size_t nwords;
	/* COPY/ADD flags, expanded; NULL when absent. */
	const char *chown, *chmod, *copy_from;
	const struct m_stage *from_stage; /* the earlier stage copy_from names, or NULL */
	const struct m_instr *shell; /* the SHELL in effect (maybe in a base stage), or NULL */
	/* ENV/ARG declared here. */
	struct m_var *vars;
	size_t nvars;
	size_t nscope;		/* stage->scope[0..nscope) is visible here */
};

struct m_stage {
	size_t index;
	const char *name;	/* lowercased AS name, or NULL */
	const char *image;	/* expanded base reference as written */
	struct m_stage *base_stage; /* FROM an earlier stage */
	struct m_instr *instrs;	/* instrs[0] is the FROM */
	size_t ninstrs;
	/* State at the end of the stage, inheritance included. */
	const char *user;
	const struct m_instr *user_instr;
	const char *workdir;
	const struct m_instr *shell;
	const char *root_image;	/* the base chain's external image */
	struct m_var *scope;	/* ENV and ARG in order, inherited ENV first */
	size_t nscope, capscope;
	bool is_final;
	bool used_later;	/* a later FROM or COPY --from uses it */
};

struct m_dockerfile {
	const char *path;	/* display path */
	const char *dir;	/* the build context, for context files */
	/* Set by whoever builds it: the folder checked that holds it (entry
	 * scripts are looked for up to there, input/dockerfile/entry.h). */
	const char *root;
	const struct df_file *df;
	struct m_stage *stages;
	size_t nstages;
	struct m_stage *final;	/* last stage; NULL when there is none */
	struct m_var *global_args;
	size_t nglobal;
	struct m_ref *refs;
	size_t nrefs;
	struct arena *a;
};

/* Builds the model, applying BuildKit's instruction checks (unknown
 * instructions, FROM arity, instructions before FROM). -1 sets *err. */
int model_build(struct arena *a, const struct df_file *df, const char *dir,
		struct m_dockerfile *out, struct df_error *err);

/* Root, for a Dockerfile: nothing set (NULL), a group alone, or an explicit
 * root user (spec/user.h). A value with an unexpanded $ is not. */
bool m_user_is_root(const char *user);
/* Whether the stage's base chain ends at scratch (nothing inherited). */
bool m_stage_from_scratch(const struct m_stage *s);
/* The stage a build of target ships: the stage named target (case
 * insensitive, as BuildKit), the last stage for NULL or "", NULL when
 * there is no such stage. */
const struct m_stage *m_stage_named(const struct m_dockerfile *m, const char *target);
/* The root image of the stage's base chain (the external image). */
const char *m_stage_root_image(const struct m_stage *s);
/* Reads a file of the build context (relative to the Dockerfile's
 * directory; util/readfile.h); NULL if absent or unreadable. In the arena. */
const char *m_context_file(const struct m_dockerfile *m, const char *rel, size_t *len);
/* Its first max bytes at most (util/readfile.h read_file_head). */
const char *m_context_head(const struct m_dockerfile *m, const char *rel, size_t max,
			   size_t *len);
/* What rel is in the build context: no such file (or not to be read), a
 * regular file, a folder, or something else. */
enum { M_CONTEXT_NONE, M_CONTEXT_FILE, M_CONTEXT_DIR, M_CONTEXT_OTHER };
int m_context_kind(const struct m_dockerfile *m, const char *rel);
/* The variable visible at instr, or NULL. */
const struct m_var *m_lookup(const struct m_instr *in, const char *name);
/* Whether refs[i] is the first reference to its name (in shell code, or
 * not) within its instruction: rules report each name once. */
bool m_ref_first(const struct m_dockerfile *m, size_t i);
/* Kind for a lowercased instruction name. */
enum m_kind m_kind_of(const char *name);

/* The directory a RUN's command idx runs in: the WORKDIR, changed by
 * earlier `cd DIR` commands of the same script at the same depth. */
const char *run_cwd(struct arena *a, const struct m_instr *in, size_t idx);

/* The ENTRYPOINT and CMD the stage's image runs, inherited through FROM
 * <stage>; an ENTRYPOINT set in a stage drops the CMD of its base, as in
 * BuildKit. Either may be NULL. */
void m_stage_main_process(const struct m_stage *s, const struct m_instr **ep,
			  const struct m_instr **cmd);

/* The same, as the container runs them: an empty ENTRYPOINT [] or CMD []
 * counts as none, and a shell-form ENTRYPOINT ignores the CMD. */
void m_stage_runs(const struct m_stage *s, const struct m_instr **ep, const struct m_instr **cmd);

/* The stages an image is built from, oldest first, ending with s. */
size_t stage_chain(const struct m_stage *s, const struct m_stage **out, size_t max);

#endif
