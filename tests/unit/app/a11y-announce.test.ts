/**
 * The live region's sentences (src/app/a11y/announce.ts): important changes between two views,
 * summarized when there are many, and rate-limited so a 3,000-pod burst is one short message.
 */
import { describe, expect, it } from 'vitest';
import { AnnouncementLimiter, deriveAnnouncements, LIST_MAX, summarize } from '../../../src/app/a11y/announce.ts';
import type { ClusterView, NodeView, PodView } from '../../../src/app/protocol.ts';

function node(name: string, ready = true): NodeView {
  return { name, ready } as NodeView;
}

function pod(name: string, over: Partial<PodView> = {}): PodView {
  return { namespace: 'default', name, status: 'Running', node: 'node-1', ready: '1/1', restarts: '0', age: '1m', ownerKind: '', ownerName: '', revision: '', ...over };
}

function view(now: number, nodes: NodeView[], pods: PodView[]): ClusterView {
  return { now, playing: true, speed: 1, nodes, pods, traceHash: '' };
}

const texts = (prev: ClusterView | undefined, next: ClusterView) => deriveAnnouncements(prev, next).map((a) => a.text);

describe('deriveAnnouncements', () => {
  it('says nothing for the first view or when the clock went back (time travel)', () => {
    const a = view(1000, [node('node-1')], [pod('web-x', { node: '' })]);
    const b = view(2000, [node('node-1', false)], [pod('web-x')]);
    expect(texts(undefined, b)).toEqual([]);
    expect(texts(b, { ...a, now: 500 })).toEqual([]);
  });

  it('announces nodes going NotReady and Ready again', () => {
    const a = view(0, [node('node-1'), node('node-2')], []);
    const b = view(1000, [node('node-1'), node('node-2', false)], []);
    expect(texts(a, b)).toEqual(['node-2 NotReady']);
    expect(texts(b, view(2000, [node('node-1'), node('node-2')], []))).toEqual(['node-2 Ready']);
    // A node that just appeared is not a change of readiness.
    expect(texts(a, view(1000, [node('node-1'), node('node-2'), node('node-3', false)], []))).toEqual([]);
  });

  it('announces OOMKilled and other faults once, when the pod enters them', () => {
    const a = view(0, [], [pod('web-x'), pod('api')]);
    const b = view(1000, [], [pod('web-x', { status: 'OOMKilled', ready: '0/1' }), pod('api', { status: 'CrashLoopBackOff', ready: '0/1' })]);
    expect(texts(a, b)).toEqual(['pod web-x OOMKilled', 'pod api CrashLoopBackOff']);
    expect(texts(b, { ...b, now: 2000, pods: b.pods.map((p) => ({ ...p, age: '2m' })) })).toEqual([]);
  });

  it('matches pods by name when the list changed order', () => {
    const a = view(0, [], [pod('a'), pod('b', { node: '' })]);
    const b = view(1000, [], [pod('c'), pod('b', { node: 'node-2' }), pod('a', { status: 'OOMKilled' })]);
    expect(texts(a, b)).toEqual(['pod a OOMKilled', 'pod b scheduled to node-2']);
  });

  it('announces a pod seen waiting that is now scheduled', () => {
    const a = view(0, [], [pod('web-y', { node: '', status: 'Pending', ready: '0/1' })]);
    const b = view(1000, [], [pod('web-y', { node: 'node-1', status: 'ContainerCreating', ready: '0/1' }), pod('fresh', { node: 'node-2' })]);
    expect(texts(a, b)).toEqual(['pod web-y scheduled to node-1']);
  });

  it('announces a rollout complete when a Deployment goes from two revisions to one, all ready', () => {
    const web = (name: string, revision: string, over: Partial<PodView> = {}) => pod(name, { ownerKind: 'Deployment', ownerName: 'web', revision, ...over });
    const mid = view(0, [], [web('web-a', '1'), web('web-b', '2', { status: 'ContainerCreating', ready: '0/1' })]);
    const almost = view(1000, [], [web('web-a', '1', { status: 'Terminating' }), web('web-b', '2', { status: 'ContainerCreating', ready: '0/1' })]);
    const done = view(2000, [], [web('web-b', '2')]);
    expect(texts(mid, almost)).toEqual([]);
    expect(texts(almost, done)).toEqual(['rollout of web complete']);
    // Pods of one revision becoming ready again (a restart) is no rollout.
    const restart = view(3000, [], [web('web-b', '2', { ready: '0/1' })]);
    expect(texts(restart, { ...done, now: 4000 })).toEqual([]);
    // The whole swap between two views still counts.
    expect(texts(view(0, [], [web('web-a', '1')]), view(1000, [], [web('web-c', '2')]))).toEqual(['rollout of web complete']);
  });

  it('puts node news first and counts a kind with more than LIST_MAX changes', () => {
    const waiting = Array.from({ length: 3000 }, (_, i) => pod(`p-${i}`, { node: '', status: 'Pending', ready: '0/1' }));
    const placed = waiting.map((p) => ({ ...p, node: 'node-1', status: 'Running', ready: '1/1' }));
    const a = view(0, [node('node-1')], waiting);
    const b = view(1000, [node('node-1', false)], placed);
    expect(texts(a, b)).toEqual(['node-1 NotReady', '3000 pods scheduled']);
    expect(summarize([1, 2, 3].map((i) => ({ kind: 'oom' as const, text: `pod p${i} OOMKilled` })))).toHaveLength(LIST_MAX);
  });
});

describe('AnnouncementLimiter', () => {
  it('lets one message out per interval, merging what waited, with a count of the rest', () => {
    const limiter = new AnnouncementLimiter(1000, 3);
    expect(limiter.take(0)).toBeUndefined();
    limiter.push([{ kind: 'node', text: 'node-2 NotReady' }]);
    expect(limiter.take(0)).toBe('node-2 NotReady.');
    limiter.push([{ kind: 'oom', text: 'pod a OOMKilled' }]);
    expect(limiter.take(500)).toBeUndefined();
    expect(limiter.dueIn(500)).toBe(500);
    for (let i = 0; i < 5; i++) limiter.push([{ kind: 'scheduled', text: `pod p${i} scheduled to node-1` }]);
    expect(limiter.take(1000)).toBe('pod a OOMKilled. pod p0 scheduled to node-1. pod p1 scheduled to node-1. And 3 more.');
    expect(limiter.dueIn(1000)).toBeUndefined();
  });

  it('stays bounded under a flood and still counts what it dropped', () => {
    const limiter = new AnnouncementLimiter(1000, 2);
    for (let i = 0; i < 3000; i++) limiter.push([{ kind: 'fault', text: `pod p${i} Error` }]);
    expect(limiter.take(0)).toBe('pod p0 Error. pod p1 Error. And 2998 more.');
  });
});
