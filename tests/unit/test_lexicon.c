/* The lexicon against tests/lexicon/NAME.txt: deleting or adding an entry
 * in either place fails here, and tests/lexicon/probe.py shows each entry
 * changing what the binary reports. */
#include <stdlib.h>

#include "lexicon/lexicon.h"
#include "unit.h"

#define MAX_WORDS 256

/* The words of tests/lexicon/NAME.txt, one per line; -1 when unreadable. */
static int read_words(const char *name, char words[][64], int max)
{
	char path[256], line[64];
	FILE *fp;
	int n = 0;

	snprintf(path, sizeof(path), "tests/lexicon/%s.txt", name);
	if (!(fp = fopen(path, "r")))
		return -1;
	while (n < max && fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0])
			snprintf(words[n++], 64, "%s", line);
	}
	fclose(fp);
	return n;
}

static int find(char words[][64], int n, const char *w)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(words[i], w))
			return i;
	return -1;
}

/* The list as data against the file: same words, no more, no fewer. */
static void same(const char *name, const char *const *got, size_t ngot)
{
	static char want[MAX_WORDS][64];
	int n = read_words(name, want, MAX_WORDS);
	int seen[MAX_WORDS] = { 0 };

	if (n < 0) {
		unit_fail(__FILE__, __LINE__, "tests/lexicon/%s.txt is missing", name);
		return;
	}
	for (size_t i = 0; i < ngot; i++) {
		int k = find(want, n, got[i]);

		if (k < 0)
			unit_fail(__FILE__, __LINE__, "%s: %s is not in tests/lexicon/%s.txt", name,
				  got[i], name);
		else
			seen[k] = 1;
	}
	for (int k = 0; k < n; k++)
		if (!seen[k])
			unit_fail(__FILE__, __LINE__, "%s: %s (tests/lexicon/%s.txt) is gone from the "
				  "lexicon", name, want[k], name);
}

UNIT_TEST(lexicon_lists)
{
	for (const struct lexicon *const *l = lexicon_lists; *l; l++) {
		size_t n = 0;

		while ((*l)->words[n])
			n++;
		same((*l)->name, (*l)->words, n);
		for (size_t i = 0; i < n; i++)
			CHECK(lex_has(*l, (*l)->words[i]));
	}
}

UNIT_TEST(lexicon_tables)
{
	const char *v[MAX_WORDS];
	char buf[MAX_WORDS][16];
	const char *canon;
	size_t n = 0;

	for (const char *c; n < MAX_WORDS && (c = capability_at(n)); n++) {
		v[n] = c;
		CHECK(capability_danger(c, &canon) && !strcmp(canon, c));
	}
	same("capabilities", v, n);
	n = 0;
	for (long p; n < MAX_WORDS && (p = database_port_at(n)); n++) {
		snprintf(buf[n], sizeof(buf[n]), "%ld", p);
		v[n] = buf[n];
		CHECK(database_of_port(p) && database_port_in(p, p) == p);
	}
	same("database_ports", v, n);
	n = 0;
	for (const char *im; n < MAX_WORDS && (im = database_image_at(n)); n++) {
		v[n] = im;
		CHECK(database_of_image(im));
	}
	same("database_images", v, n);
	CHECK(database_of_image("bitnami/mariadb") && database_of_image("mssql/server"));
	CHECK(!database_of_image("mongo-express") && !database_of_image("acme/mariadb-backup"));
	CHECK(!database_of_image("server") && !database_of_image(NULL));
	n = 0;
	for (long p; n < MAX_WORDS && (p = debugger_port_at(n)); n++) {
		snprintf(buf[n], sizeof(buf[n]), "%ld", p);
		v[n] = buf[n];
		CHECK(debugger_of_port(p));
	}
	same("debugger_ports", v, n);
	CHECK(!debugger_of_port(8080));
	CHECK(lex_match_ci(&lex_dns_servers, "PDNS-Recursor-51") &&
	      !lex_match_ci(&lex_dns_servers, "pdns"));
	for (const struct lex_public_server *e = lex_public_servers; e->names; e++)
		CHECK(e->what && e->ports[0]);
	n = 0;
	for (const struct lex_daemon *d = lex_daemons; d->name && n < MAX_WORDS; d++) {
		v[n++] = d->name;
		CHECK(lex_daemon(d->name) == d || d->name[strlen(d->name) - 1] == '*');
	}
	same("daemons", v, n);
	CHECK(lex_daemon("php-fpm8.2") && !lex_daemon("bash"));
	CHECK(lex_has_base(&lex_shells, "/usr/bin/bash") && !lex_has_base(&lex_shells, "/bin/bas"));
}

/* Each non-root base image entry is found for a reference it describes,
 * and the ones it leaves out stay root. */
UNIT_TEST(lexicon_nonroot_images)
{
	char ref[256];

	for (const struct lex_nonroot_image *e = lex_nonroot_images; e->ref; e++) {
		size_t n = strlen(e->ref);

		snprintf(ref, sizeof(ref), "%.*s%s:1%s%s@sha256:00", (int)(n - (e->ref[n - 1] == '*')),
			 e->ref, e->ref[n - 1] == '*' ? "app" : "", e->tag_has ? "-" : "",
			 e->tag_has ? e->tag_has : "");
		CHECK(lex_nonroot_image(ref) == e);
		CHECK(e->user && e->user[0]);
	}
	CHECK(!lex_nonroot_image("gcr.io/distroless/static-debian12"));
	CHECK(!lex_nonroot_image("cgr.dev/chainguard/python:latest-dev"));
	CHECK(!lex_nonroot_image("cgr.dev/chainguard/wolfi-base"));
	CHECK(!lex_nonroot_image("node:20"));
	/* nginx's workers serve as nginx while its own CMD runs */
	CHECK(lex_nonroot_image("nginx:1.27") && lex_nonroot_image("nginx:1.27")->by_command);
	CHECK(!lex_nonroot_image("php:8.3-cli"));
	CHECK(!lex_nonroot_image("mcr.microsoft.com/dotnet/aspnet:8.0"));
	CHECK(!lex_nonroot_image(NULL));
}

/* Every package manager is found by each of its names, and its cache
 * folders hold themselves; home folders match any home. */
UNIT_TEST(lexicon_pkg_managers)
{
	for (const struct lex_pkg_manager *m = lex_pkg_managers; m->family; m++) {
		CHECK(m->names && m->names[0] && m->install && m->cache_dirs && m->leaves &&
		      m->cleanup);
		CHECK(!m->os || m->index);
		for (const char *const *n = m->names; *n; n++)
			CHECK(lex_pkg_manager(*n) == m && lex_pkg_manager_maybe(*n));
		for (const char *const *d = m->cache_dirs; *d; d++)
			CHECK(d[0][0] == '~' || lex_pm_covers(*d, *d));
	}
	CHECK(lex_pkg_manager("pip3.12") == lex_pkg_manager("pip"));
	CHECK(!lex_pkg_manager("make"));
	CHECK(lex_pkg_manager_maybe("python3") && !lex_pkg_manager_maybe("cp") &&
	      !lex_pkg_manager_maybe("c") && !lex_pkg_manager_maybe(""));
	CHECK(lex_pm_covers("/var/lib/apt/lists/*", "/var/lib/apt/lists"));
	CHECK(lex_pm_covers("/var/lib", "/var/lib/apt/lists"));
	CHECK(!lex_pm_covers("/var/lib/apt/lists/partial", "/var/lib/apt/lists"));
	CHECK(!lex_pm_covers("/var/li", "/var/lib/apt/lists"));
	CHECK(lex_pm_covers("/root/.cache", "~/.cache/pip"));
	CHECK(lex_pm_covers("~/.cache/pip/*", "~/.cache/pip"));
	CHECK(lex_pm_covers("$HOME/.npm", "~/.npm"));
	CHECK(lex_pm_covers("/home/app/.npm", "~/.npm"));
	CHECK(!lex_pm_covers("/tmp/cache", "~/.npm"));
	CHECK(!lex_pm_covers("/home/app/.npmrc", "~/.npm"));
	CHECK(lex_pm_word_in((const char *const[]){ "clean all", "-S*", NULL }, "clean"));
	CHECK(lex_pm_word_in((const char *const[]){ "clean all", "-S*", NULL }, "-Syu"));
	CHECK(!lex_pm_word_in((const char *const[]){ "clean all", NULL }, "clea"));
}
