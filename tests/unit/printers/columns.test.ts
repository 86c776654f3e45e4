import { describe, expect, it } from 'vitest';
import type { KObject } from '../../../src/engine/api/types.ts';
import { canonicalResource, tableFor } from '../../../src/commands/printers/columns.ts';
import { renderTable } from '../../../src/commands/printers/table.ts';
import { formatLabelSelector, formatLabels, labelSelectorString } from '../../../src/commands/printers/selector.ts';
import { formatTimestamp } from '../../../src/engine/kernel/time.ts';

const NOW = 10 * 86_400_000;
const AGO = (ms: number) => formatTimestamp(NOW - ms);
const opts = { wide: false, nowMs: NOW, withNamespace: false };
const wide = { ...opts, wide: true };

function obj(kind: string, apiVersion: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion, kind, metadata: { name, namespace: 'default', creationTimestamp: AGO(120_000), ...meta }, ...rest };
}

describe('nodes', () => {
  const node = (status: Record<string, unknown>, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}) =>
    obj('Node', 'v1', 'worker-1', { spec, status: { nodeInfo: { kubeletVersion: 'v1.31.0' }, ...status } }, { namespace: undefined, labels });
  const ready = (s: string) => ({ conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: s }] });

  it.each<[string, KObject, string]>([
    ['Ready', node(ready('True')), 'Ready'],
    ['NotReady (False)', node(ready('False')), 'NotReady'],
    ['NotReady (Unknown)', node(ready('Unknown')), 'NotReady'],
    ['no Ready condition', node({}), 'Unknown'],
    ['cordoned', node(ready('True'), { unschedulable: true }), 'Ready,SchedulingDisabled'],
    ['cordoned and down', node(ready('Unknown'), { unschedulable: true }), 'NotReady,SchedulingDisabled'],
  ])('STATUS %s', (_n, n, want) => {
    expect(tableFor('nodes', [n], opts).rows[0][1]).toBe(want);
  });

  it.each<[Record<string, string>, string]>([
    [{}, '<none>'],
    [{ 'node-role.kubernetes.io/control-plane': '' }, 'control-plane'],
    [{ 'node-role.kubernetes.io/worker': 'true', 'node-role.kubernetes.io/infra': '' }, 'infra,worker'],
    [{ 'kubernetes.io/role': 'master' }, 'master'],
    [{ 'node-role.kubernetes.io/': '' }, '<none>'],
  ])('ROLES %j → %s', (labels, want) => {
    expect(tableFor('nodes', [node(ready('True'), {}, labels)], opts).rows[0][2]).toBe(want);
  });

  it('prints default and wide columns', () => {
    const n = node({
      ...ready('True'),
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'worker-1' }],
      nodeInfo: { kubeletVersion: 'v1.31.0', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://1.7.18' },
    });
    const t = tableFor('node', [n], wide);
    expect(t.headers).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
    expect(t.rows[0]).toEqual(['worker-1', 'Ready', '<none>', '2m', 'v1.31.0', '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0', 'containerd://1.7.18']);
    expect(tableFor('nodes', [node(ready('True'))], wide).rows[0].slice(5)).toEqual(['<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  it('ignores -A for cluster-scoped resources', () => {
    expect(tableFor('nodes', [node(ready('True'))], { ...opts, withNamespace: true }).headers[0]).toBe('NAME');
  });
});

describe('services', () => {
  const svc = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) => obj('Service', 'v1', 'web', { spec, status });
  it.each<[string, KObject, string[]]>([
    ['ClusterIP', svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.10'], ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }), ['ClusterIP', '10.96.0.10', '<none>', '80/TCP']],
    ['kubernetes', svc({ type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] }), ['ClusterIP', '10.96.0.1', '<none>', '443/TCP']],
    ['headless', svc({ type: 'ClusterIP', clusterIPs: ['None'], ports: [{ port: 80, protocol: 'TCP' }] }), ['ClusterIP', 'None', '<none>', '80/TCP']],
    [
      'NodePort',
      svc({ type: 'NodePort', clusterIPs: ['10.96.5.5'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 30053, protocol: 'UDP' }] }),
      ['NodePort', '10.96.5.5', '<none>', '80:30080/TCP,53:30053/UDP'],
    ],
    ['LoadBalancer pending', svc({ type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }), ['LoadBalancer', '10.96.7.7', '<pending>', '80:31000/TCP']],
    [
      'LoadBalancer with ingress',
      svc({ type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], ports: [{ port: 80, nodePort: 31000, protocol: 'TCP' }] }, { loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] } }),
      ['LoadBalancer', '10.96.7.7', '203.0.113.10,lb.example.com', '80:31000/TCP'],
    ],
    ['ExternalName', svc({ type: 'ExternalName', externalName: 'db.example.com' }), ['ExternalName', '<none>', 'db.example.com', '<none>']],
    ['externalIPs', svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.9'], externalIPs: ['198.51.100.1'], ports: [{ port: 80, protocol: 'TCP' }] }), ['ClusterIP', '10.96.0.9', '198.51.100.1', '80/TCP']],
  ])('%s', (_n, s, cells) => {
    const r = tableFor('svc', [s], opts).rows[0];
    expect(r.slice(1, 5)).toEqual(cells);
  });

  it('has SELECTOR in wide output', () => {
    const s = svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.10'], selector: { tier: 'web', app: 'shop' }, ports: [{ port: 80, protocol: 'TCP' }] });
    const t = tableFor('services', [s, svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] })], wide);
    expect(t.headers).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    expect(t.rows.map((r) => r[6])).toEqual(['app=shop,tier=web', '<none>']);
  });
});

describe('replicasets and deployments', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] } };
  const rs = obj('ReplicaSet', 'apps/v1', 'web-7854ff8877', {
    spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7854ff8877' } }, template },
    status: { replicas: 3, readyReplicas: 2 },
  });
  const deploy = obj('Deployment', 'apps/v1', 'web', {
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
    status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
  });

  it('prints replicasets', () => {
    const t = tableFor('rs', [rs], wide);
    expect(t.headers).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(t.rows[0]).toEqual(['web-7854ff8877', '3', '3', '2', '2m', 'web,log', 'nginx:1.25,busybox', 'app=web,pod-template-hash=7854ff8877']);
  });

  it('prints deployments', () => {
    const t = tableFor('deployments.apps', [deploy], wide);
    expect(t.headers).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', 'CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(t.rows[0]).toEqual(['web', '2/3', '3', '2', '2m', 'web,log', 'nginx:1.25,busybox', 'app=web']);
    expect(renderTable(...Object.values(tableFor('deploy', [deploy], opts)) as [string[], string[][]])).toBe(
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/3     3            2           2m\n',
    );
  });

  it('defaults missing status counts to 0', () => {
    const fresh = obj('Deployment', 'apps/v1', 'new', { spec: { replicas: 2, selector: { matchLabels: { app: 'new' } }, template }, status: {} });
    expect(tableFor('deployments', [fresh], opts).rows[0]).toEqual(['new', '0/2', '0', '0', '2m']);
  });
});

describe('label selectors', () => {
  it('formats like apimachinery', () => {
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels({})).toBe('<none>');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(labelSelectorString({})).toBe('');
    expect(
      formatLabelSelector({
        matchLabels: { tier: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
          { key: 'app', operator: 'Exists' },
        ],
      }),
    ).toBe('app,env in (dev,prod),!legacy,tier=web,zone notin (b)');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: [] }] })).toBe('<error>');
  });
});

describe('namespaces, configmaps, secrets, events, fallback', () => {
  it('prints namespaces', () => {
    const ns = obj('Namespace', 'v1', 'kube-system', { spec: {}, status: { phase: 'Active' } }, { namespace: undefined });
    const t = tableFor('ns', [ns], { ...opts, withNamespace: true });
    expect(t).toEqual({ headers: ['NAME', 'STATUS', 'AGE'], rows: [['kube-system', 'Active', '2m']] });
  });

  it('counts configmap data and binaryData', () => {
    const cm = obj('ConfigMap', 'v1', 'kube-root-ca.crt', { data: { 'ca.crt': 'x', a: 'b' }, binaryData: { bin: 'AA==' } });
    expect(tableFor('cm', [cm], opts)).toEqual({ headers: ['NAME', 'DATA', 'AGE'], rows: [['kube-root-ca.crt', '3', '2m']] });
  });

  it('prints secrets', () => {
    const s = obj('Secret', 'v1', 'db', { type: 'Opaque', data: { user: 'YQ==', pass: 'Yg==' } });
    expect(tableFor('secrets', [s], opts)).toEqual({ headers: ['NAME', 'TYPE', 'DATA', 'AGE'], rows: [['db', 'Opaque', '2', '2m']] });
  });

  it('prints events, default and wide', () => {
    const ev = obj('Event', 'v1', 'web-abc.17f0', {
      involvedObject: { kind: 'Pod', name: 'web-abc', namespace: 'default', fieldPath: 'spec.containers{web}' },
      reason: 'Pulled',
      message: 'Successfully pulled image "nginx"  \n',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: AGO(300_000),
      lastTimestamp: AGO(60_000),
      count: 4,
      type: 'Normal',
    });
    const t = tableFor('events', [ev], opts);
    expect(t.headers).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(t.rows[0]).toEqual(['60s', 'Normal', 'Pulled', 'pod/web-abc', 'Successfully pulled image "nginx"']);
    const w = tableFor('ev', [ev], wide);
    expect(w.headers).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
    expect(w.rows[0]).toEqual(['60s', 'Normal', 'Pulled', 'pod/web-abc', 'spec.containers{web}', 'kubelet, worker-1', 'Successfully pulled image "nginx"', '5m', '4', 'web-abc.17f0']);
  });

  it('falls back to eventTime and count 1 for new-style events', () => {
    const ev = obj('Event', 'v1', 'x', {
      involvedObject: { kind: 'Node' },
      reason: 'Starting',
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2025-01-10T23:58:00.000000Z',
      reportingComponent: 'kube-proxy',
      type: 'Normal',
    });
    const r = tableFor('events', [ev], wide).rows[0];
    expect([r[0], r[3], r[5], r[7], r[8]]).toEqual(['2m', 'node', 'kube-proxy', '2m', '1']);
  });

  it('uses NAME and AGE for other kinds and prepends NAMESPACE for -A', () => {
    const t = tableFor('widgets', [obj('Widget', 'example.com/v1', 'w1', {}, { namespace: 'team-a' })], { ...opts, withNamespace: true });
    expect(t).toEqual({ headers: ['NAMESPACE', 'NAME', 'AGE'], rows: [['team-a', 'w1', '2m']] });
    const pods = tableFor('pods', [obj('Pod', 'v1', 'p', { spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } }, { namespace: 'kube-system' })], {
      ...opts,
      withNamespace: true,
    });
    expect(pods.headers).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods.rows[0][0]).toBe('kube-system');
  });

  it('supports --show-labels, -L and kind prefixes', () => {
    const p = obj('Pod', 'v1', 'web', { spec: { containers: [{ name: 'c' }] }, status: { phase: 'Running' } }, { labels: { 'app.kubernetes.io/name': 'shop', app: 'web' } });
    const t = tableFor('pods', [p], { ...opts, showLabels: true, labelColumns: ['app.kubernetes.io/name', 'tier'] });
    expect(t.headers).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NAME', 'TIER', 'LABELS']);
    expect(t.rows[0]).toEqual(['web', '0/1', 'Running', '0', '2m', 'shop', '', 'app=web,app.kubernetes.io/name=shop']);
    const d = obj('Deployment', 'apps/v1', 'web', { spec: { replicas: 1 }, status: {} });
    expect(tableFor('deployments', [d], { ...opts, kindPrefix: 'Deployment.apps' }).rows[0][0]).toBe('deployment.apps/web');
  });

  it('normalises resource names', () => {
    expect(['po', 'pod', 'Pods', 'pods'].map(canonicalResource)).toEqual(['pods', 'pods', 'pods', 'pods']);
    expect(canonicalResource('deployments.apps')).toBe('deployments');
  });
});
