import { describe, expect, it } from 'vitest';
import { uniformRowWindow, wholeWindow } from './windowing.ts';

describe('uniformRowWindow (which rows of a long table are drawn)', () => {
  it('draws the rows meeting the visible part and the overscan, spacers standing for the rest', () => {
    // 1,000 rows of 20 px; 200 px visible from 4,000 px down, 100 px overscan: rows 195..215.
    expect(uniformRowWindow(1000, 20, 4000, 200, 100)).toEqual({ start: 195, end: 215, before: 195 * 20, after: (1000 - 215) * 20 });
  });

  it('starts at the top with no spacer above', () => {
    expect(uniformRowWindow(1000, 20, 0, 200, 100)).toEqual({ start: 0, end: 15, before: 0, after: 985 * 20 });
  });

  it('covers the visible part, spacers and rows adding up to the whole height', () => {
    for (const rowPx of [19.5, 26.5, 41]) {
      const total = 3000 * rowPx;
      for (const top of [0, 1, 999, 10_000, total - 400, total]) {
        const w = uniformRowWindow(3000, rowPx, top, 400, 0);
        const drawn = (w.end - w.start) * rowPx;
        const clamped = Math.min(top, total - 400);
        expect(w.before).toBeLessThanOrEqual(clamped);
        expect(w.before + drawn).toBeGreaterThanOrEqual(clamped + 400 - 1e-9);
        expect(w.before + drawn + w.after).toBeCloseTo(total, 6);
      }
    }
  });

  it('shows the last rows when the list shrank under the scroll position', () => {
    expect(uniformRowWindow(100, 20, 50_000, 200, 0)).toEqual({ start: 90, end: 100, before: 1800, after: 0 });
  });

  it('draws a list shorter than the box whole', () => {
    expect(uniformRowWindow(5, 20, 0, 400, 0)).toEqual({ start: 0, end: 5, before: 0, after: 0 });
    expect(uniformRowWindow(0, 20, 0, 400, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(wholeWindow(7)).toEqual({ start: 0, end: 7, before: 0, after: 0 });
  });
});
