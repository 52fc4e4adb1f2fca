// End-to-end tests spawn the built bin: build once before the run so they do not test a stale bundle.
// The build swaps dist/ in atomically; when it fails the old bundle stays (CI builds in `npm ci` first, so a
// broken build fails CI there), and this says so loudly.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  try {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  } catch {
    console.error('\n*** build failed: end-to-end tests run against the previous bundle ***\n');
  }
}
