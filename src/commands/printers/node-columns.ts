/**
 * `kubectl get nodes` columns, following printers.go `printNode`.
 */
import { translateTimestampSince } from './age.ts';
import { asArray, asRecord, asString, type ResourcePrinter } from './column-types.ts';
import { compareGoStrings } from './selector.ts';

const ROLE_PREFIX = 'node-role.kubernetes.io/';
const LEGACY_ROLE_LABEL = 'kubernetes.io/role';

/** STATUS: `Ready`, `NotReady` or `Unknown` (no Ready condition), plus `,SchedulingDisabled`. */
export function nodeStatus(spec: Record<string, unknown>, status: Record<string, unknown>): string {
  const parts: string[] = [];
  // printers.go keeps the last condition of each type (map assignment), then looks at Ready.
  const ready = asArray(status.conditions)
    .map(asRecord)
    .filter((c) => c.type === 'Ready')
    .pop();
  if (ready !== undefined) parts.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (parts.length === 0) parts.push('Unknown');
  if (spec.unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

/** ROLES: sorted, de-duplicated `node-role.kubernetes.io/<role>` suffixes and `kubernetes.io/role` values. */
export function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels ?? {})) {
    if (key.startsWith(ROLE_PREFIX)) {
      const role = key.slice(ROLE_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === LEGACY_ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return [...roles].sort(compareGoStrings).join(',') || '<none>';
}

function address(status: Record<string, unknown>, type: string): string {
  const found = asArray(status.addresses)
    .map(asRecord)
    .find((a) => a.type === type);
  return found === undefined ? '<none>' : asString(found.address);
}

/** Node table printer (printers.go `nodeColumnDefinitions` / `printNode`). */
export const nodePrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Status' },
    { name: 'Roles' },
    { name: 'Age' },
    { name: 'Version' },
    { name: 'Internal-IP', priority: 1 },
    { name: 'External-IP', priority: 1 },
    { name: 'OS-Image', priority: 1 },
    { name: 'Kernel-Version', priority: 1 },
    { name: 'Container-Runtime', priority: 1 },
  ],
  row(node, ctx) {
    const spec = asRecord(node.spec);
    const status = asRecord(node.status);
    const info = asRecord(status.nodeInfo);
    return [
      asString(node.metadata.name),
      nodeStatus(spec, status),
      nodeRoles(node.metadata.labels),
      translateTimestampSince(node.metadata.creationTimestamp, ctx.nowMs),
      asString(info.kubeletVersion),
      address(status, 'InternalIP'),
      address(status, 'ExternalIP'),
      asString(info.osImage) || '<unknown>',
      asString(info.kernelVersion) || '<unknown>',
      asString(info.containerRuntimeVersion) || '<unknown>',
    ];
  },
};
