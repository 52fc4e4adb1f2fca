// npm run corpus [-- DIR] [--verbose] [--session NAME]
// Runs every session of a corpus folder (default ../shared/corpus) line by line on a fresh world, in a temp copy
// of the folder (sessions read manifests/, files/, contexts/ relative to it), and reports per session and in
// total the lines handled (not rejected as unknown/unsupported, no crash) and the expected errors met.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parse as parseYaml } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const show = args.includes('--show'); // print every line with its output
const only = args.includes('--session') ? args[args.indexOf('--session') + 1] : undefined;
const dirArg = args.find((a, i) => !a.startsWith('-') && args[i - 1] !== '--session');
const corpus = resolve(dirArg ?? join(root, '../shared/corpus'));

const work = mkdtempSync(join(tmpdir(), 'k8s-drill-corpus-'));
const entry = join(work, 'entry.ts');
writeFileSync(
  entry,
  ['shell/session.ts', 'world/world.ts', 'cli/hostfs.ts'].map((f) => `export * from ${JSON.stringify(join(root, 'src', f))};`).join('\n'),
);
await build({
  entryPoints: [entry], outfile: join(work, 'entry.mjs'), bundle: true, format: 'esm', platform: 'node', logLevel: 'error',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { runLine, newWorld, realHostFs } = await import(pathToFileURL(join(work, 'entry.mjs')).href);

let expectations = {};
try {
  expectations = parseYaml(readFileSync(join(corpus, 'expectations.yaml'), 'utf8'))?.sessions ?? {};
} catch {
  /* no expectations: only lines handled are counted */
}

/** Output that means the line was not understood or not supported (as opposed to a real tool's error). */
const UNHANDLED = /command not found|not implemented|not supported|unsupported|unknown (flag|command|shorthand flag)|internal error|is not available yet/i;
const T0 = Date.parse('2026-01-15T10:00:00Z');
const STEP = 5_000; // a learner types a line every few seconds

async function capture(session, line) {
  const r = await runLine(session, line);
  return r.stdout.trim();
}

/** Turns a `# subst:` meaning into a live value, using the simulated tools themselves. */
async function liveValue(session, meaning, literal) {
  const kq = (q) => capture(session, q);
  let m;
  if (/^full ID of the container/.test(meaning)) return kq('docker ps -lq --no-trunc');
  if ((m = meaning.match(/ID of the \S+ container started by `docker run -d (\S+)`/))) return kq(`docker ps -a -q --filter ancestor=${m[1].replace(/`$/, '')} | head -n 1`);
  if (/IDs of two exited containers/.test(meaning)) return (await kq('docker ps -a -q --filter status=exited | head -n 2')).split(/\s+/);
  if ((m = meaning.match(/ClusterIP of service (\S+)/))) return kq(`kubectl get svc ${m[1]} -o jsonpath='{.spec.clusterIP}'`);
  if ((m = meaning.match(/IP of pod (\S+) in namespace (\S+)/))) return kq(`kubectl get pod ${m[1]} -n ${m[2]} -o jsonpath='{.status.podIP}'`);
  if ((m = meaning.match(/ReplicaSet of deployment (\S+)/))) return kq(`kubectl get rs -o name | grep '/${m[1]}-' | head -n 1 | cut -d/ -f2`);
  if ((m = meaning.match(/Pod (?:of|created by) (?:deployment|job|cronjob) (\S+)/i))) return kq(`kubectl get pods -o name | grep '/${m[1]}-' | head -n 1 | cut -d/ -f2`);
  if (/node name/.test(meaning)) return kq(`kubectl get nodes -o jsonpath='{.items[0].metadata.name}'`);
  if ((m = meaning.match(/the container started by `docker run (\S+)/))) return kq(`docker ps -a --filter ancestor=${m[1]} --format '{{.Names}}' | head -n 1`);
  if ((m = meaning.match(/^(\S+) \(/))) return m[1];
  return literal;
}

/** Parses `# subst: A B => meaning; C / D => meaning2` into [[literals], meaning] pairs. */
function parseSubst(text) {
  return text.split(/;\s*/).map((part) => {
    const [lhs, meaning = ''] = part.split(/\s*=>\s*/);
    const literals = lhs.split(/\s+(?:and|\/)\s+|\s+/).filter(Boolean);
    return { literals, meaning: meaning.trim() };
  });
}

const totals = { lines: 0, handled: 0, errors: 0, errorsMet: 0 };
const files = readdirSync(join(corpus, 'sessions')).filter((f) => f.endsWith('.txt')).sort();
console.log(`corpus: ${corpus}\n`);
console.log(`${'session'.padEnd(36)} ${'handled'.padStart(9)} ${'expected errors'.padStart(16)}`);
for (const file of files) {
  const name = file.replace(/\.txt$/, '');
  if (only && name !== only) continue;
  const cwd = join(work, name);
  cpSync(corpus, cwd, { recursive: true });
  const host = realHostFs(cwd);
  const ctx = { wallNow: T0, host, tty: false, interactive: false, readLine: async () => 'y' };
  const session = { world: newWorld({ seed: 42, now: T0 }), ctx, nested: [], history: [] };
  const expected = (expectations[name]?.expected_errors ?? []).map((e) => e.command.trim());
  const lines = readFileSync(join(corpus, 'sessions', file), 'utf8').split('\n');
  let subs = [];
  // `# note: build context = ... contexts/NAME/`: the session's `docker build` lines run in that folder.
  let buildContext;
  const s = { lines: 0, handled: 0, errors: 0, errorsMet: 0, misses: [] };
  for (let raw of lines) {
    if (!raw.trim()) continue;
    if (raw.startsWith('#')) {
      const m = raw.match(/^# subst:\s*(.*)$/);
      if (m) subs = parseSubst(m[1]);
      const c = raw.match(/^# note:.*\bcontexts\/([\w.-]+)\//);
      if (c) buildContext = join(cwd, 'contexts', c[1]);
      continue;
    }
    let line = raw;
    for (const { literals, meaning } of subs) {
      let value = await liveValue(session, meaning, literals[0]).catch(() => literals[0]);
      const values = Array.isArray(value) ? value : literals.map(() => value);
      literals.forEach((lit, i) => {
        if (values[i]) line = line.split(lit).join(values[i]);
      });
    }
    ctx.wallNow += STEP;
    s.lines++;
    let r;
    const inContext = buildContext && /^\s*(sudo\s+)?docker\s+(image\s+)?build\b/.test(line);
    if (inContext) host.cwd = buildContext;
    try {
      r = await runLine(session, line);
    } catch (e) {
      r = { stdout: '', stderr: `internal error: ${e?.message}`, code: 1 };
    }
    host.cwd = cwd;
    session.history.push({ t: ctx.wallNow, line });
    // Whatever the line opened (an -it shell), the learner leaves it before the next line.
    for (let i = 0; session.nested.length && i < 5; i++) await runLine(session, 'exit');
    if (show) console.log(`$ ${line}\n${r.stdout}${r.stderr ? r.stderr.replace(/^/gm, '! ') : ''}[exit ${r.code}]`);
    // Each expected error stands for one occurrence of its command: the first one.
    const at = expected.indexOf(raw.trim());
    const isExpectedError = at >= 0;
    if (isExpectedError) expected.splice(at, 1);
    const handled = !UNHANDLED.test(r.stderr) && !(r.code === 127);
    if (isExpectedError) {
      s.errors++;
      if (r.code !== 0 && handled) s.errorsMet++;
      else s.misses.push(`  expected an error: ${raw}\n    -> exit ${r.code} ${r.stderr.trim().split('\n')[0] ?? ''}`);
    }
    if (handled) s.handled++;
    else s.misses.push(`  ${raw}\n    -> exit ${r.code}: ${r.stderr.trim().split('\n').slice(0, 2).join(' | ')}`);
  }
  for (const k of ['lines', 'handled', 'errors', 'errorsMet']) totals[k] += s[k];
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');
  console.log(`${name.padEnd(36)} ${`${s.handled}/${s.lines}`.padStart(9)} ${`${s.errorsMet}/${s.errors}`.padStart(16)}   ${pct(s.handled, s.lines)}`);
  if (verbose && s.misses.length) console.log(s.misses.join('\n'));
}
const pct = totals.lines ? ((100 * totals.handled) / totals.lines).toFixed(1) : '0';
console.log(`\ntotal: ${totals.handled}/${totals.lines} lines handled (${pct}%), ${totals.errorsMet}/${totals.errors} expected errors met`);
rmSync(work, { recursive: true, force: true });
