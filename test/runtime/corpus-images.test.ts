/** Every image the course notes and the corpus pull resolves in the catalog (learner-built ones excepted). */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogImage } from '../../src/world/runtime/images.js';

const ROOT = '/work/shared';
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}
/** Built or pushed by the learner in the notes, placeholders, or deliberately wrong tags. */
const NOT_CATALOG = new Set([
  // not images: flag values and words the loose `docker run` pattern picks up from prose
  'env', 'sh', 'sh:', 'hello:/world', 'es', 'foodtrucks-net', 'command', 'container2',
'nodejs-hello-world:1.0.0', 'hello-world:1.0.0', 'yourusername/catnip', 'dgkanatsios/simpleapp', 'nginx:2.3.5', 'nginx:1.91', 'image-name', 'name:version', 'user/name:version', 'dokcerhubid/name:version']);

describe('corpus images', () => {
  const refs = new Set<string>();
  for (const f of [...files(join(ROOT, 'corpus')), ...files(join(ROOT, 'seeds'))]) {
    const t = readFileSync(f, 'utf8');
    for (const m of t.matchAll(/--image[= ]([a-z0-9][\w./:-]*)/g)) refs.add(m[1]!);
    for (const m of t.matchAll(/^\s*-?\s*image:\s*["']?([a-z0-9][\w./:-]*)/gm)) refs.add(m[1]!);
    for (const m of t.matchAll(/docker (?:pull|run(?: -[-\w]+(?:[= ][\w.:/=-]+)?)*) ([a-z0-9][\w./:-]*)/g)) refs.add(m[1]!);
  }
  const list = [...refs].filter((r) => !NOT_CATALOG.has(r) && !r.includes('$') && !/^\d/.test(r));
  it('found the images', () => expect(list.length).toBeGreaterThan(10));
  it.each(list)('%s', (r) => {
    const x = catalogImage(r);
    expect(x.ok ? 'ok' : x.error).toBe('ok');
  });
});
