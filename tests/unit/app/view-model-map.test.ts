import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { deriveView, nextEvictionMs } from '../../../src/app/view-model.ts';
import type { Node, Pod, Toleration } from '../../../src/engine/api/types.ts';

function session(): Session {
  const s = new Session({ seed: 1 });
  s.execLine('sim advance 0s');
  return s;
}

describe('the cluster map’s view', () => {
  it('lists the control plane with its static pods’ status, and the cloud controller off', () => {
    const view = deriveView(session().sim, false, 1);
    expect(view.controlPlane).toEqual([
      { name: 'kube-apiserver', status: 'Running', node: 'control-plane' },
      { name: 'etcd', status: 'Running', node: 'control-plane' },
      { name: 'kube-scheduler', status: 'Running', node: 'control-plane' },
      { name: 'kube-controller-manager', status: 'Running', node: 'control-plane' },
      { name: 'cloud-controller-manager', status: 'Off', node: '' },
    ]);
    const s = session();
    s.execLine('sim cloud on');
    expect(deriveView(s.sim, false, 1).controlPlane?.at(-1)).toEqual({ name: 'cloud-controller-manager', status: 'Running', node: '' });
  });

  it('names each pod’s top owner and its Deployment revision', () => {
    const s = session();
    s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=2');
    s.execLine('sim advance 10s');
    s.execLine('kubectl set image deployment/web nginx=nginx:1.28');
    s.execLine('sim advance 1s');
    const view = deriveView(s.sim, false, 1);
    const web = view.pods.filter((p) => p.name.startsWith('web-'));
    expect(new Set(web.map((p) => `${p.ownerKind}/${p.ownerName}`))).toEqual(new Set(['Deployment/web']));
    expect(new Set(web.map((p) => p.revision))).toEqual(new Set(['1', '2']));
    const proxy = view.pods.find((p) => p.name.startsWith('kube-proxy-'))!;
    expect(proxy.ownerKind).toBe('DaemonSet');
    expect(proxy.revision).toMatch(/^[0-9a-f]+$/);
    expect(view.pods.find((p) => p.name === 'etcd-control-plane')).toMatchObject({ ownerKind: 'Node', ownerName: 'control-plane', revision: '' });
  });

  it('gives each node its agents, conditions and live usage', () => {
    const view = deriveView(session().sim, false, 1);
    const node = view.nodes.find((n) => n.name === 'node-1')!;
    expect(node).toMatchObject({ kubeletUp: true, kubeProxy: 'Running', containerRuntime: 'containerd://1.7.18' });
    expect(node.conditions.find((c) => c.type === 'Ready')).toEqual({ type: 'Ready', status: 'True', reason: 'KubeletReady' });
    expect(node.cpuMilliUsage).toBeGreaterThan(0);
    expect(node.memoryBytesUsage).toBeGreaterThan(0);
    expect(node.evictionAtMs).toBeUndefined();
  });

  it('counts down to eviction on a lost node: the taint time plus 300 s', () => {
    const s = session();
    s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=3');
    s.execLine('sim advance 20s');
    s.execLine('sim node fail node-1');
    s.execLine('sim advance 60s');
    const view = deriveView(s.sim, false, 1);
    const node = view.nodes.find((n) => n.name === 'node-1')!;
    expect(node).toMatchObject({ ready: false, kubeletUp: false });
    expect(node.cpuMilliUsage).toBeUndefined();
    const nodeObj = s.sim.store.get<Node>('nodes', '', 'node-1');
    const taint = nodeObj.spec!.taints!.find((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoExecute')!;
    expect(node.evictionAtMs).toBe(Date.parse(taint.timeAdded!) - Date.parse('2025-01-01T00:00:00Z') + 300_000);
    // After the eviction the node's pods are terminating; nothing more is due.
    s.execLine('sim advance 6m');
    expect(deriveView(s.sim, false, 1).nodes.find((n) => n.name === 'node-1')!.evictionAtMs).toBeUndefined();
  });

  it('takes the shortest matching toleration, and skips pods that tolerate the taint forever', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2025-01-01T00:01:00Z' }] } } as Node;
    const newPod = (tolerations: Toleration[]): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], tolerations }, status: {} });
    const tolerating = (seconds?: number): Pod =>
      newPod([{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) }]);
    expect(nextEvictionMs(node, [tolerating(300), tolerating(30)])).toBe(90_000);
    expect(nextEvictionMs(node, [tolerating()])).toBeUndefined();
    expect(nextEvictionMs(node, [newPod([])])).toBe(60_000);
    expect(nextEvictionMs({ ...node, spec: {} }, [tolerating(30)])).toBeUndefined();
  });
});
