/* SW0253: a compose service adds a capability that reaches the host. */
#include "rules/compose_util.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name, *what;
} caps[] = {
	{ "ALL", "every capability, nearly the same as privileged: true" },
	{ "SYS_ADMIN", "mount, namespaces and much more: the usual way out of a container" },
	{ "SYS_MODULE", "it loads kernel modules, that is, runs code in the host's kernel" },
	{ "SYS_RAWIO", "raw access to devices and memory (iopl, /dev/mem)" },
	{ "SYS_PTRACE", "it traces other processes, reads their memory and injects code" },
	{ "DAC_READ_SEARCH", "it opens any host file by handle (open_by_handle_at, the "
			     "\"shocker\" escape)" },
	{ "NET_ADMIN", "it reconfigures networking: interfaces, routes and firewall rules" },
	{ "SYS_BOOT", "it reboots the host" },
	{ "SYS_TIME", "it sets the host's clock, for every container and the host" },
	{ "MAC_ADMIN", "it changes the AppArmor or SELinux policy" },
	{ "MAC_OVERRIDE", "it bypasses the AppArmor or SELinux policy" },
	{ "BPF", "it loads BPF programs into the kernel" },
	{ "PERFMON", "it reads performance data of the kernel and other processes" },
	{ "SYSLOG", "it reads the kernel log, which leaks kernel addresses" },
	{ "AUDIT_CONTROL", "it changes the kernel's audit rules" },
	{ "LINUX_IMMUTABLE", "it clears the immutable flag of files it can reach" },
};

static void check(struct rule_ctx *c)
{
	const struct c_project *p = c->project;

	for (size_t i = 0; i < p->nservices; i++) {
		const struct c_service *s = &p->services[i];

		for (size_t k = 0; k < s->cap_add.n; k++) {
			const struct c_value *v = &s->cap_add.v[k];
			const char *name = v->s;

			if (!name)
				continue;
			if (!strncasecmp(name, "CAP_", 4))
				name += 4;
			for (size_t j = 0; j < sizeof(caps) / sizeof(caps[0]); j++)
				if (!strcasecmp(name, caps[j].name))
					cx_report_value(c, s, v, "service %s adds capability %s: %s",
							s->name, caps[j].name, caps[j].what);
		}
	}
}

const struct rule rule_compose_capabilities = {
	.id = "SW0253",
	.title = "A compose service adds a capability that reaches the host",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "compose",
	.why = "Docker drops the capabilities that act on the whole machine. Adding one back "
	       "(ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN...) gives "
	       "root in the container a documented path to the host: mounting filesystems, "
	       "loading kernel modules, reading other processes' memory, rewriting the "
	       "firewall.",
	.bad = "services:\n  app:\n    image: acme/app:2.1\n    cap_add: [SYS_ADMIN]\n",
	.good = "services:\n  app:\n    image: acme/app:2.1\n    cap_drop: [ALL]\n"
		"    cap_add: [NET_BIND_SERVICE]\n",
	.fix = "Remove the capability; if the service truly needs it, isolate it (a dedicated "
	       "host or VM) and document why",
	.check_compose = check,
};
