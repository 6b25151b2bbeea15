/* What an input file is, by its name. */
#include "input/discover/classify.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !memcmp(s + n - m, suffix, m);
}

static bool dockerfile_name(const char *name)
{
	/* "*.Dockerfile" as fnmatch reads it: any name that ends so (the walk
	 * asks this of every entry). */
	return !strcmp(name, "Dockerfile") || !strncmp(name, "Dockerfile.", 11) ||
	       !strcmp(name, "Containerfile") || !strncmp(name, "Containerfile.", 14) ||
	       ends_with(name, ".Dockerfile") || ends_with(name, ".dockerfile");
}

static bool compose_name(const char *b)
{
	static const char *const words[] = { "docker-compose", "compose" };
	size_t stem;

	if (ends_with(b, ".yml"))
		stem = strlen(b) - 4;
	else if (ends_with(b, ".yaml"))
		stem = strlen(b) - 5;
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

enum input_kind input_kind_of(const char *name)
{
	const char *slash = strrchr(name, '/');

	if (slash)
		name = slash + 1;
	if (dockerfile_name(name))
		return INPUT_DOCKERFILE;
	return compose_name(name) ? INPUT_COMPOSE : INPUT_NONE;
}
