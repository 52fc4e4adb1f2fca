/** ResourceQuota and LimitRange admission (plugin/pkg/admission/resourcequota, limitranger) and quota usage. */
import type { World } from '../world.js';
import type { KObject } from './store.js';
import { formatBytes, formatMilli, milli, parseQuantity } from './quantity.js';

const COUNT_KINDS: Record<string, string> = {
  Pod: 'pods', Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers', ResourceQuota: 'resourcequotas',
};
const COUNT_RESOURCES: Record<string, string> = {
  Deployment: 'count/deployments.apps', ReplicaSet: 'count/replicasets.apps', StatefulSet: 'count/statefulsets.apps',
  Job: 'count/jobs.batch', CronJob: 'count/cronjobs.batch', DaemonSet: 'count/daemonsets.apps',
};

function isCpu(r: string): boolean { return r.endsWith('cpu'); }

function fmt(r: string, v: number): string {
  if (isCpu(r)) return formatMilli(v);
  if (r.includes('memory') || r.includes('storage')) return formatBytes(v);
  return String(v);
}

function podActive(p: KObject): boolean {
  return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

/** Usage of one pod for quota resources, in millis (cpu) / bytes (memory) / counts. */
function podUsage(p: KObject): Record<string, number> {
  const u: Record<string, number> = { pods: 1, 'count/pods': 1 };
  const add = (k: string, v: number) => (u[k] = (u[k] ?? 0) + v);
  for (const c of p.spec?.containers ?? []) {
    const req = c.resources?.requests ?? {}, lim = c.resources?.limits ?? {};
    if (req.cpu !== undefined) { add('requests.cpu', milli(req.cpu)); add('cpu', milli(req.cpu)); }
    if (req.memory !== undefined) { add('requests.memory', parseQuantity(req.memory)); add('memory', parseQuantity(req.memory)); }
    if (lim.cpu !== undefined) add('limits.cpu', milli(lim.cpu));
    if (lim.memory !== undefined) add('limits.memory', parseQuantity(lim.memory));
  }
  return u;
}

function objectUsage(o: KObject): Record<string, number> {
  if (o.kind === 'Pod') return podUsage(o);
  const u: Record<string, number> = {};
  if (COUNT_KINDS[o.kind]) { u[COUNT_KINDS[o.kind]!] = 1; u[`count/${COUNT_KINDS[o.kind]}`] = 1; }
  if (COUNT_RESOURCES[o.kind]) u[COUNT_RESOURCES[o.kind]!] = 1;
  if (o.kind === 'Service' && o.spec?.type === 'NodePort') u['services.nodeports'] = (o.spec.ports ?? []).length;
  if (o.kind === 'Service' && o.spec?.type === 'LoadBalancer') u['services.loadbalancers'] = 1;
  if (o.kind === 'PersistentVolumeClaim') u['requests.storage'] = parseQuantity(o.spec?.resources?.requests?.storage);
  return u;
}

function hardValue(r: string, v: unknown): number {
  return isCpu(r) ? milli(v) : parseQuantity(v);
}

/** Current usage in a namespace for the resources a quota limits. */
export function namespaceUsage(world: World, ns: string, resources: string[]): Record<string, number> {
  const used: Record<string, number> = {};
  for (const r of resources) used[r] = 0;
  const prefix = `${ns}/`;
  for (const kind of new Set(['Pod', ...Object.keys(COUNT_KINDS), ...Object.keys(COUNT_RESOURCES)])) {
    const b = world.cluster.objects[kind];
    if (!b) continue;
    for (const k in b) {
      if (!k.startsWith(prefix)) continue;
      const o = b[k]!;
      if (kind === 'Pod' && !podActive(o)) continue;
      const u = objectUsage(o);
      for (const r of resources) if (u[r]) used[r] = (used[r] ?? 0) + u[r]!;
    }
  }
  return used;
}

/** Returns the Forbidden message when creating `o` would exceed a quota of its namespace, else null. */
export function admitQuota(world: World, o: KObject): string | null {
  const ns = o.metadata.namespace;
  const quotas = Object.entries(world.cluster.objects.ResourceQuota ?? {}).filter(([k]) => k.startsWith(`${ns}/`)).map(([, q]) => q);
  if (!quotas.length) return null;
  const plural = o.kind === 'Pod' ? 'pods' : `${(COUNT_KINDS[o.kind] ?? o.kind.toLowerCase() + 's')}`;
  const u = objectUsage(o);
  for (const q of quotas.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
    const hard = q.spec?.hard ?? {};
    const resources = Object.keys(hard).sort();
    if (o.kind === 'Pod') {
      // compute resources limited by the quota must be specified by every container
      const missing: string[] = [];
      for (const r of resources) {
        if (!['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'].includes(r)) continue;
        const [kindPart, res] = r.includes('.') ? r.split('.') as [string, string] : ['requests', r];
        const without = (o.spec.containers ?? []).filter((c: KObject) => c.resources?.[kindPart]?.[res] === undefined).map((c: KObject) => c.name);
        if (without.length) missing.push(`${r} for: ${without.join(',')}`);
      }
      if (missing.length) return `${plural} "${o.metadata.name}" is forbidden: failed quota: ${q.metadata.name}: must specify ${missing.join('; ')}`;
    }
    const relevant = resources.filter((r) => u[r] !== undefined);
    if (!relevant.length) continue;
    const used = namespaceUsage(world, ns, relevant);
    const over = relevant.filter((r) => used[r]! + u[r]! > hardValue(r, hard[r]));
    if (over.length) {
      const list = (f: (r: string) => string) => over.map((r) => `${r}=${f(r)}`).join(',');
      return `${plural} "${o.metadata.name}" is forbidden: exceeded quota: ${q.metadata.name}, requested: ${list((r) => fmt(r, u[r]!))}, used: ${list((r) => fmt(r, used[r]!))}, limited: ${list((r) => String(hard[r]))}`;
    }
  }
  return null;
}

/** Quota status (hard/used) as the quota controller keeps it. */
export function quotaStatus(world: World, q: KObject): KObject {
  const hard = q.spec?.hard ?? {};
  const resources = Object.keys(hard);
  const used = namespaceUsage(world, q.metadata.namespace, resources);
  const u: Record<string, string> = {};
  for (const r of resources) u[r] = fmt(r, used[r] ?? 0);
  return { hard: { ...hard }, used: u };
}

/** LimitRange defaults: default limits / defaultRequest per container (LimitRanger admission). */
export function applyLimitRanges(world: World, pod: KObject): void {
  const ns = pod.metadata.namespace;
  for (const [k, lr] of Object.entries(world.cluster.objects.LimitRange ?? {})) {
    if (!k.startsWith(`${ns}/`)) continue;
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      for (const c of pod.spec.containers ?? []) {
        c.resources ??= {};
        if (item.default) {
          c.resources.limits ??= {};
          for (const [r, v] of Object.entries(item.default)) c.resources.limits[r] ??= v;
        }
        const dr = item.defaultRequest ?? item.default;
        if (dr) {
          c.resources.requests ??= {};
          for (const [r, v] of Object.entries(dr)) c.resources.requests[r] ??= c.resources.limits?.[r] !== undefined && !item.defaultRequest ? c.resources.limits[r] : v;
        }
      }
      const ann = (pod.metadata.annotations ??= {});
      const parts = Object.keys(item.defaultRequest ?? item.default ?? {}).sort();
      if (parts.length) ann['kubernetes.io/limit-ranger'] = `LimitRanger plugin set: ${parts.map((p) => `${p} request`).join(', ')} for container ${(pod.spec.containers ?? []).map((c: KObject) => c.name).join(', ')}${item.default ? `; ${Object.keys(item.default).sort().map((p) => `${p} limit`).join(', ')} for container ${(pod.spec.containers ?? []).map((c: KObject) => c.name).join(', ')}` : ''}`;
    }
  }
}

/** LimitRange min/max (LimitRanger validation): the Forbidden message, or null. */
export function checkLimitRanges(world: World, pod: KObject): string | null {
  const ns = pod.metadata.namespace;
  const fmtQ = (r: string, v: number) => (r === 'cpu' ? formatMilli(v) : formatBytes(v));
  const val = (r: string, v: unknown) => (r === 'cpu' ? milli(v) : parseQuantity(v));
  for (const [k, lr] of Object.entries(world.cluster.objects.LimitRange ?? {})) {
    if (!k.startsWith(`${ns}/`)) continue;
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      for (const c of pod.spec.containers ?? []) {
        const req = c.resources?.requests ?? {}, lim = c.resources?.limits ?? {};
        for (const [r, max] of Object.entries(item.max ?? {})) {
          if (lim[r] === undefined) return `pods "${pod.metadata.name}" is forbidden: maximum ${r} usage per Container is ${max}.  No limit is specified`;
          if (val(r, lim[r]) > val(r, max)) return `pods "${pod.metadata.name}" is forbidden: maximum ${r} usage per Container is ${max}, but limit is ${lim[r]}`;
        }
        for (const [r, min] of Object.entries(item.min ?? {})) {
          if (req[r] === undefined) return `pods "${pod.metadata.name}" is forbidden: minimum ${r} usage per Container is ${min}.  No request is specified`;
          if (val(r, req[r]) < val(r, min)) return `pods "${pod.metadata.name}" is forbidden: minimum ${r} usage per Container is ${min}, but request is ${req[r]}`;
        }
        void fmtQ;
      }
    }
  }
  return null;
}
