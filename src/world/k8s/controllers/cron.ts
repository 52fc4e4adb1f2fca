/** Cron schedules (robfig/cron standard 5-field syntax and @descriptors), evaluated in UTC minutes. */
const NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

function field(spec: string, lo: number, hi: number): Set<number> | null {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const [range, stepS] = part.split('/');
    const step = stepS ? parseInt(stepS, 10) : 1;
    if (!step || step < 1) return null;
    let a: number, b: number;
    if (range === '*' || range === '?') { a = lo; b = hi; }
    else {
      const [x, y] = range!.split('-');
      const num = (s: string) => (NAMES[s.toLowerCase()] ?? (/^\d+$/.test(s) ? parseInt(s, 10) : NaN));
      a = num(x!);
      b = y !== undefined ? num(y) : stepS ? hi : a;
      if (Number.isNaN(a) || Number.isNaN(b)) return null;
    }
    if (a < lo || b > hi + (hi === 6 ? 1 : 0) || a > b) return null;
    for (let i = a; i <= b; i += step) out.add(hi === 6 && i === 7 ? 0 : i);
  }
  return out;
}

export function parseCron(schedule: string): { min: Set<number>; hour: Set<number>; dom: Set<number>; mon: Set<number>; dow: Set<number>; domStar: boolean; dowStar: boolean } | null {
  let s = schedule.trim().replace(/^(CRON_)?TZ=\S+\s+/, '');
  s = DESCRIPTORS[s] ?? s;
  const f = s.split(/\s+/);
  if (f.length !== 5) return null;
  const min = field(f[0]!, 0, 59), hour = field(f[1]!, 0, 23), dom = field(f[2]!, 1, 31), mon = field(f[3]!, 1, 12), dow = field(f[4]!, 0, 6);
  if (!min || !hour || !dom || !mon || !dow) return null;
  return { min, hour, dom, mon, dow, domStar: f[2] === '*' || f[2] === '?', dowStar: f[4] === '*' || f[4] === '?' };
}

/** The first scheduled minute strictly after `after` (ms), or undefined for an invalid schedule. */
export function nextCronTime(schedule: string, after: number, _tz?: string): number | undefined {
  const c = parseCron(schedule);
  if (!c) return undefined;
  let t = Math.floor(after / 60000) * 60000 + 60000;
  for (let i = 0; i < 60 * 24 * 366 * 2; ) {
    const d = new Date(t);
    if (!c.mon.has(d.getUTCMonth() + 1)) { t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); i += 1440; continue; }
    const domOk = c.dom.has(d.getUTCDate()), dowOk = c.dow.has(d.getUTCDay());
    const dayOk = c.domStar || c.dowStar ? domOk && dowOk : domOk || dowOk;
    if (!dayOk) { t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1); i += 1440; continue; }
    if (!c.hour.has(d.getUTCHours())) { t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1); i += 60; continue; }
    if (!c.min.has(d.getUTCMinutes())) { t += 60000; i++; continue; }
    return t;
  }
  return undefined;
}
