/** The runtime through the built binary: a container's process, its files, its HTTP answers and a nested shell. */
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { NGINX_INDEX } from '../../src/world/runtime/content.js';

describe('runtime end to end', () => {
  it('nginx answers curl on its published port; exec and a nested shell see its files', async () => {
    const r = await cli([], {
      input: [
        'docker run -d -p 8080:80 --name web nginx:1.27 > /dev/null 2>&1',
        'curl -s localhost:8080',
        'docker exec web nginx -v',
        'docker run --rm busybox sh -c "echo hi > /tmp/f; cat /tmp/f"',
        'docker exec -it web sh',
        'ls /usr/share/nginx/html',
        'exit',
        'curl localhost:9999',
        '',
      ].join('\n'),
    });
    expect(r.stdout).toContain(NGINX_INDEX);
    expect(r.stderr).toContain('nginx version: nginx/1.27.5\n');
    expect(r.stdout).toContain('hi\n');
    expect(r.stdout).toContain('50x.html\nindex.html\n');
    expect(r.stderr).toContain("curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n");
  });
});
