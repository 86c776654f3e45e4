/**
 * Windowing for long tables (the Pods table's thousands of rows, the 200 newest Events): only the
 * rows in or near the scroll box's visible part are drawn, with spacer rows standing for the rest.
 * At 3,000 pods every view changes the AGE or LAST SEEN of hundreds of rows; drawn whole, those
 * text changes re-laid out and repainted the tables on every view (tasks of 50–150 ms on the main
 * thread, bench/trace-frames.ts). Rows may differ in height (wrapped names and messages): the
 * spacers count the rows not drawn at the drawn rows' average height.
 * The arithmetic is pure and unit-tested (windowing.test.ts); the hook is use-row-window.ts.
 */

/** The rows to draw, [start, end), and the heights the spacers above and below them stand for. */
export interface RowWindow {
  start: number;
  end: number;
  before: number;
  after: number;
}

/** Lists this long or shorter are drawn whole (no spacers: small clusters' tables are unchanged). */
export const WINDOW_MIN_ROWS = 100;
/** Rows drawn beyond each edge of the visible part, in pixels, so a scroll shows drawn rows first. */
export const OVERSCAN_PX = 240;

/**
 * The rows of a list of `n` rows that meet [scrollTop − overscan, scrollTop + viewport +
 * overscan], counting every row at `rowPx` (the drawn rows' measured average: a view need not walk
 * thousands of rows to place the window; drawn rows keep their own heights). A scroll position
 * past the end (the list shrank) shows the last rows.
 */
export function uniformRowWindow(n: number, rowPx: number, scrollTop: number, viewportPx: number, overscanPx: number = OVERSCAN_PX): RowWindow {
  const total = n * rowPx;
  const top = Math.max(0, Math.min(scrollTop, total - viewportPx));
  const start = Math.max(0, Math.floor((top - overscanPx) / rowPx));
  const end = Math.min(n, Math.ceil((top + viewportPx + overscanPx) / rowPx));
  return { start, end, before: start * rowPx, after: (n - end) * rowPx };
}

/** Every row, no spacers. */
export function wholeWindow(n: number): RowWindow {
  return { start: 0, end: n, before: 0, after: 0 };
}
