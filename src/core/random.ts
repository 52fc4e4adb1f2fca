/** Seeded randomness kept in the world (world.rng), so every command is repeatable. */
import type { World } from '../world/world.js';

/** Next float in [0, 1) (mulberry32), advancing world.rng. */
export function random(world: { rng: number }): number {
  let t = (world.rng = (world.rng + 0x6d2b79f5) >>> 0);
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function randomInt(world: { rng: number }, lo: number, hiExclusive: number): number {
  return lo + Math.floor(random(world) * (hiExclusive - lo));
}

export function randomString(world: { rng: number }, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(random(world) * alphabet.length)];
  return s;
}

export const HEX = '0123456789abcdef';
/** Kubernetes' name suffix alphabet (apimachinery util/rand): no vowels, no 0/1/3. */
export const K8S_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function randomHex(world: { rng: number }, length: number): string {
  return randomString(world, HEX, length);
}

/** RFC 4122 v4 UUID from the world's randomness. */
export function randomUuid(world: { rng: number }): string {
  const h = randomHex(world, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16]!, 16) & 3]!;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function nextSeq(world: World): number {
  return ++world.seq;
}
