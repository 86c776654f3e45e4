import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { EventView } from '../../../src/app/protocol.ts';
import { filterEvents, inspectorLines, NO_EVENT_FILTER, ownerChain, ownerOf, sameRef } from '../../../src/app/views/inspect.ts';

describe('the inspector', () => {
  it('runs kubectl lines for namespaced and cluster-scoped objects', () => {
    expect(inspectorLines({ kind: 'Pod', namespace: 'default', name: 'web-1' })).toEqual({
      yaml: 'kubectl get pod web-1 -n default -o yaml',
      describe: 'kubectl describe pod web-1 -n default',
      json: 'kubectl get pod web-1 -n default -o json',
      events: 'kubectl events --for pod/web-1 -n default',
    });
    expect(inspectorLines({ kind: 'Node', namespace: '', name: 'node-1' })).toMatchObject({
      yaml: 'kubectl get node node-1 -o yaml',
      events: 'kubectl events --for node/node-1',
    });
  });

  it('follows the controller reference, else the first; owners of cluster-scoped kinds have no namespace', () => {
    const json = (refs: unknown) => JSON.stringify({ metadata: { ownerReferences: refs } });
    expect(ownerOf(json([{ kind: 'ReplicaSet', name: 'a' }, { kind: 'Deployment', name: 'b', controller: true }]), 'ns')).toEqual({ kind: 'Deployment', namespace: 'ns', name: 'b' });
    expect(ownerOf(json([{ kind: 'ReplicaSet', name: 'a' }]), 'ns')).toEqual({ kind: 'ReplicaSet', namespace: 'ns', name: 'a' });
    expect(ownerOf(json([{ kind: 'Node', name: 'control-plane', controller: true }]), 'kube-system')).toEqual({ kind: 'Node', namespace: '', name: 'control-plane' });
    expect(ownerOf(json([]), 'ns')).toBeUndefined();
    expect(ownerOf('Error from server (NotFound): pods "x" not found', 'ns')).toBeUndefined();
  });

  it('walks a Deployment pod up to its Deployment through the live cluster', async () => {
    const s = new Session({ seed: 1 });
    s.execLine('sim advance 0s');
    s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=1');
    s.execLine('sim advance 10s');
    const pod = s.execLine('kubectl get pods -o name').output.trim().replace('pod/', '');
    const rs = s.execLine('kubectl get rs -o name').output.trim().replace('replicaset.apps/', '');
    const get = async (line: string) => s.execLine(line);
    expect((await ownerChain({ kind: 'Pod', namespace: 'default', name: pod }, get)).chain).toEqual([
      { kind: 'Pod', namespace: 'default', name: pod },
      { kind: 'ReplicaSet', namespace: 'default', name: rs },
      { kind: 'Deployment', namespace: 'default', name: 'web' },
    ]);
    // A static pod is owned by its Node; a missing object says so in kubectl's words.
    const staticPod = s.execLine('kubectl get pods -n kube-system -o name').output.split('\n').find((l) => l.startsWith('pod/etcd-'))!.replace('pod/', '');
    expect(await ownerChain({ kind: 'Pod', namespace: 'kube-system', name: staticPod }, get)).toEqual({
      chain: [
        { kind: 'Pod', namespace: 'kube-system', name: staticPod },
        { kind: 'Node', namespace: '', name: 'control-plane' },
      ],
    });
    expect(await ownerChain({ kind: 'Pod', namespace: 'default', name: 'gone' }, get)).toEqual({
      chain: [{ kind: 'Pod', namespace: 'default', name: 'gone' }],
      error: 'Error from server (NotFound): pods "gone" not found',
    });
  });

  it('compares references by kind, namespace and name', () => {
    expect(sameRef({ kind: 'Pod', namespace: 'a', name: 'x' }, { kind: 'Pod', namespace: 'a', name: 'x' })).toBe(true);
    expect(sameRef({ kind: 'Pod', namespace: 'a', name: 'x' }, { kind: 'Pod', namespace: 'b', name: 'x' })).toBe(false);
    expect(sameRef(undefined, { kind: 'Pod', namespace: 'a', name: 'x' })).toBe(false);
  });
});

describe('the events filter', () => {
  const ev = (type: string, namespace: string, reason: string, message: string): EventView => ({
    id: `${namespace}/${reason}`,
    namespace,
    lastSeen: '5s',
    type,
    reason,
    object: 'pod/web',
    message,
    count: 1,
    involved: { kind: 'Pod', namespace, name: 'web' },
  });
  const events = [ev('Normal', 'default', 'Scheduled', 'assigned'), ev('Warning', 'default', 'FailedScheduling', '0/4 nodes'), ev('Warning', 'shop', 'BackOff', 'Back-off restarting')];

  it('filters by type, namespace and text, case-insensitively', () => {
    expect(filterEvents(events, NO_EVENT_FILTER)).toHaveLength(3);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, type: 'Warning' }).map((e) => e.reason)).toEqual(['FailedScheduling', 'BackOff']);
    expect(filterEvents(events, { type: 'Warning', namespace: 'shop', text: '' }).map((e) => e.reason)).toEqual(['BackOff']);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, text: '  back-OFF ' }).map((e) => e.reason)).toEqual(['BackOff']);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, text: 'pod/web' })).toHaveLength(3);
    expect(filterEvents(events, { ...NO_EVENT_FILTER, text: 'nothing' })).toEqual([]);
  });
});
