import type { Reconciler } from '../sim.js';
/** Cluster controllers, scheduler and kubelets, in the order they run each round. */
export const clusterReconcilers: Reconciler[] = [];
