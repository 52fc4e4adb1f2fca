import { expect, it } from 'vitest';
import { planProcess } from '../../src/world/runtime/process.js';
import { catalogImage } from '../../src/world/runtime/images.js';
import { layeredFs } from '../../src/world/runtime/fs.js';
import type { World } from '../../src/world/world.js';

const T0 = Date.parse('2026-01-15T10:00:00Z');
const world = { clock: { offsetMs: 0, settledAt: T0, createdAt: T0 } } as unknown as World;

it.each([
  ['while true; do echo tick; sleep 1; done'],
  ['while true; do sleep 1; done'],
  ['while true; do :; done'],
  ['i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'],
])('planning %s stays fast', (script) => {
  const r = catalogImage('busybox');
  if (!r.ok) throw new Error();
  const t = performance.now();
  const fs = layeredFs({ lower: r.value.fs, upper: {} });
  const p = planProcess(world, r.value, ['sh', '-c', script], {}, { fs, tty: false, interactive: false, hostname: 'h', now: T0 });
  const ms = performance.now() - t;
  expect(p.kind).toBe('serve');
  expect(ms).toBeLessThan(400);
});
