/** PLACEHOLDER interpreter (whitespace split, no quoting): replaced by the real shell language. */
import type { IO, RunResult } from '../core/types.js';
import { advanceTo, simNow } from '../world/sim.js';
import { hostPrograms } from './programs.js';
import type { Session } from './session.js';

export async function runLine(session: Session, line: string): Promise<RunResult> {
  const { world, ctx } = session;
  advanceTo(world, simNow(world, ctx.wallNow));
  const argv = line.trim().split(/\s+/).filter(Boolean);
  let stdout = '';
  let stderr = '';
  if (argv.length === 0) return { stdout, stderr, code: 0 };
  const io: IO = {
    world,
    ctx,
    fs: ctx.host,
    stdin: '',
    stdinIsPipe: false,
    env: { ...world.shell.env },
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    now: () => simNow(world, ctx.wallNow),
    advance: (ms) => {
      world.clock.offsetMs += ms;
      advanceTo(world, simNow(world, ctx.wallNow));
    },
    enterShell: (t) => void session.nested.push(t),
    runLine: async (l) => {
      const r = await runLine(session, l);
      stdout += r.stdout;
      stderr += r.stderr;
      return r.code;
    },
  };
  const name = argv[0]!;
  if (name === 'exit') return { stdout, stderr, code: 0, exit: true };
  if (name === 'echo') return { stdout: argv.slice(1).join(' ') + '\n', stderr, code: 0 };
  const load = hostPrograms[name];
  if (!load) return { stdout, stderr: `k8s-drill: command not found: ${name}\n`, code: 127 };
  const prog = await load();
  const code = await prog(argv.slice(1), io);
  return { stdout, stderr, code };
}

/** PLACEHOLDER: see session.ts. */
export function needsMoreInput(text: string): boolean {
  return /\\$/.test(text);
}
