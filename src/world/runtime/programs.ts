/**
 * Programs inside a container: the shell engineer's coreutils (ls in busybox or GNU style) plus what images
 * have: hostname, whoami, id, ps, uname, which, nslookup, curl/wget, sh/bash, and the image's own programs
 * (nginx -v, node --version, redis-cli ping, apk add, apt-get install ...). A program only exists when its file is
 * on the container's PATH (busybox has wget but no curl; `apk add curl` puts it there).
 */
import type { Ctx, HostFs, IO, Program } from '../../core/types.js';
import type { World } from '../world.js';
import type { ResolvedImage } from './images.js';
import type { Flavor } from './osfs.js';
import { coreutils, makeLs, parseDuration } from '../../shell/coreutils.js';
import { runScript, type ScriptEnv } from '../../shell/interpreter.js';
import { curl, wget, nslookupProgram, pingProgram } from './net.js';

/** What a shell in a container knows about where it runs. */
export interface ContainerInfo {
  image: ResolvedImage;
  flavor: Flavor;
  hostname: string;
  user: string;
  /** container IP when known (hostname -i, ip addr) */
  ip?: string;
  /** The container's main process argv (ps shows it as PID 1). */
  mainArgv?: string[];
  /** where the net layer sees the request come from */
  from?: NetFrom;
  /** Programs looked up before everything else (the main-process planner's virtual sleep ...). */
  overrides?: Record<string, Program>;
  /** Which shell the script runs in: 'sh' (default) or 'bash'. */
  shell?: string;
  /** The interactive shell an exec opened (`docker exec -it c sh`): ps lists it. */
  execShell?: string;
}

export type NetFrom = { kind: 'host' } | { kind: 'container'; id: string } | { kind: 'pod'; namespace: string; name: string };

const KERNEL = '6.10.14-linuxkit';
const KERNEL_BUILD = '#1 SMP Thu Oct 24 19:28:55 UTC 2024';

/** PATH folders of the container (from the env the program sees). */
function pathDirs(env: Record<string, string>): string[] {
  return (env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':').filter(Boolean);
}

/** Where `name` lives on PATH in `fs`, or null. Names with a slash are checked as paths. */
export function findExecutable(fs: HostFs, env: Record<string, string>, name: string): string | null {
  if (!name) return null;
  if (name.includes('/')) {
    const st = fs.stat(fs.resolve(name));
    return st && st.type === 'file' ? fs.resolve(name) : null;
  }
  for (const d of pathDirs(env)) {
    const p = `${d}/${name}`;
    const st = fs.stat(p);
    if (st && st.type === 'file') return p;
  }
  return null;
}

function passwdEntry(fs: HostFs, user: string): { name: string; uid: number; gid: number; home: string; shell: string } {
  const lines = (fs.readFile('/etc/passwd') ?? '').split('\n');
  for (const l of lines) {
    const f = l.split(':');
    if (f.length >= 7 && (f[0] === user || f[2] === user)) return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), home: f[5]!, shell: f[6]! };
  }
  if (/^\d+$/.test(user)) return { name: '', uid: Number(user), gid: Number(user), home: '/', shell: '/bin/sh' };
  return { name: 'root', uid: 0, gid: 0, home: '/root', shell: '/bin/sh' };
}

function groupName(fs: HostFs, gid: number): string | null {
  for (const l of (fs.readFile('/etc/group') ?? '').split('\n')) {
    const f = l.split(':');
    if (f.length >= 3 && Number(f[2]) === gid) return f[0]!;
  }
  return null;
}

function idProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const u = passwdEntry(io.fs, argv.find((a) => !a.startsWith('-')) ?? info.user);
    const un = (uid: number, name: string) => (name ? `${uid}(${name})` : `${uid}`);
    const g = groupName(io.fs, u.gid) ?? '';
    if (argv.includes('-u')) return io.out(argv.includes('-n') ? `${u.name}\n` : `${u.uid}\n`), 0;
    if (argv.includes('-g')) return io.out(argv.includes('-n') ? `${g}\n` : `${u.gid}\n`), 0;
    let groups = un(u.gid, g);
    if (u.uid === 0 && info.flavor === 'alpine') groups = '0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)';
    else if (u.uid === 0 && info.flavor === 'busybox') groups = '0(root),10(wheel)';
    io.out(`uid=${un(u.uid, u.name)} gid=${un(u.gid, g)} groups=${groups}\n`);
    return 0;
  };
}

/** The main process line ps shows for PID 1. */
function mainCommand(info: ContainerInfo): string {
  const argv = info.mainArgv ?? [];
  const base = (argv[0] ?? '').replace(/^.*\//, '');
  if (info.image.app === 'nginx' || base === 'nginx' || (base === 'docker-entrypoint.sh' && argv[1] === 'nginx')) {
    const rest = argv[0]?.endsWith('docker-entrypoint.sh') ? argv.slice(1) : argv;
    if (rest[0] === 'nginx') return `nginx: master process ${rest.join(' ')}`;
  }
  if (base === 'docker-entrypoint.sh' && argv.length > 1) return argv.slice(1).join(' ');
  return argv.join(' ');
}

function psProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const user = passwdEntry(io.fs, info.user).name || info.user;
    const main = mainCommand(info) || 'sh';
    const procs: Array<{ pid: number; user: string; cmd: string }> = [{ pid: 1, user: 'root', cmd: main }];
    if (main.startsWith('nginx: master')) for (const pid of [29, 30, 31, 32]) procs.push({ pid, user: 'nginx', cmd: 'nginx: worker process' });
    const shellLike = info.execShell;
    let next = procs[procs.length - 1]!.pid + 6;
    if (shellLike) {
      procs.push({ pid: next, user, cmd: shellLike });
      next += 6;
    }
    procs.push({ pid: next, user, cmd: ['ps', ...argv].join(' ') });
    if (info.flavor === 'debian') {
      const wide = argv.some((a) => /^-?[a-z]*[aex][a-z]*$/.test(a) || a === '-ef' || a === 'aux');
      if (argv.some((a) => a.includes('u')) && wide) {
        io.out('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
        for (const p of procs) io.out(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0   ${p.pid === 1 ? '11404  7396' : ' 8088  4096'} ?        ${p.pid === 1 ? 'Ss ' : 'Rs '}  10:00   0:00 ${p.cmd}\n`);
      } else if (wide) {
        io.out('UID          PID    PPID  C STIME TTY          TIME CMD\n');
        for (const p of procs) io.out(`${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.pid === 1 ? 0 : 0).padStart(7)}  0 10:00 ?        00:00:00 ${p.cmd}\n`);
      } else {
        io.out('    PID TTY          TIME CMD\n');
        for (const p of procs.filter((x) => x.pid !== 1 || !shellLike)) io.out(`${String(p.pid).padStart(7)} pts/0    00:00:00 ${p.cmd.split(' ')[0]!.replace(/^.*\//, '')}\n`);
      }
      return 0;
    }
    io.out('PID   USER     TIME  COMMAND\n');
    for (const p of procs) io.out(`${String(p.pid).padStart(5)} ${p.user.padEnd(8).slice(0, 8)}  0:00 ${p.cmd}\n`);
    return 0;
  };
}

function unameProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const flags = argv.join('').replace(/-/g, '');
    const os = info.flavor === 'alpine' ? 'Linux' : 'GNU/Linux';
    if (!flags || flags === 's') io.out('Linux\n');
    else if (flags.includes('a')) io.out(`Linux ${info.hostname} ${KERNEL} ${KERNEL_BUILD} x86_64 ${os}\n`);
    else {
      const parts: string[] = [];
      for (const c of flags) {
        if (c === 's') parts.push('Linux');
        else if (c === 'n') parts.push(info.hostname);
        else if (c === 'r') parts.push(KERNEL);
        else if (c === 'v') parts.push(KERNEL_BUILD);
        else if (c === 'm' || c === 'p' || c === 'i') parts.push('x86_64');
        else if (c === 'o') parts.push(os);
        else {
          io.err(`uname: invalid option -- '${c}'\n`);
          return 1;
        }
      }
      io.out(parts.join(' ') + '\n');
    }
    return 0;
  };
}

function whichProgram(): Program {
  return (argv, io) => {
    let code = 0;
    for (const n of argv.filter((a) => !a.startsWith('-'))) {
      const p = findExecutable(io.fs, io.env, n);
      if (p) io.out(p + '\n');
      else code = 1;
    }
    return code;
  };
}

function version(out: 'out' | 'err', text: string): Program {
  return (_argv, io) => {
    io[out](text + '\n');
    return 0;
  };
}

function nginxProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const v = info.image.version || '1.29.3';
    const a = argv.join(' ');
    if (argv.includes('-v')) return io.err(`nginx version: nginx/${v}\n`), 0;
    if (argv.includes('-V')) {
      io.err(`nginx version: nginx/${v}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) \nbuilt with OpenSSL 3.0.17 1 Jul 2025\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/run/nginx.pid\n`);
      return 0;
    }
    if (argv.includes('-t') || argv.includes('-T')) {
      const conf = io.fs.readFile('/etc/nginx/nginx.conf');
      if (conf === null) {
        io.err(`nginx: [emerg] open() "/etc/nginx/nginx.conf" failed (2: No such file or directory)\nnginx: configuration file /etc/nginx/nginx.conf test failed\n`);
        return 1;
      }
      const opens = (conf.match(/{/g) ?? []).length;
      const closes = (conf.match(/}/g) ?? []).length;
      if (opens !== closes) {
        io.err(`nginx: [emerg] unexpected end of file, expecting "}" in /etc/nginx/nginx.conf:${conf.split('\n').length}\nnginx: configuration file /etc/nginx/nginx.conf test failed\n`);
        return 1;
      }
      if (argv.includes('-T')) io.out(`# configuration file /etc/nginx/nginx.conf:\n${conf}\n`);
      io.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
      return 0;
    }
    if (a.startsWith('-s')) {
      const t = new Date(io.now());
      const p = (n: number) => String(n).padStart(2, '0');
      io.err(`${t.getUTCFullYear()}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())} [notice] 47#47: signal process started\n`);
      return 0;
    }
    // a second nginx in a running container: the port is taken
    io.err(`nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address in use)\n`);
    return 1;
  };
}

function nodeVersionOf(info: ContainerInfo): string {
  return info.image.app === 'bootcamp' ? '6.3.1' : info.image.version && /^\d/.test(info.image.version) && info.image.repository.endsWith('node') ? info.image.version : (info.image.config.Env.find((e) => e.startsWith('NODE_VERSION='))?.slice(13) ?? '20.19.5');
}

function npmVersion(node: string): string {
  const major = Number(node.split('.')[0]);
  return major >= 24 ? '11.6.2' : major >= 20 ? '10.8.2' : major >= 18 ? '10.8.2' : major >= 16 ? '8.19.4' : major >= 8 ? '6.14.18' : '3.10.3';
}

/** Evaluates the tiny JS/Python one-liners people type (console.log("hi"), print(1+2)). */
function printArgs(src: string): string | null {
  const m = /^\s*(?:console\.log|print)\s*\(([\s\S]*)\)\s*;?\s*$/.exec(src);
  if (!m) return null;
  const inner = m[1]!.trim();
  const str = /^(['"`])([\s\S]*)\1$/.exec(inner);
  if (str) return str[2]!;
  if (/^[\d+\-*/ ().]+$/.test(inner)) {
    try {
      // arithmetic only (checked above)
      return String(Function(`"use strict"; return (${inner});`)());
    } catch {
      return null;
    }
  }
  return null;
}

function nodeProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const v = nodeVersionOf(info);
    if (argv[0] === '--version' || argv[0] === '-v') return io.out(`v${v}\n`), 0;
    if (argv[0] === '-e' || argv[0] === '--eval' || argv[0] === '-p') {
      const r = printArgs(argv[1] ?? '') ?? (argv[0] === '-p' ? (argv[1] ?? '') : null);
      if (r !== null) io.out(r + '\n');
      return 0;
    }
    if (argv[0] && !argv[0].startsWith('-')) {
      const p = io.fs.resolve(argv[0]);
      if (io.fs.stat(p)?.type !== 'file') {
        io.err(`node:internal/modules/cjs/loader:1386\n  throw err;\n  ^\n\nError: Cannot find module '${p}'\n    at Function._resolveFilename (node:internal/modules/cjs/loader:1383:15)\n    at Function._load (node:internal/modules/cjs/loader:1192:37)\n    at node:internal/main/run_main_module:36:49 {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${v}\n`);
        return 1;
      }
      return 0;
    }
    return 0;
  };
}

function npmProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const v = npmVersion(nodeVersionOf(info));
    const cmd = argv[0];
    if (cmd === '--version' || cmd === '-v') return io.out(`${v}\n`), 0;
    if (cmd === 'install' || cmd === 'i' || cmd === 'ci') {
      const pkg = io.fs.readFile('package.json');
      if (pkg === null && argv.length === 1) {
        io.err(`npm error code ENOENT\nnpm error syscall open\nnpm error path ${io.fs.resolve('package.json')}\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${io.fs.resolve('package.json')}'\n`);
        return 254;
      }
      io.fs.mkdir?.('node_modules', true);
      io.out('\nadded 65 packages, and audited 66 packages in 2s\n\n14 packages are looking for funding\n  run `npm fund` for details\n\nfound 0 vulnerabilities\n');
      return 0;
    }
    if (cmd === 'ls' || cmd === 'list') return io.out(`${io.fs.cwd}\n└── (empty)\n\n`), 0;
    return 0;
  };
}

function pythonProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const v = info.image.repository.endsWith('python') ? info.image.version : info.image.config.Env.find((e) => e.startsWith('PYTHON_VERSION='))?.slice(15) ?? '3.12.12';
    if (argv[0] === '--version' || argv[0] === '-V') return io.out(`Python ${v}\n`), 0;
    if (argv[0] === '-c') {
      const r = printArgs(argv[1] ?? '');
      if (r !== null) io.out(r + '\n');
      return 0;
    }
    if (argv[0] && !argv[0].startsWith('-') && io.fs.stat(io.fs.resolve(argv[0]))?.type !== 'file') {
      io.err(`python: can't open file '${io.fs.resolve(argv[0])}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    return 0;
  };
}

function pipProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const minor = (info.image.config.Env.find((e) => e.startsWith('PYTHON_VERSION='))?.slice(15) ?? '3.12.12').split('.').slice(0, 2).join('.');
    if (argv[0] === '--version' || argv[0] === '-V') return io.out(`pip 25.0.1 from /usr/local/lib/python${minor}/site-packages/pip (python ${minor})\n`), 0;
    if (argv[0] === 'install') {
      const pkgs = argv.slice(1).filter((a) => !a.startsWith('-'));
      const names = argv.includes('-r') ? (io.fs.readFile(argv[argv.indexOf('-r') + 1]!) ?? '').split('\n').map((s) => s.trim()).filter((s) => s && !s.startsWith('#')) : pkgs;
      for (const n of names) io.out(`Collecting ${n}\n  Downloading ${n.toLowerCase()}-1.0.0-py3-none-any.whl (100 kB)\n`);
      io.out(`Installing collected packages: ${names.join(', ')}\nSuccessfully installed ${names.map((n) => `${n}-1.0.0`).join(' ')}\n`);
      return 0;
    }
    if (argv[0] === 'list' || argv[0] === 'freeze') return io.out(argv[0] === 'list' ? 'Package    Version\n---------- -------\npip        25.0.1\n' : ''), 0;
    return 0;
  };
}

function redisCli(info: ContainerInfo): Program {
  return (argv, io) => {
    const args: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-h' || a === '-p' || a === '-a' || a === '-n') i++;
      else args.push(a);
    }
    if (args[0] === '--version' || args[0] === '-v') return io.out(`redis-cli ${info.image.version || '8.2.3'}\n`), 0;
    const path = '/data/dump.rdb';
    let db: Record<string, string> = {};
    try {
      db = JSON.parse(io.fs.readFile(path) ?? '{}');
    } catch {
      db = {};
    }
    const save = () => io.fs.writeFile(path, JSON.stringify(db));
    // on a terminal redis-cli shows types ("hello", (integer) 1, (nil)); piped, it prints raw values
    const tty = io.ctx.tty;
    const str = (v: string) => (tty ? `"${v}"` : v);
    const int = (n: number | string) => (tty ? `(integer) ${n}` : String(n));
    const cmd = (args[0] ?? '').toLowerCase();
    switch (cmd) {
      case '':
        return 0;
      case 'ping':
        io.out(args[1] ? `${str(args[1])}\n` : 'PONG\n');
        return 0;
      case 'set':
        db[args[1] ?? ''] = args[2] ?? '';
        save();
        io.out('OK\n');
        return 0;
      case 'get':
        io.out(db[args[1] ?? ''] !== undefined ? `${str(db[args[1]!]!)}\n` : tty ? '(nil)\n' : '\n');
        return 0;
      case 'del': {
        let n = 0;
        for (const k of args.slice(1)) if (k in db) delete db[k], n++;
        save();
        io.out(`${int(n)}\n`);
        return 0;
      }
      case 'incr': {
        const k = args[1] ?? '';
        db[k] = String((parseInt(db[k] ?? '0', 10) || 0) + 1);
        save();
        io.out(`${int(db[k]!)}\n`);
        return 0;
      }
      case 'keys': {
        const re = new RegExp('^' + (args[1] ?? '*').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
        const ks = Object.keys(db).filter((k) => re.test(k));
        if (!tty) io.out(ks.map((k) => k + '\n').join(''));
        else io.out(ks.length ? ks.map((k, i) => `${i + 1}) "${k}"`).join('\n') + '\n' : '(empty array)\n');
        return 0;
      }
      case 'dbsize':
        io.out(`${int(Object.keys(db).length)}\n`);
        return 0;
      case 'flushall':
      case 'flushdb':
        db = {};
        save();
        io.out('OK\n');
        return 0;
      case 'info':
        io.out(`# Server\r\nredis_version:${info.image.version || '8.2.3'}\r\nredis_mode:standalone\r\ntcp_port:6379\r\n`);
        return 0;
      default: {
        const msg = `ERR unknown command '${args[0]}', with args beginning with: ${args.slice(1).map((a) => `'${a}' `).join('')}`;
        io.out(tty ? `(error) ${msg}\n` : `${msg}\n\n`);
        return 0;
      }
    }
  };
}

const APK_VERSIONS: Record<string, string> = { curl: '8.14.1-r2', bash: '5.2.37-r0', git: '2.49.1-r0', vim: '9.1.1415-r0', nano: '8.4-r0', wget: '1.25.0-r1', jq: '1.8.0-r0', 'bind-tools': '9.20.15-r0', 'ca-certificates': '20250911-r0', openssl: '3.5.4-r0', python3: '3.12.12-r0', nodejs: '22.16.0-r2', npm: '11.3.0-r1', tzdata: '2025b-r0', htop: '3.4.1-r0', 'iputils': '20240905-r0' };
const PKG_BINS: Record<string, string[]> = { curl: ['curl'], bash: ['bash'], git: ['git'], vim: ['vim', 'vi'], nano: ['nano'], wget: ['wget'], jq: ['jq'], 'bind-tools': ['dig', 'host', 'nslookup'], dnsutils: ['dig', 'host', 'nslookup'], python3: ['python3'], nodejs: ['node'], npm: ['npm'], htop: ['htop'], procps: ['ps', 'top', 'free', 'pkill', 'pgrep'], 'iputils-ping': ['ping'], iputils: ['ping'], 'net-tools': ['ifconfig', 'netstat'], iproute2: ['ip', 'ss'], telnet: ['telnet'], 'netcat-openbsd': ['nc'], less: ['less'] };

function apkProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const minor = (io.fs.readFile('/etc/alpine-release') ?? '3.22.2').trim().split('.').slice(0, 2).join('.');
    const sub = argv.find((a) => !a.startsWith('-'));
    const pkgs = argv.slice(argv.indexOf(sub ?? '') + 1).filter((a) => !a.startsWith('-'));
    const fetch = () => {
      if (!argv.includes('--no-cache') && sub !== 'update') return;
      io.out(`fetch https://dl-cdn.alpinelinux.org/alpine/v${minor}/main/x86_64/APKINDEX.tar.gz\nfetch https://dl-cdn.alpinelinux.org/alpine/v${minor}/community/x86_64/APKINDEX.tar.gz\n`);
    };
    if (info.user !== 'root' && info.user !== '0' && (sub === 'add' || sub === 'del' || sub === 'update')) {
      io.err('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
      return 99;
    }
    if (sub === 'update') {
      fetch();
      io.out(`v${minor}.2-12-g0e8c2a1b3c [https://dl-cdn.alpinelinux.org/alpine/v${minor}/main]\nv${minor}.2-11-g7ad3c9f4e1 [https://dl-cdn.alpinelinux.org/alpine/v${minor}/community]\nOK: 26321 distinct packages available\n`);
      return 0;
    }
    if (sub === 'add') {
      fetch();
      const world = (io.fs.readFile('/etc/apk/world') ?? '').split('\n').filter(Boolean);
      let n = 0;
      const total = pkgs.length;
      for (const p of pkgs) {
        if (!/^[a-z0-9][a-z0-9._+-]*$/.test(p) || p === 'nonexistent' || p.startsWith('nope')) {
          io.err(`ERROR: unable to select packages:\n  ${p} (no such package):\n    required by: world[${p}]\n`);
          return 1;
        }
      }
      for (const p of pkgs) {
        n++;
        io.out(`(${n}/${total}) Installing ${p} (${APK_VERSIONS[p] ?? '1.0.0-r0'})\n`);
        for (const b of PKG_BINS[p] ?? [p]) io.fs.writeFile(`/usr/bin/${b}`, '');
        if (!world.includes(p)) world.push(p);
      }
      io.fs.writeFile('/etc/apk/world', world.sort().join('\n') + '\n');
      io.out(`Executing busybox-1.37.0-r19.trigger\nOK: ${12 + pkgs.length * 2} MiB in ${16 + world.length} packages\n`);
      return 0;
    }
    if (sub === 'del') {
      for (const p of pkgs) for (const b of PKG_BINS[p] ?? [p]) io.fs.remove?.(`/usr/bin/${b}`);
      io.out(`OK: 12 MiB in 16 packages\n`);
      return 0;
    }
    if (sub === '--version' || argv.includes('--version') || argv.includes('-V')) return io.out('apk-tools 2.14.9, compiled for x86_64.\n'), 0;
    io.out('apk-tools 2.14.9, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n');
    return 1;
  };
}

function aptProgram(info: ContainerInfo, name: string): Program {
  return (argv, io) => {
    const code = /VERSION_CODENAME=(\w+)/.exec(io.fs.readFile('/etc/os-release') ?? '')?.[1] ?? 'bookworm';
    const ubuntu = /ID=ubuntu/.test(io.fs.readFile('/etc/os-release') ?? '');
    const sub = argv.find((a) => !a.startsWith('-'));
    const pkgs = argv.slice(argv.indexOf(sub ?? '') + 1).filter((a) => !a.startsWith('-'));
    if (info.user !== 'root' && info.user !== '0' && (sub === 'update' || sub === 'install')) {
      io.err(`E: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n`);
      return 100;
    }
    const lists = '/var/lib/apt/lists/k8s-drill-updated';
    if (sub === 'update') {
      const mirror = ubuntu ? 'http://archive.ubuntu.com/ubuntu' : 'http://deb.debian.org/debian';
      io.out(`Get:1 ${mirror} ${code} InRelease [151 kB]\nGet:2 ${mirror} ${code}-updates InRelease [55.4 kB]\nGet:3 ${ubuntu ? 'http://security.ubuntu.com/ubuntu' : 'http://deb.debian.org/debian-security'} ${code}-security InRelease [48.0 kB]\nGet:4 ${mirror} ${code}/main amd64 Packages [8792 kB]\nFetched 9047 kB in 1s (6521 kB/s)\nReading package lists...${name === 'apt' ? ' Done' : ''}\n`);
      io.fs.writeFile(lists, '');
      return 0;
    }
    if (sub === 'install') {
      io.out(`Reading package lists...\nBuilding dependency tree...\nReading state information...\n`);
      const updated = io.fs.stat(lists) !== null;
      for (const p of pkgs) {
        if (!updated || p.startsWith('nope')) {
          io.err(`E: Unable to locate package ${p}\n`);
          return 100;
        }
      }
      io.out(`The following NEW packages will be installed:\n  ${pkgs.join(' ')}\n0 upgraded, ${pkgs.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get 1024 kB of archives.\nAfter this operation, 3072 kB of additional disk space will be used.\n`);
      if (!argv.includes('-y') && !argv.includes('--yes') && !argv.includes('-qq')) {
        io.out('Do you want to continue? [Y/n] Abort.\n');
        return 1;
      }
      pkgs.forEach((p, i) => io.out(`Get:${i + 1} http://deb.debian.org/debian ${code}/main amd64 ${p} amd64 1.0-1 [${100 + i} kB]\n`));
      io.out(`debconf: delaying package configuration, since apt-utils is not installed\nFetched 1024 kB in 0s (5120 kB/s)\n`);
      for (const p of pkgs) {
        io.out(`Selecting previously unselected package ${p}.\nUnpacking ${p} (1.0-1) ...\nSetting up ${p} (1.0-1) ...\n`);
        for (const b of PKG_BINS[p] ?? [p]) io.fs.writeFile(`/usr/bin/${b}`, '');
      }
      return 0;
    }
    return 0;
  };
}

/** pi to n decimals with a spigot (Rabinowitz–Wagon via BigInt Machin): perl -Mbignum=bpi -wle 'print bpi(2000)'. */
export function piDigits(n: number): string {
  const digits = BigInt(n + 10);
  const unity = 10n ** digits;
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = unity / x;
    const x2 = x * x;
    let k = 1n;
    let sign = 1n;
    while (term !== 0n) {
      sum += (sign * term) / k;
      term /= x2;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const s = pi.toString();
  // bpi(N) prints N significant digits, rounded
  const sig = s.slice(0, n + 1);
  const rounded = Number(s[n]) >= 5 ? (BigInt(s.slice(0, n)) + 1n).toString() : s.slice(0, n);
  void sig;
  return rounded[0] + '.' + rounded.slice(1);
}

function perlProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const v = info.image.version || '5.42.0';
    if (argv[0] === '-v' || argv[0] === '--version') return io.out(`\nThis is perl 5, version ${v.split('.')[1]}, subversion ${v.split('.')[2]} (v${v}) built for x86_64-linux-gnu\n\nCopyright 1987-2025, Larry Wall\n`), 0;
    const script = argv.find((a, i) => i > 0 && /^-\w*e$/.test(argv[i - 1]!)) ?? '';
    const bpi = /print\s+bpi\((\d+)\)/.exec(script);
    if (bpi) return io.out(piDigits(Number(bpi[1])) + '\n'), 0;
    const pr = /print\s+"([^"]*)"/.exec(script) ?? /print\s+'([^']*)'/.exec(script);
    if (pr) io.out(pr[1]!.replace(/\\n/g, '\n') + (argv.some((a) => /l/.test(a) && a.startsWith('-')) ? '\n' : ''));
    return 0;
  };
}

/** busybox `top`: one snapshot (k8s-drill has no full-screen programs). */
function topProgram(info: ContainerInfo): Program {
  return (_argv, io) => {
    const main = mainCommand(info) || 'sh';
    const rows: Array<[number, string]> = [[1, main]];
    if (main.startsWith('nginx: master')) for (const pid of [29, 30, 31, 32]) rows.push([pid, 'nginx: worker process']);
    if (info.execShell) rows.push([rows[rows.length - 1]![0] + 6, info.execShell]);
    rows.push([rows[rows.length - 1]![0] + 6, 'top']);
    io.out('Mem: 1654316K used, 6374792K free, 4412K shrd, 123456K buff, 1203456K cached\nCPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\nLoad average: 0.00 0.01 0.00 1/321 ' + rows[rows.length - 1]![0] + '\n');
    io.out('  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n');
    for (const [pid, cmd] of rows) io.out(`${String(pid).padStart(5)} ${String(pid === 1 ? 0 : pid > 28 && pid < 33 ? 1 : 0).padStart(5)} ${'root'.padEnd(8)} ${cmd === 'top' ? 'R' : 'S'}     ${pid === 1 ? ' 4392' : ' 4396'}   0%   0   0% ${cmd}\n`);
    return 0;
  };
}

/** busybox `top` / `free` / `df` snapshots (not interactive). */
const freeProgram: Program = (_argv, io) => {
  io.out('              total        used        free      shared  buff/cache   available\nMem:        8029108     1654316     3995244        4412     2379548     6137324\nSwap:       1048572           0     1048572\n');
  return 0;
};
const dfProgram: Program = (_argv, io) => {
  io.out('Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay               61202244  12345678  45727476  21% /\ntmpfs                    65536         0     65536   0% /dev\nshm                      65536         0     65536   0% /dev/shm\n/dev/vda1             61202244  12345678  45727476  21% /etc/hosts\n');
  return 0;
};

function ipProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    const ip = info.ip ?? '172.17.0.2';
    const sub = argv[0] ?? '';
    const mac = '02:42:' + ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join(':');
    if (sub.startsWith('a')) {
      io.out(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n    inet ${ip}/16 brd ${ip.split('.').slice(0, 2).join('.')}.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n`);
      return 0;
    }
    if (sub.startsWith('r')) {
      io.out(`default via ${ip.split('.').slice(0, 3).join('.')}.1 dev eth0 \n${ip.split('.').slice(0, 2).join('.')}.0.0/16 dev eth0 scope link  src ${ip}\n`);
      return 0;
    }
    io.err('Usage: ip [OPTIONS] address|route|link|neigh|rule [ARGS]\n');
    return 1;
  };
}

function hostnameProgram(info: ContainerInfo): Program {
  return (argv, io) => {
    if (argv.includes('-i') || argv.includes('-I')) return io.out(`${info.ip ?? '172.17.0.2'}${argv.includes('-I') ? ' ' : ''}\n`), 0;
    io.out((io.env.HOSTNAME || io.fs.readFile('/etc/hostname')?.trim() || info.hostname) + '\n');
    return 0;
  };
}

const silent: Program = () => 0;

/** Error wording of busybox applets vs GNU coreutils, applied over the shared coreutils. */
function errStyle(flavor: Flavor): (line: string) => string {
  if (flavor === 'debian')
    return (l) =>
      l
        .replace(/^(rm|cp|mv|mkdir|rmdir|touch|ln|chmod|chown): can't (remove|stat|create directory|create|remove directory|access) /, '$1: cannot $2 ')
        .replace(/^cat: can't open '(.+)': /, 'cat: $1: ');
  // busybox cat and sort open with xfopen ("can't open 'F'"); head, wc, grep ... warn with "F: No such file ..."
  return (l) => l.replace(/^(cat|sort|md5sum|sha256sum): ([^:']+): No such file or directory$/, "$1: can't open '$2': No such file or directory");
}

function withErrStyle(p: Program, style: (l: string) => string): Program {
  return (argv, io) => {
    let pending = '';
    const err = (s: string) => {
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const l of lines) io.err(style(l) + '\n');
    };
    const flush = () => {
      if (pending) io.err(style(pending));
      pending = '';
    };
    let r: number | Promise<number>;
    try {
      r = p(argv, { ...io, err });
    } catch (e) {
      flush();
      throw e;
    }
    if (typeof r === 'number') {
      flush();
      return r;
    }
    return r.then(
      (c) => (flush(), c),
      (e) => {
        flush();
        throw e;
      },
    );
  };
}

/** `sh` / `bash` as a program: `sh -c '...'`, `sh script.sh`, or a script on stdin. */
function shellProgram(info: ContainerInfo, name: string): Program {
  return async (argv, io) => {
    let text: string | null = null;
    let args: string[] = [name];
    if (argv[0] === '-c') {
      text = argv[1] ?? '';
      args = argv.slice(2).length ? argv.slice(2) : [name];
    } else if (argv[0] === '--version' && name === 'bash') {
      io.out('GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\n');
      return 0;
    } else if (argv[0] && !argv[0].startsWith('-')) {
      text = io.fs.readFile(argv[0]);
      if (text === null) {
        io.err(info.flavor === 'debian' ? `${name}: ${argv[0]}: No such file or directory\n` : `${name}: can't open '${argv[0]}': No such file or directory\n`);
        return name === 'bash' ? 127 : 2;
      }
      args = argv;
    } else text = io.stdinIsPipe ? io.stdin : '';
    const env = containerScriptEnv(io.world, io.ctx, io.fs, { ...io.env }, { ...info, shell: name });
    env.args = args;
    const r = await runScript(text, env, { stdin: io.stdin, out: io.out, err: io.err });
    return r.code;
  };
}

const table = new Map<string, Record<string, Program>>();

/** The programs of a container of this image (looked up only when their file is on PATH, see containerScriptEnv). */
export function containerPrograms(flavor: Flavor, image: ResolvedImage, info?: Partial<ContainerInfo>): Record<string, Program> {
  const full: ContainerInfo = { image, flavor, hostname: info?.hostname ?? '', user: info?.user ?? 'root', ...info };
  const shells = { sh: shellProgram(full, 'sh'), ash: shellProgram(full, 'sh'), bash: shellProgram(full, 'bash'), dash: shellProgram(full, 'sh'), zsh: shellProgram(full, 'zsh') };
  const node = nodeProgram(full);
  const python = pythonProgram(full);
  const v = image.version;
  const style = errStyle(flavor);
  const core: Record<string, Program> = {};
  for (const [k, p] of Object.entries(coreutils)) core[k] = withErrStyle(p, style);
  return {
    ...core,
    ls: makeLs(flavor === 'debian' ? 'gnu' : 'busybox'),
    ...shells,
    hostname: hostnameProgram(full),
    whoami: (_a, io) => (io.out((passwdEntry(io.fs, full.user).name || `whoami: unknown uid ${full.user}`) + '\n'), 0),
    id: idProgram(full),
    ps: psProgram(full),
    uname: unameProgram(full),
    which: whichProgram(),
    nslookup: nslookupProgram(full.from ?? { kind: 'host' }, image.repository === 'busybox' && /^1\.(2[0-8])\./.test(image.version)),
    curl: (argv, io) => curl(argv, io, full.from),
    wget: (argv, io) => wget(argv, io, full.from),
    ping: pingProgram(full.from ?? { kind: 'host' }),
    ip: ipProgram(full),
    ifconfig: ipProgram(full),
    free: freeProgram,
    top: topProgram(full),
    df: dfProgram,
    clear: silent,
    sync: silent,
    nginx: nginxProgram(full),
    'nginx-debug': nginxProgram(full),
    node,
    nodejs: node,
    npm: npmProgram(full),
    python,
    python3: python,
    [`python${(v || '3.12').split('.').slice(0, 2).join('.')}`]: python,
    pip: pipProgram(full),
    pip3: pipProgram(full),
    'redis-cli': redisCli(full),
    'redis-server': version('out', `Redis server v=${v || '8.2.3'} sha=00000000:1 malloc=jemalloc-5.3.0 bits=64 build=9c38ee2c5b3a0a0e`),
    psql: version('out', `psql (PostgreSQL) ${v || '18.1'} (Debian ${v || '18.1'}-1.pgdg13+1)`),
    postgres: version('out', `postgres (PostgreSQL) ${v || '18.1'} (Debian ${v || '18.1'}-1.pgdg13+1)`),
    mysql: version('out', `mysql  Ver ${v || '9.5.0'} for Linux on x86_64 (MySQL Community Server - GPL)`),
    mysqld: version('out', `/usr/sbin/mysqld  Ver ${v || '9.5.0'} for Linux on x86_64 (MySQL Community Server - GPL)`),
    mongosh: version('out', '2.5.9'),
    mongod: version('out', `db version v${v || '8.2.2'}`),
    httpd: version('out', `Server version: Apache/${v || '2.4.65'} (Unix)\nServer built:   Jul 23 2025 00:00:00`),
    perl: perlProgram(full),
    apk: apkProgram(full),
    'apt-get': aptProgram(full, 'apt-get'),
    apt: aptProgram(full, 'apt'),
    yarn: version('out', '1.22.22'),
    npx: silent,
  };
}
void table;

function notFoundMessage(info: ContainerInfo, shell: string, name: string): string {
  if (shell === 'bash') return `bash: ${name}: command not found\n`;
  if (info.flavor === 'debian') return `sh: 1: ${name}: not found\n`;
  return `sh: ${name}: not found\n`;
}

/**
 * Inside a container a write needs its folder to exist (HostFs.writeFile creates parents, as the learner's host
 * edge wants; `echo hi > /nope/f` must fail in a container).
 */
export function strictFs(fs: HostFs): HostFs {
  if ((fs as { strict?: boolean }).strict) return fs;
  const view: HostFs & { strict: true } = {
    strict: true,
    get cwd() {
      return fs.cwd;
    },
    set cwd(v: string) {
      fs.cwd = v;
    },
    readFile: (p) => fs.readFile(p),
    ...(fs.readFileBytes ? { readFileBytes: (p: string) => fs.readFileBytes!(p) } : {}),
    stat: (p) => fs.stat(p),
    readdir: (p) => fs.readdir(p),
    resolve: (p) => fs.resolve(p),
    writeFile: (p, content, append) => {
      const abs = fs.resolve(p);
      const parent = abs.slice(0, abs.lastIndexOf('/')) || '/';
      const st = fs.stat(parent);
      if (!st) return 'No such file or directory';
      if (st.type !== 'dir') return 'Not a directory';
      return fs.writeFile(p, content, append);
    },
    ...(fs.mkdir ? { mkdir: (p: string, parents?: boolean) => fs.mkdir!(p, parents) } : {}),
    ...(fs.remove ? { remove: (p: string, recursive?: boolean) => fs.remove!(p, recursive) } : {}),
  };
  return view;
}

/** A ScriptEnv for a shell inside a container: programs exist when their file is on PATH in `fs`. */
export function containerScriptEnv(world: World, ctx: Ctx, fsIn: HostFs, vars: Record<string, string>, info: ContainerInfo): ScriptEnv {
  const fs = strictFs(fsIn);
  const progs = containerPrograms(info.flavor, info.image, info);
  const shell = info.shell ?? 'sh';
  const overrides = info.overrides ?? {};
  return {
    world,
    ctx,
    fs,
    vars,
    host: false,
    shellName: shell === 'bash' ? 'bash' : 'sh',
    first: (name) => {
      if (Object.hasOwn(overrides, name)) {
        const base = name.slice(name.lastIndexOf('/') + 1);
        if (findExecutable(fs, vars, name) || findExecutable(fs, vars, base)) return overrides[name];
      }
      if (name === 'which') return progs.which;
      return undefined;
    },
    lookup: (name) => {
      const path = findExecutable(fs, vars, name);
      if (!path) return undefined;
      const base = path.slice(path.lastIndexOf('/') + 1);
      const over = overrides[base];
      if (over) return over;
      return progs[base] ?? progs[name] ?? silent;
    },
    notFound: (name) => notFoundMessage(info, shell, name),
  };
}

export { parseDuration };
export type { IO };
