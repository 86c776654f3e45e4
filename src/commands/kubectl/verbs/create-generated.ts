/**
 * What the `kubectl create` generators built from kubectl's recorded help share (Role,
 * ClusterRole, RoleBinding, ClusterRoleBinding, Ingress): the cobra command, the object printed
 * as kubectl prints it under `--dry-run=client` (name, -o yaml|json|name|jsonpath..., the apply
 * annotation with --save-config), and the create request through the store.
 */
import { resourceForKind, type ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import type { Command, CommandContext } from '../../types.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { dryRunMode } from './common.ts';
import { checkRequiredFlags, printCreated } from './create-generator.ts';
import { MORE_GENERATOR_HELP } from './create-more-help.ts';

export interface GeneratedKindSpec {
  /** The key of its recorded help (MORE_GENERATOR_HELP) and its name under `kubectl create`. */
  name: string;
  aliases?: string[];
  short: string;
  required?: string[];
  /** Complete + Validate + the object, built in its Go struct's field order. */
  build(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject;
}

export function generatedKindCommand(spec: GeneratedKindSpec): Command {
  const help = MORE_GENERATOR_HELP[spec.name];
  return {
    name: spec.name,
    aliases: spec.aliases,
    short: spec.short,
    long: help.long,
    examples: help.examples,
    usage: help.usage,
    flags: help.flags,
    completion: { args: 'none' },
    run(ctx, args) {
      checkRequiredFlags(args, spec.required ?? []);
      const dryRun = dryRunMode(ctx, args);
      let obj = spec.build(ctx, args, args.positional);
      if (args.flags['save-config'] === true) obj = withAnnotation(obj);
      const rt = resourceForKind(obj.apiVersion, obj.kind);
      if (rt === undefined) throw new Error(`kubectl create ${spec.name}: the store has no kind ${obj.apiVersion}/${obj.kind}`);
      // --dry-run=client prints the object as built (its struct order); otherwise what the store made of it.
      if (dryRun === 'client') printCreated(ctx, args, rt, obj, dryRun, true);
      else printCreated(ctx, args, rt, sendStoredCreate(ctx, rt, obj, args, dryRun === 'server'), dryRun);
      return 0;
    },
  };
}

/** The create request, to -n's namespace (or `default`) for a namespaced kind. */
function sendStoredCreate(ctx: CommandContext, rt: ResourceType, obj: KObject, args: ParsedArgs, dryRun: boolean): KObject {
  const namespace = rt.namespaced ? (obj.metadata.namespace ?? (String(args.flags.namespace ?? '') || 'default')) : undefined;
  return ctx.sim.store.create(obj, { dryRun, namespace });
}

/** util.CreateOrUpdateAnnotation: the object's compact JSON (field order, Go's escapes) and a newline. */
function withAnnotation(obj: KObject): KObject {
  const json = JSON.stringify(obj).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const metadata = { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: `${json}\n` } };
  return { ...obj, metadata };
}

/** A StringSlice flag's values: each given value is itself comma separated. */
export function sliceFlag(args: ParsedArgs, name: string): string[] {
  return ((args.flags[name] as string[] | undefined) ?? []).flatMap((v) => v.split(','));
}
