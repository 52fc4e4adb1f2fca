/**
 * Compares curl/wget error output with fixtures/runtime/host-net-tools.txt (recorded from the real curl 7.88.1 and
 * GNU Wget 1.21.3 on this machine; the progress meter lines were dropped: k8s-drill's stdout is a terminal).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { clearResolvers, curl, wget } from '../../src/world/runtime/net.js';
import type { IO } from '../../src/core/types.js';
import type { World } from '../../src/world/world.js';
import { memoryFs, T0 } from '../helpers/memory.js';

const text = readFileSync(new URL('../../fixtures/runtime/host-net-tools.txt', import.meta.url), 'utf8');
const blocks = new Map<string, { out: string; rc: number }>();
for (const m of text.matchAll(/### \$ (.*)\n([\s\S]*?)### rc=(\d+)/g)) blocks.set(m[1]!, { out: m[2]!, rc: Number(m[3]) });

async function run(cmd: string): Promise<{ out: string; rc: number }> {
  const argv = cmd.split(' ').slice(1).map((a) => a.replace(/\\\\n/g, '\\n'));
  let both = '';
  const fs = memoryFs(new Map());
  const io: IO = {
    world: {} as World,
    ctx: { wallNow: T0, host: fs, tty: false, interactive: false, readLine: async () => null },
    fs,
    stdin: '',
    stdinIsPipe: false,
    env: {},
    out: (s) => void (both += s),
    err: (s) => void (both += s),
    now: () => T0,
    advance: () => {},
    enterShell: () => {},
    runLine: async () => 0,
  };
  const rc = cmd.startsWith('curl') ? await curl(argv.filter((a) => a !== '/dev/null' && a !== '-o'), io) : await wget(argv, io);
  return { out: both.replace(/^--[0-9-]+ [0-9:]+--/m, '--DATE--'), rc };
}

describe('curl and wget match the real tools', () => {
  beforeAll(() => clearResolvers());
  for (const [cmd, want] of blocks) {
    it(cmd, async () => {
      const got = await run(cmd);
      expect(got.rc).toBe(want.rc);
      // the real curl said "after 0 ms" or "after 2 ms" depending on the machine; the progress meter is dropped
      const norm = (s: string) => s.split('\n').filter((l) => l.trim() && !/--:--:--/.test(l)).join('\n');
      expect(norm(got.out)).toBe(norm(want.out));
    });
  }
});

describe('python -m http.server answered through curl 7.88 match the recording', () => {
  const rec = readFileSync(new URL('../../fixtures/runtime/python-http-server.txt', import.meta.url), 'utf8');
  const section = (title: string) => rec.split(`### ${title}\n`)[1]!.split('\n### ')[0]! + '\n';
  const norm = (s: string) =>
    s
      .replace(/Python\/[\d.]+/g, 'Python/X')
      .replace(/(Date|Last-Modified): [^\r\n]+/g, '$1: D')
      .replace(/\[\d+\/\w+\/\d+ [\d:]+\]/g, '[T]')
      .replace(/localhost:18081|port 18081|:18081\.\.\./g, (m) => m);

  async function setup() {
    const { catalogImage } = await import('../../src/world/runtime/images.js');
    const { layeredFs } = await import('../../src/world/runtime/fs.js');
    const { registerResolver } = await import('../../src/world/runtime/net.js');
    const img = catalogImage('python:3.11-slim');
    if (!img.ok) throw new Error(img.error);
    const fs = layeredFs({ lower: img.value.fs, upper: {}, cwd: '/srv' });
    fs.mkdir('/srv', true);
    fs.writeFile('/srv/hello.txt', 'hello\n');
    const logs: string[] = [];
    registerResolver((_w, _f, host, port) => (host === 'localhost' && port === 18081 ? { image: img.value, app: 'python-http', argv: ['python3', '-m', 'http.server', '18081'], hostname: 'p', ip: '127.0.0.1', port, fs, clientIp: '127.0.0.1', log: (l) => logs.push(l) } : undefined), 'py');
    // the recording's curl ran on Debian 12: the container's curl is 7.88.1
    return { fs, logs, from: { kind: 'container' as const, id: 'p' }, cfs: fs };
  }

  it('curl -v -s /hello.txt and the server log', async () => {
    const { logs, from, cfs } = await setup();
    let out = '';
    let err = '';
    const io: IO = {
      world: {} as World,
      ctx: { wallNow: T0, host: cfs, tty: false, interactive: false, readLine: async () => null },
      fs: cfs,
      stdin: '',
      stdinIsPipe: false,
      env: {},
      out: (s) => void (out += s),
      err: (s) => void (err += s),
      now: () => T0,
      advance: () => {},
      enterShell: () => {},
      runLine: async () => 0,
    };
    expect(await curl(['-v', '-s', 'localhost:18081/hello.txt'], io, from)).toBe(0);
    // the recording ran with stdout not a terminal: curl adds "{ [6 bytes data]" then; k8s-drill's stdout is one
    const want = section('$ curl -v -s localhost:18081/hello.txt').replace('{ [6 bytes data]\n', '');
    expect(norm(err + out)).toBe(norm(want));
    out = '';
    err = '';
    expect(await curl(['-s', '-i', 'localhost:18081/nope'], io, from)).toBe(0);
    expect(norm(out)).toBe(norm(section('$ curl -s -i localhost:18081/nope')));
    const serverLog = section('server log').split('\n').filter(Boolean).slice(1);
    expect(logs.map(norm)).toEqual(serverLog.map(norm));
  });
});

describe('busybox programs match busybox 1.35 (recorded)', () => {
  const rec = readFileSync(new URL('../../fixtures/runtime/busybox-1.35.txt', import.meta.url), 'utf8');
  const cases = new Map<string, { out: string; rc: number }>();
  for (const m of rec.matchAll(/### \$ (.*)\n([\s\S]*?)### rc=(\d+)/g)) cases.set(m[1]!, { out: m[2]!, rc: Number(m[3]) });
  // the busybox image (1.37) has wget -T, the recorded Debian 1.35 build did not
  const norm = (s: string) => s.replace(/^BusyBox v[^\n]*\n/m, 'BusyBox\n').replace(' [-T SEC] URL...', ' URL...').replace(/\t-T SEC\t\tNetwork read timeout is SEC seconds\n/, '');
  // which prints host paths; the last two are the shell interpreter's own messages (src/shell, not the runtime)
  const skip = new Set(['busybox which sh nope', "busybox sh -c 'echo hi > /nope/f'", "busybox sh -c 'cd /nope'"]);

  it.each([...cases.keys()].filter((c) => !skip.has(c)))('%s', async (cmd) => {
    const { catalogImage } = await import('../../src/world/runtime/images.js');
    const { layeredFs } = await import('../../src/world/runtime/fs.js');
    const { registerResolver } = await import('../../src/world/runtime/net.js');
    const { execInContainer } = await import('../../src/world/runtime/nested.js');
    const { memorySession } = await import('../helpers/memory.js');
    const py = catalogImage('python:3.11-slim');
    const bb = catalogImage('busybox');
    if (!py.ok || !bb.ok) throw new Error();
    const pyfs = layeredFs({ lower: py.value.fs, upper: {}, cwd: '/srv' });
    pyfs.mkdir('/srv', true);
    pyfs.writeFile('/srv/hello.txt', 'hello\n');
    registerResolver((_w, _f, host, port) => (host === 'localhost' && port === 18082 ? { image: py.value, app: 'python-http', argv: ['python3', '-m', 'http.server', '18082'], hostname: 'p', ip: '127.0.0.1', port, fs: pyfs } : undefined), 'py2');
    const s = memorySession();
    const fs = layeredFs({ lower: bb.value.fs, upper: {}, cwd: '/' });
    let both = '';
    const script = cmd.replace(/^busybox /, '');
    const r = await execInContainer(s.session.world, s.session.ctx, { fs, env: { PATH: '/bin', HOSTNAME: 'bb', HOME: '/root' }, hostname: 'bb', flavor: 'busybox', image: bb.value, cwd: '/', user: 'root', from: { kind: 'container', id: 'bb' } }, { script }, { out: (x) => void (both += x), err: (x) => void (both += x) });
    const want = cases.get(cmd)!;
    expect(norm(both)).toBe(norm(want.out));
    expect(r.code).toBe(want.rc);
  });
});

describe('nginx answers like nginx 1.22.1 (recorded on this machine)', () => {
  const rec = readFileSync(new URL('../../fixtures/runtime/nginx-1.22.txt', import.meta.url), 'utf8');
  const block = (title: string) => rec.split(`### ${title}\n`)[1]!.split('\n### ')[0]! + '\n';
  const norm = (s: string) =>
    s
      .replace(/Date: [^\r\n]+/g, 'Date: D')
      .replace(/\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/g, 'T')
      .replace(/\[\d\d\/\w+\/\d{4}:\d\d:\d\d:\d\d \+0000\]/g, '[T]')
      .replace(/\d+#\d+: \*\d+/g, 'P#P: *N')
      .replace(/\/tmp\/ngx\/html|\/usr\/share\/nginx\/html/g, 'ROOT')
      .replace(/localhost:18083/g, 'HOST');

  it('status lines, headers, bodies and the logs', async () => {
    const { catalogImage } = await import('../../src/world/runtime/images.js');
    const { layeredFs } = await import('../../src/world/runtime/fs.js');
    const { registerResolver, wget } = await import('../../src/world/runtime/net.js');
    const ngx = catalogImage('nginx:1.22');
    const client = catalogImage('python:3.11-slim');
    if (!ngx.ok || !client.ok) throw new Error();
    expect(ngx.value.version).toBe('1.22.1');
    const fs = layeredFs({ lower: ngx.value.fs, upper: {}, now: () => Date.parse('2025-04-16T12:00:00Z') });
    fs.writeFile('/usr/share/nginx/html/index.html', fs.readFile('/usr/share/nginx/html/index.html')!);
    fs.writeFile('/usr/share/nginx/html/sub/index.html', 'sub\n');
    const logs: Array<[string, string]> = [];
    registerResolver((_w, _f, host, port) => (host === 'localhost' && port === 18083 ? { image: ngx.value, hostname: 'n', ip: '127.0.0.1', port: 80, fs, clientIp: '127.0.0.1', log: (l, st) => logs.push([l, st]) } : undefined), 'ngx');
    const cfs = layeredFs({ lower: client.value.fs, upper: {} });
    const run = async (argv: string[], prog: typeof curl = curl) => {
      let both = '';
      const io: IO = {
        world: {} as World,
        ctx: { wallNow: T0, host: cfs, tty: false, interactive: false, readLine: async () => null },
        fs: cfs,
        stdin: '',
        stdinIsPipe: false,
        env: {},
        out: (s) => void (both += s),
        err: (s) => void (both += s),
        now: () => T0,
        advance: () => {},
        enterShell: () => {},
        runLine: async () => 0,
      };
      const code = await prog(argv, io, { kind: 'container', id: 'c' });
      return { both, code };
    };
    for (const cmd of ['curl -s -i localhost:18083/', 'curl -s -I localhost:18083/', 'curl -s -i localhost:18083/nope', 'curl -s -i localhost:18083/sub', 'curl -s -i -X POST localhost:18083/']) {
      const r = await run(cmd.split(' ').slice(1));
      expect(norm(r.both), cmd).toBe(norm(block(`$ ${cmd}`)));
    }
    const w = await run(['-O-', 'localhost:18083/nope'], wget);
    expect(w.code).toBe(1);
    expect(norm(w.both)).toBe(norm(block('$ busybox wget -O- localhost:18083/nope')));
    const access = block('access.log').split('\n').filter(Boolean);
    expect(logs.filter(([, st]) => st === 'stdout').map(([l]) => norm(l))).toEqual(access.map(norm));
    const errors = block('error.log').split('\n').filter((l) => l.includes('[error]'));
    expect(logs.filter(([, st]) => st === 'stderr').map(([l]) => norm(l))).toEqual(errors.map(norm));
  });
});

describe('httpd answers like Apache 2.4 (recorded on this machine)', () => {
  const rec = readFileSync(new URL('../../fixtures/runtime/httpd-2.4.txt', import.meta.url), 'utf8');
  const block = (title: string) => rec.split(`### ${title}\n`)[1]!.split('\n### ')[0]! + '\n';
  const norm = (s: string) =>
    s
      .replace(/Date: [^\r\n]+/g, 'Date: D')
      .replace(/Server: Apache\/[^\r\n]+/g, 'Server: Apache')
      .replace(/\[\d\d\/\w+\/\d{4}:\d\d:\d\d:\d\d \+0000\]/g, '[T]')
      .replace(/localhost:18084/g, 'HOST');

  it('It works!, 404 and the folder redirect, and the access log', async () => {
    const { catalogImage } = await import('../../src/world/runtime/images.js');
    const { layeredFs } = await import('../../src/world/runtime/fs.js');
    const { registerResolver } = await import('../../src/world/runtime/net.js');
    const img = catalogImage('httpd:2.4');
    const client = catalogImage('python:3.11-slim');
    if (!img.ok || !client.ok) throw new Error();
    const fs = layeredFs({ lower: img.value.fs, upper: {}, now: () => Date.parse('2025-04-16T12:00:00Z') });
    fs.writeFile('/usr/local/apache2/htdocs/index.html', fs.readFile('/usr/local/apache2/htdocs/index.html')!);
    fs.writeFile('/usr/local/apache2/htdocs/sub/index.html', 'sub\n');
    const logs: string[] = [];
    registerResolver((_w, _f, host, port) => (host === 'localhost' && port === 18084 ? { image: img.value, hostname: 'h', ip: '127.0.0.1', port: 80, fs, clientIp: '127.0.0.1', log: (l) => logs.push(l) } : undefined), 'httpd');
    const cfs = layeredFs({ lower: client.value.fs, upper: {} });
    for (const cmd of ['curl -s -i localhost:18084/', 'curl -s -i localhost:18084/nope', 'curl -s -i localhost:18084/sub']) {
      let out = '';
      const io: IO = {
        world: {} as World,
        ctx: { wallNow: T0, host: cfs, tty: false, interactive: false, readLine: async () => null },
        fs: cfs,
        stdin: '',
        stdinIsPipe: false,
        env: {},
        out: (s) => void (out += s),
        err: (s) => void (out += s),
        now: () => T0,
        advance: () => {},
        enterShell: () => {},
        runLine: async () => 0,
      };
      expect(await curl(cmd.split(' ').slice(1), io, { kind: 'container', id: 'c' })).toBe(0);
      expect(norm(out), cmd).toBe(norm(block(`$ ${cmd}`)));
    }
    expect(logs.map(norm)).toEqual(block('access_log').split('\n').filter((l) => l.startsWith('127.')).map(norm));
  });
});

describe('GNU wget on the host (recorded against nginx 1.22.1)', () => {
  const rec = readFileSync(new URL('../../fixtures/runtime/gnu-wget.txt', import.meta.url), 'utf8');
  const cases = [...rec.matchAll(/### \$ (.*)\n([\s\S]*?)### rc=(\d+)/g)].map((m) => ({ cmd: m[1]!, out: m[2]!, rc: Number(m[3]) }));
  const norm = (s: string) => s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'T').replace(/\d+(\.\d+)? ?M(B\/s|=)/g, 'SPEED');

  it('saves, numbers the second copy, 404, spider and -qO-', async () => {
    const { catalogImage } = await import('../../src/world/runtime/images.js');
    const { layeredFs } = await import('../../src/world/runtime/fs.js');
    const { registerResolver } = await import('../../src/world/runtime/net.js');
    const { memoryFs } = await import('../helpers/memory.js');
    const ngx = catalogImage('nginx:1.22');
    if (!ngx.ok) throw new Error();
    const fs = layeredFs({ lower: ngx.value.fs, upper: {}, now: () => Date.parse('2025-04-16T12:00:00Z') });
    fs.writeFile('/usr/share/nginx/html/index.html', fs.readFile('/usr/share/nginx/html/index.html')!);
    fs.writeFile('/usr/share/nginx/html/sub/index.html', 'sub\n');
    registerResolver((_w, _f, host, port) => (host === 'localhost' && port === 18083 ? { image: ngx.value, hostname: 'n', ip: '127.0.0.1', port: 80, fs, clientIp: '127.0.0.1' } : undefined), 'ngx-gnu');
    const files = new Map<string, string>();
    const host = memoryFs(files, '/work');
    for (const c of cases) {
      let both = '';
      const io: IO = {
        world: {} as World,
        ctx: { wallNow: T0, host, tty: false, interactive: false, readLine: async () => null },
        fs: host,
        stdin: '',
        stdinIsPipe: false,
        env: {},
        out: (s) => void (both += s),
        err: (s) => void (both += s),
        now: () => T0,
        advance: () => {},
        enterShell: () => {},
        runLine: async () => 0,
      };
      const code = await wget(c.cmd.split(' ').slice(1), io);
      expect(norm(both), c.cmd).toBe(norm(c.out));
      expect(code, c.cmd).toBe(c.rc);
    }
    expect([...files.keys()].sort()).toEqual(['/work/index.html', '/work/index.html.1']);
  });
});
