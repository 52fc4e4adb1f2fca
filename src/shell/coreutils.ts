/**
 * The file and text commands every shell has: on the learner's host and inside containers (the runtime adds
 * image-specific programs on top). They work on io.fs, whatever it is. The bigger text tools (grep, awk, sed,
 * jq ...) are loaded on first use so a one-shot `echo hi` stays cheap.
 */
import type { IO, Program } from '../core/types.js';
import { echo, printf, trueProg, falseProg } from './basic.js';
import { test, bracket } from './testcmd.js';
import { getopt, isDevice, readInputs, usageError } from './util.js';

function lazyTool(load: () => Promise<Record<string, unknown>>, name: string): Program {
  return async (argv, io) => {
    const m = await load();
    return (m[name] as Program)(argv, io);
  };
}
const text = () => import('./text.js') as Promise<Record<string, unknown>>;

// ---- ls -----------------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function lsDate(ms: number, now: number): string {
  const d = new Date(ms);
  const md = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  const recent = Math.abs(now - ms) < 182.5 * 24 * 3600 * 1000;
  if (recent) return `${md} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${md}  ${d.getUTCFullYear()}`;
}

function human(n: number): string {
  if (n < 1024) return String(n);
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return (v < 10 ? (Math.ceil(v * 10) / 10).toFixed(1) : String(Math.ceil(v))) + units[u];
}

interface LsEntry {
  name: string;
  path: string;
  type: 'file' | 'dir';
  size: number;
  mtimeMs: number;
}

/** GNU ls -C: as many columns as fit in `width`, filled top to bottom, 2 spaces between columns. */
export function columns(names: string[], width: number): string {
  const n = names.length;
  let best = { cols: 1, rows: n, widths: [Math.max(...names.map((x) => x.length))] };
  for (let cols = Math.min(n, Math.max(1, Math.floor(width / 3))); cols > 1; cols--) {
    const rows = Math.ceil(n / cols);
    if (Math.ceil(n / rows) !== cols) continue;
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) widths.push(Math.max(...names.slice(c * rows, (c + 1) * rows).map((x) => x.length)));
    const total = widths.reduce((a, w) => a + w, 0) + 2 * (cols - 1);
    if (total < width) {
      best = { cols, rows, widths };
      break;
    }
  }
  // GNU pads with tabs where a tab stop (every 8) fits, then spaces (ls.c indent()).
  const indent = (from: number, to: number) => {
    let s = '';
    while (from < to) {
      if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
        s += '\t';
        from += 8 - (from % 8);
      } else {
        s += ' ';
        from++;
      }
    }
    return s;
  };
  let out = '';
  for (let r = 0; r < best.rows; r++) {
    let line = '';
    let pos = 0;
    for (let c = 0; c < best.cols; c++) {
      const name = names[c * best.rows + r];
      if (name === undefined) continue;
      const last = c === best.cols - 1 || names[(c + 1) * best.rows + r] === undefined;
      line += name;
      if (!last) {
        const to = pos + best.widths[c]! + 2;
        line += indent(pos + name.length, to);
        pos = to;
      }
    }
    out += line + '\n';
  }
  return out;
}

/** `ls` in GNU style (the learner's host) or busybox style (containers). */
export function makeLs(style: 'gnu' | 'busybox'): Program {
  return (argv, io) => {
    const p = getopt(argv, 'laA1hdrtSFR', '', { all: 'a', 'almost-all': 'A', 'human-readable': 'h', directory: 'd', reverse: 'r', color: '' });
    if (p.error) return usageError(io, 'ls', p.error, 2);
    const o = p.o;
    const fs = io.fs;
    const operands = p.args.length ? p.args : ['.'];
    const files: LsEntry[] = [];
    const dirs: { label: string; entries: LsEntry[] }[] = [];
    let code = 0;
    const entry = (name: string, path: string): LsEntry | null => {
      const st = fs.stat(path);
      return st ? { name, path, type: st.type, size: st.size, mtimeMs: st.mtimeMs } : null;
    };
    for (const op of operands) {
      const path = fs.resolve(op);
      const e = entry(op, path);
      if (!e) {
        if (style === 'gnu') io.err(`ls: cannot access '${op}': No such file or directory\n`);
        else io.err(`ls: ${op}: No such file or directory\n`);
        code = style === 'gnu' ? 2 : 1;
        continue;
      }
      if (e.type === 'file' || o.d) {
        files.push(e);
        continue;
      }
      const names = (fs.readdir(path) ?? []).filter((n) => o.a || o.A || !n.startsWith('.'));
      const entries: LsEntry[] = [];
      if (o.a) {
        entries.push({ name: '.', path, type: 'dir', size: 4096, mtimeMs: e.mtimeMs });
        entries.push({ name: '..', path: fs.resolve(path + '/..'), type: 'dir', size: 4096, mtimeMs: e.mtimeMs });
      }
      for (const n of names) {
        const c = entry(n, path.endsWith('/') ? path + n : path + '/' + n);
        if (c) entries.push(c);
      }
      dirs.push({ label: op, entries });
    }
    const sort = (l: LsEntry[]) => {
      l.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (o.t) l.sort((a, b) => b.mtimeMs - a.mtimeMs);
      if (o.S) l.sort((a, b) => b.size - a.size);
      if (o.r) l.reverse();
      return l;
    };
    const now = io.now();
    const owner = style === 'gnu' ? io.env.USER || 'learner' : 'root';
    const show = (n: LsEntry) => (o.F && n.type === 'dir' ? n.name + '/' : n.name);
    const long = (l: LsEntry[], total: boolean): string => {
      if (!l.length) return total ? 'total 0\n' : '';
      const rows = l.map((e) => ({
        mode: e.type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--',
        links: e.type === 'dir' ? '2' : '1',
        size: o.h ? human(e.size) : String(e.size),
        date: lsDate(e.mtimeMs, now),
        name: show(e),
      }));
      let out = '';
      if (total) out += `total ${l.reduce((s, e) => s + (e.size > 0 ? Math.ceil(e.size / 4096) * 4 : 0), 0)}\n`;
      if (style === 'busybox') {
        for (const r of rows) out += `${r.mode.padEnd(10)} ${r.links.padStart(4)} ${owner.padEnd(8)} ${owner.padEnd(8)} ${r.size.padStart(9)} ${r.date} ${r.name}\n`;
      } else {
        const lw = Math.max(...rows.map((r) => r.links.length));
        const sw = Math.max(...rows.map((r) => r.size.length));
        for (const r of rows) out += `${r.mode} ${r.links.padStart(lw)} ${owner} ${owner} ${r.size.padStart(sw)} ${r.date} ${r.name}\n`;
      }
      return out;
    };
    const short = (l: LsEntry[]): string => {
      const names = l.map(show);
      if (!names.length) return '';
      if (o['1'] || o.l || !io.ctx.tty) return names.join('\n') + '\n';
      if (style === 'gnu') return columns(names, 80);
      // busybox: one column width for all (longest name + 2), filled top to bottom
      const colw = Math.max(...names.map((n) => n.length)) + 2;
      const cols = Math.max(1, Math.floor(80 / colw));
      const rows = Math.ceil(names.length / cols);
      let out = '';
      for (let r = 0; r < rows; r++) {
        const cells: string[] = [];
        for (let c = 0; c < cols; c++) {
          const n = names[c * rows + r];
          if (n !== undefined) cells.push(n);
        }
        out += cells.map((n, i) => (i < cells.length - 1 ? n.padEnd(colw) : n)).join('') + '\n';
      }
      return out;
    };
    let out = '';
    if (files.length) out += o.l ? long(sort(files), false) : short(sort(files));
    dirs.forEach((d, i) => {
      if (out || i > 0) out += '\n';
      if (operands.length > 1) out += `${d.label}:\n`;
      out += o.l ? long(sort(d.entries), true) : short(sort(d.entries));
    });
    io.out(out);
    return code;
  };
}

// ---- files --------------------------------------------------------------------------------------

const cat: Program = (argv, io) => {
  const p = getopt(argv, 'nAbeEsTuv', '', { number: 'n' });
  if (p.error) return usageError(io, 'cat', p.error);
  const { inputs, ok } = readInputs(io, 'cat', p.args);
  let out = inputs.map((i) => i.text).join('');
  if (p.o.n) {
    let n = 0;
    const parts = out.split('\n');
    const last = parts.pop();
    out = parts.map((l) => `${String(++n).padStart(6)}\t${l}\n`).join('') + (last ? `${String(++n).padStart(6)}\t${last}` : '');
  }
  io.out(out);
  return ok ? 0 : 1;
};

const tee: Program = (argv, io) => {
  const p = getopt(argv, 'ai', '', { append: 'a' });
  if (p.error) return usageError(io, 'tee', p.error);
  let code = 0;
  for (const f of p.args) {
    const abs = io.fs.resolve(f);
    if (abs === '/dev/null') continue;
    if (abs === '/dev/stderr') {
      io.err(io.stdin);
      continue;
    }
    if (isDevice(abs)) {
      io.err(`tee: ${f}: writing devices is not supported in k8s-drill\n`);
      code = 1;
      continue;
    }
    const e = io.fs.writeFile(abs, io.stdin, !!p.o.a);
    if (e) {
      io.err(`tee: ${f}: ${e}\n`);
      code = 1;
    }
  }
  io.out(io.stdin);
  return code;
};

function parentExists(io: IO, path: string): boolean {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  return io.fs.stat(dir)?.type === 'dir';
}

const touch: Program = (argv, io) => {
  const p = getopt(argv, 'acm', 'dtr');
  if (p.error) return usageError(io, 'touch', p.error);
  if (!p.args.length) {
    io.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return 1;
  }
  let code = 0;
  for (const f of p.args) {
    const path = io.fs.resolve(f);
    if (io.fs.stat(path)) {
      if (io.fs.stat(path)!.type === 'file') io.fs.writeFile(path, '', true);
      continue;
    }
    if (p.o.c) continue;
    if (!parentExists(io, path)) {
      io.err(`touch: ${f}: No such file or directory\n`);
      code = 1;
      continue;
    }
    const e = io.fs.writeFile(path, '');
    if (e) {
      io.err(`touch: ${f}: ${e}\n`);
      code = 1;
    }
  }
  return code;
};

const mkdir: Program = (argv, io) => {
  const p = getopt(argv, 'pv', 'm', { parents: 'p' });
  if (p.error) return usageError(io, 'mkdir', p.error);
  if (!p.args.length) {
    io.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let code = 0;
  for (const d of p.args) {
    const path = io.fs.resolve(d);
    const st = io.fs.stat(path);
    if (st) {
      if (p.o.p && st.type === 'dir') continue;
      io.err(`mkdir: can't create directory '${d}': File exists\n`);
      code = 1;
      continue;
    }
    if (!p.o.p && !parentExists(io, path)) {
      io.err(`mkdir: can't create directory '${d}': No such file or directory\n`);
      code = 1;
      continue;
    }
    if (!io.fs.mkdir) {
      io.err(`mkdir: can't create directory '${d}': Operation not permitted\n`);
      code = 1;
      continue;
    }
    const e = io.fs.mkdir(path, !!p.o.p);
    if (e) {
      io.err(`mkdir: can't create directory '${d}': ${e}\n`);
      code = 1;
    }
  }
  return code;
};

const rm: Program = (argv, io) => {
  const p = getopt(argv, 'rRfiv', '', { recursive: 'r', force: 'f' });
  if (p.error) return usageError(io, 'rm', p.error);
  const rec = !!(p.o.r || p.o.R);
  if (!p.args.length && !p.o.f) {
    io.err("rm: missing operand\nTry 'rm --help' for more information.\n");
    return 1;
  }
  let code = 0;
  for (const f of p.args) {
    const path = io.fs.resolve(f);
    const st = io.fs.stat(path);
    if (!st) {
      if (!p.o.f) {
        io.err(`rm: can't remove '${f}': No such file or directory\n`);
        code = 1;
      }
      continue;
    }
    if (st.type === 'dir' && !rec) {
      io.err(`rm: '${f}' is a directory\n`);
      code = 1;
      continue;
    }
    const e = io.fs.remove ? io.fs.remove(path, rec) : 'Operation not permitted';
    if (e) {
      io.err(`rm: can't remove '${f}': ${e}\n`);
      code = 1;
    }
  }
  return code;
};

function copyTree(io: IO, from: string, to: string): string | null {
  const st = io.fs.stat(from);
  if (!st) return 'No such file or directory';
  if (st.type === 'file') {
    const t = io.fs.readFile(from);
    return io.fs.writeFile(to, t ?? '');
  }
  if (io.fs.mkdir) {
    const e = io.fs.mkdir(to, true);
    if (e) return e;
  }
  for (const n of io.fs.readdir(from) ?? []) {
    const e = copyTree(io, from + '/' + n, to + '/' + n);
    if (e) return e;
  }
  return null;
}

function cpmv(move: boolean): Program {
  const name = move ? 'mv' : 'cp';
  return (argv, io) => {
    const p = getopt(argv, 'rRfaipvnu', '', { recursive: 'r', force: 'f' });
    if (p.error) return usageError(io, name, p.error);
    if (p.args.length < 2) {
      io.err(p.args.length ? `${name}: missing destination file operand after '${p.args[0]}'\n` : `${name}: missing file operand\n`);
      io.err(`Try '${name} --help' for more information.\n`);
      return 1;
    }
    const dest = p.args[p.args.length - 1]!;
    const sources = p.args.slice(0, -1);
    const dpath = io.fs.resolve(dest);
    const dIsDir = io.fs.stat(dpath)?.type === 'dir';
    if (sources.length > 1 && !dIsDir) {
      io.err(`${name}: target '${dest}' is not a directory\n`);
      return 1;
    }
    let code = 0;
    for (const s of sources) {
      const spath = io.fs.resolve(s);
      const st = io.fs.stat(spath);
      if (!st) {
        io.err(`${name}: can't stat '${s}': No such file or directory\n`);
        code = 1;
        continue;
      }
      if (st.type === 'dir' && !move && !(p.o.r || p.o.R || p.o.a)) {
        io.err(`${name}: omitting directory '${s}'\n`);
        code = 1;
        continue;
      }
      const target = dIsDir ? dpath + '/' + spath.slice(spath.lastIndexOf('/') + 1) : dpath;
      const e = copyTree(io, spath, target) ?? (move ? (io.fs.remove ? io.fs.remove(spath, true) : 'Operation not permitted') : null);
      if (e) {
        io.err(`${name}: ${s}: ${e}\n`);
        code = 1;
      }
    }
    return code;
  };
}

// ---- environment, time --------------------------------------------------------------------------

const env: Program = async (argv, io) => {
  let vars: Record<string, string> = { ...io.env };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-i' || a === '-' || a === '--ignore-environment') vars = {};
    else if (a === '-u') delete vars[argv[++i] ?? ''];
    else if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    } else break;
  }
  if (i >= argv.length) {
    io.out(Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  const q = (s: string) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'");
  const prefix = Object.entries(vars)
    .filter(([k, v]) => io.env[k] !== v)
    .map(([k, v]) => `${k}=${q(v)} `)
    .join('');
  const removed = Object.keys(io.env).filter((k) => !Object.hasOwn(vars, k));
  const cmd = prefix + argv.slice(i).map(q).join(' ');
  return io.runLine(removed.length ? `(unset -v ${removed.join(' ')}; ${cmd})` : cmd);
};

const printenv: Program = (argv, io) => {
  if (!argv.length) {
    io.out(Object.entries(io.env).map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  }
  let code = 0;
  for (const n of argv) {
    if (io.env[n] !== undefined) io.out(io.env[n] + '\n');
    else code = 1;
  }
  return code;
};

/** Parses `sleep` operands (5, 5s, 2m, 1h, 1.5, 1d); null when invalid. */
export function parseDuration(s: string): number | null {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return null;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * mult);
}

const sleep: Program = (argv, io) => {
  const args = argv.filter((a) => a !== '--');
  if (!args.length) {
    io.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  if (args[0] === 'infinity') {
    io.err('sleep: k8s-drill does not sleep forever (would never return)\n');
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const ms = parseDuration(a);
    if (ms === null) {
      io.err(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += ms;
  }
  io.advance(total);
  return 0;
};

/** strftime for `date +FORMAT` (UTC). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const Y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  return fmt.replace(/%([-_0]?)([a-zA-Z%+])/g, (all, flag: string, c: string) => {
    let v: string;
    switch (c) {
      case 'Y': v = String(Y); break;
      case 'y': v = p2(Y % 100); break;
      case 'm': v = p2(mo + 1); break;
      case 'd': v = p2(day); break;
      case 'e': v = String(day).padStart(2); break;
      case 'H': v = p2(H); break;
      case 'I': v = p2(H % 12 || 12); break;
      case 'M': v = p2(M); break;
      case 'S': v = p2(S); break;
      case 'N': v = String((ms % 1000) * 1_000_000).padStart(9, '0'); break;
      case 's': v = String(Math.floor(ms / 1000)); break;
      case 'p': v = H < 12 ? 'AM' : 'PM'; break;
      case 'Z': v = 'UTC'; break;
      case 'z': v = '+0000'; break;
      case 'a': v = DAYS[d.getUTCDay()]!; break;
      case 'A': v = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()]!; break;
      case 'b': case 'h': v = MONTHS[mo]!; break;
      case 'B': v = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][mo]!; break;
      case 'j': v = String(Math.floor((Date.UTC(Y, mo, day) - Date.UTC(Y, 0, 1)) / 86_400_000) + 1).padStart(3, '0'); break;
      case 'u': v = String(d.getUTCDay() || 7); break;
      case 'w': v = String(d.getUTCDay()); break;
      case 'T': v = `${p2(H)}:${p2(M)}:${p2(S)}`; break;
      case 'R': v = `${p2(H)}:${p2(M)}`; break;
      case 'D': v = `${p2(mo + 1)}/${p2(day)}/${p2(Y % 100)}`; break;
      case 'F': v = `${Y}-${p2(mo + 1)}-${p2(day)}`; break;
      case 'c': v = `${DAYS[d.getUTCDay()]} ${MONTHS[mo]} ${String(day).padStart(2)} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`; break;
      case 'n': v = '\n'; break;
      case 't': v = '\t'; break;
      case '%': v = '%'; break;
      default: return all;
    }
    if (flag === '-') v = v.replace(/^[0 ]+(?=.)/, '');
    return v;
  });
}

/** `date -d`: now, today, yesterday, tomorrow, N unit(s) ago, +N unit, @EPOCH, or an ISO date. */
function parseDateSpec(spec: string, now: number): number | null {
  const s = spec.trim().toLowerCase();
  if (s === '' || s === 'now' || s === 'today') return now;
  if (s === 'yesterday') return now - 86_400_000;
  if (s === 'tomorrow') return now + 86_400_000;
  let m = /^@(-?\d+)$/.exec(s);
  if (m) return Number(m[1]) * 1000;
  m = /^([-+]?\d+)\s*(sec|second|min|minute|hour|day|week|month|year)s?(\s+ago)?$/.exec(s);
  if (m) {
    const unit = { sec: 1000, second: 1000, min: 60_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 2_592_000_000, year: 31_536_000_000 }[m[2]!]!;
    return now + Number(m[1]) * unit * (m[3] ? -1 : 1);
  }
  if (/^\d{4}-\d{2}-\d{2}([ t]\d{2}:\d{2}(:\d{2})?)?(z|[+-]\d{2}:?\d{2})?$/.test(s)) {
    const t = Date.parse(/[ t]/.test(s) ? s.replace(' ', 'T').toUpperCase() + (/[z+-]\d*:?\d*$/i.test(s.slice(10)) ? '' : 'Z') : s + 'T00:00:00Z');
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

const date: Program = (argv, io) => {
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  let when = io.now();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc' || a === '--universal') continue;
    else if (a === '-d' || a.startsWith('--date=') || (a.startsWith('-d') && a.length > 2)) {
      const spec = a === '-d' ? (argv[++i] ?? '') : a.startsWith('--date=') ? a.slice(7) : a.slice(2);
      const t = parseDateSpec(spec, io.now());
      if (t === null) {
        io.err(`date: invalid date '${spec}'\n`);
        return 1;
      }
      when = t;
    }
    else if (a === '-R' || a === '--rfc-email') fmt = '%a, %d %b %Y %H:%M:%S +0000';
    else if (a === '-I' || a === '--iso-8601' || a === '--iso-8601=date') fmt = '%F';
    else if (a.startsWith('--iso-8601=') || a.startsWith('-I')) fmt = a.endsWith('seconds') ? '%FT%T+00:00' : a.endsWith('minutes') ? '%FT%R+00:00' : a.endsWith('hours') ? '%FT%H+00:00' : '%F';
    else {
      io.err(`date: invalid date '${a}'\n`);
      return 1;
    }
  }
  io.out(strftime(fmt, when) + '\n');
  return 0;
};

const seq: Program = (argv, io) => {
  let sep = '\n';
  let width = false;
  const nums: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s') sep = argv[++i] ?? '\n';
    else if (a.startsWith('-s')) sep = a.slice(2);
    else if (a === '-w') width = true;
    else nums.push(a);
  }
  if (!nums.length) {
    io.err("seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  for (const n of nums) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(n)) {
      io.err(`seq: invalid floating point argument: '${n}'\nTry 'seq --help' for more information.\n`);
      return 1;
    }
  }
  const [first, inc, last] = nums.length === 1 ? [1, 1, Number(nums[0])] : nums.length === 2 ? [Number(nums[0]), 1, Number(nums[1])] : [Number(nums[0]), Number(nums[1]), Number(nums[2])];
  if (inc === 0) {
    io.err(`seq: invalid Zero increment value: '${nums[1]}'\n`);
    return 1;
  }
  const dec = Math.max(...nums.map((n) => (n.includes('.') ? n.split('.')[1]!.length : 0)));
  const out: string[] = [];
  for (let k = 0; k < 1_000_000; k++) {
    const v = first + k * inc;
    if (inc > 0 ? v > last + 1e-9 : v < last - 1e-9) break;
    out.push(v.toFixed(dec));
  }
  if (width && out.length) {
    const w = Math.max(...out.map((s) => s.length));
    for (let k = 0; k < out.length; k++) out[k] = out[k]!.startsWith('-') ? '-' + out[k]!.slice(1).padStart(w - 1, '0') : out[k]!.padStart(w, '0');
  }
  io.out(out.length ? out.join(sep) + '\n' : '');
  return 0;
};

const basename: Program = (argv, io) => {
  if (!argv.length) {
    io.err("basename: missing operand\nTry 'basename --help' for more information.\n");
    return 1;
  }
  let b = argv[0]!.replace(/\/+$/, '');
  b = b.slice(b.lastIndexOf('/') + 1) || (argv[0]!.startsWith('/') ? '/' : '');
  if (argv[1] && b.endsWith(argv[1]) && b !== argv[1]) b = b.slice(0, -argv[1].length);
  io.out(b + '\n');
  return 0;
};

const dirname: Program = (argv, io) => {
  if (!argv.length) {
    io.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
    return 1;
  }
  for (const a of argv) {
    const s = a.replace(/\/+$/, '');
    const i = s.lastIndexOf('/');
    io.out((i < 0 ? '.' : i === 0 ? '/' : s.slice(0, i)) + '\n');
  }
  return 0;
};

/** expr(1): integer arithmetic, comparisons, | &, STRING : REGEX, length, substr, index. */
const expr: Program = (argv, io) => {
  let i = 0;
  const isInt = (s: string) => /^[-+]?\d+$/.test(s);
  class ExprError extends Error {}
  const num = (s: string) => {
    if (!isInt(s)) throw new ExprError('non-integer argument');
    return parseInt(s, 10);
  };
  const truthy = (s: string) => s !== '' && !(isInt(s) && parseInt(s, 10) === 0);
  function primary(): string {
    const t = argv[i++];
    if (t === undefined) throw new ExprError('syntax error: missing argument after ‘' + (argv[i - 2] ?? '') + '’');
    if (t === '(') {
      const v = or();
      if (argv[i++] !== ')') throw new ExprError("syntax error: expecting ')'");
      return v;
    }
    if (t === 'length') return String(primary().length);
    if (t === 'substr') {
      const s = primary();
      const pos = num(primary());
      const len = num(primary());
      return pos < 1 || len < 1 ? '' : s.substr(pos - 1, len);
    }
    if (t === 'index') {
      const s = primary();
      const chars = primary();
      const k = [...s].findIndex((c) => chars.includes(c));
      return String(k + 1);
    }
    if (t === 'match') return match(primary(), primary());
    return t;
  }
  function match(s: string, re: string): string {
    const r = new RegExp('^(?:' + re.replace(/\\\(/g, '(').replace(/\\\)/g, ')') + ')');
    const m = r.exec(s);
    if (/\\\(/.test(re)) return m?.[1] ?? '';
    return String(m ? m[0].length : 0);
  }
  function colon(): string {
    let v = primary();
    while (argv[i] === ':') {
      i++;
      v = match(v, primary());
    }
    return v;
  }
  function mul(): string {
    let v = colon();
    while (argv[i] === '*' || argv[i] === '/' || argv[i] === '%') {
      const op = argv[i++]!;
      const b = num(colon());
      const a = num(v);
      if (op !== '*' && b === 0) throw new ExprError('division by zero');
      v = String(op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b);
    }
    return v;
  }
  function add(): string {
    let v = mul();
    while (argv[i] === '+' || argv[i] === '-') {
      const op = argv[i++]!;
      const b = num(mul());
      v = String(op === '+' ? num(v) + b : num(v) - b);
    }
    return v;
  }
  function cmp(): string {
    let v = add();
    while (['=', '==', '!=', '<', '<=', '>', '>='].includes(argv[i] ?? '')) {
      const op = argv[i++]!;
      const b = add();
      const c = isInt(v) && isInt(b) ? parseInt(v, 10) - parseInt(b, 10) : v < b ? -1 : v > b ? 1 : 0;
      const r = op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      v = r ? '1' : '0';
    }
    return v;
  }
  function and(): string {
    let v = cmp();
    while (argv[i] === '&') {
      i++;
      const b = cmp();
      v = truthy(v) && truthy(b) ? v : '0';
    }
    return v;
  }
  function or(): string {
    let v = and();
    while (argv[i] === '|') {
      i++;
      const b = and();
      v = truthy(v) ? v : truthy(b) ? b : '0';
    }
    return v;
  }
  if (!argv.length) {
    io.err("expr: missing operand\nTry 'expr --help' for more information.\n");
    return 2;
  }
  try {
    const v = or();
    if (i < argv.length) throw new ExprError(`syntax error: unexpected argument ‘${argv[i]}’`);
    io.out(v + '\n');
    return truthy(v) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    io.err(`expr: ${e.message}\n`);
    return 2;
  }
};

/** yes: the real one never ends; here it stops after 10,000 lines (plenty for `yes | cmd`). */
const yes: Program = (argv, io) => {
  const line = (argv.length ? argv.join(' ') : 'y') + '\n';
  io.out(line.repeat(10_000));
  return 0;
};

const pwd: Program = (_argv, io) => {
  io.out(io.fs.cwd + '\n');
  return 0;
};

export const coreutils: Record<string, Program> = {
  ls: makeLs('busybox'),
  cat,
  echo,
  printf,
  touch,
  mkdir,
  rm,
  cp: cpmv(false),
  mv: cpmv(true),
  pwd,
  env,
  printenv,
  sleep,
  test,
  '[': bracket,
  true: trueProg,
  false: falseProg,
  tee,
  date,
  seq,
  basename,
  dirname,
  expr,
  yes,
  grep: lazyTool(text, 'grep'),
  egrep: lazyTool(text, 'egrep'),
  fgrep: lazyTool(text, 'fgrep'),
  head: lazyTool(text, 'head'),
  tail: lazyTool(text, 'tail'),
  wc: lazyTool(text, 'wc'),
  sort: lazyTool(text, 'sort'),
  uniq: lazyTool(text, 'uniq'),
  cut: lazyTool(text, 'cut'),
  tr: lazyTool(text, 'tr'),
  xargs: lazyTool(text, 'xargs'),
  base64: lazyTool(text, 'base64'),
  rev: lazyTool(text, 'rev'),
  tac: lazyTool(text, 'tac'),
  nl: lazyTool(text, 'nl'),
  column: lazyTool(text, 'column'),
  paste: lazyTool(text, 'paste'),
  find: lazyTool(text, 'find'),
  diff: lazyTool(text, 'diff'),
  md5sum: lazyTool(text, 'md5sum'),
  sha1sum: lazyTool(text, 'sha1sum'),
  sha256sum: lazyTool(text, 'sha256sum'),
  sha512sum: lazyTool(text, 'sha512sum'),
  awk: lazyTool(() => import('./awk.js') as Promise<Record<string, unknown>>, 'awk'),
  sed: lazyTool(() => import('./sed.js') as Promise<Record<string, unknown>>, 'sed'),
  jq: lazyTool(() => import('./jq.js') as Promise<Record<string, unknown>>, 'jq'),
};
