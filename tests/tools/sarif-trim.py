#!/usr/bin/env python3
"""Trims the SARIF logs of a golden output (tests/run.sh, the *sarif* cases)
in place.

A log carries the whole rule catalogue, which every rule edit changes; the
golden file keeps only the rules that have results, with ruleIndex
renumbered to match (after checking that it pointed at the right rule).
Every log in the output is trimmed: the one on stdout and those written
with --output (run.sh appends them after "== @OUT@/NAME"); the lines around
them (input errors, which go to stderr, "[exit N]") are kept as they are.
The catalogue itself is checked by section 9 of tests/run.sh. Output that
is not a SARIF log is left alone, so the diff shows it.
"""
import json
import re
import sys


def trim(text):
    """The trimmed log, or None when text is not a SARIF log."""
    try:
        log = json.loads(text)
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
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
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


path = sys.argv[1]
text = open(path, "rb").read().decode("utf-8", "surrogateescape")
out, pos = [], 0
# A pretty-printed log starts with a line "{" and ends with the next "}".
for m in re.finditer(r"^\{\n.*?^\}\n", text, re.M | re.S):
    t = trim(m.group(0))
    if t is None:
        continue
    out.append(text[pos:m.start()])
    out.append(t)
    pos = m.end()
out.append(text[pos:])
open(path, "wb").write("".join(out).encode("utf-8", "surrogateescape"))
