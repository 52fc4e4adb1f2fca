import { describe, expect, it } from 'vitest';
import { memorySession } from '../helpers/memory.js';

/** Paths of numbers JSON cannot carry (NaN, Infinity): they would come back from a save as null. */
function nonFinite(v: unknown, path = '', out: string[] = []): string[] {
  if (typeof v === 'number' && !Number.isFinite(v)) out.push(path);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nonFinite(x, `${path}.${k}`, out);
  return out;
}

describe('the world is plain JSON data', () => {
  it('survives a save and reload unchanged after a course-scale session', async () => {
    const s = memorySession();
    for (const line of [
      'kubectl create deployment web --image=nginx --replicas=2',
      'kubectl expose deployment web --port=80',
      'kubectl run once --image=busybox --restart=Never -- echo hi',
      'kubectl create deployment bad --image=busybox -- false',
      'docker run -d --name cache redis',
      'docker run busybox echo hello',
      'sleep 90',
    ]) {
      await s.run(line);
      s.advance(5_000);
    }
    await s.run('kubectl get pods');
    const world = s.session.world;
    expect(nonFinite(world)).toEqual([]);
    expect(JSON.parse(JSON.stringify(world))).toEqual(world);
  });
});
