// npm run bench: start-up against a bare node, the cost of one command in line mode and in process, at course
// scale and with a large cluster. A benchmark, not a test: it prints figures (README keeps them).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin/k8s-drill.js');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 8 : 25;

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeSpawn(args, env, input) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, input: input ?? '', encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && !env.ALLOW_FAIL) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const state = mkdtempSync(join(tmpdir(), 'k8s-drill-bench-'));
const env = { K8S_DRILL_HOME: state, NO_COLOR: '1', K8S_DRILL_SEED: '1' };
try {
  // warm the file cache and create the state
  timeSpawn([BIN, '-c', 'echo warm'], env);
  timeSpawn(['-e', '0'], {});

  const rows = [];
  const cases = [
    ['echo hi', ['-c', 'echo hi']],
    ['docker ps', ['-c', 'docker ps']],
    ['kubectl get pods', ['-c', 'kubectl get pods']],
  ];
  const bare = [];
  const times = cases.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    // interleave so machine noise hits every case alike
    bare.push(timeSpawn(['-e', '0'], {}));
    cases.forEach(([, args], k) => times[k].push(timeSpawn([BIN, ...args], { ...env, ALLOW_FAIL: '1' })));
  }
  const nodeMs = median(bare);
  rows.push(['node -e 0', nodeMs, 1]);
  cases.forEach(([name], k) => rows.push([`k8s-drill -c '${name}'`, median(times[k]), median(times[k]) / nodeMs]));

  console.log(`\nStart-up (median of ${RUNS} runs, wall clock)`);
  for (const [name, ms, ratio] of rows) console.log(`  ${name.padEnd(36)} ${ms.toFixed(1).padStart(7)} ms   ${ratio.toFixed(2)}x`);

  // Line mode: N lines through one process (lock + load + run + save per line).
  const N = quick ? 200 : 1000;
  const setup = ['kubectl create deployment web --image=nginx --replicas=3', 'kubectl create deployment api --image=traefik/whoami --replicas=2', 'docker run -d --name cache redis', 'sleep 30'];
  const lineState = mkdtempSync(join(tmpdir(), 'k8s-drill-bench-lines-'));
  const lenv = { ...env, K8S_DRILL_HOME: lineState, ALLOW_FAIL: '1' };
  timeSpawn([BIN], lenv, setup.join('\n') + '\n');
  console.log(`\nLine mode at course scale (${N} lines in one process, each locked, run and saved)`);
  for (const line of ['kubectl get pods', 'docker ps', 'echo hi']) {
    const empty = timeSpawn([BIN], lenv, '\n');
    const ms = timeSpawn([BIN], lenv, `${line}\n`.repeat(N));
    console.log(`  ${line.padEnd(36)} ${(((ms - empty) / N) * 1000).toFixed(0).padStart(7)} µs/line`);
  }
  rmSync(lineState, { recursive: true, force: true });

  // In process: runLine on a world in memory, no disk.
  const out = join(state, 'inproc.mjs');
  writeFileSync(
    join(state, 'inproc-entry.ts'),
    `export { runLine } from ${JSON.stringify(join(root, 'src/shell/session.ts'))};\nexport { newWorld } from ${JSON.stringify(join(root, 'src/world/world.ts'))};\nexport { createObject } from ${JSON.stringify(join(root, 'src/world/k8s/api.ts'))};\n`,
  );
  await build({ entryPoints: [join(state, 'inproc-entry.ts')], outfile: out, bundle: true, format: 'esm', platform: 'node', logLevel: 'error', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
  const { runLine, newWorld, createObject } = await import(pathToFileURL(out).href);
  const T0 = Date.parse('2026-01-15T10:00:00Z');
  const host = { cwd: state, resolve: (p) => p, readFile: () => null, writeFile: () => null, stat: () => null, readdir: () => null };
  const mkSession = () => ({ world: newWorld({ seed: 1, now: T0 }), ctx: { wallNow: T0, host, tty: false, interactive: false, readLine: async () => null }, nested: [], history: [] });
  const perLine = async (session, line, n) => {
    for (let i = 0; i < 20; i++) await runLine(session, line);
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await runLine(session, line);
    return Number(process.hrtime.bigint() - t) / 1e3 / n;
  };
  const s = mkSession();
  for (const l of setup) await runLine(s, l);
  s.ctx.wallNow += 60_000;
  console.log('\nIn process at course scale (runLine on a world in memory)');
  for (const line of ['kubectl get pods', 'docker ps', 'kubectl get deploy web -o yaml', 'echo hi | grep h']) {
    console.log(`  ${line.padEnd(36)} ${(await perLine(s, line, quick ? 200 : 2000)).toFixed(1).padStart(7)} µs/line`);
  }

  // A large cluster: pods put straight into the store (the controllers are not what this measures).
  const big = mkSession();
  const PODS = quick ? 10_000 : 100_000;
  let t = process.hrtime.bigint();
  for (let i = 0; i < PODS; i++) {
    createObject(big.world, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p-${i}`, namespace: 'default', labels: { app: `a${i % 100}` } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, { now: T0 });
  }
  const fill = Number(process.hrtime.bigint() - t) / 1e6;
  // The first line schedules and starts them all (the kubelets' work, measured on its own), then settle.
  t = process.hrtime.bigint();
  await runLine(big, 'true');
  big.ctx.wallNow += 60_000;
  await runLine(big, 'kubectl get pods -o name | head -n 1');
  const start = Number(process.hrtime.bigint() - t) / 1e6;
  big.ctx.wallNow += 1_000;
  console.log(`\nLarge cluster: ${PODS} pods (stored in ${fill.toFixed(0)} ms, scheduled and started in ${start.toFixed(0)} ms)`);
  for (const line of ['kubectl get pods -l app=a7', 'kubectl get pods | wc -l', 'kubectl get pod p-4242']) {
    t = process.hrtime.bigint();
    await runLine(big, line);
    console.log(`  ${line.padEnd(36)} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(1).padStart(7)} ms`);
  }
  t = process.hrtime.bigint();
  const json = JSON.stringify(big.world);
  console.log(`  ${'serialise the world (save)'.padEnd(36)} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(1).padStart(7)} ms  (${(json.length / 1e6).toFixed(1)} MB)`);
} finally {
  rmSync(state, { recursive: true, force: true });
}
