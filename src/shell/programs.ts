/**
 * Host programs, loaded lazily so a one-shot `-c 'echo hi'` never loads docker or kubectl code.
 * The shell's own builtins and text tools are looked up before this table.
 * A module that is missing from this build (parts are written in parallel) gives a clear message, not a trace.
 */
import type { Program } from '../core/types.js';

/** Loads an optional module of this build by file name (a template import: esbuild bundles what exists). */
async function runtimeModule(name: string): Promise<Record<string, unknown>> {
  return import(`../world/runtime/${name}.ts`);
}
async function dockerModule(name: string): Promise<Record<string, unknown>> {
  return import(`../docker/${name}.ts`);
}

function missing(name: string, where: string): Program {
  return (_argv, io) => {
    io.err(`k8s-drill: ${name} is not available in this build yet (${where})\n`);
    return 127;
  };
}

function optional(name: string, load: () => Promise<Record<string, unknown>>, exportNames: string[], where: string): () => Promise<Program> {
  return async () => {
    try {
      const m = await load();
      const p = exportNames.map((n) => m[n]).find((x) => typeof x === 'function');
      return p ? (p as Program) : missing(name, where);
    } catch {
      return missing(name, where);
    }
  };
}

export const hostPrograms: Record<string, () => Promise<Program>> = {
  docker: () => import('../docker/index.js').then((m) => m.docker),
  kubectl: () => import('../kubectl/index.js').then((m) => m.kubectl),
  minikube: () => import('../kubectl/minikube.js').then((m) => m.minikube),
  curl: optional('curl', () => runtimeModule('net'), ['curl'], 'src/world/runtime/net.ts'),
  wget: optional('wget', () => runtimeModule('net'), ['wget'], 'src/world/runtime/net.ts'),
  service: optional('service', () => dockerModule('service'), ['service'], 'src/docker/service.ts'),
  systemctl: optional('systemctl', () => dockerModule('service'), ['systemctl'], 'src/docker/service.ts'),
  yum: optional('yum', () => dockerModule('service'), ['yum'], 'src/docker/service.ts'),
  'apt-get': optional('apt-get', () => dockerModule('service'), ['apt-get', 'aptGet', 'apt_get'], 'src/docker/service.ts'),
  apt: optional('apt', () => dockerModule('service'), ['apt'], 'src/docker/service.ts'),
};

/** The nested shell router (docker run -it / exec -it): runNested(session, line). */
export async function loadNested(): Promise<((session: unknown, line: string) => Promise<unknown>) | null> {
  try {
    const m = await runtimeModule('nested');
    return typeof m.runNested === 'function' ? (m.runNested as (s: unknown, l: string) => Promise<unknown>) : null;
  } catch {
    return null;
  }
}
