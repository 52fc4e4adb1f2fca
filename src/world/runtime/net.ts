/**
 * The simulated network: who answers on (host, port) from where, plus the `curl`, `wget` and `nslookup` programs
 * (on the learner's host and inside containers/pods).
 *
 * The Docker engine and the cluster register resolvers (registerResolver / registerNameResolver) from a module
 * that is always loaded with the world (their reconcile.ts), so a one-shot `curl` finds them:
 *   docker:  published host ports (from host: localhost:8080), container names and IPs on shared networks
 *   cluster: service DNS (web, web.ns, web.ns.svc.cluster.local), ClusterIPs, pod IPs, NodePorts on
 *            192.168.49.2, port-forwards on localhost; NetworkPolicy-blocked -> { kind: 'timeout' }
 * A resolver answers undefined when the name/port is not its business; the first answer wins.
 */
import type { HostFs, IO, Program } from '../../core/types.js';
import type { World } from '../world.js';
import type { ResolvedImage } from './images.js';
import { APPS, appForArgv, reason, type AppCtx, type HttpRequest, type HttpResponse } from './apps.js';
import { layeredFs } from './fs.js';
import { execTargetOpener } from './exec-targets.js';

export type NetFrom = { kind: 'host' } | { kind: 'container'; id: string } | { kind: 'pod'; namespace: string; name: string };

/** A listening process reached by a connection. */
export interface Endpoint {
  kind?: 'endpoint';
  /** The image of the serving container (behaviour comes from its app, or `app`). */
  image: ResolvedImage;
  /** Behaviour key (ProcessPlan 'serve' gives it as plan.app); default: derived from image + argv. */
  app?: string;
  /** The main process argv (Entrypoint + Cmd) */
  argv?: string[];
  env?: Record<string, string>;
  /** Container hostname (docker: 12-hex id; pod: pod name) */
  hostname: string;
  /** The server's IP (what `curl -v` shows as Trying IP:PORT) */
  ip: string;
  /** The port the process listens on (container port, after any NAT). */
  port: number;
  /** Ports the process listens on (plan.ports); a connection to another port is refused. Default: the app's. */
  ports?: number[];
  /** The container's filesystem (nginx serves its files from here). */
  fs?: HostFs;
  /** The client address the server sees (host -> 172.17.0.1; NodePort -> 10.244.0.1 ...). */
  clientIp?: string;
  /** Appends a line to the container's log (access log). */
  log?(line: string, stream: 'stdout' | 'stderr'): void;
  /** Server-side IP/port shown by curl when it differs from the target (port-forward: 127.0.0.1). */
  connectIp?: string;
}

export type Resolution =
  | Endpoint
  /** Nothing listens there: connection refused at once. */
  | { kind: 'refused'; ip: string }
  /** Packets are dropped (NetworkPolicy, unknown IP): the connection times out. */
  | { kind: 'timeout'; ip: string }
  /** The name does not resolve. */
  | { kind: 'unresolved' };

/** `hostFs` is the learner's files when the request comes from the host (bind mounts seen through the network). */
export type Resolver = (world: World, from: NetFrom, host: string, port: number, now: number, hostFs?: HostFs) => Resolution | undefined;

export interface NameAnswer {
  /** Fully qualified name (web.default.svc.cluster.local) */
  fqdn: string;
  ips: string[];
  /** A name of the outside world (nslookup says "Non-authoritative answer:"). */
  external?: boolean;
  /** DNS server the client uses (10.96.0.10 in pods, 127.0.0.11 on user networks) */
  server?: string;
}
export type NameResolver = (world: World, from: NetFrom, name: string) => NameAnswer | undefined;

const resolvers: Array<{ name: string; fn: Resolver }> = [];
const nameResolvers: Array<{ name: string; fn: NameResolver }> = [];

/** Registers (or replaces, by name) a connection resolver. */
export function registerResolver(fn: Resolver, name = `r${resolvers.length}`): void {
  const i = resolvers.findIndex((r) => r.name === name);
  if (i >= 0) resolvers[i] = { name, fn };
  else resolvers.push({ name, fn });
}

export function registerNameResolver(fn: NameResolver, name = `n${nameResolvers.length}`): void {
  const i = nameResolvers.findIndex((r) => r.name === name);
  if (i >= 0) nameResolvers[i] = { name, fn };
  else nameResolvers.push({ name, fn });
}

/** Removes every resolver (tests). */
export function clearResolvers(): void {
  resolvers.length = 0;
  nameResolvers.length = 0;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** busybox wget's usage: recorded from busybox 1.35, plus -T as the busybox 1.37 image has it. */
const BUSYBOX_WGET_USAGE = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n' + "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n\n\t--spider\tOnly check URL existence: $? is 0 if exists\n\t--header STR\tAdd STR (of form 'header: value') to headers\n\t--post-data STR\tSend STR using POST method\n\t--post-file FILE\tSend FILE using POST method\n\t--no-check-certificate\tDon't validate the server's certificate\n\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n\t-T SEC\t\tNetwork read timeout is SEC seconds\n\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n";

/** The outside world: a few sites learners try (egress checks, "is the network up?"). */
const INTERNET: Record<string, string> = {
  'google.com': '142.250.185.78',
  'www.google.com': '142.250.185.100',
  'example.com': '23.215.0.136',
  'www.example.com': '23.215.0.136',
  'kubernetes.io': '147.75.40.148',
  'github.com': '140.82.121.4',
  'docker.com': '141.193.213.20',
  'www.docker.com': '141.193.213.20',
  'hub.docker.com': '3.216.34.172',
  'registry-1.docker.io': '54.236.113.205',
  'dl-cdn.alpinelinux.org': '151.101.2.132',
  'deb.debian.org': '151.101.2.132',
  'archive.ubuntu.com': '91.189.91.81',
  'registry.k8s.io': '34.96.108.209',
};
const INTERNET_IPS = new Set([...Object.values(INTERNET), '8.8.8.8', '8.8.4.4', '1.1.1.1']);

let internetImage: ResolvedImage | undefined;
function internetEndpoint(host: string, ip: string, port: number): Endpoint {
  internetImage ??= {
    ref: { domain: 'internet', path: 'internet', familiar: 'internet' },
    repository: 'internet',
    id: '',
    digest: '',
    size: 0,
    created: '2025-01-01T00:00:00Z',
    os: 'linux',
    architecture: 'amd64',
    layers: [],
    config: { Entrypoint: null, Cmd: null, Env: [], WorkingDir: '', User: '', Labels: null },
    flavor: 'debian',
    osName: '',
    version: '',
    fs: [],
    app: 'internet',
    source: 'catalog',
  };
  return { image: internetImage, app: 'internet', hostname: host, ip, port, ports: [80, 443], fs: { cwd: '/', readFile: () => null, writeFile: () => 'Read-only file system', stat: () => null, readdir: () => null, resolve: (p) => p } };
}

/** The address a client connects to for `host` (what curl -v and wget print): the DNS answer, not the pod behind a service. */
export function addressFor(world: World, from: NetFrom, host: string, ep: Endpoint): string {
  if (ep.connectIp) return ep.connectIp;
  if (IPV4.test(host)) return host;
  if (host === 'localhost') return '127.0.0.1';
  return resolveName(world, from, host)?.ips[0] ?? ep.ip;
}

export function isEndpoint(r: Resolution | undefined): r is Endpoint {
  return !!r && (r as Endpoint).image !== undefined;
}

/** Where a connection to host:port from `from` goes. */
export function connect(world: World, from: NetFrom, host: string, port: number, now: number, hostFs?: HostFs): Resolution {
  const h = host.toLowerCase();
  for (const r of resolvers) {
    const a = r.fn(world, from, h, port, now, hostFs);
    // "unresolved" from one resolver leaves the name to the others (and to the outside world)
    if (a && !isEndpoint(a) && a.kind === 'unresolved') continue;
    if (a) {
      if (isEndpoint(a)) {
        const ports = a.ports ?? listeningPorts(a, now);
        if (ports.length && !ports.includes(a.port)) return { kind: 'refused', ip: a.connectIp ?? a.ip };
      }
      return a;
    }
  }
  if (h === 'localhost' || h === '127.0.0.1' || h === '::1' || h === '[::1]' || h === '0.0.0.0') {
    // inside a container or pod, localhost is the container's own main process
    const self = from.kind === 'host' ? undefined : selfEndpoint(world, from, port, now, hostFs);
    if (self) {
      const ports = self.ports ?? listeningPorts(self, now);
      if (!ports.length || ports.includes(port)) return self;
    }
    return { kind: 'refused', ip: h === 'localhost' ? '127.0.0.1' : h.replace(/^\[|\]$/g, '') };
  }
  const ext = INTERNET[h.replace(/\.$/, '')];
  if (ext) return port === 80 || port === 443 ? internetEndpoint(h, ext, port) : { kind: 'timeout', ip: ext };
  if (INTERNET_IPS.has(h)) return port === 80 || port === 443 ? internetEndpoint(h, h, port) : { kind: 'timeout', ip: h };
  if (IPV4.test(h)) return { kind: 'timeout', ip: h };
  return { kind: 'unresolved' };
}

/**
 * The learner's files, passed to resolvers: only a request from the host has them (inside a container, io.ctx.host
 * is the container's own filesystem; resolvers then use what the engine recorded).
 */
function learnerFs(io: IO, from: NetFrom): HostFs | undefined {
  return from.kind === 'host' ? io.ctx?.host : undefined;
}

/** The container's (or pod's default container's) own main process, reached on localhost. */
function selfEndpoint(world: World, from: Exclude<NetFrom, { kind: 'host' }>, port: number, now: number, hostFs?: HostFs): Endpoint | undefined {
  const kind = from.kind === 'pod' ? 'pod' : 'docker';
  const open = execTargetOpener(kind);
  if (!open) return undefined;
  const target = from.kind === 'pod' ? { kind, id: from.name, namespace: from.namespace, prompt: '' } : { kind, id: from.id, prompt: '' };
  const ctx = { wallNow: now - (world.clock?.offsetMs ?? 0), host: hostFs ?? { cwd: '/', readFile: () => null, writeFile: () => null, stat: () => null, readdir: () => null, resolve: (p: string) => p }, tty: false, interactive: false, readLine: async () => null };
  let ec;
  try {
    ec = open(world, target as never, ctx);
  } catch {
    return undefined;
  }
  if ('error' in ec) return undefined;
  return { image: ec.image, ...(ec.mainArgv ? { argv: ec.mainArgv } : {}), env: ec.env, hostname: ec.hostname, ip: '127.0.0.1', connectIp: '127.0.0.1', port, fs: ec.fs, clientIp: '127.0.0.1' };
}

/** Name lookup (nslookup, and the IP curl shows). */
export function resolveName(world: World, from: NetFrom, name: string): NameAnswer | undefined {
  for (const r of nameResolvers) {
    const a = r.fn(world, from, name.toLowerCase());
    if (a) return a;
  }
  if (name === 'localhost') return { fqdn: 'localhost', ips: ['127.0.0.1'] };
  const n = name.toLowerCase().replace(/\.$/, '');
  if (INTERNET[n]) return { fqdn: n, ips: [INTERNET[n]!], external: true };
  return undefined;
}

function appOf(ep: Endpoint): string {
  if (ep.app) return ep.app;
  const argv = ep.argv ?? [...(ep.image.config.Entrypoint ?? []), ...(ep.image.config.Cmd ?? [])];
  const stripped = stripWrapper(argv);
  return appForArgv(ep.image, stripped) ?? ep.image.app;
}

/** Drops entrypoint wrappers (docker-entrypoint.sh, tini) in front of the real program. */
export function stripWrapper(argv: string[]): string[] {
  let a = argv;
  for (let i = 0; i < 3 && a.length > 1; i++) {
    const base = a[0]!.slice(a[0]!.lastIndexOf('/') + 1);
    if (base === 'docker-entrypoint.sh' || base === 'entrypoint.sh' || base === 'tini' || base === 'dumb-init') a = a.slice(base === 'tini' && a[1] === '--' ? 2 : 1);
    else if (base === 'tini' && a[1] === '--') a = a.slice(2);
    else break;
  }
  return a;
}

function appCtx(ep: Endpoint, now: number): AppCtx {
  const argv = stripWrapper(ep.argv ?? [...(ep.image.config.Entrypoint ?? []), ...(ep.image.config.Cmd ?? [])]);
  const env: Record<string, string> = {};
  for (const e of ep.image.config.Env) {
    const i = e.indexOf('=');
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  Object.assign(env, ep.env ?? {});
  // without the container's filesystem, the image's own files answer
  const fs = ep.fs ?? layeredFs({ lower: ep.image.fs, upper: {}, defaultMtime: Date.parse(ep.image.created) });
  return { image: ep.image, argv, env, hostname: ep.hostname, ip: ep.ip, now, fs };
}

function listeningPorts(ep: Endpoint, now: number): number[] {
  const app = APPS[appOf(ep)];
  if (!app) return Object.keys(ep.image.config.ExposedPorts ?? {}).map((p) => parseInt(p, 10));
  try {
    return app.start(appCtx(ep, now)).ports;
  } catch {
    return [];
  }
}

/** Sends one HTTP request to an endpoint; null when the process does not speak HTTP (empty reply). */
export function serveHttp(ep: Endpoint, req: HttpRequest, now: number): HttpResponse | null {
  const app = APPS[appOf(ep)];
  if (!app?.http) return null;
  const c = appCtx(ep, now);
  const res = app.http(req, { ...c, port: ep.port });
  const line = app.accessLog?.(req, res, c);
  if (line && ep.log) for (const l of Array.isArray(line) ? line : [line]) typeof l === 'string' ? ep.log(l, app.accessLogStream ?? 'stdout') : ep.log(l.text, l.stream);
  return res;
}

// ---------------------------------------------------------------------------------------------------------------
// URLs

interface Url {
  scheme: string;
  host: string;
  port: number;
  path: string;
  /** host[:port] as the Host header carries it */
  authority: string;
  href: string;
}

function parseUrl(raw: string): Url | { error: string; code: number } {
  let s = raw;
  let scheme = 'http';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(s);
  if (m) {
    scheme = m[1]!.toLowerCase();
    s = s.slice(m[0].length);
  }
  if (scheme !== 'http' && scheme !== 'https') return { error: `Protocol "${scheme}" not supported`, code: 1 };
  const slash = s.search(/[/?#]/);
  const auth = slash === -1 ? s : s.slice(0, slash);
  let path = slash === -1 ? '/' : s.slice(slash);
  if (path.startsWith('?')) path = '/' + path;
  path = path.replace(/#.*$/, '');
  const hostPort = auth.includes('@') ? auth.slice(auth.lastIndexOf('@') + 1) : auth;
  let host = hostPort;
  let port = scheme === 'https' ? 443 : 80;
  const pm = /^(\[[^\]]+\]|[^:]*)(?::(.*))?$/.exec(hostPort);
  if (pm) {
    host = pm[1]!;
    if (pm[2] !== undefined) {
      if (!/^\d+$/.test(pm[2]) || Number(pm[2]) > 65535) return { error: 'URL rejected: Port number was not a decimal number between 0 and 65535', code: 3 };
      port = Number(pm[2]);
    }
  }
  if (!host) return { error: 'URL rejected: No host part in the URL', code: 3 };
  const defaultPort = scheme === 'https' ? 443 : 80;
  const authority = port === defaultPort ? host : `${host}:${port}`;
  return { scheme, host, port, path, authority, href: `${scheme}://${authority}${path}` };
}

// ---------------------------------------------------------------------------------------------------------------
// curl

function curlVersion(io: IO, from: NetFrom | undefined): string {
  if (!from || from.kind === 'host') return '8.5.0';
  const osr = io.fs.readFile('/etc/os-release') ?? '';
  if (/ID=alpine/.test(osr)) return '8.14.1';
  const code = /VERSION_CODENAME=(\w+)/.exec(osr)?.[1];
  return ({ bookworm: '7.88.1', bullseye: '7.74.0', buster: '7.64.0', trixie: '8.14.1', noble: '8.5.0', jammy: '7.81.0', focal: '7.68.0', stretch: '7.52.1', jessie: '7.38.0' } as Record<string, string>)[code ?? ''] ?? '7.88.1';
}

const CURL_USAGE = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface CurlOpts {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  output?: string;
  remoteName: boolean;
  location: boolean;
  maxTime?: number;
  connectTimeout?: number;
  method?: string;
  headers: string[];
  data?: string;
  fail: boolean;
  writeOut?: string;
  userAgent?: string;
  urls: string[];
}

const CURL_ARG_OPTS: Record<string, keyof CurlOpts | 'ignore'> = {
  '-o': 'output', '--output': 'output', '-m': 'maxTime', '--max-time': 'maxTime', '--connect-timeout': 'connectTimeout',
  '-X': 'method', '--request': 'method', '-H': 'headers', '--header': 'headers', '-d': 'data', '--data': 'data',
  '--data-raw': 'data', '--data-binary': 'data', '--data-urlencode': 'data', '-w': 'writeOut', '--write-out': 'writeOut',
  '-A': 'userAgent', '--user-agent': 'userAgent', '-u': 'ignore', '--user': 'ignore', '-e': 'ignore', '--referer': 'ignore',
  '-x': 'ignore', '--proxy': 'ignore', '--retry': 'ignore', '-b': 'ignore', '--cookie': 'ignore', '-c': 'ignore',
  '--cookie-jar': 'ignore', '--resolve': 'ignore', '--cacert': 'ignore', '-F': 'data', '--form': 'data', '--url': 'urls',
};
const CURL_FLAGS: Record<string, keyof CurlOpts | 'ignore'> = {
  '-s': 'silent', '--silent': 'silent', '-S': 'showError', '--show-error': 'showError', '-i': 'include', '--include': 'include',
  '-I': 'head', '--head': 'head', '-v': 'verbose', '--verbose': 'verbose', '-O': 'remoteName', '--remote-name': 'remoteName',
  '-L': 'location', '--location': 'location', '-f': 'fail', '--fail': 'fail', '-k': 'ignore', '--insecure': 'ignore',
  '-4': 'ignore', '-6': 'ignore', '--http1.1': 'ignore', '--http2': 'ignore', '-#': 'ignore', '--progress-bar': 'ignore',
  '--compressed': 'ignore', '-N': 'ignore', '--no-buffer': 'ignore', '-G': 'ignore', '--get': 'ignore', '-n': 'ignore',
  '--fail-with-body': 'fail', '-q': 'ignore', '--no-progress-meter': 'ignore',
};

function parseCurl(argv: string[]): CurlOpts | { error: string; code: number } {
  const o: CurlOpts = { silent: false, showError: false, include: false, head: false, verbose: false, remoteName: false, location: false, fail: false, headers: [], urls: [] };
  const set = (key: keyof CurlOpts | 'ignore', val: string | true) => {
    if (key === 'ignore') return;
    if (key === 'headers') o.headers.push(String(val));
    else if (key === 'urls') o.urls.push(String(val));
    else if (key === 'maxTime' || key === 'connectTimeout') (o as any)[key] = Number(val);
    else if (key === 'data') o.data = o.data === undefined ? String(val) : `${o.data}&${val}`;
    else (o as any)[key] = val;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      o.urls.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (CURL_FLAGS[name]) {
        set(CURL_FLAGS[name]!, true);
        continue;
      }
      if (CURL_ARG_OPTS[name]) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { error: `curl: option ${name}: requires parameter\n${CURL_USAGE}`, code: 2 };
        set(CURL_ARG_OPTS[name]!, v);
        continue;
      }
      return { error: `curl: option ${name}: is unknown\n${CURL_USAGE}`, code: 2 };
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = '-' + a[j];
        if (CURL_FLAGS[f]) {
          set(CURL_FLAGS[f]!, true);
          continue;
        }
        if (CURL_ARG_OPTS[f]) {
          const rest = a.slice(j + 1);
          const v = rest || argv[++i];
          if (v === undefined) return { error: `curl: option ${f}: requires parameter\n${CURL_USAGE}`, code: 2 };
          set(CURL_ARG_OPTS[f]!, v);
          break;
        }
        return { error: `curl: option ${a}: is unknown\n${CURL_USAGE}`, code: 2 };
      }
      continue;
    }
    o.urls.push(a);
  }
  if (!o.urls.length) return { error: CURL_USAGE, code: 2 };
  return o;
}

function fmtSize(n: number): string {
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return (String(Math.round(n / 1024)) + 'k').padStart(5);
  return (String(Math.round(n / 1024 / 1024)) + 'M').padStart(5);
}

function progressMeter(size: number): string {
  const s = fmtSize(size);
  const speed = fmtSize(Math.max(size * 1000, 0));
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100 ${s}  100 ${s}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`
  );
}

function headerBlock(res: HttpResponse): string {
  return `${res.version ?? 'HTTP/1.1'} ${res.status} ${res.reason}\r\n` + res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n';
}

/** Writes curl's error (respecting -s/-S) and returns the code. */
function curlFail(io: IO, o: CurlOpts, code: number, msg: string): number {
  if (o.writeOut) io.out(o.writeOut.replace(/%\{(http_code|response_code)\}/g, '000').replace(/%\{size_download\}/g, '0').replace(/%\{\w+\}/g, '').replace(/\\n/g, '\n'));
  if (!o.silent || o.showError) io.err(`curl: (${code}) ${msg}\n`);
  return code;
}

function clientIpFor(from: NetFrom | undefined, ep: Endpoint): string {
  if (ep.clientIp) return ep.clientIp;
  if (!from || from.kind === 'host') return '172.17.0.1';
  return '172.17.0.3';
}

// curl and wget are synchronous (the simulated network answers at once), so a container's main process planned by the
// mini shell gets their exit codes (`docker run --rm curlimages/curl -s nosuchhost` exits 6).
export function curl(argv: string[], io: IO, from: NetFrom = { kind: 'host' }): number {
  const p = parseCurl(argv);
  if ('error' in p) {
    io.err(p.error);
    return p.code;
  }
  const o = p;
  const version = curlVersion(io, from);
  let code = 0;
  for (const rawUrl of o.urls) {
    code = curlOne(rawUrl, o, io, from, version);
  }
  return code;
}

function curlOne(rawUrl: string, o: CurlOpts, io: IO, from: NetFrom, version: string): number {
  let target = parseUrl(rawUrl);
  if ('error' in target) return curlFail(io, o, target.code, target.error);
  let hops = 0;
  let wroteOutput = false;
  for (;;) {
    const url: Url = target;
    const now = io.now();
    const r = connect(io.world, from, url.host.replace(/^\[|\]$/g, ''), url.port, now, learnerFs(io, from));
    if (!isEndpoint(r)) {
      if (r.kind === 'unresolved') return curlFail(io, o, 6, `Could not resolve host: ${url.host}`);
      if (o.verbose) io.err(`*   Trying ${r.ip}:${url.port}...\n`);
      if (r.kind === 'refused') {
        if (o.verbose) io.err(`* connect to ${r.ip} port ${url.port} from ${r.ip === '127.0.0.1' ? '127.0.0.1' : '172.17.0.1'} port 51234 failed: Connection refused\n* Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server\n* Closing connection\n`);
        return curlFail(io, o, 7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
      }
      // timeout: the clock moves by the time curl waits
      if (o.maxTime !== undefined && (o.connectTimeout === undefined || o.maxTime <= o.connectTimeout)) {
        const ms = Math.round(o.maxTime * 1000) + 1;
        io.advance(ms);
        return curlFail(io, o, 28, `Connection timed out after ${ms} milliseconds`);
      }
      if (o.connectTimeout !== undefined) {
        const ms = Math.round(o.connectTimeout * 1000) + 2;
        io.advance(ms);
        return curlFail(io, o, 28, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached`);
      }
      const ms = 134_265;
      io.advance(ms);
      return curlFail(io, o, 28, `Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Couldn't connect to server`);
    }
    const ep = r;
    const ip = addressFor(io.world, from, url.host, ep);
    const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
    const headers: Array<[string, string]> = [
      ['Host', url.authority],
      ['User-Agent', o.userAgent ?? `curl/${version}`],
      ['Accept', '*/*'],
    ];
    for (const h of o.headers) {
      const i = h.indexOf(':');
      if (i <= 0) continue;
      const k = h.slice(0, i).trim();
      const v = h.slice(i + 1).trim();
      const existing = headers.findIndex(([hk]) => hk.toLowerCase() === k.toLowerCase());
      if (existing >= 0) {
        if (v) headers[existing] = [k, v];
        else headers.splice(existing, 1);
      } else if (v) headers.push([k, v]);
    }
    if (o.data !== undefined) {
      if (!headers.some(([k]) => k.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
      headers.push(['Content-Length', String(new TextEncoder().encode(o.data).length)]);
    }
    const req: HttpRequest = {
      method,
      path: url.path,
      host: url.authority,
      headers,
      body: o.data ?? '',
      clientIp: clientIpFor(from, ep),
      userAgent: headers.find(([k]) => k === 'User-Agent')?.[1] ?? '',
    };
    if (o.verbose) {
      io.err(`*   Trying ${ip}:${url.port}...\n* Connected to ${url.host} (${ip}) port ${url.port}${version.startsWith('7.') ? ' (#0)' : ''}\n`);
      io.err(`> ${method} ${url.path} HTTP/1.1\r\n` + headers.map(([k, v]) => `> ${k}: ${v}\r\n`).join('') + '> \r\n');
    }
    const res = serveHttp(ep, req, now);
    if (!res) {
      if (o.verbose) io.err('* Empty reply from server\n* Closing connection\n');
      return curlFail(io, o, 52, 'Empty reply from server');
    }
    if (o.verbose && res.version === 'HTTP/1.0') io.err('* HTTP 1.0, assume close after body\n');
    if (o.verbose) io.err(`< ${res.version ?? 'HTTP/1.1'} ${res.status} ${res.reason}\r\n` + res.headers.map(([k, v]) => `< ${k}: ${v}\r\n`).join('') + '< \r\n');
    const location = res.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if (o.location && location && res.status >= 300 && res.status < 400 && hops < 50) {
      if (o.include) io.out(headerBlock(res));
      hops++;
      const next = parseUrl(location.startsWith('/') ? `${url.scheme}://${url.authority}${location}` : location);
      if ('error' in next) return curlFail(io, o, next.code, next.error);
      target = next;
      continue;
    }
    if (o.fail && res.status >= 400) {
      if (o.verbose) io.err(`* The requested URL returned error: ${res.status}\n`);
      return curlFail(io, o, 22, `The requested URL returned error: ${res.status}`);
    }
    let out = '';
    if (o.include || o.head) out += headerBlock(res);
    if (!o.head && method !== 'HEAD') out += res.body;
    const outName = o.output ?? (o.remoteName ? url.path.split('?')[0]!.split('/').pop() || '' : undefined);
    if (outName !== undefined && outName !== '-') {
      if (!outName) return curlFail(io, o, 23, 'Remote file name has no length');
      const e = io.fs.writeFile(outName, out);
      if (e) return curlFail(io, o, 23, `Failure writing output to destination, passed ${out.length} returned 0`);
      if (!o.silent && !o.verbose) io.err(progressMeter(new TextEncoder().encode(res.body).length));
      if (o.verbose && res.body) io.err(`{ [${new TextEncoder().encode(res.body).length} bytes data]\n`);
      wroteOutput = true;
    } else io.out(out);
    if (o.verbose) io.err(res.version === 'HTTP/1.0' || res.headers.some(([k, v]) => k.toLowerCase() === 'connection' && v === 'close') ? (version.startsWith('7.') ? '* Closing connection 0\n' : '* Closing connection\n') : `* Connection #0 to host ${url.host} left intact\n`);
    if (o.writeOut) io.out(writeOut(o.writeOut, res, url, ip));
    void wroteOutput;
    return 0;
  }
}

function writeOut(fmt: string, res: HttpResponse, url: Url, ip: string): string {
  const size = new TextEncoder().encode(res.body).length;
  const vars: Record<string, string> = {
    http_code: String(res.status).padStart(3, '0'),
    response_code: String(res.status),
    size_download: String(size),
    url_effective: url.href,
    remote_ip: ip,
    remote_port: String(url.port),
    time_total: '0.001532',
    time_connect: '0.000312',
    content_type: res.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '',
    http_version: '1.1',
    method: 'GET',
  };
  return fmt
    .replace(/%\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '')
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\r/g, '\r');
}

// ---------------------------------------------------------------------------------------------------------------
// wget: busybox style inside containers, GNU wget on the host

interface WgetOpts {
  quiet: boolean;
  output?: string;
  timeout?: number;
  spider: boolean;
  headers: string[];
  serverResponse: boolean;
  urls: string[];
  postData?: string;
}

function parseWget(argv: string[], busybox: boolean): WgetOpts | { error: string; code: number } {
  const o: WgetOpts = { quiet: false, spider: false, headers: [], serverResponse: false, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const long = (name: string) => (a.startsWith(name + '=') ? a.slice(name.length + 1) : a === name ? argv[++i] : undefined);
    if (a.startsWith('--')) {
      if (a === '--quiet') o.quiet = true;
      else if (a === '--spider') o.spider = true;
      else if (a === '--server-response') o.serverResponse = true;
      else if (a.startsWith('--output-document')) o.output = long('--output-document');
      else if (a.startsWith('--timeout')) o.timeout = Number(long('--timeout'));
      else if (a.startsWith('--header')) o.headers.push(long('--header') ?? '');
      else if (a.startsWith('--post-data')) o.postData = long('--post-data');
      else if (a.startsWith('--tries') || a.startsWith('--user-agent') || a.startsWith('-U')) long(a.split('=')[0]!);
      else if (a === '--no-check-certificate' || a === '--no-verbose' || a === '-nv') continue;
      else if (busybox) return { error: `wget: unrecognized option '${a}'\n${BUSYBOX_WGET_USAGE}`, code: 1 };
      else return { error: `wget: unrecognized option '${a}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`, code: 2 };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'q') o.quiet = true;
        else if (c === 'S') o.serverResponse = true;
        else if (c === 'c' || c === 'n' || c === 'v') continue;
        else if (c === 'O' || c === 'T' || c === 'P' || c === 'U' || c === 'Y' || c === 'o' || c === 't') {
          const v = a.slice(j + 1) || argv[++i];
          if (c === 'O') o.output = v;
          else if (c === 'T') o.timeout = Number(v);
          break;
        } else return { error: busybox ? `wget: invalid option -- '${c}'\n${BUSYBOX_WGET_USAGE}` : `wget: invalid option -- '${c}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`, code: busybox ? 1 : 2 };
      }
      continue;
    }
    o.urls.push(a);
  }
  if (!o.urls.length) return busybox ? { error: BUSYBOX_WGET_USAGE, code: 1 } : { error: "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n", code: 1 };
  return o;
}

function wgetBar(name: string, size: number): string {
  return `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA`;
}

export function wget(argv: string[], io: IO, from: NetFrom = { kind: 'host' }): number {
  const busybox = from.kind !== 'host';
  const p = parseWget(argv, busybox);
  if ('error' in p) {
    io.err(p.error);
    return p.code;
  }
  let code = 0;
  for (const u of p.urls) code = busybox ? wgetBusybox(u, p, io, from) : wgetGnu(u, p, io, from);
  return code;
}

function wgetBusybox(rawUrl: string, o: WgetOpts, io: IO, from: NetFrom, hops = 0): number {
  const url = parseUrl(rawUrl);
  if ('error' in url) {
    io.err(`wget: not an http or ftp url: ${rawUrl}\n`);
    return 1;
  }
  const r = connect(io.world, from, url.host, url.port, io.now(), learnerFs(io, from));
  if (!isEndpoint(r) && r.kind === 'unresolved') {
    io.err(`wget: bad address '${url.host}${url.port !== 80 && url.port !== 443 ? `:${url.port}` : ''}'\n`);
    return 1;
  }
  const ip = isEndpoint(r) ? addressFor(io.world, from, url.host, r) : r.ip;
  if (!o.quiet) io.err(`Connecting to ${url.authority} (${ip}:${url.port})\n`);
  if (!isEndpoint(r)) {
    if (r.kind === 'refused') {
      io.err(`wget: can't connect to remote host (${ip}): Connection refused\n`);
      return 1;
    }
    io.advance(Math.round((o.timeout ?? 900) * 1000));
    io.err('wget: download timed out\n');
    return 1;
  }
  const req: HttpRequest = { method: o.spider ? 'HEAD' : o.postData !== undefined ? 'POST' : 'GET', path: url.path, host: url.authority, headers: [['Host', url.authority], ['User-Agent', 'Wget'], ['Connection', 'close'], ...o.headers.map((h) => [h.split(':')[0]!.trim(), h.slice(h.indexOf(':') + 1).trim()] as [string, string])], body: o.postData ?? '', clientIp: clientIpFor(from, r), userAgent: 'Wget' };
  const res = serveHttp(r, req, io.now());
  if (!res) {
    io.err('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (o.serverResponse) io.err(`  ${res.version ?? 'HTTP/1.1'} ${res.status} ${res.reason}\n` + res.headers.map(([k, v]) => `  ${k}: ${v}\n`).join(''));
  const location = res.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
  if (res.status >= 300 && res.status < 400 && location) {
    if (hops >= 20) {
      io.err('wget: too many redirections\n');
      return 1;
    }
    return wgetBusybox(location.startsWith('/') ? `${url.scheme}://${url.authority}${location}` : location, o, io, from, hops + 1);
  }
  if (res.status >= 400) {
    io.err(`wget: server returned error: ${res.version ?? 'HTTP/1.1'} ${res.status} ${res.reason}\n`);
    return 1;
  }
  if (o.spider) {
    if (!o.quiet) io.err('remote file exists\n');
    return 0;
  }
  const size = new TextEncoder().encode(res.body).length;
  const out = o.output ?? (url.path.split('?')[0]!.split('/').pop() || 'index.html');
  if (out === '-') {
    if (!o.quiet) io.err('writing to stdout\n');
    io.out(res.body);
    if (!o.quiet) io.err(`${wgetBar('-', size)}\nwritten to stdout\n`);
    return 0;
  }
  if (!o.output && io.fs.stat(out)) {
    io.err(`wget: can't open '${out}': File exists\n`);
    return 1;
  }
  const e = io.fs.writeFile(out, res.body);
  if (e) {
    io.err(`wget: can't open '${out}': ${e}\n`);
    return 1;
  }
  if (!o.quiet) io.err(`saving to '${out}'\n${wgetBar(out, size)}\n'${out}' saved\n`);
  return 0;
}

function gnuTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function wgetGnu(rawUrl: string, o: WgetOpts, io: IO, from: NetFrom, hops = 0): number {
  const url = parseUrl(rawUrl);
  if ('error' in url) {
    io.err(`${rawUrl}: Unsupported scheme.\n`);
    return 1;
  }
  const now = io.now();
  const q = o.quiet;
  if (!q && o.spider && hops === 0) io.err('Spider mode enabled. Check if remote file exists.\n');
  if (!q) io.err(`--${gnuTime(now)}--  ${url.href}\n`);
  const r = connect(io.world, from, url.host, url.port, now, learnerFs(io, from));
  if (!isEndpoint(r) && r.kind === 'unresolved') {
    if (!q) io.err(`Resolving ${url.host} (${url.host})... failed: Name or service not known.\n`);
    io.err(`wget: unable to resolve host address ‘${url.host}’\n`);
    return 4;
  }
  const ip = isEndpoint(r) ? addressFor(io.world, from, url.host, r) : r.ip;
  if (!q && !IPV4.test(url.host)) io.err(`Resolving ${url.host} (${url.host})... ${ip}\n`);
  if (!isEndpoint(r)) {
    if (r.kind === 'refused') {
      if (!q) io.err(`Connecting to ${url.host} (${url.host})|${ip}|:${url.port}... failed: Connection refused.\n`);
      return 4;
    }
    const t = o.timeout ?? 900;
    io.advance(Math.round(t * 1000));
    if (!q) io.err(`Connecting to ${url.host} (${url.host})|${ip}|:${url.port}... failed: Connection timed out.\nGiving up.\n\n`);
    return 4;
  }
  if (!q) io.err(`Connecting to ${url.host} (${url.host})|${ip}|:${url.port}... connected.\nHTTP request sent, awaiting response... `);
  const req: HttpRequest = { method: o.spider ? 'HEAD' : 'GET', path: url.path, host: url.authority, headers: [['User-Agent', 'Wget/1.21.4'], ['Accept', '*/*'], ['Accept-Encoding', 'identity'], ['Host', url.authority], ['Connection', 'Keep-Alive']], body: '', clientIp: clientIpFor(from, r), userAgent: 'Wget/1.21.4' };
  const res = serveHttp(r, req, now);
  if (!res) {
    if (!q) io.err('No data received.\nRetrying.\n\n');
    return 4;
  }
  if (!q) io.err(`${res.status} ${res.reason}\n`);
  const location = res.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
  if (res.status >= 300 && res.status < 400 && location) {
    const next = location.startsWith('/') ? `${url.scheme}://${url.authority}${location}` : location;
    if (!q) io.err(`Location: ${location} [following]\n`);
    if (hops >= 20) {
      io.err('20 redirections exceeded.\n');
      return 8;
    }
    return wgetGnu(next, o, io, from, hops + 1);
  }
  if (res.status >= 400) {
    if (!q) io.err(`${gnuTime(now)} ERROR ${res.status}: ${res.reason}.\n\n`);
    return 8;
  }
  const clen = res.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
  const size = clen !== undefined ? Number(clen) : new TextEncoder().encode(res.body).length;
  const ctype = res.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'text/plain';
  if (o.spider) {
    if (!q) io.err(`Length: ${size} [${ctype}]\nRemote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n`);
    return 0;
  }
  let out = o.output ?? (url.path.split('?')[0]!.split('/').pop() || 'index.html');
  if (!o.output) {
    let n = 1;
    const base = out;
    while (io.fs.stat(out)) out = `${base}.${n++}`;
  }
  if (!q) io.err(`Length: ${size} [${ctype}]\nSaving to: ‘${out === '-' ? 'STDOUT' : out}’\n\n`);
  if (out === '-') io.out(res.body);
  else {
    const e = io.fs.writeFile(out, res.body);
    if (e) {
      io.err(`${out}: ${e}\n`);
      return 3;
    }
  }
  if (!q) {
    const name = out === '-' ? '-' : out;
    // a terminal gets the bar; otherwise wget prints its "dot" progress (recorded: fixtures/runtime/gnu-wget.txt)
    if (io.ctx.tty) io.err(`${name.padEnd(18).slice(0, 18)}  100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n`);
    else {
      const kb = Math.floor(size / 1024);
      const dots = Math.min(50, Math.ceil((size % (50 * 1024)) / 1024) - (size % 1024 ? 1 : 0));
      const groups = Array.from({ length: 5 }, (_, g) => '.'.repeat(Math.max(0, Math.min(10, dots - g * 10))).padEnd(10)).join(' ');
      const line = `${String(Math.floor(kb / 50) * 50).padStart(6)}K ${groups}`;
      io.err(`${line.padEnd(62)}100%  142M=0s\n\n`);
    }
    io.err(`${gnuTime(now)} (142 MB/s) - ‘${out === '-' ? 'written to stdout' : out}’ saved [${size}/${size}]\n\n`);
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// nslookup (busybox)

/** busybox nslookup; `old` is the 1.28 format k8s docs use (busybox:1.28 nslookup kubernetes.default). */
export function nslookupProgram(from: NetFrom, old = false): Program {
  return (argv, io) => {
    const name = argv.find((a) => !a.startsWith('-'));
    if (!name) {
      io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n');
      return 1;
    }
    const ans = resolveName(io.world, from, name);
    const server = ans?.server ?? (from.kind === 'pod' ? '10.96.0.10' : from.kind === 'container' ? '127.0.0.11' : '127.0.0.53');
    if (old) {
      io.out(`Server:    ${server}\nAddress 1: ${server}${server === '10.96.0.10' ? ' kube-dns.kube-system.svc.cluster.local' : ''}\n\n`);
      if (!ans) {
        io.err(`nslookup: can't resolve '${name}'\n`);
        return 1;
      }
      io.out(`Name:      ${name}\n`);
      ans.ips.forEach((ip, i) => io.out(`Address ${i + 1}: ${ip} ${ans.fqdn}\n`));
      return 0;
    }
    io.out(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    if (!ans) {
      io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    if (IPV4.test(name)) {
      io.out(`${name.split('.').reverse().join('.')}.in-addr.arpa\tname = ${ans.fqdn}\n\n`);
      return 0;
    }
    // CoreDNS is authoritative for cluster.local; Docker's embedded DNS and the outside world are not
    if (ans.external || !ans.fqdn.endsWith('.cluster.local')) io.out('Non-authoritative answer:\n');
    io.out(`Name:\t${ans.fqdn}\n`);
    for (const ip of ans.ips) io.out(`Address: ${ip}\n`);
    io.out('\n');
    return 0;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ping (busybox): name resolution decides; without -c it stops after 4 replies (k8s-drill has no Ctrl-C)

export function pingProgram(from: NetFrom): Program {
  return (argv, io) => {
    let count = 4;
    let host: string | undefined;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-c') count = Math.max(1, Number(argv[++i]) || 1);
      else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
      else if (a === '-W' || a === '-w' || a === '-i' || a === '-s' || a === '-t') i++;
      else if (!a.startsWith('-')) host = a;
    }
    if (!host) {
      io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n');
      return 1;
    }
    let ip: string | undefined;
    if (IPV4.test(host)) ip = host;
    else ip = resolveName(io.world, from, host)?.ips[0];
    if (!ip) {
      io.err(`ping: bad address '${host}'\n`);
      return 1;
    }
    io.out(`PING ${host} (${ip}): 56 data bytes\n`);
    const times: number[] = [];
    for (let seq = 0; seq < count; seq++) {
      // the outside world is a few ms away, containers and pods a fraction of one
      const far = INTERNET_IPS.has(ip);
      const t = (far ? 11.2 : 0.05) + ((seq * 37 + ip.length * 13) % 60) / (far ? 40 : 1000);
      times.push(t);
      io.out(`64 bytes from ${ip}: seq=${seq} ttl=64 time=${t.toFixed(3)} ms\n`);
      if (seq < count - 1) io.advance(1000);
    }
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    io.out(`\n--- ${host} ping statistics ---\n${count} packets transmitted, ${count} packets received, 0% packet loss\nround-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
    return 0;
  };
}

export { reason };
