/** Small helpers shared by the text tools and coreutils: option parsing, reading inputs. */
import type { HostFs, IO } from '../core/types.js';

export interface Opts {
  /** flag -> count (boolean flags) or last value (options with an argument) */
  o: Record<string, string | number>;
  /** every value of a repeatable option (-e PAT -e PAT2) */
  all: Record<string, string[]>;
  args: string[];
  error?: string;
}

/**
 * getopt-like parsing. `flags`: letters without argument; `withArg`: letters taking one. Long options map to
 * letters through `long` ('--ignore-case' -> 'i'; a long option with `=value` or a following value when its
 * letter takes an argument). Options may follow operands (GNU style) unless `posix`. `-NUM` is reported as
 * option '#' when `digits` (head -5, tail -3).
 */
export function getopt(argv: string[], flags: string, withArg: string, long: Record<string, string> = {}, opts: { posix?: boolean; digits?: boolean } = {}): Opts {
  const r: Opts = { o: {}, all: {}, args: [] };
  const set = (k: string, v: string | true) => {
    if (v === true) r.o[k] = ((r.o[k] as number) || 0) + 1;
    else {
      r.o[k] = v;
      (r.all[k] ??= []).push(v);
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      r.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const key = long[name];
      if (key === undefined) {
        r.error = `unrecognized option '${eq > 0 ? a.slice(0, eq) : a}'`;
        return r;
      }
      if (key === '') continue;
      if (withArg.includes(key)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) {
          r.error = `option '--${name}' requires an argument`;
          return r;
        }
        set(key, v);
      } else set(key, eq > 0 ? a.slice(eq + 1) || true : true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (opts.digits && /^-\d+$/.test(a)) {
        set('#', a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (withArg.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) {
            r.error = `option requires an argument -- '${c}'`;
            return r;
          }
          set(c, v);
          break;
        }
        if (flags.includes(c)) set(c, true);
        else if (opts.digits && c >= '0' && c <= '9') {
          const m = /^\d+/.exec(a.slice(j))![0];
          set('#', m);
          j += m.length - 1;
        } else {
          r.error = `invalid option -- '${c}'`;
          return r;
        }
      }
      continue;
    }
    r.args.push(a);
    if (opts.posix) {
      r.args.push(...argv.slice(i + 1));
      break;
    }
  }
  return r;
}

/** Prints the GNU-style usage error for a bad option. Returns 1 (or the given code). */
export function usageError(io: IO, name: string, error: string, code = 1): number {
  io.err(`${name}: ${error}\nTry '${name} --help' for more information.\n`);
  return code;
}

export interface Input {
  name: string;
  text: string;
}

/**
 * The inputs of a filter: the named files ('-' = stdin), or stdin when none. Missing files are reported as
 * `NAME: FILE: No such file or directory`; `ok` is false when any failed.
 */
export function readInputs(io: IO, name: string, files: string[]): { inputs: Input[]; ok: boolean } {
  if (!files.length) return { inputs: [{ name: '(standard input)', text: io.stdin }], ok: true };
  const inputs: Input[] = [];
  let ok = true;
  for (const f of files) {
    if (f === '-') {
      inputs.push({ name: '(standard input)', text: io.stdin });
      continue;
    }
    const r = readOne(io, f);
    if (typeof r === 'string') inputs.push({ name: f, text: r });
    else {
      io.err(`${name}: ${f}: ${r.error}\n`);
      ok = false;
    }
  }
  return { inputs, ok };
}

/** Device files a read would never finish on (/dev/zero, /dev/urandom ...): refused. /dev/null reads as empty. */
export function isDevice(abs: string): boolean {
  return abs.startsWith('/dev/') && !/^\/dev\/(null|stdin|stdout|stderr|fd\/\d+)$/.test(abs);
}

/** Reads a text file through an fs (resolved against its cwd); null when missing, a folder, or a device. */
export function readText(fs: HostFs, path: string): string | null {
  const abs = fs.resolve(path);
  if (abs === '/dev/null') return '';
  if (isDevice(abs)) return null;
  return fs.readFile(abs);
}

export function readOne(io: IO, file: string): string | { error: string } {
  if (file === '/dev/null') return '';
  const path = io.fs.resolve(file);
  if (isDevice(path)) return { error: 'reading devices is not supported in k8s-drill' };
  const st = io.fs.stat(path);
  if (st?.type === 'dir') return { error: 'Is a directory' };
  const t = io.fs.readFile(path);
  if (t === null) return { error: 'No such file or directory' };
  return t;
}

/** Splits text into lines (a final newline does not make an empty last line). */
export function lines(text: string): string[] {
  if (!text) return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

export function joinLines(l: string[]): string {
  return l.length ? l.join('\n') + '\n' : '';
}
