/**
 * printers/typed-json.ts: every struct order it lists declares exactly the fields the v1.31
 * OpenAPI definition has (so no field falls back to sorted order, and none is invented), the
 * orders reach through the schema's field types (a Pod's status, a CronJob's job template, a
 * Service's ports), and maps stay sorted. Real kubectl's output for these is in
 * tests/golden-kubectl/typed-json.json (real-kubectl-golden.test.ts).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STRUCT_ORDERS, typedJson } from '../../../src/commands/printers/typed-json.ts';
import { schemaDefinitions } from '../../../src/engine/api/schema/schema.ts';

const keys = (json: string): string[] => [...json.matchAll(/"([^"]+)":/g)].map((m) => m[1]);

describe('struct orders against the v1.31 schema', () => {
  const byName = new Map<string, string[]>();
  for (const [id, def] of Object.entries(schemaDefinitions())) {
    if (!def.f) continue;
    const short = id.slice(id.lastIndexOf('.') + 1);
    byName.set(short, [...(byName.get(short) ?? []), id]);
  }
  it.each([...STRUCT_ORDERS.keys()])('%s declares the schema fields, each once', (name) => {
    const ids = byName.get(name) ?? [];
    expect(ids.length, `${name} is a definition of the schema`).toBeGreaterThan(0);
    const order = STRUCT_ORDERS.get(name) ?? [];
    expect(new Set(order).size).toBe(order.length);
    for (const id of ids) expect([...order].sort()).toEqual(Object.keys(schemaDefinitions()[id].f ?? {}).sort());
  });
});

describe('typedJson', () => {
  it('a Pod: TypeMeta, metadata, spec, status; its status and container statuses in struct order', () => {
    const pod = {
      status: {
        qosClass: 'BestEffort',
        containerStatuses: [{ started: true, restartCount: 0, ready: true, state: { running: { startedAt: 't' } }, name: 'c', image: 'nginx', imageID: 'x', containerID: 'y', lastState: {} }],
        startTime: 't',
        podIP: '10.0.0.1',
        conditions: [{ lastTransitionTime: 't', lastProbeTime: null, status: 'True', type: 'Ready' }],
        phase: 'Running',
      },
      spec: { nodeName: 'n', containers: [{ resources: {}, image: 'nginx', name: 'c' }], restartPolicy: 'Always' },
      metadata: { labels: { z: '1', a: '2' }, name: 'p' },
      apiVersion: 'v1',
      kind: 'Pod',
    };
    expect(keys(typedJson('Pod', pod))).toEqual([
      'kind', 'apiVersion', 'metadata', 'name', 'labels', 'a', 'z',
      'spec', 'containers', 'name', 'image', 'resources', 'restartPolicy', 'nodeName',
      'status', 'phase', 'conditions', 'type', 'status', 'lastProbeTime', 'lastTransitionTime', 'podIP', 'startTime',
      'containerStatuses', 'name', 'state', 'running', 'startedAt', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started',
      'qosClass',
    ]);
  });

  it('a CronJob reaches its job template and the pod template inside', () => {
    const cj = { apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [] } }, backoffLimit: 6 } }, suspend: false, schedule: '* * * * *' } };
    expect(keys(typedJson('CronJob', cj))).toEqual(['kind', 'apiVersion', 'spec', 'schedule', 'suspend', 'jobTemplate', 'spec', 'backoffLimit', 'template', 'spec', 'containers', 'restartPolicy']);
  });

  it("a Service's ports, and a map of strings (selector) sorted", () => {
    const svc = { kind: 'Service', apiVersion: 'v1', spec: { type: 'ClusterIP', selector: { b: '1', a: '2' }, ports: [{ targetPort: 80, port: 80, protocol: 'TCP', name: 'http' }] } };
    expect(keys(typedJson('Service', svc))).toEqual(['kind', 'apiVersion', 'spec', 'ports', 'name', 'protocol', 'port', 'targetPort', 'selector', 'a', 'b', 'type']);
  });

  it('without apiVersion the kind is looked up in core, apps and batch; an unknown kind is a map', () => {
    expect(keys(typedJson('Job', { spec: { template: {}, parallelism: 1 } }))).toEqual(['spec', 'parallelism', 'template']);
    expect(keys(typedJson('Widget', { spec: 1, kind: 'Widget' }))).toEqual(['kind', 'spec']);
  });
});

/**
 * Every typed `-o json` real kubectl v1.31 printed in the recordings (set, expose, run and the
 * create generators), parsed and written again by typedJson, is the same text: the struct orders
 * agree with kubectl's for every field these objects carry.
 */
describe('typedJson re-writes real kubectl output unchanged', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const recorded: [string, string][] = [];
  for (const file of [join(here, '../../golden-kubectl/typed-json.json'), join(here, '../../golden-kubectl/run-dry-run.json'), join(here, 'create-generators.golden.json')]) {
    for (const r of JSON.parse(readFileSync(file, 'utf8')) as { command?: string; argv?: string[]; stdout: string }[]) {
      if (r.stdout.startsWith('{\n    "kind"')) recorded.push([r.command ?? `kubectl ${(r.argv ?? []).join(' ')}`, r.stdout]);
    }
  }
  it('found the recordings', () => expect(recorded.length).toBeGreaterThan(25));
  it.each(recorded)('%s', (_command, stdout) => {
    const obj = JSON.parse(stdout) as { kind: string };
    expect(typedJson(obj.kind, obj)).toBe(stdout);
  });
});
