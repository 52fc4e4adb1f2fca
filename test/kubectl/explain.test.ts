/**
 * kubectl explain layout, compared with kubectl 1.33 rendering an OpenAPI v3 document built from the same field
 * docs (fixtures/kubectl/explain.json) served by scripts/kubectl-stub-server.mjs (STUB_OPENAPI=1); recorded by
 * scripts/record-kubectl-fixtures.sh into fixtures/kubectl/explain-side.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

interface Fixture { args: string[]; stdout: string; stderr: string; code: number }
const fixtures: Fixture[] = JSON.parse(readFileSync(new URL('../../fixtures/kubectl/explain-side.json', import.meta.url), 'utf8'));

describe('kubectl explain matches kubectl 1.33 plaintext template', () => {
  it('has the recordings', () => expect(fixtures.length).toBeGreaterThanOrEqual(15));
  for (const fx of fixtures) {
    it(`kubectl ${fx.args.join(' ')}`, async () => {
      const h = harness();
      const r = await h.kubectl(fx.args);
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual({ stdout: fx.stdout, stderr: fx.stderr, code: fx.code });
    });
  }
});
