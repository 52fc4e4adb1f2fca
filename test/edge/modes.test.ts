import { execa } from 'execa';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cli, removeDir, tempDir } from '../helpers/cli.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir();
  dirs.push(d);
  return d;
}
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('modes', () => {
  it('-c runs one line and exits with its status', async () => {
    const ok = await cli(['-c', 'echo hello']);
    expect(ok).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
    const bad = await cli(['-c', 'definitely-not-a-program']);
    expect(bad.code).toBe(127);
    expect(bad.stderr).toContain('k8s-drill: command not found: definitely-not-a-program');
    expect(bad.stdout).toBe('');
  });

  it('line mode prints each line output with no prompt and exits with the last status', async () => {
    const r = await cli([], { input: 'echo one\nnot-a-program\necho two\n' });
    expect(r.stdout).toBe('one\ntwo\n');
    expect(r.stderr).toContain('command not found: not-a-program');
    expect(r.code).toBe(0);
    const last = await cli([], { input: 'echo one\nnot-a-program\n' });
    expect(last.code).toBe(127);
  });

  it('line mode stops at exit', async () => {
    const r = await cli([], { input: 'echo one\nexit\necho never\n' });
    expect(r.stdout).toBe('one\n');
  });

  it('--version and --help', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const v = await cli(['--version']);
    expect(v.stdout).toBe(`k8s-drill ${pkg.version}\n`);
    const h = await cli(['--help']);
    expect(h.stdout).toContain("k8s-drill -c 'LINE'");
    expect(h.code).toBe(0);
    const u = await cli(['--bogus']);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain("unknown option '--bogus'");
  });

  it('--state-dir picks the world and keeps the history there', async () => {
    const d = dir();
    await cli(['--state-dir', d, '-c', 'echo first']);
    await cli(['--state-dir', d, '-c', 'echo second']);
    const rec = JSON.parse(readFileSync(join(d, 'state.json'), 'utf8'));
    expect(rec.history.map((h: { line: string }) => h.line)).toEqual(['echo first', 'echo second']);
    expect(rec.world.schemaVersion).toBe(1);
  });

  it('reset starts a fresh world and keeps the old one as a backup', async () => {
    const d = dir();
    await cli(['-c', 'echo before'], { stateDir: d });
    const r = await cli(['reset'], { stateDir: d });
    expect(r.code).toBe(0);
    const backups = readdirSync(d).filter((f) => f.endsWith('.bak.json'));
    expect(backups).toHaveLength(1);
    expect(r.stdout).toContain(backups[0]);
    const old = JSON.parse(readFileSync(join(d, backups[0]!), 'utf8'));
    expect(old.history[0].line).toBe('echo before');
    const fresh = JSON.parse(readFileSync(join(d, 'state.json'), 'utf8'));
    expect(fresh.history).toEqual([]);
  });
});

describe('the state file', () => {
  it('a corrupt state file is reported by name, exit 1, and left byte for byte', async () => {
    const d = dir();
    const file = join(d, 'state.json');
    const junk = '{"schemaVersion": 1, "world": {tru';
    writeFileSync(file, junk);
    const r = await cli(['-c', 'echo hi'], { stateDir: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('corrupt');
    expect(r.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(junk);
    const line = await cli([], { stateDir: d, input: 'echo hi\n' });
    expect(line.code).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(junk);
  });

  it('a state file from a newer k8s-drill is refused and kept', async () => {
    const d = dir();
    const file = join(d, 'state.json');
    const newer = JSON.stringify({ schemaVersion: 999, revision: 1, world: {}, history: [] });
    writeFileSync(file, newer);
    const r = await cli(['-c', 'echo hi'], { stateDir: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('newer k8s-drill');
    expect(r.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(newer);
  });

  it('two processes making 25 changes each at once lose none of them', async () => {
    const d = dir();
    const env = { K8S_DRILL_HOME: d, NO_COLOR: '1', K8S_DRILL_SEED: '7' };
    const script = (p: string) => Array.from({ length: 25 }, (_, i) => `kubectl create namespace ${p}-${i}`).join('\n') + '\n';
    const [a, b] = await Promise.all([
      execa(process.execPath, [BIN], { input: script('a'), env, cwd: d, reject: false }),
      execa(process.execPath, [BIN], { input: script('b'), env, cwd: d, reject: false }),
    ]);
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(0);
    const rec = JSON.parse(readFileSync(join(d, 'state.json'), 'utf8'));
    const lines: string[] = rec.history.map((h: { line: string }) => h.line);
    expect(lines).toHaveLength(50);
    for (let i = 0; i < 25; i++) {
      expect(lines).toContain(`kubectl create namespace a-${i}`);
      expect(lines).toContain(`kubectl create namespace b-${i}`);
    }
    // every change is in the world, not just in the history
    const namespaces = Object.keys(rec.world.cluster.objects.Namespace);
    for (const p of ['a', 'b']) for (let i = 0; i < 25; i++) expect(namespaces).toContain(`${p}-${i}`);
    expect(a.stdout.split('\n').filter((l) => l.endsWith(' created'))).toHaveLength(25);
    // each process's own lines stay in order
    const order = (p: string) => lines.filter((l) => l.startsWith(`kubectl create namespace ${p}-`)).map((l) => Number(l.split('-')[1]));
    expect(order('a')).toEqual([...Array(25).keys()]);
    expect(order('b')).toEqual([...Array(25).keys()]);
  });
});

describe('nested shells in line mode', () => {
  it('a REPL takes one line at a time, and exit() goes back to the host shell', async () => {
    const r = await cli([], { input: 'docker run -it python\n1+2\nexit()\necho back\n' });
    expect(r.stdout).toContain('\n3\n');
    expect(r.stdout.endsWith('back\n')).toBe(true);
    expect(r.stdout).not.toContain('NameError');
  });

  it('lines after docker run -it busybox sh go into the container until exit', async () => {
    const r = await cli([], { input: 'docker run -it --name box busybox sh\nhostname\necho inside > /tmp/f\ncat /tmp/f\nexit\ndocker ps -a --format "{{.Names}} {{.Status}}"\n' });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^[0-9a-f]{12}$/); // the container's hostname is its short id
    expect(lines).toContain('inside');
    expect(r.code).toBe(0);
    // back on the host: leaving the shell ended the container's main process
    expect(lines.at(-1)).toMatch(/^box Exited \(0\) /);
  });
});

describe('output order', () => {
  it('stdout and stderr come out in the order the commands wrote them', async () => {
    const d = dir();
    const r = await execa('sh', ['-c', `"${process.execPath}" "${BIN}" -c 'echo one; no-such-program; echo three' 2>&1`], {
      env: { K8S_DRILL_HOME: d, NO_COLOR: '1' },
      reject: false,
    });
    const lines = String(r.stdout).split('\n');
    expect(lines[0]).toBe('one');
    expect(lines[1]).toContain('command not found: no-such-program');
    expect(lines.at(-1)).toBe('three');
  });
});

describe('kubectl run -it in line mode', () => {
  it('opens a shell in the pod (stdin open keeps sh running), and exit comes back to the host', async () => {
    const r = await cli([], { input: 'kubectl run sh --image=busybox -it -- sh\nhostname\nexit\nkubectl get pod sh --no-headers -o custom-columns=S:.status.phase\n' });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('sh'); // the pod's hostname, from inside it
    expect(lines.at(-1)).toBe('Running');
    expect(r.stderr).toContain('Unable to use a TTY - input is not a terminal or the right kind of file');
    expect(r.stderr).not.toContain('container not found');
  });
});

describe('kubectl run -it --rm in line mode', () => {
  it('exit deletes the pod and says so, as kubectl run does', async () => {
    const r = await cli([], { input: 'kubectl run tmp --image=busybox -it --rm -- sh\necho inside\nexit\n' });
    expect(r.stdout).toBe('inside\npod "tmp" deleted\n');
    // no terminal: kubectl prints no "Session ended, resume using ..." line
    expect(r.stderr).not.toContain('Session ended');
  });
});
