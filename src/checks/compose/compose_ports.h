/* Port predicates shared by the checklist-9 compose rules. */
#ifndef SW_RULE_COMPOSE_PORTS_H
#define SW_RULE_COMPOSE_PORTS_H

#include <stdbool.h>

#include "input/compose/project.h"
#include "config/config.h"
#include "util/arena.h"

/* Parses "80" or "8000-8010" into [*lo, *hi]; false when it is neither. */
bool port_range(const char *s, long *lo, long *hi);
/* Whether the port is published on every interface: no host_ip, 0.0.0.0,
 * :: or [::]. Loopback and specific addresses are not. */
bool port_on_all_interfaces(const struct c_port *p);
/* The database, cache or broker that listens on a published port of p
 * (target or published side), e.g. "PostgreSQL"; also the ports listed
 * under databases: in the config ("a database"). NULL when none. */
const char *port_database(const struct c_port *p, const struct config *cfg, long *port);
/* The port as the short syntax would write it ("0.0.0.0:8080:80/udp"). */
const char *port_text(struct arena *a, const struct c_port *p);

#endif
