import { describe, expect, it } from 'vitest';
import { canonicalResource, tableFor } from '../../../src/commands/printers/columns.ts';
import { renderTable } from '../../../src/commands/printers/table.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

const NOW = 10 * 86_400_000;
const opts = { wide: false, nowMs: NOW, withNamespace: false };
const wide = { ...opts, wide: true };

function daemonSet(nodeSelector: Record<string, string> | undefined, status: Record<string, number> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', creationTimestamp: formatTimestamp(NOW - 3 * 86_400_000) },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: { containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.0' }], ...(nodeSelector ? { nodeSelector } : {}) },
      },
    },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0, ...status },
  };
}

function lease(name: string, holderIdentity?: string): KObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease', creationTimestamp: formatTimestamp(NOW - 45_000) },
    spec: { ...(holderIdentity ? { holderIdentity } : {}), leaseDurationSeconds: 40 },
  };
}

describe('daemonsets', () => {
  it.each(['ds', 'daemonset', 'daemonsets', 'DaemonSet', 'daemonsets.apps'])('%s resolves to daemonsets', (name) => {
    expect(canonicalResource(name)).toBe('daemonsets');
  });

  it('prints the status counters, NODE SELECTOR and AGE', () => {
    const ds = daemonSet({ 'kubernetes.io/os': 'linux' }, { desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 3, updatedNumberScheduled: 4, numberAvailable: 3 });
    const t = tableFor('ds', [ds], opts);
    expect(renderTable(t.headers, t.rows)).toBe(
      'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
        'kube-proxy   4         4         3       4            3           kubernetes.io/os=linux   3d\n',
    );
  });

  it.each<[Record<string, string> | undefined, string]>([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ 'kubernetes.io/os': 'linux', disk: 'ssd' }, 'disk=ssd,kubernetes.io/os=linux'],
  ])('NODE SELECTOR of %j is %s', (selector, want) => {
    expect(tableFor('daemonsets', [daemonSet(selector)], opts).rows[0][6]).toBe(want);
  });

  it('missing counters print as 0 (Go zero values)', () => {
    const ds = { ...daemonSet(undefined), status: {} };
    expect(tableFor('daemonsets', [ds], opts).rows[0].slice(1, 6)).toEqual(['0', '0', '0', '0', '0']);
  });

  it('-o wide adds CONTAINERS, IMAGES and SELECTOR', () => {
    const t = tableFor('daemonsets', [daemonSet({ 'kubernetes.io/os': 'linux' })], wide);
    expect(t.headers).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(t.rows[0].slice(8)).toEqual(['kube-proxy', 'registry.k8s.io/kube-proxy:v1.31.0', 'k8s-app=kube-proxy']);
  });

  it('-A prepends NAMESPACE', () => {
    expect(tableFor('daemonsets', [daemonSet(undefined)], { ...opts, withNamespace: true }).rows[0].slice(0, 2)).toEqual(['kube-system', 'kube-proxy']);
  });
});

describe('leases', () => {
  it.each(['lease', 'leases', 'Lease', 'leases.coordination.k8s.io'])('%s resolves to leases', (name) => {
    expect(canonicalResource(name)).toBe('leases');
  });

  it('prints NAME HOLDER AGE; an unset holder is blank', () => {
    const t = tableFor('leases', [lease('node-1', 'node-1'), lease('free')], opts);
    expect(renderTable(t.headers, t.rows)).toBe('NAME     HOLDER   AGE\nnode-1   node-1   45s\nfree              45s\n');
  });

  it('has no wide-only columns', () => {
    expect(tableFor('leases', [lease('node-1', 'node-1')], wide).headers).toEqual(['NAME', 'HOLDER', 'AGE']);
  });
});
