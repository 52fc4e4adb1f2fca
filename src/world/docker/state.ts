/** The Docker engine's slice of the world. Owned by the docker engine (src/world/docker). */
export interface DockerState {
  daemon: 'running' | 'stopped';
  /** id (64 hex) -> container as `docker inspect` shows it, plus private simulation fields under `_sim`. */
  containers: Record<string, any>;
  /** id (sha256:...) -> image as `docker image inspect` shows it, plus `_sim` (layers, files). */
  images: Record<string, any>;
  /** name -> volume as `docker volume inspect` shows it, plus `_sim.layer` (the files). */
  volumes: Record<string, any>;
  /** id (64 hex) -> network as `docker network inspect` shows it (Containers computed when printed). */
  networks: Record<string, any>;
  /** Build cache records (docker system df / prune): { id, size, createdMs, lastUsedMs, description } */
  buildCache?: any[];
  /** Whether the engine package is installed (yum/apt install docker). Defaults to true. */
  installed?: boolean;
}

const NET_CREATED = '2026-01-15T09:00:00.000000000Z';

function defaultNetwork(id: string, name: string, driver: string, ipam: any[]): any {
  return {
    Name: name,
    Id: id,
    Created: NET_CREATED,
    Scope: 'local',
    Driver: driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: ipam },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {},
    Options:
      name === 'bridge'
        ? {
            'com.docker.network.bridge.default_bridge': 'true',
            'com.docker.network.bridge.enable_icc': 'true',
            'com.docker.network.bridge.enable_ip_masquerade': 'true',
            'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
            'com.docker.network.bridge.name': 'docker0',
            'com.docker.network.driver.mtu': '1500',
          }
        : {},
    Labels: {},
  };
}

export function initDockerState(): DockerState {
  const bridge = 'b5c3f1a9d2e84f6a9c0d7e1b2a3f4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d';
  const host = '4f1e2d3c5b6a79880a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071';
  const none = '9a8b7c6d5e4f30211f2e3d4c5b6a79880716253443526170809a8b7c6d5e4f30';
  return {
    daemon: 'running',
    containers: {},
    images: {},
    volumes: {},
    networks: {
      [bridge]: defaultNetwork(bridge, 'bridge', 'bridge', [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }]),
      [host]: defaultNetwork(host, 'host', 'host', []),
      [none]: defaultNetwork(none, 'none', 'null', []),
    },
    buildCache: [],
    installed: true,
  };
}
