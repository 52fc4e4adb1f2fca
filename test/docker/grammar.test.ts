/**
 * Flag and usage errors are byte-identical to the real docker CLI: fixtures recorded by
 * scripts/record-docker-fixtures.sh (fixtures/docker/errors.json, daemon-stopped.json), plus a live comparison
 * when `docker` is on PATH.
 */
import { describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dockerSession } from './helpers.js';

const errors: { argv: string[]; stdout: string; stderr: string; code: number }[] = JSON.parse(readFileSync(new URL('../../fixtures/docker/errors.json', import.meta.url), 'utf8'));
const stopped: { argv: string[]; stdout: string; stderr: string; code: number }[] = JSON.parse(readFileSync(new URL('../../fixtures/docker/daemon-stopped.json', import.meta.url), 'utf8'));

describe('usage and flag errors match the recorded docker CLI', () => {
  for (const c of errors) {
    test(`docker ${c.argv.join(' ')}`, async () => {
      const s = dockerSession();
      const before = JSON.stringify(s.session.world);
      const r = await s.d(c.argv.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' '));
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
      expect(JSON.stringify(s.session.world)).toBe(before);
    });
  }
});

describe('daemon stopped: every command fails like docker without a daemon', () => {
  for (const c of stopped) {
    if (c.argv[0] === 'logout') continue; // client-only
    test(`docker ${c.argv.join(' ')}`, async () => {
      const s = dockerSession();
      s.session.world.docker.daemon = 'stopped';
      const r = await s.d(c.argv.join(' '));
      const norm = (x: string) => x.replace(/^Client:[\s\S]*?(?=Cannot|$)/, 'CLIENT\n');
      expect({ stdout: c.argv[0] === 'version' || c.argv[0] === 'info' ? norm(r.stdout) : r.stdout, stderr: r.stderr, code: r.code }).toEqual({
        stdout: c.argv[0] === 'version' || c.argv[0] === 'info' ? norm(c.stdout) : c.stdout,
        stderr: c.stderr,
        code: c.code,
      });
    });
  }
});

const hasDocker = spawnSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!hasDocker)('live: the docker on PATH agrees', () => {
  const cases = ['run --nope', 'ps -q x', 'rmi', 'logs -f', 'network create', 'volume rm', 'exec -it', 'tag onlyone', 'stop -t', 'images --filter', 'run -p 70000:80 nginx'];
  for (const line of cases) {
    test(`docker ${line}`, async () => {
      let real: { stdout: string; stderr: string; code: number };
      try {
        const out = execFileSync('docker', line.split(' '), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        real = { stdout: out, stderr: '', code: 0 };
      } catch (e: any) {
        real = { stdout: String(e.stdout), stderr: String(e.stderr), code: e.status };
      }
      const r = await dockerSession().d(line);
      expect(r).toEqual(real);
    });
  }
});

test('--help prints the real help text', async () => {
  const r = await dockerSession().d('ps --help');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Usage:  docker ps [OPTIONS]');
  expect(r.stdout).toContain('-a, --all');
});

test('unknown management subcommand', async () => {
  const r = await dockerSession().d('volume nope');
  expect(r.stderr).toBe("docker: unknown command: docker volume nope\n\nUsage:  docker volume COMMAND\n\nRun 'docker volume --help' for more information\n");
  expect(r.code).toBe(1);
});

test('hidden flags the real CLI accepts: run --net, stop --time (deprecated), build --progress', async () => {
  const s = dockerSession();
  await s.d('network create appnet');
  const r = await s.d('run -d --net appnet --name n1 busybox sleep 3600');
  expect(r.code).toBe(0);
  expect(Object.keys((Object.values(s.session.world.docker.containers)[0] as any).NetworkSettings.Networks)).toEqual(['appnet']);
  const st = await s.d('stop --time=1 n1');
  expect(st.stdout).toBe('Flag --time has been deprecated, use --timeout instead\nn1\n');
  s.files.set('/work/Dockerfile', 'FROM busybox\n');
  expect((await s.d('build --progress=plain -t x1 .')).code).toBe(0);
});

describe('client-only commands match the recorded docker CLI', () => {
  const client: { argv: string[]; stdout: string; stderr: string; code: number }[] = JSON.parse(readFileSync(new URL('../../fixtures/docker/client.json', import.meta.url), 'utf8'));
  for (const c of client) {
    test(`docker ${c.argv.join(' ')}`, async () => {
      const r = await dockerSession().d(c.argv.join(' '));
      expect(r).toEqual({ stdout: c.stdout, stderr: c.stderr, code: c.code });
    });
  }
});
