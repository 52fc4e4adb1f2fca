import { beforeEach, describe, expect, it } from 'vitest';
import { clearResolvers, registerResolver, registerNameResolver, curl, wget, pingProgram, nslookupProgram, type Endpoint } from '../../src/world/runtime/net.js';
import { catalogImage, type ResolvedImage } from '../../src/world/runtime/images.js';
import { layeredFs } from '../../src/world/runtime/fs.js';
import { NGINX_INDEX, EXAMPLE_COM } from '../../src/world/runtime/content.js';
import type { IO } from '../../src/core/types.js';
import { memorySession, memoryFs, T0 } from '../helpers/memory.js';
import type { World } from '../../src/world/world.js';

function img(ref: string): ResolvedImage {
  const r = catalogImage(ref);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const logs: string[] = [];
const nginx = img('nginx:1.27');
const nginxUpper = {};
const nginxFs = layeredFs({ lower: nginx.fs, upper: nginxUpper, now: () => Date.parse('2025-04-16T12:00:00Z') });
nginxFs.writeFile('/usr/share/nginx/html/index.html', nginxFs.readFile('/usr/share/nginx/html/index.html')!);
const whoami = img('traefik/whoami');

function setup() {
  clearResolvers();
  logs.length = 0;
  registerResolver((_w, from, host, port) => {
    if (from.kind === 'host' && host === 'localhost' && port === 8080) {
      const ep: Endpoint = { image: nginx, hostname: 'a1b2c3d4e5f6', ip: '172.17.0.2', port: 80, fs: nginxFs, log: (l) => logs.push(l) };
      return ep;
    }
    if (host === 'web' || host === '10.96.0.50') {
      if (port !== 80) return { kind: 'refused', ip: '10.96.0.50' };
      return { image: whoami, hostname: 'web-7d4b9c8f6d-x2x9z', ip: '10.244.0.7', port: 80, clientIp: '10.244.0.9' };
    }
    if (host === 'blocked') return { kind: 'timeout', ip: '10.96.0.77' };
    if (host === 'plain') return { image: nginx, hostname: 'p', ip: '10.244.0.8', port: 80 };
    if (host === 'redis') return { image: img('redis'), hostname: 'r', ip: '172.17.0.3', port: 6379 };
    return undefined;
  }, 'test');
  registerNameResolver((_w, _from, name) => (name === 'web' ? { fqdn: 'web.default.svc.cluster.local', ips: ['10.96.0.50'], server: '10.96.0.10' } : undefined), 'test');
}

function fakeIO(world: World, fs = memoryFs(new Map())) {
  let out = '';
  let err = '';
  let advanced = 0;
  const io: IO = {
    world,
    ctx: { wallNow: T0, host: fs, tty: false, interactive: false, readLine: async () => null },
    fs,
    stdin: '',
    stdinIsPipe: false,
    env: {},
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    now: () => T0 + advanced,
    advance: (ms) => void (advanced += ms),
    enterShell: () => {},
    runLine: async () => 0,
  };
  return { io, get out() { return out; }, get err() { return err; }, get advanced() { return advanced; } };
}

const world = {} as World;
const pod = { kind: 'pod' as const, namespace: 'default', name: 'client' };

describe('curl', () => {
  beforeEach(setup);
  it('GETs the nginx welcome page and logs the request', async () => {
    const t = fakeIO(world);
    expect(await curl(['localhost:8080'], t.io)).toBe(0);
    expect(t.out).toBe(NGINX_INDEX);
    expect(t.err).toBe('');
    expect(logs).toEqual(['172.17.0.1 - - [15/Jan/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"']);
  });
  it('-I prints the response headers', async () => {
    const t = fakeIO(world);
    expect(await curl(['-I', 'http://localhost:8080/'], t.io)).toBe(0);
    expect(t.out).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: Thu, 15 Jan 2026 10:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Wed, 16 Apr 2025 12:00:00 GMT\r\nConnection: keep-alive\r\nETag: "67ff9bc0-267"\r\nAccept-Ranges: bytes\r\n\r\n',
    );
    expect(logs[0]).toContain('"HEAD / HTTP/1.1" 200 0');
  });
  it('serves what the container wrote, 404 otherwise', async () => {
    nginxFs.writeFile('/usr/share/nginx/html/hello.html', '<h1>hi</h1>\n');
    const t = fakeIO(world);
    await curl(['-s', 'localhost:8080/hello.html'], t.io);
    expect(t.out).toBe('<h1>hi</h1>\n');
    const t2 = fakeIO(world);
    expect(await curl(['localhost:8080/nope'], t2.io)).toBe(0);
    expect(t2.out).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.5</center>\r\n</body>\r\n</html>\r\n');
    const t3 = fakeIO(world);
    expect(await curl(['-f', 'localhost:8080/nope'], t3.io)).toBe(22);
    expect(t3.err).toBe('curl: (22) The requested URL returned error: 404\n');
  });
  it('connection refused, unknown host, timeouts', async () => {
    let t = fakeIO(world);
    expect(await curl(['localhost:9999'], t.io)).toBe(7);
    expect(t.err).toBe("curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n");
    t = fakeIO(world);
    expect(await curl(['http://nope'], t.io)).toBe(6);
    expect(t.err).toBe('curl: (6) Could not resolve host: nope\n');
    t = fakeIO(world);
    expect(await curl(['-s', 'nope'], t.io)).toBe(6);
    expect(t.err).toBe('');
    t = fakeIO(world);
    expect(await curl(['-sS', 'nope'], t.io)).toBe(6);
    expect(t.err).toBe('curl: (6) Could not resolve host: nope\n');
    t = fakeIO(world);
    expect(await curl(['-m', '10', 'blocked'], t.io, pod)).toBe(28);
    expect(t.err).toBe('curl: (28) Connection timed out after 10001 milliseconds\n');
    expect(t.advanced).toBe(10001);
    t = fakeIO(world);
    expect(await curl(['--connect-timeout', '3', 'blocked'], t.io, pod)).toBe(28);
    expect(t.err).toBe('curl: (28) Failed to connect to blocked port 80 after 3002 ms: Timeout was reached\n');
  });
  it('whoami answers with the pod name; non-HTTP servers give an empty reply', async () => {
    const t = fakeIO(world);
    await curl(['-s', 'web'], t.io, pod);
    expect(t.out).toMatch(/^Hostname: web-7d4b9c8f6d-x2x9z\nIP: 127\.0\.0\.1\nIP: 10\.244\.0\.7\nRemoteAddr: 10\.244\.0\.9:\d+\nGET \/ HTTP\/1\.1\r\nHost: web\r\nUser-Agent: curl\/7\.88\.1\r\nAccept: \*\/\*\r\n\r\n$/);
    const t2 = fakeIO(world);
    expect(await curl(['redis:6379'], t2.io)).toBe(52);
    expect(t2.err).toBe('curl: (52) Empty reply from server\n');
  });
  it('an endpoint without a filesystem serves the image files', async () => {
    const t = fakeIO(world);
    expect(await curl(['plain'], t.io, pod)).toBe(0);
    expect(t.out).toBe(NGINX_INDEX);
  });
  it('usage errors', async () => {
    let t = fakeIO(world);
    expect(await curl([], t.io)).toBe(2);
    expect(t.err).toBe("curl: try 'curl --help' or 'curl --manual' for more information\n");
    t = fakeIO(world);
    expect(await curl(['--bogus', 'x'], t.io)).toBe(2);
    expect(t.err).toBe("curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  });
  it('-o writes the file, -w prints the status', async () => {
    const files = new Map<string, string>();
    const t = fakeIO(world, memoryFs(files));
    expect(await curl(['-s', '-o', 'page.html', '-w', '%{http_code}\\n', 'localhost:8080'], t.io)).toBe(0);
    expect(files.get('/work/page.html')).toBe(NGINX_INDEX);
    expect(t.out).toBe('200\n');
  });
});

describe('wget (busybox inside containers, GNU on the host)', () => {
  beforeEach(setup);
  it('-qO- prints the body only', async () => {
    const t = fakeIO(world);
    expect(await wget(['-qO-', 'web'], t.io, pod)).toBe(0);
    expect(t.out).toContain('Hostname: web-7d4b9c8f6d-x2x9z');
    expect(t.err).toBe('');
  });
  it('-O- shows the connection and progress', async () => {
    const t = fakeIO(world);
    expect(await wget(['-O-', 'http://web'], t.io, pod)).toBe(0);
    expect(t.err).toMatch(/^Connecting to web \(10\.96\.0\.50:80\)\nwriting to stdout\n-\s+100% \|\*+\|\s+\d+  0:00:00 ETA\nwritten to stdout\n$/);
  });
  it('errors', async () => {
    let t = fakeIO(world);
    expect(await wget(['-qO-', 'nope'], t.io, pod)).toBe(1);
    expect(t.err).toBe("wget: bad address 'nope'\n");
    t = fakeIO(world);
    expect(await wget(['-O-', 'web:8080'], t.io, pod)).toBe(1);
    expect(t.err).toBe("Connecting to web:8080 (10.96.0.50:8080)\nwget: can't connect to remote host (10.96.0.50): Connection refused\n");
    t = fakeIO(world);
    expect(await wget(['-T', '2', '-qO-', 'blocked'], t.io, pod)).toBe(1);
    expect(t.err).toBe('wget: download timed out\n');
    expect(t.advanced).toBe(2000);
    t = fakeIO(world);
    expect(await wget(['--spider', 'web'], t.io, pod)).toBe(0);
    expect(t.err).toBe('Connecting to web (10.96.0.50:80)\nremote file exists\n');
  });
  it('saves index.html in the working folder', async () => {
    const files = new Map<string, string>();
    const t = fakeIO(world, memoryFs(files));
    expect(await wget(['localhost:8080'], t.io)).toBe(0);
    expect(files.get('/work/index.html')).toBe(NGINX_INDEX);
    expect(t.err).toContain("Saving to: ‘index.html’");
    expect(t.err).toContain('Resolving localhost (localhost)... 127.0.0.1\nConnecting to localhost (localhost)|127.0.0.1|:8080... connected.');
  });
});

describe('through the shell', () => {
  beforeEach(setup);
  it('curl on the host shell reaches the resolver', async () => {
    const s = memorySession();
    const r = await s.run('curl -s localhost:8080 | grep title');
    expect(r.stdout).toBe('<title>Welcome to nginx!</title>\n');
  });
});

describe('ping and nslookup', () => {
  beforeEach(setup);
  it('ping -c 2 resolves the name and lets time pass', async () => {
    const t = fakeIO(world);
    expect(await pingProgram(pod)(['-c', '2', 'web'], t.io)).toBe(0);
    expect(t.out).toMatch(/^PING web \(10\.96\.0\.50\): 56 data bytes\n64 bytes from 10\.96\.0\.50: seq=0 ttl=64 time=\d\.\d{3} ms\n64 bytes from 10\.96\.0\.50: seq=1 ttl=64 time=\d\.\d{3} ms\n\n--- web ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d.]+\/[\d.]+\/[\d.]+ ms\n$/);
    expect(t.advanced).toBe(1000);
    const t2 = fakeIO(world);
    expect(await pingProgram(pod)(['nope'], t2.io)).toBe(1);
    expect(t2.err).toBe("ping: bad address 'nope'\n");
  });
  it('nslookup prints the cluster DNS answer', async () => {
    const t = fakeIO(world);
    expect(await nslookupProgram(pod)(['web'], t.io)).toBe(0);
    expect(t.out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.0.50\n\n');
    const t2 = fakeIO(world);
    expect(await nslookupProgram(pod)(['nope'], t2.io)).toBe(1);
    expect(t2.out).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n");
  });
  it('busybox 1.28 prints the old format', async () => {
    const t = fakeIO(world);
    expect(await nslookupProgram(pod, true)(['web'], t.io)).toBe(0);
    expect(t.out).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      web\nAddress 1: 10.96.0.50 web.default.svc.cluster.local\n');
  });
});

describe('the outside world', () => {
  beforeEach(setup);
  it('example.com and google.com answer; other names do not resolve', async () => {
    let t = fakeIO(world);
    expect(await curl(['-s', 'http://example.com'], t.io)).toBe(0);
    expect(t.out).toBe(EXAMPLE_COM);
    expect(new TextEncoder().encode(EXAMPLE_COM).length).toBe(1256);
    t = fakeIO(world);
    expect(await curl(['-sI', 'google.com'], t.io)).toBe(0);
    expect(t.out.split('\r\n').slice(0, 2)).toEqual(['HTTP/1.1 301 Moved Permanently', 'Location: http://www.google.com/']);
    t = fakeIO(world);
    expect(await wget(['--spider', 'google.com'], t.io, pod)).toBe(0);
    expect(t.err).toBe('Connecting to google.com (142.250.185.78:80)\nConnecting to www.google.com (142.250.185.100:80)\nremote file exists\n');
    t = fakeIO(world);
    expect(await nslookupProgram(pod)(['google.com'], t.io)).toBe(0);
    expect(t.out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nNon-authoritative answer:\nName:\tgoogle.com\nAddress: 142.250.185.78\n\n');
    t = fakeIO(world);
    expect(await pingProgram(pod)(['-c', '1', '8.8.8.8'], t.io)).toBe(0);
  });
});

describe('localhost inside a container is its own process', () => {
  beforeEach(setup);
  it('a pod curls its own nginx; another port is refused', async () => {
    const { registerExecTarget } = await import('../../src/world/runtime/exec-targets.js');
    registerExecTarget('pod', (_w, t) =>
      t.id === 'ng'
        ? { fs: layeredFs({ lower: nginx.fs, upper: {} }), env: {}, hostname: 'ng', flavor: 'debian', image: nginx, cwd: '/', user: 'root', mainArgv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'] }
        : { error: 'no such pod' },
    );
    const me = { kind: 'pod' as const, namespace: 'default', name: 'ng' };
    let t = fakeIO(world);
    expect(await curl(['-s', 'localhost'], t.io, me)).toBe(0);
    expect(t.out).toBe(NGINX_INDEX);
    t = fakeIO(world);
    expect(await curl(['localhost:81'], t.io, me)).toBe(7);
    t = fakeIO(world);
    expect(await curl(['localhost'], t.io, { kind: 'pod', namespace: 'default', name: 'other' })).toBe(7);
  });
});
