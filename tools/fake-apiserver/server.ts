/**
 * A read-only Kubernetes API server over a Podlab simulation's API store, for recording what real
 * kubectl prints for Podlab's own objects (see README.md). Dev tool only: never shipped in the app.
 *
 * It serves legacy discovery (/api, /api/v1, /apis, /apis/GROUP/VERSION: kubectl 1.31 asks for
 * aggregated discovery first and falls back when the answer is plain JSON), /version, GET of one
 * object and LIST (labelSelector, fieldSelector) for every kind in RESOURCE_TYPES, and the
 * self-subject reviews `kubectl auth` creates (auth-reviews.ts). Every other write
 * answers 405: nothing kubectl runs against it can change the simulation.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStatusError, StatusError } from '../../src/engine/api/errors.ts';
import { RESOURCE_TYPES, type ResourceType } from '../../src/engine/api/resources.ts';
import type { KObject } from '../../src/engine/api/types.ts';
import type { Simulation } from '../../src/engine/simulation.ts';
import { isReviewPath, reviewResponse } from './auth-reviews.ts';
import { discoveryPath } from './discovery.ts';
import { shiftTimestamps } from './timeshift.ts';

/** What the server serves and how it shifts time. */
export interface FakeApiServerOptions {
  /** The simulation whose store is served (read at every request). */
  sim: () => Simulation;
  /**
   * Milliseconds added to every RFC 3339 timestamp in served objects (0: serve them as stored).
   * Read at every request, so a recorder can change it between kubectl runs.
   */
  shiftMs: () => number;
}

/** A running fake API server. */
export interface FakeApiServer {
  url: string;
  /** Method and URL (with query) of every request served, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 at a free port. */
export async function startFakeApiServer(opts: FakeApiServerOptions): Promise<FakeApiServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && isReviewPath(path)) {
      let body = '';
      req.setEncoding('utf8').on('data', (t: string) => (body += t));
      req.on('end', () => sendJson(res, 201, reviewResponse(opts.sim(), req, path, body)));
      return;
    }
    try {
      handle(opts, req, res);
    } catch (e) {
      sendStatus(res, isStatusError(e) ? e : internalError(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function handle(opts: FakeApiServerOptions, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') {
    sendJson(res, 405, statusBody(`the fake API server is read-only: ${req.method} is not allowed`, 'MethodNotAllowed', 405));
    return;
  }
  if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
    sendJson(res, 405, statusBody('the fake API server does not serve watches', 'MethodNotAllowed', 405));
    return;
  }
  const discovery = discoveryPath(url.pathname);
  if (discovery) {
    sendJson(res, 200, discovery.body);
    return;
  }
  const target = parseResourcePath(url.pathname);
  if (!target) {
    sendJson(res, 404, statusBody('the server could not find the requested resource', 'NotFound', 404));
    return;
  }
  const store = opts.sim().store;
  const shift = (o: unknown) => shiftTimestamps(o, opts.shiftMs());
  if (target.name !== undefined) {
    sendJson(res, 200, shift(store.get(target.rt, target.namespace ?? '', target.name)));
    return;
  }
  const list = store.list(target.rt, {
    namespace: target.namespace,
    labelSelector: url.searchParams.get('labelSelector') ?? undefined,
    fieldSelector: url.searchParams.get('fieldSelector') ?? undefined,
  });
  sendJson(res, 200, {
    kind: `${target.rt.kind}List`,
    apiVersion: target.rt.apiVersion,
    metadata: { resourceVersion: list.resourceVersion },
    items: list.items.map((o) => shift(withoutTypeMeta(o))),
  });
}

/** The API server's list items carry no apiVersion/kind (the list's own kind says it). */
function withoutTypeMeta(o: KObject): Omit<KObject, 'apiVersion' | 'kind'> {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest;
}

interface ResourceTarget {
  rt: ResourceType;
  namespace?: string;
  name?: string;
}

/**
 * /api/v1[/namespaces/NS]/PLURAL[/NAME] or /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME].
 * `namespaces/NAME` itself is the Namespace object.
 */
function parseResourcePath(path: string): ResourceTarget | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api') [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis') [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = decodeURIComponent(rest[1]);
    rest = rest.slice(2);
  }
  if (rest.length < 1 || rest.length > 2) return undefined;
  const rt = RESOURCE_TYPES.find((r) => r.group === group && (r.version === version || r.otherApiVersions.includes(`${group}/${version}`)) && r.plural === rest[0]);
  if (!rt) return undefined;
  return { rt, namespace: rt.namespaced ? namespace : undefined, name: rest[1] === undefined ? undefined : decodeURIComponent(rest[1]) };
}

function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendStatus(res: ServerResponse, e: StatusError): void {
  sendJson(res, e.code, e.toStatus());
}

function statusBody(message: string, reason: string, code: number): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function internalError(e: unknown): StatusError {
  const message = e instanceof Error ? e.message : String(e);
  return new StatusError('InternalError', `fake API server: ${message}`, 500);
}
