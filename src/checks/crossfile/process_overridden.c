/* Cross-file: what a stage's CMD or ENTRYPOINT runs (a supervisor, a
 * daemon in its entry script) is not what a compose service runs when the
 * service sets its own command: or entrypoint:. When every service that
 * runs the stage does, the finding is said once, as a note naming them:
 * the image still runs it wherever it runs without compose. */
#include "checks/crossfile/crossfile.h"

/* A service that replaces what a finding via 'C' or 'E' (*ctx) is about:
 * entrypoint: replaces both (and resets the CMD), command: the CMD. */
static const char *replaces(struct arena *a, const struct c_service *s, const void *ctx)
{
	char via = *(const char *)ctx;

	(void)a;
	return s->entrypoint.written || (via == 'C' && s->command.written) ? s->name : NULL;
}

void crossfile_process_overridden(struct report *r, const struct c_project *const *projects,
				  const struct m_dockerfile *const *const *dfs, size_t n)
{
	static const char fix[] = "Change the image's CMD or ENTRYPOINT as well: where compose "
				  "does not run the image (docker run, another orchestrator), it runs "
				  "them";

	for (size_t i = 0; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		const char *services = NULL;

		if (!f->runs || !f->dockerfile || f->lowered ||
		    !crossfile_every_service(r->a, projects, dfs, n, f->dockerfile, f->stage,
					     replaces, &f->runs, &services))
			continue;
		f->severity = SEV_INFO;
		f->lowered = true;
		f->message = arena_printf(r->a, "%s, but every compose service that runs this "
					  "stage sets its own %s", f->message,
					  f->runs == 'C' ? "command:" : "entrypoint:");
		f->via = arena_printf(r->a, "compose: %s", services);
		f->fix = fix;
	}
}
