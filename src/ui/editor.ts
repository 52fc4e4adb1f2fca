/**
 * The line editor as pure data: a key decoder (raw terminal input -> keys) and a reducer (state, key) -> state.
 * No ink, no React, no I/O: the controller feeds it and the view renders it.
 */

export type Key =
  | { type: 'insert'; text: string }
  | { type: 'enter' }
  | { type: 'tab' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'kill-line-before' }
  | { type: 'kill-line-after' }
  | { type: 'kill-word-before' }
  | { type: 'kill-word-after' }
  | { type: 'yank' }
  | { type: 'transpose' }
  | { type: 'ctrl-c' }
  | { type: 'ctrl-d' }
  | { type: 'ctrl-l' }
  | { type: 'ctrl-r' }
  | { type: 'ctrl-g' }
  | { type: 'ignore'; seq: string };

/**
 * Splits raw terminal input into keys. Returns the keys and the unfinished tail (an escape sequence cut in two
 * by the terminal), to be prepended to the next chunk. `paste` says whether we are inside a bracketed paste
 * (ESC[200~ ... ESC[201~): there a tab is text, not completion.
 */
export interface DecodeState {
  pending: string;
  paste: boolean;
}

export function newDecodeState(): DecodeState {
  return { pending: '', paste: false };
}

const CSI_KEYS: Record<string, Key['type']> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end',
  '1~': 'home', '7~': 'home', '4~': 'end', '8~': 'end', '3~': 'delete',
  '1;5C': 'word-right', '1;5D': 'word-left', '1;3C': 'word-right', '1;3D': 'word-left',
  '5C': 'word-right', '5D': 'word-left',
};

function simple(type: Key['type']): Key {
  return { type } as Key;
}

/** Decodes one chunk of raw input. Mutates `st` (pending tail, paste mode) and returns the keys. */
export function decode(st: DecodeState, chunk: string): Key[] {
  const s = st.pending + chunk;
  st.pending = '';
  const keys: Key[] = [];
  let text = '';
  const flush = () => {
    if (text) keys.push({ type: 'insert', text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\x1b') {
      // Escape sequences.
      if (i + 1 >= s.length) {
        // A lone ESC at the end of a chunk: the Escape key itself (ignored).
        flush();
        keys.push({ type: 'ignore', seq: c });
        i++;
        continue;
      }
      const n = s[i + 1]!;
      if (n === '[' || n === 'O') {
        let j = i + 2;
        while (j < s.length && /[0-9;?]/.test(s[j]!)) j++;
        if (j >= s.length) {
          st.pending = s.slice(i);
          break;
        }
        const body = s.slice(i + 2, j + 1);
        const seq = s.slice(i, j + 1);
        i = j + 1;
        if (body === '200~') {
          flush();
          st.paste = true;
          continue;
        }
        if (body === '201~') {
          flush();
          st.paste = false;
          continue;
        }
        flush();
        const t = CSI_KEYS[body];
        keys.push(t ? simple(t) : { type: 'ignore', seq });
        continue;
      }
      // Alt/Meta + key.
      flush();
      i += 2;
      if (n === 'b' || n === 'B') keys.push(simple('word-left'));
      else if (n === 'f' || n === 'F') keys.push(simple('word-right'));
      else if (n === 'd' || n === 'D') keys.push(simple('kill-word-after'));
      else if (n === '\x7f' || n === '\b') keys.push(simple('kill-word-before'));
      else keys.push({ type: 'ignore', seq: c + n });
      continue;
    }
    if (c === '\r' || c === '\n') {
      flush();
      keys.push(simple('enter'));
      // CR LF from a paste is one line end.
      if (c === '\r' && s[i + 1] === '\n') i++;
      i++;
      continue;
    }
    if (c === '\t' && st.paste) {
      text += c;
      i++;
      continue;
    }
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      flush();
      i++;
      switch (c) {
        case '\x01': keys.push(simple('home')); break; // Ctrl-A
        case '\x02': keys.push(simple('left')); break; // Ctrl-B
        case '\x03': keys.push(simple('ctrl-c')); break;
        case '\x04': keys.push(simple('ctrl-d')); break;
        case '\x05': keys.push(simple('end')); break; // Ctrl-E
        case '\x06': keys.push(simple('right')); break; // Ctrl-F
        case '\x08': case '\x7f': keys.push(simple('backspace')); break;
        case '\t': keys.push(simple('tab')); break;
        case '\x0b': keys.push(simple('kill-line-after')); break; // Ctrl-K
        case '\x0c': keys.push(simple('ctrl-l')); break;
        case '\x12': keys.push(simple('ctrl-r')); break;
        case '\x07': keys.push(simple('ctrl-g')); break;
        case '\x0e': keys.push(simple('down')); break; // Ctrl-N
        case '\x10': keys.push(simple('up')); break; // Ctrl-P
        case '\x14': keys.push(simple('transpose')); break; // Ctrl-T
        case '\x15': keys.push(simple('kill-line-before')); break; // Ctrl-U
        case '\x17': keys.push(simple('kill-word-before')); break; // Ctrl-W
        case '\x19': keys.push(simple('yank')); break; // Ctrl-Y
        default: keys.push({ type: 'ignore', seq: c });
      }
      continue;
    }
    text += c;
    i++;
  }
  flush();
  return keys;
}

export interface EditorState {
  buffer: string;
  cursor: number;
  /** Earlier lines, oldest first. */
  history: string[];
  /** Index into history while browsing; history.length = the line being edited. */
  histIndex: number;
  /** The line being edited, kept while browsing history. */
  draft: string;
  /** Last killed text (Ctrl-U/K/W), for Ctrl-Y. */
  kill: string;
  /** Ctrl-R reverse incremental search, as bash does it; null when not searching. */
  search: SearchState | null;
}

export interface SearchState {
  query: string;
  /** History index of the current match; -1 when nothing matched yet. */
  index: number;
  failed: boolean;
  /** The line as it was before the search (Ctrl-G puts it back). */
  original: string;
  originalCursor: number;
}

export function newEditor(history: string[] = []): EditorState {
  return { buffer: '', cursor: 0, history, histIndex: history.length, draft: '', kill: '', search: null };
}

/** Finds the newest history entry at or before `from` containing `query`. */
function findBack(history: string[], query: string, from: number): number {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) if (history[i]!.includes(query)) return i;
  return -1;
}

/** The line a search shows, bash style, and where the cursor sits in it. */
export function searchLine(st: EditorState): { text: string; cursor: number } {
  const s = st.search!;
  const lead = `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
  const match = s.index >= 0 ? st.history[s.index]! : s.original;
  const at = s.index >= 0 && s.query ? match.indexOf(s.query) : 0;
  return { text: lead + match, cursor: lead.length + Math.max(0, at) };
}

/** Leaves the search with the match in the line, ready to edit or run. */
export function acceptSearch(st: EditorState): EditorState {
  const s = st.search;
  if (!s) return st;
  if (s.index < 0) return { ...st, search: null, buffer: s.original, cursor: s.originalCursor };
  const line = st.history[s.index]!;
  return { ...st, search: null, buffer: line, cursor: Math.max(0, line.indexOf(s.query)), histIndex: s.index };
}

function reduceSearch(st: EditorState, key: Key): EditorState {
  const s = st.search!;
  const research = (query: string, from: number): EditorState => {
    if (!query) return { ...st, search: { ...s, query, index: -1, failed: false } };
    const i = findBack(st.history, query, from);
    return i >= 0 ? { ...st, search: { ...s, query, index: i, failed: false } } : { ...st, search: { ...s, query, failed: true } };
  };
  switch (key.type) {
    case 'insert':
      return research(s.query + key.text, s.index >= 0 ? s.index : st.history.length - 1);
    case 'backspace':
      return research(s.query.slice(0, -1), st.history.length - 1);
    case 'ctrl-r':
      if (!s.query) return st;
      return research(s.query, s.index >= 0 ? s.index - 1 : st.history.length - 1);
    case 'ctrl-g':
      return { ...st, search: null, buffer: s.original, cursor: s.originalCursor };
    default: {
      // Any other editing key ends the search with the match in the line, then acts on it.
      const accepted = acceptSearch(st);
      return key.type === 'ignore' ? accepted : reduce(accepted, key);
    }
  }
}

/** Clears the line and stops browsing history (after Enter or Ctrl-C). */
export function resetLine(st: EditorState): EditorState {
  return { ...st, buffer: '', cursor: 0, histIndex: st.history.length, draft: '', search: null };
}

/** Adds a finished line to the history (not blank, not a repeat of the last one) and resets the line. */
export function commit(st: EditorState, line: string): EditorState {
  const history = line.trim() && st.history[st.history.length - 1] !== line ? [...st.history, line] : st.history;
  return { ...st, buffer: '', cursor: 0, history, histIndex: history.length, draft: '', search: null };
}

const isWord = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

function wordLeft(b: string, i: number): number {
  while (i > 0 && !isWord(b[i - 1])) i--;
  while (i > 0 && isWord(b[i - 1])) i--;
  return i;
}

function wordRight(b: string, i: number): number {
  while (i < b.length && !isWord(b[i])) i++;
  while (i < b.length && isWord(b[i])) i++;
  return i;
}

/** Ctrl-W kills back to the previous whitespace (unix-word-rubout), as bash does. */
function spaceWordLeft(b: string, i: number): number {
  while (i > 0 && /\s/.test(b[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(b[i - 1]!)) i--;
  return i;
}

/** Applies one editing key. Keys the editor does not own (enter, tab, ctrl-c/d/l) return the state unchanged. */
export function reduce(st: EditorState, key: Key): EditorState {
  if (st.search) return reduceSearch(st, key);
  const { buffer: b, cursor: c } = st;
  switch (key.type) {
    case 'ctrl-r':
      return { ...st, search: { query: '', index: -1, failed: false, original: b, originalCursor: c } };
    case 'insert': {
      const text = key.text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
      if (!text) return st;
      return { ...st, buffer: b.slice(0, c) + text + b.slice(c), cursor: c + text.length };
    }
    case 'left': return c > 0 ? { ...st, cursor: c - 1 } : st;
    case 'right': return c < b.length ? { ...st, cursor: c + 1 } : st;
    case 'home': return { ...st, cursor: 0 };
    case 'end': return { ...st, cursor: b.length };
    case 'word-left': return { ...st, cursor: wordLeft(b, c) };
    case 'word-right': return { ...st, cursor: wordRight(b, c) };
    case 'backspace': return c > 0 ? { ...st, buffer: b.slice(0, c - 1) + b.slice(c), cursor: c - 1 } : st;
    case 'delete': return c < b.length ? { ...st, buffer: b.slice(0, c) + b.slice(c + 1) } : st;
    case 'kill-line-before': return c > 0 ? { ...st, buffer: b.slice(c), cursor: 0, kill: b.slice(0, c) } : st;
    case 'kill-line-after': return c < b.length ? { ...st, buffer: b.slice(0, c), kill: b.slice(c) } : st;
    case 'kill-word-before': {
      const s = spaceWordLeft(b, c);
      return s < c ? { ...st, buffer: b.slice(0, s) + b.slice(c), cursor: s, kill: b.slice(s, c) } : st;
    }
    case 'kill-word-after': {
      const e = wordRight(b, c);
      return e > c ? { ...st, buffer: b.slice(0, c) + b.slice(e), kill: b.slice(c, e) } : st;
    }
    case 'yank': return st.kill ? reduce(st, { type: 'insert', text: st.kill }) : st;
    case 'transpose': {
      if (b.length < 2 || c === 0) return st;
      const i = c === b.length ? c - 1 : c;
      return { ...st, buffer: b.slice(0, i - 1) + b[i] + b[i - 1] + b.slice(i + 1), cursor: i + 1 };
    }
    case 'up': {
      if (st.histIndex === 0) return st;
      const draft = st.histIndex === st.history.length ? b : st.draft;
      const line = st.history[st.histIndex - 1]!;
      return { ...st, histIndex: st.histIndex - 1, draft, buffer: line, cursor: line.length };
    }
    case 'down': {
      if (st.histIndex >= st.history.length) return st;
      const i = st.histIndex + 1;
      const line = i === st.history.length ? st.draft : st.history[i]!;
      return { ...st, histIndex: i, buffer: line, cursor: line.length };
    }
    default:
      return st;
  }
}

/** Longest common prefix of the candidates. */
export function commonPrefix(words: string[]): string {
  if (!words.length) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export interface CompletionOutcome {
  state: EditorState;
  /** Candidates to list below the prompt (several matches and nothing more to insert). */
  list: string[] | null;
}

/**
 * Applies a completion result to the line. One candidate: it replaces the word (plus a space unless it ends in
 * `/` or `=`). Several: the common prefix is inserted; when that adds nothing, they are listed (bash's second Tab).
 */
export function applyCompletion(st: EditorState, start: number, candidates: string[]): CompletionOutcome {
  const { buffer: b, cursor: c } = st;
  const uniq = [...new Set(candidates)];
  if (uniq.length === 0) return { state: st, list: null };
  const word = b.slice(start, c);
  const replace = (text: string): EditorState => ({ ...st, buffer: b.slice(0, start) + text + b.slice(c), cursor: start + text.length });
  if (uniq.length === 1) {
    const w = uniq[0]!;
    const suffix = /[/=]$/.test(w) || b[c] === ' ' ? '' : ' ';
    return { state: replace(w + suffix), list: null };
  }
  const p = commonPrefix(uniq);
  if (p.length > word.length && p.startsWith(word)) return { state: replace(p), list: null };
  return { state: st, list: uniq.sort() };
}

/** Lays out candidates in columns, top to bottom then left to right, as readline lists them. */
export function formatColumns(words: string[], width: number): string {
  if (!words.length) return '';
  const colWidth = Math.max(...words.map((w) => w.length)) + 2;
  const cols = Math.max(1, Math.floor((width + 2) / colWidth));
  const rows = Math.ceil(words.length / cols);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let k = 0; k < cols; k++) {
      const w = words[k * rows + r];
      if (w === undefined) continue;
      const last = (k + 1) * rows + r >= words.length;
      line += last ? w : w.padEnd(colWidth);
    }
    lines.push(line.trimEnd());
  }
  return lines.join('\n') + '\n';
}
