/**
 * Cluster networking as the runtime's resolvers see it: pod IPs, Service DNS names and ClusterIPs spread
 * round-robin over ready endpoints, NodePorts on the node IPs, `kubectl port-forward` on 127.0.0.1, and
 * NetworkPolicy enforcement (a blocked connection times out, as in a real cluster).
 */
import type { World } from '../world.js';
import { getRaw, sim, type KObject } from './store.js';
import { matchesSelector, matchesMap } from './selectors.js';
import { podReady } from './controllers/workloads.js';
import { kubeletPod } from './kubelet.js';

export interface PodAddress { namespace: string; pod: string; ip: string; port: number; container?: string }
export type Resolution =
  | { ok: true; target: PodAddress; via?: { service?: string; nodePort?: number; portForward?: number } }
  | { ok: false; error: 'timeout' | 'refused' | 'unknown host' | 'no route'; message?: string };

function pods(world: World): Record<string, KObject> {
  return world.cluster.objects.Pod ?? {};
}

function podByIp(world: World, ip: string): KObject | undefined {
  const idx = (sim(world).ctl.ipIndex ??= { rv: -1, map: {} }) as { rv: number; map: Record<string, string> };
  if (idx.rv !== world.cluster.resourceVersion) {
    idx.map = {};
    for (const [k, p] of Object.entries(pods(world))) if (p.status?.podIP && !p.spec.hostNetwork && !p.metadata.deletionTimestamp) idx.map[p.status.podIP] = k;
    idx.rv = world.cluster.resourceVersion;
  }
  const k = idx.map[ip];
  return k ? pods(world)[k] : undefined;
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsS] = cidr.split('/');
  const bits = parseInt(bitsS ?? '32', 10);
  const n = (s: string) => s.split('.').reduce((a, x) => (a * 256 + parseInt(x, 10)) >>> 0, 0);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((n(ip) & mask) >>> 0) === ((n(base!) & mask) >>> 0);
}

function nsLabels(world: World, ns: string): Record<string, string> {
  return getRaw(world, 'Namespace', ns)?.metadata?.labels ?? {};
}

function peerMatches(world: World, peer: KObject, policyNs: string, other: KObject | undefined, otherIp: string): boolean {
  if (peer.ipBlock) {
    if (!ipInCidr(otherIp, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((e: string) => ipInCidr(otherIp, e));
  }
  if (!other) return false;
  const nsOk = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, nsLabels(world, other.metadata.namespace)) : other.metadata.namespace === policyNs;
  if (!nsOk) return false;
  return peer.podSelector ? matchesSelector(peer.podSelector, other.metadata.labels) : true;
}

function portMatches(rule: KObject, port: number, pod: KObject | undefined): boolean {
  if (!rule.ports?.length) return true;
  return rule.ports.some((p: KObject) => {
    if ((p.protocol ?? 'TCP') !== 'TCP') return false;
    if (p.port === undefined) return true;
    let want = p.port;
    if (typeof want === 'string' && pod) {
      for (const c of pod.spec.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === want) want = cp.containerPort;
    }
    const end = p.endPort ?? want;
    return port >= want && port <= end;
  });
}

/** Does NetworkPolicy allow a TCP connection from `src` (a pod, or the host/node when undefined) to `dst`:port? */
export function policyAllows(world: World, src: KObject | undefined, srcIp: string, dst: KObject, dstIp: string, port: number): boolean {
  const policies = Object.values(world.cluster.objects.NetworkPolicy ?? {}) as KObject[];
  if (!policies.length) return true;
  // egress of the source
  if (src) {
    const eg = policies.filter((p) => p.metadata.namespace === src.metadata.namespace && (p.spec.policyTypes ?? []).includes('Egress') && matchesSelector(p.spec.podSelector ?? {}, src.metadata.labels));
    if (eg.length && !eg.some((p) => (p.spec.egress ?? []).some((r: KObject) => portMatches(r, port, dst) && (!r.to?.length || r.to.some((peer: KObject) => peerMatches(world, peer, p.metadata.namespace, dst, dstIp)))))) return false;
  }
  const ing = policies.filter((p) => p.metadata.namespace === dst.metadata.namespace && (p.spec.policyTypes ?? ['Ingress']).includes('Ingress') && matchesSelector(p.spec.podSelector ?? {}, dst.metadata.labels));
  if (!ing.length) return true;
  return ing.some((p) => (p.spec.ingress ?? []).some((r: KObject) => portMatches(r, port, dst) && (!r.from?.length || r.from.some((peer: KObject) => peerMatches(world, peer, p.metadata.namespace, src, srcIp)))));
}

function serviceByName(world: World, host: string, fromNs: string): KObject | undefined {
  const h = host.replace(/\.$/, '');
  const parts = h.split('.');
  if (parts.length === 1) return getRaw(world, 'Service', `${fromNs}/${parts[0]}`);
  if (parts.length === 2) return getRaw(world, 'Service', `${parts[1]}/${parts[0]}`);
  if (parts.length === 3 && parts[2] === 'svc') return getRaw(world, 'Service', `${parts[1]}/${parts[0]}`);
  if (parts.length === 5 && parts.slice(2).join('.') === 'svc.cluster.local') return getRaw(world, 'Service', `${parts[1]}/${parts[0]}`);
  return undefined;
}

function serviceByIp(world: World, ip: string): KObject | undefined {
  for (const s of Object.values(world.cluster.objects.Service ?? {}) as KObject[]) if (s.spec?.clusterIP === ip) return s;
  return undefined;
}

function containerListening(world: World, pod: KObject, port: number): string | undefined {
  const kp = kubeletPod(world, `${pod.metadata.namespace}/${pod.metadata.name}`);
  if (!kp) return undefined;
  for (const c of Object.values(kp.c) as KObject[]) {
    if (c.step !== 'running' || c.plan?.kind !== 'serve') continue;
    if (!c.plan.ports.length || c.plan.ports.includes(port)) return c.name;
  }
  return undefined;
}

function endpointPods(world: World, svc: KObject): KObject[] {
  const ns = svc.metadata.namespace;
  const sel = svc.spec?.selector;
  if (!sel) return [];
  const out: KObject[] = [];
  for (const [k, p] of Object.entries(pods(world))) {
    if (!k.startsWith(`${ns}/`)) continue;
    if (matchesMap(sel, p.metadata.labels) && podReady(p) && !p.metadata.deletionTimestamp && p.status?.podIP) out.push(p);
  }
  return out.sort((a, b) => (a.status.podIP < b.status.podIP ? -1 : 1));
}

function targetPort(svcPort: KObject, pod: KObject): number {
  const tp = svcPort.targetPort ?? svcPort.port;
  if (typeof tp === 'number') return tp;
  for (const c of pod.spec.containers ?? []) for (const p of c.ports ?? []) if (p.name === tp) return p.containerPort;
  return parseInt(String(tp), 10);
}

function connectPod(world: World, src: KObject | undefined, srcIp: string, pod: KObject, port: number, via?: { service?: string; nodePort?: number; portForward?: number }): Resolution {
  if (!policyAllows(world, src, srcIp, pod, pod.status.podIP, port)) return { ok: false, error: 'timeout' };
  const container = containerListening(world, pod, port);
  if (!container) return { ok: false, error: 'refused' };
  return { ok: true, target: { namespace: pod.metadata.namespace, pod: pod.metadata.name, ip: pod.status.podIP, port, container }, ...(via ? { via } : {}) };
}

function viaService(world: World, src: KObject | undefined, srcIp: string, svc: KObject, port: number, byNodePort = false): Resolution {
  const sp = (svc.spec.ports ?? []).find((p: KObject) => (byNodePort ? p.nodePort === port : p.port === port));
  if (!sp) return { ok: false, error: byNodePort ? 'refused' : 'timeout' };
  const eps = endpointPods(world, svc);
  if (!eps.length) return { ok: false, error: 'refused' };
  const rr = sim(world).rr;
  const k = `${svc.metadata.namespace}/${svc.metadata.name}`;
  let i: number;
  if (svc.spec.sessionAffinity === 'ClientIP') {
    // the same client always reaches the same endpoint
    let h = 0x811c9dc5;
    for (let j = 0; j < srcIp.length; j++) h = Math.imul(h ^ srcIp.charCodeAt(j), 0x01000193) >>> 0;
    i = h % eps.length;
  } else {
    i = (rr[k] ?? 0) % eps.length;
    rr[k] = i + 1;
  }
  const pod = eps[i]!;
  return connectPod(world, src, srcIp, pod, targetPort(sp, pod), { service: k, ...(byNodePort ? { nodePort: port } : {}) });
}

/**
 * Resolves a TCP connection to host:port made from inside a pod (`from` = its namespace/name) or from the
 * learner's machine (`from` undefined: only NodePorts, port-forwards and LoadBalancer tunnels are reachable).
 */
export function resolveConnection(world: World, from: { namespace: string; pod: string } | undefined, host: string, port: number): Resolution {
  if (world.cluster.status !== 'Running') return { ok: false, error: from ? 'timeout' : 'refused' };
  const src = from ? pods(world)[`${from.namespace}/${from.pod}`] : undefined;
  const srcIp = src?.status?.podIP ?? '192.168.49.1';
  const fromNs = from?.namespace ?? 'default';
  // port-forward on the learner's machine
  if (!from && (host === '127.0.0.1' || host === 'localhost')) {
    const pf = sim(world).portForwards[String(port)];
    if (!pf) return { ok: false, error: 'refused' };
    if (pf.service) {
      const svc = getRaw(world, 'Service', `${pf.namespace}/${pf.service}`);
      if (!svc) return { ok: false, error: 'refused' };
      const r = viaService(world, undefined, '127.0.0.1', svc, pf.port);
      return r;
    }
    const pod = getRaw(world, 'Pod', `${pf.namespace}/${pf.pod}`);
    if (!pod) return { ok: false, error: 'refused' };
    const container = containerListening(world, pod, pf.port);
    if (!container) return { ok: false, error: 'refused' };
    return { ok: true, target: { namespace: pf.namespace, pod: pod.metadata.name, ip: pod.status.podIP, port: pf.port, container }, via: { portForward: port } };
  }
  // node IPs: NodePorts
  const nodes = Object.values(world.cluster.objects.Node ?? {}) as KObject[];
  if (nodes.some((n) => (n.status?.addresses ?? []).some((a: KObject) => a.address === host))) {
    if ((port === 80 || port === 443) && ingressControllerReady(world)) {
      // ingress-nginx on the node: the first Ingress with an address routes (no Host/path is known here)
      for (const ing of Object.values(world.cluster.objects.Ingress ?? {}) as KObject[]) {
        if (!ing.status?.loadBalancer?.ingress?.length) continue;
        const be = ing.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service ?? ing.spec?.defaultBackend?.service;
        const svc = be ? getRaw(world, 'Service', `${ing.metadata.namespace}/${be.name}`) : undefined;
        if (svc) return viaService(world, src, srcIp, svc, be.port?.number ?? (svc.spec.ports ?? []).find((p: KObject) => p.name === be.port?.name)?.port ?? 80);
      }
    }
    for (const svc of Object.values(world.cluster.objects.Service ?? {}) as KObject[]) {
      if ((svc.spec?.ports ?? []).some((p: KObject) => p.nodePort === port)) return viaService(world, src, srcIp, svc, port, true);
    }
    return { ok: false, error: 'refused' };
  }
  if (!from) {
    // LoadBalancer external IPs (minikube tunnel)
    for (const svc of Object.values(world.cluster.objects.Service ?? {}) as KObject[]) {
      if ((svc.status?.loadBalancer?.ingress ?? []).some((i: KObject) => i.ip === host)) return viaService(world, undefined, srcIp, svc, port);
    }
    return { ok: false, error: /^10\.(96|97|98|99|1\d\d|244)\./.test(host) ? 'timeout' : 'unknown host' };
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    const svc = serviceByIp(world, host);
    if (svc) return viaService(world, src, srcIp, svc, port);
    const pod = podByIp(world, host);
    if (pod) return connectPod(world, src, srcIp, pod, port);
    return { ok: false, error: 'timeout' };
  }
  const svc = serviceByName(world, host, fromNs);
  if (svc) {
    if (svc.spec.type === 'ExternalName') return { ok: false, error: 'unknown host' };
    if (svc.spec.clusterIP === 'None') {
      const eps = endpointPods(world, svc);
      if (!eps.length) return { ok: false, error: 'unknown host' };
      return connectPod(world, src, srcIp, eps[0]!, port);
    }
    return viaService(world, src, srcIp, svc, port);
  }
  // StatefulSet pod DNS: pod.svc[.ns[.svc.cluster.local]]
  const parts = host.split('.');
  if (parts.length >= 2) {
    const ns = parts.length >= 3 && parts[2] !== 'svc' ? parts[2]! : fromNs;
    const pod = getRaw(world, 'Pod', `${ns}/${parts[0]}`);
    if (pod && pod.spec.subdomain === parts[1] && pod.status?.podIP) return connectPod(world, src, srcIp, pod, port);
  }
  return { ok: false, error: 'unknown host' };
}

/** DNS A record lookup as nslookup inside a pod sees it. */
export function lookupHost(world: World, fromNs: string, host: string): { name: string; ips: string[] } | undefined {
  const svc = serviceByName(world, host, fromNs);
  if (svc) {
    const fq = `${svc.metadata.name}.${svc.metadata.namespace}.svc.cluster.local`;
    if (svc.spec.clusterIP === 'None') return { name: fq, ips: endpointPods(world, svc).map((p) => p.status.podIP) };
    return { name: fq, ips: [svc.spec.clusterIP] };
  }
  // StatefulSet pods behind a headless service: db-0.db[.ns[.svc[.cluster.local]]]
  const parts = host.replace(/\.$/, '').split('.');
  if (parts.length >= 2) {
    const ns = parts.length >= 3 && parts[2] !== 'svc' ? parts[2]! : fromNs;
    const pod = getRaw(world, 'Pod', `${ns}/${parts[0]}`);
    if (pod && pod.spec.subdomain === parts[1] && pod.status?.podIP && (parts.length === 2 || parts.length === 3 || parts.slice(3).join('.') === 'svc' || parts.slice(3).join('.') === 'svc.cluster.local')) {
      return { name: `${parts[0]}.${parts[1]}.${ns}.svc.cluster.local`, ips: [pod.status.podIP] };
    }
  }
  return undefined;
}

/** `kubectl port-forward`: makes 127.0.0.1:localPort answer for a pod or service port. */
export function addPortForward(world: World, localPort: number, target: { namespace: string; pod?: string; service?: string; port: number }): void {
  sim(world).portForwards[String(localPort)] = target;
}

export function removePortForward(world: World, localPort: number): void {
  delete sim(world).portForwards[String(localPort)];
}

/** `minikube service NAME --url`: http://<node ip>:<nodePort> per port, or an error text. */
export function resolveServiceUrl(world: World, namespace: string, name: string): { ok: true; urls: string[] } | { ok: false; error: string } {
  const svc = getRaw(world, 'Service', `${namespace}/${name}`);
  if (!svc) return { ok: false, error: `service not available: no node port` };
  const ports = (svc.spec.ports ?? []).filter((p: KObject) => p.nodePort);
  if (!ports.length) return { ok: false, error: `service not available: no node port` };
  return { ok: true, urls: ports.map((p: KObject) => `http://192.168.49.2:${p.nodePort}`) };
}

// ---------------------------------------------------------------- the runtime's resolver registry

import { registerNameResolver, registerResolver, type Endpoint, type NetFrom, type Resolution as NetResolution } from '../runtime/net.js';
import { registerExecTarget } from '../runtime/nested.js';
import { execInPod } from './kubelet.js';
import { controllerDelete, ingressControllerReady } from './controllers/misc.js';
import { lookupImage } from './runtime-seam.js';
import { podFs, appendPodLog, kubeletPod as kp2 } from './kubelet.js';
import { containerArgv } from './runtime-seam.js';

function endpointFor(world: World, r: Extract<Resolution, { ok: true }>, now: number, clientIp: string, connectIp?: string): Endpoint | undefined {
  const { namespace, pod, port, container, ip } = r.target;
  const p = getRaw(world, 'Pod', `${namespace}/${pod}`);
  const c = (p?.spec.containers ?? []).find((x: KObject) => x.name === container);
  if (!p || !c) return undefined;
  const img = lookupImage(world, c.image);
  if (!img.ok) return undefined;
  const kc = kp2(world, `${namespace}/${pod}`)?.c[container!] as KObject | undefined;
  const plan = kc?.plan ?? {};
  const fs = podFs(world, namespace, pod, container, now);
  return {
    kind: 'endpoint', image: img.value, ...(plan.app ? { app: plan.app } : {}), argv: plan.argv ?? containerArgv(img.value, c),
    hostname: pod, ip, port, ...(plan.ports?.length ? { ports: plan.ports } : {}), ...(fs.ok ? { fs: fs.value } : {}), clientIp,
    log: (line: string) => appendPodLog(world, namespace, pod, container!, line, now),
    ...(connectIp ? { connectIp } : {}),
  };
}

function toNet(world: World, r: Resolution, host: string, now: number, clientIp: string, fromNs?: string): NetResolution {
  if (r.ok) {
    const via = r.via;
    const connectIp = via?.portForward ? '127.0.0.1' : via?.nodePort ? host : via?.service && /^\d+\./.test(host) ? host : undefined;
    const svcIp = via?.service ? getRaw(world, 'Service', via.service)?.spec?.clusterIP : undefined;
    return endpointFor(world, r, now, via?.nodePort ? '10.244.0.1' : via?.portForward ? '127.0.0.1' : clientIp, connectIp ?? (via?.service && !via.nodePort && !via.portForward ? svcIp : undefined)) ?? { kind: 'refused', ip: host };
  }
  const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : host === 'localhost' ? '127.0.0.1' : (fromNs !== undefined ? lookupHost(world, fromNs, host)?.ips[0] : undefined) ?? host;
  if (r.error === 'unknown host') return { kind: 'unresolved' };
  if (r.error === 'timeout') return { kind: 'timeout', ip };
  return { kind: 'refused', ip };
}

function clusterResolver(world: World, from: NetFrom, host: string, port: number, now: number): NetResolution | undefined {
  if (from.kind === 'container') return undefined;
  if (world.cluster.status !== 'Running') {
    return from.kind === 'host' && /^192\.168\.49\./.test(host) ? { kind: 'timeout', ip: host } : undefined;
  }
  if (from.kind === 'host') {
    const isLocal = host === 'localhost' || host === '127.0.0.1';
    if (isLocal && !sim(world).portForwards[String(port)]) return undefined;
    const nodes = Object.values(world.cluster.objects.Node ?? {}) as KObject[];
    const isNode = nodes.some((n) => (n.status?.addresses ?? []).some((a: KObject) => a.address === host));
    const isLb = (Object.values(world.cluster.objects.Service ?? {}) as KObject[]).some((s) => (s.status?.loadBalancer?.ingress ?? []).some((i: KObject) => i.ip === host));
    if (!isLocal && !isNode && !isLb) return undefined;
    return toNet(world, resolveConnection(world, undefined, host, port), host, now, '192.168.49.1');
  }
  const src = getRaw(world, 'Pod', `${from.namespace}/${from.name}`);
  const r = resolveConnection(world, { namespace: from.namespace, pod: from.name }, host, port);
  if (!r.ok && r.error === 'unknown host' && !host.includes('.') === false && !/cluster\.local$|\.svc$/.test(host) && host.split('.').length > 2) return undefined;
  return toNet(world, r, host, now, src?.status?.podIP ?? '10.244.0.1', from.namespace);
}

function clusterNames(world: World, from: NetFrom, name: string) {
  if (from.kind !== 'pod' || world.cluster.status !== 'Running') return undefined;
  const a = lookupHost(world, from.namespace, name);
  if (a) return { fqdn: a.name, ips: a.ips, server: '10.96.0.10' };
  return undefined;
}

let registered = false;
/** Registers the cluster's resolvers and the 'pod' exec target with the runtime (once per process). */
export function registerClusterNetwork(): void {
  if (registered) return;
  registered = true;
  registerResolver(clusterResolver, 'cluster');
  registerNameResolver(clusterNames, 'cluster');
  registerExecTarget('pod', (world, target, ctx) => {
    const ns = target.namespace ?? 'default';
    const now = ctx.wallNow + world.clock.offsetMs;
    const r = execInPod(world, ns, target.id, target.container, now);
    if (!r.ok) return { error: r.error };
    const e = r.value;
    if (!e.resolved) return { error: `unable to upgrade connection: container not found ("${e.container}")` };
    return {
      fs: e.fs, env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...e.env, HOSTNAME: e.hostname, HOME: '/root', ...(target.env ?? {}) },
      hostname: e.hostname, flavor: e.resolved.flavor, image: e.resolved, cwd: target.workdir ?? e.cwd, user: target.user ?? e.user,
      ...(e.podIP ? { ip: e.podIP } : {}), ...(e.mainArgv ? { mainArgv: e.mainArgv } : {}),
      from: { kind: 'pod', namespace: ns, name: target.id },
      onExit: (w) => {
        if (target.onExit !== 'delete-pod' && target.onExit !== 'resume') return;
        // kubectl run -it: attach.go says how to come back, on a real terminal (raw mode) and for restartPolicy Always
        const p = getRaw(w, 'Pod', `${ns}/${target.id}`);
        let said = '';
        if (ctx.tty && p?.spec?.restartPolicy === 'Always') {
          said += `Session ended, resume using 'kubectl attach ${target.id} -c ${target.container ?? e.container} -i -t' command when the pod is running\n`;
        }
        if (target.onExit === 'delete-pod' && p) {
          controllerDelete(w, p, w.clock.settledAt);
          said += `pod "${target.id}" deleted\n`;
        }
        return said;
      },
    };
  });
}
