/* A secret in the environment a container starts with: SW0053 (compose,
 * written in the compose file), SW0571 (image config). What a secret is
 * comes from spec/secret.h, for every layer alike. */
#include "checks/runtime/runtime.h"
#include "spec/secret.h"

/* A secret's name with a value that is one: not a path, a switch or a
 * reference. */
static bool named_secret(const struct sp_kv *kv)
{
	const char *v = kv->value;

	return var_name_is_secret(kv->key) && v[0] != '/' && v[0] != '$' && !text_is_switch(v);
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

static void check(struct rule_ctx *c)
{
	for (size_t i = 0; i < c->nspecs; i++) {
		const struct spec *s = c->specs[i];

		for (size_t k = 0; k < s->nenv; k++) {
			const struct sp_kv *kv = &s->env[k];
			const char *what = secret_in(kv);

			/* A value interpolated from .env or the shell keeps the
			 * secret out of the compose file: only literals count,
			 * and the defaults written in it (${ADMIN_PASSWORD:-admin}). */
			if (s->kind == SPEC_SERVICE && !kv->literal && kv->dflt) {
				struct sp_kv d = *kv;

				d.value = kv->dflt;
				if ((what = secret_in(&d)))
					sp_report(c, s, &kv->at, "defaults %s to %s written in the "
						  "compose file, used whenever the variable is unset",
						  kv->key, what);
				continue;
			}
			if (!what || !kv->literal)
				continue;
			if (s->kind == SPEC_SERVICE)
				sp_report(c, s, &kv->at, "sets %s to %s written in the compose file: it "
					  "is committed with the file and shown by docker inspect",
					  kv->key, what)->any_purpose = text_known_token(kv->value) != NULL;
			else if (named_secret(kv))
				sp_report(c, s, &kv->at, "the config's Env holds the secret %s: anyone "
					  "who can pull the image can read it with docker inspect",
					  kv->key);
			else
				sp_report(c, s, &kv->at, "the config's Env holds %s: anyone who can pull "
					  "the image can read it with docker inspect", what);
		}
	}
}

const struct check check_rt_env_secret = {
	.on = { [SPEC_SERVICE] = &SW0053, [SPEC_IMAGE] = &SW0571 },
	.spec = check,
};
