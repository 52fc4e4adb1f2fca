/** A small subset of Go text/template for `-o go-template=...`: fields, range/end, if/else/end, index, literals. */
type O = Record<string, any>;

interface Tok { text?: string; action?: string }

function lex(tpl: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < tpl.length) {
    const j = tpl.indexOf('{{', i);
    if (j < 0) {
      out.push({ text: tpl.slice(i) });
      break;
    }
    if (j > i) out.push({ text: tpl.slice(i, j) });
    const e = tpl.indexOf('}}', j);
    if (e < 0) throw new Error(`template: output:1: unclosed action`);
    let a = tpl.slice(j + 2, e);
    if (a.startsWith('-')) {
      a = a.slice(1);
      const last = out[out.length - 1];
      if (last?.text !== undefined) last.text = last.text.replace(/\s+$/, '');
    }
    let trimRight = false;
    if (a.endsWith('-')) {
      a = a.slice(0, -1);
      trimRight = true;
    }
    out.push({ action: a.trim() });
    i = e + 2;
    if (trimRight) while (i < tpl.length && /\s/.test(tpl[i]!)) i++;
  }
  return out;
}

function words(a: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|\|[^|]*$|[^\s()]+/g;
  for (let m; (m = re.exec(a)); ) out.push(m[0]);
  return out;
}

function field(data: unknown, path: string): unknown {
  if (path === '.') return data;
  let cur: any = data;
  for (const p of path.split('.').filter(Boolean)) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = cur[p];
  }
  return cur;
}

function evalExpr(a: string, dot: unknown, vars: O): unknown {
  const parts = a.split('|').map((s) => s.trim());
  let val = evalCall(words(parts[0]!), dot, vars);
  for (const p of parts.slice(1)) {
    const w = words(p);
    if (w[0] === 'base64decode') val = Buffer.from(String(val), 'base64').toString('utf8');
    else if (w[0] === 'base64encode') val = Buffer.from(String(val), 'utf8').toString('base64');
    else if (w[0] === 'printf') val = printf(evalArg(w[1]!, dot, vars) as string, [val]);
  }
  return val;
}

function evalArg(w: string, dot: unknown, vars: O): unknown {
  if (w.startsWith('"')) return JSON.parse(w);
  if (w.startsWith('`')) return w.slice(1, -1);
  if (/^-?\d+$/.test(w)) return Number(w);
  if (w.startsWith('$')) {
    const dotI = w.indexOf('.');
    const v = vars[dotI < 0 ? w : w.slice(0, dotI)];
    return dotI < 0 ? v : field(v, w.slice(dotI));
  }
  if (w.startsWith('.')) return field(dot, w);
  return undefined;
}

function printf(fmt: string, args: unknown[]): string {
  let i = 0;
  return fmt.replace(/%[sdvq%]/g, (m) => (m === '%%' ? '%' : m === '%q' ? JSON.stringify(String(args[i++])) : String(args[i++] ?? '')));
}

function evalCall(w: string[], dot: unknown, vars: O): unknown {
  const f = w[0]!;
  if (f === 'index') {
    let v = evalArg(w[1]!, dot, vars) as any;
    for (const k of w.slice(2)) v = v?.[evalArg(k, dot, vars) as any];
    return v;
  }
  if (f === 'len') {
    const v = evalArg(w[1]!, dot, vars) as any;
    return Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : String(v ?? '').length;
  }
  if (f === 'printf') return printf(evalArg(w[1]!, dot, vars) as string, w.slice(2).map((x) => evalArg(x, dot, vars)));
  if (f === 'eq') return evalArg(w[1]!, dot, vars) === evalArg(w[2]!, dot, vars);
  if (f === 'ne') return evalArg(w[1]!, dot, vars) !== evalArg(w[2]!, dot, vars);
  if (f === 'not') return !truthy(evalArg(w[1]!, dot, vars));
  if (f === 'base64decode') return Buffer.from(String(evalArg(w[1]!, dot, vars)), 'base64').toString('utf8');
  return evalArg(f, dot, vars);
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === 'object') return Object.keys(v).length > 0;
  return !!v;
}

function show(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  if (Array.isArray(v)) return `[${v.map(show).join(' ')}]`;
  if (typeof v === 'object') return `map[${Object.keys(v as O).sort().map((k) => `${k}:${show((v as O)[k])}`).join(' ')}]`;
  return String(v);
}

function exec(toks: Tok[], i: number, dot: unknown, vars: O, out: string[], stopAt: string[]): { i: number; stop?: string } {
  while (i < toks.length) {
    const t = toks[i]!;
    if (t.text !== undefined) {
      out.push(t.text);
      i++;
      continue;
    }
    const a = t.action!;
    if (a.startsWith('/*')) { i++; continue; }
    const head = a.split(/\s+/)[0]!;
    if (stopAt.includes(head)) return { i, stop: head };
    if (head === 'range') {
      let expr = a.slice(5).trim();
      let vName: string | undefined;
      let iName: string | undefined;
      const m = /^(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*(.*)$/.exec(expr);
      if (m) {
        if (m[2]) { iName = m[1]; vName = m[2]; } else vName = m[1];
        expr = m[3]!;
      }
      const coll = evalExpr(expr, dot, vars);
      const items: [unknown, unknown][] = Array.isArray(coll) ? coll.map((v, n) => [n, v]) : coll && typeof coll === 'object' ? Object.keys(coll).sort().map((k) => [k, (coll as O)[k]]) : [];
      let end = i + 1;
      if (items.length === 0) {
        const r = exec(toks, i + 1, dot, vars, [], ['end', 'else']);
        end = r.i;
        if (r.stop === 'else') end = exec(toks, r.i + 1, dot, vars, out, ['end']).i;
        i = end + 1;
        continue;
      }
      for (const [key, v] of items) {
        const nv = { ...vars };
        if (vName) nv[vName] = v;
        if (iName) nv[iName] = key;
        const r = exec(toks, i + 1, v, nv, out, ['end', 'else']);
        end = r.i;
        if (r.stop === 'else') end = exec(toks, r.i + 1, dot, vars, [], ['end']).i;
      }
      i = end + 1;
      continue;
    }
    if (head === 'if' || head === 'with') {
      const v = evalExpr(a.slice(head.length).trim(), dot, vars);
      const cond = truthy(v);
      const r = exec(toks, i + 1, head === 'with' ? v : dot, vars, cond ? out : [], ['end', 'else']);
      let end = r.i;
      if (r.stop === 'else') end = exec(toks, r.i + 1, dot, vars, cond ? [] : out, ['end']).i;
      i = end + 1;
      continue;
    }
    const v = evalExpr(a, dot, vars);
    out.push(show(v));
    i++;
  }
  return { i };
}

export function goTemplate(tpl: string, data: unknown): string {
  const out: string[] = [];
  exec(lex(tpl), 0, data, { $: data }, out, []);
  return out.join('');
}
