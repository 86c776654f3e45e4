/**
 * Tables for resources with a handful of plain columns: namespaces, configmaps, secrets, leases,
 * and the fallback used for any other kind (NAME, AGE — what `kubectl get` shows for a custom
 * resource without printer columns).
 */
import { translateTimestampSince } from './age.ts';
import { asRecord, asString, type ResourcePrinter } from './column-types.ts';

function size(value: unknown): number {
  return Object.keys(asRecord(value)).length;
}

/** Namespace table printer: NAME, STATUS (the phase), AGE. */
export const namespacePrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Status' }, { name: 'Age' }],
  row(ns, ctx) {
    return [
      asString(ns.metadata.name),
      asString(asRecord(ns.status).phase),
      translateTimestampSince(ns.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

/** ConfigMap table printer: DATA counts `data` plus `binaryData` keys. */
export const configMapPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Data' }, { name: 'Age' }],
  row(cm, ctx) {
    return [
      asString(cm.metadata.name),
      String(size(cm.data) + size(cm.binaryData)),
      translateTimestampSince(cm.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

/** Secret table printer: TYPE as stored, DATA counts `data` keys. */
export const secretPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Type' }, { name: 'Data' }, { name: 'Age' }],
  row(secret, ctx) {
    return [
      asString(secret.metadata.name),
      asString(secret.type),
      String(size(secret.data)),
      translateTimestampSince(secret.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};

/** Fallback table printer: NAME, AGE. */
export const genericPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Age' }],
  row(obj, ctx) {
    return [asString(obj.metadata.name), translateTimestampSince(obj.metadata.creationTimestamp, ctx.nowMs)];
  },
};

/** Lease table printer (printers.go `printLease`): HOLDER is spec.holderIdentity, blank when unset. */
export const leasePrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Holder' }, { name: 'Age' }],
  row(lease, ctx) {
    return [
      asString(lease.metadata.name),
      asString(asRecord(lease.spec).holderIdentity),
      translateTimestampSince(lease.metadata.creationTimestamp, ctx.nowMs),
    ];
  },
};
