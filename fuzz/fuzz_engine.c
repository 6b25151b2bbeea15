/* libFuzzer target for the live-container decoding: the input is up to
 * three JSON documents one after the other, as the engine would answer
 * /containers/{id}/json, /containers/{id}/top and /images/{id}/json. Each
 * goes through the decoders (and the first through the container list's),
 * then every live rule runs on the result. No input may crash, hang, leak
 * or trip a sanitizer; a rejected container must say why. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "config/config.h"
#include "input/engine/container.h"
#include "checks/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct report r;
	struct config cfg = { 0 };
	struct live_container c;
	struct live_entry *ents;
	json_t *doc[3] = { NULL, NULL, NULL };
	const char *err = NULL;
	size_t off = 0;

	for (int i = 0; i < 3 && off < size; i++) {
		json_error_t je;

		doc[i] = json_loadb((const char *)data + off, size - off,
				    JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &je);
		if (!doc[i] || !je.position)
			break;
		off += (size_t)je.position;
	}
	report_init(&r, &a);
	live_decode_list(&a, doc[0], &ents);
	if (live_decode_inspect(&a, doc[0], &c, &err) == 0) {
		if (doc[1] && live_decode_top(&a, doc[1], &c, &err) < 0 && !err)
			abort();
		live_decode_image(&a, doc[2], &c);
		rules_check_live(&r, &c, &cfg);
		report_fingerprint_messages(&r, 0);
	} else if (!err) {
		abort();	/* a rejection always has a message */
	}
	for (int i = 0; i < 3; i++)
		json_decref(doc[i]);
	arena_release(&a);
	return 0;
}
