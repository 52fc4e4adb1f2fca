/** resource.Quantity parsing and formatting (cpu in millicores, memory in bytes). */
const SUFFIX: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** Numeric value of a quantity ("500m" -> 0.5, "1Gi" -> 1073741824). NaN when invalid. */
export function parseQuantity(q: unknown): number {
  if (typeof q === 'number') return q;
  const m = String(q ?? '').trim().match(/^([+-]?[0-9.]+)(?:[eE]([+-]?\d+))?(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/);
  if (!m) return NaN;
  const n = parseFloat(m[1]!) * (m[2] ? 10 ** parseInt(m[2], 10) : 1);
  return n * SUFFIX[m[3] ?? '']!;
}

export function milli(q: unknown): number {
  return Math.round(parseQuantity(q) * 1000);
}

/** Canonical form as the API server prints it for cpu-like values in millis: 1500 -> "1500m", 2000 -> "2". */
export function formatMilli(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

/** Canonical memory: bytes -> "128Mi" when exact, else bytes. */
export function formatBytes(b: number): string {
  for (const [s, f] of [['Ei', 1024 ** 6], ['Pi', 1024 ** 5], ['Ti', 1024 ** 4], ['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
    if (b >= f && b % f === 0) return `${b / f}${s}`;
  }
  return String(b);
}
