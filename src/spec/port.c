/* Published ports, as every layer judges them: ranges, interfaces, the
 * databases that listen on them, and how to write one. */
#include "spec/port.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lexicon/lexicon.h"
#include "util/str.h"

bool port_range(const char *s, long *lo, long *hi)
{
	char *end;

	if (!s || !*s)
		return false;
	errno = 0;
	*lo = strtol(s, &end, 10);
	if (errno || end == s || *lo < 0 || *lo > 65535)
		return false;
	*hi = *lo;
	if (*end == '-') {
		const char *h = end + 1;

		*hi = strtol(h, &end, 10);
		if (errno || end == h || *hi < *lo || *hi > 65535)
			return false;
	}
	return *end == '\0';
}

bool port_on_all_interfaces(const struct sp_port *p)
{
	const char *ip = p->host_ip;

	return !ip || !*ip || str_eq(ip, "0.0.0.0") || str_eq(ip, "::") ||
	       str_eq(ip, "[::]");
}

bool port_on_loopback(const struct sp_port *p)
{
	const char *ip = p->host_ip;

	return ip && (!strncmp(ip, "127.", 4) || str_eq(ip, "::1") || str_eq(ip, "[::1]") ||
		      str_eq(ip, "localhost"));
}

static const char *database_in(const char *spec, const struct config *cfg, long *port)
{
	long lo, hi;

	if (!port_range(spec, &lo, &hi) || hi - lo > 1000)
		return NULL;
	if ((*port = database_port_in(lo, hi)))
		return database_of_port(*port);
	for (size_t k = 0; cfg && k < cfg->ndatabases; k++)
		if (cfg->databases[k] >= lo && cfg->databases[k] <= hi) {
			*port = cfg->databases[k];
			return "a database";
		}
	return NULL;
}

const char *port_database(const struct sp_port *p, const struct config *cfg, long *port)
{
	const char *w = database_in(p->target, cfg, port);

	return w ? w : database_in(p->published, cfg, port);
}

const char *port_text(struct arena *a, const struct sp_port *p)
{
	const char *ip = p->host_ip && *p->host_ip ? p->host_ip : NULL;
	bool v6 = ip && strchr(ip, ':') && ip[0] != '[';
	const char *proto = p->protocol && strcmp(p->protocol, "tcp") ? p->protocol : NULL;

	return arena_printf(a, "%s%s%s%s%s%s%s%s", ip ? (v6 ? "[" : "") : "", ip ? ip : "",
			    ip ? (v6 ? "]:" : ":") : "", p->published ? p->published : "",
			    p->published || ip ? ":" : "", p->target ? p->target : "?",
			    proto ? "/" : "", proto ? proto : "");
}
