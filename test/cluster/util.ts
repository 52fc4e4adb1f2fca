import { newWorld, type World } from '../../src/world/world.js';
import { advanceTo } from '../../src/world/sim.js';
import { createObject, getObject, listObjects, type KObject } from '../../src/world/k8s/api.js';

export const T0 = Date.parse('2026-01-15T10:00:00Z');

export function world(seed = 42): World {
  return newWorld({ seed, now: T0 });
}

/** Advances the simulated clock to T0 + ms (absolute offset from T0). */
export function at(w: World, ms: number): void {
  advanceTo(w, T0 + ms);
  const errs = (w.cluster.sim as any).ctl?.errors;
  if (errs?.length) throw new Error(`controller errors: ${errs.join('; ')}`);
}

export function create(w: World, o: KObject, now = w.clock.settledAt): KObject {
  const r = createObject(w, o, { now });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function get(w: World, kind: string, ns: string | undefined, name: string): KObject {
  const r = getObject(w, kind, ns, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function list(w: World, kind: string, ns?: string, labelSelector?: string): KObject[] {
  const r = listObjects(w, kind, ns, { labelSelector });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export function deployment(name: string, image: string, replicas = 1, extra: KObject = {}): KObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
    spec: {
      replicas, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split('/').pop()!.split(':')[0], image, ...(extra.container ?? {}) }] } },
      ...(extra.spec ?? {}),
    },
  };
}

export function pod(name: string, image: string, spec: KObject = {}, labels: Record<string, string> = { run: name }): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name, image, ...(spec.container ?? {}) }], ...(spec.pod ?? {}) } };
}

export function events(w: World, ns: string, name?: string): KObject[] {
  return list(w, 'events', ns).filter((e) => !name || e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0));
}

export function podStatus(p: KObject): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  for (const c of p.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason;
    if (c.state?.terminated?.reason) return c.state.terminated.reason;
  }
  return p.status?.phase ?? 'Pending';
}
