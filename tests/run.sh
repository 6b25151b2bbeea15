#!/usr/bin/env bash
# The test suite: golden tests through the real binary, BuildKit conformance
# data, the unit harness, and a fuzz corpus replay when fuzzers are built.
# usage: tests/run.sh BUILD_DIR [GOLDEN_GLOB]
#   UPDATE=1 rewrites the golden expectations of the cases it runs (review
#   the diff!). With GOLDEN_GLOB only the matching golden cases run ("image",
#   "image-engine", "image-self", "pre-commit" and "host" also run those
#   sections).
set -u
B=${1:-build}
only=${2:-}
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=$top/$B/seaworthy
SHARED=${SW_SHARED:-$top/../shared}
export NO_COLOR=1 SW_SHARED="$SHARED"
# Leak detection is on by default with ASan; make it explicit and fatal.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
pass=0 fail=0 skip=0
tmp=$(mktemp -d)
# Hermetic: the developer's own settings never reach a test. The user's
# config file is looked for under XDG_CONFIG_HOME (an empty folder here; a
# golden case with an xdg/ folder gets that instead), and HOME is only its
# fallback; the SEAWORTHY_* variables stand for flags.
export XDG_CONFIG_HOME=$tmp/xdg HOME=$tmp/home
mkdir -p "$HOME"
unset SEAWORTHY_FORMAT SEAWORTHY_FAIL_ON SEAWORTHY_CONFIG SEAWORTHY_BASELINE SEAWORTHY_IGNORE \
	SEAWORTHY_REQUIRE_REASONS
# The private test engines (tests/engine/dockerd.sh) this run starts are
# stopped when it ends: dockerd.sh notes each engine it launches in
# SW_ENGINES_STARTED. Engines that were already running are left alone.
export SW_ENGINES_STARTED=$tmp/engines-started
stop_engines() {
	local d
	[ -f "$SW_ENGINES_STARTED" ] || return 0
	while read -r d; do
		SW_DOCKERD_DIR=$d "$top/tests/engine/dockerd.sh" stop
	done <"$SW_ENGINES_STARTED"
}
trap 'stop_engines; rm -rf "$tmp"' EXIT

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "SKIP $*"; }

# Runs the binary in a case directory; output and exit status in one file.
# A case's `stdin` file, if any, is its standard input; its `xdg` folder, if
# any, is XDG_CONFIG_HOME (the user's config); its `env` file, if any, holds
# NAME=value lines added to the environment (for variables only the shell
# can set, such as COMPOSE_DISABLE_ENV_FILE). @OUT@ in the args names a
# scratch folder; the files written there are appended to the output.
run_case() { # dir outfile args...
	local dir=$1 out=$2 in=/dev/null xdg=$XDG_CONFIG_HOME a args=() vars=(); shift 2
	[ -f "$dir/stdin" ] && in=$dir/stdin
	[ -d "$dir/xdg" ] && xdg=$dir/xdg
	[ -f "$dir/env" ] && mapfile -t vars < <(grep -v '^[[:space:]]*$' "$dir/env")
	rm -rf "$tmp/o"; mkdir -p "$tmp/o"
	for a in "$@"; do args+=("${a//@OUT@/$tmp/o}"); done
	(cd "$dir" && env "${vars[@]}" XDG_CONFIG_HOME="$xdg" "$BIN" "${args[@]}" <"$in" >"$out" 2>&1; echo "[exit $?]" >>"$out")
	for a in "$tmp"/o/*; do
		[ -f "$a" ] || continue
		echo "== @OUT@/${a##*/}" >>"$out"; cat "$a" >>"$out"
	done
}

# 1. Golden tests: tests/golden/CASE/{args,expected.lint|expected.txt,expected.json}.
for dir in "$top"/tests/golden/${only:-*}/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	# A case's `needs` file names the programs it runs (shellcheck for
	# SW0032), one a line: without one of them, the case is skipped.
	if [ -f "$dir/needs" ]; then
		miss=
		while read -r prog; do
			[ -z "$prog" ] || command -v "$prog" >/dev/null 2>&1 || miss=$prog
		done <"$dir/needs"
		if [ -n "$miss" ]; then skipped "golden/$name: $miss absent (apt-get install $miss)"; continue; fi
	fi
	read -r -a args <"$dir/args" 2>/dev/null || args=(check .)
	[ ${#args[@]} -gt 0 ] || args=(check .)
	# expected.lint: one line per finding (tests/tools/lint.py), for rule
	# cases; expected.txt: the text report, for layout and other commands.
	for fmt in lint txt json; do
		exp=$dir/expected.$fmt
		[ -f "$exp" ] || [ "$fmt" = txt -a ! -f "$dir/expected.lint" ] || continue
		if [ "$fmt" != txt ] && [ "${args[0]}" != check ]; then continue; fi
		if [ "$fmt" != txt ]; then extra=(--format json); else extra=(); fi
		run_case "$dir" "$tmp/out" "${args[@]}" "${extra[@]}"
		[ "$fmt" = lint ] && python3 "$top/tests/tools/lint.py" "$tmp/out"
		# SARIF holds the whole rule catalogue, which every rule edit changes:
		# its golden files keep the rules with results (section 9 checks all).
		case $name in *sarif*) python3 "$top/tests/tools/sarif-trim.py" "$tmp/out" ;; esac
		if [ -n "${UPDATE:-}" ]; then cp "$tmp/out" "$exp"; fi
		if diff -u "$exp" "$tmp/out" >"$tmp/diff" 2>&1; then ok; else bad "golden/$name ($fmt)"; head -40 "$tmp/diff"; fi
	done
done

# The same trees with one thread and with three: the workers of check must
# not change a byte of the report (the golden cases above run them with -j3).
if [ -z "$only" ]; then
	for name in check-jobs-many check-jobs-compose; do
		for fmt in text json; do
			(cd "$top/tests/golden/$name" && "$BIN" check --jobs 1 --format $fmt . >"$tmp/j1" 2>&1
			 "$BIN" check --jobs 3 --format $fmt . >"$tmp/j3" 2>&1)
			if cmp -s "$tmp/j1" "$tmp/j3" && [ -s "$tmp/j1" ]; then ok
			else bad "$name: --jobs 1 and --jobs 3 report differently ($fmt)"; diff "$tmp/j1" "$tmp/j3" | head -10; fi
		done
	done
fi

# Config per input: each file is judged by the nearest .seaworthy.yaml, so
# the order of the paths changes nothing (golden/cfg-nested runs `b a`), and
# each finding fails the run by its own config's fail-on.
if [ -z "$only" ]; then
	d=$top/tests/golden/cfg-nested
	for fmt in text json; do
		(cd "$d" && "$BIN" check --format $fmt a b >"$tmp/ab" 2>&1; echo "[exit $?]" >>"$tmp/ab"
		 "$BIN" check --format $fmt b a >"$tmp/ba" 2>&1; echo "[exit $?]" >>"$tmp/ba")
		if cmp -s "$tmp/ab" "$tmp/ba" && grep -q SW0001 "$tmp/ab"; then ok
		else bad "check a b and check b a report differently ($fmt)"; diff "$tmp/ab" "$tmp/ba" | head -10; fi
	done
	(cd "$d" && "$BIN" check --select SW0001,SW0003,SW0201 a >/dev/null 2>&1); ra=$?
	(cd "$d" && "$BIN" check --select SW0001,SW0003,SW0201 b >/dev/null 2>&1); rb=$?
	if [ $ra -eq 0 ] && [ $rb -eq 1 ]; then ok
	else bad "fail-on per input: a/ (fail-on: error, warnings) exit $ra, b/ (errors) exit $rb"; fi
	# The user's file: $XDG_CONFIG_HOME/seaworthy/config.yaml, else
	# ~/.config/seaworthy/config.yaml (a relative XDG_CONFIG_HOME is
	# ignored, as the XDG specification says); one its group may write is
	# skipped with a note, as a project's is.
	h=$tmp/uhome; mkdir -p "$h/.config/seaworthy" "$tmp/utree"
	printf 'FROM debian:latest\nUSER 1000\nCMD ["app"]\n' >"$tmp/utree/Dockerfile"
	printf 'ignore: [SW0001]\n' >"$h/.config/seaworthy/config.yaml"
	(cd "$tmp/utree" && env -u XDG_CONFIG_HOME HOME=$h "$BIN" check --select SW0001 . >"$tmp/u1" 2>&1; echo "[exit $?]" >>"$tmp/u1"
	 XDG_CONFIG_HOME=relative HOME=$h "$BIN" check --select SW0001 . >"$tmp/u2" 2>&1; echo "[exit $?]" >>"$tmp/u2"
	 XDG_CONFIG_HOME=$tmp/xdg HOME=$h "$BIN" check --select SW0001 . >"$tmp/u3" 2>&1; echo "[exit $?]" >>"$tmp/u3")
	if grep -q '^0 findings' "$tmp/u1" && grep -q '^0 findings' "$tmp/u2" && grep -q SW0001 "$tmp/u3"; then ok
	else bad "the user's config under HOME"; head -5 "$tmp/u1" "$tmp/u2" "$tmp/u3"; fi
	chmod 0664 "$h/.config/seaworthy/config.yaml"
	(cd "$tmp/utree" && env -u XDG_CONFIG_HOME HOME=$h "$BIN" check --select SW0001 . >"$tmp/u4" 2>&1)
	if grep -q SW0001 "$tmp/u4" && grep -q 'config.yaml: note: user configuration not read: writable by its group' "$tmp/u4"; then ok
	else bad "a group-writable user config is obeyed"; head -5 "$tmp/u4"; fi
fi

# Image layer: fixtures built here from tests/image/ (tar, gzip, zstd; no
# engine), each case's `args` run in the fixture folder (or the subfolder
# its `cwd` file names) against expected.txt.
if [ -z "$only" ] || [ "$only" = image ]; then
	if "$top/tests/image/build-fixtures.sh" "$tmp/img" >"$tmp/imgbuild" 2>&1; then
		ok
		for dir in "$top"/tests/image/*/; do
			[ -f "$dir/args" ] || continue
			name=$(basename "$dir")
			read -r -a args <"$dir/args"
			sub=.; [ -f "$dir/cwd" ] && read -r sub <"$dir/cwd"
			(cd "$tmp/img/$sub" && timeout 60 "$BIN" "${args[@]}" >"$tmp/out" 2>&1; echo "[exit $?]" >>"$tmp/out")
			if [ -n "${UPDATE:-}" ]; then cp "$tmp/out" "$dir/expected.txt"; fi
			if diff -u "$dir/expected.txt" "$tmp/out" >"$tmp/diff" 2>&1; then ok; else bad "image/$name"; head -40 "$tmp/diff"; fi
		done
	else
		bad "tests/image/build-fixtures.sh"; tail -20 "$tmp/imgbuild"
	fi
fi

# Image layer against a real engine: images built in the private test engine
# (tests/engine/dockerd.sh), checked by name and as docker save archives
# against tests/image-engine/CASE/expected.*. No engine (77) is a skip.
if [ -z "$only" ] || [ "$only" = image-engine ]; then
	"$top/tests/image-engine/run.sh" "$BIN" >"$tmp/ie" 2>&1; rc=$?
	if [ $rc -eq 77 ]; then
		skipped "image-engine: $(tail -1 "$tmp/ie")"
	else
		pass=$((pass + $(grep -c '^ok ' "$tmp/ie")))
		[ $rc -eq 0 ] || { bad "image-engine (exit $rc)"; grep -v '^ok ' "$tmp/ie" | head -60; }
	fi
fi

# seaworthy's own image (Dockerfile's final stage, tests/image-self/run.sh)
# on the private engine, run against examples/webapp and the engine's socket.
if [ -z "$only" ] || [ "$only" = image-self ]; then
	"$top/tests/image-self/run.sh" "$BIN" >"$tmp/is" 2>&1; rc=$?
	if [ $rc -eq 77 ]; then
		skipped "image-self: $(tail -1 "$tmp/is")"
	else
		pass=$((pass + $(grep -c '^ok ' "$tmp/is")))
		while read -r _ rest; do skipped "image-self: $rest"; done < <(grep '^SKIP ' "$tmp/is")
		[ $rc -eq 0 ] || { bad "image-self (exit $rc)"; grep -v '^ok ' "$tmp/is" | head -60; }
	fi
fi
# The pre-commit hooks through pre-commit try-repo (tests/pre-commit/run.sh).
if [ -z "$only" ] || [ "$only" = pre-commit ]; then
	"$top/tests/pre-commit/run.sh" "$BIN" >"$tmp/pc" 2>&1; rc=$?
	if [ $rc -eq 77 ]; then
		skipped "pre-commit: $(tail -1 "$tmp/pc")"
	else
		pass=$((pass + $(grep -c '^ok ' "$tmp/pc")))
		[ $rc -eq 0 ] || { bad "pre-commit (exit $rc)"; grep -v '^ok ' "$tmp/pc" | head -60; }
	fi
fi
# seaworthy's own Dockerfile passes its own check: no finding at all.
if [ -z "$only" ]; then
	(cd "$top" && "$BIN" check --fail-on info Dockerfile >"$tmp/out" 2>&1); rc=$?
	if [ $rc -eq 0 ] && grep -q '^0 findings' "$tmp/out"; then ok
	else bad "seaworthy check Dockerfile (exit $rc)"; grep -E '^[^ ].*(error|warning|info)\[' "$tmp/out" | head; fi
fi

summary() { echo; echo "$pass passed, $fail failed, $skip skipped"; [ $fail -eq 0 ]; }
# GOLDEN_GLOB "host" also runs the host section below.
if [ -n "$only" ] && [ "$only" != host ]; then summary; exit; fi

# seaworthy live against recorded Engine API answers (tests/live/replay.py):
# no engine and no root needed.
# Its SARIF, JUnit, Checkstyle and GitLab reports go to section 9's validators.
mkdir -p "$tmp/replay" "$tmp/fmt"
if SW_REPLAY_FORMATS=$tmp/fmt python3 "$top/tests/live/replay.py" "$BIN" "$tmp/replay" >"$tmp/replay.out" 2>&1; then ok
else bad "live replay"; head -40 "$tmp/replay.out"; fi

# The lexicon: every entry changes what is reported (tests/lexicon/probe.py;
# the unit test lexicon_lists checks the lists against tests/lexicon/*.txt).
mkdir -p "$tmp/probe"
if python3 "$top/tests/lexicon/probe.py" "$BIN" "$tmp/probe" >"$tmp/probe.out" 2>&1; then ok
else bad "lexicon probes"; head -20 "$tmp/probe.out"; fi

# One reader, one limit: a Dockerfile over 4 MiB is refused alike by check
# and parse (parse took 64 MiB, check 4), and so is a compose file.
d=$tmp/big; mkdir -p "$d"
{ printf 'FROM debian:12\n'; head -c 4300000 /dev/zero | tr '\0' 'x' | fold -w 100 | sed 's/^/# /'; } >"$d/Dockerfile"
cp "$d/Dockerfile" "$d/compose.yaml"
(cd "$d" && "$BIN" check Dockerfile >"$tmp/big1" 2>&1; echo "[exit $?]" >>"$tmp/big1"
 "$BIN" parse --dump Dockerfile >"$tmp/big2" 2>&1; echo "[exit $?]" >>"$tmp/big2"
 "$BIN" config -f compose.yaml >"$tmp/big3" 2>&1; echo "[exit $?]" >>"$tmp/big3")
if grep -q 'Dockerfile: error: cannot read: file too large (limit 4 MiB)' "$tmp/big1" && grep -q 'exit 2' "$tmp/big1" &&
   grep -q 'file too large (limit 4 MiB)' "$tmp/big2" && grep -q 'exit 2' "$tmp/big2" &&
   grep -q 'file too large (limit 4 MiB)' "$tmp/big3" && grep -q 'exit 2' "$tmp/big3"; then ok
else bad "the 4 MiB limit is not the same for check, parse and config"; head -3 "$tmp/big1" "$tmp/big2" "$tmp/big3"; fi

# An entry script over the limit (10 MB) is not followed, with a note, and
# the rest is checked (tests/golden/entry-bad-input has the other bad
# scripts; git cannot hold this one).
d=$tmp/bigscript; mkdir -p "$d"
printf 'FROM alpine:3.20\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n' >"$d/Dockerfile"
{ printf '#!/bin/sh\n'; head -c 10000000 /dev/zero | tr '\0' 'x' | fold -w 100 | sed 's/^/echo /'; } >"$d/start.sh"
(cd "$d" && timeout 60 "$BIN" check --select SW0201,SW0702 . >"$tmp/bigscript.out" 2>&1; echo "[exit $?]" >>"$tmp/bigscript.out")
if grep -q '^start.sh: note: not followed (CMD runs it): file too large (limit 4 MiB)' "$tmp/bigscript.out" &&
   grep -q 'SW0201' "$tmp/bigscript.out" && grep -q 'exit 1' "$tmp/bigscript.out" &&
   ! grep -q 'Sanitizer' "$tmp/bigscript.out"; then ok
else bad "a 10 MB entry script"; head -5 "$tmp/bigscript.out"; fi

# Discovery: names that count, and folders that are skipped. Built here
# because git cannot hold a nested .git folder.
d=$tmp/tree
mkdir -p "$d/.git" "$d/node_modules/x" "$d/vendor" "$d/a" "$d/b/c" "$d/docs"
for f in .git/Dockerfile node_modules/x/Dockerfile vendor/Dockerfile Dockerfile a/Dockerfile.prod \
	 b/api.Dockerfile b/c/web.dockerfile Containerfile docs/Dockerfile-notes docs/notes.txt; do
	printf 'FROM scratch\nCOPY app /app\nCMD ["/app"]\n' >"$d/$f"
done
(cd "$d" && "$BIN" check --select SW0201 --format json . >"$tmp/disc.json" 2>&1)
python3 - "$tmp/disc.json" >"$tmp/disc" <<'PY'
import json, sys
print("\n".join(sorted({f["file"] for f in json.load(open(sys.argv[1]))["findings"]})))
PY
printf '%s\n' Containerfile Dockerfile a/Dockerfile.prod b/api.Dockerfile b/c/web.dockerfile >"$tmp/disc.want"
if diff -u "$tmp/disc.want" "$tmp/disc" >"$tmp/diff"; then ok; else bad "discovery"; cat "$tmp/diff"; fi
# A walk follows no directory symlink (no loop) and opens nothing that is
# not a regular file: a FIFO named Dockerfile would block forever. What it
# passed over is an input error, as when named; the rest is checked.
d=$tmp/tree2; mkdir -p "$d/sub"; ln -s .. "$d/sub/loop"; mkfifo "$d/sub/Dockerfile"
printf 'FROM scratch\n' >"$d/Dockerfile"; printf 'FROM scratch\n' >"$d/base.txt"
ln -s ../base.txt "$d/sub/Containerfile"
(cd "$d" && timeout 20 "$BIN" check --select SW0201 --format json . >"$tmp/disc2.json" 2>/dev/null); rc=$?
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(sorted({f["file"] for f in d["findings"]})), "|", " ".join("%s: %s" % (n["file"], n["message"]) for n in d.get("errors", [])))' "$tmp/disc2.json" 2>&1)
if [ $rc -eq 2 ] && [ "$got" = "Dockerfile sub/Containerfile | sub/Dockerfile: cannot read: a FIFO, not a regular file" ]; then ok
else bad "discovery of symlinks and a FIFO (exit $rc): $got"; fi
# Nothing passed over silently: a link to /dev/zero, a dangling and a
# looping symlink, a FIFO compose file are each an input error and never
# opened (timeout); the other files are still checked.
d=$tmp/tree3; mkdir -p "$d/zero" "$d/dangling" "$d/loop" "$d/fifo" "$d/cdangling"
ln -s /dev/zero "$d/zero/Dockerfile"; ln -s nowhere "$d/dangling/Containerfile"
ln -s Dockerfile "$d/loop/Dockerfile"; mkfifo "$d/fifo/compose.yaml"
ln -s missing.yaml "$d/cdangling/docker-compose.yml"
printf 'FROM scratch\n' >"$d/Dockerfile"
(cd "$d" && timeout 20 "$BIN" check --select SW0201 . >"$tmp/disc3.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q '^Dockerfile:1:1: error\[SW0201\]' "$tmp/disc3.out" &&
   grep -q '^zero/Dockerfile: error: cannot read: a symlink to a device' "$tmp/disc3.out" &&
   grep -q '^dangling/Containerfile: error: cannot read: a dangling symlink' "$tmp/disc3.out" &&
   grep -q '^loop/Dockerfile: error: cannot read: a symlink that loops' "$tmp/disc3.out" &&
   grep -q '^fifo/compose.yaml: error: cannot read: a FIFO' "$tmp/disc3.out" &&
   grep -q '^cdangling/docker-compose.yml: error: cannot read: a dangling symlink' "$tmp/disc3.out"
then ok; else bad "discovery errors for files that are no regular file (exit $rc)"; cat "$tmp/disc3.out"; fi
# Named on the command line, a FIFO is an input error, and is not waited on.
(cd "$d" && timeout 20 "$BIN" check fifo/compose.yaml >"$tmp/disc4.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q 'fifo/compose.yaml.*not a regular file' "$tmp/disc4.out"; then ok
else bad "a FIFO named (exit $rc)"; head -5 "$tmp/disc4.out"; fi
# Limits that stop a walk are input errors: a Dockerfile 66 folders down;
# 5,001 scripts (and a script 30 folders down is read: no limit of its own).
d=$tmp/tree4; p=$d; for i in $(seq 66); do p=$p/d; done; mkdir -p "$p"
printf 'FROM scratch\n' >"$p/Dockerfile"; printf 'FROM scratch\nUSER 1000\n' >"$d/Dockerfile"
(cd "$d" && timeout 20 "$BIN" check . >"$tmp/deep.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q '^d/d/.*: error: not searched: folders nested deeper than 64 levels (limit 64)' "$tmp/deep.out"
then ok; else bad "a walk cut at 64 levels (exit $rc)"; grep error "$tmp/deep.out" | cut -c1-200; fi
d=$tmp/tree5; p=$d; for i in $(seq 30); do p=$p/s; done; mkdir -p "$p" "$d/many"
printf 'services:\n  db:\n    image: postgres:16\n    restart: always\n' >"$d/compose.yaml"
printf '#!/bin/sh\ndocker run -d --name db postgres:16\n' >"$p/deploy.sh"
(cd "$d" && timeout 60 "$BIN" check --select SW0602 . >"$tmp/sdeep.out" 2>&1)
(cd "$d/many" && for i in $(seq 5001); do : >"s$i.sh"; done)
(cd "$d" && timeout 60 "$BIN" check --select SW0602 . >"$tmp/smany.out" 2>&1); rc=$?
if grep -q '^s/s/.*deploy.sh:2' "$tmp/sdeep.out" && [ $rc -eq 2 ] &&
   grep -q 'error: not read: too many scripts (limit 5000): this one and 1 more are not checked' "$tmp/smany.out"
then ok; else bad "scripts deep and many (exit $rc)"; cut -c1-200 "$tmp/sdeep.out" "$tmp/smany.out" | grep -v '^ ' | head; fi

# Confinement: nothing outside the checked tree (the folders named, the
# folders of files named, the working directory) or inside .git is read,
# so a committed symlink or path quotes nothing of its target.
d=$tmp/conf; mkdir -p "$d/out" "$d/cwd/proj/.git" "$d/cwd/proj/sub" "$d/cwd/proj/inc"
printf 'root:$6$secrethash:19000:0:99999:7:::\n' >"$d/out/secret.txt"
printf 'deploy:$6$secrethash2:19000:0:99999:7:::\n' >"$d/out/other.txt"
printf '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0aGVhZGVy\n' >"$d/cwd/proj/.git/config"
ln -s ../../out/secret.txt "$d/cwd/proj/Dockerfile"
ln -s ../.git/config "$d/cwd/proj/sub/Dockerfile"
printf 'include:\n  - %s\n' "$d/out/secret.txt" >"$d/cwd/proj/inc/compose.yaml"
printf 'services:\n  web:\n    build:\n      context: ../../out\n      dockerfile: other.txt\n    restart: always\n' \
	>"$d/cwd/proj/compose.yaml"
for fmt in text sarif; do
	(cd "$d/cwd" && timeout 20 "$BIN" check --format $fmt proj >"$tmp/conf.$fmt" 2>&1); echo $? >>"$tmp/conf.rc"
done
(cd "$d/cwd/proj" && timeout 20 "$BIN" check Dockerfile >"$tmp/conf.named" 2>&1); echo $? >>"$tmp/conf.rc"
if [ "$(tr '\n' ' ' <"$tmp/conf.rc")" = "2 2 2 " ] &&
   ! grep -q 'secrethash\|c2VjcmV0aGVhZGVy\|AUTHORIZATION' "$tmp/conf.text" "$tmp/conf.sarif" "$tmp/conf.named" &&
   grep -q '^proj/Dockerfile: error: cannot read: it leads out of the checked tree (not read)' "$tmp/conf.text" &&
   grep -q '^proj/sub/Dockerfile: error: cannot read: it leads out of the checked tree' "$tmp/conf.text" &&
   grep -q '^proj/inc/compose.yaml:2:5: error: cannot read .*secret.txt: it leads out of the checked tree' "$tmp/conf.text" &&
   grep -q '^\.\./out/other.txt: error: cannot read: it leads out of the checked tree' "$tmp/conf.text" &&
   grep -q '^Dockerfile: error: cannot read: it leads out of the checked tree' "$tmp/conf.named"
then ok; else bad "confinement to the checked tree"; cat "$tmp/conf.rc" "$tmp/conf.text" "$tmp/conf.named"; fi
# Values from the process environment are shown as ${NAME}, never as they
# are; those of the tree's .env are shown.
d=$tmp/penv; mkdir -p "$d"
printf 'services:\n  web:\n    image: ${MY_SECRET_TOKEN}\n    restart: always\n  db:\n    image: ${DB_IMAGE}\n    restart: always\n' >"$d/compose.yaml"
printf 'DB_IMAGE=postgres:latest\n' >"$d/.env"
for fmt in text json sarif; do
	(cd "$d" && MY_SECRET_TOKEN=hunter2secret:latest timeout 20 "$BIN" check --format $fmt . >"$tmp/penv.$fmt" 2>&1)
done
if ! grep -q 'hunter2secret' "$tmp/penv.text" "$tmp/penv.json" "$tmp/penv.sarif" &&
   grep -q 'service web uses image ${MY_SECRET_TOKEN}: latest' "$tmp/penv.text" &&
   grep -q 'service db uses image postgres:latest' "$tmp/penv.text"
then ok; else bad "process environment values in messages"; grep -n 'uses image' "$tmp/penv.text"; fi

# Baselines: known findings stay known when lines are inserted above them;
# a new finding of the same rule in the same file is still reported.
d=$tmp/bl; mkdir -p "$d"
printf 'FROM debian:12\nADD a.txt /a.txt\nUSER 1000\n' >"$d/Dockerfile"
bl() { (cd "$d" && "$BIN" check --select SW0002 --format json "$@" >"$tmp/bl.json" 2>&1); }
count() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]), d.get("baseline_known", "-"))' "$tmp/bl.json"; }
bl --write-baseline base.json; r1=$?
bl --baseline base.json; r2=$?; c2=$(count)
printf 'FROM debian:12\n# a comment\nARG X=1\n\nADD a.txt /a.txt\nUSER 1000\n' >"$d/Dockerfile"
bl --baseline base.json; r3=$?; c3=$(count)
printf 'FROM debian:12\nARG X=1\nADD a.txt /a.txt\nADD b.txt /b.txt\nUSER 1000\n' >"$d/Dockerfile"
bl --baseline base.json; r4=$?; c4=$(count)
(cd "$d" && "$BIN" check --select SW0002 --baseline base.json . >"$tmp/bl.txt" 2>&1)
if [ "$r1 $r2 $c2 $r3 $c3 $r4 $c4" = "0 0 0 1 0 0 1 1 1 1" ] && grep -q 'b.txt' "$tmp/bl.txt" &&
   grep -q '1 known from the baseline' "$tmp/bl.txt"; then ok
else bad "baseline (got: $r1 $r2 $c2 $r3 $c3 $r4 $c4)"; cat "$tmp/bl.txt"; fi
(cd "$d" && printf 'nope' >bad.json && "$BIN" check --baseline bad.json . >"$tmp/bl.txt" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q 'bad.json' "$tmp/bl.txt"; then ok; else bad "baseline: bad file (exit $rc)"; fi

# Host: the Docker socket's owner, mode and ACL, and an unreadable sudoers.
# Owners and modes cannot be committed, so these trees are built here, with
# a real unix socket; they need root (chown) and are skipped without it.
# A stand-in engine (tests/engine/fake-engine.py SOCKET DIR [VERSION]) in the
# background, its pid in $fpid, once its socket is there.
fake_engine() {
	python3 "$top/tests/engine/fake-engine.py" "$@" & fpid=$!
	for _ in $(seq 50); do [ -S "$1" ] && break; sleep 0.1; done
}
host_tree() { # dir
	rm -rf "$1"; mkdir -p "$1/etc/sudoers.d" "$1/var/run"
	printf 'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n' >"$1/etc/passwd"
	printf 'root:x:0:\nalice:x:1000:\ndocker:x:999:alice\n' >"$1/etc/group"
}
host_ids() { # dir args... -> the rule ids found, comma-separated
	local d=$1; shift
	"$BIN" host --root "$d" --user alice --format json "$@" 2>&1 |
		python3 -c 'import json,sys; print(",".join(f["rule"] for f in json.load(sys.stdin)["findings"]))' 2>&1
}
if [ "$(id -u)" = 0 ]; then
	for c in 0660:0:999: 0640:0:999: 0600:0:0: 0666:0:999:SW0105 0770:0:999:SW0105 \
		 0661:0:999:SW0105 0660:1000:999:SW0105 0660:0:1000:SW0105 2660:0:999:SW0105; do
		IFS=: read -r mode uid gid want <<<"$c"
		d=$tmp/hs; host_tree "$d"
		python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$d/var/run/docker.sock"
		chmod "$mode" "$d/var/run/docker.sock"; chown "$uid:$gid" "$d/var/run/docker.sock"
		got=$(host_ids "$d" --select SW0105,SW0106)
		if [ "$got" = "$want" ]; then ok; else bad "host socket $mode $uid:$gid: got '$got', want '$want'"; fi
	done
	# var/run is a link to the host's /run in a real tree: never followed.
	d=$tmp/hs; host_tree "$d"; rmdir "$d/var/run"; ln -s /run "$d/var/run"; mkdir -p "$d/run"
	: >"$d/run/docker.sock"; chmod 0666 "$d/run/docker.sock"
	got=$(host_ids "$d" --select SW0105)
	if [ "$got" = SW0105 ]; then ok; else bad "host socket behind var/run link: got '$got'"; fi
	d=$tmp/hs; host_tree "$d"
	python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$d/var/run/docker.sock"
	chmod 0660 "$d/var/run/docker.sock"; chown 0:999 "$d/var/run/docker.sock"
	if command -v setfacl >/dev/null 2>&1 && setfacl -m u:1234:rw,g:999:rw "$d/var/run/docker.sock" 2>/dev/null; then
		got=$(host_ids "$d" --select SW0105,SW0106)
		if [ "$got" = SW0106 ]; then ok; else bad "host socket ACL: got '$got', want 'SW0106'"; fi
	else
		skipped "host socket ACL: setfacl absent or unsupported here (apt-get install acl)"
	fi
	# A sudoers only root can read: "unchecked: needs root", no guess.
	d=$tmp/hsu; host_tree "$d"; chmod 0755 "$tmp"
	printf 'alice ALL=(ALL) NOPASSWD: ALL\n' >"$d/etc/sudoers"; chmod 0440 "$d/etc/sudoers"
	if command -v setpriv >/dev/null 2>&1; then
		got=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" host --root "$d" --user alice \
			--select SW0102,SW0107 --format json 2>&1 | python3 -c 'import json,sys; d=json.load(sys.stdin); print(",".join(f["rule"] + ":" + f["message"] for f in d["findings"]))' 2>&1)
		case $got in "SW0107:sudo rights of alice unchecked: needs root ("*) ok ;;
		*) bad "host unreadable sudoers: got '$got'" ;; esac
	else
		skipped "host unreadable sudoers: setpriv absent"
	fi
	got=$(host_ids "$d" --select SW0102,SW0107)
	if [ "$got" = SW0102 ]; then ok; else bad "host sudoers as root: got '$got'"; fi
	# Rootless Docker known only from the engine's security options: a
	# stand-in engine on DOCKER_HOST says name=rootless, or does not.
	fe=$tmp/fe; mkdir -p "$fe/rootless" "$fe/rootful"
	echo '{"SecurityOptions":["name=seccomp,profile=default","name=rootless"]}' >"$fe/rootless/info.json"
	echo '{"SecurityOptions":["name=seccomp,profile=default"]}' >"$fe/rootful/info.json"
	for c in rootless: rootful:SW0104; do
		IFS=: read -r kind want <<<"$c"
		fake_engine "$fe/$kind.sock" "$fe/$kind"
		got=$(SUDO_USER=nobody XDG_RUNTIME_DIR=$fe DOCKER_HOST=unix://$fe/$kind.sock "$BIN" host \
			--select SW0104 --format json 2>&1 |
			python3 -c 'import json,sys; print(",".join(f["rule"] for f in json.load(sys.stdin)["findings"]))' 2>&1)
		kill $fpid 2>/dev/null; wait $fpid 2>/dev/null
		if [ "$got" = "$want" ] && grep -q 'GET /v1.41/info' "$fe/$kind.log"; then ok
		else bad "host rootless from the engine's security options ($kind): got '$got'"; fi
	done
else
	skipped "host sockets: building owned fixtures needs root"
fi
# The engine client against a stand-in engine: the API version comes from
# /_ping (never hard-coded), none means unversioned paths, and answers that
# are not JSON are an input error (exit 2), never a crash.
fe=$tmp/fe2; mkdir -p "$fe/v144" "$fe/none" "$fe/bad"
echo '[]' >"$fe/v144/containers_json_all=1.json"; cp "$fe/v144/containers_json_all=1.json" "$fe/none/"
printf '[{"Id": "abc", "Names": ["/x"' >"$fe/bad/containers_json_all=1.json"
for c in v144:1.44:0:'GET /v1.44/containers/json?all=1' none::0:'GET /containers/json?all=1' \
	 bad:1.41:2:'GET /v1.41/containers/json?all=1'; do
	IFS=: read -r kind ver want line <<<"$c"
	fake_engine "$fe/$kind.sock" "$fe/$kind" "$ver"
	"$BIN" live --host "unix://$fe/$kind.sock" >"$tmp/fe.out" 2>&1; rc=$?
	kill $fpid 2>/dev/null; wait $fpid 2>/dev/null
	if [ $rc -eq "$want" ] && grep -qF "$line HTTP" "$fe/$kind.log" &&
	   { [ "$kind" != bad ] || grep -q 'not JSON' "$tmp/fe.out"; }; then ok
	else bad "live against a stand-in engine ($kind): exit $rc"; head -5 "$tmp/fe.out"; cat "$fe/$kind.log"; fi
done

# Findings without a file name the host and the user (JSON target, SARIF
# logical location); file findings keep the documented shape.
d=$top/tests/golden/host-sudoers-nopasswd-all
if python3 - "$BIN" "$d" >"$tmp/err" 2>&1 <<'PY'; then ok; else bad "host: JSON target and SARIF location"; head -5 "$tmp/err"; fi
import json, subprocess, sys
b, d = sys.argv[1], sys.argv[2]
run = lambda f: json.loads(subprocess.run([b, "host", "--root", d, "--user", "alice", "--format", f],
                                          capture_output=True).stdout)
fs = run("json")["findings"]
host = [f for f in fs if f["file"] is None]
assert host and all(f["target"] == {"kind": "host", "name": d, "user": "alice"} for f in host), host
assert all("target" not in f for f in fs if f["file"] is not None)
assert any(f["rule"] == "SW0102" and f["severity"] == "error" and f["file"].endswith("/etc/sudoers") for f in fs)
res = run("sarif")["runs"][0]["results"]
assert any(r["locations"][0].get("logicalLocations", [{}])[0].get("name") == d for r in res), res
PY

# Baselines flow through host (and image, which shares the code).
hd=$top/tests/golden/host-daemon-defaults
if [ -d "$hd" ]; then
	read -r -a hargs <"$hd/args"
	(cd "$hd" && "$BIN" "${hargs[@]}" --write-baseline "$tmp/hb.json" >/dev/null 2>&1); r1=$?
	(cd "$hd" && "$BIN" "${hargs[@]}" --baseline "$tmp/hb.json" >"$tmp/hb.txt" 2>&1); r2=$?
	if [ $r1 -eq 0 ] && [ $r2 -eq 0 ] && grep -q 'known from the baseline' "$tmp/hb.txt" &&
	   grep -q '^0 findings' "$tmp/hb.txt"; then ok
	else bad "host baseline ($r1 $r2)"; tail -3 "$tmp/hb.txt"; fi
fi

if [ -n "$only" ]; then summary; exit; fi

# 2. BuildKit conformance: dumps byte for byte, negative cases rejected.
cb=$SHARED/conformance/buildkit/parser
if [ -d "$cb" ]; then
	for dir in "$cb"/testfiles/*/; do
		name=$(basename "$dir")
		if "$BIN" parse --dump "$dir/Dockerfile" >"$tmp/dump" 2>"$tmp/err" &&
		   diff -u "$dir/result" "$tmp/dump" >"$tmp/diff"; then ok
		else bad "conformance/$name"; head -20 "$tmp/diff" "$tmp/err"; fi
	done
	for dir in "$cb"/testfiles-negative/*/; do
		name=$(basename "$dir")
		"$BIN" parse --dump "$dir/Dockerfile" >"$tmp/dump" 2>"$tmp/err"; rc=$?
		if [ $rc -eq 2 ] && grep -q 'error' "$tmp/err"; then ok
		else bad "conformance-negative/$name (exit $rc)"; fi
	done
else
	skipped "conformance: $SHARED/conformance absent"
fi

# 3. Unit harness (includes shell expansion tables and parser line data).
if [ -x "$top/$B/unit-tests" ]; then
	if "$top/$B/unit-tests" >"$tmp/unit" 2>&1; then ok; else bad "unit-tests"; grep -v '^ok ' "$tmp/unit" | head -40; fi
	grep -E '^(SKIP)' "$tmp/unit" || true
fi

# Every message is under 200 characters (issue "Calibrate every rule"):
# what is longer (how the place is reached, the services that override it)
# goes in via, the rest in explain. Over every golden JSON expectation.
long=$(python3 - "$top/tests" <<'PY'
import glob, json, sys
for p in sorted(glob.glob(sys.argv[1] + "/*/*/expected.json")):
    try:
        d = json.load(open(p))
    except ValueError:
        continue
    for f in d.get("findings", []) if isinstance(d, dict) else []:
        if len(f.get("message", "")) >= 200:
            print("%s: %s %d characters" % (p[len(sys.argv[1]) + 1:], f["rule"], len(f["message"])))
PY
)
if [ -z "$long" ]; then ok; else bad "messages of 200 characters or more:"; echo "$long" | head; fi

# Real repositories (../shared/projects): what ships, purposes, grouping;
# the counts per project as reviewed (tests/realworld/projects.counts).
if [ -d "$SHARED/projects" ]; then
	if python3 "$top/tests/realworld/projects.py" "$BIN" "$SHARED" >"$tmp/rw" 2>&1; then ok
	else bad "realworld projects"; grep -E '^FAIL' "$tmp/rw" | head -20; fi
else
	skipped "realworld projects: $SHARED/projects absent"
fi

# 4. Crash sweep over the shared corpus: exit 0, 1 or 2, never a crash.
corpus=$SHARED/corpus/dockerfiles
if [ -d "$corpus" ]; then
	mapfile -t files < <(find "$corpus" -type f | LC_ALL=C sort)
	timeout 900 "$BIN" check --format json "${files[@]}" >"$tmp/sweep.json" 2>"$tmp/sweep.err"
	rc=$?
	if [ $rc -le 2 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/sweep.json" 2>/dev/null; then ok
	else bad "corpus sweep (exit $rc)"; tail -5 "$tmp/sweep.err"; fi
	# The workers of check take files in whatever order they come: the
	# report must not depend on how many there are.
	for j in 1 3; do
		timeout 900 "$BIN" check --jobs $j --format json "${files[@]}" >"$tmp/sweep-j$j.json" 2>/dev/null
		if cmp -s "$tmp/sweep.json" "$tmp/sweep-j$j.json"; then ok
		else bad "corpus sweep: --jobs $j reports differently from the default"; fi
	done
else
	skipped "corpus sweep: $corpus absent"
fi
# The same over the compose corpus: every project loads or gets a clear
# error, never a crash or a hang.
ccorpus=$SHARED/corpus/compose
if [ -d "$ccorpus" ]; then
	timeout 900 "$BIN" check --format json "$ccorpus" >"$tmp/csweep.json" 2>"$tmp/csweep.err"
	rc=$?
	if [ $rc -le 2 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/csweep.json" 2>/dev/null; then ok
	else bad "compose corpus sweep (exit $rc)"; tail -5 "$tmp/csweep.err"; fi
	# Projects load in parallel too, and are merged in project order.
	for j in 1 3; do
		timeout 900 "$BIN" check --jobs $j --format json "$ccorpus" >"$tmp/csweep-j$j.json" 2>/dev/null
		if cmp -s "$tmp/csweep.json" "$tmp/csweep-j$j.json"; then ok
		else bad "compose corpus sweep: --jobs $j reports differently from the default"; fi
	done
else
	skipped "compose corpus sweep: $ccorpus absent"
fi

# Hostile inputs (tests/hostile/run.sh): names that try to print commands,
# configs that are not the project's, writes that fail, trees that leave
# --root, inputs past every budget, and growth. Built there, at test time.
"$top/tests/hostile/run.sh" "$BIN" >"$tmp/hostile" 2>&1
while read -r word rest; do
	case $word in ok) ok ;; FAIL) bad "hostile: $rest" ;; SKIP) skipped "hostile: $rest" ;; esac
done <"$tmp/hostile"
if grep -q '^FAIL ' "$tmp/hostile"; then grep -v '^ok ' "$tmp/hostile" | head -60; fi
grep -qE '^(ok|FAIL|SKIP) ' "$tmp/hostile" || { bad "tests/hostile/run.sh ran no check"; tail -20 "$tmp/hostile"; }

# 5. Catalogue: every rule has a complete explain page, and docs/rules.md is
#    the generated catalogue (so the docs cannot drift from the rule table).
"$BIN" rules >"$tmp/rules" 2>&1 || bad "seaworthy rules"
for id in $(awk 'NR > 1 { print $1 }' "$tmp/rules"); do
	if "$BIN" explain "$id" >"$tmp/explain" 2>&1 && ! grep -q TODO "$tmp/explain" &&
	   grep -q '^Why it matters' "$tmp/explain" && grep -q '^Bad' "$tmp/explain" &&
	   grep -q '^Good' "$tmp/explain" && grep -q '^How to fix' "$tmp/explain"; then ok
	else bad "explain $id is incomplete"; fi
done
# The include direction (tests/tools/layers.py): it passes on src/, and
# fails on a copy where a lower folder includes from a higher one, and
# where two folders include each other.
if python3 "$top/tests/tools/layers.py" "$top/src" >"$tmp/layers" 2>&1; then ok
else bad "include direction (tests/tools/layers.py)"; head -20 "$tmp/layers"; fi
rm -rf "$tmp/lsrc"; cp -r "$top/src" "$tmp/lsrc"
printf '#include "render/render.h"\n' >>"$tmp/lsrc/util/arena.c"
if python3 "$top/tests/tools/layers.py" "$tmp/lsrc" >"$tmp/layers" 2>&1; then
	bad "include direction: util including render was not caught"
elif grep -q 'util/arena.c (util) includes render/render.h' "$tmp/layers"; then ok
else bad "include direction: wrong complaint"; cat "$tmp/layers"; fi
rm -rf "$tmp/lsrc"; cp -r "$top/src" "$tmp/lsrc"
printf '#include "input/compose/project.h"\n' >>"$tmp/lsrc/input/dockerfile/model.h"
printf '#include "input/dockerfile/model.h"\n' >>"$tmp/lsrc/input/compose/env.h"
if python3 "$top/tests/tools/layers.py" "$tmp/lsrc" >"$tmp/layers" 2>&1; then
	bad "include direction: a mutual include was not caught"
elif grep -q 'model.h (input/dockerfile) includes input/compose/project.h' "$tmp/layers"; then ok
else bad "include direction: wrong complaint for a mutual include"; cat "$tmp/layers"; fi
rm -rf "$tmp/lsrc"

# The Compose schema tables match the schema they were generated from
# (tools/gen-compose-schema.py --check), and the generator notices a schema
# edit: a copy with one more service key gives other tables.
if python3 "$top/tools/gen-compose-schema.py" --check >"$tmp/gen" 2>&1; then ok
else bad "src/input/compose/schema_data.c is stale"; cat "$tmp/gen"; fi
rm -rf "$tmp/gen-tree"; mkdir -p "$tmp/gen-tree/tools" "$tmp/gen-tree/data/compose-spec" \
	"$tmp/gen-tree/src/input/compose"
cp "$top/tools/gen-compose-schema.py" "$tmp/gen-tree/tools/"
cp "$top/src/input/compose/schema_data.c" "$tmp/gen-tree/src/input/compose/"
sed 's/"working_dir": {/"working_dirs": {"type": "string"}, "working_dir": {/' \
	"$top/data/compose-spec/compose-spec.json" >"$tmp/gen-tree/data/compose-spec/compose-spec.json"
if python3 "$tmp/gen-tree/tools/gen-compose-schema.py" --check >"$tmp/gen" 2>&1; then
	bad "gen-compose-schema.py --check did not notice a schema edit"
elif grep -q 'does not match' "$tmp/gen"; then ok
else bad "gen-compose-schema.py --check: wrong complaint"; cat "$tmp/gen"; fi
rm -rf "$tmp/gen-tree"

"$BIN" rules --markdown >"$tmp/rules.md"
if diff -u "$top/docs/rules.md" "$tmp/rules.md" >"$tmp/diff" 2>&1; then ok
else bad "docs/rules.md is stale: run make docs (build/seaworthy rules --markdown > docs/rules.md)"; head -20 "$tmp/diff"; fi
"$BIN" rules --format schema >"$tmp/schema.json"
if diff -u "$top/docs/seaworthy.schema.json" "$tmp/schema.json" >"$tmp/diff" 2>&1; then ok
else bad "docs/seaworthy.schema.json is stale: run make docs"; head -20 "$tmp/diff"; fi

# rules --format json: the catalogue as data, in the order and with the
# ids of the table; hadolint's ids map to rules here, each one known to
# explain; the schema accepts every rule id and option the table has.
if python3 - "$BIN" "$tmp/rules" "$tmp/schema.json" >"$tmp/err" 2>&1 <<'PY'; then ok; else bad "rules --format json"; head -20 "$tmp/err"; fi
import json, subprocess, sys
b, table, schema = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3]))
d = json.loads(subprocess.run([b, "rules", "--format", "json"], capture_output=True, check=True).stdout)
ids = [l.split()[0] for l in open(table).read().splitlines()[1:]]
assert [r["id"] for r in d["rules"]] == ids, "ids differ from seaworthy rules"
assert [p["point"] for p in d["checklist"]] == list(range(1, 11))
keys = {"id", "title", "severity", "checklist", "layer", "command", "scope", "security",
        "security_severity", "options", "peers", "help_uri"}
for r in d["rules"]:
    assert keys <= set(r), (r["id"], keys - set(r))
    assert r["severity"] in ("error", "warning", "info") and r["command"] in ("check", "image", "host", "live")
    assert r["scope"] in ("production", "everywhere")
    assert 0.0 <= float(r["security_severity"]) <= 10.0
    for p in r["peers"]:
        # hadolint ids stand for their rules (explain, ignore comments);
        # the other tools' are listed for reference.
        assert p["tool"] in ("hadolint", "kics", "trivy", "docker-bench"), p
        if p["tool"] != "hadolint":
            continue
        out = subprocess.run([b, "explain", p["id"]], capture_output=True, text=True)
        assert out.returncode == 2 and r["id"] in out.stderr, (p, out.stderr)
    opts = schema["properties"]["rules"]["properties"].get(r["id"], {}).get("properties", {})
    assert sorted(opts) == sorted(o["name"] for o in r["options"]), r["id"]
assert schema["$defs"]["rule"]["enum"] == ids
assert any(p["id"] == "DL4006" for r in d["rules"] if r["id"] == "SW0004" for p in r["peers"])
assert any(p["id"] == "DS032" for r in d["rules"] if r["id"] == "SW0004" for p in r["peers"])
PY

# 6. Fuzz corpus replay (CI builds the fuzzers first: make fuzz).
for fz in "$top"/build-fuzz/fuzz_*; do
	[ -x "$fz" ] || continue
	name=$(basename "$fz")
	if "$fz" -runs=0 -rss_limit_mb=2048 -timeout=10 "$top/fuzz/corpus/${name#fuzz_}" >"$tmp/fz" 2>&1; then ok; else bad "fuzz replay $name"; tail -20 "$tmp/fz"; fi
done

# 7. Manual pages: man/seaworthy-rules.7 is `seaworthy rules --man` (so it
#    cannot drift from the rule table); both pages pass mandoc's linter and
#    render; every option that a --help lists is in seaworthy(1); every
#    subcommand answers --help with its usage line.
"$BIN" rules --man >"$tmp/rules.7" 2>&1
if cmp -s "$top/man/seaworthy-rules.7" "$tmp/rules.7"; then ok
else bad "man/seaworthy-rules.7 is stale: run make docs (or make man)"
	diff -u "$top/man/seaworthy-rules.7" "$tmp/rules.7" | head -20; fi
if command -v mandoc >/dev/null 2>&1; then
	for page in "$top"/man/seaworthy.1 "$top"/man/seaworthy-rules.7; do
		if mandoc -T lint -W warning "$page" >"$tmp/lint" 2>&1; then ok
		else bad "mandoc -T lint ${page#"$top"/}"; head -20 "$tmp/lint"; fi
	done
else
	skipped "man page lint: mandoc absent (apt-get install mandoc)"
fi
# Renders with mandoc and with man-db (groff), whichever are there; overstrike
# (bold, underline) is taken out before the text is searched.
renderers=()
command -v mandoc >/dev/null 2>&1 && renderers+=(mandoc)
command -v man >/dev/null 2>&1 && command -v nroff >/dev/null 2>&1 && renderers+=(man)
[ ${#renderers[@]} -gt 0 ] || skipped "man page rendering: neither mandoc nor man with nroff"
ids=$("$BIN" rules | awk 'NR > 1 { print $1 }')
for r in "${renderers[@]}"; do
	for page in seaworthy.1 seaworthy-rules.7; do
		if [ "$r" = mandoc ]; then mandoc -T utf8 "$top/man/$page" >"$tmp/page" 2>"$tmp/err"
		else MANWIDTH=80 man -l "$top/man/$page" </dev/null >"$tmp/page" 2>"$tmp/err"; fi
		rc=$?
		sed -i $'s/.\b//g' "$tmp/page"
		missing=''
		if [ "$page" = seaworthy-rules.7 ]; then
			for id in $ids; do grep -q "$id" "$tmp/page" || missing="$missing $id"; done
		else
			for cmd in check rules explain parse host image live; do grep -q "seaworthy $cmd" "$tmp/page" || missing="$missing $cmd"; done
		fi
		if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && [ -s "$tmp/page" ] && [ -z "$missing" ]; then ok
		else bad "$r renders man/$page (exit $rc, missing:${missing:- none})"; head -5 "$tmp/err"; fi
	done
done
for cmd in check rules explain parse host image live; do
	"$BIN" "$cmd" --help >"$tmp/help" 2>&1; rc=$?
	if [ $rc -eq 0 ] && head -1 "$tmp/help" | grep -q "^usage: seaworthy $cmd"; then ok
	else bad "seaworthy $cmd --help (exit $rc)"; head -5 "$tmp/help"; fi
	missing=''
	for opt in $(grep -oE '^ +--[a-z][a-z-]*' "$tmp/help"); do
		grep -qE "Fl -${opt#--}([^a-z-]|\$)" "$top/man/seaworthy.1" || missing="$missing $opt"
	done
	if [ -z "$missing" ]; then ok; else bad "man/seaworthy.1 does not document seaworthy $cmd$missing"; fi
done
"$BIN" --help >"$tmp/help" 2>&1; rc=$?
if [ $rc -eq 0 ] && grep -q '^usage: seaworthy' "$tmp/help"; then ok; else bad "seaworthy --help (exit $rc)"; fi
version=$(sed -n 's/^VERSION *:= *//p' "$top/Makefile")
# --version: the version, the commit it was built from (git's, as the build
# saw it), and whether libcurl and libarchive load (both do here: ./dev
# installs them).
commit=$(cd "$top" && git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
out=$("$BIN" --version 2>&1); rc=$?
want="seaworthy $version
commit: $commit
libcurl: available (seaworthy image NAME, seaworthy live)
libarchive: available (seaworthy image)"
if [ $rc -eq 0 ] && [ "$out" = "$want" ]; then ok
else bad "seaworthy --version printed '$out' (exit $rc), want '$want'"; fi

# 8. Shell completion: the bash function completes subcommands, options and
#    their values, and rule ids from `seaworthy rules`; the zsh function
#    parses; both know every option that `seaworthy check --help` lists.
complete_bash() { # words... (the last is the one being completed)
	(cd "$tmp" && bash -c 'source "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		COMPREPLY=(); _seaworthy "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$top/completion/seaworthy.bash" "$@" 2>&1)
}
want_completion() { # expected-reply words...
	local want=$1; shift
	if complete_bash "$@" | grep -qxF -- "$want"; then ok
	else bad "bash completion of '$*' does not offer '$want'"; complete_bash "$@" | head -5; fi
}
mkdir -p "$tmp/examples"
want_completion check seaworthy ch
want_completion sarif seaworthy check --format ''
want_completion sarif seaworthy check --format = sa
want_completion never seaworthy check --fail-on ''
want_completion --write-baseline seaworthy check --wr
want_completion SW0301 "$BIN" explain SW030
want_completion SW0201,SW0301 "$BIN" check --ignore SW0201,SW030
want_completion examples seaworthy check exa
"$BIN" check --help >"$tmp/help" 2>&1
missing=''
for opt in $(grep -oE '^ +--[a-z][a-z-]*' "$tmp/help"); do
	grep -qE -- "$opt([^a-z-]|\$)" "$top/completion/seaworthy.bash" || missing="$missing bash:$opt"
	grep -qE -- "$opt([^a-z-]|\$)" "$top/completion/_seaworthy" || missing="$missing zsh:$opt"
done
if [ -z "$missing" ]; then ok; else bad "completion lacks options of seaworthy check:$missing"; fi
if command -v zsh >/dev/null 2>&1; then
	if zsh -n "$top/completion/_seaworthy" 2>"$tmp/err"; then ok; else bad "zsh -n completion/_seaworthy"; head -5 "$tmp/err"; fi
else
	skipped "zsh completion: zsh absent (apt-get install zsh)"
fi

# The fish completion parses and offers subcommands, option values and
# rule ids; it knows every option of `seaworthy check --help` too.
if command -v fish >/dev/null 2>&1; then
	complete_fish() { # command line
		(cd "$tmp" && PATH=$(dirname "$BIN"):$PATH fish --no-config -c \
			'source $argv[1]; complete -C $argv[2]' "$top/completion/seaworthy.fish" "$1" 2>&1 | cut -f1)
	}
	if fish -n "$top/completion/seaworthy.fish" 2>"$tmp/err"; then ok; else bad "fish -n completion/seaworthy.fish"; head -5 "$tmp/err"; fi
	for c in 'check|seaworthy ch' 'sarif|seaworthy check --format sa' 'never|seaworthy check --fail-on ' \
		 '--write-baseline|seaworthy check --wr' 'SW0301|seaworthy explain SW030' \
		 'SW0201,SW0301|seaworthy check --ignore SW0201,SW030' 'examples/|seaworthy check exa' \
		 '--project|seaworthy live --pro' '--root|seaworthy host --ro'; do
		want=${c%%|*}
		if complete_fish "${c#*|}" | grep -qxF -- "$want"; then ok
		else bad "fish completion of '${c#*|}' does not offer '$want'"; complete_fish "${c#*|}" | head -5; fi
	done
	missing=''
	for opt in $(grep -oE '^ +--[a-z][a-z-]*' "$tmp/help"); do
		grep -qE -- "-l ${opt#--}( |\$)" "$top/completion/seaworthy.fish" || missing="$missing $opt"
	done
	if [ -z "$missing" ]; then ok; else bad "fish completion lacks options of seaworthy check:$missing"; fi
else
	skipped "fish completion: fish absent (apt-get install fish)"
fi

# make as a user runs it: without the variables of a make that runs this
# suite (make check passes CC, CFLAGS, LDFLAGS and HARDEN= down through the
# environment and MAKEFLAGS).
plain_make() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u CC -u CFLAGS -u CPPFLAGS -u LDFLAGS \
		-u HARDEN -u HARDEN_CPPFLAGS -u HARDEN_CFLAGS -u HARDEN_LDFLAGS -u B make "$@"
}

# make install honours DESTDIR, PREFIX, BINDIR and MANDIR and lands the
# binary, both manual pages and the three completions; make uninstall
# takes them all away again.
inst=$tmp/inst
if plain_make -s -C "$top" B="$B" DESTDIR="$inst" PREFIX=/usr MANDIR=/usr/share/man install >"$tmp/inst.out" 2>&1; then
	want='usr/bin/seaworthy usr/share/bash-completion/completions/seaworthy usr/share/fish/vendor_completions.d/seaworthy.fish usr/share/man/man1/seaworthy.1 usr/share/man/man7/seaworthy-rules.7 usr/share/zsh/site-functions/_seaworthy'
	got=$(cd "$inst" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')
	if [ "$got" = "$want " ] && [ -x "$inst/usr/bin/seaworthy" ] && "$inst/usr/bin/seaworthy" --version >/dev/null 2>&1; then ok
	else bad "make install DESTDIR=... PREFIX=/usr: got $got"; fi
	plain_make -s -C "$top" B="$B" DESTDIR="$inst" PREFIX=/usr MANDIR=/usr/share/man uninstall >"$tmp/inst.out" 2>&1
	left=$(find "$inst" -type f | head -3)
	if [ -z "$left" ]; then ok; else bad "make uninstall left $left"; fi
	plain_make -s -C "$top" B="$B" DESTDIR="$inst/2" BINDIR=/opt/sw/bin MANDIR=/opt/sw/man install >"$tmp/inst.out" 2>&1
	if [ -x "$inst/2/opt/sw/bin/seaworthy" ] && [ -f "$inst/2/opt/sw/man/man7/seaworthy-rules.7" ]; then ok
	else bad "make install BINDIR=... MANDIR=..."; cat "$tmp/inst.out"; fi
else
	bad "make install"; tail -5 "$tmp/inst.out"
fi

# The caller's CPPFLAGS, CFLAGS and LDFLAGS reach the compiler and the
# linker beside the hardening flags, which HARDEN= leaves out.
mk() { plain_make -s -n -B -C "$top" B="$tmp/mk" "$@" 2>&1; }
c1=$(mk CPPFLAGS=-DSW_CPP_PROBE CFLAGS=-O1 "$tmp/mk/src/util/die.o")
l1=$(mk LDFLAGS=-Wl,--as-needed "$tmp/mk/seaworthy" | tail -1)
c2=$(mk HARDEN= "$tmp/mk/src/util/die.o")
l2=$(mk HARDEN= "$tmp/mk/seaworthy" | tail -1)
if [[ $c1 == *-DSW_CPP_PROBE* && $c1 == *-O1* && $c1 == *-D_FORTIFY_SOURCE=2* && $c1 == *-fstack-protector-strong* &&
      $l1 == *-Wl,--as-needed* && $l1 == *-Wl,-z,relro,-z,now* && $l1 == *-pie* &&
      $c2 != *FORTIFY* && $c2 != *stack-protector* && $l2 != *-z,now* ]]; then ok
else bad "build flags: CPPFLAGS/CFLAGS/LDFLAGS or hardening not passed on"; printf '%s\n' "$c1" "$l1" "$c2" "$l2"; fi
# The optimized build is hardened (the sanitizer build is not, on purpose).
if command -v readelf >/dev/null 2>&1 && ! nm "$BIN" 2>/dev/null | grep -q __asan_init; then
	if readelf -d "$BIN" | grep -q BIND_NOW && readelf -lW "$BIN" | grep -q GNU_RELRO &&
	   readelf -h "$BIN" | grep -q 'DYN (Position-Independent' && nm -D "$BIN" | grep -q '_chk@'; then ok
	else bad "$B/seaworthy is not hardened (BIND_NOW, RELRO, PIE, fortified calls)"; fi
fi

# Portability: the code guarded for Linux-only calls (__linux__) builds
# without them, and src/util builds without the GNU extensions.
cc=$(command -v clang || command -v cc)
pc=$(pkg-config --cflags jansson yaml-0.1 libarchive libcurl 2>/dev/null)
warn='-Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wwrite-strings -Wformat=2 -Wvla -Werror'
for f in $(cd "$top" && grep -rl __linux__ src --include='*.c'); do
	# shellcheck disable=SC2086
	if (cd "$top" && $cc -fsyntax-only -std=c17 -D_GNU_SOURCE -U__linux__ -pthread $warn -Isrc $pc "$f") >"$tmp/err" 2>&1; then ok
	else bad "portability: $f does not build without __linux__"; head -5 "$tmp/err"; fi
done
for f in "$top"/src/util/*.c; do
	# shellcheck disable=SC2086
	if (cd "$top" && $cc -fsyntax-only -std=c17 -D_DEFAULT_SOURCE -U__linux__ -pthread $warn -Isrc "$f") >"$tmp/err" 2>&1; then ok
	else bad "portability: ${f#"$top"/} needs GNU or Linux extensions"; head -5 "$tmp/err"; fi
done

# 9. CI report formats. Fresh output of the binary (the fmt-* cases as they
#    run and with every rule, over the shared corpus too) and the unit
#    harness's edge cases (suppressed findings, findings without a file,
#    hostile bytes) must be well-formed XML (junit, checkstyle: xmllint), a
#    valid SARIF 2.1.0 log with the whole catalogue (SARIF Multitool with
#    its GitHub rules, the JSON schema through ajv), and GitLab issues with
#    unique fingerprints; JUnit also valid against the Jenkins xUnit
#    plugin's schema (tests/tools/junit-jenkins.xsd). The reports of image,
#    host and live are checked the same way. Validators: libxml2-utils
#    (apt) and `npm ci --prefix tests/tools`; each is skipped, and says so,
#    if absent.
fo=$tmp/fmt; mkdir -p "$fo"
cfiles=()
[ -d "$SHARED/corpus/dockerfiles" ] &&
	mapfile -t cfiles < <(find "$SHARED/corpus/dockerfiles" -type f | LC_ALL=C sort)
for f in sarif junit checkstyle gitlab; do
	case $f in sarif) ext=sarif ;; gitlab) ext=json ;; *) ext=xml ;; esac
	for dir in "$top"/tests/golden/fmt-$f-*/; do
		[ -f "$dir/args" ] || continue
		c=$(basename "$dir")
		read -r -a args <"$dir/args"
		all=(); for a in "${args[@]}"; do [ "$a" = SW0201 ] || [ "$a" = --select ] || all+=("$a"); done
		(cd "$dir" && "$BIN" "${args[@]}" >"$fo/$c.$ext" 2>/dev/null
		 "$BIN" "${all[@]}" >"$fo/$c-all.$ext" 2>/dev/null)
	done
	[ ${#cfiles[@]} -gt 0 ] && "$BIN" check --format $f "${cfiles[@]}" >"$fo/corpus-$f.$ext" 2>/dev/null
	# image and host (live's come from its replay above): findings about an
	# image or a host, not a file, and an image that cannot be read.
	case $f in sarif) sfx=.sarif ;; gitlab) sfx=.json ;; *) sfx=-$f.xml ;; esac
	if [ -d "$tmp/img" ]; then
		for t in legacy-root managers garbage; do
			(cd "$tmp/img" && "$BIN" image --format $f $t.tar >"$fo/image-$t$sfx" 2>/dev/null)
		done
	fi
	"$BIN" host --root "$top/tests/golden/fmt-sarif-host" --user alice --format $f >"$fo/host$sfx" 2>/dev/null
done
[ -x "$top/$B/unit-tests" ] && SW_RENDER_OUT=$fo "$top/$B/unit-tests" render_ >/dev/null 2>&1

if command -v xmllint >/dev/null 2>&1; then
	for x in "$fo"/*.xml "$top"/tests/golden/fmt-junit*/expected.txt "$top"/tests/golden/fmt-checkstyle*/expected.txt; do
		[ -f "$x" ] || continue
		# Golden files end in [exit N], and input errors (stderr) come first.
		sed -n '/^<?xml/,$p' "$x" | sed '/^\[exit [0-9]*\]$/,$d' >"$tmp/x.xml"
		# JUnit must also be what Jenkins' xUnit plugin accepts.
		schema=(); case ${x##*/}:$x in *junit*) schema=(--schema "$top/tests/tools/junit-jenkins.xsd") ;; esac
		if xmllint --noout "${schema[@]}" "$tmp/x.xml" >/dev/null 2>"$tmp/err"; then ok; else bad "xmllint ${schema:+(Jenkins JUnit schema) }${x#"$top"/}"; head -5 "$tmp/err"; fi
	done
else
	skipped "JUnit and Checkstyle XML: xmllint absent (apt-get install libxml2-utils)"
fi

# The gnu format in Vim: the errorformat docs/integrations.md gives, run over
# the golden reports, finds every line's file, line, column and type.
efm=$(sed -n 's/^ *set errorformat=//p' "$top/docs/integrations.md")
if ! command -v vim >/dev/null 2>&1; then
	skipped "Vim errorformat: vim absent"
elif [ -z "$efm" ]; then
	bad "docs/integrations.md has no 'set errorformat=' line"
else
	cat "$top/tests/golden/fmt-gnu-mixed/expected.txt" "$top/tests/golden/fmt-gnu-host/expected.txt" \
		"$top/tests/image/fmt-gnu/expected.txt" | grep -v '^\[exit' >"$tmp/gnu.txt"
	printf '%s\n' "set errorformat=$efm" "cgetfile $tmp/gnu.txt" \
		"call writefile(map(getqflist(), {_, e -> printf('%s|%d|%d|%s|%d', bufname(e.bufnr), e.lnum, e.col, e.type, e.valid)}), '$tmp/qf.txt')" \
		'qa!' >"$tmp/efm.vim"
	vim -u NONE -i NONE -N -es -S "$tmp/efm.vim" </dev/null >/dev/null 2>&1
	# Each line as Vim should read it: file|line|col|type|valid.
	sed -E 's/^(.*):([0-9]+):([0-9]+): (.).*/\1|\2|\3|\4|1/; t
		s/^(.*):([0-9]+): (.).*/\1|\2|0|\3|1/; t
		s/^(.*): (.)(rror|arning|nfo): .*/\1|0|0|\2|1/' "$tmp/gnu.txt" >"$tmp/qf.want"
	if [ -s "$tmp/qf.want" ] && diff -u "$tmp/qf.want" "$tmp/qf.txt" >"$tmp/diff" 2>&1; then ok
	else bad "Vim errorformat of docs/integrations.md over --format gnu"; head -20 "$tmp/diff"; fi
fi

# The catalogue and the indexes into it, which no schema checks.
"$BIN" rules | awk 'NR > 1 { print $1 }' >"$tmp/ids"
if python3 - "$tmp/ids" "$fo"/*.sarif >"$tmp/err" 2>&1 <<'PY'; then ok; else bad "SARIF catalogue"; head -20 "$tmp/err"; fi
import json, re, sys
ids, bad = open(sys.argv[1]).read().split(), 0
for path in sys.argv[2:]:
    run = json.load(open(path, encoding="utf-8"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    if [r["id"] for r in rules] != ids:
        bad += 1; print(path, "rules are not the catalogue of `seaworthy rules`")
    for r in rules:
        for k in ("name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration"):
            if k not in r:
                bad += 1; print(path, r["id"], "lacks", k)
    for i, res in enumerate(run["results"]):
        k = res.get("ruleIndex")
        if not isinstance(k, int) or k >= len(rules) or rules[k]["id"] != res["ruleId"]:
            bad += 1; print(path, "result", i, "ruleIndex", k, "is not", res["ruleId"])
        # GitHub code scanning refuses a log with a result that has no
        # physical location: images, hosts and containers need one too.
        locs = res.get("locations") or [{}]
        if not locs[0].get("physicalLocation", {}).get("artifactLocation", {}).get("uri"):
            bad += 1; print(path, "result", i, res["ruleId"], "has no physical location")
    for r in rules:
        p = r.get("properties", {})
        if "security" in p.get("tags", []) and not p.get("security-severity"):
            bad += 1; print(path, r["id"], "is tagged security without a security-severity")
        if not r.get("helpUri", "").endswith("/docs/rules.md#" + r["id"].lower() + "-" +
                                             re.sub(r"[^a-z0-9 _-]", "", r["shortDescription"]["text"].lower()).replace(" ", "-")):
            bad += 1; print(path, r["id"], "helpUri is not its section of docs/rules.md:", r.get("helpUri"))
sys.exit(1 if bad else 0)
PY

mt=$(cd "$top/tests/tools" 2>/dev/null && node -p "require('@microsoft/sarif-multitool')" 2>/dev/null)
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1	# no libicu needed
if [ -z "$mt" ] || [ ! -f "$mt" ]; then
	skipped "SARIF Multitool: not installed (npm ci --prefix tests/tools)"
elif { [ -x "$mt" ] || chmod u+x "$mt"; } && ! "$mt" --version >"$tmp/err" 2>&1; then
	skipped "SARIF Multitool does not run here: $(head -1 "$tmp/err")"
else
	# Errors fail (its exit status is 0 either way); warnings and notes don't.
	# It takes a second or more a log, so only those holding the others (all
	# rules, suppressions shown); ajv checks every log, the corpus's too.
	logs=(); for s in "$fo"/fmt-sarif-*-all.sarif "$fo"/unit-sarif-suppressed.sarif; do
		[ -f "$s" ] && logs+=("$s")
	done
	"$mt" validate "${logs[@]}" -o "$tmp/val.sarif" --log ForceOverwrite --rule-kind "Sarif;Gh" \
		-c "$top/tests/tools/multitool.xml" >"$tmp/mt" 2>&1
	if python3 - "$tmp/val.sarif" <<'PY'; then ok; else bad "SARIF Multitool"; grep -E ': error ' "$tmp/mt" | head -20; fi
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8-sig"))["runs"][0]
inv = run.get("invocations", [{}])[0]
notes = inv.get("toolExecutionNotifications", []) + inv.get("toolConfigurationNotifications", [])
errors = [r for r in run.get("results", []) if r.get("level") == "error"]
errors += [n for n in notes if n.get("level") == "error"]
sys.exit(1 if errors or not inv.get("executionSuccessful") else 0)
PY
fi
schema=${mt:+$(dirname "$mt")/sarif-2.1.0.json}
if [ -x "$top/tests/tools/node_modules/.bin/ajv" ] && [ -f "$schema" ]; then
	mkdir -p "$tmp/ajv"
	for s in "$fo"/*.sarif; do cp "$s" "$tmp/ajv/$(basename "$s" .sarif).json"; done	# ajv goes by extension
	if (cd "$top/tests/tools" && node_modules/.bin/ajv validate --spec=draft2020 -c ajv-formats \
		--errors=text -s "$schema" -d "$tmp/ajv/*.json") >"$tmp/err" 2>&1; then ok
	else bad "SARIF JSON schema (ajv)"; grep -v ' valid$' "$tmp/err" | head -20; fi
else
	skipped "SARIF JSON schema: ajv or the schema absent (npm ci --prefix tests/tools)"
fi
# The JSON Schema of .seaworthy.yaml (docs/seaworthy.schema.json) says what
# seaworthy itself says of every configuration in the tests: valid when it
# loads without an error, invalid when it does not.
if [ -x "$top/tests/tools/node_modules/.bin/ajv" ] && python3 -c 'import yaml' 2>/dev/null; then
	if python3 - "$BIN" "$top" "$top/tests/tools/node_modules/.bin/ajv" "$top/docs/seaworthy.schema.json" \
		>"$tmp/err" 2>&1 <<'PY'; then ok; else bad "config JSON Schema"; head -20 "$tmp/err"; fi
import json, os, shutil, subprocess, sys, tempfile, yaml
b, top, ajv, schema = sys.argv[1:5]
class Strict(yaml.SafeLoader):
    pass
def mapping(loader, node, deep=False):
    keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
    if len(keys) != len(set(map(str, keys))):
        raise yaml.YAMLError("duplicate key")
    return loader.construct_mapping(node, deep)
Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
work = tempfile.mkdtemp()
empty = os.path.join(work, "empty"); os.mkdir(empty)
cfgs = []
for root in ("tests", "examples"):
    for d, dirs, files in os.walk(os.path.join(top, root)):
        dirs[:] = [x for x in dirs if x != "node_modules"]
        cfgs += [os.path.join(d, f) for f in files if f in (".seaworthy.yaml", ".seaworthy.yml", "seaworthy.yaml")
                 or (f == "config.yaml" and d.endswith("/xdg/seaworthy"))]
want, data = {}, []
for i, c in enumerate(sorted(cfgs)):
    r = subprocess.run([b, "check", "--config", c, "--format", "json", empty], capture_output=True, text=True, cwd=work)
    errs = [e for e in json.loads(r.stdout)["errors"] if e["file"] and os.path.basename(e["file"]) == os.path.basename(c)]
    want[c] = not errs
    try:
        doc = yaml.load(open(c), Loader=Strict)
    except yaml.YAMLError:
        doc = None
        if want[c]:
            print(c, "is accepted by seaworthy but is no YAML to the schema test"); sys.exit(1)
        continue
    j = os.path.join(work, "%d.json" % i)
    json.dump(doc, open(j, "w")); data.append((c, j))
r = subprocess.run([ajv, "validate", "--spec=draft2020", "-s", schema] + sum((["-d", j] for _, j in data), []),
                   capture_output=True, text=True)
valid = {l.split()[0] for l in (r.stdout + r.stderr).splitlines() if l.endswith(" valid")}
bad = 0
for c, j in data:
    if (j in valid) != want[c]:
        bad += 1; print(c, "seaworthy", "accepts" if want[c] else "rejects", "it, the schema", "does not" if want[c] else "does")
shutil.rmtree(work)
sys.exit(1 if bad or len(data) < 10 else 0)
PY
else
	skipped "config JSON Schema: ajv or python3-yaml absent"
fi

if python3 - "$fo"/*.json >"$tmp/err" 2>&1 <<'PY'; then ok; else bad "GitLab Code Quality"; head -20 "$tmp/err"; fi
import json, sys
bad = 0
for path in sys.argv[1:]:
    issues, seen = json.load(open(path, encoding="utf-8")), set()
    for i in issues:
        loc = i.get("location", {})
        if not (isinstance(i.get("description"), str) and isinstance(i.get("check_name"), str)
                and i.get("severity") in ("info", "minor", "major", "critical", "blocker")
                and isinstance(loc.get("path"), str) and loc.get("lines", {}).get("begin", 0) >= 1):
            bad += 1; print(path, "malformed issue", i)
        if i.get("fingerprint") in seen:
            bad += 1; print(path, "duplicate fingerprint", i.get("fingerprint"))
        seen.add(i.get("fingerprint"))
sys.exit(1 if bad else 0)
PY

# 10. seaworthy live against a private engine (tests/live/run.sh): containers
#     and a compose project made there, golden output. Its "ok", "FAIL" and
#     "SKIP" lines count here; no engine (not root, no dockerd) is a skip.
"$top/tests/live/run.sh" "$BIN" >"$tmp/live" 2>&1
while read -r word rest; do
	case $word in ok) ok ;; FAIL) bad "live: $rest" ;; SKIP) skipped "live: $rest" ;; esac
done <"$tmp/live"
if grep -q '^FAIL ' "$tmp/live"; then grep -v '^ok ' "$tmp/live" | head -60; fi
grep -qE '^(ok|FAIL|SKIP) ' "$tmp/live" || { bad "tests/live/run.sh ran no check"; tail -20 "$tmp/live"; }

echo
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
