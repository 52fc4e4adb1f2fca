/** Simulated resource usage (metrics-server's view) for `kubectl top` and the HPA. Deterministic per pod. */
import type { World } from '../world.js';
import type { KObject } from './store.js';
import { milli, parseQuantity } from './quantity.js';
import { sim } from './store.js';

export interface PodMetric { namespace: string; name: string; containers: { name: string; cpuMilli: number; memoryBytes: number }[]; timestamp: string }
export interface NodeMetric { name: string; cpuMilli: number; memoryBytes: number; cpuPercent: number; memoryPercent: number }

function h(s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return x;
}

const BASE: [RegExp, number, number][] = [
  [/etcd/, 25, 48 * 2 ** 20], [/kube-apiserver/, 45, 260 * 2 ** 20], [/kube-controller-manager/, 18, 52 * 2 ** 20],
  [/kube-scheduler/, 4, 24 * 2 ** 20], [/coredns/, 3, 18 * 2 ** 20], [/kube-proxy/, 1, 22 * 2 ** 20], [/storage-provisioner/, 2, 14 * 2 ** 20],
  [/nginx/, 0, 3 * 2 ** 20], [/redis/, 2, 4 * 2 ** 20], [/busybox|alpine/, 0, 1 * 2 ** 20],
];

/** Extra CPU a scenario or load generator puts on pods (millicores per pod, by namespace/label). */
export function setLoad(world: World, namespace: string, labels: Record<string, string>, cpuMilli: number): void {
  (sim(world).ctl.load ??= []).push({ namespace, labels, cpuMilli });
}

export function containerUsage(world: World, pod: KObject, c: KObject, now: number): { cpuMilli: number; memoryBytes: number } {
  const base = BASE.find(([re]) => re.test(c.image) || re.test(pod.metadata.name));
  const seed = h(pod.metadata.uid + c.name);
  const minute = Math.floor(now / 60000);
  let cpu = (base?.[1] ?? 1) + ((seed + minute) % 3);
  let mem = (base?.[2] ?? 8 * 2 ** 20) + (seed % (4 * 2 ** 20));
  for (const l of (sim(world).ctl.load ?? []) as { namespace: string; labels: Record<string, string>; cpuMilli: number }[]) {
    if (l.namespace === pod.metadata.namespace && Object.entries(l.labels).every(([k, v]) => pod.metadata.labels?.[k] === v)) cpu += l.cpuMilli;
  }
  const lim = c.resources?.limits;
  if (lim?.cpu) cpu = Math.min(cpu, milli(lim.cpu));
  if (lim?.memory) mem = Math.min(mem, parseQuantity(lim.memory));
  return { cpuMilli: cpu, memoryBytes: Math.round(mem) };
}

/** metrics.k8s.io PodMetrics for every running pod. */
export function podMetrics(world: World, now: number): PodMetric[] {
  const out: PodMetric[] = [];
  for (const p of Object.values(world.cluster.objects.Pod ?? {}) as KObject[]) {
    if (p.status?.phase !== 'Running') continue;
    const running = (p.status.containerStatuses ?? []).filter((s: KObject) => s.state?.running).map((s: KObject) => s.name);
    out.push({
      namespace: p.metadata.namespace, name: p.metadata.name,
      containers: (p.spec.containers ?? []).filter((c: KObject) => running.includes(c.name)).map((c: KObject) => ({ name: c.name, ...containerUsage(world, p, c, now) })),
      timestamp: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    });
  }
  return out.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

export function nodeMetrics(world: World, now: number): NodeMetric[] {
  const pods = podMetrics(world, now);
  return (Object.values(world.cluster.objects.Node ?? {}) as KObject[]).map((n) => {
    const mine = pods.filter((m) => world.cluster.objects.Pod?.[`${m.namespace}/${m.name}`]?.spec.nodeName === n.metadata.name);
    const cpu = 180 + mine.reduce((s, m) => s + m.containers.reduce((x, c) => x + c.cpuMilli, 0), 0);
    const mem = 620 * 2 ** 20 + mine.reduce((s, m) => s + m.containers.reduce((x, c) => x + c.memoryBytes, 0), 0);
    const cap = n.status?.allocatable ?? {};
    return {
      name: n.metadata.name, cpuMilli: cpu, memoryBytes: mem,
      cpuPercent: Math.floor((cpu * 100) / milli(cap.cpu ?? '2')), memoryPercent: Math.floor((mem * 100) / parseQuantity(cap.memory ?? '4Gi')),
    };
  });
}

/** Is the metrics API served (minikube's metrics-server addon up)? `kubectl top` and the HPA need it. */
export function metricsAvailable(world: World): boolean {
  const d = world.cluster.objects.Deployment?.['kube-system/metrics-server'];
  return !!d && (d.status?.availableReplicas ?? 0) >= 1;
}
