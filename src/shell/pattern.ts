/** Shell patterns (globs): `*`, `?`, `[abc]`, `[!a-z]`, turned into RegExps; brace expansion. */

/** Regex source for a shell pattern. `slash`: `*` and `?` do not match `/` (pathname globbing). */
export function globSource(pat: string, slash = false): string {
  let re = '';
  const any = slash ? '[^/]' : '[\\s\\S]';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '*') re += any + '*';
    else if (c === '?') re += any;
    else if (c === '\\' && i + 1 < pat.length) re += escapeRe(pat[++i]!);
    else if (c === '[') {
      const end = pat.indexOf(']', i + 2);
      if (end < 0) {
        re += '\\[';
        continue;
      }
      let body = pat.slice(i + 1, end);
      let neg = false;
      if (body[0] === '!' || body[0] === '^') {
        neg = true;
        body = body.slice(1);
      }
      body = body
        .replace(/\[:(alpha|digit|alnum|upper|lower|space|punct|xdigit):\]/g, (_, n: string) => POSIX_CLASS[n]!)
        .replace(/[\\\]]/g, (m) => '\\' + m);
      re += '[' + (neg ? '^' : '') + body + ']';
      i = end;
    } else re += escapeRe(c);
  }
  return re;
}

export const POSIX_CLASS: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', blank: ' \\t', cntrl: '\\x00-\\x1f',
};

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function globToRegExp(pat: string, slash = false): RegExp {
  return new RegExp('^' + globSource(pat, slash) + '$');
}

export function hasGlob(s: string): boolean {
  return /[*?]|\[[^\]]+\]/.test(s);
}

/** Most words a single brace expansion may produce ({1..100000} stops here). */
export const MAX_BRACE = 10_000;

/** Bash brace expansion of unquoted text: `nginx{1..3}`, `{a,b}c`, `{01..10}`, `{a..e}`, nested. */
export function braceExpand(s: string, cap = MAX_BRACE): string[] {
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let j = i;
    for (; j < s.length; j++) {
      const c = s[j];
      if (c === '{') depth++;
      else if (c === '}') {
        if (--depth === 0) break;
      } else if (c === ',' && depth === 1) commas.push(j);
    }
    if (j >= s.length) return [s];
    const body = s.slice(i + 1, j);
    let alts: string[] | null = null;
    if (commas.length) {
      alts = [];
      let from = i + 1;
      for (const k of commas) {
        alts.push(s.slice(from, k));
        from = k + 1;
      }
      alts.push(s.slice(from, j));
    } else alts = sequence(body, cap);
    if (!alts) continue;
    const pre = s.slice(0, i);
    const post = s.slice(j + 1);
    const out: string[] = [];
    for (const a of alts) {
      for (const r of braceExpand(pre + a + post, cap - out.length)) {
        out.push(r);
        if (out.length >= cap) return out;
      }
    }
    return out;
  }
  return [s];
}

function sequence(body: string, cap: number): string[] | null {
  let m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(body);
  if (m) {
    const a = parseInt(m[1]!, 10);
    const b = parseInt(m[2]!, 10);
    let step = Math.abs(m[3] ? parseInt(m[3], 10) : 1) || 1;
    const pad = /^-?0\d/.test(m[1]!) || /^-?0\d/.test(m[2]!) ? Math.max(m[1]!.length, m[2]!.length) : 0;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) {
      let t = String(Math.abs(v));
      if (pad) t = t.padStart(v < 0 ? pad - 1 : pad, '0');
      out.push(v < 0 ? '-' + t : t);
      if (out.length >= cap) break;
    }
    return out;
  }
  m = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(body);
  if (m) {
    const a = m[1]!.charCodeAt(0);
    const b = m[2]!.charCodeAt(0);
    let step = Math.abs(m[3] ? parseInt(m[3], 10) : 1) || 1;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(String.fromCharCode(v));
    return out;
  }
  return null;
}
