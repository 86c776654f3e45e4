import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { uniformRowWindow, wholeWindow, WINDOW_MIN_ROWS, type RowWindow } from './windowing.ts';

/** The rows a windowed table draws (spacers are `tr.row-spacer`). */
const ROWS = 'tbody > tr:not(.row-spacer)';

/**
 * Which of `count` rows of a long table to draw (windowing.ts): the scroll box's position and
 * height are followed (scroll events, a ResizeObserver), and the drawn rows are measured by a
 * ResizeObserver after layout (never by reading layout during a render) for their average
 * height, which the spacers use. Lists of up to WINDOW_MIN_ROWS rows are drawn whole.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, estimatePx: number): RowWindow {
  const long = count > WINDOW_MIN_ROWS;
  const [box, setBox] = useState({ top: 0, height: 0 });
  const [rowPx, setRowPx] = useState(estimatePx);
  const rows = useRef<{ observer: ResizeObserver; heights: Map<Element, number> } | undefined>(undefined);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !long) return;
    const read = () => setBox((b) => (b.top === el.scrollTop && b.height === el.clientHeight ? b : { top: el.scrollTop, height: el.clientHeight }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    const heights = new Map<Element, number>();
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) {
        const height = e.borderBoxSize?.[0]?.blockSize ?? e.contentRect.height;
        if (height > 0 && heights.has(e.target)) heights.set(e.target, height);
      }
      let sum = 0;
      let n = 0;
      for (const h of heights.values()) {
        if (h <= 0) continue;
        sum += h;
        n++;
      }
      if (n > 0) setRowPx((px) => (Math.abs(px - sum / n) > 0.5 ? sum / n : px));
    });
    rows.current = { observer, heights };
    return () => {
      el.removeEventListener('scroll', read);
      resize.disconnect();
      observer.disconnect();
      rows.current = undefined;
    };
  }, [scrollRef, long]);

  // After every commit: observe the rows that appeared, forget those that left.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const r = rows.current;
    if (!el || !r) return;
    for (const row of r.heights.keys()) {
      if (row.isConnected) continue;
      r.observer.unobserve(row);
      r.heights.delete(row);
    }
    for (const row of el.querySelectorAll(ROWS)) {
      if (r.heights.has(row)) continue;
      r.heights.set(row, 0);
      r.observer.observe(row);
    }
  });

  return long ? uniformRowWindow(count, rowPx, box.top, box.height) : wholeWindow(count);
}
