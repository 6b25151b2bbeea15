/* Image references: the repository and the tag of NAME[:TAG][@DIGEST]. */
#include "spec/image_ref.h"

#include <ctype.h>
#include <string.h>

#include "util/str.h"

const char *image_ref_repo(struct arena *a, const char *ref)
{
	const char *s = ref, *slash = strchr(ref, '/'), *end;
	char *r;

	/* A first component with '.', ':' or "localhost" is a registry host. */
	if (slash) {
		size_t hl = (size_t)(slash - ref);

		if (memchr(ref, '.', hl) || memchr(ref, ':', hl) ||
		    (hl == 9 && !strncmp(ref, "localhost", 9)))
			s = slash + 1;
	}
	if (!strncmp(s, "library/", 8))
		s += 8;
	end = strchr(s, '@');
	if (!end)
		end = s + strlen(s);
	for (const char *c = end; c > s; c--) {
		if (c[-1] == '/')
			break;
		if (c[-1] == ':') {
			end = c - 1;
			break;
		}
	}
	r = arena_strndup(a, s, (size_t)(end - s));
	for (char *c = r; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return r;
}

const char *image_ref_name(const char *repo)
{
	const char *slash = strrchr(repo, '/');

	return slash ? slash + 1 : repo;
}

bool image_ref_own(struct arena *a, const char *ref, const char *const *own, size_t nown,
		   const char *const *folders, size_t nfolders)
{
	const char *repo = image_ref_repo(a, ref), *last = image_ref_name(repo);

	for (size_t k = 0; k < nown; k++)
		if (!strcmp(own[k], last))
			return true;
	for (size_t k = 0; k < nfolders; k++)
		for (const char *c = repo; c; c = strchr(c, '/'), c = c ? c + 1 : NULL) {
			size_t n = strcspn(c, "/");

			if (n && str_has_word(folders[k], arena_printf(a, "%.*s", (int)n, c)))
				return true;
		}
	return false;
}

const char *image_ref_tag(struct arena *a, const char *ref)
{
	const char *at = strchr(ref, '@'), *last = strrchr(ref, '/'), *colon;

	if (at)
		return NULL;
	colon = strrchr(last ? last : ref, ':');
	return colon ? arena_strdup(a, colon + 1) : "";
}
