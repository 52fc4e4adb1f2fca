/**
 * The prompt text, pure (no ink): the edge imports it for interactive mode.
 * Inside a nested shell (docker run -it, kubectl exec -it) it is that shell's prompt (`/ # ` in busybox);
 * otherwise `(<current-context>:<namespace>) $ `.
 */
import type { NestedShellTarget } from '../core/types.js';
import type { World } from '../world/world.js';

export function promptFor(world: World, nested: NestedShellTarget[]): string {
  const inner = nested[nested.length - 1];
  if (inner) return inner.prompt;
  const kc = world.cluster?.kubeconfig;
  const context = kc?.currentContext ?? '';
  const ns = (context && kc?.contexts?.[context]?.namespace) || 'default';
  return `(${context || 'none'}:${ns}) $ `;
}
