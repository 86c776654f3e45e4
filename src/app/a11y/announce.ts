/**
 * What the screen-reader live region says (views/LiveAnnouncer.tsx): the important changes
 * between two consecutive views, as short sentences, and a rate limiter so a big cluster (3,000
 * pods scheduled at once) says "3000 pods scheduled" once instead of flooding the region.
 * Pure: no DOM, no timers; the caller passes the wall-clock time.
 */
import type { ClusterView, NodeView, PodView } from '../protocol.ts';

export type AnnouncementKind = 'node' | 'oom' | 'fault' | 'rollout' | 'scheduled';

export interface Announcement {
  kind: AnnouncementKind;
  text: string;
}

/** Pod statuses worth saying out loud when a pod enters them. */
const FAULT_STATUSES = new Set(['CrashLoopBackOff', 'Error', 'Evicted', 'ErrImagePull', 'ImagePullBackOff', 'CreateContainerConfigError']);

/** More of one kind than this in one view are said as a count. */
export const LIST_MAX = 3;

/** The order kinds are said in: what needs attention first. */
const KIND_ORDER: AnnouncementKind[] = ['node', 'oom', 'fault', 'rollout', 'scheduled'];

/**
 * The changes from `prev` to `next` worth announcing: a node going NotReady or Ready again, a pod
 * OOMKilled or entering another fault status, a Deployment's rollout completing, a pod scheduled
 * to a node. Nothing for the first view, nor when the clock went backwards (time travel: the whole
 * picture jumps, and nothing "happened").
 */
export function deriveAnnouncements(prev: ClusterView | undefined, next: ClusterView): Announcement[] {
  if (!prev || next.now < prev.now) return [];
  const out: Announcement[] = [];
  if (prev.nodes !== next.nodes) nodeChanges(prev.nodes, next.nodes, out);
  if (prev.pods !== next.pods) podChanges(prev.pods, next.pods, out);
  return summarize(out);
}

function nodeChanges(prev: readonly NodeView[], next: readonly NodeView[], out: Announcement[]): void {
  const before = new Map(prev.map((n) => [n.name, n.ready]));
  for (const n of next) {
    const was = before.get(n.name);
    if (was === undefined || was === n.ready) continue;
    out.push({ kind: 'node', text: `${n.name} ${n.ready ? 'Ready' : 'NotReady'}` });
  }
}

function podKey(p: PodView): string {
  return `${p.namespace}/${p.name}`;
}

function podChanges(prev: readonly PodView[], next: readonly PodView[], out: Announcement[]): void {
  // Lists usually keep their order between views: look at the same index first, by name only if it moved.
  let before: Map<string, PodView> | undefined;
  const previous = (p: PodView, i: number): PodView | undefined => {
    const same = prev[i];
    if (same && same.name === p.name && same.namespace === p.namespace) return same;
    before ??= new Map(prev.map((q) => [podKey(q), q]));
    return before.get(podKey(p));
  };
  // Rollouts are only looked for when a Deployment's pod came, went, or changed state.
  let matched = 0;
  let deploymentsMoved = false;
  for (let i = 0; i < next.length; i++) {
    const p = next[i];
    const was = previous(p, i);
    if (was) matched++;
    if (was === p) continue; // unchanged rows are the same objects
    if (p.ownerKind === 'Deployment' && (!was || was.status !== p.status || was.ready !== p.ready || was.revision !== p.revision)) deploymentsMoved = true;
    if (p.status !== was?.status) {
      if (p.status === 'OOMKilled') out.push({ kind: 'oom', text: `pod ${p.name} OOMKilled` });
      else if (FAULT_STATUSES.has(p.status)) out.push({ kind: 'fault', text: `pod ${p.name} ${p.status}` });
    }
    // Seen unscheduled before, on a node now (pods new in this view were not watched waiting).
    if (was && was.node === '' && p.node !== '') out.push({ kind: 'scheduled', text: `pod ${p.name} scheduled to ${p.node}` });
  }
  if (!deploymentsMoved && matched === prev.length) return;
  for (const name of completedRollouts(prev, next)) out.push({ kind: 'rollout', text: `rollout of ${name} complete` });
}

/**
 * Per Deployment: the revisions its pods run (terminating ones too: a rollout is not over while
 * old pods are on their way out) and whether all its other pods are Running and ready.
 */
function deploymentRevisions(pods: readonly PodView[]): Map<string, { revisions: Set<string>; allReady: boolean }> {
  const byDeployment = new Map<string, { revisions: Set<string>; allReady: boolean }>();
  for (const p of pods) {
    if (p.ownerKind !== 'Deployment') continue;
    const key = `${p.namespace}/${p.ownerName}`;
    let d = byDeployment.get(key);
    if (!d) byDeployment.set(key, (d = { revisions: new Set(), allReady: true }));
    d.revisions.add(p.revision);
    if (p.status !== 'Terminating' && (p.status !== 'Running' || !isReady(p.ready))) d.allReady = false;
  }
  return byDeployment;
}

/** `2/2` is ready; `1/2`, `0/0` are not. */
function isReady(ready: string): boolean {
  const [have, want] = ready.split('/');
  return want !== undefined && Number(want) > 0 && have === want;
}

/** Deployments whose pods ran more than one revision before and now all run one, ready. */
function completedRollouts(prev: readonly PodView[], next: readonly PodView[]): string[] {
  const before = deploymentRevisions(prev);
  const after = deploymentRevisions(next);
  const done: string[] = [];
  for (const [key, d] of after) {
    const was = before.get(key);
    if (!was || !d.allReady || d.revisions.size !== 1) continue;
    // Only a change of revision is a rollout; pods merely becoming ready again is not.
    const [rev] = d.revisions;
    if (was.revisions.size > 1 || !was.revisions.has(rev)) done.push(key.slice(key.indexOf('/') + 1));
  }
  return done;
}

/** Kinds in attention order; more than LIST_MAX of one kind become one counted sentence. */
export function summarize(list: readonly Announcement[]): Announcement[] {
  const out: Announcement[] = [];
  for (const kind of KIND_ORDER) {
    const of = list.filter((a) => a.kind === kind);
    if (of.length === 0) continue;
    if (of.length <= LIST_MAX) out.push(...of);
    else out.push({ kind, text: countText(kind, of.length) });
  }
  return out;
}

function countText(kind: AnnouncementKind, n: number): string {
  switch (kind) {
    case 'node':
      return `${n} nodes changed readiness`;
    case 'oom':
      return `${n} pods OOMKilled`;
    case 'fault':
      return `${n} pods failing`;
    case 'rollout':
      return `${n} rollouts complete`;
    case 'scheduled':
      return `${n} pods scheduled`;
  }
}

/**
 * Lets through at most one message per `intervalMs` of wall-clock time: what arrives meanwhile
 * waits, merged, and comes out as one message at the next slot (the first few sentences, then
 * "and N more"). So a storm of views costs the listener one short sentence a second at most.
 */
export class AnnouncementLimiter {
  private queue: string[] = [];
  /** Sentences dropped from an overlong queue, still counted in "and N more". */
  private dropped = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs = 1000,
    private readonly maxSentences = 3,
  ) {}

  push(items: readonly Announcement[]): void {
    for (const a of items) this.queue.push(a.text);
    // Bounded: a long stall cannot pile up thousands of strings.
    if (this.queue.length > 100) {
      const extra = this.queue.length - 100;
      this.queue.splice(this.maxSentences, extra);
      this.dropped += extra;
    }
  }

  /** The message to say now, if any is waiting and the last one was long enough ago. */
  take(nowMs: number): string | undefined {
    if (this.queue.length === 0 || nowMs - this.lastAt < this.intervalMs) return undefined;
    this.lastAt = nowMs;
    const shown = this.queue.slice(0, this.maxSentences);
    const more = this.queue.length - shown.length + this.dropped;
    this.queue = [];
    this.dropped = 0;
    return `${shown.join('. ')}${more > 0 ? `. And ${more} more` : ''}.`;
  }

  /** Milliseconds until `take` can say something, or undefined when nothing waits. */
  dueIn(nowMs: number): number | undefined {
    if (this.queue.length === 0) return undefined;
    return Math.max(0, this.lastAt + this.intervalMs - nowMs);
  }
}
