/** The shell's own overhead per line must stay in microseconds (measured with a no-op kubectl). */
import { expect, test } from 'vitest';
import { harness } from './harness.js';
import { parse } from '../../src/shell/parser.js';

test('tokenizing + running `kubectl get pods` costs microseconds of shell overhead', async () => {
  let calls = 0;
  const h = harness({ extra: { kubectl: () => (calls++, 0) } });
  for (let i = 0; i < 500; i++) await h.run('kubectl get pods');
  const n = 20_000;
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await h.run('kubectl get pods');
  const runUs = Number(process.hrtime.bigint() - t) / 1000 / n;
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parse('kubectl get pods -n kube-system -o wide | grep Running');
  const parseUs = Number(process.hrtime.bigint() - t) / 1000 / n;
  console.log(`shell overhead: run ${runUs.toFixed(2)} µs/line, parse ${parseUs.toFixed(2)} µs/line`);
  expect(calls).toBe(n + 500);
  expect(runUs).toBeLessThan(100);
  expect(parseUs).toBeLessThan(50);
});
