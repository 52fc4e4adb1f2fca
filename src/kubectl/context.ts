/**
 * What every kubectl command handler gets (K), and the helpers they share: resource resolution through the API
 * server's discovery, kubectl's error texts, and printing objects with -o.
 */
import type { IO } from '../core/types.js';
import type { World } from '../world/world.js';
import type { CmdNode, Parsed } from './flags.js';
import { resolveResource, discovery, type ApiError, type KObject, type ResourceInfo } from '../world/k8s/api.js';
import { toJson, toYaml } from './yaml-out.js';
import { jsonpath, jsonpathAsJson, JsonPathError } from './jsonpath.js';
import { CmdError } from './generators.js';

export interface K {
  io: IO;
  world: World;
  node: CmdNode;
  p: Parsed;
  /** parsed flag values by long name */
  f: Record<string, any>;
  args: string[];
  /** namespace from -n, the context, or `default` */
  ns: string;
  /** was -n given (kubectl's EnforceNamespace) */
  nsExplicit: boolean;
  now: number;
  /** `kubectl create deployment` for messages */
  cmdPath: string;
}

export { CmdError };

/** `deployment.apps`, `pod`, `service` (kubectl's resource prefix in messages and -o name). */
export function kindPrefix(r: ResourceInfo): string {
  return r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase();
}

/** `deployments.apps`, `pods` (the API server's grouped resource in errors). */
export function groupedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

export function infoForKind(world: World, kind: string, apiVersion?: string): ResourceInfo | undefined {
  const group = apiVersion?.includes('/') ? apiVersion.split('/')[0] : '';
  return discovery(world).find((r) => r.kind === kind && (apiVersion === undefined || r.group === group)) ?? discovery(world).find((r) => r.kind === kind);
}

export function objPrefix(world: World, o: KObject): string {
  const r = infoForKind(world, o.kind, o.apiVersion);
  if (r) return kindPrefix(r);
  const g = o.apiVersion?.includes('/') ? o.apiVersion.split('/')[0] : '';
  return g ? `${String(o.kind).toLowerCase()}.${g}` : String(o.kind).toLowerCase();
}

/** Resolves a resource type argument as kubectl does, or throws kubectl's error. */
export function mustResolve(world: World, type: string): ResourceInfo {
  const r = resolveResource(world, type);
  if (!r) throw new CmdError(`the server doesn't have a resource type "${type}"`);
  return r;
}

/** kubectl's rendering of an API error. */
export function apiErrorText(e: ApiError, context?: { verb: string; file: string }): string {
  if (e.reason === 'Invalid') return `${e.message}\n`;
  const msg = context ? `error when ${context.verb} "${context.file}": ${e.message}` : e.message;
  return `Error from server (${e.reason}): ${msg}\n`;
}

export class ApiFailure extends Error {
  constructor(public error: ApiError, public context?: { verb: string; file: string }) {
    super(error.message);
  }
}

/** Unwraps an ApiResult or throws ApiFailure. */
export function must<T>(r: { ok: true; value: T } | { ok: false; error: ApiError }, context?: { verb: string; file: string }): T {
  if (!r.ok) throw new ApiFailure(r.error, context);
  return r.value;
}

const OUTPUT_FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';
const OUTPUT_FORMATS_NO_WIDE = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

export function outputFormat(k: K, allowWide: boolean): { fmt: string; arg: string } {
  // PrintFlags.ToPrinter: --template without -o means -o go-template
  const o: string = k.f.output || (k.f.template ? 'go-template' : '');
  const eq = o.indexOf('=');
  const fmt = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? '' : o.slice(eq + 1);
  const known = (allowWide ? OUTPUT_FORMATS : OUTPUT_FORMATS_NO_WIDE).split(',');
  if (fmt !== '' && !known.includes(fmt)) {
    throw new CmdError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowWide ? OUTPUT_FORMATS : OUTPUT_FORMATS_NO_WIDE}`);
  }
  if ((fmt === 'jsonpath' || fmt === 'jsonpath-as-json' || fmt === 'go-template' || fmt === 'template') && !arg && !k.f.template) {
    throw new CmdError(`template format specified but no template given`);
  }
  return { fmt, arg: arg || k.f.template || '' };
}

/** List wrapper kubectl prints for several objects with -o yaml/json. */
export function asList(items: KObject[]): KObject {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

function stripManaged(o: KObject, keep: boolean): KObject {
  if (keep || !o.metadata?.managedFields) return o;
  const { managedFields: _m, ...rest } = o.metadata;
  return { ...o, metadata: rest };
}

/**
 * Prints objects in a structured -o format (yaml, json, name, jsonpath, go-template). Returns false when the
 * format is a table format (''/wide/custom-columns) the caller prints itself.
 * typed: objects built by the client (generators) keep Go's struct field order in JSON.
 */
export async function printStructured(k: K, objs: KObject[], opts: { single: boolean; typed?: boolean; fmt: string; arg: string }): Promise<boolean> {
  const { fmt, arg } = opts;
  const keep = !!k.f['show-managed-fields'];
  const list = objs.map((o) => stripManaged(o, keep));
  const data = opts.single && list.length === 1 ? list[0] : asList(list);
  switch (fmt) {
    case 'yaml':
      if (opts.single) for (let i = 0; i < list.length; i++) k.io.out((i ? '---\n' : '') + toYaml(list[i]));
      else k.io.out(toYaml(data));
      return true;
    case 'json':
      if (opts.single) for (const o of list) k.io.out(toJson(o, !opts.typed));
      else k.io.out(toJson(data, !opts.typed));
      return true;
    case 'name':
      for (const o of list) k.io.out(`${objPrefix(k.world, o)}/${o.metadata?.name}\n`);
      return true;
    case 'jsonpath':
    case 'jsonpath-as-json':
    case 'jsonpath-file': {
      let tpl = arg;
      if (fmt === 'jsonpath-file') tpl = k.io.fs.readFile(arg) ?? '';
      try {
        k.io.out(fmt === 'jsonpath-as-json' ? jsonpathAsJson(tpl, data) : jsonpath(tpl, data));
      } catch (e) {
        if (e instanceof JsonPathError) throw new CmdError(`error parsing jsonpath ${tpl}, ${e.message}`);
        throw e;
      }
      return true;
    }
    case 'go-template':
    case 'template':
    case 'go-template-file':
    case 'templatefile': {
      const { goTemplate } = await import('./gotemplate.js');
      let tpl = arg;
      if (fmt.endsWith('file')) tpl = k.io.fs.readFile(arg) ?? '';
      k.io.out(goTemplate(tpl, data));
      return true;
    }
  }
  return false;
}

/** kubectl's `all` category, in discovery order. */
export const ALL_CATEGORY = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];

/** Parses `TYPE NAME...`, `TYPE/NAME ...`, `TYPE1,TYPE2` into (resource, name) pairs. */
export function parseResourceArgs(world: World, args: string[]): { r: ResourceInfo; names: string[] }[] {
  if (args.length === 0) return [];
  if (args.some((a) => a.includes('/'))) {
    const out: { r: ResourceInfo; names: string[] }[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) throw new CmdError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`);
      const r = mustResolve(world, a.slice(0, slash));
      const name = a.slice(slash + 1);
      if (!name) throw new CmdError(`arguments in resource/name form must have a single resource and name`);
      const prev = out.find((x) => x.r === r);
      if (prev) prev.names.push(name);
      else out.push({ r, names: [name] });
    }
    return out;
  }
  const [types, ...names] = args;
  const out: { r: ResourceInfo; names: string[] }[] = [];
  for (const t of types!.split(',').filter(Boolean)) {
    if (t === 'all') {
      for (const a of ALL_CATEGORY) {
        const r = resolveResource(world, a);
        if (r && !out.some((x) => x.r === r)) out.push({ r, names });
      }
    } else out.push({ r: mustResolve(world, t), names });
  }
  return out;
}

export function nsFor(k: K, r: ResourceInfo): string | undefined {
  return r.namespaced ? k.ns : undefined;
}

/** -o yaml etc. on stdin manifests and files: reads files (-f) into objects. */
export interface SourceObject {
  obj: KObject;
  /** file name as the learner typed it ('' for stdin shows as "STDIN") */
  source: string;
}

/** `See 'kubectl create deployment -h' for help and examples` */
export function helpHint(k: K): string {
  return `See '${k.cmdPath} -h' for help and examples`;
}
