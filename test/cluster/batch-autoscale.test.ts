import { describe, expect, it } from 'vitest';
import { T0, world, list, get, create, at, deployment, pod, events } from './util.js';
import { createObject, patchObject } from '../../src/world/k8s/api.js';
import { setLoad } from '../../src/world/k8s/metrics.js';
import { nextCronTime } from '../../src/world/k8s/controllers/cron.js';

const job = (name: string, command: string[], extra: any = {}) => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
  spec: { ...extra, template: { spec: { containers: [{ name, image: 'busybox', command }], restartPolicy: 'Never' } } },
});

describe('Job and CronJob', () => {
  it('runs a Job to completion', () => {
    const w = world();
    create(w, job('hello', ['echo', 'hi'], { completions: 2 }), T0);
    at(w, 60_000);
    const j = get(w, 'job', 'default', 'hello');
    expect(j.status.succeeded).toBe(2);
    expect(j.status.conditions.map((c: any) => [c.type, c.status])).toEqual([['SuccessCriteriaMet', 'True'], ['Complete', 'True']]);
    expect(j.status.completionTime).toBeDefined();
    const pods = list(w, 'pods', 'default');
    expect(pods).toHaveLength(2);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^hello-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.status.phase).toBe('Succeeded');
      expect(p.metadata.labels['job-name']).toBe('hello');
    }
  });
  it('fails a Job after backoffLimit', () => {
    const w = world();
    create(w, job('boom', ['sh', '-c', 'exit 3'], { backoffLimit: 1 }), T0);
    at(w, 300_000);
    const j = get(w, 'job', 'default', 'boom');
    expect(j.status.failed).toBe(2);
    expect(j.status.conditions.find((c: any) => c.type === 'Failed')).toMatchObject({ reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });
  });
  it('schedules CronJob runs named NAME-<minutes since epoch>', () => {
    const w = world();
    create(w, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' }, spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'tick', image: 'busybox', command: ['date'] }], restartPolicy: 'OnFailure' } } } } } }, T0);
    at(w, 5 * 60_000 + 30_000);
    const jobs = list(w, 'jobs', 'default').map((j) => j.metadata.name);
    expect(jobs).toHaveLength(3); // successfulJobsHistoryLimit
    const m = Math.floor(T0 / 60000);
    expect(jobs).toEqual([`tick-${m + 3}`, `tick-${m + 4}`, `tick-${m + 5}`]);
    const cj = get(w, 'cronjob', 'default', 'tick');
    expect(cj.status.lastScheduleTime).toBe('2026-01-15T10:05:00Z');
    expect(nextCronTime('0 3 * * 1', T0)).toBe(Date.parse('2026-01-19T03:00:00Z'));
    expect(nextCronTime('bad', T0)).toBeUndefined();
  });
});

describe('HorizontalPodAutoscaler and ResourceQuota', () => {
  it('scales a Deployment from simulated CPU', () => {
    const w = world();
    create(w, deployment('php', 'nginx', 1, { container: { resources: { requests: { cpu: '200m' } } } }), T0);
    // without the metrics-server addon the HPA cannot read CPU
    create(w, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'early' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } }, T0);
    at(w, 20_000);
    expect(get(w, 'hpa', 'default', 'early').status.conditions.find((c: any) => c.type === 'ScalingActive')).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric' });
    // minikube addons enable metrics-server
    const ms = deployment('metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', 1);
    ms.metadata.namespace = 'kube-system';
    create(w, ms, T0 + 20_000);
    at(w, 40_000);
    expect(list(w, 'pods', 'kube-system', 'app=metrics-server')[0]!.status.phase).toBe('Running');
    create(w, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'php' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } }, T0 + 40_000);
    at(w, 70_000);
    expect(get(w, 'hpa', 'default', 'php').status.currentMetrics[0].resource.current.averageUtilization).toBeLessThan(50);
    expect(get(w, 'deploy', 'default', 'php').spec.replicas).toBe(1);
    setLoad(w, 'default', { app: 'php' }, 300);
    at(w, 130_000);
    expect(get(w, 'deploy', 'default', 'php').spec.replicas).toBeGreaterThan(1);
    expect(events(w, 'default', 'php').some((e) => e.reason === 'SuccessfulRescale' && /^New size: \d; reason: cpu resource utilization \(percentage of request\) above target$/.test(e.message))).toBe(true);
  });
  it('refuses pods over a quota with the real message', () => {
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '1', 'requests.cpu': '1' } } }, T0);
    const p = pod('a', 'nginx', { container: { resources: { requests: { cpu: '500m' } } } });
    create(w, p, T0);
    const r = createObject(w, pod('b', 'nginx', { container: { resources: { requests: { cpu: '500m' } } } }), { now: T0 });
    expect(!r.ok && r.error).toEqual({ code: 403, reason: 'Forbidden', message: 'pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1' });
    const r2 = createObject(w, pod('c', 'nginx'), { now: T0 });
    expect(!r2.ok && r2.error.message).toBe('pods "c" is forbidden: failed quota: q: must specify requests.cpu for: c');
    at(w, 1000);
    expect(get(w, 'quota', 'default', 'q').status).toEqual({ hard: { pods: '1', 'requests.cpu': '1' }, used: { pods: '1', 'requests.cpu': '500m' } });
  });
});

describe('DaemonSet', () => {
  it('runs one pod per node', () => {
    const w = world();
    create(w, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'busybox', command: ['sleep', '36000'] }] } } } }, T0);
    at(w, 30_000);
    const ds = get(w, 'ds', 'default', 'agent');
    expect(ds.status).toMatchObject({ currentNumberScheduled: 1, desiredNumberScheduled: 1, numberReady: 1, numberAvailable: 1, updatedNumberScheduled: 1 });
    const pods = list(w, 'pods', 'default');
    expect(pods[0]!.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});

describe('evictions (kubectl drain)', () => {
  it('refuses an eviction a PodDisruptionBudget forbids, allows it otherwise', async () => {
    const { evictPod } = await import('../../src/world/k8s/api.js');
    const w = world();
    create(w, deployment('web', 'nginx', 2), T0);
    create(w, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } }, T0);
    at(w, 30_000);
    expect(get(w, 'pdb', 'default', 'web').status).toMatchObject({ currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 2 });
    const [p] = list(w, 'pods', 'default');
    expect(evictPod(w, 'default', p!.metadata.name, T0 + 30_000)).toEqual({ ok: false, error: { code: 429, reason: 'TooManyRequests', message: "Cannot evict pod as it would violate the pod's disruption budget." } });
    create(w, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' }, spec: { containers: [{ name: 'solo', image: 'nginx' }] } }, T0 + 30_000);
    at(w, 60_000);
    expect(evictPod(w, 'default', 'solo', T0 + 60_000).ok).toBe(true);
    expect(get(w, 'pod', 'default', 'solo').metadata.deletionTimestamp).toBeDefined();
  });
});

describe('Job deadlines and TTL, CronJob validation', () => {
  it('deletes a finished Job after ttlSecondsAfterFinished, fails one past activeDeadlineSeconds', () => {
    const w = world();
    create(w, job('short', ['echo', 'hi'], { ttlSecondsAfterFinished: 30 }), T0);
    create(w, job('long', ['sleep', '600'], { activeDeadlineSeconds: 20 }), T0);
    at(w, 15_000);
    expect(get(w, 'job', 'default', 'short').status.succeeded).toBe(1);
    at(w, 25_000);
    expect(get(w, 'job', 'default', 'long').status.conditions.find((c: any) => c.type === 'Failed')).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    at(w, 60_000);
    expect(list(w, 'jobs', 'default').map((j) => j.metadata.name)).toEqual(['long']);
  });
  it('rejects an unparseable schedule', () => {
    const w = world();
    const r = createObject(w, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '*/1 * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } } } }, { now: T0 });
    expect(!r.ok && r.error.message).toBe('The CronJob "c" is invalid: spec.schedule: Invalid value: "*/1 * *": expected exactly 5 fields, found 3: */1 * *');
  });
});

describe('LimitRange and NoExecute taints', () => {
  it('refuses containers over a LimitRange max and defaults missing limits', () => {
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' }, default: { cpu: '500m' }, defaultRequest: { cpu: '200m' } }] } }, T0);
    const r = createObject(w, pod('big', 'nginx', { container: { resources: { limits: { cpu: '2' } } } }), { now: T0 });
    expect(!r.ok && r.error).toEqual({ code: 403, reason: 'Forbidden', message: 'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2' });
    const ok = create(w, pod('small', 'nginx'), T0);
    expect(ok.spec.containers[0].resources).toEqual({ limits: { cpu: '500m' }, requests: { cpu: '200m' } });
  });
  it('evicts pods that do not tolerate a NoExecute taint', () => {
    const w = world();
    create(w, pod('p', 'nginx'), T0);
    at(w, 20_000);
    patchObject(w, 'node', undefined, 'minikube', 'merge', { spec: { taints: [{ key: 'maint', value: 'now', effect: 'NoExecute' }] } }, { now: T0 + 20_000 });
    at(w, 20_000);
    expect(get(w, 'pod', 'default', 'p').metadata.deletionTimestamp).toBeDefined();
    expect(events(w, 'default', 'p').some((e) => e.reason === 'TaintManagerEviction' && e.message === 'Marking for deletion Pod default/p')).toBe(true);
    expect(get(w, 'pod', 'kube-system', list(w, 'pods', 'kube-system').find((x) => x.metadata.name.startsWith('kube-proxy-'))!.metadata.name).metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('event lifetime', () => {
  it('drops events an hour after they last happened', () => {
    const w = world();
    create(w, pod('p', 'nginx'), T0);
    at(w, 30_000);
    expect(events(w, 'default', 'p').length).toBeGreaterThan(3);
    at(w, 3_700_000);
    expect(events(w, 'default', 'p')).toHaveLength(0);
  });
});
