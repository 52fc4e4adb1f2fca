#!/usr/bin/env node
// A tiny API server for recording real kubectl output (fixtures/kubectl).
// Serves /api, /apis and one APIResourceList per group/version, and a small object store: GET (item and list),
// POST, PUT, PATCH (merge semantics for every patch type), DELETE, the /scale subresource, with the API server's
// NotFound/AlreadyExists Status bodies; SelfSubjectReview and SelfSubjectAccessReview (allowed for verbs
// get/list/watch/create only). No watch, no Tables: use it for messages that depend on the server's answer.
// Usage: node scripts/kubectl-stub-server.mjs PORT [SEED.json]   (prints "listening PORT" when ready)
// SEED.json: an array of objects stored at start (apiVersion, kind, metadata.name[, metadata.namespace]).
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 18443);
const V = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const r = (name, singularName, kind, namespaced, shortNames = []) => ({ name, singularName, namespaced, kind, verbs: V, ...(shortNames.length ? { shortNames } : {}) });
const groups = {
  '/api/v1': [
    r('pods', 'pod', 'Pod', true, ['po']), r('services', 'service', 'Service', true, ['svc']),
    r('namespaces', 'namespace', 'Namespace', false, ['ns']), r('nodes', 'node', 'Node', false, ['no']),
    r('configmaps', 'configmap', 'ConfigMap', true, ['cm']), r('secrets', 'secret', 'Secret', true),
    r('serviceaccounts', 'serviceaccount', 'ServiceAccount', true, ['sa']), r('endpoints', 'endpoints', 'Endpoints', true, ['ep']),
    r('persistentvolumes', 'persistentvolume', 'PersistentVolume', false, ['pv']),
    r('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', true, ['pvc']),
    r('resourcequotas', 'resourcequota', 'ResourceQuota', true, ['quota']), r('events', 'event', 'Event', true, ['ev']),
    r('replicationcontrollers', 'replicationcontroller', 'ReplicationController', true, ['rc']),
  ],
  '/apis/apps/v1': [
    r('deployments', 'deployment', 'Deployment', true, ['deploy']), r('replicasets', 'replicaset', 'ReplicaSet', true, ['rs']),
    r('statefulsets', 'statefulset', 'StatefulSet', true, ['sts']), r('daemonsets', 'daemonset', 'DaemonSet', true, ['ds']),
  ],
  '/apis/batch/v1': [r('jobs', 'job', 'Job', true), r('cronjobs', 'cronjob', 'CronJob', true, ['cj'])],
  '/apis/networking.k8s.io/v1': [r('ingresses', 'ingress', 'Ingress', true, ['ing']), r('networkpolicies', 'networkpolicy', 'NetworkPolicy', true, ['netpol'])],
  '/apis/rbac.authorization.k8s.io/v1': [
    r('roles', 'role', 'Role', true), r('rolebindings', 'rolebinding', 'RoleBinding', true),
    r('clusterroles', 'clusterrole', 'ClusterRole', false), r('clusterrolebindings', 'clusterrolebinding', 'ClusterRoleBinding', false),
  ],
  '/apis/autoscaling/v2': [r('horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', true, ['hpa'])],
  '/apis/autoscaling/v1': [r('horizontalpodautoscalers', 'horizontalpodautoscaler', 'HorizontalPodAutoscaler', true, ['hpa'])],
  '/apis/policy/v1': [r('poddisruptionbudgets', 'poddisruptionbudget', 'PodDisruptionBudget', true, ['pdb'])],
  '/apis/scheduling.k8s.io/v1': [r('priorityclasses', 'priorityclass', 'PriorityClass', false, ['pc'])],
  '/apis/storage.k8s.io/v1': [r('storageclasses', 'storageclass', 'StorageClass', false, ['sc'])],
  '/apis/authentication.k8s.io/v1': [{ name: 'selfsubjectreviews', singularName: 'selfsubjectreview', namespaced: false, kind: 'SelfSubjectReview', verbs: ['create'] }],
  '/apis/authorization.k8s.io/v1': [{ name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] }],
};
const apiGroups = {};
for (const path of Object.keys(groups)) {
  if (!path.startsWith('/apis/')) continue;
  const [, , name, version] = path.split('/');
  const g = (apiGroups[name] ??= { name, versions: [], preferredVersion: { groupVersion: `${name}/${version}`, version } });
  g.versions.push({ groupVersion: `${name}/${version}`, version });
}
const bodies = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] },
  '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: Object.values(apiGroups) },
  '/version': { major: '1', minor: '33', gitVersion: 'v1.33.1', platform: 'linux/amd64' },
};
for (const [path, resources] of Object.entries(groups)) {
  bodies[path] = { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: path.replace(/^\/apis?\//, ''), resources };
}
// ---- object store ----
import { readFileSync } from 'node:fs';
const store = new Map(); // path of the item -> object
let rv = 100;
const plural = {};
for (const [gv, resources] of Object.entries(groups)) for (const x of resources) plural[x.kind] = { gv, ...x };
const groupOf = (gv) => (gv.startsWith('/api/') ? '' : gv.split('/')[2]);
const itemPath = (o) => {
  const r = plural[o.kind];
  return `${r.gv}${r.namespaced ? `/namespaces/${o.metadata.namespace ?? 'default'}` : ''}/${r.name}/${o.metadata.name}`;
};
const stamp = (o, path) => {
  o.metadata.uid ??= `0000-${(++rv).toString(16)}`;
  o.metadata.resourceVersion = String(++rv);
  o.metadata.creationTimestamp ??= '2026-01-15T10:00:00Z';
  if (plural[o.kind].namespaced) o.metadata.namespace ??= path.split('/namespaces/')[1]?.split('/')[0] ?? 'default';
  return o;
};
for (const o of process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : []) store.set(itemPath(o), stamp(o, ''));
const status = (code, reason, message, details) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
const merge = (a, b) => {
  if (b === null || typeof b !== 'object' || Array.isArray(b) || a === null || typeof a !== 'object' || Array.isArray(a)) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    if (k === '$patch' || k.startsWith('$setElementOrder')) continue;
    if (v === null) delete out[k];
    else out[k] = merge(a[k], v);
  }
  return out;
};
/** /api/v1/namespaces/ns/pods/name[/sub] -> { gv, res, ns, name, sub } */
function parse(path) {
  const m = path.match(/^(\/api\/v1|\/apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/);
  if (!m || !groups[m[1]]) return null;
  const r = groups[m[1]].find((x) => x.name === m[3]);
  if (!r) return null;
  return { gv: m[1], r, ns: m[2], name: m[4], sub: m[5] };
}
function handleObjects(req, res, path, body) {
  const send = (code, obj) => {
    res.writeHead(code, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(obj));
  };
  if (path === '/apis/authentication.k8s.io/v1/selfsubjectreviews' && req.method === 'POST') {
    return send(201, { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: { username: 'minikube-user', groups: ['system:masters', 'system:authenticated'] } } });
  }
  if (path === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && req.method === 'POST') {
    // kubectl sends this one as protobuf: read the verb from the raw bytes
    const allowed = !/\b(delete|deletecollection|update|patch|escalate|bind|impersonate)\b/.test(body);
    return send(201, { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: {}, status: { allowed } });
  }
  const p = parse(path);
  if (!p) return false;
  const group = groupOf(p.gv);
  const qual = group ? `${p.r.name}.${group}` : p.r.name;
  const base = `${p.gv}${p.ns ? `/namespaces/${p.ns}` : ''}/${p.r.name}`;
  const notFound = (name) => send(404, status(404, 'NotFound', `${qual} "${name}" not found`, { name, ...(group ? { group } : {}), kind: p.r.name }));
  if (!p.name) {
    if (req.method === 'GET') {
      // labelSelector: equality terms only (a=b,c=d)
      const sel = new URLSearchParams(req.url.split('?')[1] ?? '').get('labelSelector');
      const terms = sel ? sel.split(',').map((t) => t.split('=')) : [];
      const items = [...store.entries()]
        .filter(([k]) => k.startsWith(base + '/') || (!p.ns && k.includes(`/${p.r.name}/`)))
        .map(([, v]) => v)
        .filter((o) => terms.every(([a, b]) => o.metadata.labels?.[a] === b));
      return send(200, { kind: `${p.r.kind}List`, apiVersion: p.gv.replace(/^\/apis?\//, ''), metadata: { resourceVersion: String(rv) }, items });
    }
    if (req.method === 'POST') {
      // typed clients (kubectl create configmap ...) send protobuf: find the name of a stored object in the bytes
      const o = body.startsWith('{') ? JSON.parse(body) : { metadata: { name: [...store.keys()].filter((k) => k.startsWith(base + '/')).map((k) => k.split('/').pop()).find((n) => body.includes(n)) ?? '' } };
      if (!body.startsWith('{') && !store.has(`${base}/${o.metadata.name}`)) return send(415, status(415, 'UnsupportedMediaType', 'stub: protobuf bodies are only understood for AlreadyExists'));
      const key = `${base}/${o.metadata.name}`;
      if (store.has(key)) return send(409, status(409, 'AlreadyExists', `${qual} "${o.metadata.name}" already exists`, { name: o.metadata.name, ...(group ? { group } : {}), kind: p.r.name }));
      const dry = /dryRun=All/.test(req.url);
      const saved = stamp(o, path);
      if (!dry) store.set(key, saved);
      return send(201, saved);
    }
    return send(405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
  }
  const key = `${base}/${p.name}`;
  const cur = store.get(key);
  if (!cur) return notFound(p.name);
  const dry = /dryRun=All/.test(req.url);
  if (p.sub === 'scale' && !['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers'].includes(p.r.name)) {
    return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
  }
  if (p.sub === 'scale') {
    const scale = () => ({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: p.name, namespace: cur.metadata.namespace, resourceVersion: cur.metadata.resourceVersion }, spec: { replicas: cur.spec?.replicas ?? 1 }, status: { replicas: cur.spec?.replicas ?? 1 } });
    if (req.method === 'GET') return send(200, scale());
    const patch = JSON.parse(body);
    if (!dry) { cur.spec = { ...cur.spec, replicas: patch.spec?.replicas }; cur.metadata.resourceVersion = String(++rv); }
    return send(200, scale());
  }
  if (req.method === 'GET') return send(200, cur);
  if (req.method === 'DELETE') {
    if (!dry) store.delete(key);
    return send(200, cur);
  }
  if (req.method === 'PATCH' || req.method === 'PUT') {
    const next = req.method === 'PUT' ? JSON.parse(body) : merge(cur, JSON.parse(body));
    next.metadata = { ...next.metadata, uid: cur.metadata.uid, creationTimestamp: cur.metadata.creationTimestamp };
    const changed = JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: 0 } }) !== JSON.stringify({ ...cur, metadata: { ...cur.metadata, resourceVersion: 0 } });
    if (changed) {
      next.metadata.resourceVersion = String(++rv);
      if (JSON.stringify(next.spec) !== JSON.stringify(cur.spec)) next.metadata.generation = (cur.metadata.generation ?? 1) + 1;
    }
    if (!dry) store.set(key, next);
    return send(200, next);
  }
  return false;
}

// ---- OpenAPI v3 for `kubectl explain` (STUB_OPENAPI=1): built from fixtures/kubectl/explain.json, the same field
// docs our explain prints, so recordings compare the layout only ----
const openapi = {};
if (process.env.STUB_OPENAPI) {
  const data = JSON.parse(readFileSync(new URL('../fixtures/kubectl/explain.json', import.meta.url), 'utf8'));
  const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
  const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
  const schemaName = (key) => key.replace(/\.d\.ts$/, '').replace(/[^A-Za-z0-9]/g, '_') + '.' + key.split('/').pop().replace(/\.d\.ts$/, '');
  const enumOf = (doc) => {
    const at = doc.indexOf('Possible enum values:');
    if (at < 0) return undefined;
    const out = [];
    for (const line of doc.slice(at).split('\n').slice(1)) {
      const m = /^\s*- `"(.*?)"`/.exec(line);
      if (!m) break;
      out.push(m[1]);
    }
    return out.length ? out : undefined;
  };
  const typeSchema = (t, ref) => {
    if (t.startsWith('[]')) return { type: 'array', items: typeSchema(t.slice(2), ref) };
    if (t.startsWith('map[string]')) return { type: 'object', additionalProperties: typeSchema(t.slice(11), ref) };
    if (ref) return { $ref: `#/components/schemas/${schemaName(ref)}` };
    if (t === 'Quantity' || t === 'IntOrString') return { $ref: `#/components/schemas/io.k8s.${t}` };
    if (t === 'Object') return { type: 'object' };
    return { type: t === 'integer' ? 'integer' : t === 'boolean' ? 'boolean' : 'string' };
  };
  const schemas = { 'io.k8s.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] }, 'io.k8s.IntOrString': { 'x-kubernetes-int-or-string': true } };
  const top = new Map(Object.entries(data.kinds).map(([kind, { gv, def }]) => [def, { kind, gv }]));
  for (const [key, def] of Object.entries(data.defs)) {
    const isTop = top.get(key);
    const properties = {};
    const required = [];
    for (const [name, t, req, doc, ref] of def.f) {
      let sch = typeSchema(t, ref);
      const d = isTop && name === 'apiVersion' ? API_VERSION_DOC : isTop && name === 'kind' ? KIND_DOC : doc;
      if (sch.$ref) sch = { allOf: [sch] };
      if (d) sch.description = d;
      const en = enumOf(doc);
      if (en) sch.enum = en;
      properties[name] = sch;
      if (req && !(isTop && (name === 'apiVersion' || name === 'kind'))) required.push(name);
    }
    const o = { type: 'object', properties, ...(def.d ? { description: def.d } : {}), ...(required.length ? { required } : {}) };
    if (isTop) {
      const [group, version] = isTop.gv.includes('/') ? isTop.gv.split('/') : ['', isTop.gv];
      o['x-kubernetes-group-version-kind'] = [{ group, kind: isTop.kind, version }];
    }
    schemas[schemaName(key)] = o;
  }
  const byGv = {};
  for (const [kind, { gv }] of Object.entries(data.kinds)) {
    const prefix = gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`;
    const r = plural[kind];
    if (!r || r.gv !== prefix) continue;
    const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    const doc = (byGv[prefix.slice(1)] ??= { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.33.1' }, paths: {}, components: { schemas } });
    const path = `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.name}`;
    doc.paths[path] = { get: { 'x-kubernetes-group-version-kind': { group, kind, version } } };
  }
  for (const [gv, doc] of Object.entries(byGv)) openapi[gv] = doc;
}

createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  let data = '';
  req.on('data', (c) => (data += c));
  req.on('end', () => serve(req, res, path, data));
}).listen(port, '127.0.0.1', () => console.log(`listening ${port}`));

function serve(req, res, path, data) {
  if (process.env.STUB_OPENAPI && path.startsWith('/openapi/v3')) {
    const gv = path.slice('/openapi/v3/'.length);
    const body = path === '/openapi/v3' ? { paths: Object.fromEntries(Object.keys(openapi).map((k) => [k, { serverRelativeURL: `/openapi/v3/${k}?hash=0` }])) } : openapi[gv];
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body ?? status(404, 'NotFound', 'the server could not find the requested resource')));
    return;
  }
  // the object store answers only when a seed file was given (without one: discovery only, as the client-side
  // recordings expect)
  if (process.argv[3] && (req.method !== 'GET' || !bodies[path])) {
    if (process.env.STUB_LOG) console.error(req.method, req.url, req.headers['content-type'] ?? '', data);
    try {
      if (handleObjects(req, res, path, data) !== false) return;
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(status(500, 'InternalError', `stub: ${e.message}`)));
      return;
    }
  }
  const body = req.method === 'GET' ? bodies[path] : undefined;
  if (!body) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
