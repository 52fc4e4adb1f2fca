import type { Reconciler } from '../sim.js';
import { nextContainerWake, reconcileContainers } from './engine.js';
import { registerNameResolver, registerResolver } from '../runtime/net.js';
import { dockerNameResolver, dockerResolver } from './net.js';

/** Docker engine reconcilers: processes that end by themselves, restart policies (with back-off). */
export const dockerReconcilers: Reconciler[] = [
  { name: 'docker-containers', reconcile: reconcileContainers, nextWake: nextContainerWake },
];

// The network model asks the engine who answers on published ports, container IPs and names.
registerResolver(dockerResolver, 'docker');
registerNameResolver(dockerNameResolver, 'docker');
