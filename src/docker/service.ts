/**
 * The Docker daemon as a system service: `sudo service docker start|stop|status|restart` (Amazon Linux style,
 * redirected to systemctl), `systemctl start|stop|status|restart|enable|is-active docker`, and the package
 * managers (`yum install -y docker`, `apt-get install docker.io`). Stopping the daemon stops its containers;
 * containers with restart policy always/unless-stopped come back when it starts.
 */
import type { IO, Program } from '../core/types.js';
import type { World } from '../world/world.js';
import * as E from '../world/docker/engine.js';
import { nginxTime } from '../world/runtime/apps.js';

const UNITS = new Set(['docker', 'docker.service', 'dockerd']);

function daemonStop(world: World, t: number): void {
  if (world.docker.daemon === 'stopped') return;
  for (const c of Object.values(world.docker.containers) as any[]) {
    if (!c.State.Running) continue;
    const plan = c._sim.plan;
    const code = plan?.kind === 'serve' && plan.stopCode !== 137 ? plan.stopCode : 137;
    const pol = c.HostConfig.RestartPolicy?.Name;
    const comeBack = pol === 'always' || pol === 'unless-stopped';
    E.markExited(world, c, code, t);
    if (comeBack) c._sim.resumeOnDaemonStart = true;
  }
  world.docker.daemon = 'stopped';
  (world.docker as any).daemonChangedMs = t;
}

function daemonStart(world: World, t: number): void {
  if (world.docker.daemon === 'running') return;
  world.docker.daemon = 'running';
  (world.docker as any).daemonChangedMs = t;
  for (const c of Object.values(world.docker.containers) as any[]) {
    if (!c._sim.resumeOnDaemonStart) continue;
    delete c._sim.resumeOnDaemonStart;
    if (c._sim.plan) E.startContainer(world, c, t, c._sim.plan);
  }
}

function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ago`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}min ago`;
}

function statusText(io: IO): { text: string; code: number } {
  const w = io.world;
  const t = io.now();
  const since = (w.docker as any).daemonChangedMs ?? w.clock.createdAt;
  const d = new Date(since);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const stamp = `${day} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
  const running = w.docker.daemon === 'running';
  const head = '● docker.service - Docker Application Container Engine\n     Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; preset: disabled)\n';
  if (!running) {
    return {
      text:
        '○' + head.slice(1) +
        `     Active: inactive (dead) since ${stamp}; ${ago(t - since)}\n` +
        'TriggeredBy: ○ docker.socket\n       Docs: https://docs.docker.com\n',
      code: 3,
    };
  }
  const n = Object.values(w.docker.containers).filter((c: any) => c.State.Running).length;
  return {
    text:
      head +
      `     Active: active (running) since ${stamp}; ${ago(t - since)}\n` +
      'TriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com\n   Main PID: 2981 (dockerd)\n' +
      `      Tasks: ${9 + n * 2}\n     Memory: ${(32.4 + n * 3.1).toFixed(1)}M\n        CPU: 412ms\n     CGroup: /system.slice/docker.service\n` +
      '             └─2981 /usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock $OPTIONS $DOCKER_STORAGE_OPTIONS $DOCKER_ADD_RUNTIMES\n\n' +
      `${nginxTime(since).replace(/^(\d+)\/(\d+)\/(\d+) /, (_m, y, mo, dd) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][+mo - 1]} ${dd} `)} ip-172-31-16-10.ec2.internal systemd[1]: Started docker.service - Docker Application Container Engine.\n`,
    code: 0,
  };
}

function notInstalled(io: IO, unit: string): number {
  io.err(`Unit ${unit}.service could not be found.\n`);
  return 4;
}

export const systemctl: Program = (argv, io) => {
  const args = argv.filter((a) => !a.startsWith('-'));
  const verb = args[0];
  const unit = args[1];
  if (!verb) {
    io.err('Too few arguments.\n');
    return 1;
  }
  if (!unit) {
    io.err(`Too few arguments.\n`);
    return 1;
  }
  const name = unit.replace(/\.service$/, '');
  if (!UNITS.has(unit) && !UNITS.has(name)) {
    if (verb === 'status') {
      io.err(`Unit ${name}.service could not be found.\n`);
      return 4;
    }
    io.err(`Failed to ${verb} ${name}.service: Unit ${name}.service not found.\n`);
    return 5;
  }
  if (io.world.docker.installed === false) return notInstalled(io, 'docker');
  const t = io.now();
  switch (verb) {
    case 'start':
      daemonStart(io.world, t);
      return 0;
    case 'stop':
      daemonStop(io.world, t);
      io.err('Warning: Stopping docker.service, but it can still be activated by:\n  docker.socket\n');
      return 0;
    case 'restart':
      daemonStop(io.world, t);
      daemonStart(io.world, t + 1000);
      return 0;
    case 'enable':
      io.err('Created symlink /etc/systemd/system/multi-user.target.wants/docker.service → /usr/lib/systemd/system/docker.service.\n');
      return 0;
    case 'disable':
      io.err('Removed "/etc/systemd/system/multi-user.target.wants/docker.service".\n');
      return 0;
    case 'is-active':
      io.out(io.world.docker.daemon === 'running' ? 'active\n' : 'inactive\n');
      return io.world.docker.daemon === 'running' ? 0 : 3;
    case 'is-enabled':
      io.out('enabled\n');
      return 0;
    case 'status': {
      const s = statusText(io);
      io.out(s.text);
      return s.code;
    }
    default:
      io.err(`Unknown command verb '${verb}'.\n`);
      return 1;
  }
};

export const service: Program = (argv, io) => {
  const [unit, verb, ...rest] = argv;
  if (!unit) {
    io.err('Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n');
    return 1;
  }
  if (!UNITS.has(unit)) {
    io.err(`Redirecting to /bin/systemctl ${verb ?? ''} ${unit}.service\nFailed to ${verb ?? 'start'} ${unit}.service: Unit ${unit}.service not found.\n`);
    return 5;
  }
  if (!verb) {
    io.err('Usage: /etc/init.d/docker {start|stop|restart|status}\n');
    return 1;
  }
  io.err(`Redirecting to /bin/systemctl ${verb} ${unit}.service\n`);
  return systemctl([verb, unit, ...rest], io);
};

const YUM_TRANSCRIPT = (t: number) => {
  void t;
  return `Last metadata expiration check: 0:12:41 ago on ${'Thu Jan 15 09:47:19 2026'}.
Dependencies resolved.
================================================================================
 Package                Arch       Version                 Repository      Size
================================================================================
Installing:
 docker                 x86_64     25.0.8-1.amzn2023.0.4   amazonlinux     44 M
Installing dependencies:
 containerd             x86_64     1.7.27-1.amzn2023.0.1   amazonlinux     35 M
 iptables-libs          x86_64     1.8.8-3.amzn2023.0.2    amazonlinux    401 k
 iptables-nft           x86_64     1.8.8-3.amzn2023.0.2    amazonlinux    183 k
 libcgroup              x86_64     3.0-1.amzn2023.0.1      amazonlinux     75 k
 libnetfilter_conntrack x86_64     1.0.8-2.amzn2023.0.2    amazonlinux     58 k
 libnfnetlink           x86_64     1.0.1-19.amzn2023.0.2   amazonlinux     30 k
 libnftnl               x86_64     1.2.2-2.amzn2023.0.2    amazonlinux     84 k
 pigz                   x86_64     2.5-1.amzn2023.0.3      amazonlinux     83 k
 runc                   x86_64     1.2.6-1.amzn2023.0.1    amazonlinux    3.6 M

Transaction Summary
================================================================================
Install  10 Packages

Total download size: 84 M
Installed size: 317 M
Downloading Packages:
Running transaction check
Transaction check succeeded.
Running transaction test
Transaction test succeeded.
Running transaction
Installed:
  containerd-1.7.27-1.amzn2023.0.1.x86_64
  docker-25.0.8-1.amzn2023.0.4.x86_64
  iptables-libs-1.8.8-3.amzn2023.0.2.x86_64
  iptables-nft-1.8.8-3.amzn2023.0.2.x86_64
  libcgroup-3.0-1.amzn2023.0.1.x86_64
  libnetfilter_conntrack-1.0.8-2.amzn2023.0.2.x86_64
  libnfnetlink-1.0.1-19.amzn2023.0.2.x86_64
  libnftnl-1.2.2-2.amzn2023.0.2.x86_64
  pigz-2.5-1.amzn2023.0.3.x86_64
  runc-1.2.6-1.amzn2023.0.1.x86_64

Complete!
`;
};

const DOCKER_PKGS = new Set(['docker', 'docker.io', 'docker-ce', 'docker-engine', 'moby-engine']);

export const yum: Program = (argv, io) => {
  const args = argv.filter((a) => !a.startsWith('-'));
  const verb = args[0];
  const pkgs = args.slice(1);
  if (verb !== 'install' || !pkgs.length) {
    if (verb === 'update' || verb === 'upgrade') {
      io.out('Last metadata expiration check: 0:12:41 ago on Thu Jan 15 09:47:19 2026.\nDependencies resolved.\nNothing to do.\nComplete!\n');
      return 0;
    }
    io.err('Error: Need to pass a list of pkgs to install\n');
    return 1;
  }
  if (!pkgs.some((p) => DOCKER_PKGS.has(p))) {
    io.out('Last metadata expiration check: 0:12:41 ago on Thu Jan 15 09:47:19 2026.\n');
    io.err(`No match for argument: ${pkgs[0]}\nError: Unable to find a match: ${pkgs.join(' ')}\n`);
    return 1;
  }
  if (io.world.docker.installed !== false) {
    io.out('Last metadata expiration check: 0:12:41 ago on Thu Jan 15 09:47:19 2026.\nPackage docker-25.0.8-1.amzn2023.0.4.x86_64 is already installed.\nDependencies resolved.\nNothing to do.\nComplete!\n');
    return 0;
  }
  io.out(YUM_TRANSCRIPT(io.now()));
  io.world.docker.installed = true;
  io.world.docker.daemon = 'stopped';
  return 0;
};

export const aptGet: Program = (argv, io) => {
  const args = argv.filter((a) => !a.startsWith('-'));
  const verb = args[0];
  if (verb === 'update') {
    io.out('Hit:1 http://archive.ubuntu.com/ubuntu noble InRelease\nHit:2 http://archive.ubuntu.com/ubuntu noble-updates InRelease\nHit:3 http://security.ubuntu.com/ubuntu noble-security InRelease\nReading package lists... Done\n');
    return 0;
  }
  if (verb !== 'install') {
    io.err(`E: Invalid operation ${verb ?? ''}\n`);
    return 100;
  }
  const pkgs = args.slice(1);
  io.out('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
  const unknown = pkgs.find((p) => !DOCKER_PKGS.has(p) && !['docker-compose', 'docker-compose-plugin', 'docker-buildx-plugin', 'docker-ce-cli', 'containerd.io'].includes(p));
  if (unknown) {
    io.err(`E: Unable to locate package ${unknown}\n`);
    return 100;
  }
  if (io.world.docker.installed !== false) {
    for (const p of pkgs) io.out(`${p} is already the newest version (${p === 'docker.io' ? '26.1.3-0ubuntu1~24.04.1' : '5:28.2.2-1~ubuntu.24.04~noble'}).\n`);
    io.out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  io.out(`The following NEW packages will be installed:\n  ${pkgs.join(' ')} containerd runc bridge-utils pigz\n0 upgraded, 5 newly installed, 0 to remove and 0 not upgraded.\n`);
  io.world.docker.installed = true;
  io.world.docker.daemon = 'running';
  return 0;
};

export { aptGet as apt };
export { aptGet as 'apt-get' };
