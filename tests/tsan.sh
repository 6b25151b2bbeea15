#!/usr/bin/env bash
# check's worker threads under ThreadSanitizer: the shared corpora and every
# project, with three workers; any data race fails. Skips (exit 0, saying
# so) when ../shared is absent. usage: tests/tsan.sh BINARY
set -u
bin=$(readlink -f "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SW_SHARED:-$top/../shared}
if [ ! -d "$shared/corpus" ]; then
	echo "tsan: SKIP: $shared/corpus is absent (the shared corpora are needed)"
	exit 0
fi
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
bad=0 n=0
run() { # dir args...
	local d=$1 rc; shift
	(cd "$d" && "$bin" check --jobs 3 --format json "$@" >/dev/null 2>"$tmp/err"); rc=$?
	n=$((n + 1))
	if [ $rc -gt 2 ]; then
		bad=$((bad + 1)); echo "tsan: FAIL in $d ($*): exit $rc"; head -30 "$tmp/err"
	fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run "$shared/corpus" dockerfiles
run "$shared/corpus" compose
for p in "$shared"/projects/*/; do run "$p" .; done
echo "tsan: $n runs, $bad with a data race or a crash"
[ $bad -eq 0 ]
