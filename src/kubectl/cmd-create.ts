/** create (generators and -f), run, expose, apply, replace, delete. */
import { createObject, deleteObject, getObject, listObjects, updateObject, resolveResource, type KObject, type ResourceInfo } from '../world/k8s/api.js';
import { ApiFailure, CmdError, kindPrefix, must, mustResolve, objPrefix, outputFormat, parseResourceArgs, printStructured, infoForKind, groupedResource, type K, helpHint } from './context.js';
import * as g from './generators.js';
import { readManifests, type Manifest } from './manifests.js';
import { toCompactJson } from './yaml-out.js';

type O = Record<string, any>;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function dryRun(k: K): 'none' | 'client' | 'server' {
  const d: string = k.f['dry-run'] ?? 'none';
  if (d === 'none' || d === 'client' || d === 'server') return d;
  if (d === 'unchanged') throw new CmdError(`--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".`);
  throw new CmdError(`Invalid dry-run value (${d}). Must be "none", "server", or "client".`);
}

function oneName(k: K, args = k.args): string {
  const names = k.p.dashAt >= 0 ? args.slice(0, k.p.dashAt) : args;
  if (names.length !== 1) throw new CmdError(`exactly one NAME is required, got ${names.length}`, helpHint(k));
  return names[0]!;
}

function required(k: K, ...names: string[]): void {
  const missing = names.filter((n) => !k.p.changed.has(n));
  if (missing.length) throw new CmdError(`required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
}

function afterDash(k: K): string[] {
  return k.p.dashAt >= 0 ? k.args.slice(k.p.dashAt) : [];
}

/**
 * The `create` generators wrap the API error in their own (fmt.Errorf("failed to create configmap: %v", err));
 * namespace, role and clusterrole return it as it is (undefined here).
 */
function createErrorPrefix(k: K): string | undefined {
  const path = k.node.path.join(' ');
  const sub = path.replace(/^create /, '');
  if (/^secret /.test(sub)) return 'failed to create secret ';
  if (/^service /.test(sub)) return `failed to create ${({ clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' } as Record<string, string>)[sub.slice(8)]} service: `;
  if (sub === 'poddisruptionbudget') return 'failed to create poddisruptionbudgets: ';
  if (['clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'priorityclass', 'quota', 'rolebinding', 'serviceaccount'].includes(sub)) return `failed to create ${sub}: `;
  return undefined;
}

/** The Status message as Go's %v prints it (Invalid: `Deployment.apps "x" is invalid: ...`, not kubectl's rendering). */
function statusMessage(k: K, e: { reason: string; message: string }, obj: O): string {
  const m = e.reason === 'Invalid' ? /^The (\S+) "(.*?)" is invalid: ([\s\S]*)$/.exec(e.message) : null;
  if (!m) return e.message;
  const group = infoForKind(k.world, obj.kind, obj.apiVersion)?.group;
  const errs = m[3]!.startsWith('\n') ? `[${m[3]!.trim().split('\n').map((l) => l.replace(/^\* /, '')).join(', ')}]` : m[3];
  return `${m[1]}${group ? '.' + group : ''} "${m[2]}" is invalid: ${errs}`;
}

/** Sends a generated object (or prints it for --dry-run=client) and prints kubectl's result line. */
async function finishCreate(k: K, obj: O, verb = 'created'): Promise<number> {
  const dr = dryRun(k);
  const { fmt, arg } = outputFormat(k, false);
  if (k.f['save-config']) setLastApplied(obj, true);
  if (dr === 'client') {
    if (await printStructured(k, [obj], { single: true, typed: true, fmt, arg })) return 0;
    k.io.out(`${objPrefix(k.world, obj)}/${obj.metadata.name} ${verb} (dry run)\n`);
    return 0;
  }
  const toSend = structuredClone(obj);
  if (toSend.metadata?.creationTimestamp === null) delete toSend.metadata.creationTimestamp;
  if (toSend.status && Object.keys(toSend.status).length === 0) delete toSend.status;
  const r = infoForKind(k.world, obj.kind, obj.apiVersion);
  if (r?.namespaced) toSend.metadata.namespace ??= k.ns;
  const res = createObject(k.world, toSend, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined, fieldManager: k.f['field-manager'] || 'kubectl-create' });
  const wrap = createErrorPrefix(k);
  if (!res.ok && wrap !== undefined) throw new CmdError(`${wrap}${statusMessage(k, res.error, obj)}`, '');
  const created = must(res);
  if (await printStructured(k, [created], { single: true, fmt, arg })) return 0;
  k.io.out(`${objPrefix(k.world, created)}/${created.metadata.name} ${verb}${dr === 'server' ? ' (server dry run)' : ''}\n`);
  return 0;
}

function nsParam(k: K): string | undefined {
  return k.nsExplicit ? k.ns : undefined;
}

function createCmd(gen: (k: K, name: string) => O, opts: { requiredFlags?: string[] } = {}) {
  return async (k: K) => {
    if (opts.requiredFlags) required(k, ...opts.requiredFlags);
    const name = oneName(k);
    dryRun(k);
    outputFormat(k, false);
    return finishCreate(k, gen(k, name));
  };
}

function serviceCmd(kind: 'clusterip' | 'nodeport' | 'loadbalancer' | 'externalname') {
  return createCmd((k, name) => g.genService(kind, name, nsParam(k), k.f));
}

/** Sets kubectl.kubernetes.io/last-applied-configuration. typed: a generator's object (Go struct order, omitempty). */
function setLastApplied(obj: O, typed = false): void {
  const copy = structuredClone(obj);
  copy.metadata ??= {};
  if (typed) {
    if (copy.metadata.annotations) {
      delete copy.metadata.annotations[LAST_APPLIED];
      if (!Object.keys(copy.metadata.annotations).length) delete copy.metadata.annotations;
    }
  } else {
    copy.metadata.annotations ??= {};
    delete copy.metadata.annotations[LAST_APPLIED];
  }
  const json = (typed ? JSON.stringify(copy).replace(/[<>&]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) : toCompactJson(sortDeep(copy))) + '\n';
  const ann = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: json };
  if (!typed) {
    obj.metadata.annotations = ann;
    return;
  }
  // keep Go's ObjectMeta field order: annotations come right after labels
  const m: O = {};
  for (const [key, v] of Object.entries(obj.metadata)) {
    if (key === 'annotations') continue;
    m[key] = v;
    if (key === 'labels') m.annotations = ann;
  }
  if (!m.annotations) m.annotations = ann;
  obj.metadata = m;
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as O).sort().map((k) => [k, sortDeep((v as O)[k])]));
  return v;
}

export function manifestNamespace(k: K, m: Manifest, r: ResourceInfo): string | undefined {
  if (!r.namespaced) return undefined;
  const objNs = m.obj.metadata?.namespace;
  if (objNs && k.nsExplicit && objNs !== k.ns) {
    throw new CmdError(`the namespace from the provided object "${objNs}" does not match the namespace "${k.ns}". You must pass '--namespace=${objNs}' to perform this operation.`);
  }
  return objNs || k.ns;
}

export function resolveManifest(k: K, m: Manifest): ResourceInfo {
  const r = infoForKind(k.world, m.obj.kind, m.obj.apiVersion);
  if (!r || (r.group ? `${r.group}/${r.version}` : r.version) !== m.obj.apiVersion && !(r.group === 'autoscaling')) {
    const name = m.obj.metadata?.name ?? '';
    throw new CmdError(`resource mapping not found for name: "${name}" namespace: "${m.obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
  }
  return r;
}

async function createFromFiles(k: K): Promise<number> {
  const dr = dryRun(k);
  const { fmt, arg } = outputFormat(k, false);
  const manifests = await readManifests(k, k.f.filename, k.f.recursive);
  if (manifests.length === 0) throw new CmdError('no objects passed to create');
  let code = 0;
  for (const m of manifests) {
    try {
      const r = resolveManifest(k, m);
      const obj = structuredClone(m.obj);
      const ns = manifestNamespace(k, m, r);
      if (ns) obj.metadata.namespace = ns;
      if (k.f['save-config']) setLastApplied(obj);
      if (dr === 'client') {
        if (!(await printStructured(k, [obj], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${obj.metadata?.name} created (dry run)\n`);
        continue;
      }
      const created = must(createObject(k.world, obj, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined, fieldManager: 'kubectl-create' }), { verb: 'creating', file: m.source });
      if (!(await printStructured(k, [created], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${created.metadata.name} created${dr === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      code = 1;
      if (e instanceof ApiFailure) k.io.err((await import('./context.js')).apiErrorText(e.error, e.context));
      else if (e instanceof CmdError) k.io.err(`error: ${e.message}\n`);
      else throw e;
    }
  }
  return code;
}

// ---------- apply ----------

const isObj = (v: unknown): v is O => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Merge keys of strategic merge patch lists (k8s patchMergeKey), by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', volumes: 'name', env: 'name', volumeMounts: 'mountPath',
  ports: 'containerPort', imagePullSecrets: 'name', tolerations: 'key', hostAliases: 'ip', conditions: 'type', envFrom: '',
};

/** Three-way merge: current (live), modified (new file), original (last applied). */
export function threeWay(current: unknown, modified: unknown, original: unknown, field = ''): unknown {
  if (isObj(modified)) {
    const cur = isObj(current) ? current : {};
    const orig = isObj(original) ? original : {};
    const out: O = { ...cur };
    for (const key of Object.keys(modified)) out[key] = threeWay(cur[key], modified[key], orig[key], key);
    for (const key of Object.keys(orig)) if (!(key in modified)) delete out[key];
    return out;
  }
  if (Array.isArray(modified)) {
    let key = MERGE_KEYS[field];
    if (field === 'ports' && modified.every((x) => isObj(x) && 'port' in x && !('containerPort' in x))) key = 'port';
    if (key && Array.isArray(current) && modified.every((x) => isObj(x) && key! in x)) {
      const origList: O[] = Array.isArray(original) ? original : [];
      const out: unknown[] = [];
      for (const m of modified) {
        const c = current.find((x) => isObj(x) && x[key!] === m[key!]);
        const o = origList.find((x) => isObj(x) && x[key!] === m[key!]);
        out.push(threeWay(c, m, o));
      }
      for (const c of current) {
        if (!isObj(c)) continue;
        const inMod = modified.some((m) => m[key!] === c[key!]);
        const inOrig = origList.some((o) => o[key!] === c[key!]);
        if (!inMod && !inOrig) out.push(c);
      }
      return out;
    }
    if (Array.isArray(current) && current.length === modified.length) return modified.map((m, i) => (isObj(m) ? threeWay(current[i], m, Array.isArray(original) ? original[i] : undefined) : m));
    return modified;
  }
  return modified;
}

async function apply(k: K): Promise<number> {
  const dr = dryRun(k);
  const { fmt, arg } = outputFormat(k, false);
  if (!k.f.filename?.length && !k.f.kustomize) throw new CmdError(`must specify one of -f and -k`, '');
  if (k.args.length) throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`, helpHint(k));
  const manifests = await readManifests(k, k.f.filename, k.f.recursive);
  if (manifests.length === 0) throw new CmdError('no objects passed to apply');
  let code = 0;
  const suffix = dr === 'client' ? ' (dry run)' : dr === 'server' ? ' (server dry run)' : '';
  for (const m of manifests) {
    try {
      const r = resolveManifest(k, m);
      const obj = structuredClone(m.obj);
      const ns = manifestNamespace(k, m, r);
      if (ns) obj.metadata.namespace = ns;
      if (!obj.metadata?.name) throw new CmdError(`error when retrieving current configuration of:\nResource: "${groupedResource(r).replace(/^([^.]*)\.?(.*)$/, (_, a, b) => `${b ? b + '/' : ''}${r.version}, Resource=${a}`)}", GroupVersionKind: "${r.group ? r.group + '/' : ''}${r.version}, Kind=${r.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${m.source}": resource name may not be empty`);
      setLastApplied(obj);
      const live = getObject(k.world, r.kind, ns, obj.metadata.name);
      const opts = { now: k.now, dryRun: dr === 'server' ? ('All' as const) : undefined, fieldManager: 'kubectl-client-side-apply' };
      if (!live.ok) {
        if (dr === 'client') {
          if (!(await printStructured(k, [obj], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${obj.metadata.name} created${suffix}\n`);
          continue;
        }
        const created = must(createObject(k.world, obj, opts), { verb: 'creating', file: m.source });
        if (!(await printStructured(k, [created], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${created.metadata.name} created${suffix}\n`);
        continue;
      }
      const current = live.value;
      const lastRaw = current.metadata?.annotations?.[LAST_APPLIED];
      if (!lastRaw) {
        k.io.err(`Warning: resource ${r.resource}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
      }
      let original: unknown = undefined;
      try {
        original = lastRaw ? JSON.parse(lastRaw) : undefined;
      } catch {
        original = undefined;
      }
      const merged = threeWay(current, obj, original) as O;
      // metadata the server owns stays as it is
      for (const key of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields']) {
        if (current.metadata?.[key] !== undefined) merged.metadata[key] = current.metadata[key];
      }
      if (current.status !== undefined && obj.status === undefined) merged.status = current.status;
      if (deepEqual(merged, current)) {
        if (!(await printStructured(k, [current], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${obj.metadata.name} unchanged${suffix}\n`);
        continue;
      }
      if (dr === 'client') {
        if (!(await printStructured(k, [merged], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${obj.metadata.name} configured${suffix}\n`);
        continue;
      }
      const updated = must(updateObject(k.world, merged, opts), { verb: 'applying patch:\n' + toCompactJson(obj) + '\nto:\nResource', file: m.source });
      if (!(await printStructured(k, [updated], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${obj.metadata.name} configured${suffix}\n`);
    } catch (e) {
      code = 1;
      if (e instanceof ApiFailure) k.io.err((await import('./context.js')).apiErrorText(e.error, e.context));
      else if (e instanceof CmdError) k.io.err(`error: ${e.message}\n`);
      else throw e;
    }
  }
  return code;
}

async function replace(k: K): Promise<number> {
  const dr = dryRun(k);
  const { fmt, arg } = outputFormat(k, false);
  if (!k.f.filename?.length) throw new CmdError(`must specify --filename to replace`, helpHint(k));
  const manifests = await readManifests(k, k.f.filename, k.f.recursive);
  let code = 0;
  for (const m of manifests) {
    try {
      const r = resolveManifest(k, m);
      const obj = structuredClone(m.obj);
      const ns = manifestNamespace(k, m, r);
      if (ns) obj.metadata.namespace = ns;
      const opts = { now: k.now, dryRun: dr === 'server' ? ('All' as const) : undefined };
      if (k.f.force) {
        must(deleteObject(k.world, r.kind, ns, obj.metadata.name, { now: k.now, gracePeriodSeconds: 0 }), { verb: 'deleting', file: m.source });
        k.io.out(`${kindPrefix(r)} "${obj.metadata.name}" deleted\n`);
        const created = must(createObject(k.world, obj, opts), { verb: 'creating', file: m.source });
        if (!(await printStructured(k, [created], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${created.metadata.name} replaced\n`);
        continue;
      }
      const live = must(getObject(k.world, r.kind, ns, obj.metadata.name), { verb: 'replacing', file: m.source });
      obj.metadata.resourceVersion ??= live.metadata.resourceVersion;
      obj.metadata.uid ??= live.metadata.uid;
      obj.metadata.creationTimestamp ??= live.metadata.creationTimestamp;
      if (dr === 'client') {
        k.io.out(`${kindPrefix(r)}/${obj.metadata.name} replaced (dry run)\n`);
        continue;
      }
      const updated = must(updateObject(k.world, obj, opts), { verb: 'replacing', file: m.source });
      if (!(await printStructured(k, [updated], { single: true, fmt, arg }))) k.io.out(`${kindPrefix(r)}/${updated.metadata.name} replaced${dr === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      code = 1;
      if (e instanceof ApiFailure) k.io.err((await import('./context.js')).apiErrorText(e.error, e.context));
      else if (e instanceof CmdError) k.io.err(`error: ${e.message}\n`);
      else throw e;
    }
  }
  return code;
}

// ---------- delete ----------

async function del(k: K): Promise<number> {
  const dr = dryRun(k);
  const out: string = k.f.output ?? '';
  if (out !== '' && out !== 'name') throw new CmdError(`unexpected -o output mode: ${out}. We only support '-o name'`);
  if (k.f.all && k.f.selector) throw new CmdError('cannot set --all and --selector at the same time');
  let grace: number = k.f['grace-period'];
  if (k.f.now) {
    if (grace !== -1) throw new CmdError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !k.f.force) grace = 1;
  if (k.f.force && grace < 0) grace = 0;
  if (grace > 0 && k.f.force) throw new CmdError('--force and --grace-period greater than 0 cannot be specified together');
  const files: string[] = k.f.filename ?? [];
  if (!files.length && !k.args.length) {
    throw new CmdError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
  }
  if (grace === 0 && k.f.force) k.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const allNs = !!k.f['all-namespaces'];
  const ignoreNotFound = k.p.changed.has('ignore-not-found') ? k.f['ignore-not-found'] : !!(k.f.all || k.f.selector || k.f['field-selector']);
  const targets: { r: ResourceInfo; ns: string | undefined; name: string; source?: string }[] = [];
  const errors: string[] = [];
  if (files.length) {
    for (const m of await readManifests(k, files, k.f.recursive)) {
      const r = resolveManifest(k, m);
      targets.push({ r, ns: manifestNamespace(k, m, r), name: m.obj.metadata?.name, source: m.source });
    }
  } else {
    const groups = parseResourceArgs(k.world, k.args);
    for (const { r, names } of groups) {
      if (names.length) {
        if (k.f.all) throw new CmdError(`name cannot be provided when a selector is specified`);
        for (const n of names) targets.push({ r, ns: r.namespaced ? k.ns : undefined, name: n });
      } else {
        if (!k.f.all && !k.f.selector && !k.f['field-selector']) throw new CmdError(`resource(s) were provided, but no name was specified`);
        const list = must(listObjects(k.world, r.kind, r.namespaced && !allNs ? k.ns : undefined, { labelSelector: k.f.selector || undefined, fieldSelector: k.f['field-selector'] || undefined }));
        for (const o of list) targets.push({ r, ns: o.metadata.namespace, name: o.metadata.name });
      }
    }
  }
  // kubectl says "No resources found" for an empty list (selector, --all), not for names ignored as not found
  const byName = files.length > 0 || parseResourceArgs(k.world, k.args).some((g) => g.names.length > 0);
  let found = 0;
  let warnedScope = false;
  const deleted: { r: ResourceInfo; ns: string | undefined; name: string }[] = [];
  for (const t of targets) {
    const live = getObject(k.world, t.r.kind, t.ns, t.name);
    if (!live.ok) {
      if (!ignoreNotFound) errors.push((await import('./context.js')).apiErrorText(live.error, t.source ? { verb: 'deleting', file: t.source } : undefined));
      continue;
    }
    found++;
    if (k.nsExplicit && !allNs && !t.r.namespaced && !warnedScope) {
      k.io.err('warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
      warnedScope = true;
    }
    let op = grace === 0 ? 'force deleted' : 'deleted';
    if (dr === 'client') op += ' (dry run)';
    if (dr === 'server') op += ' (server dry run)';
    if (dr !== 'client') {
      const res = deleteObject(k.world, t.r.kind, t.ns, t.name, {
        now: k.now,
        dryRun: dr === 'server' ? 'All' : undefined,
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        propagationPolicy: k.f.cascade === 'orphan' ? 'Orphan' : k.f.cascade === 'foreground' ? 'Foreground' : 'Background',
      });
      if (!res.ok) {
        errors.push((await import('./context.js')).apiErrorText(res.error));
        continue;
      }
    }
    k.io.out(out === 'name' ? `${kindPrefix(t.r)}/${t.name}\n` : `${kindPrefix(t.r)} "${t.name}" ${op}\n`);
    deleted.push(t);
  }
  if (found === 0 && errors.length === 0) {
    if (!byName) k.io.out('No resources found\n');
    return 0;
  }
  // --wait (default true): wait until the objects are gone (graceful termination on the simulated clock).
  if (k.f.wait !== false && dr === 'none' && deleted.length) {
    // kubectl waits up to a week; the simulation gives up after an hour of simulated time (coarser steps later)
    const start = k.io.now();
    const deadline = start + (k.f.timeout > 0 ? k.f.timeout : 3600_000);
    const gone = () => deleted.every((t) => !getObject(k.world, t.r.kind, t.ns, t.name).ok);
    while (!gone() && k.io.now() < deadline) k.io.advance(k.io.now() - start < 120_000 ? 1000 : 15_000);
    if (!gone()) {
      for (const t of deleted) if (getObject(k.world, t.r.kind, t.ns, t.name).ok) errors.push(`error: timed out waiting for the condition on ${groupedResource(t.r)}/${t.name}\n`);
    }
  }
  for (const e of errors) k.io.err(e);
  return errors.length ? 1 : 0;
}

// ---------- run ----------

async function run(k: K): Promise<number> {
  const names = k.p.dashAt >= 0 ? k.args.slice(0, k.p.dashAt) : k.args;
  required(k, 'image');
  if (names.length === 0) throw new CmdError('NAME is required for run', helpHint(k));
  const name = names[0]!;
  const args = k.p.dashAt >= 0 ? k.args.slice(k.p.dashAt) : k.args.slice(1);
  const restart = k.f.restart || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CmdError(`invalid restart policy: ${restart}`, helpHint(k));
  // run.go: Complete parses --port, then Validate (its errors carry the usage hint)
  if (k.f.port && !/^[+-]?\d+$/.test(String(k.f.port))) throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(String(k.f.port))}: invalid syntax`, '');
  if (k.f.tty && !k.f.stdin) throw new CmdError('-i/--stdin is required for containers with -t/--tty=true', helpHint(k));
  if (k.f.expose && (!k.f.port || k.f.port === '')) throw new CmdError('--port must be set when exposing a service', helpHint(k));
  const interactive = k.f.stdin || k.f.attach;
  if (k.f.rm && !interactive) throw new CmdError('--rm should only be used for attached containers', helpHint(k));
  const dr = dryRun(k);
  if (interactive && dr !== 'none') throw new CmdError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)", helpHint(k));
  const { fmt, arg } = outputFormat(k, false);
  const pod = g.genRunPod(name, nsParam(k), k.f, args);
  if (dr === 'client') {
    if (k.f.expose) {
      const svc = g.genExpose(pod, { port: String(k.f.port) }, nsParam(k));
      delete svc.metadata.labels;
      if (await printStructured(k, [svc], { single: true, typed: true, fmt, arg })) {
        if (fmt === 'yaml') k.io.out('---\n---\n');
      } else k.io.out(`service/${name} created (dry run)\n`);
    }
    if (!(await printStructured(k, [pod], { single: true, typed: true, fmt, arg }))) k.io.out(`pod/${name} created (dry run)\n`);
    return 0;
  }
  if (k.f['save-config']) setLastApplied(pod, true);
  const toSend = structuredClone(pod);
  delete toSend.metadata.creationTimestamp;
  delete toSend.status;
  toSend.metadata.namespace = k.ns;
  if (k.f.expose) {
    const svc = g.genExpose(toSend, { port: String(k.f.port) }, k.ns);
    delete svc.metadata.creationTimestamp;
    delete svc.status;
    svc.metadata.name = name;
    svc.metadata.namespace = k.ns;
    must(createObject(k.world, svc, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined }));
    k.io.out(`service/${name} created\n`);
  }
  const created = must(createObject(k.world, toSend, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined, fieldManager: 'kubectl-run' }));
  if (interactive && dr === 'none') return runAttached(k, created, restart);
  if (!(await printStructured(k, [created], { single: true, fmt, arg }))) k.io.out(`pod/${name} created${dr === 'server' ? ' (server dry run)' : ''}\n`);
  return 0;
}

/** `kubectl run -it` / `--attach`: wait for the pod, then enter a shell or print its output. */
async function runAttached(k: K, pod: O, restart: string): Promise<number> {
  // the attach's SetupTTY, once the pod is created
  if (k.f.tty && !k.io.ctx.tty && !k.f.quiet) k.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  const name = pod.metadata.name;
  const ns = pod.metadata.namespace;
  const deadline = k.io.now() + (k.f['pod-running-timeout'] || 60_000);
  const phase = () => {
    const p = getObject(k.world, 'Pod', ns, name);
    return p.ok ? p.value.status?.phase : undefined;
  };
  while (k.io.now() < deadline && (phase() === 'Pending' || phase() === undefined)) {
    if (!getObject(k.world, 'Pod', ns, name).ok) break;
    k.io.advance(1000);
  }
  const live = getObject(k.world, 'Pod', ns, name);
  const ph = live.ok ? live.value.status?.phase : undefined;
  if (ph === 'Pending' || ph === undefined) {
    k.io.err(`error: timed out waiting for the condition\n`);
    return 1;
  }
  const c = pod.spec.containers[0];
  const args: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  const isShell = args.length === 0 ? false : /(^|\/)(sh|bash|ash)$/.test(args[0]!) && args.length === 1;
  if (k.f.stdin && k.f.tty && (isShell || args.length === 0) && ph === 'Running') {
    k.io.err(`If you don't see a command prompt, try pressing enter.\n`);
    const image: string = c.image;
    const target = { kind: 'pod' as const, id: name, namespace: ns, container: c.name, prompt: /busybox|alpine/.test(image) ? '/ # ' : `root@${name}:/# `, onExit: (k.f.rm ? 'delete-pod' : 'resume') as 'delete-pod' | 'resume' };
    const nested = await import('../world/runtime/nested.js');
    const ec = nested.execTargetOpener('pod')?.(k.world, target, k.io.ctx);
    const shell = args.length && /bash/.test(args[0]!) ? 'bash' : 'sh';
    if (ec && !('error' in ec)) target.prompt = nested.promptFor(ec, shell, ec.cwd);
    k.io.enterShell(target);
    return 0;
  }
  // Attached, non-interactive: let it run to completion and print its logs.
  const until = k.io.now() + 300_000;
  while (k.io.now() < until) {
    const p = getObject(k.world, 'Pod', ns, name);
    if (!p.ok || ['Succeeded', 'Failed'].includes(p.value.status?.phase)) break;
    if (restart === 'Always') break;
    k.io.advance(1000);
  }
  const api = await import('../world/k8s/api.js');
  const logs = api.podLogs(k.world, ns, name, c.name, { now: k.io.now() });
  if (logs.ok) k.io.out(logs.value);
  let code = 0;
  const fin = getObject(k.world, 'Pod', ns, name);
  if (fin.ok) {
    const t = fin.value.status?.containerStatuses?.[0]?.state?.terminated;
    if (t && t.exitCode) code = t.exitCode;
  }
  if (k.f.rm) {
    deleteObject(k.world, 'Pod', ns, name, { now: k.io.now(), gracePeriodSeconds: 0 });
    k.io.out(`pod "${name}" deleted\n`);
  }
  if (code) {
    k.io.err(`pod ${ns}/${name} terminated (Error)\n`);
    return 1;
  }
  return 0;
}

// ---------- expose ----------

async function expose(k: K): Promise<number> {
  const dr = dryRun(k);
  const { fmt, arg } = outputFormat(k, false);
  let objs: { obj: O; r: ResourceInfo }[] = [];
  if (k.f.filename?.length) {
    for (const m of await readManifests(k, k.f.filename, k.f.recursive)) objs.push({ obj: m.obj, r: resolveManifest(k, m) });
  } else {
    if (k.args.length === 0) throw new CmdError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    const groups = parseResourceArgs(k.world, k.args);
    for (const { r, names } of groups) {
      if (!names.length) throw new CmdError(`resource(s) were provided, but no name was specified`);
      for (const n of names) objs.push({ obj: must(getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, n)), r });
    }
  }
  objs = objs.filter(Boolean);
  for (const { obj, r } of objs) {
    if (!['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'].includes(obj.kind)) {
      throw new CmdError(`cannot expose a ${obj.kind} ${r.group ? `${r.group}/${r.version}` : r.version}`.replace(/ (\S+)$/, '') + '');
    }
    const svc = g.genExpose(obj, k.f, dr === 'client' ? (k.nsExplicit ? k.ns : obj.metadata?.namespace) : undefined);
    if (dr === 'client') {
      if (!(await printStructured(k, [svc], { single: true, typed: true, fmt, arg }))) k.io.out(`service/${svc.metadata.name} exposed (dry run)\n`);
      continue;
    }
    const toSend = structuredClone(svc);
    delete toSend.metadata.creationTimestamp;
    delete toSend.status;
    toSend.metadata.namespace = obj.metadata?.namespace ?? k.ns;
    const created = must(createObject(k.world, toSend, { now: k.now, dryRun: dr === 'server' ? 'All' : undefined, fieldManager: 'kubectl-expose' }));
    if (!(await printStructured(k, [created], { single: true, fmt, arg }))) k.io.out(`service/${created.metadata.name} exposed${dr === 'server' ? ' (server dry run)' : ''}\n`);
  }
  return 0;
}

async function createRoot(k: K): Promise<number> {
  if (k.args.length) throw new CmdError(`Unexpected args: [${k.args.join(' ')}]`, helpHint(k));
  if (!k.f.filename?.length) {
    k.io.err(`error: must specify one of -f and -k\n`);
    return 1;
  }
  return createFromFiles(k);
}

function resolveGroupFor(k: K) {
  return (res: string) => {
    const r = resolveResource(k.world, res);
    if (!r || r.resource !== res && r.singular !== res && !r.shortNames.includes(res)) return r?.group;
    return r.group;
  };
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = {
  create: createRoot,
  'create deployment': createCmd((k, name) => g.genDeployment(k.world, name, nsParam(k), k.f, afterDash(k)), { requiredFlags: ['image'] }),
  'create namespace': createCmd((_k, name) => g.genNamespace(name)),
  'create service clusterip': serviceCmd('clusterip'),
  'create service nodeport': serviceCmd('nodeport'),
  'create service loadbalancer': serviceCmd('loadbalancer'),
  'create service externalname': serviceCmd('externalname'),
  'create configmap': createCmd((k, name) => g.genConfigMap(k.io.fs, name, nsParam(k), k.f)),
  'create secret generic': createCmd((k, name) => g.genSecretGeneric(k.io.fs, name, nsParam(k), k.f)),
  'create secret docker-registry': createCmd((k, name) => g.genSecretDockerRegistry(k.io.fs, name, nsParam(k), k.f)),
  'create secret tls': createCmd((k, name) => g.genSecretTls(k.io.fs, name, nsParam(k), k.f)),
  'create job': async (k: K) => {
    if (!k.f.from) return createCmd((k2, name) => g.genJob(name, nsParam(k2), k2.f, afterDash(k2)))(k);
    const name = oneName(k);
    if (k.f.image) throw new CmdError('either --image or --from must be specified');
    const [type, src] = String(k.f.from).split('/');
    const r = mustResolve(k.world, type!);
    if (r.kind !== 'CronJob' || !src) throw new CmdError(`from must be an existing cronjob: ${r.kind}`);
    const cj = must(getObject(k.world, 'CronJob', k.ns, src));
    const tpl = structuredClone(cj.spec?.jobTemplate ?? {});
    const annotations: O = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tpl.metadata?.annotations ?? {}) };
    const job: O = {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: {
        name,
        ...(k.nsExplicit ? { namespace: k.ns } : {}),
        creationTimestamp: null,
        ...(tpl.metadata?.labels ? { labels: tpl.metadata.labels } : {}),
        annotations,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
      },
      spec: tpl.spec ?? {},
      status: {},
    };
    return finishCreate(k, job);
  },
  'create cronjob': createCmd((k, name) => g.genCronJob(name, nsParam(k), k.f, afterDash(k)), { requiredFlags: ['schedule'] }),
  'create role': createCmd((k, name) => g.genRole('Role', name, nsParam(k), k.f, resolveGroupFor(k), (s) => k.io.err(s))),
  'create clusterrole': createCmd((k, name) => g.genRole('ClusterRole', name, undefined, k.f, resolveGroupFor(k), (s) => k.io.err(s))),
  'create rolebinding': createCmd((k, name) => g.genBinding('RoleBinding', name, nsParam(k), k.f, k.ns)),
  'create clusterrolebinding': createCmd((k, name) => g.genBinding('ClusterRoleBinding', name, undefined, k.f, k.ns)),
  'create serviceaccount': createCmd((k, name) => g.genServiceAccount(name, nsParam(k))),
  'create quota': createCmd((k, name) => g.genQuota(name, nsParam(k), k.f)),
  'create ingress': createCmd((k, name) => g.genIngress(name, nsParam(k), k.f)),
  'create poddisruptionbudget': createCmd((k, name) => g.genPdb(name, nsParam(k), k.f)),
  'create priorityclass': createCmd((k, name) => g.genPriorityClass(name, k.f)),
  run,
  expose,
  apply,
  replace,
  delete: del,
};
