/** Opens the built app in a fresh browser context and collects anything it logs as an error. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results');

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught page errors and worker errors, in order. */
  errors: string[];
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

export async function openApp(browser: Browser, opts: OpenOptions = {}): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 720 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)));
  await page.goto(inject('baseUrl'));
  // The clock shows a <time> once the worker's first view has arrived.
  await page.getByRole('timer', { name: 'Simulated time' }).locator('time').waitFor();
  await page.waitForFunction(() => window.podlab !== undefined);
  return { page, context, errors };
}

/** Simulated ms on the header clock. */
export async function clockNow(page: Page): Promise<number> {
  return Number(await page.getByRole('timer', { name: 'Simulated time' }).getAttribute('data-now'));
}

/** Types a command into the terminal and waits for its output to arrive. */
export async function typeCommand(page: Page, line: string): Promise<string> {
  const entries = page.locator('.term-entry');
  const before = await entries.count();
  await page.getByRole('textbox', { name: 'Command' }).fill(line);
  await page.getByRole('textbox', { name: 'Command' }).press('Enter');
  const entry = entries.nth(before);
  // data-exit-code appears on an entry once its result is in.
  await entry.and(page.locator('.term-entry[data-exit-code]')).waitFor();
  return (await entry.locator('.term-output').allTextContents()).join('');
}

/** Types a heredoc command line by line, as a user would, and returns its output. */
export async function typeHeredoc(page: Page, line: string, body: string): Promise<string> {
  const entries = page.locator('.term-entry');
  const before = await entries.count();
  const input = page.getByRole('textbox', { name: 'Command' });
  for (const l of [`${line} <<EOF`, ...body.replace(/\n$/, '').split('\n'), 'EOF']) {
    await input.fill(l);
    await input.press('Enter');
  }
  const entry = entries.nth(before);
  await entry.and(page.locator('.term-entry[data-exit-code]')).waitFor();
  return (await entry.locator('.term-output').allTextContents()).join('');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, name);
  await page.screenshot({ path });
  return path;
}
