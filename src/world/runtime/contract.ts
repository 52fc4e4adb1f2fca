/**
 * The container runtime contract, shared by the Docker engine (src/world/docker) and the kubelet
 * (src/world/k8s). Owner: src/world/runtime. Signatures here are stable; the runtime fills in the bodies
 * (image catalog, layered filesystems, the container's main process, networking).
 *
 * Filesystems are plain data so they persist with the world:
 *   FsLayer = { [absolutePath]: FsNode }   ('/etc/os-release' -> file node; a deleted path -> whiteout)
 * An image is a list of layers (from the catalog, computed on demand and never stored in the world);
 * a container adds one writable layer (stored in the world) plus mounts (volumes: stored in the world;
 * bind mounts: the learner's real folder through ctx.host, read-only unless the learner writes there).
 */

export type FsNode =
  | { type: 'file'; content: string; mode?: number; mtime?: number }
  /** opaque: created over a whiteout (rm -rf X; mkdir X): hides what lower layers have below it. */
  | { type: 'dir'; mode?: number; mtime?: number; opaque?: boolean }
  | { type: 'symlink'; target: string }
  | { type: 'whiteout' };

export type FsLayer = Record<string, FsNode>;

/** An image's config as `docker image inspect` shows `.Config`. */
export interface ImageConfig {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  Env: string[];
  ExposedPorts?: Record<string, Record<string, never>>;
  WorkingDir: string;
  User: string;
  Labels: Record<string, string> | null;
  Volumes?: Record<string, Record<string, never>> | null;
  StopSignal?: string;
  Healthcheck?: { Test: string[]; Interval?: number; Timeout?: number; Retries?: number };
}

/** A parsed image reference. `nginx` -> docker.io / library/nginx / latest. */
export interface ImageRef {
  /** "docker.io", "gcr.io", "registry.k8s.io", "localhost:5000" */
  domain: string;
  /** "library/nginx", "learner/myapp" */
  path: string;
  tag?: string;
  digest?: string;
  /** How Docker shows it: "nginx:latest", "learner/myapp:1.0", "gcr.io/x/y:v1" */
  familiar: string;
}

/** What a container's main process does once started (decided from image + command + env). */
export type ProcessPlan =
  /** Prints these lines and exits with `code` after `runMs` (busybox echo, hello-world, a failing app). */
  | {
      kind: 'exit';
      code: number;
      output: string[];
      runMs: number;
      /** The same lines with when (ms after start) and on which stream they were printed. */
      timed?: PlanLine[];
      /** The process could not start (executable not found): Docker's/runc's message; code is 127 (or 126). */
      startError?: string;
      /** Filesystem changes made after start (only with PlanOptions.deferFs). */
      fsOps?: PlanFsOp[];
    }
  /** Runs until stopped (servers, `sleep 3600`, `tail -f /dev/null`); `logs` printed at start; `exitAfterMs` when it ends by itself. */
  | {
      kind: 'serve';
      logs: string[];
      exitAfterMs?: number;
      exitCode?: number;
      ports: number[];
      stopCode: number;
      /** The same lines with when (ms after start) and on which stream they were printed (a loop's output over time). */
      timed?: PlanLine[];
      /** Behaviour key of the serving process (apps.ts), for the network layer's Endpoint.app. */
      app?: string;
      /** argv of the serving process (after entrypoint wrappers). */
      argv?: string[];
      /** Filesystem changes made after start (only with PlanOptions.deferFs): apply them when their time comes. */
      fsOps?: PlanFsOp[];
    }
  /** An interactive shell (`sh`, `bash`) with stdin open: waits for input (-it) or exits 0 at once (no -i). */
  | { kind: 'shell'; shell: string };

/** A filesystem change a process makes `atMs` after it started (see PlanOptions.deferFs in process.ts). */
export interface PlanFsOp {
  atMs: number;
  op: 'write' | 'append' | 'mkdir' | 'remove';
  path: string;
  content?: string;
  recursive?: boolean;
}

/** One line a process printed, `atMs` after it started. */
export interface PlanLine {
  atMs: number;
  text: string;
  stream: 'stdout' | 'stderr';
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string; code?: number };
