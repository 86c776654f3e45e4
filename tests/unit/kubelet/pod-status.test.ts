/** getPhase and the container states the kubelet reports, from its records (kubelet_pods.go). */
import { describe, expect, it } from 'vitest';
import { podPhase, podStatus } from '../../../src/engine/components/kubelet/pod-status.ts';
import type { ContainerRecord, InstanceRecord, PodRecord } from '../../../src/engine/components/kubelet/state.ts';
import type { Pod } from '../../../src/engine/api/types.ts';

function run(exitCode?: number, reason?: string): InstanceRecord {
  return {
    id: 'a'.repeat(64), attempt: 0, image: 'docker.io/library/busybox:latest', imageId: 'docker.io/library/busybox@sha256:0', createdAt: 0, startedAt: 1000,
    ...(exitCode === undefined ? {} : { finishedAt: 5000, exitCode, reason }),
    proc: { kind: 'none' }, fs: { files: {} }, logs: [], ns: { pid: 1, mnt: 2, cgroup: 3 }, hostPid: 9, env: {}, userland: 'busybox',
    cgroup: { cpuWeight: 1, cpuMax: 'max 100000', memoryMax: 'max', memoryMin: '0', oomScoreAdj: 1000, path: 'p' },
  };
}

function container(c: Partial<ContainerRecord>): ContainerRecord {
  return { name: 'app', init: false, restartCount: 0, ready: false, started: false, specHash: 'h', ...c };
}

function pod(restartPolicy: 'Always' | 'OnFailure' | 'Never'): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u' },
    spec: { restartPolicy, containers: [{ name: 'app', image: 'busybox' }] }, status: { qosClass: 'BestEffort' },
  };
}

function record(c: ContainerRecord): PodRecord {
  return { key: 'default/p', uid: 'u', namespace: 'default', name: 'p', admittedAt: 0, requests: { cpu: 0, memory: 0 }, containers: [c] };
}

describe('podPhase', () => {
  const crashed = container({ current: run(1), waiting: { reason: 'CrashLoopBackOff' }, restartCount: 3 });
  it.each([
    ['never started: Pending', 'Always', container({ waiting: { reason: 'ContainerCreating' } }), 'Pending'],
    ['running', 'Always', container({ current: run() }), 'Running'],
    ['backing off after a crash: still Running', 'Always', crashed, 'Running'],
    ['exit 0 under Never: Succeeded', 'Never', container({ current: run(0, 'Completed'), done: true }), 'Succeeded'],
    ['exit 1 under Never: Failed', 'Never', container({ current: run(1, 'Error'), done: true }), 'Failed'],
    ['exit 0 under OnFailure: Succeeded', 'OnFailure', container({ current: run(0, 'Completed'), done: true }), 'Succeeded'],
    ['exit 1 under OnFailure (restarting): Running', 'OnFailure', container({ current: run(1, 'Error') }), 'Running'],
  ] as const)('%s', (_name, policy, c, phase) => {
    expect(podPhase(pod(policy), record(c), true)).toBe(phase);
  });
});

describe('container status', () => {
  it('a container in CrashLoopBackOff reports waiting now and its last run as lastState', () => {
    const c = container({ current: run(137, 'OOMKilled'), waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=p_default(u)' }, restartCount: 2 });
    const status = podStatus(pod('Always'), record(c), '172.18.0.3', 10_000);
    expect(status.containerStatuses?.[0]).toMatchObject({
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=p_default(u)' } },
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: '2025-01-01T00:00:01Z', finishedAt: '2025-01-01T00:00:05Z' } },
      restartCount: 2,
      ready: false,
    });
    expect(status.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True',
    ]);
  });
});
