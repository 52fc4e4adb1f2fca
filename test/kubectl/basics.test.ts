/**
 * The "Kubernetes Basics" path (kubernetes.io tutorial) through the real shell, in memory and through the built
 * bin: create, expose NodePort, curl via `minikube service --url`, scale, self-healing, set image, rollout
 * status/history/undo/--to-revision, with kubectl's exact messages at every step.
 */
import { describe, expect, it } from 'vitest';
import { memorySession } from '../helpers/memory.js';
import { cli } from '../helpers/cli.js';

const DEPLOY = 'kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1';

describe('Kubernetes Basics in memory', () => {
  it('walks the whole tutorial with kubectl messages', async () => {
    const s = memorySession();
    const run = async (l: string) => s.run(l);

    let r = await run(DEPLOY);
    expect(r).toMatchObject({ stdout: 'deployment.apps/kubernetes-bootcamp created\n', stderr: '', code: 0 });
    s.advance(30_000);
    r = await run('kubectl get deployments');
    expect(r.stdout).toBe('NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\nkubernetes-bootcamp   1/1     1            1           30s\n');

    r = await run('kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080');
    expect(r.stdout).toBe('service/kubernetes-bootcamp exposed\n');
    r = await run('kubectl get services');
    expect(r.stdout).toMatch(/^NAME {18}TYPE {8}CLUSTER-IP {5}EXTERNAL-IP   PORT\(S\) {10}AGE\n/);
    expect(r.stdout).toMatch(/\nkubernetes-bootcamp   NodePort    10\.\d+\.\d+\.\d+ +<none>        8080:3\d{4}\/TCP   0s\n/);

    r = await run('minikube service kubernetes-bootcamp --url');
    expect(r.stdout).toMatch(/^http:\/\/192\.168\.49\.2:3\d{4}\n$/);
    const url = r.stdout.trim();
    r = await run(`curl ${url}`);
    expect(r.stdout).toMatch(/^Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-[a-z0-9]+-[a-z0-9]{5} \| v=1\n$/);

    r = await run('kubectl scale deployments/kubernetes-bootcamp --replicas=4');
    expect(r.stdout).toBe('deployment.apps/kubernetes-bootcamp scaled\n');
    s.advance(30_000);
    r = await run('kubectl get pods -l app=kubernetes-bootcamp --no-headers');
    const pods = r.stdout.trim().split('\n').map((l) => l.split(/\s+/));
    expect(pods).toHaveLength(4);
    for (const p of pods) expect(p.slice(1, 4)).toEqual(['1/1', 'Running', '0']);

    // self-healing: a deleted pod is replaced by a new one with a new name
    const victim = pods[0]![0]!;
    r = await run(`kubectl delete pod ${victim}`);
    expect(r.stdout).toBe(`pod "${victim}" deleted\n`);
    s.advance(10_000);
    r = await run('kubectl get pods -l app=kubernetes-bootcamp -o name');
    const names = r.stdout.trim().split('\n');
    expect(names).toHaveLength(4);
    expect(names).not.toContain(`pod/${victim}`);

    r = await run('kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2');
    expect(r.stdout).toBe('deployment.apps/kubernetes-bootcamp image updated\n');
    r = await run('kubectl rollout status deployments/kubernetes-bootcamp');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(Waiting for deployment "kubernetes-bootcamp" rollout to finish: .*\.\.\.\n)*deployment "kubernetes-bootcamp" successfully rolled out\n$/);
    r = await run('kubectl get deployments -o wide');
    expect(r.stdout).toContain('docker.io/jocatalin/kubernetes-bootcamp:v2');

    r = await run('kubectl rollout history deployments/kubernetes-bootcamp');
    expect(r.stdout).toBe('deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');

    r = await run('kubectl rollout undo deployments/kubernetes-bootcamp');
    expect(r.stdout).toBe('deployment.apps/kubernetes-bootcamp rolled back\n');
    r = await run('kubectl rollout status deployments/kubernetes-bootcamp');
    expect(r.stdout).toMatch(/deployment "kubernetes-bootcamp" successfully rolled out\n$/);
    r = await run('kubectl rollout history deployments/kubernetes-bootcamp');
    expect(r.stdout).toBe('deployment.apps/kubernetes-bootcamp \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    r = await run('kubectl get deploy kubernetes-bootcamp -o jsonpath={.spec.template.spec.containers[0].image}');
    expect(r.stdout).toBe('gcr.io/google-samples/kubernetes-bootcamp:v1');

    r = await run('kubectl rollout undo deployments/kubernetes-bootcamp --to-revision=2');
    expect(r.stdout).toBe('deployment.apps/kubernetes-bootcamp rolled back\n');
    s.advance(30_000);
    r = await run('kubectl get deploy kubernetes-bootcamp -o jsonpath={.spec.template.spec.containers[0].image}');
    expect(r.stdout).toBe('docker.io/jocatalin/kubernetes-bootcamp:v2');
    r = await run('kubectl rollout history deployments/kubernetes-bootcamp --revision=4');
    expect(r.stdout).toMatch(/^deployment\.apps\/kubernetes-bootcamp with revision #4\nPod Template:\n  Labels:\tapp=kubernetes-bootcamp\n/);
    expect(r.stdout).toContain('    Image:\tdocker.io/jocatalin/kubernetes-bootcamp:v2\n');
    r = await run('kubectl rollout undo deployments/kubernetes-bootcamp --to-revision=9');
    expect(r).toMatchObject({ stdout: '', stderr: 'error: unable to find specified revision 9 in history\n', code: 1 });

    r = await run('kubectl delete deployment kubernetes-bootcamp');
    expect(r.stdout).toBe('deployment.apps "kubernetes-bootcamp" deleted\n');
    r = await run('kubectl get deployment kubernetes-bootcamp');
    expect(r).toMatchObject({ stderr: 'Error from server (NotFound): deployments.apps "kubernetes-bootcamp" not found\n', code: 1 });
  });

  it('kubectl fails with the connection error while minikube is stopped', async () => {
    const s = memorySession();
    let r = await s.run('minikube stop');
    expect(r.stdout).toBe('✋  Stopping node "minikube"  ...\n🛑  Powering off "minikube" via SSH ...\n🛑  1 node stopped.\n');
    r = await s.run('minikube status');
    expect(r).toMatchObject({ stdout: 'minikube\ntype: Control Plane\nhost: Stopped\nkubelet: Stopped\napiserver: Stopped\nkubeconfig: Stopped\n\n', code: 7 });
    r = await s.run('kubectl get pods');
    expect(r).toMatchObject({ stdout: '', stderr: 'The connection to the server 192.168.49.2:8443 was refused - did you specify the right host or port?\n', code: 1 });
    r = await s.run('kubectl create deployment web --image=nginx --dry-run=client -o name');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web\n', code: 0 });
    r = await s.run('minikube start');
    expect(r.stdout).toContain('🔄  Restarting existing docker container for "minikube" ...\n');
    expect(r.stdout).toMatch(/🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default\n$/);
    r = await s.run('kubectl get nodes --no-headers');
    expect(r.stdout).toMatch(/^minikube   Ready   control-plane   /);
  });
});

describe('Kubernetes Basics through the built bin (line mode)', () => {
  it('create, expose, curl, scale, set image, rollout', async () => {
    const input = [
      DEPLOY,
      'sleep 30',
      'kubectl get deployments',
      'kubectl expose deployment/kubernetes-bootcamp --type="NodePort" --port 8080',
      'curl $(minikube service kubernetes-bootcamp --url)',
      'kubectl scale deployments/kubernetes-bootcamp --replicas=4',
      'sleep 30',
      'kubectl get pods --no-headers | wc -l',
      'kubectl set image deployments/kubernetes-bootcamp kubernetes-bootcamp=docker.io/jocatalin/kubernetes-bootcamp:v2',
      'kubectl rollout status deployments/kubernetes-bootcamp | tail -n 1',
      'kubectl rollout undo deployments/kubernetes-bootcamp',
      'kubectl rollout history deployments/kubernetes-bootcamp',
      '',
    ].join('\n');
    const r = await cli([], { input });
    expect(r.stdout).toContain('deployment.apps/kubernetes-bootcamp created\n');
    expect(r.stdout).toContain('NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\nkubernetes-bootcamp   1/1     1            1           30s\n');
    expect(r.stdout).toContain('service/kubernetes-bootcamp exposed\n');
    expect(r.stdout).toMatch(/Hello Kubernetes bootcamp! \| Running on: kubernetes-bootcamp-\S+ \| v=1\n/);
    expect(r.stdout).toContain('deployment.apps/kubernetes-bootcamp scaled\n');
    expect(r.stdout).toMatch(/\n\s*4\n/);
    expect(r.stdout).toContain('deployment.apps/kubernetes-bootcamp image updated\n');
    expect(r.stdout).toContain('deployment "kubernetes-bootcamp" successfully rolled out\n');
    expect(r.stdout).toContain('deployment.apps/kubernetes-bootcamp rolled back\n');
    expect(r.stdout).toContain('REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
  });
});
