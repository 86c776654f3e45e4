/**
 * The built-in labs, in course order. Each is typed data with its own reference solution;
 * tests/scenario/labs runs every solution (for several variant seeds) and a wrong answer.
 */
import type { Lab } from '../types.ts';
import { podsLab } from './01-pods.ts';
import { qosLab } from './02-qos.ts';
import { oomLab } from './03-oom-crashloop.ts';
import { probesLab } from './04-probes.ts';
import { replicaSetsLab } from './05-replicasets.ts';
import { scalingLab } from './06-scaling.ts';
import { rolloutLab } from './07-rollout.ts';
import { schedulingLab } from './08-scheduling.ts';
import { nodeFailureLab } from './09-node-failure.ts';
import { servicesLab } from './10-services.ts';
import { configLab } from './11-config.ts';
import { volumesLab } from './12-volumes.ts';
import { hpaLab } from './13-hpa.ts';
import { quotasLab } from './14-quotas.ts';

export const BUILTIN_LABS: readonly Lab[] = [
  podsLab,
  qosLab,
  oomLab,
  probesLab,
  replicaSetsLab,
  scalingLab,
  rolloutLab,
  schedulingLab,
  nodeFailureLab,
  servicesLab,
  configLab,
  volumesLab,
  hpaLab,
  quotasLab,
];

/** The built-in lab with this id, or undefined. */
export function builtinLab(id: string): Lab | undefined {
  return BUILTIN_LABS.find((l) => l.id === id);
}
