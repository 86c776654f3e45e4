/**
 * Serves the built app (dist/) on 127.0.0.1 with a tiny static server for the browser journeys,
 * and checks up front that Chromium is there (under CI a missing browser fails the run).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../tools/static-server.ts';
import { chromiumStatus } from './support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT/`, serving dist/. */
    baseUrl: string;
  }
}

/** PODLAB_DIST lets parallel work build to its own directory (`vite build --outDir DIR`). */
const DIST = resolve(process.env.PODLAB_DIST ?? resolve(import.meta.dirname, '../../dist'));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const status = chromiumStatus();
  if (status.kind === 'fail') throw new Error(status.message);
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no built app in ${DIST}: run "npx vite build" first ("npm run test:browser" does)`);
  }
  const server = await serveStatic(DIST);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
