import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

// chalk (inside ink) decides on colours when it loads: pretend to be a colour terminal first.
process.env.FORCE_COLOR = '1';
const { startInteractive, withTerminal } = await import('../../src/ui/index.js');

/** A fake terminal: stdin we type into, stdout whose frames we collect. */
function terminal(rows = 24) {
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream & PassThrough;
  Object.assign(stdin, { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin });
  let out = '';
  const stdout = new Writable({
    write(chunk, _enc, cb) {
      out += String(chunk);
      cb();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stdout, { columns: 80, rows, isTTY: true });
  const plain = () => out.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  return { stdin, stdout, out: () => out, plain };
}

const tick = (ms = 60) => new Promise((r) => setTimeout(r, ms));

/** Waits until the UI has drawn something matching (loading ink the first time can take a while). */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await tick(10);
}

describe('startInteractive (ink render into a fake terminal)', () => {
  it('shows the prompt, runs lines, colors stderr, shows the goal panel and exits on Ctrl-D', async () => {
    const t = terminal();
    let done = false;
    const ran: string[] = [];
    const p = startInteractive({
      stdin: t.stdin,
      stdout: t.stdout,
      color: true,
      banner: 'Welcome to k8s-drill\n',
      history: [],
      execute: async (text) => {
        ran.push(text);
        if (text === 'exit') return { stdout: '', stderr: '', code: 0, exit: true };
        if (text === 'kubectl create deployment web --image=nginx') done = true;
        if (text === 'nope') return { stdout: '', stderr: 'k8s-drill: command not found: nope\n', code: 127 };
        return { stdout: 'deployment.apps/web created\n', stderr: '', code: 0 };
      },
      needsMoreInput: () => false,
      prompt: () => '(minikube:default) $ ',
      complete: (_l, c) => ({ start: c, candidates: [] }),
      panel: () => ({ title: 'Task: deploy web', items: [{ label: 'a Deployment web runs nginx', done }] }),
    });
    await until(() => t.plain().includes('(minikube:default) $'));
    expect(t.plain()).toContain('Welcome to k8s-drill');
    expect(t.plain()).toContain('(minikube:default) $');
    expect(t.plain()).toContain('☐ a Deployment web runs nginx');
    expect(t.out()).toContain('\x1b[?2004h');
    t.stdin.write('kubectl create deployment web --image=nginx\r');
    await until(() => t.plain().includes('✔ a Deployment'));
    expect(ran).toEqual(['kubectl create deployment web --image=nginx']);
    expect(t.plain()).toContain('(minikube:default) $ kubectl create deployment web --image=nginx\n');
    expect(t.plain()).toContain('\ndeployment.apps/web created\n');
    expect(t.plain()).toContain('✔ a Deployment web runs nginx');
    t.stdin.write('nope\r');
    await until(() => t.out().includes('command not found'));
    expect(t.out()).toContain('\x1b[31mk8s-drill: command not found: nope\x1b[39m');
    t.stdin.write('\x04');
    expect(await p).toBe(0);
    expect(ran.at(-1)).toBe('exit');
    expect(t.out()).toContain('\x1b[?2004l');
  });

  it('folds the goal panel into one line on a short terminal, and edits the line before running it', async () => {
    const t = terminal(6);
    const ran: string[] = [];
    const p = startInteractive({
      stdin: t.stdin,
      stdout: t.stdout,
      color: false,
      history: ['kubectl get pods'],
      execute: async (text) => {
        ran.push(text);
        return text === 'exit' ? { stdout: '', stderr: '', code: 4, exit: true } : { stdout: '', stderr: 'oops\n', code: 1 };
      },
      needsMoreInput: () => false,
      prompt: () => '$ ',
      complete: (_l, c) => ({ start: c, candidates: [] }),
      panel: () => ({ title: 'Goals', items: [{ label: 'one', done: true }, { label: 'two', done: false }, { label: 'three', done: false }] }),
    });
    await until(() => t.plain().includes('Goals:'));
    expect(t.plain()).toContain('Goals: 1/3 done · next: two');
    expect(t.plain()).not.toContain('╭');
    t.stdin.write('\x1b[A -A\r');
    await until(() => t.out().includes('oops'));
    expect(ran).toEqual(['kubectl get pods -A']);
    expect(t.out()).toContain('oops\n');
    expect(t.out()).not.toContain('\x1b[31moops');
    t.stdin.write('exit\r');
    expect(await p).toBe(4);
  });

  it('lends the terminal to another program (kubectl edit) and takes it back', async () => {
    const t = terminal();
    let listenersDuring = -1;
    const p = startInteractive({
      stdin: t.stdin,
      stdout: t.stdout,
      color: false,
      history: [],
      execute: async (text) => {
        if (text === 'exit') return { stdout: '', stderr: '', code: 0, exit: true };
        const edited = await withTerminal(async () => {
          listenersDuring = t.stdin.listenerCount('data');
          return 'edited';
        });
        return { stdout: `${edited}\n`, stderr: '', code: 0 };
      },
      needsMoreInput: () => false,
      prompt: () => '$ ',
      complete: (_l, c) => ({ start: c, candidates: [] }),
    });
    await until(() => t.plain().includes('$'));
    t.stdin.write('kubectl edit deploy web\r');
    await until(() => t.plain().includes('edited'));
    expect(listenersDuring).toBe(0);
    expect(t.stdin.listenerCount('data')).toBe(1);
    expect(t.plain()).toContain('edited\n');
    t.stdin.write('exit\r');
    expect(await p).toBe(0);
    expect(await withTerminal(() => 7)).toBe(7);
  });
});
