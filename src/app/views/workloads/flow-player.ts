/**
 * The controller-flow animation as pure state: which recorded action is shown and how far its
 * token has travelled along the loop (watch event → controller → API call → scheduler → kubelet).
 * The records are the worker's (real writes and the components that made them); this only paces
 * them, so a student can slow the loop down and follow one action at a time.
 */
import type { FlowRecord, FlowStage } from '../../protocol.ts';

export const FLOW_STAGES: readonly FlowStage[] = ['watch', 'controller', 'api', 'scheduler', 'kubelet'];

export const FLOW_STAGE_NAMES: Record<FlowStage, string> = {
  watch: 'Watch event',
  controller: 'Controller',
  api: 'API call',
  scheduler: 'Scheduler',
  kubelet: 'Kubelet',
};

/** Real ms a token spends on one stage at speed 1. */
export const STEP_BASE_MS = 900;
/** The speeds the Flow speed slider offers (slower to the left). */
export const FLOW_SPEEDS = [0.1, 0.25, 0.5, 1, 2, 4] as const;
/** Unplayed actions kept waiting at most; older ones are skipped so the flow keeps up with the cluster. */
export const BACKLOG_MAX = 4;

export interface FlowCursor {
  /** The record shown ('' before any). */
  id: string;
  /** Index into that record's steps the token has reached. */
  step: number;
}

export const NO_CURSOR: FlowCursor = { id: '', step: 0 };

/** Real ms per stage at `speed`. */
export function stepMs(speed: number): number {
  return STEP_BASE_MS / Math.max(0.01, speed);
}

/**
 * The next cursor after one pacing interval: the token moves one step along its record; at the
 * end it stays until a newer record exists, then starts that one (skipping ahead when more than
 * BACKLOG_MAX are waiting). Undefined when nothing is to move.
 */
export function advanceCursor(records: readonly FlowRecord[], cursor: FlowCursor): FlowCursor | undefined {
  if (records.length === 0) return undefined;
  const i = records.findIndex((r) => r.id === cursor.id);
  if (i >= 0 && cursor.step + 1 < records[i].steps.length) return { id: cursor.id, step: cursor.step + 1 };
  const next = i < 0 ? Math.max(0, records.length - 1) : i + 1;
  if (next >= records.length) return undefined;
  const skipped = Math.max(next, records.length - BACKLOG_MAX);
  return { id: records[skipped].id, step: 0 };
}

/** Where the token is drawn: the stage's index among FLOW_STAGES. */
export function stageIndex(stage: FlowStage): number {
  return FLOW_STAGES.indexOf(stage);
}

/** How many records wait after the cursor's. */
export function backlog(records: readonly FlowRecord[], cursor: FlowCursor): number {
  const i = records.findIndex((r) => r.id === cursor.id);
  return i < 0 ? records.length : records.length - 1 - i;
}
