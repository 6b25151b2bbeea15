/* SW0029: the final USER is a name, not a numeric uid (off by default). */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

static bool numeric_user(const char *u)
{
	size_t n = strcspn(u, ":");

	for (size_t k = 0; k < n; k++)
		if (!isdigit((unsigned char)u[k]))
			return false;
	return n > 0;
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);
	const struct m_instr *said[16];
	size_t nsaid = 0;

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];
		const struct m_instr *u = s->user_instr;
		bool dup = false;

		/* Root is SW0201's; a variable is the build's to set. */
		if (!ships[i] || !u || !s->user || m_user_is_root(s->user) ||
		    strchr(s->user, '$') || numeric_user(s->user))
			continue;
		for (size_t k = 0; k < nsaid; k++)
			dup |= said[k] == u;
		if (dup)
			continue;
		if (nsaid < sizeof(said) / sizeof(said[0]))
			said[nsaid++] = u;
		rule_report(c, u, "USER %s is a name: a runAsNonRoot check can only prove a numeric "
			    "uid is not root; give the uid (USER 10001:10001)", s->user);
	}
}

const struct check check_user_numeric = {
	.rule = &SW0029,
	.dockerfile = check,
};
