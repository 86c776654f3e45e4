/** Pieces several kubectl verbs share: --dry-run, -f, and the namespace of an object. */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject, PodSpec } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { formatMicroTimestamp } from '../../../engine/kernel/time.ts';

export type DryRun = 'none' | 'client' | 'server';

/** `-f` and `-R`, as kubectl's AddFilenameOptionFlags adds them (the usage text varies by verb). */
export function filenameFlags(usage: string): FlagSpec[] {
  return [
    { name: 'filename', short: 'f', type: 'strings', default: [], usage },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively.' },
  ];
}

/** `--dry-run`, as kubectl's AddDryRunFlag adds it; bare `--dry-run` is refused by dryRunMode. */
export const DRY_RUN_FLAG: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
  usage:
    'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

/** `--validate`: the fieldValidation directive sent with each write (manifests.ts fieldValidation/decodeForServer). */
export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: 'strict',
  noOptDefault: 'strict',
  usage:
    'Must be one of: strict (or true), warn, ignore (or false). \t\t"true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t"warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. \t\t"false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
};

export function dryRunMode(ctx: CommandContext, args: ParsedArgs): DryRun {
  const v = String(args.flags['dry-run']);
  if (v === 'none' || v === 'false') return 'none';
  if (v === 'client' || v === 'true') return 'client';
  if (v === 'server') return 'server';
  if (v === 'unchanged') {
    // A bare --dry-run: kubectl 1.31 takes it as client, with klog's warning (later versions refuse it).
    ctx.io.err(klogLine('W', ctx.sim.now, 'helpers.go:703', '--dry-run is deprecated and can be replaced with --dry-run=client.'));
    return 'client';
  }
  throw new CommandError(`error: Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/**
 * A klog line as kubectl writes it to stderr: `W1203 03:02:15.096665   27057 helpers.go:703] msg`,
 * stamped with the simulated clock; the process id is a constant, the simulation being one process.
 */
export function klogLine(severity: 'I' | 'W' | 'E', nowMs: number, source: string, message: string): string {
  const iso = formatMicroTimestamp(nowMs); // 2025-01-01T00:00:00.000000Z
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 26)}`;
  return `${severity}${stamp} ${String(KLOG_PID).padStart(7)} ${source}] ${message}\n`;
}

const KLOG_PID = 1;

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}

export function requireFilenames(args: ParsedArgs, message: string): string[] {
  const filenames = args.flags.filename as string[];
  if (filenames.length === 0) throw new CommandError(message);
  return filenames;
}

/**
 * The namespace an object from a manifest goes to: its own, else -n, else `default`; an explicit
 * -n that disagrees with the manifest is refused as kubectl refuses it.
 */
export function resolveNamespace(rt: ResourceType, obj: KObject, args: ParsedArgs): string {
  if (!rt.namespaced) return '';
  const flagNs = args.set.has('namespace') ? String(args.flags.namespace) : undefined;
  const own = obj.metadata?.namespace;
  if (own && flagNs && own !== flagNs) {
    throw new CommandError(
      `error: the namespace from the provided object "${own}" does not match the namespace "${flagNs}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  // Without -n: the kubeconfig context's namespace (filled in by runKubectl), else default.
  return own || flagNs || String(args.flags.namespace ?? '') || 'default';
}

/** The pod spec a workload carries (a Pod's own, or its template's). */
export function podSpecOf(obj: KObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as PodSpec;
  const spec = obj.spec as { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}
