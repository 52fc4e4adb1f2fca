/** PATCH bodies: strategic merge patch (with the list merge keys kubectl users meet), JSON merge patch, JSON patch. */
import type { KObject } from './store.js';

export type PatchType = 'strategic' | 'merge' | 'json';
type R = { ok: true; value: KObject } | { ok: false; error: string; code?: number };

/** Merge keys of the strategic merge patch for the common lists (field name -> key). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name', initContainers: 'name', ephemeralContainers: 'name', env: 'name', volumes: 'name',
  volumeMounts: 'mountPath', ports: 'containerPort', imagePullSecrets: 'name', hostAliases: 'ip',
  tolerations: 'key', conditions: 'type', volumeDevices: 'devicePath', ownerReferences: 'uid', taints: 'key',
};
/** Service ports merge by port, container ports by containerPort. */
function mergeKey(field: string, parentIsService: boolean): string | undefined {
  if (field === 'ports' && parentIsService) return 'port';
  return MERGE_KEYS[field];
}

export function jsonMerge(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMerge(out[k], v);
  }
  return out;
}

function strategic(target: any, patch: any, path: string[], svc: boolean): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k.startsWith('$setElementOrder') || k.startsWith('$deleteFromPrimitiveList') || k === '$retainKeys') continue;
    if (v === null) { delete out[k]; continue; }
    const key = mergeKey(k, svc && path.length === 1 && path[0] === 'spec');
    if (Array.isArray(v) && key && Array.isArray(out[k])) {
      const list = out[k].map((x: any) => x);
      for (const item of v) {
        if (item && typeof item === 'object' && item.$patch === 'delete') {
          const i = list.findIndex((x: any) => x?.[key] === item[key]);
          if (i >= 0) list.splice(i, 1);
          continue;
        }
        const i = item && typeof item === 'object' ? list.findIndex((x: any) => x?.[key] !== undefined && x[key] === item[key]) : -1;
        if (i >= 0) list[i] = strategic(list[i], item, [...path, k], svc);
        else list.push(structuredClone(item));
      }
      out[k] = list;
    } else if (v && typeof v === 'object' && (v as any).$patch === 'replace') {
      const { $patch, ...rest } = v as any;
      void $patch;
      out[k] = structuredClone(rest);
    } else {
      out[k] = strategic(out[k], v, [...path, k], svc);
    }
  }
  return out;
}

function pointer(p: string): string[] {
  if (p === '') return [];
  if (!p.startsWith('/')) throw new Error(`invalid JSON pointer: ${p}`);
  return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatch(doc: any, ops: any): R {
  if (!Array.isArray(ops)) return { ok: false, error: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' };
  let d = structuredClone(doc);
  for (const op of ops) {
    let parts: string[];
    try { parts = pointer(op.path ?? ''); } catch (e) { return { ok: false, error: String((e as Error).message) }; }
    const parentPath = parts.slice(0, -1), last = parts[parts.length - 1]!;
    let parent = d;
    for (const seg of parentPath) {
      parent = Array.isArray(parent) ? parent[Number(seg)] : parent?.[seg];
      if (parent === undefined) return { ok: false, error: `the server rejected our request due to an error in our request` };
    }
    const get = () => (Array.isArray(parent) ? parent[Number(last)] : parent?.[last]);
    switch (op.op) {
      case 'add':
        if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, structuredClone(op.value));
        else parent[last] = structuredClone(op.value);
        break;
      case 'replace':
        if (get() === undefined) return { ok: false, error: `the server rejected our request due to an error in our request` };
        if (Array.isArray(parent)) parent[Number(last)] = structuredClone(op.value);
        else parent[last] = structuredClone(op.value);
        break;
      case 'remove':
        if (get() === undefined) return { ok: false, error: `the server rejected our request due to an error in our request` };
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      case 'test':
        if (JSON.stringify(get()) !== JSON.stringify(op.value)) return { ok: false, error: 'the server rejected our request due to an error in our request', code: 422 };
        break;
      case 'move': case 'copy': {
        let from: string[];
        try { from = pointer(op.from ?? ''); } catch (e) { return { ok: false, error: String((e as Error).message) }; }
        let src = d;
        for (const seg of from) src = Array.isArray(src) ? src[Number(seg)] : src?.[seg];
        if (op.op === 'move') {
          const r = jsonPatch(d, [{ op: 'remove', path: op.from }]);
          if (!r.ok) return r;
          d = r.value;
        }
        const r = jsonPatch(d, [{ op: 'add', path: op.path, value: src }]);
        if (!r.ok) return r;
        d = r.value;
        break;
      }
      default:
        return { ok: false, error: `Unexpected kind: ${op.op}` };
    }
  }
  return { ok: true, value: d };
}

export function applyPatch(cur: KObject, type: PatchType, patch: unknown, kind: string): R {
  if (type === 'json') return jsonPatch(cur, patch);
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
    return { ok: false, error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' };
  }
  if (type === 'merge') return { ok: true, value: jsonMerge(cur, patch) };
  return { ok: true, value: strategic(cur, patch, [], kind === 'Service') };
}
