/**
 * What every `kubectl rollout` subcommand starts from: the resource builder of rollout_*.go
 * (v1.31) — `-f FILE`, `TYPE NAME...`, `TYPE/NAME...`, or `TYPE` alone (every object of the type
 * in the request namespace, narrowed by `-l`). Deployments, DaemonSets and StatefulSets roll out;
 * other kinds get kubectl's "not implemented" / "not supported" wording.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { readManifests } from '../manifests.ts';
import { objectNamespace, parseResourceArgs } from '../resources.ts';
import { refuseKustomize } from '../verbs/metadata-edit.ts';

/** A resolved rollout target. */
export interface RolloutTarget {
  rt: ResourceType;
  namespace: string;
  name: string;
}

/** The targets and the errors met while reading manifests (reported with the visit's errors). */
export interface RolloutTargets {
  targets: RolloutTarget[];
  errors: unknown[];
}

/** The namespace of the request: -n (or the context's), else `default`. */
export function requestNamespace(args: ParsedArgs): string {
  return (args.flags.namespace as string | undefined) || 'default';
}

/** Validate's first check: an argument or a file names what to act on. */
export function requireResources(args: ParsedArgs): void {
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  if (args.positional.length === 0 && filenames.length === 0) throw new CommandError('error: required resource not specified');
}

/** The builder's selection; a name together with `-l` is refused in the builder's words. */
export function rolloutTargets(ctx: CommandContext, args: ParsedArgs): RolloutTargets {
  requireResources(args);
  refuseKustomize(args);
  const resources = args.positional;
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  const namespace = requestNamespace(args);
  if (filenames.length > 0) {
    if (resources.length > 0) throw new CommandError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
    const targets = m.objects.map((o) => ({ rt: o.rt, namespace: objectNamespace(o.rt, o.object, namespace), name: o.object.metadata?.name ?? '' }));
    return { targets, errors: m.errors };
  }
  const selector = typeof args.flags.selector === 'string' ? args.flags.selector : '';
  const sel = parseResourceArgs(resources);
  if (sel.names.length > 0) {
    if (selector !== '') {
      const slashForm = resources.some((r) => r.includes('/'));
      throw new CommandError(slashForm ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
    }
    return { targets: sel.names.map((n) => ({ rt: n.type, namespace: n.type.namespaced ? namespace : '', name: n.name })), errors: [] };
  }
  // ResourceTypeOrNameArgs(allowEmptySelector=true): a type alone means all of its objects.
  const targets = sel.types.flatMap((rt) =>
    ctx.sim.store
      .list(rt, { namespace: rt.namespaced ? namespace : undefined, labelSelector: selector })
      .items.map((o) => ({ rt, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' })),
  );
  return { targets, errors: [] };
}

/** What status, pause, resume and restart say on stderr when a type names no object (history and undo say nothing). */
export function noResourcesFound(args: ParsedArgs): string {
  return `No resources found in ${requestNamespace(args)} namespace.\n`;
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

/** `deployments.apps`: the resource as the patching subcommands name it in errors. */
export function resourceString(t: RolloutTarget): string {
  return t.rt.group ? `${t.rt.plural}.${t.rt.group}` : t.rt.plural;
}
