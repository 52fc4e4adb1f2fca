/**
 * The Deployment controller (pkg/controller/deployment): ReplicaSets named DEPLOY-<pod-template-hash>, rolling
 * updates honouring maxSurge/maxUnavailable step by step, Recreate, revisions (deployment.kubernetes.io/revision,
 * revision-history), change-cause, revisionHistoryLimit, pause/resume, rollback, status and conditions.
 */
import type { World } from '../../world.js';
import { K8S_ALPHABET } from '../../../core/random.js';
import {
  addTimer, dependents, getRaw, insert, objKey, ownerRef, recordEvent, remove, replace, rfc3339, setStatus, type KObject,
} from '../store.js';
import { applyDefaults } from '../defaults.js';
import { matchRequirements, selectorToRequirements } from '../selectors.js';

const SRC = { component: 'deployment-controller' };

/** FNV-32a over the template (and collision count), rendered with SafeEncodeString like kube's ComputeHash. */
export function computeHash(template: KObject, collisionCount?: number): string {
  const t = structuredClone(template);
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  let s = stableJson(t);
  if (collisionCount) s += String(collisionCount);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return safeEncode(String(h >>> 0));
}

export function safeEncode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += K8S_ALPHABET[s.charCodeAt(i) % K8S_ALPHABET.length];
  return out;
}

function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(stableJson).join(',') + ']';
  return '{' + Object.keys(v as KObject).sort().filter((k) => (v as KObject)[k] !== undefined).map((k) => JSON.stringify(k) + ':' + stableJson((v as KObject)[k])).join(',') + '}';
}

function templateEqualIgnoreHash(a: KObject, b: KObject): boolean {
  const strip = (t: KObject) => {
    const c = structuredClone(t);
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return stableJson(c);
  };
  return strip(a) === strip(b);
}

export function resolveIntOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const s = String(v ?? '0');
  if (s.endsWith('%')) {
    const pct = parseInt(s, 10);
    const x = (pct * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return parseInt(s, 10) || 0;
}

function revisionOf(rs: KObject): number {
  return parseInt(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? '0', 10) || 0;
}

/** ReplicaSets a Deployment owns, oldest first. */
export function ownedReplicaSets(world: World, d: KObject): KObject[] {
  return dependents(world, d.metadata.uid)
    .filter((x) => x.kind === 'ReplicaSet')
    .map((x) => x.obj)
    .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? 1 : a.metadata.name < b.metadata.name ? -1 : 1));
}

/** Revisions of a Deployment: [revision, ReplicaSet] ascending (rollout history). */
export function deploymentRevisions(world: World, namespace: string, name: string): { revision: number; rs: KObject }[] {
  const d = getRaw(world, 'Deployment', `${namespace}/${name}`);
  if (!d) return [];
  return ownedReplicaSets(world, d).map((rs) => ({ revision: revisionOf(rs), rs })).sort((a, b) => a.revision - b.revision);
}

const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', 'deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
]);

function copyAnnotations(d: KObject, rs: KObject): boolean {
  let changed = false;
  const a = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (SKIP_ANNOTATIONS.has(k)) continue;
    if (a[k] !== v) { a[k] = v; changed = true; }
  }
  return changed;
}

function maxSurgeOf(d: KObject): number {
  if (d.spec.strategy?.type !== 'RollingUpdate') return 0;
  return resolveIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge ?? '25%', d.spec.replicas, true);
}
function maxUnavailableOf(d: KObject): number {
  if (d.spec.strategy?.type !== 'RollingUpdate') return 0;
  let mu = resolveIntOrPercent(d.spec.strategy.rollingUpdate?.maxUnavailable ?? '25%', d.spec.replicas, false);
  if (mu === 0 && maxSurgeOf(d) === 0) mu = 1;
  return Math.min(mu, d.spec.replicas);
}

function scaleRs(world: World, d: KObject, rs: KObject, n: number, now: number): void {
  if (rs.spec.replicas === n) return;
  const from = rs.spec.replicas;
  const c = structuredClone(rs);
  c.spec.replicas = n;
  const a = (c.metadata.annotations ??= {});
  a['deployment.kubernetes.io/desired-replicas'] = String(d.spec.replicas);
  a['deployment.kubernetes.io/max-replicas'] = String(d.spec.replicas + maxSurgeOf(d));
  c.metadata.generation = (c.metadata.generation ?? 1) + 1;
  replace(world, c);
  recordEvent(world, d, 'Normal', 'ScalingReplicaSet', `Scaled ${n > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${n}`, SRC, now);
}

function getFresh(world: World, rs: KObject): KObject {
  return getRaw(world, 'ReplicaSet', objKey(rs)) ?? rs;
}

/**
 * The controller ref manager: objects of `kind` in the owner's namespace that match its selector and have no
 * controller are adopted (a Deployment re-created after `delete --cascade=orphan` takes its ReplicaSets back).
 */
export function adoptOrphans(world: World, owner: KObject, kind: string): number {
  const reqs = selectorToRequirements(owner.spec?.selector);
  if (!reqs || !reqs.length) return 0;
  const b = world.cluster.objects[kind] ?? {};
  const prefix = `${owner.metadata.namespace}/`;
  let n = 0;
  for (const k in b) {
    if (!k.startsWith(prefix)) continue;
    const o = b[k]!;
    if (o.metadata.deletionTimestamp || (o.metadata.ownerReferences ?? []).some((r: KObject) => r.controller)) continue;
    if (!matchRequirements(reqs, o.metadata.labels)) continue;
    if (kind === 'Pod' && (o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed')) continue;
    const c = structuredClone(o);
    c.metadata.ownerReferences = [...(c.metadata.ownerReferences ?? []), ownerRef(owner)];
    replace(world, c);
    n++;
  }
  return n;
}

export function syncDeployment(world: World, key: string, now: number): void {
  const d = getRaw(world, 'Deployment', key);
  if (!d || d.metadata.deletionTimestamp) return;
  adoptOrphans(world, d, 'ReplicaSet');
  let rss = ownedReplicaSets(world, d);
  let newRs = rss.find((rs) => templateEqualIgnoreHash(rs.spec.template, d.spec.template));
  const olds = () => rss.filter((rs) => rs !== newRs && rs.metadata.name !== newRs?.metadata.name);
  const maxRev = rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const paused = !!d.spec.paused;
  let created = false;
  if (!newRs && !paused) {
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    const name = `${d.metadata.name}-${hash}`;
    const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const template = structuredClone(d.spec.template);
    template.metadata = { ...(template.metadata ?? {}), labels };
    const activeOld = rss.reduce((n, rs) => n + rs.spec.replicas, 0);
    let replicas = d.spec.replicas;
    if (activeOld > 0 && d.spec.strategy?.type === 'RollingUpdate') {
      replicas = Math.max(0, Math.min(d.spec.replicas, d.spec.replicas + maxSurgeOf(d) - activeOld));
    } else if (activeOld > 0) replicas = 0;
    const rs: KObject = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
          'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + maxSurgeOf(d)),
          'deployment.kubernetes.io/revision': String(maxRev + 1),
        },
        labels, name, namespace: d.metadata.namespace, ownerReferences: [ownerRef(d)],
      },
      spec: {
        ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
        replicas,
        selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
        template,
      },
    };
    copyAnnotations(d, rs);
    if (getRaw(world, 'ReplicaSet', `${d.metadata.namespace}/${name}`)) {
      // hash collision with a foreign ReplicaSet: bump collisionCount and retry next round
      setStatus(world, 'Deployment', key, { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 }, 'deployment');
      return;
    }
    applyDefaults(world, rs);
    rs.metadata.generation = 1;
    newRs = insert(world, rs, now);
    created = true;
    rss = [...rss, newRs];
    if (replicas > 0) recordEvent(world, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`, SRC, now);
  } else if (newRs && !paused) {
    // an old template came back (rollback, or set image back): that ReplicaSet becomes the newest revision
    const rev = revisionOf(newRs);
    const c = structuredClone(newRs);
    let changed = copyAnnotations(d, c);
    if (rev < maxRev) {
      const a = c.metadata.annotations;
      const hist = a['deployment.kubernetes.io/revision-history'];
      a['deployment.kubernetes.io/revision-history'] = hist ? `${hist},${rev}` : String(rev);
      a['deployment.kubernetes.io/revision'] = String(maxRev + 1);
      changed = true;
    }
    if (changed) {
      newRs = replace(world, c);
      rss = rss.map((x) => (x.metadata.uid === newRs!.metadata.uid ? newRs! : x));
    }
  }
  // copy the revision to the deployment
  if (newRs) {
    const rev = newRs.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (rev && d.metadata.annotations?.['deployment.kubernetes.io/revision'] !== rev) {
      const c = structuredClone(d);
      (c.metadata.annotations ??= {})['deployment.kubernetes.io/revision'] = rev;
      replace(world, c);
    }
  }
  const dd = getRaw(world, 'Deployment', key)!;
  if (paused) {
    // only proportional scaling while paused
    if (newRs) {
      const total = rss.reduce((n, rs) => n + rs.spec.replicas, 0);
      if (total !== dd.spec.replicas && olds().every((rs) => rs.spec.replicas === 0)) scaleRs(world, dd, newRs, dd.spec.replicas, now);
    }
  } else if (newRs) {
    if (dd.spec.strategy?.type === 'Recreate') {
      for (const rs of olds()) scaleRs(world, dd, rs, 0, now);
      const oldPods = olds().reduce((n, rs) => n + (getFresh(world, rs).status?.replicas ?? 0), 0);
      if (oldPods === 0) scaleRs(world, dd, getFresh(world, newRs), dd.spec.replicas, now);
    } else {
      rollingStep(world, dd, getFresh(world, newRs), olds().map((rs) => getFresh(world, rs)), now);
    }
  }
  cleanup(world, dd, getRaw(world, 'ReplicaSet', newRs ? objKey(newRs) : '') ?? newRs, now);
  writeStatus(world, key, newRs ? getFresh(world, newRs) : undefined, now, created);
}

function rollingStep(world: World, d: KObject, newRs: KObject, olds: KObject[], now: number): void {
  const want = d.spec.replicas;
  // scale the new replica set up
  if (newRs.spec.replicas > want) scaleRs(world, d, newRs, want, now);
  else if (newRs.spec.replicas < want) {
    const current = newRs.spec.replicas + olds.reduce((n, rs) => n + rs.spec.replicas, 0);
    const maxTotal = want + maxSurgeOf(d);
    if (current < maxTotal) {
      const up = Math.min(maxTotal - current, want - newRs.spec.replicas);
      if (up > 0) scaleRs(world, d, newRs, newRs.spec.replicas + up, now);
    }
  }
  // scale old replica sets down
  const nrs = getFresh(world, newRs);
  const oldCount = olds.reduce((n, rs) => n + rs.spec.replicas, 0);
  if (oldCount === 0) return;
  const all = nrs.spec.replicas + oldCount;
  const minAvailable = want - maxUnavailableOf(d);
  const newUnavailable = nrs.spec.replicas - (nrs.status?.availableReplicas ?? 0);
  let maxScaledDown = all - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  // first the unhealthy replicas of old sets
  for (const rs of olds) {
    if (maxScaledDown <= 0) break;
    const unhealthy = rs.spec.replicas - (rs.status?.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const down = Math.min(unhealthy, maxScaledDown);
    scaleRs(world, d, rs, rs.spec.replicas - down, now);
    maxScaledDown -= down;
  }
  const fresh = olds.map((rs) => getFresh(world, rs));
  const available = (getFresh(world, nrs).status?.availableReplicas ?? 0) + fresh.reduce((n, rs) => n + Math.min(rs.spec.replicas, rs.status?.availableReplicas ?? 0), 0);
  if (available <= minAvailable) return;
  let total = Math.min(available - minAvailable, maxScaledDown);
  for (const rs of fresh) {
    if (total <= 0) break;
    if (rs.spec.replicas === 0) continue;
    const down = Math.min(rs.spec.replicas, total);
    scaleRs(world, d, rs, rs.spec.replicas - down, now);
    total -= down;
  }
}

function cleanup(world: World, d: KObject, newRs: KObject | undefined, now: number): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const olds = ownedReplicaSets(world, d).filter((rs) => rs.metadata.uid !== newRs?.metadata.uid && rs.spec.replicas === 0 && !(rs.status?.replicas));
  const extra = olds.length - limit;
  if (extra <= 0) return;
  olds.sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of olds.slice(0, extra)) remove(world, 'ReplicaSet', objKey(rs));
  void now;
}

function writeStatus(world: World, key: string, newRs: KObject | undefined, now: number, created: boolean): void {
  const d = getRaw(world, 'Deployment', key)!;
  const rss = ownedReplicaSets(world, d);
  const sum = (f: (rs: KObject) => number) => rss.reduce((n, rs) => n + f(rs), 0);
  const replicas = sum((rs) => rs.status?.replicas ?? 0);
  const updated = newRs ? (getFresh(world, newRs).status?.replicas ?? 0) : 0;
  const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
  const available = sum((rs) => rs.status?.availableReplicas ?? 0);
  const unavailable = Math.max(0, d.spec.replicas - available);
  const ts = rfc3339(now);
  const prev = d.status ?? {};
  let conds: KObject[] = structuredClone(prev.conditions ?? []);
  const find = (t: string) => conds.find((c) => c.type === t);
  const mk = (type: string, status: boolean, reason: string, message: string): KObject => ({
    lastTransitionTime: ts, lastUpdateTime: ts, message, reason, status: status ? 'True' : 'False', type,
  });
  // util.SetDeploymentCondition: same status and reason = no change; a changed one moves to the end
  const set = (c: KObject) => {
    const cur = find(c.type);
    if (cur && cur.status === c.status && cur.reason === c.reason) return;
    if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
    conds = [...conds.filter((x) => x.type !== c.type), c];
  };
  const minAvail = d.spec.replicas - maxUnavailableOf(d);
  set(available >= minAvail
    ? mk('Available', true, 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
    : mk('Available', false, 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
  const name = newRs?.metadata.name ?? '';
  const complete = !!newRs && updated === d.spec.replicas && replicas === d.spec.replicas && available === d.spec.replicas;
  const po = find('Progressing');
  if (d.spec.paused) {
    if (po?.reason !== 'DeploymentPaused') set(mk('Progressing', po?.status === 'False' ? false : true, 'DeploymentPaused', 'Deployment is paused'));
  } else if (po?.reason === 'DeploymentPaused') {
    set(mk('Progressing', true, 'DeploymentResumed', 'Deployment is resumed'));
  } else if (complete) {
    set(mk('Progressing', true, 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`));
  } else if (created) {
    set(mk('Progressing', true, 'NewReplicaSetCreated', `Created new replica set "${name}"`));
  } else if (newRs) {
    const progressed = JSON.stringify([replicas, updated, ready, available]) !== JSON.stringify([prev.replicas ?? 0, prev.updatedReplicas ?? 0, prev.readyReplicas ?? 0, prev.availableReplicas ?? 0]);
    if (po && po.status === 'True' && po.reason === 'ReplicaSetUpdated' && !progressed) {
      if (d.spec.progressDeadlineSeconds !== undefined && now - Date.parse(po.lastUpdateTime) > d.spec.progressDeadlineSeconds * 1000) {
        set(mk('Progressing', false, 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`));
      }
    } else if (po?.reason === 'NewReplicaSetCreated' && !progressed && po.message === `Created new replica set "${name}"`) {
      if (d.spec.progressDeadlineSeconds !== undefined && now - Date.parse(po.lastUpdateTime) > d.spec.progressDeadlineSeconds * 1000) {
        set(mk('Progressing', false, 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`));
      }
    } else if (!(po?.reason === 'ProgressDeadlineExceeded' && !progressed)) {
      const c = mk('Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`);
      if (po && po.status === 'True') c.lastTransitionTime = po.lastTransitionTime;
      conds = [...conds.filter((x) => x.type !== 'Progressing'), c];
    }
  }
  // wake up when the progress deadline would pass
  const pc = conds.find((c) => c.type === 'Progressing');
  if (pc && pc.status === 'True' && !d.spec.paused && (pc.reason === 'ReplicaSetUpdated' || pc.reason === 'NewReplicaSetCreated' || pc.reason === 'FoundNewReplicaSet') && d.spec.progressDeadlineSeconds !== undefined) {
    addTimer(world, Date.parse(pc.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 + 1000, 'deployment', key);
  }
  const status: KObject = {
    ...(available ? { availableReplicas: available } : {}),
    ...(prev.collisionCount ? { collisionCount: prev.collisionCount } : {}),
    conditions: conds,
    observedGeneration: d.metadata.generation ?? 1,
    ...(ready ? { readyReplicas: ready } : {}),
    ...(replicas ? { replicas } : {}),
    ...(unavailable ? { unavailableReplicas: unavailable } : {}),
    ...(updated ? { updatedReplicas: updated } : {}),
  };
  setStatus(world, 'Deployment', key, status, 'deployment');
}

/**
 * `kubectl rollout undo`: copies the template of the ReplicaSet at `toRevision` (0 = the previous revision) into
 * the Deployment. Returns the API error texts kubectl prints.
 */
export function rollbackDeployment(world: World, namespace: string, name: string, toRevision: number, now: number): { ok: true; value: KObject; unchanged?: boolean } | { ok: false; error: string } {
  const d = getRaw(world, 'Deployment', `${namespace}/${name}`);
  if (!d) return { ok: false, error: `deployments.apps "${name}" not found` };
  if (d.spec.paused) return { ok: false, error: `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again` };
  const revs = deploymentRevisions(world, namespace, name);
  let target: KObject | undefined;
  if (toRevision === 0) {
    const cur = revs[revs.length - 1];
    const prev = revs.filter((r) => r.revision !== cur?.revision).pop();
    if (!prev) return { ok: false, error: 'no rollout history found for deployment "' + name + '"' };
    target = prev.rs;
  } else {
    target = revs.find((r) => r.revision === toRevision)?.rs;
    if (!target) return { ok: false, error: `unable to find specified revision ${toRevision} in history` };
  }
  const tpl = structuredClone(target.spec.template);
  delete tpl.metadata?.labels?.['pod-template-hash'];
  if (templateEqualIgnoreHash(tpl, d.spec.template)) return { ok: true, value: d, unchanged: true };
  const c = structuredClone(d);
  c.spec.template = tpl;
  const cause = target.metadata.annotations?.['kubernetes.io/change-cause'];
  if (cause) (c.metadata.annotations ??= {})['kubernetes.io/change-cause'] = cause;
  else if (c.metadata.annotations) delete c.metadata.annotations['kubernetes.io/change-cause'];
  c.metadata.generation = (c.metadata.generation ?? 1) + 1;
  void now;
  return { ok: true, value: replace(world, c) };
}
