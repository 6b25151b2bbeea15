/* An image lowered from its config. */
#include "input/image/lower.h"

#include <string.h>

static struct sp_list list_of(struct arena *a, const char *const *v, size_t n)
{
	struct sp_list out = { arena_alloc(a, (n + 1) * sizeof(*out.v)), n };

	for (size_t k = 0; k < n; k++)
		out.v[k] = (struct sp_str){ v[k], { 0 } };
	return out;
}

void image_lower(struct arena *a, const struct image *img, struct spec *out)
{
	memset(out, 0, sizeof(*out));
	out->kind = SPEC_IMAGE;
	out->name = img->name;
	out->origin = img;
	out->note = "";
	out->image.s = img->name;
	out->user.name = img->user && *img->user ? img->user : NULL;
	out->user.from = out->user.name ? SP_IMAGE : SP_UNSET;
	out->user.uid = -1;
	/* An image config holds no namespaces, networks, limits or devices:
	 * those are the run's. */
	out->limits.memory.v = out->limits.cpus.v = out->limits.pids.v = -1;
	if (out->user.name) {
		unsigned long uid;

		if (image_user_uid(img, out->user.name, &uid))
			out->user.uid = (long)uid;
	}
	out->entrypoint = list_of(a, img->entrypoint, img->nentrypoint);
	out->command = list_of(a, img->cmd, img->ncmd);
	out->exposed = list_of(a, img->ports, img->nports);
	out->volumes = list_of(a, img->volumes, img->nvolumes);
	out->healthcheck = (struct sp_flag){ true, img->healthcheck, { 0 } };
	out->env = arena_alloc(a, (img->nenv + 1) * sizeof(*out->env));
	for (size_t k = 0; k < img->nenv; k++) {
		const char *e = img->env[k], *eq = strchr(e, '=');

		/* What an image holds, it holds as is. */
		out->env[out->nenv++] = (struct sp_kv){
			eq ? arena_strndup(a, e, (size_t)(eq - e)) : e, eq ? eq + 1 : NULL, { 0 }, true, NULL, false
		};
	}
}
