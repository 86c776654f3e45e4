/**
 * When the default cluster's first view is on screen, seen from inside the page: the moment the
 * clock's <time> appears (bench/load-ab.ts, bench/trace-load.ts). Install before `page.goto`.
 */
import type { Page } from 'playwright-core';

export async function watchFirstView(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __viewShown?: number };
    new MutationObserver((_, obs) => {
      if (document.querySelector('[role="timer"] time')) {
        w.__viewShown = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
}
