/**
 * The scheduler cache: a NodeInfo per node, kept current from the pods and nodes watches, and
 * the Snapshot a cycle reads. Nodes are listed as kube-scheduler's node tree lists them —
 * round-robin across zones, in the order nodes arrived within a zone — which is the order the
 * rotating start index walks. Pods assigned to a node the cache does not know yet wait for it.
 */
import type { Node } from '../../api/types.ts';
import { NodeColumns } from './framework/node-columns.ts';
import { addPod, newNodeInfo, removePod, setNode } from './framework/node-info.ts';
import type { NodeInfo, PodInfo, Snapshot } from './framework/types.ts';

const ZONE_LABEL = 'topology.kubernetes.io/zone';
const REGION_LABEL = 'topology.kubernetes.io/region';
const BETA_ZONE_LABEL = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION_LABEL = 'failure-domain.beta.kubernetes.io/region';

export class SchedulerCache implements Snapshot {
  private readonly byName = new Map<string, NodeInfo>();
  /** Zone key → node names in arrival order. */
  private readonly zones = new Map<string, string[]>();
  private list: NodeInfo[] = [];
  /** The list's hot numbers as columns (see node-columns.ts), rewritten with every NodeInfo change. */
  private readonly cols = new NodeColumns();
  /** Nodes came or went since the list was built (it is rebuilt when next read). */
  private listDirty = false;
  private readonly podNode = new Map<string, string>();
  private readonly waiting = new Map<string, Map<string, PodInfo>>();
  private readonly imageCounts = new Map<string, number>();
  private affinityDirty = true;
  private withAffinity: NodeInfo[] = [];
  private withAntiAffinity: NodeInfo[] = [];

  get nodes(): readonly NodeInfo[] {
    if (this.listDirty) this.rebuildList();
    return this.list;
  }

  get columns(): NodeColumns {
    if (this.listDirty) this.rebuildList();
    return this.cols;
  }

  get(name: string): NodeInfo | undefined {
    return this.byName.get(name);
  }

  imageNodeCount(image: string): number {
    return this.imageCounts.get(image) ?? 0;
  }

  havePodsWithAffinity(): readonly NodeInfo[] {
    this.refreshAffinity();
    return this.withAffinity;
  }

  havePodsWithRequiredAntiAffinity(): readonly NodeInfo[] {
    this.refreshAffinity();
    return this.withAntiAffinity;
  }

  private refreshAffinity(): void {
    if (!this.affinityDirty) return;
    const list = this.nodes;
    this.withAffinity = list.filter((n) => n.podsWithAffinity.length > 0);
    this.withAntiAffinity = list.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    this.affinityDirty = false;
  }

  // ---- nodes -----------------------------------------------------------------------------------

  /** Adds or updates a node; returns the previous Node object (undefined when new). */
  setNode(node: Node): Node | undefined {
    const name = node.metadata.name ?? '';
    const info = this.byName.get(name);
    if (info) {
      const old = info.node;
      this.countImages(info, -1);
      const oldZone = zoneKey(old);
      setNode(info, node);
      this.cols.update(info);
      this.countImages(info, 1);
      if (zoneKey(node) !== oldZone) {
        this.removeFromZone(name, oldZone);
        this.addToZone(name, zoneKey(node));
      }
      return old;
    }
    const created = newNodeInfo(node);
    this.byName.set(name, created);
    this.countImages(created, 1);
    this.addToZone(name, zoneKey(node));
    for (const p of this.waiting.get(name)?.values() ?? []) addPod(created, p);
    this.waiting.delete(name);
    this.affinityDirty = true;
    return undefined;
  }

  removeNode(name: string): void {
    const info = this.byName.get(name);
    if (!info) return;
    this.countImages(info, -1);
    this.byName.delete(name);
    this.removeFromZone(name, zoneKey(info.node));
    // Its pods stay known: they are deleted by the garbage collector and arrive as deletions.
    const orphans = new Map(info.pods.map((p) => [p.key, p]));
    if (orphans.size > 0) this.waiting.set(name, orphans);
    this.affinityDirty = true;
  }

  private countImages(info: NodeInfo, sign: 1 | -1): void {
    for (const image of info.images.keys()) {
      const n = (this.imageCounts.get(image) ?? 0) + sign;
      if (n === 0) this.imageCounts.delete(image);
      else this.imageCounts.set(image, n);
    }
  }

  private addToZone(name: string, zone: string): void {
    const names = this.zones.get(zone);
    if (names) names.push(name);
    else this.zones.set(zone, [name]);
    this.listDirty = true;
    this.affinityDirty = true;
  }

  private removeFromZone(name: string, zone: string): void {
    const names = this.zones.get(zone) ?? [];
    const i = names.indexOf(name);
    if (i >= 0) names.splice(i, 1);
    if (names.length === 0) this.zones.delete(zone);
    this.listDirty = true;
    this.affinityDirty = true;
  }

  /** nodeTree.list(): one node from each zone in turn until every zone is exhausted. */
  private rebuildList(): void {
    const lists = [...this.zones.values()];
    const out: NodeInfo[] = [];
    if (lists.length === 1) {
      for (const n of lists[0]) out.push(this.byName.get(n)!);
    } else {
      const longest = Math.max(0, ...lists.map((l) => l.length));
      for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(this.byName.get(l[i])!);
    }
    this.list = out;
    this.cols.reset(out);
    this.listDirty = false;
  }

  // ---- pods ------------------------------------------------------------------------------------

  /** Adds or replaces an assigned pod. */
  setPod(p: PodInfo, nodeName: string): void {
    this.removePod(p.key);
    this.podNode.set(p.key, nodeName);
    const info = this.byName.get(nodeName);
    if (info) {
      addPod(info, p);
      this.cols.update(info);
    } else {
      let m = this.waiting.get(nodeName);
      if (!m) this.waiting.set(nodeName, (m = new Map()));
      m.set(p.key, p);
    }
    if (p.requiredAffinityTerms.length + p.requiredAntiAffinityTerms.length + p.preferredAffinityTerms.length + p.preferredAntiAffinityTerms.length > 0) {
      this.affinityDirty = true;
    }
  }

  removePod(key: string): void {
    const nodeName = this.podNode.get(key);
    if (nodeName === undefined) return;
    this.podNode.delete(key);
    const info = this.byName.get(nodeName);
    if (info) {
      const hadAffinity = info.podsWithAffinity.length;
      removePod(info, key);
      this.cols.update(info);
      if (info.podsWithAffinity.length !== hadAffinity) this.affinityDirty = true;
    } else this.waiting.get(nodeName)?.delete(key);
  }

  nodeOf(key: string): string | undefined {
    return this.podNode.get(key);
  }

  get podCount(): number {
    return this.podNode.size;
  }
}

/** utilnode.GetZoneKey: region and zone (the beta labels read first), or '' without them. */
function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const region = labels[BETA_REGION_LABEL] ?? labels[REGION_LABEL] ?? '';
  const zone = labels[BETA_ZONE_LABEL] ?? labels[ZONE_LABEL] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}
