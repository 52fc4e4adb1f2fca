import { describe, expect, it } from 'vitest';
import { promptFor } from '../../src/ui/prompt.js';
import type { World } from '../../src/world/world.js';

/** Just the kubeconfig slice the prompt reads (keeps this test independent of the cluster's bootstrap). */
function newWorld(_opts: unknown): World {
  return {
    cluster: { kubeconfig: { currentContext: 'minikube', contexts: { minikube: { cluster: 'minikube', user: 'minikube', namespace: 'default' } } } },
  } as unknown as World;
}
const T0 = 0;

describe('promptFor', () => {
  it('shows the current context and its namespace', () => {
    const w = newWorld({ now: T0 });
    expect(promptFor(w, [])).toBe('(minikube:default) $ ');
    w.cluster.kubeconfig.contexts.minikube!.namespace = 'dev';
    expect(promptFor(w, [])).toBe('(minikube:dev) $ ');
    w.cluster.kubeconfig.contexts.other = { cluster: 'other', user: 'u' };
    w.cluster.kubeconfig.currentContext = 'other';
    expect(promptFor(w, [])).toBe('(other:default) $ ');
  });

  it('shows the innermost nested shell prompt inside a container', () => {
    const w = newWorld({ now: T0 });
    const outer = { kind: 'docker' as const, id: 'abc', prompt: 'root@abc123:/# ' };
    const inner = { kind: 'pod' as const, id: 'web', namespace: 'default', prompt: '/ # ' };
    expect(promptFor(w, [outer])).toBe('root@abc123:/# ');
    expect(promptFor(w, [outer, inner])).toBe('/ # ');
  });

  it('does not load ink (the edge imports it on every prompt)', async () => {
    const { readFileSync } = await import('node:fs');
    const src = readFileSync(new URL('../../src/ui/prompt.ts', import.meta.url), 'utf8') + readFileSync(new URL('../../src/ui/complete.ts', import.meta.url), 'utf8');
    expect(src).not.toMatch(/from 'ink'|from 'react'/);
  });
});
