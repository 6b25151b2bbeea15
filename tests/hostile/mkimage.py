#!/usr/bin/env python3
"""Builds hostile docker save archives (the legacy layout: manifest.json, a
config, layer tars) for tests/hostile/run.sh, at test time.
usage: mkimage.py OUT KIND [N]
  passwd-symlink   etc/passwd -> ../usr/lib/passwd (User app is in it)
  passwd-hardlink  etc/passwd a hard link to usr/lib/passwd
  passwd-opaque    etc/passwd -> ../usr/lib/users.db (content not kept)
  files N          one layer of N files in N/100 folders, and 8 VOLUMEs
                   reached through a symlink whose target has N/2 components
  big-config       a config of 1.1 MB (a long Env)
  bomb-outer       the whole archive bzip2'd: a member of 1 GiB of zeros as
                   concatenated bzip2 streams (a few KB)"""
import bz2
import io
import json
import sys
import tarfile

out, kind = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 0


def add(t, name, data=b"", **kw):
    ti = tarfile.TarInfo(name)
    for k, v in kw.items():
        setattr(ti, k, v)
    if ti.type == tarfile.REGTYPE:
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
    else:
        t.addfile(ti)


def layer(fill):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.GNU_FORMAT) as t:
        fill(t)
    return b.getvalue()


def image(layers, config):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.GNU_FORMAT) as t:
        cfg = json.dumps(config).encode()
        add(t, "cfg.json", cfg)
        names = []
        for i, l in enumerate(layers):
            names.append("l%d/layer.tar" % i)
            add(t, names[-1], l)
        add(t, "manifest.json", json.dumps([{"Config": "cfg.json", "RepoTags": ["hostile:1"],
                                             "Layers": names}]).encode())
    return b.getvalue()


passwd = b"root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/app:/bin/sh\n"
config = {"config": {"User": "app", "Cmd": ["/app"]}, "rootfs": {"type": "layers"}}
DIR, SYM, LNK = tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE

if kind == "passwd-symlink":
    data = image([layer(lambda t: (add(t, "usr/lib/passwd", passwd), add(t, "etc", type=DIR),
                                   add(t, "etc/passwd", type=SYM, linkname="../usr/lib/passwd")))], config)
elif kind == "passwd-hardlink":
    data = image([layer(lambda t: (add(t, "usr/lib/passwd", passwd), add(t, "etc", type=DIR),
                                   add(t, "etc/passwd", type=LNK, linkname="usr/lib/passwd")))], config)
elif kind == "passwd-opaque":
    data = image([layer(lambda t: (add(t, "usr/lib/users.db", passwd), add(t, "etc", type=DIR),
                                   add(t, "etc/passwd", type=SYM, linkname="../usr/lib/users.db")))], config)
elif kind == "files":
    deep = "/".join(["d"] * max(1, n // 2))

    def fill(t):
        add(t, "etc/passwd", passwd)
        for i in range(n):
            add(t, "srv/f%d/file%d" % (i % max(1, n // 100), i), b"x")
        add(t, deep, type=DIR, uid=0)
        add(t, "vol", type=SYM, linkname=deep)
    config["config"]["Volumes"] = {"/vol/data%d" % k: {} for k in range(8)}
    data = image([layer(fill)], config)
elif kind == "big-config":
    config["config"]["Env"] = ["X%d=%s" % (i, "y" * 1000) for i in range(1100)]
    data = image([layer(lambda t: add(t, "etc/passwd", passwd))], config)
elif kind == "bomb-outer":
    head = tarfile.TarInfo("zeros")
    head.size = 1 << 30
    stream = bz2.compress(head.tobuf(format=tarfile.GNU_FORMAT))
    chunk = bz2.compress(b"\0" * (64 << 20))
    data = stream + chunk * 16
elif kind in ("huge-outer", "huge-layer"):
    # A pax header that claims a size just under 2^63 (libarchive refuses
    # 2^63 - 1 itself): the bytes read so far added to it overflow.
    head = tarfile.TarInfo("huge")
    head.size = (1 << 63) - 600
    head.pax_headers = {"size": str(head.size)}
    huge = head.tobuf(format=tarfile.PAX_FORMAT) + b"\0" * 1024
    data = huge if kind == "huge-outer" else image([huge], config)
else:
    sys.exit("unknown kind " + kind)
open(out, "wb").write(data)
