/**
 * The docker CLI: grammar (recorded from the real CLI) -> engine (src/world/docker) -> printers.
 * Usage/flag errors are byte-identical to docker 28's; see scripts/record-docker-fixtures.sh.
 */
import type { IO, Program } from '../core/types.js';
import { checkArgs, commandSpec, GROUPS, helpText, parseArgs, UNKNOWN_SUB, UsageError, type Parsed } from './args.js';
import { DAEMON_DOWN } from '../world/docker/engine.js';
import { setDockerHostFs } from '../world/docker/net.js';

/** Top-level shortcuts and aliases -> canonical command path. */
const CANONICAL: Record<string, string> = {
  ps: 'container ls', 'container list': 'container ls', 'container ps': 'container ls',
  images: 'image ls', 'image list': 'image ls',
  rmi: 'image rm', 'image remove': 'image rm', 'container remove': 'container rm',
  'network list': 'network ls', 'network remove': 'network rm', 'volume list': 'volume ls', 'volume remove': 'volume rm',
  build: 'image build', 'builder build': 'image build', pull: 'image pull', push: 'image push', history: 'image history',
  tag: 'image tag', save: 'image save', load: 'image load', import: 'image import',
  info: 'system info', events: 'system events',
  run: 'container run', create: 'container create', start: 'container start', stop: 'container stop', kill: 'container kill',
  restart: 'container restart', pause: 'container pause', unpause: 'container unpause', rm: 'container rm',
  rename: 'container rename', logs: 'container logs', exec: 'container exec', top: 'container top', stats: 'container stats',
  port: 'container port', cp: 'container cp', commit: 'container commit', diff: 'container diff', wait: 'container wait',
  attach: 'container attach', export: 'container export', update: 'container update',
};

export interface Invocation {
  /** What the user typed: 'ps', 'container ls', 'rmi' ... (for messages) */
  path: string;
  /** Canonical path: 'container ls' */
  cmd: string;
  p: Parsed;
  io: IO;
}

const CLIENT_VERSION =
  'Client:\n Version:           28.2.2\n API version:       1.50\n Go version:        go1.24.3\n Git commit:        e6534b4\n Built:             Fri May 30 12:07:14 2025\n OS/Arch:           linux/amd64\n Context:           default\n';

function daemonDown(inv: Invocation): number {
  const { io, cmd, path } = inv;
  if (cmd === 'container run') {
    io.err(`docker: ${DAEMON_DOWN}\n\nRun 'docker ${path} --help' for more information\n`);
    return 125;
  }
  if (cmd === 'image pull' && !inv.p.args[0]!.includes(':') && !inv.p.args[0]!.includes('@') && !inv.p.flags['all-tags'] && !inv.p.flags.quiet) io.out('Using default tag: latest\n');
  if (cmd === 'version') io.out(CLIENT_VERSION);
  if (cmd === 'system info') io.out('Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n\nServer:\n');
  if (cmd === 'container inspect' || path === 'inspect') io.out('[]\n');
  io.err(DAEMON_DOWN + '\n');
  if (cmd === 'container start') io.err(`Error: failed to start containers: ${inv.p.args.join(', ')}\n`);
  return 1;
}

/** Commands that work without a daemon. */
const CLIENT_ONLY = new Set(['logout', 'login', 'compose', 'init', 'context ls', 'context list', 'context use', 'context show', 'context inspect']);

export const docker: Program = async (argv, io) => {
  setDockerHostFs(io.ctx.host);
  try {
    // Root flags (non-interspersed): docker [OPTIONS] COMMAND
    const root = parseArgs('', argv);
    if (root.flags.version) {
      io.out('Docker version 28.2.2, build e6534b4\n');
      return 0;
    }
    if (root.help) {
      io.out(await helpText(''));
      return 0;
    }
    if (root.args.length === 0) {
      io.out(await helpText(''));
      return 0;
    }
    const [first, ...rest] = root.args as [string, ...string[]];
    // plugins: compose, init, buildx
    if (first === 'compose') return (await import('./compose.js')).compose(rest, io);
    if (first === 'init') return (await import('./init.js')).dockerInit(rest, io);
    if (first === 'buildx' && rest[0] === 'build') return docker(['build', ...rest.slice(1)], io);
    if (first === 'help') return docker([...rest, '--help'], io);
    let path = first;
    let restArgs = rest;
    if (GROUPS[first]) {
      const sub = rest[0];
      if (!sub || sub === '--help' || sub.startsWith('-')) {
        if (sub && sub !== '--help') {
          // a flag on the group: docker network --badflag
          parseArgs(first, [sub]);
        }
        const h = await helpText(first);
        if (sub === '--help') io.out(h);
        else io.err(h);
        return 0;
      }
      path = `${first} ${sub}`;
      restArgs = rest.slice(1);
      if (!commandSpec(path)) {
        io.err(UNKNOWN_SUB[first]!.replace('%s', sub));
        return 1;
      }
    } else if (UNKNOWN_SUB[first]) {
      io.err(UNKNOWN_SUB[first]!.replace('%s', rest[0] ?? ''));
      return 1;
    } else if (!commandSpec(path)) {
      io.err(`docker: unknown command: docker ${first}\n\nRun 'docker --help' for more information\n`);
      return 1;
    }
    const p = parseArgs(path, restArgs);
    if (p.help) {
      io.out(await helpText(path));
      return 0;
    }
    if (p.set.has('time') && /(^| )(stop|restart)$/.test(path)) io.out('Flag --time has been deprecated, use --timeout instead\n');
    checkArgs(path, p.args);
    const cmd = CANONICAL[path] ?? path;
    const inv: Invocation = { path, cmd, p, io };
    if (io.world.docker.installed === false && !CLIENT_ONLY.has(cmd)) {
      io.err('bash: docker: command not found\n');
      return 127;
    }
    // client-side validation that happens before the daemon is contacted
    const { clientValidate, runCommand } = await import('./commands.js');
    const pre = clientValidate(inv);
    if (pre !== undefined) return pre;
    if (io.world.docker.daemon !== 'running' && !CLIENT_ONLY.has(cmd)) return daemonDown(inv);
    return await runCommand(inv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.message);
      return e.code;
    }
    throw e;
  }
};
