/**
 * Shell arithmetic: $(( ... )) and (( ... )). Integers only, bash precedence, variables by name
 * (unset or non-numeric = 0), assignments (= += -= *= /= %=), ++/--, ternary, comparisons, logic.
 */
export class ArithError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '++', '--', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<', '>>', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '|', '^', '?', ':', '(', ')', ','];

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    let m = /^(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z]+|\d+)/.exec(src.slice(i));
    if (m) {
      const s = m[0];
      let v: number;
      if (/^0[xX]/.test(s)) v = parseInt(s, 16);
      else if (s.includes('#')) {
        const [b, d] = s.split('#');
        v = parseInt(d!, Number(b));
      } else if (s.length > 1 && s[0] === '0') v = parseInt(s, 8);
      else v = parseInt(s, 10);
      if (Number.isNaN(v)) throw new ArithError(`${s}: value too great for base (error token is "${s}")`);
      toks.push({ t: 'num', v });
      i += s.length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (m) {
      toks.push({ t: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`syntax error: operand expected (error token is "${src.slice(i)}")`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  return toks;
}

const BIN: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};

export function evalArith(src: string, vars: Record<string, string>): number {
  const toks = tokenize(src);
  let i = 0;
  let divAt = 0;
  const rest = (k: number) => toks.slice(k).map((t) => String(t.v)).join('');
  const peek = () => toks[i];
  const isOp = (v: string) => {
    const t = toks[i];
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  const get = (name: string): number => {
    const raw = vars[name];
    if (raw === undefined || raw.trim() === '') return 0;
    const n = Number(raw.trim());
    if (Number.isInteger(n)) return n;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.trim())) return get(raw.trim());
    return 0;
  };
  const set = (name: string, v: number) => {
    vars[name] = String(v);
    return v;
  };
  const div = (a: number, b: number, op: string) => {
    if (b === 0) throw new ArithError(`${src.trim()}: division by 0 (error token is "${rest(divAt)}")`);
    return op === '/' ? Math.trunc(a / b) : a % b;
  };
  const apply = (op: string, a: number, b: number): number => {
    switch (op) {
      case '||': return a || b ? 1 : 0;
      case '&&': return a && b ? 1 : 0;
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '<': return a < b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '<<': return a << b;
      case '>>': return a >> b;
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
      case '%': return div(a, b, op);
      case '**': return a ** b;
    }
    throw new ArithError(`syntax error in expression (error token is "${op}")`);
  };

  function primary(): number {
    const t = peek();
    if (!t) throw new ArithError('syntax error: operand expected (error token is "")');
    if (t.t === 'num') {
      i++;
      return t.v;
    }
    if (t.t === 'id') {
      i++;
      if (isOp('++') || isOp('--')) {
        const d = toks[i++]!.v === '++' ? 1 : -1;
        const old = get(t.v);
        set(t.v, old + d);
        return old;
      }
      const a = peek();
      if (a && a.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '|=', '^='].includes(a.v)) {
        i++;
        const rhs = assign();
        if (a.v === '=') return set(t.v, rhs);
        return set(t.v, apply(a.v.slice(0, -1), get(t.v), rhs));
      }
      return get(t.v);
    }
    if (t.v === '(') {
      i++;
      const v = comma();
      if (!isOp(')')) throw new ArithError('missing `)\'');
      i++;
      return v;
    }
    if (t.v === '++' || t.v === '--') {
      i++;
      const id = peek();
      if (!id || id.t !== 'id') throw new ArithError('syntax error: operand expected');
      i++;
      return set(id.v, get(id.v) + (t.v === '++' ? 1 : -1));
    }
    if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
      i++;
      const v = unary();
      return t.v === '-' ? -v : t.v === '+' ? v : t.v === '!' ? (v ? 0 : 1) : ~v;
    }
    throw new ArithError(`syntax error: operand expected (error token is "${t.v}")`);
  }
  function unary(): number {
    return primary();
  }
  function binary(minPrec: number): number {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.t !== 'op') break;
      const p = BIN[t.v];
      if (p === undefined || p < minPrec) break;
      i++;
      const at = i;
      const right = t.v === '**' ? binary(p) : binary(p + 1);
      divAt = at;
      left = apply(t.v, left, right);
    }
    return left;
  }
  function ternary(): number {
    const c = binary(1);
    if (!isOp('?')) return c;
    i++;
    const a = assign();
    if (!isOp(':')) throw new ArithError("syntax error: `:' expected for conditional expression");
    i++;
    const b = assign();
    return c ? a : b;
  }
  function assign(): number {
    return ternary();
  }
  function comma(): number {
    let v = assign();
    while (isOp(',')) {
      i++;
      v = assign();
    }
    return v;
  }
  if (toks.length === 0) return 0;
  const v = comma();
  if (i < toks.length) {
    const t = toks[i]!;
    throw new ArithError(`syntax error in expression (error token is "${t.t === 'num' ? t.v : t.v}")`);
  }
  return Math.trunc(v);
}
