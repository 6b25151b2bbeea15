#!/usr/bin/env bash
# Benchmark over the shared compose corpus (../shared/corpus/compose):
#   parse-only   libyaml's event parser over every *.yml and *.yaml file of
#                the corpus, in one process (bench/yaml_parse_only.c, built
#                here with -lyaml): the floor
#   seaworthy    `check --format json DIR` on the corpus folder, measuring
#                whatever the binary does with it
#   dclint       `dclint -r DIR` (npm package dclint, from bench/package.json;
#                npm install in bench/ on first run)
# Prints the medians and the ratios against the goals, each PASS or MISS.
# usage: bench/compose.sh BIN          (bench/run.sh runs it after its own part)
#   BENCH_RUNS=N       minimum number of timed runs (default 5)
#   BENCH_PEER_RUNS=N  number of timed runs of dclint, which is slow (default 3)
#   SW_SHARED=DIR      where shared/ is (default ../shared from the repo root)
#   BENCH_NO_HYPERFINE=1  time with a shell loop even when hyperfine is there
# Exit status: 0 whatever the figures (this is a report, not a test); 1 when
# something could not run; 2 on usage errors. Without the corpus it skips.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: bench/compose.sh BIN" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$(readlink -f "$1")
[ -x "$bin" ] || { echo "bench/compose: $1 is not an executable" >&2; exit 2; }
corpus=${SW_SHARED:-$top/../shared}/corpus/compose
runs=${BENCH_RUNS:-5}
peer_runs=${BENCH_PEER_RUNS:-3}
warmup=2
# Goals.
goal_floor=3		# seaworthy / parse-only below this
goal_peer=100		# dclint / seaworthy at least this

if [ ! -d "$corpus" ]; then
	echo "bench/compose: SKIPPED: the corpus $corpus is absent (it comes with ../shared)"
	exit 0
fi
corpus=$(readlink -f "$corpus")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-bench-compose.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
list=$tmp/list
find "$corpus" -type f \( -name '*.yml' -o -name '*.yaml' \) | LC_ALL=C sort >"$list"
nfiles=$(wc -l <"$list")
[ "$nfiles" -gt 0 ] || { echo "bench/compose: no compose files in $corpus" >&2; exit 1; }
bytes=$(tr '\n' '\0' <"$list" | xargs -0 cat | wc -c)
trouble=0

# The floor, built here so that it is always libyaml as installed.
po=$tmp/yaml_parse_only
# shellcheck disable=SC2046 # pkg-config prints a list of flags
if ! ${CC:-cc} -O2 -o "$po" "$top/bench/yaml_parse_only.c" \
	$(pkg-config --cflags --libs yaml-0.1 2>/dev/null || echo -lyaml); then
	echo "bench/compose: cannot build bench/yaml_parse_only.c (is libyaml-dev installed?)" >&2
	exit 1
fi
po_cmd=("$po" "$list")
sw_cmd=("$bin" check --format json "$corpus")
sw1_cmd=("$bin" check --jobs 1 --format json "$corpus")	# for the record: one thread
dclint=$top/bench/node_modules/.bin/dclint
dc_cmd=("$dclint" -r "$corpus")

printf 'bench/compose: %d compose files, %s bytes, from %s\n' "$nfiles" "$bytes" "$corpus"

# 1. Does each command run? The commands run from an empty folder, so that
# no configuration file of seaworthy or dclint is picked up on the way.
cd "$tmp"
mkdir -p run && cd run
if ! "${po_cmd[@]}" >"$tmp/po.out" 2>&1; then
	echo "bench/compose: yaml_parse_only failed:" >&2
	tail -5 "$tmp/po.out" >&2
	exit 1
fi
rc=0
"${sw_cmd[@]}" >"$tmp/sw.json" 2>"$tmp/sw.err" || rc=$?
if [ "$rc" -gt 2 ]; then
	echo "bench/compose: seaworthy failed on the corpus (exit $rc):" >&2
	tail -5 "$tmp/sw.err" >&2
	exit 1
fi

have_dclint=''
if ! command -v node >/dev/null 2>&1; then
	echo "bench/compose: node is absent (apt-get install nodejs npm): dclint not measured"
elif [ ! -x "$dclint" ] && ! command -v npm >/dev/null 2>&1; then
	echo "bench/compose: npm is absent (apt-get install npm): dclint not measured"
else
	if [ ! -x "$dclint" ]; then
		echo "bench/compose: installing dclint (npm install in bench/)"
		if ! (cd "$top/bench" && npm install --no-audit --no-fund --loglevel=error); then
			echo "bench/compose: npm install failed: dclint not measured" >&2
			trouble=1
		fi
	fi
	if [ -x "$dclint" ]; then
		# It exits 1 when it finds problems; anything else is trouble.
		rc=0
		"${dc_cmd[@]}" >"$tmp/dc.out" 2>&1 || rc=$?
		if [ "$rc" -le 1 ]; then
			have_dclint=1
		else
			echo "bench/compose: dclint failed (exit $rc):" >&2
			tail -5 "$tmp/dc.out" >&2
			trouble=1
		fi
	fi
fi

# 2. Timing: median wall time of each command, in seconds.
names=(parse-only seaworthy seaworthy-1)
[ -z "$have_dclint" ] || names+=(dclint)
declare -A median
quote() { # words -> one command string for hyperfine
	local w out=''
	for w in "$@"; do out+=" '${w//\'/\'\\\'\'}'"; done
	printf '%s' "${out# }"
}
hf_medians() { # JSON file -> name median lines
	# Pretty-printed JSON: "command" comes before "median" in each result.
	awk -F': *' '
		/"command":/ { gsub(/[",]/, "", $2); name = $2 }
		/"median":/ { gsub(/[",]/, "", $2); print name, $2 }' "$1"
}
if [ -z "${BENCH_NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null 2>&1; then
	how="hyperfine: median of at least $runs runs after $warmup warm-up runs; dclint $peer_runs runs after 1"
	hf=(hyperfine --ignore-failure --style basic)
	# No intermediate shell when hyperfine can do without (>= 1.13).
	if hyperfine --help 2>&1 | grep -q -- '--shell'; then hf+=(-N); fi
	if ! "${hf[@]}" --warmup "$warmup" --min-runs "$runs" --export-json "$tmp/hf.json" \
		-n parse-only "$(quote "${po_cmd[@]}")" -n seaworthy "$(quote "${sw_cmd[@]}")" \
		-n seaworthy-1 "$(quote "${sw1_cmd[@]}")"; then
		echo "bench/compose: hyperfine failed" >&2
		exit 1
	fi
	while read -r name value; do median[$name]=$value; done < <(hf_medians "$tmp/hf.json")
	if [ -n "$have_dclint" ]; then
		if ! "${hf[@]}" --warmup 1 --runs "$peer_runs" --export-json "$tmp/hf2.json" \
			-n dclint "$(quote "${dc_cmd[@]}")"; then
			echo "bench/compose: hyperfine failed on dclint" >&2
			exit 1
		fi
		while read -r name value; do median[$name]=$value; done < <(hf_medians "$tmp/hf2.json")
	fi
else
	how="no hyperfine: median of $runs runs after $warmup warm-up runs (date +%s%N); dclint $peer_runs after 1"
	[ -n "${BENCH_NO_HYPERFINE:-}" ] ||
		echo "bench/compose: hyperfine is absent (apt-get install hyperfine): timing with a shell loop"
	for name in "${names[@]}"; do
		n=$runs w=$warmup
		case $name in
		parse-only) cmd=("${po_cmd[@]}") ;;
		seaworthy) cmd=("${sw_cmd[@]}") ;;
		seaworthy-1) cmd=("${sw1_cmd[@]}") ;;
		dclint) cmd=("${dc_cmd[@]}") n=$peer_runs w=1 ;;
		esac
		samples=()
		for ((i = 0; i < w + n; i++)); do
			t0=$(date +%s%N)
			"${cmd[@]}" >/dev/null 2>&1 || true
			t1=$(date +%s%N)
			[ "$i" -lt "$w" ] || samples+=($((t1 - t0)))
		done
		median[$name]=$(printf '%s\n' "${samples[@]}" | sort -n |
			awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.9f", m / 1e9 }')
	done
fi

# 3. Report.
for name in "${names[@]}"; do
	[ -n "${median[$name]:-}" ] || { echo "bench/compose: no timing for $name" >&2; exit 1; }
done
verdict() { # value op goal -> PASS/MISS
	awk -v v="$1" -v g="$3" -v op="$2" 'BEGIN {
		ok = (op == "<") ? v < g : v >= g; print ok ? "PASS" : "MISS" }'
}
echo
echo "seaworthy compose benchmark ($how)"
printf '  %d compose files, %.2f MiB (%s)\n' "$nfiles" \
	"$(awk -v b="$bytes" 'BEGIN { print b / 1048576 }')" "$(cat "$tmp/po.out")"
echo
for name in "${names[@]}"; do
	case $name in
	parse-only) label='libyaml parse-only (the floor)' ;;
	seaworthy) label='seaworthy check --format json' ;;
	seaworthy-1) label='  the same with --jobs 1' ;;
	dclint) label='dclint -r' ;;
	esac
	awk -v l="$label" -v s="${median[$name]}" -v n="$nfiles" \
		'BEGIN { printf "  %-32s %10.1f ms   %8.3f ms per file\n", l, s * 1000, s * 1000 / n }'
done
echo
r_floor=$(awk -v a="${median[seaworthy]}" -v b="${median[parse-only]}" 'BEGIN { printf "%.2f", a / b }')
printf '  %-32s %10sx   goal < %s      %s\n' 'seaworthy / parse-only' "$r_floor" "$goal_floor" \
	"$(verdict "$r_floor" '<' "$goal_floor")"
printf '  %-32s %10sx   (one thread; no goal)\n' '  with --jobs 1' \
	"$(awk -v a="${median[seaworthy-1]}" -v b="${median[parse-only]}" 'BEGIN { printf "%.2f", a / b }')"
if [ -n "$have_dclint" ]; then
	r_peer=$(awk -v a="${median[dclint]}" -v b="${median[seaworthy]}" 'BEGIN { printf "%.1f", a / b }')
	printf '  %-32s %10sx   goal >= %s   %s\n' 'dclint / seaworthy' "$r_peer" "$goal_peer" \
		"$(verdict "$r_peer" '>=' "$goal_peer")"
else
	printf '  %-32s %11s   goal >= %s   NOT MEASURED\n' 'dclint / seaworthy' '-' "$goal_peer"
fi
exit $trouble
