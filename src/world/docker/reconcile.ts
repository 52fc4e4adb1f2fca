import type { Reconciler } from '../sim.js';
/** Docker engine reconcilers (containers exiting, restart policies, stop grace periods). */
export const dockerReconcilers: Reconciler[] = [];
