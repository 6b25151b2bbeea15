#include <stdio.h>
#include <string.h>

#include "spec/port.h"
#include "input/scripts/scripts.h"
#include "unit.h"

/* The docker commands of a script as "LINE:COL verb image name flags;...". */
static const char *cmds(enum script_kind kind, const char *text)
{
	static char buf[4096];
	struct arena a = ARENA_INIT;
	struct script s = { "t", text, strlen(text), 0, kind };
	struct docker_cmd *v;
	size_t n = script_docker_cmds(&a, &s, &v), len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < n && len < sizeof(buf) - 256; k++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%u:%u %s %s %s%s%s%s%s",
					k ? ";" : "", v[k].pos.line, v[k].pos.col, v[k].verb,
					v[k].image ? v[k].image : "-", v[k].name ? v[k].name : "-",
					v[k].detach ? " d" : "", v[k].publish ? " p" : "",
					v[k].network ? " n" : "", v[k].rm ? " rm" : "");
	arena_release(&a);
	return buf;
}

UNIT_TEST(scripts_shell)
{
	CHECK_STR(cmds(SCRIPT_SHELL, "#!/bin/sh\nset -e\ndocker network create app\n"
		       "docker run -d --name db --network app -e POSTGRES_PASSWORD=x postgres:16\n"
		       "  sudo docker run -dit -p8080:80 --rm nginx:1.27 nginx -g 'daemon off;'\n"),
		  "3:1 network create - -;4:1 run postgres:16 db d n;5:8 run nginx:1.27 - d p rm");
	/* Global options, docker container run, -- and podman. */
	CHECK_STR(cmds(SCRIPT_SHELL, "docker -H tcp://h:2375 container run --name=x img\n"
		       "podman create --publish 80:80 -- web:1\ndocker start -a api\n"),
		  "1:1 run img x;2:1 create web:1 - p;3:1 start - api");
	/* Not docker commands: echo, docker compose, docker build, docker ps. */
	CHECK_STR(cmds(SCRIPT_SHELL, "echo docker run x\ndocker compose up -d\n"
		       "docker build -t a .\ndocker ps\n"), "");
	CHECK_STR(cmds(SCRIPT_SHELL, "docker volume create data && docker run --rm -v data:/d alpine ls\n"),
		  "1:1 volume create - -;1:30 run alpine - rm");
}

UNIT_TEST(scripts_makefile)
{
	CHECK_STR(cmds(SCRIPT_MAKEFILE, "IMG := app\nrun: build\n\t@docker run -d \\\n"
		       "\t  -p 80:80 $(IMG)\nX = docker run -d notarecipe\n"),
		  "3:3 run $(IMG) - d p");
	/* A continued variable line is not a recipe. */
	CHECK_STR(cmds(SCRIPT_MAKEFILE, "X = a \\\n\tdocker run -d x\n"), "");
}

UNIT_TEST(scripts_ci_yaml)
{
	CHECK_STR(cmds(SCRIPT_CI_YAML,
		       "jobs:\n  test:\n    steps:\n      - name: docker run the tests\n"
		       "      - run: docker run -d --name db postgres:16\n"
		       "      - run: |\n          echo hi\n          docker run -d \\\n"
		       "            -p 80:80 web:1\n      - uses: actions/checkout@v4\n"),
		  "5:14 run postgres:16 db d;8:11 run web:1 - d p");
	CHECK_STR(cmds(SCRIPT_CI_YAML,
		       "test:\n  script:\n    - docker network create n\n"
		       "    - \"docker run -d --network n redis:7\"\n  after_script: docker start x\n"
		       "  image: docker run\n"),
		  "3:7 network create - -;4:8 run redis:7 - d n;5:17 start - x");
	/* CircleCI: - run: with command: | under it. */
	CHECK_STR(cmds(SCRIPT_CI_YAML,
		       "jobs:\n  b:\n    steps:\n      - run:\n          name: up\n"
		       "          command: |\n            docker run -d db:1\n"),
		  "7:13 run db:1 - d");
}

UNIT_TEST(scripts_jenkinsfile)
{
	CHECK_STR(cmds(SCRIPT_JENKINSFILE,
		       "pipeline {\n  stages { stage('x') { steps {\n"
		       "    sh 'docker run -d --name web nginx:1.27'\n"
		       "    sh \"\"\"\n      docker network create n\n    \"\"\"\n"
		       "    bash 'docker run -d x'\n  } } }\n}\n"),
		  "3:9 run nginx:1.27 web d;5:7 network create - -");
}

UNIT_TEST(scripts_markdown)
{
	/* Shell blocks (prompts or not), indented lines, `inline code`; not
	 * other languages' blocks. */
	CHECK_STR(cmds(SCRIPT_MARKDOWN,
		       "Start it:\n\n```\n$ docker run -d -p 80:80 web:1\nabc123\n```\n"
		       "```yaml\nx: docker run -d no\n```\n"
		       "Or `docker run --rm -it app:2`, or\n\n    docker run -d <image>\n"
		       "~~~~bash\ndocker network create n\n~~~~\n"),
		  "4:3 run web:1 - d p;10:5 run app:2 - rm;12:5 run {image} - d;14:1 network create - -");
}

/* Every command of the parts that mention a word, by session. */
static const char *sessions(enum script_kind kind, const char *text, const char *const *words)
{
	static char buf[2048];
	struct arena a = ARENA_INIT;
	struct script s = { "t", text, strlen(text), 0, kind };
	struct script_cmd *v;
	size_t n = script_cmds(&a, &s, words, &v), len = 0;

	buf[0] = '\0';
	for (size_t k = 0; k < n && len < sizeof(buf) - 128; k++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%u:%u %s #%u", k ? ";" : "",
					v[k].pos.line, v[k].pos.col, sh_cmd_name(v[k].cmd), v[k].session);
	arena_release(&a);
	return buf;
}

UNIT_TEST(scripts_cmds)
{
	static const char *const words[] = { "compose", NULL };

	/* A Makefile recipe line is a shell of its own; parts without the
	 * word are not parsed. */
	CHECK_STR(sessions(SCRIPT_MAKEFILE, "up:\n\tcd deploy && docker compose up\n\tls\n"
			   "\techo compose\n", words),
		  "2:2 cd #0;2:15 docker #0;4:2 echo #2");
	/* The prompt lines of one Markdown block are one session. */
	CHECK_STR(sessions(SCRIPT_MARKDOWN, "```console\n$ cd x\nout\n$ docker compose up\n```\n", words),
		  "2:3 cd #0;4:3 docker #0");
	/* NULL: docker and podman. */
	CHECK_STR(sessions(SCRIPT_SHELL, "x=$(podman ps)\ncd /\n", NULL),
		  "1:5 podman #0;1:1  #0;2:1 cd #0");
}

UNIT_TEST(scripts_kind)
{
	CHECK(script_kind_of("Makefile") == SCRIPT_MAKEFILE);
	CHECK(script_kind_of("a/b/rules.mk") == SCRIPT_MAKEFILE);
	CHECK(script_kind_of(".github/workflows/ci.yml") == SCRIPT_CI_YAML);
	CHECK(script_kind_of("x/.github/workflows/ci.yaml") == SCRIPT_CI_YAML);
	CHECK(script_kind_of("x.github/workflows/ci.yaml") == -1);
	CHECK(script_kind_of(".circleci/config.yml") == SCRIPT_CI_YAML);
	CHECK(script_kind_of(".gitlab-ci.yml") == SCRIPT_CI_YAML);
	CHECK(script_kind_of("ci/Jenkinsfile") == SCRIPT_JENKINSFILE);
	CHECK(script_kind_of("deploy.sh") == SCRIPT_SHELL);
	CHECK(script_kind_of("compose.yaml") == -1);
	CHECK(script_kind_of("deploy") == -1);
}

UNIT_TEST(compose_port_helpers)
{
	struct sp_port p = { 0 };
	long lo, hi, db = 0;

	CHECK(port_range("8000-8010", &lo, &hi) && lo == 8000 && hi == 8010);
	CHECK(!port_range("80-", &lo, &hi) && !port_range("x", &lo, &hi) &&
	      !port_range("99999", &lo, &hi) && !port_range("90-80", &lo, &hi));
	p.target = "5432";
	CHECK(port_on_all_interfaces(&p));
	CHECK_STR(port_database(&p, NULL, &db), "PostgreSQL");
	CHECK(db == 5432);
	p.host_ip = "127.0.0.1";
	CHECK(!port_on_all_interfaces(&p));
	p.host_ip = "[::]";
	CHECK(port_on_all_interfaces(&p));
	p.target = "8080";
	p.published = "6379";
	CHECK_STR(port_database(&p, NULL, &db), "Redis");
	p.published = "8080";
	CHECK(!port_database(&p, NULL, &db));
}
