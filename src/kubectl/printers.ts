/**
 * kubectl's table printers, as the API server's table convertor builds them
 * (pkg/printers/internalversion/printers.go), and kubectl's tabwriter layout (printers.GetNewTabWriter:
 * minwidth 6, padding 3, spaces; the last column is not padded).
 */
type O = Record<string, any>;

/** apimachinery util/duration.HumanDuration */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** printers.go translateTimestampSince */
const parsed = new Map<string, number>();
export function since(ts: string | undefined | null, now: number): string {
  if (!ts) return '<unknown>';
  let t = parsed.get(ts);
  if (t === undefined) {
    t = Date.parse(ts);
    if (parsed.size > 10_000) parsed.clear();
    parsed.set(ts, t);
  }
  return humanDuration(now - t);
}

/** Lays rows out as kubectl's tabwriter does. (String length = display width here: UTF-16 counts astral chars twice.) */
export function tabulate(rows: string[][]): string {
  if (rows.length === 0) return '';
  let ncol = 0;
  for (const r of rows) if (r.length > ncol) ncol = r.length;
  const widths: number[] = new Array(ncol).fill(0);
  for (const r of rows) for (let i = 0; i < r.length - 1; i++) if (r[i]!.length > widths[i]!) widths[i] = r[i]!.length;
  const pads: string[] = [];
  const out: string[] = new Array(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    let line = '';
    for (let i = 0; i < r.length; i++) {
      const cell = r[i]!;
      if (i === r.length - 1) line += cell;
      else {
        const w = Math.max(widths[i]! + 3, 6) - cell.length;
        line += cell + (pads[w] ??= ' '.repeat(w));
      }
    }
    out[n] = line;
  }
  return out.join('\n') + '\n';
}

export interface Column {
  name: string;
  /** only with -o wide */
  wide?: boolean;
  get(o: O, now: number): string;
}

const none = (s: unknown): string => (s === undefined || s === null || s === '' ? '<none>' : String(s));
const age: Column = { name: 'AGE', get: (o, now) => since(o.metadata?.creationTimestamp, now) };

export function formatLabels(l: O | undefined): string {
  if (!l || Object.keys(l).length === 0) return '<none>';
  return Object.keys(l)
    .sort()
    .map((k) => `${k}=${l[k]}`)
    .join(',');
}

/** metav1.FormatLabelSelector */
export function formatLabelSelector(sel: O | undefined): string {
  if (!sel) return '<none>';
  const parts: string[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {}).sort()) parts.push(`${k}=${sel.matchLabels[k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort();
    if (e.operator === 'In') parts.push(`${e.key} in (${vals.join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals.join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

const containersCol: Column = { name: 'CONTAINERS', wide: true, get: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: O) => c.name).join(',') };
const imagesCol: Column = { name: 'IMAGES', wide: true, get: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: O) => c.image).join(',') };
const selectorCol: Column = { name: 'SELECTOR', wide: true, get: (o) => formatLabelSelector(o.spec?.selector) };

function hasCondition(conds: O[] | undefined, type: string): boolean {
  return (conds ?? []).some((c) => c.type === type && c.status === 'True');
}

const EMPTY: O[] = [];

/** printPod's STATUS cell. */
export function podStatus(pod: O): { reason: string; ready: number; total: number; restarts: number; lastRestart?: string } {
  const spec = pod.spec ?? {};
  const st = pod.status ?? {};
  let restarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart: string | undefined;
  const initSpecs: O[] = spec.initContainers ?? EMPTY;
  for (let i = 0; i < initSpecs.length; i++) if (initSpecs[i]!.restartPolicy === 'Always') total++;
  let reason: string = st.phase ?? '';
  if (st.reason) reason = st.reason;
  const bump = (cs: O) => {
    const t = cs.lastState?.terminated?.finishedAt;
    if (t && (!lastRestart || t > lastRestart)) lastRestart = t;
  };
  let initializing = false;
  const ics: O[] = st.initContainerStatuses ?? EMPTY;
  for (let i = 0; i < ics.length; i++) {
    const c = ics[i]!;
    restarts += c.restartCount ?? 0;
    bump(c);
    const restartable = initSpecs.find((s) => s.name === c.name)?.restartPolicy === 'Always';
    if (c.state?.terminated && c.state.terminated.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (c.state?.terminated) {
      const t = c.state.terminated;
      reason = t.reason ? `Init:${t.reason}` : t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }
  if (!initializing || hasCondition(st.conditions, 'Initialized')) {
    let hasRunning = false;
    const cs: O[] = st.containerStatuses ?? EMPTY;
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i]!;
      restarts += c.restartCount ?? 0;
      bump(c);
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(st.conditions, 'Ready') ? 'Running' : 'NotReady';
  }
  if (pod.metadata?.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return { reason, ready, total, restarts, lastRestart };
}

function serviceExternalIp(svc: O): string {
  const s = svc.spec ?? {};
  const ext: string[] = s.externalIPs ?? [];
  switch (s.type) {
    case 'ClusterIP':
    case 'NodePort':
    case undefined:
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ing: string[] = (svc.status?.loadBalancer?.ingress ?? []).map((i: O) => i.ip || i.hostname).filter(Boolean);
      const all = [...ing, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return s.externalName;
  }
  return '<unknown>';
}

function servicePorts(svc: O): string {
  const ports: O[] = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

function nodeStatus(n: O): string {
  const conds: O[] = n.status?.conditions ?? [];
  const ready = conds.find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (ready === undefined && conds.length === 0) parts[0] = 'Unknown';
  if (n.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function nodeRoles(n: O): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(n.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role') roles.add(String(v));
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

function nodeAddress(n: O, type: string): string {
  return (n.status?.addresses ?? []).find((a: O) => a.type === type)?.address ?? '<none>';
}

const ACCESS: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
const accessModes = (m: string[] | undefined) => (m ?? []).map((x) => ACCESS[x] ?? x).join(',');

function jobCompletions(j: O): string {
  const s = j.spec ?? {};
  const succeeded = j.status?.succeeded ?? 0;
  if (s.completions !== undefined && s.completions !== null) return `${succeeded}/${s.completions}`;
  const par = s.parallelism ?? 0;
  return par > 1 ? `${succeeded}/1 of ${par}` : `${succeeded}/1`;
}

function jobDuration(j: O, now: number): string {
  const start = j.status?.startTime;
  if (!start) return '';
  const end = j.status?.completionTime ? Date.parse(j.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

function jobStatus(j: O): string {
  const c = j.status?.conditions;
  if (hasCondition(c, 'Complete')) return 'Complete';
  if (hasCondition(c, 'Failed')) return 'Failed';
  if (j.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(c, 'Suspended')) return 'Suspended';
  if (hasCondition(c, 'FailureTarget')) return 'FailureTarget';
  if (hasCondition(c, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

function eventLastSeen(e: O, now: number): string {
  const last = e.lastTimestamp || e.eventTime || e.series?.lastObservedTime || e.metadata?.creationTimestamp;
  const first = e.firstTimestamp || e.eventTime || e.metadata?.creationTimestamp;
  const count = e.series?.count ?? e.count ?? 1;
  const l = since(last, now);
  if (count > 1) return `${l} (x${count} over ${since(first, now)})`;
  return l;
}

function hpaTargets(h: O): string {
  const metrics: O[] = h.spec?.metrics ?? [];
  if (!metrics.length) return '<none>';
  const current: O[] = h.status?.currentMetrics ?? [];
  const parts = metrics.map((m, i) => {
    if (m.type === 'Resource') {
      const target = m.resource?.target ?? {};
      const cur = current[i]?.resource?.current;
      if (target.averageUtilization !== undefined) {
        const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
        return `${m.resource.name}: ${c}/${target.averageUtilization}%`;
      }
      return `${m.resource.name}: ${cur?.averageValue ?? '<unknown>'}/${target.averageValue}`;
    }
    return '<unknown>';
  });
  if (parts.length > 4) return parts.slice(0, 4).join(', ') + ` + ${parts.length - 4} more...`;
  return parts.join(', ');
}

function pvClaim(pv: O): string {
  const c = pv.spec?.claimRef;
  return c ? `${c.namespace}/${c.name}` : '';
}

const boolStr = (b: unknown) => (b ? 'True' : 'False');

export const TABLES: Record<string, Column[]> = {
  Pod: [
    { name: 'READY', get: (o) => { const s = podStatus(o); return `${s.ready}/${s.total}`; } },
    { name: 'STATUS', get: (o) => podStatus(o).reason },
    { name: 'RESTARTS', get: (o, now) => { const s = podStatus(o); return s.lastRestart ? `${s.restarts} (${since(s.lastRestart, now)} ago)` : String(s.restarts); } },
    age,
    { name: 'IP', wide: true, get: (o) => none(o.status?.podIP) },
    { name: 'NODE', wide: true, get: (o) => none(o.spec?.nodeName) },
    { name: 'NOMINATED NODE', wide: true, get: (o) => none(o.status?.nominatedNodeName) },
    { name: 'READINESS GATES', wide: true, get: (o) => { const g: O[] = o.spec?.readinessGates ?? []; if (!g.length) return '<none>'; const t = g.filter((x) => hasCondition(o.status?.conditions, x.conditionType)).length; return `${t}/${g.length}`; } },
  ],
  Deployment: [
    { name: 'READY', get: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: 'UP-TO-DATE', get: (o) => String(o.status?.updatedReplicas ?? 0) },
    { name: 'AVAILABLE', get: (o) => String(o.status?.availableReplicas ?? 0) },
    age, containersCol, imagesCol, selectorCol,
  ],
  ReplicaSet: [
    { name: 'DESIRED', get: (o) => String(o.spec?.replicas ?? 0) },
    { name: 'CURRENT', get: (o) => String(o.status?.replicas ?? 0) },
    { name: 'READY', get: (o) => String(o.status?.readyReplicas ?? 0) },
    age, containersCol, imagesCol, selectorCol,
  ],
  StatefulSet: [
    { name: 'READY', get: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    age, containersCol, imagesCol,
  ],
  DaemonSet: [
    { name: 'DESIRED', get: (o) => String(o.status?.desiredNumberScheduled ?? 0) },
    { name: 'CURRENT', get: (o) => String(o.status?.currentNumberScheduled ?? 0) },
    { name: 'READY', get: (o) => String(o.status?.numberReady ?? 0) },
    { name: 'UP-TO-DATE', get: (o) => String(o.status?.updatedNumberScheduled ?? 0) },
    { name: 'AVAILABLE', get: (o) => String(o.status?.numberAvailable ?? 0) },
    { name: 'NODE SELECTOR', get: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector) },
    age, containersCol, imagesCol, selectorCol,
  ],
  Job: [
    { name: 'STATUS', get: (o) => jobStatus(o) },
    { name: 'COMPLETIONS', get: (o) => jobCompletions(o) },
    { name: 'DURATION', get: (o, now) => jobDuration(o, now) },
    age, containersCol, imagesCol, selectorCol,
  ],
  CronJob: [
    { name: 'SCHEDULE', get: (o) => o.spec?.schedule ?? '' },
    { name: 'TIMEZONE', get: (o) => none(o.spec?.timeZone) },
    { name: 'SUSPEND', get: (o) => boolStr(o.spec?.suspend) },
    { name: 'ACTIVE', get: (o) => String((o.status?.active ?? []).length) },
    { name: 'LAST SCHEDULE', get: (o, now) => (o.status?.lastScheduleTime ? since(o.status.lastScheduleTime, now) : '<none>') },
    age,
    { name: 'CONTAINERS', wide: true, get: (o) => (o.spec?.jobTemplate?.spec?.template?.spec?.containers ?? []).map((c: O) => c.name).join(',') },
    { name: 'IMAGES', wide: true, get: (o) => (o.spec?.jobTemplate?.spec?.template?.spec?.containers ?? []).map((c: O) => c.image).join(',') },
    { name: 'SELECTOR', wide: true, get: (o) => formatLabelSelector(o.spec?.jobTemplate?.spec?.selector) },
  ],
  Service: [
    { name: 'TYPE', get: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'CLUSTER-IP', get: (o) => none(o.spec?.clusterIP) },
    { name: 'EXTERNAL-IP', get: (o) => serviceExternalIp(o) },
    { name: 'PORT(S)', get: (o) => servicePorts(o) },
    age,
    { name: 'SELECTOR', wide: true, get: (o) => formatLabels(o.spec?.selector) },
  ],
  Endpoints: [
    {
      name: 'ENDPOINTS',
      get: (o) => {
        const list: string[] = [];
        for (const s of o.subsets ?? []) for (const a of s.addresses ?? []) for (const p of s.ports ?? [{}]) list.push(p.port ? `${a.ip}:${p.port}` : a.ip);
        if (!list.length) return '<none>';
        return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
      },
    },
    age,
  ],
  Node: [
    { name: 'STATUS', get: (o) => nodeStatus(o) },
    { name: 'ROLES', get: (o) => nodeRoles(o) },
    age,
    { name: 'VERSION', get: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
    { name: 'INTERNAL-IP', wide: true, get: (o) => nodeAddress(o, 'InternalIP') },
    { name: 'EXTERNAL-IP', wide: true, get: (o) => nodeAddress(o, 'ExternalIP') },
    { name: 'OS-IMAGE', wide: true, get: (o) => o.status?.nodeInfo?.osImage ?? '<unknown>' },
    { name: 'KERNEL-VERSION', wide: true, get: (o) => o.status?.nodeInfo?.kernelVersion ?? '<unknown>' },
    { name: 'CONTAINER-RUNTIME', wide: true, get: (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>' },
  ],
  Namespace: [{ name: 'STATUS', get: (o) => o.status?.phase ?? '' }, age],
  ConfigMap: [{ name: 'DATA', get: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length) }, age],
  Secret: [{ name: 'TYPE', get: (o) => o.type ?? 'Opaque' }, { name: 'DATA', get: (o) => String(Object.keys(o.data ?? {}).length) }, age],
  ServiceAccount: [{ name: 'SECRETS', get: (o) => String((o.secrets ?? []).length) }, age],
  PersistentVolume: [
    { name: 'CAPACITY', get: (o) => o.spec?.capacity?.storage ?? '' },
    { name: 'ACCESS MODES', get: (o) => accessModes(o.spec?.accessModes) },
    { name: 'RECLAIM POLICY', get: (o) => o.spec?.persistentVolumeReclaimPolicy ?? '' },
    { name: 'STATUS', get: (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '') },
    { name: 'CLAIM', get: (o) => pvClaim(o) },
    { name: 'STORAGECLASS', get: (o) => o.spec?.storageClassName ?? '' },
    { name: 'VOLUMEATTRIBUTESCLASS', get: (o) => none(o.spec?.volumeAttributesClassName) },
    { name: 'REASON', get: (o) => o.status?.reason ?? '' },
    age,
    { name: 'VOLUMEMODE', wide: true, get: (o) => o.spec?.volumeMode ?? '<unset>' },
  ],
  PersistentVolumeClaim: [
    { name: 'STATUS', get: (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : o.status?.phase ?? '') },
    { name: 'VOLUME', get: (o) => o.spec?.volumeName ?? '' },
    { name: 'CAPACITY', get: (o) => (o.status?.phase === 'Bound' ? o.status?.capacity?.storage ?? '' : '') },
    { name: 'ACCESS MODES', get: (o) => (o.status?.phase === 'Bound' ? accessModes(o.status?.accessModes) : '') },
    { name: 'STORAGECLASS', get: (o) => o.spec?.storageClassName ?? '' },
    { name: 'VOLUMEATTRIBUTESCLASS', get: (o) => none(o.status?.currentVolumeAttributesClassName) },
    age,
    { name: 'VOLUMEMODE', wide: true, get: (o) => o.spec?.volumeMode ?? '<unset>' },
  ],
  StorageClass: [
    { name: 'PROVISIONER', get: (o) => o.provisioner ?? '' },
    { name: 'RECLAIMPOLICY', get: (o) => o.reclaimPolicy ?? 'Delete' },
    { name: 'VOLUMEBINDINGMODE', get: (o) => o.volumeBindingMode ?? 'Immediate' },
    { name: 'ALLOWVOLUMEEXPANSION', get: (o) => (o.allowVolumeExpansion ? 'true' : 'false') },
    age,
  ],
  Event: [
    { name: 'LAST SEEN', get: (o, now) => eventLastSeen(o, now) },
    { name: 'TYPE', get: (o) => o.type ?? '' },
    { name: 'REASON', get: (o) => o.reason ?? '' },
    { name: 'OBJECT', get: (o) => `${String(o.involvedObject?.kind ?? '').toLowerCase()}/${o.involvedObject?.name ?? ''}` },
    { name: 'SUBOBJECT', wide: true, get: (o) => o.involvedObject?.fieldPath ?? '' },
    { name: 'SOURCE', wide: true, get: (o) => [o.source?.component, o.source?.host].filter(Boolean).join(', ') || o.reportingComponent || '' },
    { name: 'MESSAGE', get: (o) => String(o.message ?? '').trim() },
    { name: 'FIRST SEEN', wide: true, get: (o, now) => since(o.firstTimestamp || o.eventTime, now) },
    { name: 'COUNT', wide: true, get: (o) => String(o.count ?? 1) },
    { name: 'NAME', wide: true, get: (o) => o.metadata?.name ?? '' },
  ],
  HorizontalPodAutoscaler: [
    { name: 'REFERENCE', get: (o) => `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}` },
    { name: 'TARGETS', get: (o) => hpaTargets(o) },
    { name: 'MINPODS', get: (o) => String(o.spec?.minReplicas ?? 1) },
    { name: 'MAXPODS', get: (o) => String(o.spec?.maxReplicas ?? 0) },
    { name: 'REPLICAS', get: (o) => String(o.status?.currentReplicas ?? 0) },
    age,
  ],
  Ingress: [
    { name: 'CLASS', get: (o) => none(o.spec?.ingressClassName) },
    { name: 'HOSTS', get: (o) => { const h = (o.spec?.rules ?? []).map((r: O) => r.host).filter(Boolean); return h.length ? (h.length > 4 ? h.slice(0, 4).join(',') + ` + ${h.length - 4} more...` : h.join(',')) : '*'; } },
    { name: 'ADDRESS', get: (o) => (o.status?.loadBalancer?.ingress ?? []).map((i: O) => i.ip || i.hostname).join(',') },
    { name: 'PORTS', get: (o) => (o.spec?.tls?.length ? '80, 443' : '80') },
    age,
  ],
  NetworkPolicy: [{ name: 'POD-SELECTOR', get: (o) => formatLabelSelector(o.spec?.podSelector) }, age],
  Lease: [{ name: 'HOLDER', get: (o) => o.spec?.holderIdentity ?? '' }, age],
  ControllerRevision: [
    { name: 'CONTROLLER', get: (o) => { const r = (o.metadata?.ownerReferences ?? []).find((x: O) => x.controller); return r ? `${String(r.apiVersion).split('/')[0] === 'apps' ? r.kind.toLowerCase() + '.apps' : r.kind.toLowerCase()}/${r.name}` : '<none>'; } },
    { name: 'REVISION', get: (o) => String(o.revision ?? 0) },
    age,
  ],
  IngressClass: [{ name: 'CONTROLLER', get: (o) => o.spec?.controller ?? '' }, { name: 'PARAMETERS', get: (o) => (o.spec?.parameters ? `${o.spec.parameters.kind}/${o.spec.parameters.name}` : '<none>') }, age],
  ReplicationController: [
    { name: 'DESIRED', get: (o) => String(o.spec?.replicas ?? 0) },
    { name: 'CURRENT', get: (o) => String(o.status?.replicas ?? 0) },
    { name: 'READY', get: (o) => String(o.status?.readyReplicas ?? 0) },
    age,
    { name: 'CONTAINERS', wide: true, get: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: O) => c.name).join(',') },
    { name: 'IMAGES', wide: true, get: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: O) => c.image).join(',') },
    { name: 'SELECTOR', wide: true, get: (o) => formatLabels(o.spec?.selector) },
  ],
  ResourceQuota: [
    { name: 'REQUEST', get: (o) => quotaCol(o, false) },
    { name: 'LIMIT', get: (o) => quotaCol(o, true) },
    age,
  ],
  LimitRange: [{ name: 'CREATED AT', get: (o) => o.metadata?.creationTimestamp ?? '' }],
  PodDisruptionBudget: [
    { name: 'MIN AVAILABLE', get: (o) => (o.spec?.minAvailable !== undefined ? String(o.spec.minAvailable) : 'N/A') },
    { name: 'MAX UNAVAILABLE', get: (o) => (o.spec?.maxUnavailable !== undefined ? String(o.spec.maxUnavailable) : 'N/A') },
    { name: 'ALLOWED DISRUPTIONS', get: (o) => String(o.status?.disruptionsAllowed ?? 0) },
    age,
  ],
  PriorityClass: [{ name: 'VALUE', get: (o) => String(o.value ?? 0) }, { name: 'GLOBAL-DEFAULT', get: (o) => (o.globalDefault ? 'true' : 'false') }, age, { name: 'PREEMPTIONPOLICY', get: (o) => o.preemptionPolicy ?? 'PreemptLowerPriority' }],
  Role: [{ name: 'CREATED AT', get: (o) => o.metadata?.creationTimestamp ?? '' }],
  ClusterRole: [{ name: 'CREATED AT', get: (o) => o.metadata?.creationTimestamp ?? '' }],
  RoleBinding: [
    { name: 'ROLE', get: (o) => `${o.roleRef?.kind}/${o.roleRef?.name}` },
    age,
    { name: 'USERS', wide: true, get: (o) => subj(o, 'User') },
    { name: 'GROUPS', wide: true, get: (o) => subj(o, 'Group') },
    { name: 'SERVICEACCOUNTS', wide: true, get: (o) => subj(o, 'ServiceAccount') },
  ],
  ClusterRoleBinding: [
    { name: 'ROLE', get: (o) => `${o.roleRef?.kind}/${o.roleRef?.name}` },
    age,
    { name: 'USERS', wide: true, get: (o) => subj(o, 'User') },
    { name: 'GROUPS', wide: true, get: (o) => subj(o, 'Group') },
    { name: 'SERVICEACCOUNTS', wide: true, get: (o) => subj(o, 'ServiceAccount') },
  ],
  EndpointSlice: [
    { name: 'ADDRESSTYPE', get: (o) => o.addressType ?? '' },
    { name: 'PORTS', get: (o) => { const p = (o.ports ?? []).map((x: O) => String(x.port)); return p.length ? p.join(',') : '<unset>'; } },
    { name: 'ENDPOINTS', get: (o) => { const a: string[] = []; for (const e of o.endpoints ?? []) a.push(...(e.addresses ?? [])); return a.length ? (a.length > 3 ? a.slice(0, 3).join(',') + ` + ${a.length - 3} more...` : a.join(',')) : '<unset>'; } },
    age,
  ],
};

function subj(o: O, kind: string): string {
  return (o.subjects ?? []).filter((s: O) => s.kind === kind).map((s: O) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name)).join(', ');
}

function quotaCol(o: O, limits: boolean): string {
  const hard = o.status?.hard ?? o.spec?.hard ?? {};
  const used = o.status?.used ?? {};
  const parts: string[] = [];
  for (const k of Object.keys(hard).sort()) {
    const isLimit = k.startsWith('limits.');
    if (isLimit !== limits) continue;
    parts.push(`${k}: ${used[k] ?? '0'}/${hard[k]}`);
  }
  return parts.join(', ');
}

const createdAt: Column = { name: 'CREATED AT', get: (o) => o.metadata?.creationTimestamp ?? '' };

/** Kinds without a server printer get the default table convertor's NAME and CREATED AT. */
export function columnsFor(kind: string): Column[] {
  return TABLES[kind] ?? [createdAt];
}

/** The storage class name cell shows `(default)` for the default class. */
export function nameCell(o: O): string {
  const n = o.metadata?.name ?? '';
  if (o.kind === 'StorageClass' && (o.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')) return `${n} (default)`;
  return n;
}
