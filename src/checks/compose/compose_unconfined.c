/* SW0256: a compose service turns off seccomp, AppArmor or SELinux confinement. */
#include "checks/compose/compose_util.h"

#include <string.h>
#include <strings.h>

static void check(struct rule_ctx *c)
{
	static const struct {
		const char *key, *value, *what;
	} opts[] = {
		{ "seccomp", "unconfined", "the seccomp filter: every syscall is allowed, "
		  "including those kernel exploits need" },
		{ "apparmor", "unconfined", "its AppArmor profile: nothing limits what it may "
		  "mount, write under /proc or /sys, or signal" },
		{ "label", "disable", "SELinux labeling: the policy no longer confines it" },
		{ "systempaths", "unconfined", "the masking of /proc and /sys: host kernel "
		  "settings and information are open to it" },
	};
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->security_opt.n; k++) {
			const struct c_value *v = &s->security_opt.v[k];
			size_t kl;

			if (!v->s)
				continue;
			kl = strcspn(v->s, ":=");
			if (!v->s[kl])
				continue;
			for (size_t j = 0; j < sizeof(opts) / sizeof(opts[0]); j++)
				if (kl == strlen(opts[j].key) && !strncasecmp(v->s, opts[j].key, kl) &&
				    !strcasecmp(v->s + kl + 1, opts[j].value))
					cx_report_value(c, s, v, "security_opt %s of service "
							"%s turns off %s", v->s, s->name,
							opts[j].what);
		}
	}
}

const struct check check_compose_unconfined = {
	.rule = &SW0256,
	.compose = check,
};
