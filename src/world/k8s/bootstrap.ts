/**
 * A fresh minikube cluster (v1.36 with Kubernetes v1.33.1 on the docker driver), deterministic from the world's
 * seed, and the minikube lifecycle (start/stop/delete/status) as pure functions over the world.
 */
import type { World } from '../world.js';
import { randomHex, randomUuid } from '../../core/random.js';
import { insert, initSim, rfc3339, sim, getRaw, type KObject } from './store.js';
import { applyDefaults, admitPod } from './defaults.js';
import { runControllersInstant } from './reconcile.js';
import { nodeRestarted } from './kubelet.js';

export const K8S_VERSION = 'v1.33.1';
export const MINIKUBE_VERSION = 'v1.36.0';
export const MINIKUBE_COMMIT = 'f8f52f5de11fc6ad8244afac475e1d0f96841df1';
export const NODE_IP_BASE = '192.168.49.';
/** How long before the world's creation the cluster came up. */
export const BOOT_AGE_MS = 52_000;

export interface NodeSpec { name: string; labels?: Record<string, string>; taints?: KObject[]; cpu?: string; memory?: string }

function node(world: World, spec: NodeSpec, index: number, now: number, primary: boolean): KObject {
  const ip = `${NODE_IP_BASE}${index + 2}`;
  const d = new Date(now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  // minikube writes its start time in the node's local zone; the docker driver's node runs in UTC (minikube prints -0700-style offsets as _0700)
  const updated = `${d.getUTCFullYear()}_${p2(d.getUTCMonth() + 1)}_${p2(d.getUTCDate())}T${p2(d.getUTCHours())}_${p2(d.getUTCMinutes())}_${p2(d.getUTCSeconds())}_0700`;
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name, 'kubernetes.io/os': 'linux', 'minikube.k8s.io/commit': MINIKUBE_COMMIT,
    'minikube.k8s.io/name': 'minikube', 'minikube.k8s.io/primary': String(primary),
    'minikube.k8s.io/updated_at': updated,
    'minikube.k8s.io/version': MINIKUBE_VERSION,
    ...(primary ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
    ...(spec.labels ?? {}),
  };
  const cpu = spec.cpu ?? '2';
  const memory = spec.memory ?? '3912176Ki';
  const res = { cpu, 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory, pods: '110' };
  const ts = rfc3339(now);
  const cond = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: ts, lastTransitionTime: ts, message, reason, status, type });
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock', 'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels, name: spec.name, uid: randomUuid(world),
    },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], ...(spec.taints?.length ? { taints: spec.taints } : {}) },
    status: {
      addresses: [{ address: ip, type: 'InternalIP' }, { address: spec.name, type: 'Hostname' }],
      allocatable: { ...res }, capacity: { ...res },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: [],
      nodeInfo: {
        architecture: 'amd64', bootID: randomUuid(world), containerRuntimeVersion: 'docker://28.1.1',
        kernelVersion: '6.8.0-1029-gcp', kubeProxyVersion: K8S_VERSION, kubeletVersion: K8S_VERSION,
        machineID: randomHex(world, 32), operatingSystem: 'linux', osImage: 'Ubuntu 22.04.5 LTS', systemUUID: randomUuid(world),
      },
    },
  };
}

function put(world: World, o: KObject, now: number): KObject {
  applyDefaults(world, o);
  if (['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'Job'].includes(o.kind)) o.metadata.generation = 1;
  return insert(world, o, now);
}

function namespace(world: World, name: string, now: number): void {
  put(world, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, now);
}

function staticPod(world: World, name: string, component: string, image: string, command: string[], nodeName: string, nodeUid: string, now: number, extra: KObject = {}): void {
  const full = `${name}-${nodeName}`;
  const hash = randomHex(world, 32);
  const pod: KObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      annotations: {
        'kubernetes.io/config.hash': hash, 'kubernetes.io/config.mirror': hash, 'kubernetes.io/config.seen': rfc3339(now).replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file', ...(extra.annotations ?? {}),
      },
      labels: { component, tier: 'control-plane' }, name: full, namespace: 'kube-system',
      ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: nodeName, uid: nodeUid }],
    },
    spec: {
      containers: [{ command, image, imagePullPolicy: 'IfNotPresent', name, resources: extra.resources ?? { requests: { cpu: extra.cpu ?? '100m' } } }],
      hostNetwork: true, nodeName, priority: 2000001000, priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    },
  };
  applyDefaults(world, pod);
  pod.spec.enableServiceLinks = true;
  pod.spec.preemptionPolicy = 'PreemptLowerPriority';
  pod.status = { phase: 'Pending', qosClass: 'Burstable' };
  insert(world, pod, now);
}

/** Builds the cluster objects of a fresh minikube into world.cluster (which must hold an empty state). */
export function bootstrapCluster(world: World, startedAt: number, opts: { nodes?: NodeSpec[] } = {}): void {
  // `minikube start` takes about a minute: the cluster's objects are that old when the learner first looks
  const now = startedAt - BOOT_AGE_MS;
  const c = world.cluster;
  c.objects = {};
  c.sim = initSim();
  c.status = 'Running';
  const s = sim(world);
  s.ctl.createdAt = now;
  for (const n of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) namespace(world, n, now);
  const specs = opts.nodes?.length ? opts.nodes : [{ name: 'minikube' }];
  const nodes = specs.map((n, i) => insert(world, node(world, n, i, now, i === 0), now));
  s.ctl.nodeIndex = Object.fromEntries(nodes.map((n, i) => [n.metadata.name, i]));
  const cp = nodes[0]!;
  // leases
  for (const n of nodes) {
    insert(world, {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: n.metadata.name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n.metadata.name, uid: n.metadata.uid }] },
      spec: { holderIdentity: n.metadata.name, leaseDurationSeconds: 40, renewTime: rfc3339(now).replace('Z', '.000000Z') },
    }, now);
  }
  // the kubernetes service and its endpoints
  s.usedClusterIps['10.96.0.1'] = 1;
  s.usedClusterIps['10.96.0.10'] = 1;
  const kubernetesSvc = put(world, {
    apiVersion: 'v1', kind: 'Service',
    metadata: { labels: { component: 'apiserver', provider: 'kubernetes' }, name: 'kubernetes', namespace: 'default' },
    spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }], sessionAffinity: 'None', type: 'ClusterIP' },
  }, now);
  void kubernetesSvc;
  insert(world, {
    apiVersion: 'v1', kind: 'Endpoints', metadata: { labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' }, name: 'kubernetes', namespace: 'default' },
    subsets: [{ addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 8443, protocol: 'TCP' }] }],
  }, now);
  insert(world, {
    addressType: 'IPv4', apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
    endpoints: [{ addresses: ['192.168.49.2'], conditions: { ready: true, serving: true, terminating: false } }],
    metadata: { labels: { 'kubernetes.io/service-name': 'kubernetes' }, name: 'kubernetes', namespace: 'default' },
    ports: [{ name: 'https', port: 8443, protocol: 'TCP' }],
  }, now);
  // storage class
  insert(world, {
    apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
    metadata: {
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"},"labels":{"addonmanager.kubernetes.io/mode":"EnsureExists"},"name":"standard"},"provisioner":"k8s.io/minikube-hostpath"}\n',
        'storageclass.kubernetes.io/is-default-class': 'true',
      },
      labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' }, name: 'standard',
    },
    provisioner: 'k8s.io/minikube-hostpath', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate',
  }, now);
  // control plane static pods
  const cpName = cp.metadata.name;
  const cpIp = '192.168.49.2';
  staticPod(world, 'etcd', 'etcd', 'registry.k8s.io/etcd:3.5.21-0', ['etcd', `--advertise-client-urls=https://${cpIp}:2379`, '--data-dir=/var/lib/minikube/etcd', `--name=${cpName}`], cpName, cp.metadata.uid, now,
    { annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${cpIp}:2379` }, resources: { requests: { cpu: '100m', memory: '100Mi' } } });
  staticPod(world, 'kube-apiserver', 'kube-apiserver', `registry.k8s.io/kube-apiserver:${K8S_VERSION}`, ['kube-apiserver', `--advertise-address=${cpIp}`, '--secure-port=8443', '--service-cluster-ip-range=10.96.0.0/12'], cpName, cp.metadata.uid, now,
    { annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${cpIp}:8443` }, cpu: '250m' });
  staticPod(world, 'kube-controller-manager', 'kube-controller-manager', `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`, ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.244.0.0/16', '--cluster-name=mk'], cpName, cp.metadata.uid, now, { cpu: '200m' });
  staticPod(world, 'kube-scheduler', 'kube-scheduler', `registry.k8s.io/kube-scheduler:${K8S_VERSION}`, ['kube-scheduler', '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=false'], cpName, cp.metadata.uid, now, { cpu: '100m' });
  // storage-provisioner (a bare pod from the addon manager)
  const sp: KObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"addonmanager.kubernetes.io/mode":"Reconcile","integration-test":"storage-provisioner"},"name":"storage-provisioner","namespace":"kube-system"},"spec":{"containers":[{"command":["/storage-provisioner"],"image":"gcr.io/k8s-minikube/storage-provisioner:v5","imagePullPolicy":"IfNotPresent","name":"storage-provisioner","volumeMounts":[{"mountPath":"/tmp","name":"tmp"}]}],"hostNetwork":true,"serviceAccountName":"storage-provisioner","volumes":[{"hostPath":{"path":"/tmp","type":"Directory"},"name":"tmp"}]}}\n' },
      labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' }, name: 'storage-provisioner', namespace: 'kube-system',
    },
    spec: {
      containers: [{ command: ['/storage-provisioner'], image: 'gcr.io/k8s-minikube/storage-provisioner:v5', imagePullPolicy: 'IfNotPresent', name: 'storage-provisioner', volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }] }],
      hostNetwork: true, nodeName: cpName, serviceAccountName: 'storage-provisioner', volumes: [{ hostPath: { path: '/tmp', type: 'Directory' }, name: 'tmp' }],
    },
  };
  applyDefaults(world, sp);
  admitPod(world, sp);
  insert(world, sp, now);
  // service accounts the addons use
  insert(world, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'storage-provisioner', namespace: 'kube-system', labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile' } } }, now);
  insert(world, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } }, now);
  insert(world, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'kube-proxy', namespace: 'kube-system' } }, now);
  insert(world, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: '.:53 {\n    log\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    hosts {\n       192.168.49.1 host.minikube.internal\n       fallthrough\n    }\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n    loop\n    reload\n    loadbalance\n}\n' } }, now);
  insert(world, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } }, data: { 'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\nmode: ""\n' } }, now);
  // kube-dns service
  put(world, {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, name: 'kube-dns', namespace: 'kube-system',
    },
    spec: {
      clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'],
      ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }],
      selector: { 'k8s-app': 'kube-dns' }, type: 'ClusterIP',
    },
  }, now);
  // coredns deployment and kube-proxy daemonset: their controllers make the pods
  put(world, {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' }, labels: { 'k8s-app': 'kube-dns' }, name: 'coredns', namespace: 'kube-system' },
    spec: {
      replicas: 1, selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          containers: [{
            args: ['-conf', '/etc/coredns/Corefile'], image: 'registry.k8s.io/coredns/coredns:v1.12.0', imagePullPolicy: 'IfNotPresent',
            livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
            name: 'coredns',
            ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }],
            readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
            resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
          }],
          dnsPolicy: 'Default', nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-cluster-critical', serviceAccountName: 'coredns',
          tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
          volumes: [{ configMap: { items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
        },
      },
    },
  }, now);
  put(world, {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { annotations: { 'deprecated.daemonset.template.generation': '1' }, labels: { 'k8s-app': 'kube-proxy' }, name: 'kube-proxy', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: {
          containers: [{
            command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
            image: `registry.k8s.io/kube-proxy:${K8S_VERSION}`, imagePullPolicy: 'IfNotPresent', name: 'kube-proxy', securityContext: { privileged: true },
            volumeMounts: [{ mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' }],
          }],
          hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-node-critical', serviceAccountName: 'kube-proxy',
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ configMap: { defaultMode: 420, name: 'kube-proxy' }, name: 'kube-proxy' }],
        },
      },
    },
  }, now);
  // everything up and running at once (the learner starts with a cluster that has been up for a moment)
  runControllersInstant(world, now);
}

export interface MinikubeStatus { name: string; host: string; kubelet: string; apiserver: string; kubeconfig: string; type: string }

export function minikubeStatus(world: World): MinikubeStatus[] {
  const st = world.cluster.status;
  if (st === 'Deleted') return [];
  const nodes = Object.values(world.cluster.objects.Node ?? {}) as KObject[];
  return nodes.map((n, i) => ({
    name: n.metadata.name,
    type: i === 0 ? 'Control Plane' : 'Worker',
    host: st === 'Running' ? 'Running' : 'Stopped',
    kubelet: st === 'Running' ? 'Running' : 'Stopped',
    apiserver: i === 0 ? (st === 'Running' ? 'Running' : 'Stopped') : '',
    kubeconfig: i === 0 ? (st === 'Running' ? 'Configured' : 'Stopped') : '',
  }));
}

/** `minikube start`: creates the cluster when deleted, restarts it when stopped (objects survive a stop). */
export function minikubeStart(world: World, now: number, opts: { nodes?: number | NodeSpec[]; driver?: string } = {}): { created: boolean } {
  const st = world.cluster.status;
  if (st === 'Running') return { created: false };
  if (st === 'Stopped') {
    world.cluster.status = 'Running';
    nodeRestarted(world, now);
    return { created: false };
  }
  const nodes = typeof opts.nodes === 'number'
    ? Array.from({ length: opts.nodes }, (_, i) => ({ name: i === 0 ? 'minikube' : `minikube-m${String(i + 1).padStart(2, '0')}` }))
    : opts.nodes;
  bootstrapCluster(world, now, { nodes });
  world.cluster.kubeconfig.currentContext = 'minikube';
  world.cluster.kubeconfig.contexts.minikube = { cluster: 'minikube', user: 'minikube', namespace: 'default' };
  return { created: true };
}

export function minikubeStop(world: World, _now: number): boolean {
  if (world.cluster.status !== 'Running') return false;
  world.cluster.status = 'Stopped';
  return true;
}

export function minikubeDelete(world: World, _now: number): boolean {
  const existed = world.cluster.status !== 'Deleted';
  world.cluster.status = 'Deleted';
  world.cluster.objects = {};
  world.cluster.sim = initSim();
  delete world.cluster.kubeconfig.contexts.minikube;
  if (world.cluster.kubeconfig.currentContext === 'minikube') world.cluster.kubeconfig.currentContext = '';
  return existed;
}

export function nodeIp(world: World, nodeName: string): string {
  const i = (sim(world).ctl.nodeIndex?.[nodeName] ?? 0) as number;
  const n = getRaw(world, 'Node', nodeName);
  return n?.status?.addresses?.find((a: KObject) => a.type === 'InternalIP')?.address ?? `${NODE_IP_BASE}${i + 2}`;
}
