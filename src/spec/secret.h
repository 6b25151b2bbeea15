/* Secrets, as every layer judges them (src/spec/secret.c). */
#ifndef SW_SPEC_SECRET_H
#define SW_SPEC_SECRET_H

#include <stdbool.h>

/* A variable name meant for a secret: PASSWORD, PASSWD, PASSPHRASE, TOKEN,
 * SECRET, APIKEY, CREDENTIAL(S) ending a '_'-separated part of the name
 * (PGPASSWORD, NPM_TOKEN), PASS ending its last part (DB_PASS, DBPASS), a
 * last part PSW (Jenkins's CREDS_PSW), or API_KEY, PRIVATE_KEY,
 * ACCESS_KEY, ACCESS_KEY_ID; case-insensitive. Not when the name ends in a part naming something else
 * (_FILE, _PATH, _URL, _ENDPOINT, _ID...): TOKENIZERS_PARALLELISM,
 * PASSWORD_FILE, BYPASS_CACHE are not secrets; nor a PUBLIC one
 * (PUBLIC_TOKEN, NEXT_PUBLIC_API_KEY: meant to be published). */
bool var_name_is_secret(const char *name);
/* A long option (without the leading "--") that takes a secret value:
 * --password, --http-password, --token, --auth-token, --api-key,
 * --client-secret, --secret-key. Not --password-stdin, --token-file,
 * --no-password, --with-token (flags or file options). */
bool opt_name_is_secret(const char *opt);
/* s holds scheme://user:password@host with a literal password (not a
 * $variable, nor a <placeholder> or {{template}}). */
bool text_has_url_credentials(const char *s);
/* What s holds in a well-known token format ("a GitHub token" for
 * ghp_..., glpat-..., npm_..., AKIA..., xoxb-...), or NULL. */
const char *text_known_token(const char *s);
/* A value that says it is no real secret: dummy, fake, placeholder,
 * example, xxxx, redacted (case-insensitive, anywhere in it), changeme,
 * change-this, replace_with (at its start), the name of what goes there
 * (secret, password, token), a digit run (123456, 0000), an upper-case name with underscores
 * (CHANGE_ME, STRONG_DB_PASSWORD), no value at all (~, null, nil, none),
 * or one that turns a feature off (invalid, disabled). */
bool text_is_placeholder(const char *s);

/* A path, not a secret: absolute or relative (/run/secrets/x, ./key.json,
 * ~/creds), or a file name with a file's extension (key.json, tls.pem). */
bool text_is_path(const char *s);

/* yes/no/true/false/on/off/0/1: a switch (ALLOW_EMPTY_PASSWORD=yes), not a
 * secret. */
bool text_is_switch(const char *v);

#endif
