/** A local registry (registry:2) takes pushes and lists them through its HTTP API. */
import { expect, test } from 'vitest';
import { memorySession } from '../helpers/memory.js';

test('push to localhost:5000, then /v2/_catalog and tags/list show it; the registry logs like 2.8', async () => {
  const s = memorySession();
  expect((await s.run('docker run -d -p 5000:5000 --name registry registry:2')).code).toBe(0);
  await s.run('docker pull -q busybox');
  await s.run('docker tag busybox localhost:5000/mybox');
  await s.run('docker tag busybox localhost:5000/tools/box:1.0');
  expect((await s.run('docker push localhost:5000/mybox')).code).toBe(0);
  expect((await s.run('docker push localhost:5000/tools/box:1.0')).code).toBe(0);
  expect((await s.run('curl -s localhost:5000/v2/')).stdout).toBe('{}');
  expect((await s.run('curl -s localhost:5000/v2/_catalog')).stdout).toBe('{"repositories":["mybox","tools/box"]}\n');
  expect((await s.run('curl -s localhost:5000/v2/tools/box/tags/list')).stdout).toBe('{"name":"tools/box","tags":["1.0"]}\n');
  const nf = await s.run('curl -si localhost:5000/v2/nope/tags/list');
  expect(nf.stdout).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
  expect(nf.stdout).toContain('{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"nope"}}]}\n');
  const logs = await s.run('docker logs registry');
  expect(logs.stderr).toMatch(/^time="2026-01-15T10:00:\d\d\.\d{9}Z" level=warning msg="No HTTP secret provided/);
  expect(logs.stderr).toContain('level=info msg="listening on [::]:5000" go.version=go1.20.8 instance.id=');
  expect(logs.stdout).toContain('"GET /v2/_catalog HTTP/1.1" 200 39 "" "curl/8.5.0"');
});
