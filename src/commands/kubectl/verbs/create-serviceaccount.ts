/**
 * `kubectl create serviceaccount NAME` and `kubectl create token SERVICE_ACCOUNT_NAME` (kubectl
 * v1.31 pkg/cmd/create/create_serviceaccount.go, create_token.go). The account is created through
 * the API (`failed to create serviceaccount: ...` wraps a refusal); a token is a TokenRequest to
 * the account's `token` subresource, printed as the bare token (or the TokenRequest with -o).
 */
import { invalidObject, invalid, notFound, conflict } from '../../../engine/api/errors.ts';
import { resourceByPlural, type ResourceType } from '../../../engine/api/resources.ts';
import {
  issueServiceAccountToken,
  MIN_TOKEN_EXPIRATION_SECONDS,
  type TokenRequestInput,
} from '../../../engine/api/serviceaccount-token.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { formatTimestamp } from '../../../engine/kernel/time.ts';
import type { ParsedArgs } from '../../flags.ts';
import { parseGoDuration } from '../../go-duration.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { parseOutputFormat, renderObjects } from '../output.ts';
import { dryRunMode } from './common.ts';
import { checkRequiredFlags, generatedMeta, nameFromArgs, printCreated } from './create-generator.ts';
import { MORE_GENERATOR_HELP } from './create-more-help.ts';

const saHelp = MORE_GENERATOR_HELP.serviceaccount;

/** The namespace a request goes to: -n, else `default` (as the other generators send it). */
function requestNamespace(args: ParsedArgs): string {
  return String(args.flags.namespace ?? '') || 'default';
}

function serviceAccountType(): ResourceType {
  const rt = resourceByPlural('serviceaccounts');
  if (!rt) throw new Error('serviceaccounts are not registered');
  return rt;
}

/** `kubectl create serviceaccount NAME`: the ServiceAccount, created unless --dry-run=client. */
export const createServiceAccountCommand: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  long: saHelp.long,
  examples: saHelp.examples,
  usage: saHelp.usage,
  flags: saHelp.flags,
  completion: { args: 'none' },
  run(ctx, args) {
    checkRequiredFlags(args, []);
    const name = nameFromArgs(args.positional, 'serviceaccount');
    const dryRun = dryRunMode(ctx, args);
    let obj: KObject = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: generatedMeta(name, args) };
    if (args.flags['save-config'] === true) obj = withLastApplied(obj);
    const rt = serviceAccountType();
    let shown = obj;
    if (dryRun !== 'client') {
      try {
        shown = ctx.sim.store.create(obj, { dryRun: dryRun === 'server', namespace: obj.metadata.namespace ?? requestNamespace(args) });
      } catch (e) {
        if (e instanceof Error) throw new CommandError(`error: failed to create serviceaccount: ${e.message}`);
        throw e;
      }
    }
    printCreated(ctx, args, rt, shown, dryRun, dryRun === 'client');
    return 0;
  },
};

/** util.CreateOrUpdateAnnotation on the generated object (its compact JSON, in build order). */
function withLastApplied(obj: KObject): KObject {
  const json = JSON.stringify(obj).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), 'kubectl.kubernetes.io/last-applied-configuration': `${json}\n` } } };
}

const tokenHelp = MORE_GENERATOR_HELP.token;
const BOUND_KINDS = ['Node', 'Pod', 'Secret'] as const;
type BoundKind = (typeof BOUND_KINDS)[number];

/** `kubectl create token SA`: kubectl's checks, then the TokenRequest and its token. */
export const createTokenCommand: Command = {
  name: 'token',
  short: 'Request a service account token',
  long: tokenHelp.long,
  examples: tokenHelp.examples,
  usage: tokenHelp.usage,
  flags: tokenHelp.flags,
  completion: { args: 'none' },
  run(ctx, args) {
    const name = nameFromArgs(args.positional, 'token');
    const output = String(args.flags.output ?? '');
    if (output !== '' && parseOutputFormat(output).kind === 'table') {
      throw new CommandError(
        `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
      );
    }
    validateToken(args);
    const request = tokenRequest(ctx, args, name);
    if (output !== '') {
      const format = parseOutputFormat(output);
      if (format.kind !== 'table') ctx.io.out(renderObjects(format, [{ rt: TOKEN_REQUEST_TYPE, object: request }], true));
      return 0;
    }
    ctx.io.out(`${String((request.status as { token: string }).token)}\n`);
    return 0;
  },
};

function validateToken(args: ParsedArgs): void {
  const audiences = args.flags.audience as string[];
  if (audiences.some((a) => a === '')) throw new CommandError('error: --audience must not be an empty string');
  if (String(args.flags.duration ?? '0s').startsWith('-')) throw new CommandError('error: --duration must be greater than or equal to 0');
  const kind = String(args.flags['bound-object-kind'] ?? '');
  const name = String(args.flags['bound-object-name'] ?? '');
  const uid = String(args.flags['bound-object-uid'] ?? '');
  if (kind === '') {
    if (name !== '') throw new CommandError('error: --bound-object-name can only be set if --bound-object-kind is provided');
    if (uid !== '') throw new CommandError('error: --bound-object-uid can only be set if --bound-object-kind is provided');
    return;
  }
  if (name === '') throw new CommandError('error: --bound-object-name is required if --bound-object-kind is provided');
  if (!(BOUND_KINDS as readonly string[]).includes(kind)) {
    throw new CommandError(`error: supported --bound-object-kind values are ${BOUND_KINDS.join(', ')}`);
  }
}

/** The TokenRequest kubectl prints with -o (authentication.k8s.io/v1), for printing only. */
const TOKEN_REQUEST_TYPE: ResourceType = {
  kind: 'TokenRequest',
  group: 'authentication.k8s.io',
  version: 'v1',
  apiVersion: 'authentication.k8s.io/v1',
  plural: 'tokenrequests',
  singular: 'tokenrequest',
  shortNames: [],
  namespaced: true,
  hasStatus: true,
  tracksGeneration: false,
  fieldLabels: {},
  categories: [],
  otherApiVersions: [],
  admission: {},
};

/**
 * The serviceaccounts/token subresource: the account must exist, the lifetime be at least 10
 * minutes, and a bound object exist (with the given uid, if one is given).
 */
function tokenRequest(ctx: CommandContext, args: ParsedArgs, name: string): KObject {
  const store = ctx.sim.store;
  const namespace = requestNamespace(args);
  const fail = (e: Error): never => {
    throw new CommandError(`error: failed to create token: ${e.message}`);
  };
  const sa = store.tryGet('serviceaccounts', namespace, name);
  if (!sa) return fail(notFound({ group: '', resource: 'serviceaccounts' }, name));
  const durationMs = parseGoDuration(String(args.flags.duration ?? '0s'));
  const expirationSeconds = durationMs > 0 ? Math.floor(durationMs / 1000) : undefined;
  if (expirationSeconds !== undefined && expirationSeconds < MIN_TOKEN_EXPIRATION_SECONDS) {
    fail(invalidObject('TokenRequest', 'authentication.k8s.io', name, [invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes')]));
  }
  const input: TokenRequestInput = {
    seed: ctx.sim.seed,
    nowMs: ctx.sim.now,
    namespace,
    serviceAccount: { name, uid: sa.metadata.uid ?? '' },
    audiences: args.flags.audience as string[],
    expirationSeconds,
  };
  const spec: Record<string, unknown> = { audiences: args.flags.audience as string[], expirationSeconds: expirationSeconds ?? null };
  const kind = String(args.flags['bound-object-kind'] ?? '');
  if (kind !== '') {
    const bound = boundObject(ctx, kind as BoundKind, namespace, String(args.flags['bound-object-name']), String(args.flags['bound-object-uid'] ?? ''), fail);
    input.boundObject = { kind: kind as BoundKind, name: bound.metadata.name ?? '', uid: bound.metadata.uid ?? '' };
    if (kind === 'Pod') {
      const nodeName = String((bound.spec as { nodeName?: string } | undefined)?.nodeName ?? '');
      const node = nodeName ? store.tryGet('nodes', '', nodeName) : undefined;
      if (node) input.node = { name: nodeName, uid: node.metadata.uid ?? '' };
    }
    spec.boundObjectRef = { kind, apiVersion: 'v1', name: input.boundObject.name, uid: input.boundObject.uid };
  }
  const issued = issueServiceAccountToken(input);
  spec.audiences = issued.audiences;
  spec.expirationSeconds = expirationSeconds ?? Math.round((issued.expiresAtMs - ctx.sim.now) / 1000);
  return {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null } as unknown as KObject['metadata'],
    spec,
    status: { token: issued.token, expirationTimestamp: formatTimestamp(issued.expiresAtMs) },
  };
}

function boundObject(ctx: CommandContext, kind: BoundKind, namespace: string, name: string, uid: string, fail: (e: Error) => never): KObject {
  const plural = kind === 'Pod' ? 'pods' : kind === 'Secret' ? 'secrets' : 'nodes';
  const obj = ctx.sim.store.tryGet(plural, kind === 'Node' ? '' : namespace, name);
  if (!obj) return fail(notFound({ group: '', resource: plural }, name));
  if (uid !== '' && uid !== obj.metadata.uid) {
    fail(
      // The registry names the kind, not the resource, in this Conflict.
      conflict(
        { group: '', resource: kind },
        name,
        `the UID in the bound object reference (${uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      ),
    );
  }
  return obj;
}
