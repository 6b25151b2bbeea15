#include "config/config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "util/path.h"
#include "util/readfile.h"
#include "util/suggest.h"

void strlist_push(struct arena *a, struct strlist *l, const char *s)
{
	*ARENA_PUSH(a, l->v, l->n, l->cap) = s;
}

bool strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i][0] == s[0] && !strcmp(l->v[i], s))
			return true;
	return false;
}

/* Why a config file found in the search is not obeyed, or NULL: like git's
 * safe.directory, only a file of the user running seaworthy or of root
 * that nobody else may write, so a folder above a checkout (or a file
 * another user put in it) cannot silence the check. */
/* The purpose a top-level key names (production:, test: ...), or -1. */
static int purpose_key(const char *key)
{
	for (int k = 0; k < PURPOSE_N; k++)
		if (!strcmp(key, purpose_name((enum purpose)k)))
			return k;
	return -1;
}

static const char *untrusted(struct arena *a, const struct stat *st)
{
	if (st->st_uid != geteuid() && st->st_uid != 0)
		return arena_printf(a, "owned by uid %lu, neither you (uid %lu) nor root",
				    (unsigned long)st->st_uid, (unsigned long)geteuid());
	if (st->st_mode & (S_IWGRP | S_IWOTH))
		return arena_printf(a, "writable by %s (mode %04o)",
				    st->st_mode & S_IWOTH ? "others" : "its group",
				    (unsigned)(st->st_mode & 07777));
	return NULL;
}

/* What a folder holds that the search looks for, when the run's walk read it. */
enum {
	HOLDS_SW = 1,		/* .seaworthy.yaml, then .seaworthy.yml (<< 1) */
	HOLDS_HL = 4,		/* .hadolint.yaml, then .hadolint.yml (<< 1) */
	HOLDS_GIT = 16,
};

/* A folder looked at: the nearest files in it or above it (display paths,
 * or NULL), so that each folder is looked at once however many inputs it
 * holds, and the settings its inputs get. */
struct config_dir {
	const char *dir;	/* absolute and clean; NULL for an empty slot */
	bool listed, done;	/* holds is known; sw and hl are */
	unsigned holds;
	const char *sw, *hl;	/* .seaworthy.yaml, .hadolint.yaml */
	const struct config *cfg;
};

/* The first of the two names in dir that may be obeyed (display path), or
 * NULL; one that may not is said in a note. bit: the first's HOLDS_. */
static const char *own_file(struct config_set *s, const struct config_dir *d,
			    const char *const *names, unsigned bit, const char *what)
{
	const char *base = strcmp(d->dir, "/") ? d->dir : "";

	for (size_t i = 0; i < 2; i++) {
		const char *p, *why;
		struct stat st;

		if (d->listed && !(d->holds & (bit << i)))
			continue;	/* the walk saw it is not there */
		p = arena_printf(s->a, "%s/%s", base, names[i]);
		if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		p = display_path(s->a, p);
		if (!(why = untrusted(s->a, &st)))
			return p;
		report_note(s->r, p, "%s not read: %s", what, why);
	}
	return NULL;
}

static size_t dir_hash(const char *s, size_t mask)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h & mask;
}

/* The slot of folder dir (absolute, clean), added when new. */
static struct config_dir *dir_slot(struct config_set *s, const char *dir)
{
	size_t i, mask;

	if (s->ndirs * 2 >= s->capdirs) {
		struct config_dir *old = s->dirs;
		size_t n = s->capdirs;

		s->capdirs = n ? n * 2 : 64;
		s->dirs = arena_alloc(s->a, s->capdirs * sizeof(*s->dirs));
		for (size_t k = 0; k < n; k++)
			if (old[k].dir) {
				mask = s->capdirs - 1;
				for (i = dir_hash(old[k].dir, mask); s->dirs[i].dir; i = (i + 1) & mask)
					;
				s->dirs[i] = old[k];
			}
	}
	mask = s->capdirs - 1;
	for (i = dir_hash(dir, mask); s->dirs[i].dir; i = (i + 1) & mask)
		if (!strcmp(s->dirs[i].dir, dir))
			return &s->dirs[i];
	s->dirs[i].dir = dir;
	s->ndirs++;
	return &s->dirs[i];
}

/* What folder dir (absolute, clean) and its ancestors up to the
 * repository's root hold: the nearest of each file. */
static struct config_dir *look_at(struct config_set *s, const char *dir, bool want_sw, bool want_hl)
{
	static const char *const sw_names[] = { ".seaworthy.yaml", ".seaworthy.yml" };
	static const char *const hl_names[] = { ".hadolint.yaml", ".hadolint.yml" };
	struct config_dir e = *dir_slot(s, dir), *d;
	struct stat st;

	if (e.done)
		return dir_slot(s, dir);
	e.sw = want_sw ? own_file(s, &e, sw_names, HOLDS_SW, "configuration") : NULL;
	e.hl = want_hl ? own_file(s, &e, hl_names, HOLDS_HL, "hadolint configuration") : NULL;
	/* The repository's root ends the search: what is above it is not the
	 * project's. */
	if (((want_sw && !e.sw) || (want_hl && !e.hl)) && strcmp(dir, "/") &&
	    !(e.listed ? e.holds & HOLDS_GIT : lstat(arena_printf(s->a, "%s/.git", dir), &st) == 0)) {
		d = look_at(s, path_dir(s->a, dir), want_sw, want_hl);
		e.sw = e.sw ? e.sw : d->sw;
		e.hl = e.hl ? e.hl : d->hl;
	}
	e.done = true;
	d = dir_slot(s, dir);	/* the table may have grown since */
	*d = e;
	return d;
}

static void set_cwd(struct config_set *s)
{
	char *cwd;

	if (s->cwd)
		return;
	cwd = getcwd(NULL, 0);
	s->cwd = arena_strdup(s->a, cwd ? cwd : "/");
	free(cwd);
}

void config_listed(struct config_set *s, const char *dir,
		   bool (*has)(const void *listing, const char *name), const void *listing)
{
	static const char *const names[] = { ".seaworthy.yaml", ".seaworthy.yml", ".hadolint.yaml",
					     ".hadolint.yml", ".git" };
	struct config_dir *d;

	set_cwd(s);
	d = dir_slot(s, path_join(s->a, s->cwd, *dir ? dir : "."));
	if (d->done || d->listed)
		return;
	d->listed = true;
	for (unsigned i = 0; i < 5; i++)
		if (has(listing, names[i]))
			d->holds |= 1u << i;
}

/* The user's file, or NULL: $XDG_CONFIG_HOME/seaworthy/config.yaml, or
 * ~/.config/seaworthy/config.yaml when XDG_CONFIG_HOME is not an absolute
 * path (the XDG base directory specification ignores a relative one). */
static const char *user_file(struct config_set *s)
{
	static const char *const names[] = { "config.yaml", "config.yml" };
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME"), *dir = NULL;

	if (s->user_done)
		return s->user;
	s->user_done = true;
	if (xdg && xdg[0] == '/')
		dir = arena_printf(s->a, "%s/seaworthy", xdg);
	else if (home && home[0] == '/')
		dir = arena_printf(s->a, "%s/.config/seaworthy", home);
	if (dir) {
		struct config_dir d = { .dir = path_clean(s->a, dir) };

		s->user = own_file(s, &d, names, 1, "user configuration");
	}
	return s->user;
}

static bool same(const char *x, const char *y)
{
	return x == y || (x && y && !strcmp(x, y));
}

/* The settings of the seaworthy file sw and the hadolint file hl (either
 * may be NULL), read once; dir is sw's folder when its globs are relative
 * to it. */
static const struct config *config_of(struct config_set *s, const char *sw, const char *hl,
				      const char *dir)
{
	struct config *c;

	for (size_t i = 0; i < s->n; i++)
		if (same(s->v[i]->path, sw) && same(s->v[i]->hadolint_path, hl))
			return s->v[i];
	c = arena_alloc(s->a, sizeof(*c));
	if (sw)
		config_load(s->a, sw, c, s->r);
	c->dir = dir;
	c->cwd = s->cwd;
	if (hl)
		config_load_hadolint(s->a, hl, c, s->r);
	*ARENA_PUSH(s->a, s->v, s->n, s->cap) = c;
	return c;
}

const struct config *config_for(struct config_set *s, const char *dir)
{
	bool want_sw = !s->none && !s->file;
	bool want_hl = s->hadolint && !s->none && !s->hadolint_file;
	struct config_dir *e = NULL;
	const struct config *c;
	const char *sw, *hl;

	set_cwd(s);
	if (want_sw || want_hl) {
		e = look_at(s, path_join(s->a, s->cwd, *dir ? dir : "."), want_sw, want_hl);
		if (e->cfg)
			return e->cfg;
	}
	sw = s->none ? NULL : s->file ? s->file : e->sw ? e->sw : user_file(s);
	hl = !s->hadolint ? NULL : s->hadolint_file ? s->hadolint_file : e ? e->hl : NULL;
	/* A project file's globs are relative to its folder. */
	c = config_of(s, sw, hl, e && e->sw ? path_join(s->a, s->cwd, path_dir(s->a, e->sw)) : NULL);
	/* Nothing was added to the folders since: e is still the slot. */
	if (e)
		e->cfg = c;
	return c;
}

struct loader {
	struct arena *a;
	yaml_document_t doc;
	const char *path;
	struct report *r;
	int errors;
};

static unsigned line_of(const yaml_node_t *n)
{
	return (unsigned)n->start_mark.line + 1;
}

static void cerr(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cerr(struct loader *l, const yaml_node_t *n, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	report_error(l->r, l->path, n ? line_of(n) : 1, "%s", msg);
	l->errors++;
}

static const char *scalar(struct loader *l, const yaml_node_t *n, const char *key)
{
	if (!n || n->type != YAML_SCALAR_NODE) {
		cerr(l, n, "%s: expected a single value", key);
		return NULL;
	}
	return arena_strndup(l->a, (const char *)n->data.scalar.value, n->data.scalar.length);
}

static void string_list(struct loader *l, const yaml_node_t *n, const char *key, struct strlist *out)
{
	if (n->type == YAML_SCALAR_NODE) {
		const char *s = scalar(l, n, key);

		if (s)
			strlist_push(l->a, out, s);
		return;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		cerr(l, n, "%s: expected a list", key);
		return;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		const yaml_node_t *e = yaml_document_get_node(&l->doc, *it);
		const char *s = scalar(l, e, key);

		if (s)
			strlist_push(l->a, out, s);
	}
}

/* The error for an id that names no rule, with the closest ones. */
static void unknown_rule(struct loader *l, const yaml_node_t *n, const char *key, const char *id)
{
	struct strbuf sb = STRBUF_INIT;

	rule_unknown(&sb, id);
	cerr(l, n, "%s: %s", key, sb.buf);
	strbuf_release(&sb);
}

static const struct rule *rule_of(struct loader *l, const yaml_node_t *n, const char *key)
{
	const char *id = scalar(l, n, key);
	const struct rule *rule = id ? rule_find(id) : NULL;

	if (id && !rule)
		unknown_rule(l, n, key, id);
	return rule;
}

/* The error for a word that is not one of words (NULL-terminated): what it
 * should be, and the closest. */
static void bad_word(struct loader *l, const yaml_node_t *n, const char *msg, const char *v,
		     const char *const *words)
{
	struct strbuf sb = STRBUF_INIT;
	struct suggest sg;

	suggest_init(&sg, v);
	for (size_t i = 0; words[i]; i++)
		suggest_add(&sg, words[i]);
	suggest_append(&sg, &sb);
	cerr(l, n, "%s%s", msg, sb.buf);
	strbuf_release(&sb);
}

struct key_at {
	const char *key;
	unsigned line;
};

static int cmp_key_at(const void *pa, const void *pb)
{
	const struct key_at *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* A key given twice in one mapping is an error at the second, naming the
 * first (YAML forbids it; libyaml keeps both). Sorted, not compared pair by
 * pair: a hostile file may hold a million keys. */
static void duplicates(struct loader *l, const yaml_node_t *map, const char *what)
{
	size_t n = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start), k = 0;
	struct key_at *v;

	if (n < 2)
		return;
	v = arena_alloc(l->a, n * sizeof(*v));
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		const yaml_node_t *kn = yaml_document_get_node(&l->doc, p->key);

		if (kn && kn->type == YAML_SCALAR_NODE)
			v[k++] = (struct key_at){
				arena_strndup(l->a, (const char *)kn->data.scalar.value,
					      kn->data.scalar.length), line_of(kn) };
	}
	qsort(v, k, sizeof(*v), cmp_key_at);
	for (size_t i = 1; i < k; i++)
		if (!strcmp(v[i].key, v[i - 1].key)) {
			size_t first = i - 1;

			while (first && !strcmp(v[first - 1].key, v[i].key))
				first--;
			l->errors++;
			report_error(l->r, l->path, v[i].line, "%s'%s' is given twice (first at line %u)",
				     what, v[i].key, v[first].line);
		}
}

static int parse_level(const char *s, int *out)
{
	enum severity sev;

	if (!strcmp(s, "never")) {
		*out = -1;
		return 0;
	}
	if (severity_parse(s, &sev) < 0)
		return -1;
	*out = (int)sev;
	return 0;
}

static void load_root(struct loader *l, const yaml_node_t *root, struct config *c)
{
	if (!root)
		return;	/* an empty file is a valid, empty config */
	if (root->type != YAML_MAPPING_NODE) {
		cerr(l, root, "%s", "the configuration must be a mapping of settings");
		return;
	}
	duplicates(l, root, "");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key = scalar(l, k, "key");

		if (!key)
			continue;
		if (!strcmp(key, "ignore")) {
			struct strlist ids = { 0 };

			c->has_ignore = true;
			string_list(l, v, key, &ids);
			for (size_t i = 0; i < ids.n; i++) {
				if (rule_find(ids.v[i]))
					strlist_push(l->a, &c->ignore, rule_find(ids.v[i])->id);
				else
					unknown_rule(l, v, "ignore", ids.v[i]);
			}
		} else if (!strcmp(key, "enable")) {
			struct strlist ids = { 0 };

			string_list(l, v, key, &ids);
			for (size_t i = 0; i < ids.n; i++) {
				const struct rule *r = rule_find(ids.v[i]);

				/* A rule that is on anyway is harmless here: it stays
				 * valid when a later version turns a rule on. */
				if (r)
					strlist_push(l->a, &c->enable, r->id);
				else
					unknown_rule(l, v, "enable", ids.v[i]);
			}
		} else if (!strcmp(key, "severity")) {
			if (v->type != YAML_MAPPING_NODE) {
				cerr(l, v, "%s: expected a mapping of rule ids to levels", key);
				continue;
			}
			duplicates(l, v, "severity: ");
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     q < v->data.mapping.pairs.top; q++) {
				const yaml_node_t *rk = yaml_document_get_node(&l->doc, q->key);
				const yaml_node_t *rv = yaml_document_get_node(&l->doc, q->value);
				const struct rule *rule = rule_of(l, rk, "severity");
				const char *lv = scalar(l, rv, "severity");
				enum severity sev;

				if (!rule || !lv)
					continue;
				if (severity_parse(lv, &sev) < 0) {
					bad_word(l, rv, arena_printf(l->a, "severity: '%s' is not error, "
								     "warning or info", lv), lv,
						 (const char *const[]){ "error", "warning", "info", NULL });
					continue;
				}
				struct config_severity *cs = ARENA_PUSH(l->a, c->severities,
					c->nseverities, c->capseverities);
				cs->rule = rule;
				cs->severity = sev;
			}
		} else if (!strcmp(key, "fail-on")) {
			const char *lv = scalar(l, v, key);

			if (lv && parse_level(lv, &c->fail_on) < 0)
				bad_word(l, v, arena_printf(l->a, "fail-on: '%s' is not error, warning, "
							    "info or never", lv), lv,
					 (const char *const[]){ "error", "warning", "info", "never", NULL });
			else if (lv)
				c->has_fail_on = true;
		} else if (!strcmp(key, "exclude")) {
			string_list(l, v, key, &c->exclude);
		} else if (purpose_key(key) >= 0) {
			string_list(l, v, key, &c->purposes[purpose_key(key)]);
		} else if (!strcmp(key, "proxies")) {
			string_list(l, v, key, &c->proxies);
		} else if (!strcmp(key, "trusted-registries")) {
			c->has_trusted_registries = true;
			string_list(l, v, key, &c->trusted_registries);
		} else if (!strcmp(key, "databases")) {
			struct strlist ports = { 0 };

			string_list(l, v, key, &ports);
			for (size_t i = 0; i < ports.n; i++) {
				char *end;
				long port;

				errno = 0;
				port = strtol(ports.v[i], &end, 10);
				if (errno || *end || end == ports.v[i] || port < 1 || port > 65535) {
					cerr(l, v, "databases: '%s' is not a port number", ports.v[i]);
					continue;
				}
				*ARENA_PUSH(l->a, c->databases, c->ndatabases, c->capdatabases) = port;
			}
		} else if (!strcmp(key, "rules")) {
			if (v->type != YAML_MAPPING_NODE) {
				cerr(l, v, "%s: expected a mapping of rule ids to options", key);
				continue;
			}
			duplicates(l, v, "rules: ");
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			     q < v->data.mapping.pairs.top; q++) {
				const yaml_node_t *rk = yaml_document_get_node(&l->doc, q->key);
				const yaml_node_t *rv = yaml_document_get_node(&l->doc, q->value);
				const struct rule *rule = rule_of(l, rk, "rules");

				if (!rule)
					continue;
				if (rv->type != YAML_MAPPING_NODE) {
					cerr(l, rv, "rules: %s: expected a mapping of options", rule->id);
					continue;
				}
				duplicates(l, rv, arena_printf(l->a, "rules: %s: ", rule->id));
				for (yaml_node_pair_t *o = rv->data.mapping.pairs.start;
				     o < rv->data.mapping.pairs.top; o++) {
					const yaml_node_t *ok = yaml_document_get_node(&l->doc, o->key);
					const yaml_node_t *ov = yaml_document_get_node(&l->doc, o->value);
					const char *name = scalar(l, ok, "rules");
					const struct rule_option *known = NULL;

					if (!name)
						continue;
					for (const struct rule_option *ro = rule->options; ro && ro->name; ro++)
						if (!strcmp(ro->name, name))
							known = ro;
					if (!known) {
						struct strbuf sb = STRBUF_INIT;
						struct suggest sg;

						suggest_init(&sg, name);
						for (const struct rule_option *ro = rule->options;
						     ro && ro->name; ro++)
							suggest_add(&sg, ro->name);
						if (!suggest_append(&sg, &sb))
							strbuf_addstr(&sb, rule->options && rule->options->name ?
								      " (seaworthy explain lists them)" :
								      " (it takes none)");
						cerr(l, ok, "rules: %s: unknown option '%s'%s", rule->id,
						     name, sb.buf);
						strbuf_release(&sb);
						continue;
					}
					struct config_option *co = ARENA_PUSH(l->a, c->options, c->noptions,
									     c->capoptions);
					co->rule = rule;
					co->name = known->name;
					co->line = line_of(ok);
					if (known->list) {
						string_list(l, ov, name, &co->list);
					} else {
						co->value = scalar(l, ov, name);
						if (co->value && known->integer) {
							char *end;

							errno = 0;
							(void)strtol(co->value, &end, 10);
							if (errno || *end || end == co->value)
								cerr(l, ov, "rules: '%s' is not a whole number",
								     co->value);
						}
					}
				}
			}
		} else {
			static const char *const keys[] = { "ignore", "enable", "severity", "fail-on",
							    "exclude",
							    "production", "development", "test",
							    "ci", "example", "proxies",
							    "trusted-registries", "databases", "rules",
							    NULL };

			struct suggest sg;

			suggest_init(&sg, key);
			for (size_t i = 0; keys[i]; i++)
				suggest_add(&sg, keys[i]);
			bad_word(l, k, arena_printf(l->a, "unknown setting '%s'%s", key, sg.npicks ? "" :
						    " (the settings are ignore, enable, severity, fail-on, "
						    "exclude, production, development, test, ci, "
						    "example, proxies, trusted-registries, databases "
						    "and rules)"), key, keys);
		}
	}
}

int config_load(struct arena *a, const char *path, struct config *out, struct report *r)
{
	const char *why;
	size_t len;
	char *buf;

	memset(out, 0, sizeof(*out));
	out->path = path;
	buf = read_file_anywhere(a, path, &len, &why);
	if (!buf) {
		report_error(r, path, 0, "cannot read: %s", why);
		return -1;
	}
	return config_load_buf(a, path, buf, len, out, r);
}

int config_load_buf(struct arena *a, const char *path, const char *buf, size_t len,
		    struct config *out, struct report *r)
{
	struct loader l = { .a = a, .path = path, .r = r };
	yaml_parser_t parser;

	memset(out, 0, sizeof(*out));
	out->path = path;
	if (!yaml_parser_initialize(&parser)) {
		report_error(r, path, 0, "cannot initialise the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &l.doc)) {
		report_error(r, path, (unsigned)parser.problem_mark.line + 1, "invalid YAML: %s",
			     parser.problem ? parser.problem : "parse error");
		yaml_parser_delete(&parser);
		return -1;
	}
	load_root(&l, yaml_document_get_root_node(&l.doc), out);
	yaml_document_delete(&l.doc);
	yaml_parser_delete(&parser);
	return l.errors ? -1 : 0;
}

/* .hadolint.yaml: `ignored` (hadolint ids, each to the rules that check
 * the same here) and `trustedRegistries`, unless the seaworthy config set
 * ignore or trusted-registries; hadolint's other settings are its own. */
static void load_hadolint_root(struct loader *l, const yaml_node_t *root, struct config *c)
{
	if (!root)
		return;
	if (root->type != YAML_MAPPING_NODE) {
		cerr(l, root, "%s", "a hadolint configuration is a mapping of settings");
		return;
	}
	duplicates(l, root, "");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		const yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		const yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key = k && k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value :
				  "";
		struct strlist vals = { 0 };

		if (!strcmp(key, "ignored") && !c->has_ignore) {
			string_list(l, v, key, &vals);
			for (size_t i = 0; i < vals.n; i++) {
				const struct rule *rules[8];
				size_t n = rule_find_peer("hadolint", vals.v[i], rules, 8);

				for (size_t j = 0; j < n && j < 8; j++)
					if (!strlist_has(&c->ignore, rules[j]->id))
						strlist_push(l->a, &c->ignore, rules[j]->id);
			}
		} else if (!strcmp(key, "trustedRegistries") && !c->has_trusted_registries) {
			string_list(l, v, key, &c->trusted_registries);
		}
	}
}

int config_load_hadolint_buf(struct arena *a, const char *path, const char *buf, size_t len,
			     struct config *c, struct report *r)
{
	struct loader l = { .a = a, .path = path, .r = r };
	yaml_parser_t parser;

	c->hadolint_path = path;
	if (!yaml_parser_initialize(&parser)) {
		report_error(r, path, 0, "cannot initialise the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	if (!yaml_parser_load(&parser, &l.doc)) {
		report_error(r, path, (unsigned)parser.problem_mark.line + 1, "invalid YAML: %s",
			     parser.problem ? parser.problem : "parse error");
		yaml_parser_delete(&parser);
		return -1;
	}
	load_hadolint_root(&l, yaml_document_get_root_node(&l.doc), c);
	yaml_document_delete(&l.doc);
	yaml_parser_delete(&parser);
	return l.errors ? -1 : 0;
}

int config_load_hadolint(struct arena *a, const char *path, struct config *c, struct report *r)
{
	const char *why;
	size_t len;
	char *buf = read_file_anywhere(a, path, &len, &why);

	if (!buf) {
		report_error(r, path, 0, "cannot read: %s", why);
		return -1;
	}
	return config_load_hadolint_buf(a, path, buf, len, c, r);
}

/* Matches pattern segments against path segments, as .gitignore does:
 * "**" spans any number of folders, and a pattern that matches a folder
 * matches everything under it. By dynamic programming over (pattern
 * segment, path segment): "**" repeated in a hostile config made the
 * recursive match exponential. at[i][j]: pat[i..] matches path[j..]. */
static bool seg_match(char **pat, size_t np, char **path, size_t n)
{
	bool at[66][65];

	for (size_t i = np + 1; i-- > 0;) {
		for (size_t j = n + 1; j-- > 0;) {
			if (i == np)
				at[i][j] = true;
			else if (!strcmp(pat[i], "**"))
				at[i][j] = at[i + 1][j] || (j < n && at[i][j + 1]);
			else
				at[i][j] = j < n && !fnmatch(pat[i], path[j], FNM_PERIOD) &&
					   at[i + 1][j + 1];
		}
	}
	return at[0][0];
}

static size_t split(char *s, char **out, size_t max)
{
	size_t n = 0;
	char *save;

	/* strtok_r: workers match paths at once. */
	for (char *tok = strtok_r(s, "/", &save); tok && n < max; tok = strtok_r(NULL, "/", &save))
		if (strcmp(tok, "."))
			out[n++] = tok;
	return n;
}

/* Whether glob holds a slash other than a trailing one: it is anchored to
 * its config's folder. */
static bool anchored(const char *glob)
{
	const char *slash = strchr(glob, '/');

	return slash && slash[1];
}

bool config_glob_match(const char *glob, const char *path)
{
	char gbuf[4096], pbuf[4096], *pat[65], *segs[64];
	size_t np, n;

	if (strlen(glob) >= sizeof(gbuf) || strlen(path) >= sizeof(pbuf))
		return false;
	strcpy(gbuf, glob);
	strcpy(pbuf, path);
	np = 0;
	/* A glob with no slash (other than a trailing one) matches at any depth. */
	if (!anchored(glob))
		pat[np++] = (char *)"**";
	np += split(gbuf, pat + np, 64);
	n = split(pbuf, segs, 64);
	return seg_match(pat, np, segs, n);
}

/* The segments of p in seg (at most max; max + 1 when there are more),
 * ".." taking one back. */
static size_t push_segs(char *p, char **seg, size_t max)
{
	size_t n = 0;
	char *save;

	for (char *tok = strtok_r(p, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, ".."))
			n -= n > 0;
		else if (strcmp(tok, ".") && n < max)
			seg[n++] = tok;
		else if (strcmp(tok, "."))
			return max + 1;
	}
	return n;
}

/* path (a display path) relative to c's folder, in buf: path itself when
 * c has no folder; NULL when path lies outside it (a compose overlay in
 * another folder). */
static const char *relative_to(const struct config *c, const char *path, char *buf, size_t size)
{
	char abs[4096], dir[4096], *ps[256], *ds[256];
	size_t np, nd, len = 0;

	if (!c->dir || !c->cwd ||
	    (size_t)snprintf(abs, sizeof(abs), "%s/%s", path[0] == '/' ? "" : c->cwd, path) >=
		    sizeof(abs) || strlen(c->dir) >= sizeof(dir))
		return path;
	strcpy(dir, c->dir);
	np = push_segs(abs, ps, 256);
	nd = push_segs(dir, ds, 256);
	if (np > 256 || nd > np)
		return nd > np && np <= 256 ? NULL : path;
	for (size_t i = 0; i < nd; i++)
		if (strcmp(ps[i], ds[i]))
			return NULL;
	buf[0] = '\0';
	for (size_t i = nd; i < np; i++) {
		size_t n = strlen(ps[i]);

		if (len + n + 2 > size)
			return path;
		if (len)
			buf[len++] = '/';
		memcpy(buf + len, ps[i], n + 1);
		len += n;
	}
	return len ? buf : ".";
}

bool config_path_match(const struct config *c, const struct strlist *globs, const char *path)
{
	const char *rel;
	char buf[4096];

	if (!globs->n)
		return false;
	/* Outside the folder only a glob that matches at any depth can. */
	rel = relative_to(c, path, buf, sizeof(buf));
	for (size_t i = 0; i < globs->n; i++)
		if ((rel || !anchored(globs->v[i])) && config_glob_match(globs->v[i], rel ? rel : path))
			return true;
	return false;
}

bool config_excluded(const struct config *c, const char *path)
{
	return config_path_match(c, &c->exclude, path);
}

const struct config_option *config_option(const struct config *c, const struct rule *rule,
					  const char *name)
{
	for (size_t i = c->noptions; i-- > 0;)
		if (c->options[i].rule == rule && !strcmp(c->options[i].name, name))
			return &c->options[i];
	return NULL;
}
