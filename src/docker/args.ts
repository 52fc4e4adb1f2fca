/**
 * The docker CLI grammar: a pflag/cobra-compatible parser over the flags recorded from the real CLI
 * (src/docker/spec.json, written by scripts/record-docker-fixtures.sh). Errors are byte-identical to docker's.
 */
import specJson from './spec.json' with { type: 'json' };

export type FlagType = string; // 'bool' | 'string' | 'int' | 'list' | 'duration' | ...
export interface CommandSpec {
  usage: string;
  flags: [string, string, FlagType][];
  args?: { min?: number; max?: number };
}

const SPEC = specJson as unknown as Record<string, CommandSpec> & {
  __groups: Record<string, string[]>;
  __unknownSub: Record<string, string>;
};

/**
 * Flags the real CLI accepts but --help does not list (hidden or deprecated aliases), and the BuildKit (buildx)
 * flags of `docker build`, which the recorded legacy-builder help lacks.
 */
const HIDDEN: Record<string, [string, string, FlagType][]> = {
  run: [['', 'net', 'list'], ['', 'net-alias', 'list']],
  create: [['', 'net', 'list'], ['', 'net-alias', 'list']],
  stop: [['', 'time', 'int']],
  restart: [['', 'time', 'int']],
  build: [
    ['', 'progress', 'string'], ['', 'load', 'bool'], ['', 'push', 'bool'], ['', 'secret', 'list'], ['', 'ssh', 'list'],
    ['', 'cache-to', 'list'], ['', 'provenance', 'string'], ['', 'sbom', 'string'], ['', 'builder', 'string'], ['o', 'output', 'list'],
    ['', 'attest', 'list'], ['', 'allow', 'list'], ['', 'annotation', 'list'], ['', 'call', 'string'], ['', 'check', 'bool'],
    ['', 'metadata-file', 'string'], ['', 'no-cache-filter', 'list'], ['', 'build-context', 'list'], ['', 'debug', 'bool'],
  ],
};

const merged = new Map<string, CommandSpec>();

export function commandSpec(path: string): CommandSpec | undefined {
  if (path.startsWith('__')) return undefined;
  const base = SPEC[path];
  if (!base) return undefined;
  const extra = HIDDEN[path.replace(/^(container|image|builder) /, '')];
  if (!extra) return base;
  let m = merged.get(path);
  if (!m) {
    const have = new Set(base.flags.map((f) => f[1]));
    m = { ...base, flags: [...base.flags, ...extra.filter((f) => !have.has(f[1]))] };
    merged.set(path, m);
  }
  return m;
}
export const GROUPS = SPEC.__groups;
export const UNKNOWN_SUB = SPEC.__unknownSub;

/** Flag values: bools are booleans, repeatable flags arrays, everything else the last string given. */
export type Flags = Record<string, any>;

export interface Parsed {
  flags: Flags;
  /** long names of flags the user set */
  set: Set<string>;
  args: string[];
  help: boolean;
}

export class UsageError extends Error {
  constructor(
    message: string,
    public code: number,
  ) {
    super(message);
  }
}

const REPEATABLE = new Set(['strings', 'list', 'stringArray', 'filter', 'map', 'stringSlice', 'strings', 'mount', 'network', 'external-ca', 'pref', 'ulimit', 'gpu-request', 'command', 'port', 'config', 'secret', 'env']);
const INTS = new Set(['int', 'int64', 'int32', 'uint', 'uint16', 'uint64', 'uint32']);

/** Commands whose flags stop at the first positional argument (cobra SetInterspersed(false)). */
const NON_INTERSPERSED = new Set(['run', 'create', 'exec', 'container run', 'container create', 'container exec', '']);

function flagError(path: string, spec: CommandSpec, msg: string): UsageError {
  const cmd = path ? `docker ${path}` : 'docker';
  const usage = path ? spec.usage : 'docker [OPTIONS] COMMAND [ARG...]';
  return new UsageError(`${msg}\n\nUsage:  ${usage}\n\nRun '${cmd} --help' for more information\n`, 125);
}

/** go-units parseSize's errors for RAMInBytes flags (-m 512m, --shm-size 1g), or null when valid. */
function sizeError(str: string): string | null {
  let sep = -1;
  for (let i = str.length - 1; i >= 0; i--)
    if ('01234567890. '.includes(str[i]!)) {
      sep = i;
      break;
    }
  if (sep === -1) return `invalid size: '${str}'`;
  const num = str[sep] !== ' ' ? str.slice(0, sep + 1) : str.slice(0, sep);
  let sfx = str.slice(sep + 1);
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(num)) return `strconv.ParseFloat: parsing ${goQuote(num)}: invalid syntax`;
  if (parseFloat(num) < 0) return `invalid size: '${str}'`;
  if (!sfx) return null;
  if (sfx.length > 3) return `invalid suffix: '${sfx}'`;
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') return sfx.length > 1 ? `invalid suffix: '${sfx}'` : null;
  if (!'kmgtp'.includes(sfx[0]!)) return `invalid suffix: '${sfx}'`;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) return `invalid suffix: '${sfx}'`;
  return null;
}

function goQuote(s: string): string {
  return JSON.stringify(s);
}

export function parseArgs(path: string, argv: string[]): Parsed {
  const spec = commandSpec(path);
  if (!spec) throw new Error(`no spec for docker ${path}`);
  const byLong = new Map<string, [string, string, FlagType]>();
  const byShort = new Map<string, [string, string, FlagType]>();
  for (const f of spec.flags) {
    byLong.set(f[1], f);
    if (f[0]) byShort.set(f[0], f);
  }
  const flags: Flags = {};
  const set = new Set<string>();
  const args: string[] = [];
  let help = false;
  const assign = (f: [string, string, FlagType], raw: string) => {
    const [short, long, type] = f;
    const label = short ? `-${short}, --${long}` : `--${long}`;
    if (type === 'bool') {
      const v = raw.toLowerCase();
      if (!['true', 'false', '1', '0', 't', 'f'].includes(v))
        throw flagError(path, spec, `invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`);
      flags[long] = v === 'true' || v === '1' || v === 't';
    } else if (INTS.has(type)) {
      if (!/^[-+]?\d+$/.test(raw))
        throw flagError(path, spec, `invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: strconv.Parse${type.startsWith('u') ? 'Uint' : 'Int'}: parsing ${goQuote(raw)}: invalid syntax`);
      flags[long] = parseInt(raw, 10);
    } else if (type === 'bytes') {
      const e = sizeError(raw);
      if (e) throw flagError(path, spec, `invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: ${e}`);
      flags[long] = raw;
    } else if (type === 'decimal') {
      if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(raw)) throw flagError(path, spec, `invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: failed to parse ${raw} as a rational number`);
      flags[long] = raw;
    } else if (type === 'duration') {
      if (!/^([-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$|^0$/.test(raw)) throw flagError(path, spec, `invalid argument ${goQuote(raw)} for ${goQuote(label)} flag: time: invalid duration ${goQuote(raw)}`);
      flags[long] = raw;
    } else if (REPEATABLE.has(type)) {
      (flags[long] ??= []).push(raw);
    } else flags[long] = raw;
    set.add(long);
  };
  let i = 0;
  let positionalOnly = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (positionalOnly) {
      args.push(a);
      continue;
    }
    if (a === '--') {
      positionalOnly = true;
      continue;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (name === 'help') {
        help = true;
        continue;
      }
      const f = byLong.get(name);
      if (!f) throw flagError(path, spec, `unknown flag: --${name}`);
      if (eq >= 0) assign(f, a.slice(eq + 1));
      else if (f[2] === 'bool') assign(f, 'true');
      else {
        if (i + 1 >= argv.length) throw flagError(path, spec, `flag needs an argument: --${name}`);
        assign(f, argv[++i]!);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const chars = a.slice(1);
      for (let j = 0; j < chars.length; j++) {
        const c = chars[j]!;
        const f = byShort.get(c);
        if (!f) {
          if (c === 'h') {
            help = true;
            continue;
          }
          throw flagError(path, spec, `unknown shorthand flag: '${c}' in -${chars.slice(j)}`);
        }
        if (f[2] === 'bool') {
          if (chars[j + 1] === '=') {
            assign(f, chars.slice(j + 2));
            break;
          }
          assign(f, 'true');
          continue;
        }
        const rest = chars.slice(j + 1);
        if (rest) assign(f, rest.startsWith('=') ? rest.slice(1) : rest);
        else {
          if (i + 1 >= argv.length) throw flagError(path, spec, `flag needs an argument: '${c}' in -${c}`);
          assign(f, argv[++i]!);
        }
        break;
      }
      continue;
    }
    args.push(a);
    if (NON_INTERSPERSED.has(path)) positionalOnly = true;
  }
  return { flags, set, args, help };
}

/** cobra's argument-count checks as docker/cli words them (cli/required.go), including its "SRun" typo. */
export function checkArgs(path: string, args: string[]): void {
  const spec = commandSpec(path)!;
  const r = spec.args;
  if (!r) return;
  const n = args.length;
  const cmd = `docker ${path}`;
  const pl = (k: number) => (k === 1 ? 'argument' : 'arguments');
  const fail = (msg: string, footer: string) => {
    throw new UsageError(`docker: '${cmd}' ${msg}\n\nUsage:  ${spec.usage}\n\n${footer} '${cmd} --help' for more information\n`, 1);
  };
  const { min, max } = r;
  if (min !== undefined && max !== undefined && min === max) {
    if (n !== min) fail(`requires ${min} ${pl(min)}`, 'Run');
  } else if (min !== undefined && max !== undefined) {
    if (n < min || n > max) fail(`requires at least ${min} and at most ${max} ${pl(max)}`, 'Run');
  } else if (min !== undefined) {
    if (n < min) fail(`requires at least ${min} ${pl(min)}`, 'See');
  } else if (max !== undefined) {
    if (max === 0 && n > 0) fail('accepts no arguments', 'Run');
    else if (n > max) fail(`requires at most ${max} ${pl(max)}`, 'SRun');
  }
}

export async function helpText(path: string): Promise<string> {
  const m = (await import('./help.json', { with: { type: 'json' } })).default as Record<string, string>;
  const h = m[path] ?? '';
  if (path !== '') return h;
  // the simulated engine has the buildx, compose and init CLI plugins installed: docker lists them with a *
  return h
    .replace('  builder     Manage builds\n', '  builder     Manage builds\n  buildx*     Docker Buildx\n')
    .replace('  checkpoint  Manage checkpoints\n', '  checkpoint  Manage checkpoints\n  compose*    Docker Compose\n')
    .replace('  image       Manage images\n', '  image       Manage images\n  init*       Creates Docker-related starter files for your project\n');
}
