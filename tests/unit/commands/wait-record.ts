/**
 * Records what a real kubectl v1.31 prints for `kubectl wait` against the objects a Podlab setup
 * leaves, into wait.recorded.json (read by wait.test.ts). A fake API server (discovery for pods
 * and deployments, get, list with `k=v` label and `metadata.name` field selectors, and watches
 * that stay open without events until kubectl gives up) serves a frozen copy of the store.
 *
 * Run: npx tsx tests/unit/commands/wait-record.ts   (needs /usr/lib/google-cloud-sdk/bin/kubectl.1.31)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KObject } from '../../../src/engine/api/types.ts';
import { Lab } from '../../support/manifests.ts';
import { WAIT_SCENARIOS, type WaitRecording, type WaitScenario } from './wait-scenarios.ts';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.31';

type Frozen = Record<'pods' | 'deployments', KObject[]>;

function freeze(s: WaitScenario): Frozen {
  const lab = new Lab();
  for (const [line, stdin] of s.setup) lab.run(line, stdin);
  const store = lab.session.sim.store;
  return { pods: [...store.list('pods', { namespace: 'default' }).items], deployments: [...store.list('deployments', { namespace: 'default' }).items] };
}

const DISCOVERY: Record<string, unknown> = {
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }],
  },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list', 'watch'], shortNames: ['po'] }],
  },
  '/apis/apps/v1': {
    kind: 'APIResourceList',
    groupVersion: 'apps/v1',
    resources: [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list', 'watch'], shortNames: ['deploy'] }],
  },
};

function matches(o: KObject, labelSelector: string, fieldSelector: string): boolean {
  const labels = o.metadata.labels ?? {};
  const labelOk = labelSelector === '' || labelSelector.split(',').every((req) => labels[req.split('=')[0]] === req.split('=')[1]);
  const fieldOk = fieldSelector === '' || fieldSelector === `metadata.name=${o.metadata.name}`;
  return labelOk && fieldOk;
}

function serve(frozen: Frozen) {
  const json = (res: ServerResponse, body: unknown, status = 200): void => {
    const b = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(b) });
    res.end(b);
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (DISCOVERY[url.pathname]) return json(res, DISCOVERY[url.pathname]);
    const m = /^\/(?:api\/v1|apis\/apps\/v1)\/namespaces\/default\/(pods|deployments)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!m) return json(res, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }, 404);
    const plural = m[1] as keyof Frozen;
    const group = plural === 'deployments' ? 'apps' : '';
    if (m[2] !== undefined) {
      const obj = frozen[plural].find((o) => o.metadata.name === m[2]);
      if (obj) return json(res, obj);
      const message = `${group ? `${plural}.${group}` : plural} "${m[2]}" not found`;
      return json(res, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', details: { name: m[2], group: group || undefined, kind: plural }, code: 404 }, 404);
    }
    if (url.searchParams.get('watch') === 'true') {
      // Nothing ever changes: keep the watch open until kubectl hangs up.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      return;
    }
    const items = frozen[plural].filter((o) => matches(o, url.searchParams.get('labelSelector') ?? '', url.searchParams.get('fieldSelector') ?? ''));
    const kind = plural === 'pods' ? 'PodList' : 'DeploymentList';
    return json(res, { kind, apiVersion: group ? `${group}/v1` : 'v1', metadata: { resourceVersion: '1000' }, items });
  };
}

function kubectl(port: number, args: string[]): Promise<WaitRecording> {
  return new Promise((resolve) => {
    const child = spawn(KUBECTL, ['-s', `http://127.0.0.1:${port}`, 'wait', ...args], { env: { ...process.env, HOME: '/nonexistent', KUBECONFIG: '/dev/null' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? -1 }));
  });
}

async function record(s: WaitScenario): Promise<WaitRecording> {
  const server = createServer(serve(freeze(s)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await kubectl((server.address() as AddressInfo).port, s.args);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const recorded: Record<string, WaitRecording> = {};
for (const s of WAIT_SCENARIOS) recorded[s.name] = await record(s);
const out = join(dirname(fileURLToPath(import.meta.url)), 'wait.recorded.json');
writeFileSync(out, `${JSON.stringify(recorded, null, 2)}\n`);
console.log(`wrote ${Object.keys(recorded).length} recordings to ${out}`);
