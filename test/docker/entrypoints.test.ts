/** Official images' entrypoint scripts put their program in front of option arguments; exit codes come through. */
import { describe, expect, test } from 'vitest';
import { memorySession } from '../helpers/memory.js';
import { dockerSession } from './helpers.js';

describe('entrypoint wrappers and exit codes', () => {
  test('curlimages/curl -s URL runs curl; its exit code is the container exit code', async () => {
    const s = memorySession();
    await s.run('docker run -d --name web nginx');
    const ok = await s.run('docker run --rm curlimages/curl -s 172.17.0.2');
    expect(ok.stdout).toContain('<title>Welcome to nginx!</title>');
    expect(ok.code).toBe(0);
    const bad = await s.run('docker run --rm curlimages/curl -s web');
    expect([bad.stdout, bad.code]).toEqual(['', 6]);
    const w = await s.run('docker run --rm busybox wget -q web');
    expect([w.stderr.split('\n').filter((l) => l.startsWith('wget')), w.code]).toEqual([["wget: bad address 'web'"], 1]);
  });

  test('redis with options runs redis-server; node with a missing script fails like node', async () => {
    const s = dockerSession();
    await s.d('run -d --name r1 redis --appendonly yes');
    await s.d('run --name n1 node app.js');
    const v = await s.d('run --rm node -v');
    expect(v.stdout).toMatch(/^v\d+\.\d+\.\d+\n$/);
    s.advance(3000);
    const ps = await s.d('ps -a --format "{{.Names}} {{.Status}}"');
    expect(ps.stdout).toMatch(/^r1 Up \d+ seconds$/m);
    expect(ps.stdout).toMatch(/^n1 Exited \(1\) \d+ seconds ago$/m);
    const logs = await s.d('logs n1');
    expect(logs.stderr).toContain("Error: Cannot find module '/app.js'");
    expect(logs.stderr).toContain("  code: 'MODULE_NOT_FOUND',");
  });

  test('pull -q prints only the reference (no "Using default tag")', async () => {
    const s = dockerSession();
    expect((await s.d('pull -q busybox')).stdout).toBe('docker.io/library/busybox:latest\n');
  });
});
