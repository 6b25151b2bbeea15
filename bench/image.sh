#!/usr/bin/env bash
# `seaworthy image` timing and peak memory on a ~100 MB image: a docker save
# archive generated here in a temp folder (never committed) with five gzip
# layers of many files of random data (random, so gzip cannot shrink it and
# every byte is read through zlib). Goals: under 2 s, peak RSS under 64 MB.
# With the private test engine (tests/engine/dockerd.sh), the same image is
# loaded into it and timed by name too, against `docker save` of it (the
# floor: reading by name asks the engine for the archive twice, so the 2 s
# goal is the archive's; by name the engine's own export dominates).
# usage: bench/image.sh BINARY
#   BENCH_IMAGE_MB=N  the image's size in MB (default 100)
set -uo pipefail
bin=$(readlink -f "${1:?usage: bench/image.sh BINARY}")
top=$(cd "$(dirname "$0")/.." && pwd)
goal_s=2
goal_rss_mb=64
mb=${BENCH_IMAGE_MB:-100}
layers=5

tmp=$(mktemp -d "${TMPDIR:-/tmp}/seaworthy-bench-image.XXXXXX")
ref=seaworthy-bench/img:run$$
loaded=''
engines=$tmp/engines-started
cleanup() {
	[ -z "$loaded" ] || docker rmi "$ref" >/dev/null 2>&1
	[ "$(type -t bench_engines_stop)" != function ] || bench_engines_stop
	rm -rf "$tmp"
}
trap cleanup EXIT

# 1. The archive: legacy layout (manifest.json last, as docker save writes
#    it), layer i = ~mb/layers MB in files of 1 to 64 KB plus a few of 1 MB.
python3 - "$tmp/img" "$mb" "$layers" "$ref" <<'PY' || { echo "bench: cannot generate the image" >&2; exit 1; }
import gzip, hashlib, io, json, os, random, sys, tarfile
out, mb, n, ref = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(out)
rnd = random.Random(1)
per = mb * 1024 * 1024 // n
diff_ids, paths, hist = [], [], []
for i in range(n):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as t:
        size, k = 0, 0
        def add(name, data=None, dir=False):
            ti = tarfile.TarInfo(name)
            if dir:
                ti.type, ti.mode = tarfile.DIRTYPE, 0o755
                t.addfile(ti)
            else:
                ti.size, ti.mode = len(data), 0o644
                t.addfile(ti, io.BytesIO(data))
        add("usr", dir=True); add("usr/share", dir=True); add(f"usr/share/l{i}", dir=True)
        while size < per:
            d = f"usr/share/l{i}/d{k // 100}"
            if k % 100 == 0:
                add(d, dir=True)
            sz = 1 << 20 if k % 200 == 199 else rnd.randint(1024, 65536)
            add(f"{d}/f{k}.bin", os.urandom(sz))
            size += sz
            k += 1
    tar = raw.getvalue()
    diff_ids.append("sha256:" + hashlib.sha256(tar).hexdigest())
    os.makedirs(f"{out}/l{i}")
    with open(f"{out}/l{i}/layer.tar", "wb") as f:
        f.write(gzip.compress(tar, compresslevel=1, mtime=0))
    paths.append(f"l{i}/layer.tar")
    hist.append({"created_by": f"/bin/sh -c #(nop) COPY dir:layer{i} in /usr/share/l{i} "})
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "config": {"User": "10001", "Cmd": ["/app"]},
                  "rootfs": {"type": "layers", "diff_ids": diff_ids},
                  "history": hist}).encode()
name = hashlib.sha256(cfg).hexdigest() + ".json"
open(f"{out}/{name}", "wb").write(cfg)
json.dump([{"Config": name, "RepoTags": [ref], "Layers": paths}],
          open(f"{out}/manifest.json", "w"))
PY
(cd "$tmp/img" && tar --numeric-owner --owner=0 --group=0 -cf "$tmp/image.tar" \
	[0-9a-f]*.json l* manifest.json) || { echo "bench: cannot pack the image" >&2; exit 1; }
rm -rf "$tmp/img"
size_mb=$(awk -v b="$(stat -c %s "$tmp/image.tar")" 'BEGIN { printf "%.1f", b / 1048576 }')

# shellcheck source=bench/lib.sh
. "$top/bench/lib.sh"
bench_engines_track "$engines"
median_s() { # command... -> median wall time in seconds
	awk -v s="$(bench_median 5 "$@")" 'BEGIN { printf "%.3f", s }'
}
rss_mb() { # command... -> peak RSS in MB, or -
	local k
	[ -x /usr/bin/time ] || { echo -; return; }
	/usr/bin/time -v -o "$tmp/time" "$@" >/dev/null 2>&1
	k=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
	[ -n "$k" ] && awk -v k="$k" 'BEGIN { printf "%.1f", k / 1024 }' || echo -
}
verdict() { # value goal -> ok/MISSED
	case $1 in -) echo 'NOT MEASURED' ;;
	*) awk -v v="$1" -v g="$2" 'BEGIN { print (v + 0 < g + 0) ? "ok" : "MISSED" }' ;; esac
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2fx", a / b }'; }

# Does it read? (exit 0 or 1; 2 would be an unreadable archive)
"$bin" image --format json "$tmp/image.tar" >"$tmp/out.json" 2>&1
rc=$?
if [ $rc -gt 1 ]; then
	echo "bench: seaworthy image failed on the generated archive (exit $rc):" >&2
	tail -5 "$tmp/out.json" >&2
	exit 1
fi

echo
echo "seaworthy image (a ${size_mb} MB docker save archive, $layers gzip layers of random files;" \
     "goal < ${goal_s} s, peak RSS < ${goal_rss_mb} MB)"
t_cat=$(median_s cat "$tmp/image.tar")
t=$(median_s "$bin" image --format json "$tmp/image.tar")
r=$(rss_mb "$bin" image --format json "$tmp/image.tar")
printf '  %-40s %8s s\n' 'cat IMAGE.tar (the floor)' "$t_cat"
printf '  %-40s %8s s   %s (%s of cat)\n' 'image IMAGE.tar' "$t" "$(verdict "$t" $goal_s)" \
	"$(ratio "$t" "$t_cat")"
printf '  %-40s %8s MB  %s\n' 'image IMAGE.tar peak RSS' "$r" "$(verdict "$r" $goal_rss_mb)"

# 2. By name through the private test engine, when there is one.
sock=''
if command -v docker >/dev/null 2>&1; then
	sock=$("$top/tests/engine/dockerd.sh" start 2>/dev/null) || sock=''
fi
if [ -z "$sock" ]; then
	printf '  %-40s %8s     NOT MEASURED (no test engine: tests/engine/dockerd.sh start)\n' \
		'image NAME (engine)' -
	exit 0
fi
export DOCKER_HOST=unix://$sock
if ! docker load -i "$tmp/image.tar" >"$tmp/load" 2>&1; then
	echo "bench: docker load failed:" >&2
	tail -3 "$tmp/load" >&2
	exit 1
fi
loaded=1
t_save=$(median_s docker save "$ref")
t=$(median_s "$bin" image --format json "$ref")
r=$(rss_mb "$bin" image --format json "$ref")
printf '  %-40s %8s s\n' 'docker save NAME > /dev/null (one GET)' "$t_save"
# The engine's export is the floor here, and it is read twice (one pass for
# the JSON files, which docker save writes last, one for the layers).
printf '  %-40s %8s s   %s of docker save (floor 2.00x: two GETs)\n' 'image NAME (engine)' "$t" \
	"$(ratio "$t" "$t_save")"
printf '  %-40s %8s MB  %s\n' 'image NAME peak RSS' "$r" "$(verdict "$r" $goal_rss_mb)"
exit 0
