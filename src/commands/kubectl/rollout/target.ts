/**
 * What every `kubectl rollout` subcommand starts from: the Deployment named by `TYPE NAME` or
 * `TYPE/NAME` in the request namespace. Deployments, DaemonSets and StatefulSets roll out; other
 * kinds get kubectl's "not implemented" / "not supported" wording.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { parseResourceArgs } from '../resources.ts';

/** A resolved rollout target. */
export interface RolloutTarget {
  rt: ResourceType;
  namespace: string;
  name: string;
}

/** The namespace of the request: -n, else `default`. */
export function requestNamespace(args: ParsedArgs): string {
  return (args.flags.namespace as string | undefined) || 'default';
}

/** The targets named on the command line; `required resource not specified` when there are none. */
export function rolloutTargets(args: ParsedArgs, rest: readonly string[]): RolloutTarget[] {
  if (rest.length === 0) throw new CommandError('error: required resource not specified');
  const sel = parseResourceArgs(rest);
  if (sel.names.length === 0) throw new CommandError('error: required resource not specified');
  const namespace = requestNamespace(args);
  return sel.names.map((n) => ({ rt: n.type, namespace, name: n.name }));
}

/** The Deployment a target names (NotFound as the API server says it). */
export function getDeployment(ctx: CommandContext, t: RolloutTarget): Deployment {
  return ctx.sim.store.get<Deployment>(t.rt, t.namespace, t.name);
}

/** The object a target names, whatever its kind. */
export function getTarget(ctx: CommandContext, t: RolloutTarget): KObject {
  return ctx.sim.store.get(t.rt, t.namespace, t.name);
}

/** schema.GroupKind's String(): `Pod`, `ReplicaSet.apps` (kubectl's "not implemented" errors). */
export function groupKind(t: RolloutTarget): string {
  return t.rt.group ? `${t.rt.kind}.${t.rt.group}` : t.rt.kind;
}
