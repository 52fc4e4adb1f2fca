/** `ls` on a terminal: GNU column layout (fixtures recorded from `COLUMNS=80 ls -C`, coreutils 9.1). */
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { columns } from '../../src/shell/coreutils.js';

const fx = JSON.parse(readFileSync(new URL('../../fixtures/shell/ls-columns.json', import.meta.url), 'utf8')) as { sets: { names: string[]; out: string }[] };

test('columns() lays names out exactly like GNU ls -C at 80 columns', () => {
  expect(fx.sets.length).toBeGreaterThan(5);
  for (const s of fx.sets) expect(columns(s.names, 80)).toBe(s.out);
});
