#!/usr/bin/env python3
"""Golden rule cases as one line per finding, as mandoc's .out_lint files:
what a case expects changes with behaviour (which rule fires where, how
severe), not with wording. Reads `seaworthy check --format json` output
followed by the "[exit N]" line run.sh appends (input errors that went to
stderr come first, and are left out: the JSON has them), and prints:
  FILE:LINE:COL: SEVERITY RULE        a finding (" suppressed" when it is)
  FILE:LINE: input error              an input error
  [exit N]
Anything that is not JSON is printed as it came (a usage error, say).
usage: lint.py FILE (rewritten in place)"""
import json
import sys


def main():
    path = sys.argv[1]
    with open(path) as f:
        text = f.read()
    body, sep, tail = text.rpartition('[exit ')
    start = body.find('\n{\n')
    if not body.startswith('{\n') and start >= 0:
        body = body[start + 1:]
    try:
        data = json.loads(body)
    except ValueError:
        return 0
    out = []
    for f in data.get('findings', []):
        where = '%s:%s:%s' % (f.get('file') or '-', f.get('line', 0), f.get('column', 0))
        if 'target' in f and not f.get('file'):
            where = '%s %s' % (f['target'].get('kind', '?'), f['target'].get('name', '?'))
        out.append('%s: %s %s%s' % (where, f['severity'], f['rule'],
                                    ' suppressed' if f.get('suppressed') else ''))
    for e in data.get('errors', []):
        out.append('%s:%s: input error' % (e.get('file') or '-', e.get('line', 0)))
    with open(path, 'w') as f:
        f.write('\n'.join(out) + ('\n' if out else '') + sep + tail)
    return 0


if __name__ == '__main__':
    sys.exit(main())
