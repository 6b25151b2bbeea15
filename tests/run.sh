#!/usr/bin/env bash
# The test suite: golden tests through the real binary, BuildKit conformance
# data, the unit harness, and a fuzz corpus replay when fuzzers are built.
# usage: tests/run.sh BUILD_DIR [GOLDEN_GLOB]
#   UPDATE=1 rewrites the golden expectations of the cases it runs (review
#   the diff!). With GOLDEN_GLOB only the matching golden cases run.
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
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL $*"; }
skipped() { skip=$((skip + 1)); echo "SKIP $*"; }

# Runs the binary in a case directory; output and exit status in one file.
# A case's `stdin` file, if any, is its standard input. @OUT@ in the args
# names a scratch folder; the files written there are appended to the output.
run_case() { # dir outfile args...
	local dir=$1 out=$2 in=/dev/null a args=(); shift 2
	[ -f "$dir/stdin" ] && in=$dir/stdin
	rm -rf "$tmp/o"; mkdir -p "$tmp/o"
	for a in "$@"; do args+=("${a//@OUT@/$tmp/o}"); done
	(cd "$dir" && "$BIN" "${args[@]}" <"$in" >"$out" 2>&1; echo "[exit $?]" >>"$out")
	for a in "$tmp"/o/*; do
		[ -f "$a" ] || continue
		echo "== @OUT@/${a##*/}" >>"$out"; cat "$a" >>"$out"
	done
}

# 1. Golden tests: tests/golden/CASE/{args,expected.txt,expected.json}.
for dir in "$top"/tests/golden/${only:-*}/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	read -r -a args <"$dir/args" 2>/dev/null || args=(check .)
	[ ${#args[@]} -gt 0 ] || args=(check .)
	for fmt in txt json; do
		exp=$dir/expected.$fmt
		[ "$fmt" = txt ] || [ -f "$exp" ] || continue
		if [ "$fmt" = json ] && [ "${args[0]}" != check ]; then continue; fi
		if [ "$fmt" = json ]; then extra=(--format json); else extra=(); fi
		run_case "$dir" "$tmp/out" "${args[@]}" "${extra[@]}"
		if [ -n "${UPDATE:-}" ]; then cp "$tmp/out" "$exp"; fi
		if diff -u "$exp" "$tmp/out" >"$tmp/diff" 2>&1; then ok; else bad "golden/$name ($fmt)"; head -40 "$tmp/diff"; fi
	done
done

if [ -n "$only" ]; then echo; echo "$pass passed, $fail failed, $skip skipped"; [ $fail -eq 0 ]; exit; fi

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

# 4. Crash sweep over the shared corpus: exit 0, 1 or 2, never a crash.
corpus=$SHARED/corpus/dockerfiles
if [ -d "$corpus" ]; then
	mapfile -t files < <(find "$corpus" -type f | LC_ALL=C sort)
	timeout 900 "$BIN" check --format json "${files[@]}" >"$tmp/sweep.json" 2>"$tmp/sweep.err"
	rc=$?
	if [ $rc -le 2 ] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/sweep.json" 2>/dev/null; then ok
	else bad "corpus sweep (exit $rc)"; tail -5 "$tmp/sweep.err"; fi
else
	skipped "corpus sweep: $corpus absent"
fi

# 5. Catalogue: every rule has a complete explain page, and docs/rules.md is
#    the generated catalogue (so the docs cannot drift from the rule table).
"$BIN" rules >"$tmp/rules" 2>&1 || bad "seaworthy rules"
for id in $(awk 'NR > 1 { print $1 }' "$tmp/rules"); do
	if "$BIN" explain "$id" >"$tmp/explain" 2>&1 && ! grep -q TODO "$tmp/explain" &&
	   grep -q '^Why it matters' "$tmp/explain" && grep -q '^Bad' "$tmp/explain" &&
	   grep -q '^Good' "$tmp/explain" && grep -q '^How to fix' "$tmp/explain"; then ok
	else bad "explain $id is incomplete"; fi
done
"$BIN" rules --markdown >"$tmp/rules.md"
if diff -u "$top/docs/rules.md" "$tmp/rules.md" >"$tmp/diff" 2>&1; then ok
else bad "docs/rules.md is stale: run build/seaworthy rules --markdown > docs/rules.md"; head -20 "$tmp/diff"; fi

# 6. Fuzz corpus replay (CI builds the fuzzers first: make fuzz).
for fz in "$top"/build-fuzz/fuzz_*; do
	[ -x "$fz" ] || continue
	name=$(basename "$fz")
	if "$fz" -runs=0 "$top/fuzz/corpus/${name#fuzz_}" >"$tmp/fz" 2>&1; then ok; else bad "fuzz replay $name"; tail -20 "$tmp/fz"; fi
done

echo
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
