/* Log locations, as every layer recognises them. */
#include "spec/logs.h"

#include <string.h>
#include <strings.h>

#include "lexicon/lexicon.h"
#include "util/str.h"

bool log_var_name(const char *name, size_t n)
{
	for (const char *const *w = lex_log_vars.words; *w; w++) {
		size_t l = strlen(*w);

		/* The last byte first, either case: most names end otherwise. */
		if (n >= l && (name[n - 1] | 0x20) == ((*w)[l - 1] | 0x20) &&
		    !strncasecmp(name + n - l, *w, l))
			return true;
	}
	return false;
}

bool log_path(const char *p)
{
	size_t n = strlen(p);

	if (n > 4 && !strcasecmp(p + n - 4, ".log"))
		return true;
	for (const char *s = p; (s = strchr(s, '/'));) {
		size_t l = strcspn(++s, "/");

		if ((l == 3 && !strncasecmp(s, "log", 3)) || (l == 4 && !strncasecmp(s, "logs", 4)))
			return true;
	}
	return false;
}

bool log_std_stream(const char *v)
{
	return str_eq(v, "-") || str_eq(v, "/dev/stdout") || str_eq(v, "/dev/stderr") ||
	       str_eq(v, "/proc/self/fd/1") || str_eq(v, "/proc/self/fd/2") ||
	       str_eq(v, "/dev/fd/1") || str_eq(v, "/dev/fd/2") || !strcasecmp(v, "stdout") ||
	       !strcasecmp(v, "stderr");
}

const char *log_folder_of(struct arena *a, const char *p, bool is_dir)
{
	const char *slash = strrchr(p, '/');

	if (is_dir || !slash || !strchr(slash, '.'))
		return p;
	return slash == p ? "/" : arena_strndup(a, p, (size_t)(slash - p));
}
