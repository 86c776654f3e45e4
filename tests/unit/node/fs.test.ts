import { describe, expect, it } from 'vitest';
import { ContainerFs, normalizePath, type FsMount } from '../../../src/engine/node/fs.ts';
import type { FsData } from '../../../src/engine/node/types.ts';

function newFs(mounts: FsMount[] = [], special: Record<string, string> = {}) {
  const layer: FsData = { files: {} };
  const fs = new ContainerFs({ layer, mounts, special: (p) => special[p], specialPaths: Object.keys(special) });
  return { fs, layer };
}

describe('normalizePath', () => {
  it.each([
    ['/a/b/../c', '/', '/a/c'],
    ['x', '/tmp', '/tmp/x'],
    ['./x/', '/tmp', '/tmp/x'],
    ['//a//b/', '/', '/a/b'],
    ['../..', '/a', '/'],
  ])('%s in %s → %s', (path, cwd, out) => {
    expect(normalizePath(path, cwd)).toBe(out);
  });
});

describe('ContainerFs', () => {
  it('has the base tree and /dev/null', () => {
    const { fs } = newFs();
    for (const dir of ['/bin', '/etc', '/tmp', '/var', '/usr', '/proc', '/sys', '/dev', '/root', '/home']) expect(fs.stat(dir)).toEqual({ ok: true, value: 'dir' });
    expect(fs.read('/dev/null')).toEqual({ ok: true, value: '' });
    expect(fs.write('/dev/null', 'x')).toEqual({ ok: true, value: undefined });
    expect(fs.read('/dev/null')).toEqual({ ok: true, value: '' });
  });

  it('writes, appends, reads and removes in the layer, which it mutates in place', () => {
    const { fs, layer } = newFs();
    expect(fs.write('/tmp/a', 'one\n').ok).toBe(true);
    expect(fs.write('/tmp/a', 'two\n', true).ok).toBe(true);
    expect(fs.read('/tmp/a')).toEqual({ ok: true, value: 'one\ntwo\n' });
    expect(layer.files).toEqual({ '/tmp/a': 'one\ntwo\n' });
    expect(fs.remove('/tmp/a').ok).toBe(true);
    expect(fs.read('/tmp/a')).toEqual({ ok: false, errno: 'ENOENT' });
  });

  it.each([
    ['read a missing file', (fs: ContainerFs) => fs.read('/tmp/none'), 'ENOENT'],
    ['read a directory', (fs: ContainerFs) => fs.read('/tmp'), 'EISDIR'],
    ['write into a missing directory', (fs: ContainerFs) => fs.write('/nope/f', ''), 'ENOENT'],
    ['write over a directory', (fs: ContainerFs) => fs.write('/tmp', ''), 'EISDIR'],
    ['write under a file', (fs: ContainerFs) => (fs.write('/tmp/f', ''), fs.write('/tmp/f/g', '')), 'ENOTDIR'],
    ['write into /sys', (fs: ContainerFs) => fs.write('/sys/x', ''), 'EROFS'],
    ['write into /proc', (fs: ContainerFs) => fs.write('/proc/1/x', ''), 'EROFS'],
    ['mkdir an existing dir', (fs: ContainerFs) => fs.mkdir('/tmp'), 'EEXIST'],
    ['mkdir without parent', (fs: ContainerFs) => fs.mkdir('/a/b'), 'ENOENT'],
    ['remove a directory without recursive', (fs: ContainerFs) => fs.remove('/tmp'), 'EISDIR'],
    ['remove a missing file', (fs: ContainerFs) => fs.remove('/tmp/none'), 'ENOENT'],
    ['list a file', (fs: ContainerFs) => (fs.write('/tmp/f', ''), fs.list('/tmp/f')), 'ENOTDIR'],
  ])('%s fails with the errno', (_name, op, errno) => {
    expect(op(newFs().fs)).toEqual({ ok: false, errno });
  });

  it('mkdir -p creates parents and tolerates existing dirs', () => {
    const { fs, layer } = newFs();
    expect(fs.mkdir('/a/b/c', true).ok).toBe(true);
    expect(fs.mkdir('/a/b', true).ok).toBe(true);
    expect(layer.files).toEqual({ '/a/': '', '/a/b/': '', '/a/b/c/': '' });
    expect(fs.list('/a')).toEqual({ ok: true, value: ['b'] });
  });

  it('recursive remove deletes a subtree; removing an image directory leaves a whiteout', () => {
    const { fs, layer } = newFs();
    fs.mkdir('/data/x', true);
    fs.write('/data/x/f', 'v');
    expect(fs.remove('/data', true).ok).toBe(true);
    expect(layer.files).toEqual({});
    expect(fs.remove('/home', true).ok).toBe(true);
    expect(layer.whiteouts).toEqual(['/home']);
    expect(fs.stat('/home').ok).toBe(false);
    expect(fs.list('/').ok && (fs.list('/') as { value: string[] }).value.includes('home')).toBe(false);
    expect(fs.mkdir('/home').ok).toBe(true);
    expect(fs.stat('/home')).toEqual({ ok: true, value: 'dir' });
  });

  it('special files read through the provider, are listed, and shadow nothing in the layer', () => {
    const { fs } = newFs([], { '/sys/fs/cgroup/memory.max': 'max\n', '/etc/hostname': 'web-0\n' });
    expect(fs.read('/sys/fs/cgroup/memory.max')).toEqual({ ok: true, value: 'max\n' });
    expect(fs.list('/sys/fs/cgroup')).toEqual({ ok: true, value: ['memory.max'] });
    expect(fs.write('/sys/fs/cgroup/memory.max', '1')).toEqual({ ok: false, errno: 'EROFS' });
    expect(fs.remove('/sys/fs/cgroup/memory.max')).toEqual({ ok: false, errno: 'EROFS' });
    // /etc/hostname is a writable bind mount in Kubernetes: a write lands in the layer and wins.
    expect(fs.write('/etc/hostname', 'other\n').ok).toBe(true);
    expect(fs.read('/etc/hostname')).toEqual({ ok: true, value: 'other\n' });
  });

  it('mounts: volume-relative data, read-only mounts, mount points listed', () => {
    const config: FsData = { files: { '/app.conf': 'a=1\n' } };
    const scratch: FsData = { files: {} };
    const { fs, layer } = newFs([
      { path: '/etc/config', readOnly: true, data: config },
      { path: '/cache', readOnly: false, data: scratch },
    ]);
    expect(fs.read('/etc/config/app.conf')).toEqual({ ok: true, value: 'a=1\n' });
    expect(fs.list('/etc/config')).toEqual({ ok: true, value: ['app.conf'] });
    expect(fs.write('/etc/config/app.conf', 'x')).toEqual({ ok: false, errno: 'EROFS' });
    expect(fs.write('/cache/f', 'v').ok).toBe(true);
    expect(scratch.files).toEqual({ '/f': 'v' });
    expect(layer.files).toEqual({});
    expect(fs.list('/')).toMatchObject({ ok: true, value: expect.arrayContaining(['cache']) });
    expect(fs.remove('/cache', true)).toEqual({ ok: false, errno: 'EROFS' });
  });
});
