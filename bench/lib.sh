# Shared by the layer benchmarks (bench/host.sh, live.sh, image.sh); sourced.

# bench_median RUNS COMMAND... -> the median wall time of RUNS runs of
# COMMAND, in seconds: hyperfine -N after 2 warm-up runs when installed,
# else timed by bash.
bench_median() {
	local runs=$1 j t0 t1
	shift
	if command -v hyperfine >/dev/null 2>&1; then
		j=$(mktemp)
		hyperfine -N -w 2 -r "$runs" -i --export-json "$j" "$(printf '%q ' "$@")" >/dev/null 2>&1
		python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$j"
		rm -f "$j"
	else
		for _ in $(seq "$runs"); do
			t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
			echo $((t1 - t0))
		done | sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2) { print $1 / 1e9 }'
	fi
}

# How bench_median times, for the reports.
bench_how() { # RUNS
	if command -v hyperfine >/dev/null 2>&1; then echo "hyperfine, median of $1"
	else echo "bash, median of $1"; fi
}

# The private engines a benchmark starts (tests/engine/dockerd.sh notes each
# one it launches in SW_ENGINES_STARTED) are stopped when it ends, as the
# suite does; an engine that was running already is left alone.
bench_engines_track() { # FILE
	export SW_ENGINES_STARTED=$1
}
bench_engines_stop() {
	local d
	[ -f "${SW_ENGINES_STARTED:-}" ] || return 0
	while read -r d; do
		SW_DOCKERD_DIR=$d "$top/tests/engine/dockerd.sh" stop >/dev/null 2>&1
	done <"$SW_ENGINES_STARTED"
	rm -f "$SW_ENGINES_STARTED"
}
