#!/usr/bin/env python3
"""seaworthy check over the real repositories of ../shared/projects.

Guards what issues 11 and 12 promised on real trees: the findings judged
by reading the repositories (judged.txt) stay as judged; no input error for a template,
an ignore file or a compose fragment; no finding twice; the inputs list
accounts for every Dockerfile, compose and bake file in the tree; and the
counts per project (findings, held back, shipped stages, input errors) stay
as reviewed in projects.counts (UPDATE=1 rewrites it: review the diff).
Skips, saying so, when ../shared is absent.

usage: projects.py BINARY SHARED_DIR
"""
import json, os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
binary, shared = os.path.abspath(sys.argv[1]), sys.argv[2]
root = os.path.join(shared, "projects")
if not os.path.isdir(root):
    print("SKIP realworld projects: %s absent" % root)
    sys.exit(0)

NAMES = re.compile(r"^(Dockerfile([._-].*)?|.*\.[Dd]ockerfile|Containerfile.*|"
                   r"(docker-)?compose([.-].*)?\.ya?ml|.*\.compose\.ya?ml|"
                   r"docker-bake(\.override)?\.(hcl|json))$")
SKIPDIRS = {".git", "node_modules", "vendor"}
fails, rows = [], []
judged = []
for line in open(os.path.join(here, "judged.txt")):
    line = line.split("#", 1)[0].split()
    if line:
        judged.append(line)
reported = set()
for proj in sorted(os.listdir(root)):
    top = os.path.join(root, proj)
    if not os.path.isdir(top):
        continue
    out = subprocess.run([binary, "check", "--no-config", "--format", "json", proj],
                         cwd=root, capture_output=True, text=True, timeout=300)
    try:
        d = json.loads(out.stdout)
    except ValueError:
        fails.append("%s: no JSON (exit %d): %s" % (proj, out.returncode, out.stderr[:200]))
        continue
    inputs = {i["path"]: i for i in d.get("inputs", [])}
    for e in d.get("errors", []):
        i = inputs.get(e.get("file"))
        if i and i.get("kind") in ("template", "ignore file"):
            fails.append("%s: input error for a %s: %s" % (proj, i["kind"], e["file"]))
        if i and "fragment" in (i.get("skipped") or ""):
            fails.append("%s: input error for a fragment: %s" % (proj, e["file"]))
    seen = set()
    for f in d.get("findings", []):
        reported.add((f.get("rule"), "%s:%s" % (f.get("file"), f.get("line"))))
        reported.add((f.get("rule"), f.get("file")))
        k = (f.get("rule"), f.get("file"), f.get("line"), f.get("column"), f.get("message"))
        if k in seen:
            fails.append("%s: finding twice: %s:%s %s" % (proj, k[1], k[2], k[0]))
        seen.add(k)
    for dirpath, dirs, files in os.walk(top):
        dirs[:] = sorted(x for x in dirs if x not in SKIPDIRS)
        for name in files:
            if not NAMES.match(name) or name.endswith(".dockerignore"):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            if path not in inputs:
                fails.append("%s: not in inputs: %s" % (proj, path))
    s = d.get("summary", {})
    rows.append("%s findings=%d held=%d shipped=%d errors=%d" % (
        proj, len(d.get("findings", [])), s.get("held_back", 0),
        s.get("shipped_stages", 0), len(d.get("errors", []))))

for sign, rule, where in judged:
    if sign == "+" and (rule, where) not in reported:
        fails.append("judged: %s at %s is no longer reported" % (rule, where))
    if sign == "-" and (rule, where) in reported:
        fails.append("judged: %s at %s is reported again" % (rule, where))

counts = os.path.join(here, "projects.counts")
text = "\n".join(rows) + "\n"
if os.environ.get("UPDATE"):
    with open(counts, "w") as fh:
        fh.write(text)
elif not os.path.exists(counts) or open(counts).read() != text:
    old = open(counts).read().splitlines() if os.path.exists(counts) else []
    for a, b in zip(old, rows):
        if a != b:
            fails.append("counts changed: %s -> %s" % (a, b))
    if len(old) != len(rows):
        fails.append("counts: %d projects, expected %d" % (len(rows), len(old)))
for f in fails:
    print("FAIL " + f)
print("realworld projects: %d projects, %d failures" % (len(rows), len(fails)))
sys.exit(1 if fails else 0)
