/** The cluster through kubectl lines (in memory): networking, exec, logs as a learner meets them. */
import { expect, it } from 'vitest';
import { memorySession } from '../helpers/memory.js';

async function runAll(lines: string[]) {
  const s = memorySession();
  const out: Record<string, { stdout: string; stderr: string; code: number }> = {};
  for (const l of lines) {
    if (l.startsWith('@')) { s.advance(Number(l.slice(1))); continue; }
    out[l] = await s.run(l);
  }
  return { s, out };
}

it('pods reach a service by name, exec shells keep their files, logs show the access', async () => {
  const { out } = await runAll([
    'kubectl create deployment web --image=nginx --replicas=2', 'kubectl expose deploy web --port=80', 'kubectl run client --image=busybox -- sleep 3600', '@30000',
    'kubectl exec client -- wget -qO- web', 'kubectl exec client -- nslookup web', 'kubectl exec -it client -- sh', 'echo hi > /tmp/x', 'hostname', 'exit',
    'kubectl exec client -- cat /tmp/x', 'kubectl logs deploy/web', 'kubectl get ep web',
  ]);
  expect(out['kubectl exec client -- wget -qO- web']!.stdout).toContain('<title>Welcome to nginx!</title>');
  expect(out['kubectl exec client -- nslookup web']!.stdout).toMatch(/Server:\t\t10\.96\.0\.10\n[\s\S]*Name:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+/);
  expect(out['hostname']!.stdout).toBe('client\n');
  expect(out['kubectl exec client -- cat /tmp/x']!.stdout).toBe('hi\n');
  expect(out['kubectl logs deploy/web']!.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
  expect(out['kubectl get ep web']!.stdout).toMatch(/^NAME +ENDPOINTS +AGE\nweb +10\.244\.0\.\d+:80,10\.244\.0\.\d+:80 +30s\n$/);
});

it('a NodePort answers on the minikube IP from the host, a crashing pod backs off', async () => {
  const { out } = await runAll([
    'kubectl create deployment kubernetes-bootcamp --image=gcr.io/google-samples/kubernetes-bootcamp:v1',
    'kubectl expose deployment/kubernetes-bootcamp --type=NodePort --port 8080', '@30000', 'minikube service kubernetes-bootcamp --url',
    'kubectl run crash --image=busybox -- sh -c "exit 1"', '@60000', 'kubectl get pods crash',
  ]);
  expect(out['minikube service kubernetes-bootcamp --url']!.stdout).toMatch(/^http:\/\/192\.168\.49\.2:3\d{4}\n$/);
  expect(out['kubectl get pods crash']!.stdout).toMatch(/crash +0\/1 +CrashLoopBackOff +3 \(\d+s ago\) +60s/);
});
