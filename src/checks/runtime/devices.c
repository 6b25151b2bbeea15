/* A host device that reaches the host itself: SW0258 (compose), SW0288
 * (live). A GPU, a serial port or /dev/fuse gives the container that
 * device; a disk, the host's memory or all of /dev give it the host
 * (lexicon host_devices), so only those are reported. */
#include "checks/runtime/runtime.h"

#include "lexicon/lexicon.h"
#include "util/path.h"

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->ndevices; k++) {
			const struct sp_device *d = &s->devices[k];
			const char *host;

			if (!d->host || d->host[0] != '/')
				continue;	/* a CDI name */
			host = path_resolve(c->a, "/", d->host);
			if (!lex_match_ci(&lex_host_devices, host))
				continue;
			sp_report(c, s, &d->at, "%s the host's %s: it can read and write the "
				  "host's disks or memory, and so take the host over",
				  s->kind == SPEC_CONTAINER ? "has" : "is given", host);
		}
	}
}

const struct check check_rt_devices = {
	.on = { [SPEC_SERVICE] = &SW0258, [SPEC_CONTAINER] = &SW0288 },
	.spec = check,
};
