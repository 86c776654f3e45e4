/**
 * `kubectl explain TYPE[.FIELD...]` (kubectl pkg/cmd/explain, v1.31): the field documentation of
 * a kind from the API's OpenAPI v3 schema, rendered as kubectl's plaintext template does
 * (engine/api/schema/explain.ts). --recursive lists the field tree; --api-version picks another
 * served version of the kind (`autoscaling/v1` for HorizontalPodAutoscalers).
 */
import { resolveResourceName, RESOURCE_TYPES, type ResourceType } from '../../../engine/api/resources.ts';
import { explain } from '../../../engine/api/schema/explain.ts';
import { kindDefinitionId, schemaDefinition } from '../../../engine/api/schema/schema.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';

export const explainCommand: Command = {
  name: 'explain',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Get the documentation of the resource and its fields
kubectl explain pods

# Get all the fields in the resource
kubectl explain pods --recursive

# Get the explanation for deployment in supported api versions
kubectl explain deployments --api-version=apps/v1

# Get the documentation of a specific field of a resource
kubectl explain pods.spec.containers

# Get the documentation of resources in different format
kubectl explain deployment --output=plaintext-openapiv2`,
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { name: 'api-version', type: 'string', default: '', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
    {
      name: 'recursive',
      type: 'bool',
      default: false,
      usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.',
    },
  ],
  completion: { args: 'resources' },
  run: runExplain,
};

function runExplain(ctx: CommandContext, args: ParsedArgs): number {
  if (args.positional.length === 0) {
    throw new CommandError('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  if (args.positional.length > 1) throw new CommandError('error: We accept only this format: explain RESOURCE');
  const output = String(args.flags.output);
  if (output === 'plaintext-openapiv2') throw new CommandError('error: Podlab serves only the OpenAPI v3 schema: use --output=plaintext');
  if (output !== 'plaintext') throw new CommandError(`error: couldn't find template "${output}"`);
  const { rt, fieldPath } = splitResourceAndFields(args.positional[0]);
  const [group, version] = chooseVersion(rt, String(args.flags['api-version']));
  const result = explain({
    group,
    version,
    kind: rt.kind,
    definitionId: kindDefinitionId(group, version, rt.kind),
    fieldPath,
    recursive: args.flags.recursive === true,
  });
  if (!result.ok) throw new CommandError(result.error);
  ctx.io.out(result.text);
  return 0;
}

/**
 * The resource is the longest dotted prefix that names one (`deployments.apps.spec` → deployments
 * in apps, field `spec`); the rest is the field path. A first word naming nothing is refused.
 */
function splitResourceAndFields(input: string): { rt: ResourceType; fieldPath: string[] } {
  const parts = input.split('.');
  for (let n = Math.min(parts.length, 3); n >= 1; n--) {
    const rt = resolveResourceName(parts.slice(0, n).join('.'));
    if (rt) return { rt, fieldPath: parts.slice(n) };
  }
  throw new CommandError(`error: the server doesn't have a resource type "${parts[0]}"`);
}

/** The kind's stored version, or the one --api-version names if the API serves the kind there. */
function chooseVersion(rt: ResourceType, apiVersion: string): [string, string] {
  if (apiVersion === '') return [rt.group, rt.version];
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const served = RESOURCE_TYPES.some((r) => r.kind === rt.kind && [r.apiVersion, ...r.otherApiVersions].includes(apiVersion));
  if (!served || !schemaDefinition(kindDefinitionId(group, version, rt.kind))) {
    throw new CommandError(`error: couldn't find resource for "${group}/${version}, Resource=${rt.plural}"`);
  }
  return [group, version];
}
