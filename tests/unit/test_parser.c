/* Parser internals the dump format can't show: line and column positions,
 * directives, heredoc bodies. */
#include <stdio.h>
#include <stdlib.h>

#include "input/dockerfile/ast.h"
#include "unit.h"
#include "util/readfile.h"

static int parse(struct arena *a, const char *src, struct df_file *f, struct df_error *e)
{
	return df_parse(a, "t", src, strlen(src), f, e);
}

UNIT_TEST(parser_line_information)
{
	const char *shared = unit_shared_dir();
	char path[4096];
	struct arena a = ARENA_INIT;
	struct df_file f;
	struct df_error e;
	const char *why;
	size_t len;
	char *buf;
	static const unsigned want[][2] = { { 5, 5 }, { 11, 12 }, { 17, 31 } };

	if (!shared) {
		unit_skip("../shared is absent: BuildKit's testfile-line not checked");
		return;
	}
	snprintf(path, sizeof(path), "%s/conformance/buildkit/parser/testfile-line/Dockerfile", shared);
	buf = read_file(&a, path, &len, &why);
	CHECK(buf != NULL);
	if (buf && df_parse(&a, "t", buf, len, &f, &e) == 0) {
		CHECK(f.nnodes == 3);
		for (size_t i = 0; i < 3 && i < f.nnodes; i++) {
			CHECK(f.nodes[i].start.line == want[i][0]);
			CHECK(f.nodes[i].end_line == want[i][1]);
		}
	} else {
		unit_fail(__FILE__, __LINE__, "testfile-line did not parse");
	}
	arena_release(&a);
}

UNIT_TEST(parser_argument_columns)
{
	struct arena a = ARENA_INIT;
	struct df_file f;
	struct df_error e;

	CHECK(parse(&a, "FROM alpine AS build\n  COPY --chown=app:app src/ \\\n    /app/\n"
		     "ENV A=1 B=\"two words\"\nCMD [\"a\", \"b\"]\n", &f, &e) == 0);
	CHECK(f.nnodes == 4);
	CHECK(f.nodes[0].args[2].pos.col == 16);
	CHECK(f.nodes[1].start.line == 2 && f.nodes[1].start.col == 3);
	CHECK(f.nodes[1].flags[0].pos.col == 8);
	CHECK(f.nodes[1].args[0].pos.line == 2 && f.nodes[1].args[0].pos.col == 24);
	CHECK(f.nodes[1].args[1].pos.line == 3 && f.nodes[1].args[1].pos.col == 5);
	CHECK(f.nodes[1].end.line == 3);
	CHECK_STR(f.nodes[2].args[3].value, "B");
	CHECK(f.nodes[2].args[3].pos.col == 9);
	CHECK(f.nodes[2].args[4].pos.col == 11);
	CHECK(f.nodes[3].json && f.nodes[3].args[1].pos.col == 11);
	arena_release(&a);
}

UNIT_TEST(parser_heredocs)
{
	struct arena a = ARENA_INIT;
	struct df_file f;
	struct df_error e;

	CHECK(parse(&a, "FROM x\nRUN <<EOF\napt-get update\nEOF\n"
		     "COPY <<-'A' /a <<B /b\n\tone\n\tA\ntwo $x\nB\nONBUILD RUN <<X\nx\nX\nUSER me\n",
		     &f, &e) == 0);
	CHECK(f.nnodes == 5);
	CHECK(f.nodes[1].nheredocs == 1);
	CHECK_STR(f.nodes[1].heredocs[0].content, "apt-get update\n");
	CHECK(f.nodes[1].end_line == 4);
	CHECK(f.nodes[2].nheredocs == 2);
	CHECK(f.nodes[2].heredocs[0].chomp && !f.nodes[2].heredocs[0].expand);
	CHECK(f.nodes[2].heredocs[1].expand);
	CHECK_STR(f.nodes[2].heredocs[1].content, "two $x\n");
	CHECK(f.nodes[3].nheredocs == 1);
	CHECK(f.nodes[4].start.line == 13);
	CHECK(parse(&a, "FROM x\nRUN <<EOF\nnever ends\n", &f, &e) < 0);
	CHECK_STR(e.msg, "unterminated heredoc");
	CHECK(e.line == 2);
	arena_release(&a);
}

UNIT_TEST(parser_directives_and_bom)
{
	struct arena a = ARENA_INIT;
	struct df_file f;
	struct df_error e;

	CHECK(parse(&a, "\xef\xbb\xbf# Syntax=docker/dockerfile:1\n#ESCAPE=`\n# check=skip=all\n"
		     "FROM x\nRUN a `\n  b\n", &f, &e) == 0);
	CHECK(f.escape == '`');
	CHECK(f.ndirectives == 3);
	CHECK_STR(f.directives[0].name, "syntax");
	CHECK_STR(f.directives[2].value, "skip=all");
	CHECK_STR(f.nodes[1].args[0].value, "a   b");
	/* Not at the top: an ordinary comment. */
	CHECK(parse(&a, "FROM x\n# escape=`\nRUN a \\\n b\n", &f, &e) == 0);
	CHECK(f.escape == '\\' && f.ndirectives == 0);
	CHECK(parse(&a, "# escape=x\nFROM x\n", &f, &e) < 0);
	CHECK(parse(&a, "# escape=`\n# escape=\\\nFROM x\n", &f, &e) < 0);
	/* CRLF line endings. */
	CHECK(parse(&a, "FROM x\r\nRUN a \\\r\n b\r\n", &f, &e) == 0);
	CHECK_STR(f.nodes[1].args[0].value, "a  b");
	arena_release(&a);
}
