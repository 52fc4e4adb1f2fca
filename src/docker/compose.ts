/**
 * `docker compose` (v2 plugin) for a compose.yaml: up [-d] [--build], down [-v], ps [-a], logs [SERVICE],
 * build, stop, start, restart. Services: image or build, ports, environment, volumes, depends_on, command,
 * networks (the project's default network). Progress lines are compose's plain (non-TTY) events on stderr.
 */
import type { IO } from '../core/types.js';
import { docker } from './index.js';
import * as E from '../world/docker/engine.js';
import { containerContext, renderRows } from './printers.js';
import { humanSizeWithPrecision } from './units.js';

const FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

interface Service {
  name: string;
  image?: string;
  build?: { context: string; dockerfile?: string };
  ports: string[];
  environment: string[];
  volumes: string[];
  depends_on: string[];
  command?: string[] | string;
  entrypoint?: string[] | string;
  container_name?: string;
  restart?: string;
  working_dir?: string;
}

/** Runs a docker command line internally, capturing its output. */
async function sub(io: IO, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await docker(argv, { ...io, out: (s) => void (out += s), err: (s) => void (err += s), enterShell: () => {} });
  return { code, out, err };
}

function projectName(dir: string): string {
  return (dir.split('/').filter(Boolean).pop() ?? 'default').toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

function list(v: any): string[] {
  if (!v) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => (x === null || x === undefined ? k : `${k}=${x}`));
  return [String(v)];
}

function order(services: Service[]): Service[] {
  const out: Service[] = [];
  const seen = new Set<string>();
  const visit = (s: Service, depth = 0) => {
    if (seen.has(s.name) || depth > 50) return;
    for (const d of s.depends_on) {
      const dep = services.find((x) => x.name === d);
      if (dep) visit(dep, depth + 1);
    }
    seen.add(s.name);
    out.push(s);
  };
  for (const s of services) visit(s);
  return out;
}

function pad(rows: [string, string][]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => ` ${a.padEnd(w)}  ${b}\n`).join('');
}

export async function compose(argv: string[], io: IO): Promise<number> {
  const host = io.ctx.host;
  let fileArg: string | undefined;
  let projectArg: string | undefined;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-f' || a === '--file') fileArg = argv[++i];
    else if (a.startsWith('--file=')) fileArg = a.slice(7);
    else if (a === '-p' || a === '--project-name') projectArg = argv[++i];
    else args.push(a);
  }
  const verb = args[0];
  const rest = args.slice(1);
  if (!verb || verb === '--help') {
    io.out('Usage:  docker compose [OPTIONS] COMMAND\n\nDefine and run multi-container applications with Docker\n\nCommands:\n  build       Build or rebuild services\n  down        Stop and remove containers, networks\n  logs        View output from containers\n  ps          List containers\n  restart     Restart service containers\n  start       Start services\n  stop        Stop services\n  up          Create and start containers\n  version     Show the Docker Compose version information\n\nRun \'docker compose COMMAND --help\' for more information on a command.\n');
    return 0;
  }
  if (verb === 'version') {
    io.out('Docker Compose version v2.36.2\n');
    return 0;
  }
  const path = fileArg ? host.resolve(fileArg) : FILES.map((f) => `${host.cwd}/${f}`).find((f) => host.stat(f));
  if (!path || host.readFile(path) === null) {
    io.err(fileArg ? `open ${host.resolve(fileArg)}: no such file or directory\n` : 'no configuration file provided: not found\n');
    return 1;
  }
  if (io.world.docker.daemon !== 'running') {
    io.err(E.DAEMON_DOWN + '\n');
    return 1;
  }
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const Y: any = await import('yaml');
  const parseYaml = Y.parse ?? Y.default?.parse;
  const YAMLstringify: (v: unknown) => string = Y.stringify ?? Y.default?.stringify;
  let doc: any;
  try {
    doc = parseYaml(host.readFile(path)!);
  } catch (e) {
    io.err(`yaml: ${(e as Error).message.split('\n')[0]}\n`);
    return 15;
  }
  if (!doc?.services || typeof doc.services !== 'object') {
    io.err(`${path}: services must be a mapping\n`);
    return 15;
  }
  if (doc.version !== undefined) {
    const msg = `${path}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`;
    if (io.ctx.tty) io.err(`WARN[0000] ${msg} \n`);
    else io.err(`time="${new Date(io.now()).toISOString().replace(/\.\d+Z$/, 'Z')}" level=warning msg="${msg.replace(/"/g, '\\"')}"\n`);
  }
  const project = projectArg ?? doc.name ?? projectName(dir);
  const services: Service[] = Object.entries(doc.services).map(([name, s]: [string, any]) => ({
    name,
    image: s?.image,
    build: s?.build ? (typeof s.build === 'string' ? { context: s.build } : { context: s.build.context ?? '.', dockerfile: s.build.dockerfile }) : undefined,
    ports: list(s?.ports),
    environment: list(s?.environment),
    volumes: list(s?.volumes),
    depends_on: Array.isArray(s?.depends_on) ? s.depends_on : Object.keys(s?.depends_on ?? {}),
    command: s?.command,
    entrypoint: s?.entrypoint,
    container_name: s?.container_name,
    restart: s?.restart,
    working_dir: s?.working_dir,
  }));
  for (const s of services) {
    if (!s.image && !s.build) {
      io.err(`service "${s.name}" has neither an image nor a build context specified: invalid compose project\n`);
      return 15;
    }
  }
  const ctrName = (s: Service) => s.container_name ?? `${project}-${s.name}-1`;
  const imageName = (s: Service) => s.image ?? `${project}-${s.name}`;
  const netName = `${project}_default`;
  const find = (s: Service) => Object.values(io.world.docker.containers).find((c: any) => c.Name === '/' + ctrName(s)) as any;
  const wanted = rest.filter((a) => !a.startsWith('-'));
  const sel = (list: Service[]) => (wanted.length ? list.filter((s) => wanted.includes(s.name)) : list);
  const flag = (...names: string[]) => rest.some((a) => names.includes(a));

  const build = async (s: Service, force: boolean): Promise<boolean> => {
    if (!s.build) return true;
    if (!force && (await sub(io, ['image', 'inspect', imageName(s)])).code === 0) return true;
    const ctx = s.build.context.startsWith('/') ? s.build.context : `${dir}/${s.build.context}`;
    const argv = ['build', '-t', imageName(s)];
    if (s.build.dockerfile) argv.push('-f', `${ctx}/${s.build.dockerfile}`);
    argv.push(ctx);
    const r = await sub(io, argv);
    io.err(r.err);
    return r.code === 0;
  };

  switch (verb) {
    case 'build': {
      for (const s of sel(services)) if (!(await build(s, true))) return 1;
      return 0;
    }
    case 'up': {
      const detach = flag('-d', '--detach');
      const forceBuild = flag('--build');
      const ordered = sel(order(services));
      for (const s of ordered) if (!(await build(s, forceBuild))) return 1;
      for (const s of ordered) {
        if (s.image && !(await sub(io, ['image', 'inspect', s.image])).code) continue;
        if (s.image) {
          io.err(` ${s.name} Pulling \n`);
          const r = await sub(io, ['pull', '-q', s.image]);
          if (r.code !== 0) {
            io.err(` ${s.name} Error ${r.err.trim()}\n`);
            io.err(`Error response from daemon: ${r.err.replace(/^Error response from daemon: /, '').trim()}\n`);
            return 1;
          }
          io.err(` ${s.name} Pulled \n`);
        }
      }
      const events: [string, string][] = [];
      if (!E.findNetwork(io.world, netName)) {
        await sub(io, ['network', 'create', '--label', `com.docker.compose.project=${project}`, '--label', 'com.docker.compose.network=default', netName]);
        events.push([`Network ${netName}`, 'Creating'], [`Network ${netName}`, 'Created']);
      }
      for (const s of ordered) {
        let c = find(s);
        const label = `Container ${ctrName(s)}`;
        if (!c) {
          const argv = ['create', '--name', ctrName(s), '--network', netName, '--network-alias', s.name];
          for (const l of [`com.docker.compose.project=${project}`, `com.docker.compose.service=${s.name}`, 'com.docker.compose.container-number=1', `com.docker.compose.project.working_dir=${dir}`, `com.docker.compose.project.config_files=${path}`, 'com.docker.compose.oneoff=False', 'com.docker.compose.version=2.36.2']) argv.push('--label', l);
          for (const p of s.ports) argv.push('-p', p);
          for (const e of s.environment) argv.push('-e', e);
          for (const v of s.volumes) {
            const [src, ...more] = v.split(':');
            if (more.length && (src!.startsWith('.') || src!.startsWith('/') || src!.startsWith('~'))) argv.push('-v', [src!.startsWith('/') ? src : `${dir}/${src}`, ...more].join(':'));
            else if (more.length) {
              const vol = `${project}_${src}`;
              if (!io.world.docker.volumes[vol]) {
                await sub(io, ['volume', 'create', '--label', `com.docker.compose.project=${project}`, '--label', `com.docker.compose.volume=${src}`, vol]);
                events.push([`Volume "${vol}"`, 'Creating'], [`Volume "${vol}"`, 'Created']);
              }
              argv.push('-v', [vol, ...more].join(':'));
            } else argv.push('-v', v);
          }
          if (s.restart) argv.push('--restart', s.restart);
          if (s.working_dir) argv.push('-w', s.working_dir);
          if (s.entrypoint) argv.push('--entrypoint', Array.isArray(s.entrypoint) ? s.entrypoint[0]! : s.entrypoint.split(' ')[0]!);
          argv.push(imageName(s));
          if (s.command) argv.push(...(Array.isArray(s.command) ? s.command : ['sh', '-c', s.command]));
          const r = await sub(io, argv);
          if (r.code !== 0) {
            io.err(pad(events));
            io.err(r.err.replace(/^docker: /, '').replace(/\n\nRun 'docker create --help' for more information\n$/, '\n'));
            return 1;
          }
          events.push([label, 'Creating'], [label, 'Created']);
          c = find(s);
        } else events.push([label, 'Running']);
        if (!c.State.Running) {
          events.push([label, 'Starting']);
          const r = await sub(io, ['start', c.Id]);
          if (r.code !== 0) {
            io.err(pad(events));
            io.err(`Error response from daemon: ${r.err.split('\n')[0]!.replace(/^Error response from daemon: /, '')}\n`);
            return 1;
          }
          events.push([label, 'Started']);
        }
      }
      io.err(pad(events));
      if (!detach) {
        const names = ordered.map((s) => `${s.name}-1`);
        io.out(`Attaching to ${names.join(', ')}\n`);
        await printLogs(io, ordered.map((s) => [s.name, find(s)]));
      }
      return 0;
    }
    case 'down': {
      const events: [string, string][] = [];
      for (const s of [...order(services)].reverse()) {
        const c = find(s);
        if (!c) continue;
        const label = `Container ${ctrName(s)}`;
        if (c.State.Running) {
          events.push([label, 'Stopping']);
          await sub(io, ['stop', c.Id]);
          events.push([label, 'Stopped']);
        }
        events.push([label, 'Removing']);
        await sub(io, ['rm', c.Id]);
        events.push([label, 'Removed']);
      }
      if (E.findNetwork(io.world, netName)) {
        events.push([`Network ${netName}`, 'Removing']);
        await sub(io, ['network', 'rm', netName]);
        events.push([`Network ${netName}`, 'Removed']);
      }
      if (flag('-v', '--volumes')) {
        for (const v of Object.values(io.world.docker.volumes) as any[]) {
          if (v.Labels?.['com.docker.compose.project'] !== project) continue;
          events.push([`Volume ${v.Name}`, 'Removing']);
          await sub(io, ['volume', 'rm', v.Name]);
          events.push([`Volume ${v.Name}`, 'Removed']);
        }
      }
      if (events.length) io.err(pad(events));
      return 0;
    }
    case 'ps': {
      const all = flag('-a', '--all');
      const t = io.now();
      const rows = services
        .map((s) => [s, find(s)] as const)
        .filter(([, c]) => c && (all || c.State.Running))
        // compose's ps sorts the containers by name
        .sort(([, a], [, b]) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0))
        .map(([s, c]) => {
          const ctx = containerContext(c, t, true);
          return { ...ctx, ID: ctx.ID as () => string, Name: () => c.Name.slice(1), Service: () => s.name, Image: () => c.Config.Image, Command: ctx.Command, CreatedAt: ctx.RunningFor, Status: ctx.Status, Ports: ctx.Ports };
        });
      if (flag('-q', '--quiet')) {
        for (const r of rows) io.out(r.ID() + '\n');
        return 0;
      }
      io.out(renderRows(undefined, 'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.CreatedAt}}\t{{.Status}}\t{{.Ports}}', rows, { Name: 'NAME', Image: 'IMAGE', Command: 'COMMAND', Service: 'SERVICE', CreatedAt: 'CREATED', Status: 'STATUS', Ports: 'PORTS' }));
      return 0;
    }
    case 'logs': {
      await printLogs(io, sel(services).map((s) => [s.name, find(s)]));
      return 0;
    }
    case 'stop':
    case 'start':
    case 'restart': {
      const events: [string, string][] = [];
      const ing = { stop: ['Stopping', 'Stopped'], start: ['Starting', 'Started'], restart: ['Restarting', 'Started'] }[verb];
      for (const s of sel(order(services))) {
        const c = find(s);
        if (!c) continue;
        events.push([`Container ${ctrName(s)}`, ing[0]!]);
        await sub(io, [verb, c.Id]);
        events.push([`Container ${ctrName(s)}`, ing[1]!]);
      }
      io.err(pad(events));
      return 0;
    }
    case 'exec': {
      // docker compose exec [-T] [-u U] [-w W] [-e K=V] SERVICE CMD...
      const opts: string[] = [];
      let i = 0;
      while (i < rest.length && rest[i]!.startsWith('-')) {
        const a = rest[i]!;
        if (a === '-T' || a === '--no-TTY' || a === '-d' || a === '--detach') {
          if (a === '-d' || a === '--detach') opts.push('-d');
          i++;
        } else if (['-u', '--user', '-w', '--workdir', '-e', '--env', '--index'].includes(a)) {
          if (a !== '--index') opts.push(a, rest[i + 1] ?? '');
          i += 2;
        } else i++;
      }
      const svc = services.find((x) => x.name === rest[i]);
      if (!svc) {
        io.err(rest[i] ? `service "${rest[i]}" is not running\n` : 'requires at least 2 arg(s), only received 0\n');
        return 1;
      }
      const c = find(svc);
      if (!c || !c.State.Running) {
        io.err(`service "${svc.name}" is not running\n`);
        return 1;
      }
      const cmd = rest.slice(i + 1);
      const interactive = !rest.slice(0, i).some((a) => a === '-T' || a === '--no-TTY');
      return docker(['exec', ...(interactive ? ['-it'] : []), ...opts, c.Id, ...cmd], io);
    }
    case 'run': {
      const rm = rest.includes('--rm');
      const detach = rest.includes('-d') || rest.includes('--detach');
      const pos = rest.filter((a) => !a.startsWith('-'));
      const svc = services.find((x) => x.name === pos[0]);
      if (!svc) {
        io.err(pos[0] ? `no such service: ${pos[0]}\n` : 'requires at least 1 arg(s), only received 0\n');
        return 1;
      }
      if (!(await build(svc, false))) return 1;
      if (!E.findNetwork(io.world, netName)) await sub(io, ['network', 'create', netName]);
      const n = Object.values(io.world.docker.containers).filter((c: any) => c.Name.startsWith(`/${project}-${svc.name}-run-`)).length;
      const argv = ['run', '--name', `${project}-${svc.name}-run-${(n + 1).toString(16).padStart(12, '0').slice(-12)}`, '--network', netName, '--network-alias', svc.name];
      if (rm) argv.push('--rm');
      if (detach) argv.push('-d');
      else argv.push('-it');
      for (const e of svc.environment) argv.push('-e', e);
      argv.push(imageName(svc));
      const cmd = pos.slice(1);
      if (cmd.length) argv.push(...cmd);
      else if (svc.command) argv.push(...(Array.isArray(svc.command) ? svc.command : ['sh', '-c', svc.command]));
      return docker(argv, io);
    }
    case 'images': {
      const rows = services.map((s) => [s, find(s)] as const).filter(([, c]) => c);
      io.out(renderRows(undefined, 'table {{.Container}}\t{{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Size}}', rows.map(([s, c]) => {
        const img = io.world.docker.images[c.Image];
        const tag = (img?.RepoTags?.[0] ?? '<none>:<none>') as string;
        return { Container: () => c.Name.slice(1), Repository: () => tag.slice(0, tag.lastIndexOf(':')), Tag: () => tag.slice(tag.lastIndexOf(':') + 1), ID: () => String(c.Image).slice(7, 19), Size: () => humanSizeWithPrecision(img?.Size ?? 0, 3), _s: s };
      }), { Container: 'CONTAINER', Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', Size: 'SIZE' }));
      return 0;
    }
    case 'config': {
      io.out(YAMLstringify(doc));
      return 0;
    }
    case 'pull': {
      for (const s of sel(services)) {
        if (!s.image) continue;
        io.err(` ${s.name} Pulling \n`);
        const r = await sub(io, ['pull', '-q', s.image]);
        io.err(r.code === 0 ? ` ${s.name} Pulled \n` : r.err);
        if (r.code !== 0) return 1;
      }
      return 0;
    }
    default:
      io.err(`unknown docker command: "compose ${verb}"\n`);
      return 1;
  }
}

async function printLogs(io: IO, pairs: (readonly [string, any])[]): Promise<void> {
  const live = pairs.filter(([, c]) => c);
  const w = Math.max(0, ...live.map(([n]) => `${n}-1`.length));
  const lines: { t: number; s: string }[] = [];
  const t = io.now() + 1000;
  for (const [n, c] of live) for (const l of c._sim.logs ?? []) if (l.t <= t) lines.push({ t: l.t, s: `${`${n}-1`.padEnd(w)}  | ${l.l}\n` });
  lines.sort((a, b) => a.t - b.t);
  for (const l of lines) io.out(l.s);
}
