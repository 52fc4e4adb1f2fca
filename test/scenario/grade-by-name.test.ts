import { afterEach, describe, expect, it } from 'vitest';
import { cli, removeDir, tempDir } from '../helpers/cli.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) removeDir(dirs.pop()!);
});

describe('grade a bundled scenario by its name', () => {
  it('practice k8s-scale in line mode, then grade k8s-scale: full marks and an exact replay', async () => {
    const d = tempDir();
    dirs.push(d);
    const p = await cli(['practice', 'k8s-scale'], { stateDir: d, input: 'kubectl scale deploy/web --replicas=5\nsleep 60\n' });
    expect(p.code).toBe(0);
    const g = await cli(['grade', 'k8s-scale', '--format', 'json'], { stateDir: d });
    expect(g.code).toBe(0);
    const report = JSON.parse(g.stdout);
    expect(report).toMatchObject({ scenario: 'k8s-scale', passed: true });
    expect(report.score).toBe(report.maxScore);
    const unknown = await cli(['grade', 'no-such-scenario'], { stateDir: d });
    expect(unknown.code).toBe(2);
  });
});
