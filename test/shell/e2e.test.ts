/** The shell language through the built bin: -c and line mode, real files in a temp working folder. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli, removeDir, tempDir } from '../helpers/cli.js';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

describe('shell end to end', () => {
  test('-c: output and exit status of the last command', async () => {
    expect(await cli(['-c', 'echo hi | tr a-z A-Z'])).toMatchObject({ stdout: 'HI\n', code: 0 });
    expect(await cli(['-c', 'true && false'])).toMatchObject({ code: 1 });
    expect(await cli(['-c', 'exit 3'])).toMatchObject({ code: 3 });
  });

  test('-c: unknown command is 127 with a suggestion', async () => {
    expect(await cli(['-c', 'kubctl get pods'])).toMatchObject({
      code: 127,
      stdout: '',
      stderr: "k8s-drill: command not found: kubctl\nDid you mean 'kubectl'?\n",
    });
  });

  test('line mode: heredoc, multi-line for loop, variables across lines', async () => {
    const r = await cli([], { input: 'cat <<EOF\nhello $USER_X\nEOF\nfor i in 1 2\ndo\n  echo n$i\ndone\nX=5\necho $X\n' });
    expect(r).toMatchObject({ stdout: 'hello \nn1\nn2\n5\n', code: 0 });
  });

  test('redirects write real files in the working folder, < reads them', async () => {
    const d = fresh();
    writeFileSync(join(d, 'in.txt'), 'b\na\nb\n');
    const r = await cli(['-c', 'sort -u < in.txt > out.txt; echo more >> out.txt; wc -l out.txt'], { cwd: d, stateDir: d });
    expect(r.stdout).toBe('3 out.txt\n');
    expect(readFileSync(join(d, 'out.txt'), 'utf8')).toBe('a\nb\nmore\n');
  });

  test('export persists between runs on one state dir; plain variables do not', async () => {
    const d = fresh();
    await cli(['-c', 'export NS=prod; LOCAL=1'], { stateDir: d });
    expect((await cli(['-c', 'echo "$NS-$LOCAL"'], { stateDir: d })).stdout).toBe('prod-\n');
  });

  test('aliases persist between runs', async () => {
    const d = fresh();
    await cli(['-c', "alias hi='echo hello'"], { stateDir: d });
    expect((await cli(['-c', 'hi there'], { stateDir: d })).stdout).toBe('hello there\n');
  });

  test('text tools and jq in a pipeline', async () => {
    const r = await cli(['-c', `echo '{"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}' | jq -r '.items[].metadata.name' | sort -r | head -1`]);
    expect(r).toMatchObject({ stdout: 'b\n', code: 0 });
  });

  test('base64 round trip and a secret-style decode', async () => {
    expect((await cli(['-c', 'echo -n admin | base64'])).stdout).toBe('YWRtaW4=\n');
    expect((await cli(['-c', 'echo YWRtaW4= | base64 -d'])).stdout).toBe('admin');
  });

  test('a runaway loop ends with a message instead of hanging', async () => {
    const r = await cli(['-c', 'while true; do :; done']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('loop stopped after 10000 iterations');
  });

  test('syntax error: status 2, message', async () => {
    expect(await cli(['-c', 'echo a; fi'])).toMatchObject({ code: 2, stderr: "k8s-drill: syntax error near unexpected token `fi'\n" });
  });
});

describe('builtins through the bin', () => {
  test('help, history (persisted), alias/unalias, clear, exit', async () => {
    const d = fresh();
    expect((await cli(['-c', 'help'], { stateDir: d })).stdout).toContain('k8s-drill');
    expect((await cli(['-c', 'help shell'], { stateDir: d })).stdout).toContain('heredocs');
    await cli(['-c', 'echo first'], { stateDir: d });
    expect((await cli(['-c', 'history'], { stateDir: d })).stdout).toMatch(/ {4}\d+ {2}echo first\n {4}\d+ {2}history\n$/);
    const r = await cli([], { stateDir: d, input: "alias kgp='kubectl get pods'\nalias kgp\nunalias kgp\nkgp\nclear\nexit 4\necho never\n" });
    expect(r.stdout).toBe("alias kgp='kubectl get pods'\n");
    expect(r.stderr).toContain('command not found: kgp');
    expect(r.code).toBe(4);
  });

  test('export, echo, printf, cd, pwd, ls, cat, sleep, date', async () => {
    const d = fresh();
    writeFileSync(join(d, 'notes.txt'), 'hello\n');
    const r = await cli([], {
      stateDir: d,
      cwd: d,
      input: [
        'export GREETING="hi there"',
        'echo -e "$GREETING\\tx"',
        'printf "%s|%5d|%q\\n" a 42 "b c"',
        'mkdir -p sub && cd sub && pwd | sed "s|.*/||"',
        'cd .. && ls -1 | grep -v state',
        'cat notes.txt',
        'sleep 1m; date +%H:%M',
      ].join('\n') + '\n',
    });
    expect(r.stdout).toBe('hi there\tx\na|   42|b\\ c\nsub\nnotes.txt\nsub\nhello\n10:01\n');
    expect(r.code).toBe(0);
  });

  test('stdout and stderr stay separate; 2>&1 merges', async () => {
    const r = await cli(['-c', 'echo out; ls nope; ls nope 2>&1 | sed s/^/merged:/']);
    expect(r.stdout).toBe("out\nmerged:ls: cannot access 'nope': No such file or directory\n");
    expect(r.stderr).toBe("ls: cannot access 'nope': No such file or directory\n");
  });
});
