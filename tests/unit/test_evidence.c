#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/discover/discover.h"
#include "input/scripts/evidence.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "unit.h"

/* One value: "?" before it when it is not known, "-" when absent. */
static void put(struct strbuf *sb, struct ev_str s)
{
	if (!s.s) {
		strbuf_addch(sb, '-');
		return;
	}
	if (!s.known)
		strbuf_addch(sb, '?');
	strbuf_addstr(sb, s.s);
}

static void put_list(struct strbuf *sb, const char *name, const struct ev_str *v, size_t n)
{
	if (!n)
		return;
	strbuf_addf(sb, " %s=", name);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		put(sb, v[i]);
	}
}

static const char *const how[] = { "", "~", "!" };

/* The evidence as "LINE tool df=.. ctx=.. tgt=.. tags=.. @base" for builds,
 * "LINE tool verb f=.. p=.. prof=.. @base" for compose, "LINE tool f=..
 * t=.." for bake, in that order, joined by "; ". The base is marked ~ when
 * probed, ! when it is the root for want of anything better. */
static const char *show(const struct evidence *ev)
{
	static char buf[8192];
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < ev->nbuilds; i++) {
		const struct build_use *u = &ev->builds[i];

		strbuf_addf(&sb, "%s%u %s df=", sb.len ? "; " : "", u->at.line, u->tool);
		put(&sb, u->dockerfile);
		strbuf_addstr(&sb, u->dockerfile_given ? "" : "(default)");
		strbuf_addstr(&sb, " ctx=");
		put(&sb, u->context);
		strbuf_addstr(&sb, u->context_remote ? "(remote)" : "");
		if (u->target.s) {
			strbuf_addstr(&sb, " tgt=");
			put(&sb, u->target);
		}
		put_list(&sb, "tags", u->tags, u->ntags);
		strbuf_addf(&sb, " @%s%s", how[u->at.base_how], u->at.base);
	}
	for (size_t i = 0; i < ev->ncomposes; i++) {
		const struct compose_use *u = &ev->composes[i];

		strbuf_addf(&sb, "%s%u %s %s", sb.len ? "; " : "", u->at.line, u->tool,
			    u->verb ? u->verb : "-");
		put_list(&sb, u->files_from_env ? "env" : "f", u->files, u->nfiles);
		if (u->project_dir.s) {
			strbuf_addstr(&sb, " pdir=");
			put(&sb, u->project_dir);
		}
		if (u->project_name.s) {
			strbuf_addstr(&sb, " p=");
			put(&sb, u->project_name);
		}
		put_list(&sb, "prof", u->profiles, u->nprofiles);
		put_list(&sb, "envf", u->env_files, u->nenv_files);
		strbuf_addf(&sb, " @%s%s", how[u->at.base_how], u->at.base);
	}
	for (size_t i = 0; i < ev->nbakes; i++) {
		const struct bake_use *u = &ev->bakes[i];

		strbuf_addf(&sb, "%s%u %s", sb.len ? "; " : "", u->at.line, u->tool);
		put_list(&sb, "f", u->files, u->nfiles);
		put_list(&sb, "t", u->targets, u->ntargets);
	}
	snprintf(buf, sizeof(buf), "%s", sb.len ? sb.buf : "");
	strbuf_release(&sb);
	return buf;
}

static const char *ev(enum ev_source kind, const char *path, const char *text)
{
	struct arena a = ARENA_INIT;
	struct evidence e = { 0 };
	const char *r;

	evidence_from_buffer(&a, path, kind, text, strlen(text), &e);
	r = show(&e);
	arena_release(&a);
	return r;
}

UNIT_TEST(evidence_shell_build)
{
	/* Continuations, &&, the script's own folder, unknown parts kept. */
	CHECK_STR(ev(EV_SHELL, "scripts/build.sh",
		     "#!/bin/sh\nset -e\ncd \"$(dirname \"$0\")/..\"\n"
		     "docker build \\\n  -f docker/Dockerfile --target prod \\\n"
		     "  -t app:1 -t \"app:$VERSION\" . && docker buildx build --file=web/Dockerfile -t web web\n"
		     "podman build -f Containerfile .\n"
		     "buildah bud -f Containerfile.dev --target=dev ctx\n"
		     "docker image build -qt x sub\n"),
		  "4 docker build df=docker/Dockerfile ctx=. tgt=prod tags=app:1,?app:$VERSION @.; "
		  "6 docker buildx build df=web/Dockerfile ctx=web tags=web @.; "
		  "7 podman build df=Containerfile ctx=. @.; "
		  "8 buildah bud df=Containerfile.dev ctx=ctx tgt=dev @.; "
		  "9 docker image build df=sub/Dockerfile(default) ctx=sub tags=x @.");
	/* No cd: the root, for want of anything better; $VAR is unknown. */
	CHECK_STR(ev(EV_SHELL, "ci/b.sh", "docker build -t \"$IMAGE\" -f \"$DOCKERFILE\" --target \"$T\" .\n"),
		  "1 docker build df=?$DOCKERFILE ctx=. tgt=?$T tags=?$IMAGE @!.");
	/* A variable that holds the script's folder, and a cd from there. */
	CHECK_STR(ev(EV_SHELL, "deploy/build.sh",
		     "DIR=$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\n"
		     "ROOT=\"$(cd \"$DIR/..\" && pwd)\"\n"
		     "docker build -f \"$DIR/Dockerfile\" \"$ROOT\"\n"
		     "cd \"$ROOT/app\"\ndocker build .\n"),
		  "3 docker build df=deploy/Dockerfile ctx=. @!.; "
		  "5 docker build df=app/Dockerfile(default) ctx=app @app");
	/* Remote and stdin contexts; mentions that are no command. */
	CHECK_STR(ev(EV_SHELL, "x.sh",
		     "docker build -f Docker/Dockerfile https://github.com/a/b.git#main\n"
		     "docker build - < Dockerfile\necho docker build .\ndocker build --help\n"
		     "docker build\n"),
		  "1 docker build df=?Docker/Dockerfile ctx=?https://github.com/a/b.git#main(remote) @!.; "
		  "2 docker build df=?Dockerfile(default) ctx=?-(remote) @!.");
	/* Wrappers: sudo, a variable, env with unknown words. */
	CHECK_STR(ev(EV_SHELL, "x.sh",
		     "sudo -E docker build -t a .\n$SUDO docker build -t b .\n"
		     "$(DOCKER) build -t c .\n${PODMAN_BIN} build -t d .\n"),
		  "1 docker build df=Dockerfile(default) ctx=. tags=a @!.; "
		  "2 docker build df=Dockerfile(default) ctx=. tags=b @!.; "
		  "3 $(DOCKER) build df=Dockerfile(default) ctx=. tags=c @!.; "
		  "4 ${PODMAN_BIN} build df=Dockerfile(default) ctx=. tags=d @!.");
	/* pushd/popd, and a cd to an unknown place. */
	CHECK_STR(ev(EV_SHELL, "x.sh",
		     "cd \"$(dirname \"$0\")\"\npushd docker/images\ndocker build -f Dockerfile.web .\n"
		     "popd\ndocker build .\ncd \"$SOMEWHERE\"\ndocker build .\n"),
		  "3 docker build df=docker/images/Dockerfile.web ctx=docker/images @docker/images; "
		  "5 docker build df=Dockerfile(default) ctx=. @.; "
		  "7 docker build df=Dockerfile(default) ctx=. @!.");
	/* A function runs from wherever it is called: the folder restarts. */
	CHECK_STR(ev(EV_SHELL, "x.sh",
		     "cd \"$SOMEWHERE\"\nfunction build-web {\n  pushd docker\n"
		     "  docker build -f Dockerfile.web .\n  popd\n}\nother() {\n  docker build .\n}\n"),
		  "4 docker build df=docker/Dockerfile.web ctx=docker @!docker; "
		  "8 docker build df=Dockerfile(default) ctx=. @!.");
}

UNIT_TEST(evidence_shell_compose)
{
	CHECK_STR(ev(EV_SHELL, "ops/up.sh",
		     "cd \"$(dirname \"$0\")\"\n"
		     "docker compose -f compose.yaml -f overrides/compose.redis.yaml -p app --profile web up -d\n"
		     "docker-compose --file a.yml logs -f\n"
		     "podman compose --project-directory .. --env-file ../.env up\n"
		     "docker --context prod compose -fx.yml -f=y.yml config\n"
		     "docker stack deploy -c stack.yml -c stack.prod.yml shop\n"
		     "docker compose\n"),
		  "2 docker compose up f=ops/compose.yaml,ops/overrides/compose.redis.yaml p=app prof=web @ops; "
		  "3 docker-compose logs f=ops/a.yml @ops; "
		  "4 podman compose up pdir=. envf=.env @ops; "
		  "5 docker compose config f=ops/x.yml,ops/y.yml @ops; "
		  "6 docker stack deploy deploy f=ops/stack.yml,ops/stack.prod.yml p=shop @ops");
	/* COMPOSE_FILE reaches compose when exported, or set on the command. */
	CHECK_STR(ev(EV_SHELL, "x.sh",
		     "COMPOSE_FILE=local.yml\ndocker compose up\n"
		     "COMPOSE_FILE=x.yml:y.yml COMPOSE_PROJECT_NAME=p docker compose up\n"
		     "export COMPOSE_FILE=a.yml:b.yml COMPOSE_PROFILES=dev,test\ndocker compose up\n"
		     "export COMPOSE_PATH_SEPARATOR=';' COMPOSE_FILE='c.yml;$EXTRA'\ndocker compose down\n"),
		  "2 docker compose up @!.; "
		  "3 docker compose up env=x.yml,y.yml p=p @!.; "
		  "4 COMPOSE_FILE - env=a.yml,b.yml @!.; "
		  "5 docker compose up env=a.yml,b.yml prof=dev,test @!.; "
		  "6 COMPOSE_FILE - env=c.yml,?$EXTRA prof=dev,test @!.; "
		  "7 docker compose down env=c.yml,?$EXTRA prof=dev,test @!.");
	/* export NAME after the assignment, and set -a. */
	CHECK_STR(ev(EV_SHELL, "x.sh",
		     "COMPOSE_FILE=a.yml\nexport COMPOSE_FILE\nset -a\nCOMPOSE_PROJECT_NAME=q\n"
		     "docker compose ps\n"),
		  "2 COMPOSE_FILE - env=a.yml @!.; 5 docker compose ps env=a.yml p=q @!.");
	/* A compose tool held in a variable. */
	CHECK_STR(ev(EV_SHELL, "x.sh", "${COMPOSE_COMMAND} -f \"$F\" --env-file .env up -d\n"),
		  "1 ${COMPOSE_COMMAND} up f=?$F envf=.env @!.");
}

UNIT_TEST(evidence_makefile)
{
	CHECK_STR(ev(EV_MAKEFILE, "build/Makefile",
		     "DOCKER ?= docker\nIMAGE := app\n"
		     "DC = docker compose -f compose.yaml \\\n  -f compose.dev.yaml\n"
		     "build:\n\t$(DOCKER) build -t $(IMAGE) -f docker/Dockerfile --target $(TARGET) .\n"
		     "\t@docker build -f docker/Dockerfile.prod \\\n\t  --target prod ../src\n"
		     "up:\n\t$(DC) up -d\n\tdocker compose -f $(COMPOSE_FILE) up\n"),
		  "6 $(DOCKER) build df=build/docker/Dockerfile ctx=build tgt=?$(TARGET) tags=?$(IMAGE) @build; "
		  "7 docker build df=build/docker/Dockerfile.prod ctx=src tgt=prod @build; "
		  "3 docker compose - f=build/compose.yaml,build/compose.dev.yaml @build; "
		  "11 docker compose up f=?$(COMPOSE_FILE) @build");
}

UNIT_TEST(evidence_ci_github)
{
	static const char wf[] =
		"env:\n"
		"  COMPOSE_FILE: compose.yaml:compose.ci.yaml\n"
		"jobs:\n"
		"  build:\n"
		"    strategy:\n"
		"      matrix:\n"
		"        target: [api, worker]\n"
		"    steps:\n"
		"      - uses: actions/checkout@v4\n"
		"      - uses: docker/build-push-action@v6\n"
		"        with:\n"
		"          context: .\n"
		"          file: docker/Dockerfile\n"
		"          target: ${{ matrix.target }}\n"
		"          tags: |\n"
		"            ghcr.io/x/${{ matrix.target }}:latest\n"
		"            ghcr.io/x/${{ matrix.target }}:${{ github.sha }}\n"
		"      - run: docker compose up -d\n"
		"        working-directory: deploy\n"
		"      - name: more\n"
		"        run: |\n"
		"          docker build --target ${{ matrix.target }} \\\n"
		"            -f ${{ github.workspace }}/docker/Dockerfile .\n"
		"  inc:\n"
		"    strategy:\n"
		"      matrix:\n"
		"        os: [a, b]\n"
		"        include:\n"
		"          - target: two\n"
		"          - os: a\n"
		"            target: one\n"
		"    steps:\n"
		"      - uses: depot/build-push-action@v1\n"
		"        with:\n"
		"          target: ${{ matrix.target }}\n"
		"          context: ./app\n"
		"  unknown:\n"
		"    strategy:\n"
		"      matrix:\n"
		"        target: ${{ fromJson(needs.x.outputs.t) }}\n"
		"    env:\n"
		"      COMPOSE_PROJECT_NAME: ci\n"
		"    steps:\n"
		"      - uses: docker/build-push-action@v6\n"
		"        with:\n"
		"          target: ${{ matrix.target }}\n"
		"          file: ${{ env.DOCKERFILE }}\n"
		"  bake:\n"
		"    uses: docker/github-builder/.github/workflows/bake.yml@v1\n"
		"    with:\n"
		"      target: image-all\n"
		"  bake2:\n"
		"    steps:\n"
		"      - uses: docker/bake-action@v5\n"
		"        with:\n"
		"          files: |\n"
		"            ./docker-bake.hcl\n"
		"            ./docker-bake.override.hcl\n"
		"          targets: app,worker\n";

	CHECK_STR(ev(EV_CI, ".github/workflows/ci.yml", wf),
		  "10 build-push-action df=docker/Dockerfile ctx=. tgt=api "
		  "tags=ghcr.io/x/api:latest,?ghcr.io/x/api:${{ github.sha }} @.; "
		  "10 build-push-action df=docker/Dockerfile ctx=. tgt=worker "
		  "tags=ghcr.io/x/worker:latest,?ghcr.io/x/worker:${{ github.sha }} @.; "
		  "33 build-push-action df=app/Dockerfile(default) ctx=app tgt=one @.; "
		  "33 build-push-action df=app/Dockerfile(default) ctx=app tgt=two @.; "
		  "44 build-push-action df=?${{ env.DOCKERFILE }} ctx=. tgt=?${{ matrix.target }} @.; "
		  "22 docker build df=docker/Dockerfile ctx=. tgt=api @.; "
		  "22 docker build df=docker/Dockerfile ctx=. tgt=worker @.; "
		  "2 COMPOSE_FILE - env=compose.yaml,compose.ci.yaml @.; "
		  "42 COMPOSE_FILE - p=ci @.; "
		  "18 docker compose up env=deploy/compose.yaml,deploy/compose.ci.yaml @deploy; "
		  "49 github-builder bake t=image-all; "
		  "54 bake-action f=docker-bake.hcl,docker-bake.override.hcl t=app,worker");
	/* A key a row lacks is empty; the repository checked out in a folder. */
	CHECK_STR(ev(EV_CI, ".github/workflows/t.yml",
		     "jobs:\n  t:\n    strategy:\n      matrix:\n        include:\n"
		     "          - label: a\n          - label: b\n            db: Postgres\n"
		     "    defaults:\n      run:\n        working-directory: src\n"
		     "    steps:\n      - uses: actions/checkout@v4\n        with:\n          path: src\n"
		     "      - run: docker build -f Complement${{ matrix.db }}.Dockerfile .\n"
		     "      - run: docker build -f x .\n        working-directory: elsewhere\n"),
		  "16 docker build df=Complement.Dockerfile ctx=. @.; "
		  "16 docker build df=ComplementPostgres.Dockerfile ctx=. @.; "
		  "17 docker build df=x ctx=. @!.");
}

UNIT_TEST(evidence_ci_other)
{
	CHECK_STR(ev(EV_CI, ".gitlab-ci.yml",
		     "variables:\n  COMPOSE_FILE: a.yml:b.yml\n"
		     "test:\n  script:\n    - docker compose -f a.yml -f c.yml up -d\n"
		     "    - docker build -t x .\n"),
		  "6 docker build df=Dockerfile(default) ctx=. tags=x @.; "
		  "2 COMPOSE_FILE - env=a.yml,b.yml @.; "
		  "5 docker compose up f=a.yml,c.yml @.");
	CHECK_STR(ev(EV_JENKINSFILE, "Jenkinsfile",
		     "pipeline { stages { stage('b') { steps {\n"
		     "  sh 'docker build -t x -f ci/Dockerfile .'\n} } } }\n"),
		  "2 docker build df=ci/Dockerfile ctx=. tags=x @.");
	CHECK_STR(ev(EV_TASKFILE, "Taskfile.yml",
		     "version: '3'\ntasks:\n  up:\n    cmds:\n"
		     "      - docker compose -f docker-compose.dev.yml up\n"
		     "      - cmd: docker buildx bake -f docker-bake.hcl app\n"),
		  "5 docker compose up f=docker-compose.dev.yml @.; "
		  "6 docker buildx bake f=docker-bake.hcl t=app");
	CHECK_STR(ev(EV_GORELEASER, ".goreleaser.yml",
		     "dockers:\n  - dockerfile: Dockerfile.s6\n    build_flag_templates:\n"
		     "      - \"--pull\"\n      - \"--target=prod\"\n    image_templates:\n"
		     "      - \"x/y:{{ .Tag }}\"\n  - goos: linux\n"),
		  "2 goreleaser df=Dockerfile.s6 ctx=- tgt=prod tags=?x/y:{{ .Tag }} @.; "
		  "8 goreleaser df=Dockerfile(default) ctx=- @.");
}

UNIT_TEST(evidence_markdown)
{
	CHECK_STR(ev(EV_MARKDOWN, "README.md",
		     "# App\n"
		     "Run `docker compose -f compose.yaml -f compose.prod.yaml up -d` in production,\n"
		     "not ``docker compose``.\n\n"
		     "```console\n$ cd deploy\n$ docker compose --project-directory . -f base.yml up\n"
		     "Creating network...\n$ docker build \\\n  -t x .\n```\n\n"
		     "```yaml\nx: docker build -t no .\n```\n\n"
		     "    docker build -t <name> -f Dockerfile.web .\n\n"
		     "~~~bash\ndocker build --target dev .\n~~~\n"
		     "```sh\ndocker buildx bake\n"),
		  "9 docker build df=deploy/Dockerfile(default) ctx=deploy tags=x @!deploy; "
		  "17 docker build df=Dockerfile.web ctx=. tags=?{name} @!.; "
		  "20 docker build df=Dockerfile(default) ctx=. tgt=dev @!.; "
		  "2 docker compose up f=compose.yaml,compose.prod.yaml @!.; "
		  "7 docker compose up f=deploy/base.yml pdir=deploy @!deploy; "
		  "23 docker buildx bake");
}

UNIT_TEST(evidence_dotenv)
{
	CHECK_STR(ev(EV_DOTENV, "deploy/.env",
		     "# comment\nCOMPOSE_PROJECT_NAME=shop\n"
		     "export COMPOSE_FILE=\"compose.yaml;compose.prod.yaml\"\n"
		     "COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_PROFILES=web,worker # both\nOTHER=1\n"),
		  "3 COMPOSE_FILE - env=deploy/compose.yaml,deploy/compose.prod.yaml p=shop "
		  "prof=web,worker @deploy");
	CHECK_STR(ev(EV_DOTENV, ".env", "COMPOSE_FILE=${BASE}:x.yml\n"),
		  "1 COMPOSE_FILE - env=?${BASE},x.yml @.");
	CHECK_STR(ev(EV_DOTENV, ".env", "A=1\n"), "");
}

UNIT_TEST(evidence_kind)
{
	CHECK(evidence_kind_of("README.md") == EV_MARKDOWN);
	CHECK(evidence_kind_of("a/b/readme.markdown") == EV_MARKDOWN);
	CHECK(evidence_kind_of("DEVELOPMENT.md") == EV_MARKDOWN);
	CHECK(evidence_kind_of("docs/x/install.md") == EV_MARKDOWN);
	CHECK(evidence_kind_of("CHANGELOG.md") == -1);
	CHECK(evidence_kind_of("src/notes.md") == -1);
	CHECK(evidence_kind_of(".env") == EV_DOTENV);
	CHECK(evidence_kind_of("ci/base.env") == EV_DOTENV);
	CHECK(evidence_kind_of(".env.example") == EV_DOTENV);
	CHECK(evidence_kind_of("Taskfile.yml") == EV_TASKFILE);
	CHECK(evidence_kind_of(".goreleaser.yaml") == EV_GORELEASER);
	CHECK(evidence_kind_of(".github/workflows/ci.yml") == EV_CI);
	CHECK(evidence_kind_of("Makefile") == EV_MAKEFILE);
	CHECK(evidence_kind_of("run.sh") == EV_SHELL);
	CHECK(evidence_kind_of("compose.yaml") == -1);
}

/* A tree on disk: probing, and which files are read. */
static void write_file(const char *dir, const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (slash = strchr(path + strlen(dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			unit_fail(__FILE__, __LINE__, "mkdir %s: %s", path, strerror(errno));
		*slash = '/';
	}
	fp = fopen(path, "w");
	if (!fp) {
		unit_fail(__FILE__, __LINE__, "cannot write %s", path);
		return;
	}
	fputs(text, fp);
	fclose(fp);
}

static void remove_tree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char path[512];
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

UNIT_TEST(evidence_tree)
{
	char dir[] = "/tmp/seaworthy-evidence.XXXXXX";
	struct arena a = ARENA_INIT;
	struct evidence e = { 0 };
	struct dir_node *root;
	const char *got;
	char *want;

	if (!mkdtemp(dir)) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	write_file(dir, "docker/Dockerfile", "FROM scratch\n");
	write_file(dir, "deploy/compose.yaml", "services: {}\n");
	write_file(dir, "deploy/overrides/compose.redis.yaml", "services: {}\n");
	write_file(dir, "deploy/README.md",
		   "```\ndocker compose -f compose.yaml -f overrides/compose.redis.yaml up\n"
		   "docker build -f docker/Dockerfile .\n```\n");
	write_file(dir, "docs/setup/install.md", "Run `docker compose -f deploy/compose.yaml up`.\n");
	write_file(dir, "src/notes.md", "`docker build -t never .`\n");
	write_file(dir, "tools/build.sh", "docker build -f docker/Dockerfile .\n");
	write_file(dir, "deploy/.env", "COMPOSE_FILE=compose.yaml:overrides/compose.redis.yaml\n");
	write_file(dir, "CHANGELOG.md", "`docker build -t old .`\n");
	root = discover_tree(&a, dir);
	evidence_collect(&a, root, &e);
	got = show(&e);
	want = arena_printf(&a,
		"1 docker build df=%s/docker/Dockerfile ctx=%s @~%s; "
		"3 docker build df=%s/docker/Dockerfile ctx=%s @~%s; "
		"1 COMPOSE_FILE - env=%s/deploy/compose.yaml,%s/deploy/overrides/compose.redis.yaml @%s/deploy; "
		"2 docker compose up f=%s/deploy/compose.yaml,%s/deploy/overrides/compose.redis.yaml @~%s/deploy; "
		"1 docker compose up f=%s/deploy/compose.yaml @~%s",
		dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir, dir);
	CHECK_STR(got, want);
	CHECK(e.nfiles == 4 && !e.limited);
	arena_release(&a);
	remove_tree(dir);
}

/* The evidence of a project as short facts, paths relative to it:
 * "B dockerfile[:target]" (":?" for an unknown target), "C file+file"
 * ("?" for an unknown file), "K target" for each bake target. */
static void facts(const char *dir, const struct evidence *e, struct strbuf *sb)
{
	size_t dl = strlen(dir);
#define REL(p) (!strncmp((p), dir, dl) && (p)[dl] == '/' ? (p) + dl + 1 : (p))

	for (size_t i = 0; i < e->nbuilds; i++) {
		const struct build_use *u = &e->builds[i];

		if (!u->dockerfile.known)
			continue;
		strbuf_addf(sb, "|B %s", REL(u->dockerfile.s));
		if (u->target.s)
			strbuf_addf(sb, ":%s", u->target.known ? u->target.s : "?");
	}
	for (size_t i = 0; i < e->ncomposes; i++) {
		const struct compose_use *u = &e->composes[i];

		strbuf_addstr(sb, "|C ");
		for (size_t k = 0; k < u->nfiles; k++)
			strbuf_addf(sb, "%s%s", k ? "+" : "",
				    u->files[k].known ? REL(u->files[k].s) : "?");
	}
	for (size_t i = 0; i < e->nbakes; i++)
		for (size_t k = 0; k < e->bakes[i].ntargets; k++)
			strbuf_addf(sb, "|K %s", e->bakes[i].targets[k].s);
	strbuf_addch(sb, '|');
#undef REL
}

/* What the research notes on the shared projects (../shared, when present)
 * say ships or runs, and that the repository itself shows: stages built by
 * CI, scripts, Makefiles and documentation, compose file combinations. */
UNIT_TEST(evidence_shared_projects)
{
	static const struct { const char *project, *facts; } want[] = {
		{ "AppFlowy-IO__AppFlowy-Cloud", "B Dockerfile|B services/appflowy-worker/Dockerfile|"
		  "B admin_frontend/Dockerfile|B docker/gotrue/Dockerfile|B docker/web/Dockerfile|"
		  "C docker-compose-ci.yml+docker-compose.override.yml" },
		{ "DependencyTrack__dependency-track", "B apiserver/src/main/docker/Dockerfile|"
		  "B support/v4-migrator/src/main/docker/Dockerfile" },
		{ "FreshRSS__FreshRSS", "B Docker/Dockerfile|B Docker/Dockerfile-Alpine|"
		  "C Docker/freshrss/docker-compose.yml+Docker/freshrss/docker-compose-local.yml|"
		  "C Docker/freshrss/docker-compose-development.yml+Docker/freshrss/docker-compose.yml"
		  "+Docker/freshrss/docker-compose-local.yml|"
		  "C Docker/freshrss/docker-compose.yml+Docker/freshrss/docker-compose-proxy.yml|"
		  "C Docker/freshrss/docker-compose.yml+Docker/freshrss/docker-compose-db.yml" },
		{ "TandoorRecipes__recipes", "B Dockerfile" },
		{ "crazy-max__docker-rtorrent-rutorrent", "K image-all|K image-local" },
		{ "dockersamples__atsea-sample-shop-app", "C docker-stack.yml|C docker-compose-dev.yml" },
		{ "docmost__docmost", "B Dockerfile" },
		{ "element-hq__synapse", "B docker/Dockerfile" },
		{ "filebrowser__filebrowser", "B Dockerfile|B Dockerfile.s6" },
		{ "ghostfolio__ghostfolio", "B Dockerfile|C docker/docker-compose.yml|"
		  "C docker/docker-compose.dev.yml|C docker/docker-compose.build.yml" },
		{ "huginn__huginn", "B docker/multi-process/Dockerfile|B docker/single-process/Dockerfile" },
		{ "karakeep-app__karakeep", "B docker/Dockerfile:aio|B docker/Dockerfile:web|"
		  "B docker/Dockerfile:workers|B docker/Dockerfile:cli|B docker/Dockerfile:mcp|"
		  "B docker/chrome/Dockerfile|C docker/docker-compose.dev.yml" },
		{ "linkwarden__linkwarden", "B Dockerfile" },
		{ "mailcow__mailcow-dockerized", "B data/Dockerfiles/backup/Dockerfile|C docker-compose.yml" },
		{ "matrix-org__dendrite", "B Dockerfile|B build/docker/Dockerfile.demo-pinecone|"
		  "B build/docker/Dockerfile.demo-yggdrasil" },
		{ "maybe-finance__maybe", "B Dockerfile" },
		{ "mealie-recipes__mealie", "B docker/Dockerfile|C docker-compose.dev.yml|C docker-compose.yml" },
		{ "nextcloud__all-in-one", "B Containers/mastercontainer/Dockerfile|"
		  "B Containers/nextcloud/Dockerfile" },
		{ "penpot__penpot", "B docker/images/Dockerfile.backend|B docker/images/Dockerfile.frontend|"
		  "B docker/images/Dockerfile.exporter|B docker/images/Dockerfile.mcp|"
		  "B docker/images/Dockerfile.storybook|C docker/devenv/docker-compose.main.yml|"
		  "C docker/devenv/docker-compose.infra.yml" },
		{ "pterodactyl__panel", "B Dockerfile" },
		{ "shlinkio__shlink", "C docker-compose.yml+docker-compose.ci.yml" },
		{ "snipe__snipe-it", "B Dockerfile|B Dockerfile.alpine" },
		{ "usememos__memos", "B scripts/Dockerfile" },
		{ "wekan__wekan", "B Dockerfile" },
		{ "zulip__docker-zulip", "B Dockerfile|C compose.yaml+ci/base.yaml+?" },
	};
	const char *shared = unit_shared_dir();

	if (!shared) {
		unit_skip("../shared absent (set SW_SHARED): the real projects are not checked");
		return;
	}
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct arena a = ARENA_INIT;
		struct evidence e = { 0 };
		struct strbuf sb = STRBUF_INIT;
		const char *dir = arena_printf(&a, "%s/projects/%s", shared, want[i].project);
		const char *w = want[i].facts;
		struct stat st;

		if (stat(dir, &st) < 0) {
			unit_fail(__FILE__, __LINE__, "%s: missing", dir);
			arena_release(&a);
			continue;
		}
		evidence_collect(&a, discover_tree(&a, dir), &e);
		facts(path_clean(&a, dir), &e, &sb);	/* the paths are cleaned */
		CHECK(!e.limited);
		while (*w) {
			const char *bar = strchr(w, '|');
			size_t n = bar ? (size_t)(bar - w) : strlen(w);
			char *one = arena_printf(&a, "|%.*s|", (int)n, w);

			if (!strstr(sb.buf, one))
				unit_fail(__FILE__, __LINE__, "%s: no evidence of %s", want[i].project, one);
			w += n + (bar != NULL);
		}
		strbuf_release(&sb);
		arena_release(&a);
	}
}
