/* Capabilities that reach the host, and why. */
#include "lexicon/lexicon.h"

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

const char *capability_danger(const char *name, const char **canon)
{
	if (!strncasecmp(name, "CAP_", 4))
		name += 4;
	for (size_t j = 0; j < sizeof(caps) / sizeof(caps[0]); j++)
		if (!strcasecmp(name, caps[j].name)) {
			*canon = caps[j].name;
			return caps[j].what;
		}
	return NULL;
}

const char *capability_at(size_t i)
{
	return i < sizeof(caps) / sizeof(caps[0]) ? caps[i].name : NULL;
}
