/* libFuzzer target for the whole Dockerfile pipeline: any bytes go through
 * the parser and, when they parse, the model builder and every rule, as
 * `seaworthy check` would run them; the dump is exercised too. No input may
 * crash, hang, leak or trip a sanitizer. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/dockerfile/ast.h"
#include "findings/findings.h"
#include "input/dockerfile/model.h"
#include "config/config.h"
#include "checks/check.h"
#include "util/arena.h"
#include "util/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct df_file df;
	struct df_error err;
	struct m_dockerfile m;
	struct report r;
	struct strbuf dump = STRBUF_INIT;
	char *buf = malloc(size + 1);

	if (!buf)
		return 0;
	if (size)
		memcpy(buf, data, size);
	buf[size] = '\0';

	arena_init(&a);
	if (df_parse(&a, "Dockerfile", buf, size, &df, &err) < 0) {
		if (!err.msg)
			abort();
		goto out;
	}
	df_dump(&df, &dump);
	/* `seaworthy check` refuses files with a NUL byte before modelling. */
	if (memchr(buf, '\0', size))
		goto out;
	/* A directory that does not exist: context files read as absent, so
	 * runs do not depend on the machine. */
	if (model_build(&a, &df, "/nonexistent/seaworthy-fuzz", &m, &err) < 0) {
		if (!err.msg)
			abort();
		goto out;
	}
	report_init(&r, &a);
	rules_check_dockerfile(&r, &m, &(struct config){ 0 }, NULL, 0);
	/* Every stage shipped, as a compose target would, and one that is
	 * no stage. */
	{
		struct df_ship *ships = arena_alloc(&a, (m.nstages + 1) * sizeof(*ships));

		for (size_t k = 0; k < m.nstages; k++)
			ships[k] = (struct df_ship){ .target = m.stages[k].name,
						     .by = "compose service s",
						     .purpose = PURPOSE_PRODUCTION };
		ships[m.nstages] = (struct df_ship){ .target = "no-such-stage",
					     .purpose = PURPOSE_TEST };
		rules_check_dockerfile(&r, &m, &(struct config){ 0 }, ships, m.nstages + 1);
	}
	report_sort(&r);
	for (size_t i = 0; i < r.nfindings; i++)
		if (!r.findings[i].rule || !r.findings[i].message)
			abort();
out:
	strbuf_release(&dump);
	arena_release(&a);
	free(buf);
	return 0;
}
