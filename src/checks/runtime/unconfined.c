/* seccomp, AppArmor or SELinux confinement turned off: SW0256 (compose),
 * SW0287 (live). */
#include "checks/runtime/runtime.h"

#include <string.h>
#include <strings.h>

#include "lexicon/lexicon.h"
#include "util/path.h"

static const struct {
	const char *key, *value, *what;
} opts[] = {
	{ "seccomp", "unconfined", "the seccomp filter: every syscall is allowed, including those "
	  "kernel exploits need" },
	{ "apparmor", "unconfined", "its AppArmor profile: nothing limits what it may mount, write "
	  "under /proc or /sys, or signal" },
	{ "label", "disable", "SELinux labeling: the policy no longer confines it" },
	{ "systempaths", "unconfined", "the masking of /proc and /sys: host kernel settings and "
	  "information are open to it" },
};

/* Whether the service binds a container runtime's socket: SELinux keeps
 * a container from using it until labeling is off, so label=disable is
 * that mount's consequence, and SW0254 reports the mount. */
static bool binds_socket(struct rule_ctx *c, const struct spec *s)
{
	bool docker;

	for (size_t k = 0; k < s->nmounts; k++) {
		const struct sp_mount *m = &s->mounts[k];

		if (m->type && !strcmp(m->type, "bind") && m->source && m->source[0] == '/' &&
		    lex_runtime_socket(path_resolve(c->a, "/", m->source), &docker))
			return true;
	}
	return false;
}

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		/* Privileged has every confinement off (Docker adds label=disable
		 * itself): SW0252/SW0282 say so. */
		if (s->privileged.on)
			continue;
		for (size_t k = 0; k < s->security_opt.n; k++) {
			const struct sp_str *v = &s->security_opt.v[k];
			size_t kl;

			if (!v->s || !v->s[kl = strcspn(v->s, ":=")])
				continue;
			for (size_t j = 0; j < sizeof(opts) / sizeof(opts[0]); j++)
				if (kl == strlen(opts[j].key) && !strncasecmp(v->s, opts[j].key, kl) &&
				    !strcasecmp(v->s + kl + 1, opts[j].value) &&
				    !(!strcmp(opts[j].key, "label") && binds_socket(c, s)))
					sp_report_as(c, s, &v->at, SP_NOTE, "%s %s of %s %s turns off %s",
						     s->kind == SPEC_CONTAINER ? "--security-opt"
									       : "security_opt",
						     v->s, s->kind == SPEC_CONTAINER ? "container"
										     : "service",
						     s->name, opts[j].what);
		}
	}
}

const struct check check_rt_unconfined = {
	.on = { [SPEC_SERVICE] = &SW0256, [SPEC_CONTAINER] = &SW0287 },
	.spec = check,
};
