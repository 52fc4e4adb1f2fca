/**
 * What a container's main process does, from image + command. The runtime's planProcess
 * (src/world/runtime/process.ts) is the authority; this seam adapts it to the engine.
 */
import type { World } from '../world.js';
import type { ProcessPlan } from '../runtime/contract.js';

export interface PlanInput {
  image: any;
  /** the full argv: entrypoint + cmd */
  argv: string[];
  env: string[];
  tty: boolean;
  stdinOpen: boolean;
  workdir: string;
  /** container id (hostname) */
  id: string;
}

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash', 'zsh']);

/** Returns the plan, or an error message when the executable does not exist (exit 127). */
export function planFor(world: World, inp: PlanInput): { ok: true; plan: ProcessPlan } | { ok: false; error: string; code: number } {
  void world;
  const [exe, ...args] = inp.argv;
  if (!exe) return { ok: false, error: 'no command specified', code: 125 };
  if (SHELLS.has(exe) && args.length === 0) return { ok: true, plan: { kind: 'shell', shell: exe } };
  const script = SHELLS.has(exe) && args[0] === '-c' ? (args[1] ?? '') : [exe, ...args].join(' ');
  const lines: string[] = [];
  let serve = false;
  let runMs = 10;
  for (const part of script.split(/;|&&/).map((s) => s.trim()).filter(Boolean)) {
    const words = part.split(/\s+/);
    const cmd = words[0]!.replace(/^.*\//, '');
    if (cmd === 'echo' && !/[>]/.test(part)) lines.push(words.slice(1).join(' ').replace(/^["']|["']$/g, ''));
    else if (cmd === 'sleep') {
      const n = words[1] === 'infinity' ? Infinity : parseFloat(words[1] ?? '0');
      if (n > 5 || n === Infinity) serve = true;
      else runMs += n * 1000;
    } else if (cmd === 'tail' && words.includes('-f')) serve = true;
  }
  const base = String(inp.image?.Config?.Cmd?.join(' ') ?? '');
  if (!serve && (/nginx|httpd-foreground|redis-server|docker-entrypoint|postgres|mysqld|mongod|whoami/.test([exe, ...args].join(' ')) || /nginx/.test(base))) {
    return { ok: true, plan: { kind: 'serve', logs: [], ports: [], stopCode: 0 } };
  }
  if (serve) return { ok: true, plan: { kind: 'serve', logs: lines, ports: [], stopCode: 137 } };
  return { ok: true, plan: { kind: 'exit', code: 0, output: lines, runMs } };
}
