/**
 * `kubectl get resourcequotas` and `kubectl get limitranges` columns (printers.go
 * printResourceQuota / printLimitRange, v1.31). A quota's REQUEST column lists every hard
 * resource as `name: used/hard` except the `limits.*` ones, which go to LIMIT; both sorted by name.
 * A LimitRange shows only its creation time, as an RFC 3339 date.
 */
import { translateTimestampSince } from './age.ts';
import { asRecord, asString, type ResourcePrinter } from './column-types.ts';

/** `name: used/hard` for each hard resource, split into the REQUEST and LIMIT cells. */
export function quotaUsageCells(status: unknown): { request: string; limit: string } {
  const hard = asRecord(asRecord(status).hard);
  const used = asRecord(asRecord(status).used);
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split('.');
    const cell = `${name}: ${asString(used[name]) || '0'}/${asString(hard[name])}`;
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(cell);
  }
  return { request: request.join(', '), limit: limit.join(', ') };
}

export const resourceQuotaPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Age' }, { name: 'Request' }, { name: 'Limit' }],
  row(q, ctx) {
    const { request, limit } = quotaUsageCells(q.status);
    return [asString(q.metadata.name), translateTimestampSince(q.metadata.creationTimestamp, ctx.nowMs), request, limit];
  },
};

export const limitRangePrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Created At' }],
  row(lr) {
    return [asString(lr.metadata.name), asString(lr.metadata.creationTimestamp)];
  },
};
