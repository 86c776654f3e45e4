/**
 * The corpus tests against INDEX.md itself: ROW lists exactly the INDEX's 60 files, and every row
 * number is named by a test (or a pending test) in this folder, so a file added to the corpus
 * without a test fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indexRows, ROW, table } from './rows.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('INDEX.md and this folder', () => {
  it('ROW is INDEX.md\'s path column, rows 1–60', () => {
    const rows = indexRows();
    expect(rows).toHaveLength(60);
    expect(Object.fromEntries(rows)).toEqual(ROW);
  });

  it('every row has a test named "row N" here', () => {
    const named = new Set<number>();
    for (const f of readdirSync(here).filter((n) => n.endsWith('.test.ts'))) {
      const source = readFileSync(join(here, f), 'utf8');
      for (const m of source.matchAll(/\b(?:it|it\.\w+|test)\(\s*'row (\d+)\b/g)) named.add(Number(m[1]));
      for (const m of source.matchAll(/\b(?:it|it\.\w+|test)\(\s*'rows ([\d, ]+)\b/g)) m[1].split(/,\s*/).forEach((n) => named.add(Number(n)));
    }
    const missing = indexRows().map(([n]) => n).filter((n) => !named.has(n));
    expect(missing).toEqual([]);
  });

  it('the table reader keeps empty cells in their column', () => {
    const out = ['NAME   STATUS    VOLUME   CAPACITY   NOMINATED NODE', 'a      Pending            0          <none>', ''].join('\n');
    expect(table(out)).toEqual([{ NAME: 'a', STATUS: 'Pending', VOLUME: '', CAPACITY: '0', 'NOMINATED NODE': '<none>' }]);
  });
});
