/**
 * What the `kubectl create` generators built from kubectl's recorded help share (Role,
 * ClusterRole, RoleBinding, ClusterRoleBinding, ServiceAccount, Ingress): the cobra command, the
 * object printed as kubectl prints it under `--dry-run=client` (name, -o yaml|json|name|jsonpath...,
 * the apply annotation with --save-config), and the create request. A kind the store registers
 * (engine/api/resources.ts) is created for real; one it does not yet is refused in kubectl's
 * style when the object would have to reach the API server.
 */
import { resourceForKind, type ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { dryRunMode } from './common.ts';
import { checkRequiredFlags, printCreated } from './create-generator.ts';
import { MORE_GENERATOR_HELP } from './create-more-help.ts';

/** A kind the API server has, described as discovery does (for printing under --dry-run=client). */
export interface UnstoredKind {
  kind: string;
  group: string;
  plural: string;
  namespaced: boolean;
}

export const UNSTORED_KINDS: Record<string, UnstoredKind> = {
  Role: { kind: 'Role', group: 'rbac.authorization.k8s.io', plural: 'roles', namespaced: true },
  ClusterRole: { kind: 'ClusterRole', group: 'rbac.authorization.k8s.io', plural: 'clusterroles', namespaced: false },
  RoleBinding: { kind: 'RoleBinding', group: 'rbac.authorization.k8s.io', plural: 'rolebindings', namespaced: true },
  ClusterRoleBinding: { kind: 'ClusterRoleBinding', group: 'rbac.authorization.k8s.io', plural: 'clusterrolebindings', namespaced: false },
  ServiceAccount: { kind: 'ServiceAccount', group: '', plural: 'serviceaccounts', namespaced: true },
  Ingress: { kind: 'Ingress', group: 'networking.k8s.io', plural: 'ingresses', namespaced: true },
};

/** A ResourceType for printing only (`role.rbac.authorization.k8s.io/r`), as --dry-run=client always printed it. */
function printType(k: UnstoredKind): ResourceType {
  return {
    kind: k.kind,
    group: k.group,
    version: 'v1',
    apiVersion: k.group ? `${k.group}/v1` : 'v1',
    plural: k.plural,
    singular: k.kind.toLowerCase(),
    shortNames: [],
    namespaced: k.namespaced,
    hasStatus: false,
    tracksGeneration: false,
    fieldLabels: {},
    categories: [],
    otherApiVersions: [],
    admission: {},
  };
}

export interface UnstoredGeneratorSpec {
  /** The key of its recorded help (MORE_GENERATOR_HELP) and its name under `kubectl create`. */
  name: string;
  aliases?: string[];
  short: string;
  required?: string[];
  /** Complete + Validate + the object, built in its Go struct's field order. */
  build(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject;
}

export function unstoredGeneratorCommand(spec: UnstoredGeneratorSpec): Command {
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
      const kind = UNSTORED_KINDS[obj.kind ?? ''];
      if (args.flags['save-config'] === true) obj = withAnnotation(obj);
      // A kind the store has now (RBAC, Ingress) is created for real; --dry-run=client still
      // prints the object as built, byte for byte as before.
      const stored = resourceForKind(obj.apiVersion, obj.kind);
      if (stored && dryRun !== 'client') {
        printCreated(ctx, args, stored, sendStoredCreate(ctx, stored, obj, args, dryRun === 'server'), dryRun);
        return 0;
      }
      if (dryRun !== 'client') {
        throw new CommandError(
          `error: Podlab does not store ${kind.plural}${kind.group ? `.${kind.group}` : ''} yet: "kubectl create ${spec.name}" works with --dry-run=client only`,
        );
      }
      printCreated(ctx, args, printType(kind), obj, dryRun, true);
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
