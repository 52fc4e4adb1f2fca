/** ReplicaSet, StatefulSet, DaemonSet, Job and CronJob controllers. */
import type { World } from '../../world.js';
import { randomString, K8S_ALPHABET } from '../../../core/random.js';
import {
  addTimer, dependents, getRaw, insert, objKey, ownerRef, parseTime, recordEvent, remove, replace, rfc3339, setStatus, type KObject,
} from '../store.js';
import { admitPod, applyDefaults, jobGeneratedSelector, GENERATION_KINDS } from '../defaults.js';
import { admitQuota, applyLimitRanges, checkLimitRanges } from '../quota.js';
import { computeHash, adoptOrphans } from './deployment.js';
import { nextCronTime } from './cron.js';
import { matchRequirements, selectorToRequirements } from '../selectors.js';

export function podReady(p: KObject): boolean {
  return (p.status?.conditions ?? []).some((c: KObject) => c.type === 'Ready' && c.status === 'True');
}

function podAvailable(p: KObject, minReadySeconds: number, now: number): boolean {
  if (!podReady(p)) return false;
  if (!minReadySeconds) return true;
  const c = p.status.conditions.find((x: KObject) => x.type === 'Ready');
  return now - parseTime(c.lastTransitionTime) >= minReadySeconds * 1000;
}

function activePod(p: KObject): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

function ownedPods(world: World, owner: KObject): KObject[] {
  return dependents(world, owner.metadata.uid).filter((d) => d.kind === 'Pod').map((d) => d.obj);
}

/** Creates a pod from a template through admission; records FailedCreate on the owner when refused. */
export function createPod(world: World, owner: KObject, template: KObject, name: string, now: number, extra: { labels?: Record<string, string>; nodeName?: string; hostname?: string; subdomain?: string; annotations?: Record<string, string> } = {}): KObject | undefined {
  const ctl = `${owner.kind.toLowerCase()}-controller`.replace('daemonset', 'daemonset').replace('cronjob', 'cronjob');
  const src = { component: owner.kind === 'ReplicaSet' ? 'replicaset-controller' : owner.kind === 'StatefulSet' ? 'statefulset-controller' : owner.kind === 'DaemonSet' ? 'daemonset-controller' : owner.kind === 'Job' ? 'job-controller' : ctl };
  const tm = template.metadata ?? {};
  const pod: KObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      ...(tm.annotations || extra.annotations ? { annotations: { ...(tm.annotations ?? {}), ...(extra.annotations ?? {}) } } : {}),
      ...(owner.kind !== 'StatefulSet' ? { generateName: `${name.slice(0, name.lastIndexOf('-') + 1)}` } : {}),
      labels: { ...(tm.labels ?? {}), ...(extra.labels ?? {}) },
      name, namespace: owner.metadata.namespace, ownerReferences: [ownerRef(owner)],
    },
    spec: structuredClone(template.spec),
  };
  if (extra.nodeName) pod.spec.nodeName = extra.nodeName;
  if (extra.hostname) pod.spec.hostname = extra.hostname;
  if (extra.subdomain) pod.spec.subdomain = extra.subdomain;
  applyDefaults(world, pod);
  applyLimitRanges(world, pod);
  admitPod(world, pod);
  const q = checkLimitRanges(world, pod) ?? admitQuota(world, pod);
  if (q) {
    recordEvent(world, owner, 'Warning', 'FailedCreate', `Error creating: ${q}`, src, now);
    return undefined;
  }
  if (getRaw(world, 'Pod', objKey(pod))) return undefined;
  if (GENERATION_KINDS.has('Pod')) pod.metadata.generation = 1;
  const created = insert(world, pod, now);
  recordEvent(world, owner, 'Normal', 'SuccessfulCreate', `Created pod: ${name}`, src, now);
  return created;
}

/** Which pods to delete first (controller.ActivePods ranking): unscheduled, pending, not ready, newest. */
function deletionRank(a: KObject, b: KObject): number {
  const sched = (p: KObject) => (p.spec.nodeName ? 1 : 0);
  const phase = (p: KObject) => (p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2);
  const ready = (p: KObject) => (podReady(p) ? 1 : 0);
  const restarts = (p: KObject) => (p.status?.containerStatuses ?? []).reduce((n: number, c: KObject) => n + (c.restartCount ?? 0), 0);
  return sched(a) - sched(b) || phase(a) - phase(b) || ready(a) - ready(b) || restarts(b) - restarts(a)
    || (a.metadata.creationTimestamp > b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : 0);
}

function gracefulDelete(world: World, p: KObject, now: number): void {
  if (p.metadata.deletionTimestamp) return;
  if (!p.spec.nodeName) {
    remove(world, 'Pod', objKey(p));
    return;
  }
  const c = structuredClone(p);
  const grace = p.spec.terminationGracePeriodSeconds ?? 30;
  c.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
  c.metadata.deletionGracePeriodSeconds = grace;
  replace(world, c);
}

/** Pods a ReplicaSet creates per sync (the real controller's slow start tops out at 500; the sim goes faster). */
const BURST = 5000;

export function syncReplicaSet(world: World, key: string, now: number): void {
  const rs = getRaw(world, 'ReplicaSet', key);
  if (!rs) return;
  let pods = ownedPods(world, rs);
  if (!rs.metadata.deletionTimestamp && pods.filter(activePod).length < rs.spec.replicas && adoptOrphans(world, rs, 'Pod')) pods = ownedPods(world, rs);
  // pods relabelled out of the selector are released (orphaned), as the controller's ref manager does
  const sel = selectorToRequirements(rs.spec.selector);
  const gone = sel ? pods.filter((p) => !matchRequirements(sel, p.metadata.labels)) : [];
  if (gone.length) {
    for (const p of gone) {
      const c = structuredClone(p);
      c.metadata.ownerReferences = (c.metadata.ownerReferences ?? []).filter((r: KObject) => r.uid !== rs.metadata.uid);
      if (!c.metadata.ownerReferences.length) delete c.metadata.ownerReferences;
      replace(world, c);
    }
    pods = pods.filter((p) => !gone.includes(p));
  }
  const active = pods.filter(activePod);
  let changedPods = false;
  if (!rs.metadata.deletionTimestamp) {
    const diff = active.length - rs.spec.replicas;
    changedPods = diff !== 0;
    if (diff < 0) {
      const n = Math.min(-diff, BURST);
      for (let i = 0; i < n; i++) {
        const name = `${rs.metadata.name}-${randomString(world, K8S_ALPHABET, 5)}`;
        if (!createPod(world, rs, rs.spec.template, name, now)) {
          addTimer(world, now + 10_000, 'replicaset', key);
          break;
        }
      }
      if (-diff > BURST) addTimer(world, now + 1, 'replicaset', key);
    } else if (diff > 0) {
      const victims = [...active].sort(deletionRank).slice(0, diff);
      for (const p of victims) {
        gracefulDelete(world, p, now);
        recordEvent(world, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, { component: 'replicaset-controller' }, now);
      }
    }
  }
  const fresh = (changedPods ? ownedPods(world, rs) : pods).filter(activePod);
  const minReady = rs.spec.minReadySeconds ?? 0;
  const ready = fresh.filter(podReady).length;
  const available = fresh.filter((p) => podAvailable(p, minReady, now)).length;
  if (minReady && ready > available) addTimer(world, now + minReady * 1000, 'replicaset', key);
  const tl = Object.entries(rs.spec.template?.metadata?.labels ?? {});
  const labeled = fresh.filter((p) => tl.every(([k, v]) => p.metadata.labels?.[k] === v)).length;
  setStatus(world, 'ReplicaSet', key, {
    ...(available ? { availableReplicas: available } : {}),
    ...(labeled ? { fullyLabeledReplicas: labeled } : {}),
    observedGeneration: rs.metadata.generation ?? 1,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas: fresh.length,
  }, 'replicaset');
}

// ---------------------------------------------------------------- StatefulSet

export function syncStatefulSet(world: World, key: string, now: number): void {
  const sts = getRaw(world, 'StatefulSet', key);
  if (!sts || sts.metadata.deletionTimestamp) return;
  const ns = sts.metadata.namespace;
  const name = sts.metadata.name;
  const revision = `${name}-${computeHash(sts.spec.template)}`;
  const pods = ownedPods(world, sts);
  const byOrdinal = new Map<number, KObject>();
  for (const p of pods) {
    const m = p.metadata.name.match(/-(\d+)$/);
    if (m) byOrdinal.set(parseInt(m[1]!, 10), p);
  }
  const replicas = sts.spec.replicas ?? 1;
  const parallel = sts.spec.podManagementPolicy === 'Parallel';
  const src = { component: 'statefulset-controller' };
  // create in order, each once the previous is Running and Ready
  for (let i = 0; i < replicas; i++) {
    const p = byOrdinal.get(i);
    if (p && p.status?.phase === 'Failed') {
      gracefulDelete(world, p, now);
      continue;
    }
    if (!p) {
      // claims first
      for (const t of sts.spec.volumeClaimTemplates ?? []) {
        const claim = `${t.metadata.name}-${name}-${i}`;
        if (!getRaw(world, 'PersistentVolumeClaim', `${ns}/${claim}`)) {
          const pvc: KObject = {
            apiVersion: 'v1', kind: 'PersistentVolumeClaim',
            metadata: { labels: { ...(sts.spec.selector?.matchLabels ?? {}) }, name: claim, namespace: ns, finalizers: ['kubernetes.io/pvc-protection'] },
            spec: structuredClone(t.spec),
          };
          if (sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') pvc.metadata.ownerReferences = [{ ...ownerRef(sts), controller: true, blockOwnerDeletion: true }];
          applyDefaults(world, pvc);
          insert(world, pvc, now);
          recordEvent(world, sts, 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${name}-${i} in StatefulSet ${name} success`, src, now);
        }
      }
      const tpl = structuredClone(sts.spec.template);
      const vols = (tpl.spec.volumes ??= []);
      for (const t of sts.spec.volumeClaimTemplates ?? []) {
        if (!vols.some((v: KObject) => v.name === t.metadata.name)) vols.push({ name: t.metadata.name, persistentVolumeClaim: { claimName: `${t.metadata.name}-${name}-${i}` } });
      }
      if (!vols.length) delete tpl.spec.volumes;
      const created = createPod(world, sts, tpl, `${name}-${i}`, now, {
        labels: { 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': `${name}-${i}` },
        hostname: `${name}-${i}`, subdomain: sts.spec.serviceName || undefined,
      });
      if (created) {
        const ev = Object.values(world.cluster.objects.Event ?? {}).length;
        void ev;
      }
      if (!parallel) break;
      continue;
    }
    if (!parallel && !(p.status?.phase === 'Running' && podReady(p))) break;
  }
  // scale down: highest ordinal first, one at a time
  const extra = [...byOrdinal.entries()].filter(([i]) => i >= replicas).sort((a, b) => b[0] - a[0]);
  if (extra.length) {
    const [, p] = extra[0]!;
    if (!p.metadata.deletionTimestamp) {
      const allReady = [...byOrdinal.entries()].filter(([i]) => i < replicas).every(([, x]) => podReady(x));
      if (parallel || allReady) {
        gracefulDelete(world, p, now);
        recordEvent(world, sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, src, now);
      }
    }
  }
  // rolling update: replace pods on an old revision, highest ordinal first, one at a time
  if (sts.spec.updateStrategy?.type !== 'OnDelete') {
    const partition = sts.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    const all = [...byOrdinal.entries()].filter(([i]) => i < replicas).sort((a, b) => b[0] - a[0]);
    const allReady = all.every(([, p]) => podReady(p) && !p.metadata.deletionTimestamp);
    if (allReady && all.length === replicas) {
      const stale = all.find(([i, p]) => i >= partition && p.metadata.labels?.['controller-revision-hash'] !== revision);
      if (stale) gracefulDelete(world, stale[1], now);
    }
  }
  const fresh = ownedPods(world, sts).filter((p) => !p.metadata.deletionTimestamp);
  const ready = fresh.filter(podReady).length;
  const updated = fresh.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length;
  const current = sts.status?.currentRevision && updated === fresh.length ? revision : (sts.status?.currentRevision ?? revision);
  setStatus(world, 'StatefulSet', key, {
    ...(ready ? { availableReplicas: ready } : { availableReplicas: 0 }),
    collisionCount: 0,
    ...(fresh.length ? { currentReplicas: fresh.filter((p) => p.metadata.labels?.['controller-revision-hash'] === current).length } : {}),
    currentRevision: updated === fresh.length && fresh.length === replicas ? revision : current,
    observedGeneration: sts.metadata.generation ?? 1,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas: fresh.length,
    updateRevision: revision,
    ...(updated ? { updatedReplicas: updated } : {}),
  }, 'statefulset');
}

// ---------------------------------------------------------------- DaemonSet

function tolerates(pod: KObject, taint: KObject): boolean {
  return (pod.spec?.tolerations ?? []).some((t: KObject) =>
    (t.operator === 'Exists' ? (!t.key || t.key === taint.key) : t.key === taint.key && (t.value ?? '') === (taint.value ?? ''))
    && (!t.effect || t.effect === taint.effect));
}

export function nodeFits(node: KObject, tpl: KObject): boolean {
  const sel = tpl.spec?.nodeSelector ?? {};
  for (const [k, v] of Object.entries(sel)) if (node.metadata.labels?.[k] !== v) return false;
  for (const t of node.spec?.taints ?? []) {
    if (t.effect === 'PreferNoSchedule') continue;
    if (!tolerates(tpl, t)) return false;
  }
  return true;
}

export function syncDaemonSet(world: World, key: string, now: number): void {
  if (key === '*') {
    for (const k of Object.keys(world.cluster.objects.DaemonSet ?? {})) syncDaemonSet(world, k, now);
    return;
  }
  const ds = getRaw(world, 'DaemonSet', key);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const nodes = Object.values(world.cluster.objects.Node ?? {}) as KObject[];
  const pods = ownedPods(world, ds);
  const hash = computeHash(ds.spec.template).slice(0, 10);
  const src = { component: 'daemonset-controller' };
  const gen = String(ds.metadata.generation ?? 1);
  let desired = 0;
  for (const n of nodes) {
    const tplForFit = { spec: { ...ds.spec.template.spec, tolerations: [...(ds.spec.template.spec.tolerations ?? []), { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] } };
    const fits = nodeFits(n, tplForFit);
    const mine = pods.filter((p) => p.spec.nodeName === n.metadata.name || p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0] === n.metadata.name);
    const live = mine.filter((p) => !p.metadata.deletionTimestamp);
    if (fits) desired++;
    if (fits && live.length === 0) {
      const tpl = structuredClone(ds.spec.template);
      tpl.spec.affinity = {
        ...(tpl.spec.affinity ?? {}),
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n.metadata.name] }] }] } },
      };
      const tol = (tpl.spec.tolerations ??= []);
      for (const [k, eff] of [['node.kubernetes.io/not-ready', 'NoExecute'], ['node.kubernetes.io/unreachable', 'NoExecute'], ['node.kubernetes.io/disk-pressure', 'NoSchedule'], ['node.kubernetes.io/memory-pressure', 'NoSchedule'], ['node.kubernetes.io/pid-pressure', 'NoSchedule'], ['node.kubernetes.io/unschedulable', 'NoSchedule']] as const) {
        if (!tol.some((t: KObject) => t.key === k)) tol.push({ effect: eff, key: k, operator: 'Exists' });
      }
      if (tpl.spec.hostNetwork) tol.push({ effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' });
      createPod(world, ds, tpl, `${ds.metadata.name}-${randomString(world, K8S_ALPHABET, 5)}`, now, {
        labels: { 'controller-revision-hash': hash, 'pod-template-generation': gen },
      });
    } else if (!fits) {
      for (const p of live) gracefulDelete(world, p, now);
    } else if (ds.spec.updateStrategy?.type !== 'OnDelete') {
      for (const p of live) if (p.metadata.labels?.['controller-revision-hash'] !== hash && podReady(p)) gracefulDelete(world, p, now);
    }
    void src;
  }
  const fresh = ownedPods(world, ds).filter((p) => !p.metadata.deletionTimestamp);
  const ready = fresh.filter(podReady).length;
  const updated = fresh.filter((p) => p.metadata.labels?.['controller-revision-hash'] === hash).length;
  setStatus(world, 'DaemonSet', key, {
    currentNumberScheduled: fresh.length,
    desiredNumberScheduled: desired,
    ...(ready ? { numberAvailable: ready } : {}),
    numberMisscheduled: 0,
    numberReady: ready,
    ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
    observedGeneration: ds.metadata.generation ?? 1,
    ...(updated ? { updatedNumberScheduled: updated } : {}),
  }, 'daemonset');
}

// ---------------------------------------------------------------- Job

export function syncJob(world: World, key: string, now: number): void {
  const job = getRaw(world, 'Job', key);
  if (!job || job.metadata.deletionTimestamp) return;
  const st = job.status ?? {};
  const done = (st.conditions ?? []).some((c: KObject) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  // TTL-after-finished controller
  if (done && job.spec.ttlSecondsAfterFinished !== undefined) {
    const fin = (st.conditions ?? []).find((c: KObject) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const at = parseTime(st.completionTime ?? fin?.lastTransitionTime) + job.spec.ttlSecondsAfterFinished * 1000;
    if (now >= at) {
      remove(world, 'Job', key);
      return;
    }
    addTimer(world, at, 'job', key);
  }
  const pods = ownedPods(world, job);
  const succeeded = Math.max(st.succeeded ?? 0, pods.filter((p) => p.status?.phase === 'Succeeded').length);
  const failedPods = Math.max(st.failed ?? 0, pods.filter((p) => p.status?.phase === 'Failed').length);
  // restarts under OnFailure count against backoffLimit too
  const restarts = pods.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m: number, c: KObject) => m + (c.restartCount ?? 0), 0), 0);
  const failed = failedPods + (job.spec.template.spec.restartPolicy === 'OnFailure' ? restarts : 0);
  const active = pods.filter(activePod);
  const completions = job.spec.completions ?? 1;
  const parallelism = job.spec.parallelism ?? 1;
  const src = { component: 'job-controller' };
  const ts = rfc3339(now);
  const status: KObject = { ...st };
  delete status._succeededGone;
  if (!done && !job.spec.suspend) {
    status.startTime ??= ts;
    const deadline = job.spec.activeDeadlineSeconds;
    const overDeadline = deadline !== undefined && now - parseTime(status.startTime) >= deadline * 1000;
    if (deadline !== undefined && !overDeadline) addTimer(world, parseTime(status.startTime) + deadline * 1000, 'job', key);
    if (succeeded >= completions) {
      for (const p of active) gracefulDelete(world, p, now);
      status.completionTime = ts;
      status.conditions = [
        { lastProbeTime: ts, lastTransitionTime: ts, message: 'Reached expected number of succeeded pods', reason: 'CompletionsReached', status: 'True', type: 'SuccessCriteriaMet' },
        { lastProbeTime: ts, lastTransitionTime: ts, message: 'Reached expected number of succeeded pods', reason: 'CompletionsReached', status: 'True', type: 'Complete' },
      ];
      recordEvent(world, job, 'Normal', 'Completed', 'Job completed', src, now);
    } else if (failed > (job.spec.backoffLimit ?? 6) || overDeadline) {
      for (const p of active) gracefulDelete(world, p, now);
      const reason = overDeadline ? 'DeadlineExceeded' : 'BackoffLimitExceeded';
      const msg = overDeadline ? 'Job was active longer than specified deadline' : 'Job has reached the specified backoff limit';
      status.conditions = [
        { lastProbeTime: ts, lastTransitionTime: ts, message: msg, reason, status: 'True', type: 'FailureTarget' },
        { lastProbeTime: ts, lastTransitionTime: ts, message: msg, reason, status: 'True', type: 'Failed' },
      ];
      recordEvent(world, job, 'Warning', reason, msg, src, now);
    } else {
      const want = Math.min(parallelism, completions - succeeded) - active.length;
      // failed pods are replaced after a back-off (10s doubling)
      const lastFail = pods.filter((p) => p.status?.phase === 'Failed').length;
      const backoffUntil = lastFail ? (st._nextCreate ?? 0) : 0;
      if (want > 0 && now >= backoffUntil) {
        for (let i = 0; i < want; i++) createPod(world, job, job.spec.template, `${job.metadata.name}-${randomString(world, K8S_ALPHABET, 5)}`, now);
      } else if (want > 0) addTimer(world, backoffUntil, 'job', key);
      if (failedPods > (st.failed ?? 0)) {
        status._nextCreate = now + 10_000 * 2 ** Math.max(0, failedPods - 1);
        addTimer(world, status._nextCreate, 'job', key);
      }
    }
  }
  const fresh = ownedPods(world, job);
  const act = fresh.filter(activePod).length;
  if (act) status.active = act; else delete status.active;
  if (failedPods) status.failed = failedPods; else delete status.failed;
  if (succeeded) status.succeeded = succeeded; else delete status.succeeded;
  status.ready = fresh.filter((p) => activePod(p) && podReady(p)).length;
  status.terminating = fresh.filter((p) => p.metadata.deletionTimestamp).length;
  status.uncountedTerminatedPods = {};
  if (status.completionTime || (status.conditions ?? []).some((c: KObject) => c.type === 'Failed')) { delete status._nextCreate; }
  setStatus(world, 'Job', key, status, 'job');
  if (!done && job.spec.ttlSecondsAfterFinished !== undefined && (status.conditions ?? []).some((c: KObject) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) {
    addTimer(world, now + job.spec.ttlSecondsAfterFinished * 1000, 'job', key);
  }
}

// ---------------------------------------------------------------- CronJob

export function syncCronJob(world: World, key: string, now: number): void {
  const cj = getRaw(world, 'CronJob', key);
  if (!cj || cj.metadata.deletionTimestamp) return;
  const jobs = dependents(world, cj.metadata.uid).filter((d) => d.kind === 'Job').map((d) => d.obj);
  const src = { component: 'cronjob-controller' };
  const status: KObject = { ...(cj.status ?? {}) };
  const finished = (j: KObject) => (j.status?.conditions ?? []).find((c: KObject) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const activeJobs = jobs.filter((j) => !finished(j));
  // schedule
  const last = status.lastScheduleTime ? parseTime(status.lastScheduleTime) : parseTime(cj.metadata.creationTimestamp);
  const next = nextCronTime(cj.spec.schedule, last, cj.spec.timeZone);
  if (next !== undefined && next <= now && !cj.spec.suspend) {
    // the most recent missed time
    let t = next;
    for (let i = 0; i < 1000; i++) {
      const n2 = nextCronTime(cj.spec.schedule, t, cj.spec.timeZone);
      if (n2 === undefined || n2 > now) break;
      t = n2;
    }
    const policy = cj.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && activeJobs.length) {
      recordEvent(world, cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', src, now);
    } else {
      if (policy === 'Replace') for (const j of activeJobs) { remove(world, 'Job', objKey(j)); recordEvent(world, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, src, now); }
      const name = `${cj.metadata.name}-${Math.floor(t / 60000)}`;
      if (!getRaw(world, 'Job', `${cj.metadata.namespace}/${name}`)) {
        const jt = cj.spec.jobTemplate ?? {};
        const job: KObject = {
          apiVersion: 'batch/v1', kind: 'Job',
          metadata: {
            annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(t), ...(jt.metadata?.annotations ?? {}) },
            labels: { ...(jt.metadata?.labels ?? {}) }, name, namespace: cj.metadata.namespace, ownerReferences: [ownerRef(cj)],
          },
          spec: structuredClone(jt.spec ?? {}),
        };
        if (!Object.keys(job.metadata.labels).length) delete job.metadata.labels;
        applyDefaults(world, job);
        job.metadata.generation = 1;
        job.metadata.uid = undefined;
        const created = insert(world, job, now);
        jobGeneratedSelector(created);
        recordEvent(world, cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, src, now);
      }
      status.lastScheduleTime = rfc3339(t);
    }
  }
  // history limits
  const fin = jobs.filter((j) => finished(j) && getRaw(world, 'Job', objKey(j)));
  const ok = fin.filter((j) => finished(j).type === 'Complete').sort((a, b) => parseTime(a.status?.completionTime) - parseTime(b.status?.completionTime));
  const bad = fin.filter((j) => finished(j).type === 'Failed');
  for (const [list, limit] of [[ok, cj.spec.successfulJobsHistoryLimit ?? 3], [bad, cj.spec.failedJobsHistoryLimit ?? 1]] as const) {
    for (const j of list.slice(0, Math.max(0, list.length - limit))) {
      remove(world, 'Job', objKey(j));
      recordEvent(world, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finished(j).type}`, src, now);
    }
  }
  const nowActive = dependents(world, cj.metadata.uid).filter((d) => d.kind === 'Job' && !finished(d.obj)).map((d) => d.obj);
  if (nowActive.length) status.active = nowActive.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid }));
  else delete status.active;
  const lastOk = ok.filter((j) => getRaw(world, 'Job', objKey(j))).pop();
  if (lastOk?.status?.completionTime) status.lastSuccessfulTime = lastOk.status.completionTime;
  setStatus(world, 'CronJob', key, status, 'cronjob');
  const following = nextCronTime(cj.spec.schedule, Math.max(now, status.lastScheduleTime ? parseTime(status.lastScheduleTime) : 0), cj.spec.timeZone);
  if (following !== undefined) addTimer(world, following, 'cronjob', key);
}
