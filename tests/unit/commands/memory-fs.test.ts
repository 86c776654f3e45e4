/**
 * The in-memory workspace (the app's file system) and Go's path and os rules in fs-write.ts that
 * commands write files through; then the app's live cluster writing a dump and reading it back.
 */
import { describe, expect, it } from 'vitest';
import { cleanPath, createFile, dirPath, joinPath, mkdirAll } from '../../../src/commands/fs-write.ts';
import { MemoryFileSystem } from '../../../src/commands/memory-fs.ts';
import { EMPTY_FS } from '../../../src/commands/session.ts';
import { LiveCluster } from '../../../src/app/live-cluster.ts';

describe("Go's path package", () => {
  it.each([
    ['', '.'],
    ['a//b/./c/', 'a/b/c'],
    ['./x', 'x'],
    ['a/../..', '..'],
    ['/../a', '/a'],
    ['/', '/'],
  ])('Clean(%j) = %j', (p, want) => expect(cleanPath(p)).toBe(want));

  it('Join skips empty elements and cleans; Dir is the cleaned part before the last slash', () => {
    expect(joinPath('./out/', 'default', 'events')).toBe('out/default/events');
    expect(joinPath('', '')).toBe('');
    expect(dirPath('out/default/events.json')).toBe('out/default');
    expect(dirPath('nodes.json')).toBe('.');
    expect(dirPath('/nodes.json')).toBe('/');
  });
});

describe('MemoryFileSystem', () => {
  it('reads back what was written; stat, readDir (sorted names), join', () => {
    const fs = new MemoryFileSystem();
    fs.mkdir('d');
    fs.writeFile('d/b.txt', 'B');
    fs.writeFile('/d/a.txt', 'A');
    fs.mkdir('d/sub');
    expect(fs.readFile('./d/b.txt')).toBe('B');
    expect([fs.stat('d'), fs.stat('/d/a.txt'), fs.stat('nope')]).toEqual(['dir', 'file', undefined]);
    expect(fs.readDir('d')).toEqual(['a.txt', 'b.txt', 'sub']);
    expect(fs.readDir('.')).toEqual(['d']);
    expect(fs.join('d/', 'a.txt')).toBe('d/a.txt');
  });

  it("words its failures as Linux's errno through Go's os package", () => {
    const fs = new MemoryFileSystem();
    fs.writeFile('f', '');
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error(() => fs.writeFile('missing/x', ''))).toBe('open missing/x: no such file or directory');
    expect(error(() => fs.writeFile('f/x', ''))).toBe('open f/x: not a directory');
    expect(error(() => fs.mkdir('f/x/y'))).toBe('mkdir f/x/y: not a directory');
    expect(error(() => fs.mkdir('f'))).toBe('mkdir f: file exists');
    expect(error(() => fs.writeFile('/', ''))).toBe('open /: is a directory');
    expect(error(() => fs.readFile('nope'))).toBe('open nope: no such file or directory');
    expect(error(() => fs.readDir('f'))).toBe('open f: not a directory');
  });

  it('mkdirAll makes every missing parent, accepts an existing directory, and names the file in the way', () => {
    const fs = new MemoryFileSystem();
    mkdirAll(fs, 'a/b/c');
    mkdirAll(fs, 'a/b');
    expect(fs.stat('a/b/c')).toBe('dir');
    createFile(fs, 'a/b/c/x', 'one');
    createFile(fs, 'a/b/c/x', 'two');
    expect(fs.readFile('a/b/c/x')).toBe('two');
    expect(() => mkdirAll(fs, 'a/b/c/x/y')).toThrow('mkdir a/b/c/x: not a directory');
  });

  it('a file system without a writable side fails as a read-only mount, at the first directory to make', () => {
    expect(() => mkdirAll(EMPTY_FS, 'a/b/c')).toThrow('mkdir a: read-only file system');
    expect(() => createFile(EMPTY_FS, 'x', '')).toThrow('open x: read-only file system');
  });
});

describe("the app's workspace", () => {
  it('cluster-info dump --output-directory lands in memory and reads back with cat and kubectl', () => {
    const live = new LiveCluster();
    const r = live.exec('kubectl cluster-info dump --namespaces default --output-directory=dump');
    expect(r).toEqual({ output: 'Cluster info dumped to dump\n', exitCode: 0 });
    const services = live.exec('cat dump/default/services.json');
    expect(services.exitCode).toBe(0);
    expect(services.output).toMatch(/^\{\n {4}"kind": "ServiceList",\n {4}"apiVersion": "v1",/);
    expect(services.output).toContain('"name": "kubernetes"');
    // kubectl reads the workspace too: -f of a missing file, and a ConfigMap made from a dumped file.
    expect(live.exec('kubectl apply -f dump/nope.json').output).toBe('error: the path "dump/nope.json" does not exist\n');
    expect(live.exec('kubectl create configmap dump --from-file=svc=dump/default/services.json').output).toBe('configmap/dump created\n');
    expect(live.exec('kubectl get cm dump -o jsonpath={.data.svc}').output).toBe(services.output);
  });
});
