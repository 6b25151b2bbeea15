/* libFuzzer target for the sudoers parser: any bytes as one sudoers file
 * (sudoers_parse_buf reads nothing from the disk; includes are counted,
 * not followed), then the root-grant evaluation for a user in a few
 * groups. No input may crash, hang, leak or trip a sanitizer; every
 * error must have a message and a line. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "input/host/sudoers.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nincludes;

static void on_include(void *ctx, const char *file, unsigned line, const char *path, bool dir)
{
	(void)ctx;
	(void)dir;
	if (!file || !line || !path || !*path)
		abort();
	nincludes++;
}

static void on_error(void *ctx, const char *file, unsigned line, const char *msg)
{
	(void)ctx;
	if (!file || !line || !msg || !*msg)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const groups[] = { "alice", "admins", "docker" };
	static const gid_t gids[] = { 1000, 1500, 999 };
	struct sudo_user u = { "alice", 1000, groups, gids, 3 };
	struct arena a;
	struct sudoers s = { 0 };
	bool all, nopasswd;
	const struct sudo_spec *sp;

	arena_init(&a);
	s.a = &a;
	s.include = on_include;
	s.error = on_error;
	sudoers_parse_buf(&s, "sudoers", (const char *)data, size);
	sp = sudoers_root_grant(&s, &u, &all, &nopasswd);
	if (sp && (!sp->line || !sp->users.n || !sp->ncmnds))
		abort();
	if (!sp && (all || nopasswd))
		abort();
	arena_release(&a);
	return 0;
}
