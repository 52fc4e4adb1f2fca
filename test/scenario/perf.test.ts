import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../src/scenario/load.js';
import { testLoaded } from '../../src/scenario/runner.js';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

describe('k8s-drill test speed', () => {
  it('tests a pack of 100 scenarios in process within a few seconds of CPU', async () => {
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(dir + f, 'utf8'));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let passed = 0;
    for (let i = 0; i < 100; i++) {
      const src = sources[i % sources.length]!;
      const r = await parseScenario(src, `pack/${i}.yaml`);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      if ((await testLoaded(r.loaded)).passed) passed++;
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuSec = (cpu.user + cpu.system) / 1e6;
    console.log(`100 scenarios: ${(cpuSec).toFixed(2)}s CPU, ${((performance.now() - t0) / 1000).toFixed(2)}s wall`);
    expect(passed).toBe(100);
    expect(cpuSec).toBeLessThan(10);
  }, 120_000);
});
