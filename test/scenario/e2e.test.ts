import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cli, removeDir, tempDir } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('scenario commands through the built bin', () => {
  it('practice finds a bundled scenario by name; line mode prints only command output until check; grade replays it', async () => {
    const state = tempDir();
    const ws = tempDir();
    try {
      const p = await cli(['practice', 'docker-first-container', '--workspace', ws], {
        stateDir: state,
        input: 'docker run hello-world\ndocker ps -a\ncheck\n',
      });
      expect(p.code).toBe(0); // the exit status of the last line: check passes once every task does
      const [before, report] = p.stdout.split('Your first container: ');
      expect(before).toContain('Hello from Docker!');
      expect(before).not.toMatch(/Tasks:|hint/);
      expect(report).toMatch(/^2\/2 points \(100%\)\n✔ hello: /);
      const g = await cli(['grade', `${root}scenarios/01-docker-first-container.yaml`, '--state-dir', state, '--format', 'json'], { stateDir: state });
      expect(g.code).toBe(0);
      expect(JSON.parse(g.stdout)).toMatchObject({ scenario: 'docker-first-container', passed: true, score: 2, replay: { matches: true } });
    } finally {
      removeDir(state);
      removeDir(ws);
    }
  });

  it('practice and grade explain what is wrong with their arguments', async () => {
    const r = await cli(['practice', 'no-such-scenario']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('k8s-drill practice: no scenario file or bundled scenario named "no-such-scenario" (run `k8s-drill list` to see them)\n');
    const g = await cli(['grade']);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain("error: missing required argument 'scenario'");
  });
});

describe('the shipped JSON Schema', () => {
  it('is what editors get: every bundled scenario names it and validates against it with plain ajv', async () => {
    const { default: Ajv } = await import('ajv');
    const YAML = await import('yaml');
    const schema = JSON.parse(readFileSync(`${root}schema/scenario.schema.json`, 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const dir = `${root}scenarios/`;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
      const text = readFileSync(dir + f, 'utf8');
      expect(text.split('\n')[0], f).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
      const ok = validate(YAML.parse(text));
      expect(validate.errors ?? [], f).toEqual([]);
      expect(ok).toBe(true);
    }
    expect(validate({ apiVersion: 'k8s-drill/v1', kind: 'Scenario', metadata: { name: 'x', title: 'x' }, tasks: [{ id: 'a', title: 'a', goals: [{ kubernets: {} }] }] })).toBe(false);
  });
});
