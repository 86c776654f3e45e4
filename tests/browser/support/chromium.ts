/**
 * Finds Chromium for the browser journeys. Without one, the journeys are skipped with a message
 * locally, and fail under CI=true (a CI run must not pass by testing nothing).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ChromiumStatus = { kind: 'ok' } | { kind: 'skip'; message: string } | { kind: 'fail'; message: string };

export function chromiumStatus(): ChromiumStatus {
  if (existsSync(CHROMIUM_PATH)) return { kind: 'ok' };
  const message = `Chromium not found at ${CHROMIUM_PATH} (set CHROMIUM_PATH, or apt-get install chromium)`;
  if (process.env.CI === 'true') return { kind: 'fail', message: `${message}; browser tests cannot be skipped under CI=true` };
  return { kind: 'skip', message: `${message}; skipping browser tests` };
}

/** True when the journeys should run; prints why when they are skipped, throws under CI. */
export function chromiumAvailable(): boolean {
  const status = chromiumStatus();
  if (status.kind === 'fail') throw new Error(status.message);
  if (status.kind === 'skip') console.warn(status.message);
  return status.kind === 'ok';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
