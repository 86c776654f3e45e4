/**
 * The downward API's formatting and arithmetic (fieldpath.FormatMap, ExtractContainerResourceValue)
 * and the kubelet's periodic sync moments that refresh mounted ConfigMaps and Secrets.
 */
import { describe, expect, it } from 'vitest';
import type { Container } from '../../../src/engine/api/types.ts';
import { nextPeriodicSyncMs } from '../../../src/engine/components/kubelet/api-volumes.ts';
import { formatMap, resourceFieldValue, type ResourceFieldRef } from '../../../src/engine/components/kubelet/downward-api.ts';
import type { Kubelet } from '../../../src/engine/components/kubelet/kubelet.ts';
import type { PodRecord } from '../../../src/engine/components/kubelet/state.ts';

/** Only what resourceFieldValue reads: the node's allocatable. */
const kubelet = { nodeObject: () => ({ status: { allocatable: { cpu: '2', memory: '3996Mi', 'ephemeral-storage': '10Gi' } } }) } as unknown as Kubelet;

const container: Container = {
  name: 'main',
  resources: { requests: { cpu: '250m', memory: '100M' }, limits: { cpu: '1500m', memory: '128Mi' } },
};
const bare: Container = { name: 'bare' };

describe('resourceFieldValue: ceil(value / divisor)', () => {
  const cases: [string, Container, ResourceFieldRef, string][] = [
    ['cpu limit in cores rounds up', container, { resource: 'limits.cpu' }, '2'],
    ['cpu limit in millicores', container, { resource: 'limits.cpu', divisor: '1m' }, '1500'],
    ['cpu request in millicores', container, { resource: 'requests.cpu', divisor: '1m' }, '250'],
    ['cpu request in cores', container, { resource: 'requests.cpu' }, '1'],
    ['memory limit in bytes', container, { resource: 'limits.memory' }, '134217728'],
    ['memory limit in Mi', container, { resource: 'limits.memory', divisor: '1Mi' }, '128'],
    ['memory request in Mi rounds up', container, { resource: 'requests.memory', divisor: '1Mi' }, '96'],
    ['memory request in k', container, { resource: 'requests.memory', divisor: '1k' }, '100000'],
    ['no cpu limit: node allocatable', bare, { resource: 'limits.cpu' }, '2'],
    ['no memory limit: node allocatable in Mi', bare, { resource: 'limits.memory', divisor: '1Mi' }, '3996'],
    ['no ephemeral-storage limit: node allocatable in Gi', bare, { resource: 'limits.ephemeral-storage', divisor: '1Gi' }, '10'],
    ['no request: 0', bare, { resource: 'requests.cpu', divisor: '1m' }, '0'],
  ];
  it.each(cases)('%s', (_name, c, ref, want) => {
    expect(resourceFieldValue(kubelet, c, ref)).toBe(want);
  });
});

describe('formatMap: key="value" lines, sorted, quoted, no final newline', () => {
  it.each([
    [{}, ''],
    [{ b: '2', a: '1' }, 'a="1"\nb="2"'],
    [{ 'app.kubernetes.io/name': 'web', msg: 'say "hi"\n' }, 'app.kubernetes.io/name="web"\nmsg="say \\"hi\\"\\n"'],
  ] as [Record<string, string>, string][])('%j', (m, want) => {
    expect(formatMap(m)).toBe(want);
  });
});

describe('nextPeriodicSyncMs: every 60 s since admission, strictly after now', () => {
  const rec = { admittedAt: 2_500 } as PodRecord;
  it.each([
    [2_500, 62_500],
    [30_000, 62_500],
    [62_499, 62_500],
    [62_500, 122_500],
    [200_000, 242_500],
  ])('now %i → %i', (now, want) => {
    expect(nextPeriodicSyncMs(rec, now)).toBe(want);
  });
});
