/** sudo service docker stop/start/status, systemctl, yum install -y docker. */
import { expect, test } from 'vitest';
import type { IO } from '../../src/core/types.js';
import { service, systemctl, yum } from '../../src/docker/service.js';
import { dockerSession } from './helpers.js';

function io(s: ReturnType<typeof dockerSession>, sink: { out: string; err: string }): IO {
  const { world, ctx } = s.session;
  return {
    world, ctx, fs: ctx.host, stdin: '', stdinIsPipe: false, env: {},
    out: (x) => void (sink.out += x), err: (x) => void (sink.err += x),
    now: () => ctx.wallNow + world.clock.offsetMs, advance: () => {}, enterShell: () => {}, runLine: async () => 0,
  };
}

test('service docker stop: every docker command then fails; start brings it and always-restart containers back', async () => {
  const s = dockerSession();
  await s.d('run -d --name web --restart always nginx');
  await s.d('run -d --name once nginx');
  const sink = { out: '', err: '' };
  expect(await service(['docker', 'stop'], io(s, sink))).toBe(0);
  expect(sink.err).toBe('Redirecting to /bin/systemctl stop docker.service\nWarning: Stopping docker.service, but it can still be activated by:\n  docker.socket\n');
  const ps = await s.d('ps');
  expect(ps.stderr).toBe('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
  const st = { out: '', err: '' };
  expect(await systemctl(['status', 'docker'], io(s, st))).toBe(3);
  expect(st.out).toContain('Active: inactive (dead)');
  expect(await service(['docker', 'start'], io(s, { out: '', err: '' }))).toBe(0);
  expect((await s.d('ps --format "{{.Names}}"')).stdout).toBe('web\n');
  const st2 = { out: '', err: '' };
  expect(await systemctl(['status', 'docker'], io(s, st2))).toBe(0);
  expect(st2.out).toContain('Active: active (running)');
});

test('yum install -y docker when already installed', async () => {
  const s = dockerSession();
  const sink = { out: '', err: '' };
  expect(await yum(['install', '-y', 'docker'], io(s, sink))).toBe(0);
  expect(sink.out).toContain('Package docker-25.0.8-1.amzn2023.0.4.x86_64 is already installed.');
  s.session.world.docker.installed = false;
  const r = await s.d('ps');
  expect(r.code).toBe(127);
  const sink2 = { out: '', err: '' };
  await yum(['install', '-y', 'docker'], io(s, sink2));
  expect(sink2.out).toMatch(/Installed:\n[\s\S]*docker-25\.0\.8[\s\S]*Complete!\n$/);
  expect((await s.d('ps')).stderr).toContain('Cannot connect to the Docker daemon');
});
