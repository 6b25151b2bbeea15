#!/usr/bin/env python3
"""seaworthy live against recorded Engine API answers, with no engine and no
root: each case folder of tests/live/replay/CASE/ names recordings (files
of three JSON documents separated by a blank line: /containers/{id}/json,
/containers/{id}/top and /images/{id}/json, as a real engine answered
them; see ../../fuzz/corpus/engine) in its `containers` file, one per line;
they are served by the stand-in engine (tests/engine/fake-engine.py) and
the report, one line per finding (tests/tools/lint.py), is compared with
expected.lint. A case's seaworthy.yaml, if any, is the working directory's
.seaworthy.yaml, which live reads. UPDATE=1 rewrites it. With SW_REPLAY_FORMATS=DIR the same
run also writes its SARIF, JUnit, Checkstyle and GitLab reports into DIR
(live-CASE.sarif, live-CASE-junit.xml, live-CASE-checkstyle.xml,
live-CASE.json), for the validators of tests/run.sh.
usage: replay.py BINARY SCRATCH_DIR; exit 1 when a case differs."""
import json
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))


def engine_name(path):
    return re.sub(r'[/?]', '_', path.lstrip('/')) + '.json'


def serve(case, scratch):
    d = os.path.join(scratch, 'engine')
    os.makedirs(d)
    listing = []
    with open(os.path.join(case, 'containers')) as f:
        names = [l.strip() for l in f if l.strip()]
    for name in names:
        with open(os.path.join(HERE, 'replay', name)) as f:
            docs = [p for p in f.read().split('\n\n') if p.strip()]
        inspect = json.loads(docs[0])
        cid = inspect['Id']
        with open(os.path.join(d, engine_name('/containers/%s/json' % cid)), 'w') as f:
            f.write(docs[0])
        if len(docs) > 1:
            with open(os.path.join(d, engine_name('/containers/%s/top' % cid)), 'w') as f:
                f.write(docs[1])
        if len(docs) > 2:
            with open(os.path.join(d, engine_name('/images/%s/json' % inspect['Image'])), 'w') as f:
                f.write(docs[2])
        listing.append({'Id': cid, 'Names': [inspect['Name']],
                        'Labels': (inspect.get('Config') or {}).get('Labels') or {},
                        'State': inspect['State']['Status']})
    with open(os.path.join(d, engine_name('/containers/json?all=1')), 'w') as f:
        json.dump(listing, f)
    sock = os.path.join(scratch, 'engine.sock')
    proc = subprocess.Popen([sys.executable, os.path.join(TOP, 'tests/engine/fake-engine.py'),
                             sock, d])
    for _ in range(200):
        if os.path.exists(sock):
            break
        time.sleep(0.05)
    return proc, sock


def main():
    binary, scratch = os.path.abspath(sys.argv[1]), sys.argv[2]
    bad = 0
    for name in sorted(os.listdir(os.path.join(HERE, 'replay'))):
        case = os.path.join(HERE, 'replay', name)
        if not os.path.isdir(case):
            continue
        work = os.path.join(scratch, name)
        os.makedirs(work)
        if os.path.exists(os.path.join(case, 'seaworthy.yaml')):
            shutil.copy(os.path.join(case, 'seaworthy.yaml'), os.path.join(work, '.seaworthy.yaml'))
        proc, sock = serve(case, work)
        try:
            args = []
            if os.path.exists(os.path.join(case, 'args')):
                args = open(os.path.join(case, 'args')).read().split()
            env = dict(os.environ, SEAWORTHY_LIVE_TOP='1', NO_COLOR='1')
            env.pop('DOCKER_HOST', None)
            reports = []
            fmts = os.environ.get('SW_REPLAY_FORMATS')
            if fmts:
                for f, suffix in (('sarif', '.sarif'), ('junit', '-junit.xml'),
                                  ('checkstyle', '-checkstyle.xml'), ('gitlab', '.json')):
                    reports += ['--format', f, '--output',
                                os.path.join(os.path.abspath(fmts), 'live-%s%s' % (name, suffix))]
            r = subprocess.run([binary, 'live', '--host', 'unix://' + sock, '--format', 'json'] +
                               reports + args, capture_output=True, text=True, env=env, cwd=work)
        finally:
            proc.terminate()
            proc.wait()
        out = os.path.join(work, 'out')
        with open(out, 'w') as f:
            f.write(r.stdout + '[exit %d]\n' % r.returncode)
        subprocess.run([sys.executable, os.path.join(TOP, 'tests/tools/lint.py'), out], check=True)
        got = open(out).read()
        exp = os.path.join(case, 'expected.lint')
        if os.environ.get('UPDATE'):
            with open(exp, 'w') as f:
                f.write(got)
        want = open(exp).read() if os.path.exists(exp) else ''
        if got != want:
            bad += 1
            print('live replay %s differs:\n--- expected\n%s--- got\n%s' % (name, want, got))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
