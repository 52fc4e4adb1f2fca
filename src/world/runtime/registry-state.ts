/** The simulated registry ("Docker Hub"): what learners pushed and who is logged in. */
export interface RegistryState {
  /** repository (docker.io/user/name) -> tag -> image record. Catalog images are not stored here (they are code). */
  pushed: Record<string, Record<string, any>>;
  /** Extra images a scenario declares (environment.images), keyed by reference as written. */
  extra: Record<string, any>;
  /** registry host -> username logged in. */
  logins: Record<string, string>;
}

export function initRegistryState(): RegistryState {
  return { pushed: {}, extra: {}, logins: {} };
}
