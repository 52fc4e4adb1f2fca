/**
 * A sed subset (GNU sed as used in one-liners): s/re/rep/flags (g, p, N, I), d, p, q, =, a/i/c text, y,
 * n/N, h/H/g/G/x, { } blocks, addresses (N, $, /re/, ranges, !), -n -e -f -E/-r -i.
 */
import type { Program } from '../core/types.js';
import { compile } from './regex.js';
import { lines, readText } from './util.js';

class SedError extends Error {}

type Addr = { t: 'line'; n: number } | { t: 'last' } | { t: 're'; re: RegExp } | { t: 'step'; first: number; step: number };

interface Cmd {
  a1: Addr | null;
  a2: Addr | null;
  neg: boolean;
  name: string;
  /** s: regex, replacement, flags */
  re?: RegExp;
  rep?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  block?: Cmd[];
  from?: string;
  to?: string;
  inRange?: boolean;
  done?: boolean;
}

function parseScript(src: string, ere: boolean): Cmd[] {
  let i = 0;
  const err = (m: string) => new SedError(`-e expression #1, char ${i}: ${m}`);
  const ws = () => {
    while (i < src.length && (src[i] === ' ' || src[i] === '\t')) i++;
  };
  const readDelimited = (delim: string): string => {
    let out = '';
    while (i < src.length && src[i] !== delim) {
      if (src[i] === '\\' && i + 1 < src.length) {
        if (src[i + 1] === delim) out += delim === '/' ? '\\/' : delim;
        else if (src[i + 1] === 'n') out += '\\n';
        else out += src[i]! + src[i + 1]!;
        i += 2;
      } else out += src[i++];
    }
    if (i >= src.length) throw err(`unterminated \`s' command`);
    i++;
    return out;
  };
  const regex = (s: string, flags: string): RegExp => {
    const r = compile(s, { ere, icase: flags.includes('I') || flags.includes('i'), global: true });
    if (typeof r === 'string') throw err(r);
    return r;
  };
  let lastRe: RegExp | null = null;
  const addr = (): Addr | null => {
    const c = src[i];
    if (c === undefined) return null;
    let m = /^(\d+)~(\d+)/.exec(src.slice(i));
    if (m) {
      i += m[0].length;
      return { t: 'step', first: Number(m[1]), step: Number(m[2]) };
    }
    m = /^\d+/.exec(src.slice(i));
    if (m) {
      i += m[0].length;
      return { t: 'line', n: Number(m[0]) };
    }
    if (c === '$') {
      i++;
      return { t: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = src[i + 1]!;
        i++;
      }
      i++;
      const body = readDelimited(delim);
      let flags = '';
      while (src[i] === 'I' || src[i] === 'M') flags += src[i++];
      const re = body === '' && lastRe ? lastRe : regex(body, flags);
      lastRe = re;
      return { t: 're', re: new RegExp(re.source, re.flags.replace('g', '')) };
    }
    return null;
  };
  const readText = (): string => {
    // GNU one-liner form: `a text` / `a\` newline text
    ws();
    if (src[i] === '\\') {
      i++;
      if (src[i] === '\n') i++;
    }
    let out = '';
    while (i < src.length && src[i] !== '\n') {
      if (src[i] === '\\' && i + 1 < src.length) {
        out += src[i + 1] === 'n' ? '\n' : src[i + 1] === 't' ? '\t' : src[i + 1];
        i += 2;
      } else out += src[i++];
    }
    return out;
  };
  const parseList = (inBlock: boolean): Cmd[] => {
    const cmds: Cmd[] = [];
    for (;;) {
      while (i < src.length && /[\s;]/.test(src[i]!)) i++;
      if (i >= src.length) {
        if (inBlock) throw err('unmatched `{\'');
        return cmds;
      }
      if (src[i] === '}') {
        if (!inBlock) throw err("unexpected `}'");
        i++;
        return cmds;
      }
      if (src[i] === '#') {
        while (i < src.length && src[i] !== '\n') i++;
        continue;
      }
      const a1 = addr();
      let a2: Addr | null = null;
      ws();
      if (a1 && src[i] === ',') {
        i++;
        ws();
        a2 = addr();
        if (!a2) {
          const m = /^\+(\d+)/.exec(src.slice(i));
          if (m) {
            i += m[0].length;
            a2 = { t: 'line', n: -Number(m[1]) };
          } else throw err('unexpected `,\'');
        }
      }
      ws();
      let neg = false;
      while (src[i] === '!') {
        neg = true;
        i++;
        ws();
      }
      const name = src[i++];
      if (name === undefined) throw err('missing command');
      const cmd: Cmd = { a1, a2, neg, name };
      switch (name) {
        case '{':
          cmd.block = parseList(true);
          break;
        case 's': {
          const delim = src[i++];
          if (delim === undefined || delim === '\n' || delim === '\\') throw err("unterminated `s' command");
          const pat = readDelimited(delim);
          const rep = readDelimited(delim);
          let flags = '';
          while (i < src.length && /[gpiIme0-9]/.test(src[i]!)) flags += src[i++];
          const re = pat === '' && lastRe ? lastRe : regex(pat, flags);
          lastRe = re;
          cmd.re = flags.includes('i') || flags.includes('I') ? new RegExp(re.source, re.flags.includes('i') ? re.flags : re.flags + 'i') : re;
          cmd.rep = rep;
          cmd.global = flags.includes('g');
          cmd.print = flags.includes('p');
          const nth = /\d+/.exec(flags);
          if (nth) cmd.nth = Number(nth[0]);
          ws();
          if (src[i] === 'w') throw err('the w flag is not supported in k8s-drill');
          break;
        }
        case 'y': {
          const delim = src[i++]!;
          const from = readDelimited(delim).replace(/\\n/g, '\n');
          const to = readDelimited(delim).replace(/\\n/g, '\n');
          if ([...from].length !== [...to].length) throw err('strings for `y\' command are different lengths');
          cmd.from = from;
          cmd.to = to;
          break;
        }
        case 'a':
        case 'i':
        case 'c':
          cmd.text = readText();
          break;
        case 'q':
        case 'Q': {
          ws();
          const m = /^\d+/.exec(src.slice(i));
          if (m) {
            cmd.nth = Number(m[0]);
            i += m[0].length;
          }
          break;
        }
        case 'd': case 'D': case 'p': case 'P': case '=': case 'n': case 'N': case 'h': case 'H': case 'g': case 'G': case 'x': case 'l':
          break;
        default:
          throw err(`unknown command: \`${name}'`);
      }
      cmds.push(cmd);
      ws();
      if (i < src.length && !/[;\n}#]/.test(src[i]!)) {
        if (name !== '{') throw err(`extra characters after command`);
      }
    }
  };
  return parseList(false);
}

function expandReplacement(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '&') out += m[0];
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      if (n >= '0' && n <= '9') out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += c;
  }
  return out;
}

interface RunState {
  out: string;
  quit: boolean;
  code: number;
}

function runSed(cmds: Cmd[], input: string[], quiet: boolean, st: RunState): void {
  let hold = '';
  let idx = 0;
  const total = input.length;
  const matchAddr = (a: Addr, ps: string, ln: number): boolean => {
    switch (a.t) {
      case 'line':
        return ln === a.n;
      case 'last':
        return ln === total;
      case 're':
        return a.re.test(ps);
      case 'step':
        return a.step > 0 ? ln >= a.first && (ln - a.first) % a.step === 0 : ln === a.first;
    }
  };
  while (idx < input.length && !st.quit) {
    let ps = input[idx++]!;
    let ln = idx;
    let append = '';
    let deleted = false;
    let autoprint = !quiet;
    const selected = (c: Cmd): boolean => {
      if (!c.a1) return !c.neg;
      let hit: boolean;
      if (!c.a2) hit = matchAddr(c.a1, ps, ln);
      else if (c.inRange) {
        hit = true;
        const end = c.a2.t === 'line' ? (c.a2.n < 0 ? false : ln >= c.a2.n) : matchAddr(c.a2, ps, ln);
        if (c.a2.t === 'line' && c.a2.n < 0) {
          (c as Cmd & { left?: number }).left = ((c as Cmd & { left?: number }).left ?? -c.a2.n) - 1;
          if ((c as Cmd & { left?: number }).left! <= 0) c.inRange = false;
        } else if (end) c.inRange = false;
      } else if (matchAddr(c.a1, ps, ln)) {
        hit = true;
        if (c.a2.t === 'line' && c.a2.n < 0) {
          (c as Cmd & { left?: number }).left = -c.a2.n;
          c.inRange = -c.a2.n > 0;
        } else c.inRange = !(c.a2.t === 'line' ? c.a2.n <= ln : false);
      } else hit = false;
      return hit !== c.neg;
    };
    const exec = (list: Cmd[]): 'next' | 'quit' | null => {
      for (const c of list) {
        if (!selected(c)) continue;
        switch (c.name) {
          case '{': {
            const r = exec(c.block!);
            if (r) return r;
            break;
          }
          case 's': {
            let count = 0;
            let did = false;
            const re = new RegExp(c.re!.source, c.re!.flags.includes('g') ? c.re!.flags : c.re!.flags + 'g');
            let res = '';
            let last = 0;
            let m: RegExpExecArray | null;
            while ((m = re.exec(ps))) {
              count++;
              const take = c.nth ? count === c.nth || (!!c.global && count > c.nth) : !!c.global || count === 1;
              if (take) {
                res += ps.slice(last, m.index) + expandReplacement(c.rep!, m);
                last = m.index + m[0].length;
                did = true;
              }
              if (m[0] === '') re.lastIndex++;
              if (did && !c.global) break;
            }
            ps = res + ps.slice(last);
            if (did && c.print) st.out += ps + '\n';
            (c as Cmd & { hit?: boolean }).hit = did;
            break;
          }
          case 'y': {
            const from = [...c.from!];
            const to = [...c.to!];
            ps = [...ps].map((ch) => {
              const k = from.indexOf(ch);
              return k >= 0 ? to[k]! : ch;
            }).join('');
            break;
          }
          case 'd':
            deleted = true;
            return 'next';
          case 'D': {
            const nl = ps.indexOf('\n');
            if (nl < 0) {
              deleted = true;
              return 'next';
            }
            ps = ps.slice(nl + 1);
            deleted = true;
            input.splice(idx, 0, ps);
            return 'next';
          }
          case 'p':
            st.out += ps + '\n';
            break;
          case 'P':
            st.out += ps.split('\n')[0] + '\n';
            break;
          case '=':
            st.out += ln + '\n';
            break;
          case 'a':
            append += c.text + '\n';
            break;
          case 'i':
            st.out += c.text + '\n';
            break;
          case 'c':
            if (!c.a2 || !c.inRange) st.out += c.text + '\n';
            deleted = true;
            return 'next';
          case 'q':
            st.code = c.nth ?? 0;
            return 'quit';
          case 'Q':
            st.code = c.nth ?? 0;
            autoprint = false;
            return 'quit';
          case 'n':
            if (!quiet) st.out += ps + '\n';
            if (idx >= input.length) {
              autoprint = false;
              return 'quit';
            }
            ps = input[idx++]!;
            ln = idx;
            break;
          case 'N':
            if (idx >= input.length) return 'quit';
            ps += '\n' + input[idx++]!;
            ln = idx;
            break;
          case 'h':
            hold = ps;
            break;
          case 'H':
            hold += '\n' + ps;
            break;
          case 'g':
            ps = hold;
            break;
          case 'G':
            ps += '\n' + hold;
            break;
          case 'x': {
            const t = ps;
            ps = hold;
            hold = t;
            break;
          }
          case 'l':
            st.out += ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t') + '$\n';
            break;
        }
      }
      return null;
    };
    const r = exec(cmds);
    if (!deleted && autoprint) st.out += ps + '\n';
    st.out += append;
    if (r === 'quit') st.quit = true;
  }
}

export const sed: Program = (argv, io) => {
  let quiet = false;
  let ere = false;
  let inPlace: string | null = null;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') ere = true;
    else if (a === '-e' || a === '--expression') scripts.push(argv[++i] ?? '');
    else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '-f' || a === '--file') {
      const t = readText(io.fs, argv[++i] ?? '');
      if (t === null) {
        io.err(`sed: couldn't open file ${argv[i]}: No such file or directory\n`);
        return 1;
      }
      scripts.push(t);
    } else if (a.startsWith('-i') || a.startsWith('--in-place')) inPlace = a.startsWith('-i') ? a.slice(2) : a.includes('=') ? a.slice(a.indexOf('=') + 1) : '';
    else if (a === '-s' || a === '-u' || a === '--posix' || a === '-z') continue;
    else if (/^-[nEr]+$/.test(a)) {
      if (a.includes('n')) quiet = true;
      if (a.includes('E') || a.includes('r')) ere = true;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`sed: invalid option -- '${a.slice(1, 2)}'\nUsage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n`);
      return 1;
    } else if (!scripts.length && !files.length && !argv.slice(0, i).some((x) => x === '-e' || x === '-f')) scripts.push(a);
    else files.push(a);
  }
  if (!scripts.length) {
    io.err('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n');
    return 1;
  }
  let cmds: Cmd[];
  try {
    cmds = parseScript(scripts.join('\n'), ere);
  } catch (e) {
    io.err(`sed: ${(e as Error).message}\n`);
    return 1;
  }
  const st: RunState = { out: '', quit: false, code: 0 };
  if (inPlace !== null) {
    if (!files.length) {
      io.err('sed: no input files\n');
      return 1;
    }
    let code = 0;
    for (const f of files) {
      const path = io.fs.resolve(f);
      const t = io.fs.readFile(path);
      if (t === null) {
        io.err(`sed: can't read ${f}: No such file or directory\n`);
        code = 2;
        continue;
      }
      const one: RunState = { out: '', quit: false, code: 0 };
      runSed(cmds.map((c) => ({ ...c, inRange: false })), lines(t), quiet, one);
      if (inPlace) io.fs.writeFile(path + inPlace, t);
      const e = io.fs.writeFile(path, one.out);
      if (e) {
        io.err(`sed: couldn't write ${f}: ${e}\n`);
        code = 4;
      }
    }
    return code;
  }
  let text = '';
  let code = 0;
  if (!files.length) text = io.stdin;
  for (const f of files) {
    if (f === '-') {
      text += io.stdin;
      continue;
    }
    const t = readText(io.fs, f);
    if (t === null) {
      io.err(`sed: can't read ${f}: No such file or directory\n`);
      code = 2;
      continue;
    }
    text += t.endsWith('\n') || !t ? t : t + '\n';
  }
  const noFinalNewline = text !== '' && !text.endsWith('\n');
  runSed(cmds, lines(text), quiet, st);
  let out = st.out;
  if (noFinalNewline && out.endsWith('\n')) out = out.slice(0, -1);
  io.out(out);
  return st.code || code;
};
