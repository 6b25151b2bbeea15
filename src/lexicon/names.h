/* Names several layers of rules look for: capabilities that reach the host,
 * process supervisors, and the container runtimes' sockets. One list each,
 * so the compose, image and live rules agree. */
#ifndef SW_RULE_NAMES_H
#define SW_RULE_NAMES_H

#include <stdbool.h>

/* Why adding capability name (with or without CAP_, any case) reaches the
 * host; NULL for a harmless one. *canon gets its name without CAP_. */
const char *capability_danger(const char *name, const char **canon);

/* Process supervisors and init systems that run several services
 * ("supervisord", "s6-svscan", "runsvdir", ...), NULL-terminated. */
extern const char *const supervisor_names[];
bool is_supervisor_name(const char *name);

/* Whether a normalized absolute path is a container runtime's API socket
 * (/var/run/docker.sock, /run/podman/podman.sock, ...); *docker is set
 * when it is Docker's. */
bool is_runtime_socket(const char *path, bool *docker);

#endif
