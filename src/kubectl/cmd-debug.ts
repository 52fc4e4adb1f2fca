/**
 * kubectl debug: a copy of a pod with a debug container (--copy-to) and a node debugging pod (node/NAME), as
 * kubectl 1.33 builds them with the default (legacy) profile; `-it` attaches to the debug container's shell.
 * Ephemeral containers (debug POD without --copy-to) need the pods/ephemeralcontainers subresource, which the
 * simulated API server does not have yet: that case says so.
 */
import { createObject, deleteObject, getObject, type KObject } from '../world/k8s/api.js';
import { randomString } from '../core/random.js';
import { CmdError, must, mustResolve, type K } from './context.js';

type O = Record<string, any>;
const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';

function debugContainer(k: K, name: string): O {
  const cmd: string[] = k.p.dashAt >= 0 ? k.args.slice(k.p.dashAt) : [];
  const c: O = { name, image: k.f.image, resources: {}, terminationMessagePolicy: 'File' };
  if (cmd.length) c[k.f['arguments-only'] ? 'args' : 'command'] = cmd;
  if (k.f['image-pull-policy']) c.imagePullPolicy = k.f['image-pull-policy'];
  if (k.f.env?.length) c.env = k.f.env.map((e: string) => ({ name: e.slice(0, e.indexOf('=')), value: e.slice(e.indexOf('=') + 1) }));
  if (k.f.stdin) c.stdin = true;
  if (k.f.tty) c.tty = true;
  return c;
}

/** Waits for the pod to run, then attaches to `container` (kubectl attach's messages). */
async function attachTo(k: K, ns: string, name: string, container: string): Promise<number> {
  const deadline = k.io.now() + 60_000;
  let pod = must(getObject(k.world, 'Pod', ns, name));
  while ((pod.status?.phase ?? 'Pending') === 'Pending' && k.io.now() < deadline) {
    k.io.advance(1000);
    pod = must(getObject(k.world, 'Pod', ns, name));
  }
  if ((pod.status?.phase ?? 'Pending') === 'Pending') throw new CmdError('timed out waiting for the condition', '');
  if (!k.f.quiet) k.io.err(`If you don't see a command prompt, try pressing enter.\n`);
  const c = (pod.spec.containers as O[]).find((x) => x.name === container)!;
  const main: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  const shell = main.length === 0 || (main.length === 1 && /(^|\/)(sh|bash|ash)$/.test(main[0]!));
  if (k.f.stdin && shell && pod.status?.phase === 'Running') {
    const target = { kind: 'pod' as const, id: name, namespace: ns, container, prompt: /busybox|alpine/.test(c.image) ? '/ # ' : `root@${name}:/# `, onExit: 'none' as const };
    const nested = await import('../world/runtime/nested.js');
    const ec = nested.execTargetOpener('pod')?.(k.world, target, k.io.ctx);
    if (ec && !('error' in ec)) target.prompt = nested.promptFor(ec, main.length && /bash/.test(main[0]!) ? 'bash' : 'sh', ec.cwd);
    k.io.enterShell(target);
    return 0;
  }
  const api = await import('../world/k8s/api.js');
  const logs = api.podLogs(k.world, ns, name, container, { now: k.io.now() });
  if (logs.ok) k.io.out(logs.value);
  return 0;
}

async function debug(k: K): Promise<number> {
  // debug.go Validate, in its order
  const cmdArgs: string[] = k.p.dashAt >= 0 ? k.args.slice(k.p.dashAt) : [];
  const names = k.p.dashAt >= 0 ? k.args.slice(0, k.p.dashAt) : k.args;
  if (k.p.changed.has('attach') && k.f.attach && !k.f.image && !k.f.container) throw new CmdError('you must specify --container or create a new container using --image in order to attach.', '');
  if (k.f['copy-to']) {
    if (!k.f.image && !k.f['set-image']?.length && !cmdArgs.length) throw new CmdError('you must specify --image, --set-image or command arguments.', '');
    if (cmdArgs.length && !k.f.container && !k.f.image) throw new CmdError('you must specify an existing container or a new image when specifying args.', '');
  } else if (k.f.replace) throw new CmdError('--replace may only be used with --copy-to.', '');
  else if (k.f['same-node']) throw new CmdError('--same-node may only be used with --copy-to.', '');
  else if (k.f['set-image']?.length) throw new CmdError('--set-image may only be used with --copy-to.', '');
  else if (!k.f.image) throw new CmdError('you must specify --image when not using --copy-to.', '');
  if (!names.length && !k.f.filename?.length) throw new CmdError('NAME or filename is required for debug', '');
  if (k.f['image-pull-policy'] && !['Always', 'IfNotPresent', 'Never'].includes(k.f['image-pull-policy'])) throw new CmdError(`invalid image pull policy: ${k.f['image-pull-policy']}`, '');
  if (k.f.target && k.f['copy-to']) throw new CmdError('--target is incompatible with --copy-to. Use --share-processes instead.', '');
  if (k.f.tty && !k.f.stdin) throw new CmdError('-i/--stdin is required for containers with -t/--tty=true', '');
  const target = names[0]!;
  if (!k.p.changed.has('profile')) k.io.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
  const interactive = !!k.f.stdin || !!k.f.attach;
  const slash = target.indexOf('/');
  const r = slash > 0 ? mustResolve(k.world, target.slice(0, slash)) : undefined;
  const name = slash > 0 ? target.slice(slash + 1) : target;

  if (r?.kind === 'Node') {
    const node = must(getObject(k.world, 'Node', undefined, name));
    const podName = `node-debugger-${node.metadata.name}-${randomString(k.world, SUFFIX, 5)}`;
    const cname = k.f.container || 'debugger';
    const c = debugContainer(k, cname);
    c.volumeMounts = [{ mountPath: '/host', name: 'host-root' }];
    const pod: O = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: podName, namespace: k.ns, labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } },
      spec: {
        containers: [c], hostIPC: true, hostNetwork: true, hostPID: true, nodeName: node.metadata.name, restartPolicy: 'Never',
        tolerations: [{ operator: 'Exists' }], volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
      },
    };
    must(createObject(k.world, pod, { now: k.now }));
    if (!k.f.quiet) k.io.out(`Creating debugging pod ${podName} with container ${cname} on node ${node.metadata.name}.\n`);
    return interactive ? attachTo(k, k.ns, podName, cname) : 0;
  }
  if (r && r.kind !== 'Pod') throw new CmdError(`objects of type ${r.kind.toLowerCase()} are not supported by k8s-drill's debug yet (pods and nodes are)`, '');

  const pod: KObject = must(getObject(k.world, 'Pod', k.ns, name));
  if (!k.f['copy-to']) {
    throw new CmdError('ephemeral debug containers are not supported by k8s-drill yet: use --copy-to=NAME (a copy of the pod with the debug container)', '');
  }
  const copyName: string = k.f['copy-to'];
  const spec: O = structuredClone(pod.spec);
  delete spec.ephemeralContainers;
  if (!k.f['same-node']) delete spec.nodeName;
  if (!k.f['keep-init-containers']) delete spec.initContainers;
  for (const c of spec.containers as O[]) {
    if (!k.f['keep-liveness']) delete c.livenessProbe;
    if (!k.f['keep-readiness']) delete c.readinessProbe;
    if (!k.f['keep-startup']) delete c.startupProbe;
  }
  for (const s of (k.f['set-image'] ?? []) as string[]) {
    for (const pair of s.split(',')) {
      const [cn, img] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      for (const c of spec.containers as O[]) if (cn === '*' || c.name === cn) c.image = img;
    }
  }
  if (k.f['share-processes'] !== false) spec.shareProcessNamespace = true;
  let cname: string = k.f.container;
  const existing = cname ? (spec.containers as O[]).find((c) => c.name === cname) : undefined;
  if (existing) {
    // --container names a container of the pod: change it instead of adding one
    if (k.f.image) existing.image = k.f.image;
    const cmd: string[] = k.p.dashAt >= 0 ? k.args.slice(k.p.dashAt) : [];
    if (cmd.length) existing[k.f['arguments-only'] ? 'args' : 'command'] = cmd;
    if (k.f.stdin) existing.stdin = true;
    if (k.f.tty) existing.tty = true;
  } else if (k.f.image) {
    if (!cname) {
      cname = `debugger-${randomString(k.world, SUFFIX, 5)}`;
      if (!k.f.quiet) k.io.out(`Defaulting debug container name to ${cname}.\n`);
    }
    spec.containers.push(debugContainer(k, cname));
  }
  const copy: O = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: copyName, namespace: pod.metadata.namespace,
      ...(k.f['keep-labels'] && pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
      ...(k.f['keep-annotations'] && pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}),
    },
    spec,
  };
  must(createObject(k.world, copy, { now: k.now }));
  if (k.f.replace) deleteObject(k.world, 'Pod', pod.metadata.namespace, pod.metadata.name, { now: k.now });
  return interactive && cname ? attachTo(k, pod.metadata.namespace, copyName, cname) : 0;
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = { debug };
