import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { testFile } from '../../src/scenario/runner.js';
import { scenarioMain } from '../../src/scenario/cli.js';
import { formatError } from '../../src/scenario/types.js';

const fx = (name: string) => fileURLToPath(new URL(`../../fixtures/scenario/${name}`, import.meta.url));

export function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += String(chunk);
      cb();
    },
  });
  return { stream, text: () => buf };
}

async function runCli(command: 'test' | 'list' | 'grade' | 'practice', args: string[], extra: Record<string, unknown> = {}) {
  const out = capture();
  const err = capture();
  const code = await scenarioMain(command, args, { stateDir: '/nonexistent', color: false, stdout: out.stream as any, stderr: err.stream as any, ...extra });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('k8s-drill test', () => {
  it('passes a scenario whose solutions reach the goals', async () => {
    const r = await testFile(fx('docker-two.yaml'), 'docker-two.yaml');
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.report?.score).toBe(3);
  });

  it("passes the contract's own example (nodes, extra images, files, apply in setup, when-hints, answers, failWhen)", async () => {
    const r = await testFile(fx('contract-example.yaml'), 'contract-example.yaml');
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.report).toMatchObject({ scenario: 'scale-web', passed: true, score: 3, maxScore: 3 });
  });

  it('fails a wrong solution with the mismatch path', async () => {
    const r = await testFile(fx('docker-wrong.yaml'), 'docker-wrong.yaml');
    expect(r.passed).toBe(false);
    expect(r.errors.map(formatError)).toEqual([
      'docker-wrong.yaml:8:9: tasks[0].goals[0]: after the solutions and 10m of simulated time, this goal fails: container web: State.Running is false, expected true',
    ]);
  });

  it('fails a scenario whose goals already hold after setup', async () => {
    const r = await testFile(fx('docker-presolved.yaml'), 'docker-presolved.yaml');
    expect(r.passed).toBe(false);
    expect(r.errors.map(formatError)).toEqual(['docker-presolved.yaml:6:1: tasks: every goal already holds right after setup: the learner has nothing to do']);
  });

  it('reports invalid files, ends with N passed, N failed and exits 1', async () => {
    const r = await runCli('test', [fx('docker-two.yaml'), fx('no-goals.yaml'), fx('docker-wrong.yaml')], { cwd: fx('') });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe('1 passed, 2 failed');
    expect(r.stdout).toContain('PASS docker-two.yaml');
    expect(r.stdout).toContain('  no-goals.yaml:7:5: tasks[0]: task "a" has no goals');
    const ok = await runCli('test', [fx('docker-two.yaml')]);
    expect(ok.code).toBe(0);
  });

  it('json and junit outputs parse', async () => {
    const j = await runCli('test', ['--format', 'json', fx('docker-two.yaml'), fx('docker-wrong.yaml'), fx('broken.yaml')], { cwd: fx('') });
    const list = JSON.parse(j.stdout);
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ file: 'docker-two.yaml', scenario: 'docker-two', passed: true, score: 3, maxScore: 3, errors: [] });
    expect(list[0].tasks[0]).toMatchObject({ id: 'web', passed: true, points: 2, maxPoints: 2 });
    expect(list[0].tasks[0].goals[0]).toEqual({ description: 'a running container named web from nginx', passed: true, reason: '' });
    expect(list[1].passed).toBe(false);
    expect(list[1].tasks[0].goals[0].reason).toBe('container web: State.Running is false, expected true');
    expect(list[2]).toMatchObject({ file: 'broken.yaml', passed: false, scenario: null });
    expect(list[2].errors[0]).toMatch(/^broken\.yaml:\d+:\d+: YAML syntax error/);

    const x = await runCli('test', ['--format', 'junit', fx('docker-two.yaml'), fx('docker-wrong.yaml'), fx('broken.yaml')], { cwd: fx('') });
    const xml = x.stdout;
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    // well-formed: every tag closes in order
    const stack: string[] = [];
    for (const m of xml.matchAll(/<(\/?)([a-z]+)([^>]*?)(\/?)>/g)) {
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else if (!m[4]) stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect((xml.match(/<testsuite /g) ?? []).length).toBe(3);
    expect(xml).toContain('<testcase name="web: Run nginx named web" classname="docker-wrong"');
    expect(xml).toContain('<failure message="docker-wrong.yaml:8:9: tasks[0].goals[0]: after the solutions');
  });

  it('github format prints workflow annotations', async () => {
    const g = await runCli('test', ['--format', 'github', fx('bad-goal-kind.yaml')], { cwd: fx('') });
    expect(g.stdout).toContain('::error file=bad-goal-kind.yaml,line=11,col=9::tasks[0].goals[1]: unknown goal kind "kubernets" (expected one of kubernetes, docker, count, not, anyOf, allOf, run, used, answer)');
    expect(g.stdout.trimEnd().split('\n').pop()).toBe('0 passed, 1 failed');
  });
});
