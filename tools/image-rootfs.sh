#!/bin/sh
# Lays out the root filesystem of seaworthy's container image in DEST: the
# binary as /usr/bin/seaworthy, every library ldd names for it, libcurl and
# libarchive (opened at run time, so ldd does not name them) with theirs,
# the dynamic loader, and an /etc/passwd and /etc/group that name the
# unprivileged user 65532. No shell, no package manager: the image runs the
# binary and nothing else. Used by the Dockerfile's build stage and by the
# suite (tests/image-self/run.sh), so both build the same image.
# usage: tools/image-rootfs.sh BIN DEST
set -eu
[ $# -eq 2 ] || { echo "usage: tools/image-rootfs.sh BIN DEST" >&2; exit 2; }
bin=$1 dest=$2

# The file behind a soname, as the dynamic linker's cache knows it.
lib_path() {
	ldconfig -p 2>/dev/null | awk -v n="$1" '$1 == n { print $NF; exit }'
}
# The absolute paths ldd prints for a file: libraries and the loader.
deps() {
	ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
}
copy() { # path: copied to the same path under DEST, links followed
	mkdir -p "$dest$(dirname "$1")"
	cp -L "$1" "$dest$1"
	chmod 0755 "$dest$1"
}

mkdir -p "$dest/usr/bin" "$dest/etc" "$dest/src"
cp "$bin" "$dest/usr/bin/seaworthy"
chmod 0755 "$dest/usr/bin/seaworthy"
files=$bin
for so in libcurl.so.4 libarchive.so.13; do
	p=$(lib_path "$so")
	if [ -z "$p" ]; then
		echo "image-rootfs: $so not found (install libcurl4 and libarchive13)" >&2
		exit 1
	fi
	copy "$p"
	files="$files $p"
done
for f in $files; do
	for d in $(deps "$f"); do
		[ -e "$dest$d" ] || copy "$d"
	done
done
printf 'root:x:0:0:root:/root:/nonexistent\nseaworthy:x:65532:65532:seaworthy:/nonexistent:/nonexistent\n' \
	>"$dest/etc/passwd"
printf 'root:x:0:\nseaworthy:x:65532:\n' >"$dest/etc/group"
chmod 0644 "$dest/etc/passwd" "$dest/etc/group"
