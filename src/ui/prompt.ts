/** PLACEHOLDER (the UI engineer replaces this file). */
import type { NestedShellTarget } from '../core/types.js';
import type { World } from '../world/world.js';
export function promptFor(_world: World, nested: NestedShellTarget[]): string {
  return nested.length ? nested[nested.length - 1]!.prompt : '$ ';
}
