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
  /** An address fragment to open with, e.g. `#lab=v1.…` (a shared lab link). */
  hash?: string;
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
  await page.goto(`${inject('baseUrl')}${opts.hash ?? ''}`);
  // The clock shows a <time> once the worker's first view has arrived.
  await page.getByRole('timer', { name: 'Simulated time' }).locator('time').waitFor();
  await page.waitForFunction(() => window.podlab !== undefined);
  return { page, context, errors };
}

/** Simulated ms on the header clock. */
export async function clockNow(page: Page): Promise<number> {
  return Number(await page.getByRole('timer', { name: 'Simulated time' }).getAttribute('data-now'));
}

/**
 * The terminal is xterm.js: keys go to its (screen-reader mode) input, and the exact output is
 * read from the scrollback's hidden transcript (`.term-entry`, one per command, `data-exit-code`
 * once it ended), since the screen wraps and trims lines.
 */
async function focusTerminal(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Command' }).focus();
}

/** Types a line at the prompt and presses Enter, without waiting for the command. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** Pastes text into the terminal as the clipboard would (a block runs line by line). */
export async function pasteIntoTerminal(page: Page, text: string): Promise<void> {
  await focusTerminal(page);
  await page.getByRole('textbox', { name: 'Command' }).evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The line being typed at the prompt, as the terminal keeps it. */
export async function promptLine(page: Page): Promise<string> {
  return (await page.locator('.term-host').getAttribute('data-line')) ?? '';
}

/** The rows the terminal screen shows, as text (no-break spaces as spaces, trailing blanks trimmed). */
export async function terminalScreen(page: Page): Promise<string> {
  const rows = await page.locator('.term-host .xterm-rows > div').allTextContents();
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd()).join('\n');
}

async function outputOf(page: Page, before: number): Promise<string> {
  const entry = page.locator('.term-entry').nth(before);
  // data-exit-code appears on an entry once its result is in.
  await entry.and(page.locator('.term-entry[data-exit-code]')).waitFor({ state: 'attached' });
  return (await entry.locator('.term-output').allTextContents()).join('');
}

/** Types a command into the terminal and waits for its output to arrive. */
export async function typeCommand(page: Page, line: string): Promise<string> {
  const before = await page.locator('.term-entry').count();
  await typeLine(page, line);
  return outputOf(page, before);
}

/** Types a heredoc's command line, pastes its body and the delimiter (run line by line), and returns its output. */
export async function typeHeredoc(page: Page, line: string, body: string): Promise<string> {
  const before = await page.locator('.term-entry').count();
  await typeLine(page, `${line} <<EOF`);
  await pasteIntoTerminal(page, `${body.replace(/\n$/, '')}\nEOF\n`);
  return outputOf(page, before);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, name);
  await page.screenshot({ path });
  return path;
}
