/* Published ports, as every layer judges them. */
#ifndef SW_SPEC_PORT_H
#define SW_SPEC_PORT_H

#include <stdbool.h>

#include "config/config.h"
#include "spec/spec.h"
#include "util/arena.h"

/* Parses "80" or "8000-8010" into [*lo, *hi]; false when it is neither. */
bool port_range(const char *s, long *lo, long *hi);
/* Whether the port is published on every interface: no host_ip, 0.0.0.0,
 * :: or [::]. Loopback and specific addresses are not. */
bool port_on_all_interfaces(const struct sp_port *p);
/* Whether the port is published on the loopback interface only
 * (127.0.0.0/8, ::1): reachable from the host, not from outside it. */
bool port_on_loopback(const struct sp_port *p);
/* The database, cache or broker that listens on a published port of p
 * (target or published side), e.g. "PostgreSQL"; also the ports listed
 * under databases: in the config ("a database"). NULL when none. */
const char *port_database(const struct sp_port *p, const struct config *cfg, long *port);
/* The port as the short syntax would write it ("0.0.0.0:8080:80/udp"). */
const char *port_text(struct arena *a, const struct sp_port *p);

#endif
