/**
 * Host programs, loaded lazily so a one-shot `-c` pays only for what it runs.
 * The shell's own builtins and text tools are looked up before this table.
 */
import type { Program } from '../core/types.js';

export const hostPrograms: Record<string, () => Promise<Program>> = {
  docker: () => import('../docker/index.js').then((m) => m.docker),
  kubectl: () => import('../kubectl/index.js').then((m) => m.kubectl),
  minikube: () => import('../kubectl/minikube.js').then((m) => m.minikube),
};
