/**
 * Presentation: docker/cli's formatter contexts (ContainerContext, ImageContext ...) as plain objects of
 * getters, rendered with the Go-template subset and the tabwriter.
 */
import { humanDuration, humanSizeWithPrecision, ellipsis, goTimeString, tabwrite } from './units.js';
import { parseTemplate, execTemplate, TemplateError } from './gotemplate.js';
import { familiarName, parseImageRef } from '../world/runtime/ref.js';

export { TemplateError };

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** moby State.String() with the client's clock. */
export function statusText(c: any, now: number): string {
  const s = c.State;
  const sim = c._sim;
  if (s.Running) {
    if (s.Paused) return `Up ${humanDuration(now - sim.startedMs)} (Paused)`;
    if (s.Restarting) return `Restarting (${s.ExitCode}) ${humanDuration(now - (sim.finishedMs ?? now))} ago`;
    const h = s.Health?.Status;
    const health = h === 'starting' ? ' (health: starting)' : h ? ` (${h})` : '';
    return `Up ${humanDuration(now - sim.startedMs)}${health}`;
  }
  if (s.Dead) return 'Dead';
  if (sim.startedMs === undefined) return 'Created';
  if (sim.finishedMs === undefined) return '';
  return `Exited (${s.ExitCode}) ${humanDuration(now - sim.finishedMs)} ago`;
}

export function commandString(c: any): string {
  return [c.Path, ...(c.Args ?? [])].filter((x) => x !== undefined && x !== '').join(' ');
}

function goQuote(s: string): string {
  // strconv.Quote: JSON-ish escaping, non-ASCII kept (… stays as is)
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t') + '"';
}

export interface PortSummary {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export function portSummaries(c: any): PortSummary[] {
  const out: PortSummary[] = [];
  const ports = c.NetworkSettings?.Ports ?? {};
  for (const [k, binds] of Object.entries(ports) as [string, any][]) {
    const [p, t] = k.split('/');
    if (!binds || !binds.length) out.push({ PrivatePort: +p!, Type: t! });
    else for (const b of binds) out.push({ IP: b.HostIp, PrivatePort: +p!, PublicPort: +b.HostPort, Type: t! });
  }
  if (!c.State.Running) return [];
  return out;
}

/** netip.Addr.Less: invalid (none) < IPv4 < IPv6, then by bytes. */
function ipCompare(a: string, b: string): number {
  const rank = (ip: string) => (ip === '' ? 0 : ip.includes(':') ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (rank(a) === 1) {
    const x = a.split('.').map(Number);
    const y = b.split('.').map(Number);
    for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** docker/cli DisplayablePorts. */
export function displayablePorts(ports: PortSummary[]): string {
  const sorted = [...ports].sort(
    (a, b) => a.PrivatePort - b.PrivatePort || ipCompare(a.IP ?? '', b.IP ?? '') || (a.PublicPort ?? 0) - (b.PublicPort ?? 0) || (a.Type < b.Type ? -1 : a.Type > b.Type ? 1 : 0),
  );
  const groups = new Map<string, { first: number; last: number }>();
  const order: string[] = [];
  const result: string[] = [];
  const hostMappings: string[] = [];
  const join = (ip: string, p: string | number) => (ip.includes(':') ? `[${ip}]:${p}` : `${ip}:${p}`);
  const formGroup = (key: string, start: number, last: number) => {
    const parts = key.split('/');
    let type = parts[0]!;
    let ip = '';
    if (parts.length > 1) {
      ip = parts[0]!;
      type = parts[1]!;
    }
    let g = String(start);
    if (start !== last) g = `${g}-${last}`;
    if (ip) g = `${join(ip, g)}->${g}`;
    return `${g}/${type}`;
  };
  for (const p of sorted) {
    let key = p.Type;
    if (p.IP) {
      if (p.PublicPort !== p.PrivatePort) {
        hostMappings.push(`${join(p.IP, p.PublicPort!)}->${p.PrivatePort}/${p.Type}`);
        continue;
      }
      key = `${p.IP}/${p.Type}`;
    }
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { first: p.PrivatePort, last: p.PrivatePort });
      order.push(key);
      continue;
    }
    if (p.PrivatePort === g.last + 1) {
      g.last = p.PrivatePort;
      continue;
    }
    result.push(formGroup(key, g.first, g.last));
    groups.set(key, { first: p.PrivatePort, last: p.PrivatePort });
  }
  for (const k of order) {
    const g = groups.get(k)!;
    result.push(formGroup(k, g.first, g.last));
  }
  return [...result, ...hostMappings].join(', ');
}

function familiarImage(s: string): string {
  const r = parseImageRef(s);
  if (!r.ok) return s;
  const fam = familiarName(r.value.domain, r.value.path);
  if (r.value.digest && !s.includes(':' + (r.value.tag ?? '\0'))) return fam;
  return s.includes(':') && r.value.tag ? `${fam}:${r.value.tag}` : fam;
}

export function containerContext(c: any, now: number, trunc: boolean, sizeRw = 0, sizeRootFs = 0): Record<string, any> {
  const cmd = commandString(c);
  const labels = c.Config.Labels ?? {};
  return {
    ID: () => (trunc ? shortId(c.Id) : c.Id),
    Names: () => c.Name.slice(1),
    Image: () => {
      const img = c.Config.Image;
      if (!trunc) return img;
      if (shortId(c.Image) === shortId(img)) return shortId(img);
      return familiarImage(img);
    },
    Command: () => goQuote(trunc ? ellipsis(cmd, 20) : cmd),
    CreatedAt: () => goTimeString(c._sim.createdMs),
    RunningFor: () => humanDuration(now - c._sim.createdMs) + ' ago',
    Ports: () => displayablePorts(portSummaries(c)),
    State: () => stateWord(c),
    Status: () => statusText(c, now),
    Size: () => {
      const srw = humanSizeWithPrecision(sizeRw, 3);
      return sizeRootFs > 0 ? `${srw} (virtual ${humanSizeWithPrecision(sizeRootFs, 3)})` : srw;
    },
    Labels: () =>
      Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join(','),
    Label: (name?: string) => (name === undefined ? '' : (labels[name] ?? '')),
    Mounts: () =>
      (c.Mounts ?? [])
        .map((m: any) => {
          const name = m.Type === 'volume' ? m.Name : m.Source;
          return trunc ? ellipsis(name, 15) : name;
        })
        .join(','),
    LocalVolumes: () => String((c.Mounts ?? []).filter((m: any) => m.Type === 'volume' && m.Driver === 'local').length),
    Networks: () => Object.keys(c.NetworkSettings.Networks ?? {}).sort().join(','),
    Platform: () => null,
  };
}

export function stateWord(c: any): string {
  const s = c.State;
  if (s.Running && s.Paused) return 'paused';
  if (s.Restarting) return 'restarting';
  if (s.Running) return 'running';
  if (s.Dead) return 'dead';
  if (c._sim.startedMs === undefined) return 'created';
  return 'exited';
}

export const CONTAINER_HEADERS: Record<string, string> = {
  ID: 'CONTAINER ID', Names: 'NAMES', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED',
  Ports: 'PORTS', State: 'STATE', Status: 'STATUS', Size: 'SIZE', Labels: 'LABELS', Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES', Networks: 'NETWORKS', Platform: 'PLATFORM',
};
export const IMAGE_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT',
  Size: 'SIZE', Containers: 'CONTAINERS', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE', VirtualSize: 'SIZE',
};
export const VOLUME_HEADERS: Record<string, string> = { Driver: 'DRIVER', Name: 'VOLUME NAME', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Scope: 'SCOPE', Size: 'SIZE', Links: 'LINKS' };
export const NETWORK_HEADERS: Record<string, string> = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv6: 'IPV6', Internal: 'INTERNAL', Labels: 'LABELS', CreatedAt: 'CREATED AT' };
export const HISTORY_HEADERS: Record<string, string> = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };

/**
 * docker/cli's Format handling: 'table' / 'table TEMPLATE' / 'json' / 'TEMPLATE'. Returns the text to print.
 * `defaultTable` is the command's default table template.
 */
export function renderRows(format: string | undefined, defaultTable: string, rows: Record<string, any>[], headers: Record<string, string>, quiet = false): string {
  let f = format ?? '';
  if (quiet && (f === '' || f === 'table')) f = '{{.ID}}';
  if (f === '' || f === 'table') f = defaultTable;
  if (f === 'json') f = '{{json .}}';
  const isTable = f.startsWith('table');
  let tmpl = isTable ? f.slice(5).replace(/^\s/, '') : f;
  tmpl = tmpl.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
  const nodes = parseTemplate(tmpl);
  let out = '';
  if (isTable) {
    const head: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) head[k] = v;
    try {
      out += execTemplate(nodes, head) + '\n';
    } catch {
      out += '\n';
    }
  }
  for (const r of rows) {
    const data = f === '{{json .}}' ? jsonRow(r) : r;
    out += execTemplate(nodes, data) + '\n';
  }
  return isTable ? tabwrite(out) : out;
}

function jsonRow(r: Record<string, any>): Record<string, any> {
  const o: Record<string, any> = {};
  for (const k of Object.keys(r).sort()) {
    // methods taking arguments ({{.Label "x"}}) are not fields of the JSON
    if (typeof r[k] === 'function' && r[k].length > 0) continue;
    const v = typeof r[k] === 'function' ? r[k]() : r[k];
    if (v === undefined) continue;
    o[k] = v;
  }
  return o;
}

/** JSON as the docker CLI indents inspect output (4 spaces, HTML-escaped like Go). */
export function inspectJson(objs: any[]): string {
  return (
    JSON.stringify(objs.map(stripSim), null, 4)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026') + '\n'
  );
}

export function stripSim(v: any): any {
  if (Array.isArray(v)) return v.map(stripSim);
  if (v && typeof v === 'object') {
    const o: any = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith('_')) o[k] = stripSim(x);
    return o;
  }
  return v;
}
