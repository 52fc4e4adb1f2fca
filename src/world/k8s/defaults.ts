/**
 * API server defaulting (pkg/apis/<group>/v1/defaults.go) and the admission plugins a minikube cluster runs
 * (ServiceAccount, DefaultStorageClass, DefaultTolerationSeconds). Works in place on a fresh copy.
 */
import type { World } from '../world.js';
import { randomString, K8S_ALPHABET } from '../../core/random.js';
import type { KObject } from './store.js';

/** Kinds whose metadata.generation the server tracks. */
export const GENERATION_KINDS = new Set([
  'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Ingress', 'NetworkPolicy',
  'PodDisruptionBudget', 'Pod',
]);

export function imageHasLatestTag(image: string): boolean {
  if (image.includes('@')) return false;
  const last = image.split('/').pop()!;
  const i = last.lastIndexOf(':');
  return i < 0 || last.slice(i + 1) === 'latest';
}

function defaultProbe(p: KObject | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  if (p.httpGet) p.httpGet.scheme ??= 'HTTP';
}

export function defaultContainer(c: KObject): void {
  if (c.image !== undefined) c.imagePullPolicy ??= imageHasLatestTag(String(c.image)) ? 'Always' : 'IfNotPresent';
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
  c.resources ??= {};
  // requests default to limits when only limits are given
  if (c.resources.limits && !c.resources.requests) c.resources.requests = { ...c.resources.limits };
  else if (c.resources.limits) for (const [k, v] of Object.entries(c.resources.limits)) c.resources.requests[k] ??= v;
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  for (const e of c.env ?? []) {
    const f = e.valueFrom?.fieldRef;
    if (f) f.apiVersion ??= 'v1';
  }
}

export function defaultPodSpec(spec: KObject): void {
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.restartPolicy ??= 'Always';
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  for (const v of spec.volumes ?? []) {
    if (v.configMap) v.configMap.defaultMode ??= 420;
    if (v.secret) v.secret.defaultMode ??= 420;
    if (v.hostPath) v.hostPath.type ??= '';
    if (v.projected) v.projected.defaultMode ??= 420;
  }
}

function defaultTemplate(t: KObject | undefined): void {
  if (!t) return;
  t.metadata ??= {};
  if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
  t.spec ??= {};
  defaultPodSpec(t.spec);
}

/** Defaults applied on create (and update) for every kind. */
export function applyDefaults(world: World, o: KObject): void {
  const spec = o.spec;
  if (!spec && ['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PersistentVolumeClaim', 'PersistentVolume'].includes(o.kind)) return;
  switch (o.kind) {
    case 'Pod':
      if (spec) defaultPodSpec(spec);
      break;
    case 'Deployment':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= {};
      spec.strategy.type ??= 'RollingUpdate';
      if (spec.strategy.type === 'RollingUpdate') {
        spec.strategy.rollingUpdate ??= {};
        spec.strategy.rollingUpdate.maxSurge ??= '25%';
        spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      }
      defaultTemplate(spec.template);
      break;
    case 'ReplicaSet':
      spec.replicas ??= 1;
      defaultTemplate(spec.template);
      break;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate ??= { partition: 0 };
      spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
      for (const t of spec.volumeClaimTemplates ?? []) {
        t.apiVersion ??= 'v1';
        t.kind ??= 'PersistentVolumeClaim';
        t.metadata ??= {};
        if (t.metadata.creationTimestamp === undefined) t.metadata.creationTimestamp = null;
        t.spec ??= {};
        t.spec.volumeMode ??= 'Filesystem';
        t.status ??= { phase: 'Pending' };
      }
      defaultTemplate(spec.template);
      break;
    case 'DaemonSet':
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= {};
        spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
        spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      }
      defaultTemplate(spec.template);
      break;
    case 'Job':
      defaultJobSpec(o.spec, o.metadata);
      break;
    case 'CronJob':
      spec.concurrencyPolicy ??= 'Allow';
      spec.failedJobsHistoryLimit ??= 1;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.suspend ??= false;
      spec.jobTemplate ??= {};
      spec.jobTemplate.metadata ??= {};
      if (spec.jobTemplate.metadata.creationTimestamp === undefined) spec.jobTemplate.metadata.creationTimestamp = null;
      if (spec.jobTemplate.spec) defaultTemplate(spec.jobTemplate.spec.template);
      break;
    case 'Service':
      defaultService(o);
      break;
    case 'Namespace':
      o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
      o.spec ??= {};
      o.spec.finalizers ??= ['kubernetes'];
      o.status ??= { phase: 'Active' };
      break;
    case 'Secret':
      o.type ??= 'Opaque';
      break;
    case 'PersistentVolumeClaim':
      spec.volumeMode ??= 'Filesystem';
      if (spec.storageClassName === undefined && !spec.volumeName) spec.storageClassName = 'standard';
      o.status ??= { phase: 'Pending' };
      break;
    case 'PersistentVolume':
      spec.persistentVolumeReclaimPolicy ??= 'Retain';
      spec.volumeMode ??= 'Filesystem';
      o.status ??= { phase: 'Pending' };
      break;
    case 'StorageClass':
      o.reclaimPolicy ??= 'Delete';
      o.volumeBindingMode ??= 'Immediate';
      break;
    case 'Ingress':
      for (const r of spec?.rules ?? []) for (const p of r.http?.paths ?? []) p.pathType ??= 'ImplementationSpecific';
      o.status ??= { loadBalancer: {} };
      break;
    case 'NetworkPolicy':
      if (spec) {
        spec.podSelector ??= {};
        if (!spec.policyTypes) {
          spec.policyTypes = ['Ingress'];
          if (spec.egress) spec.policyTypes.push('Egress');
        }
        for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
      }
      break;
    case 'HorizontalPodAutoscaler':
      if (o.apiVersion === 'autoscaling/v2' && spec) {
        // pkg/apis/autoscaling/v2/defaults.go: CPU at 80% when no metric is given, and the default behavior.
        spec.minReplicas ??= 1;
        if (!spec.metrics?.length) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
        spec.behavior ??= {};
        spec.behavior.scaleUp ??= {};
        spec.behavior.scaleUp.stabilizationWindowSeconds ??= 0;
        spec.behavior.scaleUp.selectPolicy ??= 'Max';
        spec.behavior.scaleUp.policies ??= [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
        spec.behavior.scaleDown ??= {};
        spec.behavior.scaleDown.stabilizationWindowSeconds ??= 300;
        spec.behavior.scaleDown.selectPolicy ??= 'Max';
        spec.behavior.scaleDown.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
      }
      if (o.apiVersion === 'autoscaling/v1' && spec) spec.minReplicas ??= 1;
      break;
    case 'PodDisruptionBudget':
      break;
  }
  void world;
}

export function defaultJobSpec(spec: KObject, meta: KObject): void {
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.completions ??= 1;
  spec.parallelism ??= 1;
  spec.suspend ??= false;
  spec.manualSelector ??= undefined;
  if (spec.manualSelector === undefined) delete spec.manualSelector;
  spec.podReplacementPolicy ??= 'TerminatingOrFailed';
  defaultTemplate(spec.template);
  void meta;
}

/** Job selector/labels generated from the job's uid (done after the uid exists). */
export function jobGeneratedSelector(o: KObject): void {
  const spec = o.spec;
  if (spec.manualSelector) return;
  const uid = o.metadata.uid;
  const name = o.metadata.name;
  spec.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  const t = spec.template;
  t.metadata ??= {};
  t.metadata.labels = {
    'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name,
    ...(t.metadata.labels ?? {}),
  };
}

function defaultService(o: KObject): void {
  const spec = (o.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.ipFamilies ??= ['IPv4'];
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    if (spec.type !== 'ExternalName') p.targetPort ??= p.port;
  }
  o.status ??= { loadBalancer: {} };
}

/** Pod admission: ServiceAccount token volume, default tolerations, priority, enableServiceLinks. */
export function admitPod(world: World, pod: KObject): void {
  const spec = pod.spec;
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount = spec.serviceAccountName;
  spec.enableServiceLinks ??= true;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  spec.priority ??= 0;
  const tol = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tol.some((t: KObject) => t.key === key && t.effect === 'NoExecute')) {
      tol.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
  if (spec.automountServiceAccountToken !== false && !(spec.volumes ?? []).some((v: KObject) => v.name?.startsWith('kube-api-access-'))) {
    const name = `kube-api-access-${randomString(world, K8S_ALPHABET, 5)}`;
    (spec.volumes ??= []).push({
      name,
      projected: {
        defaultMode: 420,
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
          { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
        ],
      },
    });
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      (c.volumeMounts ??= []).push({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name, readOnly: true });
    }
  }
  pod.status ??= { phase: 'Pending', qosClass: qosClass(spec) };
  pod.status.phase ??= 'Pending';
  pod.status.qosClass ??= qosClass(spec);
}

export function qosClass(spec: KObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let any = false, guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {}, lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (lim[r] === undefined || (req[r] !== undefined && String(req[r]) !== String(lim[r]))) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
