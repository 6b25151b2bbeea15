/* Cross-file: what a stage's CMD or ENTRYPOINT runs (a supervisor, a
 * daemon in its entry script) is not what a compose service runs when the
 * service sets its own command: or entrypoint:. When every service that
 * runs the stage does, the finding is said once, as a note naming them:
 * the image still runs it wherever it runs without compose. */
#include "checks/crossfile/crossfile.h"

#include <string.h>

#include "input/compose/lower.h"
#include "util/str.h"
#include "util/strbuf.h"

/* Whether service s replaces what a finding via 'C' or 'E' is about:
 * entrypoint: replaces both (and resets the CMD), command: the CMD. */
static bool replaces(const struct c_service *s, char via)
{
	return s->entrypoint.written || (via == 'C' && s->command.written);
}

/* 1 when every service of p that runs stage (1 + index; 0 for the last)
 * of dockerfile replaces it (*services gets "web, worker"), 0 when
 * one does not, -1 when no service of p runs it. */
static int compose_replaces(struct arena *a, const struct c_project *p,
			    const struct m_dockerfile *const *service_df, const struct finding *f,
			    const char **services)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	for (size_t i = 0; service_df && i < p->nservices && ret; i++) {
		const struct c_service *s = &p->services[i];
		const struct m_stage *st;

		if (!service_df[i] || !service_df[i]->path ||
		    !crossfile_same_file(service_df[i]->path, f->dockerfile))
			continue;
		st = compose_service_stage(s, service_df[i]);
		if (!st || (f->stage ? st->index + 1 != f->stage : !st->is_final))
			continue;
		if (!replaces(s, f->via)) {
			ret = 0;
			break;
		}
		ret = 1;
		strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", s->name);
	}
	if (ret == 1)
		*services = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return ret;
}

void crossfile_process_overridden(struct report *r, const struct c_project *const *projects,
				  const struct m_dockerfile *const *const *dfs, size_t n)
{
	static const char fix[] = "Change the image's CMD or ENTRYPOINT as well, so that it "
				  "runs one process wherever it runs";

	for (size_t i = 0; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		const char *services = NULL;
		int all = -1;

		if (!f->via || !f->dockerfile || f->lowered)
			continue;
		for (size_t k = 0; k < n && all != 0; k++) {
			const char *svc = NULL;
			int v = compose_replaces(r->a, projects[k], dfs[k], f, &svc);

			if (v == 0)
				all = 0;
			else if (v == 1 && all != 0) {
				all = 1;
				services = svc;
			}
		}
		if (all != 1)
			continue;
		f->severity = SEV_INFO;
		f->lowered = true;
		f->message = arena_printf(r->a, "%s; every compose service that runs this stage "
					  "sets its own %s (%s), so this only matters where the "
					  "image runs as built (docker run, another orchestrator)",
					  f->message, f->via == 'C' ? "command:" : "entrypoint:",
					  services);
		f->fix = fix;
	}
}
