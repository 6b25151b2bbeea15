/* The compose loader (src/input/compose/): discovery, merging (compose-go's override tests,
 * adapted), extends, include, profiles, the typed model and its errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/compose/project.h"
#include "checks/check.h"
#include "input/discover/classify.h"
#include "unit.h"

/* --- helpers ---------------------------------------------------------------------- */

static char tmp[256];
static char *made[64];
static int nmade;

static void tmp_open(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmp, sizeof(tmp), "%s/sw-compose-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmp))
		tmp[0] = 0;
	nmade = 0;
}

/* Writes tmp/name (one level of subfolder allowed); returns its path. */
static const char *put(const char *name, const char *text)
{
	static char paths[64][512];
	char *p = paths[nmade % 64];
	const char *slash = strchr(name, '/');
	FILE *f;

	if (slash) {
		char dir[512];

		snprintf(dir, sizeof(dir), "%s/%.*s", tmp, (int)(slash - name), name);
		if (mkdir(dir, 0700) == 0 && nmade < 64)
			made[nmade++] = strdup(dir);
	}
	snprintf(p, 512, "%s/%s", tmp, name);
	f = fopen(p, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	if (nmade < 64)
		made[nmade++] = strdup(p);
	return p;
}

static void tmp_close(void)
{
	for (int i = nmade - 1; i >= 0; i--) {
		if (remove(made[i]) != 0)
			rmdir(made[i]);
		free(made[i]);
	}
	nmade = 0;
	rmdir(tmp);
}

struct loaded {
	struct arena a;
	struct report r;
	struct c_project p;
	int rc;
};

static void load_files(struct loaded *l, const char **files, size_t n)
{
	struct compose_opts o = { 0 };

	arena_init(&l->a);
	report_init(&l->r, &l->a);
	o.files = files;
	o.nfiles = n;
	l->rc = compose_load(&l->a, &o, &l->p, &l->r);
}

static void load_buf(struct loaded *l, const char *text)
{
	arena_init(&l->a);
	report_init(&l->r, &l->a);
	l->rc = compose_load_buffer(&l->a, "compose.yaml", text, strlen(text), NULL, &l->p, &l->r);
}

static void done(struct loaded *l)
{
	arena_release(&l->a);
}

static const struct c_service *svc(const struct loaded *l, const char *name)
{
	for (size_t i = 0; i < l->p.nservices; i++)
		if (!strcmp(l->p.services[i].name, name))
			return &l->p.services[i];
	return NULL;
}

static bool has_error(const struct loaded *l, const char *part)
{
	for (size_t i = 0; i < l->r.nerrors; i++)
		if (strstr(l->r.errors[i].message, part))
			return true;
	return false;
}

static void show_errors(const struct loaded *l)
{
	for (size_t i = 0; i < l->r.nerrors; i++)
		fprintf(stderr, "    %s:%u: %s\n", l->r.errors[i].file ? l->r.errors[i].file : "-",
			l->r.errors[i].line, l->r.errors[i].message);
}

/* Trees equal in kind, text and keys, whatever the key order and positions. */
static bool same(const struct y_node *a, const struct y_node *b)
{
	if (!a || !b)
		return a == b;
	if (y_is_null(a) || y_is_null(b))
		return y_is_null(a) && y_is_null(b);
	if (a->kind != b->kind)
		return false;
	if (a->kind == Y_SCALAR)
		return !strcmp(a->str, b->str);
	if (a->kind == Y_SEQ) {
		if (a->nitems != b->nitems)
			return false;
		for (size_t i = 0; i < a->nitems; i++)
			if (!same(a->items[i], b->items[i]))
				return false;
		return true;
	}
	if (a->npairs != b->npairs)
		return false;
	for (size_t i = 0; i < a->npairs; i++)
		if (!same(a->pairs[i].value, y_get(b, a->pairs[i].key->str)))
			return false;
	return true;
}

/* compose-go's assertMergeYaml: base then override, against want. */
static void check_merge(const char *file, int line, const char *base, const char *over,
			const char *want)
{
	struct loaded l, w;
	const char *files[2];

	tmp_open();
	files[0] = put("base.yaml", base);
	files[1] = put("override.yaml", over);
	load_files(&l, files, 2);
	load_buf(&w, want);
	if (l.rc < 0 || l.r.nerrors || w.rc < 0 ||
	    !same(y_get(l.p.root, "services"), y_get(w.p.root, "services"))) {
		unit_fail(file, line, "merge result differs from the expected tree");
		show_errors(&l);
		show_errors(&w);
	}
	done(&l);
	done(&w);
	tmp_close();
}
#define CHECK_MERGE(base, over, want) check_merge(__FILE__, __LINE__, base, over, want)

/* --- merging: compose-go override/merge_*_test.go ---------------------------------- */

UNIT_TEST(compose_merge_logging)
{
	/* same driver: options merge */
	CHECK_MERGE("services:\n  test:\n    image: foo\n    logging:\n      driver: syslog\n"
		    "      options:\n        syslog-address: \"tcp://192.168.0.42:123\"\n",
		    "services:\n  test:\n    logging:\n      driver: syslog\n      options:\n"
		    "        syslog-address: \"tcp://127.0.0.1:123\"\n",
		    "services:\n  test:\n    image: foo\n    logging:\n      driver: syslog\n"
		    "      options:\n        syslog-address: \"tcp://127.0.0.1:123\"\n");
	/* another driver: the override replaces everything */
	CHECK_MERGE("services:\n  test:\n    image: foo\n    logging:\n      driver: local\n"
		    "      options:\n        max-size: \"10m\"\n",
		    "services:\n  test:\n    logging:\n      driver: syslog\n      options:\n"
		    "        syslog-address: \"tcp://127.0.0.1:123\"\n",
		    "services:\n  test:\n    image: foo\n    logging:\n      driver: syslog\n"
		    "      options:\n        syslog-address: \"tcp://127.0.0.1:123\"\n");
	/* no driver: merge */
	CHECK_MERGE("services:\n  test:\n    image: foo\n    logging:\n      options:\n"
		    "        max-size: \"10m\"\n",
		    "services:\n  test:\n    logging:\n      options:\n        max-file: 3\n",
		    "services:\n  test:\n    image: foo\n    logging:\n      options:\n"
		    "        max-size: \"10m\"\n        max-file: 3\n");
}

UNIT_TEST(compose_merge_commands_replaced)
{
	CHECK_MERGE("services:\n  t:\n    image: foo\n    command: [echo, foo]\n"
		    "    entrypoint: /a.sh\n    healthcheck:\n      test: [CMD, a]\n      retries: 3\n",
		    "services:\n  t:\n    command: [echo, bar]\n    entrypoint: [/b.sh]\n"
		    "    healthcheck:\n      test: [CMD, b]\n",
		    "services:\n  t:\n    image: foo\n    command: [echo, bar]\n    entrypoint: [/b.sh]\n"
		    "    healthcheck:\n      test: [CMD, b]\n      retries: 3\n");
	/* a sequence elsewhere is appended */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    security_opt: [a]\n",
		    "services:\n  t:\n    security_opt: [b]\n",
		    "services:\n  t:\n    image: foo\n    security_opt: [a, b]\n");
}

UNIT_TEST(compose_merge_environment)
{
	/* list + list: by key, the later value in the earlier place */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    environment:\n      - A=1\n      - B=2\n",
		    "services:\n  t:\n    environment:\n      - B=3\n      - C=4\n",
		    "services:\n  t:\n    image: foo\n    environment: [A=1, B=3, C=4]\n");
	/* map + map stays a map; a null value replaces (taken from the shell) */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    environment:\n      A: 1\n      B: 2\n",
		    "services:\n  t:\n    environment:\n      B:\n      C: 3\n",
		    "services:\n  t:\n    image: foo\n    environment:\n      A: 1\n      B:\n      C: 3\n");
	/* map + list: as KEY=VALUE strings, the map sorted */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    environment:\n      Z: 1\n      A: 2\n",
		    "services:\n  t:\n    environment: [Z=9]\n",
		    "services:\n  t:\n    image: foo\n    environment: [A=2, Z=9]\n");
}

UNIT_TEST(compose_merge_ports_volumes)
{
	CHECK_MERGE("services:\n  t:\n    image: foo\n    ports: [\"8080:80\", \"9090:90\"]\n"
		    "    volumes: [\"./a:/data\", \"cache:/cache\"]\nvolumes: {cache: }\n",
		    "services:\n  t:\n    ports: [\"8080:80\", \"7070:70\"]\n"
		    "    volumes: [\"./b:/data\"]\n",
		    "services:\n  t:\n    image: foo\n    ports: [\"8080:80\", \"9090:90\", \"7070:70\"]\n"
		    "    volumes: [\"./b:/data\", \"cache:/cache\"]\n");
	/* long and short syntax of the same port are one port */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    ports: [\"127.0.0.1:8080:80/tcp\"]\n",
		    "services:\n  t:\n    ports:\n      - target: 80\n        published: \"8080\"\n"
		    "        host_ip: 127.0.0.1\n        mode: host\n",
		    "services:\n  t:\n    image: foo\n    ports:\n      - target: 80\n"
		    "        published: \"8080\"\n        host_ip: 127.0.0.1\n        mode: host\n");
	/* secrets and configs by target */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    secrets: [a, {source: b, target: /b}]\n"
		    "secrets: {a: {file: a}, b: {file: b}, b2: {file: b2}}\n",
		    "services:\n  t:\n    secrets: [{source: a, mode: 0400}, b2]\n",
		    "services:\n  t:\n    image: foo\n    secrets: [{source: a, mode: 0400}, "
		    "{source: b, target: /b}, b2]\n");
}

UNIT_TEST(compose_merge_keyed_lists)
{
	/* extra_hosts: appended without exact duplicates */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    extra_hosts: [\"a:1.1.1.1\", \"b:2.2.2.2\"]\n",
		    "services:\n  t:\n    extra_hosts: [\"b:2.2.2.2\", \"b:3.3.3.3\"]\n",
		    "services:\n  t:\n    image: foo\n    extra_hosts: [\"a:1.1.1.1\", \"b:2.2.2.2\", "
		    "\"b:3.3.3.3\"]\n");
	/* depends_on: a list becomes a mapping */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    depends_on: [db]\n  db: {image: db}\n"
		    "  cache: {image: c}\n",
		    "services:\n  t:\n    depends_on:\n      cache:\n        condition: service_healthy\n",
		    "services:\n  t:\n    image: foo\n    depends_on:\n      db:\n"
		    "        condition: service_started\n        required: true\n      cache:\n"
		    "        condition: service_healthy\n  db: {image: db}\n  cache: {image: c}\n");
	/* networks: a list becomes a mapping */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    networks: [front]\n"
		    "networks: {front: {}, back: {}}\n",
		    "services:\n  t:\n    networks:\n      back:\n        aliases: [x]\n",
		    "services:\n  t:\n    image: foo\n    networks:\n      front:\n      back:\n"
		    "        aliases: [x]\n");
	/* build: a path becomes {context} */
	CHECK_MERGE("services:\n  t:\n    build: ./dir\n",
		    "services:\n  t:\n    build:\n      target: prod\n",
		    "services:\n  t:\n    build:\n      context: ./dir\n      target: prod\n");
	/* ulimits: an entry is replaced (a half entry would be replaced too, and
	 * then refused by the schema: soft and hard are required) */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    ulimits:\n      nofile: {soft: 1, hard: 2}\n"
		    "      nproc: 5\n",
		    "services:\n  t:\n    ulimits:\n      nofile: {soft: 3, hard: 4}\n",
		    "services:\n  t:\n    image: foo\n    ulimits:\n      nofile: {soft: 3, hard: 4}\n"
		    "      nproc: 5\n");
	/* an explicit null keeps what was there (compose-go: o == nil) */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    restart: always\n",
		    "services:\n  t:\n    restart:\n",
		    "services:\n  t:\n    image: foo\n    restart: always\n");
}

UNIT_TEST(compose_merge_reset_override)
{
	CHECK_MERGE("services:\n  t:\n    image: foo\n    ports: [\"80:80\"]\n    user: \"1000\"\n"
		    "    environment: {A: 1, B: 2}\n",
		    "services:\n  t:\n    ports: !reset []\n    user: !reset null\n"
		    "    environment: !override {C: 3}\n",
		    "services:\n  t:\n    image: foo\n    environment: {C: 3}\n");
	/* !reset inside a key=value mapping, and on a whole service */
	CHECK_MERGE("services:\n  t:\n    image: foo\n    labels: {a: 1, b: 2}\n  gone:\n    image: x\n",
		    "services:\n  t:\n    labels:\n      a: !reset\n  gone: !reset\n",
		    "services:\n  t:\n    image: foo\n    labels: {b: 2}\n");
}

UNIT_TEST(compose_merge_type_mismatch)
{
	struct loaded l;
	const char *files[2];

	tmp_open();
	files[0] = put("a.yaml", "services:\n  t:\n    image: foo\n    ports: [\"80:80\"]\n");
	files[1] = put("b.yaml", "services:\n  t:\n    ports: {a: b}\n");
	load_files(&l, files, 2);
	CHECK(has_error(&l, "cannot override services.t.ports"));
	CHECK(l.r.nerrors == 1 && l.r.errors[0].line == 3);
	done(&l);
	tmp_close();
}

/* --- the model ------------------------------------------------------------------ */

UNIT_TEST(compose_model_ports)
{
	static const struct {
		const char *spec, *ip, *published, *target, *proto;
	} cases[] = {
		{ "80", NULL, NULL, "80", "tcp" },
		{ "8080:80", NULL, "8080", "80", "tcp" },
		{ "127.0.0.1:8080:80", "127.0.0.1", "8080", "80", "tcp" },
		{ "[::1]:8080:80", "::1", "8080", "80", "tcp" },
		{ "::1:8080:80", "::1", "8080", "80", "tcp" },
		{ "[2001:db8::1]:53:53/udp", "2001:db8::1", "53", "53", "udp" },
		{ "8000-8000:8000", NULL, "8000", "8000", "tcp" },	/* a range of one */
		{ "8000-8010:80", NULL, "8000-8010", "80", "tcp" },
		{ "127.0.0.1::80", "127.0.0.1", NULL, "80", "tcp" },
		{ "5000/SCTP", NULL, NULL, "5000", "sctp" },
		{ "1234/", NULL, NULL, "1234", "tcp" },
	};
	static const char *const bad[] = {
		"", "/tcp", "80:", "abc", "70000", "80/icmp", "1.2.3:80:80", "[::1:80:80",
		"8000-8010:80-81", "9-1", "1:2:",
	};
	char text[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loaded l;
		const struct c_service *s;

		snprintf(text, sizeof(text), "services:\n  t:\n    image: x\n    ports: [\"%s\"]\n",
			 cases[i].spec);
		load_buf(&l, text);
		s = svc(&l, "t");
		CHECK(l.rc == 0 && l.r.nerrors == 0);
		if (!s || s->nports != 1) {
			unit_fail(__FILE__, __LINE__, "%s: no port", cases[i].spec);
			show_errors(&l);
			done(&l);
			continue;
		}
		CHECK(!cases[i].ip ? !s->ports[0].host_ip : s->ports[0].host_ip &&
		      !strcmp(s->ports[0].host_ip, cases[i].ip));
		CHECK(!cases[i].published ? !s->ports[0].published :
		      s->ports[0].published && !strcmp(s->ports[0].published, cases[i].published));
		CHECK_STR(s->ports[0].target, cases[i].target);
		CHECK_STR(s->ports[0].protocol, cases[i].proto);
		CHECK(!s->ports[0].long_syntax);
		CHECK(s->ports[0].pos.line == 4);
		done(&l);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct loaded l;

		snprintf(text, sizeof(text), "services:\n  t:\n    image: x\n    ports: [\"%s\"]\n",
			 bad[i]);
		load_buf(&l, text);
		if (!has_error(&l, "invalid port"))
			unit_fail(__FILE__, __LINE__, "\"%s\" should be an invalid port", bad[i]);
		done(&l);
	}
}

UNIT_TEST(compose_model_volumes)
{
	static const struct {
		const char *spec, *type, *source, *target;
		bool ro;
	} cases[] = {
		{ "/data", "volume", NULL, "/data", false },
		{ "named:/data", "volume", "named", "/data", false },
		{ "./src:/app:ro", "bind", "src", "/app", true },
		{ "../up:/up:rw,z", "bind", "../up", "/up", false },
		{ "/abs:/abs:z,ro", "bind", "/abs", "/abs", true },
		{ "~/x:/x", "bind", "~/x", "/x", false },
		{ ".hidden:/h", "bind", ".hidden", "/h", false },
		{ "${V:-vol}:/v", "volume", "vol", "/v", false },
		/* a one-letter source is a Windows drive, as in compose-go */
		{ "c:/data", "volume", NULL, "c:/data", false },
	};
	static const char *const bad[] = { "ab::/b", "xy:/y:ro:extra", ":/x", "ab:bc:" };
	char text[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loaded l;
		const struct c_service *s;

		snprintf(text, sizeof(text), "services:\n  t:\n    image: x\n    volumes: [\"%s\"]\n"
			 "volumes:\n  named:\n  vol:\n", cases[i].spec);
		load_buf(&l, text);
		s = svc(&l, "t");
		if (!s || s->nvolumes != 1 || l.r.nerrors) {
			unit_fail(__FILE__, __LINE__, "%s: no volume", cases[i].spec);
			show_errors(&l);
			done(&l);
			continue;
		}
		CHECK_STR(s->volumes[0].type, cases[i].type);
		CHECK(!cases[i].source ? !s->volumes[0].source : s->volumes[0].source &&
		      !strcmp(s->volumes[0].source, cases[i].source));
		CHECK_STR(s->volumes[0].target, cases[i].target);
		CHECK(s->volumes[0].read_only == cases[i].ro);
		done(&l);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct loaded l;

		snprintf(text, sizeof(text), "services:\n  t:\n    image: x\n    volumes: [\"%s\"]\n",
			 bad[i]);
		load_buf(&l, text);
		if (!has_error(&l, "invalid volume"))
			unit_fail(__FILE__, __LINE__, "\"%s\" should be an invalid volume", bad[i]);
		done(&l);
	}
}

UNIT_TEST(compose_model_service_fields)
{
	struct loaded l;
	const struct c_service *s;

	load_buf(&l,
		 "x-defaults: &defaults\n"
		 "  restart: unless-stopped\n"
		 "  logging:\n"
		 "    driver: json-file\n"
		 "    options: {max-size: 10m, max-file: \"3\"}\n"
		 "services:\n"
		 "  app:\n"
		 "    <<: *defaults\n"
		 "    image: example/app\n"
		 "    user: \"1000:1000\"\n"
		 "    privileged: \"yes\"\n"
		 "    read_only: TRUE\n"
		 "    init: off\n"
		 "    network_mode: host\n"
		 "    pid: host\n"
		 "    ipc: shareable\n"
		 "    userns_mode: host\n"
		 "    cap_add: [NET_ADMIN]\n"
		 "    security_opt: [\"no-new-privileges:true\"]\n"
		 "    command: sh -c 'echo \"hi there\"' done\\ now\n"
		 "    entrypoint: [\"/tini\", \"--\"]\n"
		 "    environment: [A=1, B, C=x=y]\n"
		 "    labels: {traefik.enable: \"true\", empty: }\n"
		 "    deploy:\n"
		 "      restart_policy: {condition: on-failure, max_attempts: 3}\n"
		 "    healthcheck:\n"
		 "      test: [\"NONE\"]\n"
		 "    build:\n"
		 "      context: ./app\n"
		 "      dockerfile: docker/Dockerfile.prod\n"
		 "      target: runtime\n");
	s = svc(&l, "app");
	CHECK(l.rc == 0 && l.r.nerrors == 0);
	show_errors(&l);
	if (!s) {
		done(&l);
		return;
	}
	CHECK_STR(s->restart.s, "unless-stopped");
	CHECK(s->restart.via.line == 8);
	CHECK_STR(s->logging_driver.s, "json-file");
	CHECK(s->nlogging_options == 2);
	CHECK_STR(s->user.s, "1000:1000");
	CHECK_STR(s->privileged.s, "true");
	CHECK_STR(s->read_only.s, "true");
	CHECK_STR(s->init.s, "false");
	CHECK_STR(s->network_mode.s, "host");
	CHECK_STR(s->pid.s, "host");
	CHECK_STR(s->ipc.s, "shareable");
	CHECK_STR(s->userns_mode.s, "host");
	CHECK(s->cap_add.n == 1 && s->security_opt.n == 1);
	CHECK(s->command.n == 4);
	if (s->command.n == 4) {
		CHECK_STR(s->command.v[0].s, "sh");
		CHECK_STR(s->command.v[2].s, "echo \"hi there\"");
		CHECK_STR(s->command.v[3].s, "done now");
	}
	CHECK(s->entrypoint.n == 2);
	CHECK(s->nenvironment == 3);
	if (s->nenvironment == 3) {
		CHECK_STR(s->environment[0].key, "A");
		CHECK_STR(s->environment[0].value, "1");
		CHECK(!s->environment[1].value);
		CHECK_STR(s->environment[2].value, "x=y");
	}
	CHECK(s->nlabels == 2 && !s->labels[1].value);
	CHECK_STR(s->deploy_restart_condition.s, "on-failure");
	CHECK_STR(s->deploy_restart_max_attempts.s, "3");
	CHECK(!s->has_healthcheck);
	CHECK_STR(s->build_context.s, "app");
	CHECK_STR(s->build_dockerfile.s, "app/docker/Dockerfile.prod");
	CHECK_STR(s->build_target.s, "runtime");
	CHECK(s->active);
	done(&l);
}

UNIT_TEST(compose_model_healthcheck_and_build_forms)
{
	struct loaded l;

	load_buf(&l, "services:\n"
		     "  a: {image: x, healthcheck: {test: [CMD, \"true\"]}}\n"
		     "  b: {image: x, healthcheck: {disable: true}}\n"
		     "  c: {image: x, healthcheck: {interval: 10s}}\n"
		     "  d: {image: x}\n"
		     "  e: {build: {dockerfile_inline: \"FROM scratch\"}}\n"
		     "  f: {build: \"https://github.com/x/y.git#main\"}\n"
		     "  g: {build: {context: /abs, dockerfile: /elsewhere/Dockerfile}}\n");
	CHECK(l.r.nerrors == 0);
	show_errors(&l);
	CHECK(svc(&l, "a") && svc(&l, "a")->has_healthcheck);
	CHECK(svc(&l, "b") && !svc(&l, "b")->has_healthcheck);
	CHECK(svc(&l, "c") && svc(&l, "c")->has_healthcheck);
	CHECK(svc(&l, "d") && !svc(&l, "d")->has_healthcheck);
	if (svc(&l, "e")) {
		CHECK_STR(svc(&l, "e")->build_context.s, ".");
		CHECK(!svc(&l, "e")->build_dockerfile.s);
	}
	if (svc(&l, "f")) {
		CHECK_STR(svc(&l, "f")->build_context.s, "https://github.com/x/y.git#main");
		CHECK(!svc(&l, "f")->build_dockerfile.s);
	}
	if (svc(&l, "g"))
		CHECK_STR(svc(&l, "g")->build_dockerfile.s, "/elsewhere/Dockerfile");
	done(&l);
}

UNIT_TEST(compose_model_profiles)
{
	struct loaded l;
	struct compose_opts o = { 0 };
	const char *files[1], *profiles[] = { "debug" };

	tmp_open();
	files[0] = put("compose.yaml", "services:\n  web: {image: x}\n"
				       "  dbg: {image: x, profiles: [debug]}\n"
				       "  ops: {image: x, profiles: [ops, tools]}\n");
	arena_init(&l.a);
	report_init(&l.r, &l.a);
	o.files = files;
	o.nfiles = 1;
	o.profiles = profiles;
	o.nprofiles = 1;
	l.rc = compose_load(&l.a, &o, &l.p, &l.r);
	CHECK(l.rc == 0 && l.p.nservices == 3);
	CHECK(svc(&l, "web") && svc(&l, "web")->active);
	CHECK(svc(&l, "dbg") && svc(&l, "dbg")->active);
	CHECK(svc(&l, "ops") && !svc(&l, "ops")->active);
	done(&l);
	/* "*" enables every profile; no --profile enables none */
	profiles[0] = "*";
	arena_init(&l.a);
	report_init(&l.r, &l.a);
	l.rc = compose_load(&l.a, &o, &l.p, &l.r);
	CHECK(svc(&l, "ops") && svc(&l, "ops")->active);
	done(&l);
	o.nprofiles = 0;
	arena_init(&l.a);
	report_init(&l.r, &l.a);
	l.rc = compose_load(&l.a, &o, &l.p, &l.r);
	CHECK(svc(&l, "dbg") && !svc(&l, "dbg")->active);
	CHECK(svc(&l, "web") && svc(&l, "web")->active);
	done(&l);
	tmp_close();
}

UNIT_TEST(compose_model_unset_variable_finding)
{
	struct loaded l;

	load_buf(&l, "services:\n  t:\n    image: \"x:${SW_UNIT_NEVER_SET}\"\n"
		     "    environment: [\"A=$SW_UNIT_NEVER_SET\"]\n");
	/* One finding per variable and file, at its first use. */
	CHECK(l.r.nfindings == 1);
	if (l.r.nfindings == 1) {
		CHECK_STR(l.r.findings[0].rule->id, "SW0051");
		CHECK(l.r.findings[0].line == 3 && l.r.findings[0].col == 12);
		CHECK(strstr(l.r.findings[0].message, "(also line 4)") != NULL);
	}
	CHECK(svc(&l, "t") && !strcmp(svc(&l, "t")->image.s, "x:"));
	done(&l);
}

UNIT_TEST(compose_env_shell_beats_dotenv)
{
	struct loaded l;
	const char *files[1];

	tmp_open();
	put(".env", "SW_UNIT_SHELL=from-dotenv\nSW_UNIT_DOT=dot\n");
	files[0] = put("compose.yaml", "services:\n  t:\n    image: \"${SW_UNIT_SHELL}-${SW_UNIT_DOT}\"\n");
	setenv("SW_UNIT_SHELL", "from-shell", 1);
	load_files(&l, files, 1);
	unsetenv("SW_UNIT_SHELL");
	CHECK(svc(&l, "t") && !strcmp(svc(&l, "t")->image.s, "from-shell-dot"));
	done(&l);
	tmp_close();
}

/* --- extends and include ------------------------------------------------------------ */

UNIT_TEST(compose_extends)
{
	struct loaded l;
	const char *files[1];
	const struct c_service *s;

	tmp_open();
	put("lib/base.yaml", "services:\n  base:\n    build: ./ctx\n    volumes: [./data:/data]\n"
			     "  deeper:\n    extends: base\n    user: nobody\n");
	files[0] = put("compose.yaml", "services:\n  app:\n    extends:\n      file: lib/base.yaml\n"
				       "      service: deeper\n    environment: [A=1]\n");
	load_files(&l, files, 1);
	CHECK(l.rc == 0 && l.r.nerrors == 0);
	show_errors(&l);
	s = svc(&l, "app");
	if (s) {
		CHECK(s->build_context.s && strstr(s->build_context.s, "lib/ctx"));
		CHECK(s->nvolumes == 1 && strstr(s->volumes[0].source, "lib/data"));
		CHECK_STR(s->user.s, "nobody");
		CHECK(s->user.via.line == 3);	/* the extends key */
		CHECK(s->nenvironment == 1);
		CHECK(!y_get(s->node, "extends"));
	}
	CHECK(l.p.nfiles == 2);
	done(&l);
	tmp_close();
}

UNIT_TEST(compose_extends_cycle_across_files)
{
	struct loaded l;
	const char *files[1];

	tmp_open();
	put("b.yaml", "services:\n  y:\n    extends: {file: c.yaml, service: z}\n");
	put("c.yaml", "services:\n  z:\n    extends: {file: a.yaml, service: x}\n");
	files[0] = put("a.yaml", "services:\n  x:\n    extends: {file: b.yaml, service: y}\n");
	load_files(&l, files, 1);
	CHECK(has_error(&l, "circular extends: x -> y -> z -> x"));
	CHECK(!has_error(&l, "longer than"));
	done(&l);
	tmp_close();
}

UNIT_TEST(compose_extends_errors)
{
	struct loaded l;

	load_buf(&l, "services:\n  a: {extends: b}\n  b: {extends: a}\n  c: {extends: nope, image: x}\n"
		     "  d: {image: x, extends: {file: other.yaml, service: z}}\n");
	CHECK(has_error(&l, "circular extends"));
	CHECK(has_error(&l, "service \"nope\" not found"));
	CHECK(has_error(&l, "other files are not read here"));
	CHECK(!has_error(&l, "neither an image"));
	done(&l);
}

UNIT_TEST(compose_include)
{
	struct loaded l;
	const char *files[1];
	const struct c_service *s;

	tmp_open();
	put("sub/.env", "SUB_TAG=7\n");
	put("sub/compose.yaml", "services:\n  sub:\n    image: \"redis:${SUB_TAG}\"\n    build: .\n");
	files[0] = put("compose.yaml", "include: [sub/compose.yaml]\nservices:\n  web: {image: x, "
				       "depends_on: [sub]}\n");
	load_files(&l, files, 1);
	CHECK(l.rc == 0 && l.r.nerrors == 0);
	show_errors(&l);
	s = svc(&l, "sub");
	if (s) {
		CHECK_STR(s->image.s, "redis:7");
		CHECK(s->build_context.s && strstr(s->build_context.s, "sub"));
	}
	CHECK(!y_get(l.p.root, "include"));
	done(&l);
	/* a cycle */
	put("sub/loop.yaml", "include: [../compose2.yaml]\nservices:\n  s2: {image: x}\n");
	files[0] = put("compose2.yaml", "include: [sub/loop.yaml]\nservices:\n  s1: {image: x}\n");
	load_files(&l, files, 1);
	CHECK(has_error(&l, "include cycle"));
	done(&l);
	tmp_close();
}

/* --- discovery ------------------------------------------------------------------------- */

UNIT_TEST(compose_is_compose_file)
{
	static const char *const yes[] = {
		"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml",
		"compose.override.yml", "docker-compose.prod.yml", "compose.staging.yaml",
		"docker-compose_v3_alpine_mysql_latest.yaml", "dir/docker-compose-dev.yml",
		"prod.compose.yml", "Docker-Compose.yml",
	};
	static const char *const no[] = {
		"compose", "compose.json", "composer.yaml", "my-composer.yml", "docker.yml",
		"values.yaml", "decompose.yml",
	};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!(input_kind_of(yes[i]) == INPUT_COMPOSE))
			unit_fail(__FILE__, __LINE__, "%s should be a compose file", yes[i]);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if ((input_kind_of(no[i]) == INPUT_COMPOSE))
			unit_fail(__FILE__, __LINE__, "%s should not be a compose file", no[i]);
}

UNIT_TEST(compose_discover)
{
	struct arena a = ARENA_INIT;
	struct report r;
	struct compose_discovery d;

	tmp_open();
	put("docker-compose.yml", "services: {}\n");
	put("compose.yml", "services: {}\n");
	put("docker-compose.override.yaml", "services: {}\n");
	put("compose.override.yaml", "services: {}\n");
	put("docker-compose.prod.yml", "services: {}\n");
	put("compose.staging.yaml", "services: {}\n");
	put("notes.yaml", "x: 1\n");
	report_init(&r, &a);
	compose_discover(&a, tmp, &d, &r);
	CHECK(d.base && !strcmp(strrchr(d.base, '/'), "/compose.yml"));
	CHECK(d.override && !strcmp(strrchr(d.override, '/'), "/compose.override.yaml"));
	CHECK(d.nvariants == 2);
	if (d.nvariants == 2) {
		CHECK_STR(strrchr(d.variants[0], '/'), "/compose.staging.yaml");
		CHECK_STR(strrchr(d.variants[1], '/'), "/docker-compose.prod.yml");
	}
	CHECK(r.nfindings == 1 && !strcmp(r.findings[0].rule->id, "SW0603"));
	CHECK(r.nfindings == 1 && strstr(r.findings[0].file, "docker-compose.yml"));
	arena_release(&a);
	tmp_close();
}

/* --- robustness ------------------------------------------------------------------------- */

UNIT_TEST(compose_load_hostile)
{
	static const char *const inputs[] = {
		"", "---\n", "[]\n", "services: []\n", "services:\n  a: 1\n", "services:\n  a:\n",
		"services: {a: {ports: [{}], volumes: [{}], environment: [[1]], labels: {a: [1]}}}\n",
		"services: {a: {image: x, extends: a}}\n",
		"services: {a: {image: x, depends_on: {b: 1}, networks: {n: 1}}}\n",
		"include: 5\nservices: {a: {image: x}}\n",
		"services: {a: {image: x, build: {context: [1]}, logging: [], deploy: 1}}\n",
		"services: {a: !reset {image: x}}\n",
		"name: \"\\u00e9\\u00ff\"\nservices: {a: {image: x}}\n",
		"services: {a: {image: x, command: \"unterminated 'quote\"}}\n",
		"services: {a: {image: x, ports: [\"${A:-1}:${B:-2}\"]}}\n",
	};
	char deep[6000];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		struct loaded l;

		load_buf(&l, inputs[i]);
		done(&l);
	}
	/* Deep nesting is refused, not recursed into. */
	n += (size_t)snprintf(deep + n, sizeof(deep) - n, "services: {a: {image: x, x-deep: ");
	for (int i = 0; i < 1000; i++)
		deep[n++] = '[';
	for (int i = 0; i < 1000; i++)
		deep[n++] = ']';
	memcpy(deep + n, "}}\n", 4);
	{
		struct loaded l;

		load_buf(&l, deep);
		done(&l);
	}
}

UNIT_TEST(compose_corpus_loads_cleanly)
{
	static const char *const files[] = {
		"corpus/compose/getsentry__self-hosted/docker-compose.yml",
		"corpus/compose/deviantony__docker-elk/docker-compose.yml",
		"corpus/compose/netbox-community__netbox-docker/docker-compose.yml",
		"corpus/compose/docker-mailserver__docker-mailserver/compose.yaml",
		"corpus/compose/jitsi__docker-jitsi-meet/docker-compose.yml",
	};
	const char *shared = unit_shared_dir();
	char path[1024];

	if (!shared) {
		unit_skip("../shared absent");
		return;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct loaded l;
		const char *f[1] = { path };

		snprintf(path, sizeof(path), "%s/%s", shared, files[i]);
		load_files(&l, f, 1);
		/* The corpus keeps no env files: Compose would refuse those too. */
		for (size_t e = 0; e < l.r.nerrors; e++)
			if (strstr(l.r.errors[e].message, "env file ") &&
			    strstr(l.r.errors[e].message, " not found"))
				l.r.errors[e--] = l.r.errors[--l.r.nerrors];
		if (l.rc < 0 || l.r.nerrors || !l.p.nservices) {
			unit_fail(__FILE__, __LINE__, "%s did not load cleanly", files[i]);
			show_errors(&l);
		}
		if (i == 0)
			CHECK(l.p.nservices > 40);
		done(&l);
	}
}

/* compose-go's own fixtures, as kept in the shared corpus. */
UNIT_TEST(compose_go_fixtures)
{
	static const struct {
		const char *dir, *name, *service;
	} cases[] = {
		{ "cli/testdata/simple", "simple", "simple" },
		{ "cli/testdata/UNNORMALIZED PATH", "unnormalizedpath", "nginx" },
		{ "loader/testdata/remote", "remote", "foo" },
	};
	const char *shared = unit_shared_dir();
	char dir[1024];

	if (!shared) {
		unit_skip("../shared absent");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loaded l;
		struct compose_opts o = { 0 };

		snprintf(dir, sizeof(dir), "%s/corpus/compose/compose-spec__compose-go/%s", shared,
			 cases[i].dir);
		o.dir = dir;
		arena_init(&l.a);
		report_init(&l.r, &l.a);
		l.rc = compose_load(&l.a, &o, &l.p, &l.r);
		/* The corpus keeps no env files (remote/env): Compose refuses that. */
		for (size_t e = 0; e < l.r.nerrors; e++)
			if (strstr(l.r.errors[e].message, "env file ") &&
			    strstr(l.r.errors[e].message, " not found"))
				l.r.errors[e--] = l.r.errors[--l.r.nerrors];
		if (l.rc < 0 || l.r.nerrors) {
			unit_fail(__FILE__, __LINE__, "%s did not load", cases[i].dir);
			show_errors(&l);
		} else {
			CHECK_STR(l.p.name, cases[i].name);
			CHECK(svc(&l, cases[i].service) != NULL);
		}
		if (i == 0)	/* its .env was read */
			CHECK(env_get(&l.p.env, "PUBLIC_PORT", 11) &&
			      !strcmp(env_get(&l.p.env, "PUBLIC_PORT", 11)->value, "8000"));
		if (i == 2 && svc(&l, "foo") && svc(&l, "foo")->nvolumes == 1) {
			CHECK_STR(svc(&l, "foo")->volumes[0].type, "bind");
			CHECK(strstr(svc(&l, "foo")->volumes[0].source, "loader/testdata/remote") != NULL);
		}
		done(&l);
	}
}
