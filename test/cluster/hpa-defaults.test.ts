import { describe, expect, it } from 'vitest';
import { memorySession } from '../helpers/memory.js';

describe('HorizontalPodAutoscaler defaults (autoscaling/v2)', () => {
  it('an HPA with no metric targets CPU at 80% and gets the default behavior', async () => {
    const s = memorySession();
    await s.run('kubectl create deployment web --image=nginx');
    await s.run('kubectl autoscale deploy web --max=3');
    const hpa = JSON.parse((await s.run('kubectl get hpa web -o json')).stdout);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
    expect(hpa.spec.behavior.scaleUp.policies).toHaveLength(2);
    expect((await s.run('kubectl get hpa web')).stdout).toContain('cpu: <unknown>/80%');
  });
});
