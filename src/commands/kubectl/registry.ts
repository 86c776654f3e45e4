/**
 * The kubectl verbs, as registered data (one file per verb under verbs/). The dispatcher, help
 * output and (later) tab completion all read this list.
 */
import type { FlagSpec } from '../flags.ts';
import type { Command } from '../types.ts';
import { applyCommand } from './verbs/apply.ts';
import { autoscaleCommand } from './verbs/autoscale.ts';
import { cordonCommand, uncordonCommand } from './verbs/cordon.ts';
import { createCommand } from './verbs/create.ts';
import { deleteCommand } from './verbs/delete.ts';
import { drainCommand } from './verbs/drain.ts';
import { describeCommand } from './verbs/describe.ts';
import { execCommand } from './verbs/exec.ts';
import { exposeCommand } from './verbs/expose.ts';
import { getCommand } from './verbs/get.ts';
import { logsCommand } from './verbs/logs.ts';
import { rolloutCommand } from './verbs/rollout.ts';
import { scaleCommand } from './verbs/scale.ts';
import { setCommand } from './verbs/set.ts';
import { taintCommand } from './verbs/taint.ts';
import { topCommand } from './verbs/top.ts';

export const KUBECTL_VERBS: readonly Command[] = [
  createCommand,
  getCommand,
  deleteCommand,
  topCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  describeCommand,
  logsCommand,
  execCommand,
  applyCommand,
  autoscaleCommand,
  exposeCommand,
  scaleCommand,
  rolloutCommand,
  setCommand,
];

/** Flags every kubectl verb accepts (kubectl options). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: 'If present, the namespace scope for this CLI request' },
  { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' },
  { name: 'context', type: 'string', usage: 'The name of the kubeconfig context to use' },
  { name: 'kubeconfig', type: 'string', usage: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'v', short: 'v', type: 'string', usage: 'number for the log level verbosity' },
  { name: 'request-timeout', type: 'string', usage: 'The length of time to wait before giving up on a single server request.' },
];

export function findVerb(name: string): Command | undefined {
  return KUBECTL_VERBS.find((c) => c.name === name || c.aliases?.includes(name));
}
