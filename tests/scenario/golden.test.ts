/**
 * Golden transcripts: every script in fixtures/ is played and compared byte for byte with its
 * reviewed transcript in golden/. After an intended output change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run tests/scenario/golden.test.ts` and review the diff.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatEntry, runScript } from '../../src/commands/runner.ts';
import type { FileSystem } from '../../src/commands/types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');

const fs: FileSystem = {
  readFile: (p) => readFileSync(join(fixtures, p), 'utf8'),
  stat: (p) => (existsSync(join(fixtures, p)) ? (statSync(join(fixtures, p)).isDirectory() ? 'dir' : 'file') : undefined),
  readDir: (p) => readdirSync(join(fixtures, p)).sort(),
  join: (d, n) => join(d, n),
};

const scripts = readdirSync(fixtures).filter((f) => f.endsWith('.podlab')).sort();

describe('golden transcripts', () => {
  it.each(scripts)('%s', (script) => {
    const run = runScript(readFileSync(join(fixtures, script), 'utf8'), { seed: 1, fs, file: script });
    expect(run.status).toBe(0);
    const transcript = run.entries.map(formatEntry).join('') + `# trace ${run.session.sim.traceHash()}\n`;
    const golden = join(here, 'golden', script.replace(/\.podlab$/, '.txt'));
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, transcript);
    expect(existsSync(golden), `no golden transcript ${golden}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(transcript).toBe(readFileSync(golden, 'utf8'));
  });
});
