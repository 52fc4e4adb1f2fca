/**
 * kubectl describe (staging/src/k8s.io/kubectl/pkg/describe/describe.go): a PrefixWriter over Go's
 * text/tabwriter (minwidth 0, tabwidth 8, padding 2, spaces), flushed before the Events table.
 */
import { listObjects, type KObject, type ResourceInfo } from '../world/k8s/api.js';
import type { K } from './context.js';
import { formatLabelSelector, humanDuration, since } from './printers.js';

type O = Record<string, any>;

/** Go text/tabwriter.Writer with minwidth 0, padding 2, padchar ' ', flags 0. */
export function goTabwriter(text: string, padding = 2, minwidth = 0): string {
  const lines = text.split('\n');
  const last = lines.pop();
  const cells: string[][] = lines.map((l) => l.split('\t'));
  if (last) cells.push(last.split('\t'));
  const widths: number[] = [];
  const out: string[] = [];
  const width = (s: string) => [...s].length;
  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = cells[i]!;
      let s = '';
      for (let j = 0; j < line.length; j++) {
        const c = line[j]!;
        if (j < widths.length && j < line.length - 1) s += c + ' '.repeat(Math.max(0, widths[j]! - width(c)));
        else s += c;
      }
      out.push(s);
    }
  };
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= cells[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = minwidth;
      for (; t < line1; t++) {
        const line = cells[t]!;
        if (column >= line.length - 1) break;
        const cw = width(line[column]!) + padding;
        if (cw > w) w = cw;
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--;
    }
    writeLines(line0, line1);
  };
  format(0, cells.length);
  return out.join('\n') + (last === '' ? '\n' : '');
}

class PrefixWriter {
  private buf = '';
  private done = '';
  write(level: number, s: string): void {
    this.buf += '  '.repeat(level) + s;
  }
  line(s: string): void {
    this.buf += s + '\n';
  }
  flush(): void {
    if (this.buf) this.done += goTabwriter(this.buf);
    this.buf = '';
  }
  toString(): string {
    this.flush();
    return this.done;
  }
}

const L0 = 0, L1 = 1, L2 = 2, L3 = 3;

/** Go's time.RFC1123Z in UTC: `Thu, 15 Jan 2026 10:00:00 +0000` */
export function rfc1123z(ts: string | number | undefined): string {
  if (ts === undefined) return '';
  const d = new Date(typeof ts === 'number' ? ts : Date.parse(ts));
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function labelsMultiline(w: PrefixWriter, title: string, labels: O | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(L0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i) w.write(L0, initialIndent + innerIndent);
    w.write(L0, `${k}=${labels![k]}\n`);
  });
}

function annotationsMultiline(w: PrefixWriter, title: string, ann: O | undefined): void {
  w.write(L0, `${title}:\t`);
  const keys = Object.keys(ann ?? {}).filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration').sort();
  if (!keys.length) return w.line('<none>');
  keys.forEach((k, i) => {
    if (i) w.write(L0, '\t');
    const v = String(ann![k]).replace(/\n$/, '');
    if (v.length + k.length + 2 > 140 || v.includes('\n')) {
      w.write(L0, `${k}:\n`);
      for (const s of v.split('\n')) w.write(L0, `\t  ${s.length > 138 ? s.slice(0, 135) + '...' : s}\n`);
    } else w.write(L0, `${k}: ${v}\n`);
  });
}

function tolerationsMultiline(w: PrefixWriter, title: string, tols: O[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(L0, `${initialIndent}${title}:${innerIndent}`);
  if (!tols?.length) return w.line('<none>');
  const sorted = [...tols].sort((a, b) => String(a.key ?? '').localeCompare(String(b.key ?? '')));
  sorted.forEach((t, i) => {
    if (i) w.write(L0, initialIndent + innerIndent);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w.write(L0, s + '\n');
  });
}

function eventsFor(k: K, o: KObject): O[] {
  const r = listObjects(k.world, 'Event', o.metadata?.namespace ?? 'default', {});
  if (!r.ok) return [];
  return r.value
    .filter((e) => e.involvedObject?.uid ? e.involvedObject.uid === o.metadata?.uid : e.involvedObject?.name === o.metadata?.name && e.involvedObject?.kind === o.kind)
    .sort((a, b) => Date.parse(a.lastTimestamp || a.eventTime || a.metadata.creationTimestamp) - Date.parse(b.lastTimestamp || b.eventTime || b.metadata.creationTimestamp));
}

function describeEvents(k: K, w: PrefixWriter, o: KObject): void {
  const events = eventsFor(k, o);
  if (!events.length) {
    w.write(L0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(L0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(L1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = e.eventTime ? since(e.eventTime, k.now) : since(e.firstTimestamp, k.now);
    let interval = first;
    if (e.series) interval = `${since(e.series.lastObservedTime, k.now)} (x${e.series.count} over ${first})`;
    else if ((e.count ?? 1) > 1) interval = `${since(e.lastTimestamp, k.now)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(L1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

function controller(o: O): string {
  const ref = (o.metadata?.ownerReferences ?? []).find((r: O) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

function qosClass(pod: O): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const cs: O[] = pod.spec?.containers ?? [];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) if (!lim[r] || (req[r] && req[r] !== lim[r])) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function describeResources(w: PrefixWriter, res: O | undefined, level: number): void {
  if (!res) return;
  const lim = res.limits ?? {};
  const req = res.requests ?? {};
  if (Object.keys(lim).length) w.write(level, 'Limits:\n');
  for (const n of Object.keys(lim).sort()) w.write(level + 1, `${n}:\t${lim[n]}\n`);
  if (Object.keys(req).length) w.write(level, 'Requests:\n');
  for (const n of Object.keys(req).sort()) w.write(level + 1, `${n}:\t${req[n]}\n`);
}

function describeProbe(p: O): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) return `http-get ${String(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: PrefixWriter, name: string, state: O | undefined): void {
  if (state?.running) {
    w.write(L2, `${name}:\tRunning\n`);
    w.write(L3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(L2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(L3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(L2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(L3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(L3, `Message:\t${t.message}\n`);
    w.write(L3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(L3, `Signal:\t${t.signal}\n`);
    w.write(L3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(L3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else w.write(L2, `${name}:\tWaiting\n`);
}

function describeContainers(w: PrefixWriter, label: string, containers: O[], statuses: O[] | undefined, space: string): void {
  w.write(L0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  for (const c of containers) {
    const st = byName.get(c.name);
    w.write(L1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w.write(L2, `Container ID:\t${st.containerID ?? ''}\n`);
    w.write(L2, `Image:\t${c.image}\n`);
    if (st) w.write(L2, `Image ID:\t${st.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p: O) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(L2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`);
    const hports = (c.ports ?? []).map((p: O) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    w.write(L2, hports.includes(',') ? `Host Ports:\t${hports}\n` : `Host Port:\t${hports || '<none>'}\n`);
    if (c.command?.length) {
      w.write(L2, 'Command:\n');
      for (const x of c.command) for (const s of String(x).split('\n')) w.write(L3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(L2, 'Args:\n');
      for (const x of c.args) for (const s of String(x).split('\n')) w.write(L3, `${s}\n`);
    }
    if (st) {
      describeStatus(w, 'State', st.state);
      if (st.lastState?.terminated) describeStatus(w, 'Last State', st.lastState);
      w.write(L2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w.write(L2, `Restart Count:\t${st.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, L2);
    if (c.livenessProbe) w.write(L2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(L2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(L2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.write(L2, 'Environment Variables from:\n');
      for (const e of c.envFrom) {
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        const ref = e.configMapRef ?? e.secretRef ?? {};
        const opt = !!ref.optional;
        w.write(L3, e.prefix ? `${ref.name}\t${from} with prefix '${e.prefix}'\tOptional: ${opt}\n` : `${ref.name}\t${from}\tOptional: ${opt}\n`);
      }
    }
    w.write(L2, `Environment:${c.env?.length ? '' : '\t<none>'}\n`);
    for (const e of c.env ?? []) {
      if (!e.valueFrom) {
        String(e.value ?? '').split('\n').forEach((s, i) => w.write(L3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      } else if (e.valueFrom.fieldRef) w.write(L3, `${e.name}:\t (${e.valueFrom.fieldRef.apiVersion ?? 'v1'}:${e.valueFrom.fieldRef.fieldPath})\n`);
      else if (e.valueFrom.resourceFieldRef) w.write(L3, `${e.name}:\t (${e.valueFrom.resourceFieldRef.resource})\n`);
      else if (e.valueFrom.secretKeyRef) w.write(L3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${!!e.valueFrom.secretKeyRef.optional}\n`);
      else if (e.valueFrom.configMapKeyRef) w.write(L3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${!!e.valueFrom.configMapKeyRef.optional}\n`);
    }
    const mounts: O[] = [...(c.volumeMounts ?? [])].sort((a, b) => String(a.mountPath).localeCompare(String(b.mountPath)));
    w.write(L2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? 'ro' : 'rw'];
      if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
      w.write(L3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
    }
  }
}

function describeVolumes(w: PrefixWriter, vols: O[] | undefined, space: string): void {
  if (!vols?.length) {
    w.write(L0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(L0, `${space}Volumes:\n`);
  for (const v of vols) {
    w.write(L1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) w.write(L2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${v.hostPath.type || '<none>'}\n`);
    else if (v.emptyDir) w.write(L2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`);
    else if (v.secret) w.write(L2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName}\n    Optional:\t${!!v.secret.optional}\n`);
    else if (v.configMap) w.write(L2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name}\n    Optional:\t${!!v.configMap.optional}\n`);
    else if (v.persistentVolumeClaim) w.write(L2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`);
    else if (v.projected) {
      w.write(L2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources ?? []) {
        if (s.secret) w.write(L2, `SecretName:\t${s.secret.name}\n    Optional:\t${!!s.secret.optional}\n`);
        else if (s.downwardAPI) w.write(L2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w.write(L2, `ConfigMapName:\t${s.configMap.name}\n    Optional:\t${!!s.configMap.optional}\n`);
        else if (s.serviceAccountToken) w.write(L2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds}\n`);
      }
    } else w.write(L1, '<unknown>\n');
  }
}

function describePod(k: K, pod: O): string {
  const w = new PrefixWriter();
  const s = pod.spec ?? {};
  const st = pod.status ?? {};
  w.write(L0, `Name:\t${pod.metadata.name}\n`);
  w.write(L0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (s.priority !== undefined) w.write(L0, `Priority:\t${s.priority}\n`);
  if (s.priorityClassName) w.write(L0, `Priority Class Name:\t${s.priorityClassName}\n`);
  if (s.runtimeClassName) w.write(L0, `Runtime Class Name:\t${s.runtimeClassName}\n`);
  if (s.serviceAccountName) w.write(L0, `Service Account:\t${s.serviceAccountName}\n`);
  w.write(L0, s.nodeName ? `Node:\t${s.nodeName}/${st.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (st.startTime) w.write(L0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    w.write(L0, `Status:\tTerminating (lasts ${since(pod.metadata.deletionTimestamp, k.now)})\n`);
    w.write(L0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 30}s\n`);
  } else w.write(L0, `Status:\t${st.phase ?? ''}\n`);
  if (st.reason) w.write(L0, `Reason:\t${st.reason}\n`);
  if (st.message) w.write(L0, `Message:\t${st.message}\n`);
  if (s.securityContext?.seccompProfile) w.write(L0, `SeccompProfile:\t${s.securityContext.seccompProfile.type}\n`);
  w.write(L0, `IP:\t${st.podIP ?? ''}\n`);
  if (!st.podIPs?.length) w.write(L0, 'IPs:\t<none>\n');
  else {
    w.write(L0, 'IPs:\n');
    for (const ip of st.podIPs) w.write(L1, `IP:\t${ip.ip}\n`);
  }
  const ctl = controller(pod);
  if (ctl) w.write(L0, `Controlled By:\t${ctl}\n`);
  if (st.nominatedNodeName) w.write(L0, `NominatedNodeName:\t${st.nominatedNodeName}\n`);
  if (s.initContainers?.length) describeContainers(w, 'Init Containers', s.initContainers, st.initContainerStatuses, '');
  describeContainers(w, 'Containers', s.containers ?? [], st.containerStatuses, '');
  if (st.conditions?.length) {
    w.write(L0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w.write(L1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, s.volumes, '');
  w.write(L0, `QoS Class:\t${qosClass(pod)}\n`);
  labelsMultiline(w, 'Node-Selectors', s.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', s.tolerations);
  describeEvents(k, w, pod);
  return w.toString();
}

function describePodTemplate(w: PrefixWriter, t: O | undefined): void {
  if (!t) {
    w.write(L0, '<unset>');
    return;
  }
  labelsMultiline(w, 'Labels', t.metadata?.labels, '  ');
  if (Object.keys(t.metadata?.annotations ?? {}).length) {
    w.write(L0, '  Annotations:\t');
    Object.keys(t.metadata.annotations).sort().forEach((k2, i) => {
      if (i) w.write(L0, '  \t');
      w.write(L0, `${k2}: ${t.metadata.annotations[k2]}\n`);
    });
  }
  const s = t.spec ?? {};
  if (s.serviceAccountName) w.write(L0, `  Service Account:\t${s.serviceAccountName}\n`);
  if (s.initContainers?.length) describeContainers(w, 'Init Containers', s.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', s.containers ?? [], undefined, '  ');
  describeVolumes(w, s.volumes, '  ');
  labelsMultiline(w, 'Node-Selectors', s.nodeSelector, '  ');
  tolerationsMultiline(w, 'Tolerations', s.tolerations, '  ');
  if (s.priorityClassName) w.write(L0, `  Priority Class Name:\t${s.priorityClassName}\n`);
}

function ownedBy(k: K, kind: string, owner: O): O[] {
  const r = listObjects(k.world, kind, owner.metadata.namespace, {});
  if (!r.ok) return [];
  return r.value.filter((o) => (o.metadata.ownerReferences ?? []).some((x: O) => x.uid === owner.metadata.uid && x.controller));
}

function rsLine(rs: O): string {
  return `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`;
}

function describeDeployment(k: K, d: O): string {
  const w = new PrefixWriter();
  const s = d.spec ?? {};
  const st = d.status ?? {};
  w.write(L0, `Name:\t${d.metadata.name}\n`);
  w.write(L0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(L0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w.write(L0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  w.write(L0, `Replicas:\t${s.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
  w.write(L0, `StrategyType:\t${s.strategy?.type ?? 'RollingUpdate'}\n`);
  w.write(L0, `MinReadySeconds:\t${s.minReadySeconds ?? 0}\n`);
  if (s.strategy?.rollingUpdate) {
    const ru = s.strategy.rollingUpdate;
    w.write(L0, `RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge\n`);
  }
  w.write(L0, 'Pod Template:\n');
  describePodTemplate(w, s.template);
  if (st.conditions?.length) {
    w.write(L0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(L1, '----\t------\t------\n');
    for (const c of st.conditions) w.write(L1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  const rss = ownedBy(k, 'ReplicaSet', d);
  const tplHash = d.spec?.template ? JSON.stringify(d.spec.template.spec) : '';
  const newRs = rss
    .filter((rs) => JSON.stringify(rs.spec?.template?.spec) === tplHash)
    .sort((a, b) => Date.parse(a.metadata.creationTimestamp) - Date.parse(b.metadata.creationTimestamp))[0];
  const old = rss.filter((rs) => rs !== newRs && (rs.spec?.replicas ?? 0) > 0);
  w.write(L0, `OldReplicaSets:\t${old.length ? old.map(rsLine).join(', ') : '<none>'}\n`);
  w.write(L0, `NewReplicaSet:\t${newRs ? rsLine(newRs) : '<none>'}\n`);
  describeEvents(k, w, d);
  return w.toString();
}

function podStatusCounts(k: K, owner: O): string {
  const pods = ownedBy(k, 'Pod', owner);
  const c = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) c[p.status?.phase ?? 'Pending'] = (c[p.status?.phase ?? 'Pending'] ?? 0) + 1;
  return `${c.Running} Running / ${c.Pending} Waiting / ${c.Succeeded} Succeeded / ${c.Failed} Failed`;
}

function describeReplicaSet(k: K, rs: O): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${rs.metadata.name}\n`);
  w.write(L0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(L0, `Selector:\t${formatLabelSelector(rs.spec?.selector)}\n`);
  labelsMultiline(w, 'Labels', rs.metadata.labels);
  annotationsMultiline(w, 'Annotations', rs.metadata.annotations);
  const ctl = controller(rs);
  if (ctl) w.write(L0, `Controlled By:\t${ctl}\n`);
  w.write(L0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
  w.write(L0, `Pods Status:\t${podStatusCounts(k, rs)}\n`);
  w.write(L0, 'Pod Template:\n');
  describePodTemplate(w, rs.spec?.template);
  describeEvents(k, w, rs);
  return w.toString();
}

function describeService(k: K, svc: O): string {
  const w = new PrefixWriter();
  const s = svc.spec ?? {};
  w.write(L0, `Name:\t${svc.metadata.name}\n`);
  w.write(L0, `Namespace:\t${svc.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(L0, `Selector:\t${Object.keys(s.selector ?? {}).sort().map((x) => `${x}=${s.selector[x]}`).join(',')}\n`);
  w.write(L0, `Type:\t${s.type ?? 'ClusterIP'}\n`);
  if (s.ipFamilyPolicy) w.write(L0, `IP Family Policy:\t${s.ipFamilyPolicy}\n`);
  if (s.ipFamilies?.length) w.write(L0, `IP Families:\t${s.ipFamilies.join(',')}\n`);
  w.write(L0, `IP:\t${s.clusterIP ?? ''}\n`);
  if (s.clusterIPs?.length) w.write(L0, `IPs:\t${s.clusterIPs.join(',')}\n`);
  else w.write(L0, 'IPs:\t<none>\n');
  if (s.externalIPs?.length) w.write(L0, `External IPs:\t${s.externalIPs.join(',')}\n`);
  if (s.loadBalancerIP) w.write(L0, `IP:\t${s.loadBalancerIP}\n`);
  if (s.externalName) w.write(L0, `External Name:\t${s.externalName}\n`);
  const ing: O[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ing.length) w.write(L0, `LoadBalancer Ingress:\t${ing.map((i) => i.ip || i.hostname).join(', ')}\n`);
  const ep = (() => {
    const r = listObjects(k.world, 'Endpoints', svc.metadata.namespace, {});
    return r.ok ? r.value.find((e) => e.metadata.name === svc.metadata.name) : undefined;
  })();
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    w.write(L0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    const tp = p.targetPort ?? p.port;
    w.write(L0, `TargetPort:\t${tp}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w.write(L0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    const addrs: string[] = [];
    for (const ss of ep?.subsets ?? []) for (const a of ss.addresses ?? []) for (const pp of ss.ports ?? []) if (!p.name || pp.name === p.name) addrs.push(`${a.ip}:${pp.port}`);
    w.write(L0, `Endpoints:\t${addrs.length ? (addrs.length > 3 ? addrs.slice(0, 3).join(',') + ` + ${addrs.length - 3} more...` : addrs.join(',')) : ''}\n`);
  }
  w.write(L0, `Session Affinity:\t${s.sessionAffinity ?? 'None'}\n`);
  if (s.externalTrafficPolicy) w.write(L0, `External Traffic Policy:\t${s.externalTrafficPolicy}\n`);
  if (s.internalTrafficPolicy) w.write(L0, `Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`);
  describeEvents(k, w, svc);
  return w.toString();
}

function describeNamespace(k: K, ns: O): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${ns.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ns.metadata.labels);
  annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
  w.write(L0, `Status:\t${ns.status?.phase ?? 'Active'}\n`);
  const quotas = listObjects(k.world, 'ResourceQuota', ns.metadata.name, {});
  const lrs = listObjects(k.world, 'LimitRange', ns.metadata.name, {});
  if (quotas.ok && quotas.value.length) {
    w.write(L0, '\n');
    w.write(L0, 'Resource Quotas\n');
    for (const q of quotas.value) {
      w.write(L1, `Name:\t${q.metadata.name}\n`);
      w.write(L1, 'Resource\tUsed\tHard\n');
      w.write(L1, '--------\t---\t---\n');
      const hard = q.status?.hard ?? q.spec?.hard ?? {};
      for (const r of Object.keys(hard).sort()) w.write(L1, `${r}\t${q.status?.used?.[r] ?? '0'}\t${hard[r]}\n`);
    }
  } else {
    w.write(L0, '\n');
    w.write(L0, 'No resource quota.\n');
  }
  if (!(lrs.ok && lrs.value.length)) {
    w.write(L0, '\n');
    w.write(L0, 'No LimitRange resource.\n');
  }
  return w.toString();
}

function describeData(k: K, o: O, secret: boolean): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${o.metadata.name}\n`);
  w.write(L0, `Namespace:\t${o.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  if (secret) {
    w.write(L0, `\nType:\t${o.type ?? 'Opaque'}\n\n`);
    w.write(L0, 'Data\n====\n');
    for (const key of Object.keys(o.data ?? {}).sort()) {
      const len = Buffer.from(String(o.data[key]), 'base64').length;
      w.write(L0, `${key}:\t${len} bytes\n`);
    }
    return w.toString();
  }
  w.write(L0, '\nData\n====\n');
  for (const key of Object.keys(o.data ?? {}).sort()) {
    w.write(L0, `${key}:\n----\n`);
    w.write(L0, `${o.data[key]}\n`);
    w.write(L0, '\n');
  }
  w.write(L0, '\nBinaryData\n====\n');
  for (const key of Object.keys(o.binaryData ?? {}).sort()) w.write(L0, `${key}: ${Buffer.from(String(o.binaryData[key]), 'base64').length} bytes\n`);
  w.write(L0, '\n');
  describeEvents(k, w, o);
  return w.toString();
}

function describeNode(k: K, n: O): string {
  const w = new PrefixWriter();
  const s = n.spec ?? {};
  const st = n.status ?? {};
  const roles = Object.keys(n.metadata.labels ?? {}).filter((x) => x.startsWith('node-role.kubernetes.io/')).map((x) => x.slice(24)).sort();
  w.write(L0, `Name:\t${n.metadata.name}\n`);
  w.write(L0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  labelsMultiline(w, 'Labels', n.metadata.labels);
  annotationsMultiline(w, 'Annotations', n.metadata.annotations);
  w.write(L0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}\n`);
  const taints: O[] = s.taints ?? [];
  w.write(L0, 'Taints:\t');
  if (!taints.length) w.line('<none>');
  else taints.forEach((t, i) => w.write(L0, `${i ? '\t' : ''}${t.key}${t.value ? '=' + t.value : ''}:${t.effect}\n`));
  w.write(L0, `Unschedulable:\t${s.unschedulable ? 'true' : 'false'}\n`);
  w.write(L0, 'Lease:\n');
  const lease = (() => {
    const r = listObjects(k.world, 'Lease', 'kube-node-lease', {});
    return r.ok ? r.value.find((l) => l.metadata.name === n.metadata.name) : undefined;
  })();
  w.write(L1, `HolderIdentity:\t${lease?.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(L1, `AcquireTime:\t${lease?.spec?.acquireTime ? rfc1123z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(L1, `RenewTime:\t${lease?.spec?.renewTime ? rfc1123z(lease.spec.renewTime) : '<unset>'}\n`);
  if (st.conditions?.length) {
    w.write(L0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(L1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) w.write(L1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason} \t${c.message}\n`);
  }
  w.write(L0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(L1, `${a.type}:\t${a.address}\n`);
  const res = (title: string, m: O | undefined) => {
    if (!m) return;
    w.write(L0, `${title}:\n`);
    for (const key of Object.keys(m).sort()) w.write(L1, `${key}:\t${m[key]}\n`);
  };
  res('Capacity', st.capacity);
  res('Allocatable', st.allocatable);
  const ni = st.nodeInfo ?? {};
  w.write(L0, 'System Info:\n');
  w.write(L1, `Machine ID:\t${ni.machineID ?? ''}\n`);
  w.write(L1, `System UUID:\t${ni.systemUUID ?? ''}\n`);
  w.write(L1, `Boot ID:\t${ni.bootID ?? ''}\n`);
  w.write(L1, `Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
  w.write(L1, `OS Image:\t${ni.osImage ?? ''}\n`);
  w.write(L1, `Operating System:\t${ni.operatingSystem ?? 'linux'}\n`);
  w.write(L1, `Architecture:\t${ni.architecture ?? 'amd64'}\n`);
  w.write(L1, `Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
  w.write(L1, `Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
  w.write(L1, `Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
  if (s.podCIDR) w.write(L0, `PodCIDR:\t${s.podCIDR}\n`);
  if (s.podCIDRs?.length) w.write(L0, `PodCIDRs:\t${s.podCIDRs.join(',')}\n`);
  if (s.providerID) w.write(L0, `ProviderID:\t${s.providerID}\n`);
  const podsR = listObjects(k.world, 'Pod', undefined, {});
  const pods = (podsR.ok ? podsR.value : []).filter((p) => p.spec?.nodeName === n.metadata.name && !['Succeeded', 'Failed'].includes(p.status?.phase));
  w.write(L0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(L1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(L1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = st.allocatable ?? {};
  const cpuAlloc = milli(alloc.cpu ?? '0');
  const memAlloc = bytes(alloc.memory ?? '0');
  let tc = 0, tcl = 0, tm = 0, tml = 0;
  for (const p of pods) {
    let c = 0, cl = 0, m = 0, ml = 0;
    for (const ct of p.spec?.containers ?? []) {
      c += milli(ct.resources?.requests?.cpu ?? '0');
      cl += milli(ct.resources?.limits?.cpu ?? '0');
      m += bytes(ct.resources?.requests?.memory ?? '0');
      ml += bytes(ct.resources?.limits?.memory ?? '0');
    }
    tc += c; tcl += cl; tm += m; tml += ml;
    w.write(L1, `${p.metadata.namespace}\t${p.metadata.name}\t\t${fmtCpu(c)} (${pct(c, cpuAlloc)}%)\t${fmtCpu(cl)} (${pct(cl, cpuAlloc)}%)\t${fmtMem(m)} (${pct(m, memAlloc)}%)\t${fmtMem(ml)} (${pct(ml, memAlloc)}%)\t${humanDuration(k.now - Date.parse(p.metadata.creationTimestamp))}\n`);
  }
  w.write(L0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(L1, 'Resource\tRequests\tLimits\n');
  w.write(L1, '--------\t--------\t------\n');
  w.write(L1, `cpu\t${fmtCpu(tc)} (${pct(tc, cpuAlloc)}%)\t${fmtCpu(tcl)} (${pct(tcl, cpuAlloc)}%)\n`);
  w.write(L1, `memory\t${fmtMem(tm)} (${pct(tm, memAlloc)}%)\t${fmtMem(tml)} (${pct(tml, memAlloc)}%)\n`);
  w.write(L1, `ephemeral-storage\t0 (0%)\t0 (0%)\n`);
  w.write(L1, `hugepages-1Gi\t0 (0%)\t0 (0%)\n`);
  w.write(L1, `hugepages-2Mi\t0 (0%)\t0 (0%)\n`);
  describeEvents(k, w, n);
  return w.toString();
}

function milli(q: string): number {
  const s = String(q);
  if (s.endsWith('m')) return Number(s.slice(0, -1));
  return Number(s) * 1000;
}
function bytes(q: string): number {
  const m = /^(\d+(?:\.\d+)?)([KMGTE]i?|k)?$/.exec(String(q));
  if (!m) return 0;
  const mult: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * (m[2] ? mult[m[2]] ?? 1 : 1);
}
const fmtCpu = (m: number) => (m === 0 ? '0' : m % 1000 === 0 ? String(m / 1000) : `${m}m`);
const fmtMem = (b: number) => (b === 0 ? '0' : b % (1024 ** 2) === 0 ? `${b / 1024 ** 2}Mi` : b % 1024 === 0 ? `${b / 1024}Ki` : String(b));
const pct = (a: number, total: number) => (total ? Math.trunc((a * 100) / total) : 0);

function describeGeneric(k: K, o: O): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${o.metadata.name}\n`);
  if (o.metadata.namespace) w.write(L0, `Namespace:\t${o.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
  w.write(L0, `API Version:\t${o.apiVersion}\n`);
  w.write(L0, `Kind:\t${o.kind}\n`);
  const walk = (v: unknown, level: number) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const key of Object.keys(v as O).sort()) {
        const x = (v as O)[key];
        const title = key.charAt(0).toUpperCase() + key.slice(1).replace(/([a-z])([A-Z])/g, '$1 $2');
        if (x && typeof x === 'object') {
          w.write(level, `${title}:\n`);
          walk(x, level + 1);
        } else w.write(level, `${title}:\t${x}\n`);
      }
    } else if (Array.isArray(v)) {
      for (const x of v) {
        if (x && typeof x === 'object') walk(x, level + 1);
        else w.write(level + 1, `${x}\n`);
      }
    }
  };
  const rest: O = {};
  for (const key of Object.keys(o)) if (!['apiVersion', 'kind', 'metadata'].includes(key)) rest[key] = o[key];
  walk(rest, L0);
  describeEvents(k, w, o);
  return w.toString();
}

function podsMultiline(w: PrefixWriter, title: string, names: string[]): void {
  w.write(L0, `${title}:\t`);
  if (!names.length) return w.line('<none>');
  names.forEach((n, i) => w.write(L0, `${i ? '\t' : ''}${n}\n`));
}

const ACCESS: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const modes = (m: string[] | undefined) => (m ?? []).map((x) => ACCESS[x] ?? x).join(',');
const finalizers = (f: string[] | undefined) => `[${(f ?? []).join(' ')}]`;

function describePvc(k: K, pvc: O): string {
  const w = new PrefixWriter();
  w.write(L0, `Name:\t${pvc.metadata.name}\n`);
  w.write(L0, `Namespace:\t${pvc.metadata.namespace}\n`);
  w.write(L0, `StorageClass:\t${pvc.spec?.storageClassName ?? ''}\n`);
  if (pvc.metadata.deletionTimestamp) w.write(L0, `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, k.now)})\n`);
  else w.write(L0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  w.write(L0, `Volume:\t${pvc.spec?.volumeName ?? ''}\n`);
  labelsMultiline(w, 'Labels', pvc.metadata.labels);
  annotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  w.write(L0, `Finalizers:\t${finalizers(pvc.metadata.finalizers)}\n`);
  const bound = !!pvc.spec?.volumeName;
  w.write(L0, `Capacity:\t${bound ? pvc.status?.capacity?.storage ?? '' : ''}\n`);
  w.write(L0, `Access Modes:\t${bound ? modes(pvc.status?.accessModes) : ''}\n`);
  if (pvc.spec?.volumeMode) w.write(L0, `VolumeMode:\t${pvc.spec.volumeMode}\n`);
  const pods = listObjects(k.world, 'Pod', pvc.metadata.namespace, {});
  const users = (pods.ok ? pods.value : []).filter((p) => (p.spec?.volumes ?? []).some((v: O) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)).map((p) => p.metadata.name);
  podsMultiline(w, 'Used By', users);
  describeEvents(k, w, pvc);
  return w.toString();
}

function describePv(k: K, pv: O): string {
  const w = new PrefixWriter();
  const s = pv.spec ?? {};
  w.write(L0, `Name:\t${pv.metadata.name}\n`);
  labelsMultiline(w, 'Labels', pv.metadata.labels);
  annotationsMultiline(w, 'Annotations', pv.metadata.annotations);
  w.write(L0, `Finalizers:\t${finalizers(pv.metadata.finalizers)}\n`);
  w.write(L0, `StorageClass:\t${s.storageClassName ?? ''}\n`);
  if (pv.metadata.deletionTimestamp) w.write(L0, `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, k.now)})\n`);
  else w.write(L0, `Status:\t${pv.status?.phase ?? ''}\n`);
  w.write(L0, `Claim:\t${s.claimRef ? `${s.claimRef.namespace}/${s.claimRef.name}` : ''}\n`);
  w.write(L0, `Reclaim Policy:\t${s.persistentVolumeReclaimPolicy ?? ''}\n`);
  w.write(L0, `Access Modes:\t${modes(s.accessModes)}\n`);
  if (s.volumeMode) w.write(L0, `VolumeMode:\t${s.volumeMode}\n`);
  w.write(L0, `Capacity:\t${s.capacity?.storage ?? ''}\n`);
  w.write(L0, 'Node Affinity:\t<none>\n');
  w.write(L0, `Message:\t${pv.status?.message ?? ''}\n`);
  w.write(L0, 'Source:\n');
  if (s.hostPath) w.write(L2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${s.hostPath.path}\n    HostPathType:\t${s.hostPath.type ?? ''}\n`);
  else if (s.local) w.write(L2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${s.local.path}\n`);
  else if (s.nfs) w.write(L2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${s.nfs.server}\n    Path:\t${s.nfs.path}\n    ReadOnly:\t${!!s.nfs.readOnly}\n`);
  describeEvents(k, w, pv);
  return w.toString();
}

function describeStatefulSet(k: K, ss: O): string {
  const w = new PrefixWriter();
  const s = ss.spec ?? {};
  w.write(L0, `Name:\t${ss.metadata.name}\n`);
  w.write(L0, `Namespace:\t${ss.metadata.namespace}\n`);
  w.write(L0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
  w.write(L0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  labelsMultiline(w, 'Labels', ss.metadata.labels);
  annotationsMultiline(w, 'Annotations', ss.metadata.annotations);
  w.write(L0, `Replicas:\t${s.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total\n`);
  w.write(L0, `Update Strategy:\t${s.updateStrategy?.type ?? 'RollingUpdate'}\n`);
  const ru = s.updateStrategy?.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(L1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(L1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(L0, `Pods Status:\t${podStatusCounts(k, ss)}\n`);
  w.write(L0, 'Pod Template:\n');
  describePodTemplate(w, s.template);
  const tpls: O[] = s.volumeClaimTemplates ?? [];
  if (!tpls.length) w.write(L0, 'Volume Claims:\t<none>\n');
  else {
    w.write(L0, 'Volume Claims:\n');
    for (const t of tpls) {
      w.write(L1, `Name:\t${t.metadata?.name}\n`);
      w.write(L1, `StorageClass:\t${t.spec?.storageClassName ?? ''}\n`);
      labelsMultiline(w, 'Labels', t.metadata?.labels, '  ');
      labelsMultiline(w, 'Annotations', t.metadata?.annotations, '  ');
      w.write(L1, `Capacity:\t${t.spec?.resources?.requests?.storage ?? '<default>'}\n`);
      w.write(L1, `Access Modes:\t[${(t.spec?.accessModes ?? []).join(' ')}]\n`);
    }
  }
  describeEvents(k, w, ss);
  return w.toString();
}

function describeJob(k: K, job: O): string {
  const w = new PrefixWriter();
  const s = job.spec ?? {};
  const st = job.status ?? {};
  w.write(L0, `Name:\t${job.metadata.name}\n`);
  w.write(L0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(L0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  labelsMultiline(w, 'Labels', job.metadata.labels);
  annotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const ctl = controller(job);
  if (ctl) w.write(L0, `Controlled By:\t${ctl}\n`);
  if (s.parallelism !== undefined) w.write(L0, `Parallelism:\t${s.parallelism}\n`);
  w.write(L0, s.completions !== undefined ? `Completions:\t${s.completions}\n` : 'Completions:\t<unset>\n');
  if (s.completionMode) w.write(L0, `Completion Mode:\t${s.completionMode}\n`);
  if (s.suspend !== undefined) w.write(L0, `Suspend:\t${s.suspend}\n`);
  if (s.backoffLimit !== undefined) w.write(L0, `Backoff Limit:\t${s.backoffLimit}\n`);
  if (s.ttlSecondsAfterFinished !== undefined) w.write(L0, `TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(L0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w.write(L0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w.write(L0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (s.activeDeadlineSeconds !== undefined) w.write(L0, `Active Deadline Seconds:\t${s.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined) w.write(L0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(L0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  w.write(L0, 'Pod Template:\n');
  describePodTemplate(w, s.template);
  describeEvents(k, w, job);
  return w.toString();
}

function describeCronJob(k: K, cj: O): string {
  const w = new PrefixWriter();
  const s = cj.spec ?? {};
  const js = s.jobTemplate?.spec ?? {};
  w.write(L0, `Name:\t${cj.metadata.name}\n`);
  w.write(L0, `Namespace:\t${cj.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', cj.metadata.labels);
  annotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w.write(L0, `Schedule:\t${s.schedule}\n`);
  w.write(L0, `Concurrency Policy:\t${s.concurrencyPolicy ?? 'Allow'}\n`);
  w.write(L0, `Suspend:\t${s.suspend ? 'True' : 'False'}\n`);
  w.write(L0, `Successful Job History Limit:\t${s.successfulJobsHistoryLimit ?? 3}\n`);
  w.write(L0, `Failed Job History Limit:\t${s.failedJobsHistoryLimit ?? 1}\n`);
  w.write(L0, `Starting Deadline Seconds:\t${s.startingDeadlineSeconds !== undefined ? `${s.startingDeadlineSeconds}s` : '<unset>'}\n`);
  w.write(L0, `Selector:\t${js.selector ? formatLabelSelector(js.selector) : '<unset>'}\n`);
  w.write(L0, `Parallelism:\t${js.parallelism ?? '<unset>'}\n`);
  w.write(L0, `Completions:\t${js.completions ?? '<unset>'}\n`);
  if (js.activeDeadlineSeconds !== undefined) w.write(L0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
  w.write(L0, 'Pod Template:\n');
  describePodTemplate(w, js.template);
  w.write(L0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active: O[] = cj.status?.active ?? [];
  w.write(L0, `Active Jobs:\t${active.length ? active.map((a) => a.name).join(', ') : '<none>'}\n`);
  describeEvents(k, w, cj);
  return w.toString();
}

function describeHpa(k: K, hpa: O): string {
  const w = new PrefixWriter();
  const s = hpa.spec ?? {};
  const st = hpa.status ?? {};
  w.write(L0, `Name:\t${hpa.metadata.name}\n`);
  w.write(L0, `Namespace:\t${hpa.metadata.namespace}\n`);
  labelsMultiline(w, 'Labels', hpa.metadata.labels);
  annotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
  w.write(L0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp)}\n`);
  w.write(L0, `Reference:\t${s.scaleTargetRef?.kind}/${s.scaleTargetRef?.name}\n`);
  w.write(L0, 'Metrics:\t( current / target )\n');
  (s.metrics ?? []).forEach((m: O, i: number) => {
    if (m.type !== 'Resource') return;
    const cur = st.currentMetrics?.[i]?.resource?.current;
    const t = m.resource?.target ?? {};
    if (t.averageValue !== undefined) {
      w.write(L1, `resource ${m.resource.name} on pods:\t${cur?.averageValue ?? '<unknown>'} / ${t.averageValue}\n`);
    } else {
      const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${cur.averageValue})` : '<unknown>';
      w.write(L1, `resource ${m.resource.name} on pods  (as a percentage of request):\t${c} / ${t.averageUtilization !== undefined ? t.averageUtilization + '%' : '<auto>'}\n`);
    }
  });
  w.write(L0, `Min replicas:\t${s.minReplicas ?? '<unset>'}\n`);
  w.write(L0, `Max replicas:\t${s.maxReplicas}\n`);
  w.write(L0, `${s.scaleTargetRef?.kind} pods:\t${st.currentReplicas ?? 0} current / ${st.desiredReplicas ?? 0} desired\n`);
  if (st.conditions?.length) {
    w.write(L0, 'Conditions:\n');
    w.write(L1, 'Type\tStatus\tReason\tMessage\n');
    w.write(L1, '----\t------\t------\t-------\n');
    for (const c of st.conditions) w.write(L1, `${c.type}\t${c.status}\t${c.reason}\t${c.message}\n`);
  }
  describeEvents(k, w, hpa);
  return w.toString();
}

/** Go's time.Time String() in UTC: `2026-01-15 10:00:00 +0000 UTC` */
function goTime(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  return new Date(Date.parse(ts)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
}

function describeNetworkPolicy(np: O): string {
  const w = new PrefixWriter();
  const s = np.spec ?? {};
  w.write(L0, `Name:\t${np.metadata.name}\n`);
  w.write(L0, `Namespace:\t${np.metadata.namespace}\n`);
  w.write(L0, `Created on:\t${goTime(np.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', np.metadata.labels);
  annotationsMultiline(w, 'Annotations', np.metadata.annotations);
  w.write(L0, 'Spec:\n');
  w.write(L1, 'PodSelector: ');
  const ps = s.podSelector ?? {};
  if (!Object.keys(ps.matchLabels ?? {}).length && !(ps.matchExpressions ?? []).length) w.write(L2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(L2, `${formatLabelSelector(ps)}\n`);
  const types: string[] = s.policyTypes ?? [];
  const ingress = types.length ? types.includes('Ingress') : true;
  const egress = types.length ? types.includes('Egress') : (s.egress ?? []).length > 0;
  const rules = (list: O[] | undefined, dir: 'ingress' | 'egress') => {
    const ind = '    ';
    const peerKey = dir === 'ingress' ? 'from' : 'to';
    const peerTitle = dir === 'ingress' ? 'From' : 'To';
    if (!list?.length) {
      w.write(L0, `${ind}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
      return;
    }
    list.forEach((rule, i) => {
      if (!rule.ports?.length) w.write(L0, `${ind}To Port: <any> (traffic allowed to all ports)\n`);
      else for (const p of rule.ports) w.write(L0, `${ind}To Port: ${p.port ?? '<nil>'}/${p.protocol ?? 'TCP'}\n`);
      const peers: O[] = rule[peerKey] ?? [];
      if (!peers.length) w.write(L0, `${ind}${peerTitle}: <any> (traffic not restricted by ${dir === 'ingress' ? 'source' : 'destination'})\n`);
      for (const peer of peers) {
        w.write(L0, `${ind}${peerTitle}:\n`);
        if (peer.podSelector && peer.namespaceSelector) {
          w.write(L1, `${ind}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
          w.write(L1, `${ind}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        } else if (peer.podSelector) w.write(L1, `${ind}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
        else if (peer.namespaceSelector) w.write(L1, `${ind}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
        else if (peer.ipBlock) {
          w.write(L1, `${ind}IPBlock:\n`);
          w.write(L2, `${ind}CIDR: ${peer.ipBlock.cidr}\n`);
          w.write(L2, `${ind}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
        }
      }
      if (i !== list.length - 1) w.write(L0, `${ind}----------\n`);
    });
  };
  if (ingress) {
    w.write(L1, 'Allowing ingress traffic:\n');
    rules(s.ingress, 'ingress');
  } else w.write(L1, 'Not affecting ingress traffic\n');
  if (egress) {
    w.write(L1, 'Allowing egress traffic:\n');
    rules(s.egress, 'egress');
  } else w.write(L1, 'Not affecting egress traffic\n');
  w.write(L1, `Policy Types: ${types.length ? types.join(', ') : egress ? 'Ingress, Egress' : 'Ingress'}\n`);
  return w.toString();
}

function describeIngress(k: K, ing: O): string {
  const w = new PrefixWriter();
  const s = ing.spec ?? {};
  const ns = ing.metadata.namespace;
  const backend = (b: O | undefined): string => {
    const svc = b?.service;
    if (!svc) return b?.resource ? `APIGroup: ${b.resource.apiGroup ?? ''}, Kind: ${b.resource.kind}, Name: ${b.resource.name}` : '<default>';
    const port = svc.port?.name ?? String(svc.port?.number ?? '');
    const sr = listObjects(k.world, 'Service', ns, {});
    const service = sr.ok ? sr.value.find((x) => x.metadata.name === svc.name) : undefined;
    if (!service) return `${svc.name}:${port} (<error: services "${svc.name}" not found>)`;
    const sp = (service.spec?.ports ?? []).find((p: O) => (svc.port?.name ? p.name === svc.port.name : p.port === svc.port?.number));
    const er = listObjects(k.world, 'Endpoints', ns, {});
    const ep = er.ok ? er.value.find((x) => x.metadata.name === svc.name) : undefined;
    const addrs: string[] = [];
    for (const ss of ep?.subsets ?? []) for (const a of ss.addresses ?? []) for (const p of ss.ports ?? []) if (!sp?.name || p.name === sp.name) addrs.push(`${a.ip}:${p.port}`);
    return `${svc.name}:${port} (${addrs.length ? addrs.join(',') : '<none>'})`;
  };
  w.write(L0, `Name:\t${ing.metadata.name}\n`);
  labelsMultiline(w, 'Labels', ing.metadata.labels);
  w.write(L0, `Namespace:\t${ns}\n`);
  w.write(L0, `Address:\t${(ing.status?.loadBalancer?.ingress ?? []).map((i: O) => i.ip || i.hostname).join(',')}\n`);
  w.write(L0, `Ingress Class:\t${s.ingressClassName ?? '<none>'}\n`);
  w.write(L0, `Default backend:\t${s.defaultBackend ? backend(s.defaultBackend) : '<default>'}\n`);
  if (s.tls?.length) {
    w.write(L0, 'TLS:\n');
    for (const t of s.tls) w.write(L1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
  }
  w.write(L0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(L1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of s.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(L1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(L2, `\t${p.path ?? ''} \t${backend(p.backend)}\n`);
  }
  if (!count) w.write(L1, `*\t*\t${backend(s.defaultBackend)}\n`);
  annotationsMultiline(w, 'Annotations', ing.metadata.annotations);
  describeEvents(k, w, ing);
  return w.toString();
}

export function describeObject(k: K, r: ResourceInfo, o: KObject): string {
  switch (r.kind) {
    case 'Ingress':
      return describeIngress(k, o);
    case 'NetworkPolicy':
      return describeNetworkPolicy(o);
    case 'HorizontalPodAutoscaler':
      return describeHpa(k, o);
    case 'PersistentVolumeClaim':
      return describePvc(k, o);
    case 'PersistentVolume':
      return describePv(k, o);
    case 'StatefulSet':
      return describeStatefulSet(k, o);
    case 'Job':
      return describeJob(k, o);
    case 'CronJob':
      return describeCronJob(k, o);
    case 'Pod':
      return describePod(k, o);
    case 'Deployment':
      return describeDeployment(k, o);
    case 'ReplicaSet':
      return describeReplicaSet(k, o);
    case 'Service':
      return describeService(k, o);
    case 'Namespace':
      return describeNamespace(k, o);
    case 'ConfigMap':
      return describeData(k, o, false);
    case 'Secret':
      return describeData(k, o, true);
    case 'Node':
      return describeNode(k, o);
    default:
      return describeGeneric(k, o);
  }
}

/** DescribePodTemplate written through a PrefixWriter over a plain buffer (no tabwriter), as `rollout history --revision` prints it. */
export function describePodTemplateRaw(t: O): string {
  const w = new RawWriter();
  w.write(L0, 'Pod Template:\n');
  describePodTemplate(w as unknown as PrefixWriter, t);
  return w.toString();
}

class RawWriter {
  private buf = '';
  write(level: number, s: string): void {
    this.buf += '  '.repeat(level) + s;
  }
  line(s: string): void {
    this.buf += s + '\n';
  }
  flush(): void {}
  toString(): string {
    return this.buf;
  }
}
