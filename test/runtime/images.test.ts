import { describe, expect, it } from 'vitest';
import { parseImageRef, resolveImage, catalogImage, humanSize, defaultArgv, shellPrompt, type PushedImage } from '../../src/world/runtime/images.js';
import { initRegistryState } from '../../src/world/runtime/registry-state.js';

const newWorld = (_o: unknown) => ({ registry: initRegistryState() });
const T0 = 0;

describe('parseImageRef', () => {
  const cases: Array<[string, string, string, string | undefined, string]> = [
    ['nginx', 'docker.io', 'library/nginx', 'latest', 'nginx:latest'],
    ['nginx:1.25', 'docker.io', 'library/nginx', '1.25', 'nginx:1.25'],
    ['library/nginx:1.25', 'docker.io', 'library/nginx', '1.25', 'nginx:1.25'],
    ['docker.io/library/nginx', 'docker.io', 'library/nginx', 'latest', 'nginx:latest'],
    ['index.docker.io/library/nginx', 'docker.io', 'library/nginx', 'latest', 'nginx:latest'],
    ['user/app:1.0', 'docker.io', 'user/app', '1.0', 'user/app:1.0'],
    ['gcr.io/x/y:v1', 'gcr.io', 'x/y', 'v1', 'gcr.io/x/y:v1'],
    ['localhost:5000/x', 'localhost:5000', 'x', 'latest', 'localhost:5000/x:latest'],
    ['localhost/x', 'localhost', 'x', 'latest', 'localhost/x:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io', 'pause', '3.10', 'registry.k8s.io/pause:3.10'],
  ];
  it.each(cases)('%s', (s, domain, path, tag, familiar) => {
    const r = parseImageRef(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ domain, path, familiar });
    expect(r.value.tag).toBe(tag);
  });
  it('digests', () => {
    const d = 'sha256:' + 'a'.repeat(64);
    const r = parseImageRef(`nginx@${d}`);
    expect(r).toEqual({ ok: true, value: { domain: 'docker.io', path: 'library/nginx', digest: d, familiar: `nginx@${d}` } });
    expect(parseImageRef(`nginx:1.25@${d}`)).toMatchObject({ ok: true, value: { tag: '1.25', digest: d } });
    expect(parseImageRef('nginx@sha256:abc')).toEqual({ ok: false, error: 'invalid reference format' });
  });
  it.each([['MyApp', 'library/MyApp'], ['user/MyApp:1.0', 'user/MyApp']])('uppercase %s', (s, repo) => {
    expect(parseImageRef(s)).toEqual({ ok: false, error: `invalid reference format: repository name (${repo}) must be lowercase` });
  });
  it.each(['', 'nginx:', ':1.0', 'nginx::1', 'ngi nx', '-nginx', 'nginx:-x', 'a//b', 'nginx/', 'UPPER.io/x:1:2', 'nginx:' + 'x'.repeat(129)])(
    'invalid %j',
    (s) => {
      expect(parseImageRef(s)).toEqual({ ok: false, error: 'invalid reference format' });
    },
  );
  it('registry host with upper case is a domain', () => {
    expect(parseImageRef('Registry.Example.com/app')).toMatchObject({ ok: true, value: { domain: 'Registry.Example.com', path: 'app' } });
  });
});

describe('catalog', () => {
  const w = newWorld({ now: T0 });
  const get = (r: string) => {
    const x = resolveImage(w, r);
    if (!x.ok) throw new Error(x.error);
    return x.value;
  };
  it('has the common images with realistic sizes', () => {
    expect(humanSize(get('nginx').size)).toBe('192MB');
    expect(humanSize(get('busybox').size)).toBe('4.27MB');
    expect(humanSize(get('hello-world').size)).toBe('10.1kB');
    expect(humanSize(get('alpine:3.20').size)).toBe('7.8MB');
    for (const r of ['redis', 'traefik/whoami', 'httpd:2.4', 'node:20', 'node:20-alpine', 'node:18', 'node:lts', 'python:3.12', 'python:3.12-slim', 'python:3.8', 'postgres', 'mysql', 'mongo', 'ubuntu', 'debian', 'alpine:3.19', 'busybox:1.36', 'busybox:1.28', 'nginx:1.7.9', 'nginx:1.14.2', 'nginx:1.16', 'nginx:1.24.0', 'nginx:alpine', 'nginx:1.23.4-alpine', 'nginx:1.25.5-alpine', 'gcr.io/google-samples/kubernetes-bootcamp:v1', 'prakhar1989/static-site', 'prakhar1989/catnip', 'k8s.gcr.io/echoserver:1.4', 'registry.k8s.io/echoserver:1.4', 'hashicorp/http-echo', 'perl:5.34', 'polinux/stress:1.0.4', 'alpine/curl:8.5.0', 'docker.elastic.co/elasticsearch/elasticsearch:6.3.2', 'ubuntu:14.04', 'ubuntu:18.04', 'node:20.1.0-alpine', 'alpine:3.17.3', 'busybox:1.36.1', 'centos:7', 'golang:1.22', 'tomcat:9', 'wordpress', 'rabbitmq:3-management', 'mariadb', 'jenkins/jenkins:lts', 'docker/getting-started', 'registry.k8s.io/busybox', 'gcr.io/google-samples/node-hello:1.0', 'gcr.io/google-samples/hello-app:1.0', 'nginxdemos/hello', 'registry:2', 'curlimages/curl:8.5.0', 'nicolaka/netshoot', 'mongo:7', 'redis:alpine', 'postgres:16-alpine', 'node:lts-alpine', 'httpd:alpine', 'ubuntu:jammy', 'debian:bookworm-slim']) {
      const i = get(r);
      expect(i.id, r).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(i.digest, r).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(i.size, r).toBe(i.layers.reduce((s, l) => s + l.size, 0));
      expect(i.size, r).toBeGreaterThan(0);
    }
  });
  it('aliases share one id; different versions do not', () => {
    expect(get('nginx').id).toBe(get('nginx:latest').id);
    expect(get('nginx').id).toBe(get('nginx:1.29').id);
    expect(get('nginx').id).toBe(get('docker.io/library/nginx:mainline').id);
    expect(get('nginx:1.25').id).toBe(get('nginx:1.25.5').id);
    expect(get('nginx:1.25').id).not.toBe(get('nginx').id);
    expect(get('nginx:1.25').ref.familiar).toBe('nginx:1.25');
  });
  it('nginx config and files', () => {
    const n = get('nginx:1.27');
    expect(n.config.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(n.config.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(n.config.StopSignal).toBe('SIGQUIT');
    expect(n.config.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(n.config.Env).toContain('NGINX_VERSION=1.27.5');
    expect(n.flavor).toBe('debian');
    expect(n.version).toBe('1.27.5');
    const top = n.fs[n.fs.length - 1]!;
    const idx = top['/usr/share/nginx/html/index.html'];
    expect(idx && idx.type === 'file' && idx.content.length).toBe(615);
    expect(n.layers[n.layers.length - 1]!.createdBy).toBe('CMD ["nginx" "-g" "daemon off;"]');
    expect(n.layers[0]!.createdBy).toMatch(/^# debian\.sh --arch 'amd64' out\/ 'bookworm'/);
    expect(get('nginx:alpine').flavor).toBe('alpine');
    expect(get('busybox').flavor).toBe('busybox');
    expect(get('busybox').config.Cmd).toEqual(['sh']);
    expect(get('hello-world').config.Cmd).toEqual(['/hello']);
  });
  it("unknown repositories and tags fail with Docker's text", () => {
    expect(resolveImage(w, 'foo')).toEqual({ ok: false, error: "pull access denied for foo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied" });
    expect(resolveImage(w, 'nginx:9.99')).toEqual({ ok: false, error: 'manifest for nginx:9.99 not found: manifest unknown: manifest unknown' });
    expect(resolveImage(w, 'nginx:2.3.5')).toMatchObject({ ok: false, error: 'manifest for nginx:2.3.5 not found: manifest unknown: manifest unknown' });
    expect(resolveImage(w, 'nginx:1.91')).toMatchObject({ ok: false });
    expect(resolveImage(w, 'learner/app:1.0')).toMatchObject({ ok: false, error: expect.stringContaining('pull access denied for learner/app') });
    expect(resolveImage(w, 'Nginx')).toEqual({ ok: false, error: 'invalid reference format: repository name (library/Nginx) must be lowercase' });
  });
  it('scenario and pushed images', () => {
    const w2 = newWorld({ now: T0 });
    w2.registry.extra['acme/api:1.0'] = { cmd: ['node', 'server.js'], ports: [3000], logs: ['listening on :3000'] };
    const a = resolveImage(w2, 'acme/api:1.0');
    expect(a).toMatchObject({ ok: true, value: { source: 'extra', app: 'scenario', config: { Cmd: ['node', 'server.js'], ExposedPorts: { '3000/tcp': {} } } } });
    expect(resolveImage(w2, 'acme/api:2.0')).toMatchObject({ ok: false });
    const base = catalogImage('node:20-alpine');
    if (!base.ok) throw new Error();
    const rec: PushedImage = { id: 'sha256:' + 'b'.repeat(64), size: base.value.size + 100, created: '2026-01-15T10:00:00Z', config: { ...base.value.config, Cmd: ['node', '/app/server.js'] }, layers: base.value.layers, base: 'node:20-alpine', files: { '/app/server.js': { type: 'file', content: 'x' } } };
    w2.registry.pushed['docker.io/learner/myapp'] = { '1.0': rec };
    const p = resolveImage(w2, 'learner/myapp:1.0');
    expect(p).toMatchObject({ ok: true, value: { source: 'pushed', id: rec.id, flavor: 'alpine', repository: 'learner/myapp', tag: '1.0' } });
    if (p.ok) expect(p.value.fs.at(-1)!['/app/server.js']).toBeDefined();
    expect(resolveImage(w2, 'learner/myapp:2.0')).toEqual({ ok: false, error: 'manifest for learner/myapp:2.0 not found: manifest unknown: manifest unknown' });
  });
  it('helpers', () => {
    expect(defaultArgv(get('nginx').config)).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(defaultArgv(get('nginx').config, ['echo', 'hi'])).toEqual(['/docker-entrypoint.sh', 'echo', 'hi']);
    expect(defaultArgv(get('nginx').config, ['sh'], ['/bin/sh'])).toEqual(['/bin/sh', 'sh']);
    expect(shellPrompt('busybox', 'abc')).toBe('/ # ');
    expect(shellPrompt('debian', '3f2a1b4c5d6e')).toBe('root@3f2a1b4c5d6e:/# ');
    expect(humanSize(187_000_000)).toBe('187MB');
    expect(humanSize(0)).toBe('0B');
  });
});
