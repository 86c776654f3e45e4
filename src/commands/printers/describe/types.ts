/**
 * What a describer gets: read access to the API store (describers fetch related objects — events,
 * a node's pods, its Lease — as kubectl's do through the clientset), the simulated time ages are
 * measured against, and describe's settings.
 */
import type { ApiStore } from '../../../engine/api/store.ts';
import type { KObject } from '../../../engine/api/types.ts';

export interface DescribeContext {
  store: Pick<ApiStore, 'get' | 'list' | 'tryGet'>;
  /** Simulated now (ms since the simulation epoch), for ages. */
  nowMs: number;
  /** `--show-events` (default true). */
  showEvents: boolean;
}

/** A describer for one kind: the text `kubectl describe` prints for one object. */
export type Describer = (ctx: DescribeContext, obj: KObject) => string;
