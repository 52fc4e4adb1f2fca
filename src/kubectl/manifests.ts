/**
 * Reading manifests for -f: files, comma lists, folders (-R), `-` (stdin), multi-document YAML, flow style
 * (KYAML), JSON, `kind: List`. Errors use kubectl's texts. yaml is loaded lazily.
 */
import type { K } from './context.js';
import { CmdError } from './generators.js';
import { splitSlice } from './generators.js';

export interface Manifest {
  obj: Record<string, any>;
  /** the file name as given ("STDIN" for -) */
  source: string;
}

const EXT = /\.(json|yaml|yml)$/;

function listFiles(k: K, path: string, recursive: boolean, top: boolean): string[] {
  const fs = k.io.fs;
  const st = fs.stat(path);
  if (!st) throw new CmdError(`the path "${path}" does not exist`);
  if (st.type === 'file') return [path];
  const out: string[] = [];
  for (const name of fs.readdir(path) ?? []) {
    const p = `${path.replace(/\/$/, '')}/${name}`;
    const s = fs.stat(p);
    if (!s) continue;
    if (s.type === 'dir') {
      if (recursive) out.push(...listFiles(k, p, recursive, false));
    } else if (EXT.test(name)) out.push(p);
  }
  void top;
  return out;
}

export async function readManifests(k: K, filenames: string[], recursive: boolean): Promise<Manifest[]> {
  const out: Manifest[] = [];
  const names = splitSlice(filenames);
  for (const name of names) {
    if (/^https?:\/\//.test(name)) {
      const host = name.replace(/^https?:\/\//, '').split('/')[0];
      throw new CmdError(`Get "${name}": dial tcp: lookup ${host}: no such host`);
    }
    if (name === '-') {
      out.push(...(await parseDocs(k.io.stdin, 'STDIN')));
      continue;
    }
    for (const file of listFiles(k, name, recursive, true)) {
      const text = k.io.fs.readFile(file);
      if (text === null) throw new CmdError(`the path "${file}" does not exist`);
      out.push(...(await parseDocs(text, file)));
    }
  }
  return out;
}

export async function parseDocs(text: string, source: string): Promise<Manifest[]> {
  const out: Manifest[] = [];
  const trimmed = text.trimStart();
  let docs: unknown[];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      docs = [JSON.parse(text)];
    } catch {
      docs = await yamlDocs(text, source);
    }
  } else docs = await yamlDocs(text, source);
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (typeof d !== 'object' || Array.isArray(d)) throw new CmdError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
    const o = d as Record<string, any>;
    if (Object.keys(o).length === 0) continue;
    if (!o.kind) throw new CmdError(`error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (!o.apiVersion) throw new CmdError(`error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`);
    if (o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items))) {
      for (const item of o.items ?? []) out.push({ obj: item, source });
      continue;
    }
    out.push({ obj: o, source });
  }
  return out;
}

/** The yaml package, loaded on first use (bundled CommonJS interop puts it under `default`). */
export async function loadYaml(): Promise<typeof import('yaml')> {
  const mod: any = await import('yaml');
  return mod.parseAllDocuments ? mod : mod.default;
}

async function yamlDocs(text: string, source: string): Promise<unknown[]> {
  const YAML = await loadYaml();
  const docs = YAML.parseAllDocuments(text, { version: '1.1', merge: true, uniqueKeys: false } as any);
  const out: unknown[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if ((d as any).errors?.length) {
      const e = (d as any).errors[0];
      const line = e.linePos?.[0]?.line ?? 1;
      throw new CmdError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${yamlMessage(e)}`);
    }
    out.push((d as any).toJS({ maxAliasCount: 1000 }));
  }
  return out;
}

function yamlMessage(e: { code?: string; message: string }): string {
  switch (e.code) {
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'did not find expected key';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'TAB_AS_INDENT':
      return 'found character that cannot start any token';
    default:
      return 'could not find expected \':\'';
  }
}
