/**
 * Loads and validates scenario files. Scenario files are untrusted (shared between strangers):
 * - the source is capped in size and nesting depth, and aliases are expanded under a node budget, so alias bombs
 *   and deep nesting fail fast with a clear message;
 * - the document is converted into null-prototype objects and `__proto__` keys are refused, so no key can reach
 *   Object.prototype;
 * - every error names file:line:column, the path inside the document, and what is wrong in plain words.
 * `yaml` and `ajv` are loaded lazily (only the scenario commands need them).
 */
import { createHash } from 'node:crypto';
import type { DocPath, Goal, LoadedScenario, Scenario, ScenarioError } from './types.js';
import { formatPath } from './types.js';
import { OPERATORS } from './match.js';
import { RESOURCES } from '../world/k8s/api.js';

export const MAX_BYTES = 1_000_000;
export const MAX_DEPTH = 64;
/** Values in the document, and values reached through aliases: far above any real scenario, far below a billion laughs. */
export const MAX_NODES = 200_000;
export const MAX_ALIAS_NODES = 10_000;

export const GOAL_KINDS = ['kubernetes', 'docker', 'count', 'not', 'anyOf', 'allOf', 'run', 'used', 'answer'] as const;
const MAIN_KINDS = ['kubernetes', 'docker', 'not', 'anyOf', 'allOf', 'run', 'used', 'answer'];
const GOAL_KEYS = new Set<string>(['description', 'expect', ...GOAL_KINDS]);
const FORBIDDEN_KEYS = new Set(['__proto__']);

export type LoadResult = { ok: true; loaded: LoadedScenario } | { ok: false; errors: ScenarioError[]; source?: string };

interface Pos {
  line: number;
  col: number;
  keyLine?: number;
  keyCol?: number;
}

class Budget extends Error {}

/** Reads and validates a scenario file from disk. */
export async function loadScenarioFile(file: string, display = file): Promise<LoadResult> {
  const { readFileSync, statSync } = await import('node:fs');
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    return { ok: false, errors: [{ file: display, line: 1, col: 1, where: '', message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  if (size > MAX_BYTES) return { ok: false, errors: [tooBig(display, size)] };
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [{ file: display, line: 1, col: 1, where: '', message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}` }] };
  }
  return parseScenario(source, display);
}

function tooBig(file: string, size: number): ScenarioError {
  return { file, line: 1, col: 1, where: '', message: `the file is ${size} bytes; a scenario file may be at most ${MAX_BYTES} bytes (1 MB)` };
}

/** Deepest bracket nesting outside quotes: a cheap guard before the parser sees the text. */
function flowDepth(source: string): { depth: number; offset: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 91 || c === 123) {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
      if (max > MAX_DEPTH * 4) break;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return { depth: max, offset: at };
}

function lineColOf(source: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) {
    line++;
    last = i;
  }
  return { line, col: offset - last };
}

/** Parses and validates scenario source text. `file` is only used in messages. */
export async function parseScenario(source: string, file: string): Promise<LoadResult> {
  const size = Buffer.byteLength(source, 'utf8');
  if (size > MAX_BYTES) return { ok: false, errors: [tooBig(file, size)] };
  const fd = flowDepth(source);
  if (fd.depth > MAX_DEPTH * 4) {
    const p = lineColOf(source, fd.offset);
    return { ok: false, errors: [{ file, ...p, where: '', message: `nesting is too deep (more than ${MAX_DEPTH * 4} levels of [ and {)` }] };
  }
  const yamlMod = await import('yaml');
  // The bundle may expose the CommonJS build: named exports then sit on `default`.
  const Y = ((yamlMod as { LineCounter?: unknown }).LineCounter ? yamlMod : (yamlMod as unknown as { default: typeof yamlMod }).default) as typeof yamlMod;
  const lineCounter = new Y.LineCounter();
  const doc = Y.parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number | undefined) => {
    const p = lineCounter.linePos(offset ?? 0);
    return { line: p.line, col: p.col };
  };
  if (doc.errors.length) {
    const errors = doc.errors.map((e) => {
      const p = e.linePos?.[0] ?? at(e.pos?.[0]);
      return { file, line: p.line, col: p.col, where: '', message: yamlMessage(e.code, e.message) };
    });
    return { ok: false, errors: dedupe(errors), source };
  }

  // Convert the AST to plain data: null-prototype objects, a node budget for aliases, positions for every path.
  const positions = new Map<string, Pos>();
  const errors: ScenarioError[] = [];
  let nodes = 0;
  let aliasNodes = 0;
  const convert = (node: unknown, path: DocPath, depth: number, inAlias: boolean, keyNode?: { range?: [number, number, number] | null }): unknown => {
    if (++nodes > MAX_NODES) throw new Budget(`the document has more than ${MAX_NODES} values`);
    if (inAlias && ++aliasNodes > MAX_ALIAS_NODES)
      throw new Budget(`the document expands to more than ${MAX_ALIAS_NODES} values through aliases (aliases that repeat aliases?)`);
    if (depth > MAX_DEPTH) throw new Budget(`nesting is too deep (more than ${MAX_DEPTH} levels)`);
    const n = node as { range?: [number, number, number] | null };
    if (!inAlias) {
      const p = at(n?.range?.[0]);
      const pos: Pos = { line: p.line, col: p.col };
      if (keyNode?.range) {
        const k = at(keyNode.range[0]);
        pos.keyLine = k.line;
        pos.keyCol = k.col;
        // A whole section (a map or list under a key) is best pointed at by its key.
        if (Y.isMap(node) || Y.isSeq(node)) {
          pos.line = k.line;
          pos.col = k.col;
        }
      }
      positions.set(JSON.stringify(path), pos);
    }
    if (node === null || node === undefined) return null;
    if (Y.isAlias(node)) {
      const target = node.resolve(doc);
      if (!target) throw new Budget(`unknown alias *${node.source}`);
      return convert(target, path, depth + 1, true);
    }
    if (Y.isScalar(node)) {
      const v = node.value;
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Date) return v.toISOString();
      if (v !== null && typeof v === 'object') return String(v);
      return v;
    }
    if (Y.isSeq(node)) return node.items.map((it, i) => convert(it, [...path, i], depth + 1, inAlias));
    if (Y.isMap(node)) {
      const out: Record<string, unknown> = Object.create(null);
      for (const pair of node.items) {
        const k = pair.key as { range?: [number, number, number] | null } | null;
        let key: string;
        if (k === null || k === undefined) key = '';
        else if (Y.isScalar(k)) key = String(k.value);
        else {
          const p = at(k.range?.[0]);
          errors.push({ file, ...p, where: formatPath(path), message: 'a key must be plain text, not a list or a map' });
          continue;
        }
        if (FORBIDDEN_KEYS.has(key)) {
          const p = at(k?.range?.[0]);
          errors.push({ file, ...p, where: formatPath(path), message: `the key "${key}" is not allowed` });
          continue;
        }
        out[key] = convert(pair.value, [...path, key], depth + 1, inAlias, k ?? undefined);
      }
      return out;
    }
    throw new Budget('unsupported YAML node');
  };
  let data: unknown;
  try {
    data = convert(doc.contents, [], 0, false);
  } catch (e) {
    if (e instanceof Budget) return { ok: false, errors: [{ file, line: 1, col: 1, where: '', message: e.message }], source };
    if (e instanceof RangeError) return { ok: false, errors: [{ file, line: 1, col: 1, where: '', message: 'nesting is too deep' }], source };
    throw e;
  }
  const posOf = (path: DocPath): { line: number; col: number } => {
    for (let n = path.length; n >= 0; n--) {
      const p = positions.get(JSON.stringify(path.slice(0, n)));
      if (p) return { line: p.line, col: p.col };
    }
    return { line: 1, col: 1 };
  };
  const keyPosOf = (path: DocPath): { line: number; col: number } => {
    const p = positions.get(JSON.stringify(path));
    if (p?.keyLine !== undefined) return { line: p.keyLine, col: p.keyCol! };
    return posOf(path);
  };
  const err: Err = (path, message, onKey = false, where = path) =>
    errors.push({ file, ...(onKey ? keyPosOf(path) : posOf(path)), where: formatPath(where), message });

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    err([], 'a scenario file must be a YAML map starting with `apiVersion: k8s-drill/v1` and `kind: Scenario`');
    return { ok: false, errors, source };
  }
  const d = data as Record<string, any>;

  // Hand-written checks first: they give the clearest messages. Schema errors at or under these paths are dropped.
  const covered: string[] = [];
  checkStructure(d, err, covered);
  // The shipped JSON Schema as the backstop.
  await checkSchema(d, err, covered);
  if (!errors.length) checkSemantics(d as Scenario, err);
  if (errors.length) return { ok: false, errors: dedupe(errors).sort((a, b) => a.line - b.line || a.col - b.col), source };
  const hash = createHash('sha256').update(source).digest('hex');
  return { ok: true, loaded: { file, source, hash, scenario: d as Scenario, posOf } };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split(' at line ')[0]!.split('\n')[0]!.trim();
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'this key appears twice in the same map';
    case 'MULTIPLE_DOCS':
      return 'a scenario file holds exactly one YAML document (remove the extra `---`)';
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML: use spaces';
    default:
      return `YAML syntax error: ${first}`;
  }
}

function dedupe(errors: ScenarioError[]): ScenarioError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.line}:${e.col}:${e.where}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

type Err = (path: DocPath, message: string, onKey?: boolean, where?: DocPath) => void;

const isMap = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const typeName = (v: unknown) =>
  v === null ? 'empty' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : typeof v === 'string' ? 'text' : `a ${typeof v}`;

function checkRegex(re: unknown, path: DocPath, err: Err): void {
  if (typeof re !== 'string') return err(path, `must be a regular expression (text), not ${typeName(re)}`);
  try {
    new RegExp(re);
  } catch (e) {
    err(path, `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

function checkSteps(steps: unknown, path: DocPath, err: Err, covered: string[]): void {
  covered.push(JSON.stringify(path));
  if (steps === undefined) return;
  if (!Array.isArray(steps)) return err(path, `must be a list of shell lines (or {apply: MANIFEST}), not ${typeName(steps)}`);
  steps.forEach((s, i) => {
    if (typeof s === 'string') return;
    if (isMap(s) && typeof s.apply === 'string' && Object.keys(s).length === 1) return;
    if (isMap(s) && 'apply' in s && typeof s.apply !== 'string') return err([...path, i, 'apply'], 'must be a manifest written as text (use `apply: |`)');
    err([...path, i], 'each step is a shell line, or {apply: MANIFEST}');
  });
}

function checkMatchValue(v: unknown, path: DocPath, err: Err): void {
  if (Array.isArray(v)) return v.forEach((x, i) => checkMatchValue(x, [...path, i], err));
  if (!isMap(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (!k.startsWith('$')) {
      checkMatchValue(x, [...path, k], err);
      continue;
    }
    const p = [...path, k];
    if (!OPERATORS.includes(k)) {
      err(p, `unknown operator "${k}" (expected one of ${OPERATORS.join(' ')})`, true);
      continue;
    }
    switch (k) {
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        if (typeof x !== 'number' && !(typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))))
          err(p, `${k} compares numbers: give a number, not ${typeName(x)}`);
        break;
      case '$in':
        if (!Array.isArray(x)) err(p, `$in takes a list of values, not ${typeName(x)}`);
        else checkMatchValue(x, p, err);
        break;
      case '$exactly':
        if (!Array.isArray(x)) err(p, `$exactly takes a list, not ${typeName(x)}`);
        else checkMatchValue(x, p, err);
        break;
      case '$regex':
        checkRegex(x, p, err);
        break;
      case '$exists':
        if (typeof x !== 'boolean') err(p, `$exists takes true or false, not ${typeName(x)}`);
        break;
      case '$length':
        if (typeof x !== 'number' && !isMap(x)) err(p, `$length takes a number or an operator like {$gte: 2}, not ${typeName(x)}`);
        else checkMatchValue(x, p, err);
        break;
      case '$ne':
        checkMatchValue(x, p, err);
        break;
    }
  }
}

const KNOWN_KINDS = new Set(RESOURCES.map((r) => r.kind.toLowerCase()));
function kindKnown(kind: string): boolean {
  const n = kind.toLowerCase();
  return RESOURCES.some((r) => r.kind.toLowerCase() === n || r.resource === n || r.singular === n || r.shortNames.includes(n)) || KNOWN_KINDS.has(n);
}

export function checkGoal(g: unknown, path: DocPath, err: Err, covered: string[]): void {
  covered.push(JSON.stringify(path));
  if (!isMap(g)) return err(path, `a goal must be a map like {kubernetes: {...}}, not ${typeName(g)}`);
  const keys = Object.keys(g);
  for (const k of keys)
    if (!GOAL_KEYS.has(k)) err([...path, k], `unknown goal kind "${k}" (expected one of ${GOAL_KINDS.join(', ')})`, true, path);
  const kinds = keys.filter((k) => MAIN_KINDS.includes(k));
  if (kinds.length === 0 && keys.every((k) => GOAL_KEYS.has(k)))
    err(path, `a goal needs one of ${MAIN_KINDS.join(', ')}`);
  if (kinds.length > 1) err(path, `a goal has one kind, this one has ${kinds.join(' and ')}: split it into separate goals, or use allOf`);
  if ('description' in g && typeof g.description !== 'string') err([...path, 'description'], `must be text, not ${typeName(g.description)}`);
  if ('count' in g) {
    if (!('kubernetes' in g) && !('docker' in g)) err([...path, 'count'], 'count goes beside kubernetes: or docker: (it counts the matching objects)', true);
    const c = g.count;
    if (!(typeof c === 'number' && Number.isInteger(c) && c >= 0) && !isMap(c)) err([...path, 'count'], `count is a whole number or an operator like {$gte: 2}, not ${typeName(c)}`);
    if (isMap(c)) checkMatchValue(c, [...path, 'count'], err);
  }
  if ('expect' in g && !('run' in g)) err([...path, 'expect'], 'expect goes beside run:', true);
  if ('kubernetes' in g) {
    const k = g.kubernetes;
    if (!isMap(k)) err([...path, 'kubernetes'], `must be an object as kubectl shows it, like {kind: Deployment, metadata: {name: web}}, not ${typeName(k)}`);
    else if (typeof k.kind !== 'string') err([...path, 'kubernetes'], 'needs a kind, like kind: Deployment');
    else if (!kindKnown(k.kind)) err([...path, 'kubernetes', 'kind'], `unknown kind "${k.kind}"`);
    else checkMatchValue(k, [...path, 'kubernetes'], err);
    if (isMap(k) && isMap(k.metadata) && k.metadata.name !== undefined && typeof k.metadata.name !== 'string' && !isMap(k.metadata.name))
      err([...path, 'kubernetes', 'metadata', 'name'], 'must be text');
  }
  if ('docker' in g) {
    const d = g.docker;
    if (!isMap(d)) err([...path, 'docker'], `must be an object as docker inspect shows it, like {Name: web, State: {Running: true}}, not ${typeName(d)}`);
    else {
      if (d.kind !== undefined && !['container', 'image', 'volume', 'network'].includes(d.kind as string))
        err([...path, 'docker', 'kind'], `unknown docker kind "${String(d.kind)}" (expected container, image, volume or network)`);
      checkMatchValue(d, [...path, 'docker'], err);
    }
  }
  if ('not' in g) checkGoal(g.not, [...path, 'not'], err, covered);
  for (const k of ['anyOf', 'allOf'] as const)
    if (k in g) {
      if (!Array.isArray(g[k]) || g[k].length === 0) err([...path, k], `${k} takes a non-empty list of goals`);
      else g[k].forEach((x: unknown, i: number) => checkGoal(x, [...path, k, i], err, covered));
    }
  if ('run' in g && typeof g.run !== 'string') err([...path, 'run'], `must be a shell line (text), not ${typeName(g.run)}`);
  if ('expect' in g) {
    const e = g.expect;
    if (!isMap(e)) err([...path, 'expect'], 'must be a map with stdout, stdoutMatches, stderrMatches or exitCode');
    else {
      for (const k of Object.keys(e))
        if (!['stdout', 'stdoutMatches', 'stderrMatches', 'exitCode'].includes(k))
          err([...path, 'expect', k], `unknown field "${k}" (expected stdout, stdoutMatches, stderrMatches or exitCode)`, true);
      if ('stdout' in e && typeof e.stdout !== 'string') err([...path, 'expect', 'stdout'], 'must be text');
      if ('stdoutMatches' in e) checkRegex(e.stdoutMatches, [...path, 'expect', 'stdoutMatches'], err);
      if ('stderrMatches' in e) checkRegex(e.stderrMatches, [...path, 'expect', 'stderrMatches'], err);
      if ('exitCode' in e && !Number.isInteger(e.exitCode)) err([...path, 'expect', 'exitCode'], 'must be a whole number');
    }
  }
  if ('used' in g) checkRegex(g.used, [...path, 'used'], err);
  if ('answer' in g) {
    const a = g.answer;
    if (isMap(a)) {
      const ks = Object.keys(a);
      if (ks.length !== 1 || !['regex', 'run'].includes(ks[0]!)) err([...path, 'answer'], 'answer is a value, {regex: RE} or {run: LINE}');
      else if (ks[0] === 'regex') checkRegex(a.regex, [...path, 'answer', 'regex'], err);
      else if (typeof a.run !== 'string') err([...path, 'answer', 'run'], 'must be a shell line (text)');
    } else if (a === null || Array.isArray(a)) err([...path, 'answer'], 'answer is a value, {regex: RE} or {run: LINE}');
  }
}

function checkStructure(d: Record<string, any>, err: Err, covered: string[]): void {
  if (d.apiVersion !== 'k8s-drill/v1') err(['apiVersion'], d.apiVersion === undefined ? 'missing `apiVersion: k8s-drill/v1`' : `must be k8s-drill/v1, not ${JSON.stringify(d.apiVersion)}`);
  if (d.kind !== 'Scenario') err(['kind'], d.kind === undefined ? 'missing `kind: Scenario`' : `must be Scenario, not ${JSON.stringify(d.kind)}`);
  covered.push(JSON.stringify(['apiVersion']), JSON.stringify(['kind']));
  if ('setup' in d) checkSteps(d.setup, ['setup'], err, covered);
  if ('failWhen' in d) {
    if (!Array.isArray(d.failWhen)) err(['failWhen'], 'must be a list of goals');
    else d.failWhen.forEach((g: unknown, i: number) => checkGoal(g, ['failWhen', i], err, covered));
    covered.push(JSON.stringify(['failWhen']));
  }
  if ('tasks' in d) {
    if (!Array.isArray(d.tasks)) return;
    d.tasks.forEach((t: unknown, i: number) => {
      if (!isMap(t)) return;
      const p: DocPath = ['tasks', i];
      if (!('goals' in t) || (Array.isArray(t.goals) && t.goals.length === 0)) {
        err(p, `task ${typeof t.id === 'string' ? `"${t.id}" ` : ''}has no goals: every task needs at least one goal to check`);
        covered.push(JSON.stringify([...p, 'goals']));
      } else if (Array.isArray(t.goals)) t.goals.forEach((g: unknown, j: number) => checkGoal(g, [...p, 'goals', j], err, covered));
      if ('solution' in t) checkSteps(t.solution, [...p, 'solution'], err, covered);
      if (Array.isArray(t.hints)) {
        covered.push(JSON.stringify([...p, 'hints']));
        t.hints.forEach((h: unknown, j: number) => {
          if (typeof h === 'string') return;
          if (!isMap(h) || typeof h.text !== 'string')
            return err(
              [...p, 'hints', j],
              `a hint is text, or {text: TEXT, when: GOAL}${isMap(h) && !('text' in h) ? ' (put text that contains ": " in quotes)' : ''}`,
            );
          for (const k of Object.keys(h)) if (k !== 'text' && k !== 'when') err([...p, 'hints', j, k], `unknown field "${k}" (a hint has text and when)`, true);
          if ('when' in h) checkGoal(h.when, [...p, 'hints', j, 'when'], err, covered);
        });
      }
    });
  }
}

let validator: ((d: unknown) => boolean) & { errors?: any[] | null } | undefined;

async function checkSchema(d: Record<string, any>, err: Err, covered: string[]): Promise<void> {
  if (!validator) {
    const [{ default: AjvMod }, schemaMod] = await Promise.all([import('ajv'), import('../../schema/scenario.schema.json', { with: { type: 'json' } })]);
    const Ajv = ((AjvMod as any).default ?? AjvMod) as typeof import('ajv').default;
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: false });
    validator = ajv.compile((schemaMod as any).default ?? schemaMod);
  }
  if (validator(d)) return;
  const isCovered = (path: DocPath) => {
    for (let n = path.length; n >= 0; n--) if (covered.includes(JSON.stringify(path.slice(0, n)))) return true;
    return false;
  };
  for (const e of validator.errors ?? []) {
    const path = decodePointer(d, e.instancePath as string);
    if (isCovered(path)) continue;
    if (e.keyword === 'required' && isCovered([...path, e.params.missingProperty])) continue;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const msg = schemaMessage(e, path);
    if (!msg) continue;
    if (e.keyword === 'additionalProperties') err([...path, e.params.additionalProperty], msg, true);
    else err(path, msg);
  }
}

function decodePointer(d: unknown, pointer: string): DocPath {
  if (!pointer) return [];
  const out: DocPath = [];
  let cur: any = d;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      out.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      out.push(seg);
      cur = cur?.[seg];
    }
  }
  return out;
}

function closest(word: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const dd = editDistance(word.toLowerCase(), o.toLowerCase());
    if (dd < bestD) {
      bestD = dd;
      best = o;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

function schemaMessage(e: any, path: DocPath): string | undefined {
  const where = path[path.length - 1];
  const words = (t: string) => (t === 'array' ? 'a list' : t === 'object' ? 'a map' : t === 'string' ? 'text' : t === 'integer' ? 'a whole number' : `a ${t}`);
  switch (e.keyword) {
    case 'required':
      return `missing required field "${e.params.missingProperty}"`;
    case 'additionalProperties': {
      const name = e.params.additionalProperty as string;
      const known = Object.keys(e.parentSchema?.properties ?? {});
      const guess = closest(name, known);
      return `unknown field "${name}"${guess ? ` (did you mean "${guess}"?)` : known.length ? ` (expected one of ${known.join(', ')})` : ''}`;
    }
    case 'type': {
      const t = ([] as string[]).concat(e.params.type).map(words).join(' or ');
      return `must be ${t}, not ${typeName(e.data)}`;
    }
    case 'const':
      return `must be ${JSON.stringify(e.params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}, not ${JSON.stringify(e.data)}`;
    case 'pattern':
      if (where === 'name' && path[0] === 'metadata') return `"${e.data}" is not a valid name: use lowercase letters, digits and dashes (like scale-web)`;
      if (where === 'timeLimit') return `"${e.data}" is not a duration: write it like 10m, 1h30m or 90s`;
      if (where === 'id') return `"${e.data}" is not a valid task id: use letters, digits, - and _`;
      return `"${e.data}" does not have the expected format`;
    case 'minItems':
      if (where === 'tasks') return 'a scenario needs at least one task';
      return `needs at least ${e.params.limit} item${e.params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `may have at most ${e.params.limit} items`;
    case 'minLength':
      return 'must not be empty';
    case 'maxLength':
      return `is too long (at most ${e.params.limit} characters)`;
    case 'minimum':
      return `must be at least ${e.params.limit}`;
    case 'maximum':
      return `must be at most ${e.params.limit}`;
    case 'uniqueItems':
      return 'has the same item twice';
    case 'propertyNames':
      return undefined;
    default:
      return e.message ? String(e.message) : 'is not valid here';
  }
}

/** Checks a files: path: relative, inside the workspace, no `..`. Returns a message or null. */
export function badFilePath(p: string): string | null {
  if (p === '' || p.trim() === '') return 'a file path cannot be empty';
  if (p.includes('\0')) return 'a file path cannot contain NUL';
  if (p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p) || p.startsWith('~')) return `"${p}" is an absolute path: files are written inside the workspace, so use a relative path`;
  if (p.includes('\\')) return `"${p}": use / to separate folders`;
  const parts = p.split('/');
  if (parts.includes('..')) return `"${p}" contains "..": files must stay inside the workspace`;
  if (parts.every((x) => x === '' || x === '.')) return `"${p}" is not a file`;
  if (p.endsWith('/')) return `"${p}" is a folder, not a file`;
  return null;
}

function checkSemantics(s: Scenario, err: Err): void {
  const ids = new Map<string, number>();
  s.tasks.forEach((t, i) => {
    const prev = ids.get(t.id);
    if (prev !== undefined) err(['tasks', i, 'id'], `duplicate task id "${t.id}" (tasks[${prev}] has it too)`);
    else ids.set(t.id, i);
  });
  s.tasks.forEach((t, i) => {
    (t.needs ?? []).forEach((n, j) => {
      if (n === t.id) err(['tasks', i, 'needs', j], `task "${t.id}" cannot need itself`);
      else if (!ids.has(n)) err(['tasks', i, 'needs', j], `unknown task "${n}" (tasks are: ${[...ids.keys()].join(', ')})`);
    });
  });
  // Cycles in needs.
  const state = new Map<string, 0 | 1 | 2>();
  const byId = new Map<string, (typeof s.tasks)[number]>();
  for (const t of s.tasks) if (!byId.has(t.id)) byId.set(t.id, t);
  const reported = new Set<string>();
  const visit = (id: string, stack: string[]) => {
    const st = state.get(id);
    if (st === 2) return;
    if (st === 1) {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const key = [...cycle].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        err(['tasks', ids.get(id)!, 'needs'], `tasks need each other in a cycle: ${cycle.join(' -> ')}`);
      }
      return;
    }
    state.set(id, 1);
    for (const n of byId.get(id)?.needs ?? []) if (byId.has(n) && n !== id) visit(n, [...stack, id]);
    state.set(id, 2);
  };
  for (const t of s.tasks) visit(t.id, []);
  for (const p of Object.keys(s.files ?? {})) {
    const bad = badFilePath(p);
    if (bad) err(['files', p], bad, true);
  }
  const lower = new Map<string, string>();
  for (const p of Object.keys(s.files ?? {})) {
    const norm = p.split('/').filter((x) => x && x !== '.').join('/');
    if (lower.has(norm)) err(['files', p], `"${p}" is the same file as "${lower.get(norm)}"`, true);
    lower.set(norm, p);
  }
  for (const [ref] of Object.entries(s.environment?.images ?? {}))
    if (!/^[a-z0-9][a-z0-9._\/:@-]*$/.test(ref)) err(['environment', 'images', ref], `"${ref}" is not an image reference (like acme/api:1.0)`, true);
  const nodes = s.environment?.cluster?.nodes ?? [];
  const seen = new Set<string>();
  nodes.forEach((n, i) => {
    if (seen.has(n.name)) err(['environment', 'cluster', 'nodes', i, 'name'], `duplicate node name "${n.name}"`);
    seen.add(n.name);
  });
}

export function taskPoints(t: { points?: number }): number {
  return t.points ?? 1;
}

/** For messages about a goal's position. */
export function goalPath(taskIndex: number, goalIndex: number): DocPath {
  return ['tasks', taskIndex, 'goals', goalIndex];
}

export type { Goal };
