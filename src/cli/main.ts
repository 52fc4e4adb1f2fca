/**
 * k8s-drill's entry: picks the mode from argv and stdin. Hand-parsed on purpose: a one-shot `-c` must start
 * almost as fast as a bare `node`, so commander is only loaded by the scenario subcommands.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { backupState, StoreError, writeState } from '../store/store.js';
import { freshRecord, wallClock } from './edge.js';
import { runShellLoop } from './shell-loop.js';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const HELP = `k8s-drill ${VERSION}: practise docker and kubectl on a simulated engine and cluster

Usage:
  k8s-drill                      the interactive shell (line mode when stdin is not a terminal)
  k8s-drill -c 'LINE'            run one line, print its output, exit with its status
  k8s-drill practice FILE|NAME   practise a scenario with a live goal checklist
  k8s-drill grade FILE           grade a learner's work against a scenario
  k8s-drill test PATH...         check scenario files (CI for scenario packs)
  k8s-drill list [PATH]          list scenarios (the bundled curriculum by default)
  k8s-drill reset                start a fresh world (the old one is kept as a backup)

Options:
  -c, --command LINE     run LINE and exit
  --state-dir DIR        where the world is kept (default: $K8S_DRILL_HOME or ~/.k8s-drill)
  --no-color             no colours (also when NO_COLOR is set or output is not a terminal)
  -v, --version          print the version
  -h, --help             print this help
`;

interface Parsed {
  command?: string;
  stateDir?: string;
  color: boolean;
  sub?: string;
  rest: string[];
  help: boolean;
  version: boolean;
}

function parse(argv: string[]): Parsed | string {
  const p: Parsed = { color: true, rest: [], help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (p.sub) {
      // Subcommand flags are the subcommand's, except the global ones k8s-drill understands anywhere.
      if (a === '--state-dir' && i + 1 < argv.length) p.stateDir = argv[++i];
      else if (a.startsWith('--state-dir=')) p.stateDir = a.slice('--state-dir='.length);
      else if (a === '--no-color') p.color = false;
      else p.rest.push(a);
      continue;
    }
    if (a === '-c' || a === '--command') {
      if (i + 1 >= argv.length) return `k8s-drill: option '${a}' needs a command line`;
      p.command = argv[++i];
    } else if (a.startsWith('--command=')) p.command = a.slice('--command='.length);
    else if (a === '--state-dir') {
      if (i + 1 >= argv.length) return `k8s-drill: option '--state-dir' needs a folder`;
      p.stateDir = argv[++i];
    } else if (a.startsWith('--state-dir=')) p.stateDir = a.slice('--state-dir='.length);
    else if (a === '--no-color') p.color = false;
    else if (a === '--color') p.color = true;
    else if (a === '-h' || a === '--help') p.help = true;
    else if (a === '-v' || a === '--version') p.version = true;
    else if (['practice', 'grade', 'test', 'list', 'reset', 'help'].includes(a)) p.sub = a;
    else return `k8s-drill: unknown ${a.startsWith('-') ? 'option' : 'command'} '${a}'\nRun 'k8s-drill --help' for usage.`;
  }
  return p;
}

export async function main(argv: string[]): Promise<number> {
  const p = parse(argv);
  if (typeof p === 'string') {
    process.stderr.write(p + '\n');
    return 2;
  }
  if (p.help || p.sub === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (p.version) {
    process.stdout.write(`k8s-drill ${VERSION}\n`);
    return 0;
  }
  const env = process.env;
  const stateDir = resolve(p.stateDir ?? env.K8S_DRILL_HOME ?? join(homedir(), '.k8s-drill'));
  const color = p.color && !('NO_COLOR' in env) && !!process.stdout.isTTY;

  if (p.sub === 'reset') {
    const now = wallClock(env)();
    try {
      const backup = backupState(stateDir, now);
      writeState(stateDir, await freshRecord(now, env));
      process.stdout.write(backup ? `k8s-drill: started a fresh world; the old one is kept in ${backup}\n` : 'k8s-drill: started a fresh world\n');
      return 0;
    } catch (e) {
      if (e instanceof StoreError) {
        process.stderr.write(e.message + '\n');
        return 1;
      }
      throw e;
    }
  }
  if (p.sub) {
    const { scenarioMain } = await import('../scenario/cli.js');
    return scenarioMain(p.sub as 'practice' | 'grade' | 'test' | 'list', p.rest, {
      stateDir,
      color,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  }
  return runShellLoop({ stateDir, color, command: p.command });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`k8s-drill: internal error: ${err?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
