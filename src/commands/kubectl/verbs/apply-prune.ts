/**
 * `kubectl apply --prune` (client-side apply, kubectl v1.31 pkg/cmd/apply/prune.go): once every
 * object has been applied without error, each kind of the allowlist is listed in every namespace
 * an applied object went to (cluster-scoped kinds once), with the `-l` selector; an object that
 * carries the last-applied annotation and is not one of the applied objects is deleted and printed
 * as `KIND/NAME pruned`. A client dry run only prints; a server dry run deletes with dryRun.
 */
import { resourceForKind, type ResourceType } from '../../../engine/api/resources.ts';
import type { PropagationPolicy } from '../../../engine/api/store.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { dryRunSuffix, klogLine, type DryRun } from './common.ts';
import { ObjectPrinter, type ObjectFormat } from './metadata-edit.ts';

/** One kind to prune: `group/version/kind` as --prune-allowlist names it. */
export interface PruneKind {
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
}

/** getRESTMappings' default allowlist, in kubectl's order. */
const DEFAULT_ALLOWLIST: readonly PruneKind[] = [
  ['', 'ConfigMap', true],
  ['', 'Endpoints', true],
  ['', 'Namespace', false],
  ['', 'PersistentVolumeClaim', true],
  ['', 'PersistentVolume', false],
  ['', 'Pod', true],
  ['', 'ReplicationController', true],
  ['', 'Secret', true],
  ['', 'Service', true],
  ['batch', 'Job', true],
  ['batch', 'CronJob', true],
  ['networking.k8s.io', 'Ingress', true],
  ['apps', 'DaemonSet', true],
  ['apps', 'Deployment', true],
  ['apps', 'ReplicaSet', true],
  ['apps', 'StatefulSet', true],
].map(([group, kind, namespaced]) => ({ group: group as string, version: 'v1', kind: kind as string, namespaced: namespaced as boolean }));

/** What --prune needs once the objects are applied. */
export interface PrunePlan {
  kinds: readonly PruneKind[];
  selector: string;
  propagationPolicy: PropagationPolicy;
  gracePeriodSeconds?: number;
}

const apiVersionOf = (k: { group: string; version: string }): string => (k.group ? `${k.group}/${k.version}` : k.version);

/** parsePruneResources: `group/version/kind`, `core` for the legacy group, kinds the server serves. */
export function parsePruneAllowlist(entries: readonly string[]): PruneKind[] {
  return entries.map((entry) => {
    const parts = entry.split('/');
    if (parts.length !== 3) throw new CommandError(`error: invalid GroupVersionKind format: ${entry}, please follow <group/version/kind>`);
    const group = parts[0] === 'core' ? '' : parts[0];
    const [, version, kind] = parts;
    const rt = resourceForKind(apiVersionOf({ group, version }), kind);
    if (!rt) throw new CommandError(`error: no matches for kind "${kind}" in version "${apiVersionOf({ group, version })}"`);
    return { group, version, kind, namespaced: rt.namespaced };
  });
}

/** The allowlist asked for, or kubectl's default one. */
export function pruneKinds(allowlist: readonly string[]): readonly PruneKind[] {
  return allowlist.length > 0 ? parsePruneAllowlist(allowlist) : DEFAULT_ALLOWLIST;
}

/** DeleteFlags.ToOptions' cascade: background, foreground or orphan (old booleans with a warning). */
export function cascadeFlag(ctx: CommandContext, flag: string): PropagationPolicy {
  const named: Record<string, PropagationPolicy> = { orphan: 'Orphan', foreground: 'Foreground', background: 'Background' };
  if (Object.hasOwn(named, flag)) return named[flag];
  const isTrue = ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(flag);
  if (isTrue || ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(flag)) {
    const replacement = isTrue ? 'background' : 'orphan';
    ctx.io.err(`warning: --cascade=${flag} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`);
    return isTrue ? 'Background' : 'Orphan';
  }
  throw new CommandError(`error: invalid cascade value (${flag}). Must be "background", "foreground", or "orphan"`);
}

/** ApplyOptions.Validate's checks of --all, -l and --prune. */
export function validatePruneFlags(args: ParsedArgs): void {
  const selector = String(args.flags.selector);
  const all = args.flags.all === true;
  if (all && selector !== '') throw new CommandError('error: cannot set --all and --selector at the same time');
  if (args.flags.prune === true && !all && selector === '') {
    throw new CommandError(
      'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector',
    );
  }
}

/** What apply visited: the namespaces objects went to and the uids of the objects applied. */
export interface Visited {
  namespaces: Set<string>;
  uids: Set<string>;
}

/** pruner.pruneAll: namespaced kinds in each visited namespace (in name order), then cluster-scoped kinds. */
export function pruneAll(ctx: CommandContext, plan: PrunePlan, visited: Visited, dryRun: DryRun, format: ObjectFormat | undefined): void {
  if (plan.kinds === DEFAULT_ALLOWLIST) {
    ctx.io.err(
      klogLine(
        'W',
        ctx.sim.now,
        'prune.go:71',
        'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.',
      ),
    );
  }
  // Kinds of the default allowlist that Podlab does not serve (ReplicationController, Ingress) have nothing to prune.
  const kinds = plan.kinds.map((k) => ({ k, rt: resourceForKind(apiVersionOf(k), k.kind) })).filter((x): x is { k: PruneKind; rt: ResourceType } => x.rt !== undefined);
  const namespaces = [...visited.namespaces].sort();
  for (const ns of namespaces) for (const { k, rt } of kinds) if (k.namespaced) pruneKind(ctx, plan, rt, ns, visited, dryRun, format);
  for (const { k, rt } of kinds) if (!k.namespaced) pruneKind(ctx, plan, rt, undefined, visited, dryRun, format);
}

function pruneKind(
  ctx: CommandContext,
  plan: PrunePlan,
  rt: ResourceType,
  namespace: string | undefined,
  visited: Visited,
  dryRun: DryRun,
  format: ObjectFormat | undefined,
): void {
  const items = ctx.sim.store.list(rt, { namespace: rt.namespaced ? namespace : undefined, labelSelector: plan.selector }).items;
  for (const obj of items) {
    if (obj.metadata.annotations?.[LAST_APPLIED_ANNOTATION] === undefined) continue;
    if (visited.uids.has(obj.metadata.uid ?? '')) continue;
    if (dryRun !== 'client') {
      ctx.sim.store.delete(rt, obj.metadata.namespace ?? '', obj.metadata.name ?? '', {
        dryRun: dryRun === 'server',
        propagationPolicy: plan.propagationPolicy,
        gracePeriodSeconds: plan.gracePeriodSeconds,
      });
    }
    // kubectl makes a new printer for each pruned object, so YAML documents get no `---` line.
    new ObjectPrinter(ctx.io).print(format, rt, listItem(rt, obj), `pruned${dryRunSuffix(dryRun)}`);
  }
}

/** A listed object as the dynamic client returns it: with its apiVersion and kind. */
function listItem(rt: ResourceType, obj: KObject): KObject {
  return { ...obj, apiVersion: obj.apiVersion ?? rt.apiVersion, kind: obj.kind ?? rt.kind };
}
