/**
 * The architecture invariant is enforced by ESLint; this proves the rules fire on the engine and
 * the command layer (and not on the app), so a config change cannot silently switch them off.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../../..', import.meta.url).pathname });

/** An import stays a top-level statement; anything else is wrapped in a function body. */
function asModule(code: string): string {
  return code.startsWith('import ') ? code : `export const x = () => { ${code} };`;
}

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('engine purity lint', () => {
  it.each([
    ['Math.random()', 'no-restricted-properties'],
    ['Date.now()', 'no-restricted-properties'],
    ['performance.now()', 'no-restricted-globals'],
    ['setTimeout(() => {}, 1)', 'no-restricted-globals'],
    ['setInterval(() => {}, 1)', 'no-restricted-globals'],
    ['new Date()', 'no-restricted-syntax'],
    ['document.title', 'no-restricted-globals'],
    ["import React from 'react';", 'no-restricted-imports'],
    ["import { create } from 'zustand';", 'no-restricted-imports'],
    ["import * as d3 from 'd3';", 'no-restricted-imports'],
  ])('forbids %s in src/engine and src/commands', async (code, rule) => {
    expect(await ruleIds(asModule(code), 'src/engine/kernel/x.ts')).toContain(rule);
    expect(await ruleIds(asModule(code), 'src/commands/x.ts')).toContain(rule);
  });

  it('allows timers and the wall clock in the app worker', async () => {
    expect(await ruleIds('export const t = setInterval(() => Date.now(), 100);', 'src/app/x.ts')).toEqual([]);
  });
});
