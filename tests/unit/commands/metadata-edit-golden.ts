/**
 * Real kubectl v1.31 output for `label`, `annotate` and `patch` where the client needs no server:
 * --local edits of files, flag and argument errors, patch-text errors. metadata-edit.golden.json
 * was recorded with /usr/lib/google-cloud-sdk/bin/kubectl.1.31 run in a directory holding `files`
 * (KUBECONFIG pointing at a closed port; rows that tried to reach it were left out), stdout and
 * stderr apart. Each row is replayed through a Session over the same files.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

export interface GoldenRow {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

const golden = JSON.parse(readFileSync(new URL('./metadata-edit.golden.json', import.meta.url), 'utf8')) as {
  files: Record<string, string>;
  rows: GoldenRow[];
};

/** An in-memory FileSystem over the recorded files (directories implied by their paths). */
function memoryFs(files: Record<string, string>): FileSystem {
  const isDir = (p: string): boolean => p === '.' || Object.keys(files).some((f) => f.startsWith(`${p}/`));
  return {
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
    stat: (p) => (p in files ? 'file' : isDir(p) ? 'dir' : undefined),
    readDir: (p) => [...new Set(Object.keys(files).filter((f) => f.startsWith(`${p}/`)).map((f) => f.slice(p.length + 1).split('/')[0]))].sort(),
    join: (d, n) => `${d}/${n}`,
  };
}

/** The recorded rows of one verb, labelled by their command line. */
export function goldenRows(verb: string): [string, GoldenRow][] {
  return golden.rows.filter((r) => r.argv[0] === verb).map((r) => [r.argv.join(' '), r]);
}

/** Replays a row; the cluster must not change (a client-side command never writes). */
export function expectGolden(row: GoldenRow): void {
  const session = new Session({ seed: 1, fs: memoryFs(golden.files) });
  const rv = session.sim.store.resourceVersion;
  const r = session.exec(['kubectl', ...row.argv]);
  // --list prints a Go map, in random order: compare its lines as a set.
  const norm = (s: string) => (row.argv.includes('--list') ? s.split('\n').sort().join('\n') : s);
  expect({ stdout: norm(r.stdout), stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: norm(row.stdout), stderr: row.stderr, exitCode: row.exitCode });
  expect(session.sim.store.resourceVersion).toBe(rv);
}

/** A recorded line against Podlab's own cluster (setup below), served read-only to kubectl v1.31. */
export interface ServerRow {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * golden.server: kubectl v1.31 run against the store of a Session built by `setup`, served by
 * tools/fake-apiserver (reads only, so only lines that never write: --list, --dry-run=client,
 * and errors found before the write).
 */
const server = (golden as unknown as { server: { setup: { line: string; stdin?: string }[]; rows: ServerRow[] } }).server;

export function serverRows(verb: string): [string, ServerRow][] {
  return server.rows.filter((r) => r.command.split(' ')[1] === verb).map((r) => [r.command, r]);
}

/** Replays a row on a fresh copy of the recorded cluster; nothing may change. */
export function expectServerGolden(row: ServerRow): void {
  const session = new Session({ seed: 1 });
  for (const s of server.setup) session.execLine(s.line, s.stdin);
  const hash = session.sim.traceHash();
  const r = session.execLine(row.command);
  const norm = (s: string) => (row.command.includes('--list') ? s.split('\n').sort().join('\n') : s);
  expect({ stdout: norm(r.stdout), stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: norm(row.stdout), stderr: row.stderr, exitCode: row.exitCode });
  expect(session.sim.traceHash()).toBe(hash);
}
