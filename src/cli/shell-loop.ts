/**
 * The shell loop over a state dir: line mode (stdin is not a terminal), one line (-c), or the interactive UI.
 * The scenario runner's `practice` uses the same loop with its own builtins and goal panel.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Program, RunResult } from '../core/types.js';
import { needsMoreInput } from '../shell/session.js';
import { StoreError } from '../store/store.js';
import { loadReconcilers } from '../world/sim.js';
import { Edge } from './edge.js';

/** Lines from a stream, one at a time, shared by the main loop and prompts (y/N answers come from the next line). */
export class LineSource {
  private queue: string[] = [];
  private waiting: ((l: string | null) => void) | null = null;
  private ended = false;
  private started = false;

  constructor(private readonly input: NodeJS.ReadableStream) {}

  private async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // Loaded on first use: a one-shot -c that asks nothing never pays for readline.
    const { createInterface } = await import('node:readline');
    const rl = createInterface({ input: this.input, crlfDelay: Infinity, terminal: false });
    rl.on('line', (l) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(l);
      } else this.queue.push(l);
    });
    rl.on('close', () => {
      this.ended = true;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(null);
      }
    });
  }

  async next(): Promise<string | null> {
    await this.start();
    if (this.queue.length) return Promise.resolve(this.queue.shift()!);
    if (this.ended) return Promise.resolve(null);
    return new Promise((res) => (this.waiting = res));
  }
}

export interface ShellLoopOptions {
  stateDir: string;
  cwd?: string;
  color: boolean;
  builtins?: Record<string, Program>;
  panel?: () => { title: string; items: { label: string; done: boolean; indent?: number }[] } | null;
  banner?: string;
  /** Run just this text (-c) instead of reading lines. */
  command?: string;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
}

/** Shell syntax decides when a line is complete, except inside a REPL (node, python, redis-cli): one line each. */
function lineNeedsMore(edge: Edge, text: string): boolean {
  if (edge.session.nested.at(-1)?.repl) return false;
  return needsMoreInput(text);
}

function write(stream: NodeJS.WritableStream, text: string): void {
  if (text) stream.write(text);
}

/** A line's output: stdout and stderr in the order the commands wrote them. */
function writeResult(r: RunResult, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  if (r.output) for (const o of r.output) write(o.fd === 1 ? stdout : stderr, o.text);
  else {
    write(stdout, r.stdout);
    write(stderr, r.stderr);
  }
}

/** Runs the loop; resolves with the process exit code. Never throws for a StoreError: prints it, exit 1. */
export async function runShellLoop(opts: ShellLoopOptions): Promise<number> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const lines = new LineSource(stdin);
  const interactive = opts.command === undefined && !!stdin.isTTY && !!(stdout as { isTTY?: boolean }).isTTY;
  const edge = new Edge({
    stateDir: opts.stateDir,
    cwd: opts.cwd ?? process.cwd(),
    tty: !!(stdout as { isTTY?: boolean }).isTTY,
    interactive,
    builtins: opts.builtins,
    readLine: async (prompt) => {
      write(stdout, prompt);
      return lines.next();
    },
  });
  try {
    await edge.load(); // report a corrupt state file before anything runs
    if (opts.command !== undefined) {
      const r = await edge.run(opts.command);
      writeResult(r, stdout, stderr);
      return r.code;
    }
    if (interactive) return await runInteractive(edge, opts);
    return await runLines(edge, lines, stdout, stderr, opts);
  } catch (e) {
    if (e instanceof StoreError) {
      write(stderr, e.message + '\n');
      return 1;
    }
    throw e;
  }
}

async function runLines(
  edge: Edge,
  lines: LineSource,
  stdout: NodeJS.WritableStream,
  stderr: NodeJS.WritableStream,
  opts: ShellLoopOptions,
): Promise<number> {
  let code = 0;
  if (opts.banner) write(stdout, opts.banner);
  for (;;) {
    let text = await lines.next();
    if (text === null) break;
    while (lineNeedsMore(edge, text)) {
      const more = await lines.next();
      if (more === null) break;
      text += '\n' + more;
    }
    if (!text.trim()) continue;
    const r = await edge.run(text);
    writeResult(r, stdout, stderr);
    code = r.code;
    if (r.exit) break;
  }
  return code;
}

async function runInteractive(edge: Edge, opts: ShellLoopOptions): Promise<number> {
  // Completion settles a copy of the world: it needs the controllers.
  await loadReconcilers();
  const [{ startInteractive, withTerminal }, { promptFor }, { completeLine }] = await Promise.all([
    import('../ui/index.js'),
    import('../ui/prompt.js'),
    import('../ui/complete.js'),
  ]);
  let ask: ((prompt: string) => Promise<string | null>) | null = null;
  // Prompts inside commands (y/N) go through the UI while it runs a line.
  (edge.ctx as { readLine: (p: string) => Promise<string | null> }).readLine = (p) => (ask ? ask(p) : Promise.resolve(null));
  // kubectl edit: the one host process k8s-drill ever starts, and only here, on a terminal.
  const { spawnSync } = await import('node:child_process');
  edge.ctx.editFile = (content, suffix) => withTerminal(() => editWithEditor(spawnSync, content, suffix));
  return startInteractive({
    execute: async (text, a) => {
      ask = a;
      try {
        return await edge.run(text);
      } finally {
        ask = null;
      }
    },
    needsMoreInput: (text) => lineNeedsMore(edge, text),
    prompt: () => promptFor(edge.current().world, edge.session.nested),
    complete: (line, cursor) => completeLine(edge.current().world, line, cursor, { fs: edge.ctx.host, nested: edge.session.nested }),
    atTopLevel: () => edge.session.nested.length === 0,
    history: edge.current().history.map((h) => h.line),
    color: opts.color,
    banner: opts.banner,
    panel: opts.panel,
  });
}

/** Opens $EDITOR (then $VISUAL, then vi) on a temp file and returns what was saved, or null if it failed. */
function editWithEditor(spawnSync: typeof import('node:child_process').spawnSync, content: string, suffix: string): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-drill-edit-'));
  const file = join(dir, `edit${suffix}`);
  try {
    writeFileSync(file, content);
    const editor = process.env.KUBE_EDITOR || process.env.EDITOR || process.env.VISUAL || 'vi';
    const r = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    if (r.status !== 0) return null;
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
