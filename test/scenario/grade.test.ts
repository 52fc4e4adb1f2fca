import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioMain } from '../../src/scenario/cli.js';

const fx = (name: string) => fileURLToPath(new URL(`../../fixtures/scenario/${name}`, import.meta.url));

function capture(): { stream: NodeJS.WritableStream; text: () => string } {
  let buf = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buf += String(chunk);
      cb();
    },
  });
  return { stream, text: () => buf };
}

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'k8s-drill-scn-'));
  dirs.push(d);
  return d;
};
const saved = { ...process.env };
beforeAll(() => {
  process.env.K8S_DRILL_SEED = '7';
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  process.env = saved;
});

async function cli(command: 'practice' | 'grade', args: string[], stateDir: string, input = '', at = '2026-01-15T10:00:00Z') {
  process.env.K8S_DRILL_TIME = at;
  const out = capture();
  const err = capture();
  const stdin = Readable.from([input]) as unknown as NodeJS.ReadableStream & { isTTY?: boolean };
  const code = await scenarioMain(command, args, { stateDir, color: false, stdout: out.stream as any, stderr: err.stream as any, stdin, env: process.env });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('practice and grade', () => {
  it('gives partial credit, full credit after the fix, and flags a hand-edited state file', async () => {
    const state = temp();
    const ws = temp();
    const file = fx('docker-two.yaml');
    const p1 = await cli('practice', [file, '--workspace', ws], state, 'docker run -d --name web nginx\n');
    expect(p1.code).toBe(0);
    expect(p1.stdout).toMatch(/^[0-9a-f]{64}\n$/); // line mode: nothing but the commands' own output

    const g1 = await cli('grade', [file, '--state-dir', state, '--format', 'json'], state);
    expect(g1.code).toBe(1);
    const j1 = JSON.parse(g1.stdout);
    expect(j1).toMatchObject({ scenario: 'docker-two', passed: false, score: 2, maxScore: 3, percent: 67, replay: { matches: true, difference: null } });
    expect(j1.tasks[1].goals[0]).toEqual({ description: 'volume data exists', passed: false, reason: 'volume data not found' });

    const p2 = await cli('practice', [file, '--workspace', ws], state, 'docker volume create data\n', '2026-01-15T10:04:30Z');
    expect(p2.stdout).toBe('data\n');
    const g2 = await cli('grade', [file, '--state-dir', state], state);
    expect(g2.code).toBe(0);
    expect(g2.stdout).toContain('Replay: the saved world is exactly what the 2 recorded commands produce.');
    expect(g2.stdout).toContain('Score: 3/3 (100%)');
    expect(g2.stdout).toContain('Time taken: 4m30s (limit 10m: within) (not submitted: up to the last command)');
    expect(g2.stdout).toContain('Hints used: 0');

    // Hand-edit the saved world: the grade notices and grades the replay instead.
    const sf = join(state, 'state.json');
    const rec = JSON.parse(readFileSync(sf, 'utf8'));
    expect(rec.practice).toMatchObject({ kind: 'k8s-drill-practice', name: 'docker-two', seed: 7, workspace: ws });
    expect(rec.practice.sessions).toEqual([
      { t: Date.parse('2026-01-15T10:00:00Z'), tty: false, interactive: false },
      { t: Date.parse('2026-01-15T10:04:30Z'), tty: false, interactive: false },
    ]);
    delete rec.world.docker.volumes.data;
    writeFileSync(sf, JSON.stringify(rec));
    const g3 = await cli('grade', [file, '--state-dir', state], state);
    expect(g3.stdout).toContain('WARNING: the saved world differs from a replay of its recorded history.');
    expect(g3.stdout).toContain('first difference at docker.volumes.data: saved missing, replay {');
    expect(g3.stdout).toContain('Score: 3/3 (100%)');
    const g4 = await cli('grade', [file, '--state-dir', state, '--format', 'junit'], state);
    expect(g4.stdout).toContain('<failure message="the saved world differs from a replay of its history (docker.volumes.data: saved missing');
  });

  it('grade exits 2 on an invalid scenario or a state that is not a practice', async () => {
    const state = temp();
    const bad = await cli('grade', [fx('no-goals.yaml'), '--state-dir', state], state);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('tasks[0]: task "a" has no goals');
    const none = await cli('grade', [fx('docker-two.yaml'), '--state-dir', state], state);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no practice found');
  });

  it('practice refuses files that escape the workspace through a symlink, writing nothing', async () => {
    const { symlinkSync, existsSync, mkdirSync } = await import('node:fs');
    const state = temp();
    const ws = temp();
    const outside = temp();
    symlinkSync(outside, join(ws, 'link'));
    const scn = join(temp(), 's.yaml');
    writeFileSync(
      scn,
      `apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: sym, title: Sym}
files:
  a.txt: first
  link/evil.txt: gotcha
tasks: [{id: x, title: x, goals: [{used: x}]}]
`,
    );
    const r = await cli('practice', [scn, '--workspace', ws], state);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"link/evil.txt" leads outside the workspace through a symbolic link');
    expect(r.stderr).toContain('nothing was written');
    expect(existsSync(join(ws, 'a.txt'))).toBe(false);
    expect(existsSync(join(outside, 'evil.txt'))).toBe(false);
    // `..` and absolute paths are refused when the file is loaded: still nothing written
    writeFileSync(scn, `apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: sym, title: Sym}
files:
  a.txt: first
  ../up.txt: gotcha
tasks: [{id: x, title: x, goals: [{used: x}]}]
`);
    const r1 = await cli('practice', [scn, '--workspace', join(ws, 'sub')], state);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain('files["../up.txt"]: "../up.txt" contains "..": files must stay inside the workspace');
    expect(existsSync(join(ws, 'up.txt'))).toBe(false);
    expect(existsSync(join(ws, 'sub', 'a.txt'))).toBe(false);
    mkdirSync(join(ws, 'app'));
    writeFileSync(join(ws, 'app', 'keep.txt'), 'mine');
    writeFileSync(
      scn,
      `apiVersion: k8s-drill/v1
kind: Scenario
metadata: {name: sym, title: Sym}
files:
  a.txt: first
  app/keep.txt: theirs
tasks: [{id: x, title: x, goals: [{used: x}]}]
`,
    );
    const r2 = await cli('practice', [scn, '--workspace', ws], state);
    expect(r2.code).toBe(0);
    expect(readFileSync(join(ws, 'a.txt'), 'utf8')).toBe('first');
    expect(readFileSync(join(ws, 'app', 'keep.txt'), 'utf8')).toBe('mine'); // never overwritten without asking
    expect(r2.stderr).toContain('kept your app/keep.txt');
  });
});

describe('practice builtins in line mode', () => {
  it('hint (state-aware first), check, answer, solution, reset are recorded and graded by replay', async () => {
    const state = temp();
    const ws = temp();
    const file = fx('practice-k8s.yaml');
    const p = await cli(
      'practice',
      [file, '--workspace', ws],
      state,
      [
        'hint',
        'kubectl expose deployment web --port=80',
        'hint',
        'hint',
        'check',
        'solution',
        'n',
        'kubectl delete deployment web',
        'check',
        'reset',
        'y',
        'kubectl expose deployment web --type=NodePort --port=80',
        'answer 1.2.3.4',
        'check',
        'answer $(kubectl get service web -o jsonpath={.spec.clusterIP})',
        'solution ip',
        'y',
        'submit',
      ].join('\n') + '\n',
    );
    const out = p.stdout;
    expect(out).toContain('Hint for "Expose web": First plain hint.\n');
    expect(out).toContain('Hint for "Expose web": It must be a NodePort.\n'); // the state-aware hint comes first
    expect(out).toContain('Hint for "Expose web": Second plain hint.\n');
    expect(out).toContain('✘ svc: Expose web (0/1)\n    ✘ Service default/web with spec.type="NodePort"\n        Service default/web: spec.type is "ClusterIP", expected "NodePort"\n');
    expect(out).toContain('Not shown.\n');
    expect(out).toContain('This world cannot reach the goals any more (web was deleted). Type `reset` to start the scenario again.');
    expect(out).toContain('The world is back at the start of "Practice builtins".');
    expect(out).toContain('Answer recorded for "The cluster IP?".');
    expect(out).toMatch(/✘ ip: The cluster IP\? \(0\/1\)\n    ✘ your answer is right\n        the answer "1\.2\.3\.4" is not right\n/);
    expect(out).toContain('Solution for "The cluster IP?":\n  answer $(kubectl get service web -o jsonpath={.spec.clusterIP})\n');
    expect(out).toContain('Practice builtins: 2/2 points (100%)');
    expect(out).toContain('Submitted.');

    const g = await cli('grade', [file, '--state-dir', state, '--format', 'json'], state);
    expect(g.stderr).toBe('');
    const j = JSON.parse(g.stdout);
    expect(j).toMatchObject({ passed: true, score: 2, maxScore: 2, submitted: true, hintsUsed: 3, hints: { svc: 3 }, solutionsSeen: ['ip'], resets: 1, replay: { matches: true } });
    expect(g.code).toBe(0);
  });
});
