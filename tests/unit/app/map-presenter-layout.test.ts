import { describe, expect, it } from 'vitest';
import { CARD_GAP_PX, CHIP_GAP_PX, CHIP_PX, fitTransform, FIT_SCALE_MAX, gridColumns, gridColumnsFor } from '../../../src/app/map-layout.ts';
import {
  flowChips,
  presenterBadges,
  presenterCardHeight,
  presenterHeadRows,
  PRESENTER_CARD_BASE_HEIGHT_PX,
  PRESENTER_CARD_WIDTH_PX,
  PRESENTER_CHIP_SCALE,
  PRESENTER_CHIPS_WIDTH_PX,
  PRESENTER_TEXT_PX,
} from '../../../src/app/map-presenter-layout.ts';

const STEP = CHIP_PX + CHIP_GAP_PX;

describe('card columns for the map area', () => {
  it('picks the columns whose fitted grid is largest for a wide, short area', () => {
    // Five equal 150 px cards, 212 wide, in a 686×360 area: 3 columns × 2 rows (scale ~1.03) beats 2 × 3 and 5 × 1.
    const five = [150, 150, 150, 150, 150];
    const r = gridColumnsFor(five, { width: 686, height: 360 }, 212, FIT_SCALE_MAX, 12);
    expect(r.columns).toBe(3);
    expect(r.scale).toBeCloseTo(Math.min((686 - 24) / (3 * 212 + 2 * CARD_GAP_PX), (360 - 24) / (2 * 150 + CARD_GAP_PX)), 6);
    // A very wide, very short area: one row.
    expect(gridColumnsFor(five, { width: 2000, height: 200 }, 212, FIT_SCALE_MAX).columns).toBe(5);
    // A tall, narrow one: one column.
    expect(gridColumnsFor(five, { width: 240, height: 1200 }, 212, FIT_SCALE_MAX).columns).toBe(1);
  });

  it('lets a tall card set its row\u2019s height', () => {
    // One tall card first: with 2 columns it shares row 1 with a short card, rows are 400 + 100 + 100.
    const heights = [400, 100, 100, 100, 100];
    const two = gridColumnsFor(heights, { width: 10_000, height: 700 }, 200, 10);
    expect(two.scale).toBeGreaterThan(0);
    // Five in one row is only as tall as the tall card: the largest fit when width is plenty.
    expect(two.columns).toBe(5);
    expect(two.scale).toBeCloseTo(700 / 400, 6);
    // Same cards, narrow area: two columns, rows 400 + 100 + 100 tall (not three rows of 400).
    const narrow = gridColumnsFor(heights, { width: 440, height: 700 }, 200, 10);
    expect(narrow.columns).toBe(2);
    expect(narrow.scale).toBeCloseTo(Math.min(440 / (2 * 200 + CARD_GAP_PX), 700 / (400 + 100 + 100 + 2 * CARD_GAP_PX)), 6);
    // Counting every row as tall as the tallest card would have chosen three (wider than the area, smaller).
    expect(gridColumns(5, { width: 440, height: 700 }, 400, 200, 10)).toBe(3);
  });

  it('agrees with gridColumns for equal cards, and caps the scale', () => {
    expect(gridColumnsFor([250, 250, 250, 250], { width: 700, height: 600 }).columns).toBe(gridColumns(4, { width: 700, height: 600 }, 250));
    expect(gridColumnsFor([100, 100], { width: 5000, height: 5000 }, 212, 1.4).scale).toBe(1.4);
    expect(gridColumnsFor([], { width: 500, height: 500 })).toEqual({ columns: 1, scale: 0 });
  });
});

describe('fitting with a smallest zoom', () => {
  it('never goes below minK, and then starts at the left padding instead of off-screen', () => {
    expect(fitTransform({ width: 2000, height: 400 }, { width: 524, height: 524 }).k).toBeCloseTo(0.25, 6);
    expect(fitTransform({ width: 2000, height: 400 }, { width: 524, height: 524 }, 12, 1)).toEqual({ k: 1, x: 12, y: 12 });
    // A map that fits anyway is fitted as before (larger than 1 when there is room).
    expect(fitTransform({ width: 100, height: 100 }, { width: 1000, height: 1000 }, 12, 1).k).toBe(FIT_SCALE_MAX);
  });
});

describe('presenter card layout', () => {
  it('flows owner groups in one drawing, wrapping, a gap apart', () => {
    const width = 4 * STEP + 2 * CHIP_GAP_PX; // room for four chips and a group gap
    const { places, height, width: w } = flowChips([2, 3], width);
    expect(places.map((p) => [p.group, p.index])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(places[1]).toMatchObject({ x: STEP, y: 0 });
    // The second group starts after an extra double gap.
    expect(places[2]).toMatchObject({ x: 2 * STEP + 2 * CHIP_GAP_PX, y: 0 });
    // ...and wraps when the next chip would cross the width.
    expect(places[4]).toMatchObject({ x: 0, y: STEP });
    expect(height).toBe(STEP + CHIP_PX);
    expect(w).toBeLessThanOrEqual(width);
    expect(flowChips([], 100)).toEqual({ places: [], width: 0, height: 0 });
    expect(flowChips([0, 1], 100).places[0]).toMatchObject({ group: 1, x: 0 });
  });

  it('draws chips at least 24 px and sizes text at 20 px', () => {
    expect(CHIP_PX * PRESENTER_CHIP_SCALE).toBeGreaterThanOrEqual(24);
    expect(PRESENTER_TEXT_PX).toBeGreaterThanOrEqual(20);
    expect(PRESENTER_CHIPS_WIDTH_PX).toBeLessThan(PRESENTER_CARD_WIDTH_PX);
  });

  it('says readiness, cordon and taints in short badges', () => {
    expect(presenterBadges({ ready: true, unschedulable: false, taints: [] })).toEqual(['Ready']);
    expect(presenterBadges({ ready: false, unschedulable: true, taints: ['a:NoSchedule'] })).toEqual(['NotReady', 'Cordoned', 'Taint']);
    expect(presenterBadges({ ready: false, unschedulable: false, taints: ['a:NoSchedule', 'a:NoExecute', 'b:NoSchedule'] }, 2)).toEqual(['NotReady', '2 taints']);
  });

  it('wraps badges under a long name, and grows with chip rows', () => {
    expect(presenterHeadRows('node-1', ['Ready'])).toBe(1);
    expect(presenterHeadRows('node-4', ['Ready', 'Taint'])).toBe(2);
    expect(presenterHeadRows('control-plane', ['Ready', 'Taint'])).toBe(2);
    expect(presenterHeadRows('node-1', ['NotReady', 'Cordoned', '2 taints'])).toBe(4);
    const bare = presenterCardHeight({ name: 'node-1', badges: ['Ready'] }, []);
    expect(bare).toBe(PRESENTER_CARD_BASE_HEIGHT_PX);
    const one = presenterCardHeight({ name: 'node-1', badges: ['Ready'] }, [1]);
    expect(one).toBeCloseTo(bare + CHIP_PX * PRESENTER_CHIP_SCALE + 4, 6);
    const many = presenterCardHeight({ name: 'node-1', badges: ['Ready'] }, [12]);
    // Twelve chips take two rows of six in the card's width.
    expect(many).toBeCloseTo(one + STEP * PRESENTER_CHIP_SCALE, 6);
    expect(presenterCardHeight({ name: 'node-4', badges: ['Ready', 'Taint'] }, [1])).toBeGreaterThan(one);
    expect(presenterCardHeight({ name: 'node-1', badges: ['Ready'], countdown: true }, [1])).toBeCloseTo(one + 36, 6);
    // NotReady is wider than Ready: it wraps under the name too.
    expect(presenterHeadRows('node-1', ['NotReady'])).toBe(2);
  });
});
