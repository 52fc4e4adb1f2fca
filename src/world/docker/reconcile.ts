import type { Reconciler } from '../sim.js';
import { nextContainerWake, reconcileContainers } from './engine.js';
/** Docker engine reconcilers: processes that end by themselves, restart policies (with back-off). */
export const dockerReconcilers: Reconciler[] = [
  { name: 'docker-containers', reconcile: reconcileContainers, nextWake: nextContainerWake },
];
