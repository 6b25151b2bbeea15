/* Base images that do not run as root by default: what FROM one of them
 * gets when the Dockerfile sets no USER. Each entry says where its
 * default user is documented. */
#include "lexicon/lexicon.h"

#include <string.h>

#include "util/str.h"

const struct lex_nonroot_image lex_nonroot_images[] = {
	/* github.com/GoogleContainerTools/distroless: the :nonroot and
	 * :debug-nonroot tags set USER 65532. */
	{ "gcr.io/distroless/*", "nonroot", "65532 (nonroot)", false, false },
	/* edu.chainguard.dev, "Chainguard Images": every image runs as
	 * nonroot (65532) except the -dev variants and wolfi-base. */
	{ "cgr.dev/chainguard/*", NULL, "65532 (nonroot)", false, false },
	/* github.com/nginxinc/docker-nginx-unprivileged: USER 101. */
	{ "nginxinc/nginx-unprivileged", NULL, "101 (nginx)", false, false },
	{ "ghcr.io/nginxinc/nginx-unprivileged", NULL, "101 (nginx)", false, false },
	/* docs.bitnami.com, "Non-root containers": USER 1001. */
	{ "bitnami/*", NULL, "1001", false, false },
	/* learn.microsoft.com, ".NET chiseled containers": USER app (1654). */
	{ "mcr.microsoft.com/dotnet/*", "chiseled", "1654 (app)", false, false },
	/* github.com/jenkinsci/docker: USER jenkins. */
	{ "jenkins/jenkins", NULL, "1000 (jenkins)", false, false },
	/* grafana.com/docs, "Run Grafana Docker image": USER 472. */
	{ "grafana/grafana", NULL, "472 (grafana)", false, false },
	{ "grafana/grafana-oss", NULL, "472 (grafana)", false, false },
	/* www.keycloak.org/server/containers: USER 1000. */
	{ "quay.io/keycloak/keycloak", NULL, "1000", false, false },
	/* Docker Official Images whose docker-entrypoint.sh, run as root,
	 * re-runs the server as its own user with gosu (or su-exec)
	 * (github.com/docker-library/<name>/.../docker-entrypoint.sh). */
	{ "postgres", NULL, "postgres, by its entrypoint", true, false },
	{ "mysql", NULL, "mysql, by its entrypoint", true, false },
	{ "mariadb", NULL, "mysql, by its entrypoint", true, false },
	{ "mongo", NULL, "mongodb, by its entrypoint", true, false },
	{ "redis", NULL, "redis, by its entrypoint", true, false },
	{ "rabbitmq", NULL, "rabbitmq, by its entrypoint", true, false },
	{ "cassandra", NULL, "cassandra, by its entrypoint", true, false },
	/* Docker Official Images whose CMD starts a server that binds as
	 * root and serves from worker processes of its own user
	 * (github.com/nginxinc/docker-nginx, docker-library/httpd, php). */
	{ "nginx", NULL, "nginx, for its worker processes", true, true },
	{ "httpd", NULL, "daemon, for its worker processes", true, true },
	{ "php", "apache", "www-data, for Apache's worker processes", true, true },
	{ "php", "fpm", "www-data, for php-fpm's pool", true, true },
	{ "openresty/openresty", NULL, "nobody, for its worker processes", true, true },
	{ NULL, NULL, NULL, false, false },
};

/* ref without its tag or digest, and the tag ("" when none). */
static void split_ref(const char *ref, char *name, size_t cap, const char **tag)
{
	const char *at = strchr(ref, '@'), *slash, *colon;
	size_t n = at ? (size_t)(at - ref) : strlen(ref);

	slash = memrchr(ref, '/', n);
	colon = memchr(slash ? slash : ref, ':', n - (size_t)((slash ? slash : ref) - ref));
	*tag = "";
	if (colon) {
		*tag = colon + 1;
		n = (size_t)(colon - ref);
	}
	if (n >= cap)
		n = cap - 1;
	memcpy(name, ref, n);
	name[n] = '\0';
}

/* ref as Docker Hub names it, however it is written (docker.io/library/
 * node:20 is node), without tag or digest, into name; *tag gets the tag. */
static void hub_name(const char *ref, char *name, size_t cap, const char **tag)
{
	if (!strncmp(ref, "docker.io/", 10))
		ref += 10;
	else if (!strncmp(ref, "index.docker.io/", 16))
		ref += 16;
	if (!strncmp(ref, "library/", 8))
		ref += 8;
	split_ref(ref, name, cap, tag);
}

/* Whether name is the repository of entry e (a final star: a prefix). */
static bool names_entry(const struct lex_nonroot_image *e, const char *name)
{
	size_t n = strlen(e->ref);

	return e->ref[n - 1] == '*' ? !strncmp(name, e->ref, n - 1) && name[n - 1] :
				      str_eq(name, e->ref);
}

const struct lex_nonroot_image *lex_nonroot_image(const char *ref)
{
	char name[256];
	const char *tag;

	if (!ref)
		return NULL;
	hub_name(ref, name, sizeof(name), &tag);
	for (const struct lex_nonroot_image *e = lex_nonroot_images; e->ref; e++) {
		if (!names_entry(e, name))
			continue;
		if (e->tag_has && !strstr(tag, e->tag_has))
			continue;
		/* Chainguard's exceptions (see above). */
		if (!strncmp(e->ref, "cgr.dev/", 8) &&
		    (strstr(tag, "-dev") || strstr(name, "/wolfi-base") || !strcmp(tag, "dev")))
			continue;
		return e;
	}
	return NULL;
}

bool lex_image_user_known(const char *ref)
{
	char name[256];
	const char *tag;

	if (!ref || strchr(ref, '$'))
		return false;
	hub_name(ref, name, sizeof(name), &tag);
	if (!strchr(name, '/'))
		return true;	/* an official image: root unless listed */
	for (const struct lex_nonroot_image *e = lex_nonroot_images; e->ref; e++)
		if (names_entry(e, name))
			return true;
	return false;
}
