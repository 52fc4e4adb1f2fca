/** Label selectors (string syntax and LabelSelector objects) and field selectors, as apimachinery parses them. */
import type { KObject } from './store.js';

export interface Requirement {
  key: string;
  op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses `app=web,tier!=db,env in (a,b),!x,y`. */
export function parseLabelSelector(s: string): Parsed<Requirement[]> {
  const reqs: Requirement[] = [];
  let i = 0;
  const src = s.trim();
  if (!src) return { ok: true, value: [] };
  const skip = () => { while (i < src.length && src[i] === ' ') i++; };
  const ident = () => {
    skip();
    const st = i;
    while (i < src.length && /[A-Za-z0-9_.\-/]/.test(src[i]!)) i++;
    return src.slice(st, i);
  };
  while (i < src.length) {
    skip();
    if (src[i] === '!') {
      i++;
      const key = ident();
      if (!key) return { ok: false, error: `unable to parse requirement: found '${src[i] ?? ''}', expected: identifier` };
      reqs.push({ key, op: '!', values: [] });
    } else {
      const key = ident();
      if (!key) return { ok: false, error: `unable to parse requirement: found '${src[i] ?? ''}', expected: identifier` };
      skip();
      const rest = src.slice(i);
      let m: RegExpMatchArray | null;
      if ((m = rest.match(/^(==|!=|=)/))) {
        i += m[0].length;
        const v = ident();
        reqs.push({ key, op: m[0] === '!=' ? '!=' : '=', values: [v] });
      } else if ((m = rest.match(/^(notin|in)\s*\(/))) {
        i += m[0].length;
        const close = src.indexOf(')', i);
        if (close < 0) return { ok: false, error: `unable to parse requirement: found '', expected: ')'` };
        const values = src.slice(i, close).split(',').map((v) => v.trim()).filter((v) => v !== '');
        i = close + 1;
        reqs.push({ key, op: m[1] as 'in' | 'notin', values });
      } else {
        reqs.push({ key, op: 'exists', values: [] });
      }
    }
    skip();
    if (i < src.length) {
      if (src[i] !== ',') return { ok: false, error: `unable to parse requirement: found '${src[i]}', expected: ','` };
      i++;
    }
  }
  return { ok: true, value: reqs };
}

export function matchRequirements(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=': if (!has || v !== r.values[0]) return false; break;
      case '!=': if (has && v === r.values[0]) return false; break;
      case 'in': if (!has || !r.values.includes(v!)) return false; break;
      case 'notin': if (has && r.values.includes(v!)) return false; break;
      case 'exists': if (!has) return false; break;
      case '!': if (has) return false; break;
    }
  }
  return true;
}

/** metav1.LabelSelector -> requirements. An empty selector matches everything; null matches nothing. */
export function selectorToRequirements(sel: KObject | undefined | null): Requirement[] | null {
  if (!sel) return null;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [String(v)] });
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

export function matchesSelector(sel: KObject | undefined | null, labels: Record<string, string> | undefined): boolean {
  const reqs = selectorToRequirements(sel);
  return reqs ? matchRequirements(reqs, labels) : false;
}

/** Service-style selector (map): empty map selects nothing for services (handled by caller). */
export function matchesMap(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (l[k] !== v) return false;
  return true;
}

/** `k=v,k2=v2` from a map, sorted as kubectl prints selectors. */
export function formatSelectorMap(m: Record<string, string>): string {
  return Object.keys(m).sort().map((k) => `${k}=${m[k]}`).join(',');
}

// ---------------------------------------------------------------- field selectors

export interface FieldRequirement { field: string; op: '=' | '!='; value: string }

export function parseFieldSelector(s: string): Parsed<FieldRequirement[]> {
  const out: FieldRequirement[] = [];
  for (const part of s.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = part.match(/^([^=!]+)(==|!=|=)(.*)$/);
    if (!m) return { ok: false, error: `invalid selector: '${s}'; can't understand '${part}'` };
    out.push({ field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() });
  }
  return { ok: true, value: out };
}

/** Fields each kind supports as the API server does (metadata.name/namespace everywhere plus kind-specific ones). */
const FIELDS: Record<string, string[]> = {
  Pod: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  ReplicaSet: ['status.replicas'],
  Job: ['status.successful'],
};

export function fieldValue(o: KObject, field: string): string | undefined {
  if (field === 'status.successful') return String(o.status?.succeeded ?? 0);
  if (field === 'source') return o.source?.component ?? '';
  if (field === 'spec.unschedulable') return String(!!o.spec?.unschedulable);
  if (field === 'spec.hostNetwork') return String(!!o.spec?.hostNetwork);
  let cur: any = o;
  for (const p of field.split('.')) cur = cur?.[p];
  if (cur === undefined || cur === null) return '';
  return String(cur);
}

/** Checks a field selector is supported for kind: returns the server's error text or null. */
export function checkFieldSelector(kind: string, version: string, reqs: FieldRequirement[]): string | null {
  for (const r of reqs) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
    if (!(FIELDS[kind] ?? []).includes(r.field)) {
      // core kinds with their own field label conversion answer differently from the generic one
      if (['Pod', 'Node', 'Namespace', 'Secret', 'Event', 'ReplicationController'].includes(kind)) return `field label not supported: ${r.field}`;
      return `"${r.field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;
    }
  }
  void version;
  return null;
}

export function matchFields(reqs: FieldRequirement[], o: KObject): boolean {
  for (const r of reqs) {
    const v = fieldValue(o, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
