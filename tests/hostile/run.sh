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
	if [ $rc -eq 1 ] && grep -q 'pwned' "$tmp/out.$f" && why=$(safe_output "$tmp/out.$f" ${f/#github/github} 2>&1) &&
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
if [ $rc -eq 1 ] && grep -q 'seaworthy.yaml: not read: writable by its group (mode 0664)' "$tmp/cfg.err" &&
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
