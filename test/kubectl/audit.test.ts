/** Fidelity audit (issue 4): each case was wrong before its fix; expectations from kubectl 1.33, its source or recordings. */
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('kubectl top', () => {
  it('needs the metrics API (minikube: the metrics-server addon), as real kubectl says', async () => {
    const h = harness();
    await h.kubectl(['run', 'web', '--image=nginx']);
    h.advance(10_000);
    for (const args of [['top', 'pods'], ['top', 'node'], ['top', 'pod', 'web']]) {
      const r = await h.kubectl(args);
      expect(r).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', code: 1 });
    }
    await h.minikube(['addons', 'enable', 'metrics-server']);
    h.advance(60_000);
    const r = await h.kubectl(['top', 'pods']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\nweb\s+\d+m\s+\d+Mi\n$/);
    expect((await h.kubectl(['top', 'node'])).stdout).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\nminikube /);
  });
});

describe('kubectl auth', () => {
  it('can-i evaluates RBAC for an impersonated service account; no = exit 1', async () => {
    const h = harness();
    const sa = '--as=system:serviceaccount:default:robot';
    expect(await h.kubectl(['auth', 'can-i', 'list', 'pods'])).toEqual({ stdout: 'yes\n', stderr: '', code: 0 });
    expect(await h.kubectl(['auth', 'can-i', 'list', 'pods', sa])).toEqual({ stdout: 'no\n', stderr: '', code: 1 });
    expect((await h.kubectl(['create', 'sa', 'robot'])).code).toBe(0);
    expect((await h.kubectl(['create', 'role', 'pod-reader', '--verb=get,list', '--resource=pods'])).code).toBe(0);
    expect((await h.kubectl(['create', 'rolebinding', 'rb', '--role=pod-reader', '--serviceaccount=default:robot'])).code).toBe(0);
    expect((await h.kubectl(['auth', 'can-i', 'list', 'pods', sa])).stdout).toBe('yes\n');
    expect((await h.kubectl(['auth', 'can-i', 'get', 'pods/web', sa])).stdout).toBe('yes\n');
    expect(await h.kubectl(['auth', 'can-i', 'delete', 'pods', sa])).toEqual({ stdout: 'no\n', stderr: '', code: 1 });
    expect(await h.kubectl(['auth', 'can-i', 'list', 'deployments', sa])).toMatchObject({ stdout: 'no\n', code: 1 });
    // a RoleBinding counts in its namespace only
    expect(await h.kubectl(['auth', 'can-i', 'list', 'pods', sa, '-n', 'kube-system'])).toMatchObject({ stdout: 'no\n', code: 1 });
    expect(await h.kubectl(['auth', 'can-i', 'list', 'pods', sa, '-q'])).toEqual({ stdout: '', stderr: '', code: 0 });
    // a ClusterRoleBinding to the bootstrap role view
    expect((await h.kubectl(['create', 'clusterrolebinding', 'crb', '--clusterrole=view', '--serviceaccount=default:robot'])).code).toBe(0);
    expect((await h.kubectl(['auth', 'can-i', 'list', 'deployments', sa, '-n', 'kube-system'])).stdout).toBe('yes\n');
    expect((await h.kubectl(['auth', 'can-i', 'create', 'deployments', sa])).stdout).toBe('no\n');
  });
  it('whoami: the minikube user, or the impersonated one', async () => {
    const h = harness();
    expect((await h.kubectl(['auth', 'whoami'])).stdout).toBe('ATTRIBUTE   VALUE\nUsername    minikube-user\nGroups      [system:masters system:authenticated]\n');
    expect((await h.kubectl(['auth', 'whoami', '--as=system:serviceaccount:dev:ci'])).stdout).toBe(
      'ATTRIBUTE   VALUE\nUsername    system:serviceaccount:dev:ci\nGroups      [system:serviceaccounts system:serviceaccounts:dev system:authenticated]\n',
    );
  });
});

const DEP = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n`;

describe('kubectl diff', () => {
  it('diff -u -N of LIVE and MERGED files as kubectl 1.33 prints it; exit 1 when different, 0 when not', async () => {
    const h = harness({ files: { '/work/d2.yaml': DEP(2), '/work/d3.yaml': DEP(3) } });
    const fresh = await h.kubectl(['diff', '-f', 'd2.yaml']);
    expect(fresh.code).toBe(1);
    // header recorded from kubectl 1.33 (fixtures: temp folder numbers and file times differ per run)
    expect(fresh.stdout).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t[^\n]+\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n\+kind: Deployment\n/);
    expect((await h.kubectl(['get', 'deploy'])).stderr).toBe('No resources found in default namespace.\n');
    await h.kubectl(['apply', '-f', 'd2.yaml']);
    h.advance(10_000);
    expect(await h.kubectl(['diff', '-f', 'd2.yaml'])).toEqual({ stdout: '', stderr: '', code: 0 });
    const r = await h.kubectl(['diff', '-f', 'd3.yaml']);
    expect(r.code).toBe(1);
    const body = r.stdout.split('\n').slice(3).join('\n');
    expect(body).toContain('-  generation: 1\n+  generation: 2\n');
    expect(body).toContain('-  replicas: 2\n+  replicas: 3\n');
    expect(body).not.toMatch(/^[-+] {4}kubectl\.kubernetes\.io\/last-applied/m);
    expect(body).not.toMatch(/^[-+] {2}resourceVersion/m);
    expect((await h.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('2');
  });
  it('errors exit 2 (kubectl code + 1)', async () => {
    const h = harness();
    expect(await h.kubectl(['diff', '-f', 'nope.yaml'])).toEqual({ stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', code: 2 });
  });
});

describe('kubectl attach', () => {
  it("shows the container's output, kubectl's messages and errors (recorded usage errors)", async () => {
    const h = harness();
    await h.kubectl(['run', 'loop', '--image=busybox', '--', 'sh', '-c', 'echo hello; echo world; sleep 3600']);
    await h.kubectl(['run', 'done', '--image=busybox', '--restart=Never', '--', 'echo', 'bye']);
    h.advance(20_000);
    expect(await h.kubectl(['attach', 'loop'])).toEqual({ stdout: 'hello\nworld\n', stderr: "If you don't see a command prompt, try pressing enter.\n", code: 0 });
    expect(await h.kubectl(['attach', 'pod/loop', '-q'])).toEqual({ stdout: 'hello\nworld\n', stderr: '', code: 0 });
    expect((await h.kubectl(['attach', 'loop', '-t'])).stderr).toBe("error: Unable to use a TTY - container loop did not allocate one\nIf you don't see a command prompt, try pressing enter.\n");
    expect(await h.kubectl(['attach', 'done'])).toEqual({ stdout: '', stderr: 'error: cannot attach a container in a completed pod; current phase is Succeeded\n', code: 1 });
    expect(await h.kubectl(['attach', 'nope'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await h.kubectl(['attach', 'loop', '-c', 'zz'])).toMatchObject({ stderr: 'error: cannot attach to the container: container zz not found in pod loop\n', code: 1 });
    // recorded from kubectl 1.33
    expect(await h.kubectl(['attach'])).toEqual({ stdout: '', stderr: 'error: at least 1 argument is required for attach\n', code: 1 });
    expect(await h.kubectl(['attach', 'pod', 'web', 'x'])).toEqual({ stdout: '', stderr: 'error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [pod web x]\n', code: 1 });
  });
});

describe('kubectl debug', () => {
  it('--copy-to makes a copy of the pod with a debug container; node/NAME a host pod; ephemeral says it is missing', async () => {
    const h = harness();
    await h.kubectl(['run', 'web', '--image=nginx', '--labels=app=web']);
    h.advance(10_000);
    const warn = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';
    const r = await h.kubectl(['debug', 'web', '--image=busybox', '--copy-to=web-debug', '--', 'sleep', '3600']);
    expect(r.stderr).toBe(warn);
    expect(r.stdout).toMatch(/^Defaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
    const copy = JSON.parse((await h.kubectl(['get', 'pod', 'web-debug', '-o', 'json'])).stdout);
    expect(copy.spec.containers.map((c: { name: string }) => c.name)).toEqual(['web', r.stdout.match(/debugger-\w+/)![0]]);
    expect(copy.spec.containers[1].command).toEqual(['sleep', '3600']);
    expect(copy.spec.shareProcessNamespace).toBe(true);
    expect(copy.metadata.labels).toBeUndefined();
    const n = await h.kubectl(['debug', 'node/minikube', '--image=busybox', '--profile=general', '--', 'sleep', '60']);
    expect(n).toMatchObject({ stderr: '', code: 0 });
    expect(n.stdout).toMatch(/^Creating debugging pod node-debugger-minikube-[a-z0-9]{5} with container debugger on node minikube\.\n$/);
    const e = await h.kubectl(['debug', 'web', '--image=busybox', '--profile=general']);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/^error: ephemeral debug containers are not supported by k8s-drill yet/);
  });
});

describe('printing flags', () => {
  it('--template without -o prints the go-template (PrintFlags.ToPrinter)', async () => {
    const h = harness();
    expect(await h.kubectl(['get', 'svc', 'kubernetes', '--template={{.spec.clusterIP}}'])).toEqual({ stdout: '10.96.0.1', stderr: '', code: 0 });
    expect((await h.kubectl(['create', 'cm', 'x', '--from-literal=a=b', '--dry-run=client', '--template={{.data.a}}'])).stdout).toBe('b');
  });
});

describe('kubectl completion', () => {
  it('prints the recorded kubectl 1.33 script for each shell', async () => {
    const { readFileSync } = await import('node:fs');
    const scripts = JSON.parse(readFileSync(new URL('../../fixtures/kubectl/completion.json', import.meta.url), 'utf8')) as Record<string, string>;
    const h = harness({ bare: true });
    for (const sh of ['bash', 'zsh', 'fish', 'powershell']) {
      const r = await h.kubectl(['completion', sh]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(scripts[sh]);
      expect(r.stdout.length).toBeGreaterThan(5000);
    }
    expect((await h.kubectl(['completion', 'bash'])).stdout).toContain('__start_kubectl');
  });
});

describe('kubectl rollout status', () => {
  it('prints the status at every change of the Deployment, as its watch does (no change skipped between polls)', async () => {
    const h = harness();
    await h.kubectl(['create', 'deploy', 'web', '--image=nginx', '--replicas=6']);
    h.advance(30_000);
    await h.kubectl(['set', 'image', 'deploy/web', 'nginx=nginx:1.25']);
    const r = await h.kubectl(['rollout', 'status', 'deploy/web']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    // each old-replica count the Deployment's status passes through shows up
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 2 old replicas are pending termination...');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^Waiting for deployment "web" rollout to finish: /);
  });
});
