import { describe, expect, test } from 'vitest';
import type { Program } from '../../src/core/types.js';
import { memorySession } from '../helpers/memory.js';
import { editDistance, suggest } from '../../src/shell/run.js';

describe('host shell (runLine)', () => {
  test('unknown program: 127, message, suggestion when close', async () => {
    const s = memorySession();
    expect(await s.run('kubctl get pods')).toMatchObject({
      code: 127,
      stdout: '',
      stderr: "k8s-drill: command not found: kubctl\nDid you mean 'kubectl'?\n",
    });
    expect((await s.run('dokcer ps')).stderr).toBe("k8s-drill: command not found: dokcer\nDid you mean 'docker'?\n");
    expect((await s.run('frobnicate')).stderr).toBe('k8s-drill: command not found: frobnicate\n');
    expect(editDistance('kubctl', 'kubectl')).toBe(1);
    expect(suggest('minkube', ['docker', 'minikube'])).toBe('minikube');
  });

  test('k is kubectl from the start; alias/unalias persist in the world', async () => {
    const s = memorySession();
    expect((await s.run('alias')).stdout).toBe("alias k='kubectl'\n");
    await s.run("alias kgp='kubectl get pods'");
    expect(s.session.world.shell.aliases.kgp).toBe('kubectl get pods');
    const a = await s.run('kgp');
    const b = await s.run('kubectl get pods');
    expect(a).toEqual(b);
    expect((await s.run('alias kgp')).stdout).toBe("alias kgp='kubectl get pods'\n");
    await s.run('unalias kgp');
    expect(s.session.world.shell.aliases.kgp).toBeUndefined();
    expect((await s.run('unalias nope')).stderr).toBe('k8s-drill: unalias: nope: not found\n');
  });

  test('export persists in world.shell.env; plain variables live for the session; $? carries over', async () => {
    const s = memorySession();
    await s.run('export NS=prod');
    expect(s.session.world.shell.env.NS).toBe('prod');
    await s.run('IP=10.0.0.1');
    expect(s.session.world.shell.env.IP).toBeUndefined();
    expect((await s.run('echo $NS $IP')).stdout).toBe('prod 10.0.0.1\n');
    await s.run('false');
    expect((await s.run('echo $?')).stdout).toBe('1\n');
    await s.run('unset NS');
    expect(s.session.world.shell.env.NS).toBeUndefined();
  });

  test('history is numbered and includes the current line', async () => {
    const s = memorySession();
    await s.run('echo a');
    await s.run('echo b');
    expect((await s.run('history')).stdout).toBe('    1  echo a\n    2  echo b\n    3  history\n');
    expect((await s.run('history 2')).stdout).toBe('    3  history\n    4  history 2\n');
  });

  test('exit and clear flags', async () => {
    const s = memorySession();
    expect(await s.run('exit 3')).toMatchObject({ code: 3, exit: true });
    expect(await s.run('clear')).toMatchObject({ code: 0, clear: true, stdout: '' });
    expect((await s.run('echo x')).clear).toBeUndefined();
  });

  test('help and help topics', async () => {
    const s = memorySession();
    const r = await s.run('help');
    expect(r.stdout).toContain('kubectl');
    expect(r.stdout).toContain('help shell');
    expect((await s.run('help shell')).stdout).toContain('heredocs');
    expect(await s.run('help nope')).toMatchObject({ code: 1 });
  });

  test('session builtins come first', async () => {
    const s = memorySession();
    const hint: Program = (_a, io) => (io.out('a hint\n'), 0);
    const echo: Program = (_a, io) => (io.out('edge echo\n'), 0);
    s.session.builtins = { hint, echo };
    expect((await s.run('hint | tr a-z A-Z')).stdout).toBe('A HINT\n');
    expect((await s.run('echo hi')).stdout).toBe('edge echo\n');
  });

  test('stdout and stderr are kept apart; 2>&1 merges into stdout', async () => {
    const s = memorySession();
    expect(await s.run('echo out; ls nope')).toMatchObject({ stdout: 'out\n', stderr: "ls: cannot access 'nope': No such file or directory\n", code: 2 });
    expect(await s.run('ls nope 2>&1')).toMatchObject({ stdout: "ls: cannot access 'nope': No such file or directory\n", stderr: '' });
  });

  test('> file writes through the host fs, ls/cat read it back', async () => {
    const s = memorySession();
    s.files.set('/work/keep.txt', 'k\n');
    await s.run('echo "kind: Pod" > pod.yaml');
    expect(s.files.get('/work/pod.yaml')).toBe('kind: Pod\n');
    expect((await s.run('ls')).stdout).toBe('keep.txt\npod.yaml\n');
    expect((await s.run('cat pod.yaml | grep -c Pod')).stdout).toBe('1\n');
  });

  test('sleep moves the world clock; date shows simulated now', async () => {
    const s = memorySession();
    await s.run('sleep 90');
    expect(s.session.world.clock.offsetMs).toBe(90_000);
    expect((await s.run('date')).stdout).toBe('Thu Jan 15 10:01:30 UTC 2026\n');
  });

  test('nested shell: without the runtime module the learner is put back on the host with a message', async () => {
    const s = memorySession();
    s.session.nested.push({ kind: 'docker', id: 'abc', prompt: '/ # ' });
    const r = await s.run('ls');
    // Either the runtime's nested shell answered, or a clear message (never a stack trace).
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a program that throws never shows a stack trace', async () => {
    const s = memorySession();
    s.session.builtins = {
      crash: () => {
        throw new TypeError('x is undefined');
      },
    };
    expect(await s.run('crash')).toMatchObject({ code: 1, stderr: 'k8s-drill: internal error in crash: x is undefined\n' });
  });

  test('bash -c and sh script files run in a child shell', async () => {
    const s = memorySession();
    s.files.set('/work/s.sh', 'echo "args: $1 $2"\nexit 7\n');
    expect(await s.run('bash s.sh a b')).toMatchObject({ stdout: 'args: a b\n', code: 7 });
    expect(await s.run("sh -c 'echo $0 $1' me you")).toMatchObject({ stdout: 'me you\n' });
    expect(await s.run('./s.sh x')).toMatchObject({ stdout: 'args: x \n', code: 7 });
  });

  test('watch prints once', async () => {
    const s = memorySession();
    expect((await s.run('watch -n 1 echo tick')).stdout).toBe('tick\n');
  });
});

describe('host extras', () => {
  test('less/more print; editors explain how to edit files', async () => {
    const s = memorySession();
    s.files.set('/work/p.yaml', 'kind: Pod\n');
    expect((await s.run('echo hi | less')).stdout).toBe('hi\n');
    expect((await s.run('more p.yaml')).stdout).toBe('kind: Pod\n');
    const r = await s.run('vi p.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('vi is not available inside k8s-drill');
    expect(r.stderr).toContain('/work');
  });
});

describe('with the real programs (corpus flows)', () => {
  test('kubectl ... -o yaml > file, then kubectl apply -f file; heredoc apply; secret | base64 -d', async () => {
    const s = memorySession();
    await s.run('kubectl create deployment web --image=nginx --dry-run=client -o yaml > web.yaml');
    expect(s.files.get('/work/web.yaml')).toContain('kind: Deployment');
    expect((await s.run('kubectl apply -f web.yaml')).stdout).toBe('deployment.apps/web created\n');
    await s.run('kubectl get deploy web -o yaml > web2.yaml');
    expect(s.files.get('/work/web2.yaml')).toContain('name: web');
    const r = await s.run('kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\ndata:\n  a: "1"\nEOF');
    expect(r.stdout).toBe('configmap/cm1 created\n');
    await s.run('kubectl create secret generic db --from-literal=password=admin');
    expect((await s.run("kubectl get secret db -o jsonpath='{.data.password}' | base64 -d")).stdout).toBe('admin');
    expect((await s.run('echo -n admin | base64')).stdout).toBe('YWRtaW4=\n');
  });

  test('export X=$(kubectl ...) and loops over kubectl output', async () => {
    const s = memorySession();
    await s.run('kubectl create deployment web --image=nginx --replicas=2');
    await s.run('sleep 30');
    await s.run('export PODS=$(kubectl get pods -o name)');
    expect(s.session.world.shell.env.PODS!.split('\n').length).toBe(2);
    const r = await s.run('for p in $(kubectl get pods -o name); do echo "got $p"; done | wc -l');
    expect(r.stdout).toBe('2\n');
    expect((await s.run("kubectl get pods -o jsonpath='{.items[*].metadata.name}' | xargs -n1 echo | wc -l")).stdout).toBe('2\n');
  });
});

test('history twice in a row numbers both', async () => {
  const s = memorySession();
  await s.run('history');
  expect((await s.run('history')).stdout).toBe('    1  history\n    2  history\n');
});

test('absolute paths of known programs run them; binaries are never executed', async () => {
  const s = memorySession();
  expect((await s.run('/usr/local/bin/kubectl version --client')).stdout).toContain('Client Version');
  expect((await s.run('/bin/echo hi')).stdout).toBe('hi\n');
  s.files.set('/work/tool', 'ELF\0\0binary');
  expect(await s.run('./tool')).toMatchObject({ code: 126 });
});

describe('history expansion (interactive only)', () => {
  test('expandHistory', async () => {
    const { expandHistory } = await import('../../src/shell/run.js');
    const h = ['kubectl get pods', 'docker ps -a'];
    expect(expandHistory('sudo !!', h)).toEqual({ line: 'sudo docker ps -a', changed: true });
    expect(expandHistory('echo !$', h)).toEqual({ line: 'echo -a', changed: true });
    expect(expandHistory('!1 -o wide', h)).toEqual({ line: 'kubectl get pods -o wide', changed: true });
    expect(expandHistory('!kub', h)).toEqual({ line: 'kubectl get pods', changed: true });
    expect(expandHistory("echo '!!' != x", h)).toEqual({ line: "echo '!!' != x", changed: false });
    expect(expandHistory('!nope', h)).toEqual({ error: '!nope: event not found' });
  });

  test('runLine expands !! when interactive and echoes the line; line mode does not', async () => {
    const s = memorySession();
    await s.run('echo hi');
    expect((await s.run('!!')).stderr).toContain('command not found: !!');
    s.session.ctx.interactive = true;
    await s.run('echo again');
    expect(await s.run('!!')).toMatchObject({ stdout: 'echo again\nagain\n', code: 0 });
  });
});
