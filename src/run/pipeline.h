/* The pipeline of seaworthy check, as a function of its options. */
#ifndef SW_RUN_PIPELINE_H
#define SW_RUN_PIPELINE_H

#include <stddef.h>

#include "run/options.h"

/* Checks paths (files, folders, "-") with the options o and writes the
 * reports; returns the exit status. */
int pipeline_check(const struct run_opts *o, const char *const *paths, size_t npaths);

#endif
