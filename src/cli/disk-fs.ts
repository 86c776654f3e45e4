/** A FileSystem on the real disk, rooted at a directory (as `kubectl apply -f` paths in a script expect). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { FileSystem } from '../commands/types.ts';

export function diskFileSystem(baseDir: string): FileSystem {
  const abs = (p: string) => (isAbsolute(p) ? p : join(baseDir, p));
  return {
    readFile: (p) => readFileSync(abs(p), 'utf8'),
    stat: (p) => {
      try {
        const s = statSync(abs(p));
        return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    readDir: (p) => readdirSync(abs(p)).sort(),
    join: (dir, name) => join(dir, name),
  };
}
