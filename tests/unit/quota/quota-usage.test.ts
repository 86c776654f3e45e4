/**
 * Quota arithmetic and evaluators (quota-usage.ts) and the admission check (checkQuotaRequest):
 * formats as Go's Quantity.Add keeps them, what pods, Services and other kinds are charged, and
 * the plugin's Forbidden messages in the order CheckRequest produces them.
 */
import { describe, expect, it } from 'vitest';
import {
  addLists,
  evaluatorFor,
  listToJson,
  parseList,
  podResourceList,
  podUsage,
  prettyPrint,
} from '../../../src/engine/api/admission/quota-usage.ts';
import { checkQuotaRequest } from '../../../src/engine/api/admission/resourcequota.ts';
import type { KObject } from '../../../src/engine/api/types.ts';

const pods = { plural: 'pods', group: '' };

function pod(name: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'ns' }, spec: { containers, ...extra }, status: { phase: 'Pending' } } as KObject;
}

const ctr = (name: string, requests?: Record<string, string>, limits?: Record<string, string>) => ({ name, image: 'nginx', resources: { requests, limits } });

function quota(name: string, hard: Record<string, string>, used: Record<string, string> | undefined, scopes?: string[]): KObject {
  const status: Record<string, unknown> = { hard };
  if (used) status.used = used;
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'ns' }, spec: { hard, ...(scopes ? { scopes } : {}) }, status } as KObject;
}

describe('ResourceList arithmetic', () => {
  it.each([
    [{ m: '0' }, { m: '600Mi' }, '600Mi'],
    [{ m: '600Mi' }, { m: '700Mi' }, '1300Mi'],
    [{ m: '512Mi' }, { m: '512Mi' }, '1Gi'],
    [{ m: '400m' }, { m: '600m' }, '1'],
    [{ m: '1G' }, { m: '1Gi' }, '2073741824'],
  ])('%j + %j = %s', (a, b, want) => {
    expect(listToJson(addLists(parseList(a), parseList(b))).m).toBe(want);
  });

  it('prettyPrint sorts names', () => {
    expect(prettyPrint(parseList({ 'requests.memory': '1Gi', pods: '2', 'limits.cpu': '500m' }))).toBe('limits.cpu=500m,pods=2,requests.memory=1Gi');
  });
});

describe('pod usage', () => {
  it('sums app containers and raises to the largest init container; sidecars add up', () => {
    const spec = {
      containers: [ctr('a', { cpu: '100m', memory: '64Mi' }), ctr('b', { cpu: '200m' })],
      initContainers: [ctr('init', { cpu: '500m', memory: '32Mi' }), { ...ctr('side', { cpu: '50m' }), restartPolicy: 'Always' }],
    };
    // app 300m + sidecar 50m = 350m < init 500m; memory: 64Mi app vs 32Mi init.
    expect(listToJson(podResourceList(spec, 'requests'))).toEqual({ cpu: '500m', memory: '64Mi' });
  });

  it('charges count/pods always, compute only while the pod is not terminal', () => {
    const p = pod('p', [ctr('c', { cpu: '250m', memory: '100Mi' }, { cpu: '500m', memory: '200Mi' })]);
    expect(listToJson(podUsage(p, 0))).toEqual({
      'count/pods': '1', cpu: '250m', 'limits.cpu': '500m', 'limits.memory': '200Mi', memory: '100Mi', pods: '1',
      'requests.cpu': '250m', 'requests.memory': '100Mi',
    });
    const done = { ...p, status: { phase: 'Succeeded' } } as KObject;
    expect(listToJson(podUsage(done, 0))).toEqual({ 'count/pods': '1' });
  });

  it('a terminating pod stops counting only once its grace period has passed after the deletion time', () => {
    const p = pod('p', [ctr('c', { cpu: '1' })]);
    const deleting = { ...p, metadata: { ...p.metadata, deletionTimestamp: '2025-01-01T00:00:30Z', deletionGracePeriodSeconds: 30 } } as KObject;
    expect(podUsage(deleting, 60_000).has('pods')).toBe(true);
    expect(podUsage(deleting, 60_001).has('pods')).toBe(false);
  });

  it('extended resources are charged as requests.<name>, hugepages under both names', () => {
    const p = pod('p', [ctr('c', { 'nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi', memory: '1Gi' }, { 'nvidia.com/gpu': '1', 'hugepages-2Mi': '4Mi' })]);
    const u = listToJson(podUsage(p, 0));
    expect(u['requests.nvidia.com/gpu']).toBe('1');
    expect(u['hugepages-2Mi']).toBe('4Mi');
    expect(u['requests.hugepages-2Mi']).toBe('4Mi');
  });
});

describe('other evaluators', () => {
  it.each([
    ['ClusterIP', { services: '1', 'services.nodeports': '0', 'services.loadbalancers': '0' }],
    ['NodePort', { services: '1', 'services.nodeports': '2', 'services.loadbalancers': '0' }],
    ['LoadBalancer', { services: '1', 'services.nodeports': '2', 'services.loadbalancers': '1' }],
  ])('a %s Service with 2 ports', (type, want) => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type, ports: [{ port: 80 }, { port: 443 }] } } as KObject;
    expect(listToJson(evaluatorFor('services', '').usage(svc, 0))).toEqual({ 'count/services': '1', ...want });
  });

  it('configmaps answer to count/configmaps and the legacy name; apps kinds to count/<plural>.<group>', () => {
    expect(evaluatorFor('configmaps', '').matching(['configmaps', 'count/configmaps', 'pods'])).toEqual(['configmaps', 'count/configmaps']);
    expect(evaluatorFor('deployments', 'apps').matching(['count/deployments.apps', 'deployments'])).toEqual(['count/deployments.apps']);
  });
});

describe('checkQuotaRequest', () => {
  const small = pod('small', [ctr('c', { cpu: '100m', memory: '100Mi' }, { cpu: '100m', memory: '100Mi' })]);

  it('returns the new usage of each matching quota', () => {
    const q = quota('q', { 'requests.cpu': '1', pods: '10' }, { 'requests.cpu': '300m', pods: '3' });
    const changes = checkQuotaRequest([q], small, pods, 0);
    expect(listToJson(changes.get(q) ?? new Map())).toEqual({ pods: '4', 'requests.cpu': '400m' });
  });

  it('ignores quotas that limit nothing the kind uses', () => {
    const q = quota('cm', { configmaps: '1' }, { configmaps: '1' });
    expect(checkQuotaRequest([q], small, pods, 0).size).toBe(0);
  });

  it('rejects with "status unknown" before the controller has computed usage', () => {
    const q = quota('fresh', { pods: '2', 'requests.cpu': '1' }, undefined);
    expect(() => checkQuotaRequest([q], small, pods, 0)).toThrow('pods "small" is forbidden: status unknown for quota: fresh, resources: pods,requests.cpu');
  });

  it('names every exceeded resource, masked to them', () => {
    const q = quota('q', { 'requests.cpu': '150m', 'requests.memory': '150Mi', pods: '5' }, { 'requests.cpu': '100m', 'requests.memory': '100Mi', pods: '1' });
    expect(() => checkQuotaRequest([q], small, pods, 0)).toThrow(
      'exceeded quota: q, requested: requests.cpu=100m,requests.memory=100Mi, used: requests.cpu=100m,requests.memory=100Mi, limited: requests.cpu=150m,requests.memory=150Mi',
    );
  });

  it('a BestEffort-scoped quota applies only to BestEffort pods', () => {
    const q = quota('be', { pods: '1' }, { pods: '1' }, ['BestEffort']);
    expect(checkQuotaRequest([q], small, pods, 0).size).toBe(0);
    expect(() => checkQuotaRequest([q], pod('be', [ctr('c')]), pods, 0)).toThrow('exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1');
  });

  it('counts other kinds by count/<resource>', () => {
    const q = quota('cm', { 'count/configmaps': '2' }, { 'count/configmaps': '2' });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } } as KObject;
    expect(() => checkQuotaRequest([q], cm, { plural: 'configmaps', group: '' }, 0)).toThrow(
      'configmaps "x" is forbidden: exceeded quota: cm, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2',
    );
  });
});

describe('pod overhead', () => {
  it('is added to every request, but only to limits that exist', () => {
    const spec = { containers: [ctr('a', { cpu: '100m', memory: '64Mi' }, { memory: '128Mi' })], overhead: { cpu: '250m', memory: '120Mi' } };
    expect(listToJson(podResourceList(spec, 'requests'))).toEqual({ cpu: '350m', memory: '184Mi' });
    expect(listToJson(podResourceList(spec, 'limits'))).toEqual({ memory: '248Mi' });
  });
});
