/**
 * The contracts every part of k8s-drill meets. Read this file before touching any module.
 *
 * A command line is a function of (world, line, ctx) -> (world', stdout, stderr, code).
 * - The world is plain JSON data (see src/world/world.ts). Programs mutate the world they are given IN PLACE
 *   (copying 100,000 pods per command is too slow); the edge that owns the world keeps a clone when it needs the
 *   old one (goal checks run on a clone). A program that fails MUST validate before it mutates, so a failing
 *   command leaves the world exactly as it was.
 * - Nothing below the edge touches the real disk, the terminal, process.env or the wall clock: all of it comes
 *   through Ctx. The one exception is the interactive `$EDITOR` for `kubectl edit`, which goes through ctx.host.
 */
import type { World } from '../world/world.js';

/**
 * A filesystem as programs see it. The edge gives the learner's real files (real disk, or an in-memory fake in
 * tests); the container runtime gives a container's layered filesystem through the same interface.
 */
export interface HostFs {
  /** Absolute path of the working folder. Relative paths are resolved against it. */
  cwd: string;
  /** File contents as UTF-8, or null if it does not exist / is a directory. */
  readFile(path: string): string | null;
  /** Binary-safe read (docker build context); null if missing. */
  readFileBytes?(path: string): Uint8Array | null;
  /** Writes (or appends to) a file, creating parent folders. Returns an error message or null. */
  writeFile(path: string, content: string, append?: boolean): string | null;
  stat(path: string): { type: 'file' | 'dir'; size: number; mtimeMs: number } | null;
  /** Entry names of a folder (no . and ..), or null if not a folder. */
  readdir(path: string): string[] | null;
  /** Resolve a path against cwd (no disk access). */
  resolve(path: string): string;
  /** Creates a folder (with parents when asked). Returns an error message or null. Containers always have it. */
  mkdir?(path: string, parents?: boolean): string | null;
  /** Removes a file or (recursive) folder. Returns an error message or null. Containers always have it. */
  remove?(path: string, recursive?: boolean): string | null;
}

/** What the edge gives every command. */
export interface Ctx {
  /** Wall-clock time in ms since the epoch, as the edge sees it (fixed in tests, grade and test). */
  wallNow: number;
  host: HostFs;
  /** True when stdout is a terminal (pull progress animates, `-it` allowed without "the input device is not a TTY"). */
  tty: boolean;
  /** True inside the ink UI. */
  interactive: boolean;
  /** Reads the next line of input (a y/N answer, a `docker init` answer); null at end of input. */
  readLine(prompt: string): Promise<string | null>;
  /** Launches $EDITOR on a file (interactive only); returns the new contents or null when not possible. */
  editFile?(content: string, suffix: string): Promise<string | null>;
}

/** The I/O a program sees while it runs. */
export interface IO {
  world: World;
  ctx: Ctx;
  /**
   * The filesystem this program sees: the learner's real files (ctx.host, cwd = the shell's cwd) for host
   * programs, the container's layered filesystem for programs running inside a container or pod.
   */
  fs: HostFs;
  /** Everything piped into the program (or a heredoc), '' when nothing. */
  stdin: string;
  /** Is stdin a real pipe/heredoc (as opposed to nothing)? */
  stdinIsPipe: boolean;
  /** Shell variables visible to the program (exported ones). */
  env: Record<string, string>;
  out(text: string): void;
  err(text: string): void;
  /** Simulated "now" in ms: ctx.wallNow + world.clock.offsetMs. */
  now(): number;
  /** Lets simulated time pass (sleep, rollout status, wait, docker stop grace): moves the world clock and settles. */
  advance(ms: number): void;
  /** Opens a nested shell (docker run -it / docker exec -it / kubectl exec -it): following lines go there. */
  enterShell(target: NestedShellTarget): void;
  /** Run a whole shell line from inside a program (xargs, watch). Output goes to this program's out/err. */
  runLine(line: string): Promise<number>;
}

/** A program: docker, kubectl, grep ... Returns its exit code. */
export type Program = (argv: string[], io: IO) => number | Promise<number>;

/** A nested shell the line loop routes lines to until `exit`. Plain data, so the edge can keep it. */
export interface NestedShellTarget {
  kind: 'docker' | 'pod';
  /** container id (docker) or pod name (pod) */
  id: string;
  namespace?: string;
  container?: string;
  user?: string;
  workdir?: string;
  env?: Record<string, string>;
  /** Prompt shown in interactive mode: `/ # ` for busybox/alpine, `root@<hostname>:/# ` for debian-based. */
  prompt: string;
  /**
   * What `exit` does: for `docker run -it IMG sh` the container stops; for exec it does not; for `kubectl run -it`
   * kubectl says how to resume (`resume`), or deletes the pod with --rm (`delete-pod`).
   */
  onExit?: 'stop-container' | 'delete-pod' | 'resume' | 'none';
  /** A REPL instead of a shell (`docker run -it node` / `python`, `docker exec -it CTR redis-cli`): lines go to it. */
  repl?: 'node' | 'python' | 'redis-cli';
}

/** What one line produced. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
  /** Set when the line asked to leave the (nested) shell. */
  exit?: boolean;
  /** Set by `clear`. */
  clear?: boolean;
  /** stdout and stderr pieces in the order they were written, when known (a terminal shows them interleaved). */
  output?: { fd: 1 | 2; text: string }[];
}
