/**
 * The image catalog and the simulated registry ("Docker Hub").
 *
 * The catalog is code, never stored in the world. `resolveImage(world, 'nginx:1.25')` answers what a pull finds:
 * the catalog, then scenario images (world.registry.extra), then what learners pushed (world.registry.pushed).
 * A ResolvedImage is plain data (its fs layers are shared and cached: never mutate them); how an image's main
 * process behaves (logs, HTTP answers) is looked up by its `app` key in apps.ts.
 */
import { sha256hex } from './hash.js';
import type { FsLayer, ImageConfig, ImageRef, Result } from './contract.js';
import { parseImageRef, repoName, familiarName } from './ref.js';
import { osInfo, osLayer, type Flavor } from './osfs.js';
import * as C from './content.js';

export { parseImageRef, familiarName, repoName, fullRepo } from './ref.js';
export type { Flavor } from './osfs.js';

/** One layer as `docker history` and pull show it (bottom first). Empty layers (ENV, CMD ...) have size 0. */
export interface ImageLayer {
  /** sha256:<64 hex> of the (compressed) blob; for empty layers, undefined. */
  digest?: string;
  size: number;
  createdBy: string;
  /** ISO time */
  created: string;
  comment: string;
  empty: boolean;
}

export interface ResolvedImage {
  /** The reference as asked for (tag filled in). */
  ref: ImageRef;
  /** Familiar repository: "nginx", "traefik/whoami", "gcr.io/google-samples/kubernetes-bootcamp". */
  repository: string;
  /** Tag asked for ("latest"), or undefined when pulled by digest only. */
  tag?: string;
  /** sha256:<64 hex>: the same for tags that name one image (nginx, nginx:latest, nginx:1.29.3). */
  id: string;
  /** Repo digest sha256:<64 hex> (`Digest:` line of a pull, RepoDigests). */
  digest: string;
  /** Uncompressed size in bytes, as `docker images` shows it. */
  size: number;
  /** ISO time the image was built. */
  created: string;
  os: 'linux';
  architecture: 'amd64';
  layers: ImageLayer[];
  config: ImageConfig;
  flavor: Flavor;
  /** Pretty OS name ("Debian GNU/Linux 12 (bookworm)"), '' for scratch images. */
  osName: string;
  /** Version of the main software (nginx 1.29.3, node 20.19.5, redis 8.2.3 ...). */
  version: string;
  /** Read-only filesystem layers, bottom first. Shared: never mutate. */
  fs: FsLayer[];
  /** Behaviour key for the main process (see apps.ts): 'nginx', 'redis', 'hello', 'shell', 'generic' ... */
  app: string;
  /** Where the registry found it. */
  source: 'catalog' | 'extra' | 'pushed';
  /** Scenario image declaration (source 'extra'), or the pushed record's own behaviour. */
  scenario?: ScenarioImage;
}

/** A scenario's `environment.images` entry. */
export interface ScenarioImage {
  cmd?: string[];
  entrypoint?: string[];
  ports?: number[];
  logs?: string[];
  exitCode?: number;
  env?: Record<string, string> | string[];
  /** Optional: the image it behaves like (default busybox). */
  base?: string;
  /** Optional HTTP body for every request. */
  response?: string;
}

/**
 * An image learners pushed (world.registry.pushed[docker.io/user/name][tag]) or built locally: the docker engine
 * writes these. Enough to recreate a ResolvedImage with `imageFromRecord`.
 */
export interface PushedImage {
  /** sha256:<64 hex> image id */
  id: string;
  /** repo digest sha256:<64 hex> given by the push */
  digest?: string;
  size: number;
  /** ISO time */
  created: string;
  config: ImageConfig;
  layers: ImageLayer[];
  /** The reference of the image it was built FROM (catalog/extra/pushed), for the OS, programs and app behaviour. */
  base?: string | null;
  /** Files the build added on top of the base (COPY, RUN echo > f ...), keyed by absolute path. */
  files?: FsLayer;
  /** Behaviour key override (e.g. 'node-app' when CMD runs node on a script). Default: the base's app. */
  app?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// hashing helpers (pure)

export { sha256hex };

const PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BK = 'buildkit.dockerfile.v0';

function daysBefore(iso: string, days: number): string {
  return new Date(Date.parse(iso) - days * 86_400_000).toISOString().replace('.000Z', 'Z');
}

// ---------------------------------------------------------------------------------------------------------------
// catalog families

interface Canon {
  /** Canonical tag: aliases (latest, mainline, 1.29) map to one (1.29.3). */
  key: string;
  version: string;
  variant: string;
}

interface Spec {
  os: string;
  size: number;
  created: string;
  config: Partial<ImageConfig>;
  /** history steps above the OS layer: [createdBy, size, comment?] */
  steps: Array<[string, number] | [string, number, string]>;
  files?: FsLayer;
  app: string;
  version?: string;
}

interface Family {
  repo: string;
  canon(tag: string): Canon | null;
  spec(c: Canon): Spec;
}

const EXE = (content = ''): { type: 'file'; content: string; mode: number } => ({ type: 'file', content, mode: 0o755 });
const FILE = (content: string): { type: 'file'; content: string } => ({ type: 'file', content });
const DIR = { type: 'dir' as const, mode: 0o755 };

/** Tag grammar of official images: VERSION[-VARIANT] where VERSION is an alias or numeric. */
function versioned(
  tag: string,
  opts: {
    latest: string;
    /** alias -> version ("latest", "stable", "lts", "3") */
    aliases?: Record<string, string>;
    /** known full versions; partials (1.25) map to the newest full one with that prefix */
    versions: string[];
    variants: string[];
    defaultVariant?: string;
  },
): Canon | null {
  let variant = opts.defaultVariant ?? '';
  let v = tag;
  for (const va of [...opts.variants].sort((a, b) => b.length - a.length)) {
    if (tag === va) {
      v = 'latest';
      variant = va;
      break;
    }
    if (tag.endsWith('-' + va)) {
      v = tag.slice(0, -va.length - 1);
      variant = va;
      break;
    }
  }
  const aliases: Record<string, string> = { latest: opts.latest, ...(opts.aliases ?? {}) };
  let full = aliases[v] ?? v;
  if (!opts.versions.includes(full)) {
    const cands = opts.versions.filter((x) => x.startsWith(full + '.'));
    if (!cands.length) return null;
    full = cands[0]!; // versions are listed newest first
  }
  return { key: full + (variant ? '-' + variant : ''), version: full, variant };
}

function expand(spec: Record<string, number>): string[] {
  // "1.29": 3 -> 1.29.3, 1.29.2, 1.29.1, 1.29.0 (newest first)
  const out: string[] = [];
  for (const [minor, maxPatch] of Object.entries(spec)) for (let p = maxPatch; p >= 0; p--) out.push(`${minor}.${p}`);
  return out;
}

function cmpVer(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

const NGINX_MINORS: Record<string, number> = {
  '1.29': 3, '1.28': 0, '1.27': 5, '1.26': 3, '1.25': 5, '1.24': 0, '1.23': 4, '1.22': 1, '1.21': 6, '1.20': 2, '1.19': 10,
  '1.18': 0, '1.17': 10, '1.16': 1, '1.15': 12, '1.14': 2, '1.13': 12, '1.12': 2, '1.11': 13, '1.10': 3, '1.9': 15, '1.8': 1, '1.7': 12,
};
const NGINX_VERSIONS = expand(NGINX_MINORS).sort((a, b) => cmpVer(b, a));

function nginxDebian(version: string): string {
  if (cmpVer(version, '1.25.0') >= 0) return 'debian:12';
  if (cmpVer(version, '1.20.0') >= 0) return 'debian:11';
  if (cmpVer(version, '1.16.0') >= 0) return 'debian:10';
  if (cmpVer(version, '1.12.0') >= 0) return 'debian:9';
  return 'debian:8';
}
function nginxAlpine(version: string): string {
  if (cmpVer(version, '1.29.0') >= 0) return 'alpine:3.22';
  if (cmpVer(version, '1.27.3') >= 0) return 'alpine:3.21';
  if (cmpVer(version, '1.27.0') >= 0) return 'alpine:3.20';
  if (cmpVer(version, '1.25.3') >= 0) return 'alpine:3.18';
  if (cmpVer(version, '1.23.0') >= 0) return 'alpine:3.17';
  if (cmpVer(version, '1.21.0') >= 0) return 'alpine:3.14';
  if (cmpVer(version, '1.17.0') >= 0) return 'alpine:3.12';
  return 'alpine:3.9';
}
function nginxSize(version: string, alpine: boolean): number {
  const table: Array<[string, number, number]> = [
    ['1.29.0', 192_000_000, 52_700_000],
    ['1.27.0', 192_000_000, 47_900_000],
    ['1.25.0', 187_000_000, 43_200_000],
    ['1.23.0', 142_000_000, 40_700_000],
    ['1.21.0', 141_000_000, 23_400_000],
    ['1.19.0', 133_000_000, 22_600_000],
    ['1.16.0', 127_000_000, 21_200_000],
    ['1.14.0', 109_000_000, 16_100_000],
    ['1.0.0', 91_700_000, 15_500_000],
  ];
  for (const [v, d, a] of table) if (cmpVer(version, v) >= 0) return alpine ? a : d;
  return 91_700_000;
}
/** Rough release date: newer versions are newer. */
function nginxCreated(version: string): string {
  const idx = NGINX_VERSIONS.indexOf(version);
  return daysBefore('2025-11-18T21:14:12Z', Math.max(0, idx) * 21);
}

function nginxFiles(version: string, alpine: boolean): FsLayer {
  const index = cmpVer(version, '1.21.0') >= 0 ? C.NGINX_INDEX : C.NGINX_INDEX_OLD;
  const f: FsLayer = {
    '/docker-entrypoint.sh': EXE(C.DOCKER_ENTRYPOINT_NGINX),
    '/docker-entrypoint.d': { ...DIR },
    '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': EXE('#!/bin/sh\n'),
    '/docker-entrypoint.d/15-local-resolvers.envsh': EXE('#!/bin/sh\n'),
    '/docker-entrypoint.d/20-envsubst-on-templates.sh': EXE('#!/bin/sh\n'),
    '/docker-entrypoint.d/30-tune-worker-processes.sh': EXE('#!/bin/sh\n'),
    '/etc/nginx/nginx.conf': FILE(C.NGINX_CONF),
    '/etc/nginx/conf.d/default.conf': FILE(C.NGINX_DEFAULT_CONF),
    '/etc/nginx/mime.types': FILE(C.NGINX_MIME_TYPES),
    '/etc/nginx/fastcgi_params': FILE('fastcgi_param  QUERY_STRING       $query_string;\n'),
    '/etc/nginx/scgi_params': FILE('scgi_param  REQUEST_METHOD     $request_method;\n'),
    '/etc/nginx/uwsgi_params': FILE('uwsgi_param  QUERY_STRING       $query_string;\n'),
    '/etc/nginx/modules': { type: 'symlink', target: alpine ? '/usr/lib/nginx/modules' : '/usr/lib/nginx/modules' },
    '/usr/lib/nginx/modules': { ...DIR },
    '/usr/share/nginx/html/index.html': FILE(index),
    '/usr/share/nginx/html/50x.html': FILE(C.NGINX_50X),
    '/usr/sbin/nginx': EXE(),
    '/usr/sbin/nginx-debug': EXE(),
    '/usr/bin/curl': EXE(),
    '/usr/bin/envsubst': EXE(),
    '/var/cache/nginx': { ...DIR },
    '/var/log/nginx/access.log': { type: 'symlink', target: '/dev/stdout' },
    '/var/log/nginx/error.log': { type: 'symlink', target: '/dev/stderr' },
  };
  const passwdLine = alpine ? 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n' : 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n';
  f['/etc/passwd'] = FILE((alpine ? osLayerFile('alpine:3.22', '/etc/passwd') : osLayerFile('debian:12', '/etc/passwd')) + passwdLine);
  return f;
}

function osLayerFile(os: string, p: string): string {
  const n = osLayer(os)[p];
  return n && n.type === 'file' ? n.content : '';
}

const nginx: Family = {
  repo: 'library/nginx',
  canon: (tag) =>
    versioned(tag, {
      latest: '1.29.3',
      aliases: { mainline: '1.29.3', stable: '1.28.0', '1': '1.29.3' },
      versions: NGINX_VERSIONS,
      variants: ['alpine', 'alpine-slim', 'perl', 'alpine-perl', 'bookworm', 'bookworm-perl', 'otel', 'alpine-otel', 'trixie'],
    }),
  spec: ({ version, variant }) => {
    const alpine = variant.startsWith('alpine');
    const os = alpine ? nginxAlpine(version) : nginxDebian(version);
    const size = nginxSize(version, alpine) + (variant.includes('perl') ? 45_000_000 : 0) - (variant === 'alpine-slim' ? 33_000_000 : 0);
    const created = nginxCreated(version);
    const codename = /\((\w+)\)/.exec(osInfo(os).prettyName)?.[1] ?? 'bookworm';
    const rel = alpine ? '1' : `1~${codename}`;
    // the docker-entrypoint.sh scripts arrived with 1.19
    const withEntry = cmpVer(version, '1.19.0') >= 0;
    const files = nginxFiles(version, alpine);
    if (!withEntry) for (const k of Object.keys(files)) if (k.startsWith('/docker-entrypoint')) delete files[k];
    return {
      os,
      size,
      created,
      app: 'nginx',
      version,
      config: {
        Entrypoint: withEntry ? ['/docker-entrypoint.sh'] : null,
        Cmd: ['nginx', '-g', 'daemon off;'],
        Env: [PATH_ENV, `NGINX_VERSION=${version}`, ...(alpine ? [`PKG_RELEASE=${rel}`] : [`NJS_VERSION=0.9.4`, `NJS_RELEASE=${rel}`, `PKG_RELEASE=${rel}`])],
        ExposedPorts: { '80/tcp': {} },
        Labels: { maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' },
        StopSignal: 'SIGQUIT',
      },
      steps: [
        ['LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>', 0],
        [`ENV NGINX_VERSION=${version}`, 0],
        ...(alpine ? [] : ([[`ENV NJS_VERSION=0.9.4`, 0], [`ENV NJS_RELEASE=${rel}`, 0]] as Array<[string, number]>)),
        [`ENV PKG_RELEASE=${rel}`, 0],
        [alpine ? 'RUN /bin/sh -c set -x     && addgroup -g 101 -S nginx     && adduser -S -D -H -u 101 -h /var/cache/nginx -s /sbin/nologin -G nginx -g nginx nginx # buildkit' : 'RUN /bin/sh -c set -x     && groupadd --system --gid 101 nginx     && useradd --system --gid nginx --no-create-home --home /nonexistent --comment "nginx user" --shell /bin/false --uid 101 nginx # buildkit', -1],
        ...((withEntry
          ? [
              ['COPY docker-entrypoint.sh / # buildkit', 1620],
              ['COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit', 2125],
              ['COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit', 389],
              ['COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit', 3018],
              ['COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit', 4620],
              ['ENTRYPOINT ["/docker-entrypoint.sh"]', 0],
            ]
          : []) as Array<[string, number]>),
        ['EXPOSE map[80/tcp:{}]', 0],
        ['STOPSIGNAL SIGQUIT', 0],
        ['CMD ["nginx" "-g" "daemon off;"]', 0],
      ],
      files,
    };
  },
};

const busybox: Family = {
  repo: 'library/busybox',
  canon: (tag) =>
    versioned(tag, {
      latest: '1.37.0',
      aliases: { stable: '1.37.0', unstable: '1.37.0', '1': '1.37.0' },
      versions: ['1.37.0', '1.36.1', '1.36.0', '1.35.0', '1.34.1', '1.34.0', '1.33.1', '1.32.1', '1.31.1', '1.30.1', '1.29.3', '1.28.4', '1.28.0', '1.27.2', '1.26.2', '1.25.1', '1.24.2'],
      variants: ['glibc', 'musl', 'uclibc'],
    }),
  spec: ({ version, variant }) => {
    const sizes: Record<string, number> = { '1.37.0': 4_270_000, '1.36.1': 4_260_000, '1.36.0': 4_860_000, '1.35.0': 4_860_000, '1.28.4': 1_150_000, '1.28.0': 1_150_000 };
    const size = variant === 'musl' ? 1_510_000 : variant === 'uclibc' ? 1_240_000 : (sizes[version] ?? 4_260_000);
    return {
      os: 'busybox',
      size,
      created: version === '1.37.0' ? '2024-09-26T21:31:42Z' : daysBefore('2024-09-26T21:31:42Z', 200 + (37 - Number(version.split('.')[1])) * 180),
      app: 'shell',
      version,
      config: { Cmd: ['sh'], Env: [PATH_ENV] },
      steps: [['CMD ["sh"]', 0]],
      files: {},
    };
  },
};

const ALPINE_VERSIONS = ['3.22.2', '3.22.1', '3.22.0', '3.21.5', '3.21.3', '3.21.0', '3.20.8', '3.20.3', '3.20.0', '3.19.9', '3.19.1', '3.19.0', '3.18.12', '3.18.4', '3.18.0', '3.17.10', '3.17.3', '3.17.0', '3.16.9', '3.16.0', '3.15.11', '3.14.10', '3.12.12', '3.9.6', '3.4.6'];
const alpine: Family = {
  repo: 'library/alpine',
  canon: (tag) => versioned(tag, { latest: '3.22.2', aliases: { '3': '3.22.2', edge: '3.22.2' }, versions: ALPINE_VERSIONS, variants: [] }),
  spec: ({ version }) => {
    const minor = version.split('.').slice(0, 2).join('.');
    const os = `alpine:${minor}`;
    const info = osInfo(os);
    return {
      os,
      size: info.baseSize,
      created: daysBefore('2025-10-08T11:04:56Z', ALPINE_VERSIONS.indexOf(version) * 40),
      app: 'shell',
      version,
      config: { Cmd: ['/bin/sh'], Env: [PATH_ENV] },
      steps: [['CMD ["/bin/sh"]', 0]],
      files: {},
    };
  },
};

const UBUNTU_ALIASES: Record<string, string> = { latest: '24.04', noble: '24.04', jammy: '22.04', focal: '20.04', bionic: '18.04', xenial: '16.04', trusty: '14.04', rolling: '24.04' };
const ubuntu: Family = {
  repo: 'library/ubuntu',
  canon: (tag) => {
    const v = UBUNTU_ALIASES[tag] ?? tag.replace(/^(\d\d\.\d\d)\.\d+$/, '$1');
    return ['24.04', '22.04', '20.04', '18.04', '16.04', '14.04'].includes(v) ? { key: v, version: v, variant: '' } : null;
  },
  spec: ({ version }) => {
    const os = `ubuntu:${version}`;
    return {
      os,
      size: osInfo(os).baseSize,
      created: daysBefore('2025-10-13T16:11:30Z', (24 - Number(version.slice(0, 2))) * 150),
      app: 'shell',
      version,
      config: { Cmd: ['/bin/bash'], Env: [PATH_ENV], Labels: { 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': version } },
      steps: [
        ['/bin/sh -c #(nop)  ARG RELEASE', 0],
        ['/bin/sh -c #(nop)  ARG LAUNCHPAD_BUILD_ARCH', 0],
        ['/bin/sh -c #(nop)  LABEL org.opencontainers.image.ref.name=ubuntu', 0],
        [`/bin/sh -c #(nop)  LABEL org.opencontainers.image.version=${version}`, 0],
        ['__BASE__', 0],
        ['/bin/sh -c #(nop)  CMD ["/bin/bash"]', 0],
      ],
      files: {},
    };
  },
};

const DEBIAN_ALIASES: Record<string, string> = { latest: '13', stable: '13', trixie: '13', bookworm: '12', bullseye: '11', buster: '10', stretch: '9', jessie: '8', oldstable: '12' };
const debian: Family = {
  repo: 'library/debian',
  canon: (tag) => {
    const slim = tag.endsWith('-slim');
    const base = slim ? tag.slice(0, -5) : tag;
    const v = DEBIAN_ALIASES[base] ?? base.replace(/^(\d+)(\.\d+)?$/, '$1');
    return ['13', '12', '11', '10', '9', '8'].includes(v) ? { key: v + (slim ? '-slim' : ''), version: v, variant: slim ? 'slim' : '' } : null;
  },
  spec: ({ version, variant }) => {
    const os = `debian:${version}`;
    const size = Math.round(osInfo(os).baseSize * (variant === 'slim' ? 1 : 1.57));
    return {
      os,
      size,
      created: daysBefore('2025-11-17T00:00:00Z', (13 - Number(version)) * 300),
      app: 'shell',
      version,
      config: { Cmd: ['bash'], Env: [PATH_ENV] },
      steps: [['CMD ["bash"]', 0, 'debuerreotype 0.16']],
      files: {},
    };
  },
};

const hello: Family = {
  repo: 'library/hello-world',
  canon: (tag) => (['latest', 'linux', 'nanoserver'].includes(tag) ? { key: 'latest', version: 'latest', variant: '' } : null),
  spec: () => ({
    os: 'scratch',
    size: 10_072,
    created: '2025-08-08T19:05:17Z',
    app: 'hello',
    version: '',
    config: { Cmd: ['/hello'], Env: [PATH_ENV] },
    steps: [
      ['COPY hello / # buildkit', 10_072],
      ['CMD ["/hello"]', 0],
    ],
    files: { '/hello': EXE() },
  }),
};

const whoami: Family = {
  repo: 'traefik/whoami',
  canon: (tag) => {
    const v = tag === 'latest' ? 'v1.11.0' : tag.replace(/^v?(\d+\.\d+)$/, 'v$1.0').replace(/^(\d)/, 'v$1');
    return ['v1.11.0', 'v1.10.3', 'v1.10.1', 'v1.10.0', 'v1.9.0', 'v1.8.7'].includes(v) ? { key: v, version: v, variant: '' } : null;
  },
  spec: ({ version }) => ({
    os: 'scratch',
    size: 6_970_000,
    created: '2025-04-22T13:12:09Z',
    app: 'whoami',
    version,
    config: { Entrypoint: ['/whoami'], Cmd: null, Env: [PATH_ENV], ExposedPorts: { '80/tcp': {} } },
    steps: [
      ['COPY /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ # buildkit', 220_000],
      ['COPY /go/whoami/whoami /whoami # buildkit', 6_750_000],
      ['ENTRYPOINT ["/whoami"]', 0],
      ['EXPOSE map[80/tcp:{}]', 0],
    ],
    files: { '/whoami': EXE(), '/etc/ssl/certs/ca-certificates.crt': FILE('') },
  }),
};

function officialApp(
  repo: string,
  opts: {
    latest: string;
    aliases?: Record<string, string>;
    versions: string[];
    variants: string[];
    make: (c: Canon) => Spec;
  },
): Family {
  return { repo, canon: (tag) => versioned(tag, opts), spec: opts.make };
}

const httpd = officialApp('library/httpd', {
  latest: '2.4.65',
  aliases: { '2': '2.4.65' },
  versions: ['2.4.65', '2.4.63', '2.4.62', '2.4.58', '2.4.57', '2.4.54', '2.4.46', '2.4.41', '2.4.39'],
  variants: ['alpine', 'bookworm', 'trixie'],
  make: ({ version, variant }) => {
    const alp = variant === 'alpine';
    return {
      os: alp ? 'alpine:3.22' : 'debian:13',
      size: alp ? 62_700_000 : 117_000_000,
      created: '2025-11-18T02:13:51Z',
      app: 'httpd',
      version,
      config: {
        Cmd: ['httpd-foreground'],
        Env: [PATH_ENV.replace('PATH=', 'PATH=/usr/local/apache2/bin:'), 'HTTPD_PREFIX=/usr/local/apache2', `HTTPD_VERSION=${version}`, 'HTTPD_SHA256=...', 'HTTPD_PATCHES='],
        ExposedPorts: { '80/tcp': {} },
        WorkingDir: '/usr/local/apache2',
        StopSignal: 'SIGWINCH',
      },
      steps: [
        ['ENV HTTPD_PREFIX=/usr/local/apache2', 0],
        ['ENV PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 0],
        ['RUN /bin/sh -c mkdir -p "$HTTPD_PREFIX" 	&& chown www-data:www-data "$HTTPD_PREFIX" # buildkit', 0],
        ['WORKDIR /usr/local/apache2', 0],
        ['RUN /bin/sh -c set -eux; 	apt-get update; 	apt-get install -y --no-install-recommends 		ca-certificates 		libaprutil1-ldap 		libldap-common 	; 	rm -rf /var/lib/apt/lists/* # buildkit', -1],
        [`ENV HTTPD_VERSION=${version}`, 0],
        ['RUN /bin/sh -c set -eux; 		savedAptMark="$(apt-mark showmanual)"; 	apt-get update; 	apt-get install -y --no-install-recommends 		bzip2 		dirmngr 		dpkg-dev 		gcc 		gnupg 		make # buildkit', 30_000_000],
        ['STOPSIGNAL SIGWINCH', 0],
        ['COPY httpd-foreground /usr/local/bin/ # buildkit', 138],
        ['EXPOSE map[80/tcp:{}]', 0],
        ['CMD ["httpd-foreground"]', 0],
      ],
      files: {
        '/usr/local/apache2/htdocs/index.html': FILE(C.HTTPD_INDEX),
        '/usr/local/apache2/conf/httpd.conf': FILE('ServerRoot "/usr/local/apache2"\nListen 80\nDocumentRoot "/usr/local/apache2/htdocs"\n'),
        '/usr/local/apache2/bin/httpd': EXE(),
        '/usr/local/apache2/bin/apachectl': EXE(),
        '/usr/local/apache2/logs': { ...DIR },
        '/usr/local/bin/httpd-foreground': EXE('#!/bin/sh\nset -e\n\n# Apache gets grumpy about PID files pre-existing\nrm -f /usr/local/apache2/logs/httpd.pid\n\nexec httpd -DFOREGROUND "$@"\n'),
      },
    };
  },
});

function nodeFamily(): Family {
  const majors: Record<string, string> = { '25': '25.2.1', '24': '24.11.1', '23': '23.11.1', '22': '22.21.1', '21': '21.7.3', '20': '20.19.5', '18': '18.20.8', '16': '16.20.2', '14': '14.21.3', '12': '12.22.12', '10': '10.24.1', '8': '8.17.0', '6': '6.17.1' };
  const versions = Object.values(majors);
  // a few minor versions learners type (node:20.1.0-alpine)
  versions.push('20.1.0', '20.10.0', '20.11.1', '18.17.1', '18.16.0', '22.12.0', '16.14.0');
  versions.sort((a, b) => cmpVer(b, a));
  return officialApp('library/node', {
    latest: majors['25']!,
    aliases: { current: majors['25']!, lts: majors['24']!, ...Object.fromEntries(Object.entries(majors).map(([k, v]) => [k, v])) },
    versions,
    variants: ['alpine', 'slim', 'bookworm', 'bookworm-slim', 'bullseye', 'bullseye-slim', 'trixie', 'trixie-slim', 'buster', 'alpine3.20', 'alpine3.21', 'alpine3.22'],
    make: ({ version, variant }) => {
      const alp = variant.startsWith('alpine');
      const slim = variant.includes('slim');
      const major = Number(version.split('.')[0]);
      const os = alp ? 'alpine:3.22' : major >= 24 ? 'debian:13' : major >= 18 ? 'debian:12' : 'debian:10';
      const npm = major >= 24 ? '11.6.2' : major >= 22 ? '10.9.4' : major >= 20 ? '10.8.2' : major >= 18 ? '10.8.2' : major >= 16 ? '8.19.4' : '6.14.18';
      return {
        os,
        size: alp ? 135_000_000 + major * 1_000_000 : slim ? 200_000_000 + major * 1_000_000 : 1_100_000_000 + major * 3_000_000,
        created: daysBefore('2025-11-12T04:18:55Z', (25 - major) * 60),
        app: 'node',
        version,
        config: {
          Entrypoint: ['docker-entrypoint.sh'],
          Cmd: ['node'],
          Env: [PATH_ENV, `NODE_VERSION=${version}`, 'YARN_VERSION=1.22.22'],
        },
        steps: [
          ...(alp || slim ? [] : ([['RUN /bin/sh -c set -eux; 	apt-get update; 	apt-get install -y --no-install-recommends 		git 		mercurial 		openssh-client 		subversion 				procps 	; 	rm -rf /var/lib/apt/lists/* # buildkit', 600_000_000]] as Array<[string, number]>)),
          ['RUN /bin/sh -c groupadd --gid 1000 node   && useradd --uid 1000 --gid node --shell /bin/bash --create-home node # buildkit', 8_000],
          [`ENV NODE_VERSION=${version}`, 0],
          ['RUN /bin/sh -c ARCH= && dpkgArch="$(dpkg --print-architecture)"     && case "${dpkgArch##*-}" in       amd64) ARCH=\'x64\';; # buildkit', -1],
          ['ENV YARN_VERSION=1.22.22', 0],
          ['RUN /bin/sh -c set -ex   && export GNUPGHOME="$(mktemp -d)" # buildkit', 5_340_000],
          ['COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 388],
          ['ENTRYPOINT ["docker-entrypoint.sh"]', 0],
          ['CMD ["node"]', 0],
        ],
        files: {
          '/usr/local/bin/node': EXE(),
          '/usr/local/bin/npm': { type: 'symlink', target: '../lib/node_modules/npm/bin/npm-cli.js' },
          '/usr/local/bin/npx': { type: 'symlink', target: '../lib/node_modules/npm/bin/npx-cli.js' },
          '/usr/local/lib/node_modules/npm/bin/npm-cli.js': EXE(`#!/usr/bin/env node\n// npm ${npm}\n`),
          '/usr/local/lib/node_modules/npm/bin/npx-cli.js': EXE('#!/usr/bin/env node\n'),
          '/usr/local/bin/yarn': EXE(),
          '/usr/local/bin/docker-entrypoint.sh': EXE('#!/bin/sh\nset -e\n\n# Run command with node if the first argument contains a "-" or is not a system command.\nexec "$@"\n'),
          '/home/node': { ...DIR },
          '/etc/passwd': FILE(osLayerFile(os, '/etc/passwd') + (alp ? 'node:x:1000:1000:Linux User,,,:/home/node:/bin/sh\n' : 'node:x:1000:1000::/home/node:/bin/bash\n')),
          ...(alp || slim ? {} : Object.fromEntries(['ps', 'top', 'free', 'kill', 'pgrep', 'pkill', 'uptime', 'w', 'watch', 'git', 'curl', 'wget', 'ssh'].map((p) => [`/usr/bin/${p}`, EXE()]))),
        },
      };
    },
  });
}

function pythonFamily(): Family {
  const minors: Record<string, string> = { '3.14': '3.14.0', '3.13': '3.13.9', '3.12': '3.12.12', '3.11': '3.11.14', '3.10': '3.10.19', '3.9': '3.9.24', '3.8': '3.8.20', '3.7': '3.7.17', '3.6': '3.6.15', '2.7': '2.7.18' };
  const versions = Object.values(minors).sort((a, b) => cmpVer(b, a));
  return officialApp('library/python', {
    latest: minors['3.14']!,
    aliases: { '3': minors['3.14']!, '2': minors['2.7']!, ...minors },
    versions,
    variants: ['slim', 'alpine', 'bookworm', 'slim-bookworm', 'bullseye', 'slim-bullseye', 'trixie', 'slim-trixie', 'alpine3.22', 'buster', 'slim-buster'],
    make: ({ version, variant }) => {
      const alp = variant.startsWith('alpine');
      const slim = variant.includes('slim');
      const minor = version.split('.').slice(0, 2).join('.');
      const os = alp ? 'alpine:3.22' : cmpVer(version, '3.14.0') >= 0 ? 'debian:13' : cmpVer(version, '3.9.0') >= 0 ? 'debian:12' : 'debian:10';
      return {
        os,
        size: alp ? 50_300_000 : slim ? 124_000_000 : 1_020_000_000,
        created: daysBefore('2025-11-04T23:31:47Z', Math.max(0, 14 - Number(minor.split('.')[1])) * 90),
        app: 'python',
        version,
        config: { Cmd: [version.startsWith('2') ? 'python2' : 'python3'], Env: [PATH_ENV, 'LANG=C.UTF-8', `GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305`, `PYTHON_VERSION=${version}`] },
        steps: [
          ['ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 0],
          ['ENV LANG=C.UTF-8', 0],
          ['RUN /bin/sh -c set -eux; 	apt-get update; 	apt-get install -y --no-install-recommends 		ca-certificates 		netbase 		tzdata 	; 	rm -rf /var/lib/apt/lists/* # buildkit', 3_510_000],
          [`ENV PYTHON_VERSION=${version}`, 0],
          ['RUN /bin/sh -c set -eux; 		savedAptMark="$(apt-mark showmanual)"; 	apt-get update; 	apt-get install -y --no-install-recommends 		dpkg-dev 		gcc # buildkit', -1],
          ['RUN /bin/sh -c set -eux; 	for src in idle3 pip3 pydoc3 python3 python3-config; do 		dst="$(echo "$src" | tr -d 3)"; 		[ -s "/usr/local/bin/$src" ]; 		[ ! -e "/usr/local/bin/$dst" ]; 		ln -svT "$src" "/usr/local/bin/$dst"; 	done # buildkit', 36],
          [`CMD ["python3"]`, 0],
        ],
        files: {
          [`/usr/local/bin/python${minor}`]: EXE(),
          '/usr/local/bin/python3': { type: 'symlink', target: `python${minor}` },
          '/usr/local/bin/python': { type: 'symlink', target: 'python3' },
          '/usr/local/bin/pip': EXE(),
          '/usr/local/bin/pip3': EXE(),
          [`/usr/local/lib/python${minor}`]: { ...DIR },
        },
      };
    },
  });
}

function dbFamily(
  repo: string,
  app: string,
  opts: {
    latest: string;
    aliases: Record<string, string>;
    versions: string[];
    variants: string[];
    os: (variant: string) => string;
    size: (variant: string) => number;
    created: string;
    config: (version: string) => Partial<ImageConfig>;
    files: (version: string) => FsLayer;
    steps: (version: string) => Array<[string, number]>;
  },
): Family {
  return officialApp(repo, {
    latest: opts.latest,
    aliases: opts.aliases,
    versions: opts.versions,
    variants: opts.variants,
    make: ({ version, variant }) => ({
      os: opts.os(variant),
      size: opts.size(variant),
      created: daysBefore(opts.created, Math.max(0, opts.versions.indexOf(version)) * 30),
      app,
      version,
      config: opts.config(version),
      steps: opts.steps(version),
      files: opts.files(version),
    }),
  });
}

const ENTRY = (extra: FsLayer = {}): FsLayer => ({ '/usr/local/bin/docker-entrypoint.sh': EXE('#!/bin/sh\nset -e\nexec "$@"\n'), ...extra });

const redis = dbFamily('library/redis', 'redis', {
  latest: '8.2.3',
  aliases: { '8': '8.2.3', '8.2': '8.2.3', '8.0': '8.0.5', '7': '7.4.7', '7.4': '7.4.7', '7.2': '7.2.12', '7.0': '7.0.15', '6': '6.2.21', '6.2': '6.2.21', '6.0': '6.0.20', '5': '5.0.14' },
  versions: ['8.2.3', '8.0.5', '7.4.7', '7.2.12', '7.0.15', '6.2.21', '6.0.20', '5.0.14'],
  variants: ['alpine', 'bookworm', 'trixie', 'alpine3.22'],
  os: (v) => (v.startsWith('alpine') ? 'alpine:3.22' : 'debian:12'),
  size: (v) => (v.startsWith('alpine') ? 61_400_000 : 137_000_000),
  created: '2025-11-03T18:07:33Z',
  config: (version) => ({ Entrypoint: ['docker-entrypoint.sh'], Cmd: ['redis-server'], Env: [PATH_ENV, `REDIS_DOWNLOAD_URL=https://github.com/redis/redis/archive/refs/tags/${version}.tar.gz`], ExposedPorts: { '6379/tcp': {} }, WorkingDir: '/data', Volumes: { '/data': {} } }),
  steps: (version) => [
    ['RUN /bin/sh -c set -eux; 	groupadd -r -g 999 redis; 	useradd -r -g redis -u 999 redis # buildkit', 4_120],
    [`ENV REDIS_DOWNLOAD_URL=https://github.com/redis/redis/archive/refs/tags/${version}.tar.gz`, 0],
    ['RUN /bin/sh -c set -eux; 		savedAptMark="$(apt-mark showmanual)"; 	apt-get update; 	apt-get install -y --no-install-recommends 		ca-certificates 		wget # buildkit', -1],
    ['RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit', 0],
    ['VOLUME [/data]', 0],
    ['WORKDIR /data', 0],
    ['COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 2_940],
    ['ENTRYPOINT ["docker-entrypoint.sh"]', 0],
    ['EXPOSE map[6379/tcp:{}]', 0],
    ['CMD ["redis-server"]', 0],
  ],
  files: () => ENTRY({ '/usr/local/bin/redis-server': EXE(), '/usr/local/bin/redis-cli': EXE(), '/usr/local/bin/redis-benchmark': EXE(), '/data': { ...DIR } }),
});

const postgres = dbFamily('library/postgres', 'postgres', {
  latest: '18.1',
  aliases: { '18': '18.1', '17': '17.7', '16': '16.11', '15': '15.15', '14': '14.20', '13': '13.23', '12': '12.22', '11': '11.22', '10': '10.23', '9.6': '9.6.24' },
  versions: ['18.1', '17.7', '16.11', '15.15', '14.20', '13.23', '12.22', '11.22', '10.23', '9.6.24'],
  variants: ['alpine', 'bookworm', 'trixie', 'alpine3.22'],
  os: (v) => (v.startsWith('alpine') ? 'alpine:3.22' : 'debian:13'),
  size: (v) => (v.startsWith('alpine') ? 278_000_000 : 456_000_000),
  created: '2025-11-14T00:37:18Z',
  config: (version) => ({
    Entrypoint: ['docker-entrypoint.sh'],
    Cmd: ['postgres'],
    Env: [PATH_ENV.replace('/bin', '/bin:/usr/lib/postgresql/' + version.split('.')[0] + '/bin'), 'GOSU_VERSION=1.19', 'LANG=en_US.utf8', `PG_MAJOR=${version.split('.')[0]}`, `PG_VERSION=${version}-1.pgdg13+1`, 'PGDATA=/var/lib/postgresql/data'],
    ExposedPorts: { '5432/tcp': {} },
    Volumes: { '/var/lib/postgresql/data': {} },
    StopSignal: 'SIGINT',
  }),
  steps: (version) => [
    ['RUN /bin/sh -c set -eux; 	groupadd -r postgres --gid=999; 	useradd -r -g postgres --uid=999 --home-dir=/var/lib/postgresql --shell=/bin/bash postgres # buildkit', 4_120],
    [`ENV PG_MAJOR=${version.split('.')[0]}`, 0],
    [`ENV PG_VERSION=${version}-1.pgdg13+1`, 0],
    ['RUN /bin/sh -c set -ex; 		export PYTHONDONTWRITEBYTECODE=1; 		dpkgArch="$(dpkg --print-architecture)" # buildkit', -1],
    ['ENV PGDATA=/var/lib/postgresql/data', 0],
    ['VOLUME [/var/lib/postgresql/data]', 0],
    ['COPY docker-entrypoint.sh docker-ensure-initdb.sh /usr/local/bin/ # buildkit', 16_400],
    ['ENTRYPOINT ["docker-entrypoint.sh"]', 0],
    ['STOPSIGNAL SIGINT', 0],
    ['EXPOSE map[5432/tcp:{}]', 0],
    ['CMD ["postgres"]', 0],
  ],
  files: (version) => ENTRY({ [`/usr/lib/postgresql/${version.split('.')[0]}/bin/postgres`]: EXE(), '/usr/bin/psql': EXE(), '/usr/bin/pg_dump': EXE(), '/usr/bin/createdb': EXE(), '/var/lib/postgresql/data': { ...DIR } }),
});

const mysql = dbFamily('library/mysql', 'mysql', {
  latest: '9.5.0',
  aliases: { '9': '9.5.0', '9.5': '9.5.0', lts: '8.4.7', '8': '8.4.7', '8.4': '8.4.7', '8.0': '8.0.44', '5.7': '5.7.44', '5': '5.7.44', innovation: '9.5.0' },
  versions: ['9.5.0', '8.4.7', '8.0.44', '5.7.44'],
  variants: ['oracle', 'oraclelinux9', 'debian'],
  os: () => 'debian:12',
  size: () => 925_000_000,
  created: '2025-10-22T01:17:07Z',
  config: (version) => ({ Entrypoint: ['docker-entrypoint.sh'], Cmd: ['mysqld'], Env: [PATH_ENV, 'GOSU_VERSION=1.17', `MYSQL_MAJOR=${version.split('.').slice(0, 2).join('.')}`, `MYSQL_VERSION=${version}-1.el9`, 'MYSQL_SHELL_VERSION=9.5.0-1.el9'], ExposedPorts: { '3306/tcp': {}, '33060/tcp': {} }, Volumes: { '/var/lib/mysql': {} } }),
  steps: (version) => [
    ['RUN /bin/sh -c set -eux; 	groupadd --system --gid 999 mysql; 	useradd --system --uid 999 --gid 999 --home-dir /var/lib/mysql --no-create-home mysql # buildkit', 3_120],
    [`ENV MYSQL_VERSION=${version}-1.el9`, 0],
    ['RUN /bin/sh -c set -eu; 	. /etc/os-release; 	{ 		echo \'[mysql-innovation-server-minimal]\'; # buildkit', -1],
    ['VOLUME [/var/lib/mysql]', 0],
    ['COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 16_300],
    ['ENTRYPOINT ["docker-entrypoint.sh"]', 0],
    ['EXPOSE map[3306/tcp:{} 33060/tcp:{}]', 0],
    ['CMD ["mysqld"]', 0],
  ],
  files: () => ENTRY({ '/usr/sbin/mysqld': EXE(), '/usr/bin/mysql': EXE(), '/usr/bin/mysqladmin': EXE(), '/usr/bin/mysqldump': EXE(), '/var/lib/mysql': { ...DIR } }),
});

const mongo = dbFamily('library/mongo', 'mongo', {
  latest: '8.2.2',
  aliases: { '8': '8.2.2', '8.2': '8.2.2', '8.0': '8.0.16', '7': '7.0.26', '7.0': '7.0.26', '6': '6.0.26', '6.0': '6.0.26', '5': '5.0.31', '5.0': '5.0.31', '4.4': '4.4.29', '4': '4.4.29' },
  versions: ['8.2.2', '8.0.16', '7.0.26', '6.0.26', '5.0.31', '4.4.29'],
  variants: ['jammy', 'noble'],
  os: () => 'ubuntu:24.04',
  size: () => 909_000_000,
  created: '2025-11-19T22:20:10Z',
  config: (version) => ({ Entrypoint: ['docker-entrypoint.sh'], Cmd: ['mongod'], Env: [PATH_ENV, 'GOSU_VERSION=1.19', 'JSYAML_VERSION=3.13.1', `MONGO_MAJOR=${version.split('.').slice(0, 2).join('.')}`, `MONGO_VERSION=${version}`, 'HOME=/data/db'], ExposedPorts: { '27017/tcp': {} }, Volumes: { '/data/configdb': {}, '/data/db': {} } }),
  steps: (version) => [
    ['RUN /bin/sh -c set -eux; 	groupadd --gid 999 --system mongodb; 	useradd --uid 999 --system --gid mongodb --home-dir /data/db mongodb # buildkit', 3_380],
    [`ENV MONGO_VERSION=${version}`, 0],
    ['RUN /bin/sh -c set -x 	&& export DEBIAN_FRONTEND=noninteractive 	&& apt-get update 	&& apt-get install -y 		${MONGO_PACKAGE}=$MONGO_VERSION # buildkit', -1],
    ['VOLUME [/data/db /data/configdb]', 0],
    ['ENV HOME=/data/db', 0],
    ['COPY docker-entrypoint.sh /usr/local/bin/ # buildkit', 14_800],
    ['ENTRYPOINT ["docker-entrypoint.sh"]', 0],
    ['EXPOSE map[27017/tcp:{}]', 0],
    ['CMD ["mongod"]', 0],
  ],
  files: () => ENTRY({ '/usr/bin/mongod': EXE(), '/usr/bin/mongosh': EXE(), '/data/db': { ...DIR }, '/data/configdb': { ...DIR } }),
});

const perl = officialApp('library/perl', {
  latest: '5.42.0',
  aliases: { '5': '5.42.0', '5.42': '5.42.0', '5.40': '5.40.3', '5.38': '5.38.4', '5.36': '5.36.3', '5.34': '5.34.3', '5.32': '5.32.1', '5.30': '5.30.3' },
  versions: ['5.42.0', '5.40.3', '5.38.4', '5.36.3', '5.34.3', '5.32.1', '5.30.3'],
  variants: ['slim', 'bookworm', 'slim-bookworm', 'threaded', 'bullseye'],
  make: ({ version, variant }) => ({
    os: 'debian:12',
    size: variant.includes('slim') ? 145_000_000 : 890_000_000,
    created: daysBefore('2025-11-12T05:22:41Z', (42 - Number(version.split('.')[1])) * 120),
    app: 'perl',
    version,
    config: { Cmd: ['perl5.' + version.split('.')[1] + '.' + version.split('.')[2], '-de0'], Env: [PATH_ENV], WorkingDir: '/usr/src/app' },
    steps: [
      ['LABEL maintainer=Peter Martini <PeterCMartini@GMail.com>, Zak B. Elep <zakame@cpan.org>', 0],
      ['COPY *.patch /usr/src/perl/ # buildkit', 3_150],
      ['WORKDIR /usr/src/perl', 0],
      ['RUN /bin/sh -c true     && curl -fL https://www.cpan.org/src/5.0/perl-' + version + '.tar.xz -o perl-' + version + '.tar.xz # buildkit', -1],
      ['WORKDIR /usr/src/app', 0],
      [`CMD ["perl5.${version.split('.')[1]}.${version.split('.')[2]}" "-de0"]`, 0],
    ],
    files: { '/usr/local/bin/perl': EXE(), [`/usr/local/bin/perl${version}`]: EXE(), '/usr/local/bin/cpanm': EXE(), '/usr/src/app': { ...DIR } },
  }),
});

/** Third-party and tutorial images, one tag set each. */
function single(
  repo: string,
  tags: string[],
  make: (tag: string) => Spec,
): Family {
  return { repo, canon: (tag) => (tags.includes(tag) ? { key: tag, version: tag, variant: '' } : null), spec: ({ key }) => make(key) };
}

const bootcamp = single('gcr.io/google-samples/kubernetes-bootcamp', ['v1', 'v2'], (tag) => ({
  os: 'debian:8',
  size: 211_000_000,
  created: '2017-04-05T19:15:51Z',
  app: 'bootcamp',
  version: tag,
  config: { Cmd: ['/bin/sh', '-c', 'node server.js'], Env: [PATH_ENV, 'NPM_CONFIG_LOGLEVEL=info', 'NODE_VERSION=6.3.1'], ExposedPorts: { '8080/tcp': {} } },
  steps: [
    ['/bin/sh -c #(nop) ENV NPM_CONFIG_LOGLEVEL=info', 0],
    ['/bin/sh -c #(nop) ENV NODE_VERSION=6.3.1', 0],
    ['/bin/sh -c curl -SLO "https://nodejs.org/dist/v$NODE_VERSION/node-v$NODE_VERSION-linux-x64.tar.xz"', 43_400_000],
    ['/bin/sh -c #(nop) CMD ["node"]', 0],
    ['/bin/sh -c #(nop)  EXPOSE 8080/tcp', 0],
    ['/bin/sh -c #(nop) COPY file:6d7f5a4b0d8f5cb36a2d1c2e1e8d6b2e8c03b3b3b5d3c4f5f0f2b1d0a3f8e9c1 in /', 742],
    ['/bin/sh -c #(nop)  CMD ["/bin/sh" "-c" "node server.js"]', 0],
  ],
  files: {
    '/server.js': FILE(`var http = require('http');\nvar requests=0;\nvar podname= process.env.HOSTNAME;\nvar startTime;\nvar host;\nvar handleRequest = function(request, response) {\n  response.setHeader('Content-Type', 'text/plain');\n  response.writeHead(200);\n  response.write("Hello Kubernetes bootcamp! | Running on: ");\n  response.write(host);\n  response.end(" | v=${tag === 'v2' ? 2 : 1}\\n");\n  console.log("Running On:" ,host, "| Total Requests:", ++requests,"| App Uptime:", (new Date() - startTime)/1000 , "seconds", "| Log Time:",new Date());\n}\nvar www = http.createServer(handleRequest);\nwww.listen(8080,function () {\n    startTime = new Date();;\n    host = process.env.HOSTNAME;\n    console.log ("Kubernetes Bootcamp App Started At:",startTime, "| Running On: " ,host, "\\n" );\n});\n`),
    '/usr/local/bin/node': EXE(),
    '/usr/local/bin/npm': EXE(),
    '/usr/bin/curl': EXE(),
    ...Object.fromEntries(PROCPS_LIST.map((p) => [`/usr/bin/${p}`, EXE()])),
  },
}));

/** procps programs (debian images that install it). Read lazily by specs. */
const PROCPS_LIST: string[] = ['ps', 'top', 'free', 'pgrep', 'pkill', 'uptime', 'w', 'watch'];

const staticSite = single('prakhar1989/static-site', ['latest'], () => ({
  os: 'debian:8',
  size: 134_000_000,
  created: '2016-01-04T23:19:20Z',
  app: 'static-site',
  version: '1.9.9',
  config: { Cmd: ['/bin/sh', '-c', 'cd /usr/share/nginx/html && sed -e s/Docker/"$AUTHOR"/ Hello_docker.html > index.html ; nginx -g \'daemon off;\''], Env: [PATH_ENV, 'NGINX_VERSION=1.9.9-1~jessie', 'AUTHOR=Docker'], ExposedPorts: { '443/tcp': {}, '80/tcp': {} } },
  steps: [
    ['/bin/sh -c #(nop) MAINTAINER NGINX Docker Maintainers "docker-maint@nginx.com"', 0],
    ['/bin/sh -c apt-key adv --keyserver hkp://pgp.mit.edu:80 --recv-keys 573BFD6B3D8FBC641079A6ABABF5BD827BD9BF62', 4_500],
    ['/bin/sh -c #(nop) ENV NGINX_VERSION=1.9.9-1~jessie', 0],
    ['/bin/sh -c apt-get update &&     apt-get install -y ca-certificates nginx=${NGINX_VERSION} &&     rm -rf /var/lib/apt/lists/*', 8_480_000],
    ['/bin/sh -c ln -sf /dev/stdout /var/log/nginx/access.log 	&& ln -sf /dev/stderr /var/log/nginx/error.log', 22],
    ['/bin/sh -c #(nop) VOLUME [/var/cache/nginx]', 0],
    ['/bin/sh -c #(nop) EXPOSE 443/tcp 80/tcp', 0],
    ['/bin/sh -c #(nop) ENV AUTHOR=Docker', 0],
    ['/bin/sh -c #(nop) WORKDIR /usr/share/nginx/html', 0],
    ['/bin/sh -c #(nop) COPY file:5b3b2c1ac4cbe3ea3a7bbc8cd76f06bf5cec8b9f55ee8e3a6cb3f5d2f10e1f2a in /usr/share/nginx/html/Hello_docker.html', 508],
    [`/bin/sh -c #(nop) CMD ["/bin/sh" "-c" "cd /usr/share/nginx/html && sed -e s/Docker/\\"$AUTHOR\\"/ Hello_docker.html > index.html ; nginx -g 'daemon off;'"]`, 0],
  ],
  files: {
    '/usr/share/nginx/html/Hello_docker.html': FILE(C.STATIC_SITE_INDEX),
    '/usr/share/nginx/html/index.html': FILE(C.STATIC_SITE_INDEX),
    '/usr/share/nginx/html/50x.html': FILE(C.NGINX_50X),
    '/etc/nginx/nginx.conf': FILE(C.NGINX_CONF),
    '/etc/nginx/conf.d/default.conf': FILE(C.NGINX_DEFAULT_CONF),
    '/usr/sbin/nginx': EXE(),
  },
}));

function flaskApp(repo: string, tags: string[], port: number, appName: string, files: FsLayer, size: number): Family {
  return single(repo, tags, () => ({
    os: 'debian:12',
    size,
    created: '2017-12-02T14:48:04Z',
    app: 'flask',
    version: '3.8.20',
    config: { Cmd: ['python', './app.py'], Env: [PATH_ENV, 'LANG=C.UTF-8', 'PYTHON_VERSION=3.8.20'], ExposedPorts: { [`${port}/tcp`]: {} }, WorkingDir: '/usr/src/app', Labels: { 'k8s-drill.app': appName } },
    steps: [
      ['WORKDIR /usr/src/app', 0],
      ['COPY requirements.txt ./ # buildkit', 14],
      ['RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit', 11_200_000],
      ['COPY . . # buildkit', 9_800],
      [`EXPOSE map[${port}/tcp:{}]`, 0],
      ['CMD ["python" "./app.py"]', 0],
    ],
    files: { '/usr/local/bin/python': EXE(), '/usr/local/bin/python3': EXE(), '/usr/local/bin/pip': EXE(), '/usr/src/app/requirements.txt': FILE('Flask\n'), ...files },
  }));
}

const catnip = flaskApp('prakhar1989/catnip', ['latest'], 5000, 'catnip', {
  '/usr/src/app/app.py': FILE("from flask import Flask, render_template\nimport os\nimport random\n\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    url = random.choice(images)\n    return render_template('index.html', url=url)\n\nif __name__ == \"__main__\":\n    app.run(host=\"0.0.0.0\")\n"),
  '/usr/src/app/templates/index.html': FILE('<html>\n  <head>\n    <title>Cat of the day</title>\n  </head>\n  <body>\n    <h4>Cat Gif of the day</h4>\n  </body>\n</html>\n'),
}, 699_000_000);
const foodtrucks = flaskApp('prakhar1989/foodtrucks-web', ['latest'], 5000, 'foodtrucks', {
  '/opt/flask-app/app.py': FILE('from elasticsearch import Elasticsearch\nfrom flask import Flask, jsonify, request, render_template\n'),
}, 1_060_000_000);

const elastic = single('docker.elastic.co/elasticsearch/elasticsearch', ['6.3.2', '7.17.10', '8.11.1'], (tag) => ({
  os: 'debian:9',
  size: 783_000_000,
  created: '2018-07-20T05:19:15Z',
  app: 'elasticsearch',
  version: tag,
  config: { Entrypoint: ['/usr/local/bin/docker-entrypoint.sh'], Cmd: ['eswrapper'], Env: [PATH_ENV.replace('PATH=', 'PATH=/usr/share/elasticsearch/bin:'), 'ELASTIC_CONTAINER=true', 'JAVA_HOME=/opt/jdk-10.0.2'], ExposedPorts: { '9200/tcp': {}, '9300/tcp': {} }, WorkingDir: '/usr/share/elasticsearch' },
  steps: [
    ['/bin/sh -c #(nop)  ENV ELASTIC_CONTAINER=true', 0],
    ['/bin/sh -c #(nop) WORKDIR /usr/share/elasticsearch', 0],
    ['/bin/sh -c #(nop) COPY --chown=1000:0dir:abc in /usr/share/elasticsearch ', 500_000_000],
    ['/bin/sh -c #(nop)  EXPOSE 9200/tcp 9300/tcp', 0],
    ['/bin/sh -c #(nop)  ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]', 0],
    ['/bin/sh -c #(nop)  CMD ["eswrapper"]', 0],
  ],
  files: ENTRY({ '/usr/local/bin/eswrapper': EXE(), '/usr/share/elasticsearch/bin/elasticsearch': EXE(), '/usr/share/elasticsearch/config/elasticsearch.yml': FILE('cluster.name: "docker-cluster"\nnetwork.host: 0.0.0.0\n') }),
}));

function scratchServer(repo: string, tags: string[], app: string, bin: string, ports: number[], size: number, args: string[] = [], created = '2023-07-14T10:00:00Z'): Family {
  return single(repo, tags, (tag) => ({
    os: 'scratch',
    size,
    created,
    app,
    version: tag,
    config: { Entrypoint: [bin], Cmd: args.length ? args : null, Env: [PATH_ENV], ExposedPorts: Object.fromEntries(ports.map((p) => [`${p}/tcp`, {}])) },
    steps: [
      [`COPY ${bin.slice(1)} ${bin} # buildkit`, size],
      [`EXPOSE map[${ports.map((p) => `${p}/tcp:{}`).join(' ')}]`, 0],
      [`ENTRYPOINT ["${bin}"]`, 0],
    ],
    files: { [bin]: EXE() },
  }));
}

const httpEcho = scratchServer('hashicorp/http-echo', ['latest', '1.0', '1.0.0', '0.2.3'], 'http-echo', '/http-echo', [5678], 6_220_000);
const agnhost = scratchServer('registry.k8s.io/e2e-test-images/agnhost', ['2.39', '2.40', '2.43', '2.45', '2.52', '2.53'], 'agnhost', '/agnhost', [80], 127_000_000);
const pause = scratchServer('registry.k8s.io/pause', ['3.10', '3.9', '3.8', '3.7', '3.6', 'latest'], 'pause', '/pause', [], 736_000);

function echoServer(repo: string): Family {
  return single(repo, ['1.4', '1.10', '2.2'], (tag) => ({
    os: 'ubuntu:16.04',
    size: tag === '1.4' ? 140_000_000 : 95_400_000,
    created: tag === '1.4' ? '2016-05-27T01:21:31Z' : '2018-03-10T01:11:25Z',
    app: 'echoserver',
    version: tag,
    config: { Cmd: ['nginx', '-g', 'daemon off;'], Env: [PATH_ENV], ExposedPorts: { '8080/tcp': {} } },
    steps: [
      ['/bin/sh -c #(nop) ADD file:e7f6f8e5c4ab6f8c4a9c8e0d9a6b4ce0 in /usr/local/bin/', 4_300],
      ['/bin/sh -c #(nop)  EXPOSE 8080/tcp', 0],
      ['/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]', 0],
    ],
    files: { '/usr/sbin/nginx': EXE(), '/etc/nginx/nginx.conf': FILE(C.NGINX_CONF) },
  }));
}

function alpineTool(repo: string, tags: string[], app: string, entry: string[] | null, cmd: string[] | null, extra: string[], size: number): Family {
  return single(repo, tags, (tag) => ({
    os: 'alpine:3.22',
    size,
    created: '2024-12-06T09:12:38Z',
    app,
    version: tag,
    config: { Entrypoint: entry, Cmd: cmd, Env: [PATH_ENV] },
    steps: [
      [`RUN /bin/sh -c apk add --no-cache ${extra.join(' ')} # buildkit`, size - 8_310_000],
      ...(entry ? ([[`ENTRYPOINT ${JSON.stringify(entry).replace(/,/g, ' ')}`, 0]] as Array<[string, number]>) : []),
      ...(cmd ? ([[`CMD ${JSON.stringify(cmd).replace(/,/g, ' ')}`, 0]] as Array<[string, number]>) : []),
    ],
    files: { ...Object.fromEntries(extra.map((p) => [`/usr/bin/${p}`, EXE()])), ...(entry?.[0]?.startsWith('/') ? { [entry[0]]: EXE('#!/bin/sh\nexec "$@"\n') } : {}), ...(cmd?.[0]?.startsWith('/') ? { [cmd[0]]: EXE() } : {}) },
  }));
}

const alpineCurl = alpineTool('alpine/curl', ['latest', '8.5.0', '8.8.0', '8.12.1', '8.14.1'], 'curl', ['curl'], null, ['curl'], 12_800_000);
const curlimages = alpineTool('curlimages/curl', ['latest', '8.5.0', '8.8.0', '8.11.1', '8.14.1', '8.17.0'], 'curl', ['/entrypoint.sh'], ['curl'], ['curl'], 24_500_000);
const stress = alpineTool('polinux/stress', ['latest', '1.0.4'], 'stress', null, ['stress', '--help'], ['stress'], 9_740_000);
const netshoot = alpineTool('nicolaka/netshoot', ['latest', 'v0.13', 'v0.14'], 'shell', null, ['zsh'], ['curl', 'dig', 'nslookup', 'tcpdump', 'nc', 'zsh', 'bash', 'iperf3', 'nmap'], 594_000_000);
const cpuset = alpineTool('agileek/cpuset-test', ['latest'], 'stress', null, ['/usr/bin/burnP6'], ['burnP6'], 4_770_000);
const registry = alpineTool('library/registry', ['latest', '2', '2.8', '2.8.3', '3', '3.0.0'], 'registry', ['/entrypoint.sh'], ['/etc/distribution/config.yml'], ['registry'], 57_700_000);

const helloApp = single('gcr.io/google-samples/hello-app', ['1.0', '2.0'], (tag) => ({
  os: 'scratch',
  size: 11_400_000,
  created: '2023-08-09T17:40:12Z',
  app: 'hello-app',
  version: tag,
  config: { Cmd: ['./hello-app'], Env: [PATH_ENV], WorkingDir: '/' , ExposedPorts: { '8080/tcp': {} } },
  steps: [
    ['COPY /app/hello-app /hello-app # buildkit', 11_400_000],
    ['ENV PORT=8080', 0],
    ['CMD ["./hello-app"]', 0],
  ],
  files: { '/hello-app': EXE() },
}));

const nginxHello = single('nginxdemos/hello', ['latest', 'plain-text'], (tag) => {
  const s = nginx.spec({ key: '1.27.5-alpine', version: '1.27.5', variant: 'alpine' });
  return { ...s, app: tag === 'plain-text' ? 'nginx-hello-text' : 'nginx-hello', size: 10_000_000 + s.size };
});

const hpaExample = single('registry.k8s.io/hpa-example', ['latest'], () => ({
  os: 'debian:8',
  size: 481_000_000,
  created: '2016-11-08T18:04:35Z',
  app: 'php-apache',
  version: 'latest',
  config: { Cmd: ['apache2-foreground'], Env: [PATH_ENV, 'PHP_VERSION=5.6.28'], ExposedPorts: { '80/tcp': {} }, WorkingDir: '/var/www/html' },
  steps: [
    ['/bin/sh -c #(nop)  ADD file:index.php in /var/www/html/index.php', 102],
    ['/bin/sh -c #(nop)  CMD ["apache2-foreground"]', 0],
  ],
  files: { '/var/www/html/index.php': FILE('<?php\n  $x = 0.0001;\n  for ($i = 0; $i <= 1000000; $i++) {\n    $x += sqrt($x);\n  }\n  echo "OK!";\n?>\n'), '/usr/local/bin/apache2-foreground': EXE() },
}));


/** More official and tutorial images: plausible metadata, a quiet (or one-line) main process. */
function extraImage(
  repo: string,
  tags: Record<string, string>,
  o: { os: string; size: number; created: string; cmd: string[]; entrypoint?: string[]; ports?: number[]; env?: string[]; workdir?: string; app?: string; bins?: string[]; files?: (version: string) => FsLayer },
): Family {
  return {
    repo,
    canon: (tag) => {
      const v = tags[tag];
      return v ? { key: v, version: v, variant: '' } : null;
    },
    spec: ({ version }) => ({
      os: o.os,
      size: o.size,
      created: o.created,
      app: o.app ?? 'quiet',
      version,
      config: {
        ...(o.entrypoint ? { Entrypoint: o.entrypoint } : {}),
        Cmd: o.cmd,
        Env: [PATH_ENV, ...(o.env ?? [])],
        ...(o.ports?.length ? { ExposedPorts: Object.fromEntries(o.ports.map((p) => [`${p}/tcp`, {}])) } : {}),
        ...(o.workdir ? { WorkingDir: o.workdir } : {}),
      },
      steps: [
        ['RUN /bin/sh -c set -eux; install # buildkit', -1],
        ...((o.workdir ? [[`WORKDIR ${o.workdir}`, 0]] : []) as Array<[string, number]>),
        ...((o.ports?.length ? [[`EXPOSE map[${o.ports.map((p) => `${p}/tcp:{}`).join(' ')}]`, 0]] : []) as Array<[string, number]>),
        ...((o.entrypoint ? [[`ENTRYPOINT ${JSON.stringify(o.entrypoint).replace(/,/g, ' ')}`, 0]] : []) as Array<[string, number]>),
        [`CMD ${JSON.stringify(o.cmd).replace(/,/g, ' ')}`, 0],
      ],
      files: { ...Object.fromEntries((o.bins ?? []).map((b) => [b, EXE()])), ...(o.files?.(version) ?? {}) },
    }),
  };
}

const MORE: Family[] = [
  extraImage('library/centos', { latest: '8', '8': '8', '7': '7', centos7: '7', centos8: '8' }, { os: 'debian:12', size: 204_000_000, created: '2021-09-15T18:20:05Z', cmd: ['/bin/bash'], app: 'shell', files: (v) => ({ '/etc/os-release': FILE(v === '7' ? 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:7"\nHOME_URL="https://www.centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n' : 'NAME="CentOS Linux"\nVERSION="8"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="8"\nPLATFORM_ID="platform:el8"\nPRETTY_NAME="CentOS Linux 8"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:8"\nHOME_URL="https://centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n'), '/etc/centos-release': FILE(v === '7' ? 'CentOS Linux release 7.9.2009 (Core)\n' : 'CentOS Linux release 8.4.2105\n'), '/usr/bin/yum': EXE(), '/usr/bin/rpm': EXE() }) }),
  extraImage('library/fedora', { latest: '43', '43': '43', '42': '42', '41': '41' }, { os: 'debian:12', size: 165_000_000, created: '2025-11-10T06:12:44Z', cmd: ['/bin/bash'], app: 'shell', files: (v) => ({ '/etc/os-release': FILE(`NAME="Fedora Linux"\nVERSION="${v} (Container Image)"\nID=fedora\nVERSION_ID=${v}\nPRETTY_NAME="Fedora Linux ${v} (Container Image)"\nHOME_URL="https://fedoraproject.org/"\n`), '/etc/fedora-release': FILE(`Fedora release ${v}\n`), '/usr/bin/dnf': EXE(), '/usr/bin/rpm': EXE() }) }),
  extraImage('library/golang', { latest: '1.25.4', '1.25': '1.25.4', '1.24': '1.24.10', '1.23': '1.23.12', '1.22': '1.22.12', '1.21': '1.21.13', alpine: '1.25.4' }, { os: 'debian:13', size: 876_000_000, created: '2025-11-05T21:03:37Z', cmd: ['bash'], env: ['GOLANG_VERSION=1.25.4', 'GOPATH=/go'], workdir: '/go', app: 'shell', bins: ['/usr/local/go/bin/go'] }),
  extraImage('library/openjdk', { latest: '22-jdk', '22': '22-jdk', '21': '21-jdk', '17': '17-jdk', '11': '11-jdk', '8': '8-jdk', '17-jdk-slim': '17-jdk-slim', '11-jre-slim': '11-jre-slim' }, { os: 'debian:12', size: 471_000_000, created: '2024-05-28T22:13:14Z', cmd: ['jshell'], app: 'shell', bins: ['/usr/local/bin/java', '/usr/local/bin/jshell'] }),
  extraImage('library/eclipse-temurin', { latest: '25-jdk', '25': '25-jdk', '21': '21-jdk', '17': '17-jdk', '11': '11-jdk', '21-jre': '21-jre', '17-jre': '17-jre' }, { os: 'ubuntu:24.04', size: 442_000_000, created: '2025-10-22T04:10:51Z', cmd: ['jshell'], app: 'shell', bins: ['/usr/local/bin/java', '/usr/local/bin/jshell'] }),
  extraImage('library/tomcat', { latest: '11.0.14', '11': '11.0.14', '10': '10.1.49', '9': '9.0.112', '9.0': '9.0.112', '10.1': '10.1.49' }, { os: 'ubuntu:24.04', size: 476_000_000, created: '2025-11-12T18:44:20Z', cmd: ['catalina.sh', 'run'], ports: [8080], env: ['CATALINA_HOME=/usr/local/tomcat'], workdir: '/usr/local/tomcat', app: 'tomcat', bins: ['/usr/local/bin/catalina.sh', '/usr/local/tomcat/bin/catalina.sh'] }),
  extraImage('library/wordpress', { latest: '6.8.3', '6': '6.8.3', '6.8': '6.8.3' }, { os: 'debian:13', size: 739_000_000, created: '2025-11-18T03:01:12Z', entrypoint: ['docker-entrypoint.sh'], cmd: ['apache2-foreground'], ports: [80], workdir: '/var/www/html', app: 'quiet', bins: ['/usr/local/bin/docker-entrypoint.sh', '/usr/local/bin/apache2-foreground'] }),
  extraImage('library/memcached', { latest: '1.6.39', '1.6': '1.6.39', '1': '1.6.39', alpine: '1.6.39' }, { os: 'debian:13', size: 85_200_000, created: '2025-10-29T22:10:07Z', entrypoint: ['docker-entrypoint.sh'], cmd: ['memcached'], ports: [11211], app: 'quiet', bins: ['/usr/local/bin/docker-entrypoint.sh', '/usr/local/bin/memcached'] }),
  extraImage('library/rabbitmq', { latest: '4.2.1', '4': '4.2.1', '3': '3.13.7', management: '4.2.1', '3-management': '3.13.7' }, { os: 'ubuntu:24.04', size: 239_000_000, created: '2025-11-20T10:05:48Z', entrypoint: ['docker-entrypoint.sh'], cmd: ['rabbitmq-server'], ports: [4369, 5671, 5672, 15691, 15692, 25672], app: 'quiet', bins: ['/usr/local/bin/docker-entrypoint.sh', '/usr/local/bin/rabbitmq-server', '/usr/local/bin/rabbitmqctl'] }),
  extraImage('library/mariadb', { latest: '12.1.2', '12': '12.1.2', '11': '11.8.5', '10': '10.11.15', lts: '11.8.5' }, { os: 'ubuntu:24.04', size: 336_000_000, created: '2025-11-14T17:20:31Z', entrypoint: ['docker-entrypoint.sh'], cmd: ['mariadbd'], ports: [3306], app: 'quiet', bins: ['/usr/local/bin/docker-entrypoint.sh', '/usr/sbin/mariadbd', '/usr/bin/mariadb'] }),
  extraImage('library/php', { latest: '8.4.15-cli', '8': '8.4.15-cli', '8.4': '8.4.15-cli', '8.3': '8.3.28-cli', apache: '8.4.15-apache', '8-apache': '8.4.15-apache', fpm: '8.4.15-fpm' }, { os: 'debian:13', size: 542_000_000, created: '2025-11-21T01:11:52Z', entrypoint: ['docker-php-entrypoint'], cmd: ['php', '-a'], app: 'shell', bins: ['/usr/local/bin/docker-php-entrypoint', '/usr/local/bin/php'] }),
  extraImage('library/ruby', { latest: '3.4.7', '3': '3.4.7', '3.4': '3.4.7', '3.3': '3.3.10' }, { os: 'debian:13', size: 1_010_000_000, created: '2025-11-04T19:22:01Z', cmd: ['irb'], app: 'shell', bins: ['/usr/local/bin/ruby', '/usr/local/bin/irb', '/usr/local/bin/gem'] }),
  extraImage('jenkins/jenkins', { latest: '2.537', lts: '2.528.2', 'lts-jdk17': '2.528.2', 'lts-jdk21': '2.528.2' }, { os: 'debian:13', size: 471_000_000, created: '2025-11-18T15:40:19Z', entrypoint: ['/usr/bin/tini', '--', '/usr/local/bin/jenkins.sh'], cmd: [], ports: [8080, 50000], app: 'quiet', bins: ['/usr/bin/tini', '/usr/local/bin/jenkins.sh'] }),
  extraImage('docker/getting-started', { latest: 'latest' }, { os: 'alpine:3.18', size: 47_900_000, created: '2023-08-14T22:15:26Z', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], ports: [80], app: 'nginx', bins: ['/docker-entrypoint.sh', '/usr/sbin/nginx'], files: () => ({ '/usr/share/nginx/html/index.html': FILE('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Getting Started</title>\n</head>\n<body>\n<h1>Getting Started</h1>\n<p>Congratulations! You have started the container for this tutorial!</p>\n</body>\n</html>\n') }) }),
  extraImage('docker/welcome-to-docker', { latest: 'latest' }, { os: 'alpine:3.18', size: 18_600_000, created: '2023-09-28T15:28:42Z', entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'], ports: [80], app: 'nginx', bins: ['/docker-entrypoint.sh', '/usr/sbin/nginx'], files: () => ({ '/usr/share/nginx/html/index.html': FILE('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Welcome to Docker</title>\n</head>\n<body>\n<h1>Congratulations!!!</h1>\n<p>You ran your first container.</p>\n</body>\n</html>\n') }) }),
  extraImage('gcr.io/google-samples/node-hello', { '1.0': '1.0' }, { os: 'debian:8', size: 644_000_000, created: '2016-06-30T20:20:49Z', cmd: ['/bin/sh', '-c', 'node server.js'], ports: [8080], app: 'bootcamp', bins: ['/usr/local/bin/node'] }),
];

const FAMILIES: Family[] = [
  ...MORE,
  nginx, busybox, alpine, ubuntu, debian, hello, whoami, httpd, nodeFamily(), pythonFamily(), redis, postgres, mysql, mongo, perl,
  bootcamp, staticSite, catnip, foodtrucks, elastic, httpEcho, agnhost, pause, echoServer('k8s.gcr.io/echoserver'),
  echoServer('registry.k8s.io/echoserver'), echoServer('gcr.io/google_containers/echoserver'), alpineCurl, curlimages, stress, netshoot, cpuset, registry,
  helloApp, nginxHello, hpaExample,
  { ...hpaExample, repo: 'k8s.gcr.io/hpa-example' },
  { ...pause, repo: 'k8s.gcr.io/pause' },
  { ...bootcamp, repo: 'docker.io/jocatalin/kubernetes-bootcamp' },
  { ...busybox, repo: 'registry.k8s.io/busybox' },
  { ...busybox, repo: 'k8s.gcr.io/busybox' },
];

/** Repositories keyed as `domain/path` (docker.io/library/nginx). */
const BY_REPO = new Map<string, Family>();
for (const f of FAMILIES) {
  const key = f.repo.includes('.') && f.repo.split('/')[0]!.includes('.') ? f.repo : `docker.io/${f.repo}`;
  BY_REPO.set(key.replace(/^docker\.io\/docker\.io\//, 'docker.io/'), f);
}

/** Every catalog repository (familiar names), for `docker search` and tests. */
export function catalogRepositories(): string[] {
  return [...BY_REPO.keys()].map((k) => {
    const i = k.indexOf('/');
    return familiarName(k.slice(0, i), k.slice(i + 1));
  });
}

const built = new Map<string, ResolvedImage>();

function buildCatalogImage(ref: ImageRef, fam: Family, c: Canon): ResolvedImage {
  const repoKey = `${ref.domain}/${ref.path}`;
  const cacheKey = `${repoKey}:${c.key}`;
  let img = built.get(cacheKey);
  if (!img) {
    const spec = fam.spec(c);
    const os = osInfo(spec.os);
    const layers: ImageLayer[] = [];
    // Fill the one step marked -1 (the big RUN) so the sizes add up to spec.size.
    const fixed = spec.steps.reduce((s, st) => s + (st[1] > 0 ? st[1] : 0), 0) + os.baseSize;
    const remainder = Math.max(0, spec.size - fixed);
    const hasBaseMarker = spec.steps.some((s) => s[0] === '__BASE__');
    const baseStep: [string, number, string] = [os.baseCreatedBy, os.baseSize, os.baseComment];
    const steps: Array<[string, number, string?]> = [];
    if (spec.os !== 'scratch' && !hasBaseMarker) {
      steps.push(baseStep);
      if (os.baseCmd.length && fam !== busybox && fam !== alpine && fam !== debian)
        steps.push([os.flavor === 'alpine' ? `CMD ["/bin/sh"]` : os.id.startsWith('ubuntu') ? '/bin/sh -c #(nop)  CMD ["/bin/bash"]' : 'CMD ["bash"]', 0, os.flavor === 'alpine' ? BK : os.baseComment]);
    }
    for (const st of spec.steps) {
      if (st[0] === '__BASE__') steps.push(baseStep);
      else steps.push([st[0], st[1] === -1 ? remainder : st[1], st[2]]);
    }
    const created = spec.created;
    const baseCreated = daysBefore(created, 7);
    steps.forEach(([createdBy, size, comment], i) => {
      const isBase = createdBy === os.baseCreatedBy && i < 2;
      layers.push({
        ...(size > 0 ? { digest: 'sha256:' + sha256hex(`layer:${cacheKey}:${i}:${createdBy}`) } : {}),
        size,
        createdBy,
        created: isBase ? baseCreated : created,
        comment: comment ?? (createdBy.startsWith('/bin/sh -c #(nop)') || createdBy.startsWith('/bin/sh -c ') ? '' : BK),
        empty: size === 0,
      });
    });
    const size = layers.reduce((s, l) => s + l.size, 0);
    const files: FsLayer = { ...(spec.files ?? {}) };
    const config: ImageConfig = {
      Entrypoint: spec.config.Entrypoint ?? null,
      Cmd: spec.config.Cmd === undefined ? null : spec.config.Cmd,
      Env: spec.config.Env ?? [PATH_ENV],
      ...(spec.config.ExposedPorts ? { ExposedPorts: spec.config.ExposedPorts } : {}),
      WorkingDir: spec.config.WorkingDir ?? '',
      User: spec.config.User ?? '',
      Labels: spec.config.Labels ?? null,
      ...(spec.config.Volumes ? { Volumes: spec.config.Volumes } : {}),
      ...(spec.config.StopSignal ? { StopSignal: spec.config.StopSignal } : {}),
    };
    if (config.WorkingDir && !files[config.WorkingDir]) files[config.WorkingDir] = { ...DIR };
    // the image's own files were written when it was built
    const builtAt = Date.parse(spec.created);
    for (const [k, n] of Object.entries(files)) if ((n.type === 'file' || n.type === 'dir') && n.mtime === undefined) files[k] = { ...n, mtime: builtAt };
    img = {
      ref,
      repository: familiarName(ref.domain, ref.path),
      tag: ref.tag,
      id: 'sha256:' + sha256hex(`image:${cacheKey}`),
      digest: 'sha256:' + sha256hex(`digest:${cacheKey}`),
      size,
      created,
      os: 'linux',
      architecture: 'amd64',
      layers,
      config,
      flavor: os.flavor,
      osName: os.prettyName,
      version: spec.version ?? c.version,
      fs: spec.os === 'scratch' ? [files] : [osLayer(spec.os), files],
      app: spec.app,
      source: 'catalog',
    };
    built.set(cacheKey, img);
  }
  // Same image, the ref as asked.
  return { ...img, ref, tag: ref.tag };
}

export function pullAccessDenied(repo: string): string {
  return `pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
}

export function manifestUnknown(familiar: string): string {
  return `manifest for ${familiar} not found: manifest unknown: manifest unknown`;
}

/** Looks up a catalog image only (no world). */
export function catalogImage(refStr: string): Result<ResolvedImage> {
  const p = parseImageRef(refStr);
  if (!p.ok) return p;
  return lookupCatalog(p.value);
}

function lookupCatalog(ref: ImageRef): Result<ResolvedImage> {
  const fam = BY_REPO.get(`${ref.domain}/${ref.path}`);
  const repo = familiarName(ref.domain, ref.path);
  if (!fam) return { ok: false, error: pullAccessDenied(repo) };
  let c: Canon | null = null;
  if (ref.tag) c = fam.canon(ref.tag);
  else if (ref.digest) {
    // pulling by digest: the digest of the latest tag, or of any canonical tag we can enumerate cheaply
    const latest = fam.canon('latest') ?? fam.canon(fam === whoami ? 'v1.11.0' : 'v1');
    if (latest && 'sha256:' + sha256hex(`digest:${ref.domain}/${ref.path}:${latest.key}`) === ref.digest) c = latest;
  }
  if (!c) return { ok: false, error: manifestUnknown(ref.digest && !ref.tag ? `${repo}@${ref.digest}` : `${repo}:${ref.tag}`) };
  return { ok: true, value: buildCatalogImage(ref, fam, c) };
}

// ---------------------------------------------------------------------------------------------------------------
// scenario (extra) and pushed images

function envList(env: ScenarioImage['env']): string[] {
  if (!env) return [];
  return Array.isArray(env) ? env : Object.entries(env).map(([k, v]) => `${k}=${v}`);
}

/** The catalog image a scenario image most plausibly builds on, from its command. */
function scenarioBase(decl: ScenarioImage): string {
  if (decl.base) return decl.base;
  const exe = (decl.entrypoint?.[0] ?? decl.cmd?.[0] ?? '').replace(/^.*\//, '');
  if (exe === 'node' || exe === 'npm' || exe === 'yarn') return 'node:20-alpine';
  if (exe.startsWith('python') || exe === 'flask' || exe === 'gunicorn' || exe === 'uvicorn') return 'python:3.12-slim';
  if (exe === 'nginx') return 'nginx:alpine';
  return 'busybox:latest';
}

function fromScenario(ref: ImageRef, decl: ScenarioImage, key: string): ResolvedImage {
  const baseRes = catalogImage(scenarioBase(decl));
  const base = baseRes.ok ? baseRes.value : (catalogImage('busybox:latest') as { ok: true; value: ResolvedImage }).value;
  const h = (s: string) => 'sha256:' + sha256hex(`${s}:scenario:${key}:${JSON.stringify(decl)}`);
  const argv = [...(decl.entrypoint ?? []), ...(decl.cmd ?? [])];
  const workdir = argv.some((a) => /\.(js|mjs|py|sh|jar|rb)$/.test(a) && !a.startsWith('/')) ? '/app' : base.config.WorkingDir;
  const config: ImageConfig = {
    ...base.config,
    Entrypoint: decl.entrypoint ?? null,
    Cmd: decl.cmd ?? base.config.Cmd,
    Env: [...base.config.Env, ...envList(decl.env)],
    ...(decl.ports?.length ? { ExposedPorts: Object.fromEntries(decl.ports.map((p) => [`${p}/tcp`, {}])) } : {}),
    WorkingDir: workdir,
    Labels: null,
  };
  // the app's files (server.js ...) and its program, so exec, ls and which look right
  const files: FsLayer = { '/app': { ...DIR } };
  for (const a of argv) {
    if (/\.(js|mjs|py|sh|jar|rb)$/.test(a)) files[a.startsWith('/') ? a : `/app/${a}`] = FILE(`// ${a}\n`);
  }
  const exe = argv[0];
  if (exe && !exe.includes('/') && !base.fs.some((l) => l[`/usr/local/bin/${exe}`] || l[`/usr/bin/${exe}`] || l[`/bin/${exe}`])) files[`/usr/local/bin/${exe}`] = EXE();
  else if (exe && exe.startsWith('/')) files[exe] = EXE();
  const appLayer: ImageLayer = { digest: h('layer'), size: 2_310_000, createdBy: 'COPY . /app # buildkit', created: '2025-12-01T09:00:00Z', comment: BK, empty: false };
  const cmdLayer: ImageLayer = { size: 0, createdBy: `CMD ${JSON.stringify(config.Cmd ?? []).replace(/,/g, ' ')}`, created: '2025-12-01T09:00:00Z', comment: BK, empty: true };
  return {
    ...base,
    ref,
    repository: familiarName(ref.domain, ref.path),
    tag: ref.tag,
    id: h('image'),
    digest: h('digest'),
    size: base.size + appLayer.size,
    created: '2025-12-01T09:00:00Z',
    layers: [...base.layers, appLayer, cmdLayer],
    config,
    fs: [...base.fs, files],
    app: 'scenario',
    source: 'extra',
    scenario: decl,
  };
}

/** Builds a ResolvedImage from a pushed or locally built record (docker build / commit / load). */
export function imageFromRecord(world: unknown, refStr: string, rec: PushedImage): ResolvedImage {
  const p = parseImageRef(refStr);
  const ref: ImageRef = p.ok ? p.value : { domain: 'docker.io', path: refStr, tag: 'latest', familiar: refStr };
  let base: ResolvedImage | undefined;
  if (rec.base) {
    const b = world ? resolveImage(world as WorldLike, rec.base) : catalogImage(rec.base);
    if (b.ok) base = b.value;
  }
  const fsLayers = [...(base?.fs ?? []), ...(rec.files ? [rec.files] : [])];
  return {
    ref,
    repository: familiarName(ref.domain, ref.path),
    tag: ref.tag,
    id: rec.id,
    digest: rec.digest ?? 'sha256:' + sha256hex(`digest:${rec.id}`),
    size: rec.size,
    created: rec.created,
    os: 'linux',
    architecture: 'amd64',
    layers: rec.layers,
    config: rec.config,
    flavor: base?.flavor ?? 'busybox',
    osName: base?.osName ?? '',
    version: base?.version ?? '',
    fs: fsLayers.length ? fsLayers : [{}],
    app: rec.app ?? base?.app ?? 'generic',
    source: 'pushed',
    ...(base?.scenario ? { scenario: base.scenario } : {}),
  };
}

interface WorldLike {
  registry: { pushed: Record<string, Record<string, any>>; extra: Record<string, any> };
}

/**
 * What a pull of `refStr` finds: the catalog, scenario images (world.registry.extra, keyed by the reference as
 * written), then images learners pushed (world.registry.pushed['docker.io/user/app']['1.0']). Errors carry Docker's
 * text (without the "Error response from daemon: " prefix).
 */
export function resolveImage(world: WorldLike, refStr: string): Result<ResolvedImage> {
  const p = parseImageRef(refStr);
  if (!p.ok) return p;
  const ref = p.value;
  const repo = familiarName(ref.domain, ref.path);
  // scenario images: match the key as written, or its normalised form
  const extra = world.registry?.extra ?? {};
  for (const [key, decl] of Object.entries(extra)) {
    const kp = parseImageRef(key);
    if (!kp.ok) continue;
    if (kp.value.domain === ref.domain && kp.value.path === ref.path && (kp.value.tag === ref.tag || (!ref.tag && ref.digest))) {
      return { ok: true, value: fromScenario(ref, decl as ScenarioImage, key) };
    }
  }
  const pushedRepo = world.registry?.pushed?.[`${ref.domain}/${ref.path}`];
  if (pushedRepo) {
    let rec: PushedImage | undefined;
    if (ref.tag) rec = pushedRepo[ref.tag];
    else if (ref.digest) rec = Object.values(pushedRepo).find((r: PushedImage) => r.digest === ref.digest || r.id === ref.digest);
    if (rec) return { ok: true, value: imageFromRecord(world, ref.familiar, rec) };
    const fam = BY_REPO.get(`${ref.domain}/${ref.path}`);
    if (!fam) return { ok: false, error: manifestUnknown(`${repo}:${ref.tag}`) };
  }
  return lookupCatalog(ref);
}

/** The full argv the main process runs: Entrypoint + Cmd, with docker-run overrides. */
export function defaultArgv(config: ImageConfig, overrideCmd?: string[], overrideEntrypoint?: string[] | null): string[] {
  const ep = overrideEntrypoint !== undefined ? (overrideEntrypoint ?? []) : (config.Entrypoint ?? []);
  const cmd = overrideCmd && overrideCmd.length ? overrideCmd : overrideEntrypoint !== undefined ? [] : (config.Cmd ?? []);
  return [...ep, ...cmd];
}

export { shellPrompt } from './prompt.js';

/** Docker's human size (go-units HumanSize: 3 significant digits, decimal units). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}
