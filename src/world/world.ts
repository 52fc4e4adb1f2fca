/**
 * The whole simulated world: one JSON-serialisable value. No classes, no functions, no Dates (ms numbers).
 * Each subsystem owns its slice and its type (see the imports); this file only assembles them.
 */
import { initDockerState, type DockerState } from './docker/state.js';
import { initClusterState, type ClusterState } from './k8s/state.js';
import { initRegistryState, type RegistryState } from './runtime/registry-state.js';
import { SCHEMA_VERSION } from './schema.js';
// Whatever makes a world gets the reconcilers that move it on.
import './reconcilers.js';

export { SCHEMA_VERSION };

export interface ShellState {
  /** Exported shell variables that persist between lines (export FOO=bar). */
  env: Record<string, string>;
  /** alias name -> replacement text. `k` = `kubectl` from the start. */
  aliases: Record<string, string>;
}

export interface World {
  schemaVersion: number;
  /** Seed the world was made with (scenarios and tests fix it). */
  seed: number;
  /** PRNG state (see src/core/random.ts). */
  rng: number;
  clock: {
    /** Simulated time added on top of the wall clock by sleep / wait / rollout status / fast-forward. */
    offsetMs: number;
    /** Simulated time up to which every subsystem has been settled. */
    settledAt: number;
    /** Simulated time the world was created. */
    createdAt: number;
  };
  /** Monotonic counter for anything that needs unique numbers (resourceVersion lives in the cluster). */
  seq: number;
  shell: ShellState;
  docker: DockerState;
  registry: RegistryState;
  cluster: ClusterState;
}

export interface NewWorldOptions {
  seed?: number;
  /** Simulated time of creation (ms). */
  now: number;
}

export function newWorld(opts: NewWorldOptions): World {
  const seed = opts.seed ?? 1;
  const world: World = {
    schemaVersion: SCHEMA_VERSION,
    seed,
    rng: seed >>> 0 || 1,
    clock: { offsetMs: 0, settledAt: opts.now, createdAt: opts.now },
    seq: 0,
    shell: { env: {}, aliases: { k: 'kubectl' } },
    docker: initDockerState(),
    registry: initRegistryState(),
    cluster: undefined as unknown as ClusterState,
  };
  world.cluster = initClusterState(world, opts.now);
  return world;
}
