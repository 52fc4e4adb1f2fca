// Bundles src/ into dist/ with esbuild:
// - dist/core.cjs: the whole program but the ink UI, as one CommonJS file. bin/k8s-drill.js compiles it through
//   V8's code cache, so a one-shot `-c` starts close to a bare node: one file to read, little to compile. Code a
//   command does not need (yaml, dockerfile-ast, the scenario runner ...) is bundled behind lazy wrappers and
//   never runs.
// - dist/ui.mjs: the interactive UI (ink + react, ESM), imported only on a terminal.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));

// Large JSON (kubectl's help texts, the schema field tree) as JSON.parse('...'): V8 parses a JSON string much
// faster than it compiles and runs the same data as an object literal.
// The largest (kubectl explain's field docs, help texts, the schema field tree) stay out of the bundle: they are
// copied to dist/data/ and read on first use, so a start does not read, hash and parse what it does not use.
const dataFiles = [];
const jsonParsePlugin = {
  name: 'json-parse',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      if (text.length > 100_000 && b.initialOptions.format === 'cjs') {
        const name = args.path.slice(root.length).replace(/^\/+/, '').replace(/[/\\]/g, '_');
        dataFiles.push([name, text]);
        // A proxy that reads the file on first use: modules that only hold a reference never pay for it.
        const load = `JSON.parse(require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', ${JSON.stringify(name)}), 'utf8'))`;
        return {
          contents: `let d; const o = () => (d ??= ${load});
export default new Proxy({}, {
  get: (_, k) => o()[k],
  has: (_, k) => k in o(),
  ownKeys: () => Reflect.ownKeys(o()),
  getOwnPropertyDescriptor: (_, k) => { const v = Object.getOwnPropertyDescriptor(o(), k); if (v) v.configurable = true; return v; },
});`,
          loader: 'js',
        };
      }
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

// The UI is its own ESM bundle (ink needs ESM); the core imports it at run time.
const uiExternal = {
  name: 'ui-external',
  setup(b) {
    b.onResolve({ filter: /\/ui\/index\.js$/ }, () => ({ path: './ui.mjs', external: true }));
  },
};

// ink loads react-devtools-core only when DEV=true; it is not installed, so it is a no-op stub here.
const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { initialize() {}, connectToDevTools() {} };', loader: 'js' }));
  },
};

// Build beside dist/ and swap it in, so a test run elsewhere never sees a half-written or missing bundle.
const out = `dist.tmp-${process.pid}`;
rmSync(`${root}/${out}`, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  keepNames: false,
  legalComments: 'none',
  plugins: [noDevtools],
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: `${out}/core.cjs`,
  format: 'cjs',
  plugins: [jsonParsePlugin, uiExternal, noDevtools],
  define: { __VERSION__: JSON.stringify(version), 'import.meta.url': '__k8sDrillUrl' },
  banner: { js: "const __k8sDrillUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// V8 drops the dynamic-import callback of code that comes from its code cache (Node 20), so the core must not
// use import(): node builtins are required, and the UI is imported by the ESM bin on the core's behalf.
const corePath = `${root}/${out}/core.cjs`;
let core = readFileSync(corePath, 'utf8')
  .replace(/\bimport\("(node:[\w/]+)"\)/g, 'Promise.resolve(require("$1"))')
  .replace(/\bimport\("\.\/ui\.mjs"\)/g, 'globalThis.__k8sDrillImport("./ui.mjs")');
const left = [...core.matchAll(/(?<![\w'/.] ?)\bimport\(/g)].map((m) => core.slice(m.index, m.index + 60));
if (left.length) throw new Error(`dist/core.cjs still calls import(): ${left.join(' | ')}`);
writeFileSync(corePath, core);
mkdirSync(`${root}/${out}/data`, { recursive: true });
for (const [name, text] of dataFiles) writeFileSync(`${root}/${out}/data/${name}`, text);

await build({
  ...common,
  entryPoints: ['src/ui/index.ts'],
  outfile: `${out}/ui.mjs`,
  format: 'esm',
  // Some bundled CommonJS packages call require(): give ESM output a real require.
  banner: { js: "import { createRequire as __k8sDrillCreateRequire } from 'node:module'; const require = __k8sDrillCreateRequire(import.meta.url);" },
});
const old = `${root}/dist.old-${process.pid}`;
try {
  renameSync(`${root}/dist`, old);
} catch {
  // no dist yet
}
renameSync(`${root}/${out}`, `${root}/dist`);
rmSync(old, { recursive: true, force: true });

// A warm-up session compiles what common commands use; its V8 code cache ships in dist/ (bin/k8s-drill.js).
const WARMUP = [
  'kubectl get pods',
  'kubectl create deployment web --image=nginx --replicas=2',
  'sleep 20',
  'kubectl get deploy,rs,pods -o wide',
  'kubectl get deploy web -o yaml',
  'kubectl describe deploy web',
  'kubectl expose deployment web --port=80 --type=NodePort',
  'kubectl get svc,ep',
  'docker run -d --name w -p 8080:80 nginx',
  'docker ps -a',
  'docker images',
  'docker logs w',
  'curl -s localhost:8080 | head -n 2',
  'echo hi | grep h | wc -l',
];
const home = mkdtempSync(`${tmpdir()}/k8s-drill-warmup-`);
try {
  const r = spawnSync(process.execPath, [`${root}/bin/k8s-drill.js`], {
    input: WARMUP.join('\n') + '\n',
    env: { ...process.env, K8S_DRILL_HOME: home, K8S_DRILL_WARMUP: '1', K8S_DRILL_SEED: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) console.warn(`warm-up run exited ${r.status}: ${r.stderr.slice(0, 500)}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
