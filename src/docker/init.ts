/** docker init (plugin). */
import type { IO } from '../core/types.js';

export async function dockerInit(argv: string[], io: IO): Promise<number> {
  void argv;
  io.err('docker init: not available yet\n');
  return 1;
}
