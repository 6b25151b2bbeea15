/* Secrets: variable and option names meant for one, and values that are
 * one (a token in a known format, a URL with a password) or plainly are
 * not (placeholders, switches). Shared by the ARG/ENV, compose and image
 * checks, so that every layer calls the same value a secret. */
#include "spec/secret.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "lexicon/lexicon.h"
#include "util/str.h"

/* A name split into parts on '_', '-' and '.' (at most MAX_PARTS). */
#define MAX_PARTS 16

struct parts {
	const char *p[MAX_PARTS];
	size_t len[MAX_PARTS];
	size_t n;
};

static void split(const char *s, struct parts *out)
{
	out->n = 0;
	while (*s && out->n < MAX_PARTS) {
		size_t l = strcspn(s, "_-.");

		if (l) {
			out->p[out->n] = s;
			out->len[out->n++] = l;
		}
		s += l;
		if (*s)
			s++;
	}
}

static bool part_is(const struct parts *ps, size_t i, const char *w)
{
	/* The first letter, case-folded, settles most before any call. */
	return (ps->p[i][0] | 0x20) == (w[0] | 0x20) && ps->len[i] == strlen(w) &&
	       !strncasecmp(ps->p[i], w, ps->len[i]);
}

/* The part ends with w (PGPASSWORD, AUTHTOKEN), or is its plural (TOKENS). */
static bool part_ends_with(const struct parts *ps, size_t i, const char *w, size_t wl)
{
	size_t l = ps->len[i];

	if (l >= wl && !strncasecmp(ps->p[i] + l - wl, w, wl))
		return true;
	return l == wl + 1 && !strncasecmp(ps->p[i], w, wl) && toupper((unsigned char)ps->p[i][wl]) == 'S';
}

static bool part_in(const struct parts *ps, size_t i, const char *const *list)
{
	for (; *list; list++)
		if (part_is(ps, i, *list))
			return true;
	return false;
}

static bool has_secret_part(const struct parts *ps, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		for (const char *const *w = lex_secret_words.words; *w; w++)
			if (part_ends_with(ps, i, *w, strlen(*w)))
				return true;
		/* API_KEY, PRIVATE_KEY, ACCESS_KEY (also ..._KEYS) */
		if (i + 1 < to && (part_is(ps, i, "API") || part_is(ps, i, "PRIVATE") ||
				   part_is(ps, i, "ACCESS")) &&
		    (part_is(ps, i + 1, "KEY") || part_is(ps, i + 1, "KEYS")))
			return true;
	}
	return false;
}

/* PASS (DB_PASS, mailcow's DBPASS) and Jenkins's PSW (CREDS_PSW), whole
 * or ending the part; not the words that end in PASS. For the last part
 * only: PASS_SCHEME, PASS_THROUGH name no secret. */
static bool pass_part(const struct parts *ps, size_t i)
{
	static const char *const words[] = {
		"BYPASS", "COMPASS", "SURPASS", "OVERPASS", "UNDERPASS", "TRESPASS", "ENCOMPASS",
		NULL
	};

	if (part_is(ps, i, "PSW"))
		return true;
	return ps->len[i] >= 4 && !strncasecmp(ps->p[i] + ps->len[i] - 4, "PASS", 4) &&
	       !part_in(ps, i, words);
}

bool var_name_is_secret(const char *name)
{
	/* Last parts that make the variable about the secret, not the secret. */
	static const char *const about[] = {
		"FILE", "FILES", "PATH", "DIR", "URL", "URI", "ENDPOINT", "HOST", "PORT",
		"NAME", "USER", "USERNAME", "ID", "TYPE", "LENGTH", "TTL", "TIMEOUT",
		"HEADER", "ENABLED", NULL
	};
	struct parts ps;

	split(name, &ps);
	if (!ps.n)
		return false;
	/* Meant to be published: PUBLIC_TOKEN, NEXT_PUBLIC_API_KEY. */
	for (size_t i = 0; i < ps.n; i++)
		if (part_is(&ps, i, "PUBLIC"))
			return false;
	/* AWS_ACCESS_KEY_ID: half of a credential pair, kept as secret as
	 * the other half. */
	if (ps.n >= 3 && part_is(&ps, ps.n - 3, "ACCESS") && part_is(&ps, ps.n - 2, "KEY") &&
	    part_is(&ps, ps.n - 1, "ID"))
		return true;
	if (ps.n > 1 && part_in(&ps, ps.n - 1, about))
		return false;
	if (pass_part(&ps, ps.n - 1))
		return true;
	return has_secret_part(&ps, 0, ps.n);
}

bool opt_name_is_secret(const char *opt)
{
	/* First parts of flags that take no value: --no-password, --with-token. */
	static const char *const flags[] = {
		"NO", "SKIP", "WITH", "ASK", "PROMPT", "USE", "RANDOM", "GENERATE", "EMPTY",
		"DISABLED", "DISABLE", "LOCK", "LOCKED", NULL
	};
	char buf[64];
	size_t l = strcspn(opt, "=");
	struct parts ps;

	if (!l || l >= sizeof(buf))
		return false;
	memcpy(buf, opt, l);
	buf[l] = '\0';
	split(buf, &ps);
	if (!ps.n || ps.n > 3 || part_in(&ps, 0, flags))
		return false;
	/* The option must end with the secret: --token, not --token-file. */
	if (ps.n >= 2 && ((part_is(&ps, ps.n - 2, "API") || part_is(&ps, ps.n - 2, "SECRET") ||
			   part_is(&ps, ps.n - 2, "ACCESS")) &&
			  part_is(&ps, ps.n - 1, "KEY")))
		return true;
	if (ps.n >= 2 && part_is(&ps, ps.n - 2, "CLIENT") && part_is(&ps, ps.n - 1, "SECRET"))
		return true;
	return part_is(&ps, ps.n - 1, "PASSWORD") || part_is(&ps, ps.n - 1, "PASSWD") ||
	       part_is(&ps, ps.n - 1, "PASSPHRASE") || part_is(&ps, ps.n - 1, "TOKEN") ||
	       part_is(&ps, ps.n - 1, "APIKEY");
}

/* text_is_placeholder() of s[0..n) (the first 127 bytes of it). */
static bool placeholder_n(const char *s, size_t n)
{
	char buf[128];

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return text_is_placeholder(buf);
}

bool text_has_url_credentials(const char *s)
{
	for (const char *p = strstr(s, "://"); p; p = strstr(p + 3, "://")) {
		const char *sc = p, *auth = p + 3, *end, *at = NULL, *colon;

		/* scheme: a letter, then letters, digits, + - . */
		while (sc > s && (isalnum((unsigned char)sc[-1]) || strchr("+-.", sc[-1])))
			sc--;
		if (sc == p || !isalpha((unsigned char)*sc))
			continue;
		end = auth + strcspn(auth, "/?# \t\n\"'");
		for (const char *c = auth; c < end; c++)
			if (*c == '@')
				at = c;
		if (!at)
			continue;
		colon = memchr(auth, ':', (size_t)(at - auth));
		if (!colon || colon + 1 == at)
			continue;
		/* $VAR, <password>, {{ .Pass }}, %s and dummy are not literal secrets. */
		if (memchr(colon + 1, '$', (size_t)(at - colon - 1)) || strchr("<{%*", colon[1]))
			continue;
		if (placeholder_n(colon + 1, (size_t)(at - colon - 1)))
			continue;
		return true;
	}
	return false;
}

static size_t span_of(const char *s, const char *set, bool alnum)
{
	size_t n = 0;

	while (s[n] && ((alnum && isalnum((unsigned char)s[n])) || (set && strchr(set, s[n]))))
		n++;
	return n;
}

static size_t span_upper_digit(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9'))
		n++;
	return n;
}

const char *text_known_token(const char *s)
{
	static const struct {
		const char *prefix, *set, *what;
		size_t min;
		bool alnum, upper;
	} fmts[] = {
		{ "ghp_", NULL, "a GitHub token", 36, true, false },
		{ "gho_", NULL, "a GitHub token", 36, true, false },
		{ "ghu_", NULL, "a GitHub token", 36, true, false },
		{ "ghs_", NULL, "a GitHub token", 36, true, false },
		{ "ghr_", NULL, "a GitHub token", 36, true, false },
		{ "github_pat_", "_", "a GitHub token", 22, true, false },
		{ "glpat-", "_-", "a GitLab token", 20, true, false },
		{ "npm_", NULL, "an npm token", 36, true, false },
		{ "xoxb-", "-", "a Slack token", 10, true, false },
		{ "xoxp-", "-", "a Slack token", 10, true, false },
		{ "sk_live_", NULL, "a Stripe key", 16, true, false },
		{ "AKIA", NULL, "an AWS access key", 16, false, true },
		{ "ASIA", NULL, "an AWS access key", 16, false, true },
	};

	/* The shortest token ("xoxb-" and ten more) has 15 characters: most
	 * words are shorter, and this runs for every word of every RUN. */
	if (strnlen(s, 15) < 15)
		return NULL;
	/* Every prefix starts with one of these: strpbrk skips the rest
	 * cheaply (this loop sees every byte of every RUN). */
	for (const char *p = s; (p = strpbrk(p, "gnxsA")); p++) {
		/* Every prefix's second byte, for its first: most hits stop here. */
		switch (*p) {
		case 'g': if (p[1] != 'h' && p[1] != 'i' && p[1] != 'l') continue; break;
		case 'n': if (p[1] != 'p') continue; break;
		case 'x': if (p[1] != 'o') continue; break;
		case 's': if (p[1] != 'k') continue; break;
		default: if (p[1] != 'K' && p[1] != 'S') continue; break;
		}
		/* A token starts a word: not inside some longer name. */
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
			size_t pl, n;

			if (fmts[i].prefix[0] != *p || fmts[i].prefix[1] != p[1])
				continue;
			pl = strlen(fmts[i].prefix);
			if (strncmp(p, fmts[i].prefix, pl))
				continue;
			n = fmts[i].upper ? span_upper_digit(p + pl)
					  : span_of(p + pl, fmts[i].set, fmts[i].alnum);
			if (n < fmts[i].min)
				continue;
			/* AWS key ids are exactly 20 characters. */
			if (fmts[i].upper && n != fmts[i].min)
				continue;
			/* AKIAIOSFODNN7EXAMPLE is AWS's documented example. */
			if (placeholder_n(p, pl + n))
				continue;
			return fmts[i].what;
		}
	}
	return NULL;
}

/* A run of digits anyone would guess, the keyboard's 123456 or 000000: a
 * stand-in the deployment replaces, with nothing to reveal. */
static bool digit_run(const char *s)
{
	size_t n = strlen(s), same = 1, up = 1;

	if (n < 4 || !isdigit((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return false;
		same += s[i] == s[i - 1];
		up += s[i] == s[i - 1] + 1 || (s[i] == '0' && s[i - 1] == '9');
	}
	return same == n || (up == n && s[0] <= '1');
}

bool text_is_placeholder(const char *s)
{
	static const struct {
		const char *w;
		size_t n;
	} words[] = {
		{ "dummy", 5 }, { "fake", 4 }, { "placeholder", 11 }, { "example", 7 },
		{ "xxxx", 4 }, { "redacted", 8 },
	};
	/* Only as the start: "s3cr3t-change-me" is a secret someone typed. */
	static const char *const starts[] = { "changeme", "change_me", "change-me", "change-this",
					      "change_this", "replace_with", "replace-with",
					      "replaceme", NULL };
	/* The name of what goes there, as the value (APP_SECRET_TOKEN=secret,
	 * STRONG_DB_PASSWORD): a stand-in, not a secret. */
	static const char *const names[] = { "secret", "password", "passwd", "pass", "token",
					     NULL };
	size_t caps = 0, under = 0, len = strlen(s);

	/* What YAML and other languages write for no value, and the values
	 * that turn a feature off (mailcow's API_KEY=invalid). */
	if (!strcmp(s, "~") || !strcasecmp(s, "null") || !strcasecmp(s, "nil") ||
	    !strcasecmp(s, "none") || !strcasecmp(s, "invalid") || !strcasecmp(s, "disabled"))
		return true;
	for (size_t i = 0; names[i]; i++)
		if (!strcasecmp(s, names[i]))
			return true;
	if (digit_run(s))
		return true;
	for (size_t i = 0; starts[i]; i++)
		if (!strncasecmp(s, starts[i], strlen(starts[i])))
			return true;
	for (size_t i = 0; i < len; i++) {
		caps += isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i]);
		under += s[i] == '_';
	}
	if (len >= 6 && under && caps + under == len && isupper((unsigned char)s[0]))
		return true;
	/* One pass: only a word's first letter is worth a comparison. */
	for (; *s; s++) {
		int c = *s | 0x20;

		if (c != 'd' && c != 'f' && c != 'p' && c != 'e' && c != 'x' && c != 'r')
			continue;
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (words[i].w[0] == c && !strncasecmp(s, words[i].w, words[i].n))
				return true;
	}
	return false;
}

bool text_is_path(const char *s)
{
	static const char *const exts[] = { ".json", ".pem", ".key", ".crt", ".p12", ".pfx",
					    ".jks", ".txt", ".yaml", ".yml", ".conf", ".cfg",
					    ".ini", ".env", NULL };
	size_t n = strlen(s);

	if (*s == '/' || !strncmp(s, "./", 2) || !strncmp(s, "../", 3) || !strncmp(s, "~/", 2))
		return true;
	if (!n || strpbrk(s, " \t:@"))
		return false;
	for (size_t i = 0; exts[i]; i++) {
		size_t e = strlen(exts[i]);

		if (n > e && !strcasecmp(s + n - e, exts[i]))
			return true;
	}
	return false;
}

bool text_is_switch(const char *v)
{
	static const char *const words[] = {
		"yes", "no", "true", "false", "on", "off", "0", "1", NULL
	};

	for (size_t i = 0; words[i]; i++)
		if (!strcasecmp(words[i], v))
			return true;
	return false;
}
