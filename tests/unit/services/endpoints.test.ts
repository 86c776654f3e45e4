/**
 * The legacy Endpoints object (endpoints.ts desiredEndpoints / repackSubsets and
 * endpoints-order.ts): ready and not-ready addresses, terminating pods, named target ports,
 * headless Services, the canonical order of addresses and ports (kube-dns's dns-tcp, dns,
 * metrics), truncation at 1000 addresses, and the labels copied from the Service.
 */
import { describe, expect, it } from 'vitest';
import { desiredEndpoints } from '../../../src/engine/components/controllers/endpoints.ts';
import { md5Hex } from '../../../src/engine/components/controllers/endpoints-order.ts';
import { formatEndpoints } from '../../../src/commands/printers/endpoints-columns.ts';
import { pod, service } from './fixtures.ts';

const addr = (name: string, ip: string) => ({ ip, nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name, uid: `uid-${name}` } });

describe('md5Hex', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
    ['x'.repeat(200), '30a83621ce5422fbdfdd539777458c78'],
  ])('md5(%j)', (text, want) => expect(md5Hex(text)).toBe(want));
});

describe('desiredEndpoints', () => {
  it('splits ready and not-ready pods and leaves out terminating ones', () => {
    const pods = [pod({ name: 'a', ip: '10.244.2.5' }), pod({ name: 'b', ip: '10.244.1.9', ready: false }), pod({ name: 'c', ip: '10.244.1.7', terminating: true }), pod({ name: 'd', ip: '10.244.1.10' })];
    const ep = desiredEndpoints(service(), pods, undefined);
    expect(ep.subsets).toEqual([{ addresses: [addr('d', '10.244.1.10'), addr('a', '10.244.2.5')], notReadyAddresses: [addr('b', '10.244.1.9')], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(formatEndpoints(ep as unknown as Record<string, unknown>)).toBe('10.244.1.10:80,10.244.2.5:80');
  });

  it('publishNotReadyAddresses lists every pod, terminating ones too, as ready', () => {
    const pods = [pod({ name: 'b', ip: '10.244.1.9', ready: false }), pod({ name: 'c', ip: '10.244.1.7', terminating: true })];
    const ep = desiredEndpoints(service({ publishNotReadyAddresses: true }), pods, undefined);
    expect(ep.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.7', '10.244.1.9']);
    expect(ep.subsets?.[0].notReadyAddresses).toBeUndefined();
  });

  it('orders kube-dns ports as the API server does: dns-tcp, dns, metrics', () => {
    const svc = service({
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
    });
    const ep = desiredEndpoints(svc, [pod({ name: 'a' })], undefined);
    expect(ep.subsets?.[0].ports?.map((p) => p.name)).toEqual(['dns-tcp', 'dns', 'metrics']);
  });

  it('resolves a named target port per pod; pods offering different ports get separate subsets', () => {
    const svc = service({ ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    const pods = [pod({ name: 'a', ip: '10.244.1.2', ports: [{ name: 'web', containerPort: 8080 }] }), pod({ name: 'b', ip: '10.244.1.3', ports: [{ name: 'web', containerPort: 9090 }] }), pod({ name: 'c', ip: '10.244.1.4' })];
    const ep = desiredEndpoints(svc, pods, undefined);
    expect((ep.subsets ?? []).map((s) => [s.addresses?.map((a) => a.ip), s.ports?.map((p) => p.port)]).sort()).toEqual([
      [['10.244.1.2'], [8080]],
      [['10.244.1.3'], [9090]],
    ]);
  });

  it('a headless Service without ports gets no subsets; with ports it is labelled headless', () => {
    expect(desiredEndpoints(service({ clusterIP: 'None', ports: [] }), [pod({ name: 'a' })], undefined).subsets).toBeUndefined();
    const ep = desiredEndpoints(service({ clusterIP: 'None', labels: { app: 'web' } }), [pod({ name: 'a' })], undefined);
    expect(ep.metadata.labels).toEqual({ app: 'web', 'service.kubernetes.io/headless': '' });
    expect(ep.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
  });

  it('has no subsets without pods (kubectl shows <none>)', () => {
    const ep = desiredEndpoints(service(), [], undefined);
    expect(ep.subsets).toBeUndefined();
    expect(formatEndpoints(ep as unknown as Record<string, unknown>)).toBe('<none>');
  });

  it('truncates to 1000 addresses and says so', () => {
    const pods = Array.from({ length: 1005 }, (_, i) => pod({ name: `p${i}`, ip: `10.${1 + Math.floor(i / 250)}.0.${i % 250}` }));
    const ep = desiredEndpoints(service(), pods, undefined);
    expect(ep.subsets?.[0].addresses).toHaveLength(1000);
    expect(ep.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
    expect(formatEndpoints(ep as unknown as Record<string, unknown>)).toMatch(/^10\.1\.0\.0:80,10\.1\.0\.1:80,10\.1\.0\.10:80 \+ 997 more\.\.\.$/);
  });
});
