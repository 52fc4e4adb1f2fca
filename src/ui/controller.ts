/**
 * The interactive shell's behaviour without the view: it takes raw terminal input, keeps the line editor,
 * runs complete lines through the edge's `execute`, and collects finished output for the view to print once.
 * No ink here, so it is tested directly.
 */
import { acceptSearch, applyCompletion, commit, decode, formatColumns, newDecodeState, newEditor, reduce, resetLine, searchLine, type EditorState, type Key } from './editor.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr pieces in the order they were written. */
  output?: { fd: 1 | 2; text: string }[];
  code: number;
  exit?: boolean;
  clear?: boolean;
}

export interface PanelData {
  title: string;
  items: { label: string; done: boolean; indent?: number }[];
}

export interface ControllerOptions {
  execute(text: string, ask: (prompt: string) => Promise<string | null>): Promise<ExecResult>;
  needsMoreInput(text: string): boolean;
  prompt(): string;
  complete(line: string, cursor: number): { start: number; candidates: string[] };
  history: string[];
  banner?: string;
  panel?(): PanelData | null;
  /** True when no nested (container) shell is open: Ctrl-D then ends the session without running `exit`. */
  atTopLevel?(): boolean;
}

/** A finished piece of output, printed once above the live prompt. */
export interface OutputItem {
  id: number;
  /** `clear` wipes the screen (Ctrl-L, the `clear` builtin) at its place in the output. */
  kind: 'echo' | 'out' | 'err' | 'clear';
  text: string;
}

/** Items kept for the view; older ones have long been printed. */
const KEEP_ITEMS = 500;

export interface ViewState {
  items: OutputItem[];
  prompt: string;
  editor: EditorState;
  /** A line is running: the prompt is hidden. */
  busy: boolean;
  panel: PanelData | null;
  /** Bumped on Ctrl-L / `clear`: the view clears the screen. */
  clearCount: number;
  done: boolean;
}

export class ShellController {
  private items: OutputItem[] = [];
  private nextId = 1;
  private editor: EditorState;
  private decodeState = newDecodeState();
  private queue: Key[] = [];
  private processing = false;
  /** Lines of a multi-line input so far (open heredoc/quote/block). */
  private pending: string[] = [];
  private promptText: string;
  private busy = false;
  private asking: { prompt: string; resolve: (s: string | null) => void } | null = null;
  private panel: PanelData | null;
  private clearCount = 0;
  private lastCode = 0;
  private done = false;
  private listeners = new Set<() => void>();
  private snapshot: ViewState;
  /** Resolves with the exit code. */
  readonly finished: Promise<number>;
  private finish!: (code: number) => void;
  /** Terminal width for completion lists. */
  width = 80;
  /** Rings the bell (no candidates). */
  bell: () => void = () => {};

  constructor(private readonly opts: ControllerOptions) {
    this.editor = newEditor([...opts.history]);
    this.promptText = this.safePrompt();
    this.panel = this.safePanel();
    if (opts.banner) this.print('out', opts.banner);
    this.finished = new Promise((res) => (this.finish = res));
    this.snapshot = this.makeSnapshot();
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): ViewState => this.snapshot;

  private makeSnapshot(): ViewState {
    return {
      items: this.items,
      prompt: this.asking ? this.asking.prompt : this.promptText,
      editor: this.editor,
      busy: this.busy && !this.asking,
      panel: this.panel,
      clearCount: this.clearCount,
      done: this.done,
    };
  }

  private emit(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }

  private safePrompt(): string {
    try {
      return this.opts.prompt();
    } catch {
      return '$ ';
    }
  }

  private safePanel(): PanelData | null {
    try {
      return this.opts.panel?.() ?? null;
    } catch {
      return null;
    }
  }

  private print(kind: OutputItem['kind'], text: string): void {
    if (!text && kind !== 'clear') return;
    const items = this.items.length >= KEEP_ITEMS ? this.items.slice(-(KEEP_ITEMS - 1)) : this.items;
    this.items = [...items, { id: this.nextId++, kind, text }];
  }

  /** Asks the view to draw again (after the terminal was lent to another program). */
  refresh(): void {
    this.snapshot = { ...this.makeSnapshot() };
    for (const l of this.listeners) l();
  }

  /** Raw terminal input (one `data` chunk). */
  feed(chunk: string): void {
    this.queue.push(...decode(this.decodeState, chunk));
    void this.drain();
  }

  /** Feeds already decoded keys (tests). */
  feedKeys(keys: Key[]): void {
    this.queue.push(...keys);
    void this.drain();
  }

  /** Processes queued keys in order; keys typed while a line runs wait (type-ahead), unless a prompt asks. */
  private async drain(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length && !this.done) {
        if (this.busy && !this.asking) break;
        const key = this.queue.shift()!;
        this.handle(key);
        this.emit();
      }
    } finally {
      this.processing = false;
    }
  }

  /** Resolves once the controller is idle (no line running, no keys waiting): for tests. */
  async idle(): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      await new Promise((r) => setTimeout(r, 1));
      if (!this.busy && !this.processing && (this.queue.length === 0 || this.done)) return;
    }
  }

  private handle(key: Key): void {
    const shown = this.asking ? this.asking.prompt : this.promptText;
    if (this.editor.search) {
      if (key.type === 'ctrl-c') {
        this.print('echo', searchLine(this.editor).text + '^C');
        this.editor = resetLine(this.editor);
        this.pending = [];
        this.promptText = this.safePrompt();
        return;
      }
      if (key.type === 'enter' || key.type === 'tab' || key.type === 'ctrl-d') this.editor = acceptSearch(this.editor);
      if (key.type === 'ctrl-d') return;
    }
    switch (key.type) {
      case 'enter': {
        const line = this.editor.buffer;
        this.print('echo', shown + line);
        if (this.asking) {
          const a = this.asking;
          this.asking = null;
          this.editor = resetLine(this.editor);
          a.resolve(line);
          return;
        }
        // A recalled multi-line entry contains newlines already: it is complete as it stands.
        this.pending.push(line);
        const text = this.pending.join('\n');
        let more = false;
        try {
          more = this.opts.needsMoreInput(text);
        } catch {
          more = false;
        }
        if (more) {
          this.editor = resetLine(this.editor);
          this.promptText = '> ';
          return;
        }
        this.pending = [];
        this.editor = text.trim() ? commit(this.editor, text) : resetLine(this.editor);
        if (!text.trim()) {
          this.promptText = this.safePrompt();
          return;
        }
        this.run(text);
        return;
      }
      case 'ctrl-c': {
        this.print('echo', shown + this.editor.buffer + '^C');
        this.editor = resetLine(this.editor);
        if (this.asking) {
          const a = this.asking;
          this.asking = null;
          a.resolve(null);
          return;
        }
        this.pending = [];
        this.lastCode = 130;
        this.promptText = this.safePrompt();
        return;
      }
      case 'ctrl-d': {
        if (this.editor.buffer) {
          this.editor = reduce(this.editor, { type: 'delete' });
          return;
        }
        if (this.asking) {
          const a = this.asking;
          this.asking = null;
          this.print('echo', shown);
          a.resolve(null);
          return;
        }
        if (this.pending.length) {
          // bash: "unexpected EOF"; we drop the unfinished input and show a fresh prompt.
          this.print('echo', shown);
          this.pending = [];
          this.promptText = this.safePrompt();
          return;
        }
        // Ctrl-D on an empty line leaves the current shell, as bash prints it: `exit`. On the host shell the session
        // ends with the last status (nothing is run, so nothing lands in the history); a nested shell runs `exit`.
        this.print('echo', shown + 'exit');
        let top = false;
        try {
          top = this.opts.atTopLevel?.() ?? false;
        } catch {
          top = false;
        }
        if (top) {
          this.done = true;
          this.finish(this.lastCode);
          return;
        }
        this.run('exit');
        return;
      }
      case 'ctrl-l':
        this.clearCount++;
        this.print('clear', '');
        return;
      case 'tab': {
        if (this.asking) return;
        const b = this.editor.buffer;
        const c = this.editor.cursor;
        // Complete within the current physical line of a (recalled) multi-line buffer.
        const lineStart = b.lastIndexOf('\n', c - 1) + 1;
        let res: { start: number; candidates: string[] };
        try {
          res = this.opts.complete(b.slice(lineStart, c), c - lineStart);
        } catch {
          res = { start: c - lineStart, candidates: [] };
        }
        const out = applyCompletion(this.editor, lineStart + res.start, res.candidates);
        if (!res.candidates.length) this.bell();
        this.editor = out.state;
        if (out.list) {
          this.print('echo', shown + b);
          this.print('out', formatColumns(out.list, this.width));
        }
        return;
      }
      default:
        if ((key.type === 'up' || key.type === 'down' || key.type === 'ctrl-r') && this.asking) return;
        this.editor = reduce(this.editor, key);
    }
  }

  private run(text: string): void {
    this.busy = true;
    const ask = (prompt: string): Promise<string | null> =>
      new Promise((resolve) => {
        this.asking = { prompt, resolve: (s) => { resolve(s); this.emit(); } };
        this.emit();
        void this.drain();
      });
    (async () => {
      let r: ExecResult;
      try {
        r = await this.opts.execute(text, ask);
      } catch (e) {
        // The edge's own errors (a state file it cannot read or write) already say what happened.
        const msg = (e as Error)?.message ?? String(e);
        r = { stdout: '', stderr: msg.startsWith('k8s-drill: ') ? `${msg}\n` : `k8s-drill: internal error: ${msg}\n`, code: 1 };
      }
      this.asking = null;
      if (r.clear) {
        this.clearCount++;
        this.print('clear', '');
      }
      if (r.output) for (const o of r.output) this.print(o.fd === 1 ? 'out' : 'err', o.text);
      else {
        this.print('out', r.stdout);
        this.print('err', r.stderr);
      }
      this.lastCode = r.code;
      this.busy = false;
      if (r.exit) {
        this.done = true;
        this.emit();
        this.finish(r.code);
        return;
      }
      this.promptText = this.safePrompt();
      this.panel = this.safePanel();
      this.emit();
      void this.drain();
    })();
  }

  /** Ends the session from outside (stdin closed). */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.emit();
    this.finish(this.lastCode);
  }
}
