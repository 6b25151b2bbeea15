/* Cross-file: a Dockerfile whose final stage runs as root (SW0201), when
 * every compose service that runs that stage sets a non-root user, is said
 * once, as a note naming those services: the image still runs as root
 * wherever it runs without compose. When every one needs root (privileged,
 * capabilities, the Docker socket), it is not reported. */
#include "checks/crossfile/crossfile.h"

#include <string.h>
#include <strings.h>

#include "lexicon/lexicon.h"
#include "spec/user.h"

/* An explicit user that is not root. */
static bool user_is_nonroot(const char *user)
{
	return user && !strchr(user, '$') && user[0] && user[0] != ':' && !user_is_root(user);
}

/* A service that sets a non-root user: "web (user: 1000)". */
static const char *sets_nonroot(struct arena *a, const struct c_service *s, const void *ctx)
{
	(void)ctx;
	return user_is_nonroot(s->user.s) ? arena_printf(a, "%s (user: %s)", s->name, s->user.s) :
					    NULL;
}

/* A service that needs root, or holds the host whatever its user:
 * privileged or given capabilities that reach the host (which a non-root
 * process does not hold: Docker grants no ambient ones), or the Docker socket (root's
 * equal for any user that reaches it). SW0252-SW0254 report those; a
 * USER would break the first and change nothing for the last. */
static const char *needs_root(struct arena *a, const struct c_service *s, const void *ctx)
{
	bool docker;

	(void)ctx;
	if (s->privileged.s && !strcasecmp(s->privileged.s, "true"))
		return arena_printf(a, "%s (privileged)", s->name);
	/* one that reaches the host (SW0253's): a harmless one such as
	 * NET_BIND_SERVICE is granted to every container already */
	for (size_t k = 0; k < s->cap_add.n; k++) {
		const char *canon;

		if (s->cap_add.v[k].s && capability_danger(s->cap_add.v[k].s, &canon))
			return arena_printf(a, "%s (cap_add: %s)", s->name, canon);
	}
	for (size_t k = 0; k < s->nvolumes; k++)
		if (s->volumes[k].source && lex_runtime_socket(s->volumes[k].source, &docker))
			return arena_printf(a, "%s (%s)", s->name, s->volumes[k].source);
	return NULL;
}

/* Turns the SW0201 findings of the Dockerfile `dockerfile` among
 * r->findings[from..] into notes naming the compose `services`; doing it
 * again for the same file changes nothing. */
static void note_root_fixed(struct report *r, size_t from, const char *dockerfile,
			    unsigned stage, const char *services)
{
	static const char fix[] = "Set USER in the Dockerfile as well: where compose does not "
				  "run the image (docker run, another orchestrator), it runs as root";

	for (size_t k = from; k < r->nfindings; k++) {
		struct finding *f = &r->findings[k];

		if (f->rule != &SW0201 || !f->file || f->fix == fix || f->stage != stage ||
		    !crossfile_same_file(f->file, dockerfile))
			continue;	/* another finding, or noted already */
		f->severity = SEV_INFO;
		f->lowered = true;
		f->message = arena_printf(r->a, "%s, but every compose service that runs it sets "
					  "a non-root user", f->message);
		f->via = arena_printf(r->a, "compose: %s", services);
		f->fix = fix;
	}
}

void crossfile_root_fixed_by_compose(struct report *r, const struct c_project *const *projects,
				     const struct m_dockerfile *const *const *dfs, size_t n)
{
	size_t out = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *services = NULL;

		if (f->rule == &SW0201 && f->file &&
		    crossfile_every_service(r->a, projects, dfs, n, f->file, f->stage, needs_root,
					    NULL, &services))
			continue;	/* dropped: its services' own findings say it */
		r->findings[out++] = *f;
	}
	r->nfindings = out;
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const char *services = NULL;

		if (f->rule != &SW0201 || !f->file)
			continue;
		if (crossfile_every_service(r->a, projects, dfs, n, f->file, f->stage, sets_nonroot,
					    NULL, &services))
			note_root_fixed(r, 0, f->file, f->stage, services);
	}
}
