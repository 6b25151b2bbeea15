/* SW0282: a container runs privileged. */
#include "rules/live_util.h"

static void check(struct rule_ctx *c)
{
	if (c->container->privileged)
		lv_report(c, "runs privileged: it has every capability and device of the host, "
			  "without seccomp or AppArmor confinement");
}

const struct rule rule_live_privileged = {
	.id = "SW0282",
	.title = "A container runs privileged",
	.severity = SEV_ERROR,
	.checklist = 2,
	.layer = "live",
	.why = "--privileged turns off the isolation that makes a container a container: all "
	       "capabilities, every host device, no seccomp or AppArmor profile. Root in it "
	       "can mount the host's disks and load kernel modules; it is root on the host.",
	.bad = "docker run -d --privileged --name agent acme/agent:3\n",
	.good = "docker run -d --name agent --cap-drop ALL --cap-add NET_BIND_SERVICE "
		"--device /dev/ttyUSB0 acme/agent:3\n",
	.fix = "Recreate the container without --privileged (privileged: true), granting only the "
	       "device or capability it really needs",
	.check_live = check,
};
