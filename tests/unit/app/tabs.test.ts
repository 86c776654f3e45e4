import { describe, expect, it } from 'vitest';
import { tabKeyTarget } from '../../../src/app/views/tabs.ts';

describe('the tabs pattern (WAI-ARIA APG): which tab a key moves to', () => {
  it.each([
    ['ArrowRight', 0, 1],
    ['ArrowRight', 5, 0], // wraps to the first
    ['ArrowLeft', 0, 5], // wraps to the last
    ['ArrowLeft', 3, 2],
    ['Home', 4, 0],
    ['End', 1, 5],
  ])('%s from tab %i of six goes to tab %i', (key, from, to) => {
    expect(tabKeyTarget(key, from, 6)).toBe(to);
  });

  it('leaves other keys (and an empty list) alone', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'Enter', ' ', 'Tab', 'a']) expect(tabKeyTarget(key, 2, 6)).toBeUndefined();
    expect(tabKeyTarget('ArrowRight', 0, 0)).toBeUndefined();
  });
});
