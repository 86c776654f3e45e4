/**
 * `kubectl describe networkpolicy` (describe.go describeNetworkPolicy): the pod selector, then
 * each direction the policy's types enable with its rules — ports, then peers — separated by
 * dashes, and the policy types. The `PodSelector:` line really carries four extra spaces (the
 * value is written at level 2 after a level-1 label), as kubectl prints it.
 */
import type { KObject, LabelSelector } from '../../../engine/api/types.ts';
import { formatLabelSelector } from '../selector.ts';
import type { DescribeContext } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, printAnnotationsMultiline, printLabelsMultiline, tabbedString, type PrefixWriter } from './writer.ts';

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr?: string; except?: string[] };
}

interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

interface Rule {
  ports?: PolicyPort[];
  peers?: Peer[];
}

interface PolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: { from?: Peer[]; ports?: PolicyPort[] }[];
  egress?: { to?: Peer[]; ports?: PolicyPort[] }[];
}

const INDENT = '    ';

export function describeNetworkPolicyObject(_ctx: DescribeContext, obj: KObject): string {
  const spec = ((obj as KObject & { spec?: PolicySpec }).spec ?? {}) as PolicySpec;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Created on:\t${goTimeString(obj.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    describeSpec(spec, w);
  });
}

function describeSpec(spec: PolicySpec, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Spec:\n');
  w.write(LEVEL_1, 'PodSelector: ');
  const sel = spec.podSelector ?? {};
  const empty = Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
  w.write(LEVEL_2, empty ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${formatLabelSelector(sel)}\n`);
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(LEVEL_1, 'Allowing ingress traffic:\n');
    printRules((spec.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from })), 'ingress', 'From', 'source', w);
  } else {
    w.write(LEVEL_1, 'Not affecting ingress traffic\n');
  }
  if (types.includes('Egress')) {
    w.write(LEVEL_1, 'Allowing egress traffic:\n');
    printRules((spec.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })), 'egress', 'To', 'destination', w);
  } else {
    w.write(LEVEL_1, 'Not affecting egress traffic\n');
  }
  w.write(LEVEL_1, `Policy Types: ${types.join(', ')}\n`);
}

/** printNetworkPolicySpecIngressFrom / EgressTo: the two differ only in their words. */
function printRules(rules: readonly Rule[], direction: string, peerWord: string, restricted: string, w: PrefixWriter): void {
  if (rules.length === 0) {
    w.write(LEVEL_0, `${INDENT}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    const ports = rule.ports ?? [];
    if (ports.length === 0) w.write(LEVEL_0, `${INDENT}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const port = p.port === undefined ? '<nil>' : String(p.port);
      if (p.endPort === undefined) w.write(LEVEL_0, `${INDENT}To Port: ${port}/${proto}\n`);
      else w.write(LEVEL_0, `${INDENT}To Port Range: ${port}-${p.endPort}/${proto}\n`);
    }
    const peers = rule.peers ?? [];
    if (peers.length === 0) w.write(LEVEL_0, `${INDENT}${peerWord}: <any> (traffic not restricted by ${restricted})\n`);
    for (const peer of peers) printPeer(peer, peerWord, w);
    if (i !== rules.length - 1) w.write(LEVEL_0, `${INDENT}----------\n`);
  });
}

function printPeer(peer: Peer, peerWord: string, w: PrefixWriter): void {
  w.write(LEVEL_0, `${INDENT}${peerWord}:\n`);
  if (peer.podSelector && peer.namespaceSelector) {
    w.write(LEVEL_1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    w.write(LEVEL_1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
  } else if (peer.podSelector) {
    w.write(LEVEL_1, `${INDENT}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
  } else if (peer.namespaceSelector) {
    w.write(LEVEL_1, `${INDENT}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
  } else if (peer.ipBlock) {
    w.write(LEVEL_1, `${INDENT}IPBlock:\n`);
    w.write(LEVEL_2, `${INDENT}CIDR: ${peer.ipBlock.cidr ?? ''}\n`);
    w.write(LEVEL_2, `${INDENT}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
  }
}

/** Go's time.Time String() of an API timestamp (UTC, whole seconds): `2025-01-01 00:00:10 +0000 UTC`. */
function goTimeString(ts: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(ts ?? '');
  return m ? `${m[1]} ${m[2]} +0000 UTC` : '0001-01-01 00:00:00 +0000 UTC';
}
