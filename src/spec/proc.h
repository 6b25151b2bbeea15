/* What a process or a command line runs, as every layer reads it: the
 * program of a ps line, and which programs are shells, inits or service
 * managers (the lexicon's lists). */
#ifndef SW_SPEC_PROC_H
#define SW_SPEC_PROC_H

#include <stdbool.h>

#include "util/arena.h"

/* The program a ps command line runs: the last component of its first
 * word, without a trailing ':' ("nginx: master process" -> "nginx"); for
 * an interpreter running a script ("/bin/sh /usr/bin/supervisord", "python3
 * /usr/bin/supervisord -n"), the script's. In the arena. */
const char *proc_program(struct arena *a, const char *cmd);
/* Whether a program is a shell (sh, bash, ash, dash, zsh...). */
bool proc_is_shell(const char *prog);
/* Whether a program is a minimal init that only reaps and forwards signals
 * (docker-init, tini, dumb-init, catatonit). */
bool proc_is_init(const char *prog);
/* Whether a program runs other services: a process supervisor or an SSH
 * daemon (sshd, dropbear); with init, also an init system ("init"), which
 * a running process names but an image's command rarely does. */
bool proc_is_manager(const char *prog, bool init);
/* The first program that a word of an entrypoint or command names, alone
 * or in a shell command line ("sh -c 'supervisord -n'"), and that is a
 * manager (proc_is_manager without init); false when none is. */
bool proc_word_runs_manager(const char *word);

#endif
