/**
 * What a learner's own app says, read from its source in the image: the start-up line of a node script
 * (`console.log(...)` with a literal or a simple template using the port) and its HTTP answer (`res.end('...')`,
 * `res.send('...')`), a Flask app's port, host, debug flag, name and the page its `/` route returns.
 * Small textual readers, no evaluation: anything they do not understand gives `undefined` and the caller keeps its
 * generic behaviour.
 */
import type { HostFs } from '../../core/types.js';

/** Reads `script` (as given on the command line) relative to the working directory. */
export function readScript(fs: HostFs | undefined, script: string | undefined, workdir: string | undefined): { path: string; src: string } | undefined {
  if (!fs || !script) return undefined;
  const dir = workdir || fs.cwd || '/';
  const path = script.startsWith('/') ? script : `${dir === '/' ? '' : dir.replace(/\/$/, '')}/${script.replace(/^\.\//, '')}`;
  const src = fs.readFile(path);
  return src === null ? undefined : { path, src };
}

/** JavaScript string, template or '+' concatenation of those and simple names, evaluated with `vars`. */
function jsValue(expr: string, vars: Record<string, string>): string | undefined {
  const parts: string[] = [];
  let s = expr.trim();
  while (s.length) {
    let m: RegExpExecArray | null;
    if ((m = /^'((?:[^'\\\n]|\\.)*)'/.exec(s)) || (m = /^"((?:[^"\\\n]|\\.)*)"/.exec(s))) {
      parts.push(unescapeJs(m[1]!));
    } else if ((m = /^`((?:[^`\\]|\\.)*)`/.exec(s))) {
      let bad = false;
      const out = m[1]!.replace(/\$\{\s*([A-Za-z_$][\w$.]*)\s*\}/g, (_all, name: string) => {
        const v = vars[name];
        if (v === undefined) bad = true;
        return v ?? '';
      });
      if (bad || /\$\{/.test(out)) return undefined;
      parts.push(unescapeJs(out));
    } else if ((m = /^([A-Za-z_$][\w$.]*)/.exec(s))) {
      const v = vars[m[1]!];
      if (v === undefined) return undefined;
      parts.push(v);
    } else if ((m = /^(\d+)/.exec(s))) {
      parts.push(m[1]!);
    } else return undefined;
    s = s.slice(m[0].length).trim();
    if (!s.length) break;
    if (s[0] !== '+') return undefined;
    s = s.slice(1).trim();
  }
  return parts.length ? parts.join('') : undefined;
}

function unescapeJs(s: string): string {
  return s.replace(/\\(n|t|'|"|`|\\)/g, (_a, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** The argument text of the first call `name(` at `from`, up to its matching parenthesis. */
function callArgs(src: string, at: number): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = at; i < src.length; i++) {
    const ch = src[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return src.slice(at, i);
      depth--;
    } else if (ch === ',' && depth === 0) return src.slice(at, i);
  }
  return undefined;
}

/** Top-level `const|let|var NAME = literal` of a script. */
function jsConstants(src: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of src.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\d+)/g)) {
    vars[m[1]!] = m[2]!.startsWith("'") || m[2]!.startsWith('"') ? unescapeJs(m[2]!.slice(1, -1)) : m[2]!;
  }
  return vars;
}

/** The lines a node script prints at start-up (console.log calls with values we can read), or undefined. */
export function nodeStartLines(src: string, port: number): string[] | undefined {
  const calls = [...src.matchAll(/console\.(?:log|info)\(/g)];
  if (!calls.length) return [];
  const vars: Record<string, string> = { ...jsConstants(src) };
  for (const k of ['port', 'PORT', 'process.env.PORT', 'app.port', 'server.port']) vars[k] = String(port);
  for (const k of Object.keys(vars)) if (/^port$/i.test(k)) vars[k] = String(port);
  // the first call is what a server prints when it listens; later ones are usually per request
  const call = calls[0]!;
  const arg = callArgs(src, call.index! + call[0].length);
  if (arg === undefined) return undefined;
  const v = jsValue(arg, vars);
  return v === undefined ? undefined : v.split('\n');
}

/** The body a node server answers with, and whether it is Express (res.send) or the http module (res.end). */
export function nodeHttpAnswer(src: string): { body: string; express: boolean; contentType?: string } | undefined {
  const m = /\bres\.(end|send)\(/.exec(src);
  if (!m) return undefined;
  const arg = callArgs(src, m.index + m[0].length);
  if (arg === undefined) return undefined;
  const body = jsValue(arg, jsConstants(src));
  if (body === undefined) return undefined;
  const ct = /setHeader\(\s*['"]Content-Type['"]\s*,\s*['"]([^'"]+)['"]/i.exec(src) ?? /writeHead\(\s*\d+\s*,\s*\{\s*['"]?Content-Type['"]?\s*:\s*['"]([^'"]+)['"]/i.exec(src);
  return { body, express: m[1] === 'send' || /require\(\s*['"]express['"]\s*\)|from\s+['"]express['"]/.test(src), ...(ct ? { contentType: ct[1]! } : {}) };
}

export interface FlaskSource {
  /** the app's name as Flask prints it (the script's file name without .py) */
  name: string;
  host: string;
  port?: number;
  debug: boolean;
  /** the page `/` returns, when the route returns a literal or renders a template we can fill */
  index?: string;
}

/** Reads a Flask script: `app.run(host=..., port=..., debug=...)` and its `/` route. */
export function flaskSource(fs: HostFs | undefined, path: string, src: string, env: Record<string, string>, pick: (n: number) => number): FlaskSource {
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const run = /\bapp\.run\(([\s\S]*?)\)\s*$/m.exec(src)?.[1] ?? '';
  const hostM = /host\s*=\s*['"]([^'"]+)['"]/.exec(run);
  const portM = /port\s*=\s*(?:int\(\s*)?(?:os\.environ\.get\(\s*['"](\w+)['"]\s*,\s*['"]?(\d+)['"]?\s*\)|os\.getenv\(\s*['"](\w+)['"]\s*,\s*['"]?(\d+)['"]?\s*\)|(\d+))/.exec(run);
  let port: number | undefined;
  if (portM) {
    const envName = portM[1] ?? portM[3];
    const dflt = portM[2] ?? portM[4] ?? portM[5];
    port = envName && env[envName] && /^\d+$/.test(env[envName]!) ? Number(env[envName]) : Number(dflt);
  }
  const debug = /debug\s*=\s*True/.test(run);
  const out: FlaskSource = { name, host: hostM?.[1] ?? '127.0.0.1', debug, ...(port ? { port } : {}) };
  // the function under @app.route("/")
  const route = /@app\.route\(\s*['"]\/['"][^)]*\)\s*\n\s*def\s+\w+\([^)]*\):\s*\n((?:[ \t]+.*\n?|\s*\n)*)/.exec(src);
  if (route) {
    const body = route[1]!;
    const lit = /return\s+(['"])((?:(?!\1)[^\\\n]|\\.)*)\1\s*$/m.exec(body);
    const tpl = /return\s+render_template\(\s*['"]([^'"]+)['"]\s*((?:,\s*\w+\s*=\s*[^,)]+)*)\)/.exec(body);
    if (lit) out.index = unescapeJs(lit[2]!);
    else if (tpl && fs) {
      const dir = path.slice(0, path.lastIndexOf('/'));
      const html = fs.readFile(`${dir}/templates/${tpl[1]}`);
      if (html !== null) {
        const vars: Record<string, string> = {};
        for (const a of tpl[2]!.matchAll(/(\w+)\s*=\s*([^,)]+)/g)) {
          const v = pyValue(a[2]!.trim(), body, src, pick);
          if (v !== undefined) vars[a[1]!] = v;
        }
        out.index = html.replace(/\{\{\s*(\w+)\s*\}\}/g, (_a, n: string) => vars[n] ?? '');
      }
    }
  }
  return out;
}

/** A Python value: a literal, a local `x = literal`, or `random.choice(LIST)` of a module-level list of literals. */
function pyValue(expr: string, body: string, src: string, pick: (n: number) => number): string | undefined {
  const lit = /^(['"])(.*)\1$/.exec(expr);
  if (lit) return lit[2]!;
  if (/^\w+$/.test(expr)) {
    const local = new RegExp(`^\\s*${expr}\\s*=\\s*(.+)$`, 'm').exec(body) ?? new RegExp(`^${expr}\\s*=\\s*(.+)$`, 'm').exec(src);
    if (local && local[1]!.trim() !== expr) return pyValue(local[1]!.trim(), body, src, pick);
    return undefined;
  }
  const choice = /^random\.choice\(\s*(\w+)\s*\)$/.exec(expr);
  if (choice) {
    const list = new RegExp(`^${choice[1]}\\s*=\\s*\\[([\\s\\S]*?)\\]`, 'm').exec(src);
    if (!list) return undefined;
    const items = [...list[1]!.matchAll(/(['"])(.*?)\1/g)].map((m) => m[2]!);
    return items.length ? items[pick(items.length)] : undefined;
  }
  return undefined;
}
