/* --format junit. */
#include "render/render.h"
#include "rules/rule.h"

static void render(FILE *out, const struct report *r, const struct render_opts *o)
{
	(void)out; (void)r; (void)o; /* TODO */
}

const struct renderer render_junit = { "junit", render };
