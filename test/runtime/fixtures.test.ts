/**
 * Compares curl/wget error output with fixtures/runtime/host-net-tools.txt (recorded from the real curl 7.88.1 and
 * GNU Wget 1.21.3 on this machine; the progress meter lines were dropped: k8s-drill's stdout is a terminal).
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { clearResolvers, curl, wget } from '../../src/world/runtime/net.js';
import type { IO } from '../../src/core/types.js';
import type { World } from '../../src/world/world.js';
import { memoryFs, T0 } from '../helpers/memory.js';

const text = readFileSync(new URL('../../fixtures/runtime/host-net-tools.txt', import.meta.url), 'utf8');
const blocks = new Map<string, { out: string; rc: number }>();
for (const m of text.matchAll(/### \$ (.*)\n([\s\S]*?)### rc=(\d+)/g)) blocks.set(m[1]!, { out: m[2]!, rc: Number(m[3]) });

async function run(cmd: string): Promise<{ out: string; rc: number }> {
  const argv = cmd.split(' ').slice(1).map((a) => a.replace(/\\\\n/g, '\\n'));
  let both = '';
  const fs = memoryFs(new Map());
  const io: IO = {
    world: {} as World,
    ctx: { wallNow: T0, host: fs, tty: false, interactive: false, readLine: async () => null },
    fs,
    stdin: '',
    stdinIsPipe: false,
    env: {},
    out: (s) => void (both += s),
    err: (s) => void (both += s),
    now: () => T0,
    advance: () => {},
    enterShell: () => {},
    runLine: async () => 0,
  };
  const rc = cmd.startsWith('curl') ? await curl(argv.filter((a) => a !== '/dev/null' && a !== '-o'), io) : await wget(argv, io);
  return { out: both.replace(/^--[0-9-]+ [0-9:]+--/m, '--DATE--'), rc };
}

describe('curl and wget match the real tools', () => {
  beforeAll(() => clearResolvers());
  for (const [cmd, want] of blocks) {
    it(cmd, async () => {
      const got = await run(cmd);
      expect(got.rc).toBe(want.rc);
      // the real curl said "after 0 ms" or "after 2 ms" depending on the machine; the progress meter is dropped
      const norm = (s: string) => s.split('\n').filter((l) => l.trim() && !/--:--:--/.test(l)).join('\n');
      expect(norm(got.out)).toBe(norm(want.out));
    });
  }
});
