/** docker compose (plugin). */
import type { IO } from '../core/types.js';

export async function compose(argv: string[], io: IO): Promise<number> {
  void argv;
  io.err('docker compose: not available yet\n');
  return 1;
}
