/* libFuzzer target for the shell reader: any bytes, no crash, no hang, and
 * every command it returns is well formed. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/shell/shell.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct sh_script s;

	arena_init(&a);
	sh_parse(&a, (const char *)data, size, &s);
	for (size_t i = 0; i < s.ncmds; i++) {
		const struct sh_cmd *c = &s.cmds[i];

		if (!c->argc && !c->nassigns)
			abort();
		if (c->off > size || c->depth > 16)
			abort();
		for (size_t j = 0; j < c->argc; j++)
			if (!c->argv[j].text || c->argv[j].off > size)
				abort();
		(void)sh_cmd_name(c);
		(void)sh_cmd_has_opt(c, "-y");
		(void)sh_cmd_has_opt(c, "--yes");
		(void)sh_cmd_subcommand(c);
		(void)sh_cmd_find_arg(c, "install");
	}
	arena_release(&a);
	return 0;
}
