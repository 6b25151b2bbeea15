/* SW0032: ShellCheck over the shell code a Dockerfile runs. ShellCheck
 * starts slowly (a Haskell program), so it is not run per RUN nor per
 * Dockerfile: the check, in the workers, leaves one placeholder finding
 * per script (finding.pending), which the usual machinery gives its
 * settings, purpose, stage and suppression and says once (a script two
 * stages run); at the end of the run, shellcheck_finish hands every
 * script to one ShellCheck process per dialect (and per 200 scripts), as
 * memory files, and puts what it finds in their place. */
#ifndef SW_CHECK_SHELLCHECK_H
#define SW_CHECK_SHELLCHECK_H

#include <stdbool.h>

#include "findings/findings.h"

/* Replaces the placeholders of r by ShellCheck's findings, fingerprinted
 * when fingerprints is set; without a shellcheck on PATH (or when it
 * fails), drops them with a note in r. The exit status is not changed by
 * it: the inputs were read. */
void shellcheck_finish(struct report *r, bool fingerprints);

#endif
