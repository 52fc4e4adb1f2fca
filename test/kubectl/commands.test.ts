/** kubectl against the simulated cluster, in memory: apply/label/patch/wait/logs/exec/config/drain/events ... */
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

const DEP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
`;
const TWO = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\n  labels: {app: two}\nspec:\n  containers:\n  - {name: a, image: busybox, command: ["sh","-c","echo hi from a; sleep 3600"]}\n  - {name: b, image: redis}\n';

function setup() {
  return harness({ files: { '/work/app.yaml': DEP, '/work/two.yaml': TWO, '/work/dir/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "1"}\n', '/work/dir/sub/y.json': '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"}}' } });
}

describe('apply', () => {
  it('created, unchanged, configured; last-applied-configuration; folders, -R, stdin', async () => {
    const h = setup();
    expect((await h.kubectl(['apply', '-f', 'app.yaml'])).stdout).toBe('deployment.apps/web created\nservice/web created\n');
    expect((await h.kubectl(['apply', '-f', 'app.yaml'])).stdout).toBe('deployment.apps/web unchanged\nservice/web unchanged\n');
    h.files.set('/work/app.yaml', DEP.replace('replicas: 2', 'replicas: 3'));
    expect((await h.kubectl(['apply', '-f', 'app.yaml'])).stdout).toBe('deployment.apps/web configured\nservice/web unchanged\n');
    const ann = (await h.kubectl(['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'])).stdout;
    expect(ann).toMatch(/^\{"apiVersion":"apps\/v1"/);
    const la = JSON.parse((await h.kubectl(['get', 'deploy', 'web', '-o', 'json'])).stdout).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'];
    expect(la).toMatch(/^\{"apiVersion":"apps\/v1","kind":"Deployment","metadata":\{"annotations":\{\},"name":"web","namespace":"default"\},"spec":\{"replicas":3,/);
    expect(la.endsWith('}\n')).toBe(true);
    expect((await h.kubectl(['apply', '-f', 'dir'])).stdout).toBe('configmap/x created\n');
    expect((await h.kubectl(['apply', '-R', '-f', 'dir'])).stdout).toBe('configmap/y created\nconfigmap/x unchanged\n');
    expect((await h.kubectl(['apply', '-f', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n')).stdout).toBe('namespace/dev created\n');
    expect(await h.kubectl(['apply', '-f', 'nope.yaml'])).toMatchObject({ stderr: 'error: the path "nope.yaml" does not exist\n', code: 1 });
  });
  it('create -f reports AlreadyExists with the file name', async () => {
    const h = setup();
    await h.kubectl(['create', '-f', 'two.yaml']);
    expect(await h.kubectl(['create', '-f', 'two.yaml'])).toMatchObject({ stderr: 'Error from server (AlreadyExists): error when creating "two.yaml": pods "two" already exists\n', code: 1 });
  });
});

describe('get', () => {
  it('tables for several kinds, labels, custom columns, name output, NotFound', async () => {
    const h = setup();
    await h.kubectl(['apply', '-f', 'app.yaml']);
    await h.kubectl(['apply', '-f', 'two.yaml']);
    h.advance(20_000);
    const r = await h.kubectl(['get', 'deploy,svc']);
    expect(r.stdout).toMatch(/^NAME {18}READY   UP-TO-DATE   AVAILABLE   AGE\ndeployment\.apps\/web   2\/2     2            2           20s\n\nNAME {17}TYPE {8}CLUSTER-IP/);
    expect((await h.kubectl(['get', 'pods', '-l', 'app=two', '--show-labels'])).stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE   LABELS\ntwo    2/2     Running   0          20s   app=two\n');
    expect((await h.kubectl(['get', 'pods', '-l', 'app in (two)', '-L', 'app', '--no-headers'])).stdout).toBe('two   2/2   Running   0     20s   two\n');
    expect((await h.kubectl(['get', 'pod', 'two', '-o', 'custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image'])).stdout).toBe('NAME   IMAGES\ntwo    busybox,redis\n');
    expect((await h.kubectl(['get', 'deploy/web', 'svc/web', '-o', 'name'])).stdout).toBe('deployment.apps/web\nservice/web\n');
    expect(await h.kubectl(['get', 'pod', 'nope'])).toMatchObject({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(await h.kubectl(['get', 'pods', '-n', 'empty'])).toMatchObject({ stdout: '', stderr: 'No resources found in empty namespace.\n', code: 0 });
    expect(await h.kubectl(['get', 'foo'])).toMatchObject({ stderr: 'error: the server doesn\'t have a resource type "foo"\n', code: 1 });
    const list = JSON.parse((await h.kubectl(['get', 'pods', '-l', 'app=two', '-o', 'json'])).stdout);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    expect(list.items).toHaveLength(1);
    expect((await h.kubectl(['get', 'pod', 'two', '-oyaml'])).stdout).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n/);
    const ev = (await h.kubectl(['get', 'events'])).stdout;
    expect(ev.split('\n')[0]).toBe(ev.split('\n')[0]!.replace(/^NAME/, ''));
    expect(ev).toMatch(/^LAST SEEN   TYPE     REASON +OBJECT +MESSAGE\n/);
  });
});

describe('workload operations', () => {
  it('label, annotate, patch, wait, scale, logs with several containers, exec -it', async () => {
    const h = setup();
    await h.kubectl(['apply', '-f', 'app.yaml']);
    await h.kubectl(['apply', '-f', 'two.yaml']);
    h.advance(20_000);
    expect((await h.kubectl(['label', 'pod', 'two', 'tier=db'])).stdout).toBe('pod/two labeled\n');
    expect(await h.kubectl(['label', 'pod', 'two', 'tier=cache'])).toMatchObject({ stderr: "error: 'tier' already has a value (db), and --overwrite is false\n", code: 1 });
    expect((await h.kubectl(['label', 'pod', 'two', 'tier=cache', '--overwrite'])).stdout).toBe('pod/two labeled\n');
    expect((await h.kubectl(['label', 'pod', 'two', 'tier-'])).stdout).toBe('pod/two unlabeled\n');
    expect((await h.kubectl(['annotate', 'deploy', 'web', 'note=x'])).stdout).toBe('deployment.apps/web annotated\n');
    expect((await h.kubectl(['patch', 'deploy', 'web', '-p', '{"spec":{"replicas":1}}'])).stdout).toBe('deployment.apps/web patched\n');
    expect((await h.kubectl(['patch', 'deploy', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'])).stdout).toBe('deployment.apps/web patched\n');
    expect((await h.kubectl(['scale', 'deploy', 'web', '--replicas=3'])).stdout).toBe('deployment.apps/web scaled\n');
    expect((await h.kubectl(['wait', '--for=condition=Ready', 'pod/two', '--timeout=30s'])).stdout).toBe('pod/two condition met\n');
    expect(await h.kubectl(['logs', 'two'])).toMatchObject({ stdout: 'hi from a\n', stderr: 'Defaulted container "a" out of: a, b\n', code: 0 });
    expect((await h.kubectl(['logs', 'two', '-c', 'b', '--tail=1'])).stdout.split('\n')).toHaveLength(2);
    expect(await h.kubectl(['logs', 'two', '-c', 'zz'])).toMatchObject({ stderr: 'error: container zz is not valid for pod two\n', code: 1 });
    const ex = await h.kubectl(['exec', '-it', 'two', '-c', 'a', '--', 'sh']);
    expect(ex.code).toBe(0);
    expect(h.shells.at(-1)).toMatchObject({ kind: 'pod', id: 'two', namespace: 'default', container: 'a', onExit: 'none' });
    expect((await h.kubectl(['exec', 'two', '-c', 'a', '--', 'hostname'])).stdout).toBe('two\n');
    expect(await h.kubectl(['exec', 'two', 'hostname'])).toMatchObject({ code: 1 });
  });
  it('port-forward, proxy, cordon/taint/drain, config', async () => {
    const h = setup();
    await h.kubectl(['apply', '-f', 'app.yaml']);
    h.advance(20_000);
    expect((await h.kubectl(['port-forward', 'svc/web', '8080:80'])).stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect((await h.kubectl(['proxy'])).stdout).toBe('Starting to serve on 127.0.0.1:8001\n');
    expect((await h.kubectl(['taint', 'nodes', 'minikube', 'key=value:NoSchedule'])).stdout).toBe('node/minikube tainted\n');
    expect((await h.kubectl(['taint', 'nodes', 'minikube', 'key=value:NoSchedule-'])).stdout).toBe('node/minikube untainted\n');
    expect((await h.kubectl(['cordon', 'minikube'])).stdout).toBe('node/minikube cordoned\n');
    expect((await h.kubectl(['cordon', 'minikube'])).stdout).toBe('node/minikube already cordoned\n');
    expect((await h.kubectl(['get', 'nodes', '--no-headers'])).stdout).toMatch(/^minikube   Ready,SchedulingDisabled   control-plane/);
    const d = await h.kubectl(['drain', 'minikube', '--ignore-daemonsets', '--force']);
    expect(d.stdout).toMatch(/^node\/minikube cordoned\nevicting pod /);
    expect(d.stdout).toMatch(/node\/minikube drained\n$/);
    expect(d.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w+; deleting Pods that declare no controller: kube-system\/storage-provisioner\n$/);
    expect((await h.kubectl(['uncordon', 'minikube'])).stdout).toBe('node/minikube uncordoned\n');
    expect((await h.kubectl(['config', 'get-contexts'])).stdout).toBe('CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         minikube   minikube   minikube   default\n');
    expect((await h.kubectl(['config', 'set-context', '--current', '--namespace=dev'])).stdout).toBe('Context "minikube" modified.\n');
    expect((await h.kubectl(['config', 'view', '--minify', '-o', 'jsonpath={.contexts[0].context.namespace}'])).stdout).toBe('dev');
    expect(await h.kubectl(['get', 'pods'])).toMatchObject({ stderr: 'No resources found in dev namespace.\n' });
    expect(await h.kubectl(['config', 'use-context', 'nope'])).toMatchObject({ stderr: 'error: no context exists with the name: "nope"\n', code: 1 });
    expect((await h.kubectl(['config', 'current-context'])).stdout).toBe('minikube\n');
  });
  it('delete: names, -f, -l, --all, --force warning, NotFound', async () => {
    const h = setup();
    await h.kubectl(['apply', '-f', 'app.yaml']);
    await h.kubectl(['apply', '-f', 'two.yaml']);
    h.advance(20_000);
    expect((await h.kubectl(['delete', '-f', 'app.yaml'])).stdout).toBe('deployment.apps "web" deleted\nservice "web" deleted\n');
    const f = await h.kubectl(['delete', 'pod', 'two', '--force', '--grace-period=0']);
    expect(f).toMatchObject({ stdout: 'pod "two" force deleted\n', stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n' });
    expect(await h.kubectl(['delete', 'pod', 'two'])).toMatchObject({ stderr: 'Error from server (NotFound): pods "two" not found\n', code: 1 });
    await h.kubectl(['create', 'configmap', 'a', '--from-literal=x=1']);
    await h.kubectl(['create', 'configmap', 'b', '--from-literal=x=1']);
    await h.kubectl(['label', 'cm', 'a', 'grp=1']);
    expect((await h.kubectl(['delete', 'cm', '-l', 'grp=1'])).stdout).toBe('configmap "a" deleted\n');
    expect((await h.kubectl(['delete', 'cm', '-l', 'grp=1'])).stdout).toBe('No resources found\n');
    expect((await h.kubectl(['delete', 'cm', 'b', '--dry-run=client'])).stdout).toBe('configmap "b" deleted (dry run)\n');
    await h.kubectl(['create', 'deployment', 'web', '--image=nginx']);
    h.advance(10_000);
    const all = (await h.kubectl(['delete', 'all', '--all'])).stdout;
    expect(all).toMatch(/^pod "web-\w+-\w+" deleted\nservice "kubernetes" deleted\ndeployment\.apps "web" deleted\nreplicaset\.apps "web-\w+" deleted\n$/);
  });
});

describe('describe', () => {
  it('network policy and ingress layouts', async () => {
    const np = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: access-nginx}\nspec:\n  podSelector: {matchLabels: {app: nginx}}\n  ingress:\n  - from:\n    - podSelector: {matchLabels: {access: "true"}}\n    ports:\n    - port: 80\n';
    const h = harness({ files: { '/work/np.yaml': np } });
    await h.kubectl(['apply', '-f', 'np.yaml']);
    expect((await h.kubectl(['describe', 'netpol', 'access-nginx'])).stdout).toBe(
      'Name:         access-nginx\nNamespace:    default\nCreated on:   2026-01-15 10:00:00 +0000 UTC\nLabels:       <none>\nAnnotations:  <none>\nSpec:\n  PodSelector:     app=nginx\n  Allowing ingress traffic:\n    To Port: 80/TCP\n    From:\n      PodSelector: access=true\n  Not affecting egress traffic\n  Policy Types: Ingress\n',
    );
    await h.kubectl(['create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080']);
    const ing = (await h.kubectl(['describe', 'ingress', 'simple'])).stdout;
    expect(ing).toMatch(/^Name:             simple\nLabels:           <none>\nNamespace:        default\nAddress:          \nIngress Class:    <none>\nDefault backend:  <default>\nRules:\n/);
    expect(ing).toContain('svc1:8080 (<error: services "svc1" not found>)');
  });
  it('statefulset, pvc, pv and job layouts', async () => {
    const ss = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  replicas: 1\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: redis, volumeMounts: [{name: data, mountPath: /data}]}]\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n';
    const h = harness({ files: { '/work/ss.yaml': ss } });
    await h.kubectl(['apply', '-f', 'ss.yaml']);
    await h.kubectl(['create', 'job', 'pi', '--image=perl', '--', 'perl', '-e', 'print 1']);
    h.advance(30_000);
    const sts = (await h.kubectl(['describe', 'sts', 'db'])).stdout;
    expect(sts).toMatch(/^Name:               db\nNamespace:          default\nCreationTimestamp:  Thu, 15 Jan 2026 10:00:00 \+0000\nSelector:           app=db\n/);
    expect(sts).toContain('\nVolume Claims:\n  Name:          data\n');
    const pvc = (await h.kubectl(['describe', 'pvc', 'data-db-0'])).stdout;
    expect(pvc).toMatch(/^Name:          data-db-0\nNamespace:     default\nStorageClass:  standard\nStatus:        Bound\n/);
    expect(pvc).toContain('\nUsed By:       db-0\n');
    expect((await h.kubectl(['describe', 'pv'])).stdout).toContain('\nSource:\n    Type:          HostPath (bare host directory volume)\n');
    expect((await h.kubectl(['describe', 'job', 'pi'])).stdout).toMatch(/\nPods Statuses:    0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed\n/);
  });
  it('pod layout with Events table', async () => {
    const h = setup();
    await h.kubectl(['apply', '-f', 'two.yaml']);
    h.advance(20_000);
    const d = (await h.kubectl(['describe', 'pod', 'two'])).stdout;
    expect(d).toMatch(/^Name:             two\nNamespace:        default\nPriority:         0\nService Account:  default\nNode:             minikube\/192\.168\.49\.2\n/);
    expect(d).toContain('\nContainers:\n  a:\n    Container ID:  ');
    expect(d).toContain('\n    Command:\n      sh\n      -c\n      echo hi from a; sleep 3600\n');
    expect(d).toMatch(/\nEvents:\n  Type    Reason     Age   From               Message\n  ----    ------     ----  ----               -------\n  Normal  Scheduled  20s   default-scheduler  Successfully assigned default\/two to minikube\n/);
  });
});
