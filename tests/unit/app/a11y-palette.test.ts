/**
 * The status colours (styles.css --ok, --wait, --bad) stay apart for colour-blind eyes: each pair
 * differs by at least a clear ΔE with normal vision, protanopia and deuteranopia, in both themes,
 * and each is readable as text on its soft badge background and on the panels.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrast, deltaE, parseHex, simulate, themeTokens, type Vision } from '../../../src/app/a11y/palette.ts';

const CSS = readFileSync(resolve(import.meta.dirname, '../../../src/app/styles.css'), 'utf8');
const tokens = themeTokens(CSS);
const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia'];

function colour(name: string, theme: 'light' | 'dark') {
  const t = tokens.get(name);
  if (!t) throw new Error(`no --${name} token`);
  return parseHex(t[theme]);
}

describe('palette helpers', () => {
  it('simulates colour blindness: red and green that differ plainly collapse for deuteranopes', () => {
    const red = parseHex('#d62728');
    const green = parseHex('#2ca02c');
    expect(deltaE(red, green)).toBeGreaterThan(60);
    expect(deltaE(simulate(red, 'deuteranopia'), simulate(green, 'deuteranopia'))).toBeLessThan(deltaE(red, green) / 2);
    expect(simulate(parseHex('#808080'), 'protanopia').every((c) => Math.abs(c - 128) <= 2)).toBe(true);
  });

  it('computes WCAG contrast', () => {
    expect(contrast(parseHex('#000'), parseHex('#fff'))).toBeCloseTo(21, 5);
    expect(contrast(parseHex('#767676'), parseHex('#fff'))).toBeCloseTo(4.54, 1);
  });

  it('reads the theme tokens from styles.css', () => {
    expect(tokens.get('ok')).toBeDefined();
    expect(tokens.get('bad')).toBeDefined();
    expect(tokens.get('wait')).toBeDefined();
  });
});

describe.each(['light', 'dark'] as const)('the %s status palette', (theme) => {
  it.each([
    ['ok', 'bad', 25],
    ['ok', 'wait', 25],
    ['wait', 'bad', 12],
  ] as const)('keeps --%s and --%s apart for every vision', (a, b, min) => {
    for (const vision of VISIONS) {
      const d = deltaE(simulate(colour(a, theme), vision), simulate(colour(b, theme), vision));
      expect(d, `${theme} ${a}/${b} ${vision}`).toBeGreaterThanOrEqual(min);
    }
  });

  it.each(['ok', 'wait', 'bad'])('keeps --%s readable on its badge and on the panels (WCAG AA)', (name) => {
    for (const bg of [`${name}-soft`, 'surface', 'surface-2', 'bg']) {
      expect(contrast(colour(name, theme), colour(bg, theme)), `${theme} ${name} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
