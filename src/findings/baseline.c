#include "findings/baseline.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "util/die.h"
#include "util/writefile.h"

int baseline_write(const struct report *r, const char *path)
{
	json_t *root = json_object(), *list = json_array();
	struct wfile w;
	const char *why;
	char *text;
	int ret = 0;

	json_object_set_new(root, "seaworthy_baseline", json_integer(1));
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		json_t *e;

		if (f->suppressed)
			continue;
		e = json_object();
		json_object_set_new(e, "rule", json_string(f->rule->id));
		json_object_set_new(e, "file", f->file ? json_string(f->file) : json_null());
		json_object_set_new(e, "fingerprint", json_string(f->fingerprint));
		/* For people reading the file; matching ignores them. */
		json_object_set_new(e, "line", json_integer(f->line));
		json_object_set_new(e, "message", json_string(f->message));
		json_array_append_new(list, e);
	}
	json_object_set_new(root, "findings", list);
	/* A failed write must not destroy the baseline there was. */
	text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text)
		die("out of memory");
	if (wfile_open(&w, path, &why) < 0) {
		fprintf(stderr, "seaworthy: cannot write baseline %s: %s\n", path, why);
		ret = -1;
	} else {
		errno = 0;
		fputs(text, w.fp);
		if (wfile_commit(&w, &why) < 0) {
			fprintf(stderr, "seaworthy: cannot write baseline %s: %s\n", path, why);
			ret = -1;
		}
	}
	free(text);
	json_decref(root);
	return ret;
}

int baseline_load(struct arena *a, const char *path, struct baseline *out, struct report *r)
{
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err), *list;
	size_t i;
	json_t *e;

	memset(out, 0, sizeof(*out));
	out->path = path;
	if (!root) {
		report_error(r, path, err.line > 0 ? (unsigned)err.line : 0, "cannot load baseline: %s",
			     err.text);
		return -1;
	}
	list = json_object_get(root, "findings");
	if (!json_is_integer(json_object_get(root, "seaworthy_baseline")) || !json_is_array(list)) {
		report_error(r, path, 1, "not a seaworthy baseline (write one with --write-baseline)");
		json_decref(root);
		return -1;
	}
	json_array_foreach(list, i, e) {
		const char *rule = json_string_value(json_object_get(e, "rule"));
		const char *file = json_string_value(json_object_get(e, "file"));
		const char *fp = json_string_value(json_object_get(e, "fingerprint"));
		struct baseline_entry *b;

		if (!rule || !fp)
			continue;
		b = ARENA_PUSH(a, out->v, out->n, out->cap);
		b->rule = arena_strdup(a, rule);
		b->file = file ? arena_strdup(a, file) : NULL;
		b->fingerprint = arena_strdup(a, fp);
	}
	json_decref(root);
	return 0;
}

static bool same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && !strcmp(x, y));
}

size_t baseline_filter(struct report *r, struct baseline *b)
{
	size_t k = 0, dropped = 0;

	for (size_t i = 0; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];
		bool known = false;

		for (size_t j = 0; j < b->n && !f->suppressed; j++) {
			struct baseline_entry *e = &b->v[j];

			if (!e->used && !strcmp(e->rule, f->rule->id) && same(e->file, f->file) &&
			    !strcmp(e->fingerprint, f->fingerprint)) {
				e->used = true;
				known = true;
				break;
			}
		}
		if (known)
			dropped++;
		else
			r->findings[k++] = *f;
	}
	r->nfindings = k;
	return dropped;
}
