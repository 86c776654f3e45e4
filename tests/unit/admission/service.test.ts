import { describe, expect, it } from 'vitest';
import { thrownStatus } from '../../support/fixtures.ts';
import { serviceAdmission } from '../../../src/engine/api/admission/service.ts';
import { parseIP } from '../../../src/engine/api/validation.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { admit, makeCtx } from './helpers.ts';

function svc(spec: Record<string, unknown>, name = 'web', namespace = 'default'): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

interface Spec {
  clusterIP: string;
  clusterIPs: string[];
  ports: { nodePort?: number; port: number; targetPort: unknown; protocol: string }[];
  [k: string]: unknown;
}
const specOf = (o: KObject): Spec => o.spec as Spec;

const inRange = (ip: string): boolean => {
  const v = parseIP(ip)?.v4 ?? 0;
  return v > 0x0a600000 && v < 0x0a6fffff;
};

const thrown = thrownStatus;

describe('service defaults and allocation', () => {
  it('produce a ClusterIP service as the API server stores it', () => {
    const { obj, errors } = admit(serviceAdmission, svc({ selector: { app: 'web' }, ports: [{ port: 80 }] }));
    expect(errors).toEqual([]);
    const spec = specOf(obj);
    expect(inRange(spec.clusterIP)).toBe(true);
    expect(spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
      clusterIP: spec.clusterIP,
      clusterIPs: [spec.clusterIP],
    });
    expect(obj.status).toEqual({ loadBalancer: {} });
  });

  it('allocates deterministically from the seeded PRNG, above the static band', () => {
    const a = specOf(admit(serviceAdmission, svc({ ports: [{ port: 80 }] }), makeCtx({ seed: 7 })).obj).clusterIP;
    const b = specOf(admit(serviceAdmission, svc({ ports: [{ port: 80 }] }), makeCtx({ seed: 7 })).obj).clusterIP;
    expect(a).toBe(b);
    expect((parseIP(a)?.v4 ?? 0) - 0x0a600000).toBeGreaterThan(256);
  });

  it('gives default/kubernetes 10.96.0.1 and nobody else', () => {
    expect(specOf(admit(serviceAdmission, svc({ ports: [{ port: 443 }] }, 'kubernetes')).obj).clusterIP).toBe('10.96.0.1');
    for (let seed = 1; seed <= 20; seed++) {
      expect(specOf(admit(serviceAdmission, svc({ ports: [{ port: 443 }] }), makeCtx({ seed })).obj).clusterIP).not.toBe('10.96.0.1');
    }
  });

  it('avoids IPs and node ports in use', () => {
    const first = admit(serviceAdmission, svc({ type: 'NodePort', ports: [{ port: 80 }] }), makeCtx({ seed: 3 })).obj;
    const second = admit(serviceAdmission, svc({ type: 'NodePort', ports: [{ port: 80 }] }, 'other'), makeCtx({ seed: 3, objects: { services: [first] } })).obj;
    expect(specOf(second).clusterIP).not.toBe(specOf(first).clusterIP);
    expect(specOf(second).ports[0].nodePort).not.toBe(specOf(first).ports[0].nodePort);
  });

  it('gives NodePort services a node port and externalTrafficPolicy Cluster', () => {
    const { obj, errors } = admit(serviceAdmission, svc({ type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] }));
    expect(errors).toEqual([]);
    const spec = specOf(obj);
    expect(spec.externalTrafficPolicy).toBe('Cluster');
    expect(spec.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(spec.ports[0].targetPort).toBe(8080);
  });

  it('gives LoadBalancers allocateLoadBalancerNodePorts and a health check port with Local', () => {
    const spec = specOf(admit(serviceAdmission, svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] })).obj);
    expect(spec.allocateLoadBalancerNodePorts).toBe(true);
    expect(spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
  });

  it('keeps headless services headless', () => {
    const { obj, errors } = admit(serviceAdmission, svc({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }));
    expect(errors).toEqual([]);
    expect(specOf(obj)).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const selectorless = specOf(admit(serviceAdmission, svc({ clusterIP: 'None' })).obj);
    expect(selectorless).toMatchObject({ ipFamilyPolicy: 'RequireDualStack', ipFamilies: ['IPv4', 'IPv6'] });
  });

  it('reports taken or out-of-range requests the way kubectl shows them', () => {
    const first = admit(serviceAdmission, svc({ type: 'NodePort', clusterIP: '10.96.0.10', ports: [{ port: 53, nodePort: 30053 }] })).obj;
    const ctx = makeCtx({ objects: { services: [first] } });
    expect(thrown(() => admit(serviceAdmission, svc({ clusterIP: '10.96.0.10', ports: [{ port: 53 }] }, 'dns'), ctx)).message).toBe(
      'Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(thrown(() => admit(serviceAdmission, svc({ clusterIP: '192.168.0.1', ports: [{ port: 53 }] }, 'dns'))).message).toBe(
      'Service "dns" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.0.1"}: failed to allocate IP 192.168.0.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(thrown(() => admit(serviceAdmission, svc({ type: 'NodePort', ports: [{ port: 53, nodePort: 30053 }] }, 'dns'), ctx)).message).toBe(
      'Service "dns" is invalid: spec.ports[0].nodePort: Invalid value: 30053: provided port is already allocated',
    );
    expect(thrown(() => admit(serviceAdmission, svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }, 'bad'))).message).toBe(
      'Service "bad" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(thrown(() => admit(serviceAdmission, svc({ clusterIP: 'abc', ports: [{ port: 80 }] }))).message).toBe(
      'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: "abc": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });
});

describe('service validation', () => {
  it.each<[string, Record<string, unknown>, string[], string?]>([
    ['no ports', { selector: { app: 'x' } }, ['spec.ports: Required value']],
    [
      'bad type',
      { type: 'Internal', ports: [{ port: 80 }] },
      ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    ['port out of range', { ports: [{ port: 0, targetPort: 80 }] }, ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['unnamed ports', { ports: [{ port: 80 }, { port: 443 }] }, ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value']],
    [
      'duplicate ports',
      { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] },
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    ['nodePort on ClusterIP', { ports: [{ port: 80 }], type: 'ClusterIP' }, []],
    [
      'bad protocol',
      { ports: [{ port: 80, protocol: 'HTTP' }] },
      ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'bad name',
      { ports: [{ port: 80 }] },
      [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
      '1web',
    ],
    ['ExternalName', { type: 'ExternalName', externalName: 'db.example.com' }, []],
    ['ExternalName without name', { type: 'ExternalName' }, ['spec.externalName: Required value']],
    [
      'externalTrafficPolicy on ClusterIP',
      { ports: [{ port: 80 }], externalTrafficPolicy: 'Local' },
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ],
  ])('%s', (_name, spec, want, name) => {
    expect(admit(serviceAdmission, svc(spec, name)).errors).toEqual(want);
  });

  it('forbids nodePort on ClusterIP services', () => {
    const s = svc({ ports: [{ port: 80 }] });
    const created = admit(serviceAdmission, s).obj;
    const next = structuredClone(created);
    specOf(next).ports[0].nodePort = 30001;
    expect(admit(serviceAdmission, next, makeCtx({ operation: 'UPDATE' }), created).errors).toEqual([
      "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    ]);
  });
});

describe('service updates', () => {
  const created = admit(serviceAdmission, svc({ type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }), makeCtx({ seed: 11 })).obj;
  const update = (mutate: (s: Spec) => void): { obj: KObject; errors: string[] } => {
    const next = structuredClone(created);
    mutate(specOf(next));
    return admit(serviceAdmission, next, makeCtx({ operation: 'UPDATE', seed: 11, objects: { services: [created] } }), created);
  };

  it('keep allocated values a client omitted (kubectl replace)', () => {
    const { obj, errors } = update((s) => {
      delete (s as Partial<Spec>).clusterIP;
      delete (s as Partial<Spec>).clusterIPs;
      delete s.ports[0].nodePort;
    });
    expect(errors).toEqual([]);
    expect(specOf(obj).clusterIP).toBe(specOf(created).clusterIP);
    expect(specOf(obj).ports[0].nodePort).toBe(specOf(created).ports[0].nodePort);
  });

  it('refuse a changed clusterIP', () => {
    expect(update((s) => (s.clusterIP = '10.96.5.5')).errors).toEqual(['spec.clusterIPs[0]: Invalid value: []string{"10.96.5.5"}: may not change once set']);
  });

  it('drop node ports when switching to ClusterIP', () => {
    const { obj, errors } = update((s) => {
      s.type = 'ClusterIP';
    });
    expect(errors).toEqual([]);
    expect(specOf(obj).ports[0].nodePort).toBeUndefined();
    expect(specOf(obj).externalTrafficPolicy).toBeUndefined();
  });
});
