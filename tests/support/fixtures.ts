/** Fixture builders for tests: small, valid API objects with overridable parts, and error capture. */
import { StatusError } from '../../src/engine/api/errors.ts';
import type { KObject } from '../../src/engine/api/types.ts';

/** The StatusError a call throws (fails the test when it throws nothing or something else). */
export function thrownStatus(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

export function newPod(name: string, opts: { namespace?: string; labels?: Record<string, string>; nodeName?: string; image?: string } = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: {
      containers: [{ name: 'app', image: opts.image ?? 'nginx:1.27' }],
      ...(opts.nodeName ? { nodeName: opts.nodeName } : {}),
    },
  };
}

export function newConfigMap(name: string, data: Record<string, string> = {}, namespace = 'default'): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function newNamespace(name: string): KObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/**
 * The `web` Deployment manifest (app=web, 3 replicas) that journeys and time-travel tests apply
 * through `kubectl apply -f -`, as YAML text.
 */
export function webDeploymentYaml(opts: { container?: string; image?: string; replicas?: number; requests?: { cpu: string; memory: string } } = {}): string {
  const requests = opts.requests
    ? `
        resources:
          requests:
            cpu: ${opts.requests.cpu}
            memory: ${opts.requests.memory}`
    : '';
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${opts.replicas ?? 3}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: ${opts.container ?? 'web'}
        image: ${opts.image ?? 'nginx:1.27'}${requests}
`;
}
