/* SW0013: EXPOSE names a port or protocol that does not exist. */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

#include "spec/port.h"

/* What is wrong with one EXPOSE word, or NULL: "80", "80/udp", "8000-8010/tcp". */
static const char *fault(struct arena *a, const char *w)
{
	const char *slash = strchr(w, '/');
	const char *port = slash ? arena_strndup(a, w, (size_t)(slash - w)) : w;
	long lo, hi;

	if (slash && strcasecmp(slash + 1, "tcp") && strcasecmp(slash + 1, "udp") &&
	    strcasecmp(slash + 1, "sctp"))
		return arena_printf(a, "%s is not a protocol (tcp, udp or sctp)", slash + 1);
	if (!port_range(port, &lo, &hi))
		return arena_printf(a, "%s is not a port from 0 to 65535", port);
	return NULL;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			/* A variable's value is the build's to set: with one, the
			 * expanded words cannot be told from what is written. */
			if (in->kind != K_EXPOSE || strchr(in->node->rest ? in->node->rest : "", '$'))
				continue;
			for (size_t k = 0; k < in->nwords; k++) {
				const char *w = in->words[k], *why;

				/* An address or a mapping is another fault, not judged here. */
				if (!*w || strchr(w, ':'))
					continue;
				if ((why = fault(c->a, w))) {
					rule_report(c, in, "EXPOSE %s: %s, so the build stops here", w,
						    why);
					break;
				}
			}
		}
	}
}

const struct check check_expose_invalid = {
	.rule = &SW0013,
	.dockerfile = check,
};
