#!/usr/bin/env python3
"""Growth: doubling a hostile input must at most double (x2.5 allowed) the
CPU time and the peak memory of seaworthy reading it. Inputs are made here,
in a temporary folder, for .env files, sudoers files, image archives,
Dockerfiles and compose files. Every input stays under the 4 MiB a file may
have, and under the budgets (docs/architecture.md "Budgets").
usage: growth.py BIN KIND N
KIND: dotenv, sudoers, image; dockerfile kinds: df-env (pairs of one ENV),
df-env-secrets (the same, named like secrets),
df-workdir (relative WORKDIRs), df-stages, df-run (RUN lines), df-run-scripts
(RUNs of a script of the context), df-findings (a finding a line); compose
kinds: services, env-keys (of one service), documents (of one file).
Prints one "ok growth ..." or "FAIL growth ..." line with the figures; a
pair over the bound is measured again, up to three tries (noise passes on a
retry, a superlinear cost does not)."""
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


def gen_df(d, text):
    with open(d + "/Dockerfile", "w") as f:
        f.write(text)
    return [BIN, "check", d]


def gen_df_env(d, n):
    # One ENV with n pairs, each value naming the one before.
    return gen_df(d, "FROM alpine:3\nENV V0=x " +
                  " ".join("V%d=${V%d}x" % (i, i - 1) for i in range(1, n)) + "\nUSER 1000\n")


def gen_df_env_secrets(d, n):
    # The same under names of secrets, whose raw values are looked up.
    return gen_df(d, "FROM alpine:3\nENV PASSWORD0=x " +
                  " ".join("PASSWORD%d=${PASSWORD%d}x" % (i, i - 1) for i in range(1, n)) +
                  "\nUSER 1000\n")


def gen_df_workdir(d, n):
    # Relative WORKDIRs, each one deeper, back to the root every 100.
    return gen_df(d, "FROM alpine:3\n" +
                  "".join("WORKDIR /\n" if i % 100 == 0 else "WORKDIR a%d\n" % i
                          for i in range(n)) + "USER 1000\n")


def gen_df_stages(d, n):
    # Stages built on the one before, each copying from an earlier one.
    return gen_df(d, "FROM alpine:3 AS s0\n" +
                  "".join("FROM s%d AS s%d\nCOPY --from=S%d /a /b\n" % (i - 1, i, i // 2)
                          for i in range(1, n)) + "USER 1000\n")


def gen_df_run(d, n):
    return gen_df(d, "FROM alpine:3\nSHELL [\"/bin/sh\", \"-c\"]\n" +
                  "RUN true | true\n" * n + "USER 1000\n")


def gen_df_findings(d, n):
    # A finding on every line of one stage (installs that keep their
    # caches): the stages' repeats are dropped in linear time.
    return gen_df(d, "FROM debian:12\n" +
                  "".join("RUN apt-get install -y p%d\n" % i for i in range(n)) + "USER 1000\n")


def gen_df_run_scripts(d, n):
    # RUNs of a script from the context, each with other arguments: the
    # stage's COPYs are looked at once, the script read for each.
    with open(d + "/x.sh", "w") as f:
        f.write("#!/bin/bash\nset -e\napt-get install -y x\ncurl -s u | sh\n")
    return gen_df(d, "FROM alpine:3\nCOPY x.sh /x.sh\n" +
                  "".join("RUN /x.sh %d\n" % i for i in range(n)) + "USER 1000\n")


def gen_compose(d, text):
    with open(d + "/compose.yaml", "w") as f:
        f.write(text)
    return [BIN, "check", d]


def gen_services(d, n):
    # Each service waits for the one before to complete.
    return gen_compose(d, "services:\n  s0:\n    image: x:1\n" + "".join(
        "  s%d:\n    image: x:1\n    depends_on: {s%d: {condition: service_completed_successfully}}\n"
        % (i, i - 1) for i in range(1, n)))


def gen_env_keys(d, n):
    return gen_compose(d, "services:\n  a:\n    image: x:1\n    environment:\n" +
                       "".join("      K%d: v\n" % i for i in range(n)))


def gen_documents(d, n):
    # Each document adds a service to the ones before.
    return gen_compose(d, "".join("---\nservices:\n  s%d:\n    image: x:1\n" % i
                                  for i in range(n)))


def limit():
    # A blow-up is a failure, not a swapping machine (ASan reserves more
    # address space than this: its builds get hard_rss_limit_mb instead).
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


SANITIZED = b"__asan_init" in open(BIN, "rb").read()
if SANITIZED and "hard_rss_limit_mb" not in os.environ.get("ASAN_OPTIONS", ""):
    os.environ["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + ":hard_rss_limit_mb=3072"


def measure(cmd):
    """CPU seconds and peak RSS (KB) of cmd, best of three runs."""
    best_t, best_m = None, None
    for _ in range(3):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             preexec_fn=None if SANITIZED else limit)
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


gen = {"dotenv": gen_dotenv, "sudoers": gen_sudoers, "image": gen_image,
       "df-env": gen_df_env, "df-env-secrets": gen_df_env_secrets, "df-workdir": gen_df_workdir, "df-stages": gen_df_stages,
       "df-run": gen_df_run, "df-run-scripts": gen_df_run_scripts,
       "df-findings": gen_df_findings, "services": gen_services, "env-keys": gen_env_keys,
       "documents": gen_documents}[KIND]
def run_once():
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
    return tr <= 2.5 and mr <= 2.5, line


# The suite runs beside other jobs on two cores: CPU time then varies by a
# third from run to run. A superlinear cost exceeds the bound every time,
# noise does not: up to three tries.
for attempt in range(3):
    good, line = run_once()
    if good:
        break
print(("ok " if good else "FAIL ") + line + ("" if attempt == 0 else " (try %d)" % (attempt + 1)))
