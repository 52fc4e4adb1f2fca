/** Seed-checklist kubectl and minikube lines through the built bin in line mode (real files in a temp folder). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, removeDir, tempDir } from '../helpers/cli.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: gpu-pod\nspec:\n  nodeSelector:\n    has_GPU: "true"\n  containers:\n  - name: app\n    image: nginx\n';
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  mode: dev\n';
const SS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: 2\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n      - name: db\n        image: redis\n        volumeMounts: [{name: data, mountPath: /data}]\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n';

describe('seed checklist through the bin', () => {
  it('apply lists and folders, namespaces, secrets, nodeSelector, StatefulSet, minikube', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'k8s'));
    writeFileSync(join(dir, 'pod.yaml'), POD);
    writeFileSync(join(dir, 'cm.yaml'), CM);
    writeFileSync(join(dir, 'k8s', 'ss.yaml'), SS);
    writeFileSync(join(dir, 'dockerconfig.json'), '{"auths":{}}');
    const lines = [
      'minikube status',
      'kubectl apply -f=pod.yaml,cm.yaml',
      'kubectl apply -f k8s/',
      'sleep 20',
      'kubectl get pod gpu-pod --no-headers',
      'kubectl label node minikube has_GPU=true',
      'sleep 20',
      'kubectl get pod gpu-pod --no-headers',
      'kubectl get pods -l app=db -o name',
      'kubectl get pvc -o name',
      'kubectl create namespace dev',
      'kubectl run web --image=nginx -n dev',
      'kubectl get pods --namespace=dev -o name',
      'kubectl create secret docker-registry regcred --docker-server=https://index.docker.io/v1/ --docker-username=me --docker-password=pw --docker-email=me@example.com',
      'kubectl create secret generic regcred2 --from-file=.dockerconfigjson=dockerconfig.json --type=kubernetes.io/dockerconfigjson',
      'kubectl get secret regcred --output=yaml | grep type',
      'kubectl delete secret regcred',
      'kubectl get deploy,pods -l "app in (db, web)" -A --no-headers | wc -l',
      'minikube dashboard --url | tail -n 1',
      'kubectl delete namespace dev',
      '',
    ].join('\n');
    const r = await cli([], { input: lines, cwd: dir, stateDir: dir });
    removeDir(dir);
    const out = r.stdout;
    if (process.env.SHOW) console.log(out + "\n---\n" + r.stderr);
    expect(out).toContain('minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n');
    expect(out).toContain('pod/gpu-pod created\nconfigmap/app-config created\n');
    expect(out).toContain('statefulset.apps/db created\n');
    expect(out).toMatch(/gpu-pod   0\/1   Pending   0     20s\n/);
    expect(out).toContain('node/minikube labeled\n');
    expect(out).toMatch(/gpu-pod   1\/1   Running   0     40s\n/);
    expect(out).toContain('pod/db-0\npod/db-1\n');
    expect(out).toContain('persistentvolumeclaim/data-db-0\npersistentvolumeclaim/data-db-1\n');
    expect(out).toContain('namespace/dev created\npod/web created\npod/web\n');
    expect(out).toContain('secret/regcred created\nsecret/regcred2 created\ntype: kubernetes.io/dockerconfigjson\nsecret "regcred" deleted\n');
    expect(out).toMatch(/\n2\n/);
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/kubernetes-dashboard\/services\/http:kubernetes-dashboard:\/proxy\/\n/);
    expect(out).toContain('namespace "dev" deleted\n');
  });
});
