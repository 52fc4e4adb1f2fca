/** sha256 hex of a string (pure): deterministic ids and digests. */
import { createHash } from 'node:crypto';

export function sha256hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
