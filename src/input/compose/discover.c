/* Which compose files `docker compose` would load in a folder, and which
 * names are compose files. */
#include <dirent.h>

#include "input/compose/load.h"

static bool is_default_name(const char *name)
{
	for (size_t i = 0; i < NNAMES; i++)
		if (streq(name, base_names[i]) || streq(name, override_names[i]))
			return true;
	return false;
}

/* compose.override.yaml.example and the like. */
static bool example_of_override(const char *name)
{
	static const char *const ends[] = { ".example", ".sample", ".dist" };

	for (size_t k = 0; k < NNAMES; k++) {
		size_t n = strlen(override_names[k]);

		if (strncmp(name, override_names[k], n))
			continue;
		for (size_t e = 0; e < sizeof(ends) / sizeof(*ends); e++)
			if (streq(name + n, ends[e]))
				return true;
	}
	return false;
}

void compose_discover_listed(struct arena *a, const char *dir, const struct dir_entry *ents,
			     size_t nents, struct compose_discovery *out, struct report *r)
{
	const char **names = NULL;
	size_t n = 0, cap = 0;
	const char *bases[NNAMES] = { NULL }, *overrides[NNAMES] = { NULL };
	size_t nbases = 0;

	memset(out, 0, sizeof(*out));
	if (!dir || !*dir)
		dir = ".";
	/* ents are sorted by name already. */
	for (size_t i = 0; i < nents; i++) {
		const char *name = ents[i].name;

		if (!out->override_example && example_of_override(name) && ents[i].type == DT_REG)
			out->override_example = path_join(a, dir, name);
		if (name[0] == '.' || ents[i].kind != INPUT_COMPOSE)
			continue;
		/* readdir's type settles most; a symlink (or a file system that
		 * does not tell) is stat'ed, as Compose opens what it points to.
		 * Anything else is said, never opened (a FIFO would block). */
		if (ents[i].type != DT_REG) {
			const char *path = path_join(a, dir, name);
			const char *why = discover_not_regular(path, ents[i].type);

			if (why) {
				out->nskipped++;
				if (r)
					report_error(r, display_path(r->a, path), 0,
						     "cannot read: %s", why);
				continue;
			}
		}
		*ARENA_PUSH(a, names, n, cap) = name;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < NNAMES; k++) {
			if (streq(names[i], base_names[k]))
				bases[k] = path_join(a, dir, names[i]);
			if (streq(names[i], override_names[k]))
				overrides[k] = path_join(a, dir, names[i]);
		}
	for (size_t k = 0; k < NNAMES; k++) {
		if (bases[k] && !out->base)
			out->base = bases[k];
		if (overrides[k] && !out->override)
			out->override = overrides[k];
		nbases += bases[k] != NULL;
	}
	if (out->override)
		out->override_example = NULL;
	/* Compose warns and uses the first; the others are never loaded. */
	if (nbases > 1 && r)
		for (size_t k = 0; k < NNAMES; k++)
			if (bases[k] && bases[k] != out->base)
				report_add(r, &SW0603,
					   arena_strdup(r->a, bases[k]), 1, 1, 1, 1,
					   "docker compose ignores %s: it loads %s from the same "
					   "folder", path_last(bases[k]), path_last(out->base));
	for (size_t i = 0; i < n; i++)
		if (!is_default_name(names[i]))
			*ARENA_PUSH(a, out->variants, out->nvariants, out->capvariants) =
				path_join(a, dir, names[i]);
}

void compose_discover(struct arena *a, const char *dir, struct compose_discovery *out,
		      struct report *r)
{
	struct dir_entry *ents;
	size_t n = discover_read_dir(a, dir && *dir ? dir : ".", &ents);

	if (n == (size_t)-1) {
		memset(out, 0, sizeof(*out));
		return;
	}
	compose_discover_listed(a, dir, ents, n, out, r);
}
