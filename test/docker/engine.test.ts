/** The engine and printers through the docker Program, on an in-memory world. */
import { describe, expect, test } from 'vitest';
import { dockerSession } from './helpers.js';

describe('images', () => {
  test('pull prints non-TTY progress and the image is listed', async () => {
    const s = dockerSession();
    const r = await s.d('pull nginx');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/nginx\n/);
    expect(r.stdout).toMatch(/[0-9a-f]{12}: Pull complete\n/);
    expect(r.stdout).toMatch(/Digest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for nginx:latest\ndocker.io\/library\/nginx:latest\n$/);
    const again = await s.d('pull nginx');
    expect(again.stdout).toContain('Status: Image is up to date for nginx:latest');
    const ls = await s.d('images');
    expect(ls.stdout.split('\n')[0]).toBe('REPOSITORY   TAG       IMAGE ID       CREATED       SIZE');
    expect(ls.stdout).toMatch(/^nginx        latest    [0-9a-f]{12}   \d+ \w+ ago/m);
  });

  test('unknown image and tag fail like the daemon', async () => {
    const s = dockerSession();
    const r = await s.d('pull nosuchimage');
    expect(r.stderr).toBe("Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n");
    expect(r.code).toBe(1);
    const t = await s.d('run nginx:9.99');
    expect(t.stderr).toContain("Unable to find image 'nginx:9.99' locally\n");
    expect(t.stderr).toContain('docker: Error response from daemon: manifest for nginx:9.99 not found: manifest unknown: manifest unknown\n\nRun \'docker run --help\' for more information\n');
    expect(t.code).toBe(125);
    expect(Object.keys(s.session.world.docker.containers)).toHaveLength(0);
  });

  test('tag, rmi conflicts, untag, delete', async () => {
    const s = dockerSession();
    await s.d('pull busybox');
    await s.d('tag busybox mybox:1');
    expect((await s.d('images --format "{{.Repository}}:{{.Tag}}"')).stdout).toBe('busybox:latest\nmybox:1\n'.split('\n').sort().filter(Boolean).join('\n') + '\n');
    await s.d('create --name c1 busybox');
    const rm = await s.d('rmi busybox');
    expect(rm.stdout).toBe('Untagged: busybox:latest\n');
    const rm2 = await s.d('rmi mybox:1');
    expect(rm2.stderr).toMatch(/^Error response from daemon: conflict: unable to remove repository reference "mybox:1" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}\n$/);
    await s.d('rm c1');
    const rm3 = await s.d('rmi mybox:1');
    expect(rm3.stdout).toMatch(/^Untagged: mybox:1\nUntagged: busybox@sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n/);
    expect((await s.d('images -q')).stdout).toBe('');
  });
});

describe('containers', () => {
  test('run -d, ps columns, ports, logs, stop/start/kill/rm', async () => {
    const s = dockerSession();
    await s.d('pull nginx');
    const run = await s.d('run -d -p 8080:80 --name web nginx');
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    s.advance(3000);
    const ps = await s.d('ps');
    const lines = ps.stdout.split('\n');
    expect(lines[0]).toBe('CONTAINER ID   IMAGE     COMMAND                  CREATED         STATUS         PORTS                                     NAMES');
    expect(lines[1]).toBe(`${run.stdout.slice(0, 12)}   nginx     "/docker-entrypoint.…"   3 seconds ago   Up 3 seconds   0.0.0.0:8080->80/tcp, [::]:8080->80/tcp   web`);
    const logs = await s.d('logs --tail 2 web');
    expect(logs.stdout.split('\n').filter(Boolean).length + logs.stderr.split('\n').filter(Boolean).length).toBe(2);
    const stop = await s.d('stop web');
    expect(stop.stdout).toBe('web\n');
    expect((await s.d('ps -a --format "{{.Status}}"')).stdout).toMatch(/^Exited \(0\) /);
    expect((await s.d('start web')).stdout).toBe('web\n');
    expect((await s.d('ps --format "{{.Names}} {{.State}}"')).stdout).toBe('web running\n');
    await s.d('kill web');
    expect((await s.d('ps -a --format "{{.Status}}"')).stdout).toMatch(/^Exited \(137\) Less than a second ago\n$/);
    expect((await s.d('rm web')).stdout).toBe('web\n');
    expect((await s.d('ps -aq')).stdout).toBe('');
  });

  test('port already allocated, name conflict, rm of a running container', async () => {
    const s = dockerSession();
    await s.d('run -d -p 8080:80 --name web nginx');
    const id = Object.keys(s.session.world.docker.containers)[0]!;
    const c = await s.d('run -d --name web nginx');
    expect(c.stderr).toBe(`docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.\n\nRun 'docker run --help' for more information\n`);
    expect(c.code).toBe(125);
    const p = await s.d('run -d -p 8080:80 --name web2 nginx');
    expect(p.stderr).toMatch(/^docker: Error response from daemon: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n/);
    expect(p.code).toBe(125);
    expect((await s.d('ps -a --filter name=web2 --format "{{.Status}}"')).stdout).toBe('Created\n');
    const rm = await s.d('rm web');
    expect(rm.stderr).toBe('Error response from daemon: cannot remove container "/web": container is running: stop the container before removing or force remove\n');
    expect((await s.d('rm -f web')).stdout).toBe('web\n');
  });

  test('attached run prints output and returns the exit code; hello-world greets', async () => {
    const s = dockerSession();
    const r = await s.d('run busybox echo hi there');
    expect(r.stdout).toBe('hi there\n');
    expect(r.code).toBe(0);
    const h = await s.d('run hello-world');
    expect(h.stdout).toContain('Hello from Docker!');
    const f = await s.d('run busybox sh -c "exit 3"');
    expect(f.code).toBe(3);
    const n = await s.d('run busybox nosuchcmd');
    expect(n.stderr).toContain('exec: "nosuchcmd": executable file not found in $PATH: unknown.'.slice(0, -1));
    expect(n.code).toBe(127);
  });

  test('names from the generator, unique prefix lookup, No such container', async () => {
    const s = dockerSession();
    await s.d('run -d busybox sleep 3600');
    const c: any = Object.values(s.session.world.docker.containers)[0];
    expect(c.Name).toMatch(/^\/[a-z]+_[a-z]+$/);
    expect(c.Name).not.toBe('/boring_wozniak');
    expect((await s.d(`stop -t 1 ${c.Id.slice(0, 4)}`)).stdout).toBe(`${c.Id.slice(0, 4)}\n`);
    expect(c.State.ExitCode).toBe(137);
    const no = await s.d('stop nope');
    expect(no.stderr).toBe('Error response from daemon: No such container: nope\n');
    expect(no.code).toBe(1);
  });

  test('inspect shape and -f templates', async () => {
    const s = dockerSession();
    await s.d('run -d -p 8080:80 -e A=1 --label tier=web --name web nginx');
    const j = JSON.parse((await s.d('inspect web')).stdout);
    expect(Object.keys(j[0]).slice(0, 8)).toEqual(['Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath']);
    expect(j[0].Name).toBe('/web');
    expect(j[0].HostConfig.PortBindings).toEqual({ '80/tcp': [{ HostIp: '', HostPort: '8080' }] });
    expect(j[0].NetworkSettings.Networks.bridge.IPAddress).toBe('172.17.0.2');
    expect((await s.d('inspect -f "{{.State.Status}} {{.Config.Hostname}}" web')).stdout).toBe(`running ${j[0].Id.slice(0, 12)}\n`);
    expect((await s.d('inspect --format "{{range .Config.Env}}{{println .}}{{end}}" web')).stdout).toContain('A=1\n');
    expect((await s.d("inspect -f '{{index .Config.Labels \"tier\"}} {{upper .Name}} {{json .HostConfig.RestartPolicy}}' web")).stdout).toBe('web /WEB {"Name":"no","MaximumRetryCount":0}\n');
    expect((await s.d("inspect -f '{{.HostConfig.PortBindings}} {{.HostConfig.RestartPolicy}}' web")).stdout).toBe('map[80/tcp:[{ 8080}]] {no 0}\n');
  });

  test('ps filters, -q, -l, -n, --no-trunc, table format', async () => {
    const s = dockerSession();
    await s.d('run -d --name a1 --label env=dev busybox sleep 3600');
    s.advance(1000);
    await s.d('run --name a2 busybox true');
    s.advance(1000);
    await s.d('create --name a3 busybox');
    expect((await s.d('ps --format "{{.Names}}"')).stdout).toBe('a1\n');
    expect((await s.d('ps -a --format "{{.Names}}"')).stdout).toBe('a3\na2\na1\n');
    expect((await s.d('ps -l --format "{{.Names}}"')).stdout).toBe('a3\n');
    expect((await s.d('ps -n 2 --format "{{.Names}}"')).stdout).toBe('a3\na2\n');
    expect((await s.d('ps -a --filter status=exited --format "{{.Names}}"')).stdout).toBe('a2\n');
    expect((await s.d('ps -a --filter label=env=dev -q')).stdout).toMatch(/^[0-9a-f]{12}\n$/);
    expect((await s.d('ps -a --filter exited=0 --format "{{.Names}}"')).stdout).toBe('a2\n');
    expect((await s.d('ps -a --format "table {{.Names}}\\t{{.State}}"')).stdout).toBe('NAMES     STATE\na3        created\na2        exited\na1        running\n');
    const bad = await s.d('ps --filter foo=bar');
    expect(bad.stderr).toBe("Error response from daemon: invalid filter 'foo'\n");
  });

  test('restart policy brings a failing container back', async () => {
    const s = dockerSession();
    await s.d('run -d --restart on-failure:2 --name flaky busybox sh -c "exit 1"');
    s.advance(60_000);
    const c: any = Object.values(s.session.world.docker.containers)[0];
    await s.d('ps -a');
    expect(c.RestartCount).toBe(2);
    expect(c.State.Status).toBe('exited');
  });
});

describe('volumes and the writable layer', () => {
  test('a named volume is shared between two containers and outlives them', async () => {
    const s = dockerSession();
    expect((await s.d('volume create data')).stdout).toBe('data\n');
    await s.d('run --rm -v data:/data busybox sh -c "echo saved > /data/f"');
    expect(Object.keys(s.session.world.docker.containers)).toHaveLength(0);
    const r = await s.d('run --rm -v data:/data busybox cat /data/f');
    expect(r.stdout).toBe('saved\n');
    expect((await s.d('volume ls')).stdout).toBe('DRIVER    VOLUME NAME\nlocal     data\n');
    const inUse = await s.d('run -d --name holder -v data:/data busybox sleep 3600');
    expect(inUse.code).toBe(0);
    const rm = await s.d('volume rm data');
    expect(rm.stderr).toMatch(/^Error response from daemon: remove data: volume is in use - \[[0-9a-f]{64}\]\n$/);
  });

  test('a file in the writable layer dies with its container; the image is unchanged', async () => {
    const s = dockerSession();
    await s.d('run --name w1 busybox sh -c "echo x > /tmp/note"');
    expect((await s.d('diff w1')).stdout).toContain('A /tmp/note\n');
    await s.d('rm w1');
    const r = await s.d('run --rm busybox cat /tmp/note');
    expect(r.stdout).toBe('');
  });

  test('--volumes-from shares the other container\'s mounts', async () => {
    const s = dockerSession();
    await s.d('run --name src -v shared:/shared busybox sh -c "echo hello > /shared/x"');
    const r = await s.d('run --rm --volumes-from src busybox cat /shared/x');
    expect(r.stdout).toBe('hello\n');
  });
});

describe('networks', () => {
  test('default networks, create, connect, IPs, rm', async () => {
    const s = dockerSession();
    const ls = await s.d('network ls');
    expect(ls.stdout).toMatch(/^NETWORK ID     NAME      DRIVER    SCOPE\n[0-9a-f]{12}   bridge    bridge    local\n[0-9a-f]{12}   host      host      local\n[0-9a-f]{12}   none      null      local\n$/);
    const id = (await s.d('network create appnet')).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    await s.d('run -d --name n1 --network appnet busybox sleep 3600');
    const ip = (await s.d('inspect -f "{{.NetworkSettings.Networks.appnet.IPAddress}}" n1')).stdout;
    expect(ip).toBe('172.18.0.2\n');
    const rm = await s.d('network rm appnet');
    expect(rm.stderr).toContain('has active endpoints');
    expect((await s.d('network rm bridge')).stderr).toBe('Error response from daemon: bridge is a pre-defined network and cannot be removed\n');
  });
});

describe('registry', () => {
  test('push needs login and a user/name tag; pull it back', async () => {
    const s = dockerSession();
    await s.d('pull busybox');
    await s.d('tag busybox learner/box:1.0');
    const denied = await s.d('push learner/box:1.0');
    expect(denied.stdout).toContain('The push refers to repository [docker.io/learner/box]\n');
    expect(denied.stderr).toBe('denied: requested access to the resource is denied\n');
    const login = await s.d('login -u learner -p secret');
    expect(login.stderr).toBe(
      "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n\nWARNING! Your credentials are stored unencrypted in '/root/.docker/config.json'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n",
    );
    expect(login.stdout).toBe('Login Succeeded\n');
    const stdin = await s.d('login -u learner --password-stdin', 'secret\n');
    expect(stdin).toEqual({ stdout: 'Login Succeeded\n', stderr: '', code: 0 });
    const push = await s.d('push learner/box:1.0');
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(/: Pushed\n1\.0: digest: sha256:[0-9a-f]{64} size: \d+\n$/);
    await s.d('rmi learner/box:1.0');
    await s.d('rmi busybox');
    const pull = await s.d('pull learner/box:1.0');
    expect(pull.stdout).toContain('Status: Downloaded newer image for learner/box:1.0');
    expect((await s.d('run --rm learner/box:1.0 echo ok')).stdout).toBe('ok\n');
  });
});

describe('system', () => {
  test('system prune asks and removes stopped containers, dangling images, unused networks', async () => {
    const s = dockerSession();
    await s.d('run --name done busybox true');
    await s.d('network create spare');
    s.answers.push('y');
    const r = await s.d('system prune');
    expect(r.stdout).toMatch(/^WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n  - all dangling images\n  - unused build cache\n\nAre you sure you want to continue\? \[y\/N\] Deleted Containers:\n[0-9a-f]{64}\n\nDeleted Networks:\nspare\n\nTotal reclaimed space: 0B\n$/);
    expect(Object.keys(s.session.world.docker.containers)).toHaveLength(0);
    const no = await s.d('system prune');
    expect(no.stdout.endsWith('[y/N] ')).toBe(true);
    expect(no.code).toBe(0);
  });

  test('daemon stopped: every command fails', async () => {
    const s = dockerSession();
    s.session.world.docker.daemon = 'stopped';
    const r = await s.d('ps');
    expect(r).toEqual({ stdout: '', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n', code: 1 });
  });
});

describe('build', () => {
  test('builds from a Dockerfile with a context, honours .dockerignore, files visible in containers', async () => {
    const s = dockerSession();
    s.files.set('/work/app/Dockerfile', 'FROM busybox\nWORKDIR /app\nCOPY . .\nRUN echo built > /app/stamp\nCMD ["cat", "/app/msg.txt"]\n');
    s.files.set('/work/app/msg.txt', 'hello from the image\n');
    s.files.set('/work/app/secret.env', 'X=1\n');
    s.files.set('/work/app/.dockerignore', '*.env\n');
    const b = await s.d('build -t myapp:1.0 app');
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/^#0 building with "default" instance using docker driver\n\n#1 \[internal\] load build definition from Dockerfile\n/);
    expect(b.stderr).toContain('#6 [2/4] WORKDIR /app\n');
    expect(b.stderr).toMatch(/#\d+ naming to docker.io\/library\/myapp:1.0 done\n#\d+ DONE \d\.\ds\n$/);
    expect((await s.d('run --rm myapp:1.0')).stdout).toBe('hello from the image\n');
    expect((await s.d("run --rm myapp:1.0 ls /app")).stdout).toBe("Dockerfile\nmsg.txt\nstamp\n");
    expect((await s.d("run --rm myapp:1.0 ls -a /app")).stdout).not.toContain("secret.env");
    const hist = await s.d('history myapp:1.0');
    expect(hist.stdout).toContain('CMD ["cat" "/app/msg.txt"]');
  });

  test('a missing COPY source fails with the Dockerfile line', async () => {
    const s = dockerSession();
    s.files.set('/work/b/Dockerfile', 'FROM busybox\nCOPY missing.js .\n');
    const b = await s.d('build b');
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('Dockerfile:2\n--------------------\n   1 |     FROM busybox\n   2 | >>> COPY missing.js .\n');
    expect(b.stderr).toMatch(/ERROR: failed to solve: failed to compute cache key: failed to calculate checksum of ref [0-9a-f-]+::[0-9a-z]+: "\/missing.js": not found\n$/);
  });

  test('-q prints only the id; -f picks another Dockerfile', async () => {
    const s = dockerSession();
    s.files.set('/work/c/Dockerfile.dev', 'FROM alpine\nCMD ["echo", "dev"]\n');
    const b = await s.d('build -q -f c/Dockerfile.dev -t dev c');
    expect(b.stderr).toBe('');
    expect(b.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await s.d('run --rm dev')).stdout).toBe('dev\n');
  });
});

test('on a terminal, pull leaves one line per layer (their final state)', async () => {
  const s = dockerSession();
  s.session.ctx.tty = true;
  const r = await s.d('pull busybox');
  expect(r.stdout).toMatch(/^Using default tag: latest\nlatest: Pulling from library\/busybox\n[0-9a-f]{12}: Pull complete\nDigest: sha256:[0-9a-f]{64}\nStatus: Downloaded newer image for busybox:latest\ndocker.io\/library\/busybox:latest\n$/);
});

test('a failing RUN shows its output, the Dockerfile line and exit code', async () => {
  const s = dockerSession();
  s.files.set('/work/f/Dockerfile', 'FROM alpine\nRUN nosuchtool --x\n');
  const r = await s.d('build f');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('#5 [2/2] RUN nosuchtool --x\n#5 0.200 /bin/sh: nosuchtool: not found\n#5 ERROR: process "/bin/sh -c nosuchtool --x" did not complete successfully: exit code: 127\n------\n > [2/2] RUN nosuchtool --x:\n0.200 /bin/sh: nosuchtool: not found\n------\n');
  expect(r.stderr).toMatch(/ERROR: failed to solve: process "\/bin\/sh -c nosuchtool --x" did not complete successfully: exit code: 127\n$/);
});

test('signals: PID 1 ignores what it does not handle; errors as the daemon words them', async () => {
  const s = dockerSession();
  await s.d('run -d --name loop busybox sh -c "while true; do date; sleep 1; done"');
  await s.d('kill --signal=SIGHUP loop');
  expect((await s.d('ps --format "{{.Names}} {{.State}}"')).stdout).toBe('loop running\n');
  await s.d('run -d --name web nginx');
  await s.d('kill -s TERM web');
  expect((await s.d('ps -a --filter name=web --format "{{.Status}}"')).stdout).toMatch(/^Exited \(0\) /);
  const k = await s.d('kill web');
  expect(k.stderr).toMatch(/^Error response from daemon: cannot kill container: web: container [0-9a-f]{64} is not running\n$/);
  await s.d('pause loop');
  expect((await s.d('exec loop ls')).stderr).toBe('Error response from daemon: Container loop is paused, unpause the container before exec\n');
  expect((await s.d('start loop')).stderr).toBe('Error response from daemon: cannot start a paused container, try unpause instead\nError: failed to start containers: loop\n');
  expect((await s.d('unpause web')).stderr).toMatch(/^Error response from daemon: Container [0-9a-f]{64} is not paused\n$/);
  expect(await s.d('rm -f nosuch')).toEqual({ stdout: '', stderr: '', code: 0 });
});

test('logs of a looping container grow with simulated time', async () => {
  const s = dockerSession();
  await s.d('run -d --name ticker busybox sh -c "while true; do echo tick; sleep 1; done"');
  const first = (await s.d('logs ticker')).stdout.split('\n').filter(Boolean).length;
  s.advance(10_000);
  const later = (await s.d('logs ticker')).stdout.split('\n').filter(Boolean).length;
  expect(first).toBeGreaterThanOrEqual(1);
  expect(first).toBeLessThanOrEqual(3);
  expect(later).toBeGreaterThanOrEqual(first + 9);
});

test('healthchecks: starting, then healthy after the interval; commit keeps the parent id in history', async () => {
  const s = dockerSession();
  await s.d('run -d --name hc --health-cmd "true" --health-interval 5s nginx');
  expect((await s.d('ps --format "{{.Status}}"')).stdout).toBe('Up Less than a second (health: starting)\n');
  s.advance(6000);
  expect((await s.d('ps --format "{{.Status}}"')).stdout).toBe('Up 6 seconds (healthy)\n');
  expect((await s.d('inspect -f "{{.State.Health.Status}}" hc')).stdout).toBe('healthy\n');
  await s.d('run --name cm ubuntu sh -c "echo hello world > /hello"');
  const id = (await s.d('commit cm helloworld')).stdout.trim();
  const h = (await s.d('history -q helloworld')).stdout.split('\n');
  expect(h[0]).toBe(id.slice(7, 19));
  expect(h[1]).toBe(((await s.d('images -q ubuntu')).stdout.trim()));
  expect(h[2]).toBe('<missing>');
});

test('build on a terminal leaves BuildKit\'s final frame', async () => {
  const s = dockerSession();
  s.session.ctx.tty = true;
  s.files.set('/work/t/Dockerfile', 'FROM busybox\nWORKDIR /app\n');
  const r = await s.d('build -t tty t');
  const lines = r.stderr.split('\n');
  expect(lines[0]).toMatch(/^\[\+\] Building \d+\.\ds \(\d+\/\d+\) FINISHED +docker:default$/);
  expect(lines[0]!.length).toBe(80);
  expect(lines).toContain(' => [2/2] WORKDIR /app                                                      0.0s');
  expect(r.stderr).not.toContain('#1 ');
});

test('multi-stage build: COPY --from a named stage, --target, ARG before FROM', async () => {
  const s = dockerSession();
  s.files.set('/work/ms/Dockerfile', 'ARG BASE=alpine\nFROM ${BASE} AS build\nWORKDIR /src\nCOPY . .\nRUN mkdir -p /out && echo built > /out/app.txt\n\nFROM busybox\nCOPY --from=build /out/app.txt /app.txt\nCMD ["cat", "/app.txt"]\n');
  s.files.set('/work/ms/x.txt', 'x\n');
  const b = await s.d('build -t ms ms');
  expect(b.code).toBe(0);
  expect(b.stderr).toContain('[build 1/4] FROM docker.io/library/alpine:latest@sha256:');
  expect(b.stderr).toContain('[stage-1 2/2] COPY --from=build /out/app.txt /app.txt');
  expect((await s.d('run --rm ms')).stdout).toBe('built\n');
  const t = await s.d('build -q --target build -t ms-build ms');
  expect(t.code).toBe(0);
  expect((await s.d('run --rm ms-build cat /src/x.txt')).stdout).toBe('x\n');
});

test('COPY with a wildcard that matches nothing is allowed (package-lock.json*)', async () => {
  const s = dockerSession();
  s.files.set('/work/w/Dockerfile', 'FROM node:20-alpine\nWORKDIR /app\nCOPY ["package.json", "package-lock.json*", "./"]\nRUN npm install --production\n');
  s.files.set('/work/w/package.json', '{"name":"w","dependencies":{"express":"^4"}}');
  const b = await s.d('build -t w w');
  expect(b.code).toBe(0);
  expect((await s.d('run --rm w ls /app')).stdout).toBe('node_modules\npackage.json\n');
});

test('--network host: published ports are discarded with a warning, the server answers on the host port', async () => {
  const s = dockerSession();
  const r = await s.d('run -d --network host -p 80:80 --name hn nginx');
  expect(r.stderr).toContain('WARNING: Published ports are discarded when using host network mode\n');
  expect((await s.d('ps --format "{{.Ports}}|{{.Networks}}"')).stdout).toBe('|host\n');
  const { connect } = await import('../../src/world/runtime/net.js');
  const ep: any = connect(s.session.world, { kind: 'host' }, 'localhost', 80, s.session.ctx.wallNow);
  expect(ep.hostname).toBe((Object.values(s.session.world.docker.containers)[0] as any).Config.Hostname);
});

test('docker build - reads the Dockerfile from stdin', async () => {
  const s = dockerSession();
  const b = await s.d('build -t fromstdin -', 'FROM busybox\nCMD ["echo", "from stdin"]\n');
  expect(b.code).toBe(0);
  expect((await s.d('run --rm fromstdin')).stdout).toBe('from stdin\n');
});

test('push to a local registry container without login, pull it back', async () => {
  const s = dockerSession();
  await s.d('pull busybox');
  await s.d('tag busybox localhost:5000/box:1');
  const refused = await s.d('push localhost:5000/box:1');
  expect(refused.stderr).toBe('Get "http://localhost:5000/v2/": dial tcp [::1]:5000: connect: connection refused\n');
  // anything listening on the port will do for the engine (the registry image's behaviour is the runtime's)
  await s.d('run -d -p 5000:80 --name registry nginx');
  const ok = await s.d('push localhost:5000/box:1');
  expect(ok.code).toBe(0);
  await s.d('rmi localhost:5000/box:1');
  expect((await s.d('pull localhost:5000/box:1')).stdout).toContain('Status: Downloaded newer image for localhost:5000/box:1');
});

test('pull: layers another image already has print Already exists', async () => {
  const s = dockerSession();
  await s.d('pull nginx');
  const r = await s.d('pull nginx:1.25');
  expect(r.stdout).toMatch(/^1\.25: Pulling from library\/nginx\n/);
  // a layer the store already has (shared base) is announced, not downloaded
  const img: any = Object.values(s.session.world.docker.images)[0];
  const layers = img.RootFS.Layers.length;
  await s.d('rmi nginx:1.25');
  const again = await s.d('pull nginx:1.25');
  expect(again.stdout.match(/Pull complete/g)?.length).toBeGreaterThan(0);
  expect(layers).toBeGreaterThan(0);
});

test('daemon validation: rename to the same name, invalid signal, invalid volume mode', async () => {
  const s = dockerSession();
  await s.d('run -d --name x1 busybox sleep 100');
  expect((await s.d('rename x1 x1')).stderr).toBe('Error response from daemon: Renaming a container with the same name as its current name\n');
  expect((await s.d('kill -s NOPE x1')).stderr).toBe('Error response from daemon: cannot kill container: x1: invalid signal: NOPE\n');
  const v = await s.d('run -v /a:/b:zz busybox true');
  expect(v.stderr).toBe("docker: Error response from daemon: invalid mode: zz\n\nRun 'docker run --help' for more information\n");
  expect(v.code).toBe(125);
});

test('ps filters: health, before, since', async () => {
  const s = dockerSession();
  await s.d('run -d --name f1 busybox sleep 100');
  await s.d('run -d --name f2 --health-cmd true busybox sleep 100');
  await s.d('run -d --name f3 busybox sleep 100');
  expect((await s.d('ps --filter health=starting --format "{{.Names}}"')).stdout).toBe('f2\n');
  expect((await s.d('ps --filter health=none --format "{{.Names}}"')).stdout).toBe('f3\nf1\n');
  expect((await s.d('ps --filter before=f2 --format "{{.Names}}"')).stdout).toBe('f1\n');
  expect((await s.d('ps --filter since=f2 --format "{{.Names}}"')).stdout).toBe('f3\n');
});

test('build prints BuildKit\'s Dockerfile check warnings after the build', async () => {
  const s = dockerSession();
  s.files.set('/work/wn/Dockerfile', 'FROM alpine as base\nENV NODE_ENV production\nCMD echo hi\n');
  const b = await s.d('build -t wn wn');
  expect(b.code).toBe(0);
  expect(b.stderr.endsWith(
    '\n 3 warnings found (use docker --debug to expand):\n' +
      " - FromAsCasing: 'as' and 'FROM' keywords' casing do not match (line 1)\n" +
      ' - LegacyKeyValueFormat: "ENV key=value" should be used instead of legacy "ENV key value" format (line 2)\n' +
      ' - JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (line 3)\n',
  )).toBe(true);
  expect((await s.d('history --format "{{.CreatedBy}}" wn')).stdout).toContain('ENV NODE_ENV=production\n');
});

test('localImageRecord gives a built image to the cluster (minikube image load)', async () => {
  const s = dockerSession();
  s.files.set('/work/li/Dockerfile', 'FROM busybox\nCOPY a.txt /a.txt\n');
  s.files.set('/work/li/a.txt', 'A\n');
  await s.d('build -t myapp:1.0 li');
  const { localImageRecord } = await import('../../src/world/docker/image-source.js');
  const rec = localImageRecord(s.session.world, 'myapp:1.0')!;
  expect(rec.id).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(rec.files?.['/a.txt']).toEqual(expect.objectContaining({ type: 'file', content: 'A\n' }));
  expect(rec.base).toBe('docker.io/library/busybox:latest');
  expect(localImageRecord(s.session.world, 'nosuch:1')).toBeUndefined();
});
