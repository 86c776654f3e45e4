/** Fixture builders for the Service / endpoints unit tests: pods with an IP and a Ready condition, Services. */
import type { Pod, Service } from '../../../src/engine/api/types.ts';

export interface PodOpts {
  name: string;
  ip?: string;
  ready?: boolean;
  node?: string;
  labels?: Record<string, string>;
  terminating?: boolean;
  phase?: string;
  ports?: { name?: string; containerPort: number; protocol?: string }[];
  hostname?: string;
  subdomain?: string;
}

export function pod(o: PodOpts): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: o.name,
      namespace: 'default',
      uid: `uid-${o.name}`,
      labels: o.labels ?? { app: 'web' },
      ...(o.terminating ? { deletionTimestamp: '2025-01-01T00:00:10Z' } : {}),
    },
    spec: {
      nodeName: o.node ?? 'node-1',
      containers: [{ name: 'app', image: 'nginx', ports: o.ports }],
      ...(o.hostname ? { hostname: o.hostname } : {}),
      ...(o.subdomain ? { subdomain: o.subdomain } : {}),
    },
    status: {
      phase: (o.phase ?? 'Running') as Pod['status']['phase'],
      ...(o.ip === '' ? {} : { podIP: o.ip ?? '10.244.1.2', podIPs: [{ ip: o.ip ?? '10.244.1.2' }] }),
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  } as Pod;
}

export interface ServiceOpts {
  name?: string;
  selector?: Record<string, string> | null;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
  labels?: Record<string, string>;
}

export function service(o: ServiceOpts = {}): Service {
  const spec: Service['spec'] = {
    type: 'ClusterIP',
    clusterIP: o.clusterIP ?? '10.96.100.1',
    ports: (o.ports ?? [{ port: 80, targetPort: 80 }]).map((p) => ({ protocol: 'TCP', ...p })),
    ipFamilies: ['IPv4'],
  };
  if (o.selector !== null) spec.selector = o.selector ?? { app: 'web' };
  if (o.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name ?? 'web', namespace: 'default', uid: 'svc-uid', ...(o.labels ? { labels: o.labels } : {}) },
    spec,
    status: {},
  } as Service;
}

/** `10.244.<a>.<b>` for the i-th pod, spread over a few /24s. */
export const ipOf = (i: number): string => `10.244.${1 + Math.floor(i / 200)}.${2 + (i % 200)}`;
