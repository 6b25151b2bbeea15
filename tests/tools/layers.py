#!/usr/bin/env python3
"""The include-direction check: src/ folders in pipeline order, each
including only from itself and the folders listed before it. A lower folder
that includes from a higher one (so also two folders that include each
other) fails it. usage: tests/tools/layers.py [SRC_DIR]  (default: src)"""
import os
import re
import sys

# The order, lowest first; docs/architecture.md says what each holds.
LAYERS = """
util yaml catalog lexicon findings config spec
input/discover input/shell input/dockerfile input/compose input/bake input/scripts
input/engine input/image input/host
checks checks/runtime checks/dockerfile checks/compose checks/image checks/live
checks/host checks/scripts checks/general checks/crossfile
render run cli .
""".split()
RANK = {name: i for i, name in enumerate(LAYERS)}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src')
    src = os.path.normpath(src)
    bad = []
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, src)
            folder = os.path.dirname(rel) or '.'
            if folder not in RANK:
                bad.append(f'{rel}: folder {folder} is not in the layer list (tests/tools/layers.py)')
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            for inc in INCLUDE.findall(text):
                # "x.h" beside the file, else "folder/x.h" from src.
                if os.path.exists(os.path.join(root, inc)):
                    target = os.path.relpath(os.path.normpath(os.path.join(root, inc)), src)
                elif os.path.exists(os.path.join(src, inc)):
                    target = os.path.normpath(inc)
                else:
                    continue    # a system or test header
                tfolder = os.path.dirname(target) or '.'
                if tfolder not in RANK:
                    bad.append(f'{rel} includes {inc} from {tfolder}, which is not in the layer list')
                elif RANK[tfolder] > RANK[folder]:
                    bad.append(f'{rel} ({folder}) includes {inc} from the higher folder {tfolder}')
    for line in bad:
        print('layers: ' + line)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
