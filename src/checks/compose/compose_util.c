#include "checks/compose/compose_util.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config.h"
#include "input/compose/lower.h"
#include "spec/user.h"
#include "util/path.h"
#include "util/strbuf.h"
#include "util/str.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"


struct finding *cx_report(struct rule_ctx *c, const struct c_service *s, const struct y_pos *pos,
			  const struct y_pos *via, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct finding *f;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	strbuf_addstr(&sb, msg);
	if (s && !s->active && s->profiles.n) {
		strbuf_addstr(&sb, s->profiles.n > 1 ? " (profiles: " : " (profile: ");
		for (size_t k = 0; k < s->profiles.n; k++)
			strbuf_addf(&sb, "%s%s", k ? ", " : "",
				    s->profiles.v[k].s ? s->profiles.v[k].s : "");
		strbuf_addch(&sb, ')');
	}
	/* A value with no position (made up by the loader) is reported at
	 * its service's key. */
	if ((!pos || !pos->line) && s)
		pos = &s->pos;
	f = rule_report_pos(c, pos, "%s", sb.buf);
	if (via && via->file && via->line)
		f->via = arena_printf(c->a, "%s:%u", via->file, via->line);
	if (s)
		f->purpose = compose_service_purpose(s);
	strbuf_release(&sb);
	return f;
}

const char *cx_names(struct arena *a, const struct c_service *const *v, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t shown = n > 5 ? 4 : n;
	const char *ret;

	strbuf_addstr(&sb, n == 1 ? "service " : "services ");
	for (size_t k = 0; k < shown; k++) {
		const struct c_service *s = v[k];

		if (k)
			strbuf_addstr(&sb, k + 1 == shown && shown == n ? " and " : ", ");
		strbuf_addstr(&sb, s->name);
		if (!s->active && s->profiles.n) {
			strbuf_addstr(&sb, s->profiles.n > 1 ? " (profiles: " : " (profile: ");
			for (size_t j = 0; j < s->profiles.n; j++)
				strbuf_addf(&sb, "%s%s", j ? ", " : "",
					    s->profiles.v[j].s ? s->profiles.v[j].s : "");
			strbuf_addch(&sb, ')');
		}
	}
	if (shown < n)
		strbuf_addf(&sb, " and %zu more", n - shown);
	ret = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return ret;
}

bool cx_same_pos(const struct y_pos *x, const struct y_pos *y)
{
	return x->line == y->line && x->col == y->col &&
	       (x->file == y->file || (x->file && y->file && str_eq(x->file, y->file)));
}

bool cx_true(const struct c_value *v)
{
	return v->s && !strcasecmp(v->s, "true");
}

const struct m_dockerfile *cx_service_df(const struct rule_ctx *c, size_t i)
{
	return c->service_df ? c->service_df[i] : NULL;
}

const struct m_stage *cx_service_stage(const struct rule_ctx *c, size_t i)
{
	return compose_service_stage(&c->project->services[i], cx_service_df(c, i));
}

bool cx_stage_is_final(const struct m_stage *st)
{
	return st && st->is_final;
}

const char *cx_service_repo(struct rule_ctx *c, size_t i)
{
	const struct c_service *s = &c->project->services[i];
	const struct m_stage *st;
	const char *root;

	if (s->build_context.s) {
		/* image: names what the build produces; the base is what runs. */
		st = cx_service_stage(c, i);
		root = st ? m_stage_root_image(st) : NULL;
		if (root && *root && strcasecmp(root, "scratch") && !strchr(root, '$'))
			return image_ref_repo(c->a, root);
		return NULL;
	}
	if (s->image.s && *s->image.s)
		return image_ref_repo(c->a, s->image.s);
	return NULL;
}

const char *cx_label(const struct c_service *s, const char *key)
{
	for (size_t k = s->nlabels; k-- > 0;)
		if (s->labels[k].key && str_eq(s->labels[k].key, key))
			return s->labels[k].value;
	return NULL;
}

bool cx_proxy_repo(const char *repo)
{
	return lex_has(&lex_proxy_images, image_ref_name(repo));
}

bool cx_proxy_name(const char *name)
{
	const char *const *words = lex_proxy_words.words;

	for (const char *p = name; *p;) {
		size_t n = strcspn(p, "-_.");

		for (size_t k = 0; words[k]; k++) {
			size_t wl = strlen(words[k]);

			if (n >= wl && !strncasecmp(p, words[k], wl))
				return true;
		}
		p += n;
		while (*p == '-' || *p == '_' || *p == '.')
			p++;
	}
	return false;
}

bool cx_is_proxy(struct rule_ctx *c, size_t i)
{
	const struct c_service *s = &c->project->services[i];
	const char *role = cx_label(s, "seaworthy.role");
	const char *repo = cx_service_repo(c, i);
	const char *own = s->image.s && *s->image.s ? image_ref_repo(c->a, s->image.s) : NULL;

	if (role && !strcasecmp(role, "proxy"))
		return true;
	if (repo && cx_proxy_repo(repo))
		return true;
	/* Built from a Dockerfile we cannot read: the name is all we have. */
	if (!repo && s->build_context.s && cx_proxy_name(s->name))
		return true;
	for (size_t k = 0; k < c->config->proxies.n; k++) {
		const char *p = c->config->proxies.v[k];

		if (str_eq(p, s->name) || (repo && !strcasecmp(p, repo)) ||
		    (own && !strcasecmp(p, own)))
			return true;
	}
	return false;
}

bool cx_logging_option(const struct c_service *s, const char *name)
{
	for (size_t k = 0; k < s->nlogging_options; k++)
		if (s->logging_options[k].key && str_eq(s->logging_options[k].key, name))
			return true;
	return false;
}

const struct c_volume *cx_mount_over(const struct c_service *s, const char *dir, bool with_tmpfs)
{
	struct arena tmp = ARENA_INIT;
	const struct c_volume *hit = NULL;

	for (size_t k = 0; k < s->nvolumes && !hit; k++) {
		const struct c_volume *v = &s->volumes[k];
		const char *t;

		if (!v->target || !v->type)
			continue;
		if (strcmp(v->type, "bind") && strcmp(v->type, "volume") &&
		    !(with_tmpfs && str_eq(v->type, "tmpfs")))
			continue;
		t = path_resolve(&tmp, "/", v->target);
		if (path_within(dir, t))
			hit = v;
	}
	arena_release(&tmp);
	return hit;
}

