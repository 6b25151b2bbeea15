/* libFuzzer target for the entry-script reader (input/dockerfile/entry.h):
 * the input is a Dockerfile, a line "----", and a script. The script is
 * written to a private folder as the build context's start.sh and lib.sh
 * (so COPY, CMD, `sh FILE` and `. FILE` of the Dockerfile can reach it,
 * twice and from itself), and the stage rules that follow entry scripts
 * run over every stage. No input may crash, hang, leak or trip a
 * sanitizer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks/check.h"
#include "config/config.h"
#include "findings/findings.h"
#include "input/dockerfile/ast.h"
#include "input/dockerfile/entry.h"
#include "input/dockerfile/model.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/seaworthy-fuzz-entry-XXXXXX";
static int ready;

static void put(const char *name, const char *s, size_t n)
{
	char path[sizeof(dir) + 16];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "wb")))
		abort();
	if (n && fwrite(s, 1, n, f) != n)
		abort();
	fclose(f);
}

/* The private folder goes when the fuzzer exits. */
static void cleanup(void)
{
	char path[sizeof(dir) + 16];

	snprintf(path, sizeof(path), "%s/start.sh", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lib.sh", dir);
	unlink(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct df_file df;
	struct df_error err;
	struct m_dockerfile m;
	struct report r;
	char *buf = malloc(size + 1);
	const char *sep;
	size_t dlen;

	if (!buf)
		return 0;
	if (!ready) {
		if (!mkdtemp(dir))
			abort();
		atexit(cleanup);
		ready = 1;
	}
	if (size)
		memcpy(buf, data, size);
	buf[size] = '\0';
	sep = memmem(buf, size, "\n----\n", 6);
	dlen = sep ? (size_t)(sep - buf) + 1 : size;
	put("start.sh", sep ? sep + 6 : "", sep ? size - dlen - 5 : 0);
	put("lib.sh", sep ? sep + 6 : "", sep ? size - dlen - 5 : 0);
	buf[dlen] = '\0';

	arena_init(&a);
	if (memchr(buf, '\0', dlen) || df_parse(&a, "Dockerfile", buf, dlen, &df, &err) < 0 ||
	    model_build(&a, &df, dir, &m, &err) < 0)
		goto out;
	m.root = dir;
	for (size_t k = 0; k < m.nstages; k++) {
		struct entry_set e;
		size_t len, nnames;

		m_entry_follow(&a, &m, &m.stages[k], &e);
		for (size_t i = 0; i < e.n; i++) {
			unsigned line, col;

			entry_script_pos(&e.scripts[i], e.scripts[i].len, &line, &col);
			if (!e.scripts[i].how || !line || !col)
				abort();
		}
		entry_read(&a, &e, "/start.sh", &len);
		entry_list(&a, &e, "/", &nnames);
	}
	report_init(&r, &a);
	{
		struct df_ship *ships = arena_alloc(&a, (m.nstages + 1) * sizeof(*ships));

		for (size_t k = 0; k < m.nstages; k++)
			ships[k] = (struct df_ship){ .target = m.stages[k].name,
						     .by = "compose service s",
						     .purpose = PURPOSE_PRODUCTION };
		rules_check_dockerfile(&r, &m, &(struct config){ 0 }, ships, m.nstages);
	}
	for (size_t i = 0; i < r.nfindings; i++)
		if (!r.findings[i].rule || !r.findings[i].message)
			abort();
out:
	arena_release(&a);
	free(buf);
	return 0;
}
