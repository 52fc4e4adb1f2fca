/**
 * Server-side validation: strict decoding against the real schemas (field tree generated from the
 * kubernetes-models declarations into schema-fields.json by fixtures/cluster/gen-schema.mjs), object name rules,
 * kind-specific validation and immutable fields, with the API server's message texts.
 * Only the API write path imports this module (it carries the schema data).
 */
import schema from './schema-fields.json' with { type: 'json' };
import type { KObject } from './store.js';
import { matchesSelector } from './selectors.js';
import { parseCron } from './controllers/cron.js';

type Def = { p: Record<string, string>; r: string[] };
const DEFS = schema as unknown as Record<string, Def>;

/** Schema definition for a top-level kind/group/version. */
function defName(group: string, version: string, kind: string): string | undefined {
  const g = group === '' ? 'Core' : group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '').split('.').map((s) => s[0]!.toUpperCase() + s.slice(1)).join('');
  const v = version[0]!.toUpperCase() + version.slice(1);
  const candidates = [`IoK8sApi${g}${v}${kind}`];
  if (group === 'rbac.authorization.k8s.io') candidates.push(`IoK8sApiRbac${v}${kind}`);
  for (const c of candidates) if (DEFS[c]) return c;
  return undefined;
}

/** Go type name of a definition, as encoding/json prints it (`v1.DeploymentSpec`). */
function goType(t: string): string {
  if (t === 's') return 'string';
  if (t === 'b') return 'bool';
  if (t === 'n') return 'int32';
  if (t === 'm') return 'map[string]string';
  if (t.startsWith('a:')) return '[]' + goType(t.slice(2));
  if (t.startsWith('#')) {
    const m = t.match(/(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/);
    return m ? `${m[1]!.toLowerCase()}.${m[2]}` : t.slice(1);
  }
  return 'interface {}';
}

const INT64_FIELDS = new Set([
  'activeDeadlineSeconds', 'terminationGracePeriodSeconds', 'runAsUser', 'runAsGroup', 'fsGroup', 'expirationSeconds',
  'tolerationSeconds', 'deletionGracePeriodSeconds', 'generation', 'observedGeneration', 'startingDeadlineSeconds',
]);

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  return 'object';
}

interface DecodeResult { typeError?: string; unknown: string[] }

function structName(def: string): string {
  const m = def.match(/V\d+(?:(?:alpha|beta)\d+)?([A-Z]\w*)$/);
  return m ? m[1]! : def;
}

function walk(value: unknown, def: string, path: string, goPath: string, res: DecodeResult): void {
  const d = DEFS[def];
  if (!d || res.typeError) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value as KObject)) {
    if (res.typeError) return;
    const t = d.p[k];
    const p = path ? `${path}.${k}` : k;
    const gp = goPath ? `${goPath}.${k}` : k;
    if (t === undefined) {
      res.unknown.push(p);
      continue;
    }
    checkType(v, t, p, gp, structName(def), k, res);
  }
}

function checkType(v: unknown, t: string, p: string, gp: string, struct: string, field: string, res: DecodeResult): void {
  if (v === null || v === undefined || t === 'x') return;
  const jk = jsonKind(v);
  const fail = (target: string) => {
    res.typeError ??= `json: cannot unmarshal ${jk} into Go struct field ${struct}.${gp} of type ${target}`;
  };
  if (t === 's' || t.startsWith('e:')) { if (jk !== 'string') fail('string'); return; }
  if (t === 'b') { if (jk !== 'bool') fail('bool'); return; }
  if (t === 'n') {
    const target = INT64_FIELDS.has(field) ? 'int64' : 'int32';
    if (jk !== 'number') fail(target);
    else if (!Number.isInteger(v)) res.typeError ??= `json: cannot unmarshal number ${v} into Go struct field ${struct}.${gp} of type ${target}`;
    return;
  }
  if (t === 'm') {
    if (jk !== 'object') { fail('map[string]string'); return; }
    for (const [, mv] of Object.entries(v as KObject)) if (mv !== null && typeof mv !== 'string' && field !== 'limits' && field !== 'requests' && field !== 'capacity' && field !== 'hard') {
      res.typeError ??= `json: cannot unmarshal ${jsonKind(mv)} into Go struct field ${struct}.${gp} of type string`;
      return;
    }
    return;
  }
  if (t.startsWith('a:')) {
    if (jk !== 'array') { fail(goType(t)); return; }
    const it = t.slice(2);
    (v as unknown[]).forEach((x, i) => checkType(x, it, `${p}[${i}]`, gp, struct, field, res));
    return;
  }
  if (t.startsWith('#')) {
    if (jk !== 'object') { fail(goType(t)); return; }
    walk(v, t.slice(1), p, gp, res);
  }
}

/** Enumerated string fields whose server-side message or order differs from the schema's list (checked elsewhere). */
const SKIP_ENUM = new Set(['restartPolicy', 'dnsPolicy', 'type']);

function enumWalk(value: unknown, def: string, path: string, out: FieldError[]): void {
  const d = DEFS[def];
  if (!d || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value as KObject)) {
    const t = d.p[k];
    if (t === undefined || v === null || v === undefined) continue;
    if (!path && k === 'status') continue;
    enumCheck(v, t, path ? `${path}.${k}` : k, k, out);
  }
}

function enumCheck(v: unknown, t: string, p: string, field: string, out: FieldError[]): void {
  if (t.startsWith('e:')) {
    const allowed = t.slice(2).split('|');
    if (typeof v === 'string' && !SKIP_ENUM.has(field) && !allowed.includes(v)) {
      out.push({ field: p, text: `Unsupported value: ${JSON.stringify(v)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}` });
    }
  } else if (t.startsWith('a:') && Array.isArray(v)) {
    const it = t.slice(2);
    v.forEach((x, i) => enumCheck(x, it, `${p}[${i}]`, field, out));
  } else if (t.startsWith('#')) enumWalk(v, t.slice(1), p, out);
}

/** Values outside an enumeration of the schema (`Unsupported value: "always": supported values: ...`). */
export function enumErrors(obj: KObject, group: string, version: string, kind: string): FieldError[] {
  const def = defName(group, version, kind);
  const out: FieldError[] = [];
  if (def) enumWalk(obj, def, '', out);
  return out;
}

/**
 * Strict decoding as the API server does it (`fieldValidation=Strict`, kubectl's default): a type error stops
 * decoding; otherwise every unknown field is reported. Returns the BadRequest message or null.
 */
export function strictDecode(obj: KObject, group: string, version: string, kind: string): string | null {
  const def = defName(group, version, kind);
  if (!def) return null;
  const res: DecodeResult = { unknown: [] };
  walk(obj, def, '', '', res);
  const prefix = `${kind} in version "${version}" cannot be handled as a ${kind}: `;
  if (res.typeError) return prefix + res.typeError;
  if (res.unknown.length) return prefix + 'strict decoding error: ' + res.unknown.map((u) => `unknown field "${u}"`).join(', ');
  return null;
}

// ---------------------------------------------------------------- names

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const MSG_SUBDOMAIN = `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`;
export const MSG_LABEL = `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`;
export const MSG_DNS1035 = `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`;

export interface FieldError { field: string; text: string }

const q = (s: unknown) => JSON.stringify(s);

export function validateName(kind: string, name: string): FieldError[] {
  const errs: FieldError[] = [];
  if (kind === 'Namespace') {
    if (!LABEL.test(name)) errs.push({ field: 'metadata.name', text: `Invalid value: ${q(name)}: ${MSG_LABEL}` });
    if (name.length > 63) errs.push({ field: 'metadata.name', text: `Invalid value: ${q(name)}: must be no more than 63 characters` });
  } else if (kind === 'Service') {
    if (!DNS1035.test(name)) errs.push({ field: 'metadata.name', text: `Invalid value: ${q(name)}: ${MSG_DNS1035}` });
    if (name.length > 63) errs.push({ field: 'metadata.name', text: `Invalid value: ${q(name)}: must be no more than 63 characters` });
  } else {
    if (name.length > 253) errs.push({ field: 'metadata.name', text: `Invalid value: ${q(name)}: must be no more than 253 characters` });
    if (!SUBDOMAIN.test(name)) errs.push({ field: 'metadata.name', text: `Invalid value: ${q(name)}: ${MSG_SUBDOMAIN}` });
  }
  return errs;
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function validateLabels(labels: Record<string, string> | undefined, path: string, errs: FieldError[]): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const name = k.includes('/') ? k.slice(k.indexOf('/') + 1) : k;
    if (!QUALIFIED_NAME.test(name) || name.length > 63) {
      errs.push({ field: path, text: `Invalid value: ${q(k)}: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')` });
    }
    if (typeof v === 'string' && (!LABEL_VALUE.test(v) || v.length > 63)) {
      errs.push({ field: path, text: `Invalid value: ${q(v)}: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')` });
    }
  }
}

// ---------------------------------------------------------------- kind validation

function goMap(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${q(k)}:${q(m![k])}`).join(', ')}}`;
}

function validatePodSpec(spec: KObject | undefined, path: string, errs: FieldError[]): void {
  if (!spec) return;
  const cs = spec.containers;
  if (!cs || cs.length === 0) errs.push({ field: `${path}.containers`, text: 'Required value' });
  const names = new Set<string>();
  const check = (list: KObject[] | undefined, p: string) => (Array.isArray(list) ? list : []).forEach((c0, i) => {
    const c = (c0 ?? {}) as KObject;
    const cp = `${path}.${p}[${i}]`;
    if (!c.name) errs.push({ field: `${cp}.name`, text: 'Required value' });
    else if (!LABEL.test(c.name)) errs.push({ field: `${cp}.name`, text: `Invalid value: ${q(c.name)}: ${MSG_LABEL}` });
    else if (names.has(c.name)) errs.push({ field: `${cp}.name`, text: `Duplicate value: ${q(c.name)}` });
    names.add(c.name);
    if (!c.image) errs.push({ field: `${cp}.image`, text: 'Required value' });
    (c.ports ?? []).forEach((pt: KObject, j: number) => {
      if (pt.containerPort !== undefined && (pt.containerPort < 1 || pt.containerPort > 65535)) {
        errs.push({ field: `${cp}.ports[${j}].containerPort`, text: `Invalid value: ${pt.containerPort}: must be between 1 and 65535, inclusive` });
      }
    });
  });
  check(spec.initContainers, 'initContainers');
  check(cs, 'containers');
  const rp = spec.restartPolicy;
  if (rp !== undefined && !['Always', 'OnFailure', 'Never'].includes(rp)) {
    errs.push({ field: `${path}.restartPolicy`, text: `Unsupported value: ${q(rp)}: supported values: "Always", "OnFailure", "Never"` });
  }
}

function validateWorkloadSelector(o: KObject, errs: FieldError[]): void {
  const spec = o.spec ?? {};
  if (!spec.selector) {
    errs.push({ field: 'spec.selector', text: 'Required value' });
  } else if (!Object.keys(spec.selector.matchLabels ?? {}).length && !(spec.selector.matchExpressions ?? []).length) {
    errs.push({ field: 'spec.selector', text: 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment' });
  }
  const labels = spec.template?.metadata?.labels;
  if (spec.selector && !matchesSelector(spec.selector, labels)) {
    errs.push({ field: 'spec.template.metadata.labels', text: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\`` });
  }
}


function validateConfigKeys(o: KObject, errs: FieldError[]): void {
  for (const k of [...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})]) {
    if (!/^[-._a-zA-Z0-9]+$/.test(k)) errs.push({ field: `data[${k}]`, text: `Invalid value: ${q(k)}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')` });
  }
}

/** Keys the well-known Secret types require. */
function validateSecretType(o: KObject, errs: FieldError[]): void {
      const data = { ...(o.data ?? {}), ...Object.fromEntries(Object.entries(o.stringData ?? {}).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')])) } as Record<string, string>;
      const need = (k: string) => { if (data[k] === undefined) errs.push({ field: `data[${k}]`, text: 'Required value' }); };
      if (o.type === 'kubernetes.io/dockerconfigjson') {
        need('.dockerconfigjson');
        if (data['.dockerconfigjson'] !== undefined) {
          try { JSON.parse(Buffer.from(data['.dockerconfigjson'], 'base64').toString('utf8')); } catch (e) {
            errs.push({ field: 'data[.dockerconfigjson]', text: `Invalid value: "<secret contents redacted>": ${String((e as Error).message).includes('Unexpected end') ? 'unexpected end of JSON input' : 'invalid character looking for beginning of value'}` });
          }
        }
      } else if (o.type === 'kubernetes.io/dockercfg') need('.dockercfg');
      else if (o.type === 'kubernetes.io/tls') { need('tls.crt'); need('tls.key'); }
      else if (o.type === 'kubernetes.io/basic-auth' && data.username === undefined && data.password === undefined) errs.push({ field: 'data[username]', text: 'Required value' });
      else if (o.type === 'kubernetes.io/ssh-auth') need('ssh-privatekey');
    }

/** Validation the API server runs on create (field errors; empty when valid). */
export function validateObject(o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const m = o.metadata ?? {};
  if (!m.name && !m.generateName) errs.push({ field: 'metadata.name', text: 'Required value: name or generateName is required' });
  else if (m.name) errs.push(...validateName(o.kind, m.name));
  validateLabels(m.labels, 'metadata.labels', errs);
  const spec = o.spec;
  switch (o.kind) {
    case 'Pod':
      validatePodSpec(spec ?? {}, 'spec', errs);
      break;
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet':
      validateWorkloadSelector(o, errs);
      validateLabels(spec?.template?.metadata?.labels, 'spec.template.metadata.labels', errs);
      validatePodSpec(spec?.template?.spec ?? {}, 'spec.template.spec', errs);
      if (spec?.replicas !== undefined && spec.replicas < 0) errs.push({ field: 'spec.replicas', text: `Invalid value: ${spec.replicas}: must be greater than or equal to 0` });
      if (o.kind === 'Deployment' && spec?.strategy?.type === 'Recreate' && spec.strategy.rollingUpdate) {
        errs.push({ field: 'spec.strategy.rollingUpdate', text: "Forbidden: may not be specified when strategy `type` is 'Recreate'" });
      }
      if (o.kind === 'Deployment' && spec?.strategy?.rollingUpdate) {
        const ru = spec.strategy.rollingUpdate;
        const zero = (v: unknown) => v === 0 || v === '0' || v === '0%';
        if (zero(ru.maxSurge) && zero(ru.maxUnavailable)) {
          const iv = (v: unknown) => (typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(v)}}`);
          errs.push({ field: 'spec.strategy.rollingUpdate.maxUnavailable', text: `Invalid value: ${iv(ru.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0` });
        }
      }
      if (o.kind === 'Deployment' && spec?.template?.spec?.restartPolicy && spec.template.spec.restartPolicy !== 'Always') {
        errs.push({ field: 'spec.template.spec.restartPolicy', text: `Unsupported value: ${q(spec.template.spec.restartPolicy)}: supported values: "Always"` });
      }
      break;
    case 'Job':
      validatePodSpec(spec?.template?.spec ?? {}, 'spec.template.spec', errs);
      if (!['OnFailure', 'Never'].includes(spec?.template?.spec?.restartPolicy)) {
        errs.push({ field: 'spec.template.spec.restartPolicy', text: `Required value: valid values: "OnFailure", "Never"` });
      }
      break;
    case 'CronJob':
      if (!spec?.schedule) errs.push({ field: 'spec.schedule', text: 'Required value' });
      else if (!parseCron(spec.schedule)) {
        const n = String(spec.schedule).trim().replace(/^(CRON_)?TZ=\S+\s+/, '').split(/\s+/).length;
        const desc = String(spec.schedule).trim().startsWith('@');
        errs.push({ field: 'spec.schedule', text: `Invalid value: ${q(spec.schedule)}: ${desc ? `unrecognized descriptor: ${spec.schedule}` : n !== 5 ? `expected exactly 5 fields, found ${n}: ${spec.schedule}` : `failed to parse int from ${spec.schedule}`}` });
      }
      validatePodSpec(spec?.jobTemplate?.spec?.template?.spec ?? {}, 'spec.jobTemplate.spec.template.spec', errs);
      break;
    case 'Service': {
      const type = spec?.type ?? 'ClusterIP';
      if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) {
        errs.push({ field: 'spec.type', text: `Unsupported value: ${q(type)}: supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"` });
      }
      if (type !== 'ExternalName' && !(spec?.ports ?? []).length && spec?.clusterIP !== 'None') errs.push({ field: 'spec.ports', text: 'Required value' });
      (spec?.ports ?? []).forEach((p: KObject, i: number) => {
        if (p.port === undefined) errs.push({ field: `spec.ports[${i}].port`, text: 'Required value' });
        else if (p.port < 1 || p.port > 65535) errs.push({ field: `spec.ports[${i}].port`, text: `Invalid value: ${p.port}: must be between 1 and 65535, inclusive` });
        if (p.nodePort !== undefined && (p.nodePort < 30000 || p.nodePort > 32767)) {
          errs.push({ field: `spec.ports[${i}].nodePort`, text: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is 30000-32767` });
        }
        if ((spec.ports.length > 1) && !p.name) errs.push({ field: `spec.ports[${i}].name`, text: 'Required value' });
      });
      if (type === 'ExternalName' && !spec?.externalName) errs.push({ field: 'spec.externalName', text: 'Required value' });
      break;
    }
    case 'PersistentVolumeClaim':
      if (!(spec?.accessModes ?? []).length) errs.push({ field: 'spec.accessModes', text: 'Required value: at least 1 access mode is required' });
      if (!spec?.resources?.requests?.storage) errs.push({ field: 'spec.resources[storage]', text: 'Required value' });
      break;
    case 'Secret':
      validateSecretType(o, errs);
      validateConfigKeys(o, errs);
      break;
    case 'ConfigMap':
      validateConfigKeys(o, errs);
      break;
  }
  return errs;
}

/** Update validation: immutable fields. */
export function validateUpdate(old: KObject, o: KObject): FieldError[] {
  const errs: FieldError[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  switch (o.kind) {
    case 'Deployment': case 'ReplicaSet': case 'DaemonSet': case 'StatefulSet':
      if (!same(old.spec?.selector, o.spec?.selector)) {
        const s = o.spec?.selector ?? {};
        errs.push({ field: 'spec.selector', text: `Invalid value: v1.LabelSelector{MatchLabels:${goMap(s.matchLabels)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable` });
      }
      if (o.kind === 'StatefulSet') {
        const strip = (s: KObject) => {
          const { replicas, ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy, minReadySeconds, ...rest } = s ?? {};
          void replicas; void ordinals; void template; void updateStrategy; void persistentVolumeClaimRetentionPolicy; void minReadySeconds;
          return rest;
        };
        if (!same(strip(old.spec), strip(o.spec))) {
          errs.push({ field: 'spec', text: `Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden` });
        }
      }
      break;
    case 'Pod': {
      const norm = (s: KObject) => {
        const c = structuredClone(s ?? {});
        for (const x of [...(c.containers ?? []), ...(c.initContainers ?? [])]) delete x.image;
        delete c.activeDeadlineSeconds;
        delete c.tolerations;
        delete c.terminationGracePeriodSeconds;
        return c;
      };
      if (!same(norm(old.spec), norm(o.spec))) {
        errs.push({ field: 'spec', text: 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)' });
      }
      break;
    }
    case 'Job':
      if (!same(old.spec?.template, o.spec?.template)) errs.push({ field: 'spec.template', text: `Invalid value: core.PodTemplateSpec{...}: field is immutable` });
      if (!same(old.spec?.completions, o.spec?.completions)) errs.push({ field: 'spec.completions', text: `Invalid value: ${o.spec?.completions}: field is immutable` });
      break;
    case 'Service':
      if (old.spec?.clusterIP && o.spec?.clusterIP && old.spec.clusterIP !== o.spec.clusterIP) {
        errs.push({ field: 'spec.clusterIPs[0]', text: `Invalid value: []string{${q(o.spec.clusterIP)}}: may not change once set` });
      }
      break;
    case 'PersistentVolumeClaim':
      if (!same({ ...old.spec, resources: undefined, volumeName: undefined }, { ...o.spec, resources: undefined, volumeName: undefined })) {
        errs.push({ field: 'spec', text: 'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' });
      }
      break;
    case 'ConfigMap': case 'Secret':
      if (old.immutable && (!same(old.data, o.data) || !same(old.binaryData, o.binaryData))) {
        errs.push({ field: 'data', text: 'Forbidden: field is immutable when `immutable` is set' });
      }
      break;
  }
  return errs;
}

/** kubectl's rendering of an Invalid error (MultilineError). */
export function invalidMessage(kind: string, name: string, errs: FieldError[]): string {
  const head = `The ${kind} "${name}" is invalid: `;
  if (errs.length === 1) return head + `${errs[0]!.field}: ${errs[0]!.text}`;
  return head + '\n' + errs.map((e) => `* ${e.field}: ${e.text}`).join('\n');
}
