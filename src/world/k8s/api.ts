/**
 * The simulated API server: the ONLY way anything outside src/world/k8s reads or changes cluster objects.
 * kubectl (src/kubectl), the scenario runner and the controllers all go through these functions.
 *
 * Objects are plain JSON exactly as `kubectl get -o json` shows them. Errors carry the API server's own
 * message text, so kubectl can print `Error from server (NotFound): deployments.apps "web" not found`.
 * Invalid (422) messages are already in kubectl's rendering: `The Deployment "Web" is invalid: ...`.
 *
 * Owner: the cluster (src/world/k8s). Writes run strict decoding against the real schemas, validation,
 * defaulting and admission; deletes honour grace periods, finalizers and cascading (garbage collector).
 */
import type { World } from '../world.js';
import { randomString, randomUuid, K8S_ALPHABET } from '../../core/random.js';
import {
  CLUSTER_SCOPED, bucket, getRaw, insert, keyOf, nextRv, objKey, remove, replace, rfc3339, sim, dependents,
  type KObject as StoreObject,
} from './store.js';
import { applyDefaults, admitPod, GENERATION_KINDS, jobGeneratedSelector } from './defaults.js';
import { strictDecode, validateObject, validateUpdate, invalidMessage, enumErrors, type FieldError } from './validate.js';
import { checkFieldSelector, matchFields, matchRequirements, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { applyPatch, type PatchType } from './patch.js';
import { allocateClusterIp, allocateNodePort, releaseServiceAllocations } from './ipam.js';
import { admitQuota, applyLimitRanges, checkLimitRanges } from './quota.js';

export type KObject = StoreObject;

export interface ApiError {
  /** HTTP status: 400 BadRequest, 404 NotFound, 409 AlreadyExists/Conflict, 422 Invalid, 403 Forbidden */
  code: number;
  reason: 'BadRequest' | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'Forbidden' | 'MethodNotAllowed' | 'InternalError';
  /** The server's message, e.g. `deployments.apps "web" not found` or the full `The Deployment "Web" is invalid: ...`. */
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Discovery: one API resource, as `kubectl api-resources` lists it. */
export interface ResourceInfo {
  /** plural resource name: "deployments" */
  resource: string;
  singular: string;
  shortNames: string[];
  kind: string;
  /** "" for the core group */
  group: string;
  version: string;
  namespaced: boolean;
  verbs: string[];
}

export interface WriteOptions {
  /** 'All' = server-side dry run: validate and default, but do not store. */
  dryRun?: 'All';
  /** The simulated now (ms), for timestamps. */
  now: number;
  /** Field manager name (kubectl-client-side-apply, kubectl-create ...); may be ignored. */
  fieldManager?: string;
}

export interface DeleteOptions {
  now: number;
  dryRun?: 'All';
  /** seconds; 0 with force deletes at once */
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export interface ListOptions {
  /** kubectl label selector syntax: `app=web,tier!=db,env in (a,b),!x` */
  labelSelector?: string;
  /** `metadata.name=x,status.phase!=Running` */
  fieldSelector?: string;
}

/** Every resource the simulated server serves (kubectl api-resources). */
export function discovery(_world: World): ResourceInfo[] {
  return RESOURCES;
}

/** Finds a resource by plural, singular, short name, kind, or `resource.group` (as kubectl resolves `deploy`, `deployments.apps`). */
export function resolveResource(world: World, name: string): ResourceInfo | undefined {
  const n = name.toLowerCase();
  for (const r of discovery(world)) {
    if (r.resource === n || r.singular === n || r.shortNames.includes(n) || r.kind.toLowerCase() === n) return r;
    if (r.group && (n === `${r.resource}.${r.group}` || n === `${r.singular}.${r.group}` || n === `${r.kind.toLowerCase()}.${r.group}`)) return r;
  }
  return undefined;
}

export function storeKey(namespaced: boolean, namespace: string | undefined, name: string): string {
  return namespaced ? `${namespace ?? 'default'}/${name}` : name;
}

/** `deployments.apps`, `pods`: how the server names a resource in messages. */
export function groupedName(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** Is the API server reachable (minikube running)? kubectl prints the connection-refused line when not. */
export function clusterReachable(world: World): boolean {
  return world.cluster.status === 'Running';
}

export const CONNECTION_REFUSED = 'The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?';

function notFound(r: ResourceInfo, name: string): ApiError {
  return { code: 404, reason: 'NotFound', message: `${groupedName(r)} "${name}" not found` };
}
const noResource = (): ApiError => ({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });

export function getObject(world: World, kind: string, namespace: string | undefined, name: string): ApiResult<KObject> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: noResource() };
  const obj = world.cluster.objects[r.kind]?.[storeKey(r.namespaced, namespace, name)];
  return obj ? { ok: true, value: obj } : { ok: false, error: notFound(r, name) };
}

/** Lists objects of a kind; namespace undefined = all namespaces. Sorted by namespace then name, as the server does. */
export function listObjects(world: World, kind: string, namespace: string | undefined, opts: ListOptions = {}): ApiResult<KObject[]> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: noResource() };
  let labelReqs = null;
  if (opts.labelSelector) {
    const p = parseLabelSelector(opts.labelSelector);
    if (!p.ok) return { ok: false, error: { code: 400, reason: 'BadRequest', message: p.error } };
    labelReqs = p.value;
  }
  let fieldReqs = null;
  if (opts.fieldSelector) {
    const p = parseFieldSelector(opts.fieldSelector);
    if (!p.ok) return { ok: false, error: { code: 400, reason: 'BadRequest', message: p.error } };
    const bad = checkFieldSelector(r.kind, r.version, p.value);
    if (bad) return { ok: false, error: { code: 400, reason: 'BadRequest', message: bad } };
    fieldReqs = p.value;
  }
  const all = world.cluster.objects[r.kind] ?? {};
  const items: KObject[] = [];
  const prefix = r.namespaced && namespace !== undefined ? `${namespace}/` : undefined;
  for (const k in all) {
    if (prefix && !k.startsWith(prefix)) continue;
    const o = all[k]!;
    if (labelReqs && !matchRequirements(labelReqs, o.metadata?.labels)) continue;
    if (fieldReqs && !matchFields(fieldReqs, o)) continue;
    items.push(o);
  }
  items.sort((a, b) => {
    const na = a.metadata.namespace ?? '', nb = b.metadata.namespace ?? '';
    if (na !== nb) return na < nb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
  return { ok: true, value: items };
}

/** The apiVersions a kind is served at. */
function servedVersions(r: ResourceInfo): string[] {
  const gv = r.group ? `${r.group}/${r.version}` : r.version;
  if (r.kind === 'HorizontalPodAutoscaler') return ['autoscaling/v2', 'autoscaling/v1'];
  return [gv];
}

function resolveKind(world: World, obj: KObject): ApiResult<ResourceInfo> {
  const kind = obj?.kind;
  const apiVersion = obj?.apiVersion;
  const r = typeof kind === 'string' ? discovery(world).find((x) => x.kind === kind) : undefined;
  if (!r || !servedVersions(r).includes(apiVersion)) {
    return { ok: false, error: { code: 400, reason: 'BadRequest', message: `no matches for kind "${kind}" in version "${apiVersion}"` } };
  }
  return { ok: true, value: r };
}

const fail = (code: number, reason: ApiError['reason'], message: string): { ok: false; error: ApiError } => ({ ok: false, error: { code, reason, message } });

function invalid(kind: string, name: string, errs: FieldError[]): { ok: false; error: ApiError } {
  return fail(422, 'Invalid', invalidMessage(kind, name, errs));
}

/** Checks the namespace of a namespaced write exists and is not terminating. */
function checkNamespace(world: World, r: ResourceInfo, ns: string, name: string): ApiError | null {
  if (!r.namespaced) return null;
  const nso = getRaw(world, 'Namespace', ns);
  if (!nso) return { code: 404, reason: 'NotFound', message: `namespaces "${ns}" not found` };
  if (nso.metadata.deletionTimestamp || nso.status?.phase === 'Terminating') {
    return { code: 403, reason: 'Forbidden', message: `${groupedName(r)} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated` };
  }
  return null;
}

const PROTECTED_FINALIZERS: Record<string, string> = {
  PersistentVolumeClaim: 'kubernetes.io/pvc-protection',
  PersistentVolume: 'kubernetes.io/pv-protection',
};

/** Validates, defaults and admits a new object; returns what would be stored (nothing stored yet). */
function prepareCreate(world: World, obj: KObject, opts: WriteOptions): ApiResult<{ o: KObject; r: ResourceInfo }> {
  if (!obj || typeof obj !== 'object') return fail(400, 'BadRequest', 'Object \'Kind\' is missing in \'{}\'');
  const rk = resolveKind(world, obj);
  if (!rk.ok) return rk;
  const r = rk.value;
  const dec = strictDecode(obj, r.group, obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[1] : obj.apiVersion, r.kind);
  if (dec) return fail(400, 'BadRequest', dec);
  const o = structuredClone(obj);
  o.metadata ??= {};
  if (r.namespaced) o.metadata.namespace ??= 'default';
  else delete o.metadata.namespace;
  if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + randomString(world, K8S_ALPHABET, 5);
  // fields the server owns
  for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'selfLink', 'managedFields']) delete o.metadata[f];
  // status is the server's (PrepareForCreate resets it); defaulting puts back the initial one
  delete o.status;
  const errs = [...validateObject(o), ...enumErrors(o, r.group, String(o.apiVersion).split('/').pop()!, r.kind)];
  if (errs.length) return invalid(r.kind, o.metadata.name ?? '', errs);
  const nsErr = checkNamespace(world, r, o.metadata.namespace, o.metadata.name);
  if (nsErr) return { ok: false, error: nsErr };
  if (bucket(world, r.kind)[keyOf(r.kind, o.metadata.namespace, o.metadata.name)]) {
    return fail(409, 'AlreadyExists', `${groupedName(r)} "${o.metadata.name}" already exists`);
  }
  applyDefaults(world, o);
  if (o.kind === 'Pod') {
    applyLimitRanges(world, o);
    admitPod(world, o);
    if (o.spec.serviceAccountName !== 'default' && !getRaw(world, 'ServiceAccount', `${o.metadata.namespace}/${o.spec.serviceAccountName}`)) {
      return fail(403, 'Forbidden', `pods "${o.metadata.name}" is forbidden: error looking up service account ${o.metadata.namespace}/${o.spec.serviceAccountName}: serviceaccount "${o.spec.serviceAccountName}" not found`);
    }
    const lr = checkLimitRanges(world, o);
    if (lr) return fail(403, 'Forbidden', lr);
    const q = admitQuota(world, o);
    if (q) return fail(403, 'Forbidden', q);
  } else if (r.namespaced) {
    const q = admitQuota(world, o);
    if (q) return fail(403, 'Forbidden', q);
  }
  if (o.kind === 'Service') {
    const e = allocateService(world, o, undefined, !!opts.dryRun);
    if (e) return { ok: false, error: e };
  }
  if (PROTECTED_FINALIZERS[o.kind]) {
    const f = (o.metadata.finalizers ??= []);
    if (!f.includes(PROTECTED_FINALIZERS[o.kind])) f.push(PROTECTED_FINALIZERS[o.kind]);
  }
  if (o.kind === 'Secret' && o.stringData) {
    o.data ??= {};
    for (const [k, v] of Object.entries(o.stringData)) o.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete o.stringData;
  }
  return { ok: true, value: { o, r } };
}

function allocateService(world: World, o: KObject, old: KObject | undefined, dry: boolean): ApiError | null {
  const spec = o.spec;
  if (spec.type === 'ExternalName') return null;
  if (old?.spec?.clusterIP) {
    spec.clusterIP ??= old.spec.clusterIP;
    spec.clusterIPs ??= old.spec.clusterIPs;
  }
  if (spec.clusterIP === undefined || spec.clusterIP === '') {
    const ip = allocateClusterIp(world, dry);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  } else if (spec.clusterIP === 'None') {
    spec.clusterIPs ??= ['None'];
  } else {
    spec.clusterIPs ??= [spec.clusterIP];
    if (!old && sim(world).usedClusterIps[spec.clusterIP]) {
      return { code: 422, reason: 'Invalid', message: invalidMessage('Service', o.metadata.name, [{ field: 'spec.clusterIPs', text: `Invalid value: []string{"${spec.clusterIP}"}: failed to allocate IP ${spec.clusterIP}: provided IP is already allocated` }]) };
    }
    if (!dry) sim(world).usedClusterIps[spec.clusterIP] = 1;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    for (const [i, p] of (spec.ports ?? []).entries()) {
      const prev = old?.spec?.ports?.find((x: KObject) => x.port === p.port && x.protocol === p.protocol)?.nodePort;
      if (p.nodePort === undefined && prev) { p.nodePort = prev; continue; }
      if (p.nodePort !== undefined) {
        if (p.nodePort !== prev && sim(world).usedNodePorts[p.nodePort]) {
          return { code: 422, reason: 'Invalid', message: invalidMessage('Service', o.metadata.name, [{ field: `spec.ports[${i}].nodePort`, text: `Invalid value: ${p.nodePort}: provided port is already allocated` }]) };
        }
        if (!dry) sim(world).usedNodePorts[p.nodePort] = 1;
      } else p.nodePort = allocateNodePort(world, dry);
    }
  } else {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  return null;
}

function createObjectImpl(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  const p = prepareCreate(world, obj, opts);
  if (!p.ok) return p;
  const { o } = p.value;
  o.metadata.uid = undefined;
  delete o.metadata.uid;
  if (opts.dryRun) {
    o.metadata.uid = '00000000-0000-4000-8000-000000000000';
    o.metadata.creationTimestamp = rfc3339(opts.now);
    if (GENERATION_KINDS.has(o.kind)) o.metadata.generation = 1;
    if (o.kind === 'Job') jobGeneratedSelector(o);
    return { ok: true, value: o };
  }
  if (GENERATION_KINDS.has(o.kind)) o.metadata.generation = 1;
  // uid first (jobs build their selector from it), then store
  o.metadata.creationTimestamp = rfc3339(opts.now);
  o.metadata.uid = randomUuid(world);
  if (o.kind === 'Job') jobGeneratedSelector(o);
  const stored = insert(world, reorderMeta(o), opts.now);
  return { ok: true, value: stored };
}


/** Keeps metadata keys in the order the server prints them (kubectl -o yaml sorts keys anyway; json does not). */
function reorderMeta(o: KObject): KObject {
  const m = o.metadata;
  const order = ['annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers', 'generateName', 'generation', 'labels', 'name', 'namespace', 'ownerReferences', 'resourceVersion', 'uid'];
  const nm: KObject = {};
  for (const k of order) if (m[k] !== undefined) nm[k] = m[k];
  for (const k of Object.keys(m)) if (!(k in nm) && m[k] !== undefined) nm[k] = m[k];
  o.metadata = nm;
  return o;
}

function conflict(r: ResourceInfo, name: string): { ok: false; error: ApiError } {
  return fail(409, 'Conflict', `Operation cannot be fulfilled on ${groupedName(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
}

/** Validates an update of `cur` to `next` and returns the object to store. */
function prepareUpdate(world: World, r: ResourceInfo, cur: KObject, obj: KObject, opts: WriteOptions, subresource?: 'status'): ApiResult<KObject> {
  if (obj.metadata?.resourceVersion && obj.metadata.resourceVersion !== cur.metadata.resourceVersion) return conflict(r, cur.metadata.name);
  const version = String(obj.apiVersion ?? cur.apiVersion).split('/').pop()!;
  const dec = strictDecode(obj, r.group, version, r.kind);
  if (dec) return fail(400, 'BadRequest', dec);
  const o = structuredClone(obj);
  o.apiVersion ??= cur.apiVersion;
  o.kind ??= cur.kind;
  o.metadata ??= {};
  for (const f of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'namespace', 'name', 'ownerReferences']) {
    if (f === 'ownerReferences' && o.metadata[f] !== undefined) continue;
    if (cur.metadata[f] !== undefined) o.metadata[f] = cur.metadata[f];
    else delete o.metadata[f];
  }
  if (subresource === 'status') {
    const n = structuredClone(cur);
    n.status = o.status;
    return { ok: true, value: n };
  }
  // status is not changed through the main resource (except kinds without a status subresource)
  if (!['ConfigMap', 'Secret', 'ServiceAccount', 'Event', 'Endpoints', 'EndpointSlice', 'Lease', 'StorageClass'].includes(r.kind)) {
    if (cur.status !== undefined) o.status = structuredClone(cur.status);
    else delete o.status;
  }
  applyDefaults(world, o);
  if (r.kind === 'Pod') {
    // admission fields are kept from the stored pod
    for (const f of ['serviceAccount', 'serviceAccountName', 'enableServiceLinks', 'preemptionPolicy', 'priority', 'nodeName', 'volumes']) {
      if (cur.spec[f] !== undefined && o.spec[f] === undefined) o.spec[f] = structuredClone(cur.spec[f]);
    }
    for (const [i, c] of (o.spec.containers ?? []).entries()) {
      const cc = cur.spec.containers?.[i];
      if (cc?.volumeMounts && !c.volumeMounts) c.volumeMounts = structuredClone(cc.volumeMounts);
    }
    o.spec.tolerations ??= structuredClone(cur.spec.tolerations);
  }
  if (r.kind === 'Job' && !o.spec.selector) { o.spec.selector = cur.spec.selector; }
  if (r.kind === 'Job') jobGeneratedSelector(o);
  const errs = [...validateObject(o), ...enumErrors(o, r.group, String(o.apiVersion).split('/').pop()!, r.kind), ...validateUpdate(cur, o)];
  if (errs.length) return invalid(r.kind, cur.metadata.name, errs);
  if (r.kind === 'Service') {
    const e = allocateService(world, o, cur, !!opts.dryRun);
    if (e) return { ok: false, error: e };
  }
  if (r.kind === 'Secret' && o.stringData) {
    o.data ??= {};
    for (const [k, v] of Object.entries(o.stringData)) o.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete o.stringData;
  }
  if (GENERATION_KINDS.has(r.kind)) {
    const strip = (x: KObject) => JSON.stringify({ ...x, metadata: undefined, status: undefined, apiVersion: undefined, kind: undefined });
    o.metadata.generation = (cur.metadata.generation ?? 1) + (strip(cur) !== strip(o) ? 1 : 0);
  }
  // an object being deleted is removed once its last finalizer goes
  return { ok: true, value: reorderMeta(o) };
}

/** Replaces an existing object (PUT). */
function updateObjectImpl(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  const rk = resolveKind(world, obj);
  if (!rk.ok) return rk;
  const r = rk.value;
  const key = storeKey(r.namespaced, obj.metadata?.namespace ?? (r.namespaced ? 'default' : undefined), obj.metadata?.name);
  const cur = (world.cluster.objects[r.kind] ?? {})[key];
  if (!cur) return { ok: false, error: notFound(r, obj.metadata?.name) };
  const p = prepareUpdate(world, r, cur, obj, opts);
  if (!p.ok) return p;
  if (opts.dryRun) return p;
  return { ok: true, value: store(world, p.value, opts.now) };
}

/** PUT on the status subresource (controllers outside src/world/k8s, tests). */
export function updateStatus(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  const rk = resolveKind(world, obj);
  if (!rk.ok) return rk;
  const r = rk.value;
  const cur = (world.cluster.objects[r.kind] ?? {})[storeKey(r.namespaced, obj.metadata?.namespace ?? 'default', obj.metadata?.name)];
  if (!cur) return { ok: false, error: notFound(r, obj.metadata?.name) };
  const p = prepareUpdate(world, r, cur, obj, opts, 'status');
  if (!p.ok || opts.dryRun) return p;
  return { ok: true, value: store(world, p.value, opts.now) };
}

function store(world: World, o: KObject, now: number): KObject {
  if (o.metadata.deletionTimestamp && !(o.metadata.finalizers ?? []).length && o.kind !== 'Pod') {
    remove(world, o.kind, objKey(o));
    return o;
  }
  void now;
  return replace(world, o);
}

export type { PatchType };

/**
 * PATCH: `strategic` (strategic merge patch: containers by name, ports by containerPort, env by name ...),
 * `merge` (RFC 7386 JSON merge patch) or `json` (RFC 6902 JSON patch; `patch` is the array of operations).
 */
function patchObjectImpl(
  world: World, kind: string, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown,
  opts: WriteOptions & { subresource?: 'status' | 'scale' },
): ApiResult<KObject> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: noResource() };
  const cur = world.cluster.objects[r.kind]?.[storeKey(r.namespaced, namespace, name)];
  if (!cur) return { ok: false, error: notFound(r, name) };
  const applied = applyPatch(structuredClone(cur), patchType, patch, r.kind);
  if (!applied.ok) return fail(applied.code ?? 400, applied.code === 422 ? 'Invalid' : 'BadRequest', applied.error);
  const next = applied.value;
  // the patched object keeps the current resourceVersion unless the patch sets one
  const patchRv = (patch as KObject)?.metadata?.resourceVersion;
  next.metadata.resourceVersion = patchRv ?? cur.metadata.resourceVersion;
  const p = prepareUpdate(world, r, cur, next, opts, opts.subresource === 'status' ? 'status' : undefined);
  if (!p.ok || opts.dryRun) return p;
  return { ok: true, value: store(world, p.value, opts.now) };
}

/** The scale subresource: what `kubectl scale` does. */
function scaleObjectImpl(world: World, kind: string, namespace: string, name: string, replicas: number, opts: WriteOptions & { currentReplicas?: number; resourceVersion?: string }): ApiResult<KObject> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: noResource() };
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(r.kind)) {
    return fail(404, 'NotFound', `${groupedName(r)} "${name}" not found`);
  }
  const cur = world.cluster.objects[r.kind]?.[storeKey(true, namespace, name)];
  if (!cur) return { ok: false, error: notFound(r, name) };
  if (opts.currentReplicas !== undefined && cur.spec.replicas !== opts.currentReplicas) {
    return fail(409, 'Conflict', `Operation cannot be fulfilled on ${groupedName(r)} "${name}": the object has been modified; please apply your changes to the latest version and try again`);
  }
  if (replicas < 0) return invalid(r.kind, name, [{ field: 'spec.replicas', text: `Invalid value: ${replicas}: must be greater than or equal to 0` }]);
  return patchObjectImpl(world, r.kind, namespace, name, 'merge', { spec: { replicas } }, opts);
}

const PROTECTED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export function deleteObject(world: World, kind: string, namespace: string | undefined, name: string, opts: DeleteOptions): ApiResult<KObject> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: noResource() };
  const key = storeKey(r.namespaced, namespace, name);
  const b = world.cluster.objects[r.kind] ?? {};
  const obj = b[key];
  if (!obj) return { ok: false, error: notFound(r, name) };
  if (r.kind === 'Namespace' && PROTECTED_NAMESPACES.has(name)) {
    return fail(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
  }
  const now = opts.now;
  const ts = rfc3339(now);
  if (opts.dryRun) {
    const c = structuredClone(obj);
    return { ok: true, value: c };
  }
  const policy = opts.propagationPolicy ?? (['ReplicaSet', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(r.kind) ? 'Background' : 'Background');
  if (policy === 'Orphan') {
    for (const d of dependents(world, obj.metadata.uid)) {
      const dc = structuredClone(d.obj);
      dc.metadata.ownerReferences = (dc.metadata.ownerReferences ?? []).filter((x: KObject) => x.uid !== obj.metadata.uid);
      if (!dc.metadata.ownerReferences.length) delete dc.metadata.ownerReferences;
      replace(world, dc);
    }
  }
  if (r.kind === 'Namespace') {
    if (obj.metadata.deletionTimestamp) return { ok: true, value: obj };
    const o = structuredClone(obj);
    o.metadata.deletionTimestamp = ts;
    o.status = { ...(o.status ?? {}), phase: 'Terminating' };
    return { ok: true, value: replace(world, o) };
  }
  if (r.kind === 'Pod') {
    const grace = opts.gracePeriodSeconds ?? obj.spec?.terminationGracePeriodSeconds ?? 30;
    const unscheduled = !obj.spec?.nodeName;
    const terminal = obj.status?.phase === 'Succeeded' || obj.status?.phase === 'Failed';
    if (grace <= 0 || unscheduled || terminal) {
      if (!(obj.metadata.finalizers ?? []).length) {
        remove(world, 'Pod', key);
        const gone = structuredClone(obj);
        return { ok: true, value: gone };
      }
    }
    if (obj.metadata.deletionTimestamp) {
      // a second delete may shorten the grace period
      const cur = Date.parse(obj.metadata.deletionTimestamp);
      const want = now + grace * 1000;
      if (want < cur) {
        const o = structuredClone(obj);
        o.metadata.deletionTimestamp = rfc3339(want);
        o.metadata.deletionGracePeriodSeconds = grace;
        return { ok: true, value: replace(world, o) };
      }
      return { ok: true, value: obj };
    }
    const o = structuredClone(obj);
    o.metadata.deletionTimestamp = rfc3339(now + grace * 1000);
    o.metadata.deletionGracePeriodSeconds = grace;
    if (o.metadata.generation !== undefined) o.metadata.generation += 1;
    return { ok: true, value: replace(world, o) };
  }
  if (policy === 'Foreground' && dependents(world, obj.metadata.uid).length) {
    const o = structuredClone(obj);
    o.metadata.deletionTimestamp ??= ts;
    o.metadata.deletionGracePeriodSeconds = 0;
    const f = (o.metadata.finalizers ??= []);
    if (!f.includes('foregroundDeletion')) f.push('foregroundDeletion');
    return { ok: true, value: replace(world, o) };
  }
  if ((obj.metadata.finalizers ?? []).length) {
    if (obj.metadata.deletionTimestamp) return { ok: true, value: obj };
    const o = structuredClone(obj);
    o.metadata.deletionTimestamp = ts;
    o.metadata.deletionGracePeriodSeconds = 0;
    if (o.metadata.generation !== undefined) o.metadata.generation += 1;
    return { ok: true, value: replace(world, o) };
  }
  if (r.kind === 'Service') releaseServiceAllocations(world, obj);
  remove(world, r.kind, key);
  return { ok: true, value: obj };
}

/** Removes a finalizer (controllers) and deletes the object when it was the last one of a deleting object. */
export function removeFinalizer(world: World, kind: string, key: string, finalizer: string): void {
  const o = getRaw(world, kind, key);
  if (!o || !(o.metadata.finalizers ?? []).includes(finalizer)) return;
  const c = structuredClone(o);
  c.metadata.finalizers = c.metadata.finalizers.filter((f: string) => f !== finalizer);
  if (!c.metadata.finalizers.length) delete c.metadata.finalizers;
  if (c.metadata.deletionTimestamp && !c.metadata.finalizers) {
    if (kind === 'Service') releaseServiceAllocations(world, o);
    remove(world, kind, key);
    return;
  }
  replace(world, c);
}

export { nextRv, CLUSTER_SCOPED };

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const core = (resource: string, singular: string, kind: string, shortNames: string[] = [], namespaced = true, verbs = VERBS): ResourceInfo => ({
  resource, singular, kind, shortNames, group: '', version: 'v1', namespaced, verbs,
});
const grp = (group: string, version: string, resource: string, singular: string, kind: string, shortNames: string[] = [], namespaced = true, verbs = VERBS): ResourceInfo => ({
  ...core(resource, singular, kind, shortNames, namespaced, verbs), group, version,
});

/** The resources a v1.33 minikube cluster serves. */
export const RESOURCES: ResourceInfo[] = [
  core('bindings', 'binding', 'Binding', [], true, ['create']),
  core('componentstatuses', 'componentstatus', 'ComponentStatus', ['cs'], false, ['get', 'list']),
  core('configmaps', 'configmap', 'ConfigMap', ['cm']),
  core('endpoints', 'endpoints', 'Endpoints', ['ep']),
  core('events', 'event', 'Event', ['ev']),
  core('limitranges', 'limitrange', 'LimitRange', ['limits']),
  core('namespaces', 'namespace', 'Namespace', ['ns'], false, ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  core('nodes', 'node', 'Node', ['no'], false),
  core('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', ['pvc']),
  core('persistentvolumes', 'persistentvolume', 'PersistentVolume', ['pv'], false),
  core('pods', 'pod', 'Pod', ['po']),
  core('podtemplates', 'podtemplate', 'PodTemplate'),
  core('replicationcontrollers', 'replicationcontroller', 'ReplicationController', ['rc']),
  core('resourcequotas', 'resourcequota', 'ResourceQuota', ['quota']),
  core('secrets', 'secret', 'Secret'),
  core('serviceaccounts', 'serviceaccount', 'ServiceAccount', ['sa']),
  core('services', 'service', 'Service', ['svc'], true, ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
  grp('apps', 'v1', 'controllerrevisions', 'controllerrevision', 'ControllerRevision'),
  grp('apps', 'v1', 'daemonsets', 'daemonset', 'DaemonSet', ['ds']),
  grp('apps', 'v1', 'deployments', 'deployment', 'Deployment', ['deploy']),
  grp('apps', 'v1', 'replicasets', 'replicaset', 'ReplicaSet', ['rs']),
  grp('apps', 'v1', 'statefulsets', 'statefulset', 'StatefulSet', ['sts']),
  grp('autoscaling', 'v2', 'horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', ['hpa']),
  grp('batch', 'v1', 'cronjobs', 'cronjob', 'CronJob', ['cj']),
  grp('batch', 'v1', 'jobs', 'job', 'Job'),
  grp('coordination.k8s.io', 'v1', 'leases', 'lease', 'Lease'),
  grp('discovery.k8s.io', 'v1', 'endpointslices', 'endpointslice', 'EndpointSlice'),
  grp('events.k8s.io', 'v1', 'events', 'event', 'Event', ['ev']),
  grp('networking.k8s.io', 'v1', 'ingressclasses', 'ingressclass', 'IngressClass', [], false),
  grp('networking.k8s.io', 'v1', 'ingresses', 'ingress', 'Ingress', ['ing']),
  grp('networking.k8s.io', 'v1', 'networkpolicies', 'networkpolicy', 'NetworkPolicy', ['netpol']),
  grp('policy', 'v1', 'poddisruptionbudgets', 'poddisruptionbudget', 'PodDisruptionBudget', ['pdb']),
  grp('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', [], false),
  grp('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'clusterrole', 'ClusterRole', [], false),
  grp('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'rolebinding', 'RoleBinding'),
  grp('rbac.authorization.k8s.io', 'v1', 'roles', 'role', 'Role'),
  grp('scheduling.k8s.io', 'v1', 'priorityclasses', 'priorityclass', 'PriorityClass', ['pc'], false),
  grp('storage.k8s.io', 'v1', 'storageclasses', 'storageclass', 'StorageClass', ['sc'], false),
];

// ---------------------------------------------------------------- the rest of the cluster's public surface
export { recordEvent } from './store.js';
export { bootstrapCluster, minikubeStart, minikubeStop, minikubeDelete, minikubeStatus, type MinikubeStatus } from './bootstrap.js';
export { rollbackDeployment, deploymentRevisions } from './controllers/deployment.js';
export { podLogs, containerNames, execInPod, podFs, minikubeImageLoad } from './kubelet.js';
export { addPortForward, removePortForward, resolveServiceUrl } from './network.js';
export { podMetrics, nodeMetrics, setLoad, metricsAvailable } from './metrics.js';
export { evictPod } from './controllers/misc.js';
export { resolveConnection, lookupHost } from './network.js';

// ---------------------------------------------------------------- writes are all-or-nothing

/** Runs a write; when it fails, the world's randomness and address allocations are put back as they were. */
function transactional<T>(world: World, fn: () => ApiResult<T>): ApiResult<T> {
  const s = sim(world);
  const rng = world.rng, seq = world.seq;
  const ips = { ...s.usedClusterIps }, ports = { ...s.usedNodePorts };
  const r = fn();
  if (!r.ok) {
    world.rng = rng;
    world.seq = seq;
    s.usedClusterIps = ips;
    s.usedNodePorts = ports;
  }
  return r;
}

export function createObject(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  return transactional(world, () => createObjectImpl(world, obj, opts));
}

/** Replaces an existing object (PUT). */
export function updateObject(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  return transactional(world, () => updateObjectImpl(world, obj, opts));
}

/**
 * PATCH: `strategic` (strategic merge patch: containers by name, ports by containerPort, env by name ...),
 * `merge` (RFC 7386 JSON merge patch) or `json` (RFC 6902 JSON patch; `patch` is the array of operations).
 */
export function patchObject(
  world: World, kind: string, namespace: string | undefined, name: string, patchType: PatchType, patch: unknown,
  opts: WriteOptions & { subresource?: 'status' | 'scale' },
): ApiResult<KObject> {
  return transactional(world, () => patchObjectImpl(world, kind, namespace, name, patchType, patch, opts));
}

/** The scale subresource: what `kubectl scale` does. */
export function scaleObject(world: World, kind: string, namespace: string, name: string, replicas: number, opts: WriteOptions & { currentReplicas?: number; resourceVersion?: string }): ApiResult<KObject> {
  return transactional(world, () => scaleObjectImpl(world, kind, namespace, name, replicas, opts));
}
