/* Roles: the web proxy, databases, servers that face the network. */
#include "spec/role.h"

#include <string.h>
#include <strings.h>

#include "spec/port.h"

#include "lexicon/lexicon.h"
#include "spec/image_ref.h"
#include "util/str.h"

bool name_says_proxy(const char *name)
{
	for (const char *p = name; p && *p;) {
		size_t n = strcspn(p, "-_.");

		/* The first byte first, either case: every service name
		 * meets every word. */
		for (const char *const *w = lex_proxy_words.words; *w; w++) {
			size_t wl;

			if ((*p | 0x20) != (**w | 0x20))
				continue;
			wl = strlen(*w);
			if (n >= wl && !strncasecmp(p, *w, wl))
				return true;
		}
		p += n;
		while (*p == '-' || *p == '_' || *p == '.')
			p++;
	}
	return false;
}

const char *spec_repo(struct arena *a, const struct spec *s)
{
	/* a service that pulls the image a Dockerfile here builds runs its
	 * base too */
	const char *img = s->builds || s->base_image.s ? s->base_image.s : s->image.s;

	/* image: of a service that builds names what the build produces; the
	 * base is what runs. */
	if (!img || !*img || !strcasecmp(img, "scratch") || strchr(img, '$') ||
	    !strncmp(img, "sha256:", 7))
		return NULL;
	return image_ref_repo(a, img);
}

static bool listed(const struct config *cfg, const char *s)
{
	for (size_t k = 0; s && cfg && k < cfg->proxies.n; k++)
		if (!strcasecmp(cfg->proxies.v[k], s))
			return true;
	return false;
}

bool spec_is_proxy(struct arena *a, const struct spec *s, const struct config *cfg)
{
	const char *role = spec_label(s, "seaworthy.role");
	const char *repo = spec_repo(a, s), *base;
	const char *own = s->image.s && *s->image.s ? image_ref_repo(a, s->image.s) : NULL;

	if (role && !strcasecmp(role, "proxy"))
		return true;
	if (repo) {
		base = image_ref_name(repo);
		if (lex_has(&lex_proxy_images, base) || name_says_proxy(base))
			return true;
	}
	if (name_says_proxy(s->name) || (s->service && name_says_proxy(s->service)))
		return true;
	return listed(cfg, s->name) || listed(cfg, s->service) || listed(cfg, repo) ||
	       listed(cfg, own) || listed(cfg, s->image.s);
}

/* The repositories s runs and names: the root of its stage for a service
 * that builds, and its own image: (what the build is tagged). */
static size_t repos(struct arena *a, const struct spec *s, const char *out[2])
{
	const char *run = spec_repo(a, s);
	size_t n = 0;

	if (run)
		out[n++] = run;
	if ((s->builds || s->base_image.s) && s->image.s && *s->image.s && !strchr(s->image.s, '$'))
		out[n++] = image_ref_repo(a, s->image.s);
	return n;
}

const char *spec_database_image(struct arena *a, const struct spec *s)
{
	const char *r[2], *what;
	size_t n = repos(a, s, r);

	for (size_t k = 0; k < n; k++)
		if ((what = database_of_image(r[k])))
			return what;
	return NULL;
}

const char *spec_port_database(struct arena *a, const struct spec *s, const struct sp_port *p,
			       const struct config *cfg, long *port)
{
	const char *what = port_database(p, cfg, port);
	const char *img = spec_database_image(a, s);
	long hi;

	/* The image says which database (OpenSearch on Elasticsearch's 9200),
	 * unless the port says more of the same ("RabbitMQ's management"). */
	if (!img || (what && !strncmp(what, img, strlen(img))))
		return what;
	if (!what && !port_range(p->target, port, &hi) && !port_range(p->published, port, &hi))
		*port = 0;
	return img;
}

/* Whether a part of name (split on - _ .) is one of l's words. */
static bool name_part_in(const struct lexicon *l, const char *name)
{
	char part[64];

	for (const char *p = name; p && *p;) {
		size_t n = strcspn(p, "-_.");

		if (n && n < sizeof(part)) {
			memcpy(part, p, n);
			part[n] = '\0';
			if (lex_match_ci(l, part))
				return true;
		}
		p += n;
		while (*p == '-' || *p == '_' || *p == '.')
			p++;
	}
	return false;
}

static bool serves(const long *ports, const struct sp_port *p)
{
	long lo, hi;

	if (!port_range(p->target, &lo, &hi) && !port_range(p->published, &lo, &hi))
		return false;
	for (const long *q = ports; *q; q++)
		if (*q >= lo && *q <= hi)
			return true;
	return false;
}

const char *spec_public_server(struct arena *a, const struct spec *s, const struct sp_port *p)
{
	const char *r[2];
	size_t n = 0;

	for (const struct lex_public_server *e = lex_public_servers; e->names; e++) {
		bool is = false;

		if (!serves(e->ports, p))
			continue;
		if (!n)
			n = repos(a, s, r);
		for (size_t k = 0; k < n && !is; k++) {
			const char *base = strrchr(r[k], '/');

			is = lex_match_ci(e->names, base ? base + 1 : r[k]);
		}
		if (is || name_part_in(e->names, s->name) ||
		    (s->service && name_part_in(e->names, s->service)))
			return e->what;
	}
	return NULL;
}
