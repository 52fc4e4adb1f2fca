/** PLACEHOLDER (the UI engineer replaces this file). */
import type { World } from '../world/world.js';
export function completeLine(_world: World, _line: string, cursor: number): { start: number; candidates: string[] } {
  return { start: cursor, candidates: [] };
}
