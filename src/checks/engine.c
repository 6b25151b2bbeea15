#include "checks/check.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "input/compose/lower.h"
#include "input/discover/purpose.h"
#include "input/engine/lower.h"
#include "input/image/lower.h"
#include "util/smap.h"
#include "util/strbuf.h"
#include "yaml/yaml.h"

static struct finding *vreport(struct rule_ctx *c, const char *file, unsigned line, unsigned col,
			       unsigned eline, unsigned ecol, const char *fmt, va_list ap)
	__attribute__((format(printf, 7, 0)));

/* Formats once, on the stack: report_add would format again. */
static struct finding *vreport(struct rule_ctx *c, const char *file, unsigned line, unsigned col,
			       unsigned eline, unsigned ecol, const char *fmt, va_list ap)
{
	char msg[2048];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (n < 0)
		n = 0;
	return report_add_str(c->report, c->rule, file, line, col, eline, ecol, msg,
			      (size_t)n < sizeof(msg) ? (size_t)n : sizeof(msg) - 1);
}

struct finding *rule_report(struct rule_ctx *c, const struct m_instr *at, const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vreport(c, c->df->path, at->node->start.line, at->node->start.col, at->node->end.line,
		    at->node->end.col, fmt, ap);
	va_end(ap);
	return f;
}

struct finding *rule_report_at(struct rule_ctx *c, struct df_pos pos, unsigned end_col,
			       const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vreport(c, c->df->path, pos.line, pos.col, pos.line, end_col, fmt, ap);
	va_end(ap);
	return f;
}

/* The layer functions of struct check. */
enum { FN_DOCKERFILE, FN_STAGE, FN_COMPOSE, FN_SCRIPTS, FN_IMAGE, FN_LIVE };

/* Runs the checks of one layer over a unit: each check's function for the
 * layer (base->rule set to its rule), or its runtime function over specs
 * under the rule it names for their kind; in table order. */
/* The answers of one worker's last key: most files of a run share their
 * settings, so each rule is asked about once (slot by the rule's address).
 * The run's own options (--select, --ignore) are one process's. */
#define WANTED_SLOTS 512
static _Thread_local struct {
	const void *key;
	const struct rule *rule[WANTED_SLOTS];
	bool v[WANTED_SLOTS];
} wanted_memo;

/* Whether the report's owner wants the rule's findings. */
static bool wanted(const struct rule_ctx *c, const struct rule *rule)
{
	const struct report *r = c->report;
	size_t h = ((uintptr_t)rule / sizeof(void *)) % WANTED_SLOTS;

	if (!r->rule_wanted)
		return true;
	if (!r->rule_wanted_key)
		return r->rule_wanted(rule, r->rule_wanted_ctx);
	if (wanted_memo.key != r->rule_wanted_key) {
		memset(wanted_memo.rule, 0, sizeof(wanted_memo.rule));
		wanted_memo.key = r->rule_wanted_key;
	}
	if (wanted_memo.rule[h] != rule) {
		wanted_memo.rule[h] = rule;
		wanted_memo.v[h] = r->rule_wanted(rule, r->rule_wanted_ctx);
	}
	return wanted_memo.v[h];
}

static void run_checks(const struct rule_ctx *base, int layer, enum spec_kind kind)
{
	for (size_t i = 0; i < check_count; i++) {
		const struct check *k = check_table[i];
		void (*fn)(struct rule_ctx *) = layer == FN_DOCKERFILE ? k->dockerfile :
						 layer == FN_STAGE ? k->stage :
						 layer == FN_COMPOSE ? k->compose :
						 layer == FN_SCRIPTS ? k->scripts :
						 layer == FN_IMAGE ? k->image : k->live;
		struct rule_ctx c;

		/* Each check gets its own copy (it may change it), made only
		 * for the checks of this layer. */
		if (fn) {
			c = *base;
			c.rule = layer == FN_IMAGE && k->image_rule ? k->image_rule : k->rule;
			if (wanted(&c, c.rule))
				fn(&c);
		}
		if (kind < SPEC_NKINDS && k->spec && base->nspecs && k->on[kind] &&
		    wanted(base, k->on[kind])) {
			c = *base;
			c.rule = k->on[kind];
			k->spec(&c);
		}
	}
}

bool rule_local_image(const struct rule_ctx *c, const char *ref)
{
	size_t n = strcspn(ref, "@");
	const char *colon = memchr(ref, ':', n), *slash;

	/* A tag, not a registry's port (host:5000/name). */
	if (colon && !((slash = strchr(colon, '/')) && (size_t)(slash - ref) < n))
		n = (size_t)(colon - ref);
	for (size_t k = 0; k < c->nlocal_images; k++) {
		const char *l = c->local_images[k];

		if ((strlen(l) == n && !strncasecmp(l, ref, n)) || !strcasecmp(l, ref))
			return true;
	}
	return false;
}

/* What a stage's name says it is for: a `dev`, `test` or `debug` stage is
 * no production image, whatever builds it. */
static enum purpose stage_purpose(const struct m_stage *st)
{
	const char *w = st->name;

	while (w && *w) {
		size_t n = strcspn(w, "-_."), m = n;
		enum purpose p;

		while (m > 1 && isdigit((unsigned char)w[m - 1]))
			m--;	/* pr-test2, dev1 */
		p = n ? purpose_of_word(w, m) : PURPOSE_PRODUCTION;

		if (p != PURPOSE_PRODUCTION)
			return p;
		w += n + (w[n] != 0);
	}
	return PURPOSE_PRODUCTION;
}

/* Drops the findings of r->findings[from..] that repeat the rule and place
 * of one of another stage in that range: stages built on the same base
 * judge its lines once. */
static void drop_repeats(struct report *r, size_t from)
{
	struct smap first = SMAP_INIT;	/* rule and place -> the stage kept there */
	size_t out = from, k = from;

	/* one stage: nothing repeats another's */
	while (k < r->nfindings && r->findings[k].stage == r->findings[from].stage)
		k++;
	if (k == r->nfindings)
		return;
	for (k = from; k < r->nfindings; k++) {
		const struct finding *f = &r->findings[k];
		/* Findings kept at one place all have the stage of the first:
		 * one of another stage is the repeat. Hashed: a stage of
		 * thousands of findings stays linear. */
		const char *key = arena_printf(r->a, "%s:%s:%u:%u", f->rule->id,
					       f->file ? f->file : "", f->line, f->col);
		size_t *st = smap_find(&first, key);

		if (st && *st != f->stage)
			continue;
		if (!st)
			smap_put(&first, key, f->stage);
		r->findings[out++] = *f;
	}
	r->nfindings = out;
	smap_free(&first);
}

/* What a build ships the stage for: its runner's purpose, else the
 * stage's name's. */
static enum purpose ship_purpose(const struct m_dockerfile *df, const struct df_ship *sh)
{
	const struct m_stage *st = m_stage_named(df, sh->target);

	if (sh->purpose != PURPOSE_PRODUCTION || !st)
		return sh->purpose;
	return stage_purpose(st);
}

bool *rule_stages_ship(const struct rule_ctx *c)
{
	const struct m_dockerfile *df = c->df;
	bool *ships = arena_alloc(c->a, (df->nstages + 1) * sizeof(*ships)), prod = false;

	memset(ships, 0, (df->nstages + 1) * sizeof(*ships));
	/* A stage built only for tests or development (pr-test2) beside one
	 * that is released says nothing in the file's production findings. */
	for (size_t i = 0; i < c->nships && !prod; i++)
		prod = ship_purpose(df, &c->ships[i]) == PURPOSE_PRODUCTION;
	/* No ships: the last stage, as a plain build. Each chain is walked
	 * until a stage already marked: linear in the stages. */
	for (size_t i = 0; i < (c->nships ? c->nships : 1); i++) {
		if (c->nships && prod && ship_purpose(df, &c->ships[i]) != PURPOSE_PRODUCTION)
			continue;
		for (const struct m_stage *s = m_stage_named(df, c->nships ? c->ships[i].target
									   : NULL);
		     s && !ships[s - df->stages]; s = s->base_stage)
			ships[s - df->stages] = true;
	}
	return ships;
}

size_t rules_check_dockerfile(struct report *r, const struct m_dockerfile *df,
			    const struct config *config, const struct df_ship *ships,
			    size_t nships)
{
	static const struct df_ship last = { 0 };
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .df = df };
	const struct m_stage **done;
	struct entry_set entry;
	size_t ndone = 0, from, nlocal = 0;
	const char **local;

	for (size_t i = 0; i < nships; i++)
		nlocal += ships[i].nlocal_images;
	local = arena_alloc(r->a, (nlocal + 1) * sizeof(*local));
	for (size_t i = 0; i < nships; i++) {
		/* the services of a project, the builds of the evidence: in a
		 * row, sharing one list, which is added once */
		if (i && ships[i - 1].local_images == ships[i].local_images)
			continue;
		for (size_t k = 0; k < ships[i].nlocal_images; k++)
			local[c.nlocal_images++] = ships[i].local_images[k];
	}
	c.local_images = local;
	if (!nships) {
		ships = &last;
		nships = 1;
	}
	c.ships = ships;
	c.nships = nships;
	run_checks(&c, FN_DOCKERFILE, SPEC_NKINDS);
	if (!df->nstages)
		return 0;
	done = arena_alloc(r->a, nships * sizeof(*done));
	from = r->nfindings;
	for (size_t i = 0; i < nships; i++) {
		const struct df_ship *sh = &ships[i];
		const struct m_stage *st = m_stage_named(df, sh->target);
		struct strbuf by = STRBUF_INIT;
		const char *built_by;
		enum purpose purpose;
		size_t seen = 0, nby = 0, first;

		if (!st) {
			report_note(r, df->path, "%s builds target \"%s\", which is no stage of "
				    "this Dockerfile", sh->by ? sh->by : "a build", sh->target);
			continue;
		}
		for (size_t k = 0; k < ndone; k++)
			seen += done[k] == st;
		if (seen)
			continue;
		done[ndone++] = st;
		/* Everything that ships this stage, named once in its label. */
		purpose = sh->purpose;
		for (size_t k = i + 1; k < nships; k++)
			if (m_stage_named(df, ships[k].target) == st &&
			    ships[k].purpose == PURPOSE_PRODUCTION)
				purpose = PURPOSE_PRODUCTION;
		for (size_t k = i; k < nships; k++) {
			const struct df_ship *o = &ships[k];
			bool named = false;

			if (m_stage_named(df, o->target) != st || !o->target || !o->by)
				continue;
			/* Two projects (a base and a variant) name one service. */
			for (size_t h = i; h < k && !named; h++)
				named = ships[h].by && m_stage_named(df, ships[h].target) == st &&
					ships[h].target && !strcmp(ships[h].by, o->by);
			if (!named && nby++ < 2)
				strbuf_addf(&by, "%s%s", by.len ? ", " : "", o->by);
		}
		if (nby > 2)
			strbuf_addf(&by, " and %zu more", nby - 2);
		if (purpose == PURPOSE_PRODUCTION)
			purpose = stage_purpose(st);
		/* Who builds it goes in via: messages stay short. */
		if (!by.len && st->is_final)
			c.stage_label = "the final stage";
		else if (st->name)
			c.stage_label = arena_printf(r->a, "stage %s", st->name);
		else
			c.stage_label = arena_printf(r->a, "stage %zu", st->index);
		built_by = by.len ? arena_printf(r->a, "built by %s", by.buf) : NULL;
		strbuf_release(&by);
		c.stage = st;
		m_entry_follow(r->a, df, st, &entry);
		for (size_t k = 0; k < entry.nnotes; k++) {
			const struct entry_note *n = &entry.notes[k];

			report_note(r, n->line ? arena_printf(r->a, "%s:%u", n->file, n->line) :
				    n->file, "%s", n->message);
		}
		c.entry = &entry;
		first = r->nfindings;
		run_checks(&c, FN_STAGE, SPEC_NKINDS);
		c.entry = NULL;
		for (size_t k = first; k < r->nfindings; k++) {
			struct finding *f = &r->findings[k];

			f->stage = (unsigned)st->index + 1;
			f->purpose = purpose;
			if (built_by && f->file && !strcmp(f->file, df->path))
				f->via = built_by;
		}
	}
	drop_repeats(r, from);
	return ndone;
}

struct finding *rule_report_script(struct rule_ctx *c, const struct entry_script *sc, size_t off,
				   const char *fmt, ...)
{
	char msg[2048];
	struct finding *f;
	unsigned line, col;
	va_list ap;

	entry_script_pos(sc, off, &line, &col);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (sc->in_image) {	/* a file of the image, named as the image layer names them */
		f = rule_report_pos(c, &(struct y_pos){ NULL, 0, 0 }, "%s:%u: %s", sc->display,
				    line, msg);
		f->via = arena_strdup(c->a, sc->how);
		return f;
	}
	f = rule_report_pos(c, &(struct y_pos){ sc->display, line, col }, "%s", msg);
	f->via = arena_strdup(c->a, sc->how);
	f->in_script = true;
	return f;
}

struct finding *rule_report_pos(struct rule_ctx *c, const struct y_pos *pos, const char *fmt, ...)
{
	const char *file = pos->file ? arena_strdup(c->a, pos->file) : NULL;
	struct finding *f;
	va_list ap;

	va_start(ap, fmt);
	f = vreport(c, file, pos->line, pos->col, pos->line, pos->col, fmt, ap);
	va_end(ap);
	return f;
}

/* The name of the service a finding's message starts with ("service db
 * sets..."), and the rest of the message after it; NULL when it names none. */
static const char *service_subject(const char *msg, size_t *len)
{
	const char *sp;

	if (strncmp(msg, "service ", 8) || !(sp = strchr(msg + 8, ' ')))
		return NULL;
	*len = (size_t)(sp - msg - 8);
	return msg + 8;
}

/* Services that share a value through a YAML anchor or a merge key get the
 * same finding at the anchor's line, once per service: said once, naming
 * the other services in via. */
static void merge_shared(struct report *r, size_t from)
{
	size_t n = r->nfindings - from, out = from;
	struct strbuf *also = arena_alloc(r->a, (n + 1) * sizeof(*also));

	for (size_t k = from; k < r->nfindings; k++) {
		struct finding *f = &r->findings[k];
		size_t len, jlen;
		const char *name = f->file ? service_subject(f->message, &len) : NULL;
		size_t j = from;

		for (; name && j < out; j++) {
			const struct finding *g = &r->findings[j];
			const char *gname;

			if (g->rule == f->rule && g->line == f->line && g->col == f->col &&
			    g->file && !strcmp(g->file, f->file) &&
			    (gname = service_subject(g->message, &jlen)) &&
			    !strcmp(gname + jlen, name + len))
				break;
		}
		if (!name || j == out) {
			strbuf_init(&also[out - from]);
			r->findings[out++] = *f;
			continue;
		}
		strbuf_addf(&also[j - from], "%s%.*s", also[j - from].len ? ", " : "", (int)len,
			    name);
	}
	for (size_t j = from; j < out; j++) {
		struct strbuf *sb = &also[j - from];
		struct finding *g = &r->findings[j];

		if (sb->len)
			g->via = arena_printf(r->a, "%s%salso service%s %s", g->via ? g->via : "",
					      g->via ? "; " : "", strchr(sb->buf, ',') ? "s" : "",
					      sb->buf);
		strbuf_release(sb);
	}
	r->nfindings = out;
}

void rules_check_compose(struct report *r, const struct c_project *p,
			 const struct m_dockerfile *const *service_df,
			 const struct config *config)
{
	struct arena *a = r->a;
	struct spec *specs = arena_alloc(a, (p->nservices + 1) * sizeof(*specs));
	const struct spec **v = arena_alloc(a, (p->nservices + 1) * sizeof(*v));
	struct rule_ctx c = { .report = r, .a = a, .config = config, .project = p,
			      .service_df = service_df, .specs = v, .nspecs = p->nservices };

	for (size_t i = 0; i < p->nservices; i++) {
		compose_lower(a, p, i, service_df ? service_df[i] : NULL, &specs[i]);
		v[i] = &specs[i];
	}
	size_t first = r->nfindings;

	run_checks(&c, FN_COMPOSE, SPEC_SERVICE);
	merge_shared(r, first);
}

void rules_check_scripts(struct report *r, const struct script_set *scripts,
			 const struct config *config)
{
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .scripts = scripts };

	run_checks(&c, FN_SCRIPTS, SPEC_NKINDS);
}

void rules_check_image(struct report *r, const struct image *img, const struct config *config)
{
	struct spec *sp = arena_alloc(r->a, sizeof(*sp));
	const struct spec **v = arena_alloc(r->a, sizeof(*v));
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .image = img, .specs = v,
			      .nspecs = 1, .entry = &img->entry };

	image_lower(r->a, img, sp);
	v[0] = sp;
	run_checks(&c, FN_IMAGE, SPEC_IMAGE);
}

void rules_check_live(struct report *r, const struct live_container *ct,
		      const struct config *config)
{
	struct spec *sp = arena_alloc(r->a, sizeof(*sp));
	const struct spec **v = arena_alloc(r->a, sizeof(*v));
	struct rule_ctx c = { .report = r, .a = r->a, .config = config, .container = ct, .specs = v,
			      .nspecs = 1 };

	live_lower(r->a, ct, sp);
	v[0] = sp;
	run_checks(&c, FN_LIVE, SPEC_CONTAINER);
}
