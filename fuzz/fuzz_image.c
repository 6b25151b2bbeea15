/* libFuzzer target for the image reader: any bytes as a docker save
 * archive in memory (archive_read_open_memory), through the manifest,
 * index and config decoding, the layer tar walks and the whiteout
 * resolution, the entry command followed into the image's scripts (with
 * the passes that read the scripts not kept on the way), then every
 * image rule. No input may crash, hang, leak or
 * trip a sanitizer; a failed load must say why. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "config/config.h"
#include "input/image/image.h"
#include "checks/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct report r;
	struct image img = { 0 };
	struct config cfg = { 0 };

	report_init(&r, &a);
	if (image_load_memory(&a, data, size, &img, &r) == 0) {
		for (size_t i = 0; i < img.entry.n; i++)
			if (!img.entry.scripts[i].how || !img.entry.scripts[i].text ||
			    img.entry.scripts[i].display[0] != '/')
				abort();
		rules_check_image(&r, &img, &cfg);
	}
	else if (!r.nerrors)
		abort();	/* a failure always has a message */
	arena_release(&a);
	return 0;
}
