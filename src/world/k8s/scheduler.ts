/**
 * The default scheduler: node filters (unschedulable, taints/tolerations, nodeSelector and required node affinity,
 * resource requests vs allocatable, pod count, unbound PVCs) and a least-allocated score; a pod that fits nowhere
 * gets PodScheduled=False and a FailedScheduling event with the scheduler's own sentence.
 */
import type { World } from '../world.js';
import { getRaw, objKey, podsOnNode, recordEvent, replace, rfc3339, sim, addTimer, type KObject } from './store.js';
import { milli, parseQuantity } from './quantity.js';
import { matchRequirements, selectorToRequirements } from './selectors.js';

const SRC = { component: 'default-scheduler' };
const RETRY = 300_000;

interface Usage { cpu: number; mem: number; pods: number }

function podRequests(p: KObject): { cpu: number; mem: number } {
  let cpu = 0, mem = 0;
  for (const c of p.spec.containers ?? []) {
    cpu += milli(c.resources?.requests?.cpu ?? 0);
    mem += parseQuantity(c.resources?.requests?.memory ?? 0);
  }
  for (const c of p.spec.initContainers ?? []) {
    cpu = Math.max(cpu, milli(c.resources?.requests?.cpu ?? 0));
    mem = Math.max(mem, parseQuantity(c.resources?.requests?.memory ?? 0));
  }
  return { cpu, mem };
}

function nodeUsage(world: World, node: string): Usage {
  const u: Usage = { cpu: 0, mem: 0, pods: 0 };
  for (const p of podsOnNode(world, node)) {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const r = podRequests(p);
    u.cpu += r.cpu; u.mem += r.mem; u.pods++;
  }
  return u;
}

function tolerated(pod: KObject, taint: KObject): boolean {
  return (pod.spec.tolerations ?? []).some((t: KObject) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

function nodeSelectorTermMatches(term: KObject, node: KObject): boolean {
  for (const e of term.matchExpressions ?? []) {
    const v = node.metadata.labels?.[e.key];
    const has = v !== undefined;
    switch (e.operator) {
      case 'In': if (!has || !(e.values ?? []).includes(v)) return false; break;
      case 'NotIn': if (has && (e.values ?? []).includes(v)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      case 'Gt': if (!has || !(parseInt(v, 10) > parseInt(e.values?.[0], 10))) return false; break;
      case 'Lt': if (!has || !(parseInt(v, 10) < parseInt(e.values?.[0], 10))) return false; break;
    }
  }
  for (const f of term.matchFields ?? []) {
    if (f.key === 'metadata.name') {
      const ok = (f.values ?? []).includes(node.metadata.name);
      if ((f.operator === 'In') !== ok) return false;
    }
  }
  return true;
}

function affinityMatches(pod: KObject, node: KObject): boolean {
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (node.metadata.labels?.[k] !== v) return false;
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req?.nodeSelectorTerms?.length && !req.nodeSelectorTerms.some((t: KObject) => nodeSelectorTermMatches(t, node))) return false;
  return true;
}

function antiAffinityBlocks(world: World, pod: KObject, node: KObject): boolean {
  const terms = pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  for (const t of terms) {
    if (t.topologyKey !== 'kubernetes.io/hostname') continue;
    const reqs = selectorToRequirements(t.labelSelector);
    if (!reqs) continue;
    if (podsOnNode(world, node.metadata.name).some((p) => !p.metadata.deletionTimestamp && p.metadata.namespace === pod.metadata.namespace && matchRequirements(reqs, p.metadata.labels))) return true;
  }
  return false;
}

/** NoExecute taints evict the pods on the node that do not tolerate them (the taint manager). */
function taintEvictions(world: World, now: number): void {
  for (const n of Object.values(world.cluster.objects.Node ?? {}) as KObject[]) {
    const taints = (n.spec?.taints ?? []).filter((t: KObject) => t.effect === 'NoExecute');
    if (!taints.length) continue;
    for (const p of podsOnNode(world, n.metadata.name)) {
      if (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const bad = taints.find((t: KObject) => !tolerated(p, t));
      if (!bad) continue;
      recordEvent(world, p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, { component: 'taint-eviction-controller' }, now);
      const c = structuredClone(p);
      const grace = p.spec.terminationGracePeriodSeconds ?? 30;
      c.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
      c.metadata.deletionGracePeriodSeconds = grace;
      c.status = { ...(c.status ?? {}), conditions: [...(c.status?.conditions ?? []), { lastProbeTime: null, lastTransitionTime: rfc3339(now), message: 'Taint manager: deleting due to NoExecute taint', reason: 'DeletionByTaintManager', status: 'True', type: 'DisruptionTarget' }] };
      replace(world, c);
    }
  }
}

/** The node lifecycle controller mirrors spec.unschedulable as the node.kubernetes.io/unschedulable taint. */
function unschedulableTaints(world: World, now: number): void {
  for (const n of Object.values(world.cluster.objects.Node ?? {}) as KObject[]) {
    const taints = (n.spec?.taints ?? []) as KObject[];
    const has = taints.some((t) => t.key === 'node.kubernetes.io/unschedulable');
    if (!!n.spec?.unschedulable === has) continue;
    const c = structuredClone(n);
    if (c.spec.unschedulable) c.spec.taints = [...taints, { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: rfc3339(now) }];
    else {
      c.spec.taints = taints.filter((t) => t.key !== 'node.kubernetes.io/unschedulable');
      if (!c.spec.taints.length) delete c.spec.taints;
    }
    replace(world, c);
  }
}

export function schedule(world: World, key: string, now: number): void {
  if (key === '*') {
    unschedulableTaints(world, now);
    taintEvictions(world, now);
    const pending = Object.keys(world.cluster.objects.Pod ?? {}).filter((k) => !world.cluster.objects.Pod![k]!.spec.nodeName);
    for (const k of pending) schedule(world, k, now);
    return;
  }
  const pod = getRaw(world, 'Pod', key);
  if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
  if (pod.spec.schedulerName && pod.spec.schedulerName !== 'default-scheduler') return;
  const nodes = (Object.values(world.cluster.objects.Node ?? {}) as KObject[]);
  const ns = pod.metadata.namespace;
  const reasons: Record<string, number> = {};
  const add = (r: string) => (reasons[r] = (reasons[r] ?? 0) + 1);
  let resourceFail = false;
  // PVCs
  for (const v of pod.spec.volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const pvc = getRaw(world, 'PersistentVolumeClaim', `${ns}/${v.persistentVolumeClaim.claimName}`);
    if (!pvc) return unschedulable(world, pod, key, `0/${nodes.length} nodes are available: persistentvolumeclaim "${v.persistentVolumeClaim.claimName}" not found. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`, now);
    if (pvc.status?.phase !== 'Bound') {
      const sc = getRaw(world, 'StorageClass', pvc.spec.storageClassName ?? '');
      if (sc?.volumeBindingMode === 'WaitForFirstConsumer') { addTimer(world, now, 'pv', objKey(pvc)); continue; }
      return unschedulable(world, pod, key, `0/${nodes.length} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`, now);
    }
  }
  const req = podRequests(pod);
  const cache = (sim(world).ctl.schedUsage ??= {}) as Record<string, Usage & { at: number; rv: number }>;
  let best: { node: KObject; score: number } | undefined;
  for (const n of nodes) {
    const name = n.metadata.name;
    if (n.spec?.unschedulable && !tolerated(pod, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) { add('node(s) were unschedulable'); continue; }
    const ready = (n.status?.conditions ?? []).find((c: KObject) => c.type === 'Ready')?.status === 'True';
    if (!ready && !tolerated(pod, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' })) { add("node(s) had untolerated taint {node.kubernetes.io/not-ready: }"); continue; }
    const badTaint = (n.spec?.taints ?? []).find((t: KObject) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerated(pod, t));
    if (badTaint) { add(`node(s) had untolerated taint {${badTaint.key}: ${badTaint.value ?? ''}}`); continue; }
    if (!affinityMatches(pod, n)) { add("node(s) didn't match Pod's node affinity/selector"); continue; }
    if (antiAffinityBlocks(world, pod, n)) { add("node(s) didn't match pod anti-affinity rules"); continue; }
    let u = cache[name];
    if (!u || u.at !== now) {
      u = { ...nodeUsage(world, name), at: now, rv: world.cluster.resourceVersion };
      cache[name] = u;
    }
    const alloc = n.status?.allocatable ?? {};
    const cpuCap = milli(alloc.cpu ?? '2'), memCap = parseQuantity(alloc.memory ?? '4Gi'), podCap = parseInt(alloc.pods ?? '110', 10);
    let fail = false;
    if (u.pods + 1 > podCap) { add('Too many pods'); fail = true; }
    if (req.cpu && u.cpu + req.cpu > cpuCap) { add('Insufficient cpu'); fail = true; }
    if (req.mem && u.mem + req.mem > memCap) { add('Insufficient memory'); fail = true; }
    if (fail) { resourceFail = true; continue; }
    const score = (cpuCap ? (cpuCap - u.cpu - req.cpu) / cpuCap : 0) + (memCap ? (memCap - u.mem - req.mem) / memCap : 0) - u.pods / podCap;
    if (!best || score > best.score) best = { node: n, score };
  }
  if (!best) {
    const list = Object.entries(reasons).map(([r, c]) => `${c} ${r}`).sort();
    const pre = resourceFail
      ? `preemption: 0/${nodes.length} nodes are available: ${nodes.length} No preemption victims found for incoming pod.`
      : `preemption: 0/${nodes.length} nodes are available: ${nodes.length} Preemption is not helpful for scheduling.`;
    return unschedulable(world, pod, key, `0/${nodes.length} nodes are available: ${list.join(', ')}. ${pre}`, now);
  }
  const nodeName = best.node.metadata.name;
  const c = structuredClone(pod);
  c.spec.nodeName = nodeName;
  c.status = { ...(c.status ?? {}), conditions: [{ lastProbeTime: null, lastTransitionTime: rfc3339(now), status: 'True', type: 'PodScheduled' }] };
  replace(world, c);
  const u = cache[nodeName];
  if (u) { u.cpu += req.cpu; u.mem += req.mem; u.pods++; u.rv = world.cluster.resourceVersion; }
  recordEvent(world, c, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${nodeName}`, SRC, now);
}

function unschedulable(world: World, pod: KObject, key: string, message: string, now: number): void {
  const prev = (pod.status?.conditions ?? []).find((c: KObject) => c.type === 'PodScheduled');
  if (prev?.message !== message) {
    const c = structuredClone(pod);
    c.status = { ...(c.status ?? {}), phase: 'Pending', conditions: [{ lastProbeTime: null, lastTransitionTime: rfc3339(now), message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }] };
    replace(world, c);
  }
  recordEvent(world, pod, 'Warning', 'FailedScheduling', message, SRC, now);
  addTimer(world, now + RETRY, 'scheduler', key);
}
