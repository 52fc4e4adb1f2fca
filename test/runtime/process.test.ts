import { describe, expect, it } from 'vitest';
import { planProcess, planProcessAsync, executableExists, ociExecError, applyFsOps } from '../../src/world/runtime/process.js';
import { catalogImage, defaultArgv, resolveImage, type ResolvedImage } from '../../src/world/runtime/images.js';
import { layeredFs, diffLayer } from '../../src/world/runtime/fs.js';
import type { FsLayer } from '../../src/world/runtime/contract.js';
import type { World } from '../../src/world/world.js';
import { initRegistryState } from '../../src/world/runtime/registry-state.js';

const T0 = Date.parse('2026-01-15T10:00:00Z');
export function fakeWorld(): World {
  return { clock: { offsetMs: 0, settledAt: T0, createdAt: T0 }, registry: initRegistryState(), seq: 0, rng: 1, seed: 1, shell: { env: {}, aliases: {} } } as unknown as World;
}
function img(ref: string): ResolvedImage {
  const r = catalogImage(ref);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
function plan(ref: string, cmd?: string[], env: Record<string, string> = {}, mounts: Parameters<typeof layeredFs>[0]['mounts'] = [], interactive = false) {
  const image = img(ref);
  const upper: FsLayer = {};
  const fs = layeredFs({ lower: image.fs, upper, mounts, cwd: image.config.WorkingDir || '/' });
  const p = planProcess(fakeWorld(), image, defaultArgv(image.config, cmd), env, { fs, tty: false, interactive, hostname: 'a1b2c3d4e5f6', now: T0 });
  return { p, fs, upper, image };
}

describe('planProcess', () => {
  it('echo exits 0 with its output', () => {
    const { p } = plan('busybox', ['echo', 'hello from busybox']);
    expect(p).toMatchObject({ kind: 'exit', code: 0, output: ['hello from busybox'] });
  });
  it('ubuntu echo hello world', () => {
    expect(plan('ubuntu', ['echo', 'hello', 'world']).p).toMatchObject({ kind: 'exit', code: 0, output: ['hello world'] });
  });
  it('sh -c writes into the filesystem and sleeps as a server that ends', () => {
    const vol: FsLayer = {};
    const { p } = plan('busybox', ['sh', '-c', 'echo saved > /data/f; sleep 3600'], {}, [{ target: '/data', layer: vol }]);
    expect(vol['/f']).toMatchObject({ type: 'file', content: 'saved\n' });
    expect(p).toMatchObject({ kind: 'serve', exitAfterMs: 3_600_000, exitCode: 0, stopCode: 137 });
  });
  it('sleep 5 alone serves for 5 s', () => {
    expect(plan('busybox', ['sleep', '5']).p).toMatchObject({ kind: 'serve', exitAfterMs: 5000, exitCode: 0, ports: [] });
  });
  it('loops run forever with output over time', () => {
    const { p } = plan('busybox', ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 5; done']);
    expect(p.kind).toBe('serve');
    if (p.kind !== 'serve') return;
    expect(p.exitAfterMs).toBeUndefined();
    expect(p.logs.slice(0, 3)).toEqual(['tick 1', 'tick 2', 'tick 3']);
    expect(p.timed!.slice(0, 3).map((t) => t.atMs)).toEqual([0, 5000, 10000]);
  });
  it('date inside a loop follows the private clock', () => {
    const { p } = plan('busybox', ['sh', '-c', 'for i in 1 2; do date; sleep 60; done']);
    expect(p).toMatchObject({ kind: 'serve', exitAfterMs: 120_000 });
    if (p.kind === 'serve') expect(p.logs).toEqual(['Thu Jan 15 10:00:00 UTC 2026', 'Thu Jan 15 10:01:00 UTC 2026']);
  });
  it('exit codes, && and ||, variables and command substitution', () => {
    expect(plan('alpine', ['sh', '-c', 'false || echo fallback; exit 3']).p).toMatchObject({ kind: 'exit', code: 3, output: ['fallback'] });
    expect(plan('alpine', ['sh', '-c', 'echo "host=$HOSTNAME" $(echo sub)']).p).toMatchObject({ output: ['host=a1b2c3d4e5f6 sub'] });
    expect(plan('busybox', ['sh', '-c', 'if [ -f /etc/passwd ]; then echo yes; else echo no; fi']).p).toMatchObject({ output: ['yes'] });
  });
  it('unknown executables fail to start with the OCI error', () => {
    const { p, image, fs } = plan('busybox', ['foo']);
    expect(p).toMatchObject({ kind: 'exit', code: 127 });
    if (p.kind === 'exit') expect(p.startError).toBe(ociExecError('foo'));
    expect(ociExecError('foo')).toContain('exec: "foo": executable file not found in $PATH: unknown');
    expect(executableExists(image, fs, 'foo')).toBe(false);
    expect(executableExists(image, fs, 'sh')).toBe(true);
    expect(executableExists(image, fs, '/bin/sh')).toBe(true);
  });
  it('a missing command inside sh -c is a shell error, exit 127', () => {
    expect(plan('busybox', ['sh', '-c', 'nope']).p).toMatchObject({ kind: 'exit', code: 127, output: ['sh: nope: not found'] });
  });
  it('nginx entrypoint runs a missing program', () => {
    expect(plan('nginx', ['foo']).p).toMatchObject({ kind: 'exit', code: 127, output: ['/docker-entrypoint.sh: exec: line 47: foo: not found'] });
  });
  it('hello-world prints its greeting and exits 0', () => {
    const { p } = plan('hello-world');
    expect(p.kind).toBe('exit');
    if (p.kind !== 'exit') return;
    expect(p.code).toBe(0);
    expect(p.output.join('\n')).toContain('Hello from Docker!\nThis message shows that your installation appears to be working correctly.');
    expect(p.output[0]).toBe('');
  });
  it('nginx serves with its real start-up lines and changes its writable layer', () => {
    const { p, upper, image } = plan('nginx:1.27');
    expect(p.kind).toBe('serve');
    if (p.kind !== 'serve') return;
    expect(p.ports).toEqual([80]);
    expect(p.stopCode).toBe(0);
    expect(p.app).toBe('nginx');
    expect(p.logs[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(p.logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(p.logs).toContain('2026/01/15 10:00:00 [notice] 1#1: nginx/1.27.5');
    expect(p.logs).toContain('2026/01/15 10:00:00 [notice] 1#1: start worker processes');
    expect(p.timed!.find((t) => t.text.includes('[notice]'))!.stream).toBe('stderr');
    expect(diffLayer(upper, image.fs)).toContain('C /etc/nginx/conf.d/default.conf');
    expect(diffLayer(upper, image.fs)).toContain('A /run/nginx.pid');
  });
  it('servers: redis, httpd, whoami; shells; REPLs', () => {
    expect(plan('redis').p).toMatchObject({ kind: 'serve', ports: [6379] });
    expect(plan('httpd:2.4').p).toMatchObject({ kind: 'serve', ports: [80] });
    expect(plan('traefik/whoami').p).toMatchObject({ kind: 'serve', ports: [80] });
    expect(plan('busybox').p).toEqual({ kind: 'shell', shell: 'sh' });
    expect(plan('ubuntu').p).toEqual({ kind: 'shell', shell: '/bin/bash' });
    expect(plan('node:20').p).toMatchObject({ kind: 'exit', code: 0 });
  });
  it('postgres needs a password', () => {
    expect(plan('postgres').p).toMatchObject({ kind: 'exit', code: 1 });
    expect(plan('postgres', undefined, { POSTGRES_PASSWORD: 'x' }).p).toMatchObject({ kind: 'serve', ports: [5432] });
  });
  it('a script that ends in a server becomes that server', () => {
    const { p } = plan('prakhar1989/static-site');
    expect(p).toMatchObject({ kind: 'serve', app: 'static-site' });
  });
  it('tail -f and sleep infinity run forever', () => {
    expect(plan('busybox', ['tail', '-f', '/dev/null']).p).toMatchObject({ kind: 'serve', stopCode: 137 });
    expect(plan('busybox', ['sleep', 'infinity']).p).toMatchObject({ kind: 'serve' });
    expect((plan('busybox', ['sleep', 'infinity']).p as { exitAfterMs?: number }).exitAfterMs).toBeUndefined();
  });
  it('perl computes pi for the Job example', () => {
    const { p } = plan('perl:5.34', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(50)']);
    expect(p).toMatchObject({ kind: 'exit', code: 0, output: ['3.1415926535897932384626433832795028841971693993751'] });
  });
  it('scenario images behave as declared', () => {
    const image: ResolvedImage = { ...img('busybox'), app: 'scenario', scenario: { exitCode: 1, logs: ['Error: cannot connect to database'] }, config: { ...img('busybox').config, Cmd: ['node', 'server.js'] } };
    const fs = layeredFs({ lower: image.fs, upper: {} });
    expect(planProcess(fakeWorld(), image, ['node', 'server.js'], {}, { fs, tty: false, interactive: false, hostname: 'x' })).toMatchObject({ kind: 'exit', code: 1, output: ['Error: cannot connect to database'] });
  });

  it('nginx restarted: the entrypoint sees its own change to default.conf', () => {
    const image = img('nginx:1.27');
    const upper: FsLayer = {};
    const fs = layeredFs({ lower: image.fs, upper });
    const o = { fs, tty: false, interactive: false, hostname: 'h', now: T0 };
    planProcess(fakeWorld(), image, defaultArgv(image.config), {}, o);
    const p2 = planProcess(fakeWorld(), image, defaultArgv(image.config), {}, o);
    if (p2.kind !== 'serve') throw new Error();
    expect(p2.logs).toContain('10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf differs from the packaged version');
  });
  it('old nginx images have no entrypoint and log nothing', () => {
    const { p, image } = plan('nginx:1.14.2');
    expect(image.config.Entrypoint).toBeNull();
    expect(p).toMatchObject({ kind: 'serve', logs: [], ports: [80] });
  });
  it('env and text tools in the main process', async () => {
    const { p } = plan('busybox', ['env'], { PLANET: 'blue' });
    expect(p.kind === 'exit' && p.output).toContain('PLANET=blue');
    const image = img('busybox');
    const fs = layeredFs({ lower: image.fs, upper: {} });
    const q = await planProcessAsync(fakeWorld(), image, ['sh', '-c', 'env | grep PLANET; echo a-b | cut -d- -f2'], { PLANET: 'blue' }, { fs, tty: false, interactive: false, hostname: 'h', now: T0 });
    expect(q).toMatchObject({ kind: 'exit', code: 0, output: ['PLANET=blue', 'b'] });
  });
  it('a job that sleeps between lines keeps their times', () => {
    const { p } = plan('busybox', ['/bin/sh', '-c', 'echo hello;sleep 30;echo world']);
    expect(p).toMatchObject({ kind: 'serve', exitAfterMs: 30_000, exitCode: 0, logs: ['hello', 'world'] });
    if (p.kind === 'serve') expect(p.timed!.map((t) => t.atMs)).toEqual([0, 30_000]);
  });
  it('ls of a missing path fails like busybox', () => {
    expect(plan('busybox', ['/bin/sh', '-c', 'ls /notexist']).p).toMatchObject({ kind: 'exit', code: 1, output: ['ls: /notexist: No such file or directory'] });
  });

  it('the random-hash job: $RANDOM | base64 | head -c 20', async () => {
    const image = img('busybox');
    const fs = layeredFs({ lower: image.fs, upper: {} });
    const q = await planProcessAsync(fakeWorld(), image, ['/bin/sh', '-c', 'echo $RANDOM | base64 | head -c 20'], {}, { fs, tty: false, interactive: false, hostname: 'job-x7k2p', now: T0 });
    expect(q.kind).toBe('exit');
    if (q.kind !== 'exit') return;
    expect(q.output).toHaveLength(1);
    expect(q.output[0]).toMatch(/^[A-Za-z0-9+/=]{4,20}$/);
    expect(Buffer.from(q.output[0]!, 'base64').toString()).toMatch(/^\d{1,5}\n?$/);
  });

  it('deferFs: the liveness example removes its file after 30 s', () => {
    const image = img('busybox');
    const fs = layeredFs({ lower: image.fs, upper: {} });
    const p = planProcess(fakeWorld(), image, ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], {}, { fs, tty: false, interactive: false, hostname: 'h', now: T0, deferFs: true });
    expect(p).toMatchObject({ kind: 'serve', exitAfterMs: 630_000, fsOps: [{ atMs: 30_000, op: 'remove', path: '/tmp/healthy' }] });
    expect(fs.stat('/tmp/healthy')).not.toBeNull();
    if (p.kind !== 'serve') return;
    expect(applyFsOps(fs, p.fsOps, 0, 29_999)).toBe(0);
    expect(fs.stat('/tmp/healthy')).not.toBeNull();
    expect(applyFsOps(fs, p.fsOps, 29_999, 30_000)).toBe(1);
    expect(fs.stat('/tmp/healthy')).toBeNull();
    // without deferFs the effects happen at once
    const fs2 = layeredFs({ lower: image.fs, upper: {} });
    planProcess(fakeWorld(), image, ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], {}, { fs: fs2, tty: false, interactive: false, hostname: 'h', now: T0 });
    expect(fs2.stat('/tmp/healthy')).toBeNull();
  });

  it('odd scripts do not break the planner', () => {
    expect(plan('busybox', ['sh', '-c', '']).p).toMatchObject({ kind: 'exit', code: 0, output: [] });
    expect(plan('busybox', ['sh', '-c', 'exit']).p).toMatchObject({ kind: 'exit', code: 0 });
    expect(plan('busybox', ['sh', '-c', 'for i in 1 2; do echo $i']).p).toMatchObject({ kind: 'exit', code: 2 });
    expect(plan('busybox', ['sh', '-c', 'echo "unterminated']).p).toMatchObject({ kind: 'exit', output: ['unterminated'] });
    expect(plan('busybox', ['sh', '-c', 'while true; do :; done']).p).toMatchObject({ kind: 'serve', stopCode: 137 });
    expect(plan('busybox', ['sh', '-c', 'cd /nope']).p).toMatchObject({ kind: 'exit', code: 2 });
    expect(plan('busybox', ['sh', '-c', 'echo a > /nope/f']).p).toMatchObject({ kind: 'exit', code: 1, output: ["sh: can't create /nope/f: nonexistent directory"] });
  });

  it('scenario images from environment.images', () => {
    const w = fakeWorld();
    w.registry.extra['acme/api:1.0'] = { cmd: ['node', 'server.js'], ports: [3000], logs: ['listening on :3000'] };
    w.registry.extra['acme/broken:1.0'] = { exitCode: 1, logs: ['Error: cannot connect to database'] };
    const api = resolveImage(w, 'acme/api:1.0');
    if (!api.ok) throw new Error(api.error);
    expect(api.value.flavor).toBe('alpine');
    expect(api.value.config.WorkingDir).toBe('/app');
    const fs = layeredFs({ lower: api.value.fs, upper: {}, cwd: '/app' });
    expect(fs.readdir('/app')).toEqual(['server.js']);
    const o = { fs, tty: false, interactive: false, hostname: 'h', now: T0 };
    expect(planProcess(w, api.value, defaultArgv(api.value.config), {}, o)).toMatchObject({ kind: 'serve', ports: [3000], logs: ['listening on :3000'] });
    const broken = resolveImage(w, 'acme/broken:1.0');
    if (!broken.ok) throw new Error(broken.error);
    const fs2 = layeredFs({ lower: broken.value.fs, upper: {} });
    expect(planProcess(w, broken.value, defaultArgv(broken.value.config), {}, { ...o, fs: fs2 })).toMatchObject({ kind: 'exit', code: 1, output: ['Error: cannot connect to database'] });
  });

  it('redis start-up lines follow the version (7.0 vs 7.2+ vs 8)', () => {
    const l = (ref: string) => {
      const p = plan(ref).p;
      return p.kind === 'serve' ? p.logs.map((x) => x.replace(/^1:(\w) [^*#]+/, '1:$1 ')) : [];
    };
    expect(l('redis:7.0')).toContain('1:M # Server initialized');
    expect(l('redis:7.0')).toContain('1:M * Ready to accept connections');
    expect(l('redis:7.2')).toContain('1:M * Ready to accept connections tcp');
    expect(l('redis:8')[0]).toBe('Starting Redis Server');
  });

  it('tutorial images: cpuset-test burns forever, stress with args, elasticsearch serves 9200', () => {
    expect(plan('agileek/cpuset-test').p).toMatchObject({ kind: 'serve', logs: [], stopCode: 137 });
    expect(plan('polinux/stress:1.0.4', ['stress', '--vm', '1', '--vm-bytes', '150M']).p).toMatchObject({ kind: 'serve', logs: ['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd'] });
    expect(plan('docker.elastic.co/elasticsearch/elasticsearch:6.3.2').p).toMatchObject({ kind: 'serve', ports: [9200, 9300] });
  });
});

describe('every catalog image starts with its default command', () => {
  it.each(['nginx', 'nginx:1.14.2', 'nginx:alpine', 'busybox', 'alpine', 'ubuntu', 'debian', 'hello-world', 'traefik/whoami', 'httpd', 'node', 'python', 'redis', 'postgres', 'mysql', 'mongo', 'perl', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 'prakhar1989/static-site', 'prakhar1989/catnip', 'prakhar1989/foodtrucks-web', 'docker.elastic.co/elasticsearch/elasticsearch:6.3.2', 'registry.k8s.io/e2e-test-images/agnhost:2.39', 'registry.k8s.io/pause:3.10', 'k8s.gcr.io/echoserver:1.4', 'alpine/curl:8.5.0', 'curlimages/curl', 'polinux/stress:1.0.4', 'nicolaka/netshoot', 'agileek/cpuset-test', 'registry:2', 'gcr.io/google-samples/hello-app:1.0', 'nginxdemos/hello', 'registry.k8s.io/hpa-example', 'centos:7', 'fedora', 'golang', 'openjdk:17', 'eclipse-temurin:21', 'tomcat', 'wordpress', 'memcached', 'rabbitmq', 'mariadb', 'php', 'ruby', 'jenkins/jenkins:lts', 'docker/getting-started', 'docker/welcome-to-docker', 'gcr.io/google-samples/node-hello:1.0'])('%s', (ref) => {
    const image = img(ref);
    const fs = layeredFs({ lower: image.fs, upper: {}, cwd: image.config.WorkingDir || '/' });
    const p = planProcess(fakeWorld(), image, defaultArgv(image.config), {}, { fs, tty: false, interactive: false, hostname: 'h', now: T0 });
    expect(p.kind === 'exit' ? (p.startError ?? (p.code === 127 ? p.output.join('\n') : 'ok')) : 'ok').toBe('ok');
  });
});

it('http-echo needs -text (exits 127 like the real one)', () => {
  const image = img('hashicorp/http-echo');
  const fs = layeredFs({ lower: image.fs, upper: {} });
  const o = { fs, tty: false, interactive: false, hostname: 'h', now: T0 };
  expect(planProcess(fakeWorld(), image, defaultArgv(image.config), {}, o)).toMatchObject({ kind: 'exit', code: 127, output: ['Missing -text option!'] });
  expect(planProcess(fakeWorld(), image, defaultArgv(image.config, ['-text=hello']), {}, o)).toMatchObject({ kind: 'serve', ports: [5678] });
});

describe('catalog web servers answer on their port', () => {
  it.each([
    ['nginx', 'Welcome to nginx!'],
    ['httpd', 'It works!'],
    ['traefik/whoami', 'Hostname: h'],
    ['gcr.io/google-samples/kubernetes-bootcamp:v1', 'Hello Kubernetes bootcamp! | Running on: h | v=1'],
    ['prakhar1989/static-site', 'Hello webapp'],
    ['prakhar1989/catnip', 'Cat Gif of the day'],
    ['k8s.gcr.io/echoserver:1.4', 'Hostname: h'],
    ['gcr.io/google-samples/hello-app:2.0', 'Version: 2.0.0'],
    ['nginxdemos/hello', 'Server&nbsp;name:'],
    ['registry.k8s.io/hpa-example', 'OK!'],
    ['docker/getting-started', 'Getting Started'],
    ['docker/welcome-to-docker', 'You ran your first container.'],
    ['docker.elastic.co/elasticsearch/elasticsearch:6.3.2', 'You Know, for Search'],
  ])('%s', async (ref, text) => {
    const { serveHttp } = await import('../../src/world/runtime/net.js');
    const image = img(ref);
    const fs = layeredFs({ lower: image.fs, upper: {}, cwd: image.config.WorkingDir || '/' });
    const p = planProcess(fakeWorld(), image, defaultArgv(image.config), {}, { fs, tty: false, interactive: false, hostname: 'h', now: T0 });
    if (p.kind !== 'serve') throw new Error(`${ref}: ${p.kind}`);
    const res = serveHttp({ image, ...(p.app ? { app: p.app } : {}), ...(p.argv ? { argv: p.argv } : {}), hostname: 'h', ip: '10.244.0.9', port: p.ports[0]!, ports: p.ports, fs }, { method: 'GET', path: '/', host: 'web', headers: [], body: '', clientIp: '10.244.0.1', userAgent: 'curl/8.5.0' }, T0);
    expect(res?.status).toBe(200);
    expect(res?.body).toContain(text);
  });
});
