/* SW0904: a published container port the service's Dockerfile does not EXPOSE
 * (a debugger's port aside). Either side may be the stale one. */
#include "checks/compose/compose_util.h"
#include "spec/port.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lexicon/lexicon.h"
#include "util/path.h"

#define MAX_CHAIN 64

struct exposed {
	long lo, hi;
	const char *proto;
};

static void check_service(struct rule_ctx *c, size_t i)
{
	const struct c_service *s = &c->project->services[i];
	const struct m_stage *st = cx_service_stage(c, i), *chain[MAX_CHAIN];
	struct exposed ex[64];
	size_t nex = 0, nchain;
	const struct m_instr *first = NULL;
	const struct c_port *at = NULL;
	char list[256] = "", ports[256] = "";
	size_t nbad = 0, l;

	if (!st || !s->nports)
		return;
	nchain = stage_chain(st, chain, MAX_CHAIN);
	for (size_t k = 0; k < nchain; k++)
		for (size_t j = 0; j < chain[k]->ninstrs; j++) {
			const struct m_instr *in = &chain[k]->instrs[j];

			if (in->kind != K_EXPOSE)
				continue;
			if (!first)
				first = in;
			for (size_t w = 0; w < in->nwords && nex < sizeof(ex) / sizeof(ex[0]); w++) {
				char buf[64];
				const char *slash;

				snprintf(buf, sizeof(buf), "%s", in->words[w]);
				slash = strchr(buf, '/');
				ex[nex].proto = slash ? arena_strdup(c->a, slash + 1) : "tcp";
				if (slash)
					buf[slash - buf] = '\0';
				if (!port_range(buf, &ex[nex].lo, &ex[nex].hi))
					return;	/* unexpanded or odd: cannot judge */
				l = strlen(list);
				snprintf(list + l, sizeof(list) - l, "%s%s", l ? ", " : "",
					 in->words[w]);
				nex++;
			}
		}
	if (!nex)
		return;
	/* One finding per service, at its first such port: one stale EXPOSE
	 * is one cause. */
	for (size_t k = 0; k < s->nports; k++) {
		const struct c_port *pt = &s->ports[k];
		const char *proto = pt->protocol && *pt->protocol ? pt->protocol : "tcp";
		long lo, hi;
		bool covered = false;

		if (!port_range(pt->target, &lo, &hi))
			continue;
		/* A debugger's port (9229, 5005...) is opened by a development
		 * command line, not documented by EXPOSE. */
		if (lo == hi && debugger_of_port(lo))
			continue;
		for (size_t e = 0; e < nex && !covered; e++)
			covered = !strcasecmp(ex[e].proto, proto) && lo >= ex[e].lo && hi <= ex[e].hi;
		if (covered)
			continue;
		if (!at)
			at = pt;
		l = strlen(ports);
		snprintf(ports + l, sizeof(ports) - l, "%s%s%s%s", l ? ", " : "", pt->target,
			 strcmp(proto, "tcp") ? "/" : "", strcmp(proto, "tcp") ? proto : "");
		nbad++;
	}
	if (at) {
		struct finding *f = cx_report_value(c, s, at, "service %s publishes container "
						    "port%s %s, which its Dockerfile does not EXPOSE "
						    "(it EXPOSEs %s): the target port or the EXPOSE is "
						    "out of date", s->name, nbad > 1 ? "s" : "", ports,
						    list);

		if (!f->via)
			f->via = arena_printf(c->a, "EXPOSE at %s:%u", cx_service_df(c, i)->path,
					      first->node->start.line);
	}
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->project->nservices; i++)
		check_service(c, i);
}

const struct check check_compose_unexposed_port = {
	.rule = &SW0904,
	.compose = check,
};
