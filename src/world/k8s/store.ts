/**
 * The cluster's object store underneath the API server: raw writes with metadata stamping, the indexes the
 * controllers scan (pods by owner, by node; uid -> object), per-controller work queues ("informers"), and the
 * timer heap the simulated clock wakes on. No validation or defaulting here (api.ts does that); controllers
 * write through these functions directly, as they would through a client that always passes admission.
 */
import type { World } from '../world.js';
import { randomUuid } from '../../core/random.js';

export type KObject = Record<string, any>;

/** Private bookkeeping in world.cluster.sim (plain JSON). */
export interface ClusterSim {
  /** owner uid -> { "Kind|key": 1 } */
  byOwner: Record<string, Record<string, 1>>;
  /** node name -> { podKey: 1 } */
  podsByNode: Record<string, Record<string, 1>>;
  /** uid -> "Kind|key" */
  byUid: Record<string, string>;
  /** controller -> { key: 1 } */
  queues: Record<string, Record<string, 1>>;
  /** binary min-heap of [at, controller, key] */
  timers: [number, string, string][];
  /** event aggregation: "uid|reason|message|component" -> event key */
  eventIndex: Record<string, string>;
  /** IP allocators */
  nextPodIp: number;
  usedClusterIps: Record<string, 1>;
  usedNodePorts: Record<string, 1>;
  /** per-pod kubelet state (containers, logs, fs) keyed by pod uid */
  pods: Record<string, any>;
  /** persistent volume contents: pv name -> FsLayer */
  volumes: Record<string, Record<string, any>>;
  /** round-robin counters per service key */
  rr: Record<string, number>;
  /** port-forwards: local port -> target */
  portForwards: Record<string, { namespace: string; pod?: string; service?: string; port: number }>;
  /** Per-controller extra state */
  ctl: Record<string, any>;
}

export function initSim(): ClusterSim {
  return {
    byOwner: {}, podsByNode: {}, byUid: {}, queues: {}, timers: [], eventIndex: {},
    nextPodIp: 2, usedClusterIps: {}, usedNodePorts: {}, pods: {}, volumes: {}, rr: {}, portForwards: {}, ctl: {},
  };
}

export function sim(world: World): ClusterSim {
  return world.cluster.sim as ClusterSim;
}

/** Kinds that live outside a namespace. */
export const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass',
  'CustomResourceDefinition', 'IngressClass', 'APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'CSIDriver', 'CSINode', 'VolumeAttachment', 'RuntimeClass', 'ComponentStatus',
]);

export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return CLUSTER_SCOPED.has(kind) ? name : `${namespace ?? 'default'}/${name}`;
}

export function objKey(o: KObject): string {
  return keyOf(o.kind, o.metadata?.namespace, o.metadata?.name);
}

let lastSec = NaN;
let lastStr = '';
export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSec) {
    lastSec = sec;
    lastStr = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastStr;
}

export function parseTime(s: string | undefined): number {
  return s ? Date.parse(s) : 0;
}

export function getRaw(world: World, kind: string, key: string): KObject | undefined {
  return world.cluster.objects[kind]?.[key];
}

export function bucket(world: World, kind: string): Record<string, KObject> {
  return (world.cluster.objects[kind] ??= {});
}

export function nextRv(world: World): string {
  return String(++world.cluster.resourceVersion);
}

// ---------------------------------------------------------------- watch table: which controller cares about what

type Mapper = (world: World, o: KObject) => string[];
const ownerOf = (kind: string): Mapper => (_w, o) => {
  const ref = (o.metadata?.ownerReferences ?? []).find((r: any) => r.controller && r.kind === kind);
  return ref ? [`${o.metadata.namespace}/${ref.name}`] : [];
};
const self: Mapper = (_w, o) => [objKey(o)];

/** kind -> [controller, mapper] */
const WATCHES: Record<string, [string, Mapper][]> = {
  Deployment: [['deployment', self], ['ingress', (_w, o) => (o.metadata?.namespace === 'ingress-nginx' ? ['*'] : [])]],
  Ingress: [['ingress', self]],
  ReplicaSet: [['replicaset', self], ['deployment', ownerOf('Deployment')]],
  StatefulSet: [['statefulset', self]],
  DaemonSet: [['daemonset', self]],
  Job: [['job', self], ['cronjob', ownerOf('CronJob')]],
  CronJob: [['cronjob', self]],
  Pod: [
    ['replicaset', ownerOf('ReplicaSet')], ['statefulset', ownerOf('StatefulSet')], ['daemonset', ownerOf('DaemonSet')],
    ['job', ownerOf('Job')], ['scheduler', (_w, o) => (o.spec?.nodeName ? [] : [objKey(o)])],
    ['kubelet', (_w, o) => (o.spec?.nodeName ? [objKey(o)] : [])],
    ['endpoints', (_w, o) => [`ns:${o.metadata.namespace}`]],
    ['pdb', (w, o) => (w.cluster.objects.PodDisruptionBudget && Object.keys(w.cluster.objects.PodDisruptionBudget).length ? [`ns:${o.metadata.namespace}`] : [])],
  ],
  PodDisruptionBudget: [['pdb', self]],
  Service: [['endpoints', self]],
  Namespace: [['namespace', self]],
  PersistentVolumeClaim: [['pv', self], ['statefulset', () => []]],
  PersistentVolume: [['pv', (_w, o) => [`pv:${o.metadata.name}`]]],
  Node: [['scheduler', () => ['*']], ['daemonset', () => ['*']]],
  HorizontalPodAutoscaler: [['hpa', self]],
  ConfigMap: [['kubelet', pendingPodsInNamespace]],
  Secret: [['kubelet', pendingPodsInNamespace]],
};

/** Pending pods of the object's namespace: they may be waiting for this ConfigMap/Secret. */
function pendingPodsInNamespace(world: World, o: KObject): string[] {
  const b = world.cluster.objects.Pod ?? {};
  const prefix = `${o.metadata?.namespace}/`;
  const out: string[] = [];
  for (const k in b) if (k.startsWith(prefix) && b[k]!.spec?.nodeName && b[k]!.status?.phase === 'Pending') out.push(k);
  return out;
}

export function enqueue(world: World, controller: string, key: string): void {
  const q = (sim(world).queues[controller] ??= {});
  q[key] = 1;
}

/** Takes the whole queue of a controller (keys in insertion order). */
export function drain(world: World, controller: string): string[] {
  const q = sim(world).queues[controller];
  if (!q) return [];
  const keys = Object.keys(q);
  if (keys.length) sim(world).queues[controller] = {};
  return keys;
}

export function hasWork(world: World, controller: string): boolean {
  const q = sim(world).queues[controller];
  if (!q) return false;
  for (const _ in q) return true;
  return false;
}

function notify(world: World, o: KObject, skip?: string): void {
  const w = WATCHES[o.kind];
  if (w) for (const [ctl, map] of w) if (ctl !== skip) for (const k of map(world, o)) enqueue(world, ctl, k);
  // dependents of a deleted/terminating object: the garbage collector looks at them
  if (o.metadata?.uid && (o.metadata.deletionTimestamp || !getRaw(world, o.kind, objKey(o)))) enqueue(world, 'gc', o.metadata.uid);
}

// ---------------------------------------------------------------- timers (binary heap)

export function addTimer(world: World, at: number, controller: string, key: string): void {
  // one pending wake per (controller, key) is enough: the earliest; the sync it causes plans the next one
  const pend = (sim(world).ctl.pendingTimers ??= {}) as Record<string, number>;
  const pk = `${controller}|${key}`;
  if (pend[pk] !== undefined && pend[pk]! <= at) return;
  pend[pk] = at;
  const h = sim(world).timers;
  h.push([at, controller, key]);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p]![0] <= h[i]![0]) break;
    [h[p], h[i]] = [h[i]!, h[p]!];
    i = p;
  }
}

function popTimer(world: World): [number, string, string] | undefined {
  const h = sim(world).timers;
  if (!h.length) return undefined;
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < h.length && h[l]![0] < h[m]![0]) m = l;
      if (r < h.length && h[r]![0] < h[m]![0]) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
  return top;
}

/** Moves every timer due at `now` into its controller's queue. Returns whether any fired. */
export function fireTimers(world: World, now: number): boolean {
  const h = sim(world).timers;
  let fired = false;
  const pend = (sim(world).ctl.pendingTimers ??= {}) as Record<string, number>;
  while (h.length && h[0]![0] <= now) {
    const [at, ctl, key] = popTimer(world)!;
    const pk = `${ctl}|${key}`;
    if (pend[pk] === at) delete pend[pk];
    enqueue(world, ctl, key);
    fired = true;
  }
  return fired;
}

export function nextTimer(world: World, now: number): number | undefined {
  const h = sim(world).timers;
  // drop stale timers from the top (all are <= now after fireTimers, so the min is the answer)
  return h.length ? Math.max(h[0]![0], now + 1) : undefined;
}

// ---------------------------------------------------------------- writes

function indexAdd(world: World, o: KObject, key: string): void {
  if (o.kind === 'Event') return; // events own nothing and are never owners: no index (they are most of a big world)
  const s = sim(world);
  const ref = `${o.kind}|${key}`;
  if (o.metadata?.uid) s.byUid[o.metadata.uid] = ref;
  for (const r of o.metadata?.ownerReferences ?? []) (s.byOwner[r.uid] ??= {})[ref] = 1;
  if (o.kind === 'Pod' && o.spec?.nodeName) (s.podsByNode[o.spec.nodeName] ??= {})[key] = 1;
}

function indexRemove(world: World, o: KObject, key: string): void {
  if (o.kind === 'Event') return;
  const s = sim(world);
  const ref = `${o.kind}|${key}`;
  if (o.metadata?.uid) delete s.byUid[o.metadata.uid];
  for (const r of o.metadata?.ownerReferences ?? []) {
    // empty maps are dropped by the garbage collector once the owner is gone (an emptiness check here is O(n))
    const m = s.byOwner[r.uid];
    if (m) delete m[ref];
  }
  if (o.kind === 'Pod' && o.spec?.nodeName) delete s.podsByNode[o.spec.nodeName]?.[key];
}

/** Fills uid, resourceVersion, creationTimestamp (and generation for kinds with spec). */
export function stampNew(world: World, o: KObject, now: number): void {
  o.metadata ??= {};
  o.metadata.uid ??= randomUuid(world);
  o.metadata.creationTimestamp ??= rfc3339(now);
}

/** Stores a new object (already defaulted). */
export function insert(world: World, o: KObject, now: number): KObject {
  stampNew(world, o, now);
  o.metadata.resourceVersion = nextRv(world);
  const key = objKey(o);
  bucket(world, o.kind)[key] = o;
  indexAdd(world, o, key);
  notify(world, o);
  return o;
}

/** Replaces a stored object (same key). Bumps resourceVersion. */
export function replace(world: World, o: KObject): KObject {
  const key = objKey(o);
  const b = bucket(world, o.kind);
  const old = b[key];
  if (old) indexRemove(world, old, key);
  o.metadata.resourceVersion = nextRv(world);
  b[key] = o;
  indexAdd(world, o, key);
  notify(world, o);
  return o;
}

/** Mutates a stored object in place through `fn`, bumping resourceVersion only when something changed. */
export function mutate(world: World, kind: string, key: string, fn: (o: KObject) => void): KObject | undefined {
  const o = getRaw(world, kind, key);
  if (!o) return undefined;
  const before = JSON.stringify(o);
  const owners = JSON.stringify(o.metadata.ownerReferences ?? null);
  const node = o.spec?.nodeName;
  fn(o);
  if (JSON.stringify(o) === before) return o;
  if (owners !== JSON.stringify(o.metadata.ownerReferences ?? null) || node !== o.spec?.nodeName) {
    // re-index
    const copy = JSON.parse(before);
    indexRemove(world, copy, key);
    indexAdd(world, o, key);
  }
  o.metadata.resourceVersion = nextRv(world);
  notify(world, o);
  return o;
}

/**
 * Status writes: cheaper compare (status only), no generation change. `writer` is the controller writing its own
 * object's status: it is not woken by its own write.
 */
export function setStatus(world: World, kind: string, key: string, status: KObject, writer?: string): boolean {
  const o = getRaw(world, kind, key);
  if (!o) return false;
  if (JSON.stringify(o.status ?? {}) === JSON.stringify(status)) return false;
  o.status = status;
  o.metadata.resourceVersion = nextRv(world);
  notify(world, o, writer);
  return true;
}

/** Removes an object from the store at once. */
export function remove(world: World, kind: string, key: string): KObject | undefined {
  const b = world.cluster.objects[kind];
  const o = b?.[key];
  if (!o) return undefined;
  delete b[key];
  indexRemove(world, o, key);
  if (o.kind === 'Event') return o;
  notify(world, o);
  if (o.metadata?.uid) enqueue(world, 'gc', o.metadata.uid);
  return o;
}

/** Objects owned by uid (from the index). */
export function dependents(world: World, uid: string): { kind: string; key: string; obj: KObject }[] {
  const m = sim(world).byOwner[uid];
  if (!m) return [];
  const out: { kind: string; key: string; obj: KObject }[] = [];
  for (const ref of Object.keys(m)) {
    const i = ref.indexOf('|');
    const kind = ref.slice(0, i), key = ref.slice(i + 1);
    const obj = getRaw(world, kind, key);
    if (obj) out.push({ kind, key, obj });
  }
  return out;
}

export function byUid(world: World, uid: string): KObject | undefined {
  const ref = sim(world).byUid[uid];
  if (!ref) return undefined;
  const i = ref.indexOf('|');
  return getRaw(world, ref.slice(0, i), ref.slice(i + 1));
}

export function podsOnNode(world: World, node: string): KObject[] {
  const m = sim(world).podsByNode[node];
  if (!m) return [];
  const out: KObject[] = [];
  for (const k of Object.keys(m)) {
    const p = getRaw(world, 'Pod', k);
    if (p) out.push(p);
  }
  return out;
}

export function ownerRef(o: KObject, blockOwnerDeletion = true): KObject {
  const apiVersion = o.apiVersion;
  return { apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, controller: true, blockOwnerDeletion };
}

// ---------------------------------------------------------------- events

function shortHex(world: World, now: number): string {
  // kube event names: <object>.<hex of the UnixNano time>; the world's seq keeps them unique and deterministic
  const n = ++world.seq;
  return (BigInt(Math.floor(now)) * 1_000_000n + BigInt(n % 1_000_000)).toString(16);
}

function fnv(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Aggregation key of an event (64-bit hash of what makes two events "the same"). */
export function eventKey(uid: string, fieldPath: string | undefined, reason: string, message: string, component: string): string {
  const s = `${uid}|${fieldPath ?? ''}|${reason}|${message}|${component}`;
  return fnv(s, 0x811c9dc5).toString(36) + fnv(s, 0x01234567).toString(36);
}

/** At most this many Event objects are kept (a 100,000-pod world would otherwise be mostly events). */
export const MAX_EVENTS = 50_000;

/** Records (or aggregates) an Event about `involved`. */
export function recordEvent(
  world: World, involved: KObject, type: 'Normal' | 'Warning', reason: string, message: string,
  source: { component: string; host?: string } | string, now: number, fieldPath?: string,
): KObject {
  const src = typeof source === 'string' ? { component: source } : source;
  const uid = involved.metadata?.uid ?? '';
  const idx = eventKey(uid, fieldPath, reason, message, src.component);
  const s = sim(world);
  const existingKey = s.eventIndex[idx];
  const ts = rfc3339(now);
  if (existingKey) {
    const ev = getRaw(world, 'Event', existingKey);
    if (ev) {
      ev.count = (ev.count ?? 1) + 1;
      ev.lastTimestamp = ts;
      ev.metadata.resourceVersion = nextRv(world);
      return ev;
    }
  }
  const ns = involved.metadata?.namespace ?? 'default';
  const name = `${involved.metadata?.name}.${shortHex(world, now)}`;
  const involvedObject: KObject = {
    apiVersion: involved.apiVersion, kind: involved.kind, name: involved.metadata?.name,
    ...(involved.metadata?.namespace ? { namespace: involved.metadata.namespace } : {}),
    ...(fieldPath ? { fieldPath } : {}),
    resourceVersion: involved.metadata?.resourceVersion, uid,
  };
  const ev: KObject = {
    apiVersion: 'v1', kind: 'Event', count: 1, eventTime: null, firstTimestamp: ts, involvedObject, lastTimestamp: ts,
    message, metadata: { name, namespace: ns }, reason, reportingComponent: src.component === 'kubelet' ? 'kubelet' : src.component,
    reportingInstance: src.host ?? '', source: src, type,
  };
  insert(world, ev, now);
  s.eventIndex[idx] = objKey(ev);
  const ttl = (s.ctl.eventTtl ??= []) as string[];
  ttl.push(objKey(ev));
  // events are best-effort: a huge world keeps the newest MAX_EVENTS (the oldest go first, as with their TTL)
  if (ttl.length > MAX_EVENTS) {
    const drop = ttl.splice(0, ttl.length - MAX_EVENTS);
    const b = world.cluster.objects.Event ?? {};
    for (const k of drop) {
      const old = b[k];
      if (!old) continue;
      delete b[k];
      const ik = eventKey(old.involvedObject?.uid ?? '', old.involvedObject?.fieldPath, old.reason, old.message, old.source?.component ?? '');
      if (s.eventIndex[ik] === k) delete s.eventIndex[ik];
    }
  }
  return ev;
}
