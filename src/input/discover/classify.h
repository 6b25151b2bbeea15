/* What an input file is, by its name: the one classifier that the folder
 * walk, compose discovery, the script search and paths named on the
 * command line all use. */
#ifndef SW_DISCOVER_CLASSIFY_H
#define SW_DISCOVER_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

enum input_kind {
	INPUT_NONE, INPUT_DOCKERFILE, INPUT_COMPOSE, INPUT_BAKE,
	INPUT_TEMPLATE,		/* Dockerfile.j2, compose.yaml.tmpl: rendered by a tool first */
	INPUT_IGNORE_FILE,	/* Dockerfile.dockerignore: BuildKit's, for one Dockerfile */
};

/* The kind of a file by its name (the last component of name counts):
 * Dockerfile, Dockerfile.*, Dockerfile-*, Dockerfile_*, Containerfile and
 * the same forms, *.Dockerfile, *.dockerfile; compose.y(a)ml,
 * docker-compose.y(a)ml and their forms with a word before or after
 * (docker-compose.prod.yml, prod.compose.yml, docker-compose_v3.yaml,
 * app-docker-compose.yaml); docker-bake.hcl/json and their .override
 * forms; any of these with a template suffix (.j2, .jinja, .jinja2,
 * .tmpl, .template, .tpl) is a template; a Dockerfile name with
 * .dockerignore is BuildKit's ignore file; INPUT_NONE otherwise. */
enum input_kind input_kind_of(const char *name);
/* "dockerfile", "compose", "bake", "template", "ignore file". */
const char *input_kind_name(enum input_kind k);
/* Whether a file's text is a template whatever its name: a Jinja
 * statement ({% ... %}) or comment at the start of a line, or a template
 * expression in a FROM line. */
bool input_looks_like_template(const char *buf, size_t len);

#endif
