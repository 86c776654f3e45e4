/**
 * The `kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2]`
 * generator (pkg/cmd/create/create_quota.go, v1.31; alias `resourcequota`). Quantities are parsed
 * on the client (a bad one fails before any request); scopes are left for the API server to check.
 */
import { formatQuantity, parseQuantity, QuantityError } from '../../../engine/api/quantity.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { generatedMeta, generatorCommand, nameFromArgs } from './create-generator.ts';

/** populateResourceListV1 */
function resourceList(spec: string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new CommandError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      out[parts[0]] = formatQuantity(parseQuantity(parts[1]));
    } catch (e) {
      if (e instanceof QuantityError) throw new CommandError(`error: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/** parseScopes */
function scopes(spec: string): string[] | undefined {
  if (spec === '') return undefined;
  const out = spec.split(',');
  if (out.includes('')) throw new CommandError('error: invalid resource quota scope ""');
  return out;
}

/** `kubectl create quota NAME ...`: the ResourceQuota it sends (namespace only with an explicit -n). */
function quotaGenerator(_ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'quota');
  const spec: Record<string, unknown> = {};
  const hard = resourceList(String(args.flags.hard ?? ''));
  if (hard) spec.hard = hard;
  const sc = scopes(String(args.flags.scopes ?? ''));
  if (sc) spec.scopes = sc;
  return { kind: 'ResourceQuota', apiVersion: 'v1', metadata: generatedMeta(name, args), spec, status: {} };
}

export const quotaCommand = generatorCommand({
  path: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  build: quotaGenerator,
});
