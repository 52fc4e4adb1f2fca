/** docker run -it node / python and docker exec -it CTR redis-cli open the program's own prompt. */
import { describe, expect, test } from 'vitest';
import { memorySession } from '../helpers/memory.js';

async function typed(lines: string[]) {
  const s = memorySession();
  const out: Array<{ line: string; stdout: string; stderr: string; prompt: string | undefined }> = [];
  for (const line of lines) {
    const r = await s.run(line);
    out.push({ line, stdout: r.stdout, stderr: r.stderr, prompt: s.session.nested.at(-1)?.prompt });
  }
  return { s, out };
}

describe('REPLs', () => {
  test('node: banner, > prompt, expressions, console.log, errors, .exit stops the container', async () => {
    const { s, out } = await typed(['docker pull -q node', 'docker run -it --name repl node', '1+1', 'console.log("hi")', 'let x = 5', 'x * 2', "'a' + 1", 'foo', '.exit']);
    expect(out[1]!.stdout).toMatch(/^Welcome to Node\.js v\d+\.\d+\.\d+\.\nType "\.help" for more information\.\n$/);
    expect(out[1]!.prompt).toBe('> ');
    expect(out.slice(2, 8).map((o) => o.stdout + o.stderr)).toEqual(['2\n', 'hi\nundefined\n', 'undefined\n', '10\n', "'a1'\n", 'Uncaught ReferenceError: foo is not defined\n']);
    expect(out[8]!.prompt).toBeUndefined();
    const ps = await s.run('docker ps -a --format "{{.Names}} {{.Status}}"');
    expect(ps.stdout).toMatch(/^repl Exited \(0\) /);
  });

  test('python: banner, >>> prompt, int/float division, print, NameError traceback, exit()', async () => {
    const { out } = await typed(['docker pull -q python:3.12', 'docker run -it python:3.12', '7/2', '4/2', '2**10', 'print("hello", 3)', 'x = 3', 'x*2', 'foo', 'exit', 'exit()']);
    expect(out[1]!.stdout).toMatch(/^Python 3\.12\.\d+ \(main, \w{3} [ \d]\d \d{4}, \d\d:\d\d:\d\d\) \[GCC [\d.]+\] on linux\nType "help", "copyright", "credits" or "license" for more information\.\n$/);
    expect(out[1]!.prompt).toBe('>>> ');
    expect(out.slice(2, 10).map((o) => o.stdout + o.stderr)).toEqual([
      '3.5\n', '2.0\n', '1024\n', 'hello 3\n', '', '6\n',
      'Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nNameError: name \'foo\' is not defined\n',
      'Use exit() or Ctrl-D (i.e. EOF) to exit\n',
    ]);
    expect(out[9]!.prompt).toBe('>>> ');
    expect(out[10]!.prompt).toBeUndefined();
  });

  test('redis-cli: exec -it gives 127.0.0.1:6379> with typed answers; in its own container it is not connected', async () => {
    const { out } = await typed(['docker run -d --name cache redis', 'docker exec -it cache redis-cli', 'ping', 'set a 1', 'get a', 'get nope', 'incr n', 'exit', 'docker exec cache redis-cli get a', 'docker run -it redis redis-cli', 'ping', 'quit']);
    expect(out[1]!.prompt).toBe('127.0.0.1:6379> ');
    expect(out.slice(2, 7).map((o) => o.stdout)).toEqual(['PONG\n', 'OK\n', '"1"\n', '(nil)\n', '(integer) 1\n']);
    expect(out[7]!.prompt).toBeUndefined();
    expect(out[8]!.stdout).toBe('1\n');
    expect(out[9]!.stdout).toContain('Could not connect to Redis at 127.0.0.1:6379: Connection refused\n');
    expect(out[9]!.prompt).toBe('not connected> ');
    expect(out[11]!.prompt).toBeUndefined();
  });

  test('without a terminal there is no REPL', async () => {
    const { out } = await typed(['docker run -i node', 'docker run node']);
    expect(out.map((o) => o.prompt)).toEqual([undefined, undefined]);
    expect(out[0]!.stdout).not.toContain('Welcome');
  });
});
