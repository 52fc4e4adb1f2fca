import { describe, expect, test } from 'vitest';
import { memorySession } from '../helpers/memory.js';

describe('host shell (runLine)', () => {
  test('probe', async () => {
    const s = memorySession();
    for (const l of ['echo hi', 'kubctl get pods', 'k get pods', 'alias', 'history', 'export A=1', 'echo $A', 'env', 'help | head -3', 'sudo echo x', 'clear', 'exit 3', 'kubectl version --client', 'docker --version', 'curl -s localhost', 'ls -l', 'date', 'sleep 60; date']) {
      const r = await s.run(l);
      console.log(JSON.stringify(l), r.code, JSON.stringify(r.stdout.slice(0, 300)), JSON.stringify(r.stderr.slice(0, 300)), r.exit, r.clear);
    }
  });
});
