#include "checks/dockerfile/vars.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "input/shell/shell.h"
#include "util/str.h"
#include "lexicon/lexicon.h"

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
	if (!ps.n || (ps.n > 1 && part_in(&ps, ps.n - 1, about)))
		return false;
	return has_secret_part(&ps, 0, ps.n);
}

bool opt_name_is_secret(const char *opt)
{
	/* First parts of flags that take no value: --no-password, --with-token. */
	static const char *const flags[] = {
		"NO", "SKIP", "WITH", "ASK", "PROMPT", "USE", "RANDOM", "GENERATE", "EMPTY", NULL
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

bool var_is_platform_arg(const char *name)
{
	static const char *const names[] = {
		"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
		"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", NULL
	};

	for (size_t i = 0; names[i]; i++)
		if (str_eq(names[i], name))
			return true;
	return false;
}

bool var_is_proxy_arg(const char *name)
{
	static const char *const names[] = {
		"HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY", NULL
	};

	/* Predefined in both cases: HTTP_PROXY and http_proxy. */
	for (size_t i = 0; names[i]; i++)
		if (!strcasecmp(names[i], name))
			return true;
	return false;
}

bool var_set_by_base_image(struct arena *a, const struct m_stage *s, const char *name)
{
	const char *repo, *base;
	size_t bl;

	if (m_stage_from_scratch(s))
		return false;
	repo = m_image_repo(a, m_stage_root_image(s));
	base = strrchr(repo, '/');
	base = base ? base + 1 : repo;
	bl = strlen(base);
	if (!bl || strlen(name) != bl + 8 || strcmp(name + bl, "_VERSION"))
		return false;
	for (size_t i = 0; i < bl; i++) {
		char c = base[i] == '-' ? '_' : (char)toupper((unsigned char)base[i]);

		if (name[i] != c)
			return false;
	}
	return true;
}

/* NAME or NAME=... */
static bool word_names(const char *w, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(w, name, n) && (w[n] == '\0' || w[n] == '=' ||
					 (w[n] == '+' && w[n + 1] == '='));
}

bool instr_sets_shell_var(const struct m_instr *in, const char *name)
{
	for (size_t i = 0; i < in->sh.ncmds; i++) {
		const struct sh_cmd *c = &in->sh.cmds[i];
		const char *cmd = sh_cmd_name(c);

		/* A bare NAME=value; prefixes of a command only set its env. */
		if (!c->argc)
			for (size_t k = 0; k < c->nassigns; k++)
				if (word_names(c->assigns[k].text, name))
					return true;
		if (strcmp(cmd, "export") && strcmp(cmd, "declare") && strcmp(cmd, "typeset") &&
		    strcmp(cmd, "local") && strcmp(cmd, "readonly") && strcmp(cmd, "read"))
			continue;
		for (size_t k = 1; k < c->argc; k++)
			if (word_names(c->argv[k].text, name) &&
			    (strcmp(cmd, "export") || strchr(c->argv[k].text, '=')))
				return true;
	}
	return false;
}

const struct m_var *global_arg(const struct m_dockerfile *df, const char *name)
{
	for (size_t i = df->nglobal; i-- > 0;)
		if (str_eq(df->global_args[i].name, name))
			return &df->global_args[i];
	return NULL;
}

static bool is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* 1: every $name in s is ${name<op>...}; 0: none in s; -1: a bare one. */
static int guarded_in(const char *s, const char *name)
{
	size_t nl = strlen(name);
	int found = 0;

	for (const char *p = strchr(s, '$'); p; p = strchr(p + 1, '$')) {
		if (p[1] == '{' && !strncmp(p + 2, name, nl) && !is_name_char(p[2 + nl])) {
			if (!strchr(":-+?", p[2 + nl]) || !p[2 + nl])
				return -1;
			found = 1;
		} else if (!strncmp(p + 1, name, nl) && !is_name_char(p[1 + nl])) {
			return -1;
		}
	}
	return found;
}

bool instr_ref_is_guarded(const struct m_instr *in, const char *name)
{
	const struct df_node *n = in->node;
	bool found = false;

	for (size_t i = 0; i < n->nargs + n->nflags; i++) {
		const char *s = i < n->nargs ? n->args[i].value : n->flags[i - n->nargs].value;
		int g = guarded_in(s, name);

		if (g < 0)
			return false;
		found |= g > 0;
	}
	return found;
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
