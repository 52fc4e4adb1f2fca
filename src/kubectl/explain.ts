/**
 * kubectl explain (OpenAPI v3 plaintext template) from the field docs in kubernetes-models' type declarations,
 * extracted by scripts/record-kubectl-fixtures.sh into fixtures/kubectl/explain.json (loaded lazily).
 */
import { CmdError, type K } from './context.js';
import { resolveResource } from '../world/k8s/api.js';

interface Data {
  kinds: Record<string, { gv: string; def: string }>;
  defs: Record<string, { d: string; f: [string, string, number, string, string | null][] }>;
}

const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

/**
 * kubectl's template `wrap`: term.NewWordWrapWriter, i.e. github.com/mitchellh/go-wordwrap WrapString (keeps
 * runs of spaces and leading spaces, never breaks a word longer than the limit), then `indent`.
 */
export function wordWrap(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  for (const ch of s) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length > lim) current = 0;
        else buf += space;
      } else buf += space + word;
      space = '';
      word = '';
      buf += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + word.length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      if (current + space.length + word.length > lim && word.length < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else buf += space + word;
  return buf;
}

function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.split('\n').join('\n' + pad);
}

/** The template's `wrap W | indent N` of a text that ends with a newline (as the description template's does). */
function wrap(text: string, n: number, width = 80): string {
  return indent(n, wordWrap(text, width - n));
}

/**
 * The schema's enum, as the OpenAPI document has it: the same +enum values the description lists under
 * "Possible enum values:" (kubernetes-models keeps them there and in the union type).
 */
function enumOf(doc: string | undefined): string[] {
  const at = doc?.indexOf('Possible enum values:') ?? -1;
  if (at < 0) return [];
  const out: string[] = [];
  for (const line of doc!.slice(at).split('\n').slice(1)) {
    const m = /^\s*- `"(.*?)"`/.exec(line);
    if (!m) break;
    out.push(m[1] === '' ? '""' : m[1]!);
  }
  return out;
}

function header(kind: string, gv: string): string {
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  return `${group ? `GROUP:      ${group}\n` : ''}KIND:       ${kind}\nVERSION:    ${version}\n\n`;
}

export async function explain(k: K): Promise<number> {
  const data = (await import('../../fixtures/kubectl/explain.json')).default as unknown as Data;
  const [path] = k.args;
  const parts = path!.split('.');
  const r = resolveResource(k.world, parts[0]!);
  if (!r) {
    // explain reports the mapping error without kubectl's "error: " prefix (recorded)
    k.io.err(`the server doesn't have a resource type "${parts[0]}"\n`);
    return 1;
  }
  const kind = data.kinds[r.kind];
  if (!kind) throw new CmdError(`couldn't find resource for "${r.group ? r.group + '/' : ''}${r.version}, Kind=${r.kind}"`);
  let def = data.defs[kind.def]!;
  let fieldLine = '';
  let desc = def.d;
  for (const name of parts.slice(1)) {
    const f = def.f.find((x) => x[0] === name);
    if (!f) {
      // the template has printed the GROUP/KIND/VERSION header before it fails
      k.io.out(header(r.kind, kind.gv));
      throw new CmdError(`field "${name}" does not exist`);
    }
    // plaintext.tmpl: FIELD line, extractEnum (long view: ENUM: and one value a line), "\n", "\n"
    const en = enumOf(f[3]);
    fieldLine = `FIELD: ${name} <${f[1]}>\n${en.length ? 'ENUM:' + en.map((v) => '\n    ' + v).join('') : ''}\n`;
    const child = f[4] ? data.defs[f[4]] : undefined;
    desc = [f[3], child?.d].filter(Boolean).join('\n');
    if (!child) {
      def = { d: '', f: [] };
      break;
    }
    def = child;
  }
  const top = parts.length === 1;
  let out = header(r.kind, kind.gv);
  if (fieldLine) out += fieldLine + '\n';
  out += 'DESCRIPTION:\n' + wrap((desc || '<empty>') + '\n', 4) + '\n';
  if (def.f.length) {
    out += 'FIELDS:\n';
    for (const [name, type, req, doc] of def.f) {
      const isMeta = top && (name === 'apiVersion' || name === 'kind');
      // extractEnum, short view: at most 4 values, then ", ...."
      const en = enumOf(doc);
      const enumLine = en.length ? `\n  enum: ${en.slice(0, 4).join(', ')}${en.length > 4 ? ', ....' : ''}` : '';
      out += `  ${name}\t<${type}>${req && !isMeta ? ' -required-' : ''}${enumLine}\n`;
      const d = isMeta ? (name === 'apiVersion' ? API_VERSION_DOC : KIND_DOC) : doc;
      out += wrap(d || '<no description>', 4) + '\n\n';
    }
  }
  k.io.out(out + '\n');
  return 0;
}
