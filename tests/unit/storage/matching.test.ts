/**
 * Volume matching as pkg/controller/volume/persistentvolume/util decides it: the smallest fitting
 * Available volume of the claim's class, access modes and selector honoured, pre-bound volumes
 * first, node affinity with a node, delayed binding leaving the choice to the scheduler.
 */
import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../src/engine/api/storage.ts';
import { findMatchingVolume, volumeSatisfyError } from '../../../src/engine/components/controllers/persistentvolume/matching.ts';

function pv(name: string, size: string, o: Partial<PersistentVolume['spec']> & { phase?: string; labels?: Record<string, string> } = {}): PersistentVolume {
  const { phase, labels, ...spec } = o;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, labels },
    spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: size }, storageClassName: 'manual', volumeMode: 'Filesystem', ...spec },
    status: { phase: phase ?? 'Available' },
  };
}

function pvc(size: string, o: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'c', namespace: 'default', uid: 'uid-c' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: 'manual', volumeMode: 'Filesystem', ...o },
  };
}

const affinity = (node: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } });
const node1 = { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } };

describe('findMatchingVolume', () => {
  const cases: { title: string; claim: PersistentVolumeClaim; volumes: PersistentVolume[]; node?: typeof node1; delay?: boolean; want: string | undefined }[] = [
    { title: 'the smallest volume that fits', claim: pvc('3Gi'), volumes: [pv('big', '10Gi'), pv('small', '2Gi'), pv('fits', '5Gi')], want: 'fits' },
    { title: 'none is big enough', claim: pvc('20Gi'), volumes: [pv('big', '10Gi')], want: undefined },
    { title: 'the class must match', claim: pvc('1Gi', { storageClassName: '' }), volumes: [pv('a', '1Gi')], want: undefined },
    { title: 'access modes must all be offered', claim: pvc('1Gi', { accessModes: ['ReadWriteMany'] }), volumes: [pv('a', '1Gi')], want: undefined },
    { title: 'a Bound volume is not offered', claim: pvc('1Gi'), volumes: [pv('a', '1Gi', { phase: 'Bound', claimRef: { name: 'x', namespace: 'default', uid: 'u' } })], want: undefined },
    { title: 'the selector must match', claim: pvc('1Gi', { selector: { matchLabels: { tier: 'gold' } } }), volumes: [pv('a', '1Gi'), pv('b', '5Gi', { labels: { tier: 'gold' } })], want: 'b' },
    {
      title: 'a volume pre-bound to the claim wins over a smaller one',
      claim: pvc('1Gi'),
      volumes: [pv('small', '1Gi'), pv('mine', '9Gi', { claimRef: { name: 'c', namespace: 'default' } })],
      want: 'mine',
    },
    { title: 'delayed binding without a node: only pre-bound volumes', claim: pvc('1Gi'), volumes: [pv('a', '1Gi')], delay: true, want: undefined },
    { title: 'with a node: node affinity must admit it', claim: pvc('1Gi'), volumes: [pv('there', '1Gi', { nodeAffinity: affinity('node-2') }), pv('here', '2Gi', { nodeAffinity: affinity('node-1') })], node: node1, delay: true, want: 'here' },
  ];
  it.each(cases)('$title', ({ claim, volumes, node, delay, want }) => {
    expect(findMatchingVolume(claim, volumes, node, delay ?? false)?.metadata.name).toBe(want);
  });
});

describe('volumeSatisfyError (a claim naming its volume)', () => {
  it.each([
    ['fits', pv('v', '1Gi'), pvc('1Gi'), undefined],
    ['too small', pv('v', '1Gi'), pvc('2Gi'), 'requested PV is too small'],
    ['other class', pv('v', '1Gi'), pvc('1Gi', { storageClassName: 'standard' }), 'storageClassName does not match'],
    ['other volume mode', pv('v', '1Gi', { volumeMode: 'Block' }), pvc('1Gi'), 'incompatible volumeMode'],
    ['other access mode', pv('v', '1Gi', { accessModes: ['ReadOnlyMany'] }), pvc('1Gi'), 'incompatible accessMode'],
  ])('%s', (_title, volume, claim, want) => {
    expect(volumeSatisfyError(volume, claim)).toBe(want);
  });
});
