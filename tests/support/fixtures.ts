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
