/* Roles: the web proxy. */
#include "spec/role.h"

#include <string.h>
#include <strings.h>

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
	const char *img = s->builds ? s->base_image.s : s->image.s;

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
		base = strrchr(repo, '/');
		base = base ? base + 1 : repo;
		if (lex_has(&lex_proxy_images, base) || name_says_proxy(base))
			return true;
	}
	if (name_says_proxy(s->name) || (s->service && name_says_proxy(s->service)))
		return true;
	return listed(cfg, s->name) || listed(cfg, s->service) || listed(cfg, repo) ||
	       listed(cfg, own) || listed(cfg, s->image.s);
}
