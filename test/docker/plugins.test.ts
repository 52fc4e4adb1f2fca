/** docker init and docker compose, in memory. */
import { expect, test } from 'vitest';
import { dockerSession } from './helpers.js';

function nodeProject() {
  const s = dockerSession();
  s.files.set('/work/package.json', '{"name":"app","main":"server.js","dependencies":{"express":"^4"}}');
  s.files.set('/work/package-lock.json', '{}');
  s.files.set('/work/server.js', 'require("express")().listen(3000)');
  return s;
}

test('docker init asks, writes the four files, and the Dockerfile builds', async () => {
  const s = nodeProject();
  s.answers.push('', '', '', '', '');
  const r = await s.d('init');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('? What application platform does your project use?\n');
  expect(r.stdout).toContain('> Node - suitable for a Node server application\n');
  expect(r.stdout).toContain('✔ Created → Dockerfile\n');
  expect(s.files.get('/work/Dockerfile')).toContain('FROM node:${NODE_VERSION}-alpine');
  expect(s.files.get('/work/Dockerfile')).toContain('CMD node server.js');
  expect(s.files.get('/work/compose.yaml')).toContain('      - 3000:3000');
  expect(s.files.has('/work/.dockerignore') && s.files.has('/work/README.Docker.md')).toBe(true);
  const b = await s.d('build -t myapp .');
  expect(b.code).toBe(0);
  expect(b.stderr).toContain('RUN npm ci --omit=dev\n');
});

test('docker init never overwrites without a yes', async () => {
  const s = nodeProject();
  s.files.set('/work/Dockerfile', 'FROM scratch\n');
  s.answers.push('n');
  const r = await s.d('init');
  expect(r.stdout).toContain('  - Dockerfile\n');
  expect(s.files.get('/work/Dockerfile')).toBe('FROM scratch\n');
});

test('docker compose up -d / ps / logs / down', async () => {
  const s = dockerSession();
  s.files.set('/work/compose.yaml', 'services:\n  web:\n    image: nginx\n    ports:\n      - "8080:80"\n    depends_on: [cache]\n  cache:\n    image: redis\n    environment:\n      A: "1"\n');
  const up = await s.d('compose up -d');
  expect(up.code).toBe(0);
  expect(up.stderr).toContain(' Network work_default    Created\n');
  expect(up.stderr.indexOf('Container work-cache-1  Started')).toBeLessThan(up.stderr.indexOf('Container work-web-1    Started'));
  const ps = await s.d('compose ps');
  expect(ps.stdout.split('\n')[0]).toMatch(/^NAME\s+IMAGE\s+COMMAND\s+SERVICE\s+CREATED\s+STATUS\s+PORTS$/);
  expect(ps.stdout).toContain('0.0.0.0:8080->80/tcp');
  // sorted by container name, as compose's ps does
  expect(ps.stdout.split('\n').slice(1, 3).map((l) => l.split(' ')[0])).toEqual(['work-cache-1', 'work-web-1']);
  const logs = await s.d('compose logs web');
  expect(logs.stdout).toMatch(/^web-1  \| /m);
  const down = await s.d('compose down');
  expect(down.stderr).toContain(' Network work_default    Removed\n');
  expect(Object.keys(s.session.world.docker.containers)).toHaveLength(0);
});

test('compose without a file', async () => {
  const r = await dockerSession().d('compose up');
  expect(r.stderr).toBe('no configuration file provided: not found\n');
  expect(r.code).toBe(1);
});

test('compose warns about the obsolete version attribute', async () => {
  const s = dockerSession();
  s.files.set('/work/docker-compose.yml', 'version: "3.8"\nservices:\n  web:\n    image: nginx\n');
  const r = await s.d('compose up -d');
  expect(r.stderr.split('\n')[0]).toBe('time="2026-01-15T10:00:00Z" level=warning msg="/work/docker-compose.yml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion"');
  expect(r.code).toBe(0);
});

test('compose exec and run', async () => {
  const s = dockerSession();
  s.files.set('/work/compose.yaml', 'services:\n  web:\n    image: nginx\n');
  await s.d('compose up -d');
  const r = await s.d('compose exec -T web ls /usr/share/nginx/html');
  expect(r.stdout).toBe('50x.html\nindex.html\n');
  await s.d('compose exec web sh');
  expect(s.shells.at(-1)?.kind).toBe('docker');
  const run = await s.d('compose run --rm web echo hi');
  expect(run.stdout).toBe('hi\n');
  expect((await s.d('compose exec nosuch ls')).stderr).toBe('service "nosuch" is not running\n');
});
