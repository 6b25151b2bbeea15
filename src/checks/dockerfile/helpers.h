/* Shared predicates over shell commands, for rules. */
#ifndef SW_RULE_HELPERS_H
#define SW_RULE_HELPERS_H

#include <stdbool.h>

#include "input/dockerfile/model.h"
#include "input/shell/shell.h"

struct lex_pkg_manager;
/* What a package manager command does (lexicon/packages.c). */
enum pm_op { PM_NONE, PM_INSTALL, PM_FETCH, PM_REFRESH, PM_CLEAN };
/* The package manager a command runs (`python3 -m pip` included), or
 * NULL; *sub gets the index of its subcommand, 0 when none. */
const struct lex_pkg_manager *cmd_pkg_manager(const struct sh_cmd *c, size_t *sub);
/* What the command does, and *m its manager (NULL when none). */
enum pm_op cmd_pm_op(const struct sh_cmd *c, const struct lex_pkg_manager **m);
/* Turns on (and empties) or off this thread's memo of cmd_pm_op, for the
 * span of one Dockerfile's checks, when its commands stay put. */
void cmd_pm_memo(bool on);
/* The memo window the commands are in: 0 when off, else a number no other
 * window of this thread had (for memos of other answers, dep_install_of). */
unsigned cmd_memo_epoch(void);
/* An install of the distribution's packages: apt-get install, apk add,
 * dnf in, zypper in, pacman -S pkg. */
bool cmd_is_os_install(const struct sh_cmd *c);
/* Calls fn for each word after argv[k] (the subcommand) that is neither an
 * option nor the value of a package manager's option (-o X, --root X). */
void cmd_each_operand(const struct sh_cmd *c, size_t k,
		      void (*fn)(void *ctx, const struct sh_word *w), void *ctx);
/* Package arguments of such an install (options skipped), as argv indexes:
 * calls fn for each. */
void cmd_os_install_each_package(const struct sh_cmd *c,
				 void (*fn)(void *ctx, const struct sh_word *pkg), void *ctx);
/* Whether any command of the instruction's script is an OS package install. */
bool instr_has_os_install(const struct m_instr *in);
/* Whether a --mount=type=cache or type=tmpfs of the RUN holds dir (a
 * lexicon cache folder): what is written there stays out of the layer. */
bool instr_mount_covers(const struct m_instr *in, const char *dir);
/* Whether the RUN has a --mount=type=cache (or secret) flag. */
bool instr_has_mount(const struct m_instr *in, const char *type);

/* What the stage's container runs, as shell commands: the exec-form
 * ENTRYPOINT with the CMD as its arguments, or the one that is set. */
struct main_process {
	const struct m_instr *ep, *cmd; /* cmd is NULL when the ENTRYPOINT ignores it */
	struct sh_script sh;
	size_t split;		/* commands at offset >= split come from cmd */
	bool cmd_apart;		/* the CMD only reached sh as arguments of the
				 * ENTRYPOINT (a script): see cmd->sh for its commands */
};
void main_process(struct arena *a, const struct m_stage *s, struct main_process *mp);
/* The ENTRYPOINT or CMD a command of mp->sh comes from. */
const struct m_instr *main_process_owner(const struct main_process *mp, const struct sh_cmd *c);
/* The SHELL instruction in effect at in (in its stage or a base stage), or
 * NULL when RUN/CMD/ENTRYPOINT use the default shell. */
const struct m_instr *instr_shell(const struct m_instr *in);
/* Whether shell-form instructions at in run under a POSIX shell: SHELL
 * names sh/bash/ash/dash/zsh/ksh, or there is no SHELL and the base image
 * isn't a Windows one (whose default is cmd). */
bool instr_posix_shell(struct arena *a, const struct m_instr *in);

/* `service nginx start`, `/etc/init.d/nginx start`, `rc-service nginx start`:
 * the service's name, or NULL. */
const char *cmd_service_start(const struct sh_cmd *cmd);

/* cmd_trivial, sh_wraps, sh_group_end, sh_main_after: input/shell/shell.h. */

struct c_service;
struct y_pos;
struct rule_ctx;
struct finding;
struct entry_script;

/* Where commands a rule looks at come from: the ENTRYPOINT and CMD (mp),
 * the CMD alone (cmd_only), an entry script they run (sc, of a stage or
 * an image), a compose service's own entrypoint: and command: (sv,
 * written at at), or an image config's (image_cmd). */
struct cmd_source {
	const struct main_process *mp;
	bool cmd_only;
	const struct entry_script *sc;
	const struct c_service *sv;
	const struct y_pos *at;
	/* An image config's command line, as messages name it ("the
	 * image's Entrypoint and Cmd"): findings name no file. */
	const char *image_cmd;
};
/* Reports msg about cmd where its source says it is written. */
struct finding *report_source(struct rule_ctx *c, const struct cmd_source *src,
			      const struct sh_cmd *cmd, const char *msg);
/* Calls fn with the commands of each compose service of c->project that
 * sets its own `entrypoint:` or `command:` (the words joined and quoted;
 * what its image runs otherwise is the stage checks' business). */
void each_service_process(struct rule_ctx *c,
			  void (*fn)(struct rule_ctx *c, const struct cmd_source *src,
				     const struct sh_script *sh));
/* Calls fn with what an image (c->image) runs: its config's command line,
 * its Cmd apart when that reached the line only as an Entrypoint
 * script's arguments, and the scripts of the image they run. */
void each_image_process(struct rule_ctx *c,
			void (*fn)(struct rule_ctx *c, const struct cmd_source *src,
				   const struct sh_script *sh));

/* A [program:NAME] of a supervisord config, as a stage or image has it. */
struct sv_program {
	const char *name;
	const char *command, *user;	/* NULL when not set */
	bool helper;		/* only ships logs or probes health (syslog-ng) */
	bool unprivileged;	/* serves as a user other than root */
};
/* The programs of the supervisord that cmd starts, from its config (-c
 * FILE, else the default places) and the files COPY puts in the usual
 * include folders (an image: those it has); 0 when none was read. In
 * c's arena. */
size_t supervisord_programs(struct rule_ctx *c, const struct sh_cmd *cmd, struct sv_program **out);

/* The first instruction of s's chain (the stages it is FROM, oldest first,
 * then s) that pred accepts, or NULL: asked once per stage, so that each
 * instruction after it costs no walk back. */
const struct m_instr *chain_first(const struct m_stage *s,
				  bool (*pred)(const struct m_instr *in, const void *ctx),
				  const void *ctx);
/* Whether a, an instruction of in's chain, comes before in. */
bool chain_before(const struct m_instr *a, const struct m_instr *in);

/* Whether a RUN may run a script of the build context: a command with a
 * slash, or a file given to a shell or an interpreter, where a COPY or
 * ADD of its stage's chain wrote (a cheap test before m_run_follow). */
bool instr_runs_script(struct arena *a, const struct m_instr *in);

/* The build context's scripts the RUNs of stage s run (RUN /scripts/prepare),
 * each command line and each script once, through one view of the
 * stage's COPY and ADD: calls fn for each script with the first RUN that
 * runs it. */
void each_run_script(struct rule_ctx *c, const struct m_stage *s,
		     void (*fn)(struct rule_ctx *c, const struct m_instr *in,
				const struct entry_script *sc, void *data),
		     void *data);

#endif
