/**
 * First load, A/B: cold loads of several builds, one load of each in turn (so a busy machine's
 * swings hit every build alike), measured as bench/browser.ts firstLoad measures them (the clock
 * shows the worker's first view and window.podlab is up; LOAD_AB_MODE=locator: as it did before),
 * plus when the view first appeared in the DOM (a MutationObserver) and when the load event came. Prints each build's median and
 * quartiles.
 *
 *   npx tsx bench/load-ab.ts LOADS DIST_A DIST_B …
 */
import { resolve } from 'node:path';
import { launchChromium } from '../tests/browser/support/chromium.ts';
import { serveStatic, type StaticServer } from '../tools/static-server.ts';
import { watchFirstView } from './first-view.ts';
import { prioritize } from './prioritize.ts';

const [loadsArg, ...dists] = process.argv.slice(2);
/** LOAD_AB_MODE=locator: detect as bench/browser.ts did before (a locator's waitFor, then an evaluate); default: as it does now (checked every frame). */
const MODE = process.env.LOAD_AB_MODE === 'locator' ? 'locator' : 'raf';
const LOADS = Number(loadsArg);
if (!(LOADS > 0) || dists.length === 0) throw new Error('usage: npx tsx bench/load-ab.ts LOADS DIST_A [DIST_B …]');

interface Sample {
  interactive: number;
  shown: number;
  load: number;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const servers: StaticServer[] = [];
const browser = await launchChromium();
const nicer = prioritize(process.env.LOAD_AB_NICE);

try {
  for (const d of dists) servers.push(await serveStatic(resolve(d)));
  const samples: Sample[][] = dists.map(() => []);
  for (let i = 0; i < LOADS; i++) {
    for (let k = 0; k < dists.length; k++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await watchFirstView(page);
      await page.goto(servers[k].url);
      let interactive: number;
      if (MODE === 'locator') {
        await page.getByRole('timer', { name: 'Simulated time' }).locator('time').waitFor();
        await page.waitForFunction(() => window.podlab !== undefined);
        interactive = await page.evaluate(() => performance.now());
      } else {
        const shown = await page.waitForFunction(
          () => document.querySelector('[role="timer"][aria-label="Simulated time"] time') !== null && window.podlab !== undefined && performance.now(),
          undefined,
          { polling: 'raf' },
        );
        interactive = (await shown.jsonValue()) as number;
      }
      const m = await page.evaluate(() => ({
        shown: (window as unknown as { __viewShown?: number }).__viewShown ?? NaN,
        load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
      }));
      samples[k].push({ interactive, ...m });
      await context.close();
    }
  }
  for (let k = 0; k < dists.length; k++) {
    const s = samples[k];
    const f = (key: keyof Sample) => `${quantile(s.map((x) => x[key]), 0.5).toFixed(0)} [${quantile(s.map((x) => x[key]), 0.25).toFixed(0)}–${quantile(s.map((x) => x[key]), 0.75).toFixed(0)}]`;
    console.log(`${dists[k].padEnd(16)} interactive ${f('interactive')}  view shown ${f('shown')}  load event ${f('load')}  (${LOADS} loads)`);
  }
} finally {
  clearInterval(nicer);
  await browser.close();
  for (const s of servers) await s.close();
}
