/* libFuzzer target for the evidence reader (src/input/scripts/evidence.c):
 * the first byte picks how the rest is read (a shell script, a Makefile, a
 * GitHub Actions workflow or another CI file, a Jenkinsfile, a Taskfile,
 * Markdown, a .env file, a GoReleaser file), the rest is the file. No input
 * may crash, hang, leak or trip a sanitizer, and every use found must say
 * where it is (a line of the input) and hold well-formed values. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/scripts/evidence.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_where(const struct ev_where *at, unsigned nlines)
{
	if (!at->file || !at->base || at->line < 1 || at->line > nlines)
		abort();
	(void)strlen(at->base);
}

static void check_str(struct ev_str s, int required)
{
	if (!s.s) {
		if (required)
			abort();
		return;
	}
	(void)strlen(s.s);
}

static void check_strs(const struct ev_str *v, size_t n)
{
	if (n && !v)
		abort();
	for (size_t i = 0; i < n; i++)
		check_str(v[i], 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct { enum ev_source kind; const char *path; } kinds[] = {
		{ EV_SHELL, "scripts/build.sh" },
		{ EV_MAKEFILE, "Makefile" },
		{ EV_CI, ".github/workflows/ci.yml" },
		{ EV_CI, ".gitlab-ci.yml" },
		{ EV_JENKINSFILE, "Jenkinsfile" },
		{ EV_TASKFILE, "Taskfile.yml" },
		{ EV_MARKDOWN, "docs/README.md" },
		{ EV_DOTENV, "deploy/.env" },
		{ EV_GORELEASER, ".goreleaser.yml" },
		{ EV_PACKAGE_JSON, "package.json" },
	};
	struct arena a;
	struct evidence e = { 0 };
	unsigned nlines = 1;
	size_t k;

	if (!size)
		return 0;
	k = data[0] % (sizeof(kinds) / sizeof(kinds[0]));
	/* Every byte sequence that some reader takes for a line break: YAML's
	 * include CR, NEL, LS and PS. */
	for (size_t i = 1; i < size; i++)
		nlines += data[i] == '\n' || data[i] == '\r' ||
			  (data[i] == 0x85 && data[i - 1] == 0xc2) ||
			  ((data[i] == 0xa8 || data[i] == 0xa9) && i >= 2 && data[i - 1] == 0x80 &&
			   data[i - 2] == 0xe2);
	arena_init(&a);
	evidence_from_buffer(&a, kinds[k].path, kinds[k].kind, (const char *)data + 1, size - 1, &e);
	for (size_t i = 0; i < e.nbuilds; i++) {
		const struct build_use *u = &e.builds[i];

		check_where(&u->at, nlines);
		if (!u->tool)
			abort();
		check_str(u->dockerfile, 1);
		check_str(u->context, 0);
		check_str(u->target, 0);
		check_strs(u->tags, u->ntags);
		if (u->context_remote && u->context.known)
			abort();
	}
	for (size_t i = 0; i < e.ncomposes; i++) {
		const struct compose_use *u = &e.composes[i];

		check_where(&u->at, nlines);
		if (!u->tool || (u->files_from_env && !u->nfiles))
			abort();
		check_strs(u->files, u->nfiles);
		check_strs(u->profiles, u->nprofiles);
		check_strs(u->env_files, u->nenv_files);
		check_str(u->project_dir, 0);
		check_str(u->project_name, 0);
	}
	for (size_t i = 0; i < e.nbakes; i++) {
		const struct bake_use *u = &e.bakes[i];

		check_where(&u->at, nlines);
		check_strs(u->files, u->nfiles);
		check_strs(u->targets, u->ntargets);
	}
	arena_release(&a);
	return 0;
}
