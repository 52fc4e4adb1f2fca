/**
 * The interactive shell (ink + react). Loaded only for interactive use: the edge does
 * `await import('../ui/index.js')` when stdin and stdout are terminals. Nothing outside src/ui imports it statically.
 */
import { createElement } from 'react';
import { ShellController } from './controller.js';

/**
 * Loads ink (and the view) with CI / CONTINUOUS_INTEGRATION hidden: ink decides once, when it loads, that in CI it
 * draws only the final frame, which would leave a learner whose environment sets CI=true without a prompt.
 */
async function loadView(): Promise<{ render: typeof import('ink').render; App: typeof import('./app.js').App }> {
  const saved: Record<string, string | undefined> = {};
  for (const k of ['CI', 'CONTINUOUS_INTEGRATION']) {
    if (k in process.env) {
      saved[k] = process.env[k];
      delete process.env[k];
    }
  }
  try {
    const [{ render }, { App }] = await Promise.all([import('ink'), import('./app.js')]);
    return { render, App };
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
}

export interface InteractiveOptions {
  /** Runs one complete logical line (the edge locks, loads, runs, saves). `ask` lets a command read a line (y/N prompts, docker init questions) through the UI. */
  execute(text: string, ask: (prompt: string) => Promise<string | null>): Promise<{ stdout: string; stderr: string; code: number; exit?: boolean; clear?: boolean }>;
  /** True while text needs more lines (open heredoc/quote/block): keep reading with a `> ` continuation prompt. */
  needsMoreInput(text: string): boolean;
  /** The prompt to show now: `/ # ` inside a busybox container shell, otherwise e.g. `(minikube:default) $ `. Recomputed after every line. */
  prompt(): string;
  /** Completion candidates for the line up to the cursor: returns the word start index and the candidates. */
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  /** Earlier lines, oldest first (persisted by the edge across sessions). New lines are added by the UI to its own copy. */
  history: string[];
  color: boolean;
  banner?: string;
  /** Goal checklist for `k8s-drill practice` (recomputed after every line); null hides the panel. */
  panel?(): { title: string; items: { label: string; done: boolean; indent?: number }[] } | null;
  /** Optional: true when no nested (container) shell is open. Then Ctrl-D ends the session with the last status
   * without running (and recording) `exit`; without it Ctrl-D runs `exit`. */
  atTopLevel?(): boolean;
  /** Streams (tests); default process.stdin / process.stdout. */
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}

const PASTE_ON = '\x1b[?2004h';
const PASTE_OFF = '\x1b[?2004l';

/** The running UI's hold on the terminal, so a command can hand the terminal to another program for a while. */
let active: { suspend(): void; resume(): void } | null = null;

/**
 * Lends the terminal to `fn` (the edge's $EDITOR for `kubectl edit`): the UI stops reading keys, leaves raw mode
 * and erases its live area, then takes the terminal back. Outside the interactive UI it just runs `fn`.
 */
export async function withTerminal<T>(fn: () => Promise<T> | T): Promise<T> {
  const a = active;
  if (!a) return fn();
  a.suspend();
  try {
    return await fn();
  } finally {
    a.resume();
  }
}

/** Runs the interactive shell; resolves with the exit code on `exit` / Ctrl-D. */
export async function startInteractive(opts: InteractiveOptions): Promise<number> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const { render, App } = await loadView();
  const controller = new ShellController(opts);
  controller.width = stdout.columns || 80;
  controller.bell = () => void stdout.write('\x07');

  const raw = typeof stdin.setRawMode === 'function' && stdin.isTTY;
  if (raw) stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const onData = (chunk: string | Buffer) => controller.feed(String(chunk));
  const onEnd = () => controller.end();
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.resume();
  if (stdout.isTTY) stdout.write(PASTE_ON);

  const instance = render(createElement(App, { controller, color: opts.color }), {
    stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
  });

  const restore = () => {
    if (stdout.isTTY) stdout.write(PASTE_OFF);
    if (raw) {
      try {
        stdin.setRawMode(false);
      } catch {
        /* terminal already gone */
      }
    }
  };
  active = {
    suspend: () => {
      stdin.off('data', onData);
      instance.clear();
      restore();
      stdin.pause();
    },
    resume: () => {
      if (raw) stdin.setRawMode(true);
      if (stdout.isTTY) stdout.write(PASTE_ON);
      stdin.on('data', onData);
      stdin.resume();
      controller.refresh();
    },
  };
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  try {
    const code = await controller.finished;
    // Let ink print the last output before it unmounts.
    await new Promise((r) => setTimeout(r, 40));
    return code;
  } finally {
    active = null;
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
    // ink ends its last (empty) frame with a newline: step back onto that line, as a shell leaves the cursor.
    if (stdout.isTTY) stdout.write('\x1b[1A');
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.pause();
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
