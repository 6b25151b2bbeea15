/* host/sudoers.c: user lists (aliases, %group, %#gid, #uid, negation with
 * the last match winning), Runas lists, tags, continuations and includes. */
#include <stdbool.h>

#include "input/host/sudoers.h"
#include "util/strbuf.h"
#include "unit.h"

static const char *const alice_groups[] = { "alice", "admins", "docker" };
static const gid_t alice_gids[] = { 1000, 1500, 999 };
static const struct sudo_user alice = { "alice", 1000, alice_groups, alice_gids, 3 };

static int nincludes, nerrors;
static char last_include[256];
static bool last_dir;

static void on_include(void *ctx, const char *file, unsigned line, const char *path, bool dir)
{
	(void)ctx;
	(void)file;
	(void)line;
	nincludes++;
	snprintf(last_include, sizeof(last_include), "%s", path);
	last_dir = dir;
}

static void on_error(void *ctx, const char *file, unsigned line, const char *msg)
{
	(void)ctx;
	(void)file;
	(void)line;
	(void)msg;
	nerrors++;
}

/* 0 no grant, 1 some commands, 2 ALL, 3 NOPASSWD ALL; *line the spec's. */
static int grant(const char *text, unsigned *line)
{
	struct arena a = ARENA_INIT;
	struct sudoers s = { .a = &a, .include = on_include, .error = on_error };
	bool all, np;
	const struct sudo_spec *sp;
	int r;

	nincludes = nerrors = 0;
	sudoers_parse_buf(&s, "sudoers", text, strlen(text));
	sp = sudoers_root_grant(&s, &alice, &all, &np);
	r = !sp ? 0 : all && np ? 3 : all ? 2 : 1;
	if (line)
		*line = sp ? sp->line : 0;
	arena_release(&a);
	return r;
}

UNIT_TEST(sudoers_user_matching)
{
	unsigned line;

	CHECK(grant("root ALL=(ALL:ALL) ALL\n", NULL) == 0);
	CHECK(grant("alice ALL=(ALL:ALL) ALL\n", NULL) == 2);
	CHECK(grant("%admins ALL=(ALL) ALL\n", NULL) == 2);
	CHECK(grant("%#1500 ALL=(ALL) ALL\n", NULL) == 2);
	CHECK(grant("#1000 ALL=(ALL) ALL\n", NULL) == 2);
	CHECK(grant("#1001 ALL=(ALL) ALL\n", NULL) == 0);
	CHECK(grant("%wheel ALL=(ALL) ALL\n", NULL) == 0);
	CHECK(grant("ALL ALL=(ALL) ALL\n", NULL) == 2);
	/* The last match wins: ALL then !alice denies, !alice then ALL allows. */
	CHECK(grant("ALL, !alice ALL=(ALL) ALL\n", NULL) == 0);
	CHECK(grant("!alice, ALL ALL=(ALL) ALL\n", NULL) == 2);
	CHECK(grant("User_Alias OPS = bob, %admins\nOPS ALL=(root) NOPASSWD: ALL\n", &line) == 3);
	CHECK(line == 2);
	CHECK(grant("User_Alias OPS = bob, !%admins\nOPS ALL=(root) ALL\n", NULL) == 0);
	CHECK(grant("User_Alias A = B\nUser_Alias B = A\nA ALL=ALL\n", NULL) == 0);	/* a loop */
	CHECK(nerrors == 0);
}

UNIT_TEST(sudoers_runas_and_commands)
{
	CHECK(grant("alice ALL = /usr/bin/systemctl restart docker\n", NULL) == 1);
	CHECK(grant("alice ALL = (bob) ALL\n", NULL) == 0);
	CHECK(grant("alice ALL = (:wheel) ALL\n", NULL) == 0);
	CHECK(grant("alice ALL = (bob) ALL, (root) /bin/ls\n", NULL) == 1);
	CHECK(grant("Runas_Alias R = bob, root\nalice ALL = (R) ALL\n", NULL) == 2);
	CHECK(grant("alice ALL = (ALL, !root) ALL\n", NULL) == 0);
	CHECK(grant("alice ALL = (#0) NOPASSWD: ALL\n", NULL) == 3);
	CHECK(grant("alice ALL = NOPASSWD: /bin/ls, PASSWD: ALL\n", NULL) == 2);
	CHECK(grant("alice ALL = ALL, !/bin/sh\n", NULL) == 2);
	CHECK(grant("Cmnd_Alias EVERY = ALL\nalice ALL = NOPASSWD: EVERY\n", NULL) == 3);
	CHECK(grant("alice ALL = ROLE=sysadm_r CWD=* NOEXEC: NOPASSWD: ALL\n", NULL) == 3);
	CHECK(grant("alice h1 = /bin/ls : h2 = NOPASSWD: ALL\n", NULL) == 3);
	CHECK(nerrors == 0);
}

UNIT_TEST(sudoers_lines)
{
	unsigned line;

	CHECK(grant("# alice ALL=ALL\nDefaults env_reset\nDefaults:alice !lecture\n", NULL) == 0);
	CHECK(grant("alice \\\n  ALL = \\\n  NOPASSWD: ALL\nbob ALL=ALL\n", &line) == 3);
	CHECK(line == 1);
	CHECK(grant("bob ALL=ALL # alice ALL=ALL\n", NULL) == 0);
	CHECK(grant("x\nalice ALL=ALL\n", NULL) == 2);
	CHECK(nerrors == 1);
	CHECK(grant("#include /etc/sudoers.local\n", NULL) == 0);
	CHECK(nincludes == 1 && !last_dir);
	CHECK_STR(last_include, "/etc/sudoers.local");
	CHECK(grant("@includedir \"/etc/sudoers.d\"\n", NULL) == 0);
	CHECK(nincludes == 1 && last_dir);
	CHECK(grant("#includedir /etc/sudoers.d\n", NULL) == 0);
	CHECK(nincludes == 1 && last_dir);
	CHECK(grant("alice ALL=(ALL\n", NULL) == 0);
	CHECK(nerrors == 1);
}

/* Aliases naming aliases: the last definition wins (found by hash), and a
 * chain deeper than SUDO_ALIAS_DEPTH_MAX matches nothing, with one error
 * (a 120,000-link chain once overflowed the stack). */
UNIT_TEST(sudoers_alias_chains)
{
	struct strbuf sb = STRBUF_INIT;

	CHECK(grant("User_Alias A = bob\nUser_Alias A = alice\nA ALL = NOPASSWD: ALL\n", NULL) == 3);
	CHECK(grant("Cmnd_Alias C = /bin/ls\nCmnd_Alias C = ALL\nalice ALL = C\n", NULL) == 2);
	CHECK(grant("User_Alias A = B\nUser_Alias B = A\nA ALL = ALL\n", NULL) == 0);
	for (int depth = SUDO_ALIAS_DEPTH_MAX - 1; depth <= SUDO_ALIAS_DEPTH_MAX + 1; depth++) {
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "alice ALL = NOPASSWD: C0\n");
		for (int i = 0; i < depth; i++)
			strbuf_addf(&sb, "Cmnd_Alias C%d = C%d\n", i, i + 1);
		strbuf_addf(&sb, "Cmnd_Alias C%d = ALL\n", depth);
		/* depth + 1 aliases are entered: C0 .. C<depth>. */
		CHECK(grant(sb.buf, NULL) == (depth < SUDO_ALIAS_DEPTH_MAX ? 3 : 1));
		CHECK(nerrors == (depth < SUDO_ALIAS_DEPTH_MAX ? 0 : 1));
	}
	strbuf_release(&sb);
}
