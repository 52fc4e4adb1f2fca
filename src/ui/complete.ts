/**
 * Tab completion, pure (no ink): program names, docker/kubectl/minikube subcommands and flags (from the real
 * tools' --help, see flags.generated.ts), kubectl resource types, names of objects in the world, file names.
 *   completeLine(world, 'kubectl get po', 14) -> { start: 12, candidates: ['po', 'pods', 'poddisruptionbudgets', ...] }
 */
import { readdirSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { HostFs, NestedShellTarget } from '../core/types.js';
import { discovery, listObjects, type ResourceInfo } from '../world/k8s/api.js';
import type { World } from '../world/world.js';
import { hostPrograms } from '../shell/programs.js';
import { advanceTo, simNow } from '../world/sim.js';
import { DOCKER, KUBECTL } from './flags.generated.js';

export interface Completion {
  start: number;
  candidates: string[];
}

export interface CompleteOptions {
  /** The learner's files (the edge passes ctx.host); default: the process's working folder on disk. */
  fs?: Pick<HostFs, 'cwd' | 'readdir' | 'stat' | 'resolve'>;
  /** Nested shells: inside a container, complete that shell's commands instead of the host's. */
  nested?: NestedShellTarget[];
  /**
   * Wall-clock ms to bring a copy of the world up to before reading names (the stored world is settled only when
   * the next line runs, so the pods of a deployment created a moment ago are not in it yet). Default: the real
   * clock. `false`: read the world as it is.
   */
  now?: number | false;
}

/** The host shell's builtins and text tools (the shell's own list when it exports one). */
export const SHELL_BUILTINS = [
  'alias', 'awk', 'base64', 'cat', 'cd', 'clear', 'curl', 'cut', 'echo', 'exit', 'export', 'false', 'for', 'grep',
  'head', 'help', 'history', 'if', 'jq', 'ls', 'printf', 'pwd', 'sleep', 'sort', 'tail', 'tee', 'test', 'tr', 'true',
  'unalias', 'uniq', 'wc', 'wget', 'while', 'xargs',
];
/** Host programs the shell knows (docker, kubectl, minikube, curl ...). */
const programs = (): string[] => ['docker', 'kubectl', 'minikube', ...Object.keys(hostPrograms)];
/** What a busybox shell offers inside a container. */
const CONTAINER_COMMANDS = [
  'cat', 'cd', 'echo', 'env', 'exit', 'hostname', 'id', 'ls', 'mkdir', 'nslookup', 'ping', 'ps', 'pwd', 'rm', 'sh',
  'sleep', 'touch', 'wget', 'whoami',
];

const MINIKUBE_COMMANDS = [
  'addons', 'cache', 'completion', 'config', 'cp', 'dashboard', 'delete', 'docker-env', 'help', 'image', 'ip', 'kubectl',
  'license', 'logs', 'mount', 'node', 'options', 'pause', 'podman-env', 'profile', 'service', 'ssh', 'ssh-host', 'ssh-key',
  'start', 'status', 'stop', 'tunnel', 'unpause', 'update-check', 'update-context', 'version',
];
const MINIKUBE_ADDONS = [
  'dashboard', 'default-storageclass', 'ingress', 'ingress-dns', 'metrics-server', 'registry', 'storage-provisioner',
];
const OUTPUT_FORMATS = ['json', 'yaml', 'name', 'wide', 'go-template=', 'go-template-file=', 'jsonpath=', 'jsonpath-file=', 'custom-columns=', 'custom-columns-file=', 'template=', 'templatefile='];

/** kubectl verbs whose first argument is a resource type (or TYPE/NAME) and the rest names of that type. */
const TYPE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'explain', 'wait', 'scale', 'autoscale', 'expose']);
const ROLLOUT_TYPES = ['deployments', 'daemonsets', 'statefulsets'];
const SCALE_TYPES = ['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'];
/** kubectl verbs whose arguments are pods (or TYPE/NAME). */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp', 'debug']);
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain', 'taint']);

interface Word {
  text: string;
  start: number;
}

/** The words of the current simple command before the cursor, and the word being typed. */
function lex(line: string, cursor: number): { words: Word[]; cur: Word; afterRedirect: boolean } {
  let words: Word[] = [];
  let buf = '';
  let start = -1;
  let quote: string | null = null;
  let redirect = false;
  let afterRedirect = false;
  const end = () => {
    if (start >= 0) {
      if (redirect) {
        redirect = false;
      } else words.push({ text: buf, start });
    }
    buf = '';
    start = -1;
  };
  for (let i = 0; i < cursor; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else buf += c;
      continue;
    }
    if (c === '\\' && i + 1 < cursor) {
      if (start < 0) start = i;
      buf += line[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      if (start < 0) start = i;
      quote = c;
      continue;
    }
    if (/\s/.test(c)) {
      end();
      continue;
    }
    if (c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      end();
      words = [];
      redirect = false;
      continue;
    }
    if (c === '>' || c === '<') {
      end();
      redirect = true;
      continue;
    }
    if (start < 0) start = i;
    buf += c;
  }
  afterRedirect = redirect;
  const cur = start >= 0 ? { text: buf, start } : { text: '', start: cursor };
  return { words, cur, afterRedirect };
}

const match = (list: Iterable<string>, prefix: string): string[] => {
  const out = new Set<string>();
  for (const s of list) if (s.startsWith(prefix)) out.add(s);
  return [...out].sort();
};

export function completeLine(world: World, line: string, cursor: number, opts: CompleteOptions = {}): Completion {
  try {
    return completeInner(upToDate(world, opts.now), line, Math.max(0, Math.min(cursor, line.length)), opts);
  } catch {
    return { start: cursor, candidates: [] };
  }
}

/** A settled copy of the world at `now` (the original is never touched); the world itself if that fails. */
function upToDate(world: World, now: number | false | undefined): World {
  if (now === false || !world?.clock) return world;
  try {
    const copy = structuredClone(world);
    advanceTo(copy, simNow(copy, now ?? Date.now()));
    return copy;
  } catch {
    return world;
  }
}

function completeInner(world: World, line: string, cursor: number, opts: CompleteOptions): Completion {
  const { words: raw, cur, afterRedirect } = lex(line, cursor);
  const at = (candidates: string[], start = cur.start): Completion => ({ start, candidates });
  const fileCands = (dirsOnly = false) => completeFiles(cur.text, opts.fs, dirsOnly);
  if (afterRedirect) return at(fileCands());
  // Skip leading VAR=value assignments.
  let words = raw.map((w) => w.text);
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!)) words = words.slice(1);
  const inContainer = !!opts.nested?.length;
  if (words.length === 0) {
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(cur.text)) return at([]);
    if (inContainer) return at(match(CONTAINER_COMMANDS, cur.text));
    const aliases = Object.keys(world.shell?.aliases ?? {});
    return at(match([...programs(), ...aliases, ...SHELL_BUILTINS], cur.text));
  }
  if (inContainer) return at(fileCands());
  // Aliases (k -> kubectl).
  const alias = world.shell?.aliases?.[words[0]!];
  if (alias) words = [...alias.trim().split(/\s+/), ...words.slice(1)];
  const prog = words[0]!;
  const args = words.slice(1);
  switch (prog) {
    case 'kubectl':
      return at(completeKubectl(world, args, cur.text, opts));
    case 'docker':
      return at(completeDocker(world, args, cur.text, opts));
    case 'minikube':
      return at(completeMinikube(world, args, cur.text));
    case 'cd':
      return at(fileCands(true));
    case 'help':
      return at(match(['docker', 'kubectl', 'minikube', ...SHELL_BUILTINS], cur.text));
    case 'unalias':
      return at(match(Object.keys(world.shell?.aliases ?? {}), cur.text));
    default:
      return at(fileCands());
  }
}

// ---------------------------------------------------------------- files

function completeFiles(word: string, fs: CompleteOptions['fs'], dirsOnly: boolean): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  const reader = fs ?? diskFs();
  const dir = reader.resolve(dirPart.replace(/^~(?=\/|$)/, process.env.HOME ?? '~') || '.');
  const names = reader.readdir(dir) ?? [];
  const out: string[] = [];
  for (const n of names) {
    if (!n.startsWith(base)) continue;
    if (n.startsWith('.') && !base.startsWith('.')) continue;
    const isDir = reader.stat(`${dir.replace(/\/$/, '')}/${n}`)?.type === 'dir';
    if (dirsOnly && !isDir) continue;
    out.push(escapeWord(dirPart + n) + (isDir ? '/' : ''));
  }
  return out.sort();
}

/** Backslash-escapes what the shell would split or expand (`my file.yaml` -> `my\\ file.yaml`). */
function escapeWord(w: string): string {
  return w.replace(/[\s'"\\$`&|;<>()*?!#{}[\]]/g, (c) => '\\' + c);
}

function diskFs(): NonNullable<CompleteOptions['fs']> {
  const cwd = process.cwd();
  return {
    cwd,
    resolve: (p) => resolvePath(cwd, p),
    readdir: (p) => {
      try {
        return readdirSync(p);
      } catch {
        return null;
      }
    },
    stat: (p) => {
      try {
        const s = statSync(p);
        return { type: s.isDirectory() ? 'dir' : 'file', size: s.size, mtimeMs: s.mtimeMs };
      } catch {
        return null;
      }
    },
  };
}

// ---------------------------------------------------------------- flags

type Table = Record<string, [string[], string[]]>;

/** docker plus the CLI plugins k8s-drill simulates (compose v2, init), which the recorded client lacks. */
const DOCKER_ALL: Table = {
  ...DOCKER,
  '': [[...(DOCKER['']?.[0] ?? []), 'compose', 'init'], DOCKER['']?.[1] ?? []],
  compose: [['build', 'down', 'logs', 'ps', 'restart', 'start', 'stop', 'up'], ['-f=', '--file=', '-p=', '--project-name=']],
  'compose up': [[], ['-d', '--detach', '--build', '--no-build', '--force-recreate', '--remove-orphans']],
  'compose down': [[], ['-v', '--volumes', '--remove-orphans', '--rmi=']],
  'compose ps': [[], ['-a', '--all', '-q', '--quiet', '--format=']],
  'compose logs': [[], ['-f', '--follow', '-t', '--timestamps', '-n=', '--tail=']],
  'compose build': [[], ['--no-cache', '--pull']],
  'compose stop': [[], ['-t=', '--timeout=']],
  'compose start': [[], []],
  'compose restart': [[], ['-t=', '--timeout=']],
  init: [[], []],
};

/** Splits args into positional words, noting flags; `valued` tells whether a flag takes the next word. */
function positionals(args: string[], valued: (flag: string) => boolean): { pos: string[]; flagValues: Map<string, string>; pendingFlag: string | null } {
  const pos: string[] = [];
  const flagValues = new Map<string, string>();
  let pendingFlag: string | null = null;
  let dashdash = false;
  for (const a of args) {
    if (pendingFlag) {
      flagValues.set(pendingFlag, a);
      pendingFlag = null;
      continue;
    }
    if (dashdash || !a.startsWith('-') || a === '-') {
      pos.push(a);
      continue;
    }
    if (a === '--') {
      dashdash = true;
      pos.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      flagValues.set(a.slice(0, eq), a.slice(eq + 1));
      continue;
    }
    if (/^-[A-Za-z]{2,}$/.test(a)) {
      // Combined short flags (-it, -dp): the last one may take the next word.
      const last = '-' + a[a.length - 1];
      if (valued(last)) pendingFlag = last;
      else flagValues.set(a, '');
      continue;
    }
    if (valued(a)) pendingFlag = a;
    else flagValues.set(a, '');
  }
  return { pos, flagValues, pendingFlag };
}

function flagCandidates(flags: string[], word: string, keepEq: boolean): string[] {
  const shown = flags.map((f) => (f.endsWith('=') && (!keepEq || !f.startsWith('--')) ? f.slice(0, -1) : f));
  return match(shown, word);
}

/** Finds the deepest command path in a table from the positional words (e.g. ['create','deployment','web'] -> 'create deployment'). */
function commandPath(table: Table, pos: string[]): { path: string; rest: string[] } {
  let path = '';
  let i = 0;
  while (i < pos.length) {
    const next = path ? `${path} ${pos[i]}` : pos[i]!;
    if (!table[next]) break;
    path = next;
    i++;
  }
  return { path, rest: pos.slice(i) };
}

// ---------------------------------------------------------------- kubectl

function currentNamespace(world: World): string {
  const kc = world.cluster?.kubeconfig;
  return (kc?.currentContext && kc.contexts?.[kc.currentContext]?.namespace) || 'default';
}

function findResource(world: World, name: string): ResourceInfo | undefined {
  const n = name.toLowerCase();
  return discovery(world).find(
    (r) => r.resource === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n || (r.group && n === `${r.resource}.${r.group}`),
  );
}

function objectNames(world: World, type: string, namespace: string | undefined): string[] {
  if (world.cluster?.status !== 'Running') return [];
  const r = findResource(world, type);
  if (!r) return [];
  const res = listObjects(world, r.kind, r.namespaced ? namespace : undefined);
  return res.ok ? res.value.map((o) => String(o.metadata?.name ?? '')).filter(Boolean) : [];
}

function resourceTypeNames(world: World, only?: string[]): string[] {
  const out: string[] = [];
  for (const r of discovery(world)) {
    if (only && !only.includes(r.resource)) continue;
    out.push(r.resource, ...r.shortNames);
  }
  return out;
}

function completeKubectl(world: World, args: string[], word: string, opts: CompleteOptions): string[] {
  const allFlags = (path: string) => [...(KUBECTL[path]?.[1] ?? []), ...(KUBECTL['']?.[1] ?? [])];
  const valuedAll = new Set<string>();
  for (const [, [, flags]] of Object.entries(KUBECTL)) for (const f of flags) if (f.endsWith('=')) valuedAll.add(f.slice(0, -1));
  const { pos, flagValues, pendingFlag } = positionals(args, (f) => valuedAll.has(f));
  const allNs = flagValues.has('-A') || flagValues.has('--all-namespaces');
  const ns = allNs ? undefined : flagValues.get('-n') ?? flagValues.get('--namespace') ?? currentNamespace(world);
  const { path, rest } = commandPath(KUBECTL, pos.filter((p) => p !== '--'));
  const afterDashDash = pos.includes('--');

  // A flag's value: --namespace=<TAB>, -n <TAB>, -o <TAB>, -f <TAB>.
  const valueFor = (flag: string, prefix: string, value: string): string[] | null => {
    if ((flag === '-c' || flag === '--container') && POD_VERBS.has(path.split(' ')[0] ?? '')) {
      const pod = rest.find((r) => !r.includes('/')) ?? rest.find((r) => r.startsWith('pod/') || r.startsWith('pods/') || r.startsWith('po/'))?.split('/')[1];
      return pod ? match(containerNames(world, ns, pod).map((n) => prefix + n), prefix + value) : [];
    }
    const vals = kubectlFlagValues(world, flag, value, opts);
    return vals && vals.map((v) => prefix + v);
  };
  if (pendingFlag) return valueFor(pendingFlag, '', word) ?? [];
  const eq = word.indexOf('=');
  if (word.startsWith('-') && eq > 0) return valueFor(word.slice(0, eq), word.slice(0, eq + 1), word.slice(eq + 1)) ?? [];
  if (word.startsWith('-') && !afterDashDash) return flagCandidates(allFlags(path), word, true);
  if (afterDashDash) return [];

  const subs = KUBECTL[path]?.[0] ?? [];
  if (subs.length && rest.length === 0) return match(subs, word);
  const verb = path.split(' ')[0] ?? '';
  const sub = path.split(' ')[1] ?? '';

  // TYPE/NAME in one word.
  const slash = word.indexOf('/');
  if (slash > 0 && (TYPE_VERBS.has(verb) || POD_VERBS.has(verb) || verb === 'rollout' || verb === 'set')) {
    const type = word.slice(0, slash);
    return match(objectNames(world, type, ns).map((n) => `${type}/${n}`), word);
  }
  if (TYPE_VERBS.has(verb) || (verb === 'rollout' && sub) || (verb === 'set' && sub)) {
    const restricted = verb === 'rollout' ? ROLLOUT_TYPES : verb === 'scale' || verb === 'autoscale' ? SCALE_TYPES : undefined;
    if (rest.length === 0) return match([...resourceTypeNames(world, restricted), ...(verb === 'get' ? ['all'] : [])], word);
    const first = rest[0]!;
    if (first.includes('/')) return match(objectNames(world, first.split('/')[0]!, ns).map((n) => `${first.split('/')[0]}/${n}`), word);
    if (verb === 'explain') return [];
    const names = first.split(',').flatMap((t) => objectNames(world, t, ns));
    return match(names.filter((n) => !rest.slice(1).includes(n)), word);
  }
  if (POD_VERBS.has(verb)) {
    if (verb === 'cp') return match([...objectNames(world, 'pods', ns).map((n) => `${n}:`), ...completeFiles(word, opts.fs, false)], word);
    if (rest.length === 0) return match(objectNames(world, 'pods', ns), word);
    return [];
  }
  if (NODE_VERBS.has(verb)) return rest.length === 0 ? match(objectNames(world, 'nodes', undefined), word) : [];
  if (verb === 'top' && (sub === 'pod' || sub === 'node')) return rest.length === 0 ? match(objectNames(world, sub === 'pod' ? 'pods' : 'nodes', sub === 'pod' ? ns : undefined), word) : [];
  if (verb === 'config' && ['use-context', 'use', 'delete-context', 'rename-context', 'set-context', 'get-contexts'].includes(sub)) {
    return rest.length === 0 ? match(Object.keys(world.cluster?.kubeconfig?.contexts ?? {}), word) : [];
  }
  if (verb === 'create' && rest.length === 0 && sub) return [];
  if (verb === 'apply' || verb === 'replace' || verb === 'diff') return completeFiles(word, opts.fs, false);
  return [];
}

/** Container names of a pod (init containers too), for `-c`. */
function containerNames(world: World, namespace: string | undefined, pod: string): string[] {
  if (world.cluster?.status !== 'Running') return [];
  const res = listObjects(world, 'Pod', namespace);
  const p = res.ok ? res.value.find((o) => o.metadata?.name === pod) : undefined;
  return [...(p?.spec?.initContainers ?? []), ...(p?.spec?.containers ?? [])].map((c: any) => String(c?.name ?? '')).filter(Boolean);
}

function kubectlFlagValues(world: World, flag: string, value: string, opts: CompleteOptions): string[] | null {
  switch (flag) {
    case '-n':
    case '--namespace':
      return match(objectNames(world, 'namespaces', undefined), value);
    case '-o':
    case '--output':
      return match(OUTPUT_FORMATS, value);
    case '-f':
    case '--filename':
    case '-k':
    case '--kustomize':
    case '--from-file':
    case '--from-env-file':
      return completeFiles(value, opts.fs, false);
    case '--context':
      return match(Object.keys(world.cluster?.kubeconfig?.contexts ?? {}), value);
    case '--dry-run':
      return match(['none', 'client', 'server'], value);
    case '--restart':
      return match(['Always', 'OnFailure', 'Never'], value);
    case '--image-pull-policy':
      return match(['Always', 'IfNotPresent', 'Never'], value);
    case '--type':
      return match(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'], value);
    case '-c':
    case '--container':
      return [];
    default:
      return null;
  }
}

// ---------------------------------------------------------------- docker

const containerName = (c: any): string => String(c?.Name ?? '').replace(/^\//, '');
const containerStatus = (c: any): string => String(c?.State?.Status ?? '');

function containers(world: World, filter?: (status: string) => boolean): string[] {
  return Object.values(world.docker?.containers ?? {})
    .filter((c: any) => !filter || filter(containerStatus(c)))
    .map(containerName)
    .filter(Boolean);
}

function images(world: World): string[] {
  const out: string[] = [];
  for (const img of Object.values(world.docker?.images ?? {}) as any[]) {
    for (const t of img?.RepoTags ?? []) if (t && t !== '<none>:<none>') out.push(String(t));
  }
  return out;
}

const RUNNING = (s: string) => s === 'running' || s === 'restarting';
const STOPPED = (s: string) => s === 'exited' || s === 'created' || s === 'dead';

/** Which objects a docker command's positional arguments name. */
function dockerArgKind(path: string): { kind: 'container' | 'image' | 'volume' | 'network' | 'file' | 'none'; filter?: (s: string) => boolean; onlyFirst?: boolean } {
  const p = path.replace(/^container /, '').replace(/^image /, 'image:').replace(/^volume /, 'volume:').replace(/^network /, 'network:');
  switch (p) {
    case 'stop': case 'kill': case 'pause': case 'restart': case 'top': case 'stats': case 'port': case 'attach':
      return { kind: 'container', filter: p === 'restart' ? undefined : RUNNING };
    case 'exec':
      return { kind: 'container', filter: RUNNING, onlyFirst: true };
    case 'start':
      return { kind: 'container', filter: STOPPED };
    case 'unpause':
      return { kind: 'container', filter: (s) => s === 'paused' };
    case 'rm': case 'logs': case 'inspect': case 'rename': case 'commit': case 'diff': case 'wait': case 'update': case 'export': case 'cp': case 'ls':
      return { kind: 'container', onlyFirst: p === 'logs' || p === 'rename' || p === 'commit' || p === 'export' };
    case 'rmi': case 'image:rm': case 'image:inspect': case 'image:history': case 'history': case 'push': case 'image:push': case 'tag': case 'image:tag': case 'save': case 'image:save':
      return { kind: 'image' };
    case 'run': case 'create':
      return { kind: 'image', onlyFirst: true };
    case 'volume:rm': case 'volume:inspect':
      return { kind: 'volume' };
    case 'network:rm': case 'network:inspect': case 'network:connect': case 'network:disconnect':
      return { kind: 'network', onlyFirst: p === 'network:connect' || p === 'network:disconnect' };
    case 'build': case 'image:build': case 'load': case 'image:load': case 'import':
      return { kind: 'file' };
    default:
      return { kind: 'none' };
  }
}

function completeDocker(world: World, args: string[], word: string, opts: CompleteOptions): string[] {
  const valuedAll = new Set<string>();
  for (const [, [, flags]] of Object.entries(DOCKER_ALL)) for (const f of flags) if (f.endsWith('=')) valuedAll.add(f.slice(0, -1));
  // Pass 1: find the command path, pass 2: parse with that command's own flags (docker -d is detach, -c differs).
  const pre = positionals(args, (f) => valuedAll.has(f));
  const { path } = commandPath(DOCKER_ALL, pre.pos);
  const own = new Set([...(DOCKER_ALL[path]?.[1] ?? []), ...(DOCKER_ALL['']?.[1] ?? [])].filter((f) => f.endsWith('=')).map((f) => f.slice(0, -1)));
  const { pos, pendingFlag } = positionals(args, (f) => own.has(f));
  const { rest } = commandPath(DOCKER_ALL, pos);
  if (pendingFlag) {
    if (pendingFlag === '-f' || pendingFlag === '--file' || pendingFlag === '--env-file' || pendingFlag === '-i' || pendingFlag === '--input') return completeFiles(word, opts.fs, false);
    if (pendingFlag === '--network' || pendingFlag === '--net') return match(networkNames(world), word);
    if (pendingFlag === '-v' || pendingFlag === '--volume') return match(Object.values(world.docker?.volumes ?? {}).map((v: any) => String(v?.Name ?? '') + ':'), word);
    if (pendingFlag === '--format' || pendingFlag === '-o' || pendingFlag === '--output') return [];
    return [];
  }
  if (word.startsWith('-')) return flagCandidates(DOCKER_ALL[path]?.[1] ?? [], word, false);
  const subs = DOCKER_ALL[path]?.[0] ?? [];
  if (subs.length && rest.length === 0) return match(subs, word);
  const k = dockerArgKind(path);
  if (k.onlyFirst && rest.length > 0) return [];
  switch (k.kind) {
    case 'container':
      return match(containers(world, k.filter), word);
    case 'image':
      return match(images(world), word);
    case 'volume':
      return match(Object.values(world.docker?.volumes ?? {}).map((v: any) => String(v?.Name ?? '')).filter(Boolean), word);
    case 'network':
      return match(networkNames(world), word);
    case 'file':
      return completeFiles(word, opts.fs, path.endsWith('build'));
    default:
      return [];
  }
}

function networkNames(world: World): string[] {
  const names = Object.values(world.docker?.networks ?? {}).map((n: any) => String(n?.Name ?? '')).filter(Boolean);
  return names.length ? names : ['bridge', 'host', 'none'];
}

// ---------------------------------------------------------------- minikube

function completeMinikube(world: World, args: string[], word: string): string[] {
  const pos = args.filter((a) => !a.startsWith('-'));
  if (word.startsWith('-')) return [];
  if (pos.length === 0) return match(MINIKUBE_COMMANDS, word);
  const [cmd, sub] = pos;
  if (cmd === 'addons') {
    if (pos.length === 1) return match(['configure', 'disable', 'enable', 'images', 'list', 'open'], word);
    if (pos.length === 2 && sub !== 'list') return match(MINIKUBE_ADDONS, word);
    return [];
  }
  if (cmd === 'service') return pos.length === 1 ? match(['list', ...objectNames(world, 'services', currentNamespace(world))], word) : [];
  if (cmd === 'image') return pos.length === 1 ? match(['build', 'load', 'ls', 'pull', 'push', 'rm', 'save', 'tag'], word) : [];
  if (cmd === 'config') return pos.length === 1 ? match(['defaults', 'get', 'set', 'unset', 'view'], word) : [];
  if (cmd === 'profile') return pos.length === 1 ? match(['list'], word) : [];
  if (cmd === 'node') return pos.length === 1 ? match(['add', 'delete', 'list', 'start', 'stop'], word) : [];
  return [];
}
