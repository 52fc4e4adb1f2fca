/** What the corpus sessions (docker-curriculum, bmuschko, cheat sheet) showed wrong, checked line by line. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { dockerSession } from './helpers.js';

describe('corpus sessions', () => {
  test('bm-01: npm install --production of a package without dependencies is "up to date", with npm 9\'s warning', async () => {
    const s = dockerSession();
    const dir = '/work/shared/corpus/contexts/bmuschko-01-app';
    for (const f of ['Dockerfile', 'index.js', 'package.json', '.dockerignore']) s.files.set(`/work/app/${f}`, readFileSync(`${dir}/${f}`, 'utf8'));
    const b = await s.d('build -t nodejs-hello-world:1.0.0 app');
    expect(b.code).toBe(0);
    const run = b.stderr.split('\n').filter((l) => l.startsWith('#8 ')).map((l) => l.replace(/^#8 \d+\.\d+ ?/, ''));
    expect(run).toContain('npm WARN config production Use `--omit=dev` instead.');
    expect(run).toContain('up to date, audited 1 package in 153ms');
    expect(run.join('\n')).not.toMatch(/added \d+ package|looking for funding/);
  });

  test('docker-curriculum static site prints "Nginx is running..."', async () => {
    const s = dockerSession();
    const r = await s.d('run --rm prakhar1989/static-site');
    expect(r.stdout).toBe('Nginx is running...\n');
  });

  test('elasticsearch 6 logs use log4j ISO8601 times (comma before the milliseconds)', async () => {
    const s = dockerSession();
    await s.d('run -d --name es -e discovery.type=single-node docker.elastic.co/elasticsearch/elasticsearch:6.3.2');
    const l = await s.d('logs es');
    expect(l.stdout.split('\n')[0]).toBe('[2026-01-15T10:00:00,000][INFO ][o.e.n.Node               ] [] initializing ...');
  });

  test('docker search elasticsearch lists the official image', async () => {
    const s = dockerSession();
    const r = await s.d('search elasticsearch');
    expect(r.stdout.split('\n')[1]).toMatch(/^elasticsearch\s+Elasticsearch is a powerful open source sear…\s+\d+\s+\[OK\]$/);
  });
});

test('mariadb needs a root password option like the real entrypoint', async () => {
  const s = dockerSession();
  await s.d('run -d --name db1 mariadb');
  await s.d('run -d --name db2 -e MARIADB_ROOT_PASSWORD=secret mariadb');
  s.advance(3000);
  expect((await s.d('ps -a --format "{{.Names}} {{.Status}}"')).stdout).toMatch(/^db2 Up 3 seconds\ndb1 Exited \(1\) 2 seconds ago\n$/);
  expect((await s.d('logs db1')).stderr).toContain('\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\n');
  expect((await s.d('logs db2')).stdout).toContain('mariadbd: ready for connections.');
});

test('docker stats counts the processes docker top lists (nginx master + its workers)', async () => {
  const s = dockerSession();
  await s.d('run -d --name web nginx');
  await s.d('run -d --name sl busybox sleep 1000');
  const top = (await s.d('top web')).stdout.trim().split('\n').length - 1;
  const stats = await s.d('stats --no-stream --format "{{.Name}} {{.PIDs}}"');
  expect(stats.stdout).toContain(`web ${top}\n`);
  expect(stats.stdout).toContain('sl 1\n');
  expect(top).toBe(5);
});

test('docker-curriculum flask build: pip names the requirements lines, installs, warns about root', async () => {
  const s = dockerSession();
  const dir = '/work/shared/corpus/contexts/docker-curriculum-flask-app';
  for (const f of ['Dockerfile', 'app.py', 'requirements.txt', 'templates/index.html']) s.files.set(`/work/app/${f}`, readFileSync(`${dir}/${f}`, 'utf8'));
  const b = await s.d('build -t catnip app');
  expect(b.code).toBe(0);
  const run = b.stderr.split('\n').filter((l) => l.startsWith('#8 ')).map((l) => l.replace(/^#8 \d+\.\d+ ?/, ''));
  expect(run).toContain('Collecting Flask==2.0.2 (from -r requirements.txt (line 1))');
  expect(run).toContain('Installing collected packages: Flask, Werkzeug');
  expect(run).toContain('Successfully installed Flask-2.0.2 Werkzeug-2.2.2');
  expect(run.some((l) => l.startsWith("WARNING: Running pip as the 'root' user"))).toBe(true);
});
