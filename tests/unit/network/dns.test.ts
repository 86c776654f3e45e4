/** CoreDNS's kubernetes plugin records and the stub resolver's search list (dns.ts). */
import { describe, expect, it } from 'vitest';
import { candidates, clusterFirstResolvConf, lookupFqdn } from '../../../src/engine/network/dns.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { newService, newSlice } from './fixtures.ts';
import type { KObject } from '../../../src/engine/api/types.ts';

describe('search list and ndots:5', () => {
  const rc = clusterFirstResolvConf('shop');
  it.each([
    { name: 'web', want: ['web.shop.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web'] },
    { name: 'web.other', want: ['web.other.shop.svc.cluster.local', 'web.other.svc.cluster.local', 'web.other.cluster.local', 'web.other'] },
    { name: 'a.b.c.d.e.f', want: ['a.b.c.d.e.f', 'a.b.c.d.e.f.shop.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local'] },
    { name: 'web.shop.svc.cluster.local.', want: ['web.shop.svc.cluster.local'] },
  ])('$name', ({ name, want }) => {
    expect(candidates(name, rc)).toEqual(want);
  });
});

describe('records', () => {
  const sim = Simulation.create(1, { nodes: 1 });
  const create = (o: KObject) => sim.store.create(o);
  create(newService('web', '10.96.5.5', { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }) as KObject);
  create(newService('db', 'None', { ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }) as KObject);
  create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } } as KObject);
  const slice = newSlice('db', [{ ip: '10.244.1.7' }, { ip: '10.244.2.8', ready: false }], 5432, 'pg');
  slice.endpoints![0].hostname = 'db-0';
  create(slice as KObject);

  it.each([
    { name: 'web.default.svc.cluster.local', want: { addresses: ['10.96.5.5'] } },
    { name: 'db.default.svc.cluster.local', want: { addresses: ['10.244.1.7'] } },
    { name: 'db-0.db.default.svc.cluster.local', want: { addresses: ['10.244.1.7'] } },
    { name: '10-244-3-9.default.pod.cluster.local', want: { addresses: ['10.244.3.9'] } },
    { name: 'ext.default.svc.cluster.local', want: { addresses: [], cname: 'example.com' } },
    { name: '_http._tcp.web.default.svc.cluster.local', want: { addresses: [], srv: [{ priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }] } },
    { name: '_pg._tcp.db.default.svc.cluster.local', want: { addresses: [], srv: [{ priority: 0, weight: 100, port: 5432, target: 'db-0.db.default.svc.cluster.local' }] } },
  ])('$name', ({ name, want }) => {
    expect(lookupFqdn(sim.store, name)).toEqual({ kind: 'ok', name, ...want });
  });

  it.each(['nope.default.svc.cluster.local', 'web.other.svc.cluster.local', 'db-1.db.default.svc.cluster.local', 'example.com'])('%s is NXDOMAIN', (name) => {
    expect(lookupFqdn(sim.store, name)).toEqual({ kind: 'nxdomain', name });
  });
});
