/** Registers every subsystem's reconcilers with the simulated clock (src/world/sim.ts). Imported for its effect. */
import { registerReconcilers } from './sim.js';
import { dockerReconcilers } from './docker/reconcile.js';
import { clusterReconcilers } from './k8s/reconcile.js';

registerReconcilers(() => [...dockerReconcilers, ...clusterReconcilers]);
