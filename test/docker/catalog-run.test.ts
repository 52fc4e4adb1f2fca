/** Every catalog repository (its default tag) starts with `docker run -d` and shows a sensible state in `docker ps -a`. */
import { describe, expect, test } from 'vitest';
import { catalogRepositories } from '../../src/world/runtime/images.js';
import { dockerSession } from './helpers.js';

describe('docker run -d IMAGE for every catalog repository', () => {
  const repos = catalogRepositories();
  test('the catalog is not empty', () => expect(repos.length).toBeGreaterThan(30));
  // repositories without a `latest` tag (as on their real registries) run their usual tag
  const TAG: Record<string, string> = {
    'gcr.io/google-samples/node-hello': '1.0', 'gcr.io/google-samples/kubernetes-bootcamp': 'v1', 'jocatalin/kubernetes-bootcamp': 'v1',
    'docker.elastic.co/elasticsearch/elasticsearch': '6.3.2', 'registry.k8s.io/e2e-test-images/agnhost': '2.39',
    'k8s.gcr.io/echoserver': '1.4', 'registry.k8s.io/echoserver': '1.4', 'gcr.io/google_containers/echoserver': '1.4', 'gcr.io/google-samples/hello-app': '1.0',
  };
  // images whose default command fails on purpose, as the real ones do without configuration
  const FAILS: Record<string, string> = { postgres: 'Exited (1)', mysql: 'Exited (1)', 'hashicorp/http-echo': 'Exited (127)', mariadb: 'Exited (1)', 'alpine/curl': 'Exited (2)', 'curlimages/curl': 'Exited (2)' };
  test.each(repos)('%s', async (repo) => {
    const s = dockerSession();
    const r = await s.d(`run -d --name c1 ${repo}${TAG[repo] ? `:${TAG[repo]}` : ''}`);
    expect(r.stderr.replace(/^Unable to find image.*\n|^[^\n]*(Pulling|Pull complete|Digest:|Status:|Download|Waiting|Verifying|Already exists)[^\n]*\n/gm, '')).toBe('');
    expect(r.code).toBe(0);
    s.advance(5000);
    const ps = await s.d('ps -a --format "{{.Status}}"');
    const status = ps.stdout.trim();
    // servers are Up; one-shot images (hello-world, shells without a terminal, CLI tools) exit cleanly
    if (FAILS[repo]) expect(status.startsWith(FAILS[repo]!)).toBe(true);
    else expect(status).toMatch(/^(Up \d+ seconds|Exited \(0\) \d+ seconds ago)$/);
    // an image that exposes ports is a server: it keeps running
    const exposed = (await s.d('image inspect -f "{{json .Config.ExposedPorts}}" ' + repo + (TAG[repo] ? `:${TAG[repo]}` : ''))).stdout.trim();
    if (!FAILS[repo] && exposed !== 'null' && exposed !== '{}') expect(status).toMatch(/^Up /);
    const logs = await s.d('logs c1');
    expect(logs.stdout + logs.stderr).not.toMatch(/OCI runtime|executable file not found|no such file or directory/);
  });
});
