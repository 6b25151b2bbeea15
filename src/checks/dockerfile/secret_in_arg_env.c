/* SW0501: A secret is kept in ARG or ENV. */
#include "checks/check.h"

#include <ctype.h>
#include <string.h>

#include "checks/dockerfile/vars.h"
#include "util/str.h"


/* The ENV value as written (quotes kept), found by the name's position. */
static const char *env_raw_value(const struct m_instr *in, const struct m_var *v)
{
	const struct df_node *n = in->node;
	size_t i = (size_t)(v - in->vars) * 3;

	/* key, value, separator per pair, in the order of vars: the same
	 * index first, a scan only for the legacy ENV key value form */
	if (v >= in->vars && i + 1 < n->nargs && n->args[i].pos.line == v->pos.line &&
	    n->args[i].pos.col == v->pos.col)
		return n->args[i + 1].value;
	for (size_t k = 0; k + 1 < n->nargs; k += 3)
		if (n->args[k].pos.line == v->pos.line && n->args[k].pos.col == v->pos.col)
			return n->args[k + 1].value;
	return v->value;
}

static bool raw_is_empty(const char *raw)
{
	return !*raw || str_eq(raw, "\"\"") || str_eq(raw, "''");
}

/* A lowercase secret id derived from the variable name. */
static const char *secret_id(struct rule_ctx *c, const char *name)
{
	char *id = arena_strdup(c->a, name);

	for (char *p = id; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return id;
}

static void set_fix(struct rule_ctx *c, struct finding *f, const struct m_var *v)
{
	const char *id = secret_id(c, v->name);

	if (v->is_arg)
		f->fix = arena_printf(c->a,
				      "Remove ARG %s; mount the secret only where it is used: "
				      "RUN --mount=type=secret,id=%s,env=%s ..., built with "
				      "docker build --secret id=%s,src=<file>",
				      v->name, id, v->name, id);
	else
		f->fix = arena_printf(c->a,
				      "Remove ENV %s; give it to the container at run time "
				      "(docker run -e, a Compose or orchestrator secret), and for "
				      "the build use RUN --mount=type=secret,id=%s",
				      v->name, id);
}

/* A value that names no secret itself: a path (a credentials file,
 * /run/secrets/x), a switch, a placeholder, nothing. */
static bool no_secret_value(const char *value, const char *raw)
{
	return text_is_path(value) || raw[0] == '/' || text_is_switch(value) ||
	       text_is_placeholder(value) || raw_is_empty(raw);
}

/* The stage's name for messages: its AS name or its number. */
static const char *stage_name(struct rule_ctx *c, const struct m_stage *st)
{
	return st->name ? st->name : arena_printf(c->a, "%zu", st->index);
}

/* st is NULL for the global ARGs, throwaway when no shipped image
 * inherits what st sets. */
static void check_var(struct rule_ctx *c, const struct m_stage *st, bool throwaway,
		      const struct m_instr *in, const struct m_var *v)
{
	const char *kw = v->is_arg ? "ARG" : "ENV";
	unsigned end = v->pos.col + (unsigned)strlen(v->name);
	const char *tok = text_known_token(v->value);
	const char *kept = throwaway ? ", committed with the Dockerfile"
			   : v->is_arg ? ", kept in the Dockerfile and the image history"
			   : ", stored in the image config";
	struct finding *f;

	if (text_has_url_credentials(v->value)) {
		/* A real credential: committed with the Dockerfile, whatever
		 * stage holds it. */
		f = rule_report_at(c, v->pos, end, "%s %s holds a URL with a password in it "
				   "(user:password@host)%s", kw, v->name, kept);
	} else if (tok) {
		f = rule_report_at(c, v->pos, end, "%s %s holds what looks like %s%s", kw,
				   v->name, tok, kept);
		f->any_purpose = true;
	} else if (!var_name_is_secret(v->name)) {
		return;
	} else if (v->is_arg && !(v->has_value && *v->value)) {
		f = rule_report_at(c, v->pos, end,
				   "ARG %s is meant for a secret: a value passed with --build-arg "
				   "is recorded in the image history and build provenance", v->name);
		/* Provenance records it whatever the stage. */
		if (throwaway)
			f->severity = SEV_WARNING;
	} else if (no_secret_value(v->value, v->is_arg || !in ? v->value :
				   env_raw_value(in, v))) {	/* raw text: only for a secret's name */
		return;
	} else if (throwaway) {
		/* SECRET_KEY=build-key for collectstatic: a build-time stand-in. */
		f = rule_report_at(c, v->pos, end,
				   "%s %s sets a secret in build stage %s, which no shipped image "
				   "inherits: likely a build-time stand-in; keep real ones out",
				   kw, v->name, stage_name(c, st));
		f->severity = SEV_INFO;
	} else if (!v->is_arg) {
		f = rule_report_at(c, v->pos, end,
				   "ENV %s keeps a secret in the image config, readable with "
				   "docker inspect by anyone who can pull the image", v->name);
	} else {
		f = rule_report_at(c, v->pos, end,
				   "ARG %s has a secret default value: it is written in the "
				   "Dockerfile and recorded in the image history", v->name);
	}
	set_fix(c, f, v);
}

static void check(struct rule_ctx *c)
{
	const struct m_dockerfile *df = c->df;
	/* A builder stage no shipped image inherits: what it sets stays in
	 * the build (its cache and history are not pushed). */
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < df->nglobal; i++)
		check_var(c, NULL, false, NULL, &df->global_args[i]);
	for (size_t s = 0; s < df->nstages; s++) {
		const struct m_stage *st = &df->stages[s];

		for (size_t i = 0; i < st->ninstrs; i++) {
			const struct m_instr *in = &st->instrs[i];

			for (size_t k = 0; k < in->nvars; k++)
				check_var(c, st, !ships[s], in, &in->vars[k]);
		}
	}
}

const struct check check_secret_in_arg_env = {
	.rule = &SW0501,
	.dockerfile = check,
};
