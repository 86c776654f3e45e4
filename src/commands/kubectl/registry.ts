/**
 * The kubectl verbs, as registered data (one file per verb under verbs/). The dispatcher, help
 * output and (later) tab completion all read this list.
 */
import type { FlagSpec } from '../flags.ts';
import type { Command } from '../types.ts';
import { annotateCommand } from './verbs/annotate.ts';
import { applyCommand } from './verbs/apply.ts';
import { authCommand } from './verbs/auth.ts';
import { autoscaleCommand } from './verbs/autoscale.ts';
import { apiResourcesCommand } from './verbs/api-resources.ts';
import { apiVersionsCommand } from './verbs/api-versions.ts';
import { clusterInfoCommand } from './verbs/cluster-info.ts';
import { configCommand } from './verbs/config.ts';
import { eventsCommand } from './verbs/events.ts';
import { cordonCommand, uncordonCommand } from './verbs/cordon.ts';
import { createCommand } from './verbs/create.ts';
import { deleteCommand } from './verbs/delete.ts';
import { drainCommand } from './verbs/drain.ts';
import { editCommand } from './verbs/edit.ts';
import { describeCommand } from './verbs/describe.ts';
import { execCommand } from './verbs/exec.ts';
import { explainCommand } from './verbs/explain.ts';
import { exposeCommand } from './verbs/expose.ts';
import { getCommand } from './verbs/get.ts';
import { labelCommand } from './verbs/label.ts';
import { logsCommand } from './verbs/logs.ts';
import { patchCommand } from './verbs/patch.ts';
import { rolloutCommand } from './verbs/rollout.ts';
import { runCommand } from './verbs/run.ts';
import { scaleCommand } from './verbs/scale.ts';
import { setCommand } from './verbs/set.ts';
import { taintCommand } from './verbs/taint.ts';
import { topCommand } from './verbs/top.ts';
import { versionCommand } from './verbs/version.ts';
import { waitCommand } from './verbs/wait.ts';

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
  runCommand,
  setCommand,
  clusterInfoCommand,
  eventsCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  versionCommand,
  labelCommand,
  annotateCommand,
  patchCommand,
  waitCommand,
  explainCommand,
  editCommand,
  authCommand,
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
