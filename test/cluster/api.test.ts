import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { T0, world, list, get, create, at, deployment, pod } from './util.js';
import { createObject, deleteObject, getObject, listObjects, patchObject, updateObject, scaleObject } from '../../src/world/k8s/api.js';

const fixture = (f: string) => JSON.parse(readFileSync(new URL(`../../fixtures/cluster/${f}`, import.meta.url), 'utf8'));

describe('API server: defaulting', () => {
  it('defaults a Deployment as the server does (client object from kubectl.1.33 create deployment --dry-run=client -o json)', () => {
    const w = world();
    const d = create(w, fixture('create-deployment-web.json'), T0);
    expect(d.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(d.metadata.creationTimestamp).toBe('2026-01-15T10:00:00Z');
    expect(Number(d.metadata.resourceVersion)).toBeGreaterThan(1);
    expect(d.metadata.generation).toBe(1);
    expect(d.metadata.namespace).toBe('default');
    expect(d.spec).toMatchObject({ progressDeadlineSeconds: 600, replicas: 1, revisionHistoryLimit: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    expect(d.spec.template.spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 });
    expect(d.spec.template.spec.containers[0]).toEqual({ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(d.spec.template.metadata.creationTimestamp).toBeNull();
    expect(d.status).toBeUndefined();
    const d2 = create(w, deployment('tagged', 'nginx:1.25'), T0);
    expect(d2.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    const a = Number(d.metadata.resourceVersion), b = Number(d2.metadata.resourceVersion);
    expect(b).toBeGreaterThan(a);
  });
  it('defaults Services: ClusterIP from 10.96.0.0/12, NodePort in range, targetPort = port', () => {
    const w = world();
    const s = create(w, fixture('create-service-nodeport.json'), T0);
    expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
    expect(s.spec).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', type: 'NodePort' });
    expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(s.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    const c = create(w, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' }, spec: { selector: { app: 'c' }, ports: [{ port: 80 }] } }, T0);
    expect(c.spec.ports[0]).toEqual({ port: 80, protocol: 'TCP', targetPort: 80 });
    expect(c.spec.type).toBe('ClusterIP');
    expect(c.spec.ports[0].nodePort).toBeUndefined();
  });
  it('admits pods: service account, token volume, tolerations, Pending status', () => {
    const w = world();
    const p = create(w, pod('web', 'nginx'), T0);
    expect(p.spec.serviceAccountName).toBe('default');
    expect(p.spec.volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.spec.containers[0].volumeMounts[0]).toMatchObject({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true });
    expect(p.spec.tolerations).toEqual([
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ]);
    expect(p.status).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
  });
  it('gives Jobs their generated selector and labels', () => {
    const w = world();
    const j = create(w, fixture('create-job.json'), T0);
    const uid = j.metadata.uid;
    expect(j.spec.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.spec.template.metadata.labels).toMatchObject({ 'job-name': 'hello', 'controller-uid': uid, 'batch.kubernetes.io/job-name': 'hello' });
    expect(j.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false });
  });
  it('creates a namespace with its default ServiceAccount', () => {
    const w = world();
    const ns = create(w, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, T0);
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(ns.spec.finalizers).toEqual(['kubernetes']);
    at(w, 0);
    expect(get(w, 'sa', 'dev', 'default').metadata.name).toBe('default');
  });
});

describe('API server: validation errors', () => {
  const w = world();
  const err = (o: any) => {
    const r = createObject(w, o, { now: T0 });
    if (r.ok) throw new Error('expected an error');
    return r.error;
  };
  it('rejects unknown fields (strict decoding)', () => {
    const d = deployment('web', 'nginx');
    d.spec.replica = 3;
    expect(err(d)).toEqual({ code: 400, reason: 'BadRequest', message: 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"' });
    const d2 = deployment('web', 'nginx');
    d2.spec.template.spec.containers[0].imagee = 'x';
    d2.spec.foo = 1;
    expect(err(d2).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.foo"');
  });
  it('rejects wrong types', () => {
    const d = deployment('web', 'nginx');
    d.spec.replicas = '3';
    expect(err(d).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    const p = pod('p', 'nginx');
    p.spec.containers[0].ports = [{ containerPort: '80' }];
    expect(err(p).message).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
  });
  it('rejects invalid names with the RFC 1123 message', () => {
    const e = err(deployment('Web', 'nginx'));
    expect(e.code).toBe(422);
    expect(e.message).toBe(`The Deployment "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
    expect(err({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Dev_1' } }).message).toContain('a lowercase RFC 1123 label must consist of');
  });
  it('rejects missing required values and selector mismatch', () => {
    const p = pod('p', 'nginx');
    delete p.spec.containers[0].image;
    expect(err(p).message).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value');
    const d = deployment('web', 'nginx');
    d.spec.template.metadata.labels = { app: 'other' };
    expect(err(d).message).toBe('The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
  });
  it('needs the namespace to exist, and names to be free', () => {
    const p = pod('p', 'nginx');
    p.metadata.namespace = 'nope';
    expect(err(p)).toEqual({ code: 404, reason: 'NotFound', message: 'namespaces "nope" not found' });
    create(w, deployment('dup', 'nginx'), T0);
    expect(err(deployment('dup', 'nginx'))).toEqual({ code: 409, reason: 'AlreadyExists', message: 'deployments.apps "dup" already exists' });
    expect(err({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'x' } }).message).toBe('no matches for kind "Deployment" in version "extensions/v1beta1"');
  });
  it('keeps immutable fields', () => {
    const d = create(w, deployment('imm', 'nginx'), T0);
    const c = structuredClone(d);
    c.spec.selector.matchLabels = { app: 'x' };
    c.spec.template.metadata.labels = { app: 'x' };
    const r = updateObject(w, c, { now: T0 });
    expect(!r.ok && r.error.message).toBe('The Deployment "imm" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
    create(w, pod('imm', 'nginx'), T0);
    const r2 = patchObject(w, 'pod', 'default', 'imm', 'merge', { spec: { restartPolicy: 'Never' } }, { now: T0 });
    expect(!r2.ok && r2.error.message).toMatch(/^The Pod "imm" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
    const r3 = patchObject(w, 'pod', 'default', 'imm', 'strategic', { spec: { containers: [{ name: 'imm', image: 'nginx:1.25' }] } }, { now: T0 });
    expect(r3.ok && r3.value.spec.containers[0].image).toBe('nginx:1.25');
  });
});

describe('API server: reads, patches, deletes', () => {
  it('lists with label and field selectors', () => {
    const w = world();
    create(w, pod('a', 'nginx', {}, { app: 'web', tier: 'fe' }), T0);
    create(w, pod('b', 'nginx', {}, { app: 'web', tier: 'be' }), T0);
    create(w, pod('c', 'nginx', {}, { app: 'db' }), T0);
    const names = (sel: string) => list(w, 'pods', 'default', sel).map((p) => p.metadata.name);
    expect(names('app=web')).toEqual(['a', 'b']);
    expect(names('app=web,tier!=fe')).toEqual(['b']);
    expect(names('tier in (fe,be)')).toEqual(['a', 'b']);
    expect(names('!tier')).toEqual(['c']);
    expect(names('app notin (web)')).toEqual(['c']);
    const r = listObjects(w, 'pods', 'default', { fieldSelector: 'metadata.name=b' });
    expect(r.ok && r.value.map((p) => p.metadata.name)).toEqual(['b']);
    at(w, 30_000);
    const running = listObjects(w, 'pods', undefined, { fieldSelector: 'status.phase=Running,metadata.namespace=default' });
    expect(running.ok && running.value.length).toBe(3);
  });
  it('patches: strategic merge by container name, JSON merge, JSON patch', () => {
    const w = world();
    create(w, deployment('web', 'nginx'), T0);
    let r = patchObject(w, 'deployment', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'A', value: '1' }] }] } } } }, { now: T0 });
    expect(r.ok && r.value.spec.template.spec.containers).toHaveLength(1);
    expect(r.ok && r.value.spec.template.spec.containers[0]).toMatchObject({ image: 'nginx', env: [{ name: 'A', value: '1' }] });
    expect(r.ok && r.value.metadata.generation).toBe(2);
    r = patchObject(w, 'deployment', 'default', 'web', 'merge', { spec: { replicas: 4 } }, { now: T0 });
    expect(r.ok && r.value.spec.replicas).toBe(4);
    r = patchObject(w, 'deployment', 'default', 'web', 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.25' }], { now: T0 });
    expect(r.ok && r.value.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    const s = scaleObject(w, 'deploy', 'default', 'web', 2, { now: T0 });
    expect(s.ok && s.value.spec.replicas).toBe(2);
    const bad = patchObject(w, 'deployment', 'default', 'web', 'merge', { spec: { replica: 2 } }, { now: T0 });
    expect(!bad.ok && bad.error.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
  });
  it('deletes pods gracefully, and at once with --force --grace-period=0', () => {
    const w = world();
    create(w, pod('p', 'nginx'), T0);
    create(w, pod('q', 'nginx'), T0);
    at(w, 20_000);
    const r = deleteObject(w, 'pod', 'default', 'p', { now: T0 + 20_000 });
    expect(r.ok && r.value.metadata.deletionTimestamp).toBe('2026-01-15T10:00:50Z');
    expect(getObject(w, 'pod', 'default', 'p').ok).toBe(true);
    at(w, 22_000);
    expect(getObject(w, 'pod', 'default', 'p').ok).toBe(false);
    deleteObject(w, 'pod', 'default', 'q', { now: T0 + 22_000, gracePeriodSeconds: 0 });
    expect(getObject(w, 'pod', 'default', 'q').ok).toBe(false);
  });
  it('refuses to delete the default namespace', () => {
    const w = world();
    const r = deleteObject(w, 'ns', undefined, 'default', { now: T0 });
    expect(!r.ok && r.error).toEqual({ code: 403, reason: 'Forbidden', message: 'namespaces "default" is forbidden: this namespace may not be deleted' });
  });
});

describe('failed writes leave the world as it was', () => {
  it('restores randomness and allocations after a refused create', () => {
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '0' } } }, T0);
    const before = JSON.stringify(w);
    const r = createObject(w, pod('p', 'nginx'), { now: T0 });
    expect(r.ok).toBe(false);
    const s = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30080 }, { name: 'x', port: 81 }] } };
    expect(createObject(w, s, { now: T0 }).ok).toBe(false); // two ports, the first unnamed
    expect(JSON.stringify(w)).toBe(before);
  });
});

describe('Secret types', () => {
  it('needs the keys of its type', () => {
    const w = world();
    const r = createObject(w, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: {} }, { now: T0 });
    expect(!r.ok && r.error.message).toBe('The Secret "regcred" is invalid: data[.dockerconfigjson]: Required value');
    const ok = createObject(w, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') } }, { now: T0 });
    expect(ok.ok).toBe(true);
    const tls = createObject(w, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 't' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }, { now: T0 });
    expect(!tls.ok && tls.error.message).toBe('The Secret "t" is invalid: data[tls.key]: Required value');
  });
});

describe('enumerations from the schema', () => {
  it('rejects values outside an enum', () => {
    const w = world();
    const d = deployment('web', 'nginx');
    d.spec.template.spec.containers[0].imagePullPolicy = 'always';
    const r = createObject(w, d, { now: T0 });
    expect(!r.ok && r.error.message).toBe('The Deployment "web" is invalid: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"');
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { accessModes: ['ReadWriteOnly'], resources: { requests: { storage: '1Gi' } } } };
    const r2 = createObject(w, pvc, { now: T0 });
    expect(!r2.ok && r2.error.message).toBe('The PersistentVolumeClaim "c" is invalid: spec.accessModes[0]: Unsupported value: "ReadWriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"');
  });
});

describe('objects without a spec', () => {
  it('are refused with the missing fields, not a crash', () => {
    const w = world();
    const kinds: [string, string][] = [['apps/v1', 'Deployment'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'], ['v1', 'Pod'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'], ['v1', 'PersistentVolumeClaim'], ['v1', 'Service']];
    for (const [apiVersion, kind] of kinds) {
      const r = createObject(w, { apiVersion, kind, metadata: { name: 'x' } }, { now: T0 });
      expect(r.ok, kind).toBe(false);
      expect(!r.ok && r.error.code, kind).toBe(422);
    }
    const r = createObject(w, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }, { now: T0 });
    expect(!r.ok && r.error.message).toBe('The Pod "x" is invalid: spec.containers: Required value');
  });
});

describe('odd manifests', () => {
  it('never throw', () => {
    const w = world();
    const odd: any[] = [
      null, 5, 'x', [], {}, { kind: 'Pod' }, { apiVersion: 'v1', kind: 'Pod', metadata: 5 },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: null },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: ['x'] }, spec: { containers: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: 'nginx' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [null] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 99999 }] }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: null },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'b' }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'http' }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '@every 1m', jobTemplate: {} } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a b': 'x', n: 1 } },
    ];
    for (const o of odd) {
      expect(() => createObject(w, o, { now: T0 })).not.toThrow();
      const r = createObject(w, o, { now: T0 });
      if (o && typeof o === 'object' && o.metadata?.name === 'a') expect(r.ok).toBe(false);
    }
    at(w, 30_000);
  });
});
