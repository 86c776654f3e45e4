/**
 * Serves the built app (dist/) on 127.0.0.1 with a tiny static server for the browser journeys,
 * and checks up front that Chromium is there (under CI a missing browser fails the run).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumStatus } from './support/chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:PORT/`, serving dist/. */
    baseUrl: string;
  }
}

const DIST = resolve(import.meta.dirname, '../../dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const status = chromiumStatus();
  if (status.kind === 'fail') throw new Error(status.message);
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`no built app in ${DIST}: run "npx vite build" first ("npm run test:browser" does)`);
  }
  const server = createServer((req, res) => {
    void serve(req.url ?? '/').then(({ code, type, body }) => {
      res.writeHead(code, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}/`);
  return () => close(server);
}

async function serve(url: string): Promise<{ code: number; type: string; body: Buffer | string }> {
  const path = decodeURIComponent(new URL(url, 'http://localhost').pathname);
  const file = normalize(join(DIST, path.endsWith('/') ? `${path}index.html` : path));
  if (file !== DIST && !file.startsWith(DIST + sep)) return { code: 403, type: 'text/plain', body: 'forbidden' };
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    return { code: 200, type: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) };
  } catch {
    return { code: 404, type: 'text/plain', body: 'not found' };
  }
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}
