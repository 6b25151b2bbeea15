/* A secret in the environment a container starts with: SW0053 (compose,
 * written in the compose file), SW0571 (image config). What a secret is
 * comes from spec/secret.h, for every layer alike. */
#include "checks/runtime/runtime.h"
#include "lexicon/lexicon.h"
#include "spec/image_ref.h"
#include "spec/port.h"
#include "spec/secret.h"

#include <ctype.h>
#include <string.h>

/* A secret's name with a value that is one: not a path, a switch or a
 * reference. */
static bool named_secret(const struct sp_kv *kv)
{
	const char *v = kv->value;

	return var_name_is_secret(kv->key) && !text_is_path(v) && v[0] != '$' && !text_is_switch(v);
}

/* What the variable holds, for the message: a token in a known format, a
 * URL with a password, a literal secret; NULL when it is none of them. */
static const char *secret_in(const struct sp_kv *kv)
{
	const char *v = kv->value, *tok;

	if (!kv->key || !v || !*v || text_is_placeholder(v))
		return NULL;
	if ((tok = text_known_token(v)))
		return tok;
	if (text_has_url_credentials(v))
		return "a URL with a password";
	return named_secret(kv) ? "a literal secret" : NULL;
}

/* One secret value of a compose file, said once: the database's
 * POSTGRES_PASSWORD and its client's DB_PASSWORD are one thing to fix. */
struct said {
	const char *file, *value, *key;
	unsigned line;
	size_t f;	/* 1 + its index in the report's findings */
};

/* Whether value was reported in file already: then that finding names this
 * place too (in via), and true. */
static bool said_before(struct rule_ctx *c, const struct said *v, size_t n,
			const struct spec *s, const struct sp_kv *kv, const char *value)
{
	for (size_t i = 0; i < n; i++) {
		struct finding *f;

		if (!v[i].f || !kv->at.file || strcmp(v[i].value, value) ||
		    strcmp(v[i].file, kv->at.file))
			continue;
		/* One anchor shared by services: rules_check_compose says it once. */
		if (!strcmp(v[i].key, kv->key) && v[i].line == kv->at.line)
			return false;
		f = &c->report->findings[v[i].f - 1];
		f->via = arena_printf(c->a, "%s%salso %s of service %s (line %u)",
				      f->via ? f->via : "", f->via ? "; " : "", kv->key, s->name,
				      kv->at.line);
		return true;
	}
	return false;
}

/* Remembers that f (just reported) said value. */
static void said_now(struct rule_ctx *c, struct said **v, size_t *n, size_t *cap,
		     const struct sp_kv *kv, const char *value, const struct finding *f)
{
	if (kv->at.file)
		*ARENA_PUSH(c->a, *v, *n, *cap) = (struct said){
			kv->at.file, value, kv->key, kv->at.line,
			(size_t)(f - c->report->findings) + 1 };
}

/* Whether a service takes connections from outside the host: it
 * publishes a port other than on loopback, or uses the host's network. */
static bool published(const struct spec *s)
{
	for (size_t i = 0; i < s->nports; i++)
		if (!port_on_loopback(&s->ports[i]))
			return true;
	return s->network_mode.s && !strcmp(s->network_mode.s, "host");
}

/* Whether a word of the variable's name (split on _) names a database:
 * POSTGRES_PASSWORD, MARIADB_ROOT_PASSWORD, DB_PASS. */
static bool names_database(struct arena *a, const char *key)
{
	for (const char *p = key; *p;) {
		size_t n = strcspn(p, "_");
		char *w = arena_printf(a, "%.*s", (int)n, p);

		for (char *q = w; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		if (!strcmp(w, "db") || !strcmp(w, "database") || database_of_image(w))
			return true;
		p += n;
		p += strspn(p, "_");
	}
	return false;
}

/* Whether what the secret guards can be reached from outside the stack:
 * a database's password guards the project's databases (one outside the
 * stack may be reachable from anywhere), any other secret the service
 * that holds it. */
static bool reachable(struct rule_ctx *c, const struct spec *s, const char *key)
{
	bool dbs = false;

	if (!names_database(c->a, key))
		return published(s);
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *o = c->specs[i];

		if (!o->image.s || !database_of_image(image_ref_repo(c->a, o->image.s)))
			continue;
		dbs = true;
		if (published(o))
			return true;
	}
	/* A database outside the stack: who can reach it is not known. */
	return !dbs;
}

static void check(struct rule_ctx *c)
{
	struct said *said = NULL;
	size_t nsaid = 0, capsaid = 0;

	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->nenv; k++) {
			const struct sp_kv *kv = &s->env[k];
			const char *what = secret_in(kv);
			struct finding *f;

			/* A value interpolated from .env or the shell keeps the
			 * secret out of the compose file: only literals count,
			 * and the defaults written in it (${ADMIN_PASSWORD:-admin}). */
			if (s->kind == SPEC_SERVICE && !kv->literal && kv->dflt) {
				struct sp_kv d = *kv;

				/* Only the stack's own network reaches the service
				 * (a database behind its app): the fallback guards
				 * nothing from outside. One that is published, or
				 * on the host's network, is reachable with it. */
				if (!reachable(c, s, kv->key))
					continue;
				d.value = kv->dflt;
				if (!(what = secret_in(&d)) ||
				    said_before(c, said, nsaid, s, kv, kv->dflt))
					continue;
				f = sp_report(c, s, &kv->at, "defaults %s to %s written in the "
					      "compose file, used whenever the variable is unset",
					      kv->key, what);
				said_now(c, &said, &nsaid, &capsaid, kv, kv->dflt, f);
				continue;
			}
			if (!what || !kv->literal)
				continue;
			if (s->kind == SPEC_SERVICE) {
				/* A sample password between a database and its app
				 * on the stack's own network. Other secrets (an API
				 * key works from anywhere) are reported. */
				if (!text_known_token(kv->value) && names_database(c->a, kv->key) &&
				    !reachable(c, s, kv->key))
					continue;
				if (said_before(c, said, nsaid, s, kv, kv->value))
					continue;
				if (kv->env_file) {
					f = sp_report(c, s, &kv->at, "takes %s from its env_file, which "
						      "holds %s committed with the repository",
						      kv->key, what);
					f->fix = "Keep the env file out of the repository (ignore it and "
						 "commit an example with placeholders), or use secrets:";
				} else {
					f = sp_report(c, s, &kv->at, "sets %s to %s written in the compose "
						      "file: it is committed with the file and shown by "
						      "docker inspect", kv->key, what);
				}
				f->any_purpose = text_known_token(kv->value) != NULL;
				said_now(c, &said, &nsaid, &capsaid, kv, kv->value, f);
			} else if (named_secret(kv)) {
				sp_report(c, s, &kv->at, "the config's Env holds the secret %s: anyone "
					  "who can pull the image can read it with docker inspect",
					  kv->key);
			} else {
				sp_report(c, s, &kv->at, "the config's Env holds %s: anyone who can pull "
					  "the image can read it with docker inspect", what);
			}
		}
	}
}

const struct check check_rt_env_secret = {
	.on = { [SPEC_SERVICE] = &SW0053, [SPEC_IMAGE] = &SW0571 },
	.spec = check,
};
