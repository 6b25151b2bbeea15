/* The runtime description as each layer lowers it: namespaces, networks,
 * resource limits and devices from compose keys and from inspect data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "input/compose/lower.h"
#include "input/compose/project.h"
#include "input/engine/container.h"
#include "input/engine/lower.h"
#include "spec/spec.h"
#include "unit.h"

UNIT_TEST(spec_sizes)
{
	CHECK(spec_bytes("512m") == 512LL << 20);
	CHECK(spec_bytes("1.5g") == 3LL << 29);
	CHECK(spec_bytes("2GiB") == 2LL << 30);
	CHECK(spec_bytes("1 kb") == 1024);
	CHECK(spec_bytes("1024") == 1024);
	CHECK(spec_bytes("${MEM}") == -1);
	CHECK(spec_bytes("12x") == -1);
	CHECK(spec_bytes("99999999999999999999") == -1);
	CHECK(spec_nano_cpus("0.5") == 500000000);
	CHECK(spec_nano_cpus("2") == 2000000000);
	CHECK(spec_nano_cpus("1.25") == 1250000000);
	CHECK(spec_nano_cpus("half") == -1);
}

UNIT_TEST(lower_compose_limits_devices)
{
	static const char y[] =
		"services:\n"
		"  a:\n"
		"    image: x:1\n"
		"    uts: host\n"
		"    networks: [front, back]\n"
		"    mem_limit: 256m\n"
		"    cpus: 0.5\n"
		"    pids_limit: 100\n"
		"    deploy:\n"
		"      resources:\n"
		"        limits:\n"
		"          memory: 1g\n"
		"    devices:\n"
		"      - /dev/fuse\n"
		"      - /dev/snd:/dev/audio\n"
		"      - /dev/sda:r\n"
		"      - source: /dev/kvm\n"
		"        permissions: rw\n"
		"networks:\n  front: {}\n  back: {}\n";
	struct arena a = ARENA_INIT;
	struct report r;
	struct c_project p;
	struct spec s;

	report_init(&r, &a);
	if (compose_load_buffer(&a, "compose.yaml", y, strlen(y), NULL, &p, &r) < 0) {
		unit_fail(__FILE__, __LINE__, "load error");
		arena_release(&a);
		return;
	}
	compose_lower(&a, &p, 0, NULL, &s);
	CHECK_STR(s.uts.s, "host");
	CHECK(s.uts.at.line == 4 && s.uts.at.col == 10);
	CHECK(s.networks.n == 2);
	CHECK_STR(s.networks.n ? s.networks.v[0].s : NULL, "front");
	/* deploy.resources.limits wins over mem_limit, as docker compose has it */
	CHECK_STR(s.limits.memory.s, "1g");
	CHECK(s.limits.memory.v == 1LL << 30 && s.limits.memory.at.line == 12);
	CHECK_STR(s.limits.cpus.s, "0.5");
	CHECK(s.limits.cpus.v == 500000000 && s.limits.cpus.at.line == 7);
	CHECK(s.limits.pids.v == 100 && s.limits.pids.at.line == 8);
	CHECK(s.ndevices == 4);
	if (s.ndevices == 4) {
		CHECK_STR(s.devices[0].container, "/dev/fuse");
		CHECK_STR(s.devices[0].permissions, "rwm");
		CHECK_STR(s.devices[1].host, "/dev/snd");
		CHECK_STR(s.devices[1].container, "/dev/audio");
		CHECK_STR(s.devices[2].container, "/dev/sda");
		CHECK_STR(s.devices[2].permissions, "r");
		CHECK_STR(s.devices[3].host, "/dev/kvm");
		CHECK_STR(s.devices[3].container, "/dev/kvm");
		CHECK_STR(s.devices[3].permissions, "rw");
		CHECK(s.devices[3].at.line == 17);
	}
	arena_release(&a);
}

/* The replay's edited recording (tests/live/replay/edited-limits.json):
 * its first document is the inspect answer. */
UNIT_TEST(lower_live_limits_devices)
{
	struct arena a = ARENA_INIT;
	struct live_container ct;
	struct spec s;
	json_error_t e;
	json_t *j = json_load_file("tests/live/replay/edited-limits.json",
				   JSON_DISABLE_EOF_CHECK, &e);
	const char *err = NULL;

	if (!j) {
		unit_skip("tests/live/replay/edited-limits.json not found (run from the top)");
		return;
	}
	CHECK(live_decode_inspect(&a, j, &ct, &err) == 0);
	live_lower(&a, &ct, &s);
	CHECK_STR(s.uts.s, "host");
	CHECK_STR(s.pid.s, "host");
	CHECK_STR(s.ipc.s, "shareable");
	CHECK_STR(s.userns.s, "host");
	CHECK(s.networks.n == 2);
	CHECK_STR(s.networks.n ? s.networks.v[0].s : NULL, "swlive-back");
	CHECK_STR(s.limits.memory.s, "536870912");
	CHECK(s.limits.memory.v == 536870912);
	CHECK(s.limits.cpus.v == 1500000000);
	CHECK(s.limits.pids.v == 200);
	CHECK(s.ndevices == 2);
	if (s.ndevices == 2) {
		CHECK_STR(s.devices[1].host, "/dev/snd");
		CHECK_STR(s.devices[1].container, "/dev/audio");
		CHECK_STR(s.devices[1].permissions, "r");
	}
	json_decref(j);
	arena_release(&a);
}
