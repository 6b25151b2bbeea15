#!/usr/bin/env python3
"""Derives the Compose schema tables (src/input/compose/schema_data.c) from
the Compose Specification's JSON Schema (data/compose-spec/compose-spec.json).

usage: tools/gen-compose-schema.py           rewrite schema_data.c
       tools/gen-compose-schema.py --check   exit 1 when it is out of date

The schema is draft-07; this reads the keywords it uses (type, properties,
patternProperties, additionalProperties, required, items, oneOf, $ref, enum,
pattern, minimum, maximum, uniqueItems) and fails on any other validation
keyword, so that a newer schema with a new keyword is noticed here rather than
silently ignored. oneOf branches must be told apart by their types (they are
in the Compose schema): the validator picks the branch by the value's type.

Keys newer than the stored schema that Compose accepts are added by
overlay(), each with the docker/compose test it comes from.

Two things the schema does not say are added from compose-go's code, as
annotations on the schema locations they concern:
  - CASTS: compose-go's interpolation casts (loader/interpolate.go,
    interpolateTypeCastMapping): a string at these places is converted
    before the schema sees it ("true" is a boolean, "3" an integer), and a
    string that does not convert is an error;
  - FORMATS: values compose-go decodes as durations (types.Duration,
    time.ParseDuration) or byte sizes (types.UnitBytes, units.RAMInBytes).
"""
import json
import os
import re
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
SCHEMA = os.path.join(TOP, 'data', 'compose-spec', 'compose-spec.json')
OUT = os.path.join(TOP, 'src', 'input', 'compose', 'schema_data.c')

TYPES = {'null': 'SCH_NULL', 'boolean': 'SCH_BOOL', 'integer': 'SCH_INT',
         'number': 'SCH_NUM', 'string': 'SCH_STR', 'object': 'SCH_OBJ',
         'array': 'SCH_ARR'}
IGNORED = {'description', 'default', 'deprecated', 'title', '$schema', '$id',
           'definitions'}
KNOWN = {'type', 'properties', 'patternProperties', 'additionalProperties',
         'required', 'items', 'oneOf', '$ref', 'enum', 'pattern', 'minimum',
         'maximum', 'uniqueItems'} | IGNORED

S = '#/definitions/service/properties/'
D = '#/definitions/deployment/properties/'
# compose-go loader/interpolate.go interpolateTypeCastMapping.
CASTS = {
    S + 'configs': None,  # via service_config_or_secret below
    '#/definitions/service_config_or_secret/items/oneOf/1/properties/mode': 'SCH_CAST_INT',
    S + 'cpu_count/oneOf/1': None,
    S + 'cpu_count': 'SCH_CAST_INT',
    S + 'cpu_percent': 'SCH_CAST_FLOAT',
    S + 'cpu_period': 'SCH_CAST_INT',
    S + 'cpu_quota': 'SCH_CAST_INT',
    S + 'cpu_rt_period': 'SCH_CAST_INT',
    S + 'cpu_rt_runtime': 'SCH_CAST_INT',
    S + 'cpus': 'SCH_CAST_FLOAT',
    S + 'cpu_shares': 'SCH_CAST_INT',
    S + 'init': 'SCH_CAST_BOOL',
    D + 'replicas': 'SCH_CAST_INT',
    D + 'update_config/properties/parallelism': 'SCH_CAST_INT',
    D + 'update_config/properties/max_failure_ratio': 'SCH_CAST_FLOAT',
    D + 'rollback_config/properties/parallelism': 'SCH_CAST_INT',
    D + 'rollback_config/properties/max_failure_ratio': 'SCH_CAST_FLOAT',
    D + 'restart_policy/properties/max_attempts': 'SCH_CAST_INT',
    D + 'placement/properties/max_replicas_per_node': 'SCH_CAST_INT',
    '#/definitions/healthcheck/properties/retries': 'SCH_CAST_INT',
    '#/definitions/healthcheck/properties/disable': 'SCH_CAST_BOOL',
    S + 'oom_kill_disable': 'SCH_CAST_BOOL',
    S + 'oom_score_adj': 'SCH_CAST_INT',
    S + 'pids_limit': 'SCH_CAST_INT',
    S + 'ports/items/oneOf/2/properties/target': 'SCH_CAST_INT',
    S + 'privileged': 'SCH_CAST_BOOL',
    S + 'read_only': 'SCH_CAST_BOOL',
    S + 'scale': 'SCH_CAST_INT',
    S + 'shm_size': 'SCH_CAST_BYTES',
    S + 'stdin_open': 'SCH_CAST_BOOL',
    S + 'stop_grace_period': 'SCH_CAST_DURATION',
    S + 'tty': 'SCH_CAST_BOOL',
    '#/definitions/ulimits/patternProperties/^[a-z]+$/oneOf/0': 'SCH_CAST_INT',
    '#/definitions/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties/hard': 'SCH_CAST_INT',
    '#/definitions/ulimits/patternProperties/^[a-z]+$/oneOf/1/properties/soft': 'SCH_CAST_INT',
    S + 'volumes/items/oneOf/1/properties/read_only': 'SCH_CAST_BOOL',
    S + 'volumes/items/oneOf/1/properties/volume/properties/nocopy': 'SCH_CAST_BOOL',
    '#/definitions/network/properties/external': 'SCH_CAST_BOOL',
    '#/definitions/network/properties/internal': 'SCH_CAST_BOOL',
    '#/definitions/network/properties/attachable': 'SCH_CAST_BOOL',
    '#/definitions/network/properties/enable_ipv4': 'SCH_CAST_BOOL',
    '#/definitions/network/properties/enable_ipv6': 'SCH_CAST_BOOL',
    '#/definitions/volume/properties/external': 'SCH_CAST_BOOL',
    '#/definitions/secret/properties/external': 'SCH_CAST_BOOL',
    '#/definitions/config/properties/external': 'SCH_CAST_BOOL',
}
CASTS = {k: v for k, v in CASTS.items() if v}
H = '#/definitions/healthcheck/properties/'
# compose-go types: the fields of type Duration and UnitBytes.
FORMATS = {
    H + 'interval': 'SCH_FMT_DURATION',
    H + 'timeout': 'SCH_FMT_DURATION',
    H + 'start_period': 'SCH_FMT_DURATION',
    H + 'start_interval': 'SCH_FMT_DURATION',
    D + 'restart_policy/properties/delay': 'SCH_FMT_DURATION',
    D + 'restart_policy/properties/window': 'SCH_FMT_DURATION',
    D + 'update_config/properties/delay': 'SCH_FMT_DURATION',
    D + 'update_config/properties/monitor': 'SCH_FMT_DURATION',
    D + 'rollback_config/properties/delay': 'SCH_FMT_DURATION',
    D + 'rollback_config/properties/monitor': 'SCH_FMT_DURATION',
    S + 'mem_limit': 'SCH_FMT_BYTES',
    S + 'mem_reservation': 'SCH_FMT_BYTES',
    S + 'memswap_limit': 'SCH_FMT_BYTES',
    S + 'build/oneOf/1/properties/shm_size': 'SCH_FMT_BYTES',
    D + 'resources/properties/limits/properties/memory': 'SCH_FMT_BYTES',
    D + 'resources/properties/reservations/properties/memory': 'SCH_FMT_BYTES',
    S + 'volumes/items/oneOf/1/properties/tmpfs/properties/size/oneOf/1': 'SCH_FMT_BYTES',
}


def human(types):
    """compose-go's humanReadableType: "boolean or string", "mapping" ..."""
    names = [{'object': 'mapping', 'array': 'list'}.get(t, t) for t in types]
    if len(names) == 1:
        return names[0]
    return '%s or %s' % (', '.join(names[:-1]), names[-1])


def overlay(doc):
    """What Compose accepts that the stored schema (older) does not yet say,
    each from a docker/compose test that loads it."""
    svc = doc['definitions']['service']['properties']
    # pre_start hooks: a post_start hook that may name the image it runs in
    # (docker/compose pkg/e2e TestPreStartHook*).
    if 'pre_start' not in svc:
        hook = json.loads(json.dumps(doc['definitions']['service_hook']))
        hook['properties']['image'] = {'type': 'string'}
        svc['pre_start'] = {'type': 'array', 'items': hook}
    # `models: {llm: }`: a model with no options (docker/compose pkg/e2e
    # TestLocalComposeConfigNoConsistency).
    pat = svc['models']['oneOf'][1]['patternProperties']
    for k, v in pat.items():
        if 'oneOf' not in v:
            pat[k] = {'oneOf': [v, {'type': 'null'}]}


class Gen:
    def __init__(self, doc):
        self.doc = doc
        self.out = []
        self.names = {}      # location -> C name of the emitted node
        self.regexes = []
        self.count = 0
        self.used = set()

    def fail(self, loc, msg):
        sys.exit('gen-compose-schema: %s: %s' % (loc, msg))

    def resolve(self, ref):
        if not ref.startswith('#/definitions/'):
            self.fail(ref, 'only #/definitions/ references are supported')
        name = ref[len('#/definitions/'):]
        if name not in self.doc['definitions']:
            self.fail(ref, 'no such definition')
        return ref, self.doc['definitions'][name]

    def cstr(self, s):
        return json.dumps(s, ensure_ascii=True)

    def types_of(self, loc, sch, seen=()):
        """The set of JSON types a (sub)schema accepts; None for any."""
        if '$ref' in sch:
            if loc in seen:
                self.fail(loc, 'recursive reference')
            rloc, target = self.resolve(sch['$ref'])
            return self.types_of(rloc, target, seen + (loc,))
        if 'oneOf' in sch:
            acc = set()
            for i, b in enumerate(sch['oneOf']):
                t = self.types_of('%s/oneOf/%d' % (loc, i), b, seen)
                if t is None:
                    return None
                acc |= t
            return acc
        t = sch.get('type')
        if t is None:
            return None
        return set(t if isinstance(t, list) else [t])

    def type_list(self, loc, sch):
        """The types of a oneOf branch, in the schema's order."""
        if '$ref' in sch:
            return self.type_list(*self.resolve(sch['$ref']))
        t = sch['type']
        return t if isinstance(t, list) else [t]

    def pattern(self, loc, p):
        """(kind, argument) for a pattern; the common ones need no regex."""
        if p == '^x-':
            return 'SCH_PAT_PREFIX', 'x-'
        if p == '.+':
            return 'SCH_PAT_ANY', None
        if p == '^.+$':
            return 'SCH_PAT_LINE', None
        m = re.fullmatch(r'\^\[([^\]\\]+)\]\+\$', p)
        if m:
            chars, spec = [], m.group(1)
            i = 0
            while i < len(spec):
                if i + 2 < len(spec) and spec[i + 1] == '-':
                    chars += [chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1)]
                    i += 3
                else:
                    chars.append(spec[i])
                    i += 1
            return 'SCH_PAT_CHARSET', ''.join(chars)
        if p not in self.regexes:
            self.regexes.append(p)
        return 'SCH_PAT_REGEX', None

    def node(self, loc, sch):
        """Emits the node for sch (at location loc); returns its C name."""
        if '$ref' in sch:
            extra = set(sch) - {'$ref'} - IGNORED
            if extra:
                self.fail(loc, 'keywords beside $ref: %s' % sorted(extra))
            return self.node(*self.resolve(sch['$ref']))
        if loc in self.names:
            return self.names[loc]
        unknown = set(sch) - KNOWN
        if unknown:
            self.fail(loc, 'unsupported keywords %s' % sorted(unknown))
        f = {}
        if 'oneOf' in sch:
            extra = set(sch) - {'oneOf'} - IGNORED
            if extra:
                self.fail(loc, 'keywords beside oneOf: %s' % sorted(extra))
            branches, seen = [], set()
            for i, b in enumerate(sch['oneOf']):
                bl = '%s/oneOf/%d' % (loc, i)
                t = self.types_of(bl, b)
                if t is None:
                    self.fail(bl, 'a oneOf branch must say its type')
                norm = {'number' if x == 'integer' else x for x in t}
                if norm & seen:
                    self.fail(bl, 'oneOf branches whose types overlap')
                seen |= norm
                branches.append(self.node(bl, b))
            arr = self.emit_array('const struct sch_node *const',
                                  ['&' + b for b in branches])
            f['oneof'] = arr
            f['noneof'] = len(branches)
            names = []
            for i, b in enumerate(sch['oneOf']):
                for x in self.type_list('%s/oneOf/%d' % (loc, i), b):
                    if x not in names:
                        names.append(x)
            f['what'] = self.cstr(human(names))
        t = sch.get('type')
        if t is not None:
            tl = t if isinstance(t, list) else [t]
            for x in tl:
                if x not in TYPES:
                    self.fail(loc, 'unknown type %s' % x)
            f['types'] = ' | '.join(TYPES[x] for x in tl)
            f['what'] = self.cstr(human(tl))
        if 'properties' in sch:
            props = sorted(sch['properties'].items())
            entries = []
            for name, ps in props:
                n = self.node('%s/properties/%s' % (loc, name), ps)
                entries.append('{ %s, &%s }' % (self.cstr(name), n))
            f['props'] = self.emit_array('const struct sch_prop', entries)
            f['nprops'] = len(entries)
        if 'patternProperties' in sch:
            entries = []
            for p, ps in sch['patternProperties'].items():
                kind, arg = self.pattern(loc, p)
                n = self.node('%s/patternProperties/%s' % (loc, p), ps)
                entries.append('{ %s, %d, %s, %s, &%s }' % (
                    kind, self.regexes.index(p) if kind == 'SCH_PAT_REGEX' else 0,
                    self.cstr(arg) if arg else 'NULL', self.cstr(p), n))
            f['pats'] = self.emit_array('const struct sch_pat', entries)
            f['npats'] = len(entries)
        ap = sch.get('additionalProperties', True)
        if ap is False:
            f['closed'] = 1
        elif ap is not True:
            self.fail(loc, 'additionalProperties must be true or false')
        if 'required' in sch:
            f['required'] = self.emit_array('const char *const',
                                            [self.cstr(r) for r in sch['required']])
            f['nrequired'] = len(sch['required'])
        if 'items' in sch:
            if not isinstance(sch['items'], dict):
                self.fail(loc, 'tuple items are not supported')
            f['items'] = '&' + self.node(loc + '/items', sch['items'])
        if 'enum' in sch:
            if not all(isinstance(e, str) for e in sch['enum']):
                self.fail(loc, 'only string enums are supported')
            f['enums'] = self.emit_array('const char *const',
                                         [self.cstr(e) for e in sch['enum']])
            f['nenum'] = len(sch['enum'])
        if 'pattern' in sch:
            kind, _ = self.pattern(loc, sch['pattern'])
            if kind != 'SCH_PAT_REGEX':
                self.regexes.append(sch['pattern'])
            f['pattern'] = self.cstr(sch['pattern'])
            f['pattern_regex'] = self.regexes.index(sch['pattern'])
        for k, hk in (('minimum', 'min'), ('maximum', 'max')):
            if k in sch:
                if not isinstance(sch[k], int):
                    self.fail(loc, '%s must be an integer' % k)
                f[hk] = sch[k]
                f['has_' + hk] = 1
        if sch.get('uniqueItems'):
            f['unique'] = 1
        if loc in CASTS:
            f['cast'] = CASTS[loc]
            self.used.add(loc)
        if loc in FORMATS:
            f['format'] = FORMATS[loc]
            self.used.add(loc)
        name = 'n%d' % self.count
        self.count += 1
        body = ',\n'.join('\t.%s = %s' % (k, v) for k, v in f.items())
        if body:
            self.out.append('static const struct sch_node %s = {\n%s\n};\n' % (name, body))
        else:
            self.out.append('static const struct sch_node %s = { 0 };\n' % name)
        self.names[loc] = name
        return name

    def emit_array(self, ctype, entries):
        name = 'a%d' % self.count
        self.count += 1
        self.out.append('static %s %s[] = {\n%s\n};\n' % (
            ctype, name, '\n'.join('\t%s,' % e for e in entries)))
        return name


def generate():
    with open(SCHEMA, encoding='utf-8') as f:
        doc = json.load(f)
    overlay(doc)
    g = Gen(doc)
    root = g.node('#', doc)
    for loc in list(CASTS) + list(FORMATS):
        if loc not in g.used:
            g.fail(loc, 'a cast or format for a location the schema does not have')
    head = ('/* Generated by tools/gen-compose-schema.py from '
            'data/compose-spec/compose-spec.json\n'
            ' * (the Compose Specification\'s JSON Schema): do not edit. */\n'
            '#include "input/compose/schema.h"\n\n')
    regex = 'const char *const sch_regexes[] = {\n%s\tNULL,\n};\n' % ''.join(
        '\t%s,\n' % g.cstr(r) for r in g.regexes)
    tail = '\nconst struct sch_node *const sch_root = &%s;\n' % root
    return head + '\n'.join(g.out) + '\n' + regex + tail


def main():
    text = generate()
    if sys.argv[1:] == ['--check']:
        try:
            with open(OUT, encoding='utf-8') as f:
                cur = f.read()
        except OSError:
            cur = None
        if cur != text:
            sys.exit('gen-compose-schema: %s does not match %s: run tools/gen-compose-schema.py'
                     % (os.path.relpath(OUT, TOP), os.path.relpath(SCHEMA, TOP)))
        return
    if sys.argv[1:]:
        sys.exit(__doc__)
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
