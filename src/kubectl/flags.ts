/**
 * kubectl's grammar: cobra commands with pflag flags. The command tree and every command's flags come from the
 * recorded `--help` texts of kubectl 1.33 (fixtures/kubectl/help.json), so names, types and defaults are the
 * real ones. The parser follows pflag: interspersed flags, `--f=v`, `--f v`, `-o yaml`, `-oyaml`, `-o=yaml`,
 * combined shorthand bools (`-it`), `--` ends flags; errors use pflag's and cobra's texts.
 *
 * (commander cannot reproduce pflag's interspersed parsing and error wording faithfully; this is ~200 lines.)
 */
import helpJson from '../../fixtures/kubectl/help.json';

export type FlagType = 'bool' | 'string' | 'int' | 'array' | 'duration';
export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  def: string;
}
export interface CmdNode {
  path: string[];
  name: string;
  aliases: string[];
  children: Map<string, CmdNode>;
  flags: FlagSpec[];
  help: string;
}

const HELP = helpJson as Record<string, string>;

/** kubectl's command aliases (cobra `Aliases`). */
const ALIASES: Record<string, string[]> = {
  'create deployment': ['deploy'],
  'create namespace': ['ns'],
  'create service': ['svc'],
  'create configmap': ['cm'],
  'create serviceaccount': ['sa'],
  'create quota': ['resourcequota'],
  'create poddisruptionbudget': ['pdb'],
  'create priorityclass': ['pc'],
  'create cronjob': ['cj'],
  'top pod': ['pods', 'po'],
  'top node': ['nodes', 'no'],
  'port-forward': [],
  'api-resources': [],
};

/** Hidden commands kubectl still accepts. */
const HIDDEN: Record<string, string[]> = { '': ['options'] };

export function helpText(path: string[], home = '/root'): string | undefined {
  const h = HELP[path.join(' ')];
  if (h === undefined) return undefined;
  // The recording machine had an empty plugin section; a clean kubectl has none.
  return h.replace('Subcommands provided by plugins:\n\n', '').split('@HOME@').join(home);
}

export function optionsText(home = '/root'): string {
  return HELP['#options']!.split('@HOME@').join(home);
}

function parseFlags(help: string): FlagSpec[] {
  const out: FlagSpec[] = [];
  const re = /^ {4}(?:-(\w), )?--([\w-]+)=(.*):$/gm;
  for (let m; (m = re.exec(help)); ) {
    const def = m[3]!;
    let type: FlagType = 'string';
    if (def === 'false' || def === 'true') type = 'bool';
    else if (def.startsWith('[')) type = 'array';
    else if (/^-?\d+$/.test(def)) type = 'int';
    else if (/^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(def)) type = 'duration';
    out.push({ name: m[2]!, short: m[1], type, def: def.startsWith("'") ? def.slice(1, -1) : def });
  }
  return out;
}

let ROOT: CmdNode | undefined;
let GLOBAL: FlagSpec[] | undefined;

export function globalFlags(): FlagSpec[] {
  return (GLOBAL ??= parseFlags(HELP['#options']!));
}

function subcommandNames(help: string): string[] {
  const names: string[] = [];
  const lines = help.split('\n');
  let inList = false;
  for (const l of lines) {
    if (/^(Available Commands|[A-Z][\w ()]+ Commands( \([A-Za-z]+\))?|Other Commands):$/.test(l)) {
      inList = true;
      continue;
    }
    if (inList) {
      const m = /^ {2}([a-z][\w-]*) {2,}/.exec(l);
      if (m) names.push(m[1]!);
      else if (l.trim() === '' || !l.startsWith('  ')) inList = l.trim() === '' ? inList : false;
    }
  }
  return names;
}

/** cobra's `Aliases:` section: `use-context, use`. */
function helpAliases(help: string): string[] {
  const m = /\nAliases:\n([^\n]+)\n/.exec(help);
  return m ? m[1]!.split(',').map((x) => x.trim()).slice(1) : [];
}

/**
 * A command node. Its flags and children are worked out from the help texts when first used: a command line
 * touches a handful of nodes, and building all of kubectl's tree on every start costs milliseconds.
 */
function build(path: string[]): CmdNode {
  const key = path.join(' ');
  const help = HELP[key] ?? '';
  let flags: FlagSpec[] | undefined;
  let children: Map<string, CmdNode> | undefined;
  const node = {
    path,
    name: path[path.length - 1] ?? 'kubectl',
    aliases: ALIASES[key] ?? helpAliases(help),
    help,
  } as CmdNode;
  Object.defineProperty(node, 'flags', { enumerable: true, get: () => (flags ??= parseFlags(help)) });
  Object.defineProperty(node, 'children', { enumerable: true, get: () => (children ??= buildChildren(path, key, help)) });
  return node;
}

function buildChildren(path: string[], key: string, help: string): Map<string, CmdNode> {
  const children = new Map<string, CmdNode>();
  for (const name of subcommandNames(help)) {
    if (HELP[[...path, name].join(' ')] === undefined && path.length > 0) {
      children.set(name, { path: [...path, name], name, aliases: ALIASES[[...path, name].join(' ')] ?? [], children: new Map(), flags: [], help: '' });
      continue;
    }
    children.set(name, build([...path, name]));
  }
  for (const h of HIDDEN[key] ?? []) if (!children.has(h)) children.set(h, build([...path, h]));
  return children;
}

export function rootCommand(): CmdNode {
  return (ROOT ??= build([]));
}

export function findChild(node: CmdNode, word: string): CmdNode | undefined {
  const direct = node.children.get(word);
  if (direct) return direct;
  for (const c of node.children.values()) if (c.aliases.includes(word)) return c;
  return undefined;
}

export class UsageError extends Error {
  /** Print `See 'kubectl X --help' for usage.` after the message. */
  constructor(message: string, public seeUsage = true) {
    super(message);
  }
}

export interface Parsed {
  flags: Record<string, any>;
  /** which flags were given on the command line */
  changed: Set<string>;
  args: string[];
  /** position in args where `--` was (-1 when none): cobra's ArgsLenAtDash */
  dashAt: number;
}

/** Finds the command a command line names, as cobra's Find does (flags and their values are skipped). */
export function findCommand(argv: string[]): { node: CmdNode; rest: string[] } {
  let node = rootCommand();
  const rest = [...argv];
  for (;;) {
    const all = [...node.flags, ...globalFlags()];
    let idx = -1;
    for (let i = 0; i < rest.length; i++) {
      const s = rest[i]!;
      if (s === '--') break;
      if (s.startsWith('--')) {
        if (s.includes('=')) continue;
        const f = all.find((x) => x.name === s.slice(2));
        if (!f || f.type !== 'bool') i++;
        continue;
      }
      if (s.startsWith('-') && s.length > 1) {
        if (s.length === 2 && !s.includes('=')) {
          const f = all.find((x) => x.short === s[1]);
          if (!f || f.type !== 'bool') i++;
        }
        continue;
      }
      idx = i;
      break;
    }
    if (idx < 0) return { node, rest };
    const child = findChild(node, rest[idx]!);
    if (!child) return { node, rest };
    rest.splice(idx, 1);
    node = child;
  }
}

function flagLabel(f: FlagSpec): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

function setValue(out: Parsed, f: FlagSpec, raw: string): void {
  const first = !out.changed.has(f.name);
  out.changed.add(f.name);
  switch (f.type) {
    case 'bool': {
      const v = parseBool(raw);
      if (v === undefined) throw new UsageError(`invalid argument "${raw}" for "${flagLabel(f)}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
      out.flags[f.name] = v;
      return;
    }
    case 'int': {
      if (!/^[-+]?\d+$/.test(raw)) throw new UsageError(`invalid argument "${raw}" for "${flagLabel(f)}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      out.flags[f.name] = Number(raw);
      return;
    }
    case 'duration': {
      const ms = parseGoDuration(raw);
      if (ms === undefined) throw new UsageError(`invalid argument "${raw}" for "${flagLabel(f)}" flag: time: invalid duration "${raw}"`);
      out.flags[f.name] = ms;
      return;
    }
    case 'array': {
      if (first) out.flags[f.name] = [];
      out.flags[f.name].push(raw);
      return;
    }
    default:
      out.flags[f.name] = raw;
  }
}

function parseBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** Go's time.ParseDuration, in ms. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let neg = false;
  let str = s;
  if (str.startsWith('-') || str.startsWith('+')) {
    neg = str[0] === '-';
    str = str.slice(1);
  }
  if (!str) return undefined;
  re.lastIndex = 0;
  let pos = 0;
  for (let m; (m = re.exec(str)); ) {
    const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]!]!;
    total += parseFloat(m[1]!) * unit;
    pos = re.lastIndex;
  }
  if (pos !== str.length) return undefined;
  return neg ? -total : total;
}

function defaults(specs: FlagSpec[]): Record<string, any> {
  const o: Record<string, any> = {};
  for (const f of specs) {
    if (f.type === 'bool') o[f.name] = f.def === 'true';
    else if (f.type === 'int') o[f.name] = Number(f.def);
    else if (f.type === 'array') o[f.name] = f.def === '[]' ? [] : f.def.slice(1, -1).split(',');
    else if (f.type === 'duration') o[f.name] = parseGoDuration(f.def) ?? 0;
    else o[f.name] = f.def;
  }
  return o;
}

/** pflag parsing of the flags of `node` (plus kubectl's global flags) out of `argv`. */
export function parseArgs(node: CmdNode, argv: string[], extra: FlagSpec[] = []): Parsed {
  const specs = [...extra, ...node.flags, ...globalFlags()];
  const out: Parsed = { flags: defaults(specs), changed: new Set(), args: [], dashAt: -1 };
  const byName = (n: string) => specs.find((f) => f.name === n);
  const byShort = (c: string) => specs.find((f) => f.short === c);
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i]!;
    if (s === '--') {
      out.dashAt = out.args.length;
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (s.startsWith('--') && s.length > 2) {
      const eq = s.indexOf('=');
      const name = eq < 0 ? s.slice(2) : s.slice(2, eq);
      const f = byName(name);
      if (!f) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(out, f, s.slice(eq + 1));
      else if (f.type === 'bool') setValue(out, f, 'true');
      else if (i + 1 < argv.length) setValue(out, f, argv[++i]!);
      else throw new UsageError(`flag needs an argument: --${name}`);
      continue;
    }
    if (s.startsWith('-') && s.length > 1 && s !== '-') {
      let j = 1;
      while (j < s.length) {
        const c = s[j]!;
        const f = byShort(c);
        if (!f) throw new UsageError(`unknown shorthand flag: '${c}' in ${s}`);
        if (s[j + 1] === '=') {
          setValue(out, f, s.slice(j + 2));
          break;
        }
        if (f.type === 'bool') {
          setValue(out, f, 'true');
          j++;
          continue;
        }
        if (j + 1 < s.length) setValue(out, f, s.slice(j + 1));
        else if (i + 1 < argv.length) setValue(out, f, argv[++i]!);
        else throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    out.args.push(s);
  }
  return out;
}

/** cobra's "Did you mean this?" (Levenshtein distance <= 2 or prefix), over visible commands in name order. */
export function suggestionsFor(node: CmdNode, typed: string): string[] {
  const out: string[] = [];
  const names = [...node.children.keys()].sort();
  for (const n of names) {
    if (levenshtein(typed.toLowerCase(), n.toLowerCase()) <= 2 || n.startsWith(typed.toLowerCase())) out.push(n);
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d[i] = [i];
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}
