import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { findScenarioFiles, testFile } from '../../src/scenario/runner.js';
import { formatError } from '../../src/scenario/types.js';
import { BIN, cli } from '../helpers/cli.js';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

describe('the bundled curriculum', () => {
  const { files } = findScenarioFiles([dir]);

  it('has scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('every scenario passes k8s-drill test (in process)', { timeout: 120_000 }, async () => {
    const seen = new Map<string, string>();
    const failures: string[] = [];
    for (const f of files) {
      const r = await testFile(f, f.slice(dir.length), seen);
      if (!r.passed) failures.push(...r.errors.map(formatError));
    }
    expect(failures).toEqual([]);
  });

  it('k8s-drill test scenarios/ passes through the built bin, and list shows them', { timeout: 120_000 }, async () => {
    // The whole pack through the bin, with more time than the shared helper allows (busy CI machines).
    const { execa } = await import('execa');
    const x = await execa(process.execPath, [BIN, 'test', dir], {
      reject: false,
      timeout: 90_000,
      env: { NO_COLOR: '1', K8S_DRILL_HOME: '/nonexistent-k8s-drill-home' },
    });
    const r = { stdout: String(x.stdout), stderr: String(x.stderr), code: x.exitCode ?? -1 };
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n').pop()).toBe(`${files.length} passed, 0 failed`);
    expect(r.code).toBe(0);
    const l = await cli(['list']);
    expect(l.code).toBe(0);
    expect(l.stdout.split('\n')[0]).toMatch(/^NAME\s+TITLE\s+DIFFICULTY\s+TAGS$/);
    expect(l.stdout).toMatch(/^docker-first-container\s+Your first container\s+beginner\s+docker, containers$/m);
  });
});
