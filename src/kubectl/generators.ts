/**
 * kubectl's client-side generators (`create deployment|service|configmap|secret|...`, `run`, `expose`): they build
 * the object exactly as kubectl 1.33 does (field order is Go's struct order, for `-o json`), or throw a CmdError
 * with kubectl's message. Source: staging/src/k8s.io/kubectl/pkg/cmd/create/*.go, run/run.go, expose/expose.go.
 */
import { randomString, K8S_ALPHABET } from '../core/random.js';
import type { World } from '../world/world.js';
import type { HostFs } from '../core/types.js';

export class CmdError extends Error {
  constructor(message: string, public hint?: string) {
    super(message);
  }
}

type O = Record<string, any>;

export function meta(name: string, namespace: string | undefined, labels?: O, annotations?: O): O {
  const m: O = { name };
  if (namespace) m.namespace = namespace;
  m.creationTimestamp = null;
  if (labels && Object.keys(labels).length) m.labels = labels;
  if (annotations && Object.keys(annotations).length) m.annotations = annotations;
  return m;
}

/** `nginx`, `gcr.io/x/kubernetes-bootcamp:v1` -> `kubernetes-bootcamp`; `my_img` -> `my-img-<5 random>`. */
export function containerNameFor(world: World, image: string, used: Set<string>): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  const sanitized = name.replace(/_/g, '-');
  if (sanitized !== name || used.has(sanitized)) name = `${sanitized}-${randomString(world, K8S_ALPHABET, 5)}`;
  used.add(name);
  return name;
}

export function genDeployment(world: World, name: string, ns: string | undefined, f: O, command: string[]): O {
  const images: string[] = f.image;
  if (images.length > 1 && command.length > 0) throw new CmdError('cannot specify multiple --image options and command');
  const labels = { app: name };
  const used = new Set<string>();
  const containers: O[] = images.map((image) => ({ name: containerNameFor(world, image, used), image, resources: {} }));
  if (command.length) containers[0] = { name: containers[0]!.name, image: containers[0]!.image, command, resources: {} };
  if (f.port >= 0 && containers.length) {
    const c = containers[0]!;
    containers[0] = { name: c.name, image: c.image, ...(c.command ? { command: c.command } : {}), ports: [{ containerPort: f.port }], resources: {} };
  }
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: meta(name, ns, { ...labels }),
    spec: {
      replicas: f.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export function genNamespace(name: string): O {
  return { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
}

const intOrString = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

export function genService(kind: 'clusterip' | 'nodeport' | 'loadbalancer' | 'externalname', name: string, ns: string | undefined, f: O): O {
  const tcp: string[] = splitSlice(f.tcp ?? []);
  const type = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' }[kind];
  if (kind === 'externalname') {
    if (!f['external-name']) throw new CmdError('required flag(s) "external-name" not set');
  } else if (tcp.length === 0 && !(kind === 'clusterip' && f.clusterip === 'None')) {
    throw new CmdError('at least one tcp port specifier must be provided');
  }
  const ports: O[] = [];
  for (const spec of tcp) {
    const [p, t] = spec.split(':');
    const port = Number(p);
    if (!/^\d+$/.test(p ?? '')) throw new CmdError(`strconv.Atoi: parsing "${p}": invalid syntax`);
    const portName = spec.replace(/:/g, '-');
    const entry: O = { name: portName, protocol: 'TCP', port, targetPort: t === undefined ? port : intOrString(t) };
    if (kind === 'nodeport' && f['node-port']) entry.nodePort = f['node-port'];
    ports.push(entry);
  }
  const spec: O = {};
  if (ports.length) spec.ports = ports;
  spec.selector = { app: name };
  if (kind === 'clusterip' && f.clusterip) spec.clusterIP = f.clusterip;
  spec.type = type;
  if (kind === 'externalname') spec.externalName = f['external-name'];
  return { kind: 'Service', apiVersion: 'v1', metadata: meta(name, ns, { app: name }), spec, status: { loadBalancer: {} } };
}

/** pflag StringSlice values: comma-split, each occurrence appended. */
export function splitSlice(v: string[]): string[] {
  const out: string[] = [];
  for (const s of v) for (const p of s.split(',')) if (p !== '' || s === '') out.push(p);
  return out;
}

function parseEnvFile(content: string, file: string): [string, string][] {
  const out: [string, string][] = [];
  content.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '').replace(/^\uFEFF/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (/\s/.test(key.trimStart()) || !key.trim()) throw new CmdError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`);
    if (eq < 0) return;
    out.push([key.trimStart(), line.slice(eq + 1)]);
    void file;
    void i;
  });
  return out;
}

const KEY_RE = /^[-._a-zA-Z0-9]+$/;

/** --from-literal / --from-file / --from-env-file into a key -> value map (values as UTF-8 text). */
function collectData(fs: HostFs, f: O, kindName: string, name: string): Record<string, string> {
  const data: Record<string, string> = {};
  const add = (key: string, value: string) => {
    if (!KEY_RE.test(key) || key.length > 253) throw new CmdError(`"${key}" is not a valid key name for a ${kindName}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
    if (key in data) throw new CmdError(`cannot add key "${key}", another key by that name already exists in Data for ${kindName} "${name}"`);
    data[key] = value;
  };
  for (const src of splitSlice(f['from-file'] ?? [])) {
    const eq = src.indexOf('=');
    const key = eq < 0 ? undefined : src.slice(0, eq);
    const path = eq < 0 ? src : src.slice(eq + 1);
    const st = fs.stat(path);
    if (!st) throw new CmdError(`error reading ${path}: no such file or directory`);
    if (st.type === 'dir') {
      if (key) throw new CmdError(`cannot give a key name for a directory path`);
      for (const entry of fs.readdir(path) ?? []) {
        const p = `${path.replace(/\/$/, '')}/${entry}`;
        if (fs.stat(p)?.type !== 'file') continue;
        add(entry, fs.readFile(p) ?? '');
      }
    } else add(key ?? path.split('/').pop()!, fs.readFile(path) ?? '');
  }
  for (const lit of f['from-literal'] ?? []) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new CmdError(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, eq), lit.slice(eq + 1).replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1'));
  }
  for (const file of splitSlice(f['from-env-file'] ?? [])) {
    const content = fs.readFile(file);
    if (content === null) throw new CmdError(`open ${file}: no such file or directory`);
    for (const [k, v] of parseEnvFile(content, file)) data[k] = v;
  }
  return data;
}

const sortedObj = (o: Record<string, string>, map: (v: string) => string = (v) => v): O => {
  const r: O = {};
  for (const k of Object.keys(o).sort()) r[k] = map(o[k]!);
  return r;
};

export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

export function genConfigMap(fs: HostFs, name: string, ns: string | undefined, f: O): O {
  const data = collectData(fs, f, 'ConfigMap', name);
  const o: O = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(name, ns) };
  if (f.append_hash) void 0;
  if (Object.keys(data).length) o.data = sortedObj(data);
  return o;
}

export function genSecretGeneric(fs: HostFs, name: string, ns: string | undefined, f: O): O {
  const data = collectData(fs, f, 'Secret', name);
  const o: O = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, ns) };
  if (Object.keys(data).length) o.data = sortedObj(data, b64);
  if (f.type) o.type = f.type;
  return o;
}

export function genSecretDockerRegistry(fs: HostFs, name: string, ns: string | undefined, f: O): O {
  const fromFile = splitSlice(f['from-file'] ?? []);
  if (fromFile.length === 0 && (!f['docker-username'] || !f['docker-password'] || !f['docker-server'])) {
    throw new CmdError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  const o: O = { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, ns) };
  if (fromFile.length) {
    o.data = sortedObj(collectData(fs, { 'from-file': fromFile }, 'Secret', name), b64);
  } else {
    const auth: O = { username: f['docker-username'], password: f['docker-password'] };
    if (f['docker-email']) auth.email = f['docker-email'];
    auth.auth = b64(`${f['docker-username']}:${f['docker-password']}`);
    const json = JSON.stringify({ auths: { [f['docker-server']]: auth } });
    o.data = { '.dockerconfigjson': b64(json) };
  }
  o.type = 'kubernetes.io/dockerconfigjson';
  return o;
}

export function genSecretTls(fs: HostFs, name: string, ns: string | undefined, f: O): O {
  if (!f.cert || !f.key) throw new CmdError('key and cert must be specified');
  const cert = fs.readFile(f.cert);
  if (cert === null) throw new CmdError(`open ${f.cert}: no such file or directory`);
  const key = fs.readFile(f.key);
  if (key === null) throw new CmdError(`open ${f.key}: no such file or directory`);
  if (!cert.includes('-----BEGIN') || !key.includes('-----BEGIN')) throw new CmdError('tls: failed to find any PEM data in certificate input');
  return { kind: 'Secret', apiVersion: 'v1', metadata: meta(name, ns), data: { 'tls.crt': b64(cert), 'tls.key': b64(key) }, type: 'kubernetes.io/tls' };
}

function podTemplateContainer(name: string, image: string, command: string[]): O {
  const c: O = { name, image };
  if (command.length) c.command = command;
  c.resources = {};
  return c;
}

export function genJob(name: string, ns: string | undefined, f: O, command: string[]): O {
  if (!f.image && !f.from) throw new CmdError('either --image or --from must be specified');
  return {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: meta(name, ns),
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [podTemplateContainer(name, f.image, command)], restartPolicy: 'Never' } } },
    status: {},
  };
}

export function genCronJob(name: string, ns: string | undefined, f: O, command: string[]): O {
  const restart = f.restart || 'OnFailure';
  return {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: meta(name, ns),
    spec: {
      schedule: f.schedule,
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [podTemplateContainer(name, f.image, command)], restartPolicy: restart } } },
      },
    },
    status: {},
  };
}

const VERBS = ['*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];

export function genRole(kind: 'Role' | 'ClusterRole', name: string, ns: string | undefined, f: O, resolveGroup: (r: string) => string | undefined, warn: (s: string) => void): O {
  const verbs = splitSlice(f.verb ?? []);
  const resources = splitSlice(f.resource ?? []);
  if (verbs.length === 0) throw new CmdError('at least one verb must be specified');
  if (resources.length === 0 && !(kind === 'ClusterRole' && (f['non-resource-url']?.length || f['aggregation-rule']))) throw new CmdError('at least one resource must be specified');
  for (const v of verbs) if (!VERBS.includes(v)) warn(`Warning: '${v}' is not a standard resource verb\n`);
  const groups = new Map<string, string[]>();
  for (const r of resources) {
    const [res, ...g] = r.split('/')[0]!.split('.');
    const sub = r.includes('/') ? '/' + r.split('/').slice(1).join('/') : '';
    const group = g.length ? g.join('.') : resolveGroup(res!);
    if (group === undefined) throw new CmdError(`resource "${res}" not found`);
    const list = groups.get(group) ?? [];
    list.push(res + sub);
    groups.set(group, list);
  }
  const rules: O[] = [...groups.keys()].sort().map((g) => {
    const rule: O = { verbs, apiGroups: [g], resources: groups.get(g) };
    const names = splitSlice(f['resource-name'] ?? []);
    if (names.length) rule.resourceNames = names;
    return rule;
  });
  return { kind, apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(name, kind === 'Role' ? ns : undefined), rules };
}

export function genBinding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, ns: string | undefined, f: O, defaultNs: string): O {
  let roleRef: O;
  if (kind === 'RoleBinding') {
    if ((!f.role && !f.clusterrole) || (f.role && f.clusterrole)) throw new CmdError('exactly one of clusterrole or role must be specified');
    roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: f.role ? 'Role' : 'ClusterRole', name: f.role || f.clusterrole };
  } else {
    if (!f.clusterrole) throw new CmdError('required flag(s) "clusterrole" not set');
    roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: f.clusterrole };
  }
  const subjects: O[] = [];
  for (const u of f.user ?? []) subjects.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
  for (const g of f.group ?? []) subjects.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
  for (const sa of f.serviceaccount ?? []) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CmdError(`serviceaccount must be <namespace>:<name>`);
    subjects.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  void defaultNs;
  const o: O = { kind, apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(name, kind === 'RoleBinding' ? ns : undefined) };
  if (subjects.length) o.subjects = subjects;
  o.roleRef = roleRef;
  return o;
}

export function genServiceAccount(name: string, ns: string | undefined): O {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(name, ns) };
}

export function genQuota(name: string, ns: string | undefined, f: O): O {
  const hard: O = {};
  if (f.hard) {
    for (const kv of String(f.hard).split(',')) {
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new CmdError(`invalid argument: ${kv}`);
      hard[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
  }
  const spec: O = {};
  if (Object.keys(hard).length) spec.hard = sortedObj(hard);
  if (f.scopes) spec.scopes = String(f.scopes).split(',');
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(name, ns), spec, status: {} };
}

export function genIngress(name: string, ns: string | undefined, f: O): O {
  const rulesIn: string[] = f.rule ?? [];
  if (rulesIn.length === 0 && !f['default-backend']) throw new CmdError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
  const backend = (s: string): O => {
    const [svc, port] = s.split(':');
    return { service: { name: svc, port: /^\d+$/.test(port ?? '') ? { number: Number(port) } : { name: port } } };
  };
  const spec: O = {};
  if (f.class) spec.ingressClassName = f.class;
  if (f['default-backend']) spec.defaultBackend = backend(f['default-backend']);
  const rules: O[] = [];
  const tls: O[] = [];
  for (const r of rulesIn) {
    const [main, ...opts] = r.split(',');
    const eq = main!.indexOf('=');
    const hostPath = main!.slice(0, eq);
    const svc = main!.slice(eq + 1);
    const slash = hostPath.indexOf('/');
    const host = slash < 0 ? hostPath : hostPath.slice(0, slash);
    let path = slash < 0 ? '/' : hostPath.slice(slash);
    let pathType = 'Exact';
    if (path.endsWith('*')) {
      pathType = 'Prefix';
      path = path.slice(0, -1);
    }
    let rule = rules.find((x) => (x.host ?? '') === host);
    if (!rule) {
      rule = host ? { host, http: { paths: [] } } : { http: { paths: [] } };
      rules.push(rule);
    }
    rule.http.paths.push({ path, pathType, backend: backend(svc) });
    for (const opt of opts) {
      if (opt.startsWith('tls')) {
        const secret = opt.includes('=') ? opt.slice(opt.indexOf('=') + 1) : undefined;
        let t = tls.find((x) => x.secretName === secret);
        if (!t) {
          t = { hosts: [] as string[], ...(secret ? { secretName: secret } : {}) };
          tls.push(t);
        }
        if (host && !t.hosts.includes(host)) t.hosts.push(host);
      }
    }
  }
  if (tls.length) spec.tls = tls;
  if (rules.length) spec.rules = rules;
  return { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta(name, ns), spec, status: { loadBalancer: {} } };
}

/** A label selector string (`app=web,tier in (a,b)`) as a metav1.LabelSelector. */
export function labelSelectorObject(sel: string): O {
  const matchLabels: O = {};
  const matchExpressions: O[] = [];
  for (const part of splitSelector(sel)) {
    const s = part.trim();
    let m;
    if ((m = /^([^!=\s]+)\s*(==|=)\s*(.*)$/.exec(s))) matchLabels[m[1]!] = m[3]!.trim();
    else if ((m = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(s))) matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[2]!.trim()] });
    else if ((m = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(s))) matchExpressions.push({ key: m[1], operator: m[2] === 'in' ? 'In' : 'NotIn', values: m[3]!.split(',').map((x) => x.trim()).sort() });
    else if ((m = /^!(\S+)$/.exec(s))) matchExpressions.push({ key: m[1], operator: 'DoesNotExist' });
    else if (s) matchExpressions.push({ key: s, operator: 'Exists' });
  }
  const o: O = {};
  if (Object.keys(matchLabels).length) o.matchLabels = matchLabels;
  if (matchExpressions.length) o.matchExpressions = matchExpressions;
  return o;
}

export function splitSelector(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

export function genPdb(name: string, ns: string | undefined, f: O): O {
  if (!f.selector) throw new CmdError('a selector must be specified');
  if (!f['min-available'] && !f['max-unavailable']) throw new CmdError('one of min-available or max-unavailable must be specified');
  if (f['min-available'] && f['max-unavailable']) throw new CmdError('min-available and max-unavailable cannot be both specified');
  const spec: O = {};
  if (f['min-available']) spec.minAvailable = intOrString(f['min-available']);
  spec.selector = labelSelectorObject(f.selector);
  if (f['max-unavailable']) spec.maxUnavailable = intOrString(f['max-unavailable']);
  return {
    kind: 'PodDisruptionBudget',
    apiVersion: 'policy/v1',
    metadata: meta(name, ns),
    spec,
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 },
  };
}

export function genPriorityClass(name: string, f: O): O {
  const o: O = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta(name, undefined), value: f.value };
  if (f['global-default']) o.globalDefault = true;
  if (f.description) o.description = f.description;
  o.preemptionPolicy = f['preemption-policy'] || 'PreemptLowerPriority';
  return o;
}

/** Parses `a=1,b=2` (run --labels) into a map; errors as kubectl's. */
export function parseLabels(s: string): O {
  const out: O = {};
  for (const kv of s.split(',')) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new CmdError(`invalid label spec: ${kv}`);
    out[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return out;
}

export function genRunPod(name: string, ns: string | undefined, f: O, args: string[]): O {
  const labels = f.labels ? parseLabels(f.labels) : { run: name };
  const c: O = { name, image: f.image };
  if (args.length) {
    if (f.command) c.command = args;
    else c.args = args;
  }
  if (f.port && f.port !== '' && f.port !== -1) c.ports = [{ containerPort: Number(f.port) }];
  const env = (f.env ?? []) as string[];
  if (env.length) {
    c.env = env.map((e) => {
      const eq = e.indexOf('=');
      if (eq < 0) throw new CmdError(`invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  }
  c.resources = {};
  if (f['image-pull-policy']) c.imagePullPolicy = f['image-pull-policy'];
  if (f.stdin) c.stdin = true;
  if (f.stdin && !f.tty) c.stdinOnce = true;
  if (f.tty) c.tty = true;
  const annotations: O = {};
  for (const a of f.annotations ?? []) {
    const eq = a.indexOf('=');
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  const spec: O = { containers: [c], restartPolicy: f.restart || 'Always', dnsPolicy: 'ClusterFirst' };
  if (f.serviceaccount) spec.serviceAccountName = f.serviceaccount;
  return { kind: 'Pod', apiVersion: 'v1', metadata: meta(name, ns, labels, annotations), spec, status: {} };
}

/** `kubectl expose`: a Service for a pod, service, deployment, replicaset or replication controller. */
export function genExpose(obj: O, f: O, nsOverride: string | undefined): O {
  const kind = obj.kind;
  let selector: O | undefined;
  if (f.selector) selector = parseLabels(f.selector);
  else if (kind === 'Pod') selector = obj.metadata?.labels;
  else if (kind === 'Service') selector = obj.spec?.selector;
  else if (kind === 'ReplicationController') selector = obj.spec?.selector;
  else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(kind)) {
    const sel = obj.spec?.selector;
    if (sel?.matchExpressions?.length) throw new CmdError(`couldn't convert expressions - "${''}" to map: invalid selector`);
    selector = sel?.matchLabels;
  } else throw new CmdError(`cannot expose a ${kind}`);
  if (!selector || !Object.keys(selector).length) throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: the ${kind.toLowerCase()} has no selector`);
  const name = f.name || obj.metadata.name;
  let ports: O[] = [];
  const protocol = f.protocol || 'TCP';
  if (f.port) {
    const p = Number(f.port);
    ports = [{ protocol, port: p, targetPort: f['target-port'] ? intOrString(f['target-port']) : p }];
  } else {
    const spec = kind === 'Pod' ? obj.spec : kind === 'Service' ? undefined : obj.spec?.template?.spec;
    const found: number[] = [];
    if (kind === 'Service') for (const p of obj.spec?.ports ?? []) found.push(p.port);
    else for (const c of spec?.containers ?? []) for (const p of c.ports ?? []) found.push(p.containerPort);
    if (found.length === 0) throw new CmdError(`couldn't find port via --port flag or introspection`, 'See \'kubectl expose -h\' for help and examples');
    ports = found.map((p, i) => ({
      ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
      protocol,
      port: p,
      targetPort: f['target-port'] ? intOrString(f['target-port']) : p,
    }));
  }
  const labels = f.labels ? parseLabels(f.labels) : obj.metadata?.labels;
  const spec: O = { ports, selector };
  if (f['cluster-ip']) spec.clusterIP = f['cluster-ip'];
  if (f.type) spec.type = f.type;
  if (f['external-ip']) spec.externalIPs = [f['external-ip']];
  if (f['session-affinity']) spec.sessionAffinity = f['session-affinity'];
  if (f['load-balancer-ip']) spec.loadBalancerIP = f['load-balancer-ip'];
  return { kind: 'Service', apiVersion: 'v1', metadata: meta(name, nsOverride, labels ? { ...labels } : undefined), spec, status: { loadBalancer: {} } };
}
