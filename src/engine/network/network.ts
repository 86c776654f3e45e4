/**
 * The cluster network as the data path sees it: each node's kube-proxy tables (rebuilt when the
 * store changes, as kube-proxy resyncs on Service and EndpointSlice events), the `recent` lists
 * of ClientIP affinity per node, and the pods behind pod IPs. One per simulation, found from
 * its store (`networkOf`), so the kubelet's container tools and the `sim` directives share it.
 * It is a component only to snapshot the `recent` lists (ClientIP affinity survives a restore).
 */
import type { ApiStore } from '../api/store.ts';
import type { Kubelet } from '../components/kubelet/kubelet.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { Component } from '../components/component.ts';
import { PodIndex } from './backends.ts';
import type { ProxyTables } from './kube-proxy.ts';
import { late } from '../late.ts';
import { servicePortsFromStore, type ServicePortInfo } from './service-ports.ts';

/** xt_recent lists on one node: list name → source IP → last seen (ms). */
export type RecentLists = Map<string, Map<string, number>>;

/** What a snapshot keeps of the network: the `recent` lists (node → list → source → last seen ms). */
export interface NetworkState {
  recent: Record<string, Record<string, Record<string, number>>>;
}

export class Network implements Component {
  readonly name = 'network';
  readonly pods: PodIndex;
  private dirty = true;
  private ports: ServicePortInfo[] = [];
  private tablesByNode = new Map<string, ProxyTables>();
  private recentByNode = new Map<string, RecentLists>();

  constructor(
    readonly store: ApiStore,
    readonly kernel: Kernel,
    readonly kubelet: (node: string) => Kubelet | undefined,
  ) {
    this.pods = new PodIndex(store);
    // kube-proxy resyncs on Service and EndpointSlice events only (leases and events do not count).
    const from = { resourceVersion: store.resourceVersion };
    for (const kind of ['services', 'endpointslices']) store.watch(kind, () => (this.dirty = true), from);
    store.watch('pods', () => this.pods.invalidate(), from);
  }

  private refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.ports = servicePortsFromStore(this.store);
    this.tablesByNode.clear();
  }

  servicePorts(): ServicePortInfo[] {
    this.refresh();
    return this.ports;
  }

  /** The nat and filter tables kube-proxy on `node` has programmed. */
  tables(node: string): ProxyTables {
    this.refresh();
    let t = this.tablesByNode.get(node);
    if (!t) {
      t = late().buildProxyTables(this.ports, node);
      this.tablesByNode.set(node, t);
    }
    return t;
  }

  /** Nothing to watch beyond the constructor's watches; present so the network snapshots as a component. */
  start(): void {}

  save(): NetworkState {
    const recent: NetworkState['recent'] = {};
    for (const node of [...this.recentByNode.keys()].sort()) {
      const lists: Record<string, Record<string, number>> = {};
      for (const [name, list] of [...this.recentByNode.get(node)!].sort(([a], [b]) => (a < b ? -1 : 1))) lists[name] = Object.fromEntries([...list].sort(([a], [b]) => (a < b ? -1 : 1)));
      recent[node] = lists;
    }
    return { recent };
  }

  load(state: unknown): void {
    const recent = (state as NetworkState | undefined)?.recent ?? {};
    this.recentByNode = new Map(Object.entries(recent).map(([node, lists]) => [node, new Map(Object.entries(lists).map(([n, l]) => [n, new Map(Object.entries(l))]))]));
  }

  recent(node: string): RecentLists {
    let r = this.recentByNode.get(node);
    if (!r) {
      r = new Map();
      this.recentByNode.set(node, r);
    }
    return r;
  }
}

const NETWORKS = new WeakMap<ApiStore, Network>();

/** Registers the network of the simulation that owns `store`. */
export function attachNetwork(net: Network): void {
  NETWORKS.set(net.store, net);
}

/** The network of the simulation that owns `store`, once attached. */
export function networkOf(store: ApiStore): Network | undefined {
  return NETWORKS.get(store);
}
