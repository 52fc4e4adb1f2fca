import { describe, expect, test } from 'vitest';
import { Incomplete, needsMoreInput, parse, ShellSyntaxError } from '../../src/shell/parser.js';
import type { Cmd } from '../../src/shell/ast.js';

const simple = (text: string, opts = {}) => {
  const s = parse(text, opts);
  const c = s[0]!.first.cmds[0]! as Extract<Cmd, { k: 'simple' }>;
  expect(c.k).toBe('simple');
  return c;
};

describe('tokenizer / parser', () => {
  test('words keep quoting per part', () => {
    const c = simple(`kubectl get po -o jsonpath='{.items[*].metadata.name}' "a $B" c\\ d`);
    expect(c.words.map((w) => w.raw)).toEqual(['kubectl', 'get', 'po', '-o', "jsonpath='{.items[*].metadata.name}'", '"a $B"', 'c\\ d']);
    expect(c.words[4]!.parts).toEqual([
      { k: 'lit', v: 'jsonpath=', q: false },
      { k: 'lit', v: '{.items[*].metadata.name}', q: true },
    ]);
    expect(c.words[5]!.parts).toEqual([
      { k: 'lit', v: 'a ', q: true },
      { k: 'var', name: 'B', q: true },
    ]);
    expect(c.words[6]!.parts).toEqual([
      { k: 'lit', v: 'c', q: false },
      { k: 'lit', v: ' ', q: true },
      { k: 'lit', v: 'd', q: false },
    ]);
  });

  test('assignments, prefixes and redirections', () => {
    const c = simple('A=b C=$(date) cmd x > out 2>&1 < in >> log &> both 2> err');
    expect(c.assigns.map((a) => a.name)).toEqual(['A', 'C']);
    expect(c.assigns[1]!.value.parts[0]!.k).toBe('cmd');
    expect(c.words.map((w) => w.raw)).toEqual(['cmd', 'x']);
    expect(c.redirs.map((r) => [r.fd, r.op, r.target.raw])).toEqual([
      [1, '>', 'out'],
      [2, '>&', '1'],
      [0, '<', 'in'],
      [1, '>>', 'log'],
      [-1, '&>', 'both'],
      [2, '>', 'err'],
    ]);
  });

  test('comments only at word starts', () => {
    const c = simple("echo a#b 'c # d' # trailing 'comment");
    expect(c.words.map((w) => w.raw)).toEqual(['echo', 'a#b', "'c # d'"]);
  });

  test('lists, pipelines, and-or, background &', () => {
    const s = parse('a | b | c && d || e; f & g\nh');
    expect(s.length).toBe(4);
    expect(s[0]!.first.cmds.length).toBe(3);
    expect(s[0]!.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  test('heredocs: expanding, quoted, tab-stripped, two on one line', () => {
    const s = parse("cat <<EOF; cat <<'X'\nhi $A\nEOF\nraw $A\nX\ncat <<-E\n\t\tin\n\tE\n");
    const r1 = (s[0]!.first.cmds[0] as Extract<Cmd, { k: 'simple' }>).redirs[0]!;
    const r2 = (s[1]!.first.cmds[0] as Extract<Cmd, { k: 'simple' }>).redirs[0]!;
    const r3 = (s[2]!.first.cmds[0] as Extract<Cmd, { k: 'simple' }>).redirs[0]!;
    expect(r1.body!.parts).toEqual([
      { k: 'lit', v: 'hi ', q: true },
      { k: 'var', name: 'A', q: true },
      { k: 'lit', v: '\n', q: true },
    ]);
    expect(r2.body!.parts).toEqual([{ k: 'lit', v: 'raw $A\n', q: true }]);
    expect(r3.body!.parts).toEqual([{ k: 'lit', v: 'in\n', q: true }]);
  });

  test('command substitution nests, also inside double quotes and backticks', () => {
    const c = simple('echo "$(echo "$(echo deep)")" `echo \\`x\\``');
    const p = c.words[1]!.parts[0]!;
    expect(p.k).toBe('cmd');
    expect(c.words[2]!.parts[0]!.k).toBe('cmd');
  });

  test('compound commands', () => {
    const s = parse('for i in 1 2; do echo $i; done; while false; do :; done; if a; then b; elif c; then d; else e; fi; { x; }; (y)');
    expect(s.map((a) => a.first.cmds[0]!.k)).toEqual(['for', 'while', 'if', 'group', 'group']);
    const iff = s[2]!.first.cmds[0] as Extract<Cmd, { k: 'if' }>;
    expect(iff.clauses.length).toBe(2);
    expect(iff.otherwise).not.toBeNull();
  });

  test('multi-line scripts use newlines as separators', () => {
    const s = parse('for i in a b\ndo\n  echo $i\ndone\necho end\n');
    expect(s.length).toBe(2);
  });

  test('aliases are spliced in command position only, without recursion', () => {
    const aliases = { k: 'kubectl', ls: 'ls -l', dl: 'docker ps -l -q' };
    expect(simple('k get po', { aliases }).words.map((w) => w.raw)).toEqual(['kubectl', 'get', 'po']);
    expect(simple('ls x', { aliases }).words.map((w) => w.raw)).toEqual(['ls', '-l', 'x']);
    expect(simple('echo k', { aliases }).words.map((w) => w.raw)).toEqual(['echo', 'k']);
    const sub = simple('docker commit $(dl) img', { aliases }).words[2]!.parts[0]! as { k: 'cmd'; body: ReturnType<typeof parse> };
    const inner = sub.body[0]!.first.cmds[0] as Extract<Cmd, { k: 'simple' }>;
    expect(inner.words.map((w) => w.raw)).toEqual(['docker', 'ps', '-l', '-q']);
  });

  test('syntax errors name the token', () => {
    expect(() => parse('fi')).toThrow("syntax error near unexpected token `fi'");
    try {
      parse('if true; fi');
    } catch (e) {
      expect(e).toBeInstanceOf(ShellSyntaxError);
      expect(e).toMatchObject({ tok: 'fi', expecting: 'then' });
    }
    expect(() => parse('echo a ;; b')).toThrow(ShellSyntaxError);
    expect(() => parse('| a')).toThrow("syntax error near unexpected token `|'");
    expect(() => parse('echo >')).toThrow("syntax error near unexpected token `newline'");
  });

  test('$( ) nesting is bounded', () => {
    const deep = '$('.repeat(60) + 'echo' + ')'.repeat(60);
    expect(() => parse('echo ' + deep)).toThrow(/nested too deeply/);
    expect(() => parse('echo ' + '$('.repeat(40) + 'echo' + ')'.repeat(40))).not.toThrow();
  });
});

describe('needsMoreInput', () => {
  const more = [
    'kubectl apply -f - <<EOF',
    'kubectl apply -f - <<EOF\napiVersion: v1',
    'cat <<-END\n\tx\n',
    "echo 'open",
    'echo "open',
    'echo `open',
    'echo $(open',
    'kubectl get pods \\',
    'kubectl get pods |',
    'true &&',
    'false ||',
    'for i in 1 2 3; do',
    'for i in 1 2 3; do echo $i',
    'while true',
    'if [ -f x ]; then',
    'if [ -f x ]; then echo; else',
    '{ echo',
    '(echo',
    'echo ${X',
    'f() {',
    'case $x in',
    'case $x in a) echo a;;',
  ];
  const complete = [
    'kubectl get pods',
    'kubectl apply -f - <<EOF\nkind: Pod\nEOF',
    'kubectl apply -f - <<EOF\nkind: Pod\nEOF\n',
    "echo 'it''s'",
    'for i in 1 2; do echo $i; done',
    'if true; then echo; fi',
    'echo a # it\'s a comment',
    'fi',
    'echo hi &',
    'f() { echo; }',
    'case $x in a) echo a;; esac',
    '',
  ];
  for (const t of more) test(`more: ${JSON.stringify(t)}`, () => expect(needsMoreInput(t)).toBe(true));
  for (const t of complete) test(`complete: ${JSON.stringify(t)}`, () => expect(needsMoreInput(t)).toBe(false));
  test('Incomplete is what drives it', () => {
    expect(() => parse('echo "x')).toThrow(Incomplete);
  });
});
