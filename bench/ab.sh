#!/usr/bin/env bash
# Two seaworthy binaries compared on the shared corpora, for a change that
# should not cost speed: OLD and NEW run alternately N times (so both see
# the same machine state) over the Dockerfile corpus, passed as files as
# bench/run.sh passes them, and over the compose corpus folder, as
# bench/compose.sh passes it. Prints each median and NEW/OLD.
# usage: bench/ab.sh OLD NEW [N]     (N: runs of each, default 15)
#   SW_SHARED=DIR   where shared/ is (default ../shared from the repo root)
# Build OLD from a commit with: git worktree add /tmp/old COMMIT && make -C /tmp/old
# Exit status: 0 whatever the figures; 2 on usage errors. Without the
# corpus it skips.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 3 ]; then echo "usage: bench/ab.sh OLD NEW [N]" >&2; exit 2; fi
top=$(cd "$(dirname "$0")/.." && pwd)
old=$(readlink -f "$1") new=$(readlink -f "$2") n=${3:-15}
for b in "$old" "$new"; do
	[ -x "$b" ] || { echo "bench/ab: $b is not an executable" >&2; exit 2; }
done
corpus=${SW_SHARED:-$top/../shared}/corpus
if [ ! -d "$corpus/dockerfiles" ] || [ ! -d "$corpus/compose" ]; then
	echo "bench/ab: skipped: no corpus at $corpus"; exit 0
fi
mapfile -t dfs < <(find "$corpus/dockerfiles" -type f | LC_ALL=C sort)

now_us() { echo $(( $(date +%s%N) / 1000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# name args...: the medians of OLD and NEW over n alternating runs
compare() {
	local name=$1 a b t0 i
	shift
	: >"$tmp/a"; : >"$tmp/b"
	for ((i = 0; i < n; i++)); do
		t0=$(now_us); "$old" check --format json "$@" >/dev/null 2>&1 || true
		echo $(( $(now_us) - t0 )) >>"$tmp/a"
		t0=$(now_us); "$new" check --format json "$@" >/dev/null 2>&1 || true
		echo $(( $(now_us) - t0 )) >>"$tmp/b"
	done
	a=$(median <"$tmp/a"); b=$(median <"$tmp/b")
	awk -v name="$name" -v a="$a" -v b="$b" -v n="$n" 'BEGIN {
		printf "%-12s old %7.1f ms  new %7.1f ms  new/old %.3f  (medians of %d)\n",
		       name, a / 1000, b / 1000, b / a, n }'
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
compare dockerfiles "${dfs[@]}"
compare compose "$corpus/compose"
