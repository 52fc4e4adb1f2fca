/**
 * kubectl's YAML and JSON output. kubectl prints YAML through sigs.k8s.io/yaml (JSON -> go-yaml v2): keys
 * sorted, sequences not indented under their key, YAML 1.1 quoting (`"80"`, `"yes"`, `'*'`), literal blocks
 * for multi-line strings and plain scalars folded at column 80. JSON is Go's json.MarshalIndent with four spaces
 * and HTML-safe escapes (`\u003c`, `\u003e`, `\u0026`).
 */

const BEST_WIDTH = 80;

/** Does go-yaml v2 resolve this plain scalar to something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return true;
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/.test(s)) return true;
  if (/^[-+]?(0|[1-9][0-9_]*)$/.test(s)) return true;
  if (/^[-+]?0[0-7_]+$/.test(s)) return true;
  if (/^[-+]?0x[0-9a-fA-F_]+$/.test(s)) return true;
  if (/^[-+]?0b[01_]+$/.test(s)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return true;
  if (/^[-+]?\.(inf|Inf|INF)$/.test(s) || /^\.(nan|NaN|NAN)$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d\d?-\d\d?([Tt ]|$)/.test(s) && /^\d{4}-\d\d?-\d\d?(([Tt]|[ \t]+)\d\d?:\d\d:\d\d(\.\d*)?(([ \t]*)Z|[-+]\d\d?(:\d\d)?)?)?$/.test(s)) return true;
  if (s === '<<' || s === '=') return false;
  return false;
}

const isPrintable = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;

/** libyaml's yaml_emitter_analyze_scalar, reduced to what decides the style in block context. */
function analyze(s: string): { plain: boolean; single: boolean } {
  if (s === '') return { plain: false, single: true };
  let plain = true;
  let single = true;
  if (s.startsWith('---') || s.startsWith('...')) plain = false;
  let precededBySpace = true;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false, prevSpace = false, prevBreak = false, special = false, lineBreaks = false, blockInd = false;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const first = i === 0;
    const last = i === chars.length - 1;
    const next = chars[i + 1];
    const followedBySpace = next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r';
    if (first) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockInd = true;
      if ((ch === '?' || ch === ':' || ch === '-') && followedBySpace) blockInd = true;
    } else {
      if (ch === ':' && followedBySpace) blockInd = true;
      if (ch === '#' && precededBySpace) blockInd = true;
    }
    if (!isPrintable(ch.codePointAt(0)!) || ch === '\ufeff') special = true;
    if (ch === '\n' || ch === '\r') lineBreaks = true;
    if (ch === ' ') {
      if (first) leadingSpace = true;
      if (last) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (ch === '\n' || ch === '\r') {
      if (first) leadingBreak = true;
      if (last) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededBySpace = ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
  }
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
  if (breakSpace || spaceBreak || special) plain = single = false;
  if (lineBreaks || blockInd) plain = false;
  return { plain, single };
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 0) out += '\\0';
    else if (c === 0x7) out += '\\a';
    else if (c === 0x8) out += '\\b';
    else if (c === 0xb) out += '\\v';
    else if (c === 0xc) out += '\\f';
    else if (c === 0x1b) out += '\\e';
    else if (c === 0x85) out += '\\N';
    else if (c === 0xa0) out += '\\_';
    else if (c === 0x2028) out += '\\L';
    else if (c === 0x2029) out += '\\P';
    else if (!isPrintable(c) || c === 0xfeff) out += c <= 0xff ? '\\x' + c.toString(16).toUpperCase().padStart(2, '0') : '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Writes a plain or single-quoted scalar starting at `column`, folding at spaces past BEST_WIDTH. */
function folded(s: string, column: number, indent: number, quote: string): string {
  let out = quote;
  let col = column + quote.length;
  let prevSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ') {
      if (!prevSpace && col > BEST_WIDTH && i !== 0 && i !== s.length - 1 && s[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(indent);
        col = indent;
      } else {
        out += ch;
        col++;
      }
      prevSpace = true;
      continue;
    }
    out += quote && ch === "'" ? "''" : ch;
    col += quote && ch === "'" ? 2 : 1;
    prevSpace = false;
  }
  return out + quote;
}

function literal(s: string, indent: number): string {
  let chomp = '';
  if (!s.endsWith('\n')) chomp = '-';
  else if (s.endsWith('\n\n') || s === '\n') chomp = '+';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const pad = ' '.repeat(indent);
  return `|${indicator}${chomp}\n` + body.split('\n').map((l) => (l ? pad + l : '')).join('\n');
}

/** A string scalar as go-yaml v2 writes it at `column` inside a node indented by `indent`. */
function scalarString(s: string, column: number, indent: number, isKey = false): string {
  if (![...s].every((c) => isPrintable(c.codePointAt(0)!)) && !s.includes('\n')) return doubleQuoted(s);
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (s.includes('\n') && !isKey) {
    if ([...s].some((c) => { const x = c.codePointAt(0)!; return !isPrintable(x) || x === 0xfeff; }) || /[ \t]\n|\n[ \t]*$/.test(s.replace(/\n+$/, '\n').replace(/\n$/, '')) && false) return doubleQuoted(s);
    if (/ \n/.test(s) || /\n $/.test(s)) return doubleQuoted(s);
    return literal(s, indent);
  }
  const a = analyze(s);
  if (a.plain) return isKey ? s : folded(s, column, indent, '');
  if (a.single) return isKey ? `'${s.replace(/'/g, "''")}'` : folded(s, column, indent, "'");
  return doubleQuoted(s);
}

function scalar(v: unknown, column: number, indent: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  return scalarString(String(v), column, indent);
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  // go-yaml: strconv.FormatFloat(f, 'g', -1, 64)
  const s = String(n);
  if (/e/.test(s)) return s.replace(/e([+-])(\d)$/, 'e$10$2');
  return s;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function emitMap(m: Record<string, unknown>, indent: number, out: string[], firstLinePrefix: string | null): void {
  const keys = Object.keys(m).sort();
  let first = true;
  for (const k of keys) {
    const pad = first && firstLinePrefix !== null ? firstLinePrefix : ' '.repeat(indent);
    first = false;
    const key = scalarString(k, indent, indent, true);
    emitValue(m[k], `${pad}${key}:`, indent, out, true);
  }
}

/** Emits `head` followed by value v (head is `key:` or `-`). */
function emitValue(v: unknown, head: string, indent: number, out: string[], inMap: boolean): void {
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push(`${head} []`);
    out.push(head);
    // go-yaml v2: a sequence under a mapping key is not indented; inside a sequence it is.
    emitSeq(v, inMap ? indent : indent + 2, out, null);
    return;
  }
  if (isObj(v)) {
    if (Object.keys(v).length === 0) return void out.push(`${head} {}`);
    out.push(head);
    emitMap(v, indent + 2, out, null);
    return;
  }
  const col = head.length + 1;
  out.push(`${head} ${scalar(v, col, indent + 2)}`);
}

function emitSeq(a: unknown[], indent: number, out: string[], firstLinePrefix: string | null): void {
  let first = true;
  for (const item of a) {
    const pad = first && firstLinePrefix !== null ? firstLinePrefix : ' '.repeat(indent);
    first = false;
    if (isObj(item) && Object.keys(item).length > 0) {
      emitMap(item, indent + 2, out, `${pad}- `);
    } else if (Array.isArray(item) && item.length > 0) {
      emitSeq(item, indent + 2, out, `${pad}- `);
    } else if (isObj(item)) out.push(`${pad}- {}`);
    else if (Array.isArray(item)) out.push(`${pad}- []`);
    else out.push(`${pad}- ${scalar(item, pad.length + 2, indent + 2)}`);
  }
}

/** YAML text of a JSON value, as `kubectl get -o yaml` prints it (ends with a newline). */
export function toYaml(v: unknown): string {
  const out: string[] = [];
  if (isObj(v)) {
    if (Object.keys(v).length === 0) return '{}\n';
    emitMap(v, 0, out, null);
  } else if (Array.isArray(v)) {
    if (v.length === 0) return '[]\n';
    emitSeq(v, 0, out, null);
  } else out.push(scalar(v, 0, 0));
  return out.join('\n') + '\n';
}

function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (isObj(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) o[k] = sortKeysDeep(v[k]);
    return o;
  }
  return v;
}

/** Go's json.MarshalIndent(v, "", "    ") (+ newline). sortKeys for unstructured objects from the server. */
export function toJson(v: unknown, sortKeys = true): string {
  const s = JSON.stringify(sortKeys ? sortKeysDeep(v) : v, null, 4);
  return s.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}

/** Compact Go JSON (json.Marshal), for the last-applied-configuration annotation. */
export function toCompactJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
