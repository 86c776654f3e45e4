/**
 * Golden test for the -o printers and --sort-by: every line of printers.golden.json was run by
 * the real kubectl v1.31 (`get` lines against a stub API server serving
 * fixtures/printers-objects.json, `create` lines client-side), and is run here through Podlab's
 * command layer over the same objects. stdout, stderr and the exit code must match exactly.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notFound } from '../../../src/engine/api/errors.ts';
import type { ResourceType } from '../../../src/engine/api/resources.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import type { Simulation } from '../../../src/engine/simulation.ts';
import { runKubectl } from '../../../src/commands/kubectl/index.ts';
import { defaultKubeconfig } from '../../../src/commands/kubectl/kubeconfig.ts';
import { Session } from '../../../src/commands/session.ts';
import { splitWords } from '../../../src/commands/shell/words.ts';
import type { CommandContext, FileSystem } from '../../../src/commands/types.ts';

interface GoldenCase {
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

const here = import.meta.dirname;
const fixtures = join(here, 'fixtures');
const golden = JSON.parse(readFileSync(join(here, 'printers.golden.json'), 'utf8')) as { cases: GoldenCase[] };
const objects = JSON.parse(readFileSync(join(fixtures, 'printers-objects.json'), 'utf8')) as Record<string, KObject[]>;

/** The fixture directory as the command layer's file system (paths relative to it). */
const fixtureFs: FileSystem = {
  readFile(path) {
    try {
      return readFileSync(join(fixtures, path), 'utf8');
    } catch {
      throw new Error(`open ${path}: no such file or directory`);
    }
  },
  stat(path) {
    try {
      return statSync(join(fixtures, path)).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: () => [],
  join: (dir, name) => `${dir}/${name}`,
};

/** A store that serves the fixture objects verbatim, as the stub API server did. */
const fixtureStore = {
  list(rt: ResourceType) {
    return { items: objects[rt.plural] ?? [] };
  },
  get(rt: ResourceType, _ns: string, name: string) {
    const found = (objects[rt.plural] ?? []).find((o) => o.metadata.name === name);
    if (!found) throw notFound({ group: rt.group, resource: rt.plural }, name);
    return found;
  },
};

function runOverFixtures(line: string): GoldenCase {
  const result = { line, stdout: '', stderr: '', exitCode: 0 };
  const ctx: CommandContext = {
    sim: { store: fixtureStore, now: 0 } as unknown as Simulation,
    seed: 1,
    io: { out: (t) => (result.stdout += t), err: (t) => (result.stderr += t) },
    fs: fixtureFs,
    kubeconfig: defaultKubeconfig(),
    resetCluster: () => undefined,
  };
  result.exitCode = runKubectl(ctx, splitWords(line));
  return result;
}

function runInSession(line: string): GoldenCase {
  const r = new Session({ seed: 1 }).execLine(`kubectl ${line}`);
  return { line, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}

describe('printers golden (recorded from kubectl v1.31)', () => {
  it.each(golden.cases.map((c) => [c.line, c] as const))('%s', (line, want) => {
    const got = line.startsWith('create ') ? runInSession(line) : runOverFixtures(line);
    expect(got).toEqual(want);
  });
});
