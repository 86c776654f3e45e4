import { describe, expect, it } from 'vitest';
import {
  CARD_GAP_PX,
  CARD_WIDTH_PX,
  CHIP_GAP_PX,
  CHIP_PX,
  chipsPerRow,
  compareRevisionsDesc,
  conditionLabels,
  countdownLabel,
  fitTransform,
  FIT_SCALE_MAX,
  GLYPHS,
  glyphAt,
  gridColumns,
  groupPods,
  layoutChips,
  notableConditions,
  podKind,
  podLabel,
  podsByNode,
  podsSignature,
  POD_KIND_ORDER,
  resourceBar,
  taintLabels,
} from '../../../src/app/map-layout.ts';
import type { PodView } from '../../../src/app/protocol.ts';

function pod(name: string, over: Partial<PodView> = {}): PodView {
  return { namespace: 'default', name, status: 'Running', node: 'node-1', ready: '1/1', restarts: '0', age: '1m', ownerKind: '', ownerName: '', revision: '', ...over };
}

describe('pod kinds', () => {
  it.each([
    ['Running', 'running'],
    ['Pending', 'pending'],
    ['ContainerCreating', 'creating'],
    ['PodInitializing', 'creating'],
    ['Init:0/2', 'creating'],
    ['Terminating', 'terminating'],
    ['Completed', 'completed'],
    ['CrashLoopBackOff', 'failed'],
    ['Error', 'failed'],
    ['ImagePullBackOff', 'failed'],
    ['OOMKilled', 'failed'],
    ['Init:CrashLoopBackOff', 'failed'],
    ['Init:Error', 'failed'],
    ['Evicted', 'failed'],
    ['Unknown', 'failed'],
  ])('%s is %s', (status, kind) => {
    expect(podKind(status)).toBe(kind);
  });

  it('gives every kind its own glyph, so status reads without colour', () => {
    const shapes = POD_KIND_ORDER.map((k) => `${GLYPHS[k].d}|${GLYPHS[k].filled}`);
    expect(new Set(shapes).size).toBe(POD_KIND_ORDER.length);
    for (const k of POD_KIND_ORDER) expect(GLYPHS[k].d).toMatch(/^M/);
  });

  it('places glyphs by absolute path data, so chips need no transform', () => {
    for (const k of POD_KIND_ORDER) {
      const origin = GLYPHS[k].d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      const placed = glyphAt(k, 100, 20).match(/-?\d+(\.\d+)?/g)!.map(Number);
      // The first point (a moveTo) moves by exactly the offset.
      expect(placed[0]).toBeCloseTo(origin[0] + 100, 3);
      expect(placed[1]).toBeCloseTo(origin[1] + 20, 3);
    }
    expect(glyphAt('running', 9, 9)).toBe(glyphAt('running', 9, 9));
  });

  it('names a chip by pod name and status', () => {
    expect(podLabel(pod('web-7d4b9c-abcde'))).toBe('web-7d4b9c-abcde, Running');
  });
});

describe('grouping pods by owner', () => {
  it('puts the student’s workloads before the system’s, newest revision first within a group', () => {
    const groups = groupPods([
      pod('kube-proxy-x', { namespace: 'kube-system', ownerKind: 'DaemonSet', ownerName: 'kube-proxy', revision: 'abc' }),
      pod('web-old-b', { ownerKind: 'Deployment', ownerName: 'web', revision: '1' }),
      pod('web-new-a', { ownerKind: 'Deployment', ownerName: 'web', revision: '2' }),
      pod('web-old-a', { ownerKind: 'Deployment', ownerName: 'web', revision: '1' }),
      pod('solo'),
      pod('api-0', { ownerKind: 'StatefulSet', ownerName: 'api', revision: 'api-5f' }),
      pod('etcd-control-plane', { namespace: 'kube-system', ownerKind: 'Node', ownerName: 'control-plane' }),
    ]);
    expect(groups.map((g) => g.key)).toEqual(['default/Pod/', 'default/StatefulSet/api', 'default/Deployment/web', 'kube-system/Node/control-plane', 'kube-system/DaemonSet/kube-proxy']);
    const web = groups.find((g) => g.ownerName === 'web')!;
    expect(web.revisions).toEqual(['2', '1']);
    expect(web.pods.map((p) => p.name)).toEqual(['web-new-a', 'web-old-a', 'web-old-b']);
  });

  it('orders revisions numerically, newest first, hashes by text, none last', () => {
    expect(['2', '10', '', '9'].sort(compareRevisionsDesc)).toEqual(['10', '9', '2', '']);
    expect(['b1', 'a2'].sort(compareRevisionsDesc)).toEqual(['a2', 'b1']);
  });

  it('lays chips out in rows that fit the width, and ranks older revisions', () => {
    const perRow = chipsPerRow(238);
    expect(perRow).toBe(Math.floor((238 + CHIP_GAP_PX) / (CHIP_PX + CHIP_GAP_PX)));
    const [g] = groupPods(Array.from({ length: perRow + 1 }, (_, i) => pod(`p${String(i).padStart(2, '0')}`, { ownerKind: 'Deployment', ownerName: 'web', revision: i === perRow ? '1' : '2' })));
    const { chips, heightPx } = layoutChips(g, 238);
    expect(chips[0]).toMatchObject({ x: 0, y: 0, revisionRank: 0 });
    expect(chips[1].x).toBe(CHIP_PX + CHIP_GAP_PX);
    expect(chips[perRow]).toMatchObject({ x: 0, y: CHIP_PX + CHIP_GAP_PX, revisionRank: 1 });
    expect(heightPx).toBe(2 * CHIP_PX + CHIP_GAP_PX);
  });

  it('splits pods by node, leaves unscheduled ones apart, and filters by namespace', () => {
    const pods = [pod('a'), pod('b', { node: 'node-2' }), pod('c', { node: '' }), pod('d', { namespace: 'shop' })];
    const all = podsByNode(pods, '');
    expect([...all.bound.keys()]).toEqual(['node-1', 'node-2']);
    expect(all.bound.get('node-1')!.map((p) => p.name)).toEqual(['a', 'd']);
    expect(all.unbound.map((p) => p.name)).toEqual(['c']);
    expect(podsByNode(pods, 'shop').bound.get('node-1')!.map((p) => p.name)).toEqual(['d']);
  });

  it('changes a node’s signature only when something drawn changes', () => {
    const a = [pod('a')];
    expect(podsSignature(a)).toBe(podsSignature([pod('a', { age: '2m', restarts: '1' })]));
    expect(podsSignature(a)).not.toBe(podsSignature([pod('a', { status: 'Terminating' })]));
    expect(podsSignature(a)).not.toBe(podsSignature([pod('a', { revision: '2' })]));
  });
});

describe('node cards', () => {
  it('draws requested and used as shares of allocatable, capped', () => {
    expect(resourceBar(500, 2000, 100)).toEqual({ requested: 0.25, used: 0.05, over: false });
    expect(resourceBar(3000, 2000, undefined)).toEqual({ requested: 1, used: undefined, over: true });
    expect(resourceBar(0, 0, 0)).toEqual({ requested: 0, used: 0, over: false });
  });

  it('calls out a Ready that is not True and pressures that are not False', () => {
    const conditions = [
      { type: 'MemoryPressure', status: 'True', reason: 'KubeletHasInsufficientMemory' },
      { type: 'DiskPressure', status: 'False', reason: '' },
      { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' },
    ];
    expect(notableConditions({ conditions }).map((c) => `${c.type}=${c.status}`)).toEqual(['Ready=Unknown', 'MemoryPressure=True']);
    expect(notableConditions({ conditions: [{ type: 'Ready', status: 'True', reason: '' }] })).toEqual([]);
  });

  it('says a lost node’s conditions and taints in few words', () => {
    const unknown = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({ type, status: 'Unknown', reason: 'NodeStatusUnknown' }));
    expect(conditionLabels({ conditions: unknown })).toEqual(['Ready=Unknown', 'Memory/Disk/PIDPressure=Unknown']);
    expect(conditionLabels({ conditions: [{ type: 'MemoryPressure', status: 'True', reason: '' }] })).toEqual(['MemoryPressure=True']);
    expect(taintLabels(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute', 'gpu=true:NoSchedule'])).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule, NoExecute',
      'gpu=true:NoSchedule',
    ]);
  });

  it('counts down to the eviction in minutes and seconds', () => {
    expect(countdownLabel(380_000, 80_000)).toBe('5:00');
    expect(countdownLabel(380_000, 379_001)).toBe('0:01');
    expect(countdownLabel(380_000, 400_000)).toBe('0:00');
    expect(countdownLabel(4_600_000, 100_000)).toBe('75:00');
  });
});

describe('fitting the map', () => {
  it('picks the column count whose grid comes out largest', () => {
    expect(gridColumns(4, { width: 700, height: 600 }, 250)).toBe(2);
    expect(gridColumns(4, { width: 2000, height: 300 }, 250)).toBe(4);
    expect(gridColumns(1, { width: 700, height: 600 })).toBe(1);
    const many = gridColumns(100, { width: 1000, height: 700 }, 200);
    expect(many).toBeGreaterThan(5);
    expect(many * (CARD_WIDTH_PX + CARD_GAP_PX)).toBeLessThan(100 * CARD_WIDTH_PX);
  });

  it('scales content to fit, centred, never past the maximum', () => {
    expect(fitTransform({ width: 500, height: 1000 }, { width: 524, height: 524 })).toEqual({ k: 0.5, x: 137, y: 12 });
    expect(fitTransform({ width: 100, height: 100 }, { width: 1000, height: 1000 }).k).toBe(FIT_SCALE_MAX);
    expect(fitTransform({ width: 0, height: 0 }, { width: 100, height: 100 })).toEqual({ k: 1, x: 0, y: 0 });
  });
});
