/**
 * What the main thread does while the busy cluster runs (issue 8's frame figures, bench/browser.ts):
 * the same page (100 nodes, 3,000 running pods, 100×) traced through CDP for 10 s with the
 * devtools.timeline categories and V8's sampling profiler, then every main-thread task over a
 * threshold broken down by what ran inside it (script by function, style, layout, paint, GC…),
 * with the frame intervals from the trace's microsecond timestamps beside requestAnimationFrame's.
 *
 *   node bench/.out/trace-frames.mjs [--threshold 50] [--seconds 10] [--save trace.json] [--no-profile] [--invalidations]
 *
 * (bundled first as `npm run bench` bundles: esbuild bench/trace-frames.ts --bundle --platform=node
 * --format=esm --packages=external --outfile=bench/.out/trace-frames.mjs; tsx's name helper breaks
 * the functions sent to the page).
 *
 * Serves PODLAB_DIST (default dist/; build it first, e.g. `npx vite build --minify false
 * --outDir /tmp/dist-trace` so the profile shows real function names). `--load trace.json`
 * analyses a saved trace instead of running the browser.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/browser/support/chromium.ts';
import { serveStatic } from '../tools/static-server.ts';
import { measureFrames, openBusyCluster } from './browser.ts';
import { analyseTrace, FRAME_CATEGORIES, formatTaskReport, INVALIDATION_CATEGORIES, PROFILE_CATEGORIES, recordTrace, setResolver, type Resolver, type TraceEvent } from './trace-analysis.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const threshold = Number(arg('threshold') ?? 50);
  const seconds = Number(arg('seconds') ?? 10);
  let events: TraceEvent[];
  let rafIntervals: number[] | undefined;
  const load = arg('load');
  if (load !== undefined) {
    events = (JSON.parse(readFileSync(load, 'utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  } else {
    const dist = resolve(process.env.PODLAB_DIST ?? 'dist');
    const server = await serveStatic(dist);
    const browser = await launchChromium();
    try {
      const { context, page, errors } = await openBusyCluster(browser, server.url);
      const shots = arg('screenshots');
      if (shots !== undefined) await screenshots(page, shots);
      if (process.argv.includes('--probe')) console.log(await page.evaluate(probeLayout));
      if (process.argv.includes('--mutations')) console.log(await page.evaluate(countMutations, seconds * 1000));
      const cdp = await context.newCDPSession(page);
      const categories = [...FRAME_CATEGORIES];
      if (!process.argv.includes('--no-profile')) categories.push(...PROFILE_CATEGORIES);
      if (process.argv.includes('--invalidations')) categories.push(...INVALIDATION_CATEGORIES);
      const stop = await recordTrace(cdp, categories);
      const frames = await page.evaluate(measureFrames, seconds * 1000);
      events = await stop();
      rafIntervals = frames.stamps.slice(1).map((t, i) => t - frames.stamps[i]);
      console.log(`PerformanceObserver long tasks: ${frames.longTasks.length} (${frames.longTasks.map((d) => d.toFixed(0)).join(', ')} ms)`);
      await context.close();
      if (errors.length > 0) console.log(`page errors:\n${errors.join('\n')}`);
    } finally {
      await browser.close();
      await server.close();
    }
    const save = arg('save');
    if (save !== undefined) writeFileSync(save, JSON.stringify({ traceEvents: events }));
  }
  const maps = arg('sourcemaps');
  if (maps !== undefined) setResolver(sourceMapResolver(maps));
  const analysis = analyseTrace(events, threshold);
  console.log(formatTaskReport(analysis, rafIntervals));
}

/**
 * In the page: DOM mutations for `ms`, counted by where they happen (the nearest labelled
 * region or table, then the element's tag and class) and by kind.
 */
function countMutations(ms: number): Promise<string> {
  return new Promise((done) => {
    const counts = new Map<string, number>();
    const where = (n: Node): string => {
      const el = n instanceof Element ? n : n.parentElement;
      if (el === null) return '?';
      const region = el.closest('[aria-label], [aria-labelledby], table');
      const name = region === null ? 'page' : `${region.tagName.toLowerCase()}${region.getAttribute('aria-label') ? `[${region.getAttribute('aria-label')}]` : ''}.${region.className}`;
      return `${name} > ${el.tagName.toLowerCase()}.${typeof el.className === 'string' ? el.className : ''}`;
    };
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const key = `${r.type}${r.type === 'attributes' ? `(${r.attributeName})` : ''} ${where(r.target)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    setTimeout(() => {
      observer.disconnect();
      done([...counts].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n'));
    }, ms);
  });
}

/**
 * In the page: the cost of a forced style and layout after one small change in each part of the
 * page (a table cell's text, the clock, a map card's bar), median of 15 tries each.
 */
function probeLayout(): string {
  const targets: [string, string][] = [
    ['pods AGE cell', '.pods-table tbody tr[data-namespace] td:last-child'],
    ['events LAST SEEN cell', '.events-table tbody tr.events-row td:first-child'],
    ['clock', '.clock-elapsed'],
    ['timeline edge', '.tl-edge'],
    ['map card pods count', '.cm-pods-count'],
    ['map bar text', '.cm-bar-text'],
  ];
  const out: string[] = [
    `elements: ${document.querySelectorAll('*').length}; pods rows drawn ${document.querySelectorAll('.pods-table tbody tr').length}, events rows drawn ${document.querySelectorAll('.events-table tbody tr').length}, map ${document.querySelectorAll('.cm-viewport *').length} elements`,
  ];
  const force = () => document.documentElement.getBoundingClientRect().height;
  for (const [label, selector] of targets) {
    const el = document.querySelector(selector);
    if (el === null) {
      out.push(`${label}: not found (${selector})`);
      continue;
    }
    const times: number[] = [];
    const original = el.textContent;
    for (let i = 0; i < 15; i++) {
      force();
      el.textContent = `${original}${i % 2 === 0 ? '1' : ''}`;
      const t0 = performance.now();
      force();
      times.push(performance.now() - t0);
    }
    el.textContent = original;
    times.sort((a, b) => a - b);
    out.push(`${label}: forced layout ${times[7].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[14].toFixed(1)})`);
  }
  return out.join('\n');
}

/** The busy page at both sizes, the tables at the top and scrolled part way (windowed rows must read as whole tables). */
async function screenshots(page: Page, dir: string): Promise<void> {
  for (const size of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
    await page.setViewportSize(size);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${dir}/frames-busy-${size.width}x${size.height}-top.png` });
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('.table-scroll')) el.scrollTop = el.scrollHeight / 3;
    });
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${dir}/frames-busy-${size.width}x${size.height}-scrolled.png` });
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('.table-scroll')) el.scrollTop = 0;
    });
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(500);
}

/** Generated positions in a build's assets (`DIR/assets/*.js.map`, `vite build --sourcemap`) to `src/…:line`. */
function sourceMapResolver(dir: string): Resolver {
  const maps = new Map<string, SourceMap | undefined>();
  return (file, line, column) => {
    if (!maps.has(file)) {
      let map: SourceMap | undefined;
      try {
        map = parseSourceMap(JSON.parse(readFileSync(`${dir}/assets/${file}.map`, 'utf8')) as RawSourceMap);
      } catch {
        map = undefined;
      }
      maps.set(file, map);
    }
    const map = maps.get(file);
    const segs = map?.lines[line];
    if (map === undefined || segs === undefined || segs.length === 0) return undefined;
    // The last segment starting at or before the column.
    let best = segs[0];
    for (const seg of segs) if (seg[0] <= column) best = seg;
    if (best.length < 4) return undefined;
    return `${map.sources[best[1]].replace(/^(\.\.\/)+/, '')}:${best[2] + 1}`;
  };
}

interface RawSourceMap {
  sources: string[];
  mappings: string;
}

/** Per generated line, its segments: [column, source, original line, original column] (absolute, 0-based). */
interface SourceMap {
  sources: string[];
  lines: number[][][];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes a source map's VLQ mappings (the fields this needs: no names). */
function parseSourceMap(raw: RawSourceMap): SourceMap {
  const lines: number[][][] = [];
  let source = 0;
  let origLine = 0;
  let origCol = 0;
  for (const line of raw.mappings.split(';')) {
    const segs: number[][] = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (seg === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        origLine += fields[2];
        origCol += fields[3];
        segs.push([col, source, origLine, origCol]);
      } else segs.push([col]);
    }
    lines.push(segs);
  }
  return { sources: raw.sources, lines };
}

await main();
