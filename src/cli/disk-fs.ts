/**
 * A FileSystem on the real disk, rooted at a directory (as `kubectl apply -f` paths in a script
 * expect). With `writable`, commands write there too, as kubectl writes to the user's disk
 * (`kubectl cluster-info dump --output-directory`); Node's errors are reworded as Go's os
 * package words them (`open PATH: permission denied`), with the path as the user gave it.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { GoPathError } from '../commands/fs-write.ts';
import type { FileSystem } from '../commands/types.ts';

/** syscall.Errno texts for the errors a write can meet (Go's zerrors_linux table). */
const ERRNO_TEXT: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'file exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
};

export function diskFileSystem(baseDir: string, opts: { writable?: boolean } = {}): FileSystem {
  const abs = (p: string) => (isAbsolute(p) ? p : join(baseDir, p));
  const goError = (op: 'open' | 'mkdir', path: string, e: unknown): Error => {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const text = ERRNO_TEXT[code];
    return text ? new GoPathError(`${op} ${path}: ${text}`) : (e as Error);
  };
  const fs: FileSystem = {
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
  if (!opts.writable) return fs;
  return {
    ...fs,
    writeFile: (p, text) => {
      try {
        writeFileSync(abs(p), text, { mode: 0o666 });
      } catch (e) {
        throw goError('open', p, e);
      }
    },
    mkdir: (p) => {
      try {
        mkdirSync(abs(p), { mode: 0o755 });
      } catch (e) {
        throw goError('mkdir', p, e);
      }
    },
  };
}
