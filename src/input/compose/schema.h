/* The Compose Specification's JSON Schema as tables (schema_data.c, made by
 * tools/gen-compose-schema.py from data/compose-spec/compose-spec.json),
 * and the validator that applies them to a loaded tree (schema.c). Static
 * data: nothing here is allocated. */
#ifndef SW_COMPOSE_SCHEMA_H
#define SW_COMPOSE_SCHEMA_H

#include <stddef.h>

/* JSON types; SCH_NUM accepts integers too. */
enum { SCH_NULL = 1, SCH_BOOL = 2, SCH_INT = 4, SCH_NUM = 8, SCH_STR = 16, SCH_OBJ = 32,
       SCH_ARR = 64 };

/* compose-go's interpolation casts (loader/interpolate.go): a string here is
 * converted before validation, and one that does not convert is an error. */
enum sch_cast { SCH_CAST_NONE, SCH_CAST_BOOL, SCH_CAST_INT, SCH_CAST_FLOAT, SCH_CAST_BYTES,
		SCH_CAST_DURATION };

/* Values compose-go decodes into a types.Duration or types.UnitBytes. */
enum sch_format { SCH_FMT_NONE, SCH_FMT_DURATION, SCH_FMT_BYTES };

/* patternProperties: "^x-", ".+", "^.+$", "^[set]+$", else a regex. */
enum sch_pat_kind { SCH_PAT_PREFIX, SCH_PAT_ANY, SCH_PAT_LINE, SCH_PAT_CHARSET,
		    SCH_PAT_REGEX };

struct sch_node;

struct sch_prop {
	const char *name;
	const struct sch_node *node;
};

struct sch_pat {
	unsigned char kind;	/* enum sch_pat_kind */
	unsigned short regex;	/* SCH_PAT_REGEX: index in sch_regexes */
	const char *arg;	/* the prefix, or the characters of the set */
	const char *text;	/* the pattern as written */
	const struct sch_node *node;
};

struct sch_node {
	unsigned char types;	/* bits of SCH_NULL ...; 0 accepts any value */
	unsigned char closed;	/* additionalProperties: false */
	unsigned char unique;	/* uniqueItems */
	unsigned char cast;	/* enum sch_cast */
	unsigned char format;	/* enum sch_format */
	unsigned char has_min, has_max;
	unsigned short nprops, npats, nrequired, noneof, nenum;
	long min, max;
	const struct sch_prop *props;	/* sorted by name */
	const struct sch_pat *pats;
	const char *const *required;
	const struct sch_node *items;
	const struct sch_node *const *oneof; /* branches, told apart by type */
	const char *const *enums;
	const char *what;		/* the types, as messages say them */
	const char *pattern;		/* an unanchored regular expression ... */
	unsigned short pattern_regex;	/* ... as an index in sch_regexes */
};

extern const struct sch_node *const sch_root;
extern const char *const sch_regexes[];	/* NULL-terminated */

#endif
