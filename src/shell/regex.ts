/** POSIX regular expressions (BRE for grep/sed, ERE for grep -E/awk/sed -E) translated to JavaScript. */
import { POSIX_CLASS } from './pattern.js';

function bracket(p: string, i: number): { src: string; end: number } | null {
  // p[i] === '['
  let j = i + 1;
  let body = '';
  if (p[j] === '^') {
    body += '^';
    j++;
  }
  if (p[j] === ']') {
    body += '\\]';
    j++;
  }
  for (; j < p.length; j++) {
    const c = p[j]!;
    if (c === ']') return { src: '[' + body + ']', end: j };
    if (c === '[' && p[j + 1] === ':') {
      const e = p.indexOf(':]', j + 2);
      if (e > 0) {
        const cls = POSIX_CLASS[p.slice(j + 2, e)];
        if (cls) {
          body += cls;
          j = e + 1;
          continue;
        }
      }
    }
    if (c === '\\') body += '\\\\';
    else if (c === '[') body += '\\[';
    else body += c;
  }
  return null;
}

/** Translates a POSIX regex (basic unless `ere`) to a JavaScript RegExp source. */
export function posixToJs(p: string, ere: boolean): string {
  let out = '';
  let atStart = true;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    const start = atStart;
    atStart = false;
    if (c === '\\') {
      const n = p[++i];
      if (n === undefined) {
        out += '\\\\';
        break;
      }
      if (!ere && '(){}|+?'.includes(n)) {
        out += n;
        if (n === '(' || n === '|') atStart = true;
      } else if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSbB'.includes(n) || (n >= '1' && n <= '9')) out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += escapeChar(n);
      continue;
    }
    if (c === '[') {
      const b = bracket(p, i);
      if (b) {
        out += b.src;
        i = b.end;
      } else out += '\\[';
      continue;
    }
    if (ere) {
      if (c === '{' && !/^\{\d+(,\d*)?\}/.test(p.slice(i))) out += '\\{';
      else if (c === '}' && !/\{\d+(,\d*)?$/.test(p.slice(0, i))) out += '\\}';
      else if (c === '*' && start) out += '\\*';
      else if (c === '/') out += '\\/';
      else {
        out += c;
        if (c === '(' || c === '|') atStart = true;
      }
      continue;
    }
    // basic
    if ('(){}|+?/'.includes(c)) out += '\\' + c;
    else if (c === '*' && start) out += '\\*';
    else if (c === '^' && !start) out += '\\^';
    else if (c === '$' && i !== p.length - 1 && !p.startsWith('\\)', i + 1) && !p.startsWith('\\|', i + 1)) out += '\\$';
    else out += c;
    if (c === '^' && start) atStart = true;
  }
  return out;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

/** Compiles; returns an error message instead of throwing. */
export function compile(p: string, opts: { ere?: boolean; fixed?: boolean; icase?: boolean; global?: boolean; word?: boolean; line?: boolean }): RegExp | string {
  let src = opts.fixed ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixToJs(p, !!opts.ere);
  if (opts.word) src = '(?<![A-Za-z0-9_])(?:' + src + ')(?![A-Za-z0-9_])';
  if (opts.line) src = '^(?:' + src + ')$';
  try {
    return new RegExp(src, (opts.icase ? 'i' : '') + (opts.global ? 'g' : ''));
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
