/** Line diffs shared by the shell's `diff` and `kubectl diff`: an LCS edit script and GNU's unified hunks. */

export interface Edit {
  op: '=' | '-' | '+';
  /** index into a (for '=' and '-': the line; for '+': where it goes) */
  ai: number;
  /** index into b */
  bi: number;
}

/** Longest common subsequence edit script between two line lists. */
export function editScript(a: string[], b: string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  if (n * m > 25_000_000) throw new Error('files too large to compare');
  const dp: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) dp.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) out.push({ op: '=', ai: i++, bi: j++ });
    else if (j < m && (i >= n || dp[i]![j + 1]! > dp[i + 1]![j]!)) out.push({ op: '+', ai: i, bi: j++ });
    else out.push({ op: '-', ai: i++, bi: j });
  }
  return out;
}

/** GNU diff's unified hunks with `ctx` lines of context (no ---/+++ header); the lines printed come from a and b. */
export function unifiedHunks(es: Edit[], a: string[], b: string[], ctx = 3): string {
  let out = '';
  let k = 0;
  while (k < es.length) {
    while (k < es.length && es[k]!.op === '=') k++;
    if (k >= es.length) break;
    const start = Math.max(0, k - ctx);
    let end = k;
    for (;;) {
      while (end < es.length && es[end]!.op !== '=') end++;
      let eq = end;
      while (eq < es.length && es[eq]!.op === '=') eq++;
      if (eq < es.length && eq - end <= 2 * ctx) end = eq;
      else {
        end = Math.min(es.length, end + ctx);
        break;
      }
    }
    const hunk = es.slice(start, end);
    const aLen = hunk.filter((e) => e.op !== '+').length;
    const bLen = hunk.filter((e) => e.op !== '-').length;
    const r = (s: number, l: number) => (l === 1 ? `${s + 1}` : `${l === 0 ? s : s + 1},${l}`);
    out += `@@ -${r(hunk[0]!.ai, aLen)} +${r(hunk[0]!.bi, bLen)} @@\n`;
    for (const e of hunk) out += (e.op === '=' ? ' ' : e.op) + (e.op === '+' ? b[e.bi] : a[e.ai]) + '\n';
    k = end;
  }
  return out;
}
