/**
 * kubectl explain (OpenAPI v3 plaintext template) from the field docs in kubernetes-models' type declarations,
 * extracted by scripts/record-kubectl-fixtures.sh into fixtures/kubectl/explain.json (loaded lazily).
 */
import { CmdError, mustResolve, type K } from './context.js';

interface Data {
  kinds: Record<string, { gv: string; def: string }>;
  defs: Record<string, { d: string; f: [string, string, number, string, string | null][] }>;
}

const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/** Greedy word wrap to `width` columns, each line prefixed by `indent` spaces. */
function wrap(text: string, indent: number, width = 80): string {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (!para.trim()) {
      out.push(pad);
      continue;
    }
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line && pad.length + line.length + 1 + word.length > width) {
        out.push(pad + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(pad + line);
  }
  return out.join('\n') + '\n';
}

export async function explain(k: K): Promise<number> {
  const data = (await import('../../fixtures/kubectl/explain.json')).default as unknown as Data;
  const [path] = k.args;
  const parts = path!.split('.');
  const r = mustResolve(k.world, parts[0]!);
  const kind = data.kinds[r.kind];
  if (!kind) throw new CmdError(`couldn't find resource for "${r.group ? r.group + '/' : ''}${r.version}, Kind=${r.kind}"`);
  let def = data.defs[kind.def]!;
  let fieldLine = '';
  let desc = def.d;
  for (const name of parts.slice(1)) {
    const f = def.f.find((x) => x[0] === name);
    if (!f) throw new CmdError(`field "${name}" does not exist`);
    fieldLine = `FIELD: ${name} <${f[1]}>\n\n`;
    const child = f[4] ? data.defs[f[4]] : undefined;
    desc = [f[3], child?.d].filter(Boolean).join('\n');
    if (!child) {
      def = { d: '', f: [] };
      break;
    }
    def = child;
  }
  const top = parts.length === 1;
  let out = `KIND:       ${r.kind}\nVERSION:    ${kind.gv}\n\n`;
  if (fieldLine) out += fieldLine + '\n';
  out += 'DESCRIPTION:\n' + wrap(desc || '<empty>', 4) + '    \n';
  if (def.f.length) {
    out += 'FIELDS:\n';
    for (const [name, type, req, doc] of def.f) {
      const isMeta = top && (name === 'apiVersion' || name === 'kind');
      out += `  ${name}\t<${type}>${req && !isMeta ? ' -required-' : ''}\n`;
      const d = isMeta ? (name === 'apiVersion' ? API_VERSION_DOC : KIND_DOC) : doc;
      if (d) out += wrap(d, 4);
      out += '\n';
    }
    out += '\n';
  }
  k.io.out(out);
  return 0;
}
