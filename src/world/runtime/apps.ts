/**
 * How the main process of each catalog image behaves: what it logs on start, which ports it listens on, what it
 * answers over HTTP and the access-log line per request. Keyed by ResolvedImage.app.
 */
import type { HostFs } from '../../core/types.js';
import type { ResolvedImage } from './images.js';
import * as C from './content.js';
import { sha256hex } from './hash.js';
import { flaskSource, nodeHttpAnswer, nodeStartLines, readScript } from './appsource.js';

export interface AppCtx {
  image: ResolvedImage;
  /** argv after the entrypoint wrapper (nginx -g 'daemon off;') */
  argv: string[];
  env: Record<string, string>;
  hostname: string;
  /** the container's IP when known */
  ip?: string;
  now: number;
  fs?: HostFs;
}

export interface AppStart {
  logs: string[];
  /** lines on stderr among logs (same strings), for docker logs' stream split */
  stderr?: string[];
  ports: number[];
  /** exit code on SIGTERM (or the image's StopSignal); 137 = ignores it and is killed after the grace period */
  stopCode: number;
  /** the process ends by itself */
  exit?: { code: number; afterMs: number };
}

export interface HttpRequest {
  method: string;
  /** path with query: "/", "/index.html?x=1" */
  path: string;
  /** Host header value */
  host: string;
  headers: Array<[string, string]>;
  body: string;
  /** source IP of the connection as the server sees it */
  clientIp: string;
  userAgent: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
  /** "HTTP/1.0" for servers that speak it (python -m http.server); default HTTP/1.1 */
  version?: string;
}

export interface LogLine {
  text: string;
  stream: 'stdout' | 'stderr';
}

export interface AppBehavior {
  start(c: AppCtx): AppStart;
  http?(req: HttpRequest, c: AppCtx & { port: number }): HttpResponse;
  /** The log line(s) one request adds to the container's log (a line may name its own stream). */
  accessLog?(req: HttpRequest, res: HttpResponse, c: AppCtx): string | Array<string | LogLine> | null;
  /** Which stream the access log goes to (nginx: stdout; python's servers: stderr). */
  accessLogStream?: 'stdout' | 'stderr';
}

// ---------------------------------------------------------------------------------------------------------------
// time formats

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

/** 2026/01/15 10:00:00 (nginx error log) */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
/** 15/Jan/2026:10:00:00 +0000 (access log) */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}
/** Thu, 15 Jan 2026 10:00:00 GMT */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
/** 15 Jan 2026 10:00:00.123 (redis) */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())}`;
}
/** 2026-01-15 10:00:00.123 UTC (postgres) */
function pgTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${p3(d.getUTCMilliseconds())} UTC`;
}
function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
void DAY;

const REASONS: Record<number, string> = { 200: 'OK', 201: 'Created', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
export function reason(status: number): string {
  return REASONS[status] ?? 'OK';
}

function portsOf(c: AppCtx, fallback: number[]): number[] {
  const exposed = Object.keys(c.image.config.ExposedPorts ?? {}).map((p) => parseInt(p, 10)).filter((n) => n > 0);
  return exposed.length ? exposed : fallback;
}

function byteLen(s: string): number {
  return new TextEncoder().encode(s).length;
}

function text(status: number, body: string, headers: Array<[string, string]> = [], ctype = 'text/plain; charset=utf-8'): HttpResponse {
  return { status, reason: reason(status), headers: [['Content-Type', ctype], ['Content-Length', String(byteLen(body))], ...headers], body };
}

/** A combined-format access log line (nginx `main` adds "$http_x_forwarded_for"). */
function combined(req: HttpRequest, res: HttpResponse, now: number, xff: boolean): string {
  const len = res.headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? String(byteLen(res.body));
  const bytes = req.method === 'HEAD' ? '0' : len;
  const referer = req.headers.find(([k]) => k.toLowerCase() === 'referer')?.[1] ?? '-';
  return `${req.clientIp} - - [${clfTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${bytes} "${referer}" "${req.userAgent || '-'}"${xff ? ' "-"' : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// static file serving (nginx, httpd) from the container's filesystem

const MIME: Record<string, string> = { html: 'text/html', htm: 'text/html', css: 'text/css', js: 'application/javascript', json: 'application/json', txt: 'text/plain', png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml', ico: 'image/x-icon' };

function serveStatic(
  req: HttpRequest,
  fs: HostFs | undefined,
  root: string,
  index: string[],
  server: string,
  notFound: (path: string) => HttpResponse,
  now: number,
  nginxStyle: boolean,
): HttpResponse {
  const rawPath = decodeURIComponent(req.path.split('?')[0] || '/');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    if (nginxStyle) return htmlPage(405, 'Not Allowed', server, now);
  }
  let path = rawPath;
  let st = fs?.stat(root + path) ?? null;
  if (st && st.type === 'dir') {
    if (!path.endsWith('/')) {
      const body = nginxStyle ? C.nginxError(301, 'Moved Permanently', server.slice(6)) : '';
      return { status: 301, reason: 'Moved Permanently', headers: [...baseHeaders(server, now, 'text/html', byteLen(body)), ['Location', `http://${req.host}${path}/`], ...(nginxStyle ? ([['Connection', 'keep-alive']] as Array<[string, string]>) : [])], body };
    }
    const found = index.map((i) => path + i).find((p) => fs?.stat(root + p)?.type === 'file');
    if (!found) return nginxStyle ? htmlPage(403, 'Forbidden', server, now) : notFound(rawPath);
    path = found;
    st = fs!.stat(root + path);
  }
  if (!st || st.type !== 'file') return notFound(rawPath);
  const body = fs!.readFile(root + path) ?? '';
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const size = byteLen(body);
  const mtime = st.mtimeMs || Date.parse('2025-10-28T12:05:10Z');
  return {
    status: 200,
    reason: 'OK',
    headers: [
      ...baseHeaders(server, now, MIME[ext] ?? (nginxStyle ? 'application/octet-stream' : 'text/plain'), size),
      ['Last-Modified', httpDate(mtime)],
      ...(nginxStyle ? ([['Connection', 'keep-alive']] as Array<[string, string]>) : []),
      ['ETag', `"${Math.floor(mtime / 1000).toString(16)}-${size.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
    ],
    body: req.method === 'HEAD' ? '' : body,
  };
}

function baseHeaders(server: string, now: number, ctype: string, len: number): Array<[string, string]> {
  return [
    ['Server', server],
    ['Date', httpDate(now)],
    ['Content-Type', ctype],
    ['Content-Length', String(len)],
  ];
}

function htmlPage(status: number, why: string, server: string, now = 0): HttpResponse {
  const body = C.nginxError(status, why, server.replace(/^nginx\//, ''));
  return { status, reason: why, headers: [...baseHeaders(server, now, 'text/html', byteLen(body)), ['Connection', 'keep-alive']], body };
}

// ---------------------------------------------------------------------------------------------------------------
// the apps

function verGte(a: string, b: string): boolean {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
  return true;
}

/** What 10-listen-on-ipv6-by-default.sh says, from the state of default.conf in the container. */
function ipv6Lines(c: AppCtx): string[] {
  const p = '/etc/nginx/conf.d/default.conf';
  const tag = '10-listen-on-ipv6-by-default.sh: info:';
  const conf = c.fs?.readFile(p);
  if (conf === null || conf === undefined) return c.fs ? [`${tag} ${p} is not a file or does not exist`] : [`${tag} Getting the checksum of ${p}`, `${tag} Enabled listen on IPv6 in ${p}`];
  if (conf === C.NGINX_DEFAULT_CONF) return [`${tag} Getting the checksum of ${p}`, `${tag} Enabled listen on IPv6 in ${p}`];
  return [`${tag} Getting the checksum of ${p}`, `${tag} ${p} differs from the packaged version`];
}

function nginxStartLogs(c: AppCtx, version: string): { logs: string[]; stderr: string[] } {
  // nginx images before 1.19 had no entrypoint scripts and logged nothing at start (error_log at warn)
  if (!verGte(version, '1.19.0') || !c.image.config.Entrypoint) return { logs: [], stderr: [] };
  const t = nginxTime(c.now);
  const quiet = !!c.env.NGINX_ENTRYPOINT_QUIET_LOGS;
  const entry = quiet
    ? []
    : [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        ...ipv6Lines(c),
        ...(verGte(version, '1.25.3') ? ['/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'] : []),
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        ...(verGte(version, '1.21.0') ? ['/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'] : []),
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ];
  if (!verGte(version, '1.21.0')) return { logs: entry, stderr: [] };
  const os = c.image.osName;
  const GCC: Array<[RegExp, string]> = [
    [/Debian GNU\/Linux 11/, 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) '],
    [/Debian GNU\/Linux 12/, 'built by gcc 12.2.0 (Debian 12.2.0-14) '],
    [/Debian GNU\/Linux 13/, 'built by gcc 14.2.0 (Debian 14.2.0-19) '],
    [/Alpine Linux v3\.1[4-7]/, 'built by gcc 12.2.1 20220924 (Alpine 12.2.1_git20220924-r4) '],
    [/Alpine Linux v3\.(18|19)/, 'built by gcc 12.2.1 20220924 (Alpine 12.2.1_git20220924-r10) '],
    [/Alpine Linux v3\.20/, 'built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) '],
    [/Alpine Linux/, 'built by gcc 14.2.0 (Alpine 14.2.0) '],
  ];
  const gcc = GCC.find(([re]) => re.test(os))?.[1] ?? 'built by gcc 12.2.0 (Debian 12.2.0-14) ';
  const stderr = [
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${version}`,
    `${t} [notice] 1#1: ${gcc}`,
    `${t} [notice] 1#1: OS: Linux 6.10.14-linuxkit`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    ...[29, 30, 31, 32].map((pid) => `${t} [notice] 1#1: start worker process ${pid}`),
  ];
  return { logs: [...entry, ...stderr], stderr };
}

const nginxApp: AppBehavior = {
  start(c) {
    const { logs, stderr } = nginxStartLogs(c, c.image.version || '1.29.3');
    return { logs, stderr, ports: portsOf(c, [80]), stopCode: 0 };
  },
  http(req, c) {
    const version = c.image.version || '1.29.3';
    const server = `nginx/${version}`;
    return serveStatic(req, c.fs, '/usr/share/nginx/html', ['index.html', 'index.htm'], server, () => htmlPage(404, 'Not Found', server, c.now), c.now, true);
  },
  accessLog: (req, res, c) => {
    const line = combined(req, res, c.now, true);
    if (res.status !== 404 || !c.fs) return line;
    // nginx logs the failed open() to its error log (stderr) before the access line
    const path = decodeURIComponent(req.path.split('?')[0] || '/');
    const err = `${nginxTime(c.now)} [error] 29#29: *1 open() "/usr/share/nginx/html${path}" failed (2: No such file or directory), client: ${req.clientIp}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`;
    return [{ text: err, stream: 'stderr' }, line];
  },
};

const httpdApp: AppBehavior = {
  start(c) {
    const v = c.image.version || '2.4.65';
    const t = new Date(c.now);
    const ts = `${DAY[t.getUTCDay()]} ${MON[t.getUTCMonth()]} ${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}.${String(t.getUTCMilliseconds()).padStart(3, '0')}412 ${t.getUTCFullYear()}`;
    const ip = c.ip ?? '172.17.0.2';
    const lines = [
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
      `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`,
      `[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${v} (Unix) configured -- resuming normal operations`,
      `[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
    ];
    return { logs: lines, stderr: lines, ports: portsOf(c, [80]), stopCode: 0 };
  },
  http(req, c) {
    // header order, ETag ("size-mtime in µs", hex) and error pages as Apache 2.4 sends them (fixtures/runtime/httpd-2.4.txt)
    const v = c.image.version || '2.4.65';
    const server = `Apache/${v} (Unix)`;
    const html401 = verGte(v, '2.4.64');
    const date: [string, string] = ['Date', httpDate(c.now)];
    const page = (status: number, title: string, message: string, extra: Array<[string, string]> = []): HttpResponse => {
      const body = C.httpdError(status, title, message, html401);
      return { status, reason: title, headers: [date, ['Server', server], ...extra, ['Content-Length', String(byteLen(body))], ['Content-Type', 'text/html; charset=iso-8859-1']], body };
    };
    const root = '/usr/local/apache2/htdocs';
    const path = decodeURIComponent(req.path.split('?')[0] || '/');
    let st = c.fs?.stat(root + path) ?? null;
    let file = path;
    if (st?.type === 'dir') {
      if (!path.endsWith('/')) {
        const loc = `http://${req.host}${path}/`;
        return page(301, 'Moved Permanently', `The document has moved <a href="${loc}">here</a>.`, [['Location', loc]]);
      }
      file = path + 'index.html';
      st = c.fs?.stat(root + file) ?? null;
      if (!st || st.type !== 'file') return page(403, 'Forbidden', "You don't have permission to access this resource.");
    }
    if (!st || st.type !== 'file') return page(404, 'Not Found', 'The requested URL was not found on this server.');
    const body = c.fs!.readFile(root + file) ?? '';
    const size = byteLen(body);
    const mtime = st.mtimeMs || Date.parse('2025-07-23T00:00:00Z');
    const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    return {
      status: 200,
      reason: 'OK',
      headers: [date, ['Server', server], ['Last-Modified', httpDate(mtime)], ['ETag', `"${size.toString(16)}-${(BigInt(mtime) * 1000n).toString(16)}"`], ['Accept-Ranges', 'bytes'], ['Content-Length', String(size)], ['Content-Type', MIME[ext] ?? 'text/plain']],
      body: req.method === 'HEAD' ? '' : body,
    };
  },
  accessLog: (req, res, c) => {
    const len = req.method === 'HEAD' ? '-' : String(byteLen(res.body));
    return `${req.clientIp} - - [${clfTime(c.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${len}`;
  },
};

const redisApp: AppBehavior = {
  start(c) {
    const v = c.image.version || '8.2.3';
    const t = redisTime(c.now);
    const portArg = c.argv.indexOf('--port');
    const port = portArg >= 0 ? Number(c.argv[portArg + 1]) || 6379 : 6379;
    const major = Number(v.split('.')[0]);
    const minor = Number(v.split('.')[1]);
    // 7.0 logged these at warning level (#); 7.2 made them notices (*) and added "tcp"
    const old = major < 7 || (major === 7 && minor < 2);
    const n = old ? '#' : '*';
    const logs = [
      ...(major >= 8 ? ['Starting Redis Server'] : []),
      `1:C ${t} ${n} oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
      `1:C ${t} ${n} Redis version=${v}, bits=64, commit=00000000, modified=${major >= 8 ? 1 : 0}, pid=1, just started`,
      major >= 8 ? `1:C ${t} * Configuration loaded` : `1:C ${t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
      `1:M ${t} * monotonic clock: POSIX clock_gettime`,
      `1:M ${t} * Running mode=standalone, port=${port}.`,
      `1:M ${t} ${n} Server initialized`,
      `1:M ${t} * Ready to accept connections${old ? '' : ' tcp'}`,
    ];
    return { logs, ports: [port], stopCode: 0 };
  },
};

function envTrue(v: string | undefined): boolean {
  return v !== undefined && v !== '';
}

const postgresApp: AppBehavior = {
  start(c) {
    if (!envTrue(c.env.POSTGRES_PASSWORD) && c.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
      const logs = [
        'Error: Database is uninitialized and superuser password is not specified.',
        '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
        '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
        '',
        '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
        '       connections without a password. This is *not* recommended.',
        '',
        '       See PostgreSQL documentation about "trust":',
        '       https://www.postgresql.org/docs/current/auth-trust.html',
      ];
      return { logs, stderr: logs, ports: [], stopCode: 1, exit: { code: 1, afterMs: 300 } };
    }
    const v = c.image.version || '18.1';
    const t = pgTime(c.now);
    const logs = [
      'The files belonging to this database system will be owned by user "postgres".',
      'This user must also own the server process.',
      '',
      'The database cluster will be initialized with locale "en_US.utf8".',
      'The default database encoding has accordingly been set to "UTF8".',
      'The default text search configuration will be set to "english".',
      '',
      'Data page checksums are disabled.',
      '',
      'fixing permissions on existing directory /var/lib/postgresql/data ... ok',
      'creating subdirectories ... ok',
      'selecting dynamic shared memory implementation ... posix',
      'selecting default "max_connections" ... 100',
      'selecting default "shared_buffers" ... 128MB',
      'selecting default time zone ... Etc/UTC',
      'creating configuration files ... ok',
      'running bootstrap script ... ok',
      'performing post-bootstrap initialization ... ok',
      'syncing data to disk ... ok',
      '',
      '',
      'Success. You can now start the database server using:',
      '',
      '    pg_ctl -D /var/lib/postgresql/data -l logfile start',
      '',
      'waiting for server to start....' + `${t} [48] LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg13+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`,
      `${t} [48] LOG:  database system is ready to accept connections`,
      ' done',
      'server started',
      '',
      '/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*',
      '',
      'waiting for server to shut down....' + ` done`,
      'server stopped',
      '',
      'PostgreSQL init process complete; ready for start up.',
      '',
      `${t} [1] LOG:  starting PostgreSQL ${v} (Debian ${v}-1.pgdg13+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit`,
      `${t} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
      `${t} [1] LOG:  listening on IPv6 address "::", port 5432`,
      `${t} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
      `${t} [1] LOG:  database system was shut down at ${t}`,
      `${t} [1] LOG:  database system is ready to accept connections`,
    ];
    return { logs, ports: [5432], stopCode: 0 };
  },
};

const mysqlApp: AppBehavior = {
  start(c) {
    const v = c.image.version || '9.5.0';
    const t = isoTime(c.now).replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
    const head = [
      `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`,
      `${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
      `${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${v}-1.el9 started.`,
    ];
    if (!envTrue(c.env.MYSQL_ROOT_PASSWORD) && !envTrue(c.env.MYSQL_ALLOW_EMPTY_PASSWORD) && !envTrue(c.env.MYSQL_RANDOM_ROOT_PASSWORD)) {
      const err = [
        `${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
        '    You need to specify one of the following as an environment variable:',
        '    - MYSQL_ROOT_PASSWORD',
        '    - MYSQL_ALLOW_EMPTY_PASSWORD',
        '    - MYSQL_RANDOM_ROOT_PASSWORD',
      ];
      return { logs: [...head, ...err], stderr: err, ports: [], stopCode: 1, exit: { code: 1, afterMs: 500 } };
    }
    const z = isoTime(c.now).replace(/\.(\d+)Z$/, '.$1000Z');
    return {
      logs: [
        ...head,
        `${t} [Note] [Entrypoint]: Initializing database files`,
        `${t} [Note] [Entrypoint]: Database files initialized`,
        `${t} [Note] [Entrypoint]: Starting temporary server`,
        `${t} [Note] [Entrypoint]: Temporary server started.`,
        `${t} [Note] [Entrypoint]: Stopping temporary server`,
        `${t} [Note] [Entrypoint]: Temporary server stopped`,
        '',
        `${t} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`,
        '',
        `${z} 0 [System] [MY-015015] [Server] MySQL Server - start.`,
        `${z} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${v}) starting as process 1`,
        `${z} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
      ],
      ports: [3306, 33060],
      stopCode: 0,
    };
  },
};

/** mariadb's entrypoint refuses to initialise without a root password option (exit 1), else starts mariadbd. */
const mariadbApp: AppBehavior = {
  start(c) {
    const v = c.image.version || '12.1.2';
    const t = isoTime(c.now).replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
    const pkg = `1:${v}+maria~ubu2404`;
    const head = [`${t} [Note] [Entrypoint]: Entrypoint script for MariaDB Server ${pkg} started.`];
    const set = (k: string) => envTrue(c.env[`MARIADB_${k}`]) || envTrue(c.env[`MYSQL_${k}`]);
    if (!set('ROOT_PASSWORD') && !set('ROOT_PASSWORD_HASH') && !set('ALLOW_EMPTY_ROOT_PASSWORD') && !set('RANDOM_ROOT_PASSWORD')) {
      const err = [`${t} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`, '\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD'];
      return { logs: [...head, ...err], stderr: err, ports: [], stopCode: 1, exit: { code: 1, afterMs: 400 } };
    }
    return {
      logs: [
        ...head,
        `${t} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
        `${t} [Note] [Entrypoint]: Entrypoint script for MariaDB Server ${pkg} started.`,
        `${t} [Note] [Entrypoint]: Initializing database files`,
        `${t} [Note] [Entrypoint]: Database files initialized`,
        `${t} [Note] [Entrypoint]: Starting temporary server`,
        `${t} [Note] [Entrypoint]: Temporary server started.`,
        `${t} [Note] [Entrypoint]: Stopping temporary server`,
        `${t} [Note] [Entrypoint]: Temporary server stopped`,
        '',
        `${t} [Note] [Entrypoint]: MariaDB init process done. Ready for start up.`,
        '',
        `${t.replace('+00:00', '')} 0 [Note] Starting MariaDB ${v}-MariaDB-ubu2404 source revision ${sha256hex(`mariadb-${v}`).slice(0, 40)} server_uid ${Buffer.from(sha256hex(c.hostname), 'hex').toString('base64').slice(0, 27)}= as process 1`,
        `${t.replace('+00:00', '')} 0 [Note] mariadbd: ready for connections.`,
        `Version: '${v}-MariaDB-ubu2404'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution`,
      ],
      ports: [3306],
      stopCode: 0,
    };
  },
};

const mongoApp: AppBehavior = {
  start(c) {
    const ts = isoTime(c.now).replace('Z', '+00:00');
    const j = (id: number, ctx: string, msg: string, attr: string) => `{"t":{"$date":"${ts}"},"s":"I",  "c":"${ctx}", "id":${id},   "ctx":"initandlisten","msg":"${msg}"${attr ? `,"attr":${attr}` : ''}}`;
    return {
      logs: [
        j(4615611, 'CONTROL', 'MongoDB starting', `{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${c.hostname}"}`),
        j(23016, 'NETWORK', 'Waiting for connections', '{"port":27017,"ssl":"off"}'),
      ],
      ports: [27017],
      stopCode: 0,
    };
  },
};

const helloApp: AppBehavior = {
  start: () => ({ logs: C.HELLO_WORLD.split('\n').slice(0, -1), ports: [], stopCode: 0, exit: { code: 0, afterMs: 50 } }),
};

const whoamiApp: AppBehavior = {
  start(c) {
    const pi = c.argv.findIndex((a) => a === '--port' || a === '-port');
    const port = pi >= 0 ? Number(c.argv[pi + 1]) || 80 : Number(c.env.WHOAMI_PORT_NUMBER) || 80;
    return { logs: [`${nginxTime(c.now)} Starting up on port ${port}`], ports: [port], stopCode: 2 };
  },
  http(req, c) {
    // fmt.Fprintln lines, then the request as Go's Request.Write puts it on the wire (CRLF)
    // Docker (26+) disables IPv6 on containers of IPv4-only networks, so no ::1
    const lines = [`Hostname: ${c.hostname}`, 'IP: 127.0.0.1'];
    if (c.ip) lines.push(`IP: ${c.ip}`);
    lines.push(`RemoteAddr: ${req.clientIp}:${40000 + (parseInt(sha256hex(req.clientIp + c.now).slice(0, 4), 16) % 20000)}`);
    const wire = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${req.host}`, `User-Agent: ${req.userAgent}`];
    const rest = req.headers.filter(([k]) => !/^(host|user-agent)$/i.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, v] of rest) wire.push(`${k}: ${v}`);
    const body = lines.join('\n') + '\n' + wire.join('\r\n') + '\r\n\r\n';
    return { status: 200, reason: 'OK', headers: [['Date', httpDate(c.now)], ['Content-Length', String(byteLen(body))], ['Content-Type', 'text/plain; charset=utf-8']], body };
  },
};

const bootcampApp: AppBehavior = {
  start(c) {
    const d = new Date(c.now);
    return { logs: [`Kubernetes Bootcamp App Started At: ${d.toISOString()} | Running On:  ${c.hostname} `, ''], ports: [8080], stopCode: 137 };
  },
  http(_req, c) {
    const v = c.image.version === 'v2' ? 2 : 1;
    const body = `Hello Kubernetes bootcamp! | Running on: ${c.hostname} | v=${v}\n`;
    return { status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain'], ['Date', httpDate(c.now)], ['Connection', 'keep-alive'], ['Transfer-Encoding', 'chunked']], body };
  },
  accessLog: (_req, _res, c) => `Running On: ${c.hostname} | Total Requests: 1 | App Uptime: 1.0 seconds | Log Time: ${new Date(c.now).toISOString()}`,
};

const staticSiteApp: AppBehavior = {
  // the image's start script says so before nginx takes over (docker-curriculum shows the line)
  start: (c) => ({ logs: ['Nginx is running...'], ports: portsOf(c, [80, 443]), stopCode: 0 }),
  http(req, c) {
    const server = 'nginx/1.9.9';
    return serveStatic(req, c.fs, '/usr/share/nginx/html', ['index.html'], server, () => htmlPage(404, 'Not Found', server, c.now), c.now, true);
  },
  accessLog: (req, res, c) => combined(req, res, c.now, true),
};

function flaskScript(c: AppCtx) {
  const script = c.argv.find((a) => a.endsWith('.py'));
  const found = readScript(c.fs, script, c.image.config.WorkingDir);
  if (!found) return undefined;
  return flaskSource(c.fs, found.path, found.src, c.env, (n) => parseInt(sha256hex(`${c.hostname}${c.now}`).slice(0, 8), 16) % n);
}

function flaskPort(c: AppCtx): number {
  const src = flaskScript(c);
  if (src?.port) return src.port;
  const script = c.argv.find((a) => a.endsWith('.py'));
  const found = readScript(c.fs, script, c.image.config.WorkingDir);
  const m = found && /port\s*=\s*(\d+)/.exec(found.src);
  if (m) return Number(m[1]);
  return portsOf(c, [5000])[0]!;
}

function werkzeugServer(c: AppCtx): string {
  const py = c.image.config.Env.find((e) => e.startsWith('PYTHON_VERSION='))?.slice(15) ?? '3.8.20';
  // the Werkzeug that pip installed in the image, when the build recorded it
  const site = `/usr/local/lib/python${py.split('.').slice(0, 2).join('.')}/site-packages`;
  const dist = (c.fs?.readdir(site) ?? []).find((n) => /^werkzeug-[\d.]+\.dist-info$/i.test(n));
  return `Werkzeug/${dist ? dist.replace(/^werkzeug-/i, '').replace(/\.dist-info$/, '') : '3.0.6'} Python/${py}`;
}

const flaskApp: AppBehavior = {
  start(c) {
    const port = flaskPort(c);
    const ip = c.ip ?? '172.17.0.2';
    const src = flaskScript(c);
    const host = src?.host ?? '0.0.0.0';
    const debug = src?.debug ?? false;
    const logs = [
      ` * Serving Flask app '${src?.name ?? 'app'}'`,
      ` * Debug mode: ${debug ? 'on' : 'off'}`,
      'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.',
      ...(host === '0.0.0.0' ? [' * Running on all addresses (0.0.0.0)', ` * Running on http://127.0.0.1:${port}`, ` * Running on http://${ip}:${port}`] : [` * Running on http://${host}:${port}`]),
      'Press CTRL+C to quit',
      ...(debug ? [' * Restarting with stat', ' * Debugger is active!', ` * Debugger PIN: ${String(parseInt(sha256hex(c.hostname).slice(0, 8), 16) % 1_000_000_000).padStart(9, '0').replace(/^(\d{3})(\d{3})(\d{3})$/, '$1-$2-$3')}`] : []),
    ];
    return { logs, stderr: logs, ports: [port], stopCode: 0 };
  },
  http(req, c) {
    const label = c.image.config.Labels?.['k8s-drill.app'];
    if (req.path.split('?')[0] !== '/') {
      const body = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';
      return { status: 404, reason: 'NOT FOUND', headers: [['Server', werkzeugServer(c)], ['Date', httpDate(c.now)], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(byteLen(body))], ['Connection', 'close']], body };
    }
    const body =
      label === 'catnip'
        ? '<html>\n  <head>\n    <style type="text/css">\n      body {\n        background: black;\n        color: white;\n      }\n    </style>\n  </head>\n  <body>\n    <div class="container">\n      <h4>Cat Gif of the day</h4>\n      <img src="https://media.giphy.com/media/mlvseq9yvZhba/giphy.gif" />\n    </div>\n  </body>\n</html>\n'
        : label === 'foodtrucks'
          ? '<!DOCTYPE html>\n<html>\n<head>\n  <title>SF Food Trucks</title>\n</head>\n<body>\n  <div id="app"></div>\n</body>\n</html>\n'
          : (flaskScript(c)?.index ?? 'Hello, World!');
    return { status: 200, reason: 'OK', headers: [['Server', werkzeugServer(c)], ['Date', httpDate(c.now)], ['Content-Type', 'text/html; charset=utf-8'], ['Content-Length', String(byteLen(body))], ['Connection', 'close']], body };
  },
  accessLog: (req, res, c) => {
    const t = clfTime(c.now).replace(' +0000', '').replace(/^(\d+)\/(\w+)\/(\d+):/, '$1/$2/$3 ');
    const line = `${req.clientIp} - - [${t}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -`;
    return res.status >= 400 ? [`${req.clientIp} - - [${t}] code ${res.status}, message ${res.reason}`, line] : line;
  },
  accessLogStream: 'stderr',
};

function resolveIn(c: AppCtx, script: string): string {
  const dir = c.image.config.WorkingDir || c.fs?.cwd || '/';
  return script.startsWith('/') ? script : `${dir === '/' ? '' : dir.replace(/\/$/, '')}/${script.replace(/^\.\//, '')}`;
}

/** A learner's node/python app built from a Dockerfile: listens on its EXPOSEd port (or what its source says). */
const nodeApp: AppBehavior = {
  start(c) {
    const script = c.argv.slice(1).find((a) => /\.(c|m)?js$/.test(a) || !a.startsWith('-'));
    let port = portsOf(c, [3000])[0]!;
    const found = readScript(c.fs, script, c.image.config.WorkingDir);
    const exe = c.argv[0]!.slice(c.argv[0]!.lastIndexOf('/') + 1);
    if (!found && script && c.fs && (exe === 'node' || exe === 'nodejs') && c.fs.stat(resolveIn(c, script)) === null) {
      const abs = resolveIn(c, script);
      const v = c.image.version || '20.19.5';
      const err = ['node:internal/modules/cjs/loader:1228', '  throw err;', '  ^', '', `Error: Cannot find module '${abs}'`, '    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)', '    at Module._load (node:internal/modules/cjs/loader:1051:27)', '    at Function.executeUserEntryPoint [as runMain] (node:internal/modules/run_main:174:12)', '    at node:internal/main/run_main_module:28:49 {', "  code: 'MODULE_NOT_FOUND',", '  requireStack: []', '}', '', `Node.js v${v}`];
      return { logs: err, stderr: err, ports: [], stopCode: 1, exit: { code: 1, afterMs: 60 } };
    }
    if (found) {
      const src = found.src;
      const m = /\.listen\(\s*(\d+)/.exec(src) ?? /PORT\s*(?:\|\||\?\?)\s*(\d+)/.exec(src) ?? /port\s*=\s*(\d+)/i.exec(src);
      if (m) port = Number(m[1]);
    }
    if (c.env.PORT && /^\d+$/.test(c.env.PORT)) port = Number(c.env.PORT);
    // the script's own start-up line when we can read it (console.log with a literal or a template of the port)
    const own = found ? nodeStartLines(found.src, port) : undefined;
    return { logs: own ?? [`Server listening on port ${port}`], ports: [port], stopCode: 137 };
  },
  http(req, c) {
    const script = c.argv.slice(1).find((a) => /\.(c|m)?js$/.test(a) || !a.startsWith('-'));
    const found = readScript(c.fs, script, c.image.config.WorkingDir);
    const own = found ? nodeHttpAnswer(found.src) : undefined;
    if (own && !own.express) {
      // node's http module: the script's headers, then Date, Connection, Keep-Alive, Content-Length
      const headers: Array<[string, string]> = [...(own.contentType ? ([['Content-Type', own.contentType]] as Array<[string, string]>) : []), ['Date', httpDate(c.now)], ['Connection', 'keep-alive'], ['Keep-Alive', 'timeout=5'], ['Content-Length', String(byteLen(own.body))]];
      return { status: 200, reason: 'OK', headers, body: own.body };
    }
    if (req.path.split('?')[0] !== '/') {
      const p = req.path.split('?')[0]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      const page = `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot ${req.method} ${p}</pre>\n</body>\n</html>\n`;
      return text(404, page, [['X-Powered-By', 'Express'], ['Content-Security-Policy', "default-src 'none'"], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(c.now)], ['Connection', 'keep-alive']], 'text/html; charset=utf-8');
    }
    const body = own ? own.body : 'Hello World!';
    return text(200, body, [['X-Powered-By', 'Express'], ['Date', httpDate(c.now)], ['Connection', 'keep-alive']], 'text/html; charset=utf-8');
  },
};

const httpEchoApp: AppBehavior = {
  start(c) {
    const textArg = c.argv.find((a) => a.startsWith('-text=') || a.startsWith('--text='));
    const listen = c.argv.find((a) => a.startsWith('-listen=') || a.startsWith('--listen='));
    const port = listen ? Number(listen.split(':').pop()) || 5678 : 5678;
    if (!textArg) return { logs: ['Missing -text option!'], ports: [], stopCode: 0, exit: { code: 127, afterMs: 50 } };
    return { logs: [`${nginxTime(c.now)} [INFO] server is listening on :${port}`], ports: [port], stopCode: 2 };
  },
  http(_req, c) {
    const textArg = c.argv.find((a) => a.startsWith('-text=') || a.startsWith('--text='));
    const body = (textArg?.slice(textArg.indexOf('=') + 1) ?? '') + '\n';
    return text(200, body, [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0'], ['Date', httpDate(c.now)]]);
  },
  accessLog: (req, _res, c) => `${nginxTime(c.now)} ${req.host} ${req.clientIp}:40000 "${req.method} ${req.path} HTTP/1.1" 200 ${0} "${req.userAgent}" 20.1µs`,
};

const echoServerApp: AppBehavior = {
  start: () => ({ logs: [], ports: [8080], stopCode: 0 }),
  http(req, c) {
    const body = [
      '',
      '',
      `Hostname: ${c.hostname}`,
      '',
      'Pod Information:',
      '\t-no pod information available-',
      '',
      'Server values:',
      '\tserver_version=nginx: 1.13.3 - lua: 10008',
      '',
      'Request Information:',
      `\tclient_address=${req.clientIp}`,
      `\tmethod=${req.method}`,
      `\treal path=${req.path}`,
      '\tquery=',
      '\trequest_version=1.1',
      `\trequest_scheme=http`,
      `\trequest_uri=http://${req.host}:8080${req.path}`,
      '',
      'Request Headers:',
      '\taccept=*/*',
      `\thost=${req.host}`,
      `\tuser-agent=${req.userAgent}`,
      '',
      'Request Body:',
      '\t-no body in request-',
      '',
      '',
    ].join('\n');
    return { status: 200, reason: 'OK', headers: [['Server', 'nginx/1.10.0'], ['Date', httpDate(c.now)], ['Content-Type', 'text/plain'], ['Transfer-Encoding', 'chunked'], ['Connection', 'keep-alive']], body };
  },
  accessLog: (req, res, c) => combined(req, res, c.now, false),
};

const elasticApp: AppBehavior = {
  start(c) {
    // log4j's ISO8601 pattern: a comma before the milliseconds
    const t = isoTime(c.now).replace('Z', '').slice(0, 23).replace('.', ',');
    return {
      logs: [
        `[${t}][INFO ][o.e.n.Node               ] [] initializing ...`,
        `[${t}][INFO ][o.e.n.Node               ] [${c.hostname.slice(0, 7)}] version[${c.image.version}], pid[1], build[default/tar/053779d/2018-07-20T05:20:23.451332Z], OS[Linux/6.10.14-linuxkit/amd64], JVM["Oracle Corporation"/OpenJDK 64-Bit Server VM/10.0.2/10.0.2+13]`,
        `[${t}][INFO ][o.e.h.n.Netty4HttpServerTransport] [${c.hostname.slice(0, 7)}] publish_address {${c.ip ?? '172.17.0.2'}:9200}, bound_addresses {0.0.0.0:9200}`,
        `[${t}][INFO ][o.e.n.Node               ] [${c.hostname.slice(0, 7)}] started`,
      ],
      ports: [9200, 9300],
      stopCode: 143,
    };
  },
  http(_req, c) {
    const body = `{\n  "name" : "${c.hostname.slice(0, 7)}",\n  "cluster_name" : "docker-cluster",\n  "cluster_uuid" : "${sha256hex(c.hostname).slice(0, 22)}",\n  "version" : {\n    "number" : "${c.image.version}",\n    "build_flavor" : "default",\n    "build_type" : "tar",\n    "lucene_version" : "7.3.1",\n    "minimum_wire_compatibility_version" : "5.6.0",\n    "minimum_index_compatibility_version" : "5.0.0"\n  },\n  "tagline" : "You Know, for Search"\n}\n`;
    return text(200, body, [], 'application/json; charset=UTF-8');
  },
};

const stressApp: AppBehavior = {
  start(c) {
    const args = c.argv.slice(1);
    // cpuburn's burnP6 just burns a CPU, silently, until stopped
    if ((c.argv[0] ?? '').endsWith('burnP6')) return { logs: [], ports: [], stopCode: 137 };
    if (!args.length || args.includes('--help')) return { logs: ["`stress' imposes certain types of compute stress on your system", '', 'Usage: stress [OPTION [ARG]] ...'], ports: [], stopCode: 0, exit: { code: 0, afterMs: 50 } };
    const count = (flag: string, short: string) => {
      const i = args.findIndex((a) => a === flag || a === short);
      return i >= 0 ? Number(args[i + 1]) || 1 : 0;
    };
    return { logs: [`stress: info: [1] dispatching hogs: ${count('--cpu', '-c')} cpu, ${count('--io', '-i')} io, ${count('--vm', '-m')} vm, ${count('--hdd', '-d')} hdd`], ports: [], stopCode: 137 };
  },
};

/** The distribution registry (registry:2): its start-up lines and the read side of its HTTP API. */
const REGISTRY_ROOT = '/var/lib/registry/docker/registry/v2/repositories';
function registryRepos(fs: HostFs | undefined, dir = REGISTRY_ROOT, prefix = ''): string[] {
  const out: string[] = [];
  for (const n of fs?.readdir(dir) ?? []) {
    if (n === '_manifests') out.push(prefix.replace(/\/$/, ''));
    else if (!n.startsWith('_')) out.push(...registryRepos(fs, `${dir}/${n}`, `${prefix}${n}/`));
  }
  return out.sort();
}
const registryApp: AppBehavior = {
  start(c) {
    const v = c.image.version || '2.8.3';
    if (!v.startsWith('2')) return { logs: [], ports: portsOf(c, [5000]), stopCode: 2 };
    const t = isoTime(c.now).replace(/\.(\d+)Z$/, '.$1000000Z').replace(/(\.\d{9})\d*Z$/, '$1Z');
    const h = sha256hex(`registry-${c.hostname}`);
    const tail = ` go.version=go1.20.8 instance.id=${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)} service=registry version=${v} `;
    const line = (level: string, msg: string) => `time="${t}" level=${level} msg="${msg}"${tail}`;
    const logs = [
      line('warning', 'No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.'),
      line('info', 'redis not configured'),
      line('info', 'Starting upload purge in 20m0s'),
      line('info', 'using inmemory blob descriptor cache'),
      line('info', 'listening on [::]:5000'),
    ];
    return { logs, stderr: logs, ports: portsOf(c, [5000]), stopCode: 2 };
  },
  http(req, c) {
    const path = req.path.split('?')[0]!;
    const json = (status: number, body: string): HttpResponse => ({
      status,
      reason: reason(status),
      headers: [['Content-Type', 'application/json; charset=utf-8'], ['Docker-Distribution-Api-Version', 'registry/2.0'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(c.now)], ['Content-Length', String(byteLen(body))]],
      body,
    });
    if (path === '/v2/' || path === '/v2') return json(200, '{}');
    if (path === '/v2/_catalog') return json(200, JSON.stringify({ repositories: registryRepos(c.fs) }) + '\n');
    const m = /^\/v2\/(.+)\/tags\/list$/.exec(path);
    if (m) {
      const tags = (c.fs?.readdir(`${REGISTRY_ROOT}/${m[1]}/_manifests/tags`) ?? []).sort();
      if (!tags.length) return json(404, JSON.stringify({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry', detail: { name: m[1] } }] }) + '\n');
      return json(200, JSON.stringify({ name: m[1], tags }) + '\n');
    }
    return { status: 404, reason: 'Not Found', headers: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(c.now)], ['Content-Length', '19']], body: '404 page not found\n' };
  },
  accessLog: (req, res, c) => {
    const len = res.headers.find(([k]) => k === 'Content-Length')?.[1] ?? '0';
    return `${req.clientIp} - - [${clfTime(c.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${len} "" "${req.userAgent}"`;
  },
};

const quietServer = (fallback: number[], stopCode = 0): AppBehavior => ({
  start: (c) => ({ logs: [], ports: portsOf(c, fallback), stopCode }),
});

const helloAppApp: AppBehavior = {
  start: (c) => ({ logs: [`${nginxTime(c.now)} Server listening on port 8080`], ports: [8080], stopCode: 2 }),
  http(_req, c) {
    const v = c.image.version === '2.0' ? '2.0.0' : '1.0.0';
    return text(200, `Hello, world!\nVersion: ${v}\nHostname: ${c.hostname}\n`, [['Date', httpDate(c.now)]]);
  },
  accessLog: (req, _res, c) => `${nginxTime(c.now)} Serving request: ${req.path}`,
};

const phpApacheApp: AppBehavior = {
  start: (c) => ({ logs: [`AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${c.ip ?? '10.244.0.5'}. Set the 'ServerName' directive globally to suppress this message`], ports: [80], stopCode: 0 }),
  http: (_req, c) => text(200, 'OK!', [['Date', httpDate(c.now)], ['Server', 'Apache/2.4.10 (Debian)'], ['X-Powered-By', 'PHP/5.6.28']], 'text/html; charset=UTF-8'),
  accessLog: (req, res, c) => `${req.clientIp} - - [${clfTime(c.now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} 3 "-" "${req.userAgent}"`,
};

const nginxHelloApp = (plain: boolean): AppBehavior => ({
  start: nginxApp.start,
  http(req, c) {
    const t = new Date(c.now);
    const date = `${p2(t.getUTCDate())}/${MON[t.getUTCMonth()]}/${t.getUTCFullYear()}:${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} +0000`;
    const body = plain
      ? `Server address: ${c.ip ?? '172.17.0.2'}:${c.port}\nServer name: ${c.hostname}\nDate: ${date}\nURI: ${req.path}\nRequest ID: ${sha256hex(c.hostname + c.now).slice(0, 32)}\n`
      : `<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n</head>\n<body>\n<p><span>Server&nbsp;address:</span> <span>${c.ip ?? '172.17.0.2'}:${c.port}</span></p>\n<p><span>Server&nbsp;name:</span> <span>${c.hostname}</span></p>\n<p class="smaller"><span>Date:</span> <span>${date}</span></p>\n<p class="smaller"><span>URI:</span> <span>${req.path}</span></p>\n</body>\n</html>\n`;
    return text(200, body, [['Server', 'nginx/1.27.5'], ['Date', httpDate(c.now)], ['Connection', 'keep-alive'], ['Expires', httpDate(c.now)], ['Cache-Control', 'no-cache']], plain ? 'text/plain' : 'text/html');
  },
  accessLog: (req, res, c) => combined(req, res, c.now, true),
});

const scenarioApp: AppBehavior = {
  start(c) {
    const s = c.image.scenario ?? {};
    const ports = s.ports ?? portsOf(c, []);
    if (s.exitCode !== undefined) return { logs: s.logs ?? [], ports: [], stopCode: 0, exit: { code: s.exitCode, afterMs: 500 } };
    return { logs: s.logs ?? [], ports, stopCode: 0 };
  },
  http(req, c) {
    const s = c.image.scenario ?? {};
    return text(200, s.response ?? `${c.image.repository} ${req.method} ${req.path} on ${c.hostname}\n`, [['Date', httpDate(c.now)]]);
  },
};

export const APPS: Record<string, AppBehavior> = {
  nginx: nginxApp,
  httpd: httpdApp,
  redis: redisApp,
  postgres: postgresApp,
  mysql: mysqlApp,
  mariadb: mariadbApp,
  mongo: mongoApp,
  hello: helloApp,
  whoami: whoamiApp,
  bootcamp: bootcampApp,
  'static-site': staticSiteApp,
  flask: flaskApp,
  'node-app': nodeApp,
  'http-echo': httpEchoApp,
  echoserver: echoServerApp,
  elasticsearch: elasticApp,
  stress: stressApp,
  pause: quietServer([]),
  quiet: quietServer([]),
  tomcat: {
    start: (c) => ({ logs: [`${new Date(c.now).toUTCString().slice(5, 25).replace(/^(\d+) (\w+) (\d+)/, '$1-$2-$3')}.000 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [512] milliseconds`], ports: [8080], stopCode: 143 }),
    http: (req, c) => text(404, `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1></body></html>`, [['Date', httpDate(c.now)]], 'text/html;charset=utf-8'),
  },
  agnhost: quietServer([80], 2),
  registry: registryApp,
  'hello-app': helloAppApp,
  'php-apache': phpApacheApp,
  'nginx-hello': nginxHelloApp(false),
  'nginx-hello-text': nginxHelloApp(true),
  scenario: scenarioApp,
};

/** Which app a command line runs inside an image (after any entrypoint wrapper), or undefined for a plain command. */
export function appForArgv(image: ResolvedImage, argv: string[]): string | undefined {
  const exe = argv[0] ?? '';
  const base = exe.slice(exe.lastIndexOf('/') + 1);
  const rest = argv.slice(1);
  switch (base) {
    case 'nginx':
    case 'nginx-debug':
      if (rest.join(' ').includes('daemon off')) return image.app === 'static-site' || image.app === 'echoserver' || image.app.startsWith('nginx') ? image.app : 'nginx';
      return undefined;
    case 'httpd-foreground':
      return 'httpd';
    case 'httpd':
      return rest.some((a) => a.includes('FOREGROUND')) ? 'httpd' : undefined;
    case 'redis-server':
      return 'redis';
    case 'postgres':
      return 'postgres';
    case 'mysqld':
      return 'mysql';
    case 'mariadbd':
      return 'mariadb';
    case 'mongod':
      return 'mongo';
    case 'hello':
      return image.app === 'hello' ? 'hello' : undefined;
    case 'whoami':
      return 'whoami';
    case 'http-echo':
      return 'http-echo';
    case 'eswrapper':
    case 'elasticsearch':
      return 'elasticsearch';
    case 'stress':
    case 'burnP6':
      return 'stress';
    case 'pause':
      return 'pause';
    case 'agnhost':
      return 'agnhost';
    case 'registry':
      return 'registry';
    case 'hello-app':
      return 'hello-app';
    case 'apache2-foreground':
      return 'php-apache';
    case 'gunicorn':
    case 'flask':
      return 'flask';
    case 'node':
    case 'nodejs':
      if (!rest.length || rest[0] === '-i') return undefined;
      if (rest[0]!.startsWith('-')) return undefined;
      return image.app === 'bootcamp' ? 'bootcamp' : 'node-app';
    case 'npm':
    case 'yarn':
      return rest[0] === 'start' || (rest[0] === 'run' && /^(start|dev|serve)$/.test(rest[1] ?? '')) ? 'node-app' : undefined;
    case 'python':
    case 'python3':
    case 'python2':
      if (rest[0] === '-m' && rest[1] === 'http.server') return 'python-http';
      if (rest[0] && rest[0].endsWith('.py')) return 'flask';
      if (rest[0] === '-m' && rest[1] === 'flask') return 'flask';
      return undefined;
  }
  return undefined;
}

APPS['python-http'] = {
  start(c) {
    const i = c.argv.indexOf('http.server');
    const port = Number(c.argv[i + 1]) || 8000;
    return { logs: [`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`], ports: [port], stopCode: 0 };
  },
  http(req, c) {
    // SimpleHTTPRequestHandler speaks HTTP/1.0 and writes "Content-type"
    const server = `SimpleHTTP/0.6 Python/${c.image.version && /^3\./.test(c.image.version) ? c.image.version : '3.12.12'}`;
    const resp = (status: number, ctype: string, body: string, extra: Array<[string, string]> = []): HttpResponse => ({
      status,
      reason: status === 200 ? 'OK' : status === 404 ? 'File not found' : reason(status),
      version: 'HTTP/1.0',
      headers: [['Server', server], ['Date', httpDate(c.now)], ['Content-type', ctype], ['Content-Length', String(byteLen(body))], ...extra],
      body,
    });
    const path = decodeURIComponent(req.path.split('?')[0]!);
    const fsPath = ((c.fs?.cwd ?? '/') + (path === '/' ? '' : path)).replace(/\/\/+/g, '/');
    const list = c.fs?.readdir(fsPath);
    if (list) {
      const index = c.fs?.readFile(fsPath.replace(/\/?$/, '/index.html'));
      if (index != null) return resp(200, 'text/html', index);
      const items = list.map((n) => `<li><a href="${n}">${n}</a></li>`).join('\n');
      const body = `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${path}</title>\n</head>\n<body>\n<h1>Directory listing for ${path}</h1>\n<hr>\n<ul>\n${items}\n</ul>\n<hr>\n</body>\n</html>\n`;
      return resp(200, 'text/html; charset=utf-8', body);
    }
    const f = c.fs?.readFile(fsPath);
    if (f != null) return resp(200, /\.html?$/.test(path) ? 'text/html' : 'text/plain', f, [['Last-Modified', httpDate(c.fs?.stat(fsPath)?.mtimeMs || c.now)]]);
    const body = '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n';
    return { ...resp(404, 'text/html;charset=utf-8', body), headers: [['Server', server], ['Date', httpDate(c.now)], ['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8'], ['Content-Length', String(byteLen(body))]] };
  },
  accessLog: (req, res, c) => {
    const t = clfTime(c.now).replace(' +0000', '').replace(/^(\d+)\/(\w+)\/(\d+):/, '$1/$2/$3 ');
    const line = `${req.clientIp} - - [${t}] "${req.method} ${req.path} HTTP/1.1" ${res.status} -`;
    return res.status >= 400 ? [`${req.clientIp} - - [${t}] code ${res.status}, message ${res.reason}`, line] : line;
  },
  accessLogStream: 'stderr',
};
/** A few well-known sites of the outside world (the cluster and containers can reach the internet). */
APPS.internet = {
  start: () => ({ logs: [], ports: [80, 443], stopCode: 0 }),
  http(req, c) {
    const host = req.host.replace(/:\d+$/, '').toLowerCase();
    const date: [string, string] = ['Date', httpDate(c.now)];
    if (host === 'google.com')
      return { status: 301, reason: 'Moved Permanently', headers: [['Location', 'http://www.google.com/'], ['Content-Type', 'text/html; charset=UTF-8'], date, ['Expires', httpDate(c.now + 30 * 86400_000)], ['Cache-Control', 'public, max-age=2592000'], ['Server', 'gws'], ['Content-Length', String(byteLen(C.GOOGLE_301))]], body: C.GOOGLE_301 };
    if (host === 'example.com' || host === 'www.example.com')
      return { status: 200, reason: 'OK', headers: [['Content-Type', 'text/html'], ['ETag', '"84238dfc8092e5d9c0dac8ef93371a07:1736799080.121134"'], ['Last-Modified', 'Mon, 13 Jan 2025 20:11:20 GMT'], ['Cache-Control', 'max-age=3148'], date, ['Content-Length', String(byteLen(C.EXAMPLE_COM))], ['Connection', 'keep-alive']], body: C.EXAMPLE_COM };
    const body = `<!doctype html><html><head><title>${host}</title></head><body><h1>${host}</h1></body></html>\n`;
    return text(200, body, [date], 'text/html; charset=utf-8');
  },
};
