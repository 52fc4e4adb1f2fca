/**
 * Tokenizer + parser for the shell language (a practical subset of bash), straight from text to the AST in
 * ast.ts. One pass over the characters, no separate token list: heredoc bodies are read when the parser
 * consumes the newline after the `<<EOF` (as bash does), command substitutions are parsed in place.
 *
 * Errors: `Incomplete` when the text ends before a construct does (open quote, open heredoc, trailing `\`,
 * `|`, `&&`, `||`, unfinished for/while/if): needsMoreInput() is built on it. `ShellSyntaxError` otherwise.
 */
import type { AndOr, Assign, Cmd, Part, Pipeline, Redir, RedirOp, Script, Word } from './ast.js';

/** The text ends before the construct is complete (the UI keeps reading lines). */
export class Incomplete extends Error {
  /** The keyword the parser was waiting for (fi, done, then ...), for busybox-style messages. */
  expecting?: string;
}
/** A real syntax error (printed as `syntax error near unexpected token ...`). */
export class ShellSyntaxError extends Error {
  /** The offending token ('newline' at the end of a line) and, when known, the keyword expected instead. */
  tok?: string;
  expecting?: string;
}

export interface ParseOptions {
  /** Aliases expanded in command position (the learner's host shell only). */
  aliases?: Record<string, string>;
  /** An unterminated heredoc at the end of the text takes the rest of the text (bash -c does, with a warning). */
  lenientHeredoc?: boolean;
  warn?(message: string): void;
}

/** $( ) and ` ` nesting limit. */
export const MAX_NESTING = 50;

const META: Record<string, true> = { ' ': true, '\t': true, '\n': true, '\r': true, ';': true, '&': true, '|': true, '<': true, '>': true, '(': true, ')': true };
const RESERVED: Record<string, true> = {
  if: true, then: true, elif: true, else: true, fi: true, for: true, in: true, do: true, done: true,
  while: true, until: true, case: true, esac: true, '{': true, '}': true, '[[': true, '!': true, function: true,
};
const TERMINATORS: Record<string, true> = { then: true, elif: true, else: true, fi: true, do: true, done: true, esac: true, '}': true };
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
const ASSIGN_RE = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[([^\]]*)\])?(\+?)=/;

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  quoted: boolean;
  strip: boolean;
}

function pushPart(parts: Part[], p: Part): void {
  const last = parts[parts.length - 1];
  if (p.k === 'lit' && last && last.k === 'lit' && last.q === p.q && (p.v || !p.q)) last.v += p.v;
  else parts.push(p);
}

/** The plain text of a word made only of unquoted literal text (keywords, alias names), else null. */
export function plainWord(w: Word): string | null {
  if (w.parts.length !== 1) return null;
  const p = w.parts[0]!;
  return p.k === 'lit' && !p.q ? p.v : null;
}

class Parser {
  pos = 0;
  pending: PendingHeredoc[] = [];

  constructor(
    public src: string,
    public opts: ParseOptions,
    public depth: number,
  ) {}

  sub(text: string): Parser {
    return new Parser(text, this.opts, this.depth);
  }

  // ---- characters -------------------------------------------------------------------------------

  /** Spaces, tabs, `\`-newline continuations and comments. */
  blanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '\\' && this.pos + 1 === s.length) throw new Incomplete('\\');
      else if (c === '#') {
        const nl = s.indexOf('\n', this.pos);
        this.pos = nl < 0 ? s.length : nl;
      } else return;
    }
  }

  newline(): void {
    this.pos++;
    if (this.pending.length) this.readHeredocs();
  }

  skipNewlines(): void {
    for (;;) {
      this.blanks();
      if (this.src[this.pos] === '\n') this.newline();
      else return;
    }
  }

  readHeredocs(): void {
    const s = this.src;
    for (const h of this.pending.splice(0)) {
      const lines: string[] = [];
      let found = false;
      while (this.pos < s.length) {
        let end = s.indexOf('\n', this.pos);
        if (end < 0) end = s.length;
        let line = s.slice(this.pos, end);
        this.pos = end < s.length ? end + 1 : s.length;
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) {
          found = true;
          break;
        }
        lines.push(line);
      }
      if (!found) {
        if (!this.opts.lenientHeredoc) throw new Incomplete(`here-document delimited by end-of-file (wanted \`${h.delim}')`);
        this.opts.warn?.(`warning: here-document delimited by end-of-file (wanted \`${h.delim}')`);
      }
      const text = lines.length ? lines.join('\n') + '\n' : '';
      if (h.quoted) h.redir.body = { parts: [{ k: 'lit', v: text, q: true }], raw: text };
      else {
        const parts: Part[] = [];
        this.sub(text).readDq(parts, null, true);
        h.redir.body = { parts, raw: text };
      }
    }
  }

  /** The token at pos, for `syntax error near unexpected token`. */
  unexpected(expecting?: string): ShellSyntaxError {
    const s = this.src;
    const rest = s.slice(this.pos, this.pos + 2);
    let tok: string;
    if (this.pos >= s.length || s[this.pos] === '\n') tok = 'newline';
    else if (/^(;;|&&|\|\||>>|<<|&>|\|&)/.test(rest)) tok = rest;
    else if (META[s[this.pos]!]) tok = s[this.pos]!;
    else tok = this.peekWordText();
    const e = new ShellSyntaxError(`syntax error near unexpected token \`${tok}'`);
    e.tok = tok;
    if (expecting) e.expecting = expecting;
    return e;
  }

  peekWordText(): string {
    const s = this.src;
    let i = this.pos;
    while (i < s.length && !META[s[i]!]) i++;
    return s.slice(this.pos, i);
  }

  /** The reserved word at pos (only when it is a whole word), else null. */
  peekReserved(): string | null {
    const s = this.src;
    const c = s[this.pos];
    if (c === undefined || META[c]) return null;
    const w = this.peekWordText();
    return RESERVED[w] ? w : null;
  }

  expectReserved(k: string): void {
    this.skipNewlines();
    if (this.pos >= this.src.length) {
      const e = new Incomplete(k);
      e.expecting = k;
      throw e;
    }
    if (this.peekReserved() !== k) throw this.unexpected(k);
    this.pos += k.length;
  }

  // ---- words ------------------------------------------------------------------------------------

  /**
   * Reads one word (unquoted context). `all`: read to the end of the text (a ${X:-word} argument);
   * `cond`: inside [[ ]], where ( ) < > | & are ordinary characters.
   */
  readWord(all = false, cond = false): Word | null {
    const s = this.src;
    const start = this.pos;
    const parts: Part[] = [];
    let lit = '';
    const flush = () => {
      if (lit) {
        pushPart(parts, { k: 'lit', v: lit, q: false });
        lit = '';
      }
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if ((c === '<' || c === '>') && s[this.pos + 1] === '(' && !cond) {
        flush();
        this.pos += 2;
        this.enter();
        const body = this.parseScript('paren');
        if (this.src[this.pos] !== ')') throw this.unexpected();
        this.pos++;
        this.depth--;
        parts.push({ k: 'proc', body, q: false });
        continue;
      }
      if (!all && META[c]) {
        if (!cond || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';') break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === undefined) throw new Incomplete('\\');
        this.pos += 2;
        if (n === '\n') continue;
        flush();
        pushPart(parts, { k: 'lit', v: n, q: true });
      } else if (c === "'") {
        const e = s.indexOf("'", this.pos + 1);
        if (e < 0) throw new Incomplete("unexpected EOF while looking for matching `''");
        flush();
        pushPart(parts, { k: 'lit', v: s.slice(this.pos + 1, e), q: true });
        this.pos = e + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        const n0 = parts.length;
        this.readDq(parts, '"');
        if (parts.length === n0) parts.push({ k: 'lit', v: '', q: true });
      } else if (c === '$' && s[this.pos + 1] === "'") {
        flush();
        pushPart(parts, { k: 'lit', v: this.ansiC(), q: true });
      } else if (c === '$' && s[this.pos + 1] === '"') {
        this.pos++;
      } else if (c === '$') {
        flush();
        pushPart(parts, this.dollar(false));
      } else if (c === '`') {
        flush();
        parts.push(this.backtick(false));
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    if (this.pos === start) return null;
    return { parts, raw: s.slice(start, this.pos) };
  }

  /** Double-quoted text up to `end` (or the end of the text when end is null: heredoc bodies, arithmetic). */
  readDq(parts: Part[], end: '"' | null, heredoc = false): void {
    const s = this.src;
    let lit = '';
    const flush = () => {
      if (lit) {
        pushPart(parts, { k: 'lit', v: lit, q: true });
        lit = '';
      }
    };
    for (;;) {
      if (this.pos >= s.length) {
        if (end === null) break;
        throw new Incomplete('unexpected EOF while looking for matching `"\'');
      }
      const c = s[this.pos]!;
      if (c === end) {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === undefined) {
          if (end === null) {
            lit += c;
            this.pos++;
            continue;
          }
          throw new Incomplete('\\');
        }
        if (n === '\n') this.pos += 2;
        else if (n === '$' || n === '`' || n === '\\' || (n === '"' && !heredoc && end === '"')) {
          lit += n;
          this.pos += 2;
        } else {
          lit += c;
          this.pos++;
        }
      } else if (c === '$') {
        flush();
        pushPart(parts, this.dollar(true));
      } else if (c === '`') {
        flush();
        parts.push(this.backtick(true));
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
  }

  ansiC(): string {
    const s = this.src;
    let i = this.pos + 2;
    let out = '';
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
    for (;;) {
      if (i >= s.length) throw new Incomplete("unexpected EOF while looking for matching `''");
      const c = s[i]!;
      if (c === "'") break;
      if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1]!;
        if (map[n] !== undefined) {
          out += map[n];
          i += 2;
        } else if (n === 'x') {
          const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 2, i + 4));
          if (m) {
            out += String.fromCharCode(parseInt(m[0], 16));
            i += 2 + m[0].length;
          } else {
            out += '\\x';
            i += 2;
          }
        } else if (n >= '0' && n <= '7') {
          const m = /^[0-7]{1,3}/.exec(s.slice(i + 1, i + 4))!;
          out += String.fromCharCode(parseInt(m[0], 8));
          i += 1 + m[0].length;
        } else {
          out += c + n;
          i += 2;
        }
      } else {
        out += c;
        i++;
      }
    }
    this.pos = i + 1;
    return out;
  }

  enter(): void {
    if (++this.depth > MAX_NESTING) throw new ShellSyntaxError(`command substitution nested too deeply (more than ${MAX_NESTING} levels)`);
  }

  /** At `$`: a parameter, $(...), $((...)), or a plain `$`. */
  dollar(q: boolean): Part {
    const s = this.src;
    const n = s[this.pos + 1];
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        const end = this.findArithEnd(this.pos + 3);
        if (end >= 0) {
          const parts: Part[] = [];
          this.sub(s.slice(this.pos + 3, end)).readDq(parts, null, true);
          const raw = s.slice(this.pos, end + 2);
          this.pos = end + 2;
          return { k: 'arith', expr: { parts, raw }, q };
        }
      }
      this.pos += 2;
      this.enter();
      // Parsed by a sub-parser over the rest of the text: alias expansion rewrites the text it parses, and the
      // callers up the stack still hold this parser's text, so it must not change under them.
      const rest = s.slice(this.pos);
      const p = this.sub(rest);
      const body = p.parseScript('paren');
      if (p.src[p.pos] !== ')') throw p.unexpected();
      this.pending.push(...p.pending);
      this.pos += p.pos - (p.src.length - rest.length) + 1;
      this.depth--;
      return { k: 'cmd', body, q };
    }
    if (n === '{') return this.braced(q);
    if (n !== undefined) {
      const m = NAME_RE.exec(s.slice(this.pos + 1, this.pos + 200));
      if (m) {
        this.pos += 1 + m[0].length;
        return { k: 'var', name: m[0], q };
      }
      if ('?#$!@*-0123456789'.includes(n)) {
        this.pos += 2;
        return { k: 'var', name: n, q };
      }
    }
    this.pos++;
    return { k: 'lit', v: '$', q };
  }

  /** Index of the `))` closing an arithmetic expansion starting at `from`, or -1 (unbalanced: a command substitution). */
  findArithEnd(from: number): number {
    const s = this.src;
    let depth = 0;
    for (let i = from; i < s.length; i++) {
      const c = s[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return s[i + 1] === ')' ? i : -1;
        depth--;
      }
    }
    throw new Incomplete('unexpected EOF while looking for matching `)\'');
  }

  braced(q: boolean): Part {
    const s = this.src;
    const start = this.pos + 2;
    let i = start;
    let depth = 1;
    while (i < s.length) {
      const c = s[i];
      if (c === '\\') i += 2;
      else if (c === "'" && !q) {
        const e = s.indexOf("'", i + 1);
        if (e < 0) break;
        i = e + 1;
      } else if (c === '"') {
        i++;
        while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === '$' && s[i + 1] === '{') {
        depth++;
        i += 2;
      } else if (c === '}') {
        if (--depth === 0) break;
        i++;
      } else i++;
    }
    if (i >= s.length) throw new Incomplete("unexpected EOF while looking for matching `}'");
    const inner = s.slice(start, i);
    this.pos = i + 1;
    return this.param(inner, q);
  }

  param(inner: string, q: boolean): Part {
    const bad = () => new ShellSyntaxError(`\${${inner}}: bad substitution`);
    const sub = (text: string): Word => {
      const p = this.sub(text);
      const w = p.readWord(true);
      return w ?? { parts: [{ k: 'lit', v: '', q: false }], raw: '' };
    };
    const am = /^([#!]?)([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]/.exec(inner);
    if (am) {
      const [all, pre, name, idx] = am as unknown as [string, string, string, string];
      const index = sub(idx);
      if (pre === '#') {
        if (all.length !== inner.length) throw bad();
        return { k: 'var', name: name, q, op: 'len', index };
      }
      if (pre === '!') return { k: 'var', name: name, q, op: 'keys', index };
      const restA = inner.slice(all.length);
      const base = restA ? this.param(name + restA, q) : ({ k: 'var', name, q } as Part);
      if (base.k === 'var') base.index = index;
      return base;
    }
    if (inner.length > 1 && inner[0] === '#') {
      const name = inner.slice(1);
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$!@*])$/.test(name)) throw bad();
      return { k: 'var', name, q, op: 'len' };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$!@*-])/.exec(inner);
    if (!m) throw bad();
    const name = m[1]!;
    const rest = inner.slice(name.length);
    if (!rest) return { k: 'var', name, q };
    const op = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|:)/.exec(rest)?.[1];
    if (!op) throw bad();
    const argText = rest.slice(op.length);
    const word = (text: string): Word => {
      const p = this.sub(text);
      const parts: Part[] = [];
      if (q) p.readDq(parts, null, true);
      else {
        const w = p.readWord(true);
        if (w) parts.push(...w.parts);
      }
      return { parts, raw: text };
    };
    if (op[0] === '/') {
      let j = 0;
      while (j < argText.length && argText[j] !== '/') j += argText[j] === '\\' ? 2 : 1;
      const pat = argText.slice(0, j);
      const rep = j < argText.length ? argText.slice(j + 1) : '';
      return { k: 'var', name, q, op, arg: word(pat), arg2: word(rep) };
    }
    if (op === ':') {
      const j = argText.indexOf(':');
      if (j < 0) return { k: 'var', name, q, op, arg: word(argText) };
      return { k: 'var', name, q, op, arg: word(argText.slice(0, j)), arg2: word(argText.slice(j + 1)) };
    }
    return { k: 'var', name, q, op, arg: word(argText) };
  }

  backtick(q: boolean): Part {
    const s = this.src;
    let i = this.pos + 1;
    let text = '';
    while (i < s.length && s[i] !== '`') {
      if (s[i] === '\\' && i + 1 < s.length && ('$`\\'.includes(s[i + 1]!) || (q && s[i + 1] === '"'))) {
        text += s[i + 1];
        i += 2;
      } else text += s[i++];
    }
    if (i >= s.length) throw new Incomplete('unexpected EOF while looking for matching ``\'');
    this.pos = i + 1;
    const p = this.sub(text);
    p.enter();
    const body = p.parseScript('eof');
    if (p.pending.length) p.readHeredocs();
    return { k: 'cmd', body, q };
  }

  // ---- commands ---------------------------------------------------------------------------------

  parseScript(stop: 'eof' | 'paren' | Record<string, true>): Script {
    const list: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const s = this.src;
      if (this.pos >= s.length) {
        if (stop === 'eof') break;
        const e = new Incomplete(stop === 'paren' ? "unexpected EOF while looking for matching `)'" : 'syntax error: unexpected end of file');
        if (typeof stop === 'object') e.expecting = Object.keys(stop).find((k) => k !== ';;');
        else e.expecting = ')';
        throw e;
      }
      if (stop === 'paren' && s[this.pos] === ')') break;
      if (typeof stop === 'object') {
        if (stop[';;'] && s.startsWith(';;', this.pos)) break;
        const kw = this.peekReserved();
        // a block's closing keyword ends the list; the caller reports it when it is not the one it expects
        if (kw && (stop[kw] || TERMINATORS[kw])) break;
      }
      list.push(this.parseAndOr());
      this.blanks();
      const c = this.src[this.pos];
      if (c === ';') {
        if (this.src[this.pos + 1] === ';') {
          if (typeof stop === 'object' && stop[';;']) break;
          throw this.unexpected();
        }
        this.pos++;
      } else if (c === '&') this.pos++;
      else if (c === '\n') this.newline();
      else if (c !== undefined && c !== ')') throw this.unexpected();
    }
    return list;
  }

  parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      this.blanks();
      const two = this.src.slice(this.pos, this.pos + 2);
      if (two !== '&&' && two !== '||') break;
      this.pos += 2;
      this.skipNewlines();
      if (this.pos >= this.src.length) throw new Incomplete(two);
      rest.push({ op: two, p: this.parsePipeline() });
    }
    return { first, rest };
  }

  parsePipeline(): Pipeline {
    this.blanks();
    let bang = false;
    const s = this.src;
    if (s[this.pos] === '!' && (this.pos + 1 >= s.length || /\s/.test(s[this.pos + 1]!))) {
      bang = true;
      this.pos++;
      this.blanks();
    }
    const cmds: Cmd[] = [this.parseCommand()];
    let errPipe: boolean[] | undefined;
    for (;;) {
      this.blanks();
      if (this.src[this.pos] !== '|' || this.src[this.pos + 1] === '|') break;
      this.pos++;
      if (this.src[this.pos] === '&') {
        this.pos++;
        (errPipe ??= [])[cmds.length - 1] = true;
      }
      this.skipNewlines();
      if (this.pos >= this.src.length) throw new Incomplete('|');
      cmds.push(this.parseCommand());
    }
    return errPipe ? { bang, cmds, errPipe } : { bang, cmds };
  }

  parseCommand(): Cmd {
    this.blanks();
    const s = this.src;
    if (this.pos >= s.length) throw new Incomplete('');
    if (s[this.pos] === '(') {
      if (s[this.pos + 1] === '(') {
        const end = this.findArithEnd(this.pos + 2);
        if (end >= 0) {
          const parts: Part[] = [];
          this.sub(s.slice(this.pos + 2, end)).readDq(parts, null, true);
          const raw = s.slice(this.pos, end + 2);
          this.pos = end + 2;
          return { k: 'arith', expr: { parts, raw }, redirs: this.parseRedirs() };
        }
      }
      this.pos++;
      const body = this.parseScript('paren');
      this.pos++;
      return { k: 'group', subshell: true, body, redirs: this.parseRedirs() };
    }
    const fm = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\([ \t]*\)/.exec(s.slice(this.pos, this.pos + 200));
    if (fm && !RESERVED[fm[1]!]) {
      this.pos += fm[0].length;
      this.skipNewlines();
      if (this.pos >= this.src.length) throw new Incomplete('function');
      return { k: 'func', name: fm[1]!, body: this.parseCommand() };
    }
    const kw = this.peekReserved();
    switch (kw) {
      case null:
      case 'in':
      case '!':
        return this.parseSimple();
      case 'for':
        return this.parseFor();
      case 'while':
      case 'until': {
        this.pos += kw.length;
        const cond = this.parseScript({ do: true });
        this.expectReserved('do');
        const body = this.parseScript({ done: true });
        this.expectReserved('done');
        return { k: 'while', until: kw === 'until', cond, body, redirs: this.parseRedirs() };
      }
      case 'if':
        return this.parseIf();
      case '{': {
        this.pos++;
        const body = this.parseScript({ '}': true });
        this.expectReserved('}');
        return { k: 'group', subshell: false, body, redirs: this.parseRedirs() };
      }
      case '[[': {
        this.pos += 2;
        const words: Word[] = [];
        for (;;) {
          this.skipNewlines();
          if (this.pos >= this.src.length) throw new Incomplete(']]');
          const w = this.readWord(false, true);
          if (!w) throw this.unexpected();
          if (w.raw === ']]') break;
          words.push(w);
        }
        return { k: 'cond', words, redirs: this.parseRedirs() };
      }
      case 'case':
        return this.parseCase();
      case 'function': {
        this.pos += 8;
        this.blanks();
        const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.src.slice(this.pos, this.pos + 200));
        if (!m) throw this.unexpected();
        this.pos += m[0].length;
        this.blanks();
        if (this.src.startsWith('()', this.pos)) this.pos += 2;
        this.skipNewlines();
        if (this.pos >= this.src.length) throw new Incomplete('function');
        return { k: 'func', name: m[0], body: this.parseCommand() };
      }
      default:
        throw this.unexpected();
    }
  }

  parseCase(): Cmd {
    this.pos += 4;
    this.blanks();
    if (this.pos >= this.src.length) throw new Incomplete('case');
    const word = this.readWord();
    if (!word) throw this.unexpected();
    this.expectReserved('in');
    const items: { patterns: Word[]; body: Script }[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.pos >= this.src.length) throw new Incomplete('esac');
      if (this.peekReserved() === 'esac') {
        this.pos += 4;
        break;
      }
      if (this.src[this.pos] === '(') this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.blanks();
        const w = this.readWord();
        if (!w) throw this.unexpected();
        patterns.push(w);
        this.blanks();
        if (this.src[this.pos] === '|') {
          this.pos++;
          continue;
        }
        if (this.src[this.pos] === ')') {
          this.pos++;
          break;
        }
        if (this.pos >= this.src.length) throw new Incomplete('case');
        throw this.unexpected();
      }
      const body = this.parseScript({ ';;': true, esac: true });
      items.push({ patterns, body });
      if (this.src.startsWith(';;', this.pos)) this.pos += 2;
    }
    return { k: 'case', word, items, redirs: this.parseRedirs() };
  }

  parseFor(): Cmd {
    this.pos += 3;
    this.blanks();
    const s = this.src;
    if (s.startsWith('((', this.pos)) throw new ShellSyntaxError('for ((...)) is not supported in k8s-drill (use: for i in $(seq 1 N))');
    const m = NAME_RE.exec(s.slice(this.pos, this.pos + 200));
    if (!m) {
      if (this.pos >= s.length) throw new Incomplete('for');
      throw this.unexpected();
    }
    const name = m[0];
    this.pos += name.length;
    this.skipNewlines();
    let items: Word[] | null = null;
    if (this.peekReserved() === 'in') {
      this.pos += 2;
      items = [];
      for (;;) {
        this.blanks();
        const c = this.src[this.pos];
        if (c === undefined) throw new Incomplete('for');
        if (c === ';') {
          this.pos++;
          break;
        }
        if (c === '\n') {
          this.newline();
          break;
        }
        if (META[c]) throw this.unexpected();
        items.push(this.readWord()!);
      }
    } else if (this.src[this.pos] === ';') this.pos++;
    this.expectReserved('do');
    const body = this.parseScript({ done: true });
    this.expectReserved('done');
    return { k: 'for', name, items, body, redirs: this.parseRedirs() };
  }

  parseIf(): Cmd {
    this.pos += 2;
    const clauses: { cond: Script; body: Script }[] = [];
    let otherwise: Script | null = null;
    const stops = { elif: true, else: true, fi: true } as Record<string, true>;
    let cond = this.parseScript({ then: true });
    for (;;) {
      this.expectReserved('then');
      const body = this.parseScript(stops);
      clauses.push({ cond, body });
      const kw = this.peekReserved();
      if (kw === 'elif') {
        this.pos += 4;
        cond = this.parseScript({ then: true });
        continue;
      }
      if (kw === 'else') {
        this.pos += 4;
        otherwise = this.parseScript({ fi: true });
        this.expectReserved('fi');
      } else this.expectReserved('fi');
      break;
    }
    return { k: 'if', clauses, otherwise, redirs: this.parseRedirs() };
  }

  parseRedirs(): Redir[] {
    const redirs: Redir[] = [];
    for (;;) {
      this.blanks();
      const r = this.tryRedir();
      if (!r) return redirs;
      redirs.push(r);
    }
  }

  tryRedir(): Redir | null {
    const s = this.src;
    let i = this.pos;
    const c = s[i];
    if (c === undefined) return null;
    let fd = -2;
    if (c >= '0' && c <= '9') {
      while (s[i]! >= '0' && s[i]! <= '9') i++;
      if (s[i] !== '<' && s[i] !== '>') return null;
      fd = parseInt(s.slice(this.pos, i), 10);
    } else if (c === '&') {
      if (s[i + 1] !== '>') return null;
    } else if (c !== '<' && c !== '>') return null;
    if (s[i + 1] === '(' && fd === -2) return null;
    const m = /^(&>>|&>|>>|>\||>&|>|<<<|<<-|<<|<&|<>|<)/.exec(s.slice(i, i + 3))!;
    let op = m[1]!;
    this.pos = i + op.length;
    if (op === '&>' || op === '&>>') fd = -1;
    else if (fd === -2) fd = op[0] === '<' ? 0 : 1;
    this.blanks();
    const target = this.readWord();
    if (!target) throw this.unexpected();
    if (op === '<<' || op === '<<-') {
      const strip = op === '<<-';
      op = '<<';
      const quoted = target.parts.some((p) => p.q);
      const delim = target.parts.map((p) => (p.k === 'lit' ? p.v : p.k === 'var' ? '$' + p.name : '')).join('');
      const r: Redir = { fd, op: '<<', target };
      this.pending.push({ redir: r, delim, quoted, strip });
      return r;
    }
    return { fd, op: op as RedirOp, target };
  }

  parseSimple(): Cmd {
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    const aliases = this.opts.aliases;
    let seen: Record<string, true> | undefined;
    for (;;) {
      this.blanks();
      const c = this.src[this.pos];
      if (c === undefined) break;
      const r = this.tryRedir();
      if (r) {
        redirs.push(r);
        continue;
      }
      if (META[c] && !((c === '<' || c === '>') && this.src[this.pos + 1] === '(')) break;
      const wstart = this.pos;
      const w = this.readWord()!;
      if (words.length === 0) {
        const a = asAssign(w);
        if (a) {
          if (!a.value.parts.length && !a.index && this.src[this.pos] === '(' && w.raw.endsWith('=')) {
            this.pos++;
            a.array = [];
            for (;;) {
              this.skipNewlines();
              if (this.pos >= this.src.length) throw new Incomplete(')');
              if (this.src[this.pos] === ')') {
                this.pos++;
                break;
              }
              const el = this.readWord();
              if (!el) throw this.unexpected();
              a.array.push(el);
            }
          }
          assigns.push(a);
          continue;
        }
        if (aliases) {
          const name = plainWord(w);
          if (name !== null && Object.hasOwn(aliases, name) && !seen?.[name]) {
            (seen ??= {})[name] = true;
            this.src = this.src.slice(0, wstart) + aliases[name] + this.src.slice(this.pos);
            this.pos = wstart;
            continue;
          }
        }
      }
      words.push(w);
    }
    if (!words.length && !assigns.length && !redirs.length) throw this.unexpected();
    return { k: 'simple', assigns, words, redirs };
  }
}

function asAssign(w: Word): Assign | null {
  const first = w.parts[0];
  if (!first || first.k !== 'lit' || first.q) return null;
  const m = ASSIGN_RE.exec(first.v);
  if (!m) return null;
  const rest = first.v.slice(m[0].length);
  const parts: Part[] = rest ? [{ k: 'lit', v: rest, q: false }, ...w.parts.slice(1)] : w.parts.slice(1);
  const a: Assign = { name: m[1]!, append: m[3] === '+', value: { parts, raw: w.raw.slice(m[0].length) } };
  if (m[2] !== undefined) a.index = { parts: [{ k: 'lit', v: m[2], q: false }], raw: m[2] };
  return a;
}

/** Parses a whole script. Throws Incomplete or ShellSyntaxError. */
export function parse(text: string, opts: ParseOptions = {}): Script {
  const p = new Parser(text, opts, 0);
  const script = p.parseScript('eof');
  if (p.pending.length) p.readHeredocs();
  return script;
}

/** Parses the text of one word in unquoted context (used by `eval`-like helpers and tests). */
export function parseWord(text: string): Word | null {
  return new Parser(text, {}, 0).readWord(true);
}

/**
 * True while `text` is not a complete command yet: an open heredoc, an open quote, a trailing `\`, `|`, `&&`,
 * `||`, or an unfinished for/while/if block.
 */
export function needsMoreInput(text: string): boolean {
  try {
    parse(text);
    return false;
  } catch (e) {
    return e instanceof Incomplete;
  }
}
