/**
 * NodePorts against reference §5.5 and upstream v1.31 `node_ports_test.go` (TestNodePorts,
 * TestFits) and HostPortInfo.CheckConflict: the 0.0.0.0-vs-specific-IP rule, protocols, defaults.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/types.ts';
import { Code, CycleState, SKIP, type FilterPlugin, type PreFilterPlugin, type Status } from '../../../src/engine/components/scheduler/framework/types.ts';
import { ERR_REASON, NAME, nodePorts, wantedPorts } from '../../../src/engine/components/scheduler/plugins/node-ports.ts';
import { cluster, hostPortPod, info, newNode, newPod } from './fixtures.ts';

type Plugin = PreFilterPlugin & FilterPlugin;
const plugin = (): Plugin => nodePorts(undefined, undefined as never) as Plugin;

/** PreFilter then (unless it skips) Filter against a node running `existing`. */
function run(pod: Pod, existing: Pod[] = []): { preFilter: Status | null; filter?: Status | null } {
  const p = plugin();
  const { infos, snapshot } = cluster([newNode('m1')], existing.map((e) => ({ ...e, spec: { ...e.spec, nodeName: 'm1' } })));
  const state = new CycleState();
  const pi = info(pod);
  const preFilter = p.preFilter(state, pi, snapshot);
  if (preFilter !== null) return { preFilter };
  return { preFilter, filter: p.filter(state, pi, infos[0]) };
}

const REJECTED = { code: Code.Unschedulable, reasons: ["node(s) didn't have free ports for the requested pod ports"] };

describe('NodePorts PreFilter and Filter (upstream TestNodePorts)', () => {
  it.each<[string, string[], string[][], boolean]>([
    ['other port', ['UDP/127.0.0.1/8080'], [['UDP/127.0.0.1/9090']], true],
    ['same udp port', ['UDP/127.0.0.1/8080'], [['UDP/127.0.0.1/8080']], false],
    ['same tcp port', ['TCP/127.0.0.1/8080'], [['TCP/127.0.0.1/8080']], false],
    ['different host ip', ['TCP/127.0.0.1/8080'], [['TCP/127.0.0.2/8080']], true],
    ['different protocol', ['UDP/127.0.0.1/8080'], [['TCP/127.0.0.1/8080']], true],
    ['second udp port conflict', ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], [['UDP/127.0.0.1/8080']], false],
    ['first tcp port conflict', ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], [['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081']], false],
    ['wanted 0.0.0.0 conflicts with a specific IP', ['TCP/0.0.0.0/8001'], [['TCP/127.0.0.1/8001']], false],
    ['TCP conflict due to a wanted 0.0.0.0 among others', ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], [['TCP/127.0.0.1/8001']], false],
    ['used 0.0.0.0 conflicts with a wanted specific IP', ['TCP/127.0.0.1/8001'], [['TCP/0.0.0.0/8001']], false],
    ['0.0.0.0 of another protocol does not conflict', ['UDP/127.0.0.1/8001'], [['TCP/0.0.0.0/8001']], true],
    ['UDP conflict due to a used 0.0.0.0', ['UDP/127.0.0.1/8001'], [['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001']], false],
    // TestFits
    ['non-conflicting ports', ['TCP/127.0.0.1/80'], [['TCP/127.0.0.1/9090']], true],
    [
      'multiple non-conflicting ports',
      ['TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'],
      [['TCP/127.0.0.1/9090', 'TCP/127.0.0.1/9191', 'TCP/127.0.1.1/8080']],
      true,
    ],
    ['same ports on different protocols', ['TCP/127.0.0.1/80'], [['UDP/127.0.0.1/80']], true],
    [
      'multiple ports, some conflicting',
      ['TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'],
      [['TCP/127.0.0.1/9090', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/8080']],
      false,
    ],
    // defaults and edges
    ['empty hostIP means 0.0.0.0 (wanted)', ['TCP//8080'], [['TCP/10.0.0.1/8080']], false],
    ['empty hostIP means 0.0.0.0 (used)', ['TCP/10.0.0.1/8080'], [['TCP//8080']], false],
    ['empty protocol means TCP (wanted)', ['/10.0.0.1/8080'], [['TCP/10.0.0.1/8080']], false],
    ['empty protocol means TCP (used)', ['TCP/10.0.0.1/8080'], [['/10.0.0.1/8080']], false],
    ['empty protocol is not UDP', ['UDP/10.0.0.1/8080'], [['//8080']], true],
    ['SCTP is its own protocol', ['SCTP/0.0.0.0/9000'], [['TCP/0.0.0.0/9000', 'UDP/0.0.0.0/9000']], true],
    ['a port held by a pod on the node, several pods', ['TCP/0.0.0.0/443'], [['TCP/0.0.0.0/80'], ['TCP/0.0.0.0/443']], false],
    ['the pod’s own ports are not checked against each other', ['TCP/0.0.0.0/80', 'TCP/0.0.0.0/80'], [], true],
  ])('%s', (_name, wanted, existing, fits) => {
    const got = run(hostPortPod('p', wanted), existing.map((ports, i) => hostPortPod(`e${i}`, ports)));
    expect(got.preFilter).toBeNull();
    expect(got.filter).toEqual(fits ? null : REJECTED);
  });

  it('skips a pod without host ports', () => {
    expect(run(newPod('p')).preFilter).toBe(SKIP);
    const containerPortOnly = newPod('p', { spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } });
    expect(run(containerPortOnly).preFilter).toBe(SKIP);
  });

  it('v1.31 ignores init containers (sidecars too) on the incoming pod', () => {
    const initPort = (restartPolicy?: string) =>
      newPod('p', { spec: { initContainers: [{ name: 'i', image: 'nginx', ...(restartPolicy ? { restartPolicy } : {}), ports: [{ containerPort: 8001, hostPort: 8001 }] }] } });
    expect(run(initPort(), [hostPortPod('e', ['TCP/0.0.0.0/8001'])]).preFilter).toBe(SKIP);
    expect(run(initPort('Always'), [hostPortPod('e', ['TCP/0.0.0.0/8001'])]).preFilter).toBe(SKIP);
  });

  it('sanitizes the wanted ports once in PreFilter', () => {
    expect(wantedPorts(hostPortPod('p', ['//80', 'UDP/10.0.0.1/53']))).toEqual([
      { protocol: 'TCP', ip: '0.0.0.0', port: 80 },
      { protocol: 'UDP', ip: '10.0.0.1', port: 53 },
    ]);
  });

  it('filters correctly without PreFilter state', () => {
    const { infos } = cluster([newNode('m1')], [hostPortPod('e', ['TCP/0.0.0.0/80'], { nodeName: 'm1' })]);
    expect(plugin().filter(new CycleState(), info(hostPortPod('p', ['TCP/127.0.0.1/80'])), infos[0])).toEqual(REJECTED);
  });

  it('explains which port and which pod holds it', () => {
    const p = plugin();
    const { infos } = cluster([newNode('node-3')], [hostPortPod('web-1', ['TCP/0.0.0.0/8080'], { nodeName: 'node-3' })]);
    const pod = info(hostPortPod('web-2', ['TCP/10.0.0.5/8080']));
    const state = new CycleState();
    p.preFilter(state, pod, cluster([]).snapshot);
    expect(p.explain!(pod, infos[0], p.filter(state, pod, infos[0])!)).toBe(
      'the pod wants host port 10.0.0.5:8080/TCP, already taken on node-3 by pod default/web-1 (it holds 0.0.0.0:8080/TCP)',
    );
  });

  it('has the v1.31 name, reason and events', () => {
    const p = plugin();
    expect(p.name).toBe(NAME);
    expect(ERR_REASON).toBe("node(s) didn't have free ports for the requested pod ports");
    expect(p.events).toEqual([
      { resource: 'Pod', action: 'Delete' },
      { resource: 'Node', action: 'Add' },
      { resource: 'Node', action: 'Update' },
    ]);
  });
});
