/* Container processes read from this machine's /proc instead of asking
 * the engine's /top for each container. */
#ifndef SW_ENGINE_PROCS_H
#define SW_ENGINE_PROCS_H

#include <stdbool.h>

#include "input/engine/container.h"
#include "util/arena.h"

struct proc_table;

/* Every process of /proc (pid and parent), in a; NULL when /proc cannot be
 * read. */
struct proc_table *proc_table_read(struct arena *a);

/* Fills c->procs (and has_top) with c's main process and its descendants
 * when that process is visible here and its cgroup names c's id; false
 * otherwise, and the caller asks /top. Strings are in a. */
bool proc_table_fill(struct arena *a, struct proc_table *t, struct live_container *c);

#endif
