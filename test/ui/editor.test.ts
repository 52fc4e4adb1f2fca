import { describe, expect, it } from 'vitest';
import { acceptSearch, applyCompletion, commit, decode, searchLine, formatColumns, newDecodeState, newEditor, reduce, type EditorState, type Key } from '../../src/ui/editor.js';
import { expandTabs, hardWrapLine, layoutPrompt } from '../../src/ui/layout.js';

/** Types raw terminal input into an editor. */
function type(raw: string, st: EditorState = newEditor()): EditorState {
  const ds = newDecodeState();
  for (const k of decode(ds, raw)) st = reduce(st, k);
  return st;
}

describe('decode', () => {
  it('turns raw terminal bytes into keys', () => {
    const ds = newDecodeState();
    expect(decode(ds, 'ab\x1b[D\x7f\r')).toEqual([{ type: 'insert', text: 'ab' }, { type: 'left' }, { type: 'backspace' }, { type: 'enter' }]);
    expect(decode(ds, '\x01\x05\x15\x0b\x17\x03\x04\x0c\t')).toEqual(
      ['home', 'end', 'kill-line-before', 'kill-line-after', 'kill-word-before', 'ctrl-c', 'ctrl-d', 'ctrl-l', 'tab'].map((type) => ({ type })),
    );
    expect(decode(ds, '\x1b[A\x1b[B\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[3~\x1bOH\x1bb\x1bf')).toEqual(
      ['up', 'down', 'home', 'end', 'home', 'end', 'delete', 'home', 'word-left', 'word-right'].map((type) => ({ type })),
    );
  });

  it('splits a pasted block into lines and keeps an escape sequence cut between chunks', () => {
    const ds = newDecodeState();
    expect(decode(ds, 'echo a\recho b\r\n')).toEqual([
      { type: 'insert', text: 'echo a' }, { type: 'enter' }, { type: 'insert', text: 'echo b' }, { type: 'enter' },
    ]);
    expect(decode(ds, 'x\x1b[')).toEqual([{ type: 'insert', text: 'x' }]);
    expect(decode(ds, 'D')).toEqual([{ type: 'left' }]);
  });

  it('keeps tabs as text inside a bracketed paste', () => {
    const ds = newDecodeState();
    expect(decode(ds, '\x1b[200~a\tb\rc\x1b[201~\t')).toEqual([
      { type: 'insert', text: 'a\tb' }, { type: 'enter' }, { type: 'insert', text: 'c' }, { type: 'tab' },
    ]);
  });
});

describe('reduce', () => {
  it('inserts at the cursor and moves with arrows, Home/End, Ctrl-A/E', () => {
    expect(type('abc\x1b[D\x1b[DX').buffer).toBe('aXbc');
    const st = type('world\x01hello \x05!');
    expect(st.buffer).toBe('hello world!');
    expect(st.cursor).toBe(12);
  });

  it('deletes with Backspace, Delete, Ctrl-U, Ctrl-K, Ctrl-W and yanks back with Ctrl-Y', () => {
    expect(type('abc\x7f').buffer).toBe('ab');
    expect(type('abc\x01\x1b[3~').buffer).toBe('bc');
    expect(type('kubectl get pods\x1b[D\x1b[D\x15')).toMatchObject({ buffer: 'ds', cursor: 0 });
    expect(type('kubectl get pods\x01\x1bf\x0b').buffer).toBe('kubectl');
    expect(type('kubectl get pods -n x\x17').buffer).toBe('kubectl get pods -n ');
    expect(type('kubectl get pods\x17\x19').buffer).toBe('kubectl get pods');
  });

  it('moves by words with Alt-B / Alt-F', () => {
    const st = type('docker run nginx\x1bb\x1bb');
    expect(st.cursor).toBe(7);
    expect(reduce(st, { type: 'word-right' }).cursor).toBe(10);
  });

  it('browses history with up/down and keeps the line being typed', () => {
    let st = newEditor(['one', 'two']);
    st = type('dr', st);
    st = type('\x1b[A', st);
    expect(st.buffer).toBe('two');
    st = type('\x1b[A\x1b[A', st);
    expect(st.buffer).toBe('one');
    st = type('\x1b[B\x1b[B', st);
    expect(st.buffer).toBe('dr');
    st = commit(st, 'three');
    expect(st.history).toEqual(['one', 'two', 'three']);
    expect(type('\x1b[A', st).buffer).toBe('three');
    expect(commit(st, 'three').history).toHaveLength(3);
    expect(commit(st, '   ').history).toHaveLength(3);
  });

  it('ignores keys it does not own', () => {
    const st = type('abc');
    for (const t of ['enter', 'tab', 'ctrl-c', 'ctrl-l'] as const) expect(reduce(st, { type: t } as Key)).toBe(st);
  });
});

describe('reverse search (Ctrl-R)', () => {
  const hist = ['kubectl get pods', 'docker ps', 'kubectl get deploy', 'echo hi'];
  it('finds the newest match, older ones on Ctrl-R again, and shows it bash style', () => {
    let st = type('\x12kub', newEditor(hist));
    expect(searchLine(st)).toEqual({ text: "(reverse-i-search)`kub': kubectl get deploy", cursor: 25 });
    st = type('\x12', st);
    expect(searchLine(st).text).toBe("(reverse-i-search)`kub': kubectl get pods");
    st = type('\x12', st);
    expect(searchLine(st).text).toBe("(failed reverse-i-search)`kub': kubectl get pods");
    expect(acceptSearch(st).buffer).toBe('kubectl get pods');
  });

  it('ends the search on an editing key, keeping the match; Ctrl-G restores the line', () => {
    let st = type('ab\x12dock\x1b[F', newEditor(hist));
    expect(st.search).toBeNull();
    expect(st).toMatchObject({ buffer: 'docker ps', cursor: 9 });
    st = type('ab\x12dock\x07', newEditor(hist));
    expect(st).toMatchObject({ buffer: 'ab', cursor: 2, search: null });
  });
});

describe('applyCompletion', () => {
  const at = (buffer: string) => ({ ...newEditor(), buffer, cursor: buffer.length });
  it('completes a single candidate with a space, a common prefix, or lists', () => {
    expect(applyCompletion(at('kubectl get po'), 12, ['pods']).state.buffer).toBe('kubectl get pods ');
    expect(applyCompletion(at('kubectl apply -f k'), 17, ['k8s/']).state.buffer).toBe('kubectl apply -f k8s/');
    const two = applyCompletion(at('kubectl logs w'), 13, ['web-1', 'web-2']);
    expect(two.state.buffer).toBe('kubectl logs web-');
    expect(two.list).toBeNull();
    const again = applyCompletion(two.state, 13, ['web-1', 'web-2']);
    expect(again.list).toEqual(['web-1', 'web-2']);
    expect(again.state.buffer).toBe('kubectl logs web-');
    expect(applyCompletion(at('x'), 0, []).list).toBeNull();
  });

  it('lays out lists in columns like readline', () => {
    expect(formatColumns(['a', 'bb', 'ccc', 'd'], 12)).toBe('a    ccc\nbb   d\n');
    expect(formatColumns(['alpha', 'beta'], 80)).toBe('alpha  beta\n');
  });
});

describe('layout', () => {
  it('wraps output hard at the width, as a terminal does, and expands tabs', () => {
    expect(hardWrapLine('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(hardWrapLine('\x1b[31mabcd\x1b[39m', 2)).toEqual(['\x1b[31mab', 'cd\x1b[39m']);
    expect(expandTabs('a\tb\tc')).toBe('a       b       c');
  });

  it('places the cursor in the wrapped prompt', () => {
    expect(layoutPrompt('$ ', 'abc', 1, 80)).toEqual({ rows: ['$ abc'], cursor: { x: 3, y: 0 } });
    expect(layoutPrompt('$ ', 'abcdef', 6, 4)).toEqual({ rows: ['$ ab', 'cdef', ''], cursor: { x: 0, y: 2 } });
    expect(layoutPrompt('$ ', 'cat <<EOF\nhi', 12, 80)).toEqual({ rows: ['$ cat <<EOF', '> hi'], cursor: { x: 4, y: 1 } });
  });
});
