/** In-memory unit tests: printers, AGE, tabwriters, YAML/JSON output, JSONPath, apply's three-way merge, grammar. */
import { describe, expect, it } from 'vitest';
import { humanDuration, tabulate, podStatus, formatLabelSelector } from '../../src/kubectl/printers.js';
import { goTabwriter, rfc1123z } from '../../src/kubectl/describe.js';
import { toYaml, toJson } from '../../src/kubectl/yaml-out.js';
import { jsonpath, jsonpathAsJson, evalRelaxed } from '../../src/kubectl/jsonpath.js';
import { threeWay } from '../../src/kubectl/cmd-create.js';
import { findCommand, parseArgs, parseGoDuration } from '../../src/kubectl/flags.js';
import { goTemplate } from '../../src/kubectl/gotemplate.js';

describe('AGE (apimachinery HumanDuration)', () => {
  it.each([
    [-1000, '0s'], [0, '0s'], [90_000, '90s'], [119_000, '119s'], [200_000, '3m20s'], [180_000, '3m'], [45 * 60_000, '45m'],
    [(5 * 60 + 10) * 60_000, '5h10m'], [5 * 3600_000, '5h'], [30 * 3600_000, '30h'], [(3 * 24 + 4) * 3600_000, '3d4h'],
    [200 * 24 * 3600_000, '200d'], [(3 * 365 + 20) * 24 * 3600_000, '3y20d'], [10 * 365 * 24 * 3600_000, '10y'], [-3000, '<invalid>'],
  ])('%d ms -> %s', (ms, s) => expect(humanDuration(ms)).toBe(s));
});

describe('tabwriters', () => {
  it('get tables: padding 3, min width 6, last column unpadded', () => {
    expect(tabulate([['NAME', 'READY', 'AGE'], ['a', '1/1', '5s']])).toBe('NAME   READY   AGE\na      1/1     5s\n');
  });
  it('describe: Go tabwriter column blocks end at lines without the cell', () => {
    const text = 'Name:\tweb\nIPs:\n  IP:\t10.0.0.1\nControlled By:\tReplicaSet/x\n';
    expect(goTabwriter(text)).toBe('Name:  web\nIPs:\n  IP:           10.0.0.1\nControlled By:  ReplicaSet/x\n');
  });
  it('RFC1123Z', () => expect(rfc1123z('2026-01-15T10:00:00Z')).toBe('Thu, 15 Jan 2026 10:00:00 +0000'));
});

describe('YAML and JSON as kubectl prints them', () => {
  it('sorts keys, quotes YAML 1.1 ambiguities, does not indent sequences under keys', () => {
    const y = toYaml({ b: ['x', { k: 'v', a: 1 }], a: { s: '80', t: 'true', y: 'yes', n: null, e: '', star: '*/1 * * * *', empty: {}, list: [] } });
    expect(y).toBe('a:\n  e: ""\n  empty: {}\n  list: []\n  "n": null\n  s: "80"\n  star: \'*/1 * * * *\'\n  t: "true"\n  "y": "yes"\nb:\n- x\n- a: 1\n  k: v\n');
  });
  it('multi-line strings become literal blocks', () => {
    expect(toYaml({ data: { 'a.txt': 'hello\nworld\n', b: 'no newline\nend' } })).toBe('data:\n  a.txt: |\n    hello\n    world\n  b: |-\n    no newline\n    end\n');
  });
  it('long plain strings fold at column 80 like go-yaml', () => {
    const msg = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen';
    const y = toYaml({ message: msg });
    expect(y).toBe('message: one two three four five six seven eight nine ten eleven twelve thirteen fourteen\n  fifteen sixteen\n');
  });
  it('JSON: 4 spaces, sorted keys, HTML-safe', () => {
    expect(toJson({ b: 1, a: '<&>' })).toBe('{\n    "a": "\\u003c\\u0026\\u003e",\n    "b": 1\n}\n');
  });
});

describe('JSONPath (kubectl dialect)', () => {
  const list = { items: [{ metadata: { name: 'a', labels: { app: 'web' } }, status: { phase: 'Running', podIP: '10.0.0.1' } }, { metadata: { name: 'b' }, status: { phase: 'Pending' } }] };
  it('wildcards join with spaces', () => expect(jsonpath('{.items[*].metadata.name}', list)).toBe('a b'));
  it('range/end with string literals', () => expect(jsonpath('{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}', list)).toBe('a\tRunning\nb\tPending\n'));
  it('filters', () => expect(jsonpath('{.items[?(@.status.phase=="Running")].metadata.name}', list)).toBe('a'));
  it('recursive descent', () => expect(jsonpath('{..podIP}', list)).toBe('10.0.0.1'));
  it('maps print as Go JSON', () => expect(jsonpath('{.items[0].metadata.labels}', list)).toBe('{"app":"web"}'));
  it('empty brackets mean all', () => expect(jsonpath('{.items[].metadata.name}', list)).toBe('a b'));
  it('escaped dots in field names', () => expect(jsonpath('{.data.\\.dockerconfigjson}', { data: { '.dockerconfigjson': 'e30=' } })).toBe('e30='));
  it('missing keys print nothing', () => expect(jsonpath('{.items[0].nope}', list)).toBe(''));
  it('slices and negative index', () => expect(jsonpath('{.items[-1:].metadata.name}', list)).toBe('b'));
  it('jsonpath-as-json', () => expect(jsonpathAsJson('{.items[*].metadata.name}', list)).toBe('[\n    "a",\n    "b"\n]\n'));
  it('relaxed expressions for custom-columns and sort-by', () => expect(evalRelaxed('metadata.name', list.items[0])).toEqual(['a']));
});

describe('go-template subset', () => {
  it('fields, range, index, base64decode', () => {
    const o = { items: [{ metadata: { name: 'a' }, data: { p: Buffer.from('s3cret').toString('base64') } }] };
    expect(goTemplate('{{range .items}}{{.metadata.name}}:{{index .data "p" | base64decode}}{{"\\n"}}{{end}}', o)).toBe('a:s3cret\n');
  });
});

describe('apply three-way merge', () => {
  it('keeps server fields, drops fields removed from the file, merges containers by name', () => {
    const current = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'a', image: 'nginx:1', imagePullPolicy: 'IfNotPresent' }, { name: 'side', image: 'x' }] } } }, status: { ready: 1 } };
    const original = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'a', image: 'nginx:1' }] } } } };
    const modified = { spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx:2' }] } } } };
    expect(threeWay(current, modified, original)).toEqual({
      spec: { template: { spec: { containers: [{ name: 'a', image: 'nginx:2', imagePullPolicy: 'IfNotPresent' }, { name: 'side', image: 'x' }] } } },
      status: { ready: 1 },
    });
  });
});

describe('grammar (pflag rules)', () => {
  it('finds subcommands past flags and aliases', () => {
    expect(findCommand(['-n', 'dev', 'create', 'deploy', 'web']).node.path).toEqual(['create', 'deployment']);
  });
  it('parses -oyaml, --output=yaml, combined shorthand and --', () => {
    const { node, rest } = findCommand(['get', 'pods', '-oyaml', '-A']);
    const p = parseArgs(node, rest);
    expect(p.flags.output).toBe('yaml');
    expect(p.flags['all-namespaces']).toBe(true);
    const e = findCommand(['exec', '-it', 'web', '--', 'sh', '-c', 'ls']);
    const q = parseArgs(e.node, e.rest);
    expect(q.flags.stdin && q.flags.tty).toBe(true);
    expect(q.args).toEqual(['web', 'sh', '-c', 'ls']);
    expect(q.dashAt).toBe(1);
  });
  it('Go durations', () => {
    expect(parseGoDuration('1h30m')).toBe(5_400_000);
    expect(parseGoDuration('90s')).toBe(90_000);
    expect(parseGoDuration('abc')).toBeUndefined();
  });
  it('label selectors format like metav1.FormatLabelSelector', () => {
    expect(formatLabelSelector({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['test', 'dev'] }] })).toBe('a=1,b=2,env in (dev,test)');
  });
});

describe('pod STATUS cell', () => {
  it('waiting reason wins, Completed with a running container is Running', () => {
    expect(podStatus({ spec: { containers: [{}] }, status: { phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] } }).reason).toBe('ImagePullBackOff');
    expect(podStatus({ metadata: { deletionTimestamp: 'x' }, spec: { containers: [{}] }, status: { phase: 'Running' } }).reason).toBe('Terminating');
    expect(podStatus({ spec: { initContainers: [{ name: 'i' }], containers: [{}] }, status: { phase: 'Pending', initContainerStatuses: [{ name: 'i', state: { running: {} } }] } }).reason).toBe('Init:0/1');
  });
});

describe('help texts are kubectl 1.33 verbatim', () => {
  it('kubectl get --help, kubectl create deployment -h, kubectl with no command', async () => {
    const { harness } = await import('./harness.js');
    const help = (await import('../../fixtures/kubectl/help.json')).default as Record<string, string>;
    const h = harness({ bare: true });
    expect((await h.kubectl(['get', '--help'])).stdout).toBe(help.get);
    expect((await h.kubectl(['create', 'deploy', '-h'])).stdout).toBe(help['create deployment']);
    const root = await h.kubectl([]);
    expect(root.stdout).toBe(help['']!.replace('Subcommands provided by plugins:\n\n', ''));
    expect(root.stdout).toMatch(/^kubectl controls the Kubernetes cluster manager\./);
  });
});

describe('explain', () => {
  it('describes kinds and nested fields from the schemas', async () => {
    const { harness } = await import('./harness.js');
    const h = harness({ bare: true });
    const r = await h.kubectl(['explain', 'pods']);
    expect(r.stdout).toMatch(/^KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers/);
    expect(r.stdout).toContain('\n  spec\t<PodSpec>\n');
    const c = await h.kubectl(['explain', 'pod.spec.containers']);
    expect(c.stdout).toContain('FIELD: containers <[]Container>\n');
    expect(c.stdout).toContain('\n  name\t<string> -required-\n');
    expect(await h.kubectl(['explain', 'pod.spec.nope'])).toMatchObject({ stderr: 'error: field "nope" does not exist\n', code: 1 });
  });
});
