/** Fidelity audit (issue 4): each case was wrong before its fix; expectations from kubectl 1.33, its source or recordings. */
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('kubectl top', () => {
  it('needs the metrics API (minikube: the metrics-server addon), as real kubectl says', async () => {
    const h = harness();
    await h.kubectl(['run', 'web', '--image=nginx']);
    h.advance(10_000);
    for (const args of [['top', 'pods'], ['top', 'node'], ['top', 'pod', 'web']]) {
      const r = await h.kubectl(args);
      expect(r).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', code: 1 });
    }
    await h.minikube(['addons', 'enable', 'metrics-server']);
    h.advance(60_000);
    const r = await h.kubectl(['top', 'pods']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\nweb\s+\d+m\s+\d+Mi\n$/);
    expect((await h.kubectl(['top', 'node'])).stdout).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\nminikube /);
  });
});
