import { describe, expect, it } from 'vitest';
import { createObject, getObject } from '../../src/world/k8s/api.js';
import { newWorld, type World } from '../../src/world/world.js';
import { evalGoal, describeGoal, checkSync, type GoalEnv } from '../../src/scenario/goals.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Goal } from '../../src/scenario/types.js';

const T0 = Date.parse('2026-01-15T10:00:00Z');

function world(): World {
  const w = newWorld({ seed: 1, now: T0 });
  const put = (o: any) => {
    const r = createObject(w, o, { now: T0 });
    if (!r.ok) throw new Error(r.error.message);
  };
  put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } });
  for (const [n, phase] of [['web-a', 'Running'], ['web-b', 'Running'], ['web-c', 'Pending']] as const) {
    put({ apiVersion: 'v1', kind: 'Pod', metadata: { name: n, namespace: 'default', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } });
    // the API server ignores status on create: set it as the kubelet would
    const p = getObject(w, 'Pod', 'default', n);
    if (!p.ok) throw new Error(p.error.message);
    p.value.status = { ...(p.value.status ?? {}), phase };
  }
  w.docker.containers['c1'.padEnd(64, '0')] = { Id: 'c1'.padEnd(64, '0'), Name: '/web', State: { Status: 'running', Running: true }, Config: { Image: 'nginx' } };
  w.docker.volumes['data'] = { Name: 'data', Driver: 'local' };
  return w;
}

const env = (w: World, extra: Partial<GoalEnv> = {}): GoalEnv => ({ world: w, runs: new Map(), history: [], answers: {}, ...extra });
const ev = (g: Goal, e: GoalEnv) => evalGoal(g, e);

describe('goals', () => {
  it('kubernetes: names the object, the path and both values', () => {
    const w = world();
    expect(ev({ kubernetes: { kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } } }, env(w)).ok).toBe(true);
    expect(ev({ kubernetes: { kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } } }, env(w))).toEqual({
      ok: false,
      reason: 'Deployment default/web: spec.replicas is 3, expected 5',
    });
    expect(ev({ kubernetes: { kind: 'Deployment', metadata: { name: 'api' } } }, env(w))).toEqual({ ok: false, reason: 'Deployment default/api not found' });
    expect(ev({ kubernetes: { kind: 'deploy', metadata: { name: 'web', namespace: 'dev' } } }, env(w)).reason).toBe('Deployment dev/web not found');
    expect(ev({ kubernetes: { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web' }, spec: { replicas: '3' } } }, env(w)).ok).toBe(true);
  });

  it('count counts matching objects', () => {
    const w = world();
    const running = { kind: 'Pod', metadata: { labels: { app: 'web' } }, status: { phase: 'Running' } };
    expect(ev({ kubernetes: running, count: 2 }, env(w)).ok).toBe(true);
    const r = ev({ kubernetes: running, count: 3 }, env(w));
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('2 Pods in namespace default match, expected 3; e.g. Pod default/web-c: status.phase is "Pending", expected "Running"');
    expect(ev({ kubernetes: running, count: { $gte: 2 } }, env(w)).ok).toBe(true);
    expect(ev({ kubernetes: { kind: 'Pod', metadata: { labels: { app: 'db' } } }, count: 0 }, env(w)).ok).toBe(true);
  });

  it('not, anyOf, allOf', () => {
    const w = world();
    const exists = { kubernetes: { kind: 'Deployment', metadata: { name: 'web' } } };
    expect(ev({ not: exists }, env(w))).toEqual({ ok: false, reason: 'Deployment default/web matches, expected not: Deployment default/web exists' });
    expect(ev({ not: { kubernetes: { kind: 'Deployment', metadata: { name: 'gone' } } } }, env(w)).ok).toBe(true);
    expect(ev({ anyOf: [{ used: 'nope' }, exists] }, env(w)).ok).toBe(true);
    expect(ev({ allOf: [exists, { used: 'kubectl scale' }] }, env(w))).toEqual({ ok: false, reason: 'none of your commands matches /kubectl scale/' });
  });

  it('docker: containers by Name with or without the slash, volumes', () => {
    const w = world();
    expect(ev({ docker: { Name: 'web', State: { Running: true } } }, env(w)).ok).toBe(true);
    expect(ev({ docker: { Name: '/web', State: { Running: true } } }, env(w)).ok).toBe(true);
    expect(ev({ docker: { Name: 'web', State: { Running: false } } }, env(w)).reason).toBe('container web: State.Running is true, expected false');
    expect(ev({ docker: { Name: 'api' } }, env(w)).reason).toBe('container api not found');
    expect(ev({ docker: { kind: 'volume', Name: 'data' } }, env(w)).ok).toBe(true);
    expect(ev({ docker: { kind: 'volume', Name: 'logs' } }, env(w)).reason).toBe('volume logs not found');
  });

  it('run, used, answer', () => {
    const w = world();
    const runs = new Map([['kubectl get pods -o name', { stdout: 'pod/web-a\npod/web-b\n', stderr: '', code: 0 }]]);
    expect(ev({ run: 'kubectl get pods -o name', expect: { stdoutMatches: 'web-b' } }, env(w, { runs })).ok).toBe(true);
    expect(ev({ run: 'kubectl get pods -o name', expect: { stdout: 'pod/web-a' } }, env(w, { runs })).reason).toBe(
      '`kubectl get pods -o name` printed "pod/web-a\\npod/web-b", expected "pod/web-a"',
    );
    const history = [{ t: T0, line: 'kubectl scale deploy web --replicas=5' }, { t: T0, line: 'hint' }];
    expect(ev({ used: 'kubectl scale' }, env(w, { history })).ok).toBe(true);
    expect(ev({ used: '^hint' }, env(w, { history })).ok).toBe(false);
    const runs2 = new Map([['echo 10.244.0.5', { stdout: '10.244.0.5\n', stderr: '', code: 0 }]]);
    expect(ev({ answer: { run: 'echo 10.244.0.5' } }, env(w, { runs: runs2, taskId: 'ip', answers: { ip: ' 10.244.0.5 ' } })).ok).toBe(true);
    expect(ev({ answer: { run: 'echo 10.244.0.5' } }, env(w, { runs: runs2, taskId: 'ip', answers: { ip: '10.244.0.6' } })).reason).toBe('the answer "10.244.0.6" is not right');
    expect(ev({ answer: 3 }, env(w, { taskId: 'n', answers: { n: '3' } })).ok).toBe(true);
    expect(ev({ answer: { regex: '^3 ?pods?$' } }, env(w, { taskId: 'n', answers: { n: '3 pods' } })).ok).toBe(true);
    expect(ev({ answer: 3 }, env(w, { taskId: 'n' })).reason).toMatch(/^no answer given yet/);
  });

  it('describes goals in plain words', () => {
    expect(describeGoal({ kubernetes: { kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 5 } } })).toBe('Deployment default/web with spec.replicas=5');
    expect(describeGoal({ kubernetes: { kind: 'Pod', metadata: { labels: { app: 'web' } }, status: { phase: 'Running' } }, count: 5 })).toBe(
      '5 × Pod in default with metadata.labels.app="web", status.phase="Running"',
    );
    expect(describeGoal({ description: 'mine', used: 'x' })).toBe('mine');
  });

  it('checkSync: tasks wait for the tasks they need, points add up', async () => {
    const r = await parseScenario(
      `apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: t, title: T}
tasks:
  - id: a
    title: A
    points: 2
    goals: [{kubernetes: {kind: Deployment, metadata: {name: web}, spec: {replicas: 3}}}]
  - id: b
    title: B
    needs: [c]
    goals: [{kubernetes: {kind: Deployment, metadata: {name: web}}}]
  - id: c
    title: C
    goals: [{kubernetes: {kind: Deployment, metadata: {name: web}, spec: {replicas: 5}}}]
`,
      'x.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const rep = checkSync(r.loaded.scenario, world(), new Map(), [], {});
    expect(rep.score).toBe(2);
    expect(rep.maxScore).toBe(4);
    expect(rep.tasks.map((t) => [t.id, t.passed, t.waitingFor])).toEqual([
      ['a', true, []],
      ['b', false, ['c']],
      ['c', false, []],
    ]);
    expect(rep.tasks[2]!.goals[0]!.reason).toBe('Deployment default/web: spec.replicas is 3, expected 5');
  });
});

describe('checking is read-only', () => {
  it('checkScenario and run goals never change the learner world or disk', async () => {
    const { checkScenario } = await import('../../src/scenario/goals.js');
    const { memoryFs, confinedFs } = await import('../../src/scenario/memfs.js');
    const r = await parseScenario(
      `apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: t, title: T}
tasks:
  - id: a
    title: A
    goals:
      - run: kubectl delete deployment web
      - run: docker volume rm data
      - run: cat /etc/secret.txt
        expect: {exitCode: 1}
      - run: cat notes.txt
        expect: {stdout: mine}
`,
      'x.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { runLine } = await import('../../src/shell/session.js');
    const w = newWorld({ seed: 3, now: T0 });
    const session = { world: w, ctx: { wallNow: T0, host: memoryFs(new Map(), '/work'), tty: false, interactive: false, readLine: async () => null }, nested: [], history: [] };
    for (const l of ['kubectl create deployment web --image=nginx:1.25', 'docker volume create data']) expect((await runLine(session, l)).code).toBe(0);
    const before = JSON.stringify(w);
    const files = new Map([
      ['/work/notes.txt', 'mine'],
      ['/etc/secret.txt', 'top secret'],
    ]);
    const host = confinedFs(memoryFs(files, '/work'), '/work');
    const rep = await checkScenario(r.loaded.scenario, { world: w, wallNow: T0 + 60_000, host, history: [], answers: {} });
    expect(rep.tasks[0]!.goals.map((g) => [g.passed, g.reason])).toEqual([
      [true, ''],
      [true, ''],
      [true, ''],
      [true, ''],
    ]);
    expect(JSON.stringify(w)).toBe(before);
    expect([...files.keys()]).toEqual(['/work/notes.txt', '/etc/secret.txt']);
    expect(host.writeFile('/work/x', 'y')).toMatch(/Read-only/);
  });
});
