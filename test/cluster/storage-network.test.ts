import { describe, expect, it } from 'vitest';
import { T0, world, list, get, create, at, deployment, pod } from './util.js';
import { deleteObject, getObject, podFs, podLogs, execInPod, addPortForward, resolveServiceUrl } from '../../src/world/k8s/api.js';
import { resolveConnection } from '../../src/world/k8s/network.js';
import { connect, isEndpoint } from '../../src/world/runtime/net.js';

const sts = {
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
  spec: {
    serviceName: 'db', replicas: 2, selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'busybox', command: ['sh', '-c', 'sleep 36000'], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
};

describe('storage', () => {
  it('StatefulSet: ordinal pods started in order, a PVC per replica, data surviving pod deletion', () => {
    const w = world();
    create(w, sts, T0);
    at(w, 0);
    expect(list(w, 'pods', 'default').map((p) => p.metadata.name)).toEqual(['db-0']);
    at(w, 60_000);
    expect(list(w, 'pods', 'default').map((p) => p.metadata.name)).toEqual(['db-0', 'db-1']);
    const pvcs = list(w, 'pvc', 'default');
    expect(pvcs.map((p) => [p.metadata.name, p.status.phase])).toEqual([['data-db-0', 'Bound'], ['data-db-1', 'Bound']]);
    const pv = get(w, 'pv', undefined, pvcs[0]!.spec.volumeName);
    expect(pv.metadata.name).toBe(`pvc-${pvcs[0]!.metadata.uid}`);
    expect(pv.spec).toMatchObject({ storageClassName: 'standard', persistentVolumeReclaimPolicy: 'Delete', capacity: { storage: '1Gi' } });
    expect(pv.status.phase).toBe('Bound');
    const fs = podFs(w, 'default', 'db-0', undefined, T0 + 60_000);
    if (!fs.ok) throw new Error(fs.error);
    expect(fs.value.writeFile('/data/keep.txt', 'persisted\n')).toBeNull();
    expect(fs.value.writeFile('/tmp/lost.txt', 'container layer\n')).toBeNull();
    const uid = get(w, 'pod', 'default', 'db-0').metadata.uid;
    deleteObject(w, 'pod', 'default', 'db-0', { now: T0 + 60_000 });
    at(w, 200_000);
    const p = get(w, 'pod', 'default', 'db-0');
    expect(p.metadata.uid).not.toBe(uid);
    expect(p.status.phase).toBe('Running');
    const fs2 = podFs(w, 'default', 'db-0', undefined);
    if (!fs2.ok) throw new Error(fs2.error);
    expect(fs2.value.readFile('/data/keep.txt')).toBe('persisted\n');
    expect(fs2.value.readFile('/tmp/lost.txt')).toBeNull();
    // deleting the StatefulSet keeps the claims
    deleteObject(w, 'sts', 'default', 'db', { now: T0 + 200_000 });
    at(w, 300_000);
    expect(list(w, 'pods', 'default')).toHaveLength(0);
    expect(list(w, 'pvc', 'default')).toHaveLength(2);
  });

  it('a container file is lost when the container restarts, an emptyDir file is kept', () => {
    const w = world();
    create(w, pod('app', 'busybox', {
      container: { command: ['sh', '-c', 'sleep 20'], volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] },
      pod: { volumes: [{ name: 'scratch', emptyDir: {} }] },
    }), T0);
    at(w, 8_000);
    const fs = podFs(w, 'default', 'app', undefined);
    if (!fs.ok) throw new Error(fs.error);
    fs.value.writeFile('/scratch/a.txt', 'a');
    fs.value.writeFile('/root-file.txt', 'b');
    expect(get(w, 'pod', 'default', 'app').status.containerStatuses[0].restartCount).toBe(0);
    at(w, 35_000);
    expect(get(w, 'pod', 'default', 'app').status.containerStatuses[0].restartCount).toBe(1);
    const fs2 = podFs(w, 'default', 'app', undefined);
    if (!fs2.ok) throw new Error(fs2.error);
    expect(fs2.value.readFile('/scratch/a.txt')).toBe('a');
    expect(fs2.value.readFile('/root-file.txt')).toBeNull();
  });

  it('mounts ConfigMaps and Secrets as files and env vars', () => {
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { 'app.conf': 'x=1\n', MODE: 'dev' } }, T0);
    create(w, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, stringData: { password: 's3cret' } }, T0);
    create(w, pod('cm', 'busybox', {
      container: {
        command: ['sh', '-c', 'sleep 36000'], envFrom: [{ configMapRef: { name: 'cfg' } }],
        env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } }],
        volumeMounts: [{ name: 'c', mountPath: '/etc/cfg' }, { name: 's', mountPath: '/etc/sec' }],
      },
      pod: { volumes: [{ name: 'c', configMap: { name: 'cfg' } }, { name: 's', secret: { secretName: 'sec' } }] },
    }), T0);
    at(w, 20_000);
    expect(get(w, 'secret', 'default', 'sec').data).toEqual({ password: Buffer.from('s3cret').toString('base64') });
    const ex = execInPod(w, 'default', 'cm', undefined, T0 + 20_000);
    if (!ex.ok) throw new Error(ex.error);
    expect(ex.value.fs.readFile('/etc/cfg/app.conf')).toBe('x=1\n');
    expect(ex.value.fs.readFile('/etc/sec/password')).toBe('s3cret');
    expect(ex.value.env).toMatchObject({ MODE: 'dev', PW: 's3cret', HOSTNAME: 'cm', KUBERNETES_SERVICE_HOST: '10.96.0.1' });
    expect(ex.value.fs.readFile('/var/run/secrets/kubernetes.io/serviceaccount/namespace')).toBe('default');
  });
});

describe('logs', () => {
  it('serves container logs, previous logs and tail', () => {
    const w = world();
    create(w, pod('echo', 'busybox', { container: { command: ['sh', '-c', 'echo one; echo two; echo three; exit 1'] } }), T0);
    at(w, 8_000);
    const r = podLogs(w, 'default', 'echo', undefined);
    expect(r).toEqual({ ok: true, value: 'one\ntwo\nthree\n' });
    expect(podLogs(w, 'default', 'echo', undefined, { tailLines: 1 })).toEqual({ ok: true, value: 'three\n' });
    expect(podLogs(w, 'default', 'echo', undefined, { previous: true })).toEqual({ ok: true, value: 'one\ntwo\nthree\n' });
    expect(podLogs(w, 'default', 'echo', 'nope')).toEqual({ ok: false, error: 'container nope is not valid for pod echo' });
    create(w, pod('slow', 'nginx'), T0 + 8_000);
    expect(podLogs(w, 'default', 'slow', undefined)).toEqual({ ok: false, error: 'container "slow" in pod "slow" is waiting to start: ContainerCreating' });
  });
});

describe('network', () => {
  function setup() {
    const w = world();
    create(w, deployment('web', 'traefik/whoami', 3), T0);
    create(w, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], type: 'NodePort' } }, T0);
    create(w, pod('client', 'busybox', { container: { command: ['sh', '-c', 'sleep 36000'] } }, { role: 'client' }), T0);
    at(w, 60_000);
    return w;
  }
  it('reaches services by DNS name and ClusterIP, spread over ready endpoints', () => {
    const w = setup();
    const from = { namespace: 'default', pod: 'client' };
    const seen = new Set<string>();
    for (const host of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local', get(w, 'svc', 'default', 'web').spec.clusterIP, 'web', 'web']) {
      const r = resolveConnection(w, from, host, 80);
      if (!r.ok) throw new Error(`${host}: ${r.error}`);
      seen.add(r.target.pod);
    }
    expect(seen.size).toBe(3);
    expect(resolveConnection(w, from, 'nope', 80)).toEqual({ ok: false, error: 'unknown host' });
    const ep = get(w, 'ep', 'default', 'web');
    expect(ep.subsets[0].addresses).toHaveLength(3);
    expect(ep.subsets[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const es = list(w, 'endpointslices', 'default').find((e) => e.metadata.labels['kubernetes.io/service-name'] === 'web')!;
    expect(es.endpoints).toHaveLength(3);
    expect(es.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
  it('answers NodePorts on the node IP from the host, and port-forwards on 127.0.0.1', () => {
    const w = setup();
    const url = resolveServiceUrl(w, 'default', 'web');
    expect(url.ok && url.urls[0]).toMatch(/^http:\/\/192\.168\.49\.2:3\d{4}$/);
    const port = get(w, 'svc', 'default', 'web').spec.ports[0].nodePort;
    const r = connect(w, { kind: 'host' }, '192.168.49.2', port, T0 + 60_000);
    expect(isEndpoint(r)).toBe(true);
    expect(connect(w, { kind: 'host' }, '127.0.0.1', 8080, T0 + 60_000)).toEqual({ kind: 'refused', ip: '127.0.0.1' });
    addPortForward(w, 8080, { namespace: 'default', service: 'web', port: 80 });
    const pf = connect(w, { kind: 'host' }, '127.0.0.1', 8080, T0 + 60_000);
    expect(isEndpoint(pf) && pf.hostname).toMatch(/^web-/);
  });
  it('NetworkPolicy blocks (timeout) and then allows a connection', () => {
    const w = setup();
    const from = { namespace: 'default', pod: 'client' };
    expect(resolveConnection(w, from, 'web', 80).ok).toBe(true);
    create(w, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] } }, T0 + 60_000);
    expect(resolveConnection(w, from, 'web', 80)).toEqual({ ok: false, error: 'timeout' });
    const r = connect(w, { kind: 'pod', namespace: 'default', name: 'client' }, 'web', 80, T0 + 60_000);
    expect(r).toMatchObject({ kind: 'timeout' });
    create(w, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'allow-client' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] } }, T0 + 60_000);
    expect(resolveConnection(w, from, 'web', 80).ok).toBe(true);
    // another port stays blocked
    expect(resolveConnection(w, from, get(w, 'pod', 'default', list(w, 'pods', 'default', 'app=web')[0]!.metadata.name).status.podIP, 8080)).toEqual({ ok: false, error: 'timeout' });
    // egress deny from the client
    create(w, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'no-egress' }, spec: { podSelector: { matchLabels: { role: 'client' } }, policyTypes: ['Egress'] } }, T0 + 60_000);
    expect(resolveConnection(w, from, 'web', 80)).toEqual({ ok: false, error: 'timeout' });
    void getObject;
  });
});

describe('configuration errors', () => {
  it('waits with CreateContainerConfigError until the ConfigMap exists, and ContainerCreating for a missing volume', () => {
    const w = world();
    create(w, pod('env', 'nginx', { container: { env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'a' } } }] } }), T0);
    create(w, pod('vol', 'nginx', { container: { volumeMounts: [{ name: 'v', mountPath: '/cfg' }] }, pod: { volumes: [{ name: 'v', configMap: { name: 'cfg' } }] } }), T0);
    at(w, 15_000);
    const p = get(w, 'pod', 'default', 'env');
    expect(p.status.containerStatuses[0].state.waiting).toEqual({ message: 'configmap "cfg" not found', reason: 'CreateContainerConfigError' });
    expect(list(w, 'events', 'default').some((e) => e.involvedObject.name === 'env' && e.message === 'Error: configmap "cfg" not found')).toBe(true);
    const v = get(w, 'pod', 'default', 'vol');
    expect(v.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(list(w, 'events', 'default').some((e) => e.involvedObject.name === 'vol' && e.reason === 'FailedMount' && e.message === 'MountVolume.SetUp failed for volume "v" : configmap "cfg" not found')).toBe(true);
    create(w, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } }, T0 + 15_000);
    at(w, 60_000);
    expect(get(w, 'pod', 'default', 'env').status.phase).toBe('Running');
    expect(get(w, 'pod', 'default', 'vol').status.phase).toBe('Running');
  });
});

describe('static PersistentVolumes', () => {
  it('binds a claim to a matching PV, releases it on claim deletion, then deletes the PV', () => {
    const w = world();
    create(w, { kind: 'PersistentVolume', apiVersion: 'v1', metadata: { name: 'myvolume' }, spec: { storageClassName: 'normal', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadWriteMany'], hostPath: { path: '/etc/foo' } } }, T0);
    at(w, 1000);
    expect(get(w, 'pv', undefined, 'myvolume').status.phase).toBe('Available');
    create(w, { kind: 'PersistentVolumeClaim', apiVersion: 'v1', metadata: { name: 'mypvc' }, spec: { storageClassName: 'normal', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '4Gi' } } } }, T0 + 1000);
    at(w, 2000);
    const pvc = get(w, 'pvc', 'default', 'mypvc');
    expect(pvc.status).toEqual({ accessModes: ['ReadWriteOnce', 'ReadWriteMany'], capacity: { storage: '10Gi' }, phase: 'Bound' });
    expect(pvc.spec.volumeName).toBe('myvolume');
    expect(get(w, 'pv', undefined, 'myvolume').status.phase).toBe('Bound');
    expect(get(w, 'pv', undefined, 'myvolume').spec.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', name: 'mypvc', namespace: 'default' });
    deleteObject(w, 'pvc', 'default', 'mypvc', { now: T0 + 2000 });
    at(w, 3000);
    expect(getObject(w, 'pvc', 'default', 'mypvc').ok).toBe(false);
    expect(get(w, 'pv', undefined, 'myvolume').status.phase).toBe('Released');
    deleteObject(w, 'pv', undefined, 'myvolume', { now: T0 + 3000 });
    at(w, 4000);
    expect(getObject(w, 'pv', undefined, 'myvolume').ok).toBe(false);
  });
});

describe('StatefulSet rolling update', () => {
  it('replaces pods from the highest ordinal and ends with currentRevision = updateRevision', async () => {
    const { patchObject } = await import('../../src/world/k8s/api.js');
    const w = world();
    create(w, { ...sts, spec: { ...sts.spec, volumeClaimTemplates: undefined, template: { ...sts.spec.template, spec: { containers: [{ name: 'db', image: 'nginx:1.24' }] } } } }, T0);
    at(w, 60_000);
    const s0 = get(w, 'sts', 'default', 'db');
    expect(s0.status).toMatchObject({ replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2 });
    expect(s0.status.currentRevision).toBe(s0.status.updateRevision);
    patchObject(w, 'sts', 'default', 'db', 'strategic', { spec: { template: { spec: { containers: [{ name: 'db', image: 'nginx:1.25' }] } } } }, { now: T0 + 60_000 });
    at(w, 62_000);
    const mid = list(w, 'pods', 'default');
    // the highest ordinal goes first: db-1 is terminating, gone, or already on the new image (never the old one)
    const db1 = mid.find((p) => p.metadata.name === 'db-1');
    expect(db1 === undefined ? 'gone' : db1.metadata.deletionTimestamp ? 'terminating' : db1.spec.containers[0].image).toMatch(/^(gone|terminating|nginx:1\.25)$/);
    expect(get(w, 'pod', 'default', 'db-0').spec.containers[0].image).toBe('nginx:1.24');
    at(w, 180_000);
    const s1 = get(w, 'sts', 'default', 'db');
    expect(list(w, 'pods', 'default').map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.25', 'nginx:1.25']);
    expect(s1.status.currentRevision).toBe(s1.status.updateRevision);
    expect(s1.status.updateRevision).not.toBe(s0.status.updateRevision);
    expect(s1.status).toMatchObject({ replicas: 2, readyReplicas: 2, updatedReplicas: 2, currentReplicas: 2 });
  });
});

describe('minikube ingress addon', () => {
  it('publishes the node address on Ingresses and routes port 80 to the backend', () => {
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } }, T0);
    const ctl = deployment('ingress-nginx-controller', 'registry.k8s.io/ingress-nginx/controller:v1.12.2', 1);
    ctl.metadata.namespace = 'ingress-nginx';
    create(w, ctl, T0);
    create(w, deployment('web', 'nginx', 1), T0);
    create(w, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }, T0);
    const ing = create(w, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ host: 'hello.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }, T0);
    expect(ing.status).toEqual({ loadBalancer: {} });
    at(w, 60_000);
    expect(get(w, 'ing', 'default', 'web').status).toEqual({ loadBalancer: { ingress: [{ ip: '192.168.49.2' }] } });
    expect(get(w, 'ingressclass', undefined, 'nginx').spec.controller).toBe('k8s.io/ingress-nginx');
    const r = resolveConnection(w, undefined, '192.168.49.2', 80);
    expect(r.ok && r.target.pod).toMatch(/^web-/);
  });
});

describe('StatefulSet pod DNS', () => {
  it('resolves db-0.db to the pod behind the headless service', async () => {
    const { lookupHost } = await import('../../src/world/k8s/network.js');
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 80 }] } }, T0);
    create(w, { ...sts, spec: { ...sts.spec, replicas: 1, volumeClaimTemplates: undefined, template: { ...sts.spec.template, spec: { containers: [{ name: 'db', image: 'nginx' }] } } } }, T0);
    at(w, 30_000);
    const ip = get(w, 'pod', 'default', 'db-0').status.podIP;
    expect(lookupHost(w, 'default', 'db-0.db')).toEqual({ name: 'db-0.db.default.svc.cluster.local', ips: [ip] });
    expect(lookupHost(w, 'default', 'db')).toEqual({ name: 'db.default.svc.cluster.local', ips: [ip] });
    const r = resolveConnection(w, undefined, '192.168.49.2', 1);
    expect(r.ok).toBe(false);
  });
});
