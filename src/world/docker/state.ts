/** The Docker engine's slice of the world. Owned by the docker engine (src/world/docker). */
export interface DockerState {
  daemon: 'running' | 'stopped';
  /** id (64 hex) -> container as `docker inspect` shows it, plus private simulation fields under `_sim`. */
  containers: Record<string, any>;
  /** id (sha256:...) -> image as `docker image inspect` shows it. */
  images: Record<string, any>;
  volumes: Record<string, any>;
  networks: Record<string, any>;
}

export function initDockerState(): DockerState {
  return { daemon: 'running', containers: {}, images: {}, volumes: {}, networks: {} };
}
