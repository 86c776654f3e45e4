/**
 * `kubectl get serviceaccounts` (printers.go `printServiceAccount`): SECRETS counts the legacy
 * token Secrets listed in `secrets` (0 on a v1.31 cluster, which no longer creates them).
 */
import { translateTimestampSince } from './age.ts';
import { asString, type ResourcePrinter } from './column-types.ts';

export const serviceAccountPrinter: ResourcePrinter = {
  columns: [{ name: 'Name' }, { name: 'Secrets' }, { name: 'Age' }],
  row(sa, ctx) {
    const secrets = Array.isArray(sa.secrets) ? sa.secrets.length : 0;
    return [asString(sa.metadata.name), String(secrets), translateTimestampSince(sa.metadata.creationTimestamp, ctx.nowMs)];
  },
};
