#!/usr/bin/env node
// Entry point (CommonJS: bin/package.json says so, because an ESM entry costs node ~5 ms more to start).
// The program is one CommonJS bundle (dist/core.cjs, built by `npm install` / `npm run build`),
// compiled through V8's code cache: the compiled code is kept in the user's cache folder
// ($K8S_DRILL_CACHE, else $XDG_CACHE_HOME/k8s-drill or ~/.cache/k8s-drill), so later starts skip most of the
// parsing and compiling. Without a writable cache folder every start simply compiles.
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'core.cjs');
let source;
try {
  source = readFileSync(file, 'utf8');
} catch {
  process.stderr.write('k8s-drill: not built yet: run `npm install` (or `npm run build`) first\n');
  process.exit(1);
}
const st = statSync(file);
// The build ships a cache made by a warm-up run (dist/core-<node version>.v8cache); a different node makes its
// own in the user's cache folder, keyed by the bundle's size and time so a rebuilt bundle never meets old code.
const shipped = join(dirname(file), `core-${process.version}.v8cache`);
const cacheDir = process.env.K8S_DRILL_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'k8s-drill');
const cacheName = `core-${process.version}-${st.size}-${Math.floor(st.mtimeMs)}.v8cache`;
const warmup = process.env.K8S_DRILL_WARMUP === '1';
const read = (path) => {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
};
const cachedData = warmup ? undefined : (read(join(cacheDir, cacheName)) ?? read(shipped));
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData,
});
if (warmup || !cachedData || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      if (warmup) {
        writeFileSync(shipped, script.createCachedData());
        return;
      }
      mkdirSync(cacheDir, { recursive: true });
      for (const f of readdirSync(cacheDir)) if (f.startsWith('core-') && f.endsWith('.v8cache') && f !== cacheName) rmSync(join(cacheDir, f), { force: true });
      const tmp = join(cacheDir, `${cacheName}.${process.pid}.tmp`);
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, join(cacheDir, cacheName));
    } catch {
      // no writable cache folder: nothing else changes
    }
  });
}
// The core is CommonJS and cached code may not call import(): ESM modules (the ink UI) are imported here.
globalThis.__k8sDrillImport = (path) => import(new URL(path, pathToFileURL(file)).href);
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(file), mod, file, dirname(file));
