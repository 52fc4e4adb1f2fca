/**
 * docker build: reads the Dockerfile and context through ctx.host, runs the instructions against the simulated
 * image store, and prints BuildKit's plain progress (what `docker build` shows when stderr is not a terminal).
 * Built images are local images whose extra layers (COPY/ADD/RUN effects) containers then see.
 */
import type { IO } from '../core/types.js';
import type { Invocation } from './index.js';
import type { FsLayer, ImageConfig } from '../world/runtime/contract.js';
import * as I from '../world/docker/images.js';
import { resolve as resolveSource, baseLayers, type HistoryEntry } from '../world/docker/image-source.js';
import { sha256hex } from '../world/runtime/images.js';
import { layeredFs } from '../world/runtime/fs.js';
import { humanSizeWithPrecision } from './units.js';

interface Instr {
  keyword: string;
  args: string;
  line: number;
  endLine: number;
  flags: Record<string, string>;
  /** RUN --mount=type=bind,source=...,target=... (repeatable) */
  mounts: Record<string, string>[];
}

interface Stage {
  name?: string;
  index: number;
  baseRef: string | null;
  baseShown: string;
  baseLayersFs: FsLayer[];
  files: FsLayer;
  config: ImageConfig;
  history: HistoryEntry[];
  size: number;
  instrs: Instr[];
  fromLine: number;
  args: Record<string, string>;
  baseLayerIds: string[];
  localBase?: any;
}

class BuildError extends Error {
  constructor(
    public step: string | null,
    public detail: string,
    public solve: string,
    public line?: [number, number],
    public code = 1,
    public stepNo?: number,
    public logs: string[] = [],
  ) {
    super(detail);
  }
}

function fmtSize(n: number): string {
  return humanSizeWithPrecision(n, 3);
}

/** Splits instruction arguments: JSON array form or shell words (quotes respected). */
function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (q) {
      if (c === q) q = null;
      else if (c === '\\' && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

function jsonArray(s: string): string[] | null {
  const t = s.trim();
  if (!t.startsWith('[')) return null;
  try {
    const v = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

function expand(s: string, vars: Record<string, string>): string {
  return s.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a, op, word, b) => {
    const name = a ?? b;
    const v = vars[name];
    if (op === '-') return v ? v : word;
    if (op === '+') return v ? word : '';
    return v ?? '';
  });
}

function envMap(env: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const e of env) {
    const i = e.indexOf('=');
    m[e.slice(0, i)] = e.slice(i + 1);
  }
  return m;
}

function setEnv(cfg: ImageConfig, k: string, v: string): void {
  const i = cfg.Env.findIndex((e) => e.split('=')[0] === k);
  if (i >= 0) cfg.Env[i] = `${k}=${v}`;
  else cfg.Env.push(`${k}=${v}`);
}

/** key=value pairs (ENV/LABEL/ARG), or the legacy `ENV key value` form. */
function pairs(s: string, legacy: boolean): [string, string][] {
  const w = words(s);
  if (legacy && w.length >= 1 && !w[0]!.includes('=')) {
    const sp = s.trim().search(/\s/);
    return [[w[0]!, sp < 0 ? '' : s.trim().slice(sp).trim().replace(/^["']|["']$/g, '')]];
  }
  return w.map((x) => {
    const i = x.indexOf('=');
    return i < 0 ? [x, ''] : [x.slice(0, i), x.slice(i + 1)];
  });
}

function joinPath(a: string, b: string): string {
  const abs = b.startsWith('/') ? b : `${a.replace(/\/$/, '')}/${b}`;
  const out: string[] = [];
  for (const p of abs.split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}

// ------------------------------------------------------------------ .dockerignore

interface IgnoreRule {
  re: RegExp;
  negate: boolean;
}

function globToRe(p: string): RegExp {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        i++;
        if (p[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '(?:/.*)?$');
}

function parseIgnore(text: string | null): IgnoreRule[] {
  if (!text) return [];
  const rules: IgnoreRule[] = [];
  for (let line of text.split('\n')) {
    line = line.trim();
    if (!line || line.startsWith('#')) continue;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1).trim();
    }
    line = joinPath('/', line).slice(1);
    if (!line) continue;
    rules.push({ re: globToRe(line), negate });
  }
  return rules;
}

function ignored(rules: IgnoreRule[], rel: string): boolean {
  let out = false;
  for (const r of rules) if (r.re.test(rel)) out = !r.negate;
  return out;
}

// ------------------------------------------------------------------ context

interface Context {
  root: string;
  files: Map<string, string>; // rel path -> content
  dirs: Set<string>;
  bytes: number;
}

function readContext(io: IO, root: string, rules: IgnoreRule[]): Context {
  const host = io.ctx.host;
  const files = new Map<string, string>();
  const dirs = new Set<string>(['']);
  let bytes = 0;
  const walk = (rel: string, depth: number) => {
    if (depth > 12 || files.size > 5000) return;
    const abs = rel ? `${root}/${rel}` : root;
    for (const name of host.readdir(abs) ?? []) {
      const r = rel ? `${rel}/${name}` : name;
      if (ignored(rules, r)) {
        // a negated rule below may re-include; only descend into ignored folders when a negation exists
        if (!rules.some((x) => x.negate)) continue;
      }
      const st = host.stat(`${root}/${r}`);
      if (!st) continue;
      if (st.type === 'dir') {
        if (r === 'node_modules' || r.endsWith('/node_modules') || r === '.git') {
          if (ignored(rules, r)) continue;
        }
        dirs.add(r);
        walk(r, depth + 1);
      } else if (!ignored(rules, r)) {
        const c = host.readFile(`${root}/${r}`) ?? '';
        files.set(r, c);
        bytes += st.size;
      }
    }
  };
  walk('', 0);
  return { root, files, dirs, bytes };
}

function matchSources(ctx: Context, src: string): { rel: string; isDir: boolean }[] {
  const clean = joinPath('/', src).slice(1);
  if (clean === '') return [{ rel: '', isDir: true }];
  if (/[*?[]/.test(clean)) {
    const re = new RegExp('^' + clean.split('/').map((seg) => seg.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')).join('/') + '$');
    const out: { rel: string; isDir: boolean }[] = [];
    for (const f of ctx.files.keys()) if (re.test(f)) out.push({ rel: f, isDir: false });
    for (const d of ctx.dirs) if (d && re.test(d)) out.push({ rel: d, isDir: true });
    return out;
  }
  if (ctx.files.has(clean)) return [{ rel: clean, isDir: false }];
  if (ctx.dirs.has(clean)) return [{ rel: clean, isDir: true }];
  return [];
}

// ------------------------------------------------------------------ RUN effects

const KNOWN_PKG_FILES: Record<string, string[]> = {
  curl: ['/usr/bin/curl'],
  wget: ['/usr/bin/wget'],
  git: ['/usr/bin/git'],
  vim: ['/usr/bin/vim'],
  nano: ['/usr/bin/nano'],
  bash: ['/bin/bash'],
  python3: ['/usr/bin/python3'],
  nodejs: ['/usr/bin/node'],
  npm: ['/usr/bin/npm'],
  'iputils-ping': ['/bin/ping'],
  'net-tools': ['/bin/netstat'],
  htop: ['/usr/bin/htop'],
  jq: ['/usr/bin/jq'],
};

interface RunOutcome {
  output: string[];
  code: number;
  size: number;
}

function runEffects(stage: Stage, script: string, now: number): RunOutcome {
  const fs = layeredFs({ lower: stage.baseLayersFs, upper: stage.files, cwd: stage.config.WorkingDir || '/', now: () => now });
  const out: string[] = [];
  let size = 0;
  const add = (p: string, content = '') => {
    fs.mkdir(p.replace(/\/[^/]+$/, '') || '/', true);
    fs.writeFile(p, content);
    size += content.length + 512;
  };
  const pathDirs = (envMap(stage.config.Env).PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':');
  const exists = (exe: string) => (exe.includes('/') ? fs.stat(exe) !== null : pathDirs.some((d) => fs.stat(`${d}/${exe}`) !== null));
  const builtins = new Set(['cd', 'echo', 'export', 'set', 'true', 'false', 'exit', 'test', '[', 'printf', ':', 'if', 'then', 'fi', 'for', 'do', 'done', 'rm', 'mkdir', 'touch', 'cp', 'mv', 'chmod', 'chown', 'ln', 'cat', 'ls', 'sed', 'grep', 'addgroup', 'adduser', 'useradd', 'groupadd', 'sh', 'bash']);
  const env = envMap(stage.config.Env);
  const parts = script.split(/&&|;|\|\|/).map((s) => s.trim()).filter(Boolean);
  let cwd = stage.config.WorkingDir || '/';
  for (const part of parts) {
    const redir = /^(.*?)\s*(>>?)\s*(\S+)\s*$/.exec(part);
    const cmdText = redir && !part.startsWith('echo') && !part.startsWith('printf') ? part : redir ? redir[1]! : part;
    const w = words(expand(cmdText, env));
    if (!w.length) continue;
    const [cmd, ...args] = w as [string, ...string[]];
    const target = redir ? joinPath(cwd, expand(redir[3]!, env)) : null;
    switch (cmd) {
      case 'echo':
      case 'printf': {
        const text = args.filter((a) => a !== '-e' && a !== '-n').join(' ').replace(/\\n/g, '\n') + (args.includes('-n') || cmd === 'printf' ? '' : '\n');
        if (target) {
          const prev = redir![2] === '>>' ? (fs.readFile(target) ?? '') : '';
          add(target, prev + text);
        } else out.push(...text.replace(/\n$/, '').split('\n'));
        continue;
      }
      case 'cd':
        cwd = joinPath(cwd, args[0] ?? '/');
        continue;
      case 'mkdir':
        for (const a of args.filter((x) => !x.startsWith('-'))) fs.mkdir(joinPath(cwd, a), true);
        continue;
      case 'touch':
        for (const a of args.filter((x) => !x.startsWith('-'))) add(joinPath(cwd, a), fs.readFile(joinPath(cwd, a)) ?? '');
        continue;
      case 'rm':
        for (const a of args.filter((x) => !x.startsWith('-'))) fs.remove(joinPath(cwd, a), true);
        continue;
      case 'apk': {
        if (args[0] === 'add') {
          const pkgs = args.slice(1).filter((a) => !a.startsWith('-'));
          out.push('fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz', 'fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz');
          pkgs.forEach((p, i) => {
            out.push(`(${i + 1}/${pkgs.length}) Installing ${p} (${pkgVersion(p)})`);
            for (const f of KNOWN_PKG_FILES[p] ?? [`/usr/bin/${p}`]) add(f);
            size += 1_500_000;
          });
          out.push(`OK: ${(8 + pkgs.length * 1.5).toFixed(0)} MiB in ${15 + pkgs.length} packages`);
        }
        continue;
      }
      case 'apt-get':
      case 'apt': {
        if (args[0] === 'update') {
          out.push('Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]', 'Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]', 'Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]', 'Fetched 9127 kB in 1s (8154 kB/s)', 'Reading package lists...');
          size += 20_000_000;
        } else if (args[0] === 'install') {
          const pkgs = args.slice(1).filter((a) => !a.startsWith('-'));
          out.push('Reading package lists...', 'Building dependency tree...', 'Reading state information...', 'The following NEW packages will be installed:', '  ' + pkgs.join(' '));
          for (const p of pkgs) {
            for (const f of KNOWN_PKG_FILES[p] ?? [`/usr/bin/${p}`]) add(f);
            size += 3_000_000;
            out.push(`Setting up ${p} (${pkgVersion(p)}) ...`);
          }
        }
        continue;
      }
      case 'npm': {
        if (args[0] === 'install' || args[0] === 'i' || args[0] === 'ci') {
          const pkg = fs.readFile(joinPath(cwd, 'package.json'));
          let deps: string[] = args.slice(1).filter((a) => !a.startsWith('-'));
          if (pkg && !deps.length) {
            try {
              const j = JSON.parse(pkg);
              deps = Object.keys({ ...(j.dependencies ?? {}), ...(args.includes('--production') || args.includes('--omit=dev') ? {} : (j.devDependencies ?? {})) });
            } catch {
              /* ignore */
            }
          } else if (!pkg && !deps.length) {
            out.push('npm error code ENOENT', 'npm error syscall open', `npm error path ${joinPath(cwd, 'package.json')}`, `npm error errno -2`, `npm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${joinPath(cwd, 'package.json')}'`);
            return { output: out, code: 254, size };
          }
          for (const d of deps) add(joinPath(cwd, `node_modules/${d}/package.json`), JSON.stringify({ name: d, version: '1.0.0' }) + '\n');
          add(joinPath(cwd, 'node_modules/.package-lock.json'), '{}\n');
          const n = deps.length * 13 + 1;
          // npm 9+ warns about the old flag; a package without dependencies is "up to date"
          if (args.includes('--production')) out.push('npm WARN config production Use `--omit=dev` instead.');
          if (!deps.length) out.push('', 'up to date, audited 1 package in 153ms', '', 'found 0 vulnerabilities');
          else out.push('', `added ${n} package${n === 1 ? '' : 's'}, and audited ${n + 1} packages in 2s`, '', `${Math.max(0, deps.length * 2)} packages are looking for funding`, '  run `npm fund` for details', '', 'found 0 vulnerabilities');
          size += n * 120_000;
        }
        continue;
      }
      case 'pip':
      case 'pip3': {
        if (args[0] === 'install') {
          let pkgs = args.slice(1).filter((a) => !a.startsWith('-'));
          const ri = args.indexOf('-r');
          if (ri >= 0) {
            const req = fs.readFile(joinPath(cwd, args[ri + 1] ?? 'requirements.txt'));
            if (req === null) {
              out.push(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${args[ri + 1]}'`);
              return { output: out, code: 1, size };
            }
            pkgs = req.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
          }
          const minor = (env.PYTHON_VERSION ?? '3.12.12').split('.').slice(0, 2).join('.');
          const site = `/usr/local/lib/python${minor}/site-packages`;
          const verOf = (p: string) => (p.includes('==') ? p.split('==')[1]!.trim() : '1.0.0');
          pkgs.forEach((p, i) => {
            const name = p.split(/[=<>~!\s]/)[0]!;
            // pip 23.1+ says where a requirement came from
            out.push(`Collecting ${p}${ri >= 0 ? ` (from -r ${args[ri + 1]} (line ${i + 1}))` : ''}`, `  Downloading ${name.replace(/-/g, '_')}-${verOf(p)}-py3-none-any.whl.metadata (3.9 kB)`);
            add(`${site}/${name.toLowerCase()}/__init__.py`);
            // the installed version, as a dist-info (the app's server reads it: Werkzeug/2.2.2)
            add(`${site}/${name.toLowerCase().replace(/-/g, '_')}-${verOf(p)}.dist-info/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${verOf(p)}\n`);
            size += 2_000_000;
          });
          out.push(`Installing collected packages: ${pkgs.map((p) => p.split(/[=<>~!\s]/)[0]).join(', ')}`);
          out.push(`Successfully installed ${pkgs.map((p) => `${p.split(/[=<>~!\s]/)[0]}-${verOf(p)}`).join(' ')}`);
          if (!args.includes('--root-user-action=ignore') && (stage.config.User || 'root') === 'root')
            out.push("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you want to disable this warning.");
        }
        continue;
      }
      default:
        if (builtins.has(cmd) || exists(cmd)) {
          if (cmd === 'cp' && args.length >= 2) {
            const srcs = args.filter((a) => !a.startsWith('-'));
            const dst = joinPath(cwd, srcs.pop()!);
            for (const s of srcs) {
              const c = fs.readFile(joinPath(cwd, s));
              if (c !== null) add(fs.stat(dst)?.type === 'dir' ? `${dst}/${s.split('/').pop()}` : dst, c);
            }
          }
          if (target) add(target, '');
          size += 1000;
          continue;
        }
        out.push(`/bin/sh: ${cmd}: not found`);
        return { output: out, code: 127, size };
    }
  }
  return { output: out, code: 0, size };
}

function pkgVersion(p: string): string {
  let h = 0;
  for (const c of p) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${1 + (h % 9)}.${h % 13}.${h % 7}-r${h % 3}`;
}

// ------------------------------------------------------------------ terminal frame

/** buildkit progressui's align: left padded, one space, the right part. */
function align(l: string, r: string, w: number): string {
  const width = w - r.length - 1;
  return (l.length < width ? l + ' '.repeat(width - l.length) : l) + ' ' + r;
}

/** The final frame of BuildKit's TTY display, rebuilt from the plain progress lines. */
function ttyFrame(plain: string[], width: number): string {
  interface Job {
    name: string;
    dur: number;
    subs: { name: string; dur: number }[];
    error: boolean;
  }
  const jobs: Job[] = [];
  const byId = new Map<string, Job>();
  let total = 0;
  for (const line of plain) {
    const m = /^#(\d+) (.*)$/.exec(line);
    if (!m || m[1] === '0') continue;
    const [, id, rest] = m as unknown as [string, string, string];
    let j = byId.get(id);
    if (!j) {
      j = { name: rest, dur: 0, subs: [], error: false };
      byId.set(id, j);
      jobs.push(j);
      continue;
    }
    let x: RegExpExecArray | null;
    if ((x = /^DONE (\d+\.\d)s$/.exec(rest))) {
      j.dur = parseFloat(x[1]!);
      total += j.dur;
    } else if (rest === 'CACHED') j.name = 'CACHED ' + j.name;
    else if (rest.startsWith('ERROR:')) j.error = true;
    else if (/^\d+\.\d{3} /.test(rest)) continue;
    else if ((x = /^(.*?) (\d+\.\d)s done$/.exec(rest))) j.subs.push({ name: x[1]!, dur: parseFloat(x[2]!) });
    else j.subs.push({ name: rest.replace(/ done$/, ''), dur: 0 });
  }
  const n = jobs.length;
  const done = jobs.filter((j) => !j.error).length;
  const out: string[] = [align(`[+] Building ${total.toFixed(1)}s (${done}/${n}) ${done === n ? 'FINISHED' : ''}`.trimEnd(), 'docker:default', width)];
  const row = (name: string, dur: number) => {
    const timer = ` ${dur < 0.05 ? '0.0' : dur.toFixed(1)}s`;
    const left = width - 4 - timer.length - 2;
    return align(' => ' + (name.length > left ? name.slice(0, left) : name), timer, width);
  };
  for (const j of jobs) {
    out.push(row((j.error ? 'ERROR ' : '') + j.name, j.dur));
    for (const sub of j.subs) out.push(row('=> ' + sub.name, sub.dur));
  }
  return out.join('\n') + '\n';
}

// ------------------------------------------------------------------ the build

function sourceSnippet(dockerfile: string, name: string, lines: [number, number]): string {
  const all = dockerfile.split('\n');
  let [start, end] = lines;
  if (end > all.length) end = all.length;
  const pad = start === end ? 4 : 2;
  const pre = start;
  let p = 0;
  while (p < pad) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== all.length) {
      end++;
      p++;
    }
    p++;
  }
  let s = `${name}:${pre}\n${'-'.repeat(20)}\n`;
  for (let i = start; i <= end; i++) {
    const pfx = i >= lines[0] && i <= lines[1] ? '>>>' : '   ';
    s += ` ${String(i).padStart(3)} | ${pfx} ${all[i - 1]}\n`;
  }
  return s + '-'.repeat(20) + '\n';
}

export async function cmdBuild(inv: Invocation): Promise<number> {
  const { io, p } = inv;
  const host = io.ctx.host;
  const ctxArg = p.args[0]!;
  const quiet = !!p.flags.quiet;
  const err = (s: string) => io.err(s);
  if (ctxArg !== '-' && /^(https?|git)[:@]/.test(ctxArg)) {
    err(`ERROR: failed to solve: failed to read dockerfile: remote contexts are not available in this simulator\n`);
    return 1;
  }
  // `docker build - < Dockerfile`: the Dockerfile from stdin, no context; `-f -`: the Dockerfile from stdin
  const stdinDockerfile = ctxArg === '-' || p.flags.file === '-';
  const root = ctxArg === '-' ? '/nonexistent-build-context' : host.resolve(ctxArg);
  if (ctxArg !== '-' && host.stat(root)?.type !== 'dir') {
    err(`ERROR: unable to prepare context: path "${ctxArg}" not found\n`);
    return 1;
  }
  const dfName: string = p.flags.file && p.flags.file !== '-' ? p.flags.file : 'Dockerfile';
  const dfPath = p.flags.file && p.flags.file !== '-' ? host.resolve(p.flags.file) : `${root}/Dockerfile`;
  const dockerfile = stdinDockerfile ? (io.stdin || null) : host.readFile(dfPath);
  const lines: string[] = [];
  let n = 0;
  const step = () => ++n;
  const emit = (s: string) => lines.push(s);
  const flush = () => {
    if (!quiet) {
      if (io.ctx.tty) {
        // on a terminal BuildKit redraws one frame; what stays is its last state
        const cut = lines.findIndex((l) => l === '------');
        const progress = cut < 0 ? lines : lines.slice(0, cut);
        const rest = cut < 0 ? [] : lines.slice(cut);
        err(ttyFrame(progress, Number(io.env.COLUMNS) || 80) + (rest.length ? rest.join('\n') + '\n' : ''));
      } else err(lines.join('\n') + (lines.length ? '\n' : ''));
    }
    lines.length = 0;
  };
  emit('#0 building with "default" instance using docker driver');
  emit('');
  const s1 = step();
  emit(`#${s1} [internal] load build definition from ${dfName.split('/').pop()}`);
  if (dockerfile === null) {
    emit(`#${s1} transferring dockerfile: 2B done`);
    emit(`#${s1} DONE 0.0s`);
    flush();
    err(`ERROR: failed to solve: failed to read dockerfile: open ${dfName.split('/').pop()}: no such file or directory\n`);
    return 1;
  }
  emit(`#${s1} transferring dockerfile: ${fmtSize(Buffer.byteLength(dockerfile))} done`);
  emit(`#${s1} DONE 0.0s`);
  emit('');
  // parse
  const dfa: any = await import('dockerfile-ast');
  const DockerfileParser = dfa.DockerfileParser ?? dfa.default?.DockerfileParser;
  const ast = DockerfileParser.parse(dockerfile);
  const instrs: Instr[] = [];
  for (const ins of ast.getInstructions()) {
    const r = ins.getRange();
    const raw = (ins.getArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ').replace(/\r?\n\s*#[^\n]*/g, '');
    const flags: Record<string, string> = {};
    const mounts: Record<string, string>[] = [];
    let args = raw.trim();
    while (args.startsWith('--')) {
      const m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(args);
      if (!m) break;
      if (m[1] === 'mount') mounts.push(Object.fromEntries((m[2] ?? '').split(',').map((kv) => [kv.split('=')[0]!, kv.split('=').slice(1).join('=') || 'true'])));
      else flags[m[1]!] = m[2] ?? 'true';
      args = args.slice(m[0].length);
    }
    // dockerfile-ast keeps --flags of RUN/COPY/ADD/FROM out of the argument content
    for (const fl of (ins as any).getFlags?.() ?? []) {
      const name = fl.getName();
      const value = fl.getValue() ?? 'true';
      if (name === 'mount') mounts.push(Object.fromEntries(String(value).split(',').map((kv: string) => [kv.split('=')[0]!, kv.split('=').slice(1).join('=') || 'true'])));
      else flags[name] = value;
    }
    instrs.push({ keyword: ins.getKeyword().toUpperCase(), args, line: r.start.line + 1, endLine: r.end.line + 1, flags, mounts });
  }
  const warnings: { rule: string; msg: string; line: number }[] = [];
  for (const ins of instrs) {
    const raw = ins.args.trim();
    if ((ins.keyword === 'ENV' || ins.keyword === 'LABEL') && raw && !words(raw)[0]!.includes('='))
      warnings.push({ rule: 'LegacyKeyValueFormat', msg: `"${ins.keyword} key=value" should be used instead of legacy "${ins.keyword} key value" format`, line: ins.line });
    if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && raw && !jsonArray(raw))
      warnings.push({ rule: 'JSONArgsRecommended', msg: `JSON arguments recommended for ${ins.keyword} to prevent unintended behavior related to OS signals`, line: ins.line });
    if (ins.keyword === 'FROM') {
      const w = words(raw);
      const as = w[1];
      const kwRaw = dockerfile.split('\n')[ins.line - 1]?.trim().split(/\s+/)[0] ?? 'FROM';
      if (as && as.toLowerCase() === 'as' && (kwRaw === kwRaw.toUpperCase()) !== (as === as.toUpperCase()))
        warnings.push({ rule: 'FromAsCasing', msg: `'as' and 'FROM' keywords' casing do not match`, line: ins.line });
    }
  }
  const buildArgs: Record<string, string> = {};
  for (const b of p.flags['build-arg'] ?? []) {
    const i = b.indexOf('=');
    if (i < 0) {
      if (io.env[b] !== undefined) buildArgs[b] = io.env[b]!;
    } else buildArgs[b.slice(0, i)] = b.slice(i + 1);
  }
  const now = io.now();
  try {
    if (!instrs.length || !instrs.some((x) => x.keyword === 'FROM')) {
      throw new BuildError(null, '', 'failed to solve: dockerfile parse error on line 1: no build stage in current context', undefined);
    }
    // stages
    const globalArgs: Record<string, string> = {};
    const stages: Stage[] = [];
    for (const ins of instrs) {
      if (ins.keyword === 'FROM') {
        const w = words(ins.args);
        const image = expand(w[0] ?? '', { ...globalArgs, ...buildArgs });
        const name = w[1]?.toLowerCase() === 'as' ? w[2] : undefined;
        stages.push({ name, index: stages.length, baseRef: image, baseShown: image, baseLayersFs: [], files: {}, config: { Entrypoint: null, Cmd: null, Env: [], WorkingDir: '', User: '', Labels: null }, history: [], size: 0, instrs: [], fromLine: ins.line, args: {}, baseLayerIds: [] });
      } else if (!stages.length) {
        if (ins.keyword === 'ARG') for (const [k, v] of pairs(ins.args, false)) globalArgs[k] = buildArgs[k] ?? v;
        else throw new BuildError(null, '', `failed to solve: dockerfile parse error on line ${ins.line}: no build stage in current context`);
      } else stages[stages.length - 1]!.instrs.push(ins);
    }
    let target = stages[stages.length - 1]!;
    if (p.flags.target) {
      const t = stages.find((s) => s.name === p.flags.target);
      if (!t) throw new BuildError(null, '', `failed to solve: target stage "${p.flags.target}" could not be found`);
      target = t;
    }
    // which stages are needed: the target and those it copies from (transitively)
    const needed = new Set<number>();
    const need = (s: Stage) => {
      if (needed.has(s.index)) return;
      needed.add(s.index);
      const base = stages.find((x) => x.name && x.name === s.baseRef);
      if (base) need(base);
      for (const ins of s.instrs) {
        const from = ins.flags.from;
        if ((ins.keyword === 'COPY' || ins.keyword === 'ADD') && from) {
          const st = stages.find((x) => x.name === from) ?? stages[+from];
          if (st) need(st);
        }
      }
    };
    need(target);
    const multi = stages.length > 1;
    const label = (s: Stage, k: number, total: number) => (multi ? `[${s.name ?? `stage-${s.index}`} ${k}/${total}]` : `[${k}/${total}]`);
    // metadata for each distinct external base
    const externals: string[] = [];
    for (const s of stages) if (needed.has(s.index) && !stages.some((x) => x.name === s.baseRef) && s.baseRef !== 'scratch' && !externals.includes(s.baseRef!)) externals.push(s.baseRef!);
    const resolved = new Map<string, any>();
    for (const ext of externals) {
      const sn = step();
      const pr = I.parseImageRef(ext);
      const full = pr.ok ? `${pr.value.domain}/${pr.value.path}${pr.value.digest ? '@' + pr.value.digest : ':' + (pr.value.tag ?? 'latest')}` : ext;
      emit(`#${sn} [internal] load metadata for ${full}`);
      const local = I.findImage(io.world, ext);
      if (local) {
        resolved.set(ext, { local });
        emit(`#${sn} DONE 0.0s`);
        emit('');
        continue;
      }
      const r = pr.ok ? resolveSource(io.world, pr.value) : ({ ok: false, error: pr.error } as const);
      if (!r.ok) {
        emit(`#${sn} ERROR: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`);
        const st = stages.find((s) => s.baseRef === ext)!;
        throw new BuildError(
          `[internal] load metadata for ${full}`,
          '',
          `failed to solve: ${ext}: failed to resolve source metadata for ${full}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
          [st.fromLine, st.fromLine],
        );
      }
      resolved.set(ext, { src: r.value, full });
      emit(`#${sn} DONE ${(0.4 + (ext.length % 7) / 10).toFixed(1)}s`);
      emit('');
    }
    const sIgnore = step();
    emit(`#${sIgnore} [internal] load .dockerignore`);
    const ignoreText = host.readFile(`${root}/.dockerignore`);
    emit(`#${sIgnore} transferring context: ${fmtSize(ignoreText ? Buffer.byteLength(ignoreText) : 2)} done`);
    emit(`#${sIgnore} DONE 0.0s`);
    emit('');
    const rules = parseIgnore(ignoreText);
    let context: Context | null = null;
    const usesContext = stages.some((s) => needed.has(s.index) && s.instrs.some((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.from));
    let totalMs = 800;
    const cacheKeys: string[] = [];
    const cache = (io.world.docker.buildCache ??= []);
    const noCache = !!p.flags['no-cache'];
    for (const s of stages) {
      if (!needed.has(s.index)) continue;
      const vertexInstrs = s.instrs.filter((i) => ['RUN', 'COPY', 'ADD', 'WORKDIR'].includes(i.keyword));
      const total = vertexInstrs.length + 1;
      let k = 1;
      // FROM
      const fromStage = stages.find((x) => x.name === s.baseRef);
      const sFrom = step();
      let chain = '';
      if (fromStage) {
        s.baseLayersFs = [...fromStage.baseLayersFs, fromStage.files];
        s.files = {};
        s.config = JSON.parse(JSON.stringify(fromStage.config));
        s.history = [...fromStage.history];
        s.size = fromStage.size;
        s.baseShown = fromStage.baseShown;
        s.localBase = fromStage.localBase;
        s.baseRef = fromStage.baseRef;
        s.baseLayerIds = [...fromStage.baseLayerIds];
        chain = sha256hex('stage:' + fromStage.index);
        emit(`#${sFrom} ${label(s, k, total)} FROM ${fromStage.name}`);
      } else if (s.baseRef === 'scratch') {
        emit(`#${sFrom} ${label(s, k, total)} FROM scratch`);
        s.baseRef = null;
      } else {
        const res = resolved.get(s.baseRef!);
        if (res.local) {
          const img = res.local;
          s.localBase = img;
          s.baseLayersFs = I.imageFsLayers(io.world, img);
          s.config = JSON.parse(JSON.stringify(img.Config));
          s.history = [...(img._sim.history ?? [])];
          s.size = img.Size;
          s.baseRef = img._sim.base ?? null;
          s.baseLayerIds = [...(img.RootFS.Layers ?? [])];
          chain = img.Id;
          const pr = I.parseImageRef(s.baseShown);
          const full = pr.ok ? `${pr.value.domain}/${pr.value.path}:${pr.value.tag ?? 'latest'}` : s.baseShown;
          emit(`#${sFrom} ${label(s, k, total)} FROM ${full}`);
        } else {
          const src = res.src;
          s.baseLayersFs = baseLayers(io.world, src.base);
          s.config = JSON.parse(JSON.stringify(src.config));
          s.history = [...src.history];
          s.size = src.size;
          s.baseRef = src.base;
          s.baseLayerIds = src.layers.map((l: any) => l.diffId);
          chain = src.id;
          const full = `${res.full}@${src.digest}`;
          emit(`#${sFrom} ${label(s, k, total)} FROM ${full}`);
          emit(`#${sFrom} resolve ${full} done`);
          const pulledBefore = cache.some((c: any) => c.base === src.id);
          if (!pulledBefore) {
            for (const l of src.layers) emit(`#${sFrom} sha256:${l.digest.slice(7)} ${fmtSize(l.size)} / ${fmtSize(l.size)} done`);
            for (const l of src.layers) emit(`#${sFrom} extracting sha256:${l.digest.slice(7)} done`);
            cache.push({ id: sha256hex('base:' + src.id).slice(0, 25), base: src.id, size: 0, createdMs: now, description: `pulled from ${res.full}`, shared: true });
            totalMs += 1500;
          }
        }
      }
      emit(`#${sFrom} DONE ${fromStage || !resolved.get(s.baseShown)?.src ? '0.0' : '0.9'}s`);
      emit('');
      if (usesContext && !context && !s.instrs.every((i) => i.flags.from || (i.keyword !== 'COPY' && i.keyword !== 'ADD'))) {
        context = readContext(io, root, rules);
        const sc = step();
        emit(`#${sc} [internal] load build context`);
        emit(`#${sc} transferring context: ${fmtSize(context.bytes || 2)} done`);
        emit(`#${sc} DONE 0.0s`);
        emit('');
      }
      k++;
      const argScope: Record<string, string> = {};
      const histBefore = s.history.length;
      for (const ins of s.instrs) {
        const vars = { ...globalArgs, ...argScope, ...envMap(s.config.Env) };
        const created = now + totalMs;
        const bk = 'buildkit.dockerfile.v0';
        const argsX = ['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(ins.keyword) ? ins.args : expand(ins.args, vars);
        switch (ins.keyword) {
          case 'ARG':
            for (const [kk, v] of pairs(ins.args, false)) argScope[kk] = buildArgs[kk] ?? globalArgs[kk] ?? expand(v, vars);
            s.history.push({ created, createdBy: `ARG ${ins.args}`, size: 0, empty: true, comment: bk });
            break;
          case 'ENV': {
            const kv = pairs(ins.args, true).map(([kk, v]) => [kk, expand(v, vars)] as const);
            for (const [kk, v] of kv) setEnv(s.config, kk, v);
            s.history.push({ created, createdBy: `ENV ${kv.map(([kk, v]) => `${kk}=${v}`).join(' ')}`, size: 0, empty: true, comment: bk });
            break;
          }
          case 'LABEL':
            s.config.Labels = { ...(s.config.Labels ?? {}) };
            for (const [kk, v] of pairs(argsX, false)) s.config.Labels[kk] = v;
            s.history.push({ created, createdBy: `LABEL ${argsX}`, size: 0, empty: true, comment: bk });
            break;
          case 'EXPOSE': {
            s.config.ExposedPorts = { ...(s.config.ExposedPorts ?? {}) };
            for (const pp of words(argsX)) s.config.ExposedPorts[pp.includes('/') ? pp : `${pp}/tcp`] = {};
            const m = Object.keys(s.config.ExposedPorts).sort().map((x) => `${x}:{}`).join(' ');
            s.history.push({ created, createdBy: `EXPOSE map[${m}]`, size: 0, empty: true, comment: bk });
            break;
          }
          case 'CMD':
          case 'ENTRYPOINT': {
            const arr = jsonArray(ins.args) ?? ['/bin/sh', '-c', ins.args];
            if (ins.keyword === 'CMD') s.config.Cmd = arr;
            else {
              s.config.Entrypoint = arr;
              if (!s.instrs.some((x) => x.keyword === 'CMD' && x.line > ins.line)) s.config.Cmd = null;
            }
            s.history.push({ created, createdBy: `${ins.keyword} [${arr.map((x) => JSON.stringify(x)).join(' ')}]`, size: 0, empty: true, comment: bk });
            break;
          }
          case 'USER':
            s.config.User = argsX.trim();
            s.history.push({ created, createdBy: `USER ${argsX.trim()}`, size: 0, empty: true, comment: bk });
            break;
          case 'VOLUME': {
            s.config.Volumes = { ...(s.config.Volumes ?? {}) };
            for (const v of jsonArray(argsX) ?? words(argsX)) s.config.Volumes[v] = {};
            s.history.push({ created, createdBy: `VOLUME [${(jsonArray(argsX) ?? words(argsX)).join(' ')}]`, size: 0, empty: true, comment: bk });
            break;
          }
          case 'STOPSIGNAL':
            s.config.StopSignal = argsX.trim();
            s.history.push({ created, createdBy: `STOPSIGNAL ${argsX.trim()}`, size: 0, empty: true, comment: bk });
            break;
          case 'HEALTHCHECK': {
            const m = /CMD\s+(.*)$/s.exec(ins.args);
            if (/^NONE/i.test(ins.args.trim())) s.config.Healthcheck = { Test: ['NONE'] };
            else if (m) s.config.Healthcheck = { Test: jsonArray(m[1]!) ? ['CMD', ...jsonArray(m[1]!)!] : ['CMD-SHELL', m[1]!.trim()], Interval: 30e9, Timeout: 30e9, Retries: 3 };
            s.history.push({ created, createdBy: `HEALTHCHECK &{${JSON.stringify(s.config.Healthcheck?.Test ?? [])} "30s" "30s" "0s" "0s" '\\x03'}`, size: 0, empty: true, comment: bk });
            break;
          }
          case 'SHELL':
          case 'ONBUILD':
          case 'MAINTAINER':
            s.history.push({ created, createdBy: `${ins.keyword} ${ins.args}`, size: 0, empty: true, comment: bk });
            break;
          case 'WORKDIR': {
            const wd = joinPath(s.config.WorkingDir || '/', argsX.trim());
            s.config.WorkingDir = wd;
            s.files[wd] = { type: 'dir', mtime: now };
            const sn = step();
            const key = sha256hex(`${chain}|WORKDIR ${wd}`);
            chain = key;
            emit(`#${sn} ${label(s, k++, total)} WORKDIR ${wd}`);
            emit(!noCache && cacheKeys.includes(key) ? `#${sn} CACHED` : cache.some((c: any) => c.key === key) && !noCache ? `#${sn} CACHED` : `#${sn} DONE 0.0s`);
            emit('');
            cacheKeys.push(key);
            s.history.push({ created, createdBy: `WORKDIR ${wd}`, size: 0, comment: bk });
            break;
          }
          case 'COPY':
          case 'ADD': {
            const arr = jsonArray(argsX) ?? words(argsX);
            if (arr.length < 2) throw new BuildError(null, '', `failed to solve: dockerfile parse error on line ${ins.line}: ${ins.keyword} requires at least two arguments, but only one was provided. Destination could not be determined`, [ins.line, ins.endLine]);
            const dest = arr[arr.length - 1]!;
            const srcs = arr.slice(0, -1);
            const sn = step();
            const title = `${label(s, k++, total)} ${ins.keyword} ${ins.flags.from ? `--from=${ins.flags.from} ` : ''}${ins.args}`;
            emit(`#${sn} ${title}`);
            const destAbs = joinPath(s.config.WorkingDir || '/', dest);
            const destIsDir = dest.endsWith('/') || srcs.length > 1 || dest === '.';
            let added = 0;
            const contentKey: string[] = [];
            if (ins.flags.from) {
              const from = stages.find((x) => x.name === ins.flags.from) ?? stages[+ins.flags.from!];
              let fromFs: ReturnType<typeof layeredFs>;
              if (from) fromFs = layeredFs({ lower: from.baseLayersFs, upper: from.files });
              else {
                const r = I.parseImageRef(ins.flags.from!);
                const src = r.ok ? resolveSource(io.world, r.value) : null;
                if (!src || !src.ok) throw new BuildError(title, '', `failed to solve: ${ins.flags.from}: failed to resolve source metadata for docker.io/library/${ins.flags.from}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`, [ins.line, ins.endLine], 1, sn);
                fromFs = layeredFs({ lower: baseLayers(io.world, src.value.base), upper: {} });
              }
              for (const src of srcs) {
                const sp = joinPath(from?.config.WorkingDir || '/', src);
                const st = fromFs.stat(sp);
                if (!st) {
                  const msg = `failed to calculate checksum of ref ${sha256hex('ref' + sn).slice(0, 8)}-${sha256hex('r' + sn).slice(0, 4)}-${sha256hex('e' + sn).slice(0, 4)}-${sha256hex('f' + sn).slice(0, 4)}-${sha256hex('g' + sn).slice(0, 12)}::${sha256hex('x' + sn).slice(0, 25)}: "${sp}": not found`;
                  emit(`#${sn} ERROR: ${msg}`);
                  throw new BuildError(title, msg, `failed to solve: failed to compute cache key: ${msg}`, [ins.line, ins.endLine], 1, sn);
                }
                const copyTree = (from: string, to: string) => {
                  const t = fromFs.stat(from);
                  if (t?.type === 'dir') {
                    s.files[to] = { type: 'dir', mtime: now };
                    for (const name of fromFs.readdir(from) ?? []) copyTree(`${from === '/' ? '' : from}/${name}`, `${to === '/' ? '' : to}/${name}`);
                  } else {
                    const c = fromFs.readFile(from) ?? '';
                    s.files[to] = { type: 'file', content: c, mtime: now };
                    added += c.length;
                    contentKey.push(to + c.length);
                  }
                };
                if (st.type === 'dir') copyTree(sp, destAbs);
                else copyTree(sp, destIsDir ? `${destAbs}/${sp.split('/').pop()}` : destAbs);
              }
            } else {
              if (!context) context = readContext(io, root, rules);
              for (const src of srcs) {
                if (/^https?:\/\//.test(src) && ins.keyword === 'ADD') {
                  const name = src.split('/').pop() || 'index.html';
                  s.files[destIsDir ? `${destAbs}/${name}` : destAbs] = { type: 'file', content: '', mtime: now };
                  continue;
                }
                const ms = matchSources(context, src);
                // BuildKit allows a wildcard that matches nothing (COPY package-lock.json* ./)
                if (!ms.length && /[*?[]/.test(src)) continue;
                if (!ms.length) {
                  const sp = joinPath('/', src);
                  const msg = `failed to calculate checksum of ref ${sha256hex('ref' + sn).slice(0, 8)}-${sha256hex('r' + sn).slice(0, 4)}-${sha256hex('e' + sn).slice(0, 4)}-${sha256hex('f' + sn).slice(0, 4)}-${sha256hex('g' + sn).slice(0, 12)}::${sha256hex('x' + sn).slice(0, 25)}: "${sp}": not found`;
                  emit(`#${sn} ERROR: ${msg}`);
                  throw new BuildError(title, msg, `failed to solve: failed to compute cache key: ${msg}`, [ins.line, ins.endLine], 1, sn);
                }
                for (const m of ms) {
                  if (m.isDir) {
                    const prefix = m.rel ? m.rel + '/' : '';
                    for (const d of context.dirs) if (d.startsWith(prefix) && d !== m.rel) s.files[joinPath(destAbs, d.slice(prefix.length))] = { type: 'dir', mtime: now };
                    s.files[destAbs] = { type: 'dir', mtime: now };
                    for (const [f, c] of context.files) {
                      if (!f.startsWith(prefix)) continue;
                      s.files[joinPath(destAbs, f.slice(prefix.length))] = { type: 'file', content: c, mtime: now };
                      added += c.length;
                      contentKey.push(f + ':' + sha256hex(c).slice(0, 12));
                    }
                  } else {
                    const c = context.files.get(m.rel)!;
                    const to = destIsDir || ms.length > 1 ? `${destAbs}/${m.rel.split('/').pop()}` : destAbs;
                    s.files[to] = { type: 'file', content: c, mtime: now };
                    added += c.length;
                    contentKey.push(m.rel + ':' + sha256hex(c).slice(0, 12));
                  }
                }
              }
            }
            const key = sha256hex(`${chain}|${ins.keyword} ${ins.args}|${contentKey.join(',')}`);
            chain = key;
            const cached = !noCache && cache.some((c: any) => c.key === key);
            emit(cached ? `#${sn} CACHED` : `#${sn} DONE 0.${1 + (added % 3)}s`);
            emit('');
            if (!cached) {
              cache.push({ id: key.slice(0, 25), key, size: added, createdMs: now, description: `[${s.name ?? 'stage-' + s.index}] ${ins.keyword} ${ins.args}` });
              totalMs += 100;
            }
            s.size += added;
            s.history.push({ created, createdBy: `${ins.keyword} ${ins.flags.from ? `--from=${ins.flags.from} ` : ''}${ins.args} # buildkit`, size: added, comment: bk });
            break;
          }
          case 'RUN': {
            const script = jsonArray(ins.args)?.join(' ') ?? ins.args;
            const sn = step();
            const title = `${label(s, k++, total)} RUN ${ins.args}`;
            emit(`#${sn} ${title}`);
            const key = sha256hex(`${chain}|RUN ${ins.args}|${JSON.stringify(argScope)}`);
            chain = key;
            const cached = !noCache && cache.some((c: any) => c.key === key);
            const before = JSON.stringify(s.files).length;
            const bound: string[] = [];
            for (const m of ins.mounts) {
              if ((m.type ?? 'bind') !== 'bind' || m.from) continue;
              if (!context) context = readContext(io, root, rules);
              const src = joinPath('/', m.source ?? m.src ?? '.').slice(1);
              const dst = joinPath(s.config.WorkingDir || '/', m.target ?? m.dst ?? m.destination ?? '/');
              const c = context.files.get(src);
              if (c !== undefined && !s.files[dst]) {
                s.files[dst] = { type: 'file', content: c, mtime: now };
                bound.push(dst);
              }
            }
            const r = runEffects(s, expand(script, { ...vars }), now);
            for (const b of bound) delete s.files[b];
            if (cached && r.code === 0) {
              emit(`#${sn} CACHED`);
            } else {
              let t = 0.2;
              const timed: string[] = [];
              for (const l of r.output) {
                timed.push(`${t.toFixed(3)} ${l}`);
                emit(`#${sn} ${t.toFixed(3)} ${l}`);
                t += 0.013;
              }
              if (r.code !== 0) {
                const shown = jsonArray(ins.args) ? JSON.stringify(jsonArray(ins.args)) : `/bin/sh -c ${ins.args}`;
                const msg = `process "${shown}" did not complete successfully: exit code: ${r.code}`;
                emit(`#${sn} ERROR: ${msg}`);
                throw new BuildError(title, msg, `failed to solve: ${msg}`, [ins.line, ins.endLine], 1, sn, timed.slice(-6));
              }
              emit(`#${sn} DONE ${(0.3 + r.output.length * 0.2).toFixed(1)}s`);
              totalMs += 300 + r.output.length * 200;
              cache.push({ id: key.slice(0, 25), key, size: r.size, createdMs: now, description: `[${s.name ?? 'stage-' + s.index}] RUN ${ins.args}` });
            }
            emit('');
            const size = Math.max(r.size, JSON.stringify(s.files).length - before);
            s.size += size;
            s.history.push({ created, createdBy: `RUN ${jsonArray(ins.args) ? JSON.stringify(jsonArray(ins.args)) : `/bin/sh -c ${ins.args}`} # buildkit`, size, comment: bk });
            break;
          }
          default:
            throw new BuildError(null, '', `failed to solve: dockerfile parse error on line ${ins.line}: unknown instruction: ${ins.keyword}`, [ins.line, ins.endLine]);
        }
      }
      (s as any).chain = chain;
      (s as any).added = s.history.length - histBefore + ((fromStage as any)?.added ?? 0);
    }
    // export
    const t = target;
    const files = t.files;
    const id = 'sha256:' + sha256hex(`image|${(t as any).chain}|${JSON.stringify(t.config)}`);
    const se = step();
    emit(`#${se} exporting to image`);
    emit(`#${se} exporting layers ${(0.1 + (t.size % 5) / 10).toFixed(1)}s done`);
    emit(`#${se} writing image ${id} done`);
    const tags: string[] = [];
    for (const tg of p.flags.tag ?? []) {
      const r = I.parseImageRef(tg);
      if (!r.ok) {
        flush();
        err(`ERROR: invalid tag "${tg}": ${r.error}\n`);
        return 1;
      }
      tags.push(I.refKey(r.value));
      emit(`#${se} naming to ${r.value.domain}/${r.value.path}:${r.value.tag ?? 'latest'} done`);
    }
    emit(`#${se} DONE ${(0.1 + (t.size % 5) / 10).toFixed(1)}s`);
    io.advance(totalMs);
    const builtMs = io.now();
    const existing = io.world.docker.images[id];
    const newLayers = t.history.slice(t.history.length - (t as any).added).filter((h) => !h.empty).length;
    const layerIds = [...t.baseLayerIds];
    const localExtra = t.localBase?._sim.layers ?? [];
    for (let i = layerIds.length; i < t.baseLayerIds.length + newLayers; i++) layerIds.push('sha256:' + sha256hex(`${id}:diff:${i}`));
    const img = existing ?? {
      Id: id,
      RepoTags: [] as string[],
      RepoDigests: [] as string[],
      Parent: '',
      Comment: 'buildkit.dockerfile.v0',
      Created: new Date(builtMs).toISOString(),
      DockerVersion: '',
      Author: '',
      Config: { ...t.config, Env: t.config.Env.length ? t.config.Env : ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
      Architecture: 'amd64',
      Os: 'linux',
      Size: t.size,
      GraphDriver: { Data: null, Name: 'overlay2' },
      RootFS: { Type: 'layers', Layers: layerIds },
      Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
      _sim: { createdMs: builtMs, history: t.history.map((h, i, a) => (i === a.length - 1 ? { ...h, id } : h)), base: t.baseRef, layers: [...localExtra, files], built: true },
    };
    io.world.docker.images[id] = img;
    for (const tag of tags) I.addTag(io.world, img, tag, builtMs);
    flush();
    if (!quiet && warnings.length) {
      // BuildKit's Dockerfile checks (docker build --check), summarised after the build
      warnings.sort((a, b) => a.line - b.line);
      err(`\n ${warnings.length} warning${warnings.length === 1 ? '' : 's'} found (use docker --debug to expand):\n`);
      for (const w of warnings) err(` - ${w.rule}: ${w.msg} (line ${w.line})\n`);
    }
    if (quiet) io.out(id + '\n');
    return 0;
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    if (e.step) {
      emit('------');
      emit(` > ${e.step}:`);
      for (const l of e.logs) emit(l);
      emit('------');
    }
    flush();
    if (e.line) err(sourceSnippet(dockerfile, dfName.split('/').pop()!, e.line));
    err(`ERROR: ${e.solve}\n`);
    return e.code;
  }
}
