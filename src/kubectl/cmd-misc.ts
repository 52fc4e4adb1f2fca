/** logs, exec, port-forward, proxy, config, version, cluster-info, top, completion. */
import * as api from '../world/k8s/api.js';
import { getObject, listObjects, type KObject } from '../world/k8s/api.js';
import { ApiFailure, CmdError, apiErrorText, helpHint, must, mustResolve, type K } from './context.js';
import { tabulate } from './printers.js';
import { parseGoDuration } from './flags.js';
import { toJson, toYaml } from './yaml-out.js';
import { K8S_VERSION } from '../world/k8s/bootstrap.js';

type O = Record<string, any>;

const CLIENT_VERSION = 'v1.33.1';
const KUSTOMIZE_VERSION = 'v5.6.0';

// ---------- pods from TYPE/NAME ----------

/** A pod for `logs`/`exec`/`port-forward` from `POD`, `pod/NAME`, `deploy/NAME`, `svc/NAME` ... */
function podFor(k: K, arg: string): { pod: KObject; note?: string } {
  if (!arg.includes('/')) return { pod: must(getObject(k.world, 'Pod', k.ns, arg)) };
  const [type, name] = [arg.slice(0, arg.indexOf('/')), arg.slice(arg.indexOf('/') + 1)];
  const r = mustResolve(k.world, type);
  if (r.kind === 'Pod') return { pod: must(getObject(k.world, 'Pod', k.ns, name)) };
  const owner = must(getObject(k.world, r.kind, k.ns, name));
  let selector: O | undefined;
  if (r.kind === 'Service') selector = owner.spec?.selector;
  else selector = owner.spec?.selector?.matchLabels ?? owner.spec?.selector;
  if (r.kind === 'Job') selector = owner.spec?.selector?.matchLabels ?? { 'batch.kubernetes.io/job-name': name };
  const sel = Object.entries(selector ?? {}).map(([a, b]) => `${a}=${b}`).join(',');
  const pods = must(listObjects(k.world, 'Pod', k.ns, { labelSelector: sel })).filter((p) => !p.metadata.deletionTimestamp);
  if (!pods.length) throw new CmdError(`timed out waiting for the condition`);
  // kubectl sorts by "most interesting" (ready, running, newest); running and ready first
  const score = (p: O) => (p.status?.phase === 'Running' ? 0 : 1);
  pods.sort((a, b) => score(a) - score(b) || Date.parse(b.metadata.creationTimestamp) - Date.parse(a.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name));
  const note = pods.length > 1 ? `Found ${pods.length} pods, using pod/${pods[0]!.metadata.name}\n` : undefined;
  return { pod: pods[0]!, note };
}

function defaultContainer(k: K, pod: O, container: string | undefined, quiet = false): string {
  if (container) return container;
  const ann = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  const cs: O[] = pod.spec?.containers ?? [];
  if (ann && cs.some((c) => c.name === ann)) return ann;
  if (cs.length > 1 && !quiet) {
    const all = [...cs.map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c: O) => `${c.name} (init)`), ...(pod.spec?.ephemeralContainers ?? []).map((c: O) => `${c.name} (ephem)`)];
    k.io.err(`Defaulted container "${cs[0]!.name}" out of: ${all.join(', ')}\n`);
  }
  return cs[0]?.name ?? '';
}

// ---------- logs ----------

async function logs(k: K): Promise<number> {
  const sel: string = k.f.selector;
  if (!k.args.length && !sel) {
    throw new CmdError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`, helpHint(k));
  }
  if (k.args.length > 2) throw new CmdError(`expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command`, helpHint(k));
  let pods: O[];
  if (sel) {
    if (k.args.length) throw new CmdError('only a selector (-l) or a POD name is allowed');
    pods = must(listObjects(k.world, 'Pod', k.ns, { labelSelector: sel }));
    if (!pods.length) {
      k.io.err(`No resources found in ${k.ns} namespace.\n`);
      return 0;
    }
  } else {
    let found: ReturnType<typeof podFor>;
    try {
      found = podFor(k, k.args[0]!);
    } catch (e) {
      // logs.go wraps the builder's NotFound
      if (e instanceof ApiFailure && e.error.reason === 'NotFound') throw new CmdError(`error from server (NotFound): ${e.error.message} in namespace "${k.ns}"`, '');
      throw e;
    }
    if (found.note) k.io.err(found.note);
    pods = [found.pod];
  }
  const container: string | undefined = k.f.container || k.args[1];
  let tail: number = k.f.tail;
  if (sel && !k.p.changed.has('tail')) tail = 10;
  const sinceSeconds = k.f.since ? Math.ceil(k.f.since / 1000) : undefined;
  const errors: string[] = [];
  for (const pod of pods) {
    const names: string[] = k.f['all-containers']
      ? [...(pod.spec?.initContainers ?? []).map((c: O) => c.name), ...(pod.spec?.containers ?? []).map((c: O) => c.name)]
      : [defaultContainer(k, pod, container, pods.length > 1 || !!sel)];
    if (container && ![...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some((c: O) => c.name === container)) {
      errors.push(`error: container ${container} is not valid for pod ${pod.metadata.name}\n`);
      continue;
    }
    for (const c of names) {
      const r = api.podLogs(k.world, pod.metadata.namespace, pod.metadata.name, c, {
        previous: !!k.f.previous,
        tailLines: tail >= 0 ? tail : undefined,
        sinceSeconds,
        timestamps: !!k.f.timestamps,
        now: k.io.now(),
      });
      if (!r.ok) {
        errors.push(`Error from server (BadRequest): ${r.error}\n`);
        continue;
      }
      const prefix = k.f.prefix || (sel && pods.length > 1 && k.f.prefix !== false && k.p.changed.has('prefix')) ? `[pod/${pod.metadata.name}/${c}] ` : '';
      k.io.out(prefix ? r.value.split('\n').filter((l, i, a) => l || i < a.length - 1).map((l) => prefix + l + '\n').join('') : r.value);
    }
  }
  for (const e of errors) k.io.err(e);
  return errors.length ? 1 : 0;
}

// ---------- exec ----------

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash']);

async function exec(k: K): Promise<number> {
  const target = k.f.filename?.length ? undefined : k.args[0];
  if (!target) throw new CmdError('pod, type/name or --filename must be specified');
  const cmd = k.p.dashAt >= 0 ? k.args.slice(k.p.dashAt) : k.args.slice(1);
  if (k.p.dashAt < 0 && k.args.length > 1) {
    k.io.err(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n`);
    return 1;
  }
  if (!cmd.length) throw new CmdError('you must specify at least one command for the container');
  const { pod } = podFor(k, target);
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  const container = defaultContainer(k, pod, k.f.container);
  if (k.f.container && !(pod.spec?.containers ?? []).some((c: O) => c.name === k.f.container)) {
    throw new CmdError(`container ${k.f.container} not found in pod ${pod.metadata.name}`);
  }
  // The runtime's nested-shell machinery (src/world/runtime/nested.ts) when the cluster registered its 'pod' target.
  const nested = await import('../world/runtime/nested.js');
  const opener = nested.execTargetOpener('pod');
  if (opener) {
    const target = { kind: 'pod' as const, id: pod.metadata.name, namespace: pod.metadata.namespace, container, prompt: '', onExit: 'none' as const };
    const ec = opener(k.world, target, k.io.ctx);
    if ('error' in ec) {
      k.io.err(`error: ${ec.error}\n`);
      return 1;
    }
    const exe0 = cmd[0]!;
    if (SHELLS.has(exe0) && cmd.length === 1 && k.f.stdin) {
      if (k.f.tty && !k.io.ctx.tty) k.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      const shell = /bash/.test(exe0) ? 'bash' : 'sh';
      k.io.enterShell({ ...target, prompt: nested.promptFor(ec, shell, ec.cwd) });
      return 0;
    }
    const r = await nested.execInContainer(k.world, k.io.ctx, ec, cmd, { ...(k.f.stdin && k.io.stdinIsPipe ? { stdin: k.io.stdin } : {}), out: k.io.out, err: k.io.err });
    if (r.notFound) {
      k.io.err(`${r.error}\ncommand terminated with exit code 126\n`);
      return 126;
    }
    if (r.code !== 0) {
      k.io.err(`command terminated with exit code ${r.code}\n`);
      return r.code;
    }
    return 0;
  }
  const ex = api.execInPod(k.world, pod.metadata.namespace, pod.metadata.name, container, k.io.now());
  if (!ex.ok) {
    k.io.err(`error: ${ex.error}\n`);
    return 1;
  }
  const e = ex.value;
  const exe = cmd[0]!;
  const vars: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...e.env, HOSTNAME: e.hostname, HOME: '/root' };
  const onPath = (name: string) =>
    name.includes('/') ? e.fs.stat(name)?.type === 'file' : (vars.PATH ?? '').split(':').some((d) => d && e.fs.stat(`${d}/${name}`)?.type === 'file');
  if (!onPath(exe)) {
    // minikube's Docker runtime (cri-dockerd) reports runc's error and the exec's exit code
    k.io.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${exe}": ${exe.includes('/') ? `stat ${exe}: no such file or directory` : 'executable file not found in $PATH'}: unknown\ncommand terminated with exit code 126\n`);
    return 126;
  }
  if (SHELLS.has(exe) && cmd.length === 1) {
    if (k.f.stdin) {
      if (k.f.tty && !k.io.ctx.tty) k.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      const flavor = e.flavor ?? 'busybox';
      const prompt = flavor === 'debian' ? (/bash/.test(exe) ? `root@${e.hostname}:/# ` : '# ') : '/ # ';
      k.io.enterShell({ kind: 'pod', id: pod.metadata.name, namespace: pod.metadata.namespace, container: e.container, prompt, onExit: 'none' });
      return 0;
    }
    return 0;
  }
  const shq = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const script = cmd.map(shq).join(' ');
  const [{ containerScriptEnv }, { runScript }, seam] = await Promise.all([
    import('../world/runtime/programs.js'),
    import('../shell/interpreter.js'),
    import('../world/k8s/runtime-seam.js'),
  ]);
  const img = seam.lookupImage(k.world, e.image);
  if (!img.ok) {
    k.io.err(`error: unable to upgrade connection: container not found ("${e.container}")\n`);
    return 1;
  }
  const env = containerScriptEnv(k.world, k.io.ctx, e.fs as any, vars, {
    image: img.value as any,
    flavor: (e.flavor ?? 'busybox') as any,
    hostname: e.hostname,
    user: 'root',
    ip: e.podIP,
    from: { kind: 'pod', namespace: pod.metadata.namespace, name: pod.metadata.name },
  });
  const r = await runScript(script, env, { stdin: k.f.stdin && k.io.stdinIsPipe ? k.io.stdin : undefined, out: k.io.out, err: k.io.err });
  if (r.code !== 0) {
    k.io.err(`command terminated with exit code ${r.code}\n`);
    return r.code;
  }
  return 0;
}

// ---------- attach ----------

/**
 * kubectl attach: the container's output stream (what its process prints). A line-mode session cannot stay
 * attached, so it shows what the current container has printed and returns; `-i` on a shell container opens
 * that shell, as exec does.
 */
async function attach(k: K): Promise<number> {
  if (!k.args.length) throw new CmdError('at least 1 argument is required for attach', '');
  if (k.args.length > 2) throw new CmdError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${k.args.length}: [${k.args.join(' ')}]`, '');
  const target = k.args.length === 2 ? `${k.args[0]}/${k.args[1]}` : k.args[0]!;
  let { pod } = podFor(k, target);
  // the attachable-pod lookup waits up to --pod-running-timeout for the pod to leave Pending
  const timeout: number = k.f['pod-running-timeout'] > 0 ? k.f['pod-running-timeout'] : 60_000;
  const deadline = k.io.now() + timeout;
  while ((pod.status?.phase ?? 'Pending') === 'Pending' && k.io.now() < deadline) {
    k.io.advance(1000);
    pod = must(getObject(k.world, 'Pod', pod.metadata.namespace, pod.metadata.name));
  }
  if ((pod.status?.phase ?? 'Pending') === 'Pending') throw new CmdError('timed out waiting for the condition', '');
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') throw new CmdError(`cannot attach a container in a completed pod; current phase is ${pod.status.phase}`, '');
  const cs: O[] = pod.spec?.containers ?? [];
  const name = defaultContainer(k, pod, k.f.container, !!k.f.quiet);
  const c = cs.find((x) => x.name === name);
  if (!c) throw new CmdError(`cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`, '');
  if (k.f.tty && !c.tty && !k.f.quiet) k.io.err(`error: Unable to use a TTY - container ${c.name} did not allocate one\n`);
  if (!k.f.quiet) k.io.err(`If you don't see a command prompt, try pressing enter.\n`);
  const main: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  if (k.f.stdin && c.stdin && main.length === 1 && SHELLS.has(main[0]!)) {
    // the container's own shell reads our stdin: the same nested shell as exec
    return exec({ ...k, args: [pod.metadata.name, main[0]!], p: { ...k.p, dashAt: 1 }, f: { ...k.f, container: c.name, tty: false } });
  }
  const r = api.podLogs(k.world, pod.metadata.namespace, pod.metadata.name, c.name, { now: k.io.now() });
  if (r.ok) k.io.out(r.value);
  return 0;
}

// ---------- port-forward / proxy ----------

async function portForward(k: K): Promise<number> {
  if (k.args.length < 2) throw new CmdError('TYPE/NAME and list of ports are required for port-forward', helpHint(k));
  const target = k.args[0]!;
  let svcName: string | undefined;
  let svc: O | undefined;
  if (target.includes('/')) {
    const r = mustResolve(k.world, target.split('/')[0]!);
    if (r.kind === 'Service') {
      svcName = target.split('/')[1];
      svc = must(getObject(k.world, 'Service', k.ns, svcName!));
    }
  }
  const { pod } = podFor(k, target);
  if (pod.status?.phase !== 'Running') throw new CmdError(`unable to forward port because pod is not running. Current status=${pod.status?.phase}`);
  const addrs: string[] = k.f.address?.length ? k.f.address.flatMap((a: string) => a.split(',')) : ['localhost'];
  for (const spec of k.args.slice(1)) {
    const [l, r] = spec.includes(':') ? spec.split(':') : [spec, spec];
    let remote = Number(r);
    if (svc) {
      const sp = (svc.spec?.ports ?? []).find((p: O) => String(p.port) === r || p.name === r);
      if (!sp) throw new CmdError(`Service ${svcName} does not have a service port ${r}`);
      const tp = sp.targetPort ?? sp.port;
      remote = typeof tp === 'number' ? tp : Number((pod.spec?.containers ?? []).flatMap((c: O) => c.ports ?? []).find((p: O) => p.name === tp)?.containerPort ?? sp.port);
    }
    const local = l === '' ? 30000 + (remote % 10000) : Number(l);
    api.addPortForward(k.world, local, svc ? { namespace: k.ns, service: svcName, port: Number(r) } : { namespace: pod.metadata.namespace, pod: pod.metadata.name, port: remote });
    for (const a of addrs) {
      if (a === 'localhost') {
        k.io.out(`Forwarding from 127.0.0.1:${local} -> ${remote}\nForwarding from [::1]:${local} -> ${remote}\n`);
      } else k.io.out(`Forwarding from ${a}:${local} -> ${remote}\n`);
    }
  }
  return 0;
}

function proxy(k: K): number {
  const port = k.p.changed.has('port') ? k.f.port : 8001;
  k.io.out(`Starting to serve on ${k.f.address || '127.0.0.1'}:${port}\n`);
  return 0;
}

// ---------- config ----------

function kubeconfigYaml(k: K, minify: boolean): O {
  const kc = k.world.cluster.kubeconfig;
  const home = k.io.env.HOME ?? '/root';
  let names = Object.keys(kc.contexts).sort();
  if (minify) names = names.filter((n) => n === kc.currentContext);
  const lastUpdate = 'Thu, 15 Jan 2026 10:00:00 UTC';
  const ext = (name: string) => [{ extension: { 'last-update': lastUpdate, provider: 'minikube.sigs.k8s.io', version: 'v1.36.0' }, name }];
  const clusters = [...new Set(names.map((n) => kc.contexts[n]!.cluster))].sort().map((c) => ({
    cluster: { 'certificate-authority': `${home}/.minikube/ca.crt`, extensions: ext('cluster_info'), server: 'https://192.168.49.2:8443' },
    name: c,
  }));
  const contexts = names.map((n) => {
    const c = kc.contexts[n]!;
    const ctx: O = { cluster: c.cluster };
    if (c.cluster === 'minikube') ctx.extensions = ext('context_info');
    if (c.namespace) ctx.namespace = c.namespace;
    ctx.user = c.user;
    return { context: ctx, name: n };
  });
  const users = [...new Set(names.map((n) => kc.contexts[n]!.user))].sort().map((u) => ({
    name: u,
    user: { 'client-certificate': `${home}/.minikube/profiles/minikube/client.crt`, 'client-key': `${home}/.minikube/profiles/minikube/client.key` },
  }));
  return { apiVersion: 'v1', clusters: clusters.length ? clusters : null, contexts: contexts.length ? contexts : null, 'current-context': kc.currentContext, kind: 'Config', preferences: {}, users: users.length ? users : null };
}

async function configView(k: K): Promise<number> {
  const cfg = kubeconfigYaml(k, !!k.f.minify);
  const o: string = k.f.output || 'yaml';
  if (o === 'json') k.io.out(toJson(cfg));
  else if (o.startsWith('jsonpath')) {
    const { jsonpath } = await import('./jsonpath.js');
    k.io.out(jsonpath(o.slice(o.indexOf('=') + 1), cfg));
  } else k.io.out(toYaml(cfg));
  return 0;
}

function configGetContexts(k: K): number {
  const kc = k.world.cluster.kubeconfig;
  const names = k.args.length ? k.args : Object.keys(kc.contexts).sort();
  if (k.f.output === 'name') {
    for (const n of names) k.io.out(n + '\n');
    return 0;
  }
  const rows: string[][] = k.f['no-headers'] ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
  for (const n of names) {
    const c = kc.contexts[n];
    if (!c) throw new CmdError(`context ${n} not found`);
    rows.push([n === kc.currentContext ? '*' : '', n, c.cluster, c.user, c.namespace ?? '']);
  }
  k.io.out(tabulate(rows));
  return 0;
}

function configCurrentContext(k: K): number {
  const cur = k.world.cluster.kubeconfig.currentContext;
  if (!cur) throw new CmdError('current-context is not set');
  k.io.out(cur + '\n');
  return 0;
}

function configUseContext(k: K): number {
  const name = k.args[0];
  if (k.args.length !== 1) {
    k.io.out(k.node.help);
    throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`);
  }
  if (!name) throw new CmdError('empty context names are not allowed');
  const kc = k.world.cluster.kubeconfig;
  if (!kc.contexts[name]) throw new CmdError(`no context exists with the name: "${name}"`);
  kc.currentContext = name;
  k.io.out(`Switched to context "${name}".\n`);
  return 0;
}

function configSetContext(k: K): number {
  const kc = k.world.cluster.kubeconfig;
  let name = k.args[0];
  if (k.f.current) {
    if (name) throw new CmdError('you cannot specify both a context name and --current');
    name = kc.currentContext;
    if (!name) throw new CmdError('no current context is set');
  }
  if (!name) throw new CmdError('you must specify a non-empty context name or --current', helpHint(k));
  const exists = !!kc.contexts[name];
  const c = kc.contexts[name] ?? { cluster: '', user: '' };
  if (k.p.changed.has('cluster')) c.cluster = k.f.cluster;
  if (k.p.changed.has('user')) c.user = k.f.user;
  if (k.p.changed.has('namespace')) {
    if (k.f.namespace) c.namespace = k.f.namespace;
    else delete c.namespace;
  }
  kc.contexts[name] = c;
  k.io.out(`Context "${name}" ${exists ? 'modified' : 'created'}.\n`);
  return 0;
}

function configDeleteContext(k: K): number {
  const name = k.args[0];
  const kc = k.world.cluster.kubeconfig;
  if (!name || !kc.contexts[name]) throw new CmdError(`cannot delete context ${name ?? ''}, not in ${k.io.env.HOME ?? '/root'}/.kube/config`);
  if (kc.currentContext === name) k.io.err(`warning: this removed your active context, use "kubectl config use-context" to select a different one\n`);
  delete kc.contexts[name];
  if (kc.currentContext === name) kc.currentContext = '';
  k.io.out(`deleted context ${name} from ${k.io.env.HOME ?? '/root'}/.kube/config\n`);
  return 0;
}

function configRenameContext(k: K): number {
  const [a, b] = k.args;
  const kc = k.world.cluster.kubeconfig;
  if (!a || !b) throw new CmdError('Unexpected args: ' + JSON.stringify(k.args), helpHint(k));
  if (!kc.contexts[a]) throw new CmdError(`cannot rename the context "${a}", it's not in ${k.io.env.HOME ?? '/root'}/.kube/config`);
  if (kc.contexts[b]) throw new CmdError(`cannot rename the context "${a}", the context "${b}" already exists in ${k.io.env.HOME ?? '/root'}/.kube/config`);
  kc.contexts[b] = kc.contexts[a]!;
  delete kc.contexts[a];
  if (kc.currentContext === a) kc.currentContext = b;
  k.io.out(`Context "${a}" renamed to "${b}".\n`);
  return 0;
}

function configGetClusters(k: K): number {
  const kc = k.world.cluster.kubeconfig;
  k.io.out('NAME\n' + [...new Set(Object.values(kc.contexts).map((c) => c.cluster))].sort().map((c) => c + '\n').join(''));
  return 0;
}

function configGetUsers(k: K): number {
  const kc = k.world.cluster.kubeconfig;
  k.io.out('NAME\n' + [...new Set(Object.values(kc.contexts).map((c) => c.user))].sort().map((c) => c + '\n').join(''));
  return 0;
}

// ---------- version / cluster-info ----------

function version(k: K): number {
  const out: string = k.f.output ?? '';
  const server = !k.f.client && k.world.cluster.status === 'Running';
  if (out === 'json' || out === 'yaml') {
    const info = (v: string) => ({ major: '1', minor: '33', gitVersion: v, gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', gitTreeState: 'clean', buildDate: '2025-05-15T08:19:08Z', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64' });
    const o: O = { clientVersion: info(CLIENT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
    if (server) o.serverVersion = info(K8S_VERSION);
    k.io.out(out === 'json' ? JSON.stringify(o, null, 2) + '\n' : toYaml(o));
    return 0;
  }
  if (out) throw new CmdError(`--output must be 'yaml' or 'json'`);
  k.io.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (k.f.client) return 0;
  if (k.world.cluster.status !== 'Running') {
    k.io.err(`The connection to the server ${k.world.cluster.status === 'Deleted' ? 'localhost:8080' : '192.168.49.2:8443'} was refused - did you specify the right host or port?\n`);
    return 1;
  }
  k.io.out(`Server Version: ${K8S_VERSION}\n`);
  return 0;
}

function clusterInfo(k: K): number {
  k.io.out(`Kubernetes control plane is running at https://192.168.49.2:8443\n`);
  const dns = getObject(k.world, 'Service', 'kube-system', 'kube-dns');
  if (dns.ok) k.io.out(`CoreDNS is running at https://192.168.49.2:8443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n`);
  k.io.out(`\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
}

// ---------- top ----------

const fmtCpu = (m: number) => `${Math.round(m)}m`;
const fmtMem = (b: number) => `${Math.round(b / 2 ** 20)}Mi`;

/** kubectl top asks the metrics.k8s.io API, which minikube serves only with its metrics-server addon. */
function metricsApi(k: K): boolean {
  if (api.metricsAvailable(k.world)) return true;
  k.io.err('error: Metrics API not available\n');
  return false;
}

function topPod(k: K): number {
  if (!metricsApi(k)) return 1;
  const allNs = !!k.f['all-namespaces'];
  let pods = api.podMetrics(k.world, k.io.now()).filter((p) => allNs || p.namespace === k.ns);
  if (k.args[0]) {
    pods = pods.filter((p) => p.name === k.args[0]);
    if (!pods.length) {
      const exists = getObject(k.world, 'Pod', k.ns, k.args[0]);
      if (!exists.ok) {
        k.io.err(`Error from server (NotFound): podmetrics.metrics.k8s.io "${k.ns}/${k.args[0]}" not found\n`);
        return 1;
      }
      throw new CmdError(`Metrics not available for pod ${k.ns}/${k.args[0]}, age: 0s`);
    }
  }
  if (k.f.selector) {
    const sel = new Set(must(listObjects(k.world, 'Pod', allNs ? undefined : k.ns, { labelSelector: k.f.selector })).map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    pods = pods.filter((p) => sel.has(`${p.namespace}/${p.name}`));
  }
  if (!pods.length) {
    k.io.err(allNs ? 'No resources found\n' : `No resources found in ${k.ns} namespace.\n`);
    return 0;
  }
  const sum = (p: (typeof pods)[number], f: 'cpuMilli' | 'memoryBytes') => p.containers.reduce((a, c) => a + c[f], 0);
  if (k.f['sort-by'] === 'cpu') pods.sort((a, b) => sum(b, 'cpuMilli') - sum(a, 'cpuMilli'));
  if (k.f['sort-by'] === 'memory') pods.sort((a, b) => sum(b, 'memoryBytes') - sum(a, 'memoryBytes'));
  const rows: string[][] = [];
  if (!k.f['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'NAME', ...(k.f.containers ? ['CONTAINER'] : []), 'CPU(cores)', 'MEMORY(bytes)']);
  for (const p of pods) {
    if (k.f.containers) for (const c of p.containers) rows.push([...(allNs ? [p.namespace] : []), p.name, c.name, fmtCpu(c.cpuMilli), fmtMem(c.memoryBytes)]);
    else rows.push([...(allNs ? [p.namespace] : []), p.name, fmtCpu(sum(p, 'cpuMilli')), fmtMem(sum(p, 'memoryBytes'))]);
  }
  k.io.out(tabulate(rows));
  return 0;
}

function topNode(k: K): number {
  if (!metricsApi(k)) return 1;
  let nodes = api.nodeMetrics(k.world, k.io.now());
  if (k.args[0]) {
    nodes = nodes.filter((n) => n.name === k.args[0]);
    if (!nodes.length) throw new CmdError(`nodes "${k.args[0]}" not found`);
  }
  const rows: string[][] = [];
  if (!k.f['no-headers']) rows.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
  for (const n of nodes) rows.push([n.name, fmtCpu(n.cpuMilli), `${Math.round(n.cpuPercent)}%`, fmtMem(n.memoryBytes), `${Math.round(n.memoryPercent)}%`]);
  k.io.out(tabulate(rows));
  return 0;
}

function top(k: K): number {
  k.io.out((k.node.help || '').replace(/\n$/, '') + '\n');
  return 0;
}

async function completion(k: K): Promise<number> {
  const sh = k.args[0];
  if (!sh) throw new CmdError('Shell not specified.', helpHint(k));
  if (!['bash', 'zsh', 'fish', 'powershell'].includes(sh)) throw new CmdError(`Unsupported shell type "${sh}".`, helpHint(k));
  // the script kubectl 1.33 prints (recorded), loaded only for this command
  const scripts = (await import('../../fixtures/kubectl/completion.json')).default as Record<string, string>;
  k.io.out(scripts[sh]!);
  return 0;
}

// ---------- create token / cp ----------

function b64url(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

async function createToken(k: K): Promise<number> {
  const names = k.args;
  if (names.length !== 1) throw new CmdError(`exactly one NAME is required, got ${names.length}`, helpHint(k));
  const sa = getObject(k.world, 'ServiceAccount', k.ns, names[0]!);
  if (!sa.ok) throw new CmdError(`failed to create token: ${sa.error.message}`);
  const { randomHex, randomString } = await import('../core/random.js');
  const iat = Math.floor(k.io.now() / 1000);
  const exp = iat + (k.f.duration ? Math.floor(k.f.duration / 1000) : 3600);
  const header = b64url(JSON.stringify({ alg: 'RS256', kid: randomString(k.world, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 43) }));
  const payload = b64url(JSON.stringify({
    aud: ['https://kubernetes.default.svc.cluster.local'], exp, iat, iss: 'https://kubernetes.default.svc.cluster.local', jti: `${randomHex(k.world, 8)}-${randomHex(k.world, 4)}-${randomHex(k.world, 4)}-${randomHex(k.world, 4)}-${randomHex(k.world, 12)}`,
    'kubernetes.io': { namespace: k.ns, serviceaccount: { name: names[0], uid: sa.value.metadata.uid } }, nbf: iat, sub: `system:serviceaccount:${k.ns}:${names[0]}`,
  }));
  const sig = randomString(k.world, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', 342);
  k.io.out(`${header}.${payload}.${sig}\n`);
  return 0;
}

async function cp(k: K): Promise<number> {
  const [src, dst] = k.args;
  if (!src || !dst || k.args.length !== 2) throw new CmdError('source and destination are required', helpHint(k));
  const remote = (s: string) => /^[^/.][^:]*:/.test(s) && !/^[A-Za-z]:\\/.test(s);
  if (remote(src) === remote(dst)) throw new CmdError('one of src or dest must be a local file specification');
  const spec = remote(src) ? src : dst;
  let podPart = spec.slice(0, spec.indexOf(':'));
  const path = spec.slice(spec.indexOf(':') + 1);
  let ns = k.ns;
  if (podPart.includes('/')) [ns, podPart] = podPart.split('/') as [string, string];
  const pod = must(getObject(k.world, 'Pod', ns, podPart));
  const container = defaultContainer(k, pod, k.f.container);
  const r = api.podFs(k.world, ns, podPart, container, k.io.now());
  if (!r.ok) throw new CmdError(r.error);
  const pfs = r.value;
  if (remote(src)) {
    const st = pfs.stat(path);
    if (!st) throw new CmdError(`${path} no such file or directory`);
    if (path.startsWith('/')) k.io.err(`tar: removing leading '/' from member names\n`);
    const copy = (from: string, to: string) => {
      const s2 = pfs.stat(from);
      if (s2?.type === 'dir') {
        k.io.fs.mkdir?.(to, true);
        for (const e of pfs.readdir(from) ?? []) copy(`${from.replace(/\/$/, '')}/${e}`, `${to}/${e}`);
      } else k.io.fs.writeFile(to, pfs.readFile(from) ?? '');
    };
    const target = k.io.fs.stat(dst)?.type === 'dir' ? `${dst.replace(/\/$/, '')}/${path.split('/').pop()}` : dst;
    copy(path, target);
    return 0;
  }
  const st = k.io.fs.stat(src);
  if (!st) throw new CmdError(`${src} doesn't exist in local filesystem`);
  const copyIn = (from: string, to: string) => {
    const s2 = k.io.fs.stat(from);
    if (s2?.type === 'dir') {
      pfs.mkdir?.(to, true);
      for (const e of k.io.fs.readdir(from) ?? []) copyIn(`${from.replace(/\/$/, '')}/${e}`, `${to}/${e}`);
    } else pfs.writeFile(to, k.io.fs.readFile(from) ?? '');
  };
  const target = pfs.stat(path)?.type === 'dir' ? `${path.replace(/\/$/, '')}/${src.split('/').pop()}` : path;
  copyIn(src, target);
  return 0;
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = {
  'create token': createToken,
  cp,
  logs,
  exec,
  attach,
  'port-forward': portForward,
  proxy,
  'config view': configView,
  'config get-contexts': configGetContexts,
  'config current-context': configCurrentContext,
  'config use-context': configUseContext,
  'config set-context': configSetContext,
  'config delete-context': configDeleteContext,
  'config rename-context': configRenameContext,
  'config get-clusters': configGetClusters,
  'config get-users': configGetUsers,
  version,
  'cluster-info': clusterInfo,
  top,
  'top pod': topPod,
  'top node': topNode,
  completion,
};

void apiErrorText;
void parseGoDuration;
