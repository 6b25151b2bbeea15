/* "Did you mean" (src/util/suggest.c) and the rule ids it is asked about
 * (src/catalog/table.c: rule_unknown, rule_find_peer). */
#include "unit.h"

#include "catalog/catalog.h"
#include "util/strbuf.h"
#include "util/suggest.h"

/* The suggestion for word among cands (NULL-terminated), "" for none. */
static const char *suggest(struct strbuf *sb, const char *word, const char *const *cands)
{
	struct suggest sg;

	strbuf_reset(sb);
	suggest_init(&sg, word);
	for (size_t i = 0; cands[i]; i++)
		suggest_add(&sg, cands[i]);
	suggest_append(&sg, sb);
	return sb->buf;
}

UNIT_TEST(suggest_words)
{
	static const char *const keys[] = { "ignore", "severity", "fail-on", "exclude", "proxies",
					    "trusted-registries", "databases", "rules", NULL };
	static const char *const levels[] = { "error", "warning", "info", "never", NULL };
	static const char *const cmds[] = { "check", "rules", "explain", "parse", "config", "image",
					    "host", "live", NULL };
	struct strbuf sb = STRBUF_INIT;

	CHECK_STR(suggest(&sb, "ignroe", keys), "; did you mean 'ignore'?");	/* a swap is one */
	CHECK_STR(suggest(&sb, "IGNORE", keys), "");	/* the word itself, in any case */
	CHECK_STR(suggest(&sb, "failon", keys), "; did you mean 'fail-on'?");
	CHECK_STR(suggest(&sb, "trusted-registry", keys), "; did you mean 'trusted-registries'?");
	CHECK_STR(suggest(&sb, "warn", levels), "; did you mean 'warning'?");	/* a prefix */
	CHECK_STR(suggest(&sb, "eror", levels), "; did you mean 'error'?");
	CHECK_STR(suggest(&sb, "chekc", cmds), "; did you mean 'check'?");
	CHECK_STR(suggest(&sb, "lve", cmds), "; did you mean 'live'?");
	/* Too far for a short word, and nothing for an empty one. */
	CHECK_STR(suggest(&sb, "xyz", cmds), "");
	CHECK_STR(suggest(&sb, "", cmds), "");
	CHECK_STR(suggest(&sb, "json", levels), "");
	strbuf_release(&sb);
}

UNIT_TEST(suggest_ties_and_limits)
{
	static const char *const many[] = { "abcd1", "abcd2", "abcd3", "abcd4", "abcdx", NULL };
	static const char *const two[] = { "host", "hosts", "post", NULL };
	char longword[100];
	struct strbuf sb = STRBUF_INIT;

	/* At most three, the closest only, each once. */
	CHECK_STR(suggest(&sb, "abcd", many), "; did you mean 'abcd1', 'abcd2' or 'abcd3'?");
	CHECK_STR(suggest(&sb, "hots", two), "; did you mean 'host' or 'hosts'?");
	/* A word longer than the table is no match, not an overflow. */
	memset(longword, 'a', sizeof(longword) - 1);
	longword[sizeof(longword) - 1] = '\0';
	CHECK_STR(suggest(&sb, longword, two), "");
	strbuf_release(&sb);
}

UNIT_TEST(suggest_rule_ids)
{
	struct strbuf sb = STRBUF_INIT;
	const struct rule *peers[8];

	rule_unknown(&sb, "SW9999");
	CHECK_STR(sb.buf, "unknown rule 'SW9999' (seaworthy rules lists them)");
	strbuf_reset(&sb);
	rule_unknown(&sb, "SW021");
	CHECK_STR(sb.buf, "unknown rule 'SW021'; did you mean 'SW0021', 'SW0201' or 'SW0251'?");
	strbuf_reset(&sb);
	rule_unknown(&sb, "dl4006");
	CHECK_STR(sb.buf, "'dl4006' is a hadolint rule; seaworthy checks the same as SW0004");
	strbuf_reset(&sb);
	rule_unknown(&sb, "DL9999");
	CHECK_STR(sb.buf, "'DL9999' is a hadolint rule; seaworthy has none like it");
	/* hadolint ids map to rules, in id order, whatever the case. */
	CHECK(rule_find_peer("hadolint", "DL3006", peers, 8) == 1 && peers[0] == &SW0001);
	CHECK(rule_find_peer("hadolint", "dl3009", peers, 8) == 1 && peers[0] == &SW0304);
	CHECK(rule_find_peer("hadolint", "SC2086", peers, 8) == 0);
	CHECK(rule_find_peer("other", "DL3006", peers, 8) == 0);
	strbuf_release(&sb);
}
