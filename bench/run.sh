#!/usr/bin/env bash
# Benchmark over the shared Dockerfile corpus (../shared/corpus/dockerfiles):
#   cat          reading every file: the floor
#   seaworthy    `check --format json FILE...`, all files in one process (its
#                workers on every CPU; and again with --jobs 1, for the record)
#   dfutils      dockerfile-utils' validate() on every file, in one Node.js
#                process (bench/dfutils.js; npm install in bench/ on first run)
# and seaworthy's peak memory. Prints the medians, the ratios and peak RSS
# against the project's goals, each PASS or MISS. Then bench/compose.sh does
# the same over the compose corpus (libyaml parse-only, seaworthy, dclint).
# usage: bench/run.sh BIN              (`make bench` runs it on build/seaworthy)
#   BENCH_RUNS=N      minimum number of timed runs (default 5)
#   SW_SHARED=DIR     where shared/ is (default ../shared from the repo root)
#   BENCH_NO_HYPERFINE=1  time with a shell loop even when hyperfine is there
# Exit status: 0 whatever the figures (this is a report, not a test); 1 when
# something could not run; 2 on usage errors. Without the corpus it skips.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: bench/run.sh BIN" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(readlink -f "$1")
[ -x "$bin" ] || { echo "bench: $1 is not an executable" >&2; exit 2; }
corpus=${SW_SHARED:-$top/../shared}/corpus/dockerfiles
runs=${BENCH_RUNS:-5}
warmup=2
# Goals.
goal_floor=2		# seaworthy / cat below this
goal_peer=50		# dockerfile-utils / seaworthy at least this
goal_rss_mb=64		# seaworthy peak RSS below this

# The layers that need no corpus, each its own report: the host
# (bench/host.sh), 50 live containers on the private test engine
# (bench/live.sh), a generated 100 MB image archive and by name
# (bench/image.sh).
other_layers() {
	local rc=0
	"$top/bench/host.sh" "$bin" || rc=1
	"$top/bench/live.sh" "$bin" || rc=1
	"$top/bench/image.sh" "$bin" || rc=1
	return $rc
}

if [ ! -d "$corpus" ]; then
	echo "bench: Dockerfiles SKIPPED: the corpus $corpus is absent (it comes with ../shared)"
	other_layers || exit 1
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
list=$tmp/list
find "$corpus" -type f | LC_ALL=C sort >"$list"
mapfile -t files <"$list"
nfiles=${#files[@]}
[ "$nfiles" -gt 0 ] || { echo "bench: no files in $corpus" >&2; exit 1; }
bytes=$(cat "${files[@]}" | wc -c)
trouble=0

# The file list is too long for one command string (hyperfine passes its
# commands as one), so cat and seaworthy get it through xargs: -x with -n
# above the file count makes that one process or an error, never two.
maxcmd=$(xargs --show-limits </dev/null 2>&1 | sed -n 's/^Maximum length of command we could actually use: *//p')
xa=(xargs -d '\n' -a "$list" -x -n $((nfiles + 1)) -s "${maxcmd:-131072}")
sw_cmd=("${xa[@]}" "$bin" check --format json)
# The same on one thread (--jobs 1), for the record: the goals are for
# the default, one worker per CPU.
sw1_cmd=("${xa[@]}" "$bin" check --jobs 1 --format json)
cat_cmd=("${xa[@]}" cat)
node_cmd=(node "$top/bench/dfutils.js" "$list")

printf 'bench: %d Dockerfiles, %s bytes, from %s\n' "$nfiles" "$bytes" "$corpus"

# 1. Does each command run? (and seaworthy's peak memory)
rss_kb=''
if [ -x /usr/bin/time ]; then
	rc=0
	/usr/bin/time -f %M -o "$tmp/rss" "$bin" check --format json "${files[@]}" >"$tmp/sw.json" 2>"$tmp/sw.err" || rc=$?
	rss_kb=$(tail -1 "$tmp/rss")
	case $rss_kb in '' | *[!0-9]*) rss_kb='' ;; esac
else
	echo "bench: /usr/bin/time is absent (apt-get install time): no peak RSS"
	rc=0
	"$bin" check --format json "${files[@]}" >"$tmp/sw.json" 2>"$tmp/sw.err" || rc=$?
fi
if [ "$rc" -gt 2 ]; then
	echo "bench: seaworthy failed on the corpus (exit $rc):" >&2
	tail -5 "$tmp/sw.err" >&2
	exit 1
fi
# Through xargs: 123 means seaworthy exited 1..125 (findings, input errors).
rc=0
"${sw_cmd[@]}" >/dev/null 2>"$tmp/xa.err" || rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 123 ]; then
	echo "bench: xargs could not run seaworthy over the list in one process (exit $rc):" >&2
	grep xargs "$tmp/xa.err" | head -3 >&2
	exit 1
fi

have_node=''
mods=$top/bench/node_modules
# Installed when absent or not the version bench/package.json pins.
dfutils_current() {
	(cd "$top/bench" && node -e '
		const want = require("./package.json").dependencies["dockerfile-utils"];
		const have = require("./node_modules/dockerfile-utils/package.json").version;
		process.exit(want === have ? 0 : 1)') 2>/dev/null
}
if ! command -v node >/dev/null 2>&1; then
	echo "bench: node is absent (apt-get install nodejs npm): dockerfile-utils not measured"
elif ! dfutils_current && ! command -v npm >/dev/null 2>&1; then
	echo "bench: npm is absent (apt-get install npm): dockerfile-utils not measured"
else
	if ! dfutils_current; then
		echo "bench: installing dockerfile-utils (npm install in bench/)"
		if ! (cd "$top/bench" && npm install --no-audit --no-fund --loglevel=error); then
			echo "bench: npm install failed: dockerfile-utils not measured" >&2
			trouble=1
		fi
	fi
	if [ -d "$mods/dockerfile-utils" ]; then
		if "${node_cmd[@]}" >"$tmp/node.out" 2>&1; then
			have_node=1
		else
			echo "bench: bench/dfutils.js failed:" >&2
			tail -5 "$tmp/node.out" >&2
			trouble=1
		fi
	fi
fi

# 2. Timing: median wall time of each command, in seconds.
names=(cat seaworthy seaworthy-1)
[ -z "$have_node" ] || names+=(dockerfile-utils)
declare -A median cpu
quote() { # words -> one command string for hyperfine
	local w out=''
	for w in "$@"; do out+=" '${w//\'/\'\\\'\'}'"; done
	printf '%s' "${out# }"
}
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1; then
	how="hyperfine: median of at least $runs runs after $warmup warm-up runs"
	hf=(hyperfine --warmup "$warmup" --min-runs "$runs" --ignore-failure
	    --export-json "$tmp/hf.json")
	# No intermediate shell when hyperfine can do without (>= 1.13).
	if hyperfine --help 2>&1 | grep -q -- '--shell'; then hf+=(-N); fi
	hf+=(-n cat "$(quote "${cat_cmd[@]}")" -n seaworthy "$(quote "${sw_cmd[@]}")")
	hf+=(-n seaworthy-1 "$(quote "${sw1_cmd[@]}")")
	[ -z "$have_node" ] || hf+=(-n dockerfile-utils "$(quote "${node_cmd[@]}")")
	if ! "${hf[@]}"; then
		echo "bench: hyperfine failed" >&2
		exit 1
	fi
	# Pretty-printed JSON: "command" comes before "median" in each result.
	while read -r name value user sys; do
		median[$name]=$value
		cpu[$name]=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.9f", u + s }')
	done < <(awk -F': *' '
		{ key = $1; v = $2; gsub(/[" ]/, "", key); gsub(/[",]/, "", v) }
		key == "command" { name = v }
		key == "median" { median = v }
		key == "user" { user = v }
		key == "system" { print name, median, user, v }' "$tmp/hf.json")
else
	how="no hyperfine: median of $runs runs after $warmup warm-up runs (date +%s%N)"
	command -v hyperfine >/dev/null 2>&1 ||
		echo "bench: hyperfine is absent (apt-get install hyperfine): timing with a shell loop"
	for name in "${names[@]}"; do
		case $name in
		cat) cmd=("${cat_cmd[@]}") ;;
		seaworthy) cmd=("${sw_cmd[@]}") ;;
		seaworthy-1) cmd=("${sw1_cmd[@]}") ;;
		dockerfile-utils) cmd=("${node_cmd[@]}") ;;
		esac
		samples=()
		for ((i = 0; i < warmup + runs; i++)); do
			t0=$(date +%s%N)
			"${cmd[@]}" >/dev/null 2>&1 || true
			t1=$(date +%s%N)
			[ "$i" -lt "$warmup" ] || samples+=($((t1 - t0)))
		done
		median[$name]=$(printf '%s\n' "${samples[@]}" | sort -n |
			awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.9f", m / 1e9 }')
	done
fi

# 3. Report.
for name in "${names[@]}"; do
	[ -n "${median[$name]:-}" ] || { echo "bench: no timing for $name" >&2; exit 1; }
done
verdict() { # value op goal -> PASS/MISS
	awk -v v="$1" -v g="$3" -v op="$2" 'BEGIN {
		ok = (op == "<") ? v + 0 < g + 0 : v + 0 >= g + 0; print ok ? "PASS" : "MISS" }'
}
echo
echo "seaworthy benchmark ($how)"
printf '  %d Dockerfiles, %.1f MiB; cat and seaworthy get the whole list in one process\n' \
	"$nfiles" "$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')"
echo
printf '  %-32s %13s %13s %15s\n' '' 'wall (median)' 'CPU (mean)' 'wall per file'
for name in "${names[@]}"; do
	case $name in
	cat) label='cat (the floor)' ;;
	seaworthy) label='seaworthy check --format json' ;;
	seaworthy-1) label='  the same with --jobs 1' ;;
	dockerfile-utils) label='dockerfile-utils validate()' ;;
	esac
	awk -v l="$label" -v s="${median[$name]}" -v c="${cpu[$name]:-}" -v n="$nfiles" 'BEGIN {
		printf "  %-32s %10.1f ms %s %12.3f ms\n", l, s * 1000,
			c == "" ? sprintf("%13s", "-") : sprintf("%10.1f ms", c * 1000), s * 1000 / n }'
done
echo
# Ratios are of wall-clock medians; the CPU-time ratio is shown beside them
# because it moves less on a busy machine.
ratio() { # a b -> a/b with 2 decimals, or "-" when one is missing
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2fx", a / b }'
}
r_floor=$(ratio "${median[seaworthy]}" "${median[cat]}")
printf '  %-32s %10s   (CPU %s)   goal < %s      %s\n' 'seaworthy / cat' "$r_floor" \
	"$(ratio "${cpu[seaworthy]:-}" "${cpu[cat]:-}")" "$goal_floor" "$(verdict "$r_floor" '<' "$goal_floor")"
printf '  %-32s %10s   (CPU %s)   (one thread; no goal)\n' '  with --jobs 1' \
	"$(ratio "${median[seaworthy-1]}" "${median[cat]}")" "$(ratio "${cpu[seaworthy-1]:-}" "${cpu[cat]:-}")"
if [ -n "$have_node" ]; then
	r_peer=$(ratio "${median[dockerfile-utils]}" "${median[seaworthy]}")
	printf '  %-32s %10s   (CPU %s)   goal >= %s    %s\n' 'dockerfile-utils / seaworthy' "$r_peer" \
		"$(ratio "${cpu[dockerfile-utils]:-}" "${cpu[seaworthy]:-}")" "$goal_peer" \
		"$(verdict "$r_peer" '>=' "$goal_peer")"
else
	printf '  %-32s %11s   goal >= %s    NOT MEASURED\n' 'dockerfile-utils / seaworthy' '-' "$goal_peer"
fi
if [ -n "$rss_kb" ]; then
	rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
	printf '  %-32s %8s MB   goal < %s MB   %s\n' 'seaworthy peak RSS' "$rss_mb" "$goal_rss_mb" \
		"$(verdict "$rss_mb" '<' "$goal_rss_mb")"
else
	printf '  %-32s %11s   goal < %s MB   NOT MEASURED\n' 'seaworthy peak RSS' '-' "$goal_rss_mb"
fi
other_layers || trouble=1
# The compose corpus: a report of its own (bench/compose.sh).
echo
"$top/bench/compose.sh" "$bin" || trouble=1
exit $trouble
