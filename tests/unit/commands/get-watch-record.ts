/**
 * Records what a real kubectl v1.31 prints for `kubectl get -w` given the same objects and watch
 * events Podlab produces, into get-watch.recorded.json (read by get-watch.test.ts).
 *
 * For each scenario a Lab runs the setup, then the list and every watch event of the following
 * `watchMs` are captured with the Table rows Podlab's printers give at that instant. A small fake
 * API server (discovery, list, get, watch; Tables when kubectl asks for them) serves exactly that
 * to `kubectl.1.31 -s http://127.0.0.1:PORT get ...`, and its stdout is kept. Only the client side
 * is under test here: how kubectl lays out lists and events.
 *
 * Run: npx tsx tests/unit/commands/get-watch-record.ts   (needs /usr/lib/google-cloud-sdk/bin/kubectl.1.31)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableFor } from '../../../src/commands/printers/columns.ts';
import type { KObject, WatchEventType } from '../../../src/engine/api/types.ts';
import { Lab } from '../../support/manifests.ts';
import { GET_WATCH_SCENARIOS, type GetWatchScenario } from './get-watch-scenarios.ts';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';

interface Captured {
  initial: { objects: KObject[]; nowMs: number; rv: string };
  events: { type: WatchEventType; object: KObject; nowMs: number }[];
}

function capture(s: GetWatchScenario): Captured {
  const lab = new Lab();
  for (const line of s.setup) lab.run(line, s.stdin?.[line]);
  const sim = lab.session.sim;
  const namespace = s.allNamespaces ? undefined : 'default';
  const initial = { objects: [...sim.store.list('pods', { namespace }).items], nowMs: sim.now, rv: sim.store.resourceVersion };
  const events: Captured['events'] = [];
  const w = sim.store.watch('pods', (e) => events.push({ type: e.type, object: e.object, nowMs: sim.now }), { namespace, resourceVersion: initial.rv });
  sim.advance(s.watchMs);
  w.stop();
  return { initial, events };
}

function podTable(objects: readonly KObject[], nowMs: number, wide: boolean, rv: string): unknown {
  const t = tableFor('pods', [...objects], { wide, nowMs, withNamespace: false });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: rv },
    columnDefinitions: t.headers.map((h, i) => ({ name: h, type: 'string', format: i === 0 ? 'name' : '', description: '', priority: 0 })),
    rows: t.rows.map((cells, i) => ({
      cells,
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: objects[i].metadata },
    })),
  };
}

function serve(c: Captured, wide: boolean) {
  const json = (res: ServerResponse, body: unknown, status = 200): void => {
    const b = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(b) });
    res.end(b);
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    const asTable = (req.headers.accept ?? '').includes('as=Table');
    const p = url.pathname;
    if (p === '/api') return json(res, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] });
    if (p === '/apis') return json(res, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (p === '/api/v1') {
      return json(res, { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'], shortNames: ['po'], categories: ['all'] }] });
    }
    const m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/pods(?:\/([^/]+))?$/.exec(p);
    if (!m) return json(res, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }, 404);
    const name = m[2];
    const field = url.searchParams.get('fieldSelector') ?? '';
    const only = field.startsWith('metadata.name=') ? field.slice('metadata.name='.length) : undefined;
    const render = (objs: KObject[], nowMs: number, rv: string) => (asTable ? podTable(objs, nowMs, wide, rv) : objs.length === 1 && name ? objs[0] : { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: rv }, items: objs });
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const events = c.events.filter((e) => only === undefined || e.object.metadata.name === only);
      // A watch from resourceVersion 0 on one object starts with a synthetic ADDED of its current state.
      const first = only !== undefined ? c.initial.objects.filter((o) => o.metadata.name === only).map((object) => ({ type: 'ADDED' as const, object, nowMs: c.initial.nowMs })) : [];
      for (const e of [...first, ...events]) {
        const object = asTable ? podTable([e.object], e.nowMs, wide, e.object.metadata.resourceVersion ?? '') : e.object;
        res.write(`${JSON.stringify({ type: e.type, object })}\n`);
      }
      res.end();
      return;
    }
    if (name) {
      const obj = c.initial.objects.find((o) => o.metadata.name === name);
      if (!obj) return json(res, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `pods "${name}" not found`, reason: 'NotFound', code: 404 }, 404);
      return json(res, render([obj], c.initial.nowMs, obj.metadata.resourceVersion ?? ''));
    }
    return json(res, render(c.initial.objects, c.initial.nowMs, c.initial.rv));
  };
}

function kubectl(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(KUBECTL, ['-s', `http://127.0.0.1:${port}`, ...args], { env: { ...process.env, HOME: '/nonexistent', KUBECONFIG: '/dev/null' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`kubectl exited ${code}: ${err}`))));
  });
}

async function record(s: GetWatchScenario): Promise<string> {
  const c = capture(s);
  const server = createServer(serve(c, s.kubectlArgs.includes('wide')));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await kubectl((server.address() as AddressInfo).port, ['get', ...s.kubectlArgs]);
  } finally {
    server.close();
  }
}

const recorded: Record<string, string> = {};
for (const s of GET_WATCH_SCENARIOS) recorded[s.name] = await record(s);
const out = join(dirname(fileURLToPath(import.meta.url)), 'get-watch.recorded.json');
writeFileSync(out, `${JSON.stringify(recorded, null, 2)}\n`);
console.log(`wrote ${Object.keys(recorded).length} recordings to ${out}`);
