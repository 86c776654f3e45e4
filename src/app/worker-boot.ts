/**
 * What the worker needs before the command layer has loaded: the default cluster and its first
 * view. The command layer (kubectl, sim, the OpenAPI schema, yaml, time travel: live-cluster.ts
 * and worker-lazy.ts) is most of the worker's code and none of it is needed to draw the default
 * cluster, so worker.ts loads it as a separate chunk right after posting this view, and queues
 * every message that arrives meanwhile (handled in order once it is there).
 */
import { Simulation } from '../engine/simulation.ts';
import type { ClusterView } from './protocol.ts';
import { deriveView } from './view-model.ts';

/** The live session's seed: the default cluster of `podlab run` without `--seed`. */
export const LIVE_SEED = 1;

/** The default cluster exactly as the live session's would be (Session builds `Simulation.create(seed)`). */
export function bootSimulation(): Simulation {
  return Simulation.create(LIVE_SEED);
}

/** The first view: paused at speed 1, a history of one moment (what LiveCluster reports before any command). */
export function bootView(sim: Simulation): ClusterView {
  return { ...deriveView(sim, false, 1), history: { start: sim.now, end: sim.now, past: false, markers: [], snapshots: 1, commands: 0 } };
}
