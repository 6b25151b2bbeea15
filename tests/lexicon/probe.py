#!/usr/bin/env python3
"""Each lexicon entry changes what seaworthy reports: for every entry of
tests/lexicon/NAME.txt that has a probe here, a small Dockerfile or compose
project is made in a scratch folder, the binary checks them all at once per
list, and the rule the entry should raise (or silence) is looked for in the
entry's folder. usage: probe.py BINARY SCRATCH_DIR"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def words(name):
    with open(os.path.join(HERE, name + '.txt')) as f:
        return [l.strip() for l in f if l.strip()]


def df(body):
    return {'Dockerfile': 'FROM debian:12\nUSER 1000\n' + body}


def compose(svc):
    return {'compose.yaml': 'services:\n  s:\n' + ''.join('    %s\n' % l for l in svc)}


def star(w):
    # a final star matches a prefix: pdns-recursor* as pdns-recursor-51
    return w[:-1] + '-51' if w.endswith('*') else w


def with_other(files):
    files['compose.yaml'] += ('  other:\n    image: acme/other:1\n    ports: ["81:81"]\n'
                              '    restart: always\n')
    return files


def with_proxy(files):
    files['compose.yaml'] += ('  edge:\n    image: traefik:v3.1\n    ports: ["443:443"]\n'
                              '    restart: always\n')
    return files


def daemon_case(d):
    name = d.rstrip('*') + ('8.2' if d.endswith('*') else '')
    if d in ('cron', 'crond', 'atd', 'sshd', 'rsyslogd', 'syslogd', 'ntpd', 'syslog-ng',
             'chronyd', 'squid', 'dnsmasq', 'nginx', 'httpd', 'apache2'):
        cmd = name
    elif d in ('php-fpm*', 'haproxy'):
        cmd = name + ' -D'
    elif d == 'memcached':
        cmd = name + ' -d'
    elif d in ('apachectl', 'apache2ctl', 'pg_ctl', 'pg_ctlcluster', 'postfix'):
        cmd = name + ' start'
    elif d == 'dbus-daemon':
        cmd = name + ' --fork'
    else:
        return None
    return df('CMD ["sh", "-c", "%s; exec app"]\n' % cmd)


# list -> (case maker, rule, present?)
PROBES = {
    'shells': (lambda w: df('CMD ["/bin/%s", "-c", "supervisord -n"]\n' % w), 'SW0701', True),
    'supervisors': (lambda w: df('CMD ["%s"]\n' % w), 'SW0701', True),
    'procfile_runners': (lambda w: df('CMD ["%s", "start"]\n' % w), 'SW0701', True),
    'init_paths': (lambda w: df('CMD ["%s"]\n' % w), 'SW0701', True),
    'ssh_packages': (lambda w: df('RUN apt-get install -y %s\nCMD ["app"]\n' % w), 'SW0703', True),
    'secret_words': (lambda w: df('ENV APP_%s=x7Hq2pLm9vR4\nCMD ["app"]\n' % w), 'SW0501', True),
    # Beside a second publishing service, so s is not the stack's single
    # front (which is not reported either): only a proxy is silent.
    'proxy_images': (lambda w: with_other(compose(['image: %s:1.2' % w, 'ports: ["80:80"]',
                                                   'restart: always'])), 'SW0901', False),
    'proxy_words': (lambda w: with_other(compose(['build: ./absent', 'ports: ["80:80"]',
                                                  'restart: always']))
                    | {'name': 'web-' + w}, 'SW0901', False),
    # Beside a proxy, so s is not the front: only its protocol's port is silent.
    'dns_servers': (lambda w: with_proxy(compose(['image: acme/%s:1.2' % star(w),
                                                  'ports: ["53:53/udp"]', 'restart: always'])),
                    'SW0901', False),
    'mail_servers': (lambda w: with_proxy(compose(['image: acme/%s:1.2' % star(w),
                                                   'ports: ["25:25"]', 'restart: always'])),
                     'SW0901', False),
    'database_images': (lambda w: compose(['image: acme/%s:1.2' % w, 'restart: always',
                                           'ports: ["4001:4001"]']), 'SW0902', True),
    'debugger_ports': (lambda w: compose(['image: acme/app:1', 'restart: always',
                                          'ports: ["%s:%s"]' % (w, w)]), 'SW0901', True),
    'runtime_sockets': (lambda w: compose(['image: acme/app:1', 'restart: always',
                                           'volumes: ["%s:%s"]' % (w, w)]), 'SW0254', True),
    'sensitive_host_paths': (lambda w: compose(['image: acme/app:1', 'restart: always',
                                                'volumes: ["%s:/host:ro"]' % w]), 'SW0257', True),
    'system_folders': (lambda w: df('VOLUME %s\nCMD ["app"]\n' % w), 'SW0205', True),
    'host_devices': (lambda w: compose(['image: acme/app:1', 'restart: always',
                                        'devices: ["%s:/dev/x"]' % star(w)]), 'SW0258', True),
    'capabilities': (lambda w: compose(['image: acme/app:1', 'restart: always',
                                        'cap_add: [%s]' % w]), 'SW0253', True),
    'database_ports': (lambda w: compose(['image: acme/app:1', 'restart: always',
                                          'ports: ["%s:%s"]' % (w, w)]), 'SW0902', True),
    'log_vars': (lambda w: {'Dockerfile': 'FROM debian:12\nUSER 1000\nENV APP_%s=/app/logs\n'
                            'CMD ["app"]\n' % w,
                            'compose.yaml': 'services:\n  s:\n    build: .\n    restart: always\n'},
                 'SW1001', True),
    'log_options': (lambda w: {'Dockerfile': 'FROM debian:12\nUSER 1000\n'
                               'CMD ["app", "--%s", "/app/logs/x.log"]\n' % w,
                               'compose.yaml': 'services:\n  s:\n    build: .\n    restart: always\n'},
                    'SW1001', True),
    'daemons': (daemon_case, 'SW0702', True),
    # At the end of a pipe, a reader that fails on empty input fails the
    # RUN without pipefail: only those are silent.
    # No USER: a server that serves as its own user is not root's.
    'privdrop_daemons': (lambda w: {'Dockerfile': 'FROM debian:12\nCMD ["%s", "-g", "x"]\n' % star(w)},
                         'SW0201', False),
    # Beside one service, a log forwarder makes no second one.
    'log_forwarders': (lambda w: {'Dockerfile': 'FROM debian:12\nUSER 1000\n'
                                  'COPY s.conf /etc/supervisord.conf\nCMD ["supervisord", "-n"]\n',
                                  's.conf': '[program:app]\ncommand=/usr/bin/app\n'
                                            '[program:logs]\ncommand=/usr/sbin/%s -F\n' % w},
                       'SW0701', False),
    # A log folder only a mkdir names is no log folder beside a syslog daemon.
    'log_forwarder_packages': (lambda w: {
        'Dockerfile': 'FROM debian:12\nRUN apt-get update && apt-get install -y '
                      '--no-install-recommends %s && rm -rf /var/lib/apt/lists/* '
                      '&& mkdir -p /var/log/app\nUSER 1000\nCMD ["app"]\n' % star(w),
        'compose.yaml': 'services:\n  s:\n    build: .\n    restart: always\n'},
        'SW1001', False),
    # A known installer's output used by the next command: the failure shows.
    'installer_outputs': (lambda w: df('RUN curl -fsS https://%s | php && mv %s /usr/local/bin/x\n'
                                       'CMD ["app"]\n' % tuple(w.split(' '))),
                          'SW0004', False),
    # A stage named as an all-in-one bundles its services on purpose.
    'bundle_words': (lambda w: {'Dockerfile': 'FROM debian:12\nUSER 1000\nCOPY s.conf /etc/supervisord.conf\n'
                                'FROM 0 AS app-%s\nCMD ["supervisord", "-n"]\n' % w,
                                's.conf': '[program:web]\ncommand=/usr/bin/web\n'
                                          '[program:worker]\ncommand=/usr/bin/worker\n'},
                     'SW0701', False),
    # FROM an OS image with no ENTRYPOINT or CMD: a toolbox, its runner's
    # command runs, so its user is not judged.
    'os_images': (lambda w: {'Dockerfile': 'FROM %s:1\nRUN apt-get update && apt-get install -y '
                                           '--no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' % w},
                  'SW0201', False),
    # An apt-get update beside a tool that installs with apt is used.
    'apt_installers': (lambda w: df('RUN apt-get update && npx %s\n'
                                    'RUN apt-get install -y --no-install-recommends curl '
                                    '&& rm -rf /var/lib/apt/lists/*\nCMD ["app"]\n' % w),
                       'SW0303', False),
    'strict_readers': (lambda w: df('RUN curl -fsSL https://example.com/f | %s\nCMD ["app"]\n' % w),
                       'SW0004', False),
}


def main():
    binary, scratch = os.path.abspath(sys.argv[1]), sys.argv[2]
    bad = 0
    total = 0
    for name, (make, rule, present) in sorted(PROBES.items()):
        root = os.path.join(scratch, name)
        cases = {}
        for i, w in enumerate(words(name)):
            files = make(w)
            if files is None:
                continue
            files = dict(files)
            # a service named after the word (proxy_words)
            if 'name' in files:
                files['compose.yaml'] = files['compose.yaml'].replace('  s:\n', '  %s:\n' % files.pop('name'))
            d = os.path.join(root, 'c%03d' % i)
            os.makedirs(d)
            for fn, text in files.items():
                with open(os.path.join(d, fn), 'w') as f:
                    f.write(text)
            cases['%s/c%03d' % (name, i)] = w
        # --select: the rule is probed even when it is off by default
        out = subprocess.run([binary, 'check', '--no-config', '--format', 'json',
                              '--select', rule, name],
                             cwd=scratch, capture_output=True, text=True)
        try:
            found = json.loads(out.stdout)['findings']
        except ValueError:
            print('probe %s: no JSON (exit %d): %s' % (name, out.returncode, out.stderr[:200]))
            bad += 1
            continue
        for case, w in sorted(cases.items()):
            total += 1
            # other and edge are the companions of with_other, with_proxy
            hit = any(f['rule'] == rule and f.get('file', '').startswith(case + '/') and
                      not f.get('message', '').startswith(('service other ', 'service edge '))
                      for f in found)
            if hit != present:
                bad += 1
                print('probe %s: entry %r %s %s' % (name, w, 'does not raise' if present else
                                                     'does not silence', rule))
    print('%d lexicon entries probed, %d wrong' % (total, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
