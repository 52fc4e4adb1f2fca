import { describe, expect, it } from 'vitest';
import { T0, world, list, get, create, at, deployment, pod, events, podStatus } from './util.js';
import { createObject, patchObject, rollbackDeployment, deploymentRevisions, deleteObject, getObject } from '../../src/world/k8s/api.js';
import { computeHash } from '../../src/world/k8s/controllers/deployment.js';
import { podFs } from '../../src/world/k8s/api.js';

const ALPHA = '[bcdfghjklmnpqrstvwxz2456789]';

describe('Deployment -> ReplicaSet -> Pods', () => {
  it('creates a ReplicaSet named with the pod-template-hash and pods that go Pending -> ContainerCreating -> Running', () => {
    const w = world();
    const d = create(w, deployment('web', 'nginx', 3), T0);
    at(w, 0);
    const rs = list(w, 'rs', 'default');
    expect(rs).toHaveLength(1);
    const hash = computeHash(d.spec.template);
    expect(rs[0]!.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(new RegExp(`^${ALPHA}{8,10}$`));
    expect(rs[0]!.metadata.labels['pod-template-hash']).toBe(hash);
    expect(rs[0]!.metadata.ownerReferences[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(rs[0]!.metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    let pods = list(w, 'pods', 'default');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-${ALPHA}{5}$`));
      expect(p.metadata.generateName).toBe(`web-${hash}-`);
      expect(podStatus(p)).toBe('ContainerCreating');
      expect(p.spec.nodeName).toBe('minikube');
    }
    at(w, 30_000);
    pods = list(w, 'pods', 'default');
    for (const p of pods) {
      expect(p.status.phase).toBe('Running');
      expect(p.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
      expect(p.status.hostIP).toBe('192.168.49.2');
      expect(p.status.conditions.map((c: any) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
      const cs = p.status.containerStatuses[0];
      expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0 });
      expect(cs.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
      expect(cs.imageID).toMatch(/^docker-pullable:\/\/nginx@sha256:[0-9a-f]{64}$/);
    }
    const dep = get(w, 'deploy', 'default', 'web');
    expect(dep.status).toMatchObject({ availableReplicas: 3, readyReplicas: 3, replicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(dep.status.conditions.map((c: any) => [c.type, c.reason])).toEqual([['Available', 'MinimumReplicasAvailable'], ['Progressing', 'NewReplicaSetAvailable']]);
    const ev = events(w, 'default', pods[0]!.metadata.name).map((e) => e.reason);
    expect(ev).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const pulled = events(w, 'default', pods[0]!.metadata.name).find((e) => e.reason === 'Pulled')!;
    expect(pulled.message).toMatch(/^Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events(w, 'default', 'web')[0]!.message).toBe(`Scaled up replica set web-${hash} from 0 to 3`);
  });

  it('replaces a deleted pod with a new name (self-healing)', () => {
    const w = world();
    create(w, deployment('web', 'nginx', 2), T0);
    at(w, 20_000);
    const [p1] = list(w, 'pods', 'default');
    deleteObject(w, 'pod', 'default', p1!.metadata.name, { now: T0 + 20_000 });
    at(w, 21_000);
    const names = list(w, 'pods', 'default').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    at(w, 40_000);
    expect(list(w, 'pods', 'default').map((p) => p.metadata.name)).not.toContain(p1!.metadata.name);
    expect(list(w, 'pods', 'default').every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('rolls out step by step honouring maxSurge/maxUnavailable', () => {
    const w = world();
    create(w, deployment('web', 'nginx:1.24', 4), T0);
    at(w, 60_000);
    patchObject(w, 'deploy', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } }, { now: T0 + 60_000 });
    // 25% of 4: maxSurge 1, maxUnavailable 1 -> at most 5 pods, at least 3 available at every step
    let maxPods = 0, minAvail = 99;
    const rsNames = new Set<string>();
    for (let t = 60_000; t <= 180_000; t += 250) {
      at(w, t);
      const rss = list(w, 'rs', 'default');
      rss.forEach((r) => rsNames.add(r.metadata.name));
      const total = rss.reduce((n, r) => n + r.spec.replicas, 0);
      maxPods = Math.max(maxPods, total);
      const avail = rss.reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);
      minAvail = Math.min(minAvail, avail);
    }
    expect(rsNames.size).toBe(2);
    expect(maxPods).toBe(5);
    expect(minAvail).toBe(3);
    const d = get(w, 'deploy', 'default', 'web');
    expect(d.status).toMatchObject({ replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    const scaled = events(w, 'default', 'web').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaled[1]).toMatch(/^Scaled up replica set web-\w+ from 0 to 1$/);
    expect(scaled[2]).toMatch(/^Scaled down replica set web-\w+ from 4 to 3$/);
    expect(list(w, 'pods', 'default').every((p) => p.spec.containers[0].image === 'nginx:1.25')).toBe(true);
  });

  it('rolls back with revision renumbering (1,2 -> undo -> 2,3) and copies change-cause', () => {
    const w = world();
    const d = deployment('web', 'nginx:1.24', 2);
    d.metadata.annotations = { 'kubernetes.io/change-cause': 'first' };
    create(w, d, T0);
    at(w, 30_000);
    patchObject(w, 'deploy', 'default', 'web', 'strategic', { metadata: { annotations: { 'kubernetes.io/change-cause': 'second' } }, spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } }, { now: T0 + 30_000 });
    at(w, 90_000);
    expect(deploymentRevisions(w, 'default', 'web').map((r) => [r.revision, r.rs.metadata.annotations['kubernetes.io/change-cause']])).toEqual([[1, 'first'], [2, 'second']]);
    const r = rollbackDeployment(w, 'default', 'web', 0, T0 + 90_000);
    expect(r.ok).toBe(true);
    at(w, 150_000);
    const revs = deploymentRevisions(w, 'default', 'web');
    expect(revs.map((x) => [x.revision, x.rs.spec.template.spec.containers[0].image])).toEqual([[2, 'nginx:1.25'], [3, 'nginx:1.24']]);
    expect(revs[1]!.rs.metadata.annotations['deployment.kubernetes.io/revision-history']).toBe('1');
    const dep = get(w, 'deploy', 'default', 'web');
    expect(dep.metadata.annotations['kubernetes.io/change-cause']).toBe('first');
    expect(dep.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    expect(rollbackDeployment(w, 'default', 'web', 7, T0)).toEqual({ ok: false, error: 'unable to find specified revision 7 in history' });
  });

  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const w = world();
    create(w, deployment('web', 'nginx:1.20', 1, { spec: { revisionHistoryLimit: 2 } }), T0);
    for (let i = 1; i <= 4; i++) {
      at(w, i * 60_000);
      patchObject(w, 'deploy', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:1.2${i}` }] } } } }, { now: T0 + i * 60_000 });
    }
    at(w, 400_000);
    expect(list(w, 'rs', 'default')).toHaveLength(3);
  });

  it('pauses and resumes', () => {
    const w = world();
    create(w, deployment('web', 'nginx:1.24', 1), T0);
    at(w, 30_000);
    patchObject(w, 'deploy', 'default', 'web', 'merge', { spec: { paused: true } }, { now: T0 + 30_000 });
    patchObject(w, 'deploy', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } }, { now: T0 + 30_000 });
    at(w, 60_000);
    expect(list(w, 'rs', 'default')).toHaveLength(1);
    expect(get(w, 'deploy', 'default', 'web').status.conditions.find((c: any) => c.type === 'Progressing').reason).toBe('DeploymentPaused');
    patchObject(w, 'deploy', 'default', 'web', 'merge', { spec: { paused: null } }, { now: T0 + 60_000 });
    at(w, 120_000);
    expect(list(w, 'rs', 'default')).toHaveLength(2);
    expect(list(w, 'pods', 'default').map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.25']);
  });
});

describe('kubelet', () => {
  it('crash-loops with back-off 10s, 20s, 40s ... and lastState.terminated', () => {
    const w = world();
    create(w, pod('crash', 'busybox', { container: { command: ['sh', '-c', 'echo boom; exit 1'] } }), T0);
    const restarts: [number, number][] = [];
    let last = -1;
    for (let t = 0; t <= 200_000; t += 100) {
      at(w, t);
      const p = get(w, 'pod', 'default', 'crash');
      const rc = p.status.containerStatuses?.[0]?.restartCount ?? 0;
      if (rc !== last) { restarts.push([t, rc]); last = rc; }
    }
    const times = restarts.map(([t]) => t);
    const gaps = times.slice(2).map((t, i) => t - times[i + 1]!);
    // first restart right after the crash, then 10s, 20s, 40s, 80s back-off (plus the run time)
    expect(gaps.map((g) => Math.round(g / 10_000) * 10)).toEqual([10, 20, 40, 80]);
    const p = get(w, 'pod', 'default', 'crash');
    expect(podStatus(p)).toBe('CrashLoopBackOff');
    expect(p.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(p.status.containerStatuses[0].state.waiting.message).toMatch(/^back-off [\dms]+ restarting failed container=crash pod=crash_default\(/);
    expect(p.status.phase).toBe('Running');
    expect(events(w, 'default', 'crash').some((e) => e.reason === 'BackOff' && e.message.startsWith('Back-off restarting failed container crash in pod crash_default('))).toBe(true);
  });

  it('completes a pod whose process exits 0 under restartPolicy Never', () => {
    const w = world();
    create(w, pod('once', 'busybox', { container: { command: ['echo', 'hello'] }, pod: { restartPolicy: 'Never' } }), T0);
    at(w, 30_000);
    const p = get(w, 'pod', 'default', 'once');
    expect(p.status.phase).toBe('Succeeded');
    expect(podStatus(p)).toBe('Completed');
    expect(p.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('goes ErrImagePull -> ImagePullBackOff for an unknown image', () => {
    const w = world();
    create(w, pod('bad', 'nginxx:nope'), T0);
    at(w, 1_500);
    expect(podStatus(get(w, 'pod', 'default', 'bad'))).toBe('ErrImagePull');
    at(w, 5_000);
    const p = get(w, 'pod', 'default', 'bad');
    expect(podStatus(p)).toBe('ImagePullBackOff');
    expect(p.status.phase).toBe('Pending');
    const reasons = events(w, 'default', 'bad').map((e) => `${e.type} ${e.reason} ${e.message}`);
    expect(reasons).toContain('Normal Pulling Pulling image "nginxx:nope"');
    expect(reasons.some((r) => r.startsWith('Warning Failed Failed to pull image "nginxx:nope": '))).toBe(true);
    expect(reasons).toContain('Warning Failed Error: ErrImagePull');
    expect(reasons).toContain('Normal BackOff Back-off pulling image "nginxx:nope"');
    expect(reasons).toContain('Warning Failed Error: ImagePullBackOff');
  });

  it('waits for a readiness probe and restarts on liveness failure', () => {
    const w = world();
    create(w, pod('probe', 'nginx', { container: {
      readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 },
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    } }), T0);
    at(w, 8_000);
    let p = get(w, 'pod', 'default', 'probe');
    expect(p.status.containerStatuses[0].ready).toBe(false);
    at(w, 40_000);
    p = get(w, 'pod', 'default', 'probe');
    expect(p.status.containerStatuses[0].restartCount).toBeGreaterThanOrEqual(1);
    const ev = events(w, 'default', 'probe');
    expect(ev.some((e) => e.reason === 'Unhealthy' && e.message === "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")).toBe(true);
    expect(ev.some((e) => e.reason === 'Killing' && e.message === 'Container probe failed liveness probe, will be restarted')).toBe(true);
  });
});

describe('scheduler', () => {
  it('leaves a pod Pending with FailedScheduling when no node matches its nodeSelector', () => {
    const w = world();
    create(w, pod('gpu', 'nginx', { pod: { nodeSelector: { has_GPU: 'true' } } }), T0);
    at(w, 1000);
    const p = get(w, 'pod', 'default', 'gpu');
    expect(p.status.phase).toBe('Pending');
    const msg = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
    expect(p.status.conditions).toEqual([{ lastProbeTime: null, lastTransitionTime: '2026-01-15T10:00:00Z', message: msg, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }]);
    expect(events(w, 'default', 'gpu').map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'FailedScheduling', msg]]);
    // labelling the node schedules it
    patchObject(w, 'node', undefined, 'minikube', 'merge', { metadata: { labels: { has_GPU: 'true' } } }, { now: T0 + 2000 });
    at(w, 20_000);
    expect(get(w, 'pod', 'default', 'gpu').status.phase).toBe('Running');
  });
  it('reports insufficient cpu and cordoned nodes', () => {
    const w = world();
    create(w, pod('big', 'nginx', { container: { resources: { requests: { cpu: '3' } } } }), T0);
    at(w, 100);
    expect(events(w, 'default', 'big')[0]!.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    patchObject(w, 'node', undefined, 'minikube', 'merge', { spec: { unschedulable: true } }, { now: T0 + 200 });
    create(w, pod('c', 'nginx'), T0 + 300);
    at(w, 400);
    expect(events(w, 'default', 'c')[0]!.message).toBe('0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });
});

describe('garbage collection and namespaces', () => {
  it('deletes ReplicaSets and pods of a deleted Deployment', () => {
    const w = world();
    create(w, deployment('web', 'nginx', 2), T0);
    at(w, 30_000);
    deleteObject(w, 'deploy', 'default', 'web', { now: T0 + 30_000 });
    at(w, 30_000);
    expect(list(w, 'rs', 'default')).toHaveLength(0);
    expect(list(w, 'pods', 'default').every((p) => p.metadata.deletionTimestamp)).toBe(true);
    at(w, 60_000);
    expect(list(w, 'pods', 'default')).toHaveLength(0);
  });
  it('orphans with propagationPolicy Orphan', () => {
    const w = world();
    create(w, deployment('web', 'nginx', 1), T0);
    at(w, 30_000);
    deleteObject(w, 'deploy', 'default', 'web', { now: T0 + 30_000, propagationPolicy: 'Orphan' });
    at(w, 60_000);
    expect(list(w, 'rs', 'default')).toHaveLength(1);
    expect(list(w, 'rs', 'default')[0]!.metadata.ownerReferences).toBeUndefined();
  });
  it('terminates a namespace after its contents', () => {
    const w = world();
    create(w, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } }, T0);
    const p = pod('p', 'nginx');
    p.metadata.namespace = 'dev';
    create(w, p, T0);
    at(w, 30_000);
    deleteObject(w, 'ns', undefined, 'dev', { now: T0 + 30_000 });
    expect(get(w, 'ns', undefined, 'dev').status.phase).toBe('Terminating');
    const p2 = pod('q', 'nginx');
    p2.metadata.namespace = 'dev';
    const r = createObject(w, p2, { now: T0 + 30_000 });
    expect(!r.ok && r.error).toEqual({ code: 403, reason: 'Forbidden', message: 'pods "q" is forbidden: unable to create new content in namespace dev because it is being terminated' });
    at(w, 60_000);
    expect(getObject(w, 'ns', undefined, 'dev').ok).toBe(false);
    expect(list(w, 'pods', 'dev')).toHaveLength(0);
  });
});

describe('progress deadline', () => {
  it('marks a stuck rollout ProgressDeadlineExceeded after progressDeadlineSeconds', () => {
    const w = world();
    create(w, deployment('web', 'nginx:1.25', 2), T0);
    at(w, 30_000);
    patchObject(w, 'deploy', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.91' }] } } } }, { now: T0 + 30_000 });
    at(w, 300_000);
    expect(get(w, 'deploy', 'default', 'web').status.conditions.find((c: any) => c.type === 'Progressing').status).toBe('True');
    at(w, 700_000);
    const c = get(w, 'deploy', 'default', 'web').status.conditions.find((x: any) => x.type === 'Progressing');
    expect(c).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(c.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
  });
});

describe('pod spec updates', () => {
  it('restarts a container whose image changed (RESTARTS 1), even with restartPolicy Never', () => {
    const w = world();
    create(w, pod('nginx', 'nginx', { pod: { restartPolicy: 'Never' } }), T0);
    at(w, 30_000);
    patchObject(w, 'pod', 'default', 'nginx', 'strategic', { spec: { containers: [{ name: 'nginx', image: 'nginx:1.24.0' }] } }, { now: T0 + 30_000 });
    at(w, 60_000);
    const p = get(w, 'pod', 'default', 'nginx');
    expect(p.status.phase).toBe('Running');
    expect(p.status.containerStatuses[0]).toMatchObject({ restartCount: 1, image: 'nginx:1.24.0', ready: true });
    expect(events(w, 'default', 'nginx').some((e) => e.reason === 'Killing' && e.message === 'Container nginx definition changed, will be restarted')).toBe(true);
  });
  it('pulls the fixed image of an ImagePullBackOff pod', () => {
    const w = world();
    create(w, pod('bad', 'nginx:nope'), T0);
    at(w, 30_000);
    patchObject(w, 'pod', 'default', 'bad', 'strategic', { spec: { containers: [{ name: 'bad', image: 'nginx:1.25' }] } }, { now: T0 + 30_000 });
    at(w, 45_000);
    const p = get(w, 'pod', 'default', 'bad');
    expect(p.status.phase).toBe('Running');
    expect(p.status.containerStatuses[0].restartCount).toBe(0);
  });
});

describe('init containers', () => {
  it('runs init containers in order before the main ones, and keeps sidecars running', () => {
    const w = world();
    create(w, pod('box', 'nginx', {
      container: { volumeMounts: [{ name: 'vol', mountPath: '/usr/share/nginx/html' }] },
      pod: {
        initContainers: [
          { name: 'init', image: 'busybox', command: ['sh', '-c', 'echo Test > /work-dir/index.html'], volumeMounts: [{ name: 'vol', mountPath: '/work-dir' }] },
          { name: 'logger', image: 'busybox', command: ['sh', '-c', 'sleep 36000'], restartPolicy: 'Always' },
        ],
        volumes: [{ name: 'vol', emptyDir: {} }],
      },
    }), T0);
    at(w, 1000);
    let p = get(w, 'pod', 'default', 'box');
    expect(p.status.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized' });
    expect(p.status.initContainerStatuses[0].state.waiting?.reason ?? p.status.initContainerStatuses[0].state.running).toBeDefined();
    at(w, 60_000);
    p = get(w, 'pod', 'default', 'box');
    expect(p.status.phase).toBe('Running');
    expect(p.status.initContainerStatuses.map((s: any) => [s.name, Object.keys(s.state)[0]])).toEqual([['init', 'terminated'], ['logger', 'running']]);
    expect(p.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const fs = podFs(w, 'default', 'box', 'box');
    if (!fs.ok) throw new Error(fs.error);
    expect(fs.value.readFile('/usr/share/nginx/html/index.html')).toBe('Test\n');
  });
});

describe('start errors', () => {
  it('reports a missing executable as the Docker runtime does', () => {
    const w = world();
    create(w, pod('nx', 'busybox', { container: { args: ['notexist'] }, pod: { restartPolicy: 'Never' } }), T0);
    at(w, 20_000);
    const p = get(w, 'pod', 'default', 'nx');
    expect(p.status.phase).toBe('Failed');
    const t = p.status.containerStatuses[0].state.terminated;
    expect(t).toMatchObject({ exitCode: 127, reason: 'ContainerCannotRun' });
    expect(t.message).toContain('exec: "notexist": executable file not found in $PATH');
    expect(events(w, 'default', 'nx').some((e) => e.type === 'Warning' && e.message.startsWith('Error: failed to start container "nx": Error response from daemon: '))).toBe(true);
  });
});

describe('ReplicaSet ownership', () => {
  it('releases a pod relabelled out of its selector and replaces it', () => {
    const w = world();
    create(w, deployment('web', 'nginx', 2), T0);
    at(w, 30_000);
    const [p] = list(w, 'pods', 'default');
    patchObject(w, 'pod', 'default', p!.metadata.name, 'merge', { metadata: { labels: { app: 'debug' } } }, { now: T0 + 30_000 });
    at(w, 60_000);
    const pods = list(w, 'pods', 'default');
    expect(pods).toHaveLength(3);
    const quarantined = get(w, 'pod', 'default', p!.metadata.name);
    expect(quarantined.metadata.ownerReferences).toBeUndefined();
    expect(list(w, 'pods', 'default', 'app=web').every((x) => x.status.phase === 'Running')).toBe(true);
    expect(list(w, 'pods', 'default', 'app=web')).toHaveLength(2);
  });
});

describe('HTTP probes', () => {
  it('fails a readiness probe on a path the server answers 404', () => {
    const w = world();
    create(w, pod('rp', 'nginx', { container: { readinessProbe: { httpGet: { path: '/healthz', port: 80 }, initialDelaySeconds: 2 } } }), T0);
    create(w, pod('ok', 'nginx', { container: { readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 2 } } }), T0);
    at(w, 30_000);
    expect(get(w, 'pod', 'default', 'rp').status.containerStatuses[0].ready).toBe(false);
    expect(get(w, 'pod', 'default', 'ok').status.containerStatuses[0].ready).toBe(true);
    expect(events(w, 'default', 'rp').some((e) => e.reason === 'Unhealthy' && e.message === 'Readiness probe failed: HTTP probe failed with statuscode: 404')).toBe(true);
  });
});

describe('the liveness exec example', () => {
  it('restarts the container after the file it checks disappears', () => {
    const w = world();
    create(w, pod('liveness-exec', 'busybox', { container: {
      args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    } }), T0);
    at(w, 30_000);
    expect(get(w, 'pod', 'default', 'liveness-exec').status.containerStatuses[0].restartCount).toBe(0);
    at(w, 60_000);
    const p = get(w, 'pod', 'default', 'liveness-exec');
    expect(p.status.containerStatuses[0].restartCount).toBe(1);
    const ev = events(w, 'default', 'liveness-exec');
    expect(ev.some((e) => e.reason === 'Unhealthy' && e.message === "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")).toBe(true);
    expect(ev.some((e) => e.reason === 'Killing' && e.message === 'Container liveness-exec failed liveness probe, will be restarted')).toBe(true);
  });
});

describe('adoption', () => {
  it('a Deployment re-created after an orphaning delete adopts its ReplicaSet and pods', () => {
    const w = world();
    create(w, deployment('web', 'nginx', 2), T0);
    at(w, 30_000);
    const podsBefore = list(w, 'pods', 'default').map((p) => p.metadata.name);
    deleteObject(w, 'deploy', 'default', 'web', { now: T0 + 30_000, propagationPolicy: 'Orphan' });
    at(w, 40_000);
    create(w, deployment('web', 'nginx', 2), T0 + 40_000);
    at(w, 70_000);
    expect(list(w, 'rs', 'default')).toHaveLength(1);
    expect(list(w, 'rs', 'default')[0]!.metadata.ownerReferences[0].name).toBe('web');
    expect(list(w, 'pods', 'default').map((p) => p.metadata.name)).toEqual(podsBefore);
  });
  it('a ReplicaSet adopts a matching bare pod instead of creating one', () => {
    const w = world();
    create(w, pod('stray', 'nginx', {}, { app: 'web' }), T0);
    at(w, 10_000);
    create(w, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } }, T0 + 10_000);
    at(w, 40_000);
    const pods = list(w, 'pods', 'default');
    expect(pods).toHaveLength(2);
    expect(get(w, 'pod', 'default', 'stray').metadata.ownerReferences[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web' });
  });
});

describe('cordon', () => {
  it('adds and removes the unschedulable taint with spec.unschedulable', () => {
    const w = world();
    patchObject(w, 'node', undefined, 'minikube', 'merge', { spec: { unschedulable: true } }, { now: T0 });
    at(w, 1000);
    expect(get(w, 'node', undefined, 'minikube').spec.taints).toEqual([{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: '2026-01-15T10:00:00Z' }]);
    patchObject(w, 'node', undefined, 'minikube', 'merge', { spec: { unschedulable: null } }, { now: T0 + 1000 });
    at(w, 2000);
    expect(get(w, 'node', undefined, 'minikube').spec.taints).toBeUndefined();
  });
});

describe('minikube image load', () => {
  it('runs a locally built image that no registry has', async () => {
    const { minikubeImageLoad } = await import('../../src/world/k8s/api.js');
    const { resolveImage } = await import('../../src/world/runtime/images.js');
    const w = world();
    create(w, pod('local', 'myapp:1.0', { container: { imagePullPolicy: 'Never' } }), T0);
    at(w, 5_000);
    expect(podStatus(get(w, 'pod', 'default', 'local'))).toBe('ErrImageNeverPull');
    const base = resolveImage(w, 'nginx:1.25');
    if (!base.ok) throw new Error(base.error);
    minikubeImageLoad(w, 'myapp:1.0', { id: 'sha256:' + 'a'.repeat(64), size: base.value.size + 100, created: '2026-01-15T09:00:00Z', config: base.value.config, layers: base.value.layers, base: 'nginx:1.25' });
    create(w, pod('local2', 'myapp:1.0', { container: { imagePullPolicy: 'IfNotPresent' } }), T0 + 5_000);
    at(w, 20_000);
    const p = get(w, 'pod', 'default', 'local2');
    expect(p.status.phase).toBe('Running');
    at(w, 60_000);
    expect(get(w, 'pod', 'default', 'local').status.phase).toBe('Running');
    expect(events(w, 'default', 'local2').some((e) => e.message === 'Container image "myapp:1.0" already present on machine')).toBe(true);
  });
});
