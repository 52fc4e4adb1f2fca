/** Finds the package's bundled scenarios (scenarios/ beside package.json), from src/ or from the dist/ bundle. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null | undefined;

/** The k8s-drill package root: the nearest folder upwards with a package.json named k8s-drill. */
export function packageRoot(): string | null {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 12; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if (JSON.parse(readFileSync(pj, 'utf8')).name === 'k8s-drill') return (root = dir);
      } catch {
        // not ours
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return (root = null);
}

export function bundledScenarioDir(): string | null {
  const r = packageRoot();
  return r ? join(r, 'scenarios') : null;
}

export function schemaPath(): string | null {
  const r = packageRoot();
  return r ? join(r, 'schema', 'scenario.schema.json') : null;
}
