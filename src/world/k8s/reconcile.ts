/**
 * The cluster's controllers, scheduler and kubelets as one Reconciler on the simulated clock. Work is driven by
 * per-controller queues (filled by store writes, as informers would) and a timer heap (pulls finishing,
 * back-offs ending, grace periods, cron schedules), so a settle only touches what changed.
 */
import type { Reconciler } from '../sim.js';
import type { World } from '../world.js';
import { addTimer, drain, fireTimers, nextTimer, sim, getRaw, remove, parseTime, eventKey, type KObject } from './store.js';
import { syncDeployment } from './controllers/deployment.js';
import { syncReplicaSet, syncStatefulSet, syncDaemonSet, syncJob, syncCronJob } from './controllers/workloads.js';
import { syncEndpoints, syncGc, syncNamespace, syncPvc, syncQuotas, syncHpa, syncPdb, syncIngress } from './controllers/misc.js';
import { schedule } from './scheduler.js';
import { syncPod } from './kubelet.js';
import { registerClusterNetwork } from './network.js';
import { clearImageCache } from './runtime-seam.js';

registerClusterNetwork();

type Sync = (world: World, key: string, now: number) => void;

/** Controllers in the order they run each round. */
const CONTROLLERS: [string, Sync][] = [
  ['namespace', syncNamespace],
  ['cronjob', syncCronJob],
  ['job', syncJob],
  ['deployment', syncDeployment],
  ['replicaset', syncReplicaSet],
  ['statefulset', syncStatefulSet],
  ['daemonset', syncDaemonSet],
  ['pv', syncPvc],
  ['scheduler', schedule],
  ['kubelet', syncPod],
  ['endpoints', syncEndpoints],
  ['hpa', syncHpa],
  ['pdb', syncPdb],
  ['ingress', syncIngress],
  ['gc', syncGc],
  ['events', () => undefined],
];

const EVENT_TTL = 3_600_000;
/** Profiling hook (tests): controller name -> ms spent. */
export let PROF: Record<string, number> | undefined;
export function setProfile(p: Record<string, number> | undefined): void { PROF = p; }

function expireEvents(world: World, now: number): void {
  const list = sim(world).ctl.eventTtl as string[] | undefined;
  if (!list?.length) return;
  let i = 0;
  while (i < list.length) {
    const ev = getRaw(world, 'Event', list[i]!);
    if (ev && now - parseTime(ev.lastTimestamp) < EVENT_TTL) break;
    if (ev) {
      remove(world, 'Event', list[i]!);
      const ik = eventKey(ev.involvedObject?.uid ?? '', ev.involvedObject?.fieldPath, ev.reason, ev.message, ev.source?.component ?? '');
      if (sim(world).eventIndex[ik] === list[i]) delete sim(world).eventIndex[ik];
    }
    i++;
  }
  if (i) list.splice(0, i);
  // wake up when the oldest remaining event expires
  const first = list.length ? getRaw(world, 'Event', list[0]!) : undefined;
  if (first) addTimer(world, parseTime(first.lastTimestamp) + EVENT_TTL + 1000, 'events', 'ttl');
}

/** Runs every controller queue once; returns whether any work was done. */
export function reconcileCluster(world: World, now: number): boolean {
  if (world.cluster.status !== 'Running') return false;
  clearImageCache();
  let worked = fireTimers(world, now);
  for (const [name, fn] of CONTROLLERS) {
    const keys = drain(world, name);
    if (!keys.length) continue;
    worked = true;
    const t0 = PROF ? performance.now() : 0;
    for (const k of keys) {
      try {
        fn(world, k, now);
      } catch (e) {
        // a controller bug must not make every later command fail: note it and go on
        const errs = ((sim(world).ctl.errors ??= []) as string[]);
        errs.push(`${name} ${k}: ${(e as Error)?.message ?? e}`);
        if (errs.length > 20) errs.shift();
      }
    }
    if (PROF) { PROF[name] = (PROF[name] ?? 0) + performance.now() - t0; PROF[name + '#'] = (PROF[name + '#'] ?? 0) + keys.length; }
  }
  if (worked && world.cluster.objects.ResourceQuota && Object.keys(world.cluster.objects.ResourceQuota).length) syncQuotas(world, '*', now);
  if (worked) expireEvents(world, now);
  return worked;
}

/** Bootstrap: run everything to a steady state at `now`, pods starting at once (images already on the node). */
export function runControllersInstant(world: World, now: number): void {
  const s = sim(world);
  s.ctl.instant = true;
  for (let i = 0; i < 100 && reconcileCluster(world, now); i++);
  s.ctl.instant = false;
}

export const clusterReconcilers: Reconciler[] = [
  {
    name: 'cluster',
    reconcile: reconcileCluster,
    nextWake: (world: World, now: number) => (world.cluster.status === 'Running' ? nextTimer(world, now) : undefined),
  },
];

export type { KObject };
