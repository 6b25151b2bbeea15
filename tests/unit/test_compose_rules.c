#include <stdio.h>
#include <string.h>

#include "input/compose/project.h"
#include "config/config.h"
#include "checks/compose/compose_util.h"
#include "checks/check.h"
#include "spec/user.h"
#include "unit.h"

/* Loads buf as compose.yaml and runs the compose rules; returns the
 * findings of rule id as "LINE:COL message|..." (no Dockerfiles). */
static const char *run(const char *id, const char *buf)
{
	static char out[8192];
	struct arena a = ARENA_INIT;
	struct report r;
	struct config cfg = { 0 };
	struct c_project p;
	size_t len = 0;

	out[0] = '\0';
	report_init(&r, &a);
	if (compose_load_buffer(&a, "compose.yaml", buf, strlen(buf), NULL, &p, &r) < 0) {
		snprintf(out, sizeof(out), "load error: %s",
			 r.nerrors ? r.errors[0].message : "?");
		arena_release(&a);
		return out;
	}
	rules_check_compose(&r, &p, NULL, &cfg);
	for (size_t i = 0; i < r.nfindings && len < sizeof(out) - 512; i++)
		if (!strcmp(r.findings[i].rule->id, id))
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%u:%u %s%s%s%s",
						len ? "|" : "", r.findings[i].line,
						r.findings[i].col, r.findings[i].message,
						r.findings[i].via ? " [via " : "",
						r.findings[i].via ? r.findings[i].via : "",
						r.findings[i].via ? "]" : "");
	arena_release(&a);
	return out;
}

UNIT_TEST(compose_rule_user_and_profiles)
{
	CHECK_STR(run("SW0251", "services:\n  a:\n    image: x:1\n    user: root\n"
		      "  b:\n    image: x:1\n    user: \"1000\"\n  c:\n    image: x:1\n"
		      "    user: \"0:0\"\n    profiles: [debug]\n"),
		  "4:11 service a runs as root (user: root)|"
		  "10:11 service c runs as root (user: 0:0) (profile: debug)");
}

UNIT_TEST(compose_rule_anchor_via)
{
	CHECK_STR(run("SW0252", "x-priv: &priv\n  privileged: true\nservices:\n  a:\n"
		      "    <<: *priv\n    image: x:1\n"),
		  "2:15 service a runs privileged: it gets every capability and every host "
		  "device, so root in it is root on the host [via compose.yaml:5]");
}

UNIT_TEST(compose_rule_ports)
{
	/* api is behind a proxy: its database port is SW0902's, the other
	 * SW0901's; a database image makes every port a database's. */
	const char *y = "services:\n  proxy:\n    image: traefik:v3.1\n    ports: [\"443:443\"]\n"
			"  api:\n    image: acme/api:1.8\n    ports:\n"
			"      - \"5432:5432\"\n      - \"127.0.0.1:8080:8080\"\n"
			"      - \"9000:9000\"\n"
			"  db:\n    image: postgres:16\n    ports: [\"9001:9001\"]\n";

	CHECK_STR(run("SW0902", y), "8:9 service api publishes PostgreSQL port 5432 on all "
		  "interfaces (5432:5432): the data store is reachable from every network the "
		  "host is on|13:13 service db publishes PostgreSQL port 9001 on all interfaces "
		  "(9001:9001): the data store is reachable from every network the host is on");
	CHECK_STR(run("SW0901", y), "10:9 service api publishes port 9000 on all interfaces "
		  "(9000:9000), reachable from every network the host is on");
}

UNIT_TEST(compose_rule_helpers)
{
	CHECK(user_is_root("root") && user_is_root("0") && user_is_root("0:0") &&
	      user_is_root("root:1000"));
	CHECK(user_is_root("00") && user_is_root("000:0"));
	CHECK(user_is_root("+0") && user_is_root("-0:0") && !user_is_root("+") &&
	      !user_is_root("+1000"));
	CHECK(!user_is_root(NULL) && !user_is_root("") && !user_is_root(":0") &&
	      !user_is_root("1000") && !user_is_root("rooter") &&
	      !user_is_root("${U}"));
}
