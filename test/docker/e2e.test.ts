/**
 * End to end: the built bin in line mode (one process, lines on stdin), as a learner types them.
 * Each step is separated by `echo "@@ N"` markers so the output can be checked step by step.
 */
import { describe, expect, test } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, removeDir, tempDir } from '../helpers/cli.js';

async function steps(lines: string[], files: Record<string, string> = {}, answers: Record<number, string[]> = {}): Promise<{ out: string[]; raw: string; err: string }> {
  const dir = tempDir('k8s-drill-docker-');
  try {
    for (const [f, c] of Object.entries(files)) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), c);
    }
    let input = '';
    lines.forEach((l, i) => {
      input += `echo "@@ ${i}"\n${l}\n`;
      for (const a of answers[i] ?? []) input += a + '\n';
    });
    input += 'echo "@@ end"\n';
    let r = await cli([], { input, stateDir: dir, cwd: dir });
    // other engineers' test runs rebuild dist/ concurrently: a run that found no bundle is retried
    for (let i = 0; i < 12 && !r.stdout.includes("@@ end") && /Cannot find module|ERR_MODULE_NOT_FOUND|k8s-drill.js|not built yet/.test(r.stderr); i++) {
      await new Promise((res) => setTimeout(res, 1500));
      r = await cli([], { input, stateDir: dir, cwd: dir });
    }
    if (!r.stdout.includes('@@ end')) throw new Error(`the session did not finish: ${r.stderr.slice(0, 500)}`);
    const out: string[] = [];
    const parts = r.stdout.split(/^@@ (?:\d+|end)\n/m);
    for (let i = 1; i < parts.length; i++) out.push(parts[i]!);
    return { out, raw: r.stdout, err: r.stderr };
  } finally {
    removeDir(dir);
  }
}

describe('the learner path of issue 3', () => {
  test('pull, run, ps, logs, curl, exec, stop/start/kill/rm, build, tag, login, push, rmi, pull back, volumes, writable layer, prune', async () => {
    const lines = [
      'docker pull nginx', // 0
      'docker run -d -p 8080:80 --name web nginx', // 1
      'docker ps', // 2
      'docker logs --tail 2 web 2>&1', // 3
      'curl -s localhost:8080 | head -4', // 4
      'docker exec web ls /usr/share/nginx/html', // 5
      'docker stop web', // 6
      "docker ps -a --format '{{.Names}} {{.Status}}'", // 7
      'docker start web', // 8
      'docker kill web', // 9
      "docker ps -a --format '{{.Names}} {{.Status}}'", // 10
      'docker rm web', // 11
      'docker build -t myapp:1.0 app 2>&1 | tail -3', // 12
      'docker tag myapp:1.0 learner/myapp:1.0', // 13
      'docker login -u learner -p secret 2>/dev/null', // 14
      'docker push learner/myapp:1.0 | tail -1', // 15
      'docker rmi learner/myapp:1.0 myapp:1.0 | head -2', // 16
      'docker pull learner/myapp:1.0 | tail -2', // 17
      'docker run --rm learner/myapp:1.0', // 18
      'docker volume create data', // 19
      "docker run --rm -v data:/data busybox sh -c 'echo shared > /data/f' 2>/dev/null", // 20
      'docker run --rm -v data:/data busybox cat /data/f', // 21
      "docker run --name w1 busybox sh -c 'echo x > /tmp/note'", // 22
      'docker rm w1', // 23
      'docker run --rm busybox cat /tmp/note; echo "exit=$?"', // 24
      'docker system prune -f | tail -1', // 25
    ];
    const { out } = await steps(lines, { 'app/Dockerfile': 'FROM busybox\nCOPY hello.txt /hello.txt\nCMD ["cat", "/hello.txt"]\n', 'app/hello.txt': 'hello from myapp\n' });
    expect(out[0]).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/nginx\n[\s\S]*Status: Downloaded newer image for nginx:latest\ndocker.io\/library\/nginx:latest\n$/);
    expect(out[1]).toMatch(/^[0-9a-f]{64}\n$/);
    const id = out[1]!.slice(0, 12);
    expect(out[2]).toBe(
      'CONTAINER ID   IMAGE     COMMAND                  CREATED                  STATUS                  PORTS                                     NAMES\n' +
        `${id}   nginx     "/docker-entrypoint.…"   Less than a second ago   Up Less than a second   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web\n`,
    );
    expect(out[3]!.split('\n').filter(Boolean)).toHaveLength(2);
    expect(out[4]).toBe('<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n');
    expect(out[5]).toBe('50x.html\nindex.html\n');
    expect(out[6]).toBe('web\n');
    expect(out[7]).toBe('web Exited (0) Less than a second ago\n');
    expect(out[8]).toBe('web\n');
    expect(out[9]).toBe('web\n');
    expect(out[10]).toBe('web Exited (137) Less than a second ago\n');
    expect(out[11]).toBe('web\n');
    expect(out[12]).toMatch(/naming to docker.io\/library\/myapp:1.0 done\n#\d+ DONE \d\.\ds\n$/);
    expect(out[13]).toBe('');
    expect(out[14]).toContain('Login Succeeded\n');
    expect(out[15]).toMatch(/^1\.0: digest: sha256:[0-9a-f]{64} size: \d+\n$/);
    expect(out[16]).toBe('Untagged: learner/myapp:1.0\nUntagged: myapp:1.0\n');
    expect(out[17]).toBe('Status: Downloaded newer image for learner/myapp:1.0\ndocker.io/learner/myapp:1.0\n');
    expect(out[18]).toBe('hello from myapp\n');
    expect(out[19]).toBe('data\n');
    expect(out[21]).toBe('shared\n');
    expect(out[23]).toBe('w1\n');
    expect(out[24]).toBe('exit=1\n');
    expect(out[25]).toMatch(/^Total reclaimed space: /);
  });
});

describe('seed checklist: docker lines', () => {
  test('ps, ps -a / --all, -q', async () => {
    const { out } = await steps(['docker run -d --name a1 busybox sleep 3600 >/dev/null 2>&1', 'docker run --name a2 busybox true 2>/dev/null', 'docker ps -q | wc -l', 'docker ps -a -q | wc -l', 'docker ps --all --format "{{.Names}}"']);
    expect(out[2]!.trim()).toBe('1');
    expect(out[3]!.trim()).toBe('2');
    expect(out[4]).toBe('a2\na1\n');
  });

  test('image ls and images', async () => {
    const { out } = await steps(['docker pull -q busybox', 'docker image ls', 'docker images --format "{{.Repository}}:{{.Tag}}"']);
    expect(out[1]).toMatch(/^REPOSITORY   TAG       IMAGE ID       CREATED\s+SIZE\nbusybox      latest    [0-9a-f]{12}   .+ ago\s+\d/);
    expect(out[2]).toBe('busybox:latest\n');
  });

  test('run -e, --rm, -it sh (line mode enters the container shell)', async () => {
    const { out } = await steps(['docker run --rm -e GREETING=hi busybox sh -c \'echo $GREETING\' 2>/dev/null', 'docker run -it busybox sh 2>/dev/null', 'hostname | wc -c', 'exit', 'docker ps -a --format "{{.Command}} {{.Status}}"']);
    expect(out[0]).toBe('hi\n');
    expect(out[2]!.trim()).toBe('13');
    expect(out[4]).toBe('"sh" Exited (0) Less than a second ago\n');
  });

  test('create + start -a', async () => {
    const { out } = await steps(['docker create --name c1 busybox echo started 2>/dev/null', 'docker start -a c1', 'docker ps -a --format "{{.Status}}"']);
    expect(out[0]).toMatch(/^[0-9a-f]{64}\n$/);
    expect(out[1]).toBe('started\n');
    expect(out[2]).toMatch(/^Exited \(0\)/);
  });

  test('build path -t name:version and build -f Dockerfile.dev .', async () => {
    const { out } = await steps(['docker build . -t web:1.0 2>/dev/null; echo $?', 'docker build -q -f Dockerfile.dev -t web:dev .', 'docker run --rm web:dev', 'docker image inspect -f "{{.Config.ExposedPorts}}" web:1.0'], {
      Dockerfile: 'FROM nginx\nEXPOSE 8080\nCOPY index.html /usr/share/nginx/html/\n',
      'Dockerfile.dev': 'FROM alpine\nCMD ["echo", "dev build"]\n',
      'index.html': '<h1>hi</h1>\n',
    });
    expect(out[0]).toBe('0\n');
    expect(out[1]).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(out[2]).toBe('dev build\n');
    expect(out[3]).toBe('map[80/tcp:{} 8080/tcp:{}]\n');
  });

  test('push needs a login (denied before), restart and rm -f', async () => {
    const { out } = await steps(['docker pull -q alpine >/dev/null', 'docker tag alpine me/alp:1', 'docker push me/alp:1 2>&1 | tail -1', 'docker run -d --name r1 alpine sleep 1000 >/dev/null', 'docker restart r1', 'docker rm r1 2>&1', 'docker rm -f r1']);
    expect(out[2]).toBe('denied: requested access to the resource is denied\n');
    expect(out[4]).toBe('r1\n');
    expect(out[5]).toBe('Error response from daemon: cannot remove container "/r1": container is running: stop the container before removing or force remove\n');
    expect(out[6]).toBe('r1\n');
  });

  test('image rm refused while a container uses it', async () => {
    const { out } = await steps(['docker run --name u1 busybox true 2>/dev/null', 'docker image rm busybox 2>&1', 'docker rmi -f busybox']);
    expect(out[1]).toMatch(/^Error response from daemon: conflict: unable to remove repository reference "busybox" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$/);
    expect(out[2]).toMatch(/^Untagged: busybox:latest\n/);
  });

  test('system prune asks y/N on the next input line; -a --volumes', async () => {
    const { out } = await steps(['docker run --name s1 busybox true 2>/dev/null', 'docker system prune', 'docker system prune -a --volumes -f | tail -1'], {}, { 1: ['y'] });
    expect(out[1]).toContain('Are you sure you want to continue? [y/N] Deleted Containers:\n');
    expect(out[2]).toMatch(/^Total reclaimed space: \d/);
  });

  test('exec refused when not running', async () => {
    const { out } = await steps(['docker run --name x1 busybox true 2>/dev/null', 'docker exec x1 ls 2>&1; echo $?']);
    expect(out[1]).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not running\n1\n$/);
  });

  test('logs --since, -t, -f', async () => {
    const { out } = await steps(['docker run -d --name l1 busybox sh -c "echo one; echo two; sleep 3600" >/dev/null 2>&1', 'docker logs --since 10m l1', 'docker logs -t l1 | head -1', 'docker logs -f --tail 1 l1']);
    expect(out[1]).toBe('one\ntwo\n');
    expect(out[2]).toMatch(/^2026-01-15T10:00:00\.\d+Z one\n$/);
    expect(out[3]).toBe('two\n');
  });

  test('docker init writes the files into the working folder', async () => {
    const { out } = await steps(['docker init', 'ls'], { 'package.json': '{"name":"x"}\n' }, { 0: ['', '', '', '', ''] });
    expect(out[0]).toContain('✔ Created → Dockerfile');
    expect(out[1]).toContain('Dockerfile');
    expect(out[1]).toContain('compose.yaml');
  });

  test('sudo service docker stop/start/status and sudo yum install -y docker', async () => {
    const { out } = await steps(['sudo yum install -y docker | tail -1', 'sudo service docker stop 2>/dev/null', 'docker ps 2>&1; echo $?', 'sudo service docker status 2>/dev/null | head -3 | tail -1', 'sudo service docker start 2>/dev/null', 'docker ps']);
    expect(out[0]).toBe('Complete!\n');
    expect(out[2]).toBe('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n1\n');
    expect(out[3]).toMatch(/Active: inactive \(dead\)/);
    expect(out[5]).toBe('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n');
  });

  test('volumes: bind mount of a host folder, --volumes-from, volume inspect', async () => {
    const { out } = await steps(['docker run --rm -v $(pwd)/site:/site busybox cat /site/a.txt 2>/dev/null', 'docker run --name v1 -v vol:/v busybox sh -c "echo from-v1 > /v/x" 2>/dev/null', 'docker run --rm --volumes-from v1 busybox cat /v/x', 'docker volume inspect -f "{{.Name}} {{.Driver}} {{.Mountpoint}}" vol'], { 'site/a.txt': 'host file\n' });
    expect(out[0]).toBe('host file\n');
    expect(out[2]).toBe('from-v1\n');
    expect(out[3]).toBe('vol local /var/lib/docker/volumes/vol/_data\n');
  });

  test('port mapping: curl reaches nginx serving a bind-mounted host folder; access log in docker logs', async () => {
    const { out } = await steps(['docker run -d -p 8090:80 -v $(pwd)/site:/usr/share/nginx/html --name site nginx >/dev/null 2>&1', 'curl -s localhost:8090', 'docker logs site 2>/dev/null | tail -1', 'docker port site'], { 'site/index.html': '<h1>my site</h1>\n' });
    expect(out[1]).toBe('<h1>my site</h1>\n');
    expect(out[2]).toMatch(/^172\.17\.0\.1 - - \[15\/Jan\/2026:10:00:00 \+0000\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "curl\/[\d.]+" "-"\n$/);
    expect(out[3]).toBe('80/tcp -> 0.0.0.0:8090\n80/tcp -> [::]:8090\n');
  });

  test('docker compose up -d / ps / down', async () => {
    const { out } = await steps(['docker compose up -d 2>&1 | tail -1', 'docker compose ps --format x 2>/dev/null | tail -n +2 | wc -l', 'curl -s localhost:8081 | head -1', 'docker compose down 2>&1 | tail -1'], { 'compose.yaml': 'services:\n  web:\n    image: nginx\n    ports:\n      - "8081:80"\n' });
    expect(out[0]).toMatch(/Container \S+-web-1\s+Started\n$/);
    expect(out[2]).toBe('<!DOCTYPE html>\n');
    expect(out[3]).toMatch(/Network \S+_default\s+Removed\n$/);
  });
});

describe('bind mounts seen through the network from a fresh process', () => {
  test('nginx started with -v in one process serves the learner files to curl/wget run in new processes', async () => {
    const dir = tempDir('k8s-drill-docker-');
    try {
      mkdirSync(join(dir, 'site'));
      writeFileSync(join(dir, 'site', 'index.html'), '<h1>mine</h1>\n');
      const run = (line: string) => cli(['-c', line], { stateDir: dir, cwd: dir });
      expect((await run('docker run -d --name web -p 8080:80 -v $PWD/site:/usr/share/nginx/html nginx')).code).toBe(0);
      const c = await run('curl -s localhost:8080');
      expect(c.stdout).toBe('<h1>mine</h1>\n');
      expect((await run('wget -qO- http://127.0.0.1:8080/index.html')).stdout).toBe('<h1>mine</h1>\n');
      // GNU wget -q stays quiet on HTTP errors too (exit 8)
      const nf = await run('wget -qO- localhost:8080/nope');
      expect([nf.stdout, nf.stderr, nf.code]).toEqual(['', '', 8]);
      // from another container, by IP: the files are the learner's as well
      expect((await run('docker run --rm busybox wget -qO- 172.17.0.2')).stdout).toBe('<h1>mine</h1>\n');
    } finally {
      removeDir(dir);
    }
  });
});
