/* SW0905: two services of a project publish the same host port. */
#include "checks/compose/compose_util.h"

#include <string.h>
#include <strings.h>

#include "spec/port.h"
#include "util/str.h"

/* Every interface of both families: no address given. */
static bool any_address(const char *ip)
{
	return !ip || !*ip;
}

/* Whether binding both addresses collides: one is unset (Docker binds
 * 0.0.0.0 and ::), one is the wildcard of the other's family, or they are
 * the same address. */
static bool addresses_clash(const char *x, const char *y)
{
	bool x6, y6;

	if (any_address(x) || any_address(y))
		return true;
	x6 = strchr(x, ':') != NULL;
	y6 = strchr(y, ':') != NULL;
	if (x6 != y6)
		return false;
	if (str_eq(x, "0.0.0.0") || str_eq(y, "0.0.0.0") || str_eq(x, "::") || str_eq(y, "::") ||
	    str_eq(x, "[::]") || str_eq(y, "[::]"))
		return true;
	return !strcasecmp(x, y);
}

static const char *proto(const struct c_port *p)
{
	return p->protocol && *p->protocol ? p->protocol : "tcp";
}

static bool ports_clash(const struct c_port *p, const struct c_port *q)
{
	long plo, phi, qlo, qhi;

	if (!p->published || !q->published || !port_range(p->published, &plo, &phi) ||
	    !port_range(q->published, &qlo, &qhi) || plo == 0 || qlo == 0)
		return false;	/* a random host port, or one we cannot read */
	return plo <= qhi && qlo <= phi && !strcasecmp(proto(p), proto(q)) &&
	       addresses_clash(p->host_ip, q->host_ip);
}

/* Whether the two services are started together: one has no profiles (it
 * starts with the other, whatever is enabled), or both have the same ones.
 * Services whose profiles differ are alternatives, as a service that
 * extends a template under a profile of its own (profiles add up). */
static bool start_together(const struct c_service *a, const struct c_service *b)
{
	if (!a->profiles.n || !b->profiles.n)
		return true;
	if (a->profiles.n != b->profiles.n)
		return false;
	for (size_t i = 0; i < a->profiles.n; i++) {
		bool found = false;

		for (size_t j = 0; j < b->profiles.n && !found; j++)
			found = a->profiles.v[i].s && b->profiles.v[j].s &&
				str_eq(a->profiles.v[i].s, b->profiles.v[j].s);
		if (!found)
			return false;
	}
	return true;
}

static void check(struct rule_ctx *c)
{
	const struct c_project *pr = c->project;

	for (size_t i = 1; i < pr->nservices; i++) {
		const struct c_service *s = &pr->services[i];

		for (size_t k = 0; k < s->nports; k++) {
			const struct c_port *p = &s->ports[k], *q;
			const char *other;
			bool said = false;

			for (size_t j = 0; j < i && !said; j++) {
				const struct c_service *t = &pr->services[j];

				if (!start_together(s, t))
					continue;
				for (size_t l = 0; l < t->nports && !said; l++) {
					q = &t->ports[l];
					if (!ports_clash(p, q))
						continue;
					other = q->pos.file && p->pos.file &&
							!str_eq(q->pos.file, p->pos.file)
						? arena_printf(c->a, "%s:%u", q->pos.file, q->pos.line)
						: arena_printf(c->a, "line %u", q->pos.line);
					cx_report(c, s, &p->pos, &p->via, "service %s publishes host "
						  "port %s/%s, as service %s does (%s): the second "
						  "fails to start (\"port is already allocated\")",
						  s->name, p->published, proto(p), t->name, other);
					said = true;
				}
			}
		}
	}
}

const struct check check_compose_port_clash = {
	.rule = &SW0905,
	.compose = check,
};
