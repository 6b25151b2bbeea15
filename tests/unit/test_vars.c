/* Predicates of src/rules/vars.c used by the ARG/ENV rules. */
#include "unit.h"

#include "checks/dockerfile/vars.h"

UNIT_TEST(vars_secret_names)
{
	static const char *const yes[] = {
		"NPM_TOKEN", "GITHUB_TOKEN", "token", "PGPASSWORD", "MYSQL_ROOT_PASSWORD",
		"DB_PASSWD", "SSH_PASSPHRASE", "SECRET_KEY", "SECRET_KEY_BASE", "CLIENT_SECRET",
		"OPENAI_API_KEY", "apiKey_value", "STRIPE_APIKEY", "SSH_PRIVATE_KEY",
		"AWS_SECRET_ACCESS_KEY", "MINIO_ACCESS_KEY", "DOCKER_CREDENTIALS", "NGROK_AUTHTOKEN",
		"API_TOKENS", "secrets", "AWS_ACCESS_KEY_ID", "PASS", "DB_PASS", "DBPASS",
		"CREDS_PSW", NULL
	};
	static const char *const no[] = {
		"TOKENIZERS_PARALLELISM", "PASSWORD_FILE", "TOKEN_URL", "TOKEN_ENDPOINT",
		"SECRETS_DIR", "PRIVATE_KEY_PATH", "PASSWORD_MIN_LENGTH", "DB_USER",
		"KEYCLOAK_VERSION", "API", "KEY", "ACCESS_LOG", "BYPASS_CACHE", "PUBLIC_TOKEN",
		"NEXT_PUBLIC_API_KEY", "DB_PASS_FILE", "MAILCOW_PASS_SCHEME", "", NULL
	};

	for (size_t i = 0; yes[i]; i++)
		if (!var_name_is_secret(yes[i]))
			unit_fail(__FILE__, __LINE__, "%s should be a secret name", yes[i]);
	for (size_t i = 0; no[i]; i++)
		if (var_name_is_secret(no[i]))
			unit_fail(__FILE__, __LINE__, "%s should not be a secret name", no[i]);
}

UNIT_TEST(vars_secret_options)
{
	CHECK(opt_name_is_secret("password"));
	CHECK(opt_name_is_secret("password=x"));
	CHECK(opt_name_is_secret("http-password"));
	CHECK(opt_name_is_secret("token"));
	CHECK(opt_name_is_secret("auth-token"));
	CHECK(opt_name_is_secret("api-key"));
	CHECK(opt_name_is_secret("apikey"));
	CHECK(opt_name_is_secret("client-secret"));
	CHECK(opt_name_is_secret("secret-key"));
	CHECK(!opt_name_is_secret("password-stdin"));
	CHECK(!opt_name_is_secret("token-file"));
	CHECK(!opt_name_is_secret("no-password"));
	CHECK(!opt_name_is_secret("with-token"));
	CHECK(!opt_name_is_secret("secret"));
	CHECK(!opt_name_is_secret("private-key"));
	CHECK(!opt_name_is_secret(""));
}

UNIT_TEST(vars_url_credentials)
{
	CHECK(text_has_url_credentials("https://user:tok@github.com/org/repo.git"));
	CHECK(text_has_url_credentials("git+https://ci:pw@gitlab.com/x.git"));
	CHECK(text_has_url_credentials("postgres://app:s3cret@db:5432/app"));
	CHECK(text_has_url_credentials("x=mongodb://u:p@h"));
	CHECK(!text_has_url_credentials("https://user@github.com/org/repo.git"));
	CHECK(!text_has_url_credentials("https://example.com/@scope/pkg:1.0"));
	CHECK(!text_has_url_credentials("https://oauth2:${TOKEN}@gitlab.com/x.git"));
	CHECK(!text_has_url_credentials("https://u:$TOKEN@h/"));
	CHECK(!text_has_url_credentials("https://u:<password>@h/"));
	CHECK(!text_has_url_credentials("https://u:{{ .Pass }}@h/"));
	CHECK(!text_has_url_credentials("https://u:dummy@h/"));
	CHECK(!text_has_url_credentials("https://u:@h/"));
	CHECK(!text_has_url_credentials("://u:p@h"));
	CHECK(!text_has_url_credentials("host:8080"));
}

UNIT_TEST(vars_known_tokens)
{
	CHECK_STR(text_known_token("ghp_0123456789abcdefghijklmnopqrstuvwxyz"), "a GitHub token");
	CHECK_STR(text_known_token("x=glpat-abcdefghij0123456789"), "a GitLab token");
	CHECK_STR(text_known_token("AKIAABCDEFGHIJKLMNOP"), "an AWS access key");
	CHECK(!text_known_token("AKIAIOSFODNN7EXAMPLE"));	/* AWS's documented example */
	CHECK(!text_known_token("ghp_short"));
	CHECK(!text_known_token("npm_config_cache=/tmp/npm"));
	CHECK(!text_known_token("xghp_0123456789abcdefghijklmnopqrstuvwxyz"));
	CHECK(!text_known_token(""));
}

UNIT_TEST(vars_predefined_args)
{
	CHECK(var_is_platform_arg("TARGETARCH"));
	CHECK(var_is_platform_arg("BUILDPLATFORM"));
	CHECK(!var_is_platform_arg("targetarch"));
	CHECK(var_is_proxy_arg("HTTP_PROXY"));
	CHECK(var_is_proxy_arg("no_proxy"));
	CHECK(!var_is_proxy_arg("PROXY"));
	CHECK(text_is_placeholder("dummyKeyWithMinimumLength"));
	CHECK(text_is_placeholder("FAKE_TO_GENERATE_WARNING_OUTPUT"));
	CHECK(!text_is_placeholder("hunter2"));
	/* stand-ins a maintainer writes for the user to replace */
	CHECK(text_is_placeholder("CHANGE_ME"));
	CHECK(text_is_placeholder("change-this-insecure-key"));
	CHECK(text_is_placeholder("REPLACE_WITH_LONG_SECRET"));
	CHECK(text_is_placeholder("STRONG_DB_PASSWORD"));
	CHECK(text_is_placeholder("secret"));
	CHECK(text_is_placeholder("Password"));
	CHECK(!text_is_placeholder("s3cr3t-Value"));
	CHECK(!text_is_placeholder("ABCD12"));	/* no underscore: may be real */
	CHECK(!text_is_placeholder("secret123"));
	CHECK(!text_is_placeholder("s3cr3t-change-me"));
	CHECK(!opt_name_is_secret("disabled-password"));
	CHECK(text_is_path("./app/key.json") && text_is_path("key.json") &&
	      text_is_path("/run/secrets/db") && !text_is_path("s3cr3t") &&
	      !text_is_path("http://x/a.json"));
	CHECK(opt_name_is_secret("password"));
}
