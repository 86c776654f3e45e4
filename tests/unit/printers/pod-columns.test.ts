import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/engine/api/types.ts';
import { tableFor } from '../../../src/commands/printers/columns.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

const NOW = 3_600_000;
const CREATED = formatTimestamp(NOW - 5 * 60_000);

type Status = Record<string, unknown>;

function pod(spec: Record<string, unknown>, status: Status, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: CREATED, ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: CREATED } };
const ready = (name = 'app') => ({ name, ready: true, restartCount: 0, image: 'nginx', state: running });
const waiting = (reason: string, name = 'app') => ({ name, ready: false, restartCount: 0, image: 'nginx', state: { waiting: { reason } } });
const terminated = (t: Record<string, unknown>, name = 'app') => ({ name, ready: false, restartCount: 0, image: 'nginx', state: { terminated: t } });

function row(p: KObject, wide = false): string[] {
  return tableFor('pods', [p], { wide, nowMs: NOW, withNamespace: false }).rows[0];
}

describe('pod READY and STATUS (printers.go printPod)', () => {
  const twoContainers = { containers: [{ name: 'a' }, { name: 'b' }] };
  const readyCond = { type: 'Ready', status: 'True' };
  const initContainers = { initContainers: [{ name: 'i1' }, { name: 'i2' }] };

  it.each<[string, KObject, string, string]>([
    ['running and ready', pod({}, { phase: 'Running', containerStatuses: [ready()] }), '1/1', 'Running'],
    ['unscheduled', pod({}, { phase: 'Pending' }), '0/1', 'Pending'],
    ['scheduling gated', pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }), '0/1', 'SchedulingGated'],
    ['container creating', pod({}, { phase: 'Pending', containerStatuses: [waiting('ContainerCreating')] }), '0/1', 'ContainerCreating'],
    ['image pull back-off', pod({}, { phase: 'Pending', containerStatuses: [waiting('ImagePullBackOff')] }), '0/1', 'ImagePullBackOff'],
    ['err image pull', pod({}, { phase: 'Pending', containerStatuses: [waiting('ErrImagePull')] }), '0/1', 'ErrImagePull'],
    ['crash loop', pod({}, { phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff')] }), '0/1', 'CrashLoopBackOff'],
    ['completed', pod({}, { phase: 'Succeeded', containerStatuses: [terminated({ exitCode: 0, reason: 'Completed' })] }), '0/1', 'Completed'],
    ['error', pod({}, { phase: 'Failed', containerStatuses: [terminated({ exitCode: 1, reason: 'Error' })] }), '0/1', 'Error'],
    ['oom killed', pod({}, { phase: 'Running', containerStatuses: [terminated({ exitCode: 137, reason: 'OOMKilled' })] }), '0/1', 'OOMKilled'],
    ['exit code without reason', pod({}, { phase: 'Failed', containerStatuses: [terminated({ exitCode: 2 })] }), '0/1', 'ExitCode:2'],
    ['signal without reason', pod({}, { phase: 'Failed', containerStatuses: [terminated({ exitCode: 0, signal: 9 })] }), '0/1', 'Signal:9'],
    ['evicted', pod({}, { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }), '0/1', 'Evicted'],
    [
      'first container (scanning last to first) wins',
      pod(twoContainers, { phase: 'Running', containerStatuses: [waiting('CrashLoopBackOff', 'a'), waiting('ImagePullBackOff', 'b')] }),
      '0/2',
      'CrashLoopBackOff',
    ],
    [
      'Completed with a running container and Ready condition',
      pod(twoContainers, { phase: 'Running', conditions: [readyCond], containerStatuses: [terminated({ exitCode: 0, reason: 'Completed' }, 'a'), ready('b')] }),
      '1/2',
      'Running',
    ],
    [
      'Completed with a running container but not Ready',
      pod(twoContainers, { phase: 'Running', containerStatuses: [terminated({ exitCode: 0, reason: 'Completed' }, 'a'), ready('b')] }),
      '1/2',
      'NotReady',
    ],
    [
      'first init container running',
      pod(initContainers, { phase: 'Pending', initContainerStatuses: [{ name: 'i1', ready: false, restartCount: 0, state: running }, waiting('PodInitializing', 'i2')] }),
      '0/1',
      'Init:0/2',
    ],
    [
      'second init container running',
      pod(initContainers, { phase: 'Pending', initContainerStatuses: [terminated({ exitCode: 0, reason: 'Completed' }, 'i1'), { name: 'i2', ready: false, restartCount: 0, state: running }] }),
      '0/1',
      'Init:1/2',
    ],
    ['init waiting PodInitializing', pod(initContainers, { phase: 'Pending', initContainerStatuses: [waiting('PodInitializing', 'i1')] }), '0/1', 'Init:0/2'],
    ['init crash loop', pod(initContainers, { phase: 'Pending', initContainerStatuses: [waiting('CrashLoopBackOff', 'i1')] }), '0/1', 'Init:CrashLoopBackOff'],
    ['init error', pod(initContainers, { phase: 'Pending', initContainerStatuses: [terminated({ exitCode: 1, reason: 'Error' }, 'i1')] }), '0/1', 'Init:Error'],
    ['init container that exited 0 is done', pod(initContainers, { phase: 'Pending', initContainerStatuses: [terminated({ exitCode: 0, signal: 15 }, 'i1'), waiting('PodInitializing', 'i2')] }), '0/1', 'Init:1/2'],
    ['init exit code', pod(initContainers, { phase: 'Pending', initContainerStatuses: [terminated({ exitCode: 3 }, 'i1')] }), '0/1', 'Init:ExitCode:3'],
    ['init signal', pod(initContainers, { phase: 'Pending', initContainerStatuses: [terminated({ exitCode: 143, signal: 15 }, 'i1')] }), '0/1', 'Init:Signal:15'],
    [
      'sidecar (restartable init container) counts in READY',
      pod(
        { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }, readyCond],
          initContainerStatuses: [{ ...ready('proxy'), started: true }],
          containerStatuses: [ready()],
        },
      ),
      '2/2',
      'Running',
    ],
    [
      'terminating',
      pod({}, { phase: 'Running', containerStatuses: [ready()] }, { deletionTimestamp: formatTimestamp(NOW) }),
      '1/1',
      'Terminating',
    ],
    [
      'terminating on an unreachable node',
      pod({}, { phase: 'Running', reason: 'NodeLost', containerStatuses: [ready()] }, { deletionTimestamp: formatTimestamp(NOW) }),
      '1/1',
      'Unknown',
    ],
    [
      'deleted but already completed',
      pod({}, { phase: 'Succeeded', containerStatuses: [terminated({ exitCode: 0, reason: 'Completed' })] }, { deletionTimestamp: formatTimestamp(NOW) }),
      '0/1',
      'Completed',
    ],
  ])('%s', (_name, p, readyCol, status) => {
    const r = row(p);
    expect(r[1]).toBe(readyCol);
    expect(r[2]).toBe(status);
  });
});

describe('pod RESTARTS, AGE and wide columns', () => {
  it('shows the last restart age', () => {
    const p = pod(
      {},
      {
        phase: 'Running',
        containerStatuses: [
          {
            ...waiting('CrashLoopBackOff'),
            restartCount: 5,
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: formatTimestamp(NOW - 130_000) } },
          },
        ],
      },
    );
    expect(row(p)).toEqual(['web', '0/1', 'CrashLoopBackOff', '5 (2m10s ago)', '5m']);
  });

  it('shows a bare count without a termination time', () => {
    const p = pod({}, { phase: 'Running', containerStatuses: [{ ...ready(), restartCount: 3 }] });
    expect(row(p)[3]).toBe('3');
  });

  it('has the kubectl headers and wide columns', () => {
    const p = pod({ nodeName: 'worker-1' }, { phase: 'Running', podIP: '10.244.1.5', containerStatuses: [ready()] });
    const table = tableFor('pods', [p], { wide: true, nowMs: NOW, withNamespace: false });
    expect(table.headers).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(table.rows[0]).toEqual(['web', '1/1', 'Running', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>']);
    expect(tableFor('po', [p], { wide: false, nowMs: NOW, withNamespace: false }).headers).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
  });

  it('shows <none> for missing IP and node, and readiness gates as met/total', () => {
    const p = pod(
      { readinessGates: [{ conditionType: 'example.com/ready' }, { conditionType: 'example.com/lb' }] },
      { phase: 'Pending', nominatedNodeName: 'worker-2', conditions: [{ type: 'example.com/ready', status: 'True' }] },
    );
    expect(row(p, true).slice(5)).toEqual(['<none>', '<none>', 'worker-2', '1/2']);
  });
});
