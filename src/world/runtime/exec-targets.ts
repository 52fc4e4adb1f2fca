/**
 * Where nested shells go: the docker engine and the cluster register how to open their targets. Kept free of heavy
 * imports so registrants can load it at start-up without import cycles (the shell's runner lives in nested.ts).
 */
import type { Ctx, HostFs, NestedShellTarget } from '../../core/types.js';
import type { World } from '../world.js';
import type { ResolvedImage } from './images.js';
import type { Flavor } from './osfs.js';
import type { NetFrom } from './net.js';

/** Everything a shell inside a container needs. */
export interface ExecContext {
  /** The container's filesystem (layered: image + writable layer + mounts). */
  fs: HostFs;
  /** Environment of the exec'd process: image Env + container env (+ -e), with HOSTNAME, HOME, PATH. */
  env: Record<string, string>;
  hostname: string;
  flavor: Flavor;
  image: ResolvedImage;
  /** Working folder (exec -w, else the container's WorkingDir, else /). */
  cwd: string;
  user: string;
  ip?: string;
  /** The main process argv (ps shows it as PID 1). */
  mainArgv?: string[];
  /** Where network requests from this shell come from (curl/wget/nslookup inside). */
  from?: NetFrom;
  /**
   * Called when `exit` leaves this nested shell; apply target.onExit here (stop the container ...). What it
   * returns is printed (kubectl's `Session ended, resume using ...`, `pod "x" deleted`).
   */
  onExit?(world: World, target: NestedShellTarget, code: number): string | void;
}

/** Opens a target; ctx is the session's (bind mounts read the learner's files through ctx.host). */
export type ExecTargetOpener = (world: World, target: NestedShellTarget, ctx: Ctx) => ExecContext | { error: string };

const openers: Partial<Record<NestedShellTarget['kind'], ExecTargetOpener>> = {};

export function registerExecTarget(kind: NestedShellTarget['kind'], fn: ExecTargetOpener): void {
  openers[kind] = fn;
}

export function execTargetOpener(kind: NestedShellTarget['kind']): ExecTargetOpener | undefined {
  return openers[kind];
}
