/**
 * The PodNominator: pods that preemption nominated to a node (status.nominatedNodeName) and that
 * are not bound yet. While they wait for their victims to leave, other pods of lower priority
 * must not take the room they were promised, so filtering adds them to the node first.
 */
import type { PodInfo } from './framework/types.ts';
import type { Nominator } from './framework/runtime.ts';

export class PodNominator implements Nominator {
  private readonly byNode = new Map<string, Map<string, PodInfo>>();
  private readonly nodeOf = new Map<string, string>();

  get size(): number {
    return this.nodeOf.size;
  }

  /** Records (or clears, with '') a pod's nomination. */
  set(p: PodInfo, nodeName: string): void {
    this.remove(p.key);
    if (!nodeName) return;
    this.nodeOf.set(p.key, nodeName);
    let m = this.byNode.get(nodeName);
    if (!m) this.byNode.set(nodeName, (m = new Map()));
    m.set(p.key, p);
  }

  remove(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const m = this.byNode.get(node);
    m?.delete(key);
    if (m && m.size === 0) this.byNode.delete(node);
  }

  nominatedFor(nodeName: string, priority: number, exceptKey: string): readonly PodInfo[] {
    const m = this.byNode.get(nodeName);
    if (!m) return [];
    const out: PodInfo[] = [];
    for (const p of m.values()) if (p.key !== exceptKey && (p.pod.spec.priority ?? 0) >= priority) out.push(p);
    return out;
  }

  /** Every pod nominated to a node, whatever its priority. */
  onNode(nodeName: string): readonly PodInfo[] {
    return [...(this.byNode.get(nodeName)?.values() ?? [])];
  }
}
