import { describe, expect, it } from 'vitest';
import { layeredFs, diffLayer } from '../../src/world/runtime/fs.js';
import { catalogImage } from '../../src/world/runtime/images.js';
import type { FsLayer } from '../../src/world/runtime/contract.js';
import { memoryFs } from '../helpers/memory.js';

function nginxFs(upper: FsLayer = {}, mounts: Parameters<typeof layeredFs>[0]['mounts'] = []) {
  const img = catalogImage('nginx:1.27');
  if (!img.ok) throw new Error(img.error);
  return { img: img.value, fs: layeredFs({ lower: img.value.fs, upper, mounts, cwd: '/' }) };
}

describe('layeredFs', () => {
  it('reads image files and lists folders', () => {
    const { fs } = nginxFs();
    expect(fs.readdir('/usr/share/nginx/html')).toEqual(['50x.html', 'index.html']);
    expect(fs.readFile('/usr/share/nginx/html/index.html')).toContain('<h1>Welcome to nginx!</h1>');
    expect(fs.stat('/usr/share/nginx/html/index.html')).toMatchObject({ type: 'file', size: 615 });
    expect(fs.stat('/etc')).toMatchObject({ type: 'dir' });
    expect(fs.readdir('/')).toEqual(expect.arrayContaining(['bin', 'docker-entrypoint.d', 'docker-entrypoint.sh', 'etc', 'usr', 'var']));
    expect(fs.readFile('/etc/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    // /bin is a symlink to usr/bin
    expect(fs.stat('/bin/sh')).toMatchObject({ type: 'file' });
    expect(fs.readFile('/nope')).toBeNull();
    expect(fs.readdir('/etc/os-release')).toBeNull();
  });

  it('image files carry the time their layer was built', () => {
    const { img, fs } = nginxFs();
    expect(fs.stat('/usr/share/nginx/html/index.html')!.mtimeMs).toBe(Date.parse(img.created));
    expect(fs.stat('/etc/os-release')!.mtimeMs).toBeGreaterThan(Date.parse('2020-01-01'));
  });

  it('copy-on-write: writes go to the upper layer, the image is unchanged', () => {
    const upper: FsLayer = {};
    const { img, fs } = nginxFs(upper);
    const top = img.fs.at(-1)!;
    const before = JSON.stringify(top['/usr/share/nginx/html/index.html']);
    expect(fs.writeFile('/usr/share/nginx/html/index.html', 'hello\n')).toBeNull();
    expect(fs.readFile('/usr/share/nginx/html/index.html')).toBe('hello\n');
    expect(JSON.stringify(top['/usr/share/nginx/html/index.html'])).toBe(before);
    expect(upper['/usr/share/nginx/html/index.html']).toMatchObject({ type: 'file', content: 'hello\n' });
    expect(fs.writeFile('/etc/nginx/nginx.conf', '# more\n', true)).toBeNull();
    expect(fs.readFile('/etc/nginx/nginx.conf')).toMatch(/include \/etc\/nginx\/conf\.d\/\*\.conf;\n}\n# more\n$/);
    // a fresh view of the same image does not see the change
    expect(nginxFs().fs.readFile('/usr/share/nginx/html/index.html')).toContain('Welcome to nginx!');
  });

  it('whiteouts hide deleted image files; mkdir over them is opaque', () => {
    const upper: FsLayer = {};
    const { fs } = nginxFs(upper);
    expect(fs.remove!('/usr/share/nginx/html/50x.html')).toBeNull();
    expect(upper['/usr/share/nginx/html/50x.html']).toEqual({ type: 'whiteout' });
    expect(fs.readdir('/usr/share/nginx/html')).toEqual(['index.html']);
    expect(fs.remove!('/etc/nginx')).toBe('Directory not empty');
    expect(fs.remove!('/etc/nginx', true)).toBeNull();
    expect(fs.stat('/etc/nginx/nginx.conf')).toBeNull();
    expect(fs.readdir('/etc')).not.toContain('nginx');
    expect(fs.mkdir!('/etc/nginx')).toBeNull();
    expect(fs.readdir('/etc/nginx')).toEqual([]);
    expect(fs.remove!('/nope')).toBe('No such file or directory');
    // a file created and deleted in the container leaves no trace
    fs.writeFile('/tmp/x', '1');
    fs.remove!('/tmp/x');
    expect(upper['/tmp/x']).toBeUndefined();
  });

  it('mkdir errors and parents', () => {
    const { fs } = nginxFs();
    expect(fs.mkdir!('/a/b')).toBe('No such file or directory');
    expect(fs.mkdir!('/a/b', true)).toBeNull();
    expect(fs.stat('/a/b')).toMatchObject({ type: 'dir' });
    expect(fs.mkdir!('/etc')).toBe('File exists');
    expect(fs.mkdir!('/etc', true)).toBeNull();
    expect(fs.writeFile('/usr', 'x')).toBe('Is a directory');
  });

  it('mounts shadow the image path; volumes and bind mounts', () => {
    const vol: FsLayer = { '/index.html': { type: 'file', content: 'from volume\n' } };
    const files = new Map([['/home/me/site/about.html', 'about\n']]);
    const host = memoryFs(files, '/home/me');
    const { fs } = nginxFs({}, [
      { target: '/usr/share/nginx/html', layer: vol },
      { target: '/data', host, hostPath: '/home/me/site' },
      { target: '/ro', host, hostPath: '/home/me/site', readOnly: true },
      { target: '/etc/hostname', content: 'abc123\n' },
    ]);
    expect(fs.readdir('/usr/share/nginx/html')).toEqual(['index.html']);
    expect(fs.readFile('/usr/share/nginx/html/index.html')).toBe('from volume\n');
    expect(fs.writeFile('/usr/share/nginx/html/new.txt', 'n')).toBeNull();
    expect(vol['/new.txt']).toMatchObject({ type: 'file', content: 'n' });
    expect(fs.readFile('/data/about.html')).toBe('about\n');
    expect(fs.writeFile('/data/new.txt', 'hi')).toBeNull();
    expect(files.get('/home/me/site/new.txt')).toBe('hi');
    expect(fs.writeFile('/ro/x', 'no')).toBe('Read-only file system');
    expect(fs.readFile('/etc/hostname')).toBe('abc123\n');
    expect(fs.readdir('/')).toEqual(expect.arrayContaining(['data', 'ro']));
    expect(fs.remove!('/data')).toBe('Device or resource busy');
  });

  it('two views over one volume layer see each other', () => {
    const vol: FsLayer = {};
    const a = layeredFs({ lower: [], upper: {}, mounts: [{ target: '/shared', layer: vol }] });
    const b = layeredFs({ lower: [], upper: {}, mounts: [{ target: '/data', layer: vol }] });
    a.writeFile('/shared/f', 'saved\n');
    expect(b.readFile('/data/f')).toBe('saved\n');
  });

  it('relative paths use cwd', () => {
    const fs = layeredFs({ lower: [], upper: {}, cwd: '/app' });
    expect(fs.writeFile('x.txt', '1')).toBeNull();
    expect(fs.readFile('/app/x.txt')).toBe('1');
    expect(fs.resolve('../etc')).toBe('/etc');
  });
});

describe('diffLayer', () => {
  it('prints docker diff lines sorted, with changed parents', () => {
    const upper: FsLayer = {};
    const { img, fs } = nginxFs(upper);
    fs.writeFile('/etc/nginx/conf.d/default.conf', 'x');
    fs.mkdir!('/data');
    fs.writeFile('/data/f', 'saved');
    fs.remove!('/usr/share/nginx/html/50x.html');
    expect(diffLayer(upper, img.fs)).toEqual([
      'A /data',
      'A /data/f',
      'C /etc',
      'C /etc/nginx',
      'C /etc/nginx/conf.d',
      'C /etc/nginx/conf.d/default.conf',
      'C /usr',
      'C /usr/share',
      'C /usr/share/nginx',
      'C /usr/share/nginx/html',
      'D /usr/share/nginx/html/50x.html',
    ]);
  });
});
