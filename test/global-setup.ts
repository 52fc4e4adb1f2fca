// End-to-end tests spawn the built bin: build once before the run so they never test a stale bundle.
// A failed build removes dist/, so the e2e tests fail loudly while unit tests still run.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

export default function setup(): void {
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  } catch {
    rmSync('dist', { recursive: true, force: true });
    console.error('\n*** build failed: end-to-end tests will fail ***\n');
  }
}
