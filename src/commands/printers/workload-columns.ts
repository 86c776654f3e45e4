/**
 * `kubectl get replicasets`, `deployments` and `daemonsets` columns, following printers.go
 * `printReplicaSet`, `printDeployment` and `printDaemonSet`.
 */
import type { LabelSelector } from '../../engine/api/types.ts';
import { translateTimestampSince } from './age.ts';
import { asArray, asNumber, asRecord, asString, type ResourcePrinter } from './column-types.ts';
import { formatLabelSelector, formatLabels, labelSelectorString } from './selector.ts';

/** CONTAINERS and IMAGES cells (printers.go `layoutContainerCells`): comma-joined, in spec order. */
export function containerCells(template: unknown): [string, string] {
  const containers = asArray(asRecord(asRecord(template).spec).containers).map(asRecord);
  return [containers.map((c) => asString(c.name)).join(','), containers.map((c) => asString(c.image)).join(',')];
}

/** Spec replicas as printed: the API server defaults a missing value to 1. */
function desiredReplicas(spec: Record<string, unknown>): number {
  return typeof spec.replicas === 'number' ? spec.replicas : 1;
}

/** ReplicaSet table printer. */
export const replicaSetPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(rs, ctx) {
    const spec = asRecord(rs.spec);
    const status = asRecord(rs.status);
    const [names, images] = containerCells(spec.template);
    return [
      asString(rs.metadata.name),
      String(desiredReplicas(spec)),
      String(asNumber(status.replicas)),
      String(asNumber(status.readyReplicas)),
      translateTimestampSince(rs.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(spec.selector as LabelSelector | undefined),
    ];
  },
};

/** Deployment table printer; its SELECTOR is the raw selector string (`''` if empty, `<invalid>` if bad). */
export const deploymentPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(deploy, ctx) {
    const spec = asRecord(deploy.spec);
    const status = asRecord(deploy.status);
    const [names, images] = containerCells(spec.template);
    return [
      asString(deploy.metadata.name),
      `${asNumber(status.readyReplicas)}/${desiredReplicas(spec)}`,
      String(asNumber(status.updatedReplicas)),
      String(asNumber(status.availableReplicas)),
      translateTimestampSince(deploy.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      labelSelectorString(spec.selector as LabelSelector | undefined) ?? '<invalid>',
    ];
  },
};

/**
 * DaemonSet table printer (printers.go `printDaemonSet`): the status counters, then NODE SELECTOR,
 * the template's nodeSelector as `labels.FormatLabels` prints it (`<none>` when empty).
 */
export const daemonSetPrinter: ResourcePrinter = {
  columns: [
    { name: 'Name' },
    { name: 'Desired' },
    { name: 'Current' },
    { name: 'Ready' },
    { name: 'Up-to-date' },
    { name: 'Available' },
    { name: 'Node Selector' },
    { name: 'Age' },
    { name: 'Containers', priority: 1 },
    { name: 'Images', priority: 1 },
    { name: 'Selector', priority: 1 },
  ],
  row(ds, ctx) {
    const spec = asRecord(ds.spec);
    const status = asRecord(ds.status);
    const [names, images] = containerCells(spec.template);
    const nodeSelector = asRecord(asRecord(asRecord(spec.template).spec).nodeSelector) as Record<string, string>;
    return [
      asString(ds.metadata.name),
      String(asNumber(status.desiredNumberScheduled)),
      String(asNumber(status.currentNumberScheduled)),
      String(asNumber(status.numberReady)),
      String(asNumber(status.updatedNumberScheduled)),
      String(asNumber(status.numberAvailable)),
      formatLabels(nodeSelector),
      translateTimestampSince(ds.metadata.creationTimestamp, ctx.nowMs),
      names,
      images,
      formatLabelSelector(spec.selector as LabelSelector | undefined),
    ];
  },
};
