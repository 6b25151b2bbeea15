/* Findings and input errors of one run. Renderers see only these and the
 * rule catalogue. All strings are owned by the report's arena. */
#ifndef SW_FINDINGS_H
#define SW_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog/catalog.h"
#include "util/arena.h"
#include "util/smap.h"

/* What a finding without a file is about: kind ("image") and name, plus up
 * to two extra key/value pairs (NULL when unused). */
struct finding_target {
	const char *kind, *name;
	const char *k2, *v2, *k3, *v3;
};

struct config;

struct finding {
	const struct rule *rule;
	enum severity severity;
	const char *file;	/* display path; NULL for findings with no file */
	unsigned line, col, end_line, end_col;
	const char *message;
	const char *fix;
	/* How the place is reached from what runs or what was written, kept
	 * out of the message so that it stays short: "ENTRYPOINT at
	 * Dockerfile:9 runs entry.sh", "compose.yaml:12" (the alias or extends
	 * that pulled the value in), "also services b, c" (one anchor shared).
	 * NULL when the place says it all. */
	const char *via;
	/* Stable across edits elsewhere in the file: rule, file, and the
	 * offending lines' text (white space folded). 16 hex digits. */
	char fingerprint[17];
	bool suppressed;		/* by an inline comment or config */
	/* Its severity was lowered by what other inputs show (a compose user
	 * that fixes a root Dockerfile): a severity override in the config
	 * can lower it further, never raise it back. */
	bool lowered;
	const char *suppress_reason;	/* NULL when none was given */
	const struct finding_target *target;	/* NULL for file findings */
	/* What the input it is about is for: findings of production-only
	 * rules about anything else are held back (output_finish). */
	enum purpose purpose;
	/* Worth saying whatever the input is for: a real credential (a token in
	 * a known format, a URL with a password) leaks from a test file too. */
	bool any_purpose;
	/* 1 + the index of the stage a stage rule judged (checks/check.h),
	 * 0 for other findings. */
	unsigned stage;
	/* In an entry script a stage runs: several Dockerfiles may run the
	 * same script, and the finding is said once. */
	bool in_script;
	/* What the stage runs that it is about (its process: a supervisor, a
	 * daemon): 'C' its CMD, 'E' its ENTRYPOINT, 0 neither; and the
	 * Dockerfile of that stage. A compose service that sets its own
	 * command: or entrypoint: runs something else (checks/crossfile). */
	char runs;
	const char *dockerfile;
	/* The settings that judge it (config/config.h: its input's), or NULL
	 * for the working directory's; the run owns them. */
	const struct config *config;
	/* Not a finding yet: the place of a text that a program run once for
	 * the whole run judges (SW0032's ShellCheck,
	 * checks/dockerfile/shellcheck.h), which replaces it by what that
	 * program finds there, with this one's settings, purpose, stage and
	 * suppression, before the finish. NULL for findings. */
	const void *pending;
};

/* An input of the run, as the report accounts for it: JSON "inputs",
 * --list-inputs, and the text report's summary line. */
struct input_record {
	const char *path;	/* display path */
	const char *kind;	/* "dockerfile", "compose", "bake", "script", "template"... */
	enum purpose purpose;
	const char *purpose_why;	/* what decided it; NULL for production by default */
	const char *part_of;	/* the projects or targets it belongs to, or NULL */
	const char *skipped;	/* why it was not checked; NULL when it was */
};

/* What the summary line says: "checked 14 Dockerfiles (5 shipped stages),
 * 3 compose projects, 22 scripts; held back 31 findings in 9 test and dev
 * files (--scope all shows them)". */
struct report_summary {
	size_t dockerfiles, shipped_stages, projects, scripts;
	size_t held, held_files;
	unsigned held_purposes;	/* bit set of enum purpose */
};

struct input_error {
	const char *file;
	unsigned line;		/* 0 when the file could not be read at all */
	unsigned col;		/* 0 when not known */
	const char *message;
};

/* What the user should know that is neither a finding nor an input error
 * (a config file that was not trusted); it changes no exit status. */
struct report_note {
	const char *file;	/* NULL when about no file */
	const char *message;
	size_t same;		/* an earlier note with this message: index + 1, or 0 */
};

/* Messages quote the inputs, which can be megabytes: report_add,
 * report_add_str and report_error keep at most MESSAGE_VALUE_MAX characters
 * of each quoted value (between ' " or `) and of each run without white
 * space, then "…", and at most MESSAGE_MAX bytes in all; report_sort does
 * the same to fixes and suppression reasons. */
#define MESSAGE_VALUE_MAX 200
#define MESSAGE_MAX 2048

/* An input that could not be read: the checklist points that only its
 * layers could show are "not checked", and this says why. */
struct report_unread {
	unsigned layers;	/* bit set of enum layer */
	const char *why;	/* "the image could not be read" */
	/* Some inputs of these layers were read, this one not: a point with
	 * no finding is still "not checked", never "passed" (check). */
	bool some;
};

/* A value from the process environment that interpolation put into the
 * inputs: messages show ${name} in its stead (report_redact_apply). */
struct report_redact {
	const char *name, *value;
};

/* Shorter values are shown as they are: they hide no secret, and replacing
 * them would garble numbers and words. */
#define REDACT_MIN 4
/* The parts of a value between : / @ are replaced too from this length. */
#define REDACT_PART_MIN 8

struct report {
	struct arena *a;
	struct finding *findings;
	size_t nfindings, capfindings;
	struct input_error *errors;
	size_t nerrors, caperrors;
	struct report_note *notes;
	size_t nnotes, capnotes;
	/* The notes by message, for saying each once: notes[0..nindexed)
	 * are in it (filled once there are many). */
	struct smap note_idx;
	size_t nindexed;
	unsigned layers;	/* bit set of enum layer that were checked */
	struct report_unread *unread;
	size_t nunread, capunread;
	/* Bit p: no rule of checklist point p (0: of none) was wanted
	 * (--select, --ignore, the config's ignore), so it was not checked. */
	unsigned deselected;
	struct input_record *inputs;
	size_t ninputs, capinputs;
	size_t *input_slots;	/* open addressing on path: index + 1, 0 empty */
	size_t capslots;
	struct report_summary summary;
	struct report_redact *redact;
	size_t nredact, capredact;
	/* Set by whoever runs the checks into this report (NULL: all): a rule
	 * it says is not wanted (--select, --ignore, off by default) is not
	 * run, as its findings would be dropped. */
	bool (*rule_wanted)(const struct rule *rule, void *ctx);
	void *rule_wanted_ctx;
	/* What the answers depend on (the file's settings): while it stays
	 * the same, a worker asks once per rule. */
	const void *rule_wanted_key;
};

void report_init(struct report *r, struct arena *a);
/* Accounts for an input (strings copied into the report's arena). The
 * same path twice keeps the first record, and adds part_of to it. */
void report_input(struct report *r, const struct input_record *in);
/* Room for n more input records, made at once. */
void report_reserve_inputs(struct report *r, size_t n);
/* Sorts the input records by path. */
void report_sort_inputs(struct report *r);
/* Adds a finding; message is printf-style. Returns it for adjustments. */
struct finding *report_add(struct report *r, const struct rule *rule, const char *file,
			   unsigned line, unsigned col, unsigned end_line, unsigned end_col,
			   const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/* The same with the message already made: msg[0..len) is copied. */
struct finding *report_add_str(struct report *r, const struct rule *rule, const char *file,
			       unsigned line, unsigned col, unsigned end_line, unsigned end_col,
			       const char *msg, size_t len);
void report_error(struct report *r, const char *file, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with a column (1-based; 0 when not known). */
void report_error_col(struct report *r, const char *file, unsigned line, unsigned col,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void report_note(struct report *r, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same with msg as it is (not copied: it must outlive r). */
void report_note_str(struct report *r, const char *file, const char *msg);
/* Drops the notes from n0 on (the caller took them). */
void report_notes_cut(struct report *r, size_t n0);
/* Records that what layers would have read could not be (see struct
 * report_unread); fmt says why. */
void report_unread(struct report *r, unsigned layers, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for some of the inputs of layers (see report_unread.some). */
void report_unread_some(struct report *r, unsigned layers, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Records that the process environment's variable name, with value, was
 * used by interpolation (copied into the report's arena; said once). */
void report_redact(struct report *r, const char *name, const char *value);
/* Replaces, in every message, fix, error and note (and their files), each
 * recorded value by ${NAME}, the longest values first: what a CI runner's
 * environment holds is not printed. */
void report_redact_apply(struct report *r);
/* Sets the fingerprints of findings[from..] in file (all of them when file
 * is NULL) from the file's text. */
void report_fingerprint(struct report *r, size_t from, const char *file, const char *buf,
			size_t len);
/* Fingerprints findings[from..] that have no file text (image, host) from
 * their rule, target and message. */
void report_fingerprint_messages(struct report *r, size_t from);
/* After sorting: drops findings identical to the one before (the same file
 * checked as part of several compose projects). */
void report_dedupe(struct report *r);
/* Sorts findings by file, line, column and rule, errors by file and line;
 * bounds the findings' fixes and suppression reasons as messages are. */
void report_sort(struct report *r);

#endif
