import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, parseScenario } from '../../src/scenario/load.js';
import { formatError } from '../../src/scenario/types.js';

const fx = (name: string) => fileURLToPath(new URL(`../../fixtures/scenario/${name}`, import.meta.url));

async function errorsOf(src: string, file = 'x.yaml'): Promise<string[]> {
  const r = await parseScenario(src, file);
  return r.ok ? [] : r.errors.map(formatError);
}

const HEAD = `apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: t, title: T}
`;

describe('scenario loader', () => {
  it('loads a valid scenario and keeps positions', async () => {
    const r = await loadScenarioFile(fx('valid-min.yaml'), 'valid-min.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.loaded.scenario.metadata.name).toBe('scale-web');
    expect(r.loaded.scenario.tasks[0]!.points).toBe(2);
    expect(r.loaded.posOf(['tasks', 0, 'goals', 0])).toEqual({ line: 24, col: 9 });
    expect(r.loaded.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names file:line:column for an unknown goal kind', async () => {
    const r = await loadScenarioFile(fx('bad-goal-kind.yaml'), 'scenarios/bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatError)).toEqual([
      'scenarios/bad.yaml:11:9: tasks[0].goals[1]: unknown goal kind "kubernets" (expected one of kubernetes, docker, count, not, anyOf, allOf, run, used, answer)',
    ]);
  });

  it('reports broken YAML at file:line:column', async () => {
    const r = await loadScenarioFile(fx('broken.yaml'), 'broken.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatError(r.errors[0]!)).toMatch(/^broken\.yaml:\d+:\d+: YAML syntax error: /);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(5);
  });

  it('refuses a task without goals', async () => {
    const r = await loadScenarioFile(fx('no-goals.yaml'), 'no-goals.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatError)).toEqual(['no-goals.yaml:7:5: tasks[0]: task "a" has no goals: every task needs at least one goal to check']);
    expect(await errorsOf(HEAD + 'tasks: [{id: a, title: A, goals: []}]\n')).toEqual([
      'x.yaml:4:9: tasks[0]: task "a" has no goals: every task needs at least one goal to check',
    ]);
  });

  it('fails an alias bomb within a second', async () => {
    await parseScenario(HEAD + 'tasks: []\n', 'warm.yaml'); // load yaml and ajv first: time the bomb alone
    const t = performance.now();
    const r = await loadScenarioFile(fx('alias-bomb.yaml'), 'bomb.yaml');
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.message).toMatch(/expands to more than \d+ values through aliases/);
  });

  it('fails deep nesting and huge files quickly', async () => {
    let t = performance.now();
    const deep = HEAD + 'x: ' + '['.repeat(300_000) + ']'.repeat(300_000) + '\n';
    expect((await errorsOf(deep))[0]).toMatch(/nesting is too deep/);
    expect(performance.now() - t).toBeLessThan(1000);
    const deep2 = HEAD + 'x: ' + '['.repeat(100) + ']'.repeat(100) + '\n';
    expect((await errorsOf(deep2))[0]).toMatch(/nesting is too deep/);
    t = performance.now();
    const huge = HEAD + '# ' + 'x'.repeat(1_100_000) + '\n';
    expect((await errorsOf(huge))[0]).toMatch(/x\.yaml:1:1: the file is \d+ bytes; a scenario file may be at most/);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('__proto__ changes nothing, constructor/prototype keys are plain data', async () => {
    const r = await loadScenarioFile(fx('proto.yaml'), 'proto.yaml');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map(formatError)).toEqual(['proto.yaml:4:1: the key "__proto__" is not allowed']);
    const ok = await parseScenario(HEAD + 'tasks: [{id: a, title: A, goals: [{kubernetes: {kind: Pod, metadata: {labels: {constructor: x}}}}]}]\n', 'y.yaml');
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const labels = (ok.loaded.scenario.tasks[0]!.goals[0]!.kubernetes as any).metadata.labels;
    expect(labels.constructor).toBe('x');
    expect(Object.getPrototypeOf(labels)).toBeNull();
  });

  it('refuses files: paths that leave the workspace', async () => {
    const r = await loadScenarioFile(fx('escape.yaml'), 'escape.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.errors.map(formatError);
    expect(msgs).toContain('escape.yaml:6:3: files["../outside.txt"]: "../outside.txt" contains "..": files must stay inside the workspace');
    expect(msgs).toContain('escape.yaml:7:3: files["/etc/evil"]: "/etc/evil" is an absolute path: files are written inside the workspace, so use a relative path');
    expect(msgs).toHaveLength(2);
  });

  it('refuses duplicate task ids, unknown needs and cycles', async () => {
    const errs = await errorsOf(
      HEAD +
        `tasks:
  - {id: a, title: A, needs: [b], goals: [{used: x}]}
  - {id: b, title: B, needs: [a], goals: [{used: x}]}
  - {id: a, title: A2, goals: [{used: x}]}
  - {id: c, title: C, needs: [zz], goals: [{used: x}]}
`,
    );
    expect(errs).toContain('x.yaml:7:10: tasks[2].id: duplicate task id "a" (tasks[0] has it too)');
    expect(errs).toContain('x.yaml:8:31: tasks[3].needs[0]: unknown task "zz" (tasks are: a, b, c)');
    const cyc = await errorsOf(
      HEAD +
        `tasks:
  - {id: a, title: A, needs: [b], goals: [{used: x}]}
  - {id: b, title: B, needs: [a], goals: [{used: x}]}
`,
    );
    expect(cyc).toEqual(['x.yaml:5:23: tasks[0].needs: tasks need each other in a cycle: a -> b -> a']);
  });

  it('explains schema errors in plain words', async () => {
    const errs = await errorsOf(`apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: Bad_Name, title: T, dificulty: easy}
tasks:
  - id: a
    title: A
    points: lots
    goals:
      - kubernetes: {kind: Deploymnet}
      - run: kubectl get pods
        expect: {stdoutMatches: "(unclosed"}
      - kubernetes: {kind: Pod, spec: {replicas: {$gtt: 3}}}
      - count: 3
        used: x
`);
    expect(errs).toContain('x.yaml:3:18: metadata.name: "Bad_Name" is not a valid name: use lowercase letters, digits and dashes (like scale-web)');
    expect(errs).toContain('x.yaml:3:38: metadata.dificulty: unknown field "dificulty" (did you mean "difficulty"?)');
    expect(errs).toContain('x.yaml:7:13: tasks[0].points: must be a number, not text');
    expect(errs).toContain('x.yaml:9:28: tasks[0].goals[0].kubernetes.kind: unknown kind "Deploymnet"');
    expect(errs.find((e) => e.includes('stdoutMatches'))).toMatch(/x\.yaml:11:33: tasks\[0\]\.goals\[1\]\.expect\.stdoutMatches: invalid regular expression: \/\(unclosed\/: Unterminated group/);
    expect(errs).toContain('x.yaml:12:51: tasks[0].goals[2].kubernetes.spec.replicas.$gtt: unknown operator "$gtt" (expected one of $gt $gte $lt $lte $ne $in $regex $exists $length $exactly)');
    expect(errs).toContain('x.yaml:13:9: tasks[0].goals[3].count: count goes beside kubernetes: or docker: (it counts the matching objects)');
  });

  it('refuses two goal kinds in one goal and missing top-level fields', async () => {
    expect(await errorsOf(HEAD + 'tasks: [{id: a, title: A, goals: [{used: x, run: y}]}]\n')).toEqual([
      'x.yaml:4:35: tasks[0].goals[0]: a goal has one kind, this one has used and run: split it into separate goals, or use allOf',
    ]);
    const errs = await errorsOf('kind: Scenario\nmetadata: {name: a}\n');
    expect(errs).toContain('x.yaml:1:1: apiVersion: missing `apiVersion: k8s-drill/v1`');
    expect(errs).toContain('x.yaml:2:1: metadata: missing required field "title"');
    expect(errs).toContain('x.yaml:1:1: missing required field "tasks"');
  });
});
