/** The minikube CLI on the simulated cluster. */
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('minikube', () => {
  it('status, ip, version, node list', async () => {
    const h = harness();
    expect(await h.minikube(['status'])).toMatchObject({ stdout: 'minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n', code: 0 });
    expect((await h.minikube(['ip'])).stdout).toBe('192.168.49.2\n');
    expect((await h.minikube(['version'])).stdout).toMatch(/^minikube version: v1\.36\.0\ncommit: [0-9a-f]{40}\n$/);
    expect((await h.minikube(['node', 'list'])).stdout).toBe('minikube\t192.168.49.2\n');
  });
  it('service URL and table, ClusterIP services have no node port', async () => {
    const h = harness();
    await h.kubectl(['create', 'deployment', 'web', '--image=nginx']);
    await h.kubectl(['expose', 'deployment', 'web', '--type=NodePort', '--port=80']);
    const url = (await h.minikube(['service', 'web', '--url'])).stdout;
    expect(url).toMatch(/^http:\/\/192\.168\.49\.2:3\d{4}\n$/);
    const port = url.trim().split(':').pop();
    const t = (await h.minikube(['service', 'web'])).stdout;
    expect(t).toBe(
      `|-----------|------|-------------|---------------------------|\n` +
        `| NAMESPACE | NAME | TARGET PORT |            URL            |\n` +
        `|-----------|------|-------------|---------------------------|\n` +
        `| default   | web  |          80 | http://192.168.49.2:${port} |\n` +
        `|-----------|------|-------------|---------------------------|\n` +
        `🎉  Opening service default/web in default browser...\n`,
    );
    expect(await h.minikube(['service', 'kubernetes', '--url'])).toMatchObject({ stdout: '', stderr: '😿  service default/kubernetes has no node port\n' });
    expect(await h.minikube(['service', 'nope'])).toMatchObject({ code: 1 });
  });
  it('dashboard --url and addons', async () => {
    const h = harness();
    const d = await h.minikube(['dashboard', '--url']);
    expect(d.stdout).toMatch(/^🔌  Enabling dashboard \.\.\.\n/);
    expect(d.stdout).toMatch(/\nhttp:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/kubernetes-dashboard\/services\/http:kubernetes-dashboard:\/proxy\/\n$/);
    const list = (await h.minikube(['addons', 'list'])).stdout;
    expect(list).toMatch(/\| dashboard +\| minikube \| enabled ✅ +\| Kubernetes +\|\n/);
    expect(list).toMatch(/\| metrics-server +\| minikube \| disabled +\| Kubernetes +\|\n/);
    expect((await h.minikube(['addons', 'enable', 'metrics-server'])).stdout).toMatch(/🌟  The 'metrics-server' addon is enabled\n$/);
    expect((await h.kubectl(['get', 'deploy', '-n', 'kube-system', 'metrics-server', '-o', 'name'])).stdout).toBe('deployment.apps/metrics-server\n');
  });
  it('tunnel gives LoadBalancer services their EXTERNAL-IP', async () => {
    const h = harness();
    await h.kubectl(['create', 'deployment', 'web', '--image=nginx']);
    await h.kubectl(['expose', 'deployment', 'web', '--type=LoadBalancer', '--port=80']);
    expect((await h.kubectl(['get', 'svc', 'web', '--no-headers'])).stdout).toMatch(/ <pending> /);
    expect((await h.minikube(['tunnel'])).stdout).toContain('\tservices: [web]\n');
    const ip = (await h.kubectl(['get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
    expect((await h.kubectl(['get', 'svc', 'web', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'])).stdout).toBe(ip);
  });
  it('stop, delete, start again; kubectl through minikube kubectl --', async () => {
    const h = harness();
    expect((await h.minikube(['kubectl', '--', 'get', 'nodes', '-o', 'name'])).stdout).toBe('node/minikube\n');
    await h.minikube(['stop']);
    expect(await h.kubectl(['get', 'pods'])).toMatchObject({ stderr: 'The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?\n', code: 1 });
    const del = await h.minikube(['delete']);
    expect(del.stdout).toBe('🔥  Deleting "minikube" in docker ...\n🔥  Deleting container "minikube" ...\n🔥  Removing /root/.minikube/machines/minikube ...\n💀  Removed all traces of the "minikube" cluster.\n');
    expect(await h.minikube(['status'])).toMatchObject({ code: 85 });
    expect(await h.kubectl(['get', 'pods'])).toMatchObject({ stderr: 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n', code: 1 });
    const st = await h.minikube(['start']);
    expect(st.stdout).toMatch(/^😄  minikube v1\.36\.0 on Ubuntu 22\.04\n✨  Automatically selected the docker driver/);
    expect(st.stdout).toContain('🔥  Creating docker container (CPUs=2, Memory=3900MB) ...\n');
    expect((await h.kubectl(['get', 'nodes', '-o', 'name'])).stdout).toBe('node/minikube\n');
  });
});

describe('kubectl edit', () => {
  it('uses the edge editor when there is one, and reports the editor problem otherwise', async () => {
    const h = harness();
    await h.kubectl(['create', 'deployment', 'web', '--image=nginx']);
    expect(await h.kubectl(['edit', 'deploy', 'web'])).toMatchObject({ stderr: 'error: there was a problem with the editor "vi"\n', code: 1 });
    h.ctx.editFile = async (content) => content.replace('replicas: 1', 'replicas: 3');
    expect((await h.kubectl(['edit', 'deploy', 'web'])).stdout).toBe('deployment.apps/web edited\n');
    expect((await h.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('3');
    h.ctx.editFile = async (content) => content;
    expect((await h.kubectl(['edit', 'deploy', 'web'])).stdout).toBe('Edit cancelled, no changes made.\n');
  });
});
