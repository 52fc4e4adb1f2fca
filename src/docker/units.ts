/** docker/go-units and docker/cli's tabwriter, as the CLI prints them. */

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3600000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3600000) / 24 / 365)} years`;
}

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** Go's %.<p>g for the magnitudes go-units produces (< 1000 after scaling). */
function goG(v: number, p: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= p) {
    // exponent form, e.g. 1e+03 (only for values that round up to 1000)
    const s = v.toExponential(p - 1);
    const [m, e] = s.split('e');
    const mant = m!.includes('.') ? m!.replace(/\.?0+$/, '') : m!;
    const en = parseInt(e!, 10);
    return `${mant}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  let s = v.toPrecision(p);
  if (s.includes('e')) return goG(Number(s), p);
  if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  return s;
}

export function humanSizeWithPrecision(size: number, precision: number): string {
  let i = 0;
  let s = size;
  while (s >= 1000 && i < DECIMAL.length - 1) {
    s /= 1000;
    i++;
  }
  return goG(s, precision) + DECIMAL[i];
}

/** go-units HumanSize (precision 4). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** docker/cli's Ellipsis: cut to maxDisplayWidth runes with a trailing …. */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  if (max <= 1) return chars.slice(0, max).join('');
  return chars.slice(0, max - 1).join('') + '…';
}

/**
 * text/tabwriter as docker/cli configures it: NewWriter(out, minwidth 10, tabwidth 1, padding 3, ' ', 0).
 * Cells are tab-terminated; the last cell of a line is not aligned. A column block ends at a line with fewer cells.
 */
export function tabwrite(text: string, minwidth = 10, padding = 3): string {
  const lines = text.split('\n');
  const trailing = text.endsWith('\n');
  if (trailing) lines.pop();
  const rows = lines.map((l) => l.split('\t'));
  const widths: number[][] = rows.map(() => []);
  // Column blocks: Go's tabwriter formats column c over consecutive lines that have a cell c (terminated).
  const format = (start: number, end: number, col: number) => {
    let line = start;
    while (line < end) {
      if (rows[line]!.length - 1 <= col) {
        line++;
        continue;
      }
      let blockEnd = line;
      let w = 0;
      while (blockEnd < end && rows[blockEnd]!.length - 1 > col) {
        w = Math.max(w, [...rows[blockEnd]![col]!].length + padding);
        blockEnd++;
      }
      if (w < minwidth) w = minwidth;
      for (let k = line; k < blockEnd; k++) widths[k]![col] = w;
      format(line, blockEnd, col + 1);
      line = blockEnd;
    }
  };
  format(0, rows.length, 0);
  const out = rows.map((cells, r) =>
    cells.map((c, i) => (i < cells.length - 1 ? c + ' '.repeat(Math.max(0, widths[r]![i]! - [...c].length)) : c)).join(''),
  );
  return out.join('\n') + (trailing ? '\n' : '');
}

/** Go's time.Time.String() for a UTC instant with nanosecond precision trimmed: 2026-01-15 10:00:00 +0000 UTC */
export function goTimeString(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

/** RFC3339Nano as the daemon writes times in inspect: 2026-01-15T10:00:00.123456789Z */
export function rfc3339Nano(ms: number, extraNanos = 0): string {
  const iso = new Date(ms).toISOString(); // 2026-01-15T10:00:00.123Z
  const base = iso.slice(0, 19);
  const frac = (String(ms % 1000).padStart(3, '0') + String(extraNanos).padStart(6, '0')).replace(/0+$/, '');
  return frac ? `${base}.${frac}Z` : `${base}Z`;
}
