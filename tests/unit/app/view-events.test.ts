import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { KEvent, Pod } from '../../../src/engine/api/types.ts';
import { deriveView } from '../../../src/app/view-model.ts';
import { bytesWords, cpuWords, EVENTS_MAX, PENDING_MAX, plainSchedulingMessage, reasonClause, recentEvents } from '../../../src/app/view-events.ts';

const HUGE = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
`;

function session(): Session {
  const s = new Session({ seed: 1 });
  s.execLine('sim advance 0s');
  return s;
}

/** The default cluster's message for a pod no worker has room for. */
const CPU_MESSAGE =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..';

describe('the pending-pods tray', () => {
  it('shows an unschedulable pod with the FailedScheduling message verbatim and in plain words', () => {
    const s = session();
    expect(s.execLine('kubectl apply -f -', HUGE).output).toBe('pod/huge created\n');
    s.execLine('sim advance 5s');
    const view = deriveView(s.sim, false, 1);
    expect(view.pending).toEqual([
      {
        namespace: 'default',
        name: 'huge',
        reason: 'Unschedulable',
        message: CPU_MESSAGE,
        plain:
          'None of the 4 nodes can run it: 3 lack the CPU for its 64 CPU request; 1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate. Evicting lower-priority pods would not make room on any of them.',
        attempts: expect.any(Number),
        nominatedNode: '',
      },
    ]);
    // The message is the one `kubectl get events` prints for it.
    expect(s.execLine('kubectl get events --field-selector reason=FailedScheduling').output).toContain(CPU_MESSAGE);
  });

  it('lists only pods still waiting: a bound pod or a deleted one leaves the tray', () => {
    const s = session();
    s.execLine('kubectl run ok --image=nginx:1.27');
    s.execLine('kubectl apply -f -', HUGE);
    s.execLine('sim advance 5s');
    expect(deriveView(s.sim, false, 1).pending?.map((p) => p.name)).toEqual(['huge']);
    s.execLine('kubectl delete pod huge --wait=false');
    s.execLine('sim advance 1s');
    expect(deriveView(s.sim, false, 1).pending).toEqual([]);
  });

  it('lists the first PENDING_MAX waiting pods and counts them all', () => {
    const s = session();
    s.execLine('kubectl apply -f -', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: many
spec:
  replicas: 150
  selector:
    matchLabels: {app: many}
  template:
    metadata:
      labels: {app: many}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources:
          requests:
            cpu: "1"
`);
    s.execLine('sim advance 30s');
    const view = deriveView(s.sim, false, 1);
    const waiting = s.sim.store.list<Pod>('pods').items.filter((p) => p.status.phase === 'Pending' && !p.spec.nodeName && !p.metadata.deletionTimestamp);
    expect(waiting.length).toBeGreaterThan(PENDING_MAX);
    expect(view.pendingTotal).toBe(waiting.length);
    expect(view.pending).toHaveLength(PENDING_MAX);
    expect(view.pending?.[0].plain).toMatch(/^None of the 4 nodes can run it: 3 lack the CPU for its 1 CPU request; /);
  });

  it('says so before the scheduler has tried a pod', () => {
    const s = session();
    s.execLine('kubectl apply -f -', HUGE);
    const pending = deriveView(s.sim, false, 1).pending ?? [];
    // Either not yet tried, or tried at once: never an empty reason.
    expect(pending).toHaveLength(1);
    expect(pending[0].plain).not.toBe('');
    if (pending[0].message === '') expect(pending[0].plain).toBe('Waiting for the scheduler to try it.');
  });
});

describe('plain words for scheduler messages', () => {
  const req = { cpuMilli: 2000, memoryBytes: 4 * 2 ** 30 };
  it.each([
    [
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.',
      'None of the 4 nodes can run it: 3 lack the CPU for its 2 CPU request; 1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate.',
    ],
    [
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.",
      "None of the 4 nodes can run it: 2 lack the labels its nodeSelector or node affinity asks for; 1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate; 1 is cordoned (unschedulable). Evicting lower-priority pods would not make room on any of them.",
    ],
    [
      '0/3 nodes are available: 2 Insufficient memory, 1 Too many pods, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: not eligible due to preemptionPolicy=Never.',
      'None of the 3 nodes can run it: 2 lack the memory for its 4Gi request; 1 already runs as many pods as it allows; 1 has the taint dedicated=gpu, which it does not tolerate. It may not evict other pods to make room (preemptionPolicy: Never).',
    ],
    ['0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.', 'The only node cannot run it: 1 is not ready, whose taint (node.kubernetes.io/not-ready) it does not tolerate.'],
    ['0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling..', 'None of the 2 nodes can run it: It waits for its PersistentVolumeClaims to be bound. Evicting lower-priority pods would not make room on any of them.'],
    ['no nodes available to schedule pods', 'There are no nodes in the cluster to run it.'],
    ['(combined from similar events): 0/2 nodes are available: 2 Insufficient cpu.', 'None of the 2 nodes can run it: 2 lack the CPU for its 2 CPU request.'],
    ['0/2 nodes are available: 2 node(s) made up reason.', 'None of the 2 nodes can run it: 2: node(s) made up reason.'],
  ])('%s', (message, plain) => {
    expect(plainSchedulingMessage(message, req)).toBe(plain);
  });

  it('mentions a node preemption nominated', () => {
    expect(plainSchedulingMessage('0/2 nodes are available: 2 Insufficient cpu.', req, 'node-1')).toBe(
      'None of the 2 nodes can run it: 2 lack the CPU for its 2 CPU request. Preemption picked node-1: it waits there while lower-priority pods are evicted.',
    );
  });

  it('agrees in number and says requests as people do', () => {
    expect(reasonClause(1, 'Insufficient cpu', { cpuMilli: 500, memoryBytes: 0 })).toBe('1 lacks the CPU for its 500m CPU request');
    expect(reasonClause(2, 'Insufficient cpu', { cpuMilli: 0, memoryBytes: 0 })).toBe('2 lack enough cpu for its request');
    expect(reasonClause(3, 'node(s) were unschedulable', { cpuMilli: 0, memoryBytes: 0 })).toBe('3 are cordoned (unschedulable)');
    expect(cpuWords(1500)).toBe('1.5 CPU');
    expect(cpuWords(64_000)).toBe('64 CPU');
    expect(bytesWords(256 * 2 ** 20)).toBe('256Mi');
    expect(bytesWords(1.5 * 2 ** 30)).toBe('1.5Gi');
  });
});

describe('the events list', () => {
  it('prints rows as `kubectl get events` does, newest first', () => {
    const s = session();
    s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s.execLine('sim advance 30s');
    s.execLine('kubectl apply -f -', HUGE);
    s.execLine('sim advance 5s');
    const view = deriveView(s.sim, false, 1);
    const events = view.events ?? [];
    expect(events[0]).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', object: 'pod/huge', involved: { kind: 'Pod', namespace: 'default', name: 'huge' } });
    const kubectl = s.execLine('kubectl get events').output;
    for (const e of events.filter((e) => e.namespace === 'default')) {
      const line = kubectl.split('\n').find((l) => l.includes(e.object) && l.includes(e.reason) && l.includes(e.message));
      expect(line, `${e.object} ${e.reason}`).toMatch(new RegExp(`^${e.lastSeen}\\s+${e.type}\\s+${e.reason}\\s+`));
    }
    expect(events.some((e) => e.involved.kind === 'Deployment' && e.reason === 'ScalingReplicaSet')).toBe(true);
  });

  it('keeps the most recently seen, at most EVENTS_MAX', () => {
    const ev = (name: string, last: string): KEvent => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'Pulled',
      message: name,
      type: 'Normal',
      firstTimestamp: last,
      lastTimestamp: last,
      count: 1,
    });
    const many = Array.from({ length: EVENTS_MAX + 50 }, (_, i) => ev(`e${i}`, `2025-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`));
    const shown = recentEvents([...many].reverse(), Date.UTC(2025, 0, 1, 1) - Date.UTC(2025, 0, 1));
    expect(shown).toHaveLength(EVENTS_MAX);
    expect(shown[0].message).toBe(`e${EVENTS_MAX + 49}`);
    expect(shown[EVENTS_MAX - 1].message).toBe('e50');
    expect(shown[0].lastSeen).toBe('55m');
  });

  it('derives in bounded time with thousands of events', () => {
    const s = session();
    s.execLine('kubectl create deployment big --image=nginx:1.27 --replicas=500');
    s.execLine('sim advance 60s');
    const count = s.sim.store.list<KEvent>('events').items.length;
    expect(count).toBeGreaterThan(1500);
    const pods = s.sim.store.list<Pod>('pods').items;
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) deriveView(s.sim, false, 1);
    expect((performance.now() - t0) / 5).toBeLessThan(250);
    expect(pods.length).toBeGreaterThan(500);
  });
});
