import { describe, expect, it } from 'vitest';
import { memorySession } from '../helpers/memory.js';

describe('aliases inside command substitution', () => {
  it('expand without disturbing the rest of the line (docker cheat sheet: alias + $(...) | tr)', async () => {
    const s = memorySession();
    await s.run("alias dl='echo abc'");
    expect((await s.run('echo $(dl) | tr a-z A-Z')).stdout).toBe('ABC\n');
    expect((await s.run('echo "x $(dl; echo $(dl)) y" | tr a-z A-Z')).stdout).toBe('X ABC\nABC Y\n');
    expect((await s.run('echo $(dl) $(dl)')).stdout).toBe('abc abc\n');
  });
});
