/**
 * The built bin on a real pseudo-terminal (util-linux `script`), as a learner starts it: interactive mode, the
 * prompt, completion of a pod name from the world, history across two sessions, Ctrl-C and Ctrl-D.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, removeDir, tempDir } from '../helpers/cli.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

interface Tty {
  type(keys: string): void;
  screen(): string;
  /** Waits for text in the output written since `mark()` (default: all of it). */
  waitFor(text: string | RegExp, from?: number): Promise<void>;
  mark(): number;
  exit: Promise<number>;
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

function startTty(stateDir: string): Tty {
  const cmd = `stty cols 100 rows 30; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --state-dir ${JSON.stringify(stateDir)}`;
  const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
    cwd: stateDir,
    env: { ...process.env, K8S_DRILL_SEED: '42', NO_COLOR: '1', TERM: 'xterm-256color' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exit = new Promise<number>((res) => child.on('exit', (code) => res(code ?? -1)));
  return {
    type: (keys) => void child.stdin.write(keys),
    screen: () => plain(out),
    mark: () => out.length,
    async waitFor(text, from = 0) {
      const end = Date.now() + 15_000;
      const hit = () => (typeof text === 'string' ? plain(out.slice(from)).includes(text) : text.test(plain(out.slice(from))));
      while (!hit()) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${String(text)}; screen:\n${plain(out)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    exit,
  };
}

describe.skipIf(!hasScript || !existsSync(new URL('../../dist/core.cjs', import.meta.url)))('interactive shell on a terminal', () => {
  it('prompt, pod-name completion, Ctrl-C, Ctrl-D, history across sessions', async () => {
    const dir = tempDir();
    try {
      const a = startTty(dir);
      await a.waitFor('(minikube:default) $');
      a.type('kubectl create deployment web --image=nginx --replicas=2\r');
      await a.waitFor('deployment.apps/web created');
      // Two pods web-<hash>-<id>: Tab inserts their common prefix.
      a.type('kubectl get pods w\t');
      await a.waitFor(/kubectl get pods web-[a-z0-9]+-/);
      a.type('\x03');
      await a.waitFor(/kubectl get pods web-[a-z0-9]+-\^C/);
      a.type('echo marker-one\r');
      await a.waitFor('\nmarker-one\n');
      expect(a.screen().match(/^marker-one$/gm)).toHaveLength(1);
      a.type('\x04');
      expect(await a.exit).toBe(0);

      const b = startTty(dir);
      await b.waitFor('(minikube:default) $');
      // The first session's lines are in this one's history: find one with Ctrl-R and run it again.
      b.type('\x12marker');
      await b.waitFor("(reverse-i-search)`marker': echo marker-one");
      let m = b.mark();
      b.type('\r');
      await b.waitFor(/^marker-one$/m, m);
      m = b.mark();
      b.type('\x1b[A');
      await b.waitFor('(minikube:default) $ echo marker-one', m);
      b.type('\x15exit 3\r');
      expect(await b.exit).toBe(3);
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});
