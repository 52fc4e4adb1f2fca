/**
 * The shell kernel's public face: a Session and runLine. Everything else in src/shell serves runLine.
 * The edges (bin, ui, scenario runner, tests) only ever call runLine.
 */
import type { Ctx, NestedShellTarget, RunResult } from '../core/types.js';
import type { World } from '../world/world.js';

export interface HistoryEntry {
  /** ctx.wallNow when the line was run. Replaying with the same times gives the same world. */
  t: number;
  line: string;
  /** Host input the line read (file path -> contents, '-' for stdin), for exact replay by `grade`. */
  reads?: Record<string, string>;
}

export interface Session {
  world: World;
  ctx: Ctx;
  /** Nested shells (docker run -it, exec -it), innermost last. Lines go to the innermost one. */
  nested: NestedShellTarget[];
  /** The persisted command history (the `history` builtin shows it; the edge appends to it). */
  history: HistoryEntry[];
  /**
   * Extra builtins an edge adds for this session, looked up before everything else on the host shell
   * (practice adds hint, check, tasks, solution, reset, submit, answer).
   */
  builtins?: Record<string, import('../core/types.js').Program>;
}

export { runLine } from './run.js';

/**
 * True while `text` is not a complete command yet: an open heredoc (`<<EOF` without its EOF line), an open
 * quote, a trailing `\` or `|`/`&&`, or an unfinished `for/while/if` block. Line mode and the UI keep reading
 * lines (joined with '\n') until it returns false, then run the whole text as one history entry.
 */
export { needsMoreInput } from './run.js';
