#!/usr/bin/env python3
"""Growth: doubling a hostile input must at most double (x2.5 allowed) the
CPU time and the peak memory of seaworthy reading it. Inputs are made here,
in a temporary folder, for .env files, sudoers files and image archives.
usage: growth.py BIN KIND N   (KIND: dotenv, sudoers, image)
Prints one "ok growth ..." or "FAIL growth ..." line with the figures."""
import os
import resource
import subprocess
import sys
import tempfile

BIN, KIND, N = sys.argv[1], sys.argv[2], int(sys.argv[3])
HERE = os.path.dirname(os.path.abspath(__file__))


def gen_dotenv(d, n):
    # Every line looks two earlier variables up: quadratic with a scan.
    with open(d + "/.env", "w") as f:
        f.write("V0=x\n")
        f.writelines("V%d=${V0}${V%d}\n" % (i, i // 2) for i in range(1, n))
    with open(d + "/compose.yaml", "w") as f:
        f.write("services:\n  a:\n    image: x:1\n    environment: [X=${V%d}]\n" % (n - 1))
    return [BIN, "check", "--select", "SW0054", d]


def gen_sudoers(d, n):
    os.makedirs(d + "/etc")
    with open(d + "/etc/passwd", "w") as f:
        f.write("root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n")
    with open(d + "/etc/group", "w") as f:
        f.write("root:x:0:\nalice:x:1000:\n")
    with open(d + "/etc/sudoers", "w") as f:
        # Aliases naming earlier ones, and specs naming them all.
        f.write("Cmnd_Alias C0 = /bin/true\nUser_Alias U0 = bob\n")
        f.writelines("Cmnd_Alias C%d = /bin/c%d, C%d\nUser_Alias U%d = u%d, U%d\n"
                     % (i, i, i // 2, i, i, i // 2) for i in range(1, n))
        f.writelines("U%d ALL = (ALL) C%d\n" % (i, i) for i in range(0, n, 4))
        f.write("alice ALL = (ALL) NOPASSWD: C%d\n" % (n - 1))
    return [BIN, "host", "--root", d, "--user", "alice", "--select", "SW0102"]


def gen_image(d, n):
    subprocess.run([sys.executable, HERE + "/mkimage.py", d + "/img.tar", "files", str(n)],
                   check=True)
    return [BIN, "image", d + "/img.tar"]


def measure(cmd):
    """CPU seconds and peak RSS (KB) of cmd, best of three runs."""
    best_t, best_m = None, None
    for _ in range(3):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        err = p.stderr.read().decode(errors="replace")
        p.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1, 2) or "Sanitizer" in err:
            sys.exit("FAIL growth %s: exit %d: %s" % (KIND, code, err[-300:]))
        t = ru.ru_utime + ru.ru_stime
        best_t = t if best_t is None else min(best_t, t)
        best_m = ru.ru_maxrss if best_m is None else min(best_m, ru.ru_maxrss)
    return best_t, best_m


gen = {"dotenv": gen_dotenv, "sudoers": gen_sudoers, "image": gen_image}[KIND]
figures = []
with tempfile.TemporaryDirectory() as tmp:
    for n in (N, 2 * N):
        d = "%s/%d" % (tmp, n)
        os.makedirs(d)
        cmd = gen(d, n)
        size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)
        figures.append((n, size) + measure(cmd))
(n1, s1, t1, m1), (n2, s2, t2, m2) = figures
# Times under 0.1 s are start-up and clock ticks: compared from there.
tr = max(t2, 0.1) / max(t1, 0.1)
mr = m2 / m1
line = ("growth %s: n=%d (%d bytes) %.2fs %dKB; n=%d (%d bytes) %.2fs %dKB; time x%.2f, memory x%.2f"
        % (KIND, n1, s1, t1, m1, n2, s2, t2, m2, tr, mr))
print(("ok " if tr <= 2.5 and mr <= 2.5 else "FAIL ") + line)
