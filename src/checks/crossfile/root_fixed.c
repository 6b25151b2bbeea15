/* Cross-file: a Dockerfile whose final stage runs as root (SW0201), when
 * every compose service that runs that stage sets a non-root user, is said
 * once, as a note naming those services: the image still runs as root
 * wherever it runs without compose. */
#include "checks/crossfile/crossfile.h"

#include <stdlib.h>
#include <string.h>

#include "input/compose/lower.h"
#include "spec/user.h"
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

/* An explicit user that is not root. */
static bool user_is_nonroot(const char *user)
{
	return user && !strchr(user, '$') && user[0] && user[0] != ':' && !user_is_root(user);
}

/* Whether every service of p that builds the Dockerfile `dockerfile` and
 * runs its stage `stage` (1 + index; 0 for the last) sets a non-root user: 1 yes (*services gets them
 * with their users: "web (user: 1000), worker (user: app)"), 0 some service
 * leaves the Dockerfile's root user, -1 no service of p builds it. */
static int compose_fixes_root(struct arena *a, const struct c_project *p,
			  const struct m_dockerfile *const *service_df, const char *dockerfile,
			  unsigned stage, const char **services)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = -1;

	if (!service_df || !dockerfile)
		return -1;
	for (size_t i = 0; i < p->nservices && ret; i++) {
		const struct c_service *s = &p->services[i];
		const struct m_stage *st;

		if (!service_df[i] || !service_df[i]->path ||
		    !crossfile_same_file(service_df[i]->path, dockerfile))
			continue;
		st = compose_service_stage(s, service_df[i]);
		if (!st || (stage ? st->index + 1 != stage : !st->is_final))
			continue;	/* another stage: this finding is not about it */
		if (!user_is_nonroot(s->user.s)) {
			ret = 0;
			break;
		}
		ret = 1;
		strbuf_addf(&sb, "%s%s (user: %s)", sb.len ? ", " : "", s->name, s->user.s);
	}
	if (ret == 1)
		*services = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return ret;
}

/* Turns the SW0201 findings of the Dockerfile `dockerfile` among
 * r->findings[from..] into notes naming the compose `services`; doing it
 * again for the same file changes nothing. */
static void note_root_fixed(struct report *r, size_t from, const char *dockerfile,
			    unsigned stage, const char *services)
{
	static const char fix[] = "Set USER in the Dockerfile as well, so the image is safe "
				  "wherever it runs";

	for (size_t k = from; k < r->nfindings; k++) {
		struct finding *f = &r->findings[k];

		if (f->rule != &SW0201 || !f->file || f->fix == fix || f->stage != stage ||
		    !crossfile_same_file(f->file, dockerfile))
			continue;	/* another finding, or noted already */
		f->severity = SEV_INFO;
		f->lowered = true;
		f->message = arena_printf(r->a, "%s; every compose service that runs it sets a "
					  "non-root user (%s), so this only matters where the "
					  "image runs without compose (docker run, another "
					  "orchestrator)", f->message, services);
		f->fix = fix;
	}
}

void crossfile_root_fixed_by_compose(struct report *r, const struct c_project *const *projects,
				     const struct m_dockerfile *const *const *dfs, size_t n)
{
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *services = NULL;
		int fixed = -1;

		if (f->rule != &SW0201 || !f->file)
			continue;
		for (size_t k = 0; k < n && fixed != 0; k++) {
			const char *svc = NULL;
			int v = compose_fixes_root(r->a, projects[k], dfs[k], f->file, f->stage,
						   &svc);

			if (v == 0)
				fixed = 0;
			else if (v == 1) {
				fixed = 1;
				services = svc;
			}
		}
		if (fixed == 1)
			note_root_fixed(r, 0, f->file, f->stage, services);
	}
}
