#!/usr/bin/env bash
# Hostile inputs, as a stranger's pull request would bring them: names that
# try to print commands, configs above the repository or of other users,
# writes that fail, trees that try to leave --root, inputs that blow up, and
# growth (doubling an input at most doubles, x2.5 allowed, time and peak
# memory). Everything is built here, at test time: nothing large or odd is
# committed. Prints "ok", "FAIL" and "SKIP" lines (tests/run.sh counts them)
# and, with SW_GROWTH_LOG set, appends the growth figures to that file.
# usage: tests/hostile/run.sh BIN
set -u
BIN=$1
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
ok()   { echo "ok $*"; }
bad()  { echo "FAIL $*"; }
skip() { echo "SKIP $*"; }
# Sanitized builds get ASan's RSS limit, others an address-space limit: a
# blow-up is a failure, not a swapping machine.
if grep -qa __asan_init "$BIN"; then
	export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:hard_rss_limit_mb=2048"
	lim() { timeout 120 "$@"; }
else
	lim() { (ulimit -v 4194304; exec timeout 120 "$@"); }
fi
# No line that a CI runner reads as a command (GitHub's "::" at the start,
# its legacy "##[" and Azure's "##vso[" anywhere), no control character
# but tab and line feed, no C1 or bidi control: the output is safe to print.
# Lines of the github format are its own commands: allowed with $2 set.
safe_output() { # file [github]
	python3 - "$@" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read().decode("utf-8", "strict")
github = len(sys.argv) > 2
own = re.compile(r"::(error|warning|notice)( [^:]*)?::")
for n, line in enumerate(data.split("\n"), 1):
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]", line):
        sys.exit(f"line {n}: a control character: {line!r}")
    if re.search(r"##(vso)?\[", line, re.I):
        sys.exit(f"line {n}: a log command: {line!r}")
    if line.lstrip().startswith("::") and not (github and own.match(line)):
        sys.exit(f"line {n}: starts with '::': {line!r}")
PY
}

# 1. Safe to print: a Dockerfile whose name holds a line feed and a
#    workflow command, one with ESC and C1 bytes, one with U+202E; a
#    compose service named with ESC, C1 and "::add-mask::". Every format.
d=$tmp/names; mkdir -p "$d"
for n in $'Dockerfile.x\n::error file=README.md,line=1::pwned' $'Dockerfile.\e[2J\e]0;t\a\xc2\x9b' \
	 $'Dockerfile.\xe2\x80\xaeelif' $'Dockerfile.##[add-mask]s ##vso[task.setvariable]'; do
	printf 'FROM debian:12\nRUN apt-get update\n' >"$d/$n"
done
printf 'services:\n  "a\\e[31m\\x9b\\n::add-mask::x\\u202e":\n    image: "x\\e]0;t\\a"\n    privileged: true\n' >"$d/compose.yaml"
for f in text json sarif junit github gitlab checkstyle; do
	(cd "$d" && lim "$BIN" check --format $f . >"$tmp/out.$f" 2>"$tmp/err.$f"); rc=$?
	# Exit 2: Compose's schema refuses the service's name (an input error
	# that quotes it), and the rest is still checked and reported.
	if [ $rc -eq 2 ] && grep -q 'pwned' "$tmp/out.$f" && why=$(safe_output "$tmp/out.$f" ${f/#github/github} 2>&1) &&
	   why2=$(safe_output "$tmp/err.$f" 2>&1); then ok "hostile names: $f"
	else bad "hostile names: $f (exit $rc) ${why:-} ${why2:-}"; fi
done
if grep -q '^\./::\|^Dockerfile\.x\\n::error' "$tmp/out.text"; then ok "hostile names: shown, escaped"
else bad "hostile names: the file with a line feed is not shown escaped"; grep -a pwned "$tmp/out.text"; fi

# 2. Trusted config only: a .seaworthy.yaml that silences everything,
#    above the repository (not read), another user's or a group-writable
#    one in it (skipped, with a note), the user's own (read).
silence='exclude: ["**"]\nfail-on: never\n'
mkrepo() { # dir: a repository with a Dockerfile that has a finding
	rm -rf "$1"; mkdir -p "$1/repo/.git" "$1/repo/app"
	printf 'FROM debian:12\nCMD ["x"]\n' >"$1/repo/app/Dockerfile"
}
d=$tmp/cfg; mkrepo "$d"; printf "$silence" >"$d/.seaworthy.yaml"
(cd "$d/repo/app" && lim "$BIN" check --select SW0201 . >"$tmp/cfg.out" 2>&1); rc=$?
if [ $rc -eq 1 ] && grep -q SW0201 "$tmp/cfg.out"; then ok "config above the repository root is not read"
else bad "config above the repository root was obeyed (exit $rc)"; cat "$tmp/cfg.out"; fi
rm -rf "$d/repo/.git"
(cd "$d/repo/app" && lim "$BIN" check --select SW0201 . >"$tmp/cfg.out" 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "config above a folder that is no repository is read"
else bad "config of an ancestor, no repository: exit $rc"; cat "$tmp/cfg.out"; fi
mkrepo "$d"; rm -f "$d/.seaworthy.yaml"; printf "$silence" >"$d/repo/.seaworthy.yaml"
(cd "$d/repo/app" && lim "$BIN" check --select SW0201 . >"$tmp/cfg.out" 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "the user's own config at the repository root is read"
else bad "own config at the repository root: exit $rc"; cat "$tmp/cfg.out"; fi
chmod 0664 "$d/repo/.seaworthy.yaml"
(cd "$d/repo/app" && lim "$BIN" check --select SW0201 --format json . >"$tmp/cfg.json" 2>"$tmp/cfg.err"); rc=$?
if [ $rc -eq 1 ] && grep -q 'seaworthy.yaml: note: configuration not read: writable by its group (mode 0664)' "$tmp/cfg.err" &&
   python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=d["notes"]; assert len(n)==1 and n[0]["file"].endswith(".seaworthy.yaml") and "writable by its group" in n[0]["message"], n; assert d["findings"]' "$tmp/cfg.json"; then
	ok "a group-writable config is skipped, on stderr and as a note"
else bad "group-writable config (exit $rc)"; cat "$tmp/cfg.err" "$tmp/cfg.json"; fi
chmod 0644 "$d/repo/.seaworthy.yaml"
if [ "$(id -u)" = 0 ]; then
	chown 4321 "$d/repo/.seaworthy.yaml"
	(cd "$d/repo/app" && lim "$BIN" check --select SW0201 . >"$tmp/cfg.out" 2>&1); rc=$?
	if [ $rc -eq 1 ] && grep -q 'not read: owned by uid 4321, neither you (uid 0) nor root' "$tmp/cfg.out" &&
	   grep -q 'repo/\.seaworthy\.yaml: note: configuration not read' "$tmp/cfg.out"; then
		ok "another user's config is skipped"
	else bad "another user's config (exit $rc)"; cat "$tmp/cfg.out"; fi
	chown 0 "$d/repo/.seaworthy.yaml"
	if command -v setpriv >/dev/null 2>&1; then
		chmod -R a+rX "$tmp"
		(cd "$d/repo/app" && setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$BIN" check --select SW0201 . >"$tmp/cfg.out" 2>&1); rc=$?
		if [ $rc -eq 0 ]; then ok "root's config is read by another user"
		else bad "root's config as nobody: exit $rc"; cat "$tmp/cfg.out"; fi
	else
		skip "root's config read by another user: setpriv absent"
	fi
else
	skip "configs of other users: making them needs root (chown)"
fi

# 3. Writes that cannot half-succeed: a full device and a file size limit
#    (a write fails halfway; root ignores folder permissions) for every
#    format and the baseline; the old file stays, no temporary file stays.
d=$tmp/w; mkdir -p "$d/t"; printf 'FROM debian:12\nADD a /a\nADD b /b\nADD c /c\nRUN apt-get update\n' >"$d/t/Dockerfile"
for f in text json sarif junit github gitlab checkstyle; do
	(cd "$d/t" && lim "$BIN" check --format $f --output /dev/full . >/dev/null 2>"$tmp/w.err"); rc=$?
	if [ $rc -eq 2 ] && grep -q 'cannot write /dev/full: No space left on device' "$tmp/w.err"; then ok "--output /dev/full ($f)"
	else bad "--output /dev/full ($f): exit $rc"; cat "$tmp/w.err"; fi
	echo old >"$d/out"
	(cd "$d/t" && trap '' XFSZ && ulimit -f 1 && exec "$BIN" check --format $f --output "$d/out" . \
		--select SW0002,SW0201,SW0004 >/dev/null 2>"$tmp/w.err"); rc=$?
	if [ $rc -eq 2 ] && [ "$(cat "$d/out")" = old ] && grep -q 'File too large' "$tmp/w.err" &&
	   [ "$(ls -A "$d" | wc -l)" = 2 ]; then ok "--output that fails halfway keeps the old file ($f)"
	else bad "--output under a size limit ($f): exit $rc, $(ls -A "$d" | wc -l) files"; cat "$tmp/w.err"; fi
	(cd "$d/t" && lim "$BIN" check --format $f --output "$d/out" . >/dev/null 2>"$tmp/w.err"); rc=$?
	if [ $rc -eq 1 ] && [ "$(cat "$d/out")" != old ] && [ "$(ls -A "$d" | wc -l)" = 2 ]; then
		ok "--output replaces the old file ($f)"
	else bad "--output over an old file ($f): exit $rc"; cat "$tmp/w.err"; fi
done
(cd "$d/t" && lim "$BIN" check --write-baseline /dev/full . >/dev/null 2>"$tmp/w.err"); rc=$?
if [ $rc -eq 2 ] && grep -q 'cannot write baseline /dev/full: No space left on device' "$tmp/w.err"; then ok "--write-baseline /dev/full"
else bad "--write-baseline /dev/full: exit $rc"; cat "$tmp/w.err"; fi
echo '{"seaworthy_baseline": 1, "findings": []}' >"$d/base.json"; cp "$d/base.json" "$tmp/base.want"
(cd "$d/t" && trap '' XFSZ && ulimit -f 1 && exec "$BIN" check --write-baseline "$d/base.json" . >/dev/null 2>"$tmp/w.err"); rc=$?
if [ $rc -eq 2 ] && cmp -s "$d/base.json" "$tmp/base.want" && grep -q 'File too large' "$tmp/w.err" &&
   [ "$(ls -A "$d" | wc -l)" = 3 ]; then ok "--write-baseline that fails halfway keeps the old baseline"
else bad "--write-baseline under a size limit: exit $rc"; cat "$tmp/w.err"; ls -A "$d"; fi
ln -s base.json "$d/link.json"
(cd "$d/t" && lim "$BIN" check --write-baseline "$d/link.json" . >/dev/null 2>"$tmp/w.err"); rc=$?
if [ $rc -eq 0 ] && [ -L "$d/link.json" ] && grep -q SW0002 "$d/base.json"; then ok "--write-baseline through a link replaces its target"
else bad "--write-baseline through a link: exit $rc"; cat "$tmp/w.err"; fi
rm -f "$d/link.json"
(cd "$d/t" && lim "$BIN" check --format json --output /dev/stdout . 2>"$tmp/w.err" | python3 -c 'import json,sys; json.load(sys.stdin)'); rc=$?
if [ $rc -eq 0 ] && [ -c /dev/null ]; then ok "--output /dev/stdout is written in place"
else bad "--output /dev/stdout"; cat "$tmp/w.err"; fi
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	mkdir -p "$d/ro"; echo old >"$d/ro/out.json"; chmod -R a+rX "$tmp"; chmod 0555 "$d/ro"
	(cd "$d/t" && setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" check --format json \
		--output "$d/ro/out.json" . >/dev/null 2>"$tmp/w.err"); rc=$?
	if [ $rc -eq 2 ] && [ "$(cat "$d/ro/out.json")" = old ] && grep -q 'Permission denied' "$tmp/w.err"; then
		ok "--output in a read-only folder"
	else bad "--output in a read-only folder: exit $rc"; cat "$tmp/w.err"; fi
	chmod 0755 "$d/ro"
else
	skip "--output in a read-only folder: needs root and setpriv (root writes anywhere)"
fi

# 4. Host layer (host --root): includes and links stay in the tree, and
#    nothing of a file outside it is read or quoted; budgets of the load.
mkhost() { # dir: a tree with alice, no sudoers yet
	rm -rf "$1"; mkdir -p "$1/etc/sudoers.d"
	printf 'root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n' >"$1/etc/passwd"
	printf 'root:x:0:\nalice:x:1000:\n' >"$1/etc/group"
}
hostrun() { # dir -> $tmp/h.out (text), $tmp/h.json; rc in $rc
	(lim "$BIN" host --root "$1" --user alice --select SW0102 >"$tmp/h.out" 2>&1); rc=$?
}
out=$tmp/outside; mkdir -p "$out"
printf 'alice ALL=(ALL) NOPASSWD: ALL # SECRET-MARKER\n' >"$out/secret"
h=$tmp/host; mkhost "$h"
printf '@include ../../../../../../../..%s\n' "$out/secret" >"$h/etc/sudoers"
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'etc/sudoers:1: error: @include leads out of the audited tree (--root): not read' "$tmp/h.out" &&
   ! grep -q 'SECRET\|SW0102' "$tmp/h.out"; then ok "host: a relative @include cannot leave --root"
else bad "host: relative @include out of the tree (exit $rc)"; cat "$tmp/h.out"; fi
mkhost "$h"; printf '@includedir /etc/sudoers.d\n' >"$h/etc/sudoers"
ln -s "$out/secret" "$h/etc/sudoers.d/abs"
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'cannot read the included file: No such file or directory' "$tmp/h.out" &&
   ! grep -q 'SECRET\|SW0102' "$tmp/h.out"; then ok "host: an absolute link is followed inside --root"
else bad "host: absolute link in the tree (exit $rc)"; cat "$tmp/h.out"; fi
rm "$h/etc/sudoers.d/abs"; ln -s ../../../../../../../../../..$out/secret "$h/etc/sudoers.d/rel"
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'error: @include leads out of the audited tree' "$tmp/h.out" &&
   ! grep -q 'SECRET\|SW0102' "$tmp/h.out"; then ok "host: a relative link cannot leave --root"
else bad "host: relative link out of the tree (exit $rc)"; cat "$tmp/h.out"; fi
rm "$h/etc/sudoers.d/rel"; mkdir -p "$h/srv"; cp "$out/secret" "$h/srv/grant"
ln -s /srv/grant "$h/etc/sudoers.d/inside"
hostrun "$h"
if [ $rc -eq 1 ] && grep -q 'etc/sudoers.d/inside:1:1: error\[SW0102\]' "$tmp/h.out"; then
	ok "host: an absolute link to a file of the tree is read there"
else bad "host: absolute link to a file of the tree (exit $rc)"; cat "$tmp/h.out"; fi
mkhost "$h"; ln -s "$out/secret" "$h/etc/sudoers"
hostrun "$h"
if [ $rc -eq 0 ] && ! grep -q 'SECRET\|SW0102' "$tmp/h.out"; then ok "host: etc/sudoers itself as an absolute link"
else bad "host: etc/sudoers as an absolute link (exit $rc)"; cat "$tmp/h.out"; fi
rm "$h/etc/passwd"; ln -s ../../../../../../../../../../etc/passwd "$h/etc/passwd"
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'etc/passwd: error: cannot read: leads out of the audited tree (--root)' "$tmp/h.out"; then
	ok "host: etc/passwd cannot leave --root"
else bad "host: etc/passwd out of the tree (exit $rc)"; cat "$tmp/h.out"; fi
mkhost "$h"; mkdir -p "$h/etc/docker"; printf '{"icc": false,\n"live-restore": true\0}\n' >"$h/etc/docker/daemon.json"
(lim "$BIN" host --root "$h" --user alice >"$tmp/h.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q 'etc/docker/daemon.json:2: error: invalid JSON: a NUL byte' "$tmp/h.out"; then
	ok "host: a NUL in daemon.json"
else bad "host: NUL in daemon.json (exit $rc)"; head -3 "$tmp/h.out"; fi
# More than 256 files in an @includedir: the first 256 in sorted order are
# read (whatever the folder's order), and the limit is an input error.
mkhost "$h"; printf '@includedir /etc/sudoers.d\n' >"$h/etc/sudoers"
for i in $(seq 300 -1 1); do printf 'Defaults:alice !lecture\n' >"$h/etc/sudoers.d/f$(printf %03d "$i")"; done
printf 'alice ALL=(ALL) NOPASSWD: ALL\n' >"$h/etc/sudoers.d/f001"
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'sudoers.d/f001:1:1: error\[SW0102\]' "$tmp/h.out" &&
   grep -q 'etc/sudoers:1: error: too many sudoers files (limit 256): this one and the rest are not read' "$tmp/h.out"; then
	ok "host: @includedir past 256 files: sorted first, limit reported"
else bad "host: @includedir past 256 files (exit $rc)"; cat "$tmp/h.out"; fi
# An alias chain 120,000 links long (a stack overflow and quadratic lookups
# once); a self-including 4 MB sudoers (3.9 GB once).
mkhost "$h"
python3 - "$h/etc/sudoers" 120000 <<'PY'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    f.write("alice ALL = (ALL) NOPASSWD: C0\n")
    f.writelines(f"Cmnd_Alias C{i} = C{i + 1}\n" for i in range(n))
    f.write(f"Cmnd_Alias C{n} = ALL\n")
PY
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'etc/sudoers:130: error: aliases nested too deep (limit 128)' "$tmp/h.out"; then
	ok "host: a 120,000-link alias chain"
else bad "host: alias chain (exit $rc)"; head -5 "$tmp/h.out"; fi
mkhost "$h"
python3 - "$h/etc/sudoers" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    line = "@include /etc/sudoers\nalice ALL = (ALL) /bin/true\n"
    f.write(line * (4000000 // len(line)))
PY
hostrun "$h"
if [ $rc -eq 2 ] && grep -q 'error: @include of a file being read (a loop): not read again' "$tmp/h.out" &&
   grep -q 'too many errors in sudoers files (limit 100)' "$tmp/h.out" && [ "$(grep -c error: "$tmp/h.out")" -le 102 ]; then
	ok "host: a self-including 4 MB sudoers"
else bad "host: self-including sudoers (exit $rc)"; head -5 "$tmp/h.out"; fi

# 5. Budgets and streams outside the Dockerfile and compose core.
# A 639-byte .env that doubles a variable 40 times (a terabyte once).
d=$tmp/dotenv; mkdir -p "$d"
python3 - "$d/.env" <<'PY'
import sys
lines = ["A=0123456789abcdef"] + ['V%d="${%s}${%s}"' % (i, p, p) for i, p in
                                  enumerate(["A"] + ["V%d" % k for k in range(39)])]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
printf 'services:\n  a:\n    image: x:1\n    environment: [X=${V39}]\n' >"$d/compose.yaml"
(cd "$d" && lim "$BIN" check . >"$tmp/de.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q '^\.env:18: error: interpolated value too large (limit 1 MiB)' "$tmp/de.out"; then
	ok ".env doubling a variable 40 times"
else bad ".env doubling (exit $rc)"; head -3 "$tmp/de.out"; fi
# Compose interpolation: each value under 1 MiB, 16 MiB together at most.
python3 - "$d" <<'PY'
import sys
d = sys.argv[1]
open(d + "/.env", "w").write("BIG=" + "x" * 900000 + "\n")
open(d + "/compose.yaml", "w").write("services:\n  a:\n    image: x:1\n    labels:\n" +
                                     "".join("      l%d: ${BIG}\n" % i for i in range(40)))
PY
(cd "$d" && lim "$BIN" check . >"$tmp/de.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q '^compose.yaml:[0-9]*:[0-9]*: error: interpolated values too large in total (limit 16 MiB)\|^compose.yaml:[0-9]*: error: interpolated values too large in total (limit 16 MiB)' "$tmp/de.out"; then
	ok "compose interpolation, 16 MiB in all"
else bad "compose interpolation total (exit $rc)"; head -3 "$tmp/de.out"; fi

# Images: a bzip2 archive of a few KB that expands to 1 GiB, FIFOs, an
# etc/passwd that is a link.
d=$tmp/img; mkdir -p "$d"
python3 "$top/tests/hostile/mkimage.py" "$d/bomb.tar.bz2" bomb-outer
(cd "$d" && lim "$BIN" image bomb.tar.bz2 >"$tmp/im.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q 'bomb.tar.bz2: error: the archive expands too much (limit 1000 times its compressed size' "$tmp/im.out"; then
	ok "image: a compressed archive that expands a thousandfold"
else bad "image: outer bomb (exit $rc)"; head -3 "$tmp/im.out"; fi
mkfifo "$d/fifo.tar"
(cd "$d" && lim "$BIN" image fifo.tar >"$tmp/im.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q 'fifo.tar: error: cannot read: not a regular file or a folder' "$tmp/im.out"; then
	ok "image: a FIFO named as the archive"
else bad "image: FIFO archive (exit $rc)"; head -3 "$tmp/im.out"; fi
if "$top/tests/image/build-fixtures.sh" "$d/fx" >"$tmp/fx.out" 2>&1; then
	for b in "$d"/fx/oci-whiteout/blobs/sha256/*; do
		if gzip -t "$b" 2>/dev/null; then rm "$b"; mkfifo "$b"; fi
	done
	(cd "$d/fx" && lim "$BIN" image oci-whiteout >"$tmp/im.out" 2>&1); rc=$?
	if [ $rc -eq 2 ] && grep -q 'oci-whiteout: error: layer 0 (blobs/sha256/[0-9a-f]*): not a regular file' "$tmp/im.out"; then
		ok "image: an OCI layer blob that is a FIFO"
	else bad "image: FIFO layer blob (exit $rc)"; head -3 "$tmp/im.out"; fi
else
	bad "image fixtures: $(tail -1 "$tmp/fx.out")"
fi
python3 "$top/tests/hostile/mkimage.py" "$d/big-config.tar" big-config
(cd "$d" && lim "$BIN" image big-config.tar >"$tmp/im.out" 2>&1); rc=$?
if [ $rc -eq 2 ] && grep -q 'big-config.tar: error: cfg.json is too large (limit 1 MiB)' "$tmp/im.out"; then
	ok "image: a config over 1 MiB is too large, not missing"
else bad "image: large config (exit $rc)"; head -3 "$tmp/im.out"; fi
for k in huge-outer huge-layer; do
	python3 "$top/tests/hostile/mkimage.py" "$d/$k.tar" $k
	(cd "$d" && lim "$BIN" image "$k.tar" >"$tmp/im.out" 2>&1); rc=$?
	if [ $rc -eq 2 ] && grep -q "$k.tar: error: .*too large uncompressed" "$tmp/im.out" &&
	   ! grep -q 'runtime error' "$tmp/im.out"; then
		ok "image: an entry that claims nearly 2^63 bytes ($k)"
	else bad "image: an entry of nearly 2^63 bytes ($k, exit $rc)"; head -3 "$tmp/im.out"; fi
done
for k in passwd-symlink passwd-hardlink passwd-opaque; do
	python3 "$top/tests/hostile/mkimage.py" "$d/$k.tar" $k
	(cd "$d" && lim "$BIN" image --select SW0272 "$k.tar" >"$tmp/im.out" 2>&1); rc=$?
	case $k in
	passwd-opaque) want='info\[SW0272\] User "app" is not checked: the image.s /etc/passwd is a link' ;;
	*) want='^0 findings' ;;
	esac
	if [ $rc -eq 0 ] && grep -q "$want" "$tmp/im.out"; then ok "image: etc/passwd as a link ($k)"
	else bad "image: etc/passwd as a link ($k, exit $rc)"; head -3 "$tmp/im.out"; fi
done

# The engine: a stall, an answer over the cap, an endless export, and a
# thousand megabytes of inspect answers, streamed.
engine() { # mode [n]: starts tests/hostile/engine.py; $esock, $epid
	esock=$tmp/e-$1.sock
	python3 "$top/tests/hostile/engine.py" "$esock" "$@" 2>/dev/null & epid=$!
	for _ in $(seq 50); do [ -S "$esock" ] && break; sleep 0.1; done
}
engine stall 30
SEAWORTHY_ENGINE_TIMEOUT=2 lim "$BIN" live --host "unix://$esock" >"$tmp/en.out" 2>&1; rc=$?
kill $epid; wait $epid 2>/dev/null
if [ $rc -eq 2 ] && grep -q 'took too long: all requests of a run share a time limit (limit 2 s, SEAWORTHY_ENGINE_TIMEOUT)' "$tmp/en.out"; then
	ok "engine: one time limit for the run"
else bad "engine: stalled engine (exit $rc)"; head -3 "$tmp/en.out"; fi
engine huge
lim "$BIN" live --host "unix://$esock" >"$tmp/en.out" 2>&1; rc=$?
kill $epid; wait $epid 2>/dev/null
if [ $rc -eq 2 ] && grep -q "cannot list the containers: the engine's answer is too large (limit 64 MiB)" "$tmp/en.out"; then
	ok "engine: an answer over the cap"
else bad "engine: answer over the cap (exit $rc)"; head -3 "$tmp/en.out"; fi
engine endless
SEAWORTHY_ENGINE_TIMEOUT=3 lim "$BIN" image --host "unix://$esock" evil:1 >"$tmp/en.out" 2>&1; rc=$?
kill $epid; wait $epid 2>/dev/null
if [ $rc -eq 2 ] && grep -q 'evil:1: error: .*took too long' "$tmp/en.out"; then
	ok "engine: image NAME on an endless export ends"
else bad "engine: endless export (exit $rc)"; head -3 "$tmp/en.out"; fi
# 200 inspect answers of 1 MiB: held at once that was 200 MiB and more.
engine many 200
ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=1" \
	/usr/bin/time -f '%M' -o "$tmp/en.rss" "$BIN" live --host "unix://$esock" >"$tmp/en.out" 2>&1; rc=$?
kill $epid; wait $epid 2>/dev/null
rss=$(tail -1 "$tmp/en.rss")
if [ $rc -eq 0 ] && grep -q '^200 findings' "$tmp/en.out" && [ "$rss" -lt 120000 ]; then
	ok "engine: live streams 200 MiB of inspect answers (peak ${rss} KB)"
else bad "engine: live with 200 large answers (exit $rc, peak ${rss:-?} KB)"; tail -3 "$tmp/en.out"; fi

# 7. Growth: twice the hostile input, at most twice (x2.5) the CPU time and
#    the peak memory (tests/hostile/growth.py makes the inputs and measures).
#    Each size keeps a file under 4 MiB and the Dockerfile and compose
#    budgets (documents past theirs: the refusal must be cheap too).
#    df-workdir doubles from 10000: each relative WORKDIR is a finding that
#    quotes two long paths, and from 40000 the run takes 300 MB under ASan,
#    whose time then follows page faults more than the algorithm.
for g in "dotenv 60000" "sudoers 20000" "image 20000" "df-env 8000" "df-env-secrets 8000" "df-workdir 10000" \
	 "df-stages 4000" "df-run 30000" "df-run-scripts 8000" "df-findings 20000" "services 10000" "env-keys 40000" "documents 5000"; do
	# shellcheck disable=SC2086 # kind and size
	line=$(python3 "$top/tests/hostile/growth.py" "$BIN" $g 2>&1 | tail -1)
	case $line in ok\ growth*|FAIL\ growth*) echo "$line" ;; *) bad "growth $g: $line" ;; esac
	[ -n "${SW_GROWTH_LOG:-}" ] && echo "$line" >>"$SW_GROWTH_LOG"
done
