/* Cross-file: which compose services run a Dockerfile's stage, for the
 * checks that lower a stage finding every such service makes moot. */
#include "checks/crossfile/crossfile.h"

#include <stdlib.h>
#include <string.h>

#include "input/compose/lower.h"
#include "util/str.h"
#include "util/strbuf.h"

bool crossfile_same_file(const char *x, const char *y)
{
	char *rx, *ry;
	bool same;

	if (str_eq(x, y))
		return true;
	rx = realpath(x, NULL);
	ry = realpath(y, NULL);
	same = rx && ry && str_eq(rx, ry);
	free(rx);
	free(ry);
	return same;
}

/* The same for one project: 1 every service passes (*services gets their
 * names as ok gave them), 0 one does not, -1 none runs the stage. */
static int project_services(struct arena *a, const struct c_project *p,
			    const struct m_dockerfile *const *service_df, const char *dockerfile,
			    unsigned stage, crossfile_service_fn *ok, const void *ctx,
			    const char **services)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	for (size_t i = 0; service_df && i < p->nservices && ret; i++) {
		const struct c_service *s = &p->services[i];
		const struct m_stage *st;
		const char *shown;

		if (!service_df[i] || !service_df[i]->path ||
		    !crossfile_same_file(service_df[i]->path, dockerfile))
			continue;
		st = compose_service_stage(s, service_df[i]);
		if (!st || (stage ? st->index + 1 != stage : !st->is_final))
			continue;	/* another stage: the finding is not about it */
		if (!(shown = ok(a, s, ctx))) {
			ret = 0;
			break;
		}
		ret = 1;
		strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", shown);
	}
	if (ret == 1)
		*services = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return ret;
}

bool crossfile_every_service(struct arena *a, const struct c_project *const *projects,
			     const struct m_dockerfile *const *const *dfs, size_t n,
			     const char *dockerfile, unsigned stage, crossfile_service_fn *ok,
			     const void *ctx, const char **services)
{
	int all = -1;

	if (!dockerfile)
		return false;
	for (size_t k = 0; k < n && all != 0; k++) {
		const char *svc = NULL;
		int v = project_services(a, projects[k], dfs[k], dockerfile, stage, ok, ctx, &svc);

		if (v == 0)
			all = 0;
		else if (v == 1) {
			all = 1;
			*services = svc;
		}
	}
	return all == 1;
}
