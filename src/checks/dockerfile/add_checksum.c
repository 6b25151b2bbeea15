/* SW0031: ADD downloads a file over HTTP with no --checksum. A git source
 * (URL.git, git@, git://) is fetched at a ref, not checked by a digest. */
#include "checks/check.h"

#include <string.h>
#include <strings.h>

#include "util/str.h"

static bool is_download(const char *s)
{
	size_t n = strlen(s);
	const char *hash = strchr(s, '#');

	if (strncasecmp(s, "http://", 7) && strncasecmp(s, "https://", 8))
		return false;
	if (hash)
		n = (size_t)(hash - s);
	return !(n >= 4 && !strncasecmp(s + n - 4, ".git", 4));
}

static void check(struct rule_ctx *c)
{
	const bool *ships = rule_stages_ship(c);

	for (size_t i = 0; i < c->df->nstages; i++) {
		const struct m_stage *s = &c->df->stages[i];

		if (!ships[i])
			continue;
		for (size_t j = 1; j < s->ninstrs; j++) {
			const struct m_instr *in = &s->instrs[j];

			if (in->kind != K_ADD || df_flag(in->node, "checksum"))
				continue;
			for (size_t k = 0; k + 1 < in->nwords; k++) {
				const char *url = in->words[k], *host;
				size_t hl;

				if (!is_download(url))
					continue;
				/* host and file name: a release URL is too long to quote */
				host = strstr(url, "://") + 3;
				hl = strcspn(host, "/?#");
				rule_report(c, in, "ADD downloads %s from %.*s with no --checksum: "
					    "whatever the server sends then, a new release or a "
					    "tampered file, goes into the image unchecked",
					    host[hl] == '/' && *str_last_part(host) ? str_last_part(host)
										    : "a file",
					    (int)hl, host);
				break;
			}
		}
	}
}

const struct check check_add_checksum = {
	.rule = &SW0031,
	.dockerfile = check,
};
