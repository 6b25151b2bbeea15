#include <stdio.h>
#include <string.h>

#include "input/shell/shell.h"
#include "unit.h"

/* One parse at a time; parse() frees the previous one, done() the last. */
static struct arena A;
static bool A_live;
static struct sh_script S;

static void done(void)
{
	if (A_live)
		arena_release(&A);
	A_live = false;
}

static void parse(const char *src)
{
	done();
	arena_init(&A);
	A_live = true;
	sh_parse(&A, src, strlen(src), &S);
}

/* "name name@1 ..." for every command, depth marked when not 0. */
static const char *names(void)
{
	static char buf[4096];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < S.ncmds && n < sizeof(buf) - 64; i++) {
		const struct sh_cmd *c = &S.cmds[i];

		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? " " : "",
			      c->argc ? sh_cmd_name(c) : "=");
		if (c->depth)
			n += snprintf(buf + n, sizeof(buf) - n, "@%u", c->depth);
	}
	return buf;
}

/* argv joined with '|'. */
static const char *args(const struct sh_cmd *c)
{
	static char buf[4096];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; c && i < c->argc && n < sizeof(buf) - 256; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", i ? "|" : "",
			      c->argv[i].text);
	return buf;
}

static const struct sh_cmd *nth(const char *name, int k)
{
	for (size_t i = 0; i < S.ncmds; i++)
		if (!strcmp(sh_cmd_name(&S.cmds[i]), name) && !k--)
			return &S.cmds[i];
	return NULL;
}

static const struct sh_cmd *find(const char *name)
{
	return nth(name, 0);
}

static int count(const char *name)
{
	int n = 0;

	for (size_t i = 0; i < S.ncmds; i++)
		n += !strcmp(sh_cmd_name(&S.cmds[i]), name);
	return n;
}

UNIT_TEST(shell_split_operators)
{
	parse("a 1; b 2 && c || d | e & f\ng");
	CHECK_STR(names(), "a b c d e f g");
	CHECK(S.ncmds == 7);
	if (S.ncmds == 7) {
		CHECK(S.cmds[0].sep == SH_SEP_SEMI);
		CHECK(S.cmds[1].sep == SH_SEP_AND);
		CHECK(S.cmds[2].sep == SH_SEP_OR);
		CHECK(S.cmds[3].sep == SH_SEP_PIPE);
		CHECK(S.cmds[4].sep == SH_SEP_BG);
		CHECK(S.cmds[5].sep == SH_SEP_SEMI);
		CHECK(S.cmds[6].sep == SH_SEP_END);
		CHECK(!S.cmds[2].piped && S.cmds[3].piped && S.cmds[4].piped);
		CHECK(!S.cmds[5].piped);
		CHECK(S.cmds[4].background && !S.cmds[3].background);
		CHECK_STR(args(&S.cmds[1]), "b|2");
	}
	CHECK(S.has_pipe && !S.pipefail);

	parse("");
	CHECK(S.ncmds == 0 && !S.has_pipe);
	parse("  \n\n ; ;\n # only a comment\n");
	CHECK(S.ncmds == 0);
	done();
}

UNIT_TEST(shell_background)
{
	parse("nginx & node app.js");
	CHECK_STR(names(), "nginx node");
	CHECK(S.cmds[0].background && S.cmds[0].sep == SH_SEP_BG);
	CHECK(!S.cmds[1].background && S.cmds[1].sep == SH_SEP_END);

	parse("a && b");
	CHECK(!S.cmds[0].background && S.cmds[0].sep == SH_SEP_AND);

	/* redirections with & are not background */
	parse("make 2>&1 >/dev/null && run &>log; x >&2");
	CHECK_STR(names(), "make run x");
	CHECK_STR(args(find("make")), "make");
	CHECK_STR(args(find("run")), "run");
	CHECK_STR(args(find("x")), "x");
	for (size_t i = 0; i < S.ncmds; i++)
		CHECK(!S.cmds[i].background);

	parse("daemon &>/dev/null &");
	CHECK(S.ncmds == 1 && S.cmds[0].background);
	CHECK_STR(args(&S.cmds[0]), "daemon");

	parse("{ nginx; } & while true; do sleep 1; done &");
	CHECK(find("nginx")->background);
	CHECK(find("sleep")->background);
	CHECK(!find("true")->background);
	done();
}

UNIT_TEST(shell_pipes)
{
	parse("a || b");
	CHECK(!S.has_pipe && !S.cmds[0].piped && !S.cmds[1].piped);

	parse("curl -fsSL x | tar xz && ls");
	CHECK(S.has_pipe);
	CHECK(find("curl")->piped && find("tar")->piped && !find("ls")->piped);

	parse("a |& b");
	CHECK(S.has_pipe && S.cmds[0].sep == SH_SEP_PIPE && S.cmds[1].piped);

	parse("a |\n  b");
	CHECK_STR(names(), "a b");
	CHECK(S.cmds[1].piped);

	parse("(cd x && make) | tee log");
	CHECK_STR(names(), "cd make tee");
	CHECK(!find("cd")->piped && find("make")->piped && find("tee")->piped);

	parse("for f in *; do echo $f; done | sort");
	CHECK(find("echo")->piped && find("sort")->piped);
	done();
}

UNIT_TEST(shell_pipefail)
{
	parse("set -o pipefail && curl x | sh");
	CHECK(S.has_pipe && S.pipefail);
	parse("set -eo pipefail; curl x | sh");
	CHECK(S.pipefail);
	parse("set -euxo pipefail; curl x | sh");
	CHECK(S.pipefail);
	parse("set -o errexit -o pipefail\ncurl x | sh");
	CHECK(S.pipefail);
	parse("set -Eeuo pipefail");
	CHECK(S.pipefail && !S.has_pipe);

	parse("curl x | sh; set -o pipefail");
	CHECK(S.has_pipe && !S.pipefail);
	parse("curl x | sh");
	CHECK(!S.pipefail);
	parse("set -e; curl x | sh");
	CHECK(!S.pipefail);
	parse("set -o errexit; curl x | sh");
	CHECK(!S.pipefail);
	parse("echo set -o pipefail; a | b");
	CHECK(!S.pipefail);
	parse("set -o pipefail; set +o pipefail; a | b");
	CHECK(!S.pipefail);

	/* inside the script of its own shell */
	parse("bash -c 'set -o pipefail; a | b'");
	CHECK(S.has_pipe && S.pipefail);
	parse("bash -o pipefail -c 'a | b'");
	CHECK(S.has_pipe && S.pipefail);
	parse("bash -c 'set -o pipefail'; a | b");
	CHECK(!S.pipefail);
	parse("<<EOF\nset -euo pipefail\ncurl x | sh\nEOF\n");
	CHECK(S.has_pipe && S.pipefail);
	done();
}

UNIT_TEST(shell_false_positives)
{
	parse("apt-get install -y sudo-ldap supervisor");
	CHECK_STR(names(), "apt-get");
	CHECK(count("sudo") == 0 && count("supervisor") == 0);

	parse("echo \"# supervisor\" # supervisord -c /etc/s.conf");
	CHECK_STR(names(), "echo");
	CHECK_STR(args(find("echo")), "echo|# supervisor");

	parse("# supervisord\napt-get update # && sudo x");
	CHECK_STR(names(), "apt-get");

	parse("curl -fsSL https://x/apt-get -o /tmp/apt-get");
	CHECK_STR(names(), "curl");

	parse("echo 'apt-get install x; sudo y' \"sh -c z\"");
	CHECK_STR(names(), "echo");

	/* # inside a word is no comment */
	parse("echo a#b; git checkout x#y && make");
	CHECK_STR(names(), "echo git make");
	CHECK_STR(args(find("echo")), "echo|a#b");
	done();
}

UNIT_TEST(shell_words)
{
	parse("echo 'a b' \"c $HOME d\" e\\ f \"g\\\"h\\$i\\n\" 'it'\\''s'");
	CHECK_STR(args(&S.cmds[0]), "echo|a b|c $HOME d|e f|g\"h$i\\n|it's");
	CHECK(!S.cmds[0].argv[0].quoted);
	CHECK(S.cmds[0].argv[1].quoted && !S.cmds[0].argv[1].has_subst);
	CHECK(S.cmds[0].argv[2].has_subst);
	CHECK(S.cmds[0].argv[3].quoted);

	/* backslash-newline is removed, also inside words and quotes */
	parse("apt-get install -y \\\n  curl \\\n  && rm -rf /var/lib/apt/lists/*");
	CHECK_STR(names(), "apt-get rm");
	CHECK_STR(args(find("apt-get")), "apt-get|install|-y|curl");
	parse("ec\\\nho \"a\\\nb\"");
	CHECK_STR(args(&S.cmds[0]), "echo|ab");

	/* expansions stay in the word */
	parse("echo ${A:-x y} $(a b) `c d` $((1 + 2)) $x$y");
	CHECK(S.ncmds == 3);
	CHECK_STR(args(find("echo")), "echo|${A:-x y}|$(a b)|`c d`|$((1 + 2))|$x$y");
	for (size_t i = 1; i < 6; i++)
		CHECK(find("echo")->argv[i].has_subst);

	parse("printf $'a\\tb\\'c'");
	CHECK_STR(args(&S.cmds[0]), "printf|a\tb'c");

	/* unbalanced quotes end at end of input */
	parse("echo 'abc");
	CHECK_STR(args(&S.cmds[0]), "echo|abc");
	parse("echo \"abc $(x");
	CHECK(S.ncmds >= 1 && find("echo"));
	done();
}

UNIT_TEST(shell_offsets)
{
	const char *src = "apt-get update && apt-get install -y curl";

	parse(src);
	CHECK(S.ncmds == 2);
	CHECK(S.cmds[0].off == 0);
	CHECK(S.cmds[1].off == (size_t)(strstr(src, "apt-get install") - src));
	CHECK(S.cmds[1].argv[3].off == (size_t)(strstr(src, "curl") - src));

	src = "A=1 make";
	parse(src);
	CHECK(S.cmds[0].off == 0 && S.cmds[0].argv[0].off == 4);

	src = "echo \"$(apt-get install x)\"";
	parse(src);
	CHECK(find("apt-get")->off == (size_t)(strstr(src, "apt-get") - src));

	src = "true; sh -c 'apt-get update'";
	parse(src);
	CHECK(find("apt-get")->off == (size_t)(strstr(src, "'apt") - src));
	done();
}

UNIT_TEST(shell_assignments)
{
	parse("A=1 B=\"x y\" C= make -j4 && export D=2 && E=3");
	CHECK_STR(names(), "make export =");
	CHECK(find("make")->nassigns == 3);
	CHECK_STR(find("make")->assigns[0].text, "A=1");
	CHECK_STR(find("make")->assigns[1].text, "B=x y");
	CHECK_STR(find("make")->assigns[2].text, "C=");
	CHECK_STR(args(find("export")), "export|D=2");
	CHECK(S.cmds[2].argc == 0 && S.cmds[2].nassigns == 1);
	CHECK_STR(sh_cmd_name(&S.cmds[2]), "");

	/* only leading words; quoted names are not assignments */
	parse("make A=1; \"B\"=2 x");
	CHECK_STR(args(&S.cmds[0]), "make|A=1");
	CHECK_STR(args(&S.cmds[1]), "B=2|x");

	parse("arr=(a b c) PATH+=:/x cmd");
	CHECK_STR(names(), "cmd");
	CHECK(find("cmd")->nassigns == 2);
	CHECK_STR(find("cmd")->assigns[0].text, "arr=(a b c)");
	done();
}

UNIT_TEST(shell_redirections)
{
	parse("cmd >out 2>&1 <in >>log 2>/dev/null &>x &>>y 3<&0 <>rw >|clob 9>&- arg");
	CHECK(S.ncmds == 1);
	CHECK_STR(args(&S.cmds[0]), "cmd|arg");

	parse("echo a>b c<d e");
	CHECK_STR(args(&S.cmds[0]), "echo|a|c|e");

	parse("> /tmp/x; < y wc -l");
	CHECK_STR(names(), "wc");
	CHECK_STR(args(find("wc")), "wc|-l");

	parse("cat <<<\"$x\" | grep y");
	CHECK_STR(args(find("cat")), "cat");

	parse("diff <(sort a) <(sort b) && tee >(gzip > f.gz)");
	CHECK_STR(names(), "sort@1 sort@1 diff gzip@1 tee");
	CHECK(find("diff")->argc == 3);
	done();
}

UNIT_TEST(shell_subst)
{
	parse("echo $(apt-get install -y x)");
	CHECK_STR(names(), "apt-get@1 echo");

	parse("V=\"$(curl -s \"https://x/$(uname -m)\" | jq -r '.a')\" && echo $V");
	CHECK_STR(names(), "uname@2 curl@1 jq@1 = echo");
	CHECK(find("curl")->piped && find("jq")->piped);
	CHECK_STR(args(find("jq")), "jq|-r|.a");

	/* parens and quotes inside $(...) */
	parse("x=$(echo \")\" ')' \\) ; echo \"$( (cd y) )\") && z");
	CHECK_STR(names(), "echo@1 cd@2 echo@1 = z");

	parse("echo `which gcc` \"`id -u`\"");
	CHECK_STR(names(), "which@1 id@1 echo");

	parse("echo `echo \\`apt-get x\\``");
	CHECK(count("apt-get") == 1 && find("apt-get")->depth == 2);

	/* arithmetic and ${...} run nothing */
	parse("echo $((a + (b))) ${x:-$y} && (( i++ ))");
	CHECK_STR(names(), "echo");

	/* deep nesting is bounded, not an error */
	{
		char buf[400];
		size_t n = 0;

		for (int i = 0; i < 40; i++)
			n += (size_t)sprintf(buf + n, "$(a ");
		for (int i = 0; i < 40; i++)
			buf[n++] = ')';
		buf[n] = '\0';
		parse(buf);
		CHECK(S.ncmds > 0 && S.ncmds < 40);
	}
	done();
}

UNIT_TEST(shell_keywords)
{
	parse("if [ -f x ]; then apt-get install y; fi");
	CHECK_STR(names(), "[ apt-get");

	parse("if ! grep -q a b; then x; elif test y; then z; else w; fi && done_ok");
	CHECK_STR(names(), "grep x test z w done_ok");

	parse("for x in a b c; do echo $x; done");
	CHECK_STR(names(), "echo");
	parse("for x in $(ls); do rm $x; done");
	CHECK_STR(names(), "ls@1 rm");
	parse("for x\ndo\n  echo $x\ndone");
	CHECK_STR(names(), "echo");
	parse("for x do echo; done");
	CHECK_STR(names(), "echo");
	parse("for ((i = 0; i < 3; i++)); do echo $i; done");
	CHECK_STR(names(), "echo");

	parse("while read -r line; do echo \"$line\"; done < f; until false; do :; done");
	CHECK_STR(names(), "read echo false :");

	parse("{ a; b; }; ( c ); ! d");
	CHECK_STR(names(), "a b c d");

	parse("case \"$1\" in\n  start|run) exec nginx;;\n  (stop) kill 1 ;;\n  *) apt-get install x;;\nesac\necho after");
	CHECK_STR(names(), "exec nginx kill apt-get echo");

	parse("case $a in x) case $b in y) inner;; esac; outer;; z) last;; esac; post");
	CHECK_STR(names(), "inner outer last post");

	parse("foo() { bar; }; function baz { qux; }; function q() { r; }");
	CHECK_STR(names(), "bar qux r");

	/* keywords only count in command position */
	parse("echo if then fi done");
	CHECK_STR(args(&S.cmds[0]), "echo|if|then|fi|done");
	parse("\"if\" x");
	CHECK_STR(names(), "if");

	parse("[[ -f x && $y > 1 || ( z ) ]] && echo ok");
	CHECK_STR(names(), "[[ echo");
	CHECK(find("[[")->sep == SH_SEP_AND);
	done();
}

UNIT_TEST(shell_heredoc)
{
	parse("cat <<EOF > /etc/apt/sources.list\ndeb http://x apt-get main\nsudo rm -rf /\nEOF\napt-get update");
	CHECK_STR(names(), "cat apt-get");
	CHECK_STR(args(find("cat")), "cat");

	parse("cat <<-'EOF' | tee x\n\tsupervisord -n\n\tEOF\necho ok");
	CHECK_STR(names(), "cat tee echo");

	parse("cat <<\"A\" <<B; cat <<C\n1\nA\n2\nB\n3\nC\nfin");
	CHECK_STR(names(), "cat cat fin");

	/* a heredoc fed to a shell is its script */
	parse("sh <<EOF\napt-get install -y x\nEOF\necho done");
	CHECK_STR(names(), "sh apt-get@1 echo");
	parse("bash -e <<'SCRIPT'\nset -o pipefail\ncurl x | sh\nSCRIPT");
	CHECK_STR(names(), "bash set@1 curl@1 sh@1");
	CHECK(S.pipefail);
	parse("/bin/sh -s <<EOF\nmake\nEOF");
	CHECK_STR(names(), "sh make@1");
	parse("sudo -u app bash <<EOF\nmake\nEOF");
	CHECK_STR(names(), "sudo bash make@1");

	/* but not when the shell runs a file or a -c script */
	parse("bash script.sh <<EOF\nmake\nEOF");
	CHECK_STR(names(), "bash");
	parse("sh -c 'cat' <<EOF\nmake\nEOF");
	CHECK_STR(names(), "sh cat@1");
	parse("python3 <<EOF\nimport os\nEOF");
	CHECK_STR(names(), "python3");

	/* BuildKit RUN <<EOF: the body is the script, at depth 0 */
	parse("<<EOF\napt-get update\napt-get install -y curl\nEOF\n");
	CHECK_STR(names(), "apt-get apt-get");
	CHECK(S.cmds[0].depth == 0);
	CHECK(S.cmds[1].off == strlen("<<EOF\napt-get update\n"));
	parse("<<EOF\n#!/usr/bin/env python3\nimport os\nEOF");
	CHECK(S.ncmds == 0);
	parse("<<EOF\n#!/bin/bash\nmake\nEOF");
	CHECK_STR(names(), "make");

	/* unterminated: the rest is body */
	parse("cat <<EOF\nrm -rf /\n");
	CHECK_STR(names(), "cat");
	/* CRLF line ends */
	parse("cat <<EOF\r\nx\r\nEOF\r\nls\r\n");
	CHECK_STR(names(), "cat ls");
	done();
}

UNIT_TEST(shell_sh_c)
{
	parse("sh -c 'apt-get update && apt-get install -y x'");
	CHECK_STR(names(), "sh apt-get@1 apt-get@1");
	CHECK_STR(args(nth("apt-get", 1)), "apt-get|install|-y|x");
	CHECK(nth("apt-get", 0)->sep == SH_SEP_AND);

	parse("bash -c \"echo \\\"a\\\" | grep a\"");
	CHECK_STR(names(), "bash echo@1 grep@1");
	CHECK(S.has_pipe);

	parse("/bin/sh -ec 'make'; bash -lc make; sh -xec make; bash -o pipefail -c make; sh -c -- make");
	CHECK(count("make") == 5);
	for (int i = 0; i < 5; i++)
		CHECK(nth("make", i) && nth("make", i)->depth == 1);

	parse("su -c 'make install' bob; su bob -c make; su - bob -c \"a && b\"; su --command=c x; su -s /bin/sh -c d x");
	CHECK_STR(names(), "su make@1 su make@1 su a@1 b@1 su c@1 su d@1");

	parse("sh -c \"sh -c 'apt-get install x'\"");
	CHECK_STR(names(), "sh sh@1 apt-get@2");

	parse("sh script.sh -c x; bash -c");
	CHECK_STR(names(), "sh bash");
	done();
}

UNIT_TEST(shell_wrappers)
{
	parse("sudo -u x apt-get install y");
	CHECK_STR(names(), "sudo apt-get");
	CHECK_STR(args(find("apt-get")), "apt-get|install|y");
	CHECK(find("apt-get")->depth == 0);

	parse("sudo -E -H --user=x DEBIAN_FRONTEND=noninteractive apt-get -y upgrade");
	CHECK_STR(names(), "sudo apt-get");
	CHECK(find("apt-get")->nassigns == 1);

	parse("env A=1 B=2 cmd a");
	CHECK_STR(names(), "env cmd");
	CHECK_STR(args(find("cmd")), "cmd|a");
	CHECK(find("cmd")->nassigns == 2);
	CHECK_STR(find("cmd")->assigns[1].text, "B=2");

	parse("gosu user cmd x; su-exec u:g cmd2; exec cmd3 -a; exec \"$@\"");
	CHECK_STR(names(), "gosu cmd su-exec cmd2 exec cmd3 exec $@");

	parse("nice -n 10 nohup time -p xargs -r -n1 -I{} tini -s -- dumb-init --rewrite 15:2 /usr/bin/make");
	CHECK_STR(names(), "nice nohup time xargs tini dumb-init make");

	parse("find . | xargs rm -f && command -v apt-get && command make");
	CHECK_STR(names(), "find xargs rm command command make");
	CHECK(find("rm")->piped);

	parse("sudo sh -c 'apt-get update'");
	CHECK_STR(names(), "sudo sh apt-get@1");

	parse("nohup nginx &");
	CHECK(find("nginx")->background && find("nohup")->background);

	/* wrappers without a command */
	parse("sudo -i; env; exec >log 2>&1; xargs");
	CHECK_STR(names(), "sudo env exec xargs");
	done();
}

UNIT_TEST(shell_cmd_helpers)
{
	const struct sh_cmd *c;

	parse("/usr/bin/apt-get -qy --no-install-recommends install --opt=1 pkg");
	c = &S.cmds[0];
	CHECK_STR(sh_cmd_name(c), "apt-get");
	CHECK(sh_cmd_has_opt(c, "-y"));
	CHECK(sh_cmd_has_opt(c, "-q"));
	CHECK(!sh_cmd_has_opt(c, "-n"));
	CHECK(sh_cmd_has_opt(c, "--no-install-recommends"));
	CHECK(sh_cmd_has_opt(c, "--opt"));
	CHECK(!sh_cmd_has_opt(c, "--yes"));
	CHECK(!sh_cmd_has_opt(c, "--no"));
	CHECK_STR(sh_cmd_subcommand(c), "install");
	CHECK(sh_cmd_find_arg(c, "install") == 3);
	CHECK(sh_cmd_find_arg(c, "pkg") == 5);
	CHECK(sh_cmd_find_arg(c, "apt-get") == 0);
	CHECK(sh_cmd_find_arg(c, "nope") == 0);

	parse("apt-get install --yes=true -Dx=y pkg -- -z");
	c = &S.cmds[0];
	CHECK(sh_cmd_has_opt(c, "--yes"));
	CHECK(!sh_cmd_has_opt(c, "-y"));	/* -Dx=y is no cluster */
	CHECK(!sh_cmd_has_opt(c, "-z"));	/* after -- */

	parse("ls");
	CHECK(sh_cmd_subcommand(&S.cmds[0]) == NULL);
	CHECK(!sh_cmd_has_opt(&S.cmds[0], "-l"));
	parse("git -- status");
	CHECK_STR(sh_cmd_subcommand(&S.cmds[0]), "status");
	parse("A=1");
	CHECK_STR(sh_cmd_name(&S.cmds[0]), "");
	CHECK(sh_cmd_subcommand(&S.cmds[0]) == NULL);
	done();
}

UNIT_TEST(shell_robust)
{
	static const char *const inputs[] = {
		"\"", "'", "`", "$(", "${", "$((", "((", "(", ")", "<<", "<<EOF",
		"<<-", "cat <<", "&", "&&", "|", "||", ";;", "case", "case x in",
		"for", "function", "[[", "x=(", "\\", "$", "$'", "<(", "2>",
		"a \\", "esac", "}", "fi done", "sh -c", "su -c", "sudo", "env -u",
		")))(((", "$(\"`'${", "case x in a) b;; esac esac", "&>", "9<<<",
	};
	char big[65536];

	for (size_t i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		parse(inputs[i]);
		for (size_t j = 0; j < S.ncmds; j++)
			CHECK(S.cmds[j].argc || S.cmds[j].nassigns);
	}

	/* embedded NUL bytes */
	done();
	arena_init(&A);
	A_live = true;
	sh_parse(&A, "a\0b; c", 6, &S);
	CHECK(S.ncmds == 2);

	/* large input */
	for (size_t i = 0; i + 1 < sizeof(big); i++)
		big[i] = "apt-get install -y x && "[i % 24];
	big[sizeof(big) - 1] = '\0';
	parse(big);
	CHECK(S.ncmds > 2000);
	done();
}
