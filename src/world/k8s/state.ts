/**
 * The cluster's slice of the world. Owned by src/world/k8s.
 * objects: kind -> key -> object, where key is `namespace/name` for namespaced kinds and `name` otherwise, and the
 * object is exactly what `kubectl get -o json` shows (so printers, goals and -o yaml need no translation).
 */
import type { World } from '../world.js';
import { bootstrapCluster, type NodeSpec } from './bootstrap.js';
import { initSim } from './store.js';

export interface ClusterState {
  /** minikube's view: Running, Stopped, or Deleted (no cluster at all). */
  status: 'Running' | 'Stopped' | 'Deleted';
  /** kind (e.g. "Pod", "Deployment") -> key -> object */
  objects: Record<string, Record<string, any>>;
  /** cluster-wide resourceVersion counter */
  resourceVersion: number;
  /** kubeconfig: contexts and the current one. */
  kubeconfig: {
    currentContext: string;
    contexts: Record<string, { cluster: string; user: string; namespace?: string }>;
  };
  /** Private controller/kubelet bookkeeping (container filesystems, logs, timers); not shown by kubectl. */
  sim: Record<string, any>;
}

/** A running single-node minikube cluster (or the scenario's nodes), deterministic from the world's seed. */
export function initClusterState(world: World, now: number, opts: { nodes?: NodeSpec[] } = {}): ClusterState {
  const state: ClusterState = {
    status: 'Running',
    objects: {},
    resourceVersion: 1,
    kubeconfig: { currentContext: 'minikube', contexts: { minikube: { cluster: 'minikube', user: 'minikube', namespace: 'default' } } },
    sim: initSim() as unknown as Record<string, any>,
  };
  // the bootstrap writes through the world: point it at the new state while it runs
  world.cluster = state;
  bootstrapCluster(world, now, opts);
  return state;
}
