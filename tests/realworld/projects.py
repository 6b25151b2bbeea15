#!/usr/bin/env python3
"""seaworthy check over the real repositories of ../shared/projects.

Guards what issues 11, 12 and 13 promised on real trees: every finding is
judged in triage.txt (true ones stay, false ones do not come back; the
precision is printed, and new findings are listed to judge); the findings
judged by reading the repositories (judged.txt) stay as judged (the "+" of a
rule off by default, and the T~ lines, on a run that selects it); messages are
under 200 characters; no input error for a template,
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
# Rules off by default: the "+" lines of judged.txt and the T~ lines of
# triage.txt on them are checked on a second run that selects them.
cat = json.loads(subprocess.run([binary, "rules", "--format", "json"],
                                capture_output=True, text=True).stdout)
off = {r["id"] for r in cat["rules"] if not r["default_enabled"]}
reported = set()
enabled = set()     # (rule, file:line) reported when the rules off by default are selected
messages = {}       # (rule, file:line) -> message, for the new findings to judge
long_messages = []
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
    sel = subprocess.run([binary, "check", "--no-config", "--format", "json", "--select",
                          ",".join(sorted(off)), proj],
                         cwd=root, capture_output=True, text=True, timeout=300)
    try:
        for f in json.loads(sel.stdout).get("findings", []):
            enabled.add((f.get("rule"), "%s:%s" % (f.get("file"), f.get("line"))))
            enabled.add((f.get("rule"), f.get("file")))
    except ValueError:
        fails.append("%s: no JSON with --select (exit %d)" % (proj, sel.returncode))
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
        messages.setdefault((f.get("rule"), "%s:%s" % (f.get("file"), f.get("line"))),
                            f.get("message", ""))
        if len(f.get("message", "")) >= 200:
            long_messages.append("%s: %s %s:%s" % (proj, f.get("rule"), f.get("file"), f.get("line")))
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
    if rule in off and sign == "+":
        if (rule, where) not in enabled:
            fails.append("judged: %s at %s is no longer reported when selected" % (rule, where))
        continue
    if sign == "+" and (rule, where) not in reported:
        fails.append("judged: %s at %s is no longer reported" % (rule, where))
    if sign == "-" and (rule, where) in reported:
        fails.append("judged: %s at %s is reported again" % (rule, where))

for m in long_messages:
    fails.append("message of 200 characters or more: " + m)

# The triage (triage.txt): every reported finding judged T, F or D.
# T~ is true, but its rule is off by default (catalog default_off), so it
# is not reported unless enabled; it counts as true when it is.
TRIAGE = re.compile(r"^(T~?|F!?|D!?|\?)\s+(\S+)\s+(\S+:\d+)\s*(#.*)?$")
triage_path = os.path.join(here, "triage.txt")
head, entries, judged_keys = [], [], set()
for line in open(triage_path):
    m = TRIAGE.match(line.rstrip("\n"))
    if not m:
        if entries:
            fails.append("triage.txt: cannot read: %s" % line.rstrip())
        head.append(line)
        continue
    entries.append([m.group(1), m.group(2), m.group(3), m.group(4) or ""])
    judged_keys.add((m.group(2), m.group(3)))
tally = {"T": 0, "F": 0, "D": 0}
for e in entries:
    v, key = e[0], (e[1], e[2])
    on = key in reported
    if v == "T" and not on:
        fails.append("triage: %s at %s was judged true and is no longer reported" % key)
    if v == "T~" and key not in enabled:
        fails.append("triage: %s at %s was judged true and is no longer reported when "
                     "selected" % key)
    if v in ("F", "D") and on:
        what = "false" if v == "F" else "debatable"
        fails.append("triage: %s at %s was judged %s and is reported again (%s)" %
                     (key + (what, e[3].lstrip("# ")[:80])))
    if on and v != "?":
        tally[v[0]] += 1
    if os.environ.get("UPDATE") and v in ("F", "F!", "D", "D!"):
        e[0] = v[0] + ("!" if on else "")
new = sorted(k for k in messages if k not in judged_keys)
unjudged = [e for e in entries if e[0] == "?" and (e[1], e[2]) in reported]
if os.environ.get("UPDATE"):
    entries = [e for e in entries if e[0] != "?" or (e[1], e[2]) in reported]
    entries += [["?", r, w, "# " + messages[(r, w)][:150]] for r, w in new]
    with open(triage_path, "w") as fh:
        fh.write("".join(head))
        for e in entries:
            fh.write("%-2s %s %s  %s\n" % tuple(e))
judged_n = sum(tally.values())
print("triage: %d reported findings judged: %d true, %d false, %d debatable; precision %.1f%%"
      % (judged_n, tally["T"], tally["F"], tally["D"], 100.0 * tally["T"] / max(judged_n, 1)))
# The second opinion (second-opinion.txt): informative only.
second = {}
sop = os.path.join(here, "second-opinion.txt")
if os.path.exists(sop):
    for line in open(sop):
        m = re.match(r"^([TFD])\s+(SW\d+)\s+(\S+)", line)
        if m:
            second[(m.group(2), m.group(3))] = m.group(1)
if second:
    verdict = {(e[1], e[2]): e[0][0] for e in entries}
    st = {"T": 0, "F": 0, "D": 0}
    differ = {}
    for key, v in second.items():
        if key not in reported:
            continue
        st[v] += 1
        if verdict.get(key, v) != v:
            differ[key[0]] = differ.get(key[0], 0) + 1
    n = sum(st.values())
    print("second opinion (blind): %d reported findings judged: %d true, %d false, %d debatable; "
          "precision %.1f%%; judged otherwise in triage.txt: %s"
          % (n, st["T"], st["F"], st["D"], 100.0 * st["T"] / max(n, 1),
             ", ".join("%s %d" % kv for kv in sorted(differ.items(), key=lambda kv: -kv[1]))
             or "none"))
if new or unjudged:
    print("new findings to judge (%d; UPDATE=1 adds them to triage.txt as \"?\"):"
          % (len(new) + len(unjudged)))
    for r, w in new:
        print("  ? %s %s  # %s" % (r, w, messages[(r, w)][:120]))
    for e in unjudged:
        print("  ? %s %s" % (e[1], e[2]))

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
