import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { execInContainer, type ExecContext } from '../../src/world/runtime/nested.js';
import { catalogImage } from '../../src/world/runtime/images.js';
import { layeredFs } from '../../src/world/runtime/fs.js';
import { memorySession } from '../helpers/memory.js';

function ctx(ref: string, hostname = 'c0ffee000001', user = 'root'): ExecContext {
  const r = catalogImage(ref);
  if (!r.ok) throw new Error(r.error);
  const image = r.value;
  const env: Record<string, string> = { HOSTNAME: hostname, HOME: '/root' };
  for (const e of image.config.Env) env[e.slice(0, e.indexOf('='))] = e.slice(e.indexOf('=') + 1);
  return { fs: layeredFs({ lower: image.fs, upper: {}, cwd: image.config.WorkingDir || '/' }), env, hostname, flavor: image.flavor, image, cwd: image.config.WorkingDir || '/', user };
}

async function run(ec: ExecContext, script: string) {
  const s = memorySession();
  let out = '';
  let err = '';
  const r = await execInContainer(s.session.world, s.session.ctx, ec, { script }, { out: (x) => void (out += x), err: (x) => void (err += x) });
  return { out, err, code: r.code };
}

describe('image programs', () => {
  it('nginx -v / -t', async () => {
    const ec = ctx('nginx:1.25');
    expect(await run(ec, 'nginx -v')).toEqual({ out: '', err: 'nginx version: nginx/1.25.5\n', code: 0 });
    expect(await run(ec, 'nginx -t')).toEqual({ out: '', err: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n', code: 0 });
    await run(ec, "echo 'events {' >> /etc/nginx/nginx.conf");
    expect((await run(ec, 'nginx -t')).code).toBe(1);
  });
  it('node, npm, python, pip, psql, mysql versions', async () => {
    expect((await run(ctx('node:20'), 'node --version; npm --version')).out).toBe('v20.19.5\n10.8.2\n');
    expect((await run(ctx('node:20-alpine'), 'node -e \'console.log("hi")\'')).out).toBe('hi\n');
    expect((await run(ctx('python:3.12-slim'), 'python --version; python3 -c "print(1+2)"')).out).toBe('Python 3.12.12\n3\n');
    expect((await run(ctx('postgres:16'), 'psql --version')).out).toBe('psql (PostgreSQL) 16.11 (Debian 16.11-1.pgdg13+1)\n');
    expect((await run(ctx('mysql:8.0'), 'mysql --version')).out).toBe('mysql  Ver 8.0.44 for Linux on x86_64 (MySQL Community Server - GPL)\n');
  });
  it('redis-cli keeps data in /data; raw output when piped, like redis-cli 7.0 (recorded)', async () => {
    const ec = ctx('redis:7');
    const rec = readFileSync(new URL('../../fixtures/runtime/redis-cli.txt', import.meta.url), 'utf8');
    for (const m of rec.matchAll(/### \$ redis-cli -p 16379 (.*)\n([\s\S]*?)### rc=(\d+)/g)) {
      const r = await run(ec, `redis-cli ${m[1]}`);
      expect(r.out, m[1]).toBe(m[2]);
      expect(r.code).toBe(Number(m[3]));
    }
  });
  it('redis-cli on a terminal shows types', async () => {
    const ec = ctx('redis:7');
    const s = memorySession();
    s.session.ctx.tty = true;
    let out = '';
    const io = { out: (x: string) => void (out += x), err: () => {} };
    await execInContainer(s.session.world, s.session.ctx, ec, { script: 'redis-cli set greeting hello; redis-cli get greeting; redis-cli get nope; redis-cli incr n' }, io);
    expect(out).toBe('OK\n"hello"\n(nil)\n(integer) 1\n');
  });
  it('apt-get needs update first, then installs', async () => {
    const ec = ctx('ubuntu:22.04');
    const a = await run(ec, 'apt-get install -y curl');
    expect(a.code).toBe(100);
    expect(a.err).toBe('E: Unable to locate package curl\n');
    expect((await run(ec, 'apt-get update')).out).toContain('Reading package lists...');
    expect((await run(ec, 'apt-get install -y curl && which curl')).out).toMatch(/Setting up curl \(1\.0-1\) \.\.\.\n\/usr\/bin\/curl\n$/);
  });
  it('hostname, whoami, id, uname on debian', async () => {
    const ec = ctx('debian:12', 'abc123def456');
    expect((await run(ec, 'hostname; whoami; id; uname; uname -r')).out).toBe('abc123def456\nroot\nuid=0(root) gid=0(root) groups=0(root)\nLinux\n6.10.14-linuxkit\n');
    expect((await run(ec, 'foo')).err).toBe('sh: 1: foo: not found\n');
    expect((await run(ec, 'rm /nope; cat /nope; mkdir /etc')).err).toBe("rm: cannot remove '/nope': No such file or directory\ncat: /nope: No such file or directory\nmkdir: cannot create directory '/etc': File exists\n");
  });
  it('busybox applets but no curl or bash', async () => {
    const ec = ctx('busybox:1.36');
    expect((await run(ec, 'which wget nslookup')).out).toBe('/bin/wget\n/bin/nslookup\n');
    expect(await run(ec, 'bash')).toMatchObject({ err: 'sh: bash: not found\n', code: 127 });
    expect((await run(ec, 'cat /etc/os-release')).err).toBe("cat: can't open '/etc/os-release': No such file or directory\n");
  });
  it('ps in a debian image with procps (node)', async () => {
    const ec = ctx('node:20');
    ec.mainArgv = ['docker-entrypoint.sh', 'node', 'server.js'];
    expect((await run(ec, 'ps aux')).out.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
  });
});
