/* What a process or a command line runs. */
#include "spec/proc.h"

#include <string.h>

#include "lexicon/lexicon.h"
#include "util/str.h"

bool proc_is_shell(const char *prog)
{
	return lex_has(&lex_shells, prog) || lex_has(&lex_multicall, prog);
}

static bool interpreter(const char *prog)
{
	/* python3.11 and the like */
	return proc_is_shell(prog) || lex_has(&lex_interpreters, prog) ||
	       !strncmp(prog, "python3.", 8);
}

bool proc_is_init(const char *prog)
{
	return lex_has(&lex_reapers, prog);
}

bool proc_is_manager(const char *prog, bool init)
{
	return lex_has(&lex_supervisors, prog) || lex_has(&lex_ssh_servers, prog) ||
	       (init && str_eq(prog, "init"));
}

/* The last path component of the word at p (length n), without a ':'. */
static const char *word_base(struct arena *a, const char *p, size_t n)
{
	const char *b = p;

	for (size_t k = 0; k < n; k++)
		if (p[k] == '/')
			b = p + k + 1;
	n -= (size_t)(b - p);
	if (n && b[n - 1] == ':')
		n--;
	return arena_strndup(a, b, n);
}

const char *proc_program(struct arena *a, const char *cmd)
{
	const char *p = cmd + strspn(cmd, " "), *prog, *next;
	size_t n = strcspn(p, " ");

	prog = word_base(a, p, n);
	if (!interpreter(prog))
		return prog;
	next = p + n;
	next += strspn(next, " ");
	/* An interpreter with options (sh -c, python -m) runs no script file. */
	if (!*next || *next == '-')
		return prog;
	n = strcspn(next, " ");
	return word_base(a, next, n);
}

bool proc_word_runs_manager(const char *w)
{
	char prog[256];

	for (const char *p = w; *p;) {
		size_t n = strcspn(p, " \t;&|()");
		const char *b = p;

		for (size_t k = 0; k < n; k++)
			if (p[k] == '/')
				b = p + k + 1;
		n -= (size_t)(b - p);
		if (n && n < sizeof(prog)) {
			memcpy(prog, b, n);
			prog[n] = '\0';
			if (proc_is_manager(prog, false))
				return true;
		}
		p = b + n;
		p += strspn(p, " \t;&|()");
	}
	return false;
}
