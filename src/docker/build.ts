/** docker build (BuildKit's plain output). */
import type { Invocation } from './index.js';

export async function cmdBuild(inv: Invocation): Promise<number> {
  inv.io.err('build: not available yet\n');
  return 1;
}
