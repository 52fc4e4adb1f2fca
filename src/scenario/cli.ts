/**
 * The scenario subcommands: practice, grade, test, list. The bin dispatches `k8s-drill practice|grade|test|list`
 * here (lazily, so plain shell start-up never loads commander, yaml or ajv).
 */
import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { formatError, type ScenarioError } from './types.js';

export interface ScenarioCliOptions {
  stateDir: string;
  color: boolean;
  stdout: NodeJS.WriteStream | (NodeJS.WritableStream & { isTTY?: boolean });
  stderr: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Input for prompts and the practice shell (default process.stdin). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

const paint = (on: boolean, code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

function program(name: string, opts: ScenarioCliOptions): Command {
  return new Command(`k8s-drill ${name}`)
    .exitOverride()
    .allowExcessArguments(false)
    .configureOutput({
      writeOut: (s) => void opts.stdout.write(s),
      writeErr: (s) => void opts.stderr.write(s),
    });
}

export async function scenarioMain(command: 'practice' | 'grade' | 'test' | 'list', args: string[], opts: ScenarioCliOptions): Promise<number> {
  // `k8s-drill grade ... | head`: a closed pipe ends the output quietly, as with other command-line tools.
  if (opts.stdout === process.stdout && !process.stdout.listeners('error').some((l) => (l as { k8sDrillEpipe?: boolean }).k8sDrillEpipe)) {
    const onError = Object.assign((e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    }, { k8sDrillEpipe: true });
    process.stdout.on('error', onError);
  }
  try {
    switch (command) {
      case 'test':
        return await testCommand(args, opts);
      case 'list':
        return await listCommand(args, opts);
      case 'grade':
        return await (await import('./grade.js')).gradeCommand(args, opts, program('grade', opts));
      case 'practice':
        return await (await import('./practice.js')).practiceCommand(args, opts, program('practice', opts));
      default:
        opts.stderr.write(`k8s-drill: unknown command '${command as string}'\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    throw e;
  }
}

async function testCommand(args: string[], opts: ScenarioCliOptions): Promise<number> {
  const cmd = program('test', opts)
    .description('Check scenario files: valid, not already solved by setup, solved by their solutions.')
    .argument('<path...>', 'scenario files or folders (searched for *.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'github']).default('text'));
  cmd.parse(args, { from: 'user' });
  const format = cmd.opts().format as 'text' | 'json' | 'junit' | 'github';
  const { findScenarioFiles, testFile, displayPath } = await import('./runner.js');
  const cwd = opts.cwd ?? process.cwd();
  const { files, missing } = findScenarioFiles((cmd.args as string[]).map((p) => resolve(cwd, p)));
  const out = (s: string) => void opts.stdout.write(s);
  const tty = !!(opts.stdout as { isTTY?: boolean }).isTTY && format === 'text';
  const results: Awaited<ReturnType<typeof testFile>>[] = [];
  for (const m of missing)
    results.push({ file: displayPath(m, cwd), passed: false, errors: [{ file: displayPath(m, cwd), line: 1, col: 1, where: '', message: 'no such file or folder' }], ms: 0 });
  const seen = new Map<string, string>();
  const t0 = performance.now();
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    const shown = displayPath(f, cwd);
    if (tty) out(`\r\x1b[K[${i + 1}/${files.length}] ${shown}`);
    const r = await testFile(f, shown, seen);
    results.push(r);
    if (tty) out('\r\x1b[K');
    if (format === 'text' || format === 'github') {
      const tag = r.passed ? paint(opts.color, 32, 'PASS') : paint(opts.color, 31, 'FAIL');
      const detail = r.name ? ` (${r.name}${r.report ? `, ${r.report.tasks.length} task${r.report.tasks.length === 1 ? '' : 's'}` : ''}, ${Math.round(r.ms)}ms)` : '';
      out(`${tag} ${shown}${detail}\n`);
      if (format === 'text') for (const e of r.errors) out(`  ${formatError(e)}\n`);
      else for (const e of r.errors) out(githubAnnotation(e) + '\n');
    }
  }
  const total = performance.now() - t0;
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  if (results.length === 0) {
    opts.stderr.write('k8s-drill test: no scenario files found\n');
    if (format === 'text' || format === 'github') out('0 passed, 0 failed\n');
    return 1;
  }
  if (format === 'json') {
    const { reportJson } = await import('./report.js');
    const list = results.map((r) => ({
      file: r.file,
      ...(r.report ? reportJson(r.report) : { scenario: r.name ?? null, passed: false, score: 0, maxScore: 0, tasks: [] }),
      passed: r.passed,
      errors: r.errors.map(formatError),
    }));
    out(JSON.stringify(list, null, 2) + '\n');
  } else if (format === 'junit') {
    const { junitXml, suiteFromReport } = await import('./report.js');
    const suites = results.map((r) => {
      const errs = r.errors.map(formatError);
      if (r.report) {
        // One testcase per task (its failures are the errors located in it), plus one for the rest.
        const s = suiteFromReport(r.report, r.file);
        s.cases.forEach((c, i) => {
          const mine = r.errors.filter((e) => new RegExp(`^tasks\\[${i}\\]`).test(e.where)).map(formatError);
          c.failures = mine.length ? mine : c.failures;
        });
        const rest = r.errors.filter((e) => !/^tasks\[\d+\]/.test(e.where)).map(formatError);
        if (rest.length) s.cases.unshift({ name: 'scenario', classname: r.report.scenario, failures: rest });
        s.timeSec = r.ms / 1000;
        return s;
      }
      return { name: r.name ?? r.file, file: r.file, timeSec: r.ms / 1000, cases: [{ name: 'valid', classname: r.name ?? r.file, failures: errs }] };
    });
    out(junitXml(suites, 'k8s-drill test'));
  } else {
    out(`${results.length} scenario${results.length === 1 ? '' : 's'} in ${(total / 1000).toFixed(2)}s\n`);
    out(`${passed} passed, ${failed} failed\n`);
  }
  return failed ? 1 : 0;
}

function githubAnnotation(e: ScenarioError): string {
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return `::error file=${prop(e.file)},line=${e.line},col=${e.col}::${data(`${e.where ? e.where + ': ' : ''}${e.message}`)}`;
}

async function listCommand(args: string[], opts: ScenarioCliOptions): Promise<number> {
  const cmd = program('list', opts)
    .description('List scenarios (the bundled curriculum by default).')
    .argument('[path...]', 'scenario files or folders')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  cmd.parse(args, { from: 'user' });
  const { findScenarioFiles, displayPath } = await import('./runner.js');
  const { loadScenarioFile } = await import('./load.js');
  const { bundledScenarioDir } = await import('./bundled.js');
  const cwd = opts.cwd ?? process.cwd();
  let paths = (cmd.args as string[]).map((p) => resolve(cwd, p));
  if (!paths.length) {
    const dir = bundledScenarioDir();
    if (!dir) {
      opts.stderr.write('k8s-drill list: cannot find the bundled scenarios\n');
      return 1;
    }
    paths = [dir];
  }
  const { files, missing } = findScenarioFiles(paths);
  let code = 0;
  for (const m of missing) {
    opts.stderr.write(`k8s-drill list: ${displayPath(m, cwd)}: no such file or folder\n`);
    code = 1;
  }
  const rows: { name: string; title: string; difficulty: string; tags: string[]; file: string; order: number }[] = [];
  for (const f of files) {
    const r = await loadScenarioFile(f, displayPath(f, cwd));
    if (!r.ok) {
      for (const e of r.errors) opts.stderr.write(formatError(e) + '\n');
      code = 1;
      continue;
    }
    const m = r.loaded.scenario.metadata;
    rows.push({ name: m.name, title: m.title, difficulty: m.difficulty ?? '', tags: m.tags ?? [], file: r.loaded.file, order: m.order ?? Infinity });
  }
  rows.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
  if (cmd.opts().format === 'json') {
    opts.stdout.write(JSON.stringify(rows.map(({ order: _o, ...r }) => r), null, 2) + '\n');
    return code;
  }
  const w = (k: 'name' | 'title' | 'difficulty', h: string) => Math.max(h.length, ...rows.map((r) => r[k].length));
  const wn = w('name', 'NAME');
  const wt = w('title', 'TITLE');
  const wd = w('difficulty', 'DIFFICULTY');
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(wn)}   ${b.padEnd(wt)}   ${c.padEnd(wd)}   ${d}`.trimEnd() + '\n';
  opts.stdout.write(line('NAME', 'TITLE', 'DIFFICULTY', 'TAGS'));
  for (const r of rows) opts.stdout.write(line(r.name, r.title, r.difficulty, r.tags.join(', ')));
  if (!rows.length && !code) opts.stdout.write('(no scenarios)\n');
  return code;
}
