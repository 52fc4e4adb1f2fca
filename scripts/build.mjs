// Bundles src/ into dist/ with esbuild: one small entry chunk, and lazily loaded chunks for the parts a
// command may not need (docker, kubectl, yaml, the ink UI), so a one-shot `-c` starts almost as fast as node.
import { build } from 'esbuild';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
// Build beside dist/ and swap it in, so a test run elsewhere never sees a half-written or missing bundle.
const out = `dist.tmp-${process.pid}`;
rmSync(`${root}/${out}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  minifySyntax: true,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // ink pulls react-devtools-core only when DEV is set; never bundle it.
  external: ['react-devtools-core'],
  // Some bundled CommonJS packages call require(): give ESM output a real require.
  banner: { js: "import { createRequire as __k8sDrillCreateRequire } from 'node:module'; const require = __k8sDrillCreateRequire(import.meta.url);" },
  define: { __VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
const old = `${root}/dist.old-${process.pid}`;
try {
  renameSync(`${root}/dist`, old);
} catch {
  // no dist yet
}
renameSync(`${root}/${out}`, `${root}/dist`);
rmSync(old, { recursive: true, force: true });
