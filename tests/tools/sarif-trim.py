#!/usr/bin/env python3
"""Trims a SARIF golden output (tests/run.sh, fmt-sarif* cases) in place.

The log carries the whole rule catalogue, which every rule edit changes;
the golden file keeps only the rules that have results, with ruleIndex
renumbered to match (after checking that it pointed at the right rule).
The catalogue itself is checked by section 7 of tests/run.sh. Output that
is not a SARIF log is left alone, so the diff shows it.
"""
import json
import re
import sys

path = sys.argv[1]
raw = open(path, "rb").read()
m = re.search(rb"^\[exit \d+\]$", raw, re.M)
head, tail = (raw[:m.start()], raw[m.start():]) if m else (raw, b"")
try:
    log = json.loads(head.decode("utf-8"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
except (ValueError, KeyError, IndexError, TypeError):
    sys.exit(0)

results = run.get("results", [])
keep = sorted({r.get("ruleIndex") for r in results if isinstance(r.get("ruleIndex"), int)})
new_index = {old: new for new, old in enumerate(keep)}
for r in results:
    i = r.get("ruleIndex")
    if not isinstance(i, int) or i >= len(rules) or rules[i].get("id") != r.get("ruleId"):
        r["ruleIndex"] = "MISMATCH: %r does not point at rule %s" % (i, r.get("ruleId"))
    else:
        r["ruleIndex"] = new_index[i]
run["tool"]["driver"]["rules"] = [rules[i] for i in keep if i < len(rules)]
text = json.dumps(log, indent=2, ensure_ascii=False) + "\n"
open(path, "wb").write(text.encode("utf-8") + tail)
