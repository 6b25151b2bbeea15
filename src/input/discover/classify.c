/* What an input file is, by its name. */
#include "input/discover/classify.h"
#include "util/str.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* The suffixes of template files: rendered into a Dockerfile or compose
 * file by a tool before Docker reads them. */
static const char *const template_suffixes[] = {
	".j2", ".jinja", ".jinja2", ".tmpl", ".template", ".tpl", NULL
};

/* The length of name without a template suffix; 0 when it has none. */
static size_t template_stem(const char *name)
{
	for (size_t k = 0; template_suffixes[k]; k++)
		if (str_ends_with(name, template_suffixes[k]))
			return strlen(name) - strlen(template_suffixes[k]);
	return 0;
}

static bool dockerfile_name(const char *name, size_t n)
{
	static const char *const stems[] = { "Dockerfile", "Containerfile" };

	for (size_t k = 0; k < 2; k++) {
		size_t m = strlen(stems[k]);

		/* Dockerfile, Dockerfile.prod, Dockerfile-nginx, Dockerfile_dev */
		if (n >= m && !strncmp(name, stems[k], m) &&
		    (n == m || strchr(".-_", name[m])))
			return n > m + 1 || n == m;
	}
	/* api.Dockerfile, web.dockerfile: any name that ends so (the walk asks
	 * this of every entry). */
	return (n > 11 && !strncmp(name + n - 11, ".Dockerfile", 11)) ||
	       (n > 11 && !strncmp(name + n - 11, ".dockerfile", 11));
}

static bool compose_name(const char *b, size_t len)
{
	static const char *const words[] = { "docker-compose", "compose" };
	size_t stem;

	if (len > 4 && !strncmp(b + len - 4, ".yml", 4))
		stem = len - 4;
	else if (len > 5 && !strncmp(b + len - 5, ".yaml", 5))
		stem = len - 5;
	else
		return false;
	for (size_t i = 0; i < 2; i++) {
		size_t w = strlen(words[i]);

		/* compose.yaml, docker-compose.prod.yml, docker-compose_v3_x.yaml */
		if (stem >= w && !strncasecmp(b, words[i], w) &&
		    (stem == w || strchr("._-", b[w])))
			return true;
		/* prod.compose.yml, app-docker-compose.yaml */
		if (stem > w && !strncasecmp(b + stem - w, words[i], w) &&
		    strchr("._-", b[stem - w - 1]))
			return true;
	}
	return false;
}

/* The bake files Buildx reads by default, in the order it merges them. */
static const char *const bake_files[] = {
	"docker-bake.json", "docker-bake.hcl", "docker-bake.override.json",
	"docker-bake.override.hcl",
};

int input_bake_order(const char *name)
{
	const char *slash = strrchr(name, '/');

	if (slash)
		name = slash + 1;
	for (size_t i = 0; i < sizeof(bake_files) / sizeof(*bake_files); i++)
		if (!strcmp(name, bake_files[i]))
			return (int)i;
	return -1;
}

enum input_kind input_kind_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	size_t n, t;

	if (slash)
		name = slash + 1;
	n = strlen(name);
	/* BuildKit's per-Dockerfile ignore file: Dockerfile.dockerignore,
	 * api.Dockerfile.dockerignore. */
	if (n > 13 && str_ends_with(name, ".dockerignore"))
		return dockerfile_name(name, n - 13) ? INPUT_IGNORE_FILE : INPUT_NONE;
	if ((t = template_stem(name)))
		return dockerfile_name(name, t) || compose_name(name, t) ? INPUT_TEMPLATE :
									    INPUT_NONE;
	if (dockerfile_name(name, n))
		return INPUT_DOCKERFILE;
	if (input_bake_order(name) >= 0)
		return INPUT_BAKE;
	return compose_name(name, n) ? INPUT_COMPOSE : INPUT_NONE;
}

const char *input_kind_name(enum input_kind k)
{
	switch (k) {
	case INPUT_DOCKERFILE: return "dockerfile";
	case INPUT_COMPOSE: return "compose";
	case INPUT_BAKE: return "bake";
	case INPUT_TEMPLATE: return "template";
	case INPUT_IGNORE_FILE: return "ignore file";
	case INPUT_NONE: break;
	}
	return "other";
}

bool input_looks_like_template(const char *buf, size_t len)
{
	const char *brace = buf, *end = buf + len;

	/* Every form below has {%, {# or {{: most files have none. */
	while ((brace = memchr(brace, '{', (size_t)(end - brace))) && brace + 1 < end &&
	       !strchr("%#{", brace[1]))
		brace++;
	if (!brace || brace + 1 >= end)
		return false;
	for (const char *p = buf; p && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		/* A Jinja statement or comment at the start of a line ({{ may
		 * well be a heredoc's text). */
		if (end - p >= 2 && p[0] == '{' && (p[1] == '%' || p[1] == '#'))
			return true;
		/* FROM {{ base }} */
		if (end - p > 5 && !strncasecmp(p, "FROM ", 5)) {
			const char *e = nl ? nl : end;

			for (const char *q = p; q + 1 < e; q++)
				if (q[0] == '{' && strchr("{%", q[1]))
					return true;
		}
		p = nl ? nl + 1 : NULL;
	}
	return false;
}
