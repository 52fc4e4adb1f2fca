/**
 * Text tools over strings: grep, head, tail, wc, sort, uniq, cut, tr, xargs, base64, rev, tac, nl.
 * GNU behaviour and messages (the learner's host is a Linux box); loaded on first use.
 */
import type { IO, Program } from '../core/types.js';
import { compile } from './regex.js';
import { getopt, joinLines, lines, readInputs, readOne, readText, usageError, type Input } from './util.js';
import { POSIX_CLASS } from './pattern.js';
import { editScript, unifiedHunks } from './diffcore.js';

// ---- grep ---------------------------------------------------------------------------------------

const GREP_LONG: Record<string, string> = {
  'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G',
  'word-regexp': 'w', 'line-regexp': 'x', 'only-matching': 'o', 'line-number': 'n', quiet: 'q', silent: 'q',
  'no-messages': 's', recursive: 'r', 'dereference-recursive': 'R', 'files-with-matches': 'l',
  'files-without-match': 'L', 'no-filename': 'h', 'with-filename': 'H', 'max-count': 'm', 'after-context': 'A',
  'before-context': 'B', context: 'C', regexp: 'e', file: 'f', color: '', colour: '', 'perl-regexp': 'P',
  'ignore-case-': 'i', text: 'a', 'null-data': 'z', include: '', exclude: '', 'exclude-dir': '',
};

function grepTool(mode: '' | 'E' | 'F'): Program {
  return (argv, io) => {
    const p = getopt(argv, 'ivcEFGwxonqsrRlLhHPayz', 'emABCfd', GREP_LONG, { digits: true });
    if (p.error) return usageError(io, 'grep', p.error.replace(/^invalid option/, 'invalid option'), 2);
    const o = p.o;
    let patterns: string[];
    const args = [...p.args];
    if (p.all.e) patterns = p.all.e.flatMap((e) => e.split('\n'));
    else if (o.f !== undefined) {
      const t = readOne(io, String(o.f));
      if (typeof t !== 'string') {
        io.err(`grep: ${o.f}: ${t.error}\n`);
        return 2;
      }
      patterns = lines(t);
    } else {
      if (!args.length) {
        io.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
        return 2;
      }
      patterns = args.shift()!.split('\n');
    }
    const ere = mode === 'E' || !!o.E || !!o.P;
    const fixed = mode === 'F' || !!o.F;
    const parts: string[] = [];
    let re: RegExp | string = /$^/;
    for (const pat of patterns) {
      const r = compile(pat, { ere, fixed });
      if (typeof r === 'string') {
        io.err(`grep: ${r}\n`);
        return 2;
      }
      parts.push(r.source);
    }
    const joined = parts.length === 1 ? parts[0]! : parts.map((s) => '(?:' + s + ')').join('|');
    let src = joined;
    if (o.w) src = '(?<![A-Za-z0-9_])(?:' + src + ')(?![A-Za-z0-9_])';
    if (o.x) src = '^(?:' + src + ')$';
    try {
      re = new RegExp(src, o.i || o.y ? 'i' : '');
    } catch (e) {
      io.err(`grep: ${(e as Error).message}\n`);
      return 2;
    }
    const reG = new RegExp(re.source, re.flags + 'g');
    const ctx = o.C !== undefined ? Number(o.C) : o['#'] !== undefined ? Number(o['#']) : 0;
    const after = o.A !== undefined ? Number(o.A) : ctx;
    const before = o.B !== undefined ? Number(o.B) : ctx;
    const maxCount = o.m !== undefined ? Number(o.m) : Infinity;
    const recursive = !!(o.r || o.R);
    let code = 1;
    let error = false;
    let inputs: Input[] = [];
    const files = args.length ? args : recursive ? ['.'] : [];
    if (!files.length) inputs = [{ name: '(standard input)', text: io.stdin }];
    for (const f of files) {
      if (f === '-') {
        inputs.push({ name: '(standard input)', text: io.stdin });
        continue;
      }
      const path = io.fs.resolve(f);
      const st = io.fs.stat(path);
      if (!st) {
        if (!o.s) io.err(`grep: ${f}: No such file or directory\n`);
        error = true;
        continue;
      }
      if (st.type === 'dir') {
        if (!recursive) {
          if (!o.s) io.err(`grep: ${f}: Is a directory\n`);
          error = true;
          continue;
        }
        const walk = (dir: string, label: string) => {
          for (const n of [...(io.fs.readdir(dir) ?? [])].sort()) {
            const child = dir.endsWith('/') ? dir + n : dir + '/' + n;
            const l = label === '.' && !args.length ? n : label.endsWith('/') ? label + n : label + '/' + n;
            const cst = io.fs.stat(child);
            if (cst?.type === 'dir') walk(child, l);
            else if (cst) inputs.push({ name: l, text: io.fs.readFile(child) ?? '' });
          }
        };
        walk(path, f);
        continue;
      }
      inputs.push({ name: f, text: readText(io.fs, path) ?? '' });
    }
    const showName = o.H ? true : o.h ? false : files.length > 1 || recursive;
    let out = '';
    for (const inp of inputs) {
      const ls = lines(inp.text);
      let count = 0;
      let lastPrinted = -1;
      let afterLeft = 0;
      const prefix = (i: number, sep: string) => (showName ? inp.name + sep : '') + (o.n ? String(i + 1) + sep : '');
      for (let i = 0; i < ls.length; i++) {
        const line = ls[i]!;
        const hit = re.test(line) !== !!o.v;
        if (hit && count < maxCount) {
          count++;
          code = 0;
          if (o.q) return 0;
          if (o.c || o.l || o.L) continue;
          if (before || after) {
            const from = Math.max(lastPrinted + 1, i - before);
            if (lastPrinted >= 0 && from > lastPrinted + 1) out += '--\n';
            else if (lastPrinted < 0 && out && from > 0) out += '--\n';
            for (let j = from; j < i; j++) out += prefix(j, '-') + ls[j] + '\n';
          }
          if (o.o && !o.v) {
            reG.lastIndex = 0;
            let m: RegExpExecArray | null;
            while ((m = reG.exec(line))) {
              if (m[0] === '') {
                reG.lastIndex++;
                continue;
              }
              out += prefix(i, ':') + m[0] + '\n';
            }
          } else if (!o.o) out += prefix(i, ':') + line + '\n';
          lastPrinted = i;
          afterLeft = after;
        } else if (afterLeft > 0 && !(o.c || o.l || o.L)) {
          if (count >= maxCount && hit) break;
          out += prefix(i, '-') + line + '\n';
          lastPrinted = i;
          afterLeft--;
        } else if (count >= maxCount) break;
      }
      if (o.c) out += (showName ? inp.name + ':' : '') + count + '\n';
      if (o.l && count) out += inp.name + '\n';
      if (o.L && !count) out += inp.name + '\n';
    }
    if (o.L) code = out ? 0 : 1;
    io.out(out);
    return error && !(o.q && code === 0) ? 2 : code;
  };
}

export const grep = grepTool('');
export const egrep = grepTool('E');
export const fgrep = grepTool('F');

// ---- head / tail --------------------------------------------------------------------------------

function headTail(tail: boolean): Program {
  const name = tail ? 'tail' : 'head';
  return (argv, io) => {
    const p = getopt(argv, 'qvfFz', 'nc', { lines: 'n', bytes: 'c', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f', retry: '' }, { digits: true });
    if (p.error) return usageError(io, name, p.error);
    const o = p.o;
    let spec = String(o.n ?? o['#'] ?? '10');
    const bytes = o.c !== undefined;
    if (bytes) spec = String(o.c);
    let n: number;
    let fromStart = false;
    let allBut = false;
    const m = /^([+-]?)(\d+)([kKmMbB]?)$/.exec(spec);
    if (!m) {
      io.err(`${name}: invalid number of ${bytes ? 'bytes' : 'lines'}: '${spec}'\n`);
      return 1;
    }
    n = Number(m[2]);
    if (m[3]) n *= { k: 1024, K: 1024, m: 1048576, M: 1048576, b: 512, B: 512 }[m[3]]!;
    if (tail && m[1] === '+') fromStart = true;
    if (!tail && m[1] === '-') allBut = true;
    const { inputs, ok } = readInputs(io, name, p.args);
    const header = (inputs.length > 1 && !o.q) || !!o.v;
    let out = '';
    inputs.forEach((inp, k) => {
      if (header) out += (k ? '\n' : '') + `==> ${inp.name} <==\n`;
      const t = inp.text;
      if (bytes) {
        if (tail) out += fromStart ? t.slice(Math.max(0, n - 1)) : n ? t.slice(-n) : '';
        else out += allBut ? t.slice(0, Math.max(0, t.length - n)) : t.slice(0, n);
        return;
      }
      const parts = t.split('\n');
      const endsNl = t.endsWith('\n');
      if (endsNl) parts.pop();
      let sel: string[];
      if (tail) sel = fromStart ? parts.slice(Math.max(0, n - 1)) : n ? parts.slice(-n) : [];
      else sel = allBut ? parts.slice(0, Math.max(0, parts.length - n)) : parts.slice(0, n);
      const lastIncluded = tail ? true : allBut ? false : n >= parts.length;
      out += sel.join('\n') + (sel.length && (endsNl || !lastIncluded) ? '\n' : '');
    });
    io.out(out);
    return ok ? 0 : 1;
  };
}

export const head = headTail(false);
export const tail = headTail(true);

// ---- wc -----------------------------------------------------------------------------------------

export const wc: Program = (argv, io) => {
  const p = getopt(argv, 'lwcmL', '', { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' });
  if (p.error) return usageError(io, 'wc', p.error);
  const o = p.o;
  let which = (['l', 'w', 'm', 'c', 'L'] as const).filter((k) => o[k]);
  if (!which.length) which = ['l', 'w', 'c'];
  const { inputs, ok } = readInputs(io, 'wc', p.args);
  const enc = new TextEncoder();
  const rows = inputs.map((inp) => {
    const t = inp.text;
    const counts: Record<string, number> = {
      l: (t.match(/\n/g) ?? []).length,
      w: t.split(/\s+/).filter(Boolean).length,
      c: enc.encode(t).length,
      m: [...t].length,
      L: Math.max(0, ...t.split('\n').map((l) => l.length)),
    };
    return { name: p.args.length ? inp.name : '', counts };
  });
  if (rows.length > 1) {
    const total: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
    for (const r of rows) for (const k of Object.keys(total)) total[k] = k === 'L' ? Math.max(total[k]!, r.counts[k]!) : total[k]! + r.counts[k]!;
    rows.push({ name: 'total', counts: total });
  }
  const fromStdin = !p.args.length || p.args.includes('-');
  let width: number;
  if (which.length === 1 && inputs.length <= 1) width = 1;
  else if (fromStdin) width = 7;
  else width = Math.max(1, String(inputs.reduce((s, i) => s + enc.encode(i.text).length, 0)).length);
  io.out(rows.map((r) => which.map((k) => String(r.counts[k]).padStart(width)).join(' ') + (r.name ? ' ' + r.name : '') + '\n').join(''));
  return ok ? 0 : 1;
};

// ---- sort ---------------------------------------------------------------------------------------

/** Byte order, as sort in the C locale (busybox in containers; a deterministic choice on the host). */
function localeCmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function numPrefix(s: string): number {
  const m = /^\s*([-+]?(\d+\.?\d*|\.\d+))/.exec(s);
  return m ? Number(m[1]) : 0;
}
function humanNum(s: string): number {
  const m = /^\s*([-+]?(\d+\.?\d*|\.\d+))([KMGTPE]?)/i.exec(s);
  if (!m) return 0;
  const mult = { '': 1, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 }[m[3]!.toUpperCase()] ?? 1;
  return Number(m[1]) * mult;
}
function versionCmp(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(ra.length, rb.length); i++) {
    const x = ra[i];
    const y = rb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d) return d;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

interface SortKey {
  f1: number;
  c1: number;
  f2: number;
  c2: number;
  mods: string;
}

export const sort: Program = (argv, io) => {
  const p = getopt(argv, 'nrufbhVsdgcCzMR', 'kto', {
    numeric: 'n', 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', key: 'k', 'field-separator': 't',
    'human-numeric-sort': 'h', 'version-sort': 'V', stable: 's', 'general-numeric-sort': 'g', output: 'o', 'ignore-leading-blanks': 'b',
  });
  if (p.error) return usageError(io, 'sort', p.error, 2);
  const o = p.o;
  const sep = o.t !== undefined ? String(o.t) : null;
  if (sep !== null && sep.length !== 1) {
    io.err('sort: multi-character tab ' + `'${sep}'\n`);
    return 2;
  }
  const keys: SortKey[] = [];
  for (const k of p.all.k ?? []) {
    const m = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)(?:,(\d+)(?:\.(\d+))?([a-zA-Z]*))?$/.exec(k);
    if (!m) {
      io.err(`sort: invalid number at field start: invalid count at start of '${k}'\n`);
      return 2;
    }
    keys.push({ f1: Number(m[1]), c1: Number(m[2] ?? 1), f2: m[4] ? Number(m[4]) : 0, c2: Number(m[5] ?? 0), mods: (m[3] ?? '') + (m[6] ?? '') });
  }
  const { inputs, ok } = readInputs(io, 'sort', p.args);
  const all = inputs.flatMap((i) => lines(i.text));
  const fieldsOf = (line: string): { start: number; end: number }[] => {
    const f: { start: number; end: number }[] = [];
    if (sep !== null) {
      let s = 0;
      for (;;) {
        const e = line.indexOf(sep, s);
        if (e < 0) {
          f.push({ start: s, end: line.length });
          break;
        }
        f.push({ start: s, end: e });
        s = e + 1;
      }
    } else {
      const re = /\s*\S+/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(line))) f.push({ start: m.index, end: m.index + m[0].length });
      if (!f.length) f.push({ start: 0, end: line.length });
    }
    return f;
  };
  const keyText = (line: string, k: SortKey): string => {
    const f = fieldsOf(line);
    const a = f[k.f1 - 1];
    if (!a) return '';
    let start = a.start;
    if (sep === null || k.mods.includes('b') || o.b) start = a.start + (/^\s*/.exec(line.slice(a.start))![0].length);
    start += k.c1 - 1;
    let end = line.length;
    if (k.f2) {
      const b = f[k.f2 - 1];
      end = b ? (k.c2 ? b.start + k.c2 : b.end) : line.length;
    }
    return line.slice(start, Math.max(start, end));
  };
  const cmpBy = (mods: string) => {
    const g = (c: string) => mods.includes(c) || (!mods.replace(/[br]/g, '') && !!o[c]);
    if (g('n') || g('g')) return (a: string, b: string) => numPrefix(a) - numPrefix(b);
    if (g('h')) return (a: string, b: string) => humanNum(a) - humanNum(b);
    if (g('V')) return versionCmp;
    if (g('f')) return (a: string, b: string) => localeCmp(a.toUpperCase(), b.toUpperCase());
    return localeCmp;
  };
  const baseCmp = cmpBy('');
  const cmp = (a: string, b: string): number => {
    if (keys.length) {
      for (const k of keys) {
        const c = cmpBy(k.mods)(keyText(a, k), keyText(b, k));
        if (c) return k.mods.includes('r') ? -c : c;
      }
      if (o.u || o.s) return 0;
      return (o.r ? -1 : 1) * localeCmp(a, b);
    }
    const c = baseCmp(a, b);
    if (c || o.u || o.s) return c;
    return localeCmp(a, b);
  };
  const sorted = all.map((l, i) => ({ l, i })).sort((x, y) => cmp(x.l, y.l) || x.i - y.i);
  let res = sorted.map((x) => x.l);
  if (o.r) res.reverse();
  if (o.u) res = res.filter((l, i) => i === 0 || cmp(res[i - 1]!, l) !== 0);
  if (o.c || o.C) {
    for (let i = 1; i < all.length; i++) {
      if (cmp(all[i - 1]!, all[i]!) * (o.r ? -1 : 1) > 0) {
        if (o.c) io.err(`sort: -:${i + 1}: disorder: ${all[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  if (o.o !== undefined) {
    const e = io.fs.writeFile(io.fs.resolve(String(o.o)), joinLines(res));
    if (e) {
      io.err(`sort: ${o.o}: ${e}\n`);
      return 2;
    }
    return ok ? 0 : 2;
  }
  io.out(joinLines(res));
  return ok ? 0 : 2;
};

// ---- uniq ---------------------------------------------------------------------------------------

export const uniq: Program = (argv, io) => {
  const p = getopt(argv, 'cdui', 'fsw', { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields': 'f', 'skip-chars': 's', 'check-chars': 'w' });
  if (p.error) return usageError(io, 'uniq', p.error);
  const o = p.o;
  const { inputs, ok } = readInputs(io, 'uniq', p.args.slice(0, 1));
  const ls = lines(inputs[0]?.text ?? '');
  const key = (l: string) => {
    let s = l;
    if (o.f) s = s.replace(new RegExp('^(\\s*\\S+){' + Number(o.f) + '}'), '');
    if (o.s) s = s.slice(Number(o.s));
    if (o.w) s = s.slice(0, Number(o.w));
    return o.i ? s.toLowerCase() : s;
  };
  let out = '';
  for (let i = 0; i < ls.length; ) {
    let j = i + 1;
    while (j < ls.length && key(ls[j]!) === key(ls[i]!)) j++;
    const n = j - i;
    if ((!o.d || n > 1) && (!o.u || n === 1)) out += (o.c ? String(n).padStart(7) + ' ' : '') + ls[i] + '\n';
    i = j;
  }
  if (p.args[1]) {
    const e = io.fs.writeFile(io.fs.resolve(p.args[1]), out);
    if (e) io.err(`uniq: ${p.args[1]}: ${e}\n`);
  } else io.out(out);
  return ok ? 0 : 1;
};

// ---- cut ----------------------------------------------------------------------------------------

function parseList(s: string): { from: number; to: number }[] | string {
  const out: { from: number; to: number }[] = [];
  for (const part of s.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (!m[1] && !m[3])) return `invalid field range`;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    if (from === 0 || to === 0) return 'fields and positions are numbered from 1';
    if (to < from) return 'invalid decreasing range';
    out.push({ from, to });
  }
  return out;
}

export const cut: Program = (argv, io) => {
  const p = getopt(argv, 'snz', 'dfcb', { delimiter: 'd', fields: 'f', characters: 'c', bytes: 'b', 'only-delimited': 's', 'output-delimiter': 'O', complement: '' });
  if (p.error) return usageError(io, 'cut', p.error);
  const o = p.o;
  const spec = o.f ?? o.c ?? o.b;
  if (spec === undefined) {
    io.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const list = parseList(String(spec));
  if (typeof list === 'string') {
    io.err(`cut: ${list}\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const delim = o.d !== undefined ? String(o.d) : '\t';
  if (o.d !== undefined && delim.length !== 1) {
    io.err("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n");
    return 1;
  }
  const inList = (i: number) => list.some((r) => i >= r.from && i <= r.to);
  const { inputs, ok } = readInputs(io, 'cut', p.args);
  let out = '';
  for (const inp of inputs) {
    for (const line of lines(inp.text)) {
      if (o.f !== undefined) {
        if (!line.includes(delim)) {
          if (!o.s) out += line + '\n';
          continue;
        }
        const fs = line.split(delim);
        out += fs.filter((_, i) => inList(i + 1)).join(delim) + '\n';
      } else {
        const chars = [...line];
        out += chars.filter((_, i) => inList(i + 1)).join('') + '\n';
      }
    }
  }
  io.out(out);
  return ok ? 0 : 1;
};

// ---- tr -----------------------------------------------------------------------------------------

function expandSet(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  const esc = (c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' })[c] ?? c;
  const chars: string[] = [];
  while (i < s.length) {
    if (s[i] === '[' && s[i + 1] === ':') {
      const e = s.indexOf(':]', i + 2);
      const cls = e > 0 ? POSIX_CLASS[s.slice(i + 2, e)] : undefined;
      if (cls !== undefined) {
        const name = s.slice(i + 2, e);
        chars.push(`\u0000class:${name}`);
        i = e + 2;
        continue;
      }
    }
    if (s[i] === '\\' && i + 1 < s.length) {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1));
      if (m) {
        chars.push(String.fromCharCode(parseInt(m[0], 8)));
        i += 1 + m[0].length;
      } else {
        chars.push(esc(s[i + 1]!));
        i += 2;
      }
      continue;
    }
    chars.push(s[i]!);
    i++;
  }
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k]!;
    if (c.startsWith('\u0000class:')) {
      const name = c.slice(7);
      const ranges: Record<string, [number, number][]> = {
        lower: [[97, 122]], upper: [[65, 90]], digit: [[48, 57]], alpha: [[65, 90], [97, 122]], alnum: [[48, 57], [65, 90], [97, 122]],
        space: [[9, 13], [32, 32]], blank: [[9, 9], [32, 32]], punct: [[33, 47], [58, 64], [91, 96], [123, 126]], xdigit: [[48, 57], [65, 70], [97, 102]], cntrl: [[0, 31]],
      };
      for (const [a, b] of ranges[name] ?? []) for (let x = a; x <= b; x++) out.push(String.fromCharCode(x));
      continue;
    }
    if (chars[k + 1] === '-' && chars[k + 2] !== undefined && !chars[k + 2]!.startsWith('\u0000')) {
      const a = c.charCodeAt(0);
      const b = chars[k + 2]!.charCodeAt(0);
      for (let x = a; x <= b; x++) out.push(String.fromCharCode(x));
      k += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

export const tr: Program = (argv, io) => {
  const p = getopt(argv, 'cCdst', '', { delete: 'd', 'squeeze-repeats': 's', complement: 'c', truncate: 't' });
  if (p.error) return usageError(io, 'tr', p.error);
  const o = p.o;
  const [s1, s2] = p.args;
  if (s1 === undefined) {
    io.err("tr: missing operand\nTry 'tr --help' for more information.\n");
    return 1;
  }
  if (s2 === undefined && !o.d && !o.s) {
    io.err(`tr: missing operand after '${s1}'\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const set1 = new Set(expandSet(s1));
  const comp = !!(o.c || o.C);
  const in1 = (c: string) => set1.has(c) !== comp;
  const arr1 = expandSet(s1);
  const arr2 = s2 !== undefined ? expandSet(s2) : [];
  const map = new Map<string, string>();
  if (!o.d && arr2.length && !comp) arr1.forEach((c, i) => map.set(c, arr2[Math.min(i, arr2.length - 1)]!));
  const squeezeSet = new Set(o.d ? arr2 : arr2.length ? arr2 : arr1);
  let out = '';
  let last = '';
  for (const ch of io.stdin) {
    let c = ch;
    if (o.d) {
      if (in1(c)) continue;
    } else if (comp && arr2.length) {
      if (in1(c)) c = arr2[arr2.length - 1]!;
    } else if (map.has(c)) c = map.get(c)!;
    if (o.s && c === last && (comp && !arr2.length ? in1(c) : squeezeSet.has(c))) continue;
    out += c;
    last = c;
  }
  io.out(out);
  return 0;
};

// ---- xargs --------------------------------------------------------------------------------------

function quoteArg(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, "'\\''") + "'";
}

/** xargs' own word splitting: blanks and newlines separate; quotes and backslashes group. */
function xargsItems(t: string): string[] | string {
  const items: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (c === "'" || c === '"') {
      const e = t.indexOf(c, i + 1);
      const nl = t.indexOf('\n', i + 1);
      if (e < 0 || (nl >= 0 && nl < e)) return `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
      cur += t.slice(i + 1, e);
      has = true;
      i = e;
    } else if (c === '\\' && i + 1 < t.length) {
      cur += t[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) items.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) items.push(cur);
  return items;
}

export const xargs: Program = async (argv, io) => {
  const p = getopt(argv, '0rtpx', 'nILdPsaEe', {
    null: '0', 'no-run-if-empty': 'r', verbose: 't', 'max-args': 'n', replace: 'I', 'max-lines': 'L', delimiter: 'd', 'max-procs': 'P', interactive: 'p',
  }, { posix: true });
  if (p.error) return usageError(io, 'xargs', p.error);
  const o = p.o;
  const cmd = p.args.length ? p.args : ['echo'];
  const replace = o.I !== undefined ? String(o.I) : null;
  let items: string[];
  const text = io.stdin;
  if (o['0']) items = text.split('\0').filter((x, i, a) => x !== '' || i < a.length - 1);
  else if (o.d !== undefined) {
    const d = String(o.d).replace('\\n', '\n').replace('\\t', '\t');
    items = text.split(d);
    if (items[items.length - 1] === '' || items[items.length - 1] === '\n') items.pop();
  } else if (replace !== null) items = lines(text).map((l) => l.replace(/^\s+/, '')).filter((l) => l !== '');
  else if (o.L !== undefined) {
    const n = Number(o.L) || 1;
    const ls = lines(text).filter((l) => l.trim());
    items = [];
    const groups: string[][] = [];
    for (let i = 0; i < ls.length; i += n) {
      const r = xargsItems(ls.slice(i, i + n).join('\n'));
      if (typeof r === 'string') {
        io.err(`xargs: ${r}\n`);
        return 1;
      }
      groups.push(r);
    }
    return runGroups(io, cmd, groups, !!o.t, !!o.r);
  } else {
    const r = xargsItems(text);
    if (typeof r === 'string') {
      io.err(`xargs: ${r}\n`);
      return 1;
    }
    items = r;
  }
  if (replace !== null) {
    const groups = items.map((it) => cmd.map((a) => a.split(replace).join(it)));
    return runGroups(io, [], groups, !!o.t, true);
  }
  const n = o.n !== undefined ? Math.max(1, Number(o.n) || 1) : Infinity;
  const groups: string[][] = [];
  for (let i = 0; i < items.length; i += n === Infinity ? Math.max(items.length, 1) : n) groups.push(items.slice(i, i + (n === Infinity ? items.length : n)));
  return runGroups(io, cmd, groups, !!o.t, !!o.r);
};

async function runGroups(io: IO, cmd: string[], groups: string[][], trace: boolean, noEmpty: boolean): Promise<number> {
  if (!groups.length && !noEmpty) groups = [[]];
  let code = 0;
  for (const g of groups) {
    const words = [...cmd, ...g];
    if (trace) io.err(words.join(' ') + '\n');
    const c = await io.runLine(words.map(quoteArg).join(' '));
    if (c === 127 || c === 126) return c;
    if (c === 255) {
      io.err(`xargs: ${words[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (c !== 0) code = 123;
  }
  return code;
}

// ---- base64 -------------------------------------------------------------------------------------

export const base64: Program = (argv, io) => {
  const p = getopt(argv, 'diD', 'w', { decode: 'd', 'ignore-garbage': 'i', wrap: 'w' });
  if (p.error) return usageError(io, 'base64', p.error);
  const o = p.o;
  if (p.args.length > 1) {
    io.err(`base64: extra operand '${p.args[1]}'\nTry 'base64 --help' for more information.\n`);
    return 1;
  }
  const { inputs, ok } = readInputs(io, 'base64', p.args);
  if (!ok) return 1;
  const input = inputs[0]!.text;
  if (o.d || o.D) {
    let s = input.replace(/[\n\r]/g, '');
    if (o.i) s = s.replace(/[^A-Za-z0-9+/=]/g, '');
    const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(s.replace(/\s/g, '')) && s.replace(/\s/g, '').replace(/=+$/, '').length % 4 !== 1;
    const clean = s.replace(/\s/g, '');
    if (!valid) {
      const good = /^[A-Za-z0-9+/]*/.exec(clean)![0];
      const usable = good.slice(0, good.length - (good.length % 4));
      io.out(Buffer.from(usable, 'base64').toString('utf8'));
      io.err('base64: invalid input\n');
      return 1;
    }
    io.out(Buffer.from(clean, 'base64').toString('utf8'));
    return 0;
  }
  const enc = Buffer.from(input, 'utf8').toString('base64');
  const w = o.w !== undefined ? Number(o.w) : 76;
  if (!Number.isInteger(w) || w < 0) {
    io.err(`base64: invalid wrap size: '${o.w}'\n`);
    return 1;
  }
  if (!enc) return 0;
  if (w === 0) io.out(enc);
  else {
    let out = '';
    for (let i = 0; i < enc.length; i += w) out += enc.slice(i, i + w) + '\n';
    io.out(out);
  }
  return 0;
};

// ---- rev, tac, nl -------------------------------------------------------------------------------

export const rev: Program = (argv, io) => {
  const { inputs, ok } = readInputs(io, 'rev', argv);
  const t = inputs.map((i) => i.text).join('');
  const parts = t.split('\n');
  io.out(parts.map((l) => [...l].reverse().join('')).join('\n'));
  return ok ? 0 : 1;
};

export const tac: Program = (argv, io) => {
  const { inputs, ok } = readInputs(io, 'tac', argv);
  io.out(joinLines(inputs.flatMap((i) => lines(i.text)).reverse()));
  return ok ? 0 : 1;
};

export const nl: Program = (argv, io) => {
  const p = getopt(argv, '', 'bw');
  const all = p.o.b === 'a';
  const { inputs, ok } = readInputs(io, 'nl', p.args);
  let n = 0;
  const w = p.o.w !== undefined ? Number(p.o.w) : 6;
  let out = '';
  for (const l of inputs.flatMap((i) => lines(i.text))) {
    if (l === '' && !all) out += '\n';
    else out += String(++n).padStart(w) + '\t' + l + '\n';
  }
  io.out(out);
  return ok ? 0 : 1;
};

// ---- column, paste ------------------------------------------------------------------------------

export const column: Program = (argv, io) => {
  const p = getopt(argv, 'tnx', 'sco', { table: 't', separator: 's', 'output-separator': 'o' });
  if (p.error) return usageError(io, 'column', p.error);
  const { inputs, ok } = readInputs(io, 'column', p.args);
  const ls = inputs.flatMap((i) => lines(i.text));
  if (!p.o.t) {
    io.out(joinLines(ls.filter((l) => l.trim())));
    return ok ? 0 : 1;
  }
  const sep = p.o.s !== undefined ? new RegExp('[' + String(p.o.s).replace(/[\]\\^-]/g, '\\$&') + ']+') : /\s+/;
  const rows = ls.filter((l) => l.trim()).map((l) => (p.o.s !== undefined ? l : l.trim()).split(sep));
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  const osep = p.o.o !== undefined ? String(p.o.o) : '  ';
  io.out(joinLines(rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join(osep))));
  return ok ? 0 : 1;
};

export const paste: Program = (argv, io) => {
  const p = getopt(argv, 'sz', 'd', { serial: 's', delimiters: 'd' });
  if (p.error) return usageError(io, 'paste', p.error);
  const delims = [...(p.o.d !== undefined ? String(p.o.d).replace(/\\n/g, '\n').replace(/\\t/g, '\t') : '\t')];
  const files = p.args.length ? p.args : ['-'];
  const cols: string[][] = [];
  let ok = true;
  for (const f of files) {
    const r = f === '-' ? io.stdin : readOne(io, f);
    if (typeof r !== 'string') {
      io.err(`paste: ${f}: ${r.error}\n`);
      ok = false;
      continue;
    }
    cols.push(lines(r));
  }
  const joinWith = (vals: string[]) => vals.reduce((acc, v, i) => (i === 0 ? v : acc + (delims.length ? delims[(i - 1) % delims.length] : '') + v), '');
  if (p.o.s) io.out(cols.map((c) => joinWith(c) + '\n').join(''));
  else {
    const n = Math.max(0, ...cols.map((c) => c.length));
    let out = '';
    for (let i = 0; i < n; i++) out += joinWith(cols.map((c) => c[i] ?? '')) + '\n';
    io.out(out);
  }
  return ok ? 0 : 1;
};

// ---- find ---------------------------------------------------------------------------------------

export const find: Program = (argv, io) => {
  const paths: string[] = [];
  let i = 0;
  while (i < argv.length && !argv[i]!.startsWith('-') && argv[i] !== '!' && argv[i] !== '(') paths.push(argv[i++]!);
  if (!paths.length) paths.push('.');
  const tests: ((name: string, type: 'file' | 'dir', depth: number, path: string) => boolean)[] = [];
  let maxDepth = Infinity;
  let minDepth = 0;
  let negate = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const neg = negate;
    negate = false;
    const add = (t: (name: string, type: 'file' | 'dir', depth: number, path: string) => boolean) => tests.push(neg ? (...x) => !t(...x) : t);
    if (a === '!' || a === '-not') negate = true;
    else if (a === '-name' || a === '-iname') {
      if (v === undefined) {
        io.err(`find: missing argument to \`${a}'\n`);
        return 1;
      }
      const re = globToRegExp(v, a === '-iname');
      add((name) => re.test(name));
      i++;
    } else if (a === '-path' || a === '-wholename') {
      const re = globToRegExp(v ?? '', false);
      add((_n, _t, _d, path) => re.test(path));
      i++;
    } else if (a === '-type') {
      const t = v === 'd' ? 'dir' : v === 'f' ? 'file' : null;
      if (!t) {
        io.err(`find: Unknown argument to -type: ${v ?? ''}\n`);
        return 1;
      }
      add((_n, type) => type === t);
      i++;
    } else if (a === '-maxdepth') {
      maxDepth = Number(v);
      i++;
    } else if (a === '-mindepth') {
      minDepth = Number(v);
      i++;
    } else if (a === '-print' || a === '-a' || a === '-and') continue;
    else {
      io.err(`find: unknown predicate \`${a}'\n`);
      return 1;
    }
  }
  let out = '';
  let code = 0;
  const walk = (path: string, abs: string, depth: number) => {
    const st = io.fs.stat(abs);
    if (!st) return;
    const name = depth === 0 ? path : path.slice(path.lastIndexOf('/') + 1);
    if (depth >= minDepth && tests.every((t) => t(name, st.type, depth, path))) out += path + '\n';
    if (st.type === 'dir' && depth < maxDepth) {
      for (const n of [...(io.fs.readdir(abs) ?? [])].sort()) walk(path.endsWith('/') ? path + n : path + '/' + n, abs.endsWith('/') ? abs + n : abs + '/' + n, depth + 1);
    }
  };
  for (const p of paths) {
    const abs = io.fs.resolve(p);
    if (!io.fs.stat(abs)) {
      io.err(`find: '${p}': No such file or directory\n`);
      code = 1;
      continue;
    }
    walk(p, abs, 0);
  }
  io.out(out);
  return code;
};

function globToRegExp(pat: string, icase: boolean): RegExp {
  let re = '';
  for (const c of pat) re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  return new RegExp('^' + re + '$', icase ? 'i' : '');
}

// ---- diff ---------------------------------------------------------------------------------------


const range = (from: number, count: number) => (count <= 1 ? String(count === 0 ? from : from + 1) : `${from + 1},${from + count}`);

export const diff: Program = (argv, io) => {
  const p = getopt(argv, 'uqsNwbBiar', 'U', { unified: 'u', brief: 'q', 'report-identical-files': 's', color: '' });
  if (p.error) return usageError(io, 'diff', p.error, 2);
  if (p.args.length !== 2) {
    io.err(p.args.length < 2 ? `diff: missing operand after '${p.args[0] ?? 'diff'}'\ndiff: Try 'diff --help' for more information.\n` : `diff: extra operand '${p.args[2]}'\ndiff: Try 'diff --help' for more information.\n`);
    return 2;
  }
  const [f1, f2] = p.args as [string, string];
  const read = (f: string) => (f === '-' ? io.stdin : readOne(io, f));
  const t1 = read(f1);
  const t2 = read(f2);
  for (const [f, t] of [[f1, t1], [f2, t2]] as const) {
    if (typeof t !== 'string') {
      io.err(`diff: ${f}: ${t.error}\n`);
      return 2;
    }
  }
  const a = lines(t1 as string);
  const b = lines(t2 as string);
  const norm = (l: string) => (p.o.i ? l.toLowerCase() : l).replace(p.o.w ? /\s+/g : p.o.b ? /\s+/g : /(?!)/g, p.o.w ? '' : ' ');
  const na = a.map(norm);
  const nb = b.map(norm);
  const es = editScript(na, nb);
  if (!es.some((e) => e.op !== '=')) {
    if (p.o.s) io.out(`Files ${f1} and ${f2} are identical\n`);
    return 0;
  }
  if (p.o.q) {
    io.out(`Files ${f1} and ${f2} differ\n`);
    return 1;
  }
  let out = '';
  if (p.o.u || p.o.U !== undefined) {
    const ctx = p.o.U !== undefined ? Number(p.o.U) : 3;
    out += `--- ${f1}\n+++ ${f2}\n` + unifiedHunks(es, a, b, ctx);
    io.out(out);
    return 1;
  }
  let k = 0;
  while (k < es.length) {
    if (es[k]!.op === '=') {
      k++;
      continue;
    }
    const ai = es[k]!.ai;
    const bi = es[k]!.bi;
    const del: string[] = [];
    const add: string[] = [];
    while (k < es.length && es[k]!.op !== '=') {
      if (es[k]!.op === '-') del.push(a[es[k]!.ai]!);
      else add.push(b[es[k]!.bi]!);
      k++;
    }
    if (del.length && add.length) out += `${range(ai, del.length)}c${range(bi, add.length)}\n`;
    else if (del.length) out += `${range(ai, del.length)}d${bi}\n`;
    else out += `${ai}a${range(bi, add.length)}\n`;
    out += del.map((l) => `< ${l}\n`).join('');
    if (del.length && add.length) out += '---\n';
    out += add.map((l) => `> ${l}\n`).join('');
  }
  io.out(out);
  return 1;
};

// ---- checksums ----------------------------------------------------------------------------------

function checksum(algo: 'md5' | 'sha1' | 'sha256' | 'sha512'): Program {
  return async (argv, io) => {
    const { createHash } = await import('node:crypto');
    const files = argv.filter((a) => !a.startsWith('-') || a === '-');
    const { inputs, ok } = readInputs(io, `${algo}sum`, files);
    io.out(inputs.map((i) => `${createHash(algo).update(i.text, 'utf8').digest('hex')}  ${files.length ? i.name : '-'}\n`).join(''));
    return ok ? 0 : 1;
  };
}

export const md5sum = checksum('md5');
export const sha1sum = checksum('sha1');
export const sha256sum = checksum('sha256');
export const sha512sum = checksum('sha512');
