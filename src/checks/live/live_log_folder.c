/* SW1083: a container keeps log files where no named volume or bind mount is. */
#include "checks/live/live_util.h"

#include <string.h>
#include <strings.h>

#include "util/path.h"
#include "util/str.h"
#include "spec/logs.h"

/* A volume the engine named itself: 64 hex digits. */
static bool anonymous(const struct live_mount *m)
{
	return str_eq(m->type, "volume") && strlen(m->name) == 64 &&
	       strspn(m->name, "0123456789abcdef") == 64;
}

static void judge(struct rule_ctx *c, const char *dir, const char *why)
{
	const struct live_container *ct = c->container;
	const struct live_mount *hit = NULL;

	for (size_t k = 0; k < ct->nmounts; k++) {
		const struct live_mount *m = &ct->mounts[k];

		if (m->destination[0] == '/' &&
		    path_within(dir, path_resolve(c->a, "/", m->destination)))
			hit = m;	/* the deepest: mounts are sorted by destination */
	}
	if (!hit)
		lv_report(c, "keeps log files in %s (%s) and nothing is mounted there: they fill "
			  "its writable layer and are lost with it", dir, why);
	else if (anonymous(hit))
		lv_report(c, "keeps log files in %s (%s) on an anonymous volume: nothing rotates "
			  "them, and they are orphaned when the container is recreated", dir, why);
}

static void check(struct rule_ctx *c)
{
	const struct live_container *ct = c->container;

	for (size_t k = 0; k < ct->nimage_volumes; k++) {
		const char *v = ct->image_volumes[k];

		if (v[0] == '/' && log_path(v))
			judge(c, path_resolve(c->a, "/", v), "a VOLUME of its image");
	}
	for (size_t k = 0; k < ct->nenv; k++) {
		const char *e = ct->env[k], *eq = strchr(e, '=');

		if (!eq || eq[1] != '/' || !log_var_name(e, (size_t)(eq - e)))
			continue;
		judge(c, log_folder_of(c->a, path_resolve(c->a, "/", eq + 1),
				       memmem(e, (size_t)(eq - e), "DIR", 3) != NULL),
		      arena_printf(c->a, "its environment's %.*s", (int)(eq - e), e));
	}
}

const struct check check_live_log_folder = {
	.rule = &SW1083,
	.live = check,
};
