/** kubectl get pods stays usable at 100,000 pods; course-scale printing is well under a millisecond per row. */
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('performance', () => {
  it('get pods with 100,000 pods', async () => {
    const h = harness();
    const bucket = (h.world.cluster.objects.Pod ??= {});
    const tpl = (await h.kubectl(['get', 'pod', '-n', 'kube-system', 'etcd-minikube', '-o', 'json'])).stdout;
    const base = JSON.parse(tpl);
    for (let i = 0; i < 100_000; i++) {
      const p = structuredClone(base);
      p.metadata = { ...p.metadata, name: `load-${String(i).padStart(6, '0')}`, namespace: 'default', uid: `u${i}` };
      delete p.metadata.ownerReferences;
      bucket[`default/${p.metadata.name}`] = p;
    }
    const t0 = performance.now();
    const r = await h.kubectl(['get', 'pods']);
    const ms = performance.now() - t0;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toHaveLength(100_002);
    expect(r.stdout.split('\n')[1]).toMatch(/^load-000000 +1\/1 +Running +0 +\S+$/);
    console.log(`kubectl get pods, 100,000 pods: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(15_000);
  });

  it('course-scale get pods -A is fast', async () => {
    const h = harness();
    await h.kubectl(['get', 'pods', '-A']);
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) await h.kubectl(['get', 'pods', '-A']);
    const per = (performance.now() - t0) / 100;
    console.log(`kubectl get pods -A (course scale): ${per.toFixed(3)} ms`);
    expect(per).toBeLessThan(20);
  });
});
