/** echo, printf, true, false: small enough to load with the shell itself. */
import type { Program } from '../core/types.js';

export const trueProg: Program = () => 0;
export const falseProg: Program = () => 1;

/** Backslash escapes of `echo -e` / printf %b. Returns the text and whether \c stopped the output. */
export function escapes(s: string, printfStyle = false): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e':
      case 'E': out += '\x1b'; break;
      case '\\': out += '\\'; break;
      case '"': out += printfStyle ? '"' : '\\"'; break;
      case "'": out += printfStyle ? "'" : "\\'"; break;
      case 'c': return { text: out, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1, i + 3));
        if (m) {
          out += String.fromCharCode(parseInt(m[0], 16));
          i += m[0].length;
        } else out += '\\x';
        break;
      }
      case '0':
      case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        if (n !== '0' && !printfStyle) {
          out += '\\' + n;
          break;
        }
        const digits = n === '0' ? /^[0-7]{0,3}/.exec(s.slice(i + 1, i + 4))![0] : /^[0-7]{0,2}/.exec(s.slice(i + 1, i + 3))![0];
        out += String.fromCharCode(parseInt((n === '0' ? '' : n) + digits || '0', 8));
        i += digits.length;
        break;
      }
      default:
        out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

export const echo: Program = (argv, io) => {
  let newline = true;
  let interpret = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') interpret = true;
      else interpret = false;
    }
  }
  let text = argv.slice(i).join(' ');
  if (interpret) {
    const r = escapes(text);
    text = r.text;
    if (r.stop) {
      io.out(text);
      return 0;
    }
  }
  io.out(newline ? text + '\n' : text);
  return 0;
};

/** printf-style quoting for %q (bash): backslashes before special characters, '' for empty. */
export function bashQuote(s: string): string {
  if (s === '') return "''";
  if (/[\n\t\r]/.test(s)) return "$'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + "'";
  return s.replace(/[^A-Za-z0-9_@%+=:,./-]/g, '\\$&');
}

function toNumber(s: string, onError: (m: string) => void): number {
  const t = s.trim();
  if (t === '') return 0;
  if (/^['"]/.test(t)) return t.length > 1 ? t.charCodeAt(1) : 0;
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t, 16);
  if (/^[-+]?0[0-7]+$/.test(t)) return parseInt(t, 8);
  const n = Number(t);
  if (Number.isNaN(n)) {
    const m = /^[-+]?\d+(\.\d*)?/.exec(t);
    onError(`${s}: invalid number`);
    return m ? Number(m[0]) : 0;
  }
  return n;
}

/** One conversion: flags, width, precision, conversion char. */
export function formatOne(spec: { flags: string; width?: number; prec?: number; conv: string }, arg: string, onError: (m: string) => void): string {
  const { flags, conv } = spec;
  let prec = spec.prec;
  let s: string;
  switch (conv) {
    case 's':
      s = prec !== undefined ? arg.slice(0, prec) : arg;
      break;
    case 'b': {
      s = escapes(arg, true).text;
      if (prec !== undefined) s = s.slice(0, prec);
      break;
    }
    case 'q':
      s = bashQuote(arg);
      break;
    case 'c':
      s = arg.slice(0, 1);
      break;
    case 'd':
    case 'i':
    case 'u': {
      const n = Math.trunc(toNumber(arg, onError));
      s = String(Math.abs(n));
      if (prec !== undefined) s = s.padStart(prec, '0');
      s = (n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
      break;
    }
    case 'x':
    case 'X':
    case 'o': {
      const n = Math.trunc(toNumber(arg, onError));
      s = (n >>> 0).toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') s = s.toUpperCase();
      if (prec !== undefined) s = s.padStart(prec, '0');
      if (flags.includes('#') && n !== 0) s = (conv === 'o' ? '0' : conv === 'x' ? '0x' : '0X') + s;
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      const n = toNumber(arg, onError);
      if (prec === undefined) prec = 6;
      if (conv === 'f' || conv === 'F') s = Math.abs(n).toFixed(prec);
      else if (conv === 'e' || conv === 'E') s = expo(Math.abs(n), prec);
      else {
        const p = prec === 0 ? 1 : prec;
        const x = Math.abs(n);
        const e = x === 0 ? 0 : Math.floor(Math.log10(x));
        if (e < -4 || e >= p) s = expo(x, p - 1);
        else s = x.toFixed(Math.max(0, p - 1 - e));
        if (!flags.includes('#')) s = s.includes('e') ? s.replace(/\.?0+e/, 'e') : s.includes('.') ? s.replace(/\.?0+$/, '') : s;
      }
      if (conv === 'E' || conv === 'G') s = s.toUpperCase();
      s = (n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + s;
      break;
    }
    default:
      s = arg;
  }
  const w = spec.width;
  if (w !== undefined && s.length < w) {
    if (flags.includes('-')) s = s.padEnd(w);
    else if (flags.includes('0') && /[diuxXofFeEgG]/.test(conv) && !(prec !== undefined && /[diuxXo]/.test(conv))) {
      const sign = /^[-+ ]/.test(s) ? s[0]! : '';
      s = sign + s.slice(sign.length).padStart(w - sign.length, '0');
    } else s = s.padStart(w);
  }
  return s;
}

function expo(x: number, prec: number): string {
  const s = x.toExponential(prec);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/g;

/** printf(1): the format is reused while arguments remain. Errors are reported through onError. */
export function formatPrintf(fmt: string, args: string[], onError: (m: string) => void): { text: string; stop: boolean } {
  let out = '';
  let ai = 0;
  const next = () => args[ai++] ?? '';
  for (;;) {
    const startAi = ai;
    let stop = false;
    let last = 0;
    let m: RegExpExecArray | null;
    SPEC.lastIndex = 0;
    let text = '';
    while ((m = SPEC.exec(fmt))) {
      text += fmt.slice(last, m.index);
      last = SPEC.lastIndex;
      const conv = m[4]!;
      if (conv === '%') {
        text += '%';
        continue;
      }
      const width = m[2] === '*' ? Number(next()) || 0 : m[2] !== undefined ? Number(m[2]) : undefined;
      const prec = m[3] === '*' ? Number(next()) || 0 : m[3] !== undefined ? Number(m[3] || '0') : undefined;
      let flags = m[1]!;
      let w = width;
      if (w !== undefined && w < 0) {
        flags += '-';
        w = -w;
      }
      const arg = next();
      if (conv === 'b') {
        const r = escapes(arg, true);
        text += formatOne({ flags, width: w, prec, conv: 's' }, r.text, onError);
        if (r.stop) {
          stop = true;
          break;
        }
        continue;
      }
      if (!/[sqcdiuxXofFeEgG]/.test(conv)) {
        onError(`%${conv}: invalid directive`);
        text += m[0];
        continue;
      }
      text += formatOne({ flags, width: w, prec, conv }, arg, onError);
    }
    if (!stop) text += fmt.slice(last);
    out += text;
    if (stop || ai >= args.length || ai === startAi) return { text: out, stop };
  }
}

export const printf: Program = (argv, io) => {
  let args = argv;
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    io.err('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  let code = 0;
  const fmt = escapeFormat(args[0]!);
  const r = formatPrintf(fmt, args.slice(1), (m) => {
    io.err(`printf: ${m}\n`);
    code = 1;
  });
  io.out(r.text);
  return code;
};

/**
 * Backslash escapes in the format itself are processed before the directives (a `%` produced by an escape,
 * `\x25`, is rare enough to ignore); `%%` stays for the directive pass.
 */
function escapeFormat(fmt: string): string {
  if (!fmt.includes('\\')) return fmt;
  const r = escapes(fmt, true);
  return r.stop ? r.text.replace(/%/g, '%%') : r.text;
}
