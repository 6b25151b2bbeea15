/* What an input file is for: production (what ships), development, test,
 * CI or an example. The production-only rules (catalog: SCOPE_PRODUCTION)
 * say nothing about the others unless --scope all asks. */
#ifndef SW_DISCOVER_PURPOSE_H
#define SW_DISCOVER_PURPOSE_H

#include <stddef.h>

#include "catalog/catalog.h"
#include "config/config.h"

/* The purpose of a file from its display path: the config's globs first
 * (production:, development:, test:, ci:, example:), then its folders
 * (tests/, e2e/, fixtures/, .devcontainer/, .github/, ci/, examples/...),
 * then the words of its name (compose.dev.yaml, Dockerfile.test,
 * docker-compose.ci.yml), then its first comment lines ("for development
 * only", "for testing"), which text may give (NULL when not read).
 * *why (static text or in a) says what decided it. */
enum purpose purpose_of_file(struct arena *a, const struct config *cfg, const char *path,
			     const char *text, size_t len, const char **why);
/* The same when path was found under a folder named on the command line:
 * the folders above that one's own name do not count (examples/webapp
 * named by the user is judged as webapp, not as an example); above is how
 * many bytes of path they take. */
enum purpose purpose_of_file_under(struct arena *a, const struct config *cfg, const char *path,
				   size_t above, const char *text, size_t len, const char **why);
/* The purpose a word gives (a profile, a stage or a part of a name): dev,
 * development, local -> development; test, tests, testing, e2e, it,
 * integration -> test; ci -> ci; demo -> example;
 * production otherwise. */
enum purpose purpose_of_word(const char *w, size_t n);
/* Whether a file name says it is what ships (Dockerfile.prod,
 * release.Dockerfile, Dockerfile-production): a word split on . - _. */
bool purpose_name_ships(const char *name);
/* What a README says of its whole repository: PURPOSE_EXAMPLE when its
 * title holds a demo word (lexicon: lex_demo_words: "AtSea Shop
 * Demonstration Application") or its first paragraph says "is a demo...";
 * production otherwise. *why gets static text ("title", "first
 * paragraph"), NULL for production. */
/* What the Markdown section holding line (1-based) of text is for, from
 * the words of its nearest heading above, outside code fences ("###
 * Special development images", "Running tests"); production when none
 * says. *why gets static text when a heading was read. */
enum purpose purpose_of_section(const char *text, size_t len, unsigned line, const char **why);
enum purpose purpose_of_readme(const char *text, size_t len, const char **why);

#endif
