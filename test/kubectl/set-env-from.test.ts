import { describe, expect, it } from 'vitest';
import { memorySession } from '../helpers/memory.js';

describe('kubectl set env --from', () => {
  it('adds one reference per key (in key order; real kubectl follows Go map order, which is random) of a ConfigMap or Secret, with --prefix and --keys, and --list shows them', async () => {
    const s = memorySession();
    await s.run('kubectl create configmap app-config --from-literal=MODE=prod --from-literal=log.level=3');
    await s.run('kubectl create secret generic db --from-literal=user=admin --from-literal=password=pw');
    await s.run('kubectl create deployment web --image=nginx');
    const r = await s.run('kubectl set env deployment/web --from=configmap/app-config');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web env updated\n', code: 0 });
    const env = JSON.parse((await s.run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].env}'")).stdout);
    expect(env).toEqual([
      { name: 'MODE', valueFrom: { configMapKeyRef: { key: 'MODE', name: 'app-config' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { key: 'log.level', name: 'app-config' } } },
    ]);
    await s.run('kubectl set env deployment/web --from=secret/db --prefix=DB_ --keys=user');
    const list = await s.run('kubectl set env deployment/web --list');
    expect(list.stdout).toBe(
      '# Deployment web, container nginx\n' +
        '# MODE from configmap app-config, key MODE\n' +
        '# LOG_LEVEL from configmap app-config, key log.level\n' +
        '# DB_USER from secret db, key user\n',
    );
    const missing = await s.run('kubectl set env deployment/web --from=configmap/nope');
    expect(missing.stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
    expect(missing.code).toBe(1);
  });
});
