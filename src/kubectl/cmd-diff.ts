/**
 * kubectl diff -f: the live object against the result of a server-side dry-run of the apply patch, written as
 * files named GROUP.VERSION.KIND.NAMESPACE.NAME into a LIVE-N and a MERGED-N folder and compared by `diff -u -N`
 * (kubectl's default KUBECTL_EXTERNAL_DIFF). Exit 0: no differences, 1: differences, 2 (kubectl's code + 1): errors.
 *
 * As kubectl does, the patch leaves out the new last-applied-configuration annotation, managedFields are hidden,
 * and the dry-run keeps the live resourceVersion (a dry-run create has none).
 */
import { createObject, getObject, updateObject, type ApiError } from '../world/k8s/api.js';
import { ApiFailure, CmdError, apiErrorText, type K } from './context.js';
import { manifestNamespace, resolveManifest, threeWay } from './cmd-create.js';
import { readManifests } from './manifests.js';
import { toYaml } from './yaml-out.js';
import { editScript, unifiedHunks as hunks } from '../shell/diffcore.js';

type O = Record<string, any>;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** GNU diff's unified hunks (3 lines of context), without the ---/+++ header. */
export function unifiedHunks(aText: string, bText: string): string {
  const a = aText === '' ? [] : aText.replace(/\n$/, '').split('\n');
  const b = bText === '' ? [] : bText.replace(/\n$/, '').split('\n');
  return hunks(editScript(a, b), a, b, 3);
}

function hash(s: string): number {
  let x = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return x;
}

/** GNU diff's file time: `2026-01-15 10:00:05.123456789 +0000`. */
function stamp(ms: number, salt: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ns = p(d.getUTCMilliseconds(), 3) + p(salt % 1_000_000, 6);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${ns} +0000`;
}

function hide(o: O | undefined): O | undefined {
  if (!o) return o;
  const c = structuredClone(o);
  delete c.metadata?.managedFields;
  return c;
}

/** Secrets: kubectl masks data values (*** / *** (before) / *** (after)). */
function maskSecrets(live: O | undefined, merged: O | undefined): void {
  if ((live ?? merged)?.kind !== 'Secret') return;
  const ld: O = live?.data ?? {};
  const md: O = merged?.data ?? {};
  for (const key of new Set([...Object.keys(ld), ...Object.keys(md)])) {
    const same = ld[key] === md[key];
    if (live?.data && key in ld) live.data[key] = same ? '***' : '*** (before)';
    if (merged?.data && key in md) merged.data[key] = same ? '***' : '*** (after)';
  }
}

async function diffCmd(k: K): Promise<number> {
  try {
    if (!k.f.filename?.length && !k.f.kustomize) throw new CmdError('must specify one of -f and -k', '');
    const manifests = await readManifests(k, k.f.filename, k.f.recursive);
    const files: { name: string; live: string; merged: string }[] = [];
    for (const m of manifests) {
      const r = resolveManifest(k, m);
      const ns = manifestNamespace(k, m, r);
      const obj = structuredClone(m.obj);
      if (ns) obj.metadata.namespace = ns;
      const name = `${r.group ? r.group + '.' : ''}${r.version}.${r.kind}.${ns ?? ''}.${obj.metadata?.name}`;
      const got = getObject(k.world, r.kind, ns, obj.metadata?.name);
      const live = got.ok ? got.value : undefined;
      if (got.ok === false && got.error.reason !== 'NotFound') throw new ApiFailure(got.error);
      let merged: O;
      const opts = { now: k.now, dryRun: 'All' as const, fieldManager: 'kubectl-client-side-apply' };
      let res: { ok: true; value: O } | { ok: false; error: ApiError };
      if (!live) {
        res = createObject(k.world, obj, opts);
        if (res.ok) {
          merged = structuredClone(res.value);
          delete merged.metadata.resourceVersion;
        }
      } else {
        let original: unknown;
        try {
          const raw = live.metadata?.annotations?.[LAST_APPLIED];
          original = raw ? JSON.parse(raw) : undefined;
        } catch {
          original = undefined;
        }
        // GetModifiedConfiguration(annotate=false): the file's object with an (empty) annotations map
        obj.metadata.annotations ??= {};
        const next = threeWay(live, obj, original) as O;
        for (const key of ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields']) {
          if (live.metadata?.[key] !== undefined) next.metadata[key] = live.metadata[key];
        }
        // the patch carries no last-applied: the live one stays
        const ann = { ...(next.metadata.annotations ?? {}) };
        delete ann[LAST_APPLIED];
        if (live.metadata?.annotations?.[LAST_APPLIED] !== undefined) ann[LAST_APPLIED] = live.metadata.annotations[LAST_APPLIED];
        if (Object.keys(ann).length) next.metadata.annotations = ann;
        else delete next.metadata.annotations;
        if (live.status !== undefined && obj.status === undefined) next.status = live.status;
        res = updateObject(k.world, next, opts);
        if (res.ok) {
          merged = structuredClone(res.value);
          merged.metadata.resourceVersion = live.metadata.resourceVersion;
        }
      }
      if (!res.ok) throw new ApiFailure(res.error, { verb: 'applying', file: m.source });
      const l = hide(live);
      const mm = hide(merged!);
      maskSecrets(l, mm);
      files.push({ name, live: l ? toYaml(l) : '', merged: toYaml(mm) });
    }
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const seed = hash(`${k.now}:${files.map((f) => f.name).join(',')}`);
    const liveDir = `/tmp/LIVE-${(seed * 7919) % 4294967296 >>> 0}`;
    const mergedDir = `/tmp/MERGED-${hash(String(seed)) >>> 0}`;
    let differ = false;
    for (const f of files) {
      if (f.live === f.merged) continue;
      differ = true;
      const a = `${liveDir}/${f.name}`;
      const b = `${mergedDir}/${f.name}`;
      k.io.out(`diff -u -N ${a} ${b}\n--- ${a}\t${stamp(k.now, seed)}\n+++ ${b}\t${stamp(k.now, seed + 235_024)}\n${unifiedHunks(f.live, f.merged)}`);
    }
    return differ ? 1 : 0;
  } catch (e) {
    // cmdutil.CheckDiffErr: kubectl's exit code + 1
    if (e instanceof ApiFailure) {
      k.io.err(apiErrorText(e.error, e.context));
      return 2;
    }
    if (e instanceof CmdError) {
      k.io.err(`error: ${e.message}\n${e.hint ? e.hint + '\n' : ''}`);
      return 2;
    }
    throw e;
  }
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = { diff: diffCmd };
