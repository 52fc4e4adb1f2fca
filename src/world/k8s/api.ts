/**
 * The simulated API server: the ONLY way anything outside src/world/k8s reads or changes cluster objects.
 * kubectl (src/kubectl), the scenario runner and the controllers all go through these functions.
 *
 * Objects are plain JSON exactly as `kubectl get -o json` shows them. Errors carry the API server's own
 * message text, so kubectl can print `Error from server (NotFound): deployments.apps "web" not found`.
 *
 * Owner: the cluster (src/world/k8s). This first version is a bare store; the cluster work adds defaulting,
 * schema validation, admission, finalizers and graceful deletion behind the same signatures.
 */
import type { World } from '../world.js';

export type KObject = Record<string, any>;

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
    if (r.group && (n === `${r.resource}.${r.group}` || n === `${r.singular}.${r.group}`)) return r;
  }
  return undefined;
}

export function storeKey(namespaced: boolean, namespace: string | undefined, name: string): string {
  return namespaced ? `${namespace ?? 'default'}/${name}` : name;
}

function groupedName(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

function notFound(r: ResourceInfo, name: string): ApiError {
  return { code: 404, reason: 'NotFound', message: `${groupedName(r)} "${name}" not found` };
}

export function getObject(world: World, kind: string, namespace: string | undefined, name: string): ApiResult<KObject> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: { code: 404, reason: 'NotFound', message: `the server could not find the requested resource` } };
  const obj = world.cluster.objects[r.kind]?.[storeKey(r.namespaced, namespace, name)];
  return obj ? { ok: true, value: obj } : { ok: false, error: notFound(r, name) };
}

/** Lists objects of a kind; namespace undefined = all namespaces. Sorted by namespace then name, as the server does. */
export function listObjects(world: World, kind: string, namespace: string | undefined, _opts: ListOptions = {}): ApiResult<KObject[]> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: { code: 404, reason: 'NotFound', message: `the server could not find the requested resource` } };
  const all = Object.values(world.cluster.objects[r.kind] ?? {});
  const items = r.namespaced && namespace !== undefined ? all.filter((o) => o.metadata?.namespace === namespace) : all;
  items.sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  return { ok: true, value: items };
}

export function createObject(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  const r = resolveResource(world, obj.kind);
  if (!r) return { ok: false, error: { code: 400, reason: 'BadRequest', message: `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"` } };
  const o = structuredClone(obj);
  o.metadata ??= {};
  if (r.namespaced) o.metadata.namespace ??= 'default';
  const key = storeKey(r.namespaced, o.metadata.namespace, o.metadata.name);
  const bucket = (world.cluster.objects[r.kind] ??= {});
  if (bucket[key]) return { ok: false, error: { code: 409, reason: 'AlreadyExists', message: `${groupedName(r)} "${o.metadata.name}" already exists` } };
  o.metadata.creationTimestamp ??= new Date(Math.floor(opts.now / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  o.metadata.resourceVersion = String(++world.cluster.resourceVersion);
  if (opts.dryRun) return { ok: true, value: o };
  bucket[key] = o;
  return { ok: true, value: o };
}

/** Replaces an existing object (PUT). */
export function updateObject(world: World, obj: KObject, opts: WriteOptions): ApiResult<KObject> {
  const r = resolveResource(world, obj.kind);
  if (!r) return { ok: false, error: { code: 400, reason: 'BadRequest', message: `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"` } };
  const key = storeKey(r.namespaced, obj.metadata?.namespace, obj.metadata?.name);
  const bucket = world.cluster.objects[r.kind] ?? {};
  if (!bucket[key]) return { ok: false, error: notFound(r, obj.metadata?.name) };
  const o = structuredClone(obj);
  o.metadata.resourceVersion = String(++world.cluster.resourceVersion);
  if (!opts.dryRun) bucket[key] = o;
  return { ok: true, value: o };
}

export function deleteObject(world: World, kind: string, namespace: string | undefined, name: string, opts: DeleteOptions): ApiResult<KObject> {
  const r = resolveResource(world, kind);
  if (!r) return { ok: false, error: { code: 404, reason: 'NotFound', message: `the server could not find the requested resource` } };
  const key = storeKey(r.namespaced, namespace, name);
  const bucket = world.cluster.objects[r.kind] ?? {};
  const obj = bucket[key];
  if (!obj) return { ok: false, error: notFound(r, name) };
  if (!opts.dryRun) delete bucket[key];
  return { ok: true, value: obj };
}

const core = (resource: string, singular: string, kind: string, shortNames: string[] = [], namespaced = true): ResourceInfo => ({
  resource, singular, kind, shortNames, group: '', version: 'v1', namespaced,
  verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
});
const grp = (group: string, version: string, resource: string, singular: string, kind: string, shortNames: string[] = [], namespaced = true): ResourceInfo => ({
  ...core(resource, singular, kind, shortNames, namespaced), group, version,
});

/** The resources a v1.33 minikube cluster serves (a subset; the cluster work completes it). */
export const RESOURCES: ResourceInfo[] = [
  core('pods', 'pod', 'Pod', ['po']),
  core('services', 'service', 'Service', ['svc']),
  core('namespaces', 'namespace', 'Namespace', ['ns'], false),
  core('nodes', 'node', 'Node', ['no'], false),
  core('configmaps', 'configmap', 'ConfigMap', ['cm']),
  core('secrets', 'secret', 'Secret'),
  core('serviceaccounts', 'serviceaccount', 'ServiceAccount', ['sa']),
  core('endpoints', 'endpoints', 'Endpoints', ['ep']),
  core('events', 'event', 'Event', ['ev']),
  core('persistentvolumes', 'persistentvolume', 'PersistentVolume', ['pv'], false),
  core('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', ['pvc']),
  core('resourcequotas', 'resourcequota', 'ResourceQuota', ['quota']),
  core('limitranges', 'limitrange', 'LimitRange', ['limits']),
  grp('apps', 'v1', 'deployments', 'deployment', 'Deployment', ['deploy']),
  grp('apps', 'v1', 'replicasets', 'replicaset', 'ReplicaSet', ['rs']),
  grp('apps', 'v1', 'statefulsets', 'statefulset', 'StatefulSet', ['sts']),
  grp('apps', 'v1', 'daemonsets', 'daemonset', 'DaemonSet', ['ds']),
  grp('batch', 'v1', 'jobs', 'job', 'Job'),
  grp('batch', 'v1', 'cronjobs', 'cronjob', 'CronJob', ['cj']),
  grp('networking.k8s.io', 'v1', 'ingresses', 'ingress', 'Ingress', ['ing']),
  grp('networking.k8s.io', 'v1', 'networkpolicies', 'networkpolicy', 'NetworkPolicy', ['netpol']),
  grp('storage.k8s.io', 'v1', 'storageclasses', 'storageclass', 'StorageClass', ['sc'], false),
  grp('autoscaling', 'v2', 'horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', ['hpa']),
  grp('policy', 'v1', 'poddisruptionbudgets', 'poddisruptionbudget', 'PodDisruptionBudget', ['pdb']),
  grp('coordination.k8s.io', 'v1', 'leases', 'lease', 'Lease'),
  grp('rbac.authorization.k8s.io', 'v1', 'roles', 'role', 'Role'),
  grp('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'rolebinding', 'RoleBinding'),
  grp('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'clusterrole', 'ClusterRole', [], false),
  grp('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', [], false),
  grp('discovery.k8s.io', 'v1', 'endpointslices', 'endpointslice', 'EndpointSlice'),
  grp('scheduling.k8s.io', 'v1', 'priorityclasses', 'priorityclass', 'PriorityClass', ['pc'], false),
];
