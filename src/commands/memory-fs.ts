/**
 * An in-memory file system with a writable side: the app's workspace, where the files a command
 * writes (`kubectl cluster-info dump --output-directory`) land and can be read back (`cat`,
 * `kubectl apply -f`). Paths are as the user types them, relative to `/` (the workspace's root,
 * its working directory). Errors are worded as Linux's, through Go's os package.
 */
import { cleanPath, dirPath, GoPathError, joinPath } from './fs-write.ts';
import type { FileSystem } from './types.ts';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(['/']);

  private abs(path: string): string {
    return cleanPath(path.startsWith('/') ? path : `/${path}`);
  }

  readFile(path: string): string {
    const at = this.abs(path);
    const text = this.files.get(at);
    if (text !== undefined) return text;
    throw new GoPathError(this.dirs.has(at) ? `read ${path}: is a directory` : `open ${path}: no such file or directory`);
  }

  stat(path: string): 'file' | 'dir' | undefined {
    const at = this.abs(path);
    return this.files.has(at) ? 'file' : this.dirs.has(at) ? 'dir' : undefined;
  }

  readDir(path: string): string[] {
    const at = this.abs(path);
    if (!this.dirs.has(at)) throw new GoPathError(`open ${path}: ${this.files.has(at) ? 'not a directory' : 'no such file or directory'}`);
    const names: string[] = [];
    for (const p of [...this.files.keys(), ...this.dirs]) if (p !== '/' && dirPath(p) === at) names.push(p.slice(p.lastIndexOf('/') + 1));
    return names.sort();
  }

  join(dir: string, name: string): string {
    return joinPath(dir, name);
  }

  writeFile(path: string, text: string): void {
    const at = this.abs(path);
    if (this.dirs.has(at)) throw new GoPathError(`open ${path}: is a directory`);
    this.checkParent('open', path, at);
    this.files.set(at, text);
  }

  mkdir(path: string): void {
    const at = this.abs(path);
    if (this.dirs.has(at) || this.files.has(at)) throw new GoPathError(`mkdir ${path}: file exists`);
    this.checkParent('mkdir', path, at);
    this.dirs.add(at);
  }

  /** ENOTDIR when an ancestor is a file, ENOENT when the parent is missing. */
  private checkParent(op: 'open' | 'mkdir', path: string, at: string): void {
    const parent = dirPath(at);
    if (this.dirs.has(parent)) return;
    let up = parent;
    while (!this.files.has(up) && up !== '/') up = dirPath(up);
    throw new GoPathError(`${op} ${path}: ${this.files.has(up) ? 'not a directory' : 'no such file or directory'}`);
  }
}
