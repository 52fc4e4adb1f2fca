import { describe, expect, test } from 'vitest';
import type { Program } from '../../src/core/types.js';
import { harness } from './harness.js';
import { MAX_INPUT } from '../../src/shell/interpreter.js';

describe('interpreter', () => {
  test('> and >> write real files through the fs; the file exists even with no output', async () => {
    const h = harness();
    const r = await h.run('echo one > a.txt; echo two >> a.txt; true > empty.txt; cat a.txt');
    expect(r.out).toBe('one\ntwo\n');
    expect(h.files.get('/work/a.txt')).toBe('one\ntwo\n');
    expect(h.files.get('/work/empty.txt')).toBe('');
  });

  test('2>&1 order matters; &> sends both; 2>/dev/null drops', async () => {
    const h = harness({ extra: { both: (_a, io) => (io.out('O\n'), io.err('E\n'), 0) } });
    expect(await h.run('both 2>&1 >/dev/null')).toMatchObject({ out: 'E\n', err: '' });
    expect(await h.run('both >/dev/null 2>&1')).toMatchObject({ out: '', err: '' });
    await h.run('both &> f.txt');
    expect(h.files.get('/work/f.txt')).toBe('O\nE\n');
    expect(await h.run('both 2>/dev/null')).toMatchObject({ out: 'O\n', err: '' });
    expect(await h.run('both 2>&1 | tr A-Z a-z')).toMatchObject({ out: 'o\ne\n', err: '' });
    expect(await h.run('both |& tr A-Z a-z')).toMatchObject({ out: 'o\ne\n', err: '' });
  });

  test('< file, missing file, writing into a folder', async () => {
    const h = harness({ files: { '/work/in.txt': 'x\ny\n', '/work/d/f': '' } });
    expect((await h.run('wc -l < in.txt')).out).toBe('2\n');
    const r = await h.run('cat < nope.txt; echo $?');
    expect(r.err).toBe('sh: nope.txt: No such file or directory\n');
    expect(r.out).toBe('1\n');
    expect((await h.run('echo x > d')).err).toBe('sh: d: Is a directory\n');
  });

  test('programs get stdin from pipes and heredocs, and the exported environment with A=b prefixes', async () => {
    const seen: { stdin: string; pipe: boolean; env: Record<string, string>; argv: string[] }[] = [];
    const spy: Program = (argv, io) => {
      seen.push({ stdin: io.stdin, pipe: io.stdinIsPipe, env: io.env, argv });
      return 0;
    };
    const h = harness({ extra: { spy } });
    await h.run('printf "a\\nb\\n" | spy 1');
    await h.run('FOO=bar spy -f - <<EOF\nkind: Pod\nEOF');
    await h.run('spy');
    expect(seen[0]).toMatchObject({ stdin: 'a\nb\n', pipe: true, argv: ['1'] });
    expect(seen[1]).toMatchObject({ stdin: 'kind: Pod\n', pipe: true, argv: ['-f', '-'] });
    expect(seen[1]!.env.FOO).toBe('bar');
    expect(seen[2]).toMatchObject({ stdin: '', pipe: false });
    expect(seen[2]!.env.FOO).toBeUndefined();
    expect(h.env.vars.FOO).toBeUndefined();
  });

  test('exported variables: with env.exported only those reach programs; export writes both', async () => {
    const h = harness({ extra: { show: (_a, io) => (io.out(JSON.stringify(io.env) + '\n'), 0) } });
    h.env.exported = {};
    const r = await h.run('LOCAL=1; export PUB=2; show');
    expect(JSON.parse(r.out)).toMatchObject({ PUB: '2' });
    expect(JSON.parse(r.out).LOCAL).toBeUndefined();
    expect(h.env.exported).toEqual({ PUB: '2' });
    expect(h.env.vars.LOCAL).toBe('1');
  });

  test('export X=$(...) keeps the value whole (no word splitting)', async () => {
    const h = harness();
    const r = await h.run('export X=$(printf "a b\\nc"); echo "$X"');
    expect(r.out).toBe('a b\nc\n');
  });

  test('exception in a program: internal error message, exit 1, script goes on', async () => {
    const h = harness({
      extra: {
        boom: () => {
          throw new Error('kaboom');
        },
      },
    });
    const r = await h.run('boom; echo after $?');
    expect(r.err).toBe('k8s-drill: internal error in boom: kaboom\n');
    expect(r.out).toBe('after 1\n');
  });

  test('loops are bounded: while stops after 10,000 iterations with a message', async () => {
    const h = harness();
    const r = await h.run('n=0; while true; do n=$((n+1)); done; echo $n');
    expect(r.err).toContain('loop stopped after 10000 iterations');
    expect(r.out).toBe('10000\n');
  });

  test('brace expansion is capped at 10,000 words', async () => {
    const h = harness();
    expect((await h.run('echo {1..100000} | wc -w')).out).toBe('10000\n');
    expect((await h.run('echo {a..c}{1..2}')).out).toBe('a1 a2 b1 b2 c1 c2\n');
  });

  test('input larger than 5 MB is refused', async () => {
    const h = harness();
    const r = await h.run('echo ' + 'x'.repeat(MAX_INPUT));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/input too large/);
  });

  test('command not found: sh and bash wording, 127', async () => {
    const h = harness();
    expect(await h.run('nosuch x')).toMatchObject({ code: 127, err: 'sh: nosuch: not found\n' });
    h.env.shellName = 'bash';
    expect(await h.run('nosuch x')).toMatchObject({ code: 127, err: 'bash: nosuch: command not found\n' });
  });

  test('sudo and sudo -E are dropped', async () => {
    const h = harness();
    expect((await h.run('sudo echo a; sudo -E echo b; sudo -u root echo c')).out).toBe('a\nb\nc\n');
  });

  test('exit stops the script and reports it; exit in $( ) or a pipeline stage does not', async () => {
    const h = harness();
    expect(await h.run('echo a; exit 4; echo b')).toMatchObject({ out: 'a\n', code: 4, exit: true });
    const r = await h.run('x=$(exit 3); echo "st $?"; exit 1 | true; echo end');
    expect(r).toMatchObject({ out: 'st 3\nend\n', code: 0 });
    expect(r.exit).toBeUndefined();
  });

  test('pipeline stages run as subshells (variables do not leak), $? is the last stage', async () => {
    const h = harness();
    expect((await h.run('x=1; echo 5 | read x; echo $x; false | true; echo $?; true | false; echo $?')).out).toBe('1\n0\n1\n');
  });

  test('cd changes fs.cwd; errors like bash on the host', async () => {
    const h = harness({ files: { '/work/sub/f.txt': 'f' } });
    expect((await h.run('cd sub; pwd; cat f.txt; cd -; cd')).out).toBe('/work/sub\nf/work\n');
    expect(h.env.fs.cwd).toBe('/work');
    h.env.shellName = 'k8s-drill';
    h.env.host = true;
    expect((await h.run('cd nope')).err).toBe('k8s-drill: cd: nope: No such file or directory\n');
  });

  test('sleep advances the simulated clock instead of waiting', async () => {
    const h = harness();
    const t = Date.now();
    await h.run('sleep 1h; sleep 30s 2m');
    expect(h.world.clock.offsetMs).toBe(3_600_000 + 30_000 + 120_000);
    expect(Date.now() - t).toBeLessThan(2000);
    expect((await h.run('sleep x')).err).toContain("sleep: invalid time interval 'x'");
  });

  test('xargs runs each command line through the shell', async () => {
    const h = harness();
    expect((await h.run("printf 'a\\nb\\n' | xargs -I {} sh-echo {}")).err).toContain('not found');
    expect((await h.run("printf 'pod/a\\npod/b\\n' | xargs -n1 echo deleted")).out).toBe('deleted pod/a\ndeleted pod/b\n');
    expect((await h.run("echo 10.0.0.1 | xargs -L1 -I '{}' echo wget http://\\{\\}:8080")).out).toBe('wget http://10.0.0.1:8080\n');
  });

  test('a heredoc not closed at the end of a script is taken with a warning', async () => {
    const h = harness();
    const r = await h.run('cat <<EOF\nhello');
    expect(r.out).toBe('hello\n');
    expect(r.err).toContain('here-document delimited by end-of-file');
  });

  test('syntax errors: message and status 2 (busybox ash wording in sh, bash wording in bash)', async () => {
    const h = harness();
    expect(await h.run('echo ok; fi')).toMatchObject({ code: 2, err: 'sh: syntax error: unexpected "fi"\n', out: '' });
    expect(await h.run('if true; fi')).toMatchObject({ err: 'sh: syntax error: unexpected "fi" (expecting "then")\n' });
    expect(await h.run('for i in 1; do echo')).toMatchObject({ err: 'sh: syntax error: unexpected end of file (expecting "done")\n' });
    expect(await h.run('echo "abc')).toMatchObject({ code: 2, err: 'sh: syntax error: unterminated quoted string\n' });
    expect(await h.run('echo a |;')).toMatchObject({ err: 'sh: syntax error: unexpected ";"\n' });
    h.env.shellName = 'bash';
    expect(await h.run('echo ok; fi')).toMatchObject({ code: 2, err: "bash: syntax error near unexpected token `fi'\n" });
  });

  test('positional arguments for sh -c style scripts', async () => {
    const h = harness();
    h.env.args = ['sh', 'one', 'two words'];
    expect((await h.run('echo $0 $1 "$2" $#; for a in "$@"; do echo "[$a]"; done')).out).toBe('sh one two words 2\n[one]\n[two words]\n');
  });

  test('if [ "$(cmd)" ] with empty output takes the else branch (corpus)', async () => {
    const h = harness({ extra: { docker: (_a, io) => (io.out(''), 0) } });
    const r = await h.run('if [ "$(docker ps -q)" ]; then docker kill $(docker ps -q); else echo "No running containers."; fi');
    expect(r.out).toBe('No running containers.\n');
  });

  test('while read over a pipe sees every line', async () => {
    const h = harness();
    expect((await h.run("printf 'a 1\\nb 2\\n' | while read name n; do echo \"$n:$name\"; done")).out).toBe('1:a\n2:b\n');
  });

  test('globs expand against the fs and stay literal without a match', async () => {
    const h = harness({ files: { '/work/a.yaml': '', '/work/b.yaml': '', '/work/c.txt': '' } });
    expect((await h.run('echo *.yaml; echo *.json; echo "*.yaml"')).out).toBe('a.yaml b.yaml\n*.json\n*.yaml\n');
  });
});

describe('extras learners type', () => {
  test('process substitution: source <(...), cat <(...), < <(...)', async () => {
    const h = harness();
    expect((await h.run('source <(echo "X=42"); echo $X')).out).toBe('42\n');
    expect((await h.run('cat <(echo a) <(echo b)')).out).toBe('a\nb\n');
    expect((await h.run('while read l; do echo "<$l>"; done < <(printf "1\\n2\\n")')).out).toBe('<1>\n<2>\n');
  });

  test('source of a completion script and complete are accepted silently', async () => {
    const script = '# bash completion for kubectl\n' + '__start_kubectl() { :; }\n'.repeat(100) + 'complete -o default -F __start_kubectl kubectl\n';
    const h = harness({ extra: { kubectl: (_a, io) => (io.out(script), 0) } });
    expect(await h.run('source <(kubectl completion bash); complete -F __start_kubectl k; echo ok')).toMatchObject({ out: 'ok\n', err: '' });
  });

  test('time reports simulated time on stderr; timeout and nohup run the command; exec bash is a no-op', async () => {
    const h = harness();
    expect(await h.run('time sleep 2')).toMatchObject({ err: '\nreal\t0m2.000s\nuser\t0m0.000s\nsys\t0m0.000s\n', code: 0 });
    expect((await h.run('timeout 5 echo hi; nohup echo there; exec bash; echo still')).out).toBe('hi\nthere\nstill\n');
  });

  test('functions and case', async () => {
    const h = harness();
    const r = await h.run('kk() { case $1 in po*) echo pods;; svc|service) echo services;; *) echo "?";; esac; }; kk pod; kk svc; kk x');
    expect(r.out).toBe('pods\nservices\n?\n');
  });
});

describe('coreutils for containers (busybox style)', () => {
  test('ls -l lines look like busybox', async () => {
    const h = harness({ files: { '/work/html/index.html': '<h1>hi</h1>\n', '/work/app.conf': 'x=1\n' } });
    const r = await h.run('ls -l');
    expect(r.out).toBe(
      'total 8\n' +
        '-rw-r--r--    1 root     root             4 Jan 15 10:00 app.conf\n' +
        'drwxr-xr-x    2 root     root          4096 Jan 15 10:00 html\n',
    );
    expect((await h.run('ls -la html')).out.split('\n').slice(1, 3)).toEqual([
      'drwxr-xr-x    2 root     root          4096 Jan 15 10:00 .',
      'drwxr-xr-x    2 root     root          4096 Jan 15 10:00 ..',
    ]);
    expect(await h.run('ls nope')).toMatchObject({ code: 1, err: 'ls: nope: No such file or directory\n' });
  });

  test('mkdir -p, touch, cp -r, mv, rm -rf work on the fs', async () => {
    const h = harness();
    const r = await h.run('mkdir -p a/b && touch a/b/f && echo x > a/b/g && cp -r a c && mv c/b/g c/b/h && rm -rf a && find . | sort');
    expect(r.out).toBe('.\n./c\n./c/b\n./c/b/f\n./c/b/h\n');
    expect((await h.run('mkdir c')).err).toBe("mkdir: can't create directory 'c': File exists\n");
    expect((await h.run('rm nope')).err).toBe("rm: can't remove 'nope': No such file or directory\n");
    expect((await h.run('rm c')).err).toBe("rm: 'c' is a directory\n");
  });

  test('env, printenv, sleep, date in a container shell', async () => {
    const h = harness();
    h.env.vars = { HOSTNAME: 'web-1', PATH: '/bin' };
    expect((await h.run('printenv HOSTNAME; env | grep PATH')).out).toBe('web-1\nPATH=/bin\n');
    expect((await h.run('sleep 2; date -u +%T')).out).toBe('10:00:02\n');
  });
});

test('runaway recursion is bounded (functions, xargs calling the shell)', async () => {
  const h = harness();
  const r = await h.run('f() { f; }; f; echo after');
  expect(r.err).toContain('maximum function nesting level exceeded');
  expect(r.out).toBe('after\n');
});

test('brace expansion across quoted parts stays capped', async () => {
  const h = harness();
  const t = Date.now();
  expect((await h.run('echo {1..10000}"x"{1..10000} | wc -w')).out).toBe('10000\n');
  expect(Date.now() - t).toBeLessThan(5000);
});

test('device files are never read (a read from /dev/zero would not end)', async () => {
  const h = harness();
  expect(await h.run('cat /dev/urandom | head -c 4')).toMatchObject({ err: 'cat: /dev/urandom: reading devices is not supported in k8s-drill\n' });
  expect((await h.run('wc -c < /dev/zero')).err).toBe('sh: /dev/zero: No such file or directory\n');
  expect((await h.run('cat /dev/null; echo $?')).out).toBe('0\n');
});

test('writes to devices are refused; /dev/null and /dev/stderr work', async () => {
  const h = harness();
  expect((await h.run('echo x > /dev/sda; echo $?')).out).toBe('1\n');
  expect(await h.run('echo y | tee /dev/null /dev/stderr')).toMatchObject({ out: 'y\n', err: 'y\n' });
});

test('yes is bounded', async () => {
  const h = harness();
  expect((await h.run('yes | head -2; yes no | wc -l')).out).toBe('y\ny\n10000\n');
});
