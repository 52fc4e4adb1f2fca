import { describe, expect, it } from 'vitest';
import { T0, world, list, get } from './util.js';
import { minikubeDelete, minikubeStart, minikubeStatus, minikubeStop } from '../../src/world/k8s/api.js';
import { newWorld } from '../../src/world/world.js';
import { initClusterState } from '../../src/world/k8s/state.js';

describe('bootstrap: a fresh minikube cluster', () => {
  const w = world();
  it('has the node minikube as a real one looks', () => {
    const n = get(w, 'nodes', undefined, 'minikube');
    expect(n.metadata.labels['kubernetes.io/hostname']).toBe('minikube');
    expect(n.metadata.labels['node-role.kubernetes.io/control-plane']).toBe('');
    expect(n.metadata.labels['minikube.k8s.io/name']).toBe('minikube');
    expect(n.metadata.labels['minikube.k8s.io/primary']).toBe('true');
    expect(n.status.capacity).toMatchObject({ cpu: '2', pods: '110' });
    expect(n.status.addresses[0]).toEqual({ address: '192.168.49.2', type: 'InternalIP' });
    expect(n.status.nodeInfo.kubeletVersion).toMatch(/^v1\.33\.\d+$/);
    expect(n.status.nodeInfo.containerRuntimeVersion).toMatch(/^docker:\/\/28\./);
    expect(n.status.nodeInfo.osImage).toMatch(/^Ubuntu 22\.04\.\d LTS$/);
    expect(n.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    expect(n.spec.taints).toBeUndefined();
  });
  it('has the four namespaces, default service accounts and kube-root-ca.crt', () => {
    expect(list(w, 'ns').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      expect(get(w, 'sa', ns, 'default').metadata.namespace).toBe(ns);
      expect(get(w, 'cm', ns, 'kube-root-ca.crt').data['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(get(w, 'ns', undefined, ns).status.phase).toBe('Active');
    }
  });
  it('runs the control plane in kube-system', () => {
    const names = list(w, 'pods', 'kube-system').map((p) => p.metadata.name);
    expect(names).toHaveLength(7);
    expect(names.filter((n) => /^coredns-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toHaveLength(1);
    for (const n of ['etcd-minikube', 'kube-apiserver-minikube', 'kube-controller-manager-minikube', 'kube-scheduler-minikube', 'storage-provisioner']) expect(names).toContain(n);
    for (const p of list(w, 'pods', 'kube-system')) {
      expect(p.status.phase).toBe('Running');
      expect(p.status.containerStatuses.every((c: any) => c.ready)).toBe(true);
    }
    expect(get(w, 'deploy', 'kube-system', 'coredns').status.readyReplicas).toBe(1);
    expect(get(w, 'ds', 'kube-system', 'kube-proxy').status.numberReady).toBe(1);
  });
  it('has the kubernetes and kube-dns services, their endpoints, a lease and the default StorageClass', () => {
    const k = get(w, 'svc', 'default', 'kubernetes');
    expect(k.spec.clusterIP).toBe('10.96.0.1');
    expect(k.spec.ports[0]).toMatchObject({ name: 'https', port: 443, targetPort: 8443 });
    expect(get(w, 'ep', 'default', 'kubernetes').subsets[0].addresses[0].ip).toBe('192.168.49.2');
    expect(list(w, 'endpointslices', 'default')[0].metadata.labels['kubernetes.io/service-name']).toBe('kubernetes');
    expect(get(w, 'svc', 'kube-system', 'kube-dns').spec.clusterIP).toBe('10.96.0.10');
    expect(get(w, 'ep', 'kube-system', 'kube-dns').subsets[0].addresses[0].ip).toBe('10.244.0.2');
    expect(get(w, 'lease', 'kube-node-lease', 'minikube').spec.holderIdentity).toBe('minikube');
    const sc = get(w, 'sc', undefined, 'standard');
    expect(sc.provisioner).toBe('k8s.io/minikube-hostpath');
    expect(sc.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBe('true');
  });
  it('is deterministic from the seed', () => {
    const a = JSON.stringify(newWorld({ seed: 7, now: T0 }).cluster);
    const b = JSON.stringify(newWorld({ seed: 7, now: T0 }).cluster);
    const c = JSON.stringify(newWorld({ seed: 8, now: T0 }).cluster);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
  it('takes scenario nodes', () => {
    const w2 = newWorld({ seed: 1, now: T0 });
    w2.cluster = initClusterState(w2, T0, { nodes: [{ name: 'cp' }, { name: 'worker-1', labels: { disk: 'ssd' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }] });
    const nodes = list(w2, 'nodes');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['cp', 'worker-1']);
    expect(nodes[1]!.metadata.labels.disk).toBe('ssd');
    expect(nodes[1]!.status.addresses[0].address).toBe('192.168.49.3');
    expect(list(w2, 'pods', 'kube-system').filter((p) => p.metadata.name.startsWith('kube-proxy-'))).toHaveLength(2);
  });
  it('stops, starts and deletes', () => {
    const w3 = world();
    expect(minikubeStatus(w3)[0]).toMatchObject({ name: 'minikube', host: 'Running', kubelet: 'Running', apiserver: 'Running', kubeconfig: 'Configured', type: 'Control Plane' });
    minikubeStop(w3, T0);
    expect(minikubeStatus(w3)[0]).toMatchObject({ host: 'Stopped', apiserver: 'Stopped', kubeconfig: 'Stopped' });
    minikubeStart(w3, T0);
    expect(minikubeStatus(w3)[0]!.host).toBe('Running');
    minikubeDelete(w3, T0);
    expect(minikubeStatus(w3)).toEqual([]);
    expect(minikubeStart(w3, T0 + 60_000, { nodes: 2 }).created).toBe(true);
    expect(list(w3, 'nodes').map((n) => n.metadata.name)).toEqual(['minikube', 'minikube-m02']);
  });
});

describe('minikube stop and start', () => {
  it('restarts every pod container when the node comes back', async () => {
    const { create, at, deployment, list } = await import('./util.js');
    const w = world();
    create(w, deployment('web', 'nginx', 1), T0);
    at(w, 30_000);
    const before = list(w, 'pods', 'default')[0]!;
    minikubeStop(w, T0 + 30_000);
    at(w, 60_000);
    minikubeStart(w, T0 + 60_000);
    at(w, 90_000);
    const p = list(w, 'pods', 'default')[0]!;
    expect(p.metadata.name).toBe(before.metadata.name);
    expect(p.status.phase).toBe('Running');
    expect(p.status.containerStatuses[0].restartCount).toBe(1);
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 255, reason: 'Error' });
    const cd = list(w, 'pods', 'kube-system').find((x) => x.metadata.name.startsWith('coredns-'))!;
    expect(cd.status.containerStatuses[0].restartCount).toBe(1);
  });
});
