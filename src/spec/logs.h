/* Log locations, as every layer recognises them: variables that name one,
 * paths that look like one, and the standard streams. */
#ifndef SW_SPEC_LOGS_H
#define SW_SPEC_LOGS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

/* A variable name that holds a log location: it ends (any case) with one
 * of the lexicon's log variables (APP_LOG_DIR, LOGFILE). n is its length. */
bool log_var_name(const char *name, size_t n);
/* A path with a "log" or "logs" component, or a file named *.log. */
bool log_path(const char *p);
/* The container's output rather than a file: -, /dev/stdout, stderr... */
bool log_std_stream(const char *v);
/* The folder of a log path: the path itself, or its parent for a file (a
 * last component with an extension, like app.log) unless is_dir. In the
 * arena (or p itself). */
const char *log_folder_of(struct arena *a, const char *p, bool is_dir);

#endif
