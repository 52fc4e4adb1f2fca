import { expect, it } from 'vitest';
import { T0, world, create, at, deployment, list } from './util.js';

it('settles 10,000 pods of one Deployment in reasonable time', () => {
  const w = world();
  // a big node so everything fits
  const node = w.cluster.objects.Node!.minikube!;
  node.status.allocatable.pods = node.status.capacity.pods = '20000';
  create(w, deployment('big', 'nginx:1.25', 10_000), T0);
  const t = performance.now();
  at(w, 120_000);
  const ms = performance.now() - t;
  const pods = list(w, 'pods', 'default');
  expect(pods).toHaveLength(10_000);
  expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
  const d = w.cluster.objects.Deployment!['default/big']!;
  expect(d.status.availableReplicas).toBe(10_000);
  console.log(`10,000 pods: settled in ${Math.round(ms)} ms`);
  // events are capped so big worlds stay small enough to save
  expect(Object.keys(w.cluster.objects.Event ?? {}).length).toBeLessThanOrEqual(50_000);
  expect(ms).toBeLessThan(60_000);
}, 120_000);
