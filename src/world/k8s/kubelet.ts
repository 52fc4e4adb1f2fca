/**
 * The kubelet of every node, on the simulated clock: pulls images (Pulling/Pulled, ErrImagePull ->
 * ImagePullBackOff), starts containers (Created/Started), runs their main process as the runtime plans it
 * (exit -> Completed/Error -> CrashLoopBackOff with 10s,20s,40s.. back-off capped at 300s), probes, and keeps the
 * pod status (phase, conditions, containerStatuses, IPs) exactly in the API's shape. Container logs and the
 * writable layer of each container live in cluster.sim.pods (lost on restart, as in a real container).
 */
import type { World } from '../world.js';
import { randomHex } from '../../core/random.js';
import type { FsLayer, ProcessPlan } from '../runtime/contract.js';
import { layeredFs, type ContainerFs, type Mount } from '../runtime/fs.js';
import { serveHttp } from '../runtime/net.js';
import { parseImageRef } from '../runtime/ref.js';
import type { PushedImage } from '../runtime/images.js';
import {
  addTimer, getRaw, objKey, recordEvent, remove, rfc3339, sim, setStatus, type KObject,
} from './store.js';
import { allocatePodIp } from './ipam.js';
import { containerArgv, lookupImage, planContainer, applyFsOps, type ResolvedImage } from './runtime-seam.js';

/** Latest time a Date can hold: a wake-up that never comes, kept finite so it survives JSON. */
const NEVER = 8.64e15;
import { nodeIp } from './bootstrap.js';

export const BACKOFF_INITIAL = 10_000;
export const BACKOFF_MAX = 300_000;

interface KCont {
  name: string;
  init: boolean;
  /** an init container with restartPolicy Always (sidecar): keeps running beside the main containers */
  sidecar?: boolean;
  step: 'pull' | 'pulling' | 'pullBackoff' | 'create' | 'running' | 'exited' | 'backoff' | 'done';
  at: number;
  state: KObject;
  lastState: KObject;
  restartCount: number;
  backoff: number;
  pullBackoff: number;
  containerID?: string;
  imageID?: string;
  image: string;
  plan?: ProcessPlan;
  exitAt?: number;
  startedAt?: number;
  ready: boolean;
  started: boolean;
  logs: [number, string][];
  prevLogs?: [number, string][];
  /** shared start-up output: [key in sim.ctl.logSets, start time] */
  logBase?: [string, number];
  prevLogBase?: [string, number];
  upper: FsLayer;
  /** key of a shared layer (sim.ctl.layers) with the files the main process wrote at start-up */
  base?: string;
  readyProbeAt?: number;
  liveFailAt?: number;
  /** ms after start up to which the process's later filesystem changes (plan.fsOps) are applied */
  fsDoneMs?: number;
}

interface KPod {
  uid: string;
  ip?: string;
  startTime: number;
  c: Record<string, KCont>;
  emptyDirs: Record<string, FsLayer>;
  killing?: number;
  doneAt?: number;
  initDone: boolean;
}

const src = (node: string) => ({ component: 'kubelet', host: node });

function kpods(world: World): Record<string, KPod> {
  return sim(world).pods as Record<string, KPod>;
}

function familiar(image: string): string {
  return image;
}

function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${+s.toFixed(3)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${+(s - m * 60).toFixed(3)}s`;
}

function hashStr(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Node image cache key: the reference in Docker's familiar form (`nginx` and `nginx:latest` are one image). */
function imageKey(ref: string): string {
  const p = parseImageRef(ref);
  return p.ok ? p.value.familiar : ref;
}

/**
 * `minikube image load REF` (or an image built with minikube's docker-env): the image is on every node, and pods
 * can run it with imagePullPolicy Never/IfNotPresent although no registry has it. `record` is the image as
 * the Docker engine knows it (runtime PushedImage shape).
 */
export function minikubeImageLoad(world: World, ref: string, record: PushedImage): void {
  const key = imageKey(ref);
  ((sim(world).ctl.loadedImages ??= {}) as Record<string, PushedImage>)[key] = structuredClone(record);
  for (const n of Object.keys(world.cluster.objects.Node ?? {})) nodeImages(world, n)[key] = 1;
}

function nodeImages(world: World, node: string): Record<string, 1> {
  const ni = (sim(world).ctl.nodeImages ??= {});
  return (ni[node] ??= {});
}

function instant(world: World): boolean {
  return !!sim(world).ctl.instant;
}

function specContainers(pod: KObject): { c: KObject; init: boolean }[] {
  return [
    ...(pod.spec.initContainers ?? []).map((c: KObject) => ({ c, init: true })),
    ...(pod.spec.containers ?? []).map((c: KObject) => ({ c, init: false })),
  ];
}

function podRef(pod: KObject): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
}

function fieldPath(init: boolean, name: string): string {
  return `spec.${init ? 'initContainers' : 'containers'}{${name}}`;
}

/** Environment of a container: image env, then env/envFrom from the spec (ConfigMaps, Secrets, fieldRefs). */
export function containerEnv(world: World, pod: KObject, c: KObject, img?: ResolvedImage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const e of img?.config?.Env ?? []) {
    const i = e.indexOf('=');
    if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
  }
  env.HOSTNAME = pod.metadata.name;
  env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
  env.KUBERNETES_SERVICE_PORT = '443';
  env.KUBERNETES_SERVICE_PORT_HTTPS = '443';
  env.KUBERNETES_PORT = 'tcp://10.96.0.1:443';
  env.KUBERNETES_PORT_443_TCP = 'tcp://10.96.0.1:443';
  env.KUBERNETES_PORT_443_TCP_PROTO = 'tcp';
  env.KUBERNETES_PORT_443_TCP_PORT = '443';
  env.KUBERNETES_PORT_443_TCP_ADDR = '10.96.0.1';
  const ns = pod.metadata.namespace;
  if (pod.spec.enableServiceLinks !== false) {
    for (const [k, svc] of Object.entries(world.cluster.objects.Service ?? {})) {
      if (!k.startsWith(`${ns}/`) || svc.spec?.clusterIP === 'None' || !svc.spec?.clusterIP || svc.metadata.name === 'kubernetes') continue;
      const n = svc.metadata.name.toUpperCase().replace(/-/g, '_');
      const p = svc.spec.ports?.[0];
      if (!p) continue;
      env[`${n}_SERVICE_HOST`] = svc.spec.clusterIP;
      env[`${n}_SERVICE_PORT`] = String(p.port);
      env[`${n}_PORT`] = `tcp://${svc.spec.clusterIP}:${p.port}`;
    }
  }
  for (const ef of c.envFrom ?? []) {
    const prefix = ef.prefix ?? '';
    if (ef.configMapRef) for (const [k, v] of Object.entries(getRaw(world, 'ConfigMap', `${ns}/${ef.configMapRef.name}`)?.data ?? {})) env[prefix + k] = String(v);
    if (ef.secretRef) for (const [k, v] of Object.entries(getRaw(world, 'Secret', `${ns}/${ef.secretRef.name}`)?.data ?? {})) env[prefix + k] = Buffer.from(String(v), 'base64').toString('utf8');
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value).replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v) => env[v] ?? m);
    else if (e.valueFrom?.configMapKeyRef) {
      const v = getRaw(world, 'ConfigMap', `${ns}/${e.valueFrom.configMapKeyRef.name}`)?.data?.[e.valueFrom.configMapKeyRef.key];
      if (v !== undefined) env[e.name] = String(v);
    } else if (e.valueFrom?.secretKeyRef) {
      const v = getRaw(world, 'Secret', `${ns}/${e.valueFrom.secretKeyRef.name}`)?.data?.[e.valueFrom.secretKeyRef.key];
      if (v !== undefined) env[e.name] = Buffer.from(String(v), 'base64').toString('utf8');
    } else if (e.valueFrom?.fieldRef) {
      const fp = e.valueFrom.fieldRef.fieldPath as string;
      const m = fp.match(/^metadata\.(labels|annotations)\['(.+)'\]$/);
      let v: unknown;
      if (m) v = pod.metadata[m[1]!]?.[m[2]!];
      else if (fp === 'status.podIP') v = kpods(world)[objKey(pod)]?.ip ?? pod.status?.podIP;
      else if (fp === 'status.hostIP') v = nodeIp(world, pod.spec.nodeName);
      else { v = pod; for (const p of fp.split('.')) v = (v as KObject)?.[p]; }
      env[e.name] = v === undefined ? '' : String(v);
    } else if (e.valueFrom?.resourceFieldRef) {
      env[e.name] = String(c.resources?.limits?.[e.valueFrom.resourceFieldRef.resource.split('.')[1]] ?? '0');
    }
  }
  return env;
}

/** Env references to missing ConfigMaps/Secrets/keys: the kubelet's CreateContainerConfigError message. */
function configError(world: World, pod: KObject, c: KObject): string | null {
  const ns = pod.metadata.namespace;
  for (const ef of c.envFrom ?? []) {
    if (ef.configMapRef && !ef.configMapRef.optional && !getRaw(world, 'ConfigMap', `${ns}/${ef.configMapRef.name}`)) return `configmap "${ef.configMapRef.name}" not found`;
    if (ef.secretRef && !ef.secretRef.optional && !getRaw(world, 'Secret', `${ns}/${ef.secretRef.name}`)) return `secret "${ef.secretRef.name}" not found`;
  }
  for (const e of c.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm && !cm.optional) {
      const o = getRaw(world, 'ConfigMap', `${ns}/${cm.name}`);
      if (!o) return `configmap "${cm.name}" not found`;
      if (o.data?.[cm.key] === undefined) return `couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`;
    }
    const sk = e.valueFrom?.secretKeyRef;
    if (sk && !sk.optional) {
      const o = getRaw(world, 'Secret', `${ns}/${sk.name}`);
      if (!o) return `secret "${sk.name}" not found`;
      if (o.data?.[sk.key] === undefined) return `couldn't find key ${sk.key} in Secret ${ns}/${sk.name}`;
    }
  }
  return null;
}

/** Images of Kubernetes and minikube themselves (control plane, addons): always available, they just serve. */
export function isSystemImage(ref: string): boolean {
  return /^(registry\.k8s\.io|k8s\.gcr\.io|gcr\.io\/k8s-minikube|(docker\.io\/)?kubernetesui)\//.test(ref);
}

/** What the control-plane and addon containers of a fresh minikube have printed (a few real first lines). */
function systemLogs(name: string, now: number): string[] {
  const d = new Date(now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const klog = (file: string, msg: string, us: number) => `I${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(us).padStart(6, '0')}       1 ${file}] ${msg}`;
  switch (name) {
    case 'coredns':
      return ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b', 'CoreDNS-1.12.0', 'linux/amd64, go1.23.3, 51e11f1'];
    case 'storage-provisioner':
      return [
        klog('storage_provisioner.go:116', 'Initializing the minikube storage provisioner...', 182403),
        klog('storage_provisioner.go:141', 'Storage provisioner initialized, now starting service!', 197520),
        klog('leaderelection.go:243', 'attempting to acquire leader lease kube-system/k8s.io-minikube-hostpath...', 197842),
        klog('leaderelection.go:253', 'successfully acquired lease kube-system/k8s.io-minikube-hostpath', 214987),
        klog('controller.go:835', 'Starting provisioner controller k8s.io/minikube-hostpath_minikube_0f8c5e3e-2b1f-4a0e-9d37-6c1ad7b1e9a4!', 215311),
        klog('controller.go:884', 'Started provisioner controller k8s.io/minikube-hostpath_minikube_0f8c5e3e-2b1f-4a0e-9d37-6c1ad7b1e9a4!', 316204),
      ];
    case 'kube-proxy':
      return [
        klog('server_linux.go:66', '"Using iptables proxy"', 112048),
        klog('server.go:698', '"Successfully retrieved node IP(s)" IPs=["192.168.49.2"]', 131552),
        klog('server.go:243', '"kube-proxy running in dual-stack mode" primary ipFamily="IPv4"', 131998),
        klog('config.go:199', '"Starting service config controller"', 140716),
        klog('shared_informer.go:350', '"Waiting for caches to sync" controller="service config"', 140741),
        klog('shared_informer.go:357', '"Caches are synced" controller="service config"', 241305),
      ];
    case 'etcd':
      return [`{"level":"info","ts":"${d.toISOString()}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd","--advertise-client-urls=https://192.168.49.2:2379","--data-dir=/var/lib/minikube/etcd","--name=minikube"]}`, `{"level":"info","ts":"${d.toISOString()}","caller":"embed/serve.go:275","msg":"serving client traffic securely","traffic":"grpc+http","address":"192.168.49.2:2379"}`];
    case 'kube-apiserver':
      return [klog('options.go:249', '"external host was not specified, using 192.168.49.2"', 5311), klog('server.go:147', '"Version: v1.33.1"', 51283), klog('secure_serving.go:211', '"Serving securely on [::]:8443"', 913220)];
    case 'kube-scheduler':
      return [klog('serving.go:386', '"Generated self-signed cert in-memory"', 402981), klog('server.go:171', '"Starting Kubernetes Scheduler" version="v1.33.1"', 814407), klog('secure_serving.go:211', '"Serving securely on 127.0.0.1:10259"', 817301)];
    case 'metrics-server':
      return [
        klog('serving.go:374', 'Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)', 418230),
        klog('handler.go:275', 'Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager', 930416),
        klog('requestheader_controller.go:180', 'Starting RequestHeaderAuthRequestController', 936124),
        klog('secure_serving.go:213', 'Serving securely on [::]:10250', 936602),
      ];
    case 'kubernetes-dashboard':
      return [`${d.toISOString().replace(/\.\d+Z$/, '')} Starting overwatch`, `${d.toISOString().replace(/\.\d+Z$/, '')} Using namespace: kubernetes-dashboard`, `${d.toISOString().replace(/\.\d+Z$/, '')} Serving insecurely on HTTP port: 9090`];
    case 'kube-controller-manager':
      return [klog('serving.go:386', '"Generated self-signed cert in-memory"', 118392), klog('controllermanager.go:190', '"Starting" version="v1.33.1"', 622190), klog('secure_serving.go:211', '"Serving securely on 127.0.0.1:10257"', 624908)];
  }
  return [];
}

/** Are the volumes a pod needs there? Returns the FailedMount message or null. */
function missingVolume(world: World, pod: KObject): string | null {
  const ns = pod.metadata.namespace;
  for (const v of pod.spec.volumes ?? []) {
    if (v.configMap && !v.configMap.optional && !getRaw(world, 'ConfigMap', `${ns}/${v.configMap.name}`)) {
      return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
    }
    if (v.secret && !v.secret.optional && !getRaw(world, 'Secret', `${ns}/${v.secret.secretName}`)) {
      return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
    }
  }
  return null;
}

function pvcUnbound(world: World, pod: KObject): string | null {
  for (const v of pod.spec.volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const pvc = getRaw(world, 'PersistentVolumeClaim', `${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
    if (!pvc || pvc.status?.phase !== 'Bound') return v.persistentVolumeClaim.claimName;
  }
  return null;
}

function pullDuration(world: World, img: ResolvedImage, pod: KObject, cached: boolean): number {
  // a few distinct durations only: pods of one rollout then start together (fewer wake-ups for big worlds)
  if (cached) return 300 + (hashStr(pod.metadata.uid) % 7) * 100;
  return Math.round(800 + img.size / 40_000) + (hashStr(img.id) % 400);
}

function newCont(name: string, init: boolean, image: string): KCont {
  return {
    name, init, step: 'pull', at: 0, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, restartCount: 0,
    backoff: 0, pullBackoff: 0, image, ready: false, started: false, logs: [], upper: {},
  };
}

/** Runs one pod's kubelet logic at `now`. */
export function syncPod(world: World, key: string, now: number): void {
  const pod = getRaw(world, 'Pod', key);
  const kp = kpods(world);
  if (!pod) {
    delete kp[key];
    return;
  }
  const node = pod.spec.nodeName;
  if (!node) return;
  let st: KPod | undefined = kp[key];
  if (st && st.uid !== pod.metadata.uid) {
    delete kp[key];
    st = undefined;
  }
  // termination
  if (pod.metadata.deletionTimestamp) {
    if (!st) {
      remove(world, 'Pod', key);
      return;
    }
    return terminate(world, pod, st, key, now);
  }
  if (!st) {
    st = kp[key] = { uid: pod.metadata.uid, startTime: now, c: {}, emptyDirs: {}, initDone: !(pod.spec.initContainers ?? []).length };
    for (const { c, init } of specContainers(pod)) st.c[c.name] = newCont(c.name, init, c.image);
  }
  // phases that are final do nothing more
  const phase = pod.status?.phase;
  if ((phase === 'Succeeded' || phase === 'Failed') && st.doneAt !== undefined) return;
  // sandbox: wait for volumes
  if (!st.ip) {
    const unbound = pvcUnbound(world, pod);
    if (unbound) {
      writeStatus(world, pod, st, now);
      return;
    }
    const mv = missingVolume(world, pod);
    if (mv) {
      recordEvent(world, pod, 'Warning', 'FailedMount', mv, src(node), now);
      writeStatus(world, pod, st, now);
      addTimer(world, now + 120_000, 'kubelet', key);
      return;
    }
    st.ip = pod.spec.hostNetwork ? nodeIp(world, node) : allocatePodIp(world, sim(world).ctl.nodeIndex?.[node] ?? 0);
  }
  // containers
  let wake = Infinity;
  const list = specContainers(pod);
  let initBlocked = false;
  for (const { c, init } of list) {
    const kc = (st.c[c.name] ??= newCont(c.name, init, c.image));
    if (kc.image !== c.image) specChanged(world, pod, kc, c, now);
    if (init && initBlocked) continue;
    if (!init && !st.initDone) continue;
    const w = stepContainer(world, pod, st, kc, c, now);
    if (w !== undefined && w < wake) wake = w;
    kc.sidecar = init && c.restartPolicy === 'Always';
    if (init && !(kc.sidecar ? kc.started : kc.step === 'done' && kc.state.terminated?.exitCode === 0)) initBlocked = true;
  }
  if (!st.initDone && !initBlocked) {
    st.initDone = true;
    for (const { c, init } of list) {
      if (init) continue;
      const w = stepContainer(world, pod, st, st.c[c.name]!, c, now);
      if (w !== undefined && w < wake) wake = w;
    }
  }
  writeStatus(world, pod, st, now);
  if (wake < Infinity) addTimer(world, wake, 'kubelet', key);
}

/** The container's image was changed in the pod spec: the kubelet kills it and starts the new one. */
function specChanged(world: World, pod: KObject, kc: KCont, c: KObject, now: number): void {
  const node = pod.spec.nodeName;
  if (kc.step === 'running') {
    recordEvent(world, pod, 'Normal', 'Killing', `Container ${kc.name} definition changed, will be restarted`, src(node), now, fieldPath(kc.init, kc.name));
    exitContainer(kc, now, kc.plan?.kind === 'serve' ? kc.plan.stopCode === 137 ? 137 : 0 : 0, now);
    restartContainer(kc, now);
    kc.state = { waiting: { reason: 'ContainerCreating' } };
  } else if (kc.step === 'pull' || kc.step === 'pullBackoff' || kc.step === 'pulling') {
    kc.step = 'pull';
    kc.pullBackoff = 0;
    kc.at = now;
  } else if (kc.step === 'backoff' || kc.step === 'exited' || kc.step === 'done') {
    restartContainer(kc, now);
    kc.state = { waiting: { reason: 'ContainerCreating' } };
    delete kpods(world)[objKey(pod)]?.doneAt;
  }
  kc.image = c.image;
}

function restartAllowed(pod: KObject, code: number, init: boolean): boolean {
  const rp = pod.spec.restartPolicy ?? 'Always';
  if (init) return rp !== 'Never' && code !== 0;
  return rp === 'Always' || (rp === 'OnFailure' && code !== 0);
}

/** Advances one container; returns when it next needs attention. */
function stepContainer(world: World, pod: KObject, st: KPod, kc: KCont, c: KObject, now: number): number | undefined {
  const node = pod.spec.nodeName;
  const fp = fieldPath(kc.init, kc.name);
  for (let guard = 0; guard < 12; guard++) {
    if (kc.at > now) return kc.at;
    switch (kc.step) {
      case 'pull': {
        kc.image = c.image;
        const policy = c.imagePullPolicy ?? 'IfNotPresent';
        const present = !!nodeImages(world, node)[imageKey(c.image)];
        if (instant(world) || (present && policy !== 'Always')) {
          if (!instant(world)) recordEvent(world, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, src(node), now, fp);
          kc.step = 'create';
          kc.at = now;
          break;
        }
        if (policy === 'Never') {
          kc.state = { waiting: { message: `Container image "${c.image}" is not present with pull policy of Never`, reason: 'ErrImageNeverPull' } };
          recordEvent(world, pod, 'Warning', 'ErrImageNeverPull', `Container image "${c.image}" is not present with pull policy of Never`, src(node), now, fp);
          // looked at again after a back-off: `minikube image load` may have brought the image
          kc.pullBackoff = kc.pullBackoff ? Math.min(kc.pullBackoff * 2, BACKOFF_MAX) : BACKOFF_INITIAL;
          kc.at = now + kc.pullBackoff;
          return kc.at;
        }
        recordEvent(world, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, src(node), now, fp);
        const img = lookupImage(world, c.image);
        if (!img.ok && isSystemImage(c.image)) {
          // minikube's own addon images (metrics-server, dashboard, ingress-nginx ...) always pull
          kc.step = 'pulling';
          kc.at = now + 2000 + (hashStr(c.image) % 3000);
          (kc as KObject).pullStart = now;
          return kc.at;
        }
        if (!img.ok) {
          kc.step = 'pullBackoff';
          kc.state = { waiting: { message: `Error response from daemon: ${img.error}`, reason: 'ErrImagePull' } };
          recordEvent(world, pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": Error response from daemon: ${img.error}`, src(node), now + 1000, fp);
          recordEvent(world, pod, 'Warning', 'Failed', 'Error: ErrImagePull', src(node), now + 1000, fp);
          kc.pullBackoff = kc.pullBackoff ? Math.min(kc.pullBackoff * 2, BACKOFF_MAX) : BACKOFF_INITIAL;
          kc.at = now + 2000;
          (kc as KObject).pullErr = img.error;
          return kc.at;
        }
        kc.step = 'pulling';
        kc.at = now + pullDuration(world, img.value, pod, present);
        (kc as KObject).pullStart = now;
        return kc.at;
      }
      case 'pulling': {
        const img = lookupImage(world, c.image);
        if (!img.ok && !isSystemImage(c.image)) { kc.step = 'pull'; break; }
        const d = now - ((kc as KObject).pullStart ?? now);
        const size = img.ok ? img.value.size : 20_000_000 + (hashStr(c.image) % 60_000_000);
        recordEvent(world, pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${goDuration(d)} (${goDuration(d)} including waiting). Image size: ${size} bytes.`, src(node), now, fp);
        nodeImages(world, node)[imageKey(c.image)] = 1;
        kc.step = 'create';
        kc.at = now;
        break;
      }
      case 'pullBackoff': {
        // shown as ImagePullBackOff until the back-off ends, then pulled again
        if (kc.state.waiting?.reason === 'ErrImagePull') {
          kc.state = { waiting: { message: `Back-off pulling image "${c.image}": ErrImagePull: Error response from daemon: ${(kc as KObject).pullErr}`, reason: 'ImagePullBackOff' } };
          recordEvent(world, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, src(node), now, fp);
          recordEvent(world, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', src(node), now, fp);
          kc.at = now + kc.pullBackoff;
          return kc.at;
        }
        kc.step = 'pull';
        kc.at = now;
        break;
      }
      case 'create': {
        const cfgErr = configError(world, pod, c);
        if (cfgErr) {
          if (kc.state.waiting?.reason !== 'CreateContainerConfigError' || kc.state.waiting?.message !== cfgErr) {
            kc.state = { waiting: { message: cfgErr, reason: 'CreateContainerConfigError' } };
          }
          recordEvent(world, pod, 'Warning', 'Failed', `Error: ${cfgErr}`, src(node), now, fp);
          kc.pullBackoff = kc.pullBackoff ? Math.min(kc.pullBackoff * 2, BACKOFF_MAX) : BACKOFF_INITIAL;
          kc.at = now + kc.pullBackoff;
          return kc.at;
        }
        const imgR = lookupImage(world, c.image);
        const img = imgR.ok ? imgR.value : undefined;
        const env = containerEnv(world, pod, c, img);
        const argv = containerArgv(img, c);
        kc.upper = {};
        delete kc.base;
        delete kc.fsDoneMs;
        kc.containerID = `docker://${randomHex(world, 64)}`;
        const repo = img?.repository ?? c.image.split(':')[0];
        kc.imageID = `docker-pullable://${repo}@${img?.digest ?? 'sha256:' + randomHex(world, 64)}`;
        // control-plane and addon pods of a fresh cluster just serve
        kc.plan = instant(world) || (!img && isSystemImage(c.image))
          ? { kind: 'serve', logs: systemLogs(kc.name, now), ports: [], stopCode: 0 }
          : planContainer(world, img, argv, env, { fs: podFsFor(world, pod, st, kc, c, now), hostname: pod.metadata.name, now, ip: st.ip, namespace: pod.metadata.namespace, pod: pod.metadata.name, upperLayer: kc.upper });
        const startError = (kc.plan as KObject).startError as string | undefined;
        if (startError) {
          // minikube's runtime is Docker (cri-dockerd): the daemon's words, reason ContainerCannotRun, exit 127
          const msg = startError;
          recordEvent(world, pod, 'Normal', 'Created', `Created container: ${kc.name}`, src(node), now, fp);
          recordEvent(world, pod, 'Warning', 'Failed', `Error: failed to start container "${kc.name}": Error response from daemon: ${msg}`, src(node), now, fp);
          kc.startedAt = now;
          kc.state = { terminated: { containerID: kc.containerID, exitCode: 127, finishedAt: rfc3339(now), message: msg, reason: 'ContainerCannotRun', startedAt: rfc3339(now) } };
          kc.ready = false;
          kc.started = false;
          kc.step = 'exited';
          kc.at = now;
          break;
        }
        if (!instant(world)) {
          recordEvent(world, pod, 'Normal', 'Created', `Created container: ${kc.name}`, src(node), now, fp);
          recordEvent(world, pod, 'Normal', 'Started', `Started container ${kc.name}`, src(node), now, fp);
        }
        kc.state = { running: { startedAt: rfc3339(now) } };
        kc.startedAt = now;
        kc.started = true;
        kc.step = 'running';
        const plan = kc.plan;
        const timed = (plan as KObject).timed as { atMs: number; text: string }[] | undefined;
        const startLines: [number, string][] = [];
        if (timed?.length) for (const l of timed) startLines.push([l.atMs, l.text]);
        else if (plan.kind === 'exit') for (const l of plan.output) startLines.push([0, l]);
        else if (plan.kind === 'serve') for (const l of plan.logs) startLines.push([0, l]);
        if (startLines.length) {
          // start-up output is shared by pods of a template (sim.ctl.logSets); later lines go to kc.logs
          const body = JSON.stringify(startLines);
          const h = `${hashStr(body).toString(16)}${hashStr(body.split('').reverse().join('')).toString(16)}`;
          ((sim(world).ctl.logSets ??= {}) as Record<string, [number, string][]>)[h] ??= startLines;
          kc.logBase = [h, now];
        } else delete kc.logBase;
        if (plan.kind === 'exit') kc.exitAt = now + Math.max(1, plan.runMs);
        else if (plan.kind === 'serve') kc.exitAt = plan.exitAfterMs !== undefined ? now + plan.exitAfterMs : undefined;
        // a bare shell reads its stdin: open (`stdin: true`, kubectl run -i) it waits, else it ends at once
        else kc.exitAt = c.stdin ? undefined : now + 1;
        // the files the start-up wrote are the same for every pod of a template: share them as a read-only layer
        if (Object.keys(kc.upper).length) {
          const body = JSON.stringify(kc.upper);
          const h = `${hashStr(body).toString(16)}${hashStr(body.split('').reverse().join('')).toString(16)}`;
          const layers = (sim(world).ctl.layers ??= {});
          layers[h] ??= kc.upper;
          kc.base = h;
          kc.upper = {};
        } else delete kc.base;
        // keep only what later steps need (the world is saved after every command)
        const slim = { ...(plan as KObject) };
        delete slim.logs; delete slim.timed; delete slim.output;
        if (plan.kind === 'serve') slim.logs = [];
        if (plan.kind === 'exit') slim.output = [];
        kc.plan = slim as ProcessPlan;
        const rp = c.readinessProbe;
        kc.ready = !rp && !kc.init;
        kc.readyProbeAt = rp ? now + (rp.initialDelaySeconds ?? 0) * 1000 : undefined;
        if (instant(world)) { kc.ready = !kc.init; kc.readyProbeAt = undefined; }
        const lp = instant(world) ? undefined : c.livenessProbe;
        kc.liveFailAt = undefined;
        if (lp) {
          const r = probe(world, pod, st, kc, c, lp);
          if (!r.ok) kc.liveFailAt = now + ((lp.initialDelaySeconds ?? 0) + (lp.periodSeconds ?? 10) * ((lp.failureThreshold ?? 3) - 1)) * 1000;
        }
        const firstOp = Math.min(...(((kc.plan as KObject).fsOps ?? []) as { atMs: number }[]).map((o) => now + o.atMs));
        const next = Math.min(kc.exitAt ?? Infinity, kc.readyProbeAt ?? Infinity, kc.liveFailAt ?? Infinity, firstOp);
        // The world is JSON: Infinity would come back from a save as null. NEVER is a finite "no wake-up".
        kc.at = Number.isFinite(next) ? next : NEVER;
        if (kc.at === NEVER) return undefined;
        if (kc.at > now) return kc.at;
        break;
      }
      case 'running': {
        const ops = (kc.plan as KObject | undefined)?.fsOps as { atMs: number }[] | undefined;
        if (ops?.length && kc.startedAt !== undefined) {
          const done = kc.fsDoneMs ?? 0;
          const upto = now - kc.startedAt;
          if (ops.some((o) => o.atMs > done && o.atMs <= upto)) {
            applyFsOps(podFsFor(world, pod, st, kc, c, now), ops as never, done, upto);
            kc.fsDoneMs = upto;
            // what the process changed may change the probes' answers at their next period
            const tick = (pr: KObject) => {
              const period = (pr.periodSeconds ?? 10) * 1000, first = kc.startedAt! + (pr.initialDelaySeconds ?? 0) * 1000;
              return now <= first ? first : first + Math.ceil((now - first) / period) * period;
            };
            if (c.livenessProbe && kc.liveFailAt === undefined && !probe(world, pod, st, kc, c, c.livenessProbe).ok) {
              kc.liveFailAt = tick(c.livenessProbe) + ((c.livenessProbe.failureThreshold ?? 3) - 1) * (c.livenessProbe.periodSeconds ?? 10) * 1000;
            }
            if (c.readinessProbe && kc.readyProbeAt === undefined) kc.readyProbeAt = tick(c.readinessProbe);
          }
        }
        if (kc.readyProbeAt !== undefined && kc.readyProbeAt <= now) {
          const r = probe(world, pod, st, kc, c, c.readinessProbe);
          kc.readyProbeAt = undefined;
          if (r.ok) kc.ready = true;
          else {
            kc.ready = false;
            recordEvent(world, pod, 'Warning', 'Unhealthy', `Readiness probe failed: ${r.message}`, src(node), now, fp);
            // a failing readiness probe keeps being tried every period
            kc.readyProbeAt = now + (c.readinessProbe.periodSeconds ?? 10) * 1000;
          }
        }
        if (kc.liveFailAt !== undefined && kc.liveFailAt <= now) {
          const lp = c.livenessProbe;
          const r = probe(world, pod, st, kc, c, lp);
          kc.liveFailAt = undefined;
          if (!r.ok) {
            recordEvent(world, pod, 'Warning', 'Unhealthy', `Liveness probe failed: ${r.message}`, src(node), now, fp);
            recordEvent(world, pod, 'Normal', 'Killing', `Container ${kc.name} failed liveness probe, will be restarted`, src(node), now, fp);
            exitContainer(kc, now, kc.plan?.kind === 'serve' ? kc.plan.stopCode || 0 : 137, now);
            kc.step = 'exited';
            kc.at = now;
            break;
          }
        }
        if (kc.exitAt !== undefined && kc.exitAt <= now) {
          const plan = kc.plan!;
          const code = plan.kind === 'exit' ? plan.code : plan.kind === 'serve' ? (plan.exitCode ?? 0) : 0;
          exitContainer(kc, kc.exitAt, code, now);
          kc.step = 'exited';
          kc.at = now;
          break;
        }
        const pendingOps = ((kc.plan as KObject | undefined)?.fsOps as { atMs: number }[] | undefined ?? []).filter((o) => o.atMs > (kc.fsDoneMs ?? 0)).map((o) => kc.startedAt! + o.atMs);
        const next = Math.min(kc.exitAt ?? Infinity, kc.readyProbeAt ?? Infinity, kc.liveFailAt ?? Infinity, ...pendingOps);
        // a container that has run 10 minutes without trouble forgets its back-off
        if (kc.backoff && kc.startedAt !== undefined && now - kc.startedAt >= 600_000) kc.backoff = 0;
        return next === Infinity ? undefined : next;
      }
      case 'exited': {
        const code = kc.state.terminated?.exitCode ?? 0;
        if (!(kc.sidecar || restartAllowed(pod, code, kc.init))) {
          kc.step = 'done';
          return undefined;
        }
        if (kc.restartCount === 0 && kc.backoff === 0) {
          // the first restart happens at once; later ones wait, doubling
          kc.backoff = BACKOFF_INITIAL / 2;
          restartContainer(kc, now);
          break;
        }
        kc.backoff = Math.min(kc.backoff * 2, BACKOFF_MAX);
        kc.lastState = { terminated: kc.state.terminated };
        kc.state = { waiting: { message: `back-off ${goDuration(kc.backoff).replace(/\.0+s$/, 's')} restarting failed container=${kc.name} pod=${podRef(pod)}`, reason: 'CrashLoopBackOff' } };
        recordEvent(world, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${kc.name} in pod ${podRef(pod)}`, src(node), now, fp);
        kc.step = 'backoff';
        kc.at = now + kc.backoff;
        return kc.at;
      }
      case 'backoff':
        restartContainer(kc, now);
        break;
      case 'done':
        return undefined;
    }
  }
  return kc.at > now ? kc.at : undefined;
}

function exitContainer(kc: KCont, at: number, code: number, _now: number): void {
  kc.state = {
    terminated: {
      containerID: kc.containerID, exitCode: code, finishedAt: rfc3339(at), reason: code === 0 ? 'Completed' : 'Error', startedAt: rfc3339(kc.startedAt ?? at),
    },
  };
  kc.ready = false;
  kc.started = false;
}

function restartContainer(kc: KCont, now: number): void {
  if (kc.state.terminated) kc.lastState = { terminated: kc.state.terminated };
  kc.restartCount += 1;
  kc.prevLogs = kc.logs;
  kc.prevLogBase = kc.logBase;
  delete kc.logBase;
  kc.logs = [];
  kc.upper = {};
  delete kc.base;
  kc.step = 'pull';
  kc.at = now;
}

function terminate(world: World, pod: KObject, st: KPod, key: string, now: number): void {
  const node = pod.spec.nodeName;
  const deadline = Date.parse(pod.metadata.deletionTimestamp);
  if (st.killing === undefined) {
    st.killing = now;
    let slow = false;
    for (const kc of Object.values(st.c)) {
      if (kc.step === 'running') {
        recordEvent(world, pod, 'Normal', 'Killing', `Stopping container ${kc.name}`, src(node), now, fieldPath(kc.init, kc.name));
        if (kc.plan?.kind === 'serve' && kc.plan.stopCode === 137) slow = true;
      }
    }
    st.doneAt = Math.min(deadline, now + (slow ? 30_000 : 1000));
    if (st.doneAt <= now) st.doneAt = now;
  }
  if (now >= st.doneAt!) {
    remove(world, 'Pod', key);
    delete kpods(world)[key];
    return;
  }
  addTimer(world, st.doneAt!, 'kubelet', key);
}

// ---------------------------------------------------------------- probes

function resolvePort(c: KObject, port: unknown): number {
  if (typeof port === 'number') return port;
  const p = (c.ports ?? []).find((x: KObject) => x.name === port);
  return p?.containerPort ?? parseInt(String(port), 10);
}

function listening(kc: KCont, port: number): boolean {
  if (kc.plan?.kind !== 'serve') return false;
  return kc.plan.ports.length === 0 || kc.plan.ports.includes(port);
}

/** Evaluates a probe against the simulated process and filesystem. */
export function probe(world: World, pod: KObject, st: KPod, kc: KCont, c: KObject, p: KObject | undefined): { ok: boolean; message: string } {
  if (!p) return { ok: true, message: '' };
  const ip = st.ip ?? '';
  if (p.httpGet) {
    const port = resolvePort(c, p.httpGet.port);
    const host = p.httpGet.host ?? ip;
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${p.httpGet.path ?? '/'}`;
    if (!listening(kc, port)) return { ok: false, message: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    // ask the simulated server: kube-probe/1.33 from the node's bridge address
    const imgR = lookupImage(world, c.image);
    const plan = (kc.plan ?? {}) as KObject;
    if (imgR.ok) {
      try {
        const now = world.clock.settledAt;
        const res = serveHttp({
          kind: 'endpoint', image: imgR.value, ...(plan.app ? { app: plan.app } : {}), argv: plan.argv ?? containerArgv(imgR.value, c),
          hostname: pod.metadata.name, ip, port, ...(plan.ports?.length ? { ports: plan.ports } : {}), fs: podFsFor(world, pod, st, kc, c), clientIp: '10.244.0.1',
          log: (line: string) => kc.logs.push([now, line]),
        }, {
          method: 'GET', path: p.httpGet.path ?? '/', host: `${host}:${port}`, body: '', clientIp: '10.244.0.1', userAgent: `kube-probe/1.33`,
          headers: [['Host', `${host}:${port}`], ['User-Agent', 'kube-probe/1.33'], ['Accept', '*/*'], ...((p.httpGet.httpHeaders ?? []) as KObject[]).map((h) => [h.name, h.value] as [string, string])],
        }, now);
        if (res && (res.status < 200 || res.status >= 400)) return { ok: false, message: `HTTP probe failed with statuscode: ${res.status}` };
      } catch {
        /* a server without HTTP behaviour answers the probe */
      }
    }
    return { ok: true, message: '' };
  }
  if (p.tcpSocket) {
    const port = resolvePort(c, p.tcpSocket.port);
    if (!listening(kc, port)) return { ok: false, message: `dial tcp ${ip}:${port}: connect: connection refused` };
    return { ok: true, message: '' };
  }
  if (p.exec) {
    const cmd: string[] = p.exec.command ?? [];
    const script = cmd[0] && /sh$/.test(cmd[0]) && cmd[1] === '-c' ? cmd[2] ?? '' : cmd.join(' ');
    const m = script.match(/^\s*(cat|test -[ef]|ls|stat)\s+(\S+)\s*$/);
    if (m) {
      const fs = podFsFor(world, pod, st, kc, c);
      const path = m[2]!;
      if (fs.stat(path)) return { ok: true, message: '' };
      const msg = m[1] === 'cat' ? `cat: can't open '${path}': No such file or directory` : m[1] === 'ls' ? `ls: ${path}: No such file or directory` : '';
      return { ok: false, message: msg };
    }
    return { ok: true, message: '' };
  }
  return { ok: true, message: '' };
}

// ---------------------------------------------------------------- status

function cond(type: string, status: boolean, ts: string, reason?: string, message?: string): KObject {
  return { lastProbeTime: null, lastTransitionTime: ts, ...(message ? { message } : {}), ...(reason ? { reason } : {}), status: status ? 'True' : 'False', type };
}

function containerStatus(world: World, pod: KObject, kc: KCont, c: KObject): KObject {
  const imgR = kc.imageID ? lookupImage(world, c.image) : undefined;
  const img = imgR?.ok ? imgR.value : undefined;
  const image = img ? `${img.repository}:${img.tag ?? 'latest'}` : c.image;
  const out: KObject = {
    ...(kc.containerID ? { containerID: kc.containerID } : {}),
    image,
    imageID: kc.imageID ?? '',
    lastState: kc.lastState,
    name: kc.name,
    ready: kc.ready,
    restartCount: kc.restartCount,
    started: kc.started,
    state: kc.state,
  };
  if (c.volumeMounts?.length) {
    out.volumeMounts = c.volumeMounts.map((m: KObject) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
  }
  void pod;
  return out;
}

function writeStatus(world: World, pod: KObject, st: KPod, now: number): void {
  const prev = pod.status ?? {};
  const ts = (type: string, status: boolean) => {
    const old = (prev.conditions ?? []).find((x: KObject) => x.type === type);
    return old && (old.status === 'True') === status ? old.lastTransitionTime : rfc3339(now);
  };
  const inits = (pod.spec.initContainers ?? []) as KObject[];
  const mains = (pod.spec.containers ?? []) as KObject[];
  const ks = (c: KObject) => st.c[c.name]!;
  const allTerminated = mains.every((c) => ks(c).step === 'done' || (ks(c).state.terminated && !restartAllowed(pod, ks(c).state.terminated.exitCode, false)));
  const anyRunning = mains.some((c) => ks(c).started || ks(c).restartCount > 0 || ks(c).state.terminated);
  let phase = 'Pending';
  if (st.initDone && anyRunning) phase = 'Running';
  if (st.initDone && allTerminated && mains.every((c) => ks(c).state.terminated)) {
    phase = mains.every((c) => ks(c).state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  const initFailed = inits.some((c) => ks(c).step === 'done' && ks(c).state.terminated?.exitCode !== 0);
  if (initFailed && pod.spec.restartPolicy === 'Never') phase = 'Failed';
  if (phase === 'Succeeded' || phase === 'Failed') st.doneAt ??= now;
  const notReady = mains.filter((c) => !ks(c).ready).map((c) => c.name);
  const ready = notReady.length === 0 && phase === 'Running';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const incompleteInit = inits.filter((c) => !(ks(c).state.terminated?.exitCode === 0 || (ks(c).sidecar && ks(c).started))).map((c) => c.name);
  const sched = (prev.conditions ?? []).find((x: KObject) => x.type === 'PodScheduled');
  const conditions: KObject[] = [
    cond('PodReadyToStartContainers', !!st.ip && !terminal, ts('PodReadyToStartContainers', !!st.ip && !terminal)),
    cond('Initialized', st.initDone, ts('Initialized', st.initDone), st.initDone ? undefined : 'ContainersNotInitialized', st.initDone ? undefined : `containers with incomplete status: [${incompleteInit.join(' ')}]`),
    cond('Ready', ready, ts('Ready', ready), ready ? undefined : terminal ? 'PodCompleted' : 'ContainersNotReady', ready || terminal ? undefined : `containers with unready status: [${notReady.join(' ')}]`),
    cond('ContainersReady', ready, ts('ContainersReady', ready), ready ? undefined : terminal ? 'PodCompleted' : 'ContainersNotReady', ready || terminal ? undefined : `containers with unready status: [${notReady.join(' ')}]`),
    sched ?? cond('PodScheduled', true, rfc3339(now)),
  ];
  const hostIP = nodeIp(world, pod.spec.nodeName);
  const sortByName = (a: KObject, b: KObject) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const status: KObject = {
    conditions,
    containerStatuses: mains.map((c) => containerStatus(world, pod, ks(c), c)).sort(sortByName),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(world, pod, ks(c), c)) } : {}),
    phase,
    ...(st.ip ? { podIP: st.ip, podIPs: [{ ip: st.ip }] } : {}),
    qosClass: prev.qosClass ?? 'BestEffort',
    startTime: rfc3339(st.startTime),
  };
  if (!st.ip) {
    for (const cs of status.containerStatuses) { delete cs.containerID; cs.imageID = ''; }
  }
  setStatus(world, 'Pod', objKey(pod), status, 'kubelet');
}

// ---------------------------------------------------------------- filesystems, logs, exec

function volumeLayer(world: World, pod: KObject, st: KPod, v: KObject): FsLayer {
  const ns = pod.metadata.namespace;
  if (v.emptyDir) return (st.emptyDirs[v.name] ??= {});
  if (v.persistentVolumeClaim) {
    const pvc = getRaw(world, 'PersistentVolumeClaim', `${ns}/${v.persistentVolumeClaim.claimName}`);
    const pv = pvc?.spec?.volumeName ?? `unbound-${v.persistentVolumeClaim.claimName}`;
    return (sim(world).volumes[pv] ??= {});
  }
  if (v.hostPath) return ((sim(world).ctl.hostPaths ??= {})[`${pod.spec.nodeName}:${v.hostPath.path}`] ??= {});
  const files: Record<string, string> = {};
  const fromData = (data: Record<string, string> | undefined, b64: boolean, items?: KObject[]) => {
    const dec = (s: string) => (b64 ? Buffer.from(s, 'base64').toString('utf8') : s);
    if (items?.length) for (const it of items) { if (data?.[it.key] !== undefined) files[it.path] = dec(data[it.key]!); }
    else for (const [k, val] of Object.entries(data ?? {})) files[k] = dec(val);
  };
  if (v.configMap) fromData(getRaw(world, 'ConfigMap', `${ns}/${v.configMap.name}`)?.data, false, v.configMap.items);
  if (v.secret) fromData(getRaw(world, 'Secret', `${ns}/${v.secret.secretName}`)?.data, true, v.secret.items);
  if (v.projected) {
    for (const s of v.projected.sources ?? []) {
      if (s.configMap) fromData(getRaw(world, 'ConfigMap', `${ns}/${s.configMap.name}`)?.data, false, s.configMap.items);
      if (s.secret) fromData(getRaw(world, 'Secret', `${ns}/${s.secret.name}`)?.data, true, s.secret.items);
      if (s.serviceAccountToken) files[s.serviceAccountToken.path] = `eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.${Buffer.from(JSON.stringify({ sub: `system:serviceaccount:${ns}:${pod.spec.serviceAccountName}` })).toString('base64url')}.sig`;
      if (s.downwardAPI) for (const it of s.downwardAPI.items ?? []) if (it.fieldRef?.fieldPath === 'metadata.namespace') files[it.path] = ns;
    }
  }
  if (v.downwardAPI) {
    for (const it of v.downwardAPI.items ?? []) {
      const fp = it.fieldRef?.fieldPath;
      if (fp === 'metadata.labels') files[it.path] = Object.entries(pod.metadata.labels ?? {}).map(([k, x]) => `${k}="${x}"`).join('\n');
      else if (fp === 'metadata.annotations') files[it.path] = Object.entries(pod.metadata.annotations ?? {}).map(([k, x]) => `${k}="${x}"`).join('\n');
      else if (fp) { let x: any = pod; for (const p of fp.split('.')) x = x?.[p]; files[it.path] = String(x ?? ''); }
    }
  }
  const layer: FsLayer = {};
  for (const [p, content] of Object.entries(files)) layer['/' + p.replace(/^\/+/, '')] = { type: 'file', content, mode: v.configMap?.defaultMode ?? v.secret?.defaultMode ?? 0o644 };
  return layer;
}

function podFsFor(world: World, pod: KObject, st: KPod, kc: KCont, c: KObject, now?: number): ContainerFs {
  const imgR = lookupImage(world, c.image);
  const shared = kc.base ? sim(world).ctl.layers?.[kc.base] : undefined;
  const lower = [...(imgR.ok ? imgR.value.fs : [{}]), ...(shared ? [shared] : [])];
  const mounts: Mount[] = [];
  for (const vm of c.volumeMounts ?? []) {
    const v = (pod.spec.volumes ?? []).find((x: KObject) => x.name === vm.name);
    if (!v) continue;
    let layer = volumeLayer(world, pod, st, v);
    if (vm.subPath) {
      const pre = '/' + vm.subPath.replace(/^\/+|\/+$/g, '');
      const sub: FsLayer = {};
      for (const [k, n] of Object.entries(layer)) if (k.startsWith(pre + '/')) sub[k.slice(pre.length)] = n;
      if (layer[pre]?.type === 'file') {
        mounts.push({ target: vm.mountPath, content: (layer[pre] as { content: string }).content, readOnly: !!vm.readOnly || !!v.configMap || !!v.secret });
        continue;
      }
      layer = sub;
    }
    mounts.push({ target: vm.mountPath, layer, readOnly: !!vm.readOnly || !!v.configMap || !!v.secret || !!v.projected || !!v.downwardAPI });
  }
  mounts.push({ target: '/etc/hostname', content: `${pod.metadata.name}\n` });
  mounts.push({ target: '/etc/hosts', content: `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${st.ip ?? ''}\t${pod.metadata.name}\n` });
  mounts.push({ target: '/etc/resolv.conf', content: `nameserver 10.96.0.10\nsearch ${pod.metadata.namespace}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n` });
  return layeredFs({ lower, upper: kc.upper, mounts, cwd: c.workingDir ?? imgR.ok ? (c.workingDir ?? (imgR.ok ? imgR.value.config.WorkingDir : '/')) || '/' : '/', now: now !== undefined ? () => now : undefined });
}

export type PodResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Container names of a pod (spec order): what `Defaulted container "a" out of: a, b` lists. */
export function containerNames(world: World, namespace: string, pod: string): { containers: string[]; initContainers: string[] } | undefined {
  const p = getRaw(world, 'Pod', `${namespace}/${pod}`);
  if (!p) return undefined;
  return { containers: (p.spec.containers ?? []).map((c: KObject) => c.name), initContainers: (p.spec.initContainers ?? []).map((c: KObject) => c.name) };
}

function pickContainer(world: World, namespace: string, pod: string, container?: string): PodResult<{ pod: KObject; st: KPod; kc: KCont; c: KObject }> {
  const p = getRaw(world, 'Pod', `${namespace}/${pod}`);
  if (!p) return { ok: false, error: `pods "${pod}" not found` };
  const all = specContainers(p);
  const name = container ?? p.spec.containers?.[0]?.name;
  const spec = all.find((x) => x.c.name === name);
  if (!spec) return { ok: false, error: `container ${name} is not valid for pod ${pod}` };
  const st = kpods(world)[`${namespace}/${pod}`];
  const kc = st?.c[name];
  if (!st || !kc) return { ok: false, error: `container "${name}" in pod "${pod}" is waiting to start: ContainerCreating` };
  return { ok: true, value: { pod: p, st, kc, c: spec.c } };
}

function withBase(world: World, base: [string, number] | undefined, own: [number, string][]): [number, string][] {
  const set = base ? (sim(world).ctl.logSets?.[base[0]] as [number, string][] | undefined) : undefined;
  if (!set?.length) return own;
  const out: [number, string][] = set.map(([dt, l]) => [base![1] + dt, l]);
  if (!own.length) return out;
  return [...out, ...own].map((x, i) => [x, i] as const).sort((a, b) => a[0][0] - b[0][0] || a[1] - b[1]).map(([x]) => x);
}

function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace(/\.(\d{3})Z$/, (_m, f) => `.${f}000000Z`);
}

/**
 * `kubectl logs`: the container's output (or the previous instance's with `previous`). Errors carry the API
 * server's text (e.g. `container "web" in pod "web-abc" is waiting to start: ContainerCreating`).
 */
export function podLogs(
  world: World, namespace: string, pod: string, container: string | undefined,
  opts: { previous?: boolean; tailLines?: number; sinceSeconds?: number; timestamps?: boolean; now?: number } = {},
): PodResult<string> {
  const r = pickContainer(world, namespace, pod, container);
  if (!r.ok) return r;
  const { kc, pod: p } = r.value;
  let lines: [number, string][];
  if (opts.previous) {
    if (!kc.prevLogs) return { ok: false, error: `previous terminated container "${kc.name}" in pod "${p.metadata.name}" not found` };
    lines = withBase(world, kc.prevLogBase, kc.prevLogs);
  } else {
    if (!kc.containerID) {
      const reason = kc.state.waiting?.reason ?? 'ContainerCreating';
      return { ok: false, error: `container "${kc.name}" in pod "${p.metadata.name}" is waiting to start: ${reason === 'ErrImagePull' || reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : reason}` };
    }
    lines = withBase(world, kc.logBase, kc.logs);
  }
  const now = opts.now ?? world.clock.settledAt;
  lines = lines.filter(([t]) => t <= now);
  if (opts.sinceSeconds !== undefined) lines = lines.filter(([t]) => t >= now - opts.sinceSeconds! * 1000);
  if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
  return { ok: true, value: lines.map(([t, l]) => (opts.timestamps ? `${rfc3339Nano(t)} ${l}` : l) + '\n').join('') };
}

/** Appends output to a container's log (the runtime's process, or exec'd commands that write to PID 1's stdout). */
export function appendPodLog(world: World, namespace: string, pod: string, container: string, line: string, t: number): void {
  const kc = kpods(world)[`${namespace}/${pod}`]?.c[container];
  if (kc) kc.logs.push([t, line]);
}

/** The filesystem a container of a pod sees (image + writable layer + volumes), for exec and cp. */
export function podFs(world: World, namespace: string, pod: string, container: string | undefined, now?: number): PodResult<ContainerFs> {
  const r = pickContainer(world, namespace, pod, container);
  if (!r.ok) return r;
  const { pod: p, st, kc, c } = r.value;
  return { ok: true, value: podFsFor(world, p, st, kc, c, now) };
}

/**
 * Where `kubectl exec POD -- CMD` runs: the container's filesystem, env and process info, or the API server's
 * error (`container not found`, `unable to upgrade connection: container not found ("web")`, not running).
 */
export function execInPod(world: World, namespace: string, pod: string, container: string | undefined, now: number): PodResult<{
  fs: ContainerFs; env: Record<string, string>; image: string; container: string; hostname: string; podIP?: string; flavor?: string;
  resolved?: ResolvedImage; cwd: string; mainArgv?: string[]; user: string;
}> {
  const r = pickContainer(world, namespace, pod, container);
  if (!r.ok) return r;
  const { pod: p, st, kc, c } = r.value;
  if (kc.step !== 'running') {
    if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return { ok: false, error: 'cannot exec into a container in a completed pod; current phase is ' + p.status.phase };
    return { ok: false, error: `unable to upgrade connection: container not found ("${kc.name}")` };
  }
  const imgR = lookupImage(world, c.image);
  // anything exec changes may change probe results
  addTimer(world, now, 'kubelet', `${namespace}/${pod}`);
  if (c.readinessProbe) kc.readyProbeAt = now + 1000 * (c.readinessProbe.periodSeconds ?? 10);
  if (c.livenessProbe && kc.liveFailAt === undefined) {
    const lp = c.livenessProbe;
    kc.liveFailAt = now + (lp.periodSeconds ?? 10) * (lp.failureThreshold ?? 3) * 1000;
    (kc as KObject).liveCheckOnly = true;
  }
  return {
    ok: true,
    value: {
      fs: podFsFor(world, p, st, kc, c, now), env: containerEnv(world, p, c, imgR.ok ? imgR.value : undefined), image: c.image,
      container: kc.name, hostname: p.metadata.name, podIP: st.ip, flavor: imgR.ok ? imgR.value.flavor : undefined,
      ...(imgR.ok ? { resolved: imgR.value } : {}),
      cwd: c.workingDir || (imgR.ok ? imgR.value.config.WorkingDir : '') || '/',
      ...((kc.plan as KObject | undefined)?.argv ? { mainArgv: (kc.plan as KObject).argv } : imgR.ok ? { mainArgv: containerArgv(imgR.value, c) } : {}),
      user: c.securityContext?.runAsUser !== undefined ? String(c.securityContext.runAsUser) : (imgR.ok && imgR.value.config.User) || 'root',
    },
  };
}

/** Internal: kubelet state of a pod (network resolvers, metrics). */
export function kubeletPod(world: World, key: string): KPod | undefined {
  return kpods(world)[key];
}

/**
 * The node came back (minikube start after stop): every pod sandbox is re-created and its containers restart
 * (RESTARTS +1, lastState Error 255, SandboxChanged), as after a real node reboot.
 */
export function nodeRestarted(world: World, now: number): void {
  const pods = kpods(world);
  for (const [key, st] of Object.entries(pods)) {
    const pod = getRaw(world, 'Pod', key);
    if (!pod || pod.metadata.deletionTimestamp || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    let any = false;
    for (const kc of Object.values(st.c)) {
      if (kc.step !== 'running' && kc.step !== 'backoff' && kc.step !== 'exited') continue;
      if (kc.init && !kc.sidecar) continue;
      if (kc.step === 'running') {
        kc.state = { terminated: { containerID: kc.containerID, exitCode: 255, finishedAt: rfc3339(now), reason: 'Error', startedAt: rfc3339(kc.startedAt ?? now) } };
        kc.ready = false;
        kc.started = false;
      }
      restartContainer(kc, now);
      kc.backoff = 0;
      any = true;
    }
    if (!any) continue;
    if (!pod.spec.hostNetwork) delete st.ip;
    recordEvent(world, pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.', src(pod.spec.nodeName), now);
    addTimer(world, now, 'kubelet', key);
  }
}
