/**
 * Endpoints/EndpointSlice, garbage collector, namespace lifecycle, PV provisioner/binder, ResourceQuota status,
 * HorizontalPodAutoscaler.
 */
import type { World } from '../../world.js';
import { randomString, K8S_ALPHABET, randomUuid } from '../../../core/random.js';
import {
  addTimer, byUid, dependents, getRaw, insert, objKey, ownerRef, recordEvent, remove, replace, rfc3339, setStatus, sim, type KObject,
} from '../store.js';
import { matchesMap, matchRequirements, selectorToRequirements } from '../selectors.js';
import { podReady } from './workloads.js';
import { quotaStatus } from '../quota.js';
import { parseQuantity, milli } from '../quantity.js';
import { releaseServiceAllocations } from '../ipam.js';
import { podMetrics, metricsAvailable } from '../metrics.js';

// ---------------------------------------------------------------- endpoints

function podsInNamespace(world: World, ns: string): KObject[] {
  const b = world.cluster.objects.Pod ?? {};
  const out: KObject[] = [];
  const prefix = `${ns}/`;
  for (const k in b) if (k.startsWith(prefix)) out.push(b[k]!);
  return out;
}

function targetPortOf(pod: KObject, tp: unknown): number | undefined {
  if (typeof tp === 'number') return tp;
  for (const c of pod.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp) return p.containerPort;
  const n = parseInt(String(tp), 10);
  return Number.isNaN(n) ? undefined : n;
}

function ipKey(ip: string): number {
  return ip.split('.').reduce((n, x) => n * 256 + parseInt(x, 10), 0);
}

export function syncEndpoints(world: World, key: string, now: number): void {
  if (key.startsWith('ns:')) {
    const ns = key.slice(3);
    const svcs = Object.keys(world.cluster.objects.Service ?? {}).filter((k) => k.startsWith(`${ns}/`));
    if (!svcs.length) return;
    const pods = podsInNamespace(world, ns);
    for (const k of svcs) syncOneService(world, k, now, pods);
    return;
  }
  const ns = key.slice(0, key.indexOf('/'));
  syncOneService(world, key, now, podsInNamespace(world, ns));
}

function syncOneService(world: World, key: string, now: number, pods: KObject[]): void {
  const svc = getRaw(world, 'Service', key);
  if (!svc) {
    remove(world, 'Endpoints', key);
    return;
  }
  if (!svc.spec?.selector || svc.spec.type === 'ExternalName' || svc.metadata.name === 'kubernetes') return;
  const ns = svc.metadata.namespace;
  const sel = svc.spec.selector as Record<string, string>;
  const matched = pods.filter((p) => p.status?.podIP && matchesMap(sel, p.metadata.labels) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  matched.sort((a, b) => ipKey(a.status.podIP) - ipKey(b.status.podIP));
  const ports = (svc.spec.ports ?? []) as KObject[];
  // Endpoints: one subset per distinct port set (all pods share the template in practice)
  const ready: KObject[] = [], notReady: KObject[] = [];
  const slicesEps: KObject[] = [];
  for (const p of matched) {
    const terminating = !!p.metadata.deletionTimestamp;
    const isReady = podReady(p) && !terminating;
    const addr = { ip: p.status.podIP, nodeName: p.spec.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid } };
    if (!terminating) (isReady ? ready : notReady).push(addr);
    slicesEps.push({
      addresses: [p.status.podIP], conditions: { ready: isReady, serving: podReady(p), terminating }, nodeName: p.spec.nodeName,
      targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid },
    });
  }
  const first = matched[0];
  const epPorts = ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: (first ? targetPortOf(first, p.targetPort) : undefined) ?? (typeof p.targetPort === 'number' ? p.targetPort : p.port), protocol: p.protocol ?? 'TCP' }));
  const subsets = ready.length || notReady.length ? [{ ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: epPorts }] : undefined;
  const ep = getRaw(world, 'Endpoints', key);
  const labels = { ...(svc.metadata.labels ?? {}) };
  if (!ep) {
    insert(world, {
      apiVersion: 'v1', kind: 'Endpoints',
      metadata: { ...(Object.keys(labels).length ? { labels } : {}), name: svc.metadata.name, namespace: ns },
      ...(subsets ? { subsets } : {}),
    }, now);
  } else if (JSON.stringify(ep.subsets ?? null) !== JSON.stringify(subsets ?? null)) {
    const c = structuredClone(ep);
    if (subsets) c.subsets = subsets; else delete c.subsets;
    c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(now) };
    replace(world, c);
  }
  // EndpointSlice
  const sliceKeyMap = (sim(world).ctl.slices ??= {}) as Record<string, string>;
  const sk = sliceKeyMap[key];
  const existing = sk ? getRaw(world, 'EndpointSlice', sk) : undefined;
  const slicePorts = ports.map((p) => ({ name: p.name ?? '', port: (first ? targetPortOf(first, p.targetPort) : undefined) ?? (typeof p.targetPort === 'number' ? p.targetPort : p.port), protocol: p.protocol ?? 'TCP' }));
  const body = { endpoints: slicesEps.length ? slicesEps : null, ports: slicePorts };
  if (!existing) {
    const name = `${svc.metadata.name}-${randomString(world, K8S_ALPHABET, 5)}`;
    const es = insert(world, {
      addressType: 'IPv4', apiVersion: 'discovery.k8s.io/v1', endpoints: body.endpoints, kind: 'EndpointSlice',
      metadata: {
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(now) },
        generateName: `${svc.metadata.name}-`, generation: 1,
        labels: { ...labels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.metadata.name },
        name, namespace: ns, ownerReferences: [ownerRef(svc)],
      },
      ports: body.ports,
    }, now);
    sliceKeyMap[key] = objKey(es);
  } else if (JSON.stringify({ endpoints: existing.endpoints, ports: existing.ports }) !== JSON.stringify(body)) {
    const c = structuredClone(existing);
    c.endpoints = body.endpoints;
    c.ports = body.ports;
    c.metadata.generation = (c.metadata.generation ?? 1) + 1;
    c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': rfc3339(now) };
    replace(world, c);
  }
}

// ---------------------------------------------------------------- garbage collector

/** Deletes an object as the garbage collector / namespace controller does (graceful for pods, finalizers honoured). */
export function controllerDelete(world: World, o: KObject, now: number, graceSeconds?: number): void {
  const key = objKey(o);
  if (o.metadata.deletionTimestamp) return;
  if (o.kind === 'Pod') {
    if (!o.spec?.nodeName || o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed') {
      remove(world, 'Pod', key);
      return;
    }
    const grace = graceSeconds ?? o.spec.terminationGracePeriodSeconds ?? 30;
    if (grace <= 0) {
      remove(world, 'Pod', key);
      return;
    }
    const c = structuredClone(o);
    c.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
    c.metadata.deletionGracePeriodSeconds = grace;
    replace(world, c);
    return;
  }
  if ((o.metadata.finalizers ?? []).length) {
    const c = structuredClone(o);
    c.metadata.deletionTimestamp = rfc3339(now);
    c.metadata.deletionGracePeriodSeconds = 0;
    replace(world, c);
    return;
  }
  if (o.kind === 'Service') releaseServiceAllocations(world, o);
  remove(world, o.kind, key);
}

function dropFinalizer(world: World, o: KObject, f: string): void {
  const c = structuredClone(o);
  c.metadata.finalizers = (c.metadata.finalizers ?? []).filter((x: string) => x !== f);
  if (!c.metadata.finalizers.length) delete c.metadata.finalizers;
  if (c.metadata.deletionTimestamp && !c.metadata.finalizers) {
    if (o.kind === 'Service') releaseServiceAllocations(world, o);
    remove(world, o.kind, objKey(o));
  } else replace(world, c);
}

export function syncGc(world: World, uid: string, now: number): void {
  const owner = byUid(world, uid);
  if (owner) {
    // foreground deletion: delete dependents first, then let the owner go
    if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes('foregroundDeletion')) {
      const deps = dependents(world, uid);
      for (const d of deps) controllerDelete(world, d.obj, now);
      if (!dependents(world, uid).length) dropFinalizer(world, owner, 'foregroundDeletion');
    }
    return;
  }
  for (const d of dependents(world, uid)) {
    const others = (d.obj.metadata.ownerReferences ?? []).filter((r: KObject) => r.uid !== uid && byUid(world, r.uid));
    if (others.length) {
      const c = structuredClone(d.obj);
      c.metadata.ownerReferences = c.metadata.ownerReferences.filter((r: KObject) => r.uid !== uid);
      replace(world, c);
    } else controllerDelete(world, d.obj, now);
  }
  if (!dependents(world, uid).length) delete sim(world).byOwner[uid];
}

// ---------------------------------------------------------------- namespaces

const NAMESPACED_SKIP = new Set(['Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'IngressClass']);

export function syncNamespace(world: World, key: string, now: number): void {
  const ns = getRaw(world, 'Namespace', key);
  if (!ns) return;
  const name = ns.metadata.name;
  if (!ns.metadata.deletionTimestamp) {
    if (!getRaw(world, 'ServiceAccount', `${name}/default`)) {
      insert(world, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } }, now);
    }
    if (!getRaw(world, 'ConfigMap', `${name}/kube-root-ca.crt`)) {
      insert(world, {
        apiVersion: 'v1', kind: 'ConfigMap',
        data: { 'ca.crt': rootCa(world) },
        metadata: { annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' }, name: 'kube-root-ca.crt', namespace: name },
      }, now);
    }
    return;
  }
  // terminating: delete everything inside, then drop the finalizer
  let remaining = 0;
  const prefix = `${name}/`;
  for (const [kind, b] of Object.entries(world.cluster.objects)) {
    if (NAMESPACED_SKIP.has(kind)) continue;
    for (const k of Object.keys(b)) {
      if (!k.startsWith(prefix)) continue;
      const o = b[k]!;
      remaining++;
      if (kind === 'Event') { remove(world, kind, k); remaining--; continue; }
      if (!o.metadata.deletionTimestamp) controllerDelete(world, o, now);
      else if (kind === 'PersistentVolumeClaim') dropFinalizer(world, o, 'kubernetes.io/pvc-protection');
      else if (kind !== 'Pod' && (o.metadata.finalizers ?? []).length) for (const f of [...o.metadata.finalizers]) dropFinalizer(world, getRaw(world, kind, k) ?? o, f);
    }
  }
  const stillThere = Object.entries(world.cluster.objects).some(([kind, b]) => !NAMESPACED_SKIP.has(kind) && Object.keys(b).some((k) => k.startsWith(prefix)));
  const conds = [
    { lastTransitionTime: rfc3339(now), message: 'All resources successfully discovered', reason: 'ResourcesDiscovered', status: 'False', type: 'NamespaceDeletionDiscoveryFailure' },
    { lastTransitionTime: rfc3339(now), message: 'All legacy kube types successfully parsed', reason: 'ParsedGroupVersions', status: 'False', type: 'NamespaceDeletionGroupVersionParsingFailure' },
    { lastTransitionTime: rfc3339(now), message: 'All content successfully deleted, may be waiting on finalization', reason: 'ContentDeleted', status: 'False', type: 'NamespaceDeletionContentFailure' },
    { lastTransitionTime: rfc3339(now), message: stillThere ? `Some resources are remaining: pods. has ${remaining} resource instances` : 'All content successfully removed', reason: stillThere ? 'SomeResourcesRemain' : 'ContentRemoved', status: stillThere ? 'True' : 'False', type: 'NamespaceContentRemaining' },
    { lastTransitionTime: rfc3339(now), message: 'All content-preserving finalizers finished', reason: 'ContentHasNoFinalizers', status: 'False', type: 'NamespaceFinalizersRemaining' },
  ];
  if (stillThere) {
    if (!ns.status?.conditions) setStatus(world, 'Namespace', key, { conditions: conds, phase: 'Terminating' });
    addTimer(world, now + 1000, 'namespace', key);
    return;
  }
  remove(world, 'Namespace', key);
}

function rootCa(world: World): string {
  const s = sim(world);
  if (!s.ctl.rootCa) {
    const body = Buffer.from(`minikubeCA-${world.seed}`).toString('base64').padEnd(64, 'A');
    const lines: string[] = [];
    const blob = ('MIIDBjCCAe6gAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwptaW5pa3ViZUNBMB4XDTI1' + body).repeat(4);
    for (let i = 0; i < 17 * 64; i += 64) lines.push(blob.slice(i, i + 64).padEnd(64, 'Q'));
    s.ctl.rootCa = `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  }
  return s.ctl.rootCa;
}

// ---------------------------------------------------------------- persistent volumes

const PROVISIONER = 'k8s.io/minikube-hostpath';

function syncPv(world: World, name: string, now: number): void {
  const pv = getRaw(world, 'PersistentVolume', name);
  if (!pv) return;
  const claim = pv.spec?.claimRef;
  const bound = claim && getRaw(world, 'PersistentVolumeClaim', `${claim.namespace}/${claim.name}`)?.metadata?.uid === claim.uid;
  if (pv.metadata.deletionTimestamp) {
    if (!bound) dropFinalizer(world, pv, 'kubernetes.io/pv-protection');
    return;
  }
  const phase = bound ? 'Bound' : claim?.uid ? 'Released' : 'Available';
  if (pv.status?.phase !== phase) setStatus(world, 'PersistentVolume', name, { lastPhaseTransitionTime: rfc3339(now), phase });
  if (phase === 'Available') {
    // claims waiting for a volume like this one
    for (const [k, c] of Object.entries(world.cluster.objects.PersistentVolumeClaim ?? {})) if (c.status?.phase === 'Pending') addTimer(world, now, 'pv', k);
  }
}

export function syncPvc(world: World, key: string, now: number): void {
  if (key.startsWith('pv:')) return syncPv(world, key.slice(3), now);
  const pvc = getRaw(world, 'PersistentVolumeClaim', key);
  if (!pvc) return;
  const ns = pvc.metadata.namespace;
  if (pvc.metadata.deletionTimestamp) {
    const inUse = Object.entries(world.cluster.objects.Pod ?? {}).some(([k, p]) => k.startsWith(`${ns}/`) && (p.spec.volumes ?? []).some((v: KObject) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
    if (!inUse) {
      const pvName = pvc.spec.volumeName;
      dropFinalizer(world, pvc, 'kubernetes.io/pvc-protection');
      if (pvName) releasePv(world, pvName, now);
    } else addTimer(world, now + 5000, 'pv', key);
    return;
  }
  if (pvc.status?.phase === 'Bound') return;
  const scName = pvc.spec.storageClassName;
  const requested = pvc.spec.resources?.requests?.storage;
  // a matching existing PV (static provisioning)
  const pvs = Object.values(world.cluster.objects.PersistentVolume ?? {}) as KObject[];
  const match = pvc.spec.volumeName
    ? pvs.find((pv) => pv.metadata.name === pvc.spec.volumeName)
    : pvs.filter((pv) => pv.status?.phase === 'Available' && !pv.spec.claimRef && (pv.spec.storageClassName ?? '') === (scName ?? '')
      && parseQuantity(pv.spec.capacity?.storage) >= parseQuantity(requested)
      && (pvc.spec.accessModes ?? []).every((m: string) => (pv.spec.accessModes ?? []).includes(m))
      && (!pvc.spec.selector || matchesMap(pvc.spec.selector.matchLabels, pv.metadata.labels)))
      .sort((a, b) => parseQuantity(a.spec.capacity?.storage) - parseQuantity(b.spec.capacity?.storage))[0];
  let pv = match;
  if (!pv) {
    const sc = scName ? getRaw(world, 'StorageClass', scName) : undefined;
    if (!sc || sc.provisioner !== PROVISIONER) {
      if (!pvc.status?.phase || pvc.status.phase === 'Pending') {
        if (!sc && scName) recordEvent(world, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${scName}" not found`, { component: 'persistentvolume-controller' }, now);
        else if (!scName) recordEvent(world, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', { component: 'persistentvolume-controller' }, now);
      }
      return;
    }
    if (sc.volumeBindingMode === 'WaitForFirstConsumer') {
      const used = Object.entries(world.cluster.objects.Pod ?? {}).some(([k, p]) => k.startsWith(`${ns}/`) && (p.spec.volumes ?? []).some((v: KObject) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
      if (!used) {
        recordEvent(world, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', { component: 'persistentvolume-controller' }, now);
        return;
      }
    }
    const provSrc = { component: `${PROVISIONER}_minikube_${(sim(world).ctl.provisionerId ??= randomUuid(world))}` };
    recordEvent(world, pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${PROVISIONER}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, { component: 'persistentvolume-controller' }, now);
    recordEvent(world, pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${pvc.metadata.name}"`, provSrc, now);
    const name = `pvc-${pvc.metadata.uid}`;
    pv = insert(world, {
      apiVersion: 'v1', kind: 'PersistentVolume',
      metadata: { annotations: { 'hostPathProvisionerIdentity': 'minikube', 'pv.kubernetes.io/provisioned-by': PROVISIONER }, finalizers: ['kubernetes.io/pv-protection'], name },
      spec: {
        accessModes: pvc.spec.accessModes, capacity: { storage: requested },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
        hostPath: { path: `/tmp/hostpath-provisioner/${ns}/${pvc.metadata.name}`, type: '' },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete', storageClassName: scName, volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      },
      status: { lastPhaseTransitionTime: rfc3339(now), phase: 'Bound' },
    }, now);
    recordEvent(world, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, provSrc, now);
  } else {
    const c = structuredClone(pv);
    c.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid };
    c.status = { lastPhaseTransitionTime: rfc3339(now), phase: 'Bound' };
    pv = replace(world, c);
  }
  const c = structuredClone(pvc);
  c.metadata.annotations = {
    ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes',
    ...(match ? {} : { 'volume.beta.kubernetes.io/storage-provisioner': PROVISIONER, 'volume.kubernetes.io/storage-provisioner': PROVISIONER }),
  };
  c.spec.volumeName = pv.metadata.name;
  c.status = { accessModes: pv.spec.accessModes, capacity: { storage: pv.spec.capacity?.storage }, phase: 'Bound' };
  replace(world, c);
  // pods waiting for this claim
  for (const [k, p] of Object.entries(world.cluster.objects.Pod ?? {})) {
    if (k.startsWith(`${ns}/`) && (p.spec.volumes ?? []).some((v: KObject) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)) {
      addTimer(world, now, p.spec.nodeName ? 'kubelet' : 'scheduler', k);
    }
  }
}

function releasePv(world: World, name: string, now: number): void {
  const pv = getRaw(world, 'PersistentVolume', name);
  if (!pv) return;
  if ((pv.spec.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') {
    delete sim(world).volumes[name];
    const c = structuredClone(pv);
    c.metadata.finalizers = (c.metadata.finalizers ?? []).filter((f: string) => f !== 'kubernetes.io/pv-protection');
    remove(world, 'PersistentVolume', name);
  } else {
    const c = structuredClone(pv);
    c.status = { lastPhaseTransitionTime: rfc3339(now), phase: 'Released' };
    replace(world, c);
  }
}

// ---------------------------------------------------------------- quota status

export function syncQuotas(world: World, key: string, now: number): void {
  const keys = key === '*' ? Object.keys(world.cluster.objects.ResourceQuota ?? {}) : [key];
  for (const k of keys) {
    const q = getRaw(world, 'ResourceQuota', k);
    if (q) setStatus(world, 'ResourceQuota', k, quotaStatus(world, q));
  }
  void now;
}

// ---------------------------------------------------------------- HPA

export const HPA_PERIOD = 15_000;

export function syncHpa(world: World, key: string, now: number): void {
  const hpa = getRaw(world, 'HorizontalPodAutoscaler', key);
  if (!hpa) return;
  addTimer(world, now + HPA_PERIOD, 'hpa', key);
  const ref = hpa.spec.scaleTargetRef ?? {};
  const ns = hpa.metadata.namespace;
  const target = getRaw(world, ref.kind, `${ns}/${ref.name}`);
  const src = { component: 'horizontal-pod-autoscaler' };
  const ts = rfc3339(now);
  const min = hpa.spec.minReplicas ?? 1, max = hpa.spec.maxReplicas;
  const cpuTarget = hpa.spec.targetCPUUtilizationPercentage
    ?? (hpa.spec.metrics ?? []).find((m: KObject) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.target?.averageUtilization;
  if (!target) {
    setStatus(world, 'HorizontalPodAutoscaler', key, {
      conditions: [{ lastTransitionTime: ts, message: `the HPA controller was unable to get the target's current scale: ${ref.kind?.toLowerCase()}s.apps "${ref.name}" not found`, reason: 'FailedGetScale', status: 'False', type: 'AbleToScale' }],
      currentReplicas: 0, desiredReplicas: 0,
    });
    return;
  }
  const current = target.spec.replicas ?? 1;
  const sel = target.spec.selector?.matchLabels ?? {};
  const pods = podsInNamespace(world, ns).filter((p) => matchesMap(sel, p.metadata.labels) && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  const metrics = podMetrics(world, now).filter((m) => m.namespace === ns);
  let utilization: number | undefined;
  let missing: string | undefined;
  let usageTotal = 0, requestTotal = 0;
  for (const p of pods) {
    for (const c of p.spec.containers ?? []) {
      const req = c.resources?.requests?.cpu;
      if (req === undefined) { missing ??= `missing request for cpu in container ${c.name} of Pod ${p.metadata.name}`; continue; }
      requestTotal += milli(req);
    }
    const m = metrics.find((x) => x.name === p.metadata.name);
    if (m) usageTotal += m.containers.reduce((n, c) => n + c.cpuMilli, 0);
  }
  const status: KObject = { currentReplicas: current, desiredReplicas: current };
  const noApi = !metricsAvailable(world);
  if (cpuTarget !== undefined && !missing && requestTotal > 0 && !noApi) {
    utilization = Math.round((usageTotal * 100) / requestTotal);
    const ratio = utilization / cpuTarget;
    let desired = Math.abs(ratio - 1) <= 0.1 ? current : Math.ceil(pods.length * ratio);
    desired = Math.max(min, Math.min(max, desired));
    // scale-down stabilization window (300s): never below the highest recommendation of the last 5 minutes
    const recs = ((sim(world).ctl.hpaRecs ??= {})[key] ??= []) as [number, number][];
    recs.push([now, desired]);
    while (recs.length && recs[0]![0] < now - 300_000) recs.shift();
    if (desired < current) desired = Math.max(desired, ...recs.map((r) => r[1]));
    status.desiredReplicas = desired;
    status.currentMetrics = [{ resource: { current: { averageUtilization: utilization, averageValue: `${Math.round(usageTotal / Math.max(1, pods.length))}m` }, name: 'cpu' }, type: 'Resource' }];
    if (desired !== current) {
      const c = structuredClone(target);
      c.spec.replicas = desired;
      c.metadata.generation = (c.metadata.generation ?? 1) + 1;
      replace(world, c);
      status.lastScaleTime = ts;
      recordEvent(world, hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: cpu resource utilization (percentage of request) ${desired > current ? 'above' : 'below'} target`, src, now);
    } else if (hpa.status?.lastScaleTime) status.lastScaleTime = hpa.status.lastScaleTime;
    status.conditions = [
      { lastTransitionTime: ts, message: 'recommended size matches current size', reason: 'ReadyForNewScale', status: 'True', type: 'AbleToScale' },
      { lastTransitionTime: ts, message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', reason: 'ValidMetricFound', status: 'True', type: 'ScalingActive' },
      { lastTransitionTime: ts, message: 'the desired count is within the acceptable range', reason: 'DesiredWithinRange', status: 'False', type: 'ScalingLimited' },
    ];
  } else {
    if (current < min || current > max) {
      const desired = Math.max(min, Math.min(max, current));
      const c = structuredClone(target);
      c.spec.replicas = desired;
      replace(world, c);
      status.desiredReplicas = desired;
    }
    const msg = noApi
      ? 'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)'
      : missing ? `failed to get cpu utilization: ${missing}` : 'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';
    if (cpuTarget !== undefined) recordEvent(world, hpa, 'Warning', 'FailedGetResourceMetric', msg, src, now);
    status.conditions = [
      { lastTransitionTime: ts, message: 'the HPA controller was able to get the target\'s current scale', reason: 'SucceededGetScale', status: 'True', type: 'AbleToScale' },
      { lastTransitionTime: ts, message: `the HPA was unable to compute the replica count: ${msg}`, reason: 'FailedGetResourceMetric', status: 'False', type: 'ScalingActive' },
    ];
    status.currentMetrics = null;
  }
  const prevConds = hpa.status?.conditions ?? [];
  for (const c of status.conditions) {
    const o = prevConds.find((x: KObject) => x.type === c.type);
    if (o && o.status === c.status) c.lastTransitionTime = o.lastTransitionTime;
  }
  setStatus(world, 'HorizontalPodAutoscaler', key, status, 'hpa');
}

// ---------------------------------------------------------------- PodDisruptionBudget

function pdbPods(world: World, pdb: KObject): KObject[] {
  const reqs = selectorToRequirements(pdb.spec?.selector ?? {}) ?? [];
  return podsInNamespace(world, pdb.metadata.namespace).filter((p) => matchRequirements(reqs, p.metadata.labels) && !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
}

function intOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const s = String(v ?? '0');
  if (s.endsWith('%')) { const x = (parseInt(s, 10) * total) / 100; return roundUp ? Math.ceil(x) : Math.floor(x); }
  return parseInt(s, 10) || 0;
}

export function pdbStatus(world: World, pdb: KObject, now: number): KObject {
  const pods = pdbPods(world, pdb);
  const expected = pods.length;
  const healthy = pods.filter(podReady).length;
  let desired: number;
  if (pdb.spec?.minAvailable !== undefined) desired = intOrPercent(pdb.spec.minAvailable, expected, true);
  else if (pdb.spec?.maxUnavailable !== undefined) desired = Math.max(0, expected - intOrPercent(pdb.spec.maxUnavailable, expected, true));
  else desired = expected;
  const allowed = Math.max(0, healthy - desired);
  const prev = pdb.status?.conditions?.[0];
  const status = allowed > 0 ? 'True' : 'False';
  return {
    conditions: [{ lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(now), message: '', observedGeneration: pdb.metadata.generation ?? 1, reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods', status, type: 'DisruptionAllowed' }],
    currentHealthy: healthy, desiredHealthy: desired, disruptionsAllowed: allowed, expectedPods: expected, observedGeneration: pdb.metadata.generation ?? 1,
  };
}

export function syncPdb(world: World, key: string, now: number): void {
  const keys = key.startsWith('ns:') ? Object.keys(world.cluster.objects.PodDisruptionBudget ?? {}).filter((k) => k.startsWith(key.slice(3) + '/')) : [key];
  for (const k of keys) {
    const pdb = getRaw(world, 'PodDisruptionBudget', k);
    if (pdb) setStatus(world, 'PodDisruptionBudget', k, pdbStatus(world, pdb, now), 'pdb');
  }
}

/**
 * The eviction subresource (kubectl drain): refused with 429 while a PodDisruptionBudget allows no disruption,
 * otherwise a graceful delete.
 */
export function evictPod(world: World, namespace: string, name: string, now: number, opts: { dryRun?: boolean; gracePeriodSeconds?: number } = {}): { ok: true; value: KObject } | { ok: false; error: { code: number; reason: string; message: string } } {
  const pod = getRaw(world, 'Pod', `${namespace}/${name}`);
  if (!pod) return { ok: false, error: { code: 404, reason: 'NotFound', message: `pods "${name}" not found` } };
  const pdbs = Object.entries(world.cluster.objects.PodDisruptionBudget ?? {}).filter(([k, b]) => k.startsWith(`${namespace}/`) && matchRequirements(selectorToRequirements(b.spec?.selector ?? {}) ?? [], pod.metadata.labels)).map(([, b]) => b);
  if (pdbs.length > 1) return { ok: false, error: { code: 500, reason: 'InternalError', message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' } };
  const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed' || pod.status?.phase === 'Pending';
  if (pdbs.length && !terminal && podReady(pod)) {
    const st = pdbStatus(world, pdbs[0]!, now);
    if (st.disruptionsAllowed <= 0) return { ok: false, error: { code: 429, reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget." } };
  }
  if (opts.dryRun) return { ok: true, value: pod };
  controllerDelete(world, pod, now, opts.gracePeriodSeconds);
  return { ok: true, value: pod };
}

// ---------------------------------------------------------------- Ingress (minikube's ingress addon)

/** Is minikube's ingress-nginx controller up? */
export function ingressControllerReady(world: World): boolean {
  const d = world.cluster.objects.Deployment?.['ingress-nginx/ingress-nginx-controller'];
  return !!d && (d.status?.availableReplicas ?? 0) >= 1;
}

export function syncIngress(world: World, key: string, now: number): void {
  const ready = ingressControllerReady(world);
  if (ready && !getRaw(world, 'IngressClass', 'nginx')) {
    insert(world, {
      apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
      metadata: { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' }, labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' }, name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    }, now);
  }
  const keys = key === '*' ? Object.keys(world.cluster.objects.Ingress ?? {}) : [key];
  for (const k of keys) {
    const ing = getRaw(world, 'Ingress', k);
    if (!ing) continue;
    const cls = ing.spec?.ingressClassName ?? ing.metadata.annotations?.['kubernetes.io/ingress.class'] ?? 'nginx';
    const status = ready && cls === 'nginx' ? { loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } } : { loadBalancer: {} };
    if (JSON.stringify(ing.status ?? {}) !== JSON.stringify(status)) {
      // the controller publishes the address a little after it sees the Ingress
      if (ready && !ing.status?.loadBalancer?.ingress && now - Date.parse(ing.metadata.creationTimestamp) < 20_000) {
        addTimer(world, Date.parse(ing.metadata.creationTimestamp) + 20_000, 'ingress', k);
        continue;
      }
      setStatus(world, 'Ingress', k, status, 'ingress');
    }
  }
}
