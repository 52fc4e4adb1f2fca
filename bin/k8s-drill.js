#!/usr/bin/env node
// Entry point: everything lives in the bundled dist/ (built by `npm install` / `npm run build`).
import('../dist/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    process.stderr.write('k8s-drill: not built yet: run `npm install` (or `npm run build`) first\n');
    process.exit(1);
  }
  throw err;
});
