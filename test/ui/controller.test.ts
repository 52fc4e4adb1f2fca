import { describe, expect, it } from 'vitest';
import { ShellController, type ControllerOptions, type ExecResult } from '../../src/ui/controller.js';

function setup(over: Partial<ControllerOptions> = {}) {
  const ran: string[] = [];
  let ns = 'default';
  const opts: ControllerOptions = {
    execute: async (text) => {
      ran.push(text);
      await new Promise((r) => setTimeout(r, 5));
      if (text === 'exit') return { stdout: '', stderr: '', code: 3, exit: true };
      if (text.startsWith('ns ')) ns = text.slice(3);
      if (text === 'fail') return { stdout: '', stderr: 'boom\n', code: 1 };
      return { stdout: `ran:${text}\n`, stderr: '', code: 0 };
    },
    needsMoreInput: (t) => /<<EOF/.test(t) && !/\nEOF$/.test(t),
    prompt: () => `(minikube:${ns}) $ `,
    complete: (line, cursor) => {
      const start = line.lastIndexOf(' ', cursor - 1) + 1;
      const word = line.slice(start, cursor);
      return { start, candidates: ['web-1', 'web-2', 'kubectl'].filter((c) => c.startsWith(word)) };
    },
    history: ['old one'],
    ...over,
  };
  const c = new ShellController(opts);
  const texts = () => c.getSnapshot().items.map((i) => `${i.kind}:${i.text}`);
  return { c, ran, texts };
}

describe('ShellController', () => {
  it('runs a typed line, echoes it after the prompt and prints its output', async () => {
    const { c, ran, texts } = setup();
    c.feed('echo hi\r');
    await c.idle();
    expect(ran).toEqual(['echo hi']);
    expect(texts()).toEqual(['echo:(minikube:default) $ echo hi', 'out:ran:echo hi\n']);
    c.feed('fail\r');
    await c.idle();
    expect(texts().at(-1)).toBe('err:boom\n');
  });

  it('prints an error the edge throws (a state file it cannot read) and keeps going', async () => {
    const { c, texts } = setup({
      execute: async () => {
        throw new Error('k8s-drill: the state file /s/state.json is corrupt (Unexpected token); it was left as it is.');
      },
    });
    c.feed('kubectl get pods\r');
    await c.idle();
    expect(texts().at(-1)).toBe('err:k8s-drill: the state file /s/state.json is corrupt (Unexpected token); it was left as it is.\n');
    expect(c.getSnapshot().busy).toBe(false);
  });

  it('recomputes the prompt after every line', async () => {
    const { c } = setup();
    c.feed('ns kube-system\r');
    await c.idle();
    expect(c.getSnapshot().prompt).toBe('(minikube:kube-system) $ ');
  });

  it('keeps reading with a > prompt while input is open, and runs it as one text', async () => {
    const { c, ran, texts } = setup();
    c.feed('cat <<EOF\r');
    await c.idle();
    expect(c.getSnapshot().prompt).toBe('> ');
    c.feed('hello\rEOF\r');
    await c.idle();
    expect(ran).toEqual(['cat <<EOF\nhello\nEOF']);
    expect(texts().slice(0, 3)).toEqual(['echo:(minikube:default) $ cat <<EOF', 'echo:> hello', 'echo:> EOF']);
    c.feed('\x1b[A');
    await c.idle();
    expect(c.getSnapshot().editor.buffer).toBe('cat <<EOF\nhello\nEOF');
  });

  it('Ctrl-C prints ^C, clears the line and cancels an open multi-line input', async () => {
    const { c, ran, texts } = setup();
    c.feed('cat <<EOF\rabc\x03');
    await c.idle();
    expect(texts().at(-1)).toBe('echo:> abc^C');
    expect(c.getSnapshot().prompt).toBe('(minikube:default) $ ');
    expect(c.getSnapshot().editor.buffer).toBe('');
    c.feed('echo ok\r');
    await c.idle();
    expect(ran).toEqual(['echo ok']);
  });

  it('runs pasted lines one by one, in order, and keeps type-ahead', async () => {
    const { c, ran } = setup();
    c.feed('one\rtwo\rthree\r');
    await c.idle();
    expect(ran).toEqual(['one', 'two', 'three']);
    expect(c.getSnapshot().editor.history).toEqual(['old one', 'one', 'two', 'three']);
  });

  it('Ctrl-D on an empty line runs exit and resolves with its code; on a non-empty line it deletes', async () => {
    const { c, ran } = setup();
    c.feed('ab\x01\x04');
    await c.idle();
    expect(c.getSnapshot().editor.buffer).toBe('b');
    c.feed('\x05\x15\x04');
    expect(await c.finished).toBe(3);
    expect(ran).toEqual(['exit']);
    expect(c.getSnapshot().done).toBe(true);
  });

  it('Ctrl-D on the host shell ends with the last status without running exit, when the edge says so', async () => {
    const { c, ran, texts } = setup({ atTopLevel: () => true });
    c.feed('fail\r');
    await c.idle();
    c.feed('\x04');
    expect(await c.finished).toBe(1);
    expect(ran).toEqual(['fail']);
    expect(texts().at(-1)).toBe('echo:(minikube:default) $ exit');
  });

  it('answers a command prompt (y/N) through the editor', async () => {
    let answer: string | null | undefined;
    const { c, texts } = setup({
      execute: async (_t, ask) => {
        answer = await ask('Are you sure you want to continue? [y/N] ');
        return { stdout: 'done\n', stderr: '', code: 0 };
      },
    });
    c.feed('docker system prune\r');
    await new Promise((r) => setTimeout(r, 10));
    expect(c.getSnapshot().prompt).toBe('Are you sure you want to continue? [y/N] ');
    expect(c.getSnapshot().busy).toBe(false);
    c.feed('y\r');
    await c.idle();
    expect(answer).toBe('y');
    expect(texts()).toContain('echo:Are you sure you want to continue? [y/N] y');
  });

  it('completes with Tab: common prefix first, then a list', async () => {
    const { c, texts } = setup();
    c.feed('kubectl logs w\t');
    await c.idle();
    expect(c.getSnapshot().editor.buffer).toBe('kubectl logs web-');
    c.feed('\t');
    await c.idle();
    expect(texts().slice(-2)).toEqual(['echo:(minikube:default) $ kubectl logs web-', 'out:web-1  web-2\n']);
    c.feed('1\x15kub\t');
    await c.idle();
    expect(c.getSnapshot().editor.buffer).toBe('kubectl ');
  });

  it('runs the Ctrl-R match on Enter', async () => {
    const { c, ran } = setup({ history: ['kubectl get pods -A', 'docker ps'] });
    c.feed('\x12get\r');
    await c.idle();
    expect(ran).toEqual(['kubectl get pods -A']);
    c.feed('\x12zzz\x03');
    await c.idle();
    expect(c.getSnapshot().editor.search).toBeNull();
    expect(c.getSnapshot().items.at(-1)?.text).toBe("(failed reverse-i-search)`zzz': ^C");
  });

  it('recomputes the goal panel after every line', async () => {
    let done = false;
    const { c } = setup({ panel: () => ({ title: 'Goals', items: [{ label: 'run web', done }] }) });
    expect(c.getSnapshot().panel?.items[0]?.done).toBe(false);
    done = true;
    c.feed('x\r');
    await c.idle();
    expect(c.getSnapshot().panel?.items[0]?.done).toBe(true);
  });

  it('counts Ctrl-L and `clear` results so the view clears the screen', async () => {
    const { c } = setup({ execute: async (): Promise<ExecResult> => ({ stdout: '', stderr: '', code: 0, clear: true }) });
    c.feed('\x0c');
    await c.idle();
    expect(c.getSnapshot().clearCount).toBe(1);
    c.feed('clear\r');
    await c.idle();
    expect(c.getSnapshot().clearCount).toBe(2);
  });
});
