/** Builders for the data-path unit tests: Services and EndpointSlices as plain objects. */
import type { Service } from '../../../src/engine/api/types.ts';
import type { EndpointSliceLike } from '../../../src/engine/network/service-ports.ts';

export interface EpSpec {
  ip: string;
  node?: string;
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
  pod?: string;
}

export function newService(name: string, clusterIP: string, spec: Record<string, unknown> = {}, namespace = 'default'): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace },
    spec: { clusterIP, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...spec },
    status: {},
  } as Service;
}

export function newSlice(service: string, eps: EpSpec[], port = 80, portName = '', namespace = 'default'): EndpointSliceLike {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-abcde`, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType: 'IPv4',
    endpoints: eps.map((e) => ({
      addresses: [e.ip],
      conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false },
      ...(e.node ? { nodeName: e.node } : {}),
      ...(e.pod ? { targetRef: { kind: 'Pod', name: e.pod, namespace } } : {}),
    })),
    ports: [{ name: portName, port, protocol: 'TCP' }],
  };
}
