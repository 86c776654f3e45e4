/** The first-visit tour's state (src/app/a11y/tour.ts): when it opens, the stored flag, and its steps. */
import { describe, expect, it } from 'vitest';
import { placeCard, TOUR_CLOSED, TOUR_DONE, TOUR_STEPS, tourAutoOpens, tourReducer, tourSeconds, tourSeen } from '../../../src/app/a11y/tour.ts';

describe('the tour', () => {
  it('has 5–6 steps covering the map, terminal, dock, timeline and playback, readable in under a minute', () => {
    expect(TOUR_STEPS.length).toBeGreaterThanOrEqual(5);
    expect(TOUR_STEPS.length).toBeLessThanOrEqual(6);
    expect(TOUR_STEPS.map((s) => s.id)).toEqual(['map', 'terminal', 'pods', 'timeline', 'play']);
    expect(tourSeconds()).toBeLessThan(60);
    expect(tourSeconds([{ id: 'x', title: 'Long', body: 'word '.repeat(400), target: 'body' }])).toBeGreaterThan(60);
  });

  it('treats anything but the exact stored flag as not seen', () => {
    expect(tourSeen(TOUR_DONE)).toBe(true);
    for (const corrupt of [null, '', 'true', '{"done":', 'DONE', ' done']) expect(tourSeen(corrupt)).toBe(false);
  });

  it('opens by itself on a first visit only, never under automation unless ?tour=1 asks', () => {
    const first = { stored: null, webdriver: false, search: '' };
    expect(tourAutoOpens(first)).toBe(true);
    expect(tourAutoOpens({ ...first, stored: TOUR_DONE })).toBe(false);
    expect(tourAutoOpens({ ...first, stored: 'garbage' })).toBe(true);
    expect(tourAutoOpens({ ...first, webdriver: true })).toBe(false);
    expect(tourAutoOpens({ ...first, search: '?tour=0' })).toBe(false);
    expect(tourAutoOpens({ ...first, webdriver: true, stored: TOUR_DONE, search: '?x=1&tour=1' })).toBe(true);
  });

  it('moves Next and Back within the steps; Next on the last and Skip close it', () => {
    let s = tourReducer(TOUR_CLOSED, { type: 'open' });
    expect(s).toEqual({ open: true, step: 0 });
    expect(tourReducer(s, { type: 'back' })).toEqual({ open: true, step: 0 });
    for (let i = 1; i < TOUR_STEPS.length; i++) {
      s = tourReducer(s, { type: 'next' });
      expect(s).toEqual({ open: true, step: i });
    }
    expect(tourReducer(s, { type: 'back' })).toEqual({ open: true, step: TOUR_STEPS.length - 2 });
    expect(tourReducer(s, { type: 'next' })).toEqual(TOUR_CLOSED);
    expect(tourReducer({ open: true, step: 2 }, { type: 'close' })).toEqual(TOUR_CLOSED);
    expect(tourReducer(TOUR_CLOSED, { type: 'next' })).toBe(TOUR_CLOSED);
  });
});

describe('placeCard', () => {
  const win = { width: 1280, height: 720 };
  const card = { width: 320, height: 180 };
  it('puts the card below a target with room under it, centred on it', () => {
    expect(placeCard({ left: 560, top: 10, width: 160, height: 40 }, card, win)).toEqual({ left: 480, top: 62 });
  });
  it('goes above, then beside, when below does not fit', () => {
    expect(placeCard({ left: 0, top: 660, width: 1280, height: 60 }, card, win)).toEqual({ left: 480, top: 468 });
    expect(placeCard({ left: 16, top: 60, width: 680, height: 600 }, card, win)).toEqual({ left: 708, top: 270 });
  });
  it('centres the card when the target is missing, hidden or fills the window', () => {
    expect(placeCard(undefined, card, win)).toEqual({ left: 480, top: 270 });
    expect(placeCard({ left: 0, top: 0, width: 0, height: 0 }, card, win)).toEqual({ left: 480, top: 270 });
    expect(placeCard({ left: 0, top: 0, width: 1280, height: 720 }, card, win)).toEqual({ left: 480, top: 270 });
  });
});
