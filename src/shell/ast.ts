/**
 * The shell language's syntax tree. Produced by parser.ts, run by interpreter.ts.
 * A script is a list of and-or lists; each and-or list is pipelines joined by && / ||.
 */

/** One piece of a word. `q` = the piece was quoted (no field splitting, no brace expansion, no glob). */
export type Part =
  | { k: 'lit'; v: string; q: boolean }
  /** $NAME, ${NAME}, ${NAME:-word} ... `op` is the ${} operator, `arg` its word (and `arg2` for ${v/a/b} and ${v:o:l}). */
  | { k: 'var'; name: string; q: boolean; op?: string; arg?: Word; arg2?: Word; index?: Word }
  /** $(...) or `...` */
  | { k: 'cmd'; body: Script; q: boolean }
  /** <(...) process substitution: the output becomes a /dev/fd/N path that source and < can read. */
  | { k: 'proc'; body: Script; q: boolean }
  /** $(( ... )): the expression text, expanded ($VAR, $(...)) before it is evaluated. */
  | { k: 'arith'; expr: Word; q: boolean };

export interface Word {
  parts: Part[];
  /** The word as typed (for keywords, aliases and messages). */
  raw: string;
}

export type RedirOp = '>' | '>>' | '>|' | '<' | '<<' | '<<<' | '>&' | '<&' | '&>' | '&>>' | '<>';

export interface Redir {
  /** The file descriptor redirected: 0, 1, 2 (-1 for &> which is both 1 and 2). */
  fd: number;
  op: RedirOp;
  /** The file / fd word (the delimiter for heredocs). */
  target: Word;
  /** Heredoc body (already tab-stripped for <<-); a quoted delimiter gives one quoted literal part. */
  body?: Word;
}

export interface Assign {
  name: string;
  append: boolean;
  value: Word;
  /** arr[i]=v: the subscript */
  index?: Word;
  /** arr=(a b c): the element words */
  array?: Word[];
}

export type Cmd =
  | { k: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redir[] }
  | { k: 'for'; name: string; items: Word[] | null; body: Script; redirs: Redir[] }
  | { k: 'while'; until: boolean; cond: Script; body: Script; redirs: Redir[] }
  | { k: 'if'; clauses: { cond: Script; body: Script }[]; otherwise: Script | null; redirs: Redir[] }
  | { k: 'group'; subshell: boolean; body: Script; redirs: Redir[] }
  /** (( expr )) */
  | { k: 'arith'; expr: Word; redirs: Redir[] }
  /** name() { ...; }: defines a function. */
  | { k: 'func'; name: string; body: Cmd }
  /** case WORD in pat|pat) ... ;; esac */
  | { k: 'case'; word: Word; items: { patterns: Word[]; body: Script }[]; redirs: Redir[] }
  /** [[ ... ]]: the words between the brackets. */
  | { k: 'cond'; words: Word[]; redirs: Redir[] };

export interface Pipeline {
  bang: boolean;
  cmds: Cmd[];
  /** `|&` after command i: its stderr goes down the pipe too. */
  errPipe?: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
}

export type Script = AndOr[];
