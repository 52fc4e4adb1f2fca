/**
 * kubectl auth whoami / auth can-i: the API server's answer to a SelfSubjectReview / SelfSubjectAccessReview,
 * with RBAC evaluated against the Roles, ClusterRoles and their bindings in the world.
 *
 * The user of minikube's kubeconfig is `minikube-user` in the group system:masters (every request allowed).
 * `--as` / `--as-group` impersonate another user (a service account as system:serviceaccount:NS:NAME).
 */
import { listObjects, type KObject } from '../world/k8s/api.js';
import { CmdError, type K } from './context.js';
import { resolveResource } from '../world/k8s/api.js';
import { tabulate } from './printers.js';
import { toJson, toYaml } from './yaml-out.js';

type O = Record<string, any>;

interface Subject { user: string; groups: string[] }

function subjectOf(k: K): Subject {
  const as: string = k.f.as ?? '';
  const asGroups: string[] = k.f['as-group'] ?? [];
  if (!as) return { user: 'minikube-user', groups: ['system:masters', 'system:authenticated'] };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  const groups = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`] : [];
  return { user: as, groups: [...groups, ...asGroups, 'system:authenticated'] };
}

/** Rules of the bootstrap ClusterRoles a real cluster has (used when the world does not hold them). */
const ALL = { apiGroups: ['*'], resources: ['*'], verbs: ['*'] };
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const WORKLOADS = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'events', 'limitranges', 'resourcequotas', 'namespaces', 'namespaces/status', 'pods/status', 'bindings'] },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'controllerrevisions'] },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
];
const BOOTSTRAP: Record<string, O[]> = {
  'cluster-admin': [ALL],
  view: WORKLOADS.map((r) => ({ ...r, verbs: READ })),
  edit: [
    ...WORKLOADS.map((r) => ({ ...r, verbs: [...READ, ...WRITE] })),
    { apiGroups: [''], resources: ['secrets', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/eviction'], verbs: [...READ, ...WRITE] },
  ],
  admin: [
    ...WORKLOADS.map((r) => ({ ...r, verbs: [...READ, ...WRITE] })),
    { apiGroups: [''], resources: ['secrets', 'pods/exec', 'pods/attach', 'pods/portforward', 'pods/eviction'], verbs: [...READ, ...WRITE] },
    { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] },
  ],
  'system:basic-user': [{ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] }, { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] }],
};
/** Bootstrap ClusterRoleBindings: group -> cluster role. */
const BOOTSTRAP_GROUPS: [string, string][] = [['system:masters', 'cluster-admin'], ['system:authenticated', 'system:basic-user']];

function roleRules(k: K, kind: string, name: string, ns: string | undefined): O[] {
  const r = listObjects(k.world, kind, kind === 'Role' ? ns : undefined, {});
  const o = r.ok ? r.value.find((x: KObject) => x.metadata.name === name) : undefined;
  if (o) return o.rules ?? [];
  return kind === 'ClusterRole' ? BOOTSTRAP[name] ?? [] : [];
}

function bound(s: Subject, subjects: O[] | undefined, bindingNs: string | undefined): boolean {
  return (subjects ?? []).some((x) => {
    if (x.kind === 'User') return x.name === s.user;
    if (x.kind === 'Group') return s.groups.includes(x.name);
    if (x.kind === 'ServiceAccount') return s.user === `system:serviceaccount:${x.namespace ?? bindingNs}:${x.name}`;
    return false;
  });
}

interface Attrs { verb: string; group: string; resource: string; subresource: string; name: string; namespace: string | undefined }

function ruleAllows(rule: O, a: Attrs): boolean {
  const has = (list: string[] | undefined, v: string) => (list ?? []).includes('*') || (list ?? []).includes(v);
  if (!has(rule.verbs, a.verb)) return false;
  if (!has(rule.apiGroups, a.group)) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const rs: string[] = rule.resources ?? [];
  if (!(rs.includes('*') || rs.includes(res) || (a.subresource && rs.includes(`*/${a.subresource}`)) || (!a.subresource && false))) return false;
  const names: string[] = rule.resourceNames ?? [];
  return names.length === 0 || (a.name !== '' && names.includes(a.name));
}

/** RBAC authorizer: ClusterRoleBindings everywhere, RoleBindings in the request's namespace. */
export function allowed(k: K, s: Subject, a: Attrs): boolean {
  const rules: O[] = [];
  for (const [g, role] of BOOTSTRAP_GROUPS) if (s.groups.includes(g)) rules.push(...roleRules(k, 'ClusterRole', role, undefined));
  const crbs = listObjects(k.world, 'ClusterRoleBinding', undefined, {});
  for (const b of crbs.ok ? crbs.value : []) if (bound(s, b.subjects, undefined)) rules.push(...roleRules(k, 'ClusterRole', b.roleRef?.name, undefined));
  if (a.namespace) {
    const rbs = listObjects(k.world, 'RoleBinding', a.namespace, {});
    for (const b of rbs.ok ? rbs.value : []) if (bound(s, b.subjects, a.namespace)) rules.push(...roleRules(k, b.roleRef?.kind ?? 'ClusterRole', b.roleRef?.name, a.namespace));
  }
  return rules.some((r) => ruleAllows(r, a));
}

function canI(k: K): number {
  if (k.f.list) throw new CmdError('--list is not supported by k8s-drill yet');
  if (k.args.length !== 2) throw new CmdError('you must specify two arguments: verb resource or verb resource/resourceName.', "See 'kubectl auth can-i -h' for help and examples.");
  const [verb, target] = k.args as [string, string];
  const slash = target.indexOf('/');
  const type = slash < 0 ? target : target.slice(0, slash);
  const name = slash < 0 ? '' : target.slice(slash + 1);
  let group = '';
  let resource = type;
  if (type.startsWith('/')) {
    // a non-resource URL: discovery and health endpoints are readable by everyone authenticated
    const s = subjectOf(k);
    const ok = s.groups.includes('system:masters') || (verb === 'get' && /^\/(api|apis|version|healthz|livez|readyz|openapi)(\/|$)/.test(type));
    if (!k.f.quiet) k.io.out(ok ? 'yes\n' : 'no\n');
    return ok ? 0 : 1;
  }
  const dot = type.indexOf('.');
  const r = resolveResource(k.world, type);
  if (r) {
    group = r.group;
    resource = r.resource;
  } else {
    if (dot > 0) {
      resource = type.slice(0, dot);
      group = type.slice(dot + 1);
    }
    k.io.err(`Warning: the server doesn't have a resource type '${type}'\n\n`);
  }
  const ns = k.f['all-namespaces'] ? undefined : r && !r.namespaced ? undefined : k.ns;
  const ok = allowed(k, subjectOf(k), { verb, group, resource, subresource: k.f.subresource ?? '', name, namespace: ns });
  if (!k.f.quiet) k.io.out(ok ? 'yes\n' : 'no\n');
  return ok ? 0 : 1;
}

function whoami(k: K): number {
  const s = subjectOf(k);
  const out: string = k.f.output ?? '';
  const review = { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, status: { userInfo: { username: s.user, groups: s.groups } } };
  if (out === 'json') k.io.out(toJson(review) + '\n');
  else if (out === 'yaml') k.io.out(toYaml(review));
  else if (out !== '') throw new CmdError(`unable to match a printer suitable for the output format "${out}", allowed formats are: json,yaml`);
  else k.io.out(tabulate([['ATTRIBUTE', 'VALUE'], ['Username', s.user], ['Groups', `[${s.groups.join(' ')}]`]]));
  return 0;
}

export const handlers: Record<string, (k: K) => number | Promise<number>> = {
  'auth can-i': canI,
  'auth whoami': whoami,
};
