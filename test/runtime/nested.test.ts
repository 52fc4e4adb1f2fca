import { describe, expect, it } from 'vitest';
import { registerExecTarget, execInContainer, type ExecContext } from '../../src/world/runtime/nested.js';
import { catalogImage, type ResolvedImage } from '../../src/world/runtime/images.js';
import { layeredFs } from '../../src/world/runtime/fs.js';
import type { FsLayer } from '../../src/world/runtime/contract.js';
import type { NestedShellTarget } from '../../src/core/types.js';
import { memorySession } from '../helpers/memory.js';

function img(ref: string): ResolvedImage {
  const r = catalogImage(ref);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const uppers: Record<string, FsLayer> = {};
const exits: Array<[string, number]> = [];
const running = new Set<string>();
function ctxFor(id: string, ref: string): ExecContext {
  const image = img(ref);
  uppers[id] ??= {};
  const env: Record<string, string> = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: id, HOME: '/root' };
  return {
    fs: layeredFs({ lower: image.fs, upper: uppers[id]!, cwd: '/' }),
    env,
    hostname: id,
    flavor: image.flavor,
    image,
    cwd: '/',
    user: 'root',
    ip: '172.17.0.2',
    mainArgv: id.startsWith('ng') ? ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'] : ['sh'],
    onExit: (_w, t, code) => void exits.push([t.id, code]),
  };
}
registerExecTarget('docker', (_w, t) => {
  if (!running.has(t.id)) return { error: `Error response from daemon: container ${t.id} is not running` };
  return ctxFor(t.id, t.id.startsWith('ng') ? 'nginx:1.27' : t.id.startsWith('al') ? 'alpine' : 'busybox');
});

function enter(s: ReturnType<typeof memorySession>, id: string, prompt: string): NestedShellTarget {
  running.add(id);
  const t: NestedShellTarget = { kind: 'docker', id, prompt, onExit: 'stop-container' };
  s.session.nested.push(t);
  return t;
}

describe('runNested', () => {
  it('runs lines in the container until exit', async () => {
    const s = memorySession();
    const t = enter(s, 'bb0000000001', '/ # ');
    expect(await s.run('echo hi > /tmp/x; cat /tmp/x')).toMatchObject({ stdout: 'hi\n', code: 0 });
    expect(uppers.bb0000000001!['/tmp/x']).toMatchObject({ content: 'hi\n' });
    expect((await s.run('hostname')).stdout).toBe('bb0000000001\n');
    // the shell of `docker run -it busybox sh` is PID 1 itself
    expect((await s.run('ps')).stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh\n    7 root      0:00 ps\n');
    expect(await s.run('cd /etc && pwd')).toMatchObject({ stdout: '/etc\n' });
    expect(t.prompt).toBe('/etc # ');
    expect((await s.run('pwd')).stdout).toBe('/etc\n');
    expect(await s.run('foo')).toMatchObject({ stderr: 'sh: foo: not found\n', code: 127 });
    expect(await s.run('curl localhost')).toMatchObject({ stderr: 'sh: curl: not found\n', code: 127 });
    const w = await s.run('echo hi > /nope/f');
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('No such file or directory');
    expect(uppers.bb0000000001!['/nope/f']).toBeUndefined();
    expect((await s.run('X=1; export Y=2')).code).toBe(0);
    expect((await s.run('echo $X $Y')).stdout).toBe('1 2\n');
    expect((await s.run('ls /')).stdout).toBe('bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n');
    const r = await s.run('exit 3');
    expect(r.code).toBe(3);
    expect(r.exit).toBeFalsy();
    expect(s.session.nested).toEqual([]);
    expect(exits).toContainEqual(['bb0000000001', 3]);
    // back on the host
    expect((await s.run('echo host')).stdout).toBe('host\n');
  });

  it('a stopped container ends the nested shell', async () => {
    const s = memorySession();
    enter(s, 'bb0000000002', '/ # ');
    running.delete('bb0000000002');
    const r = await s.run('ls');
    expect(r).toMatchObject({ stderr: 'Error response from daemon: container bb0000000002 is not running\n', code: 1 });
    expect(s.session.nested).toEqual([]);
  });

  it('debian images: bash prompt and messages, image programs', async () => {
    const s = memorySession();
    const t = enter(s, 'ng0000000003', 'root@ng0000000003:/# ');
    expect(await s.run('nope')).toMatchObject({ stderr: 'bash: nope: command not found\n', code: 127 });
    expect(await s.run('nginx -v')).toMatchObject({ stderr: 'nginx version: nginx/1.27.5\n', code: 0 });
    expect((await s.run('ls /usr/share/nginx/html')).stdout).toBe('50x.html\nindex.html\n');
    expect((await s.run('cat /etc/os-release | head -1')).stdout).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    await s.run('cd /usr/share/nginx/html');
    expect(t.prompt).toBe('root@ng0000000003:/usr/share/nginx/html# ');
    expect((await s.run('ps')).code).toBe(127);
    expect(await s.run('exit')).toMatchObject({ stderr: 'exit\n', code: 0 });
    expect(s.session.nested).toEqual([]);
  });

  it('alpine: apk add puts programs on PATH', async () => {
    const s = memorySession();
    enter(s, 'al0000000004', '/ # ');
    expect((await s.run('which curl')).code).toBe(1);
    const r = await s.run('apk add curl');
    expect(r.stdout).toContain('Installing curl (');
    expect((await s.run('which curl')).stdout).toBe('/usr/bin/curl\n');
    expect((await s.run('whoami; id')).stdout).toBe('root\nuid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n');
    expect((await s.run('uname -a')).stdout).toBe('Linux al0000000004 6.10.14-linuxkit #1 SMP Thu Oct 24 19:28:55 UTC 2024 x86_64 Linux\n');
    await s.run('exit');
  });
});

describe('execInContainer', () => {
  it('runs argv, refuses missing executables', async () => {
    const s = memorySession();
    const ec = ctxFor('ng0000000005', 'nginx:1.27');
    let out = '';
    let err = '';
    const io = { out: (x: string) => void (out += x), err: (x: string) => void (err += x) };
    expect(await execInContainer(s.session.world, s.session.ctx, ec, ['ls', '/usr/share/nginx/html'], io)).toEqual({ code: 0 });
    expect(out).toBe('50x.html\nindex.html\n');
    const r = await execInContainer(s.session.world, s.session.ctx, ec, ['foo'], io);
    expect(r).toEqual({ code: 127, notFound: true, error: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown' });
    out = '';
    expect(await execInContainer(s.session.world, s.session.ctx, ec, { script: 'echo $HOSTNAME; exit 4' }, io)).toEqual({ code: 4 });
    expect(out).toBe('ng0000000005\n');
    out = '';
    await execInContainer(s.session.world, s.session.ctx, ec, ['sh', '-c', 'echo a > /tmp/f && cat /tmp/f'], io);
    expect(out).toBe('a\n');
  });

  it('ps shows the main process as PID 1 (busybox)', async () => {
    const s = memorySession();
    const ec = ctxFor('bb0000000006', 'busybox');
    ec.mainArgv = ['sh', '-c', 'sleep 3600'];
    let out = '';
    await execInContainer(s.session.world, s.session.ctx, ec, ['ps'], { out: (x) => void (out += x), err: () => {} });
    expect(out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c sleep 3600\n    7 root      0:00 ps\n');
  });
});
