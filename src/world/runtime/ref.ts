/**
 * Docker image references, normalised as docker/distribution's `reference.ParseNormalizedNamed` does:
 *   nginx            -> docker.io / library/nginx / latest        familiar "nginx:latest"
 *   user/app:1.0     -> docker.io / user/app / 1.0                familiar "user/app:1.0"
 *   gcr.io/x/y:v1    -> gcr.io / x/y / v1                         familiar "gcr.io/x/y:v1"
 *   localhost:5000/x -> localhost:5000 / x / latest
 *   nginx@sha256:... -> digest, no tag
 */
import type { ImageRef, Result } from './contract.js';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const NAME_TOTAL_LENGTH_MAX = 255;

export const INVALID_REFERENCE = 'invalid reference format';

function validDomain(domain: string): boolean {
  let host = domain;
  const m = /^(.*):([0-9]+)$/.exec(domain);
  if (m) host = m[1]!;
  if (/^\[[a-fA-F0-9:]+\]$/.test(host)) return true;
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

/** Splits `name` into domain and remainder as docker's splitDockerDomain does. */
function splitDomain(name: string): { domain: string; remainder: string } {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  if (i === -1 || (!/[.:]/.test(name.slice(0, i)) && name.slice(0, i) !== 'localhost' && name.slice(0, i).toLowerCase() === name.slice(0, i))) {
    domain = 'docker.io';
    remainder = name;
  } else {
    domain = name.slice(0, i);
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !remainder.includes('/')) remainder = 'library/' + remainder;
  return { domain, remainder };
}

/** How Docker shows a repository: without docker.io/ and library/. */
export function familiarName(domain: string, path: string): string {
  if (domain === 'docker.io') return path.startsWith('library/') && path.split('/').length === 2 ? path.slice(8) : path;
  return `${domain}/${path}`;
}

/** Parses an image reference the way `docker pull/run/tag` does. Adds `latest` when there is neither tag nor digest. */
export function parseImageRef(s: string): Result<ImageRef> {
  if (!s || /\s/.test(s)) return { ok: false, error: INVALID_REFERENCE };
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: INVALID_REFERENCE };
    if (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)) return { ok: false, error: INVALID_REFERENCE };
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: INVALID_REFERENCE };
  }
  if (!rest) return { ok: false, error: INVALID_REFERENCE };
  const { domain, remainder } = splitDomain(rest);
  if (remainder.toLowerCase() !== remainder) {
    return { ok: false, error: `invalid reference format: repository name (${remainder}) must be lowercase` };
  }
  if (!validDomain(domain)) return { ok: false, error: INVALID_REFERENCE };
  if (!remainder.split('/').every((c) => PATH_COMPONENT.test(c))) return { ok: false, error: INVALID_REFERENCE };
  if (`${domain}/${remainder}`.length > NAME_TOTAL_LENGTH_MAX) {
    return { ok: false, error: `invalid reference format: repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters` };
  }
  if (!tag && !digest) tag = 'latest';
  const name = familiarName(domain, remainder);
  const familiar = name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
  return { ok: true, value: { domain, path: remainder, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}), familiar } };
}

/** Familiar repository name of a parsed ref ("nginx", "learner/app", "gcr.io/x/y"). */
export function repoName(ref: ImageRef): string {
  return familiarName(ref.domain, ref.path);
}

/** Fully qualified repository ("docker.io/library/nginx"). */
export function fullRepo(ref: ImageRef): string {
  return `${ref.domain}/${ref.path}`;
}
