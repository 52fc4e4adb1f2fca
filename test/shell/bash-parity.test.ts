/**
 * Parity with real bash + GNU tools + jq 1.6: every case in fixtures/shell/cases.txt was run by
 * fixtures/shell/record.mjs (bash -c CASE, LC_ALL=C) and its output recorded in bash-cases.json.
 * Our interpreter runs the same text on the same files (in memory) and must print the same stdout and exit code;
 * stderr is compared for the tools' own messages (bash's `bash: line 1:` prefix is ours `bash:`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { harness } from './harness.js';
import { makeLs } from '../../src/shell/coreutils.js';

const dir = new URL('../../fixtures/shell/', import.meta.url);
const files = JSON.parse(readFileSync(new URL('files.json', dir), 'utf8')) as Record<string, string>;
const cases = JSON.parse(readFileSync(new URL('bash-cases.json', dir), 'utf8')) as { cmd: string; stdout: string; stderr: string; code: number }[];

/** Where we knowingly differ (with the reason). */
const SKIP_STDERR = new Set<string>([]);

function normErr(s: string): string {
  return s.replace(/^bash: (line \d+: )?/gm, 'bash: ').replace(/^(mawk|awk): .*$/gm, 'awk: ERROR');
}

describe('bash parity', () => {
  for (const c of cases) {
    test(c.cmd.split('\n')[0]!.slice(0, 100), async () => {
      const h = harness({ extra: { ls: makeLs('gnu') }, files: Object.fromEntries(Object.entries(files).map(([k, v]) => ['/work/' + k, v])) });
      h.env.shellName = 'bash';
      const r = await h.run(c.cmd);
      expect(r.out).toBe(c.stdout);
      expect(r.code).toBe(c.code);
      if (!SKIP_STDERR.has(c.cmd)) expect(normErr(r.err)).toBe(normErr(c.stderr));
    });
  }
});
