/** The learner's real files, as programs see them (HostFs). Reads can be recorded for an exact replay. */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import type { HostFs } from '../core/types.js';

export function realHostFs(cwd: string, reads?: Record<string, string>): HostFs {
  const fs: HostFs = {
    cwd,
    resolve: (p) => resolvePath(fs.cwd, p),
    readFile(p) {
      const abs = fs.resolve(p);
      try {
        const text = readFileSync(abs, 'utf8');
        if (reads) reads[abs] = text;
        return text;
      } catch {
        return null;
      }
    },
    readFileBytes(p) {
      try {
        return new Uint8Array(readFileSync(fs.resolve(p)));
      } catch {
        return null;
      }
    },
    writeFile(p, content, append) {
      const abs = fs.resolve(p);
      try {
        mkdirSync(dirname(abs), { recursive: true });
        if (append) appendFileSync(abs, content);
        else writeFileSync(abs, content);
        return null;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EISDIR') return `${p}: Is a directory`;
        if (code === 'EACCES') return `${p}: Permission denied`;
        return `${p}: ${(e as Error).message}`;
      }
    },
    stat(p) {
      try {
        const s = statSync(fs.resolve(p));
        return { type: s.isDirectory() ? 'dir' : 'file', size: s.size, mtimeMs: s.mtimeMs };
      } catch {
        return null;
      }
    },
    readdir(p) {
      try {
        return readdirSync(fs.resolve(p)).sort();
      } catch {
        return null;
      }
    },
    mkdir(p, parents) {
      try {
        mkdirSync(fs.resolve(p), { recursive: !!parents });
        return null;
      } catch (e) {
        return `${p}: ${(e as Error).message}`;
      }
    },
    remove(p, recursive) {
      try {
        rmSync(fs.resolve(p), { recursive: !!recursive });
        return null;
      } catch (e) {
        return `${p}: ${(e as Error).message}`;
      }
    },
  };
  return fs;
}
