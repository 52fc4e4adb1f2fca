#!/usr/bin/env node
// A tiny discovery-only API server for recording real kubectl client-side output (fixtures/kubectl).
// Serves /api, /apis and one APIResourceList per group/version; everything else is 404.
// Usage: node scripts/kubectl-stub-server.mjs PORT   (prints "listening PORT" when ready)
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
createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const body = bodies[path];
  if (!body) {
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }));
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}).listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
