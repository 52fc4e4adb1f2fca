/** scale, autoscale, set, rollout, label, annotate, patch, edit, cordon/uncordon/drain, taint, wait. */
import * as api from '../world/k8s/api.js';
import { createObject, getObject, listObjects, patchObject, scaleObject, deleteObject, type KObject, type ResourceInfo } from '../world/k8s/api.js';
import { ApiFailure, CmdError, apiErrorText, helpHint, kindPrefix, must, mustResolve, outputFormat, parseResourceArgs, printStructured, groupedResource, type K } from './context.js';
import { splitSlice } from './generators.js';
import { goTabwriter, describePodTemplateRaw } from './describe.js';
import { jsonpath } from './jsonpath.js';
import { nextWake } from '../world/sim.js';
import { toYaml } from './yaml-out.js';

type O = Record<string, any>;

const NO_RESOURCES = `You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`;

function dryRun(k: K): 'none' | 'client' | 'server' {
  const d: string = k.f['dry-run'] ?? 'none';
  if (d === 'none' || d === 'client' || d === 'server') return d;
  throw new CmdError(`Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

function suffix(dr: string): string {
  return dr === 'client' ? ' (dry run)' : dr === 'server' ? ' (server dry run)' : '';
}

interface Target {
  r: ResourceInfo;
  obj: KObject;
}

/** Resolves `TYPE NAME...`, `TYPE/NAME...`, `TYPE -l sel`, `TYPE --all` and -f into live objects. */
async function targets(k: K, args: string[], opts: { allowSelector?: boolean; requireName?: boolean } = {}): Promise<{ list: Target[]; errors: string[] }> {
  const list: Target[] = [];
  const errors: string[] = [];
  if (k.f.filename?.length) {
    const { readManifests } = await import('./manifests.js');
    for (const m of await readManifests(k, k.f.filename, k.f.recursive)) {
      const r = api.discovery(k.world).find((x) => x.kind === m.obj.kind);
      if (!r) continue;
      const res = getObject(k.world, r.kind, r.namespaced ? m.obj.metadata?.namespace || k.ns : undefined, m.obj.metadata?.name);
      if (res.ok) list.push({ r, obj: res.value });
      else errors.push(apiErrorText(res.error));
    }
    return { list, errors };
  }
  if (!args.length) throw new CmdError(NO_RESOURCES);
  for (const { r, names } of parseResourceArgs(k.world, args)) {
    if (names.length) {
      for (const n of names) {
        const res = getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, n);
        if (res.ok) list.push({ r, obj: res.value });
        else errors.push(apiErrorText(res.error));
      }
    } else if (k.f.selector || k.f.all) {
      const res = must(listObjects(k.world, r.kind, r.namespaced && !k.f['all-namespaces'] ? k.ns : undefined, { labelSelector: k.f.selector || undefined }));
      for (const o of res) list.push({ r, obj: o });
    } else if (opts.requireName !== false) {
      throw new CmdError(`resource(s) were provided, but no name was specified`);
    }
  }
  return { list, errors };
}

function finish(k: K, errors: string[]): number {
  for (const e of errors) k.io.err(e);
  return errors.length ? 1 : 0;
}

const nsOf = (t: Target) => (t.r.namespaced ? t.obj.metadata.namespace : undefined);

// ---------- scale ----------

async function scale(k: K): Promise<number> {
  if (!k.p.changed.has('replicas')) throw new CmdError('required flag(s) "replicas" not set');
  const dr = dryRun(k);
  if (k.f.replicas < 0) throw new CmdError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const found = await targets(k, k.args);
  const { list } = found;
  // kubectl scale skips the objects it cannot get; with none left it reports the last lookup error
  if (!list.length && found.errors.length) {
    throw new CmdError(`no objects passed to scale ${found.errors[found.errors.length - 1]!.replace(/^Error from server \(\w+\): /, '').trimEnd()}`, '');
  }
  const errors: string[] = [...found.errors];
  for (const t of list) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(t.r.kind)) {
      // no scale subresource: the API server's 404 for pods/NAME/scale and the like
      errors.push('Error from server (NotFound): the server could not find the requested resource\n');
      continue;
    }
    if (k.f['current-replicas'] >= 0 && t.obj.spec?.replicas !== k.f['current-replicas']) {
      errors.push(`error: Expected replicas to be ${k.f['current-replicas']}, was ${t.obj.spec?.replicas}\n`);
      continue;
    }
    if (dr !== 'client') {
      const res = scaleObject(k.world, t.r.kind, t.obj.metadata.namespace, t.obj.metadata.name, k.f.replicas, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined });
      if (!res.ok) {
        errors.push(apiErrorText(res.error));
        continue;
      }
    }
    k.io.out(`${kindPrefix(t.r)}/${t.obj.metadata.name} scaled${suffix(dr)}\n`);
  }
  return finish(k, errors);
}

// ---------- autoscale ----------

async function autoscale(k: K): Promise<number> {
  if (!k.p.changed.has('max')) throw new CmdError('required flag(s) "max" not set');
  const dr = dryRun(k);
  const { fmt, arg } = outputFormat(k, false);
  const { list, errors } = await targets(k, k.args);
  for (const t of list) {
    if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(t.r.kind)) {
      errors.push(`error: cannot autoscale a ${t.r.kind}: cannot autoscale a ${t.r.kind}\n`);
      continue;
    }
    if (k.f.min > k.f.max && k.f.min !== -1) throw new CmdError(`--max=MAXPODS must be larger or equal to --min=MINPODS, got min=${k.f.min} max=${k.f.max}`);
    const name = k.f.name || t.obj.metadata.name;
    const spec: O = { scaleTargetRef: { apiVersion: `${t.r.group ? t.r.group + '/' : ''}${t.r.version}`, kind: t.r.kind, name: t.obj.metadata.name } };
    if (k.f.min >= 0) spec.minReplicas = k.f.min;
    spec.maxReplicas = k.f.max;
    if (k.f['cpu-percent'] >= 0) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: k.f['cpu-percent'] } } }];
    const hpa: O = { kind: 'HorizontalPodAutoscaler', apiVersion: 'autoscaling/v2', metadata: { name, namespace: t.obj.metadata.namespace, creationTimestamp: null }, spec, status: { currentMetrics: null, desiredReplicas: 0 } };
    if (dr === 'client') {
      if (!(await printStructured(k, [hpa], { single: true, typed: true, fmt, arg }))) k.io.out(`horizontalpodautoscaler.autoscaling/${name} autoscaled (dry run)\n`);
      continue;
    }
    const send = structuredClone(hpa);
    delete send.metadata.creationTimestamp;
    delete send.status;
    const res = createObject(k.world, send, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined, fieldManager: 'kubectl-autoscale' });
    if (!res.ok) {
      errors.push(apiErrorText(res.error));
      continue;
    }
    if (!(await printStructured(k, [res.value], { single: true, fmt, arg }))) k.io.out(`horizontalpodautoscaler.autoscaling/${name} autoscaled${suffix(dr)}\n`);
  }
  return finish(k, errors);
}

// ---------- set image / env / resources ----------

function podSpecOf(o: O): O | undefined {
  if (o.kind === 'Pod') return o.spec;
  if (o.kind === 'CronJob') return o.spec?.jobTemplate?.spec?.template?.spec;
  return o.spec?.template?.spec;
}

function podSpecPath(o: O): string[] {
  if (o.kind === 'Pod') return ['spec'];
  if (o.kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

function wrap(path: string[], v: O): O {
  let out: O = v;
  for (let i = path.length - 1; i >= 0; i--) out = { [path[i]!]: out };
  return out;
}

async function applySpecChange(k: K, t: Target, mutate: (spec: O) => boolean | string, verb: string, errors: string[]): Promise<void> {
  const dr = dryRun(k);
  const obj = structuredClone(t.obj);
  const spec = podSpecOf(obj);
  if (!spec) {
    errors.push(`error: ${kindPrefix(t.r)}/${obj.metadata.name} does not have a pod template\n`);
    return;
  }
  const r = mutate(spec);
  if (typeof r === 'string') {
    errors.push(r);
    return;
  }
  if (!r) return;
  const { fmt, arg } = outputFormat(k, false);
  if (dr === 'client') {
    if (!(await printStructured(k, [obj], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(t.r)}/${obj.metadata.name} ${verb}\n`);
    return;
  }
  const patch = wrap(podSpecPath(obj), { containers: spec.containers, ...(spec.initContainers ? { initContainers: spec.initContainers } : {}) });
  const res = patchObject(k.world, t.r.kind, nsOf(t), obj.metadata.name, 'merge', patch, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined });
  if (!res.ok) {
    errors.push(apiErrorText(res.error));
    return;
  }
  if (!(await printStructured(k, [res.value], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(t.r)}/${obj.metadata.name} ${verb}\n`);
}

async function setImage(k: K): Promise<number> {
  const resArgs = k.args.filter((a) => !a.includes('='));
  const pairs = k.args.filter((a) => a.includes('='));
  if (!resArgs.length && !k.f.filename?.length) throw new CmdError(NO_RESOURCES);
  if (!pairs.length) throw new CmdError('at least one image update is required', helpHint(k));
  const { list, errors } = await targets(k, resArgs);
  for (const t of list) {
    await applySpecChange(k, t, (spec) => {
      let changed = false;
      for (const p of pairs) {
        const [name, image] = [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)];
        const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
        const hits = name === '*' ? all : all.filter((c: O) => c.name === name);
        if (!hits.length) return `error: unable to find container named "${name}"\n`;
        for (const c of hits) {
          if (c.image !== image) changed = true;
          c.image = image;
        }
      }
      return changed;
    }, 'image updated', errors);
  }
  return finish(k, errors);
}

/** One line of `set env --list` (set_env.go). */
function envListLine(e: O): string {
  const f = e.valueFrom;
  if (!f) return `${e.name}=${e.value ?? ''}`;
  if (f.fieldRef) return `# ${e.name} from field path ${f.fieldRef.fieldPath ?? ''}`;
  if (f.resourceFieldRef) return `# ${e.name} from resource ${f.resourceFieldRef.resource ?? ''}`;
  if (f.configMapKeyRef) return `# ${e.name} from configmap ${f.configMapKeyRef.name ?? ''}, key ${f.configMapKeyRef.key ?? ''}`;
  if (f.secretKeyRef) return `# ${e.name} from secret ${f.secretKeyRef.name ?? ''}, key ${f.secretKeyRef.key ?? ''}`;
  return `# ${e.name} from unknown source`;
}

async function setEnv(k: K): Promise<number> {
  const envArgs = k.args.filter((a) => /^[A-Za-z_][\w.-]*=/.test(a) || /^[A-Za-z_][\w.-]*-$/.test(a));
  const resArgs = k.args.filter((a) => !envArgs.includes(a));
  const sets: [string, string][] = [...envArgs.filter((a) => a.includes('=')), ...(k.f.env ?? [])].map((a: string) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]);
  const removes = envArgs.filter((a) => a.endsWith('-') && !a.includes('=')).map((a) => a.slice(0, -1));
  const { list, errors } = await targets(k, resArgs);
  if (k.f.list) {
    for (const t of list) {
      const spec = podSpecOf(t.obj);
      for (const c of spec?.containers ?? []) {
        k.io.out(`# ${t.r.kind} ${t.obj.metadata.name}, container ${c.name}\n`);
        for (const e of c.env ?? []) k.io.out(`${envListLine(e)}\n`);
      }
    }
    return finish(k, errors);
  }
  if (!sets.length && !removes.length && !k.f.from) throw new CmdError('at least one environment variable must be provided', helpHint(k));
  // --from=configmap/NAME|secret/NAME: one variable per key (set_env.go: upper case, [^A-Za-z0-9_] -> _, --prefix,
  // --keys), each a reference to that key. Go's map order is random there; sorted here.
  const refs: O[] = [];
  if (k.f.from) {
    const [kind, name] = String(k.f.from).split('/');
    const r = kind ? api.resolveResource(k.io.world, kind) : undefined;
    if (!r || !name || (r.kind !== 'ConfigMap' && r.kind !== 'Secret')) throw new CmdError(`unsupported type "${kind ?? ''}" for --from: only configmap and secret are supported`, '');
    const src = getObject(k.io.world, r.kind, k.ns, name);
    if (!src.ok) throw new ApiFailure(src.error);
    const keys: string[] = (k.f.keys ?? []).flatMap((x: string) => x.split(','));
    const ref = r.kind === 'Secret' ? 'secretKeyRef' : 'configMapKeyRef';
    for (const key of Object.keys({ ...(src.value.data ?? {}), ...(src.value.binaryData ?? {}) }).sort()) {
      if (keys.length && !keys.includes(key)) continue;
      refs.push({ name: `${k.f.prefix ?? ''}${key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase()}`, valueFrom: { [ref]: { name, key } } });
    }
  }
  for (const t of list) {
    await applySpecChange(k, t, (spec) => {
      let changed = false;
      for (const c of spec.containers ?? []) {
        if (k.f.containers && k.f.containers !== '*' && c.name !== k.f.containers) continue;
        const env: O[] = c.env ?? [];
        for (const e of refs) {
          const i = env.findIndex((x) => x.name === e.name);
          if (i >= 0 && JSON.stringify(env[i]) === JSON.stringify(e)) continue;
          if (i >= 0) env[i] = structuredClone(e);
          else env.push(structuredClone(e));
          changed = true;
        }
        for (const [n, v] of sets) {
          const e = env.find((x) => x.name === n);
          if (e) {
            if (e.value !== v || e.valueFrom) changed = true;
            e.value = v;
            delete e.valueFrom;
          } else {
            env.push({ name: n, value: v });
            changed = true;
          }
        }
        for (const n of removes) {
          const i = env.findIndex((x) => x.name === n);
          if (i >= 0) {
            env.splice(i, 1);
            changed = true;
          }
        }
        if (env.length) c.env = env;
        else delete c.env;
      }
      return changed;
    }, 'env updated', errors);
  }
  return finish(k, errors);
}

async function setResources(k: K): Promise<number> {
  const parse = (s: string) => Object.fromEntries(s.split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const limits = k.f.limits ? parse(k.f.limits) : {};
  const requests = k.f.requests ? parse(k.f.requests) : {};
  if (!Object.keys(limits).length && !Object.keys(requests).length) throw new CmdError('you must specify an update to requests or limits (in the form of --requests/--limits)', helpHint(k));
  const { list, errors } = await targets(k, k.args);
  for (const t of list) {
    await applySpecChange(k, t, (spec) => {
      for (const c of spec.containers ?? []) {
        if (k.f.containers && k.f.containers !== '*' && c.name !== k.f.containers) continue;
        c.resources ??= {};
        if (Object.keys(limits).length) c.resources.limits = { ...(c.resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length) c.resources.requests = { ...(c.resources.requests ?? {}), ...requests };
      }
      return true;
    }, 'resource requirements updated', errors);
  }
  return finish(k, errors);
}

// ---------- rollout ----------

function rolloutTargets(k: K): { r: ResourceInfo; name: string }[] {
  if (!k.args.length && !k.f.filename?.length) throw new CmdError('required resource not specified');
  const out: { r: ResourceInfo; name: string }[] = [];
  for (const { r, names } of parseResourceArgs(k.world, k.args)) {
    if (!names.length) {
      if (k.f.selector) {
        for (const o of must(listObjects(k.world, r.kind, k.ns, { labelSelector: k.f.selector }))) out.push({ r, name: o.metadata.name });
        continue;
      }
      throw new CmdError(`resource(s) were provided, but no name was specified`);
    }
    for (const n of names) out.push({ r, name: n });
  }
  return out;
}

function ensureRolloutKind(r: ResourceInfo, verb: string): void {
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(r.kind)) {
    throw new CmdError(`no ${verb} has been implemented for ${JSON.stringify({ Group: r.group, Kind: r.kind }).replace(/"(\w+)":/g, '$1:')}`);
  }
}

function statusMessage(o: O): { msg: string; done: boolean; error?: string } {
  const st = o.status ?? {};
  const name = o.metadata.name;
  if (o.kind === 'Deployment') {
    if ((o.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
      const cond = (st.conditions ?? []).find((c: O) => c.type === 'Progressing');
      if (cond?.reason === 'ProgressDeadlineExceeded') return { msg: '', done: false, error: `deployment "${name}" exceeded its progress deadline` };
      const want = o.spec?.replicas ?? 1;
      const updated = st.updatedReplicas ?? 0;
      if (updated < want) return { msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
      if ((st.replicas ?? 0) > updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
      if ((st.availableReplicas ?? 0) < updated) return { msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
      return { msg: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { msg: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (o.kind === 'DaemonSet') {
    if ((o.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
      if ((st.updatedNumberScheduled ?? 0) < (st.desiredNumberScheduled ?? 0)) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.updatedNumberScheduled ?? 0} out of ${st.desiredNumberScheduled} new pods have been updated...\n`, done: false };
      if ((st.numberAvailable ?? 0) < (st.desiredNumberScheduled ?? 0)) return { msg: `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${st.desiredNumberScheduled} updated pods are available...\n`, done: false };
      return { msg: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { msg: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  // StatefulSet
  if ((o.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { msg: '', done: false, error: 'rollout status is only available for RollingUpdate strategy type' };
  if (!st.observedGeneration || (o.metadata.generation ?? 0) > st.observedGeneration) return { msg: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const want = o.spec?.replicas ?? 1;
  if ((st.readyReplicas ?? 0) < want) return { msg: `Waiting for ${want - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
  const part = o.spec?.updateStrategy?.rollingUpdate?.partition;
  if (part && want > 0) {
    if ((st.updatedReplicas ?? 0) < want - part) return { msg: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${want - part} new pods have been updated...\n`, done: false };
    return { msg: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
  }
  if (st.updateRevision !== st.currentRevision) return { msg: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
  return { msg: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
}

async function rolloutStatus(k: K): Promise<number> {
  const ts = rolloutTargets(k);
  for (const t of ts) {
    ensureRolloutKind(t.r, 'status viewer');
    const timeout = k.f.timeout > 0 ? k.f.timeout : 30 * 60_000;
    const deadline = k.io.now() + timeout;
    // kubectl watches the object and prints the status at every Added/Modified event (each new
    // resourceVersion), so a message repeats when the status changes without changing the message.
    let last: string | undefined;
    for (;;) {
      const o = must(getObject(k.world, t.r.kind, k.ns, t.name));
      const s = statusMessage(o);
      if (s.error) throw new CmdError(s.error);
      const rv = String(o.metadata.resourceVersion ?? '');
      if (rv !== last) {
        k.io.out(s.msg);
        last = rv;
      }
      if (s.done) break;
      if (k.f.watch === false) break;
      if (k.io.now() >= deadline) throw new CmdError('timed out waiting for the condition');
      // a watch sees every change: step to the simulation's next wake-up (at most 5s at a time)
      const wake = nextWake(k.world, k.io.now());
      k.io.advance(wake === undefined ? 5000 : Math.max(1, Math.min(wake - k.io.now(), 5000)));
    }
  }
  return 0;
}

function revisionsOf(k: K, d: O): { revision: number; rs: O }[] {
  const rss = must(listObjects(k.world, 'ReplicaSet', d.metadata.namespace, {}));
  return rss
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((x: O) => x.uid === d.metadata.uid && x.controller))
    .map((rs) => ({ revision: Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0), rs }))
    .filter((x) => x.revision > 0)
    .sort((a, b) => a.revision - b.revision);
}

async function rolloutHistory(k: K): Promise<number> {
  const ts = rolloutTargets(k);
  for (const t of ts) {
    ensureRolloutKind(t.r, 'history viewer');
    const o = must(getObject(k.world, t.r.kind, k.ns, t.name));
    let revs: { revision: number; tpl: O; cause?: string }[] = [];
    if (t.r.kind === 'Deployment') revs = revisionsOf(k, o).map((x) => ({ revision: x.revision, tpl: x.rs.spec.template, cause: x.rs.metadata.annotations?.['kubernetes.io/change-cause'] }));
    else {
      const crs = must(listObjects(k.world, 'ControllerRevision', o.metadata.namespace, {}));
      revs = crs
        .filter((c) => (c.metadata.ownerReferences ?? []).some((x: O) => x.uid === o.metadata.uid))
        .map((c) => ({ revision: c.revision, tpl: c.data?.spec?.template ?? {}, cause: c.metadata.annotations?.['kubernetes.io/change-cause'] }))
        .sort((a, b) => a.revision - b.revision);
    }
    const rev: number = k.f.revision ?? 0;
    if (rev > 0) {
      const r = revs.find((x) => x.revision === rev);
      if (!r) throw new CmdError(`unable to find the specified revision`);
      k.io.out(`${kindPrefix(t.r)}/${t.name} with revision #${rev}\n${describePodTemplateRaw(r.tpl)}\n`);
      continue;
    }
    if (!revs.length) {
      k.io.out(`${kindPrefix(t.r)}/${t.name} \nNo rollout history found.\n`);
      continue;
    }
    const table = goTabwriter('REVISION\tCHANGE-CAUSE\n' + revs.map((r) => `${r.revision}\t${r.cause || '<none>'}\n`).join(''));
    k.io.out(`${kindPrefix(t.r)}/${t.name} \n${table}\n`);
  }
  return 0;
}

async function rolloutUndo(k: K): Promise<number> {
  const ts = rolloutTargets(k);
  const dr = dryRun(k);
  const errors: string[] = [];
  for (const t of ts) {
    ensureRolloutKind(t.r, 'rollbacker');
    must(getObject(k.world, t.r.kind, k.ns, t.name));
    if (t.r.kind !== 'Deployment') throw new CmdError(`rollback is not supported for ${t.r.kind} in k8s-drill yet`);
    if (dr !== 'none') {
      k.io.out(`${kindPrefix(t.r)}/${t.name} rolled back${suffix(dr)}\n`);
      continue;
    }
    const res = api.rollbackDeployment(k.world, k.ns, t.name, k.f['to-revision'] ?? 0, k.now);
    if (!res.ok) {
      errors.push(`error: ${res.error}\n`);
      continue;
    }
    if (res.unchanged) {
      const target = k.f['to-revision'] || (revisionsOf(k, res.value).slice(-2)[0]?.revision ?? 0);
      k.io.out(`${kindPrefix(t.r)}/${t.name} skipped rollback (current template already matches revision ${target})\n`);
      continue;
    }
    k.io.out(`${kindPrefix(t.r)}/${t.name} rolled back\n`);
  }
  return finish(k, errors);
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

async function rolloutRestart(k: K): Promise<number> {
  const ts = rolloutTargets(k);
  const dr = dryRun(k);
  const errors: string[] = [];
  for (const t of ts) {
    ensureRolloutKind(t.r, 'restarter');
    const o = must(getObject(k.world, t.r.kind, k.ns, t.name));
    if (o.spec?.paused) {
      errors.push(`error: ${t.r.kind.toLowerCase()}s "${t.name}" is paused, run 'kubectl rollout resume ${t.r.resource}/${t.name}' first\n`.replace(`${t.r.kind.toLowerCase()}s "`, `${groupedResource(t.r)} "`));
      continue;
    }
    if (dr !== 'client') {
      const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(k.io.now()) } } } } };
      const res = patchObject(k.world, t.r.kind, k.ns, t.name, 'strategic', patch, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined });
      if (!res.ok) {
        errors.push(apiErrorText(res.error));
        continue;
      }
    }
    k.io.out(`${kindPrefix(t.r)}/${t.name} restarted${suffix(dr)}\n`);
  }
  return finish(k, errors);
}

function pauseResume(pause: boolean) {
  return async (k: K): Promise<number> => {
    const ts = rolloutTargets(k);
    const errors: string[] = [];
    for (const t of ts) {
      if (t.r.kind !== 'Deployment') throw new CmdError(`${pause ? 'pausing' : 'resuming'} is not supported`);
      const o = must(getObject(k.world, t.r.kind, k.ns, t.name));
      if (!!o.spec?.paused === pause) {
        errors.push(`error: ${groupedResource(t.r)} "${t.name}" is ${pause ? 'already paused' : 'not paused'}\n`);
        continue;
      }
      must(patchObject(k.world, t.r.kind, k.ns, t.name, 'merge', { spec: { paused: pause ? true : null } }, { now: k.now }));
      k.io.out(`${kindPrefix(t.r)}/${t.name} ${pause ? 'paused' : 'resumed'}\n`);
    }
    return finish(k, errors);
  };
}

// ---------- label / annotate ----------

function labelOrAnnotate(which: 'labels' | 'annotations') {
  return async (k: K): Promise<number> => {
    const isPair = (a: string) => /^[^=\s]+=/.test(a) && !a.includes('/') ? true : /^[^=\s]+=/.test(a) && a.indexOf('=') < (a.indexOf('/') >= 0 ? Infinity : 0) ? true : /=/.test(a) || /-$/.test(a) && !a.includes('/');
    let resArgs: string[] = [];
    const changes: string[] = [];
    // kubectl: the first arguments are resources, then key=value / key- pairs
    for (const a of k.args) {
      if (changes.length || a.includes('=') || (a.endsWith('-') && !a.includes('/') && resArgs.length > 0)) changes.push(a);
      else resArgs.push(a);
    }
    void isPair;
    if (!resArgs.length && !k.f.filename?.length) throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (!changes.length && !k.f.list) throw new CmdError(`at least one ${which === 'labels' ? 'label' : 'annotation'} update is required`);
    const set: [string, string][] = [];
    const remove: string[] = [];
    for (const c of changes) {
      if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
      else set.push([c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]);
    }
    if (resArgs.length === 1 && !resArgs[0]!.includes('/') && !k.f.all && !k.f.selector) {
      throw new CmdError('resource(s) were provided, but no name was specified');
    }
    const dr = dryRun(k);
    const { list, errors } = await targets(k, resArgs);
    const verb = which === 'labels' ? 'labeled' : 'annotated';
    for (const t of list) {
      const cur: O = { ...(t.obj.metadata[which] ?? {}) };
      if (k.f.list) {
        for (const key of Object.keys(cur).sort()) k.io.out(`${key}=${cur[key]}\n`);
        continue;
      }
      let conflict = '';
      if (which === 'labels') {
        // label.go validateNoOverwrites: a different value only
        for (const [key, v] of set) if (!conflict && key in cur && !k.f.overwrite && cur[key] !== v) conflict = `'${key}' already has a value (${cur[key]}), and --overwrite is false`;
      } else if (!k.f.overwrite) {
        // annotate.go validateNoAnnotationOverwrites: any declared key, except the change-cause
        const found = set.filter(([key]) => key in cur && key !== 'kubernetes.io/change-cause').map(([key]) => `'${key}' already has a value (${cur[key]})`);
        if (found.length) conflict = `--overwrite is false but found the following declared annotation(s): ${found.join('; ')}`;
      }
      if (conflict) {
        errors.push(`error: ${conflict}\n`);
        continue;
      }
      if (k.f['resource-version'] && k.f['resource-version'] !== t.obj.metadata.resourceVersion) {
        errors.push(`Error from server (Conflict): Operation cannot be fulfilled on ${groupedResource(t.r)} "${t.obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again\n`);
        continue;
      }
      const before = JSON.stringify(cur);
      const patch: O = {};
      for (const [key, v] of set) {
        cur[key] = v;
        patch[key] = v;
      }
      for (const key of remove) {
        if (key in cur) {
          delete cur[key];
          patch[key] = null;
        } else if (which === 'labels') k.io.out(`label "${key}" not found.\n`);
      }
      const after = JSON.stringify(cur);
      const changed = after !== before;
      // label.go updateDataChangeMsg: "unlabeled" when the object got shorter without --overwrite;
      // annotate always says "annotated"
      const msg = which === 'annotations' ? verb : !changed ? `not ${verb}` : !k.f.overwrite && after.length < before.length ? 'unlabeled' : verb;
      if (changed && dr !== 'client') {
        const res = patchObject(k.world, t.r.kind, nsOf(t), t.obj.metadata.name, 'merge', { metadata: { [which]: patch } }, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined });
        if (!res.ok) {
          errors.push(apiErrorText(res.error));
          continue;
        }
      }
      const { fmt, arg } = outputFormat(k, false);
      if (fmt) {
        const o = must(getObject(k.world, t.r.kind, nsOf(t), t.obj.metadata.name));
        await printStructured(k, [o], { single: true, fmt, arg });
        continue;
      }
      k.io.out(`${kindPrefix(t.r)}/${t.obj.metadata.name} ${msg}${suffix(dr)}\n`);
    }
    return finish(k, errors);
  };
}

// ---------- patch / edit ----------

async function patch(k: K): Promise<number> {
  let p: string = k.f.patch;
  if (!p && k.f['patch-file']) p = k.io.fs.readFile(k.f['patch-file']) ?? '';
  if (!p) throw new CmdError('must specify --patch or --patch-file containing the contents of the patch');
  const type = (k.f.type || 'strategic') as 'strategic' | 'merge' | 'json';
  if (!['strategic', 'merge', 'json'].includes(type)) throw new CmdError(`--type must be one of [json merge strategic], not "${type}"`);
  let body: unknown;
  try {
    body = JSON.parse(p);
  } catch {
    try {
      const YAML = await (await import('./manifests.js')).loadYaml();
      body = YAML.parse(p);
    } catch {
      throw new CmdError(`unable to parse "${p}": yaml: did not find expected node content`);
    }
  }
  const dr = dryRun(k);
  const { list, errors } = await targets(k, k.args);
  for (const t of list) {
    const before = JSON.stringify(t.obj);
    const res = patchObject(k.world, t.r.kind, nsOf(t), t.obj.metadata.name, type, body, { now: k.now, dryRun: dr !== 'none' ? 'All' : undefined, subresource: k.f.subresource || undefined });
    if (!res.ok) {
      errors.push(apiErrorText(res.error));
      continue;
    }
    const { fmt, arg } = outputFormat(k, false);
    if (await printStructured(k, [res.value], { single: true, fmt, arg })) continue;
    const same = JSON.stringify(res.value) === before || res.value.metadata?.resourceVersion === t.obj.metadata.resourceVersion;
    k.io.out(`${kindPrefix(t.r)}/${t.obj.metadata.name} patched${same ? ' (no change)' : ''}${suffix(dr)}\n`);
  }
  return finish(k, errors);
}

async function edit(k: K): Promise<number> {
  const { list, errors } = await targets(k, k.args);
  if (!list.length) return finish(k, errors);
  if (!k.io.ctx.editFile) {
    const editor = k.io.env.KUBE_EDITOR || k.io.env.EDITOR || 'vi';
    k.io.err(`error: there was a problem with the editor "${editor}"\n`);
    return 1;
  }
  for (const t of list) {
    const text = toYaml(t.obj);
    const header = `# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit. If an error occurs while saving this file will be\n# reopened with the relevant failures.\n#\n`;
    const edited = await k.io.ctx.editFile(header + text, '.yaml');
    if (edited === null) {
      k.io.err(`error: there was a problem with the editor "vi"\n`);
      return 1;
    }
    const body = edited.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    if (!body.trim()) {
      k.io.out('Edit cancelled, no changes made.\n');
      continue;
    }
    const YAML = await (await import('./manifests.js')).loadYaml();
    let obj: O;
    try {
      obj = YAML.parse(body);
    } catch (e) {
      k.io.err(`error: ${(e as Error).message}\n`);
      return 1;
    }
    if (JSON.stringify(obj) === JSON.stringify(YAML.parse(text))) {
      k.io.out('Edit cancelled, no changes made.\n');
      continue;
    }
    const res = api.updateObject(k.world, obj, { now: k.now });
    if (!res.ok) {
      errors.push(apiErrorText(res.error));
      continue;
    }
    k.io.out(`${kindPrefix(t.r)}/${t.obj.metadata.name} edited\n`);
  }
  return finish(k, errors);
}

// ---------- nodes ----------

function cordon(unschedulable: boolean) {
  return async (k: K): Promise<number> => {
    if (!k.args.length && !k.f.selector) throw new CmdError(`USAGE: ${unschedulable ? 'cordon' : 'uncordon'} NODE [flags]`, helpHint(k));
    const dr = dryRun(k);
    const nodes = k.f.selector ? must(listObjects(k.world, 'Node', undefined, { labelSelector: k.f.selector })) : k.args.map((n) => must(getObject(k.world, 'Node', undefined, n)));
    for (const n of nodes) {
      const verb = unschedulable ? 'cordoned' : 'uncordoned';
      if (!!n.spec?.unschedulable === unschedulable) {
        k.io.out(`node/${n.metadata.name} already ${verb}\n`);
        continue;
      }
      if (dr !== 'client') must(patchObject(k.world, 'Node', undefined, n.metadata.name, 'merge', { spec: { unschedulable: unschedulable ? true : null } }, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined }));
      k.io.out(`node/${n.metadata.name} ${verb}${suffix(dr)}\n`);
    }
    return 0;
  };
}

async function drain(k: K): Promise<number> {
  if (!k.args.length) throw new CmdError('USAGE: drain NODE [flags]', helpHint(k));
  const name = k.args[0]!;
  const node = must(getObject(k.world, 'Node', undefined, name));
  const pods = must(listObjects(k.world, 'Pod', undefined, {})).filter((p) => p.spec?.nodeName === name && !['Succeeded', 'Failed'].includes(p.status?.phase) && !p.metadata.deletionTimestamp);
  const ds: string[] = [], unmanaged: string[] = [], local: string[] = [];
  const evict: O[] = [];
  for (const p of pods) {
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    if (p.metadata.annotations?.['kubernetes.io/config.mirror']) continue;
    const ctl = (p.metadata.ownerReferences ?? []).find((o: O) => o.controller);
    if (ctl?.kind === 'DaemonSet') {
      ds.push(id);
      continue;
    }
    if (!ctl) unmanaged.push(id);
    if ((p.spec?.volumes ?? []).some((v: O) => v.emptyDir)) local.push(id);
    evict.push(p);
  }
  const problems: string[] = [];
  if (ds.length && !k.f['ignore-daemonsets']) problems.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.join(', ')}`);
  if (unmanaged.length && !k.f.force) problems.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.join(', ')}`);
  if (local.length && !k.f['delete-emptydir-data']) problems.push(`cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(', ')}`);
  if (!node.spec?.unschedulable) must(patchObject(k.world, 'Node', undefined, name, 'merge', { spec: { unschedulable: true } }, { now: k.now }));
  k.io.out(`node/${name} cordoned\n`);
  if (problems.length) {
    k.io.err(`error: unable to drain node "${name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.join('\n')}\n`);
    return 1;
  }
  const warnings: string[] = [];
  if (ds.length) warnings.push(`ignoring DaemonSet-managed Pods: ${ds.join(', ')}`);
  if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
  if (warnings.length) k.io.err(`Warning: ${warnings.join('; ')}\n`);
  for (const p of evict) k.io.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
  for (const p of evict) deleteObject(k.world, 'Pod', p.metadata.namespace, p.metadata.name, { now: k.io.now(), gracePeriodSeconds: k.f['grace-period'] >= 0 ? k.f['grace-period'] : undefined });
  const deadline = k.io.now() + (k.f.timeout > 0 ? k.f.timeout : 300_000);
  const gone = (p: O) => !getObject(k.world, 'Pod', p.metadata.namespace, p.metadata.name).ok;
  const left = [...evict];
  while (left.length && k.io.now() < deadline) {
    for (let i = left.length - 1; i >= 0; i--) if (gone(left[i]!)) {
      k.io.out(`pod/${left[i]!.metadata.name} evicted\n`);
      left.splice(i, 1);
    }
    if (left.length) k.io.advance(1000);
  }
  for (const p of left) k.io.out(`pod/${p.metadata.name} evicted\n`);
  k.io.out(`node/${name} drained\n`);
  return 0;
}

async function taint(k: K): Promise<number> {
  const [type, ...rest] = k.args;
  if (!type) throw new CmdError('at least one taint update is required', helpHint(k));
  const r = mustResolve(k.world, type.includes('/') ? type.split('/')[0]! : type);
  if (r.kind !== 'Node') throw new CmdError(`invalid resource type ${type}, only node types are supported`);
  const names = type.includes('/') ? [type.split('/')[1]!] : k.f.all || k.f.selector ? [] : [rest.shift()!];
  const specs = rest;
  if (!specs.length) throw new CmdError('at least one taint update is required', helpHint(k));
  const nodes = names.length ? names.map((n) => must(getObject(k.world, 'Node', undefined, n))) : must(listObjects(k.world, 'Node', undefined, { labelSelector: k.f.selector || undefined }));
  for (const n of nodes) {
    let taints: O[] = [...(n.spec?.taints ?? [])];
    let removed = false;
    let added = false;
    for (const s of specs) {
      if (s.endsWith('-')) {
        const spec = s.slice(0, -1);
        const [kv, effect] = spec.split(':');
        const key = kv!.split('=')[0];
        const before = taints.length;
        taints = taints.filter((t) => !(t.key === key && (!effect || t.effect === effect)));
        if (taints.length === before) throw new CmdError(`taint "${spec}" not found`);
        removed = true;
      } else {
        const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(s);
        if (!m) throw new CmdError(`invalid taint spec: ${s}, unknown taint effect or invalid format`);
        const existing = taints.find((t) => t.key === m[1] && t.effect === m[3]);
        if (existing && !k.f.overwrite) throw new CmdError(`node ${n.metadata.name} already has ${m[1]} taint(s) with same effect(s) and --overwrite is false`);
        taints = taints.filter((t) => !(t.key === m[1] && t.effect === m[3]));
        taints.push({ key: m[1], ...(m[2] !== undefined && m[2] !== '' ? { value: m[2] } : {}), effect: m[3] });
        added = true;
      }
    }
    must(patchObject(k.world, 'Node', undefined, n.metadata.name, 'merge', { spec: { taints: taints.length ? taints : null } }, { now: k.now }));
    k.io.out(`node/${n.metadata.name} ${added && !removed ? 'tainted' : removed && !added ? 'untainted' : 'modified'}\n`);
  }
  return 0;
}

// ---------- wait ----------

async function wait(k: K): Promise<number> {
  const cond: string = k.f.for ?? '';
  if (!cond) throw new CmdError('unrecognized condition: ""');
  let check: (o: O | undefined) => boolean;
  if (cond === 'delete') check = (o) => !o;
  else if (cond.startsWith('condition=')) {
    const spec = cond.slice('condition='.length);
    const [type, value = 'true'] = spec.split('=');
    check = (o) => !!o && (o.status?.conditions ?? []).some((c: O) => c.type.toLowerCase() === type!.toLowerCase() && String(c.status).toLowerCase() === value.toLowerCase());
  } else if (cond.startsWith('jsonpath=')) {
    const spec = cond.slice('jsonpath='.length);
    const m = /^(.*?)(?:=(.*))?$/.exec(spec.startsWith('{') ? spec.replace(/^(\{[^}]*\})=?/, (_a, p) => p + '\u0000') .replace('\u0000', '=') : spec)!;
    const expr = m[1]!.startsWith('{') ? m[1]! : `{${m[1]}}`;
    const want = m[2];
    check = (o) => {
      if (!o) return false;
      const v = jsonpath(expr, o);
      return want === undefined ? v !== '' : v === want.replace(/^['"]|['"]$/g, '');
    };
  } else if (cond === 'create') check = (o) => !!o;
  else throw new CmdError(`unrecognized condition: "${cond}"`);
  const timeout: number = k.p.changed.has('timeout') ? k.f.timeout : 30_000;
  const items: { r: ResourceInfo; ns?: string; name: string }[] = [];
  if (k.f.all || k.f.selector) {
    for (const { r } of parseResourceArgs(k.world, k.args)) {
      for (const o of must(listObjects(k.world, r.kind, r.namespaced && !k.f['all-namespaces'] ? k.ns : undefined, { labelSelector: k.f.selector || undefined }))) items.push({ r, ns: o.metadata.namespace, name: o.metadata.name });
    }
    if (!items.length) throw new CmdError('no matching resources found');
  } else {
    for (const { r, names } of parseResourceArgs(k.world, k.args)) {
      for (const n of names) {
        const res = getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, n);
        if (!res.ok && cond !== 'delete' && cond !== 'create') throw new ApiFailure(res.error);
        // --for=delete of an object already gone: nothing to wait for, nothing printed
        if (!res.ok && cond === 'delete') continue;
        items.push({ r, ns: r.namespaced ? k.ns : undefined, name: n });
      }
    }
  }
  const deadline = k.io.now() + timeout;
  let failed = false;
  for (const it of items) {
    for (;;) {
      const res = getObject(k.world, it.r.kind, it.ns, it.name);
      const o = res.ok ? res.value : undefined;
      if (check(o)) {
        k.io.out(`${kindPrefix(it.r)}/${it.name} condition met\n`);
        break;
      }
      if (k.io.now() >= deadline) {
        k.io.err(`error: timed out waiting for the condition on ${groupedResource(it.r)}/${it.name}\n`);
        failed = true;
        break;
      }
      k.io.advance(Math.min(1000, Math.max(1, deadline - k.io.now())));
    }
  }
  return failed ? 1 : 0;
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = {
  scale,
  autoscale,
  'set image': setImage,
  'set env': setEnv,
  'set resources': setResources,
  'rollout status': rolloutStatus,
  'rollout history': rolloutHistory,
  'rollout undo': rolloutUndo,
  'rollout restart': rolloutRestart,
  'rollout pause': pauseResume(true),
  'rollout resume': pauseResume(false),
  label: labelOrAnnotate('labels'),
  annotate: labelOrAnnotate('annotations'),
  patch,
  edit,
  cordon: cordon(true),
  uncordon: cordon(false),
  drain,
  taint,
  wait,
};
