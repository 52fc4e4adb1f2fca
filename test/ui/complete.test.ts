import { describe, expect, it } from 'vitest';
import { completeLine } from '../../src/ui/complete.js';
import { createObject } from '../../src/world/k8s/api.js';
import { newWorld, type World } from '../../src/world/world.js';
import { memoryFs, T0 } from '../helpers/memory.js';

function world(): World {
  const w = newWorld({ now: T0, seed: 1 });
  createObject(w, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }, { now: T0 });
  const pod = (name: string, namespace: string) =>
    createObject(w, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'app', image: 'nginx' }] } }, { now: T0 });
  pod('web-7d4b9c-abcde', 'default');
  pod('web-7d4b9c-fghij', 'default');
  createObject(w, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db-0', namespace: 'default' }, spec: { initContainers: [{ name: 'init-db', image: 'busybox' }], containers: [{ name: 'postgres', image: 'postgres' }, { name: 'exporter', image: 'exporter' }] } }, { now: T0 });
  expect(pod('api-5f6d7-qwert', 'team-a').ok).toBe(true);
  const deploy = (name: string) =>
    createObject(w, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default', labels: { app: name } },
      spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'nginx' }] } } },
    }, { now: T0 });
  deploy('web');
  deploy('api');
  w.docker.containers['a'.repeat(64)] = { Id: 'a'.repeat(64), Name: '/web', State: { Status: 'running' } };
  w.docker.containers['b'.repeat(64)] = { Id: 'b'.repeat(64), Name: '/old-db', State: { Status: 'exited' } };
  w.docker.images['sha256:' + '1'.repeat(64)] = { Id: 'sha256:' + '1'.repeat(64), RepoTags: ['nginx:latest', 'nginx:1.27'] };
  w.docker.images['sha256:' + '2'.repeat(64)] = { Id: 'sha256:' + '2'.repeat(64), RepoTags: ['busybox:latest'] };
  return w;
}

const c = (line: string, opts = {}) => completeLine(world(), line, line.length, { now: false, ...opts });

describe('completeLine', () => {
  it('completes program names, builtins and aliases at the start of a command', () => {
    expect(c('kub')).toEqual({ start: 0, candidates: ['kubectl'] });
    expect(c('mini').candidates).toEqual(['minikube']);
    expect(c('k').candidates).toEqual(['k', 'kubectl']);
    expect(c('echo hi && doc')).toEqual({ start: 11, candidates: ['docker'] });
    expect(c('kubectl get po | gr').candidates).toEqual(['grep']);
  });

  it('completes kubectl subcommands from kubectl 1.33', () => {
    expect(c('kubectl ap').candidates).toEqual(['api-resources', 'api-versions', 'apply']);
    expect(c('kubectl rollout st').candidates).toEqual(['status']);
    expect(c('kubectl create dep').candidates).toEqual(['deployment']);
    expect(c('k desc').candidates).toEqual(['describe']);
  });

  it('completes resource types with short names', () => {
    const r = c('kubectl get dep');
    expect(r.start).toBe(12);
    expect(r.candidates).toContain('deployments');
    expect(c('kubectl get po').candidates).toEqual(expect.arrayContaining(['po', 'pods', 'poddisruptionbudgets']));
    expect(c('kubectl rollout status d').candidates).toEqual(['daemonsets', 'deploy', 'deployments', 'ds']);
  });

  it('completes object names in the namespace of the context, -n, or TYPE/NAME', () => {
    expect(c('kubectl get pods w')).toEqual({ start: 17, candidates: ['web-7d4b9c-abcde', 'web-7d4b9c-fghij'] });
    expect(c('kubectl get pods ').candidates).toEqual(['db-0', 'web-7d4b9c-abcde', 'web-7d4b9c-fghij']);
    expect(c('kubectl -n team-a get po ').candidates).toEqual(['api-5f6d7-qwert']);
    expect(c('kubectl get po --namespace=team-a a').candidates).toEqual(['api-5f6d7-qwert']);
    expect(c('kubectl describe deploy/').candidates).toEqual(['deploy/api', 'deploy/web']);
    expect(c('kubectl logs d').candidates).toEqual(['db-0']);
    expect(c('k exec -it w').candidates).toEqual(['web-7d4b9c-abcde', 'web-7d4b9c-fghij']);
    expect(c('kubectl delete deployment web ').candidates).toEqual(['api']);
  });

  it('completes container names of the pod for -c', () => {
    expect(c('kubectl logs db-0 -c ').candidates).toEqual(['exporter', 'init-db', 'postgres']);
    expect(c('kubectl exec -it db-0 --container=p').candidates).toEqual(['--container=postgres']);
    expect(c('kubectl logs -c ').candidates).toEqual([]);
  });

  it('follows the namespace of the current context', () => {
    const w = world();
    w.cluster.kubeconfig.contexts.minikube!.namespace = 'team-a';
    expect(completeLine(w, 'kubectl get pods ', 17, { now: false }).candidates).toEqual(['api-5f6d7-qwert']);
  });

  it('completes flags and flag values', () => {
    expect(c('kubectl get pods --all-n').candidates).toEqual(['--all-namespaces']);
    expect(c('kubectl get pods --outp').candidates).toEqual(['--output-watch-events', '--output=']);
    expect(c('kubectl scale deploy web --repl').candidates).toEqual(['--replicas=']);
    expect(c('kubectl get pods -o ya').candidates).toEqual(['yaml']);
    expect(c('kubectl get pods -o=js').candidates).toEqual(['-o=json', '-o=jsonpath-file=', '-o=jsonpath=']);
    expect(c('kubectl get pods -n te').candidates).toEqual(['team-a']);
    expect(c('docker run --rm --na').candidates).toEqual(['--name']);
    expect(c('docker run --netw').candidates).toEqual(['--network', '--network-alias']);
  });

  it('completes docker subcommands, containers by state and images', () => {
    expect(c('docker im').candidates).toEqual(['image', 'images', 'import']);
    expect(c('docker container l').candidates).toEqual(['logs', 'ls']);
    expect(c('docker stop ').candidates).toEqual(['web']);
    expect(c('docker start ').candidates).toEqual(['old-db']);
    expect(c('docker rm ').candidates).toEqual(['old-db', 'web']);
    expect(c('docker rmi ngi').candidates).toEqual(['nginx:1.27', 'nginx:latest']);
    expect(c('docker run -d -p 8080:80 --name x b').candidates).toEqual(['busybox:latest']);
    expect(c('docker exec -it web ').candidates).toEqual([]);
    expect(c('docker comp').candidates).toEqual(['compose']);
    expect(c('docker compose u').candidates).toEqual(['up']);
    expect(c('docker compose up --d').candidates).toEqual(['--detach']);
    expect(c('kubectl get al').candidates).toEqual(['all']);
  });

  it('completes file names in the working folder for -f, redirects and cat', () => {
    const files = new Map([['/work/web.yaml', 'x'], ['/work/db.yaml', 'y'], ['/work/k8s/svc.yaml', 'z']]);
    const fs = memoryFs(files);
    expect(c('kubectl apply -f w', { fs }).candidates).toEqual(['web.yaml']);
    expect(c('kubectl apply -f ', { fs }).candidates).toEqual(['db.yaml', 'k8s/', 'web.yaml']);
    expect(c('kubectl apply -f k8s/', { fs })).toEqual({ start: 17, candidates: ['k8s/svc.yaml'] });
    expect(c('kubectl get deploy web -o yaml > d', { fs }).candidates).toEqual(['db.yaml']);
    expect(c('cat we', { fs }).candidates).toEqual(['web.yaml']);
    expect(c('cd ', { fs }).candidates).toEqual(['k8s/']);
    files.set('/work/my app.yaml', 'a');
    expect(c('kubectl apply -f my', { fs }).candidates).toEqual(['my\\ app.yaml']);
    expect(c('kubectl apply -f my\\ a', { fs })).toEqual({ start: 17, candidates: ['my\\ app.yaml'] });
  });

  it('completes busybox commands inside a nested container shell', () => {
    const nested = [{ kind: 'docker' as const, id: 'x', prompt: '/ # ' }];
    expect(c('wg', { nested }).candidates).toEqual(['wget']);
    expect(c('kub', { nested }).candidates).toEqual([]);
  });

  it('completes minikube commands, addons and services', () => {
    expect(c('minikube st').candidates).toEqual(['start', 'status', 'stop']);
    expect(c('minikube addons enable metr').candidates).toEqual(['metrics-server']);
  });

  it('sees the pods a deployment made a moment ago (a settled copy of the world), leaving the world unchanged', () => {
    const w = newWorld({ now: T0, seed: 1 });
    createObject(w, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'shop', namespace: 'default', labels: { app: 'shop' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels: { app: 'shop' } }, spec: { containers: [{ name: 'shop', image: 'nginx' }] } } },
    }, { now: T0 });
    const before = JSON.stringify(w);
    expect(completeLine(w, 'kubectl logs sh', 15, { now: false }).candidates).toEqual([]);
    const r = completeLine(w, 'kubectl logs sh', 15, { now: T0 + 1000 });
    expect(r.candidates).toHaveLength(2);
    expect(r.candidates.every((n) => /^shop-[a-z0-9]+-[a-z0-9]{5}$/.test(n))).toBe(true);
    expect(JSON.stringify(w)).toBe(before);
  });

  it('offers no object names when the cluster is not running', () => {
    const w = world();
    w.cluster.status = 'Stopped';
    expect(completeLine(w, 'kubectl get pods ', 17, { now: false }).candidates).toEqual([]);
  });

  it('completes mid-line using only the text before the cursor', () => {
    const line = 'kubectl get pods w -o wide';
    expect(completeLine(world(), line, 18, { now: false })).toEqual({ start: 17, candidates: ['web-7d4b9c-abcde', 'web-7d4b9c-fghij'] });
  });
});
