/**
 * ImageLocality: every worked example of reference §4 (upstream image_locality_test vectors: the
 * 23MB / 1000MB×containers thresholds, the spread over all nodes, init containers, duplicates),
 * the `:latest` normalisation, and how v1.31 matches names against node.status.images — verbatim,
 * so `nginx:1.27` does not match the `docker.io/library/nginx:1.27` a containerd node reports.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/engine/api/types.ts';
import { CycleState, type PreemptionHandle, type PreScorePlugin, type ScorePlugin } from '../../../src/engine/components/scheduler/framework/types.ts';
import {
  imageLocality,
  imageLocalityScore,
  MAX_CONTAINER_THRESHOLD_BYTES,
  MIN_THRESHOLD_BYTES,
  NAME,
  normalizedImageName,
  scaledImageScore,
} from '../../../src/engine/components/scheduler/plugins/image-locality.ts';
import { cluster, info, MB, newNode, newPod } from './fixtures.ts';

type ImagePlugin = PreScorePlugin & ScorePlugin;

/** An image `gcr.io/<size>` of that many MB, reported under two tags as upstream's fixtures do. */
const img = (sizeMB: number) => ({ names: [`gcr.io/${sizeMB}:latest`, `gcr.io/${sizeMB}:v1`], sizeBytes: sizeMB * MB });
const nodeWith = (name: string, sizesMB: number[]): Node => newNode(name, { images: sizesMB.map(img) });
const podWith = (sizesMB: number[], initSizesMB: number[] = []): Pod =>
  newPod('p', { images: sizesMB.map((s) => `gcr.io/${s}`), initImages: initSizesMB.map((s) => `gcr.io/${s}`) });

function pluginFor(nodes: Node[]) {
  const { infos, snapshot } = cluster(nodes);
  const handle = { snapshot: () => snapshot } as unknown as PreemptionHandle;
  return { p: imageLocality(undefined, handle) as ImagePlugin, infos };
}

/** The score of every node, PreScore first as the framework runs it. */
function scores(pod: Pod, nodes: Node[]): number[] {
  const { p, infos } = pluginFor(nodes);
  const state = new CycleState();
  const pi = info(pod);
  expect(p.preScore(state, pi, infos)).toBeNull();
  return infos.map((n) => p.score(state, pi, n));
}

// upstream's two-node cluster: node1 has 40, 300, 2000 MB; node2 has 250, 10 MB
const node1 = nodeWith('node1', [40, 300, 2000]);
const node2 = nodeWith('node2', [250, 10]);

describe('ImageLocality (reference §4)', () => {
  it.each([
    { name: '40 + 250: only node2 has 250 → 125 MB', pod: podWith([40, 250]), nodes: [node1, node2], want: [0, 5] },
    { name: '40 + 300: node1 has both → 170 MB', pod: podWith([40, 300]), nodes: [node1, node2], want: [7, 0] },
    { name: '10 + 4000 on 2 nodes: 2000 MB clamps to the max', pod: podWith([10, 4000]), nodes: [nodeWith('node1', [4000]), node2], want: [100, 0] },
    {
      name: '10 + 4000 on 3 nodes: 4000/3 MB',
      pod: podWith([10, 4000]),
      nodes: [nodeWith('node1', [4000]), node2, nodeWith('node3', [])],
      want: [66, 0, 0],
    },
    {
      name: '300 + 600 + 900, spread over 3 nodes',
      pod: podWith([300, 600, 900]),
      nodes: [nodeWith('node1', [600, 900]), nodeWith('node2', [300, 600, 900]), nodeWith('node3', [])],
      want: [32, 36, 0],
    },
    { name: '30 + 40: 30·1 + 40·½ = 50 MB', pod: podWith([30, 40]), nodes: [nodeWith('node1', [20, 30, 40]), nodeWith('node2', [4000, 30])], want: [1, 0] },
    { name: 'app 30 + init 300: init containers count', pod: podWith([30], [300]), nodes: [node1, node2], want: [6, 0] },
  ])('$name → $want', ({ pod, nodes, want }) => {
    expect(scores(pod, nodes)).toEqual(want);
  });

  it('a duplicated image adds again (300 + 300, only node1 has it → 300 MB of a 2000 MB max)', () => {
    expect(scores(podWith([300, 300]), [node1, node2])).toEqual([14, 0]);
  });

  it('init containers raise the max threshold too (2 containers: 2000 MB)', () => {
    // 300·½ = 150 MB: 100·(150 − 23)/(1000 − 23) = 12 with one container, 6 with an init container as well
    expect(scores(podWith([300]), [node1, node2])).toEqual([12, 0]);
    expect(scores(podWith([300], [10]), [node1, node2])).toEqual([6, 0]);
  });
});

describe('ImageLocality name matching (v1.31)', () => {
  const containerd = (name: string): Node =>
    newNode(name, {
      images: [{ names: ['docker.io/library/nginx@sha256:0123456789abcdef', 'docker.io/library/nginx:1.27'], sizeBytes: 500 * MB }],
    });

  it('a short name does not match the fully qualified names containerd reports', () => {
    expect(scores(newPod('p', { images: ['nginx:1.27'] }), [containerd('node1'), nodeWith('node2', [])])).toEqual([0, 0]);
  });

  it('the fully qualified name does (500 MB · ½ → 23)', () => {
    expect(scores(newPod('p', { images: ['docker.io/library/nginx:1.27'] }), [containerd('node1'), nodeWith('node2', [])])).toEqual([23, 0]);
  });

  it('so does the digest name', () => {
    const pod = newPod('p', { images: ['docker.io/library/nginx@sha256:0123456789abcdef'] });
    expect(scores(pod, [containerd('node1'), nodeWith('node2', [])])).toEqual([23, 0]);
  });

  it('an untagged name matches its `:latest` entry', () => {
    const n = newNode('node1', { images: [{ names: ['nginx:latest'], sizeBytes: 500 * MB }] });
    expect(scores(newPod('p', { images: ['nginx'] }), [n, nodeWith('node2', [])])).toEqual([23, 0]);
  });

  it.each([
    ['root', 'root:latest'],
    ['gcr.io:5000/root', 'gcr.io:5000/root:latest'],
    ['root:tag', 'root:tag'],
    ['gcr.io:5000/root:tag', 'gcr.io:5000/root:tag'],
    ['root@sha256:abc', 'root@sha256:abc'],
    ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:1.27'],
  ])('normalizedImageName(%s) = %s', (name, want) => expect(normalizedImageName(name)).toBe(want));
});

describe('ImageLocality pure pieces', () => {
  it.each([
    { sum: 0, containers: 1, want: 0 },
    { sum: MIN_THRESHOLD_BYTES, containers: 1, want: 0 },
    { sum: 125 * MB, containers: 2, want: 5 },
    { sum: MAX_CONTAINER_THRESHOLD_BYTES, containers: 1, want: 100 },
    { sum: 5000 * MB, containers: 1, want: 100 },
    { sum: 0, containers: 0, want: 0 },
  ])('imageLocalityScore($sum, $containers) = $want', ({ sum, containers, want }) => {
    expect(Object.is(imageLocalityScore(sum, containers), want)).toBe(true);
  });

  it('scaledImageScore truncates the float product', () => {
    expect(scaledImageScore(4000 * MB, 1 / 3)).toBe(Math.trunc(4000 * MB * (1 / 3)));
    expect(scaledImageScore(250 * MB, 1 / 2)).toBe(125 * MB);
  });

  it('Score works without PreScore', () => {
    const { p, infos } = pluginFor([node1, node2]);
    expect(p.score(new CycleState(), info(podWith([40, 250])), infos[1])).toBe(5);
  });

  it('is a score-only plugin: no cluster events', () => {
    const { p } = pluginFor([node1]);
    expect(p.name).toBe(NAME);
    expect(p.events).toEqual([]);
  });
});
