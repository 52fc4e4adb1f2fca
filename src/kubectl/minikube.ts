/**
 * The minikube CLI over the simulated cluster: start, status, stop, delete, ip, service, dashboard, addons,
 * kubectl, version, node list. Output lines follow minikube v1.36.0 with the docker driver (emoji lines are
 * printed even when stdout is not a terminal).
 */
import type { IO, Program } from '../core/types.js';
import * as api from '../world/k8s/api.js';
import { MINIKUBE_VERSION, MINIKUBE_COMMIT, K8S_VERSION } from '../world/k8s/bootstrap.js';

type O = Record<string, any>;

const NODE_IP = '192.168.49.2';
const OS_LINE = 'Ubuntu 22.04';

function parse(argv: string[]): { args: string[]; flags: Record<string, string | true>; dash: string[] } {
  const args: string[] = [];
  const flags: Record<string, string | true> = {};
  let dash: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      dash = argv.slice(i + 1);
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (['namespace', 'driver', 'nodes', 'profile', 'memory', 'cpus', 'kubernetes-version', 'output', 'format', 'container-runtime'].includes(a.slice(2)) && argv[i + 1] !== undefined) flags[a.slice(2)] = argv[++i]!;
      else flags[a.slice(2)] = true;
    } else if (a.startsWith('-') && a.length > 1) {
      const c = a.slice(1);
      if ((c === 'n' || c === 'p' || c === 'o') && argv[i + 1] !== undefined) flags[{ n: 'namespace', p: 'profile', o: 'output' }[c]!] = argv[++i]!;
      else flags[c] = true;
    } else args.push(a);
  }
  return { args, flags, dash };
}

function notFound(io: IO): number {
  io.out(`🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\n`);
  return 85;
}

function notRunning(io: IO): number {
  io.err(`\n❌  Exiting due to GUEST_STATUS: state: unknown state "minikube": docker container inspect minikube --format=: exit status 1\n\n`);
  return 80;
}

function start(io: IO, f: Record<string, string | true>): number {
  const st = io.world.cluster.status;
  const driver = typeof f.driver === 'string' ? f.driver : 'docker';
  const nodes = typeof f.nodes === 'string' ? Number(f.nodes) : undefined;
  io.out(`😄  minikube ${MINIKUBE_VERSION} on ${OS_LINE}\n`);
  if (st === 'Deleted') {
    io.out(f.driver ? `✨  Using the ${driver} driver based on user configuration\n` : `✨  Automatically selected the docker driver. Other choices: none, ssh\n`);
    io.out(`📌  Using Docker driver with root privileges\n`);
  } else io.out(`✨  Using the ${driver} driver based on existing profile\n`);
  io.out(`👍  Starting "minikube" primary control-plane node in "minikube" cluster\n`);
  io.out(`🚜  Pulling base image v0.0.47 ...\n`);
  if (st === 'Deleted') io.out(`🔥  Creating ${driver} container (CPUs=2, Memory=3900MB) ...\n`);
  else if (st === 'Stopped') io.out(`🔄  Restarting existing ${driver} container for "minikube" ...\n`);
  else io.out(`🏃  Updating the running ${driver} "minikube" container ...\n`);
  io.out(`🐳  Preparing Kubernetes ${K8S_VERSION} on Docker 28.1.1 ...\n`);
  if (st === 'Deleted') io.out(`    ▪ Generating certificates and keys ...\n    ▪ Booting up control plane ...\n    ▪ Configuring RBAC rules ...\n🔗  Configuring bridge CNI (Container Networking Interface) ...\n`);
  api.minikubeStart(io.world, io.now(), { nodes, driver });
  if (nodes && nodes > 1 && st === 'Deleted') {
    for (let i = 2; i <= nodes; i++) {
      const n = `minikube-m${String(i).padStart(2, '0')}`;
      io.out(`\n👍  Starting "${n}" worker node in "minikube" cluster\n🚜  Pulling base image v0.0.47 ...\n🔥  Creating ${driver} container (CPUs=2, Memory=2200MB) ...\n🌐  Found network options:\n    ▪ NO_PROXY=${NODE_IP}\n🐳  Preparing Kubernetes ${K8S_VERSION} on Docker 28.1.1 ...\n    ▪ env NO_PROXY=${NODE_IP}\n🔎  Verifying Kubernetes components...\n`);
    }
  }
  io.out(`🔎  Verifying Kubernetes components...\n    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5\n`);
  io.out(`🌟  Enabled addons: ${enabledAddons(io).join(', ')}\n`);
  io.out(`🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default\n`);
  return 0;
}

function status(io: IO): number {
  const rows = api.minikubeStatus(io.world);
  if (!rows.length) {
    io.out(`🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\n`);
    return 85;
  }
  for (const r of rows) {
    io.out(`${r.name}\ntype: ${r.type}\nhost: ${r.host}\nkubelet: ${r.kubelet}\n`);
    if (r.type === 'Control Plane') io.out(`apiserver: ${r.apiserver}\nkubeconfig: ${r.kubeconfig}\n`);
    io.out('\n');
  }
  return io.world.cluster.status === 'Running' ? 0 : 7;
}

function stop(io: IO): number {
  const st = io.world.cluster.status;
  if (st === 'Deleted') return notFound(io);
  const nodes = Object.keys(io.world.cluster.objects.Node ?? {});
  for (const n of nodes) io.out(`✋  Stopping node "${n}"  ...\n`);
  if (st === 'Running') for (const n of nodes) io.out(`🛑  Powering off "${n}" via SSH ...\n`);
  api.minikubeStop(io.world, io.now());
  io.out(`🛑  ${nodes.length} node${nodes.length === 1 ? '' : 's'} stopped.\n`);
  return 0;
}

function del(io: IO, f: Record<string, string | true>): number {
  const st = io.world.cluster.status;
  if (st === 'Deleted') {
    if (f.all) {
      io.out(`🔥  Successfully deleted all profiles\n`);
      return 0;
    }
    io.out(`🙄  "minikube" profile does not exist, trying anyways.\n💀  Removed all traces of the "minikube" cluster.\n`);
    return 0;
  }
  io.out(`🔥  Deleting "minikube" in docker ...\n🔥  Deleting container "minikube" ...\n🔥  Removing /root/.minikube/machines/minikube ...\n💀  Removed all traces of the "minikube" cluster.\n`);
  api.minikubeDelete(io.world, io.now());
  if (f.all) io.out(`🔥  Successfully deleted all profiles\n`);
  return 0;
}

/** go tablewriter as minikube uses it: `|` borders, centered headers, numbers right-aligned. */
function table(header: string[], rows: string[][], rightAlign: boolean[] = []): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => [...(r[i] ?? '')].length)));
  const sep = '|' + w.map((x) => '-'.repeat(x + 2)).join('|') + '|\n';
  const center = (s: string, n: number) => {
    const left = Math.floor((n - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(n - s.length - left);
  };
  let out = sep + '|' + header.map((h, i) => ` ${center(h, w[i]!)} `).join('|') + '|\n' + sep;
  for (const r of rows) {
    out += '|' + r.map((c, i) => {
      const pad = ' '.repeat(w[i]! - [...c].length);
      return ` ${rightAlign[i] || /^\d+$/.test(c) ? pad + c : c + pad} `;
    }).join('|') + '|\n';
  }
  return out + sep;
}

function service(io: IO, args: string[], f: Record<string, string | true>): number {
  if (io.world.cluster.status !== 'Running') return notRunning(io);
  const ns = typeof f.namespace === 'string' ? f.namespace : 'default';
  if (args[0] === 'list') {
    const svcs = api.listObjects(io.world, 'Service', typeof f.namespace === 'string' ? f.namespace : undefined);
    const rows: string[][] = [];
    for (const s of svcs.ok ? svcs.value : []) {
      const ports: O[] = s.spec?.ports ?? [];
      const np = ports.filter((p) => p.nodePort);
      if (!np.length) rows.push([s.metadata.namespace, s.metadata.name, 'No node port', '']);
      else for (const p of np) rows.push([s.metadata.namespace, s.metadata.name, `${p.name ? p.name + '/' : ''}${p.port}`, `http://${NODE_IP}:${p.nodePort}`]);
    }
    io.out(table(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], rows));
    return 0;
  }
  const name = args[0];
  if (!name) {
    io.err(`❌  Exiting due to MK_USAGE: You must specify service name(s) or --all\n`);
    return 64;
  }
  const svc = api.getObject(io.world, 'Service', ns, name);
  if (!svc.ok) {
    io.err(`\n❌  Exiting due to SVC_NOT_FOUND: Service '${name}' was not found in '${ns}' namespace.\nYou may select another namespace by using 'minikube service ${name} -n <namespace>'. Or list out all the services using 'minikube service list'\n\n`);
    return 1;
  }
  const ports: O[] = svc.value.spec?.ports ?? [];
  const np = ports.filter((p) => p.nodePort);
  if (f.url) {
    if (!np.length) {
      io.err(`😿  service ${ns}/${name} has no node port\n`);
      return 0;
    }
    for (const p of np) io.out(`http://${NODE_IP}:${p.nodePort}\n`);
    return 0;
  }
  if (!np.length) {
    io.out(table(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], [[ns, name, '', 'No node port']]));
    io.err(`😿  service ${ns}/${name} has no node port\n`);
    return 0;
  }
  const rows = np.map((p) => [ns, name, p.name ? `${p.name}/${p.port}` : String(p.port), `http://${NODE_IP}:${p.nodePort}`]);
  io.out(table(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], rows));
  io.out(`🎉  Opening service ${ns}/${name} in default browser...\n`);
  return 0;
}

const DASH_URL = 'http://127.0.0.1:36733/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/';

function ensureNamespace(io: IO, name: string): boolean {
  if (api.getObject(io.world, 'Namespace', undefined, name).ok) return false;
  api.createObject(io.world, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'kubernetes.io/metadata.name': name } } }, { now: io.now() });
  return true;
}

function addonDeployment(io: IO, ns: string, name: string, image: string, labels: O): void {
  if (api.getObject(io.world, 'Deployment', ns, name).ok) return;
  api.createObject(
    io.world,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: ns, labels: { ...labels, 'addonmanager.kubernetes.io/mode': 'Reconcile' } },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image }] } } },
    },
    { now: io.now() },
  );
}

function dashboard(io: IO, f: Record<string, string | true>): number {
  if (io.world.cluster.status !== 'Running') return notRunning(io);
  if (ensureNamespace(io, 'kubernetes-dashboard')) {
    io.out(`🔌  Enabling dashboard ...\n    ▪ Using image docker.io/kubernetesui/dashboard:v2.7.0\n    ▪ Using image docker.io/kubernetesui/metrics-scraper:v1.0.8\n💡  Some dashboard features require the metrics-server addon. To enable all features please run:\n\n\tminikube addons enable metrics-server\n\n`);
    addonDeployment(io, 'kubernetes-dashboard', 'kubernetes-dashboard', 'docker.io/kubernetesui/dashboard:v2.7.0', { 'k8s-app': 'kubernetes-dashboard' });
    addonDeployment(io, 'kubernetes-dashboard', 'dashboard-metrics-scraper', 'docker.io/kubernetesui/metrics-scraper:v1.0.8', { 'k8s-app': 'dashboard-metrics-scraper' });
    io.advance(5000);
  }
  io.out(`🤔  Verifying dashboard health ...\n🚀  Launching proxy ...\n🤔  Verifying proxy health ...\n`);
  if (f.url) io.out(`${DASH_URL}\n`);
  else io.out(`🎉  Opening ${DASH_URL} in your default browser...\n`);
  return 0;
}

interface Addon {
  name: string;
  maintainer: string;
  enabled(io: IO): boolean;
  enable?(io: IO): string;
}

const ADDONS: Addon[] = [
  ['ambassador', '3rd party (Ambassador)'], ['amd-gpu-device-plugin', '3rd party (AMD)'], ['auto-pause', 'minikube'],
  ['cloud-spanner', 'Google'], ['csi-hostpath-driver', 'Kubernetes'], ['dashboard', 'Kubernetes'], ['default-storageclass', 'Kubernetes'],
  ['efk', '3rd party (Elastic)'], ['freshpod', 'Google'], ['gcp-auth', 'Google'], ['gvisor', 'minikube'], ['headlamp', '3rd party (kinvolk.io)'],
  ['inaccel', '3rd party (InAccel [info@inaccel.com])'], ['ingress', 'Kubernetes'], ['ingress-dns', 'minikube'], ['inspektor-gadget', '3rd party (inspektor-gadget.io)'],
  ['istio', '3rd party (Istio)'], ['istio-provisioner', '3rd party (Istio)'], ['kong', '3rd party (Kong HQ)'], ['kubeflow', '3rd party'],
  ['kubetail', '3rd party (kubetail.io)'], ['kubevirt', '3rd party (KubeVirt)'], ['logviewer', '3rd party (unknown)'], ['metallb', '3rd party (MetalLB)'],
  ['metrics-server', 'Kubernetes'], ['nvidia-device-plugin', '3rd party (NVIDIA)'], ['nvidia-driver-installer', '3rd party (NVIDIA)'],
  ['nvidia-gpu-device-plugin', '3rd party (NVIDIA)'], ['olm', '3rd party (Operator Framework)'], ['pod-security-policy', '3rd party (unknown)'],
  ['portainer', '3rd party (Portainer.io)'], ['registry', 'minikube'], ['registry-aliases', '3rd party (unknown)'], ['registry-creds', '3rd party (UPMC Enterprises)'],
  ['storage-provisioner', 'minikube'], ['storage-provisioner-gluster', '3rd party (Gluster)'], ['storage-provisioner-rancher', '3rd party (Rancher)'],
  ['volcano', 'third-party (volcano)'], ['volumesnapshots', 'Kubernetes'], ['yakd', '3rd party (marcnuri.com)'],
].map(([name, maintainer]) => ({ name: name!, maintainer: maintainer!, enabled: (io: IO) => isEnabled(io, name!) }));

function isEnabled(io: IO, name: string): boolean {
  const w = io.world;
  switch (name) {
    case 'storage-provisioner':
      return api.getObject(w, 'Pod', 'kube-system', 'storage-provisioner').ok;
    case 'default-storageclass':
      return api.getObject(w, 'StorageClass', undefined, 'standard').ok;
    case 'dashboard':
      return api.getObject(w, 'Namespace', undefined, 'kubernetes-dashboard').ok;
    case 'metrics-server':
      return api.getObject(w, 'Deployment', 'kube-system', 'metrics-server').ok;
    case 'ingress':
      return api.getObject(w, 'Namespace', undefined, 'ingress-nginx').ok;
    default:
      return false;
  }
}

function enabledAddons(io: IO): string[] {
  return ADDONS.filter((a) => a.enabled(io)).map((a) => a.name).sort((a, b) => (a === 'storage-provisioner' ? -1 : b === 'storage-provisioner' ? 1 : a.localeCompare(b)));
}

function addons(io: IO, args: string[]): number {
  const [sub, name] = args;
  if (io.world.cluster.status === 'Deleted') return notFound(io);
  if (sub === 'list') {
    const rows = ADDONS.map((a) => [a.name, 'minikube', a.enabled(io) ? 'enabled ✅' : 'disabled', a.maintainer]);
    io.out(table(['ADDON NAME', 'PROFILE', 'STATUS', 'MAINTAINER'], rows));
    return 0;
  }
  if (sub === 'enable' || sub === 'disable') {
    const a = ADDONS.find((x) => x.name === name);
    if (!a) {
      io.err(`\n❌  Exiting due to MK_ADDON_ENABLE: run callbacks: ${name} is not a valid addon\n\n`);
      return 10;
    }
    if (io.world.cluster.status !== 'Running') return notRunning(io);
    if (sub === 'enable') {
      if (name === 'metrics-server') {
        io.out(`💡  metrics-server is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\nYou can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n    ▪ Using image registry.k8s.io/metrics-server/metrics-server:v0.7.2\n`);
        addonDeployment(io, 'kube-system', 'metrics-server', 'registry.k8s.io/metrics-server/metrics-server:v0.7.2', { 'k8s-app': 'metrics-server' });
      } else if (name === 'dashboard') {
        io.out(`💡  dashboard is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\nYou can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n    ▪ Using image docker.io/kubernetesui/dashboard:v2.7.0\n    ▪ Using image docker.io/kubernetesui/metrics-scraper:v1.0.8\n💡  Some dashboard features require the metrics-server addon. To enable all features please run:\n\n\tminikube addons enable metrics-server\n\n`);
        ensureNamespace(io, 'kubernetes-dashboard');
        addonDeployment(io, 'kubernetes-dashboard', 'kubernetes-dashboard', 'docker.io/kubernetesui/dashboard:v2.7.0', { 'k8s-app': 'kubernetes-dashboard' });
      } else if (name === 'ingress') {
        io.out(`💡  ingress is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\nYou can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n    ▪ Using image registry.k8s.io/ingress-nginx/controller:v1.12.2\n    ▪ Using image registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.3\n    ▪ Using image registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.5.3\n🔎  Verifying ingress addon...\n`);
        ensureNamespace(io, 'ingress-nginx');
        addonDeployment(io, 'ingress-nginx', 'ingress-nginx-controller', 'registry.k8s.io/ingress-nginx/controller:v1.12.2', { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' });
      }
      io.out(`🌟  The '${name}' addon is enabled\n`);
      return 0;
    }
    if (name === 'metrics-server') api.deleteObject(io.world, 'Deployment', 'kube-system', 'metrics-server', { now: io.now() });
    if (name === 'dashboard') api.deleteObject(io.world, 'Namespace', undefined, 'kubernetes-dashboard', { now: io.now() });
    if (name === 'ingress') api.deleteObject(io.world, 'Namespace', undefined, 'ingress-nginx', { now: io.now() });
    io.out(`🌑  "The '${name}' addon is disabled\n`);
    return 0;
  }
  io.err(`Error: unknown command "${sub ?? ''}" for "minikube addons"\nRun 'minikube addons --help' for usage.\n`);
  return 64;
}

/**
 * `minikube tunnel` (docker driver on Linux): routes the service CIDR to the node and gives each LoadBalancer
 * service its ClusterIP as EXTERNAL-IP. The real command keeps running; here it reports once and returns.
 */
function tunnel(io: IO): number {
  if (io.world.cluster.status !== 'Running') return notRunning(io);
  const r = api.listObjects(io.world, 'Service', undefined);
  const lbs = (r.ok ? r.value : []).filter((s) => s.spec?.type === 'LoadBalancer');
  for (const s of lbs) {
    if ((s.status?.loadBalancer?.ingress ?? []).length) continue;
    const next = structuredClone(s);
    next.status = { ...(next.status ?? {}), loadBalancer: { ingress: [{ ip: s.spec.clusterIP, ipMode: 'VIP' }] } };
    api.updateStatus(io.world, next, { now: io.now() });
  }
  io.out(`Status:\t\n\tmachine: minikube\n\tpid: 43210\n\troute: 10.96.0.0/12 -> ${NODE_IP}\n\tminikube: Running\n\tservices: [${lbs.map((s) => s.metadata.name).join(', ')}]\n    errors: \n\t\tminikube: no errors\n\t\trouter: no errors\n\t\tloadbalancer emulator: no errors\n`);
  return 0;
}

export const minikube: Program = async (argv, io) => {
  const { args, flags, dash } = parse(argv);
  const cmd = args[0];
  if (!cmd || flags.help || flags.h) {
    io.out(`minikube provisions and manages local Kubernetes clusters optimized for development workflows.\n\nBasic Commands:\n  start            Starts a local Kubernetes cluster\n  status           Gets the status of a local Kubernetes cluster\n  stop             Stops a running local Kubernetes cluster\n  delete           Deletes a local Kubernetes cluster\n  dashboard        Access the Kubernetes dashboard running within the minikube cluster\n  pause            pause Kubernetes\n  unpause          unpause Kubernetes\n\nImages Commands:\n  docker-env       Provides instructions to point your terminal's docker-cli to the Docker Engine inside minikube.\n  podman-env       Configure environment to use minikube's Podman service\n  cache            Manage cache for images\n  image            Manage images\n\nConfiguration and Management Commands:\n  addons           Enable or disable a minikube addon\n  config           Modify persistent configuration values\n  profile          Get or list the current profiles (clusters)\n  update-context   Update kubeconfig in case of an IP or port change\n\nNetworking and Connectivity Commands:\n  service          Returns a URL to connect to a service\n  tunnel           Connect to LoadBalancer services\n\nAdvanced Commands:\n  mount            Mounts the specified directory into minikube\n  ssh              Log into the minikube environment (for debugging)\n  kubectl          Run a kubectl binary matching the cluster version\n  node             Add, remove, or list additional nodes\n  cp               Copy the specified file into minikube\n\nTroubleshooting Commands:\n  ssh-key          Retrieve the ssh identity key path of the specified node\n  ssh-host         Retrieve the ssh host key of the specified node\n  ip               Retrieves the IP address of the specified node\n  logs             Returns logs to debug a local Kubernetes cluster\n  update-check     Print current and latest version number\n  version          Print the version of minikube\n  options          Show a list of global command-line options (applies to all commands).\n\nOther Commands:\n  completion       Generate command completion for a shell\n  license          Outputs the licenses of dependencies to a directory\n\nUse "minikube <command> --help" for more information about a given command.\n`);
    return 0;
  }
  switch (cmd) {
    case 'start':
      return start(io, flags);
    case 'status':
      return status(io);
    case 'stop':
      return stop(io);
    case 'delete':
      return del(io, flags);
    case 'ip':
      if (io.world.cluster.status === 'Deleted') return notFound(io);
      io.out(`${NODE_IP}\n`);
      return 0;
    case 'service':
      return service(io, args.slice(1), flags);
    case 'dashboard':
      return dashboard(io, flags);
    case 'addons':
      return addons(io, args.slice(1));
    case 'version':
      io.out(flags.short ? `${MINIKUBE_VERSION}\n` : `minikube version: ${MINIKUBE_VERSION}\ncommit: ${MINIKUBE_COMMIT}\n`);
      return 0;
    case 'node':
      if (args[1] === 'list') {
        const nodes = api.listObjects(io.world, 'Node', undefined);
        for (const n of nodes.ok ? nodes.value : []) io.out(`${n.metadata.name}\t${(n.status?.addresses ?? []).find((a: O) => a.type === 'InternalIP')?.address ?? NODE_IP}\n`);
        return 0;
      }
      io.err(`Error: unknown command "${args[1] ?? ''}" for "minikube node"\nRun 'minikube node --help' for usage.\n`);
      return 64;
    case 'kubectl': {
      const { kubectl } = await import('./index.js');
      return kubectl([...args.slice(1), ...dash], io);
    }
    case 'tunnel':
      return tunnel(io);
    case 'update-context':
      io.out(`🎉  "minikube" context has been updated to point to ${NODE_IP}:8443\n💗  Current context is "minikube"\n`);
      return 0;
    default:
      io.err(`Error: unknown command "${cmd}" for "minikube"\nRun 'minikube --help' for usage.\n`);
      return 64;
  }
};
