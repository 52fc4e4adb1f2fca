/** get, describe, api-resources, api-versions, explain, events. */
import { discovery, getObject, listObjects, type KObject, type ResourceInfo } from '../world/k8s/api.js';
import { ApiFailure, CmdError, apiErrorText, kindPrefix, must, mustResolve, outputFormat, printStructured, asList, type K } from './context.js';
import { columnsFor, formatLabels, nameCell, podStatus, since, tabulate, TABLES, type Column } from './printers.js';
import { evalRelaxed, goJson } from './jsonpath.js';
import { splitSlice } from './generators.js';

type O = Record<string, any>;

/** kubectl's `all` category, in discovery order. */
const ALL = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

interface Group {
  r: ResourceInfo;
  objs: KObject[];
}

function noResources(k: K, allNs: boolean, r?: ResourceInfo): void {
  if (allNs || (r && !r.namespaced)) k.io.err('No resources found\n');
  else k.io.err(`No resources found in ${k.ns} namespace.\n`);
}

/** Expands `all` and comma lists into resource types (unknown types throw kubectl's error). */
function expandTypes(k: K, spec: string): ResourceInfo[] {
  const out: ResourceInfo[] = [];
  for (const t of spec.split(',').filter(Boolean)) {
    if (t === 'all') {
      for (const a of ALL) {
        const r = discovery(k.world).find((x) => x.resource === a);
        if (r && !out.includes(r)) out.push(r);
      }
      continue;
    }
    const r = mustResolve(k.world, t);
    if (!out.includes(r)) out.push(r);
  }
  return out;
}

async function get(k: K): Promise<number> {
  const allNs = !!k.f['all-namespaces'];
  const { fmt, arg } = outputFormat(k, true);
  if (k.args.length === 0 && !k.f.filename?.length) {
    k.io.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n');
    return 1;
  }
  if (k.f['sort-by'] === '' && k.p.changed.has('sort-by')) void 0;
  const ns = allNs ? undefined : k.ns;
  const listOpts = { labelSelector: k.f.selector || undefined, fieldSelector: k.f['field-selector'] || undefined };
  const groups: Group[] = [];
  const errors: string[] = [];
  let named = false;
  if (k.f.filename?.length) {
    const { readManifests } = await import('./manifests.js');
    named = true;
    for (const m of await readManifests(k, k.f.filename, k.f.recursive)) {
      const r = discovery(k.world).find((x) => x.kind === m.obj.kind);
      if (!r) continue;
      const res = getObject(k.world, r.kind, r.namespaced ? m.obj.metadata?.namespace || k.ns : undefined, m.obj.metadata?.name);
      if (!res.ok) errors.push(apiErrorText(res.error));
      else addTo(groups, r, res.value);
    }
  } else if (k.args.some((a) => a.includes('/'))) {
    named = true;
    for (const a of k.args) {
      const slash = a.indexOf('/');
      if (slash < 0) throw new CmdError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const r = mustResolve(k.world, a.slice(0, slash));
      const res = getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, a.slice(slash + 1));
      if (!res.ok) errors.push(apiErrorText(res.error));
      else addTo(groups, r, res.value);
    }
  } else {
    const [typeSpec, ...names] = k.args;
    const types = expandTypes(k, typeSpec!);
    if (names.length) {
      named = true;
      if (k.f.selector) throw new CmdError(`selector (-l) cannot be used when specifying names`, '');
      for (const r of types) {
        for (const n of names) {
          const res = getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, n);
          if (!res.ok) errors.push(apiErrorText(res.error));
          else addTo(groups, r, res.value);
        }
      }
    } else {
      for (const r of types) {
        const res = listObjects(k.world, r.kind, r.namespaced ? ns : undefined, listOpts);
        if (!res.ok) {
          errors.push(apiErrorText(res.error));
          continue;
        }
        groups.push({ r, objs: res.value });
      }
    }
  }
  const nonEmpty = groups.filter((g) => g.objs.length);
  if (k.f['sort-by']) for (const g of nonEmpty) g.objs = sortBy(g.objs, k.f['sort-by']);

  const all = nonEmpty.flatMap((g) => g.objs);
  const singleImplied = (k.args.length === 2 && !k.args[0]!.includes(',') && !k.args[0]!.includes('/') && k.args[0] !== 'all') || (k.args.length === 1 && k.args[0]!.includes('/'));
  const singleObject = singleImplied && all.length === 1;
  if (fmt && fmt !== 'wide' && fmt !== 'custom-columns' && fmt !== 'custom-columns-file') {
    if (all.length || !named) {
      if (fmt === 'name') await printStructured(k, all, { single: false, fmt, arg });
      else if (all.length === 0 && (fmt === 'yaml' || fmt === 'json')) await printStructured(k, [], { single: false, fmt, arg });
      else await printStructured(k, all, { single: singleObject, fmt, arg });
    }
    if (!all.length && !named && fmt !== 'yaml' && fmt !== 'json') noResources(k, allNs, groups[0]?.r);
    for (const e of errors) k.io.err(e);
    return errors.length ? 1 : 0;
  }
  if (fmt === 'custom-columns' || fmt === 'custom-columns-file') {
    const spec = fmt === 'custom-columns' ? arg : (k.io.fs.readFile(arg) ?? '');
    if (all.length) k.io.out(customColumns(spec, all, !k.f['no-headers']));
    else if (!named) noResources(k, allNs, groups[0]?.r);
    for (const e of errors) k.io.err(e);
    return errors.length ? 1 : 0;
  }
  // tables
  const withKind = nonEmpty.length > 1 || (k.args.length > 0 && k.args.some((a) => a.includes('/')) && new Set(k.args.map((a) => a.split('/')[0])).size > 1) || k.args[0] === 'all' && nonEmpty.length > 1;
  const printKind = nonEmpty.length > 1 || withKind;
  let first = true;
  for (const g of nonEmpty) {
    if (!first) k.io.out('\n');
    first = false;
    k.io.out(renderTable(k, g.r, g.objs, { wide: fmt === 'wide', allNs, withKind: printKind }));
  }
  if (!all.length && !named && errors.length === 0) noResources(k, allNs, groups[0]?.r);
  for (const e of errors) k.io.err(e);
  return errors.length ? 1 : 0;
}

function addTo(groups: Group[], r: ResourceInfo, o: KObject): void {
  const g = groups.find((x) => x.r === r);
  if (g) g.objs.push(o);
  else groups.push({ r, objs: [o] });
}

function sortBy(objs: KObject[], expr: string): KObject[] {
  const keyed = objs.map((o) => {
    const v = evalRelaxed(expr, o)[0];
    return { o, v };
  });
  const cmp = (a: unknown, b: unknown): number => {
    if (a === undefined && b === undefined) return 0;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    const qa = quantity(a);
    const qb = quantity(b);
    if (qa !== undefined && qb !== undefined) return qa - qb;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  };
  keyed.sort((x, y) => cmp(x.v, y.v));
  return keyed.map((x) => x.o);
}

function quantity(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = { m: 0.001, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
}

function customColumns(spec: string, objs: KObject[], headers: boolean): string {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    if (i < 0) throw new CmdError(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    return { header: c.slice(0, i), expr: c.slice(i + 1) };
  });
  const rows: string[][] = [];
  if (headers) rows.push(cols.map((c) => c.header));
  for (const o of objs) {
    rows.push(
      cols.map((c) => {
        const vals = evalRelaxed(c.expr, o);
        if (!vals.length || vals.every((v) => v === undefined || v === null)) return '<none>';
        return vals.map((v) => (typeof v === 'object' && v !== null ? goMapString(v) : String(v))).join(',');
      }),
    );
  }
  return tabulate(rows);
}

/** Go's fmt %v of a decoded JSON map/slice: map[a:b c:d], [a b]. */
function goMapString(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goMapString).join(' ')}]`;
  if (v && typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${goMapString((v as O)[k])}`).join(' ')}]`;
  return String(v);
}

/** One kind's table. Pod status is computed once per row (100k pods stay fast). */
export function renderTable(k: K, r: ResourceInfo, objs: KObject[], opts: { wide: boolean; allNs: boolean; withKind: boolean }): string {
  const cols: Column[] = columnsFor(r.kind).filter((c) => opts.wide || !c.wide);
  const labelCols: string[] = splitSlice(k.f['label-columns'] ?? []);
  const showLabels = !!k.f['show-labels'];
  const rows: string[][] = [];
  // the event table's NAME column is only shown with -o wide (as its last column)
  const noName = r.kind === 'Event';
  if (!k.f['no-headers']) {
    const h: string[] = [];
    if (opts.allNs && r.namespaced) h.push('NAMESPACE');
    if (!noName) h.push('NAME');
    h.push(...cols.map((c) => c.name));
    for (const l of labelCols) h.push(l.split('/').pop()!.toUpperCase());
    if (showLabels) h.push('LABELS');
    rows.push(h);
  }
  const prefix = opts.withKind ? kindPrefix(r) + '/' : '';
  const now = k.now;
  const isPod = r.kind === 'Pod';
  for (const o of objs) {
    const row: string[] = [];
    if (opts.allNs && r.namespaced) row.push(o.metadata?.namespace ?? '');
    if (!noName) row.push(prefix + nameCell(o));
    if (isPod) {
      const s = podStatus(o);
      for (const c of cols) {
        if (c.name === 'READY') row.push(`${s.ready}/${s.total}`);
        else if (c.name === 'STATUS') row.push(s.reason);
        else if (c.name === 'RESTARTS') row.push(s.lastRestart ? `${s.restarts} (${since(s.lastRestart, now)} ago)` : String(s.restarts));
        else row.push(c.get(o, now));
      }
    } else for (const c of cols) row.push(c.get(o, now));
    for (const l of labelCols) row.push(o.metadata?.labels?.[l] ?? '');
    if (showLabels) row.push(formatLabels(o.metadata?.labels));
    rows.push(row);
  }
  return tabulate(rows);
}


// ---------- api-resources / api-versions ----------

/** The API server's group priority order (aggregated discovery), as `kubectl api-resources` lists groups. */
const GROUP_ORDER = ['', 'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'resource.k8s.io', 'flowcontrol.apiserver.k8s.io'];

function apiResources(k: K): number {
  const out: string = k.f.output ?? '';
  let list = discovery(k.world);
  if (k.p.changed.has('namespaced')) list = list.filter((r) => r.namespaced === k.f.namespaced);
  if (k.f['api-group'] !== undefined && k.p.changed.has('api-group')) list = list.filter((r) => r.group === k.f['api-group']);
  const verbs = splitSlice(k.f.verbs ?? []);
  if (verbs.length) list = list.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  const rank = (g: string) => {
    const i = GROUP_ORDER.indexOf(g);
    return i < 0 ? GROUP_ORDER.length : i;
  };
  list = [...list].sort((a, b) => (a.group === b.group ? a.resource.localeCompare(b.resource) : rank(a.group) - rank(b.group) || a.group.localeCompare(b.group)));
  if (k.f['sort-by'] === 'name') list.sort((a, b) => a.resource.localeCompare(b.resource));
  if (k.f['sort-by'] === 'kind') list.sort((a, b) => a.kind.localeCompare(b.kind));
  if (out === 'name') {
    for (const r of list) k.io.out(`${r.resource}${r.group ? '.' + r.group : ''}\n`);
    return 0;
  }
  const rows: string[][] = [];
  const wide = out === 'wide';
  if (!k.f['no-headers']) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]);
  for (const r of list) {
    const row = [r.resource, r.shortNames.join(','), r.group ? `${r.group}/${r.version}` : r.version, r.namespaced ? 'true' : 'false', r.kind];
    if (wide) row.push(`[${r.verbs.join(' ')}]`, ALL.includes(r.resource) ? '[all]' : '');
    rows.push(row);
  }
  k.io.out(tabulate(rows));
  return 0;
}

function apiVersions(k: K): number {
  const set = new Set<string>();
  for (const r of discovery(k.world)) set.add(r.group ? `${r.group}/${r.version}` : r.version);
  for (const v of [...set].sort()) k.io.out(v + '\n');
  return 0;
}

// ---------- describe ----------

async function describe(k: K): Promise<number> {
  if (k.args.length === 0 && !k.f.filename?.length) {
    throw new CmdError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const { describeObject } = await import('./describe.js');
  const allNs = !!k.f['all-namespaces'];
  const targets: { r: ResourceInfo; objs: KObject[] }[] = [];
  const errors: string[] = [];
  if (k.args.some((a) => a.includes('/'))) {
    for (const a of k.args) {
      const [t, n] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
      const r = mustResolve(k.world, t);
      const res = getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, n);
      if (!res.ok) errors.push(apiErrorText(res.error));
      else targets.push({ r, objs: [res.value] });
    }
  } else {
    const [t, ...names] = k.args;
    for (const r of expandTypes(k, t!)) {
      if (names.length) {
        for (const n of names) {
          const res = getObject(k.world, r.kind, r.namespaced ? k.ns : undefined, n);
          if (res.ok) {
            targets.push({ r, objs: [res.value] });
            continue;
          }
          // kubectl describe falls back to a name-prefix match
          const list = must(listObjects(k.world, r.kind, r.namespaced ? k.ns : undefined, {}));
          const pref = list.filter((o) => o.metadata.name.startsWith(n));
          if (pref.length) targets.push({ r, objs: pref });
          else errors.push(apiErrorText(res.error));
        }
      } else {
        const list = must(listObjects(k.world, r.kind, r.namespaced && !allNs ? k.ns : undefined, { labelSelector: k.f.selector || undefined }));
        targets.push({ r, objs: list });
      }
    }
  }
  const objs = targets.flatMap((t) => t.objs.map((o) => ({ r: t.r, o })));
  if (!objs.length && !errors.length) {
    noResources(k, allNs, targets[0]?.r);
    return 0;
  }
  const texts = objs.map(({ r, o }) => describeObject(k, r, o));
  k.io.out(texts.join('\n\n'));
  for (const e of errors) k.io.err(e);
  return errors.length ? 1 : 0;
}

async function explain(k: K): Promise<number> {
  if (!k.args.length) throw new CmdError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  const { explain: run } = await import('./explain.js');
  return run(k);
}

async function events(k: K): Promise<number> {
  const allNs = !!k.f['all-namespaces'];
  let list = must(listObjects(k.world, 'Event', allNs ? undefined : k.ns, {}));
  list = [...list].sort((a, b) => Date.parse(a.lastTimestamp || a.eventTime || a.metadata.creationTimestamp) - Date.parse(b.lastTimestamp || b.eventTime || b.metadata.creationTimestamp));
  if (!list.length) {
    noResources(k, allNs);
    return 0;
  }
  const rows: string[][] = [];
  if (!k.f['no-headers']) rows.push([...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  const cols = TABLES.Event!;
  for (const e of list) {
    rows.push([...(allNs ? [e.metadata.namespace] : []), cols[0]!.get(e, k.now), e.type ?? '', e.reason ?? '', `${String(e.involvedObject?.kind ?? '')}/${e.involvedObject?.name ?? ''}`, String(e.message ?? '').trim()]);
  }
  k.io.out(tabulate(rows));
  return 0;
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = {
  get,
  describe,
  'api-resources': apiResources,
  'api-versions': apiVersions,
  explain,
  events,
};

export { ApiFailure, goJson, asList };
