/**
 * kubectl: grammar (flags.ts, from kubectl 1.33's own help texts), then one handler per command.
 * Handlers live in cmd-*.ts, loaded on demand.
 */
import type { IO, Program } from '../core/types.js';
import { findCommand, parseArgs, helpText, optionsText, suggestionsFor, UsageError, type CmdNode, type FlagSpec } from './flags.js';
import { ApiFailure, apiErrorText, CmdError, type K } from './context.js';

type Handler = (k: K) => number | Promise<number>;
type Loader = () => Promise<Record<string, Handler>>;

const MODULES: Record<string, Loader> = {
  create: () => import('./cmd-create.js').then((m) => m.handlers),
  get: () => import('./cmd-get.js').then((m) => m.handlers),
  ops: () => import('./cmd-ops.js').then((m) => m.handlers),
  misc: () => import('./cmd-misc.js').then((m) => m.handlers),
  auth: () => import('./cmd-auth.js').then((m) => m.handlers),
  diff: () => import('./cmd-diff.js').then((m) => m.handlers),
  debug: () => import('./cmd-debug.js').then((m) => m.handlers),
};

/** Which module handles a command path (first match by prefix). */
function moduleFor(path: string): string {
  const first = path.split(' ')[0]!;
  if (path === 'create token') return 'misc';
  if (first === 'auth') return 'auth';
  if (first === 'diff') return 'diff';
  if (first === 'debug') return 'debug';
  if (['create', 'run', 'expose', 'apply', 'delete', 'replace'].includes(first)) return 'create';
  if (['get', 'describe', 'explain', 'api-resources', 'api-versions', 'events'].includes(first)) return 'get';
  if (['scale', 'autoscale', 'set', 'rollout', 'label', 'annotate', 'patch', 'edit', 'cordon', 'uncordon', 'drain', 'taint', 'wait'].includes(first)) return 'ops';
  return 'misc';
}

/** Commands that work without a cluster. */
function isClientOnly(path: string, f: Record<string, any>): boolean {
  const first = path.split(' ')[0]!;
  if (['config', 'completion', 'options', 'plugin', 'kustomize', ''].includes(first)) return true;
  if (first === 'version') return true;
  if (f['dry-run'] === 'client' && path.startsWith('create ') && !['create role', 'create clusterrole'].includes(path)) return true;
  return false;
}

const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', def: 'false' };

function usageHint(node: CmdNode): string {
  return `See '${['kubectl', ...node.path].join(' ')} --help' for usage.\n`;
}

export const kubectl: Program = async (argv, io) => {
  // cobra's implicit `help` command: `kubectl help get` = `kubectl get --help`
  if (argv[0] === 'help') return kubectl([...argv.slice(1).filter((a) => !a.startsWith('-')), '--help'], io);
  const { node, rest } = findCommand(argv);
  const path = node.path.join(' ');
  const home = io.env.HOME ?? '/root';

  // Root: no command, or an unknown one.
  if (node.path.length === 0) {
    const firstArg = rest.find((a) => !a.startsWith('-'));
    if (firstArg === undefined) {
      try {
        parseArgs(node, rest, [HELP_FLAG]);
      } catch (e) {
        if (e instanceof UsageError) {
          io.err(`error: ${e.message}\nSee 'kubectl --help' for usage.\n`);
          return 1;
        }
        throw e;
      }
      io.out(helpText([], home)!);
      return 0;
    }
    const sugg = suggestionsFor(node, firstArg);
    io.err(`error: unknown command "${firstArg}" for "kubectl"` + (sugg.length ? `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}` : '\n'));
    return 1;
  }

  let p;
  try {
    p = parseArgs(node, rest, [HELP_FLAG]);
  } catch (e) {
    if (e instanceof UsageError) {
      // cobra reports --help before parse errors only when help comes first; keep pflag's order.
      io.err(`error: ${e.message}\n${usageHint(node)}`);
      return 1;
    }
    throw e;
  }
  if (p.flags.help) {
    if (path === 'options') io.out(optionsText(home));
    else io.out(helpText(node.path, home) ?? '');
    return 0;
  }
  if (path === 'options') {
    io.out(optionsText(home));
    return 0;
  }

  const kc = io.world.cluster.kubeconfig;
  const ctxName: string = p.flags.context || kc.currentContext;
  const cctx = kc.contexts[ctxName];
  if (p.flags.context && !cctx) {
    io.err(`error: context was not found for specified context: ${p.flags.context}\n`);
    return 1;
  }
  const nsExplicit = p.changed.has('namespace');
  const ns: string = (nsExplicit ? p.flags.namespace : cctx?.namespace) || 'default';

  if (!isClientOnly(path, p.flags)) {
    const st = io.world.cluster.status;
    if (st !== 'Running' || !cctx) {
      const host = st === 'Deleted' || !cctx ? 'localhost:8080' : '192.168.49.2:8443';
      io.err(`The connection to the server ${host} was refused - did you specify the right host or port?\n`);
      return 1;
    }
  }

  const k: K = {
    io,
    world: io.world,
    node,
    p,
    f: p.flags,
    args: p.args,
    ns,
    nsExplicit,
    now: io.now(),
    cmdPath: ['kubectl', ...node.path].join(' '),
  };
  try {
    const handlers = await MODULES[moduleFor(path)]!();
    const h = handlers[path];
    if (!h) {
      // A group command (`kubectl rollout`, `kubectl set`) without a subcommand.
      if (node.children.size) {
        const a = p.args[0];
        if (a !== undefined) {
          io.err(`error: unknown command "${a}"\nSee '${k.cmdPath} -h' for help and examples\n`);
          return 1;
        }
        io.out(helpText(node.path, home) ?? '');
        return 0;
      }
      io.err(`error: "${k.cmdPath}" is not supported by k8s-drill yet\n`);
      return 1;
    }
    return await h(k);
  } catch (e) {
    return reportError(io, e, k);
  }
};

export function reportError(io: IO, e: unknown, k: K): number {
  if (e instanceof ApiFailure) {
    io.err(apiErrorText(e.error, e.context));
    return 1;
  }
  if (e instanceof UsageError) {
    io.err(`error: ${e.message}\n${usageHint(k.node)}`);
    return 1;
  }
  if (e instanceof CmdError) {
    io.err(`error: ${e.message}\n${e.hint ? e.hint + '\n' : ''}`);
    return 1;
  }
  throw e;
}
