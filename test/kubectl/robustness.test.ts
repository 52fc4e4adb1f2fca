/** Odd and broken command lines give kubectl-style errors, never an internal error. */
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

const LINES: string[][] = [
  ['get', 'pods', '-o', 'jsonpath={.items[0'],
  ['get', 'pods', '-o', 'custom-columns='],
  ['get', 'pods', '-o', 'custom-columns=NAME'],
  ['get', 'pods', '--sort-by=.foo.bar'],
  ['get', 'pods', '-o', 'go-template={{.items}}'],
  ['logs', '-l', 'app=none'],
  ['rollout', 'status', 'deploy'],
  ['rollout', 'status', 'pod/x'],
  ['wait', '--for=foo', 'pod/x'],
  ['wait', '--for=delete', 'pod/nope', '--timeout=1s'],
  ['patch', 'deploy', 'web', '-p', '{bad'],
  ['apply', '-f', 'bad.yaml'],
  ['apply', '-f', 'list.yaml'],
  ['apply', '-f', 'nokind.yaml'],
  ['create', '-f', 'unknown.yaml'],
  ['taint', 'nodes', 'minikube', 'bad'],
  ['config', 'set-context'],
  ['top', 'pod', 'nope'],
  ['scale', 'deploy', 'web', '--replicas=-1'],
  ['expose', 'deploy', 'web'],
  ['expose', 'pod', 'nope', '--port=80'],
  ['exec', 'nope', '--', 'ls'],
  ['describe', 'pods', 'nope'],
  ['label', 'pods', 'nope', 'a=b'],
  ['delete', 'pods'],
  ['delete', 'pod', 'x', '--grace-period=5', '--force'],
  ['get', 'pods', 'a', '-l', 'x=y'],
  ['set', 'image', 'deploy/web', 'nope=nginx'],
  ['rollout', 'undo', 'deploy/web', '--to-revision=7'],
  ['create', 'deployment', 'x', '--image=nginx', '--replicas=-3'],
  ['run', 'a', '--image=nginx', '--env=NOEQUALS'],
  ['port-forward', 'pod/nope', '80'],
  ['explain', 'foo'],
  ['get', 'pods', '--field-selector=status.phase=Running,metadata.name!=x'],
  ['cp', 'nope:/etc/passwd', './x'],
];

describe('robustness', () => {
  it('every odd line ends with an exit code and no internal error', async () => {
    const h = harness({
      files: {
        '/work/bad.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: {}\n  oops: [\n',
        '/work/list.yaml': 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: l1}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: l2}\n',
        '/work/nokind.yaml': 'apiVersion: v1\nmetadata: {name: x}\n',
        '/work/unknown.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n',
      },
    });
    await h.kubectl(['create', 'deployment', 'web', '--image=nginx']);
    h.advance(10_000);
    for (const line of LINES) {
      const r = await h.kubectl(line);
      if (process.env.SHOW) console.log("$ kubectl " + line.join(" ") + "\n" + r.stdout + r.stderr + `[${r.code}]`);
      expect(typeof r.code, line.join(' ')).toBe('number');
      expect(r.stderr, line.join(' ')).not.toMatch(/internal error|TypeError|undefined|is not a function/i);
    }
    expect((await h.kubectl(['apply', '-f', 'list.yaml'])).stdout).toBe('configmap/l1 unchanged\nconfigmap/l2 unchanged\n');
  });
});
