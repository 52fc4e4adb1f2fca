/**
 * Text layout helpers for the view, pure: hard wrapping at the terminal width (as a terminal wraps, not at
 * word boundaries), tab expansion, and where the cursor lands in the wrapped prompt.
 */

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*(?:\x07|\x1b\\)/y;

/** Expands tabs to 8-column stops, as a terminal shows them. */
export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  let col = 0;
  for (let i = 0; i < line.length; i++) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(line);
    if (m) {
      out += m[0];
      i += m[0].length - 1;
      continue;
    }
    const ch = line[i]!;
    if (ch === '\t') {
      const n = 8 - (col % 8);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col++;
    }
  }
  return out;
}

/** Splits one line (no newlines) into rows of at most `width` visible characters; ANSI sequences take no room. */
export function hardWrapLine(line: string, width: number): string[] {
  if (width <= 0) return [line];
  const rows: string[] = [];
  let row = '';
  let col = 0;
  for (let i = 0; i < line.length; i++) {
    ANSI.lastIndex = i;
    const m = ANSI.exec(line);
    if (m) {
      row += m[0];
      i += m[0].length - 1;
      continue;
    }
    if (col === width) {
      rows.push(row);
      row = '';
      col = 0;
    }
    const cp = line.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    row += ch;
    if (ch.length === 2) i++;
    col++;
  }
  rows.push(row);
  return rows;
}

export interface PromptLayout {
  /** The rows to show (prompt + input, wrapped). */
  rows: string[];
  /** Cursor position within those rows. */
  cursor: { x: number; y: number };
}

/**
 * Lays out the live input: the first line after `prompt`, further lines (a recalled multi-line entry) after
 * `> `, each wrapped at `width`; and finds the cursor.
 */
export function layoutPrompt(prompt: string, buffer: string, cursor: number, width: number): PromptLayout {
  const lines = buffer.split('\n');
  const rows: string[] = [];
  let pos = { x: 0, y: 0 };
  let offset = 0;
  lines.forEach((line, idx) => {
    const lead = idx === 0 ? prompt : '> ';
    const shown = (lead + line).replace(/\t/g, ' ');
    const wrapped = hardWrapLine(shown, width);
    if (cursor >= offset && cursor <= offset + line.length) {
      const k = lead.length + (cursor - offset);
      const w = Math.max(1, width);
      pos = { x: k % w, y: rows.length + Math.floor(k / w) };
      if (pos.y - rows.length >= wrapped.length) wrapped.push('');
    }
    rows.push(...wrapped);
    offset += line.length + 1;
  });
  return { rows, cursor: pos };
}
