/**
 * `kubectl api-versions` (kubectl pkg/cmd/apiresources/apiversions.go, v1.31): every served
 * group/version from discovery, sorted as Go sorts strings (so `v1` comes last).
 */
import { RESOURCE_TYPES } from '../../../engine/api/resources.ts';
import { CommandError, type Command } from '../../types.ts';

/** The group/versions the API serves: each kind's stored version and the older ones it converts. */
export function servedGroupVersions(): string[] {
  const all = new Set(RESOURCE_TYPES.flatMap((r) => [r.apiVersion, ...r.otherApiVersions]));
  return [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: '# Print the supported API versions\nkubectl api-versions',
  usage: 'kubectl api-versions [options]',
  flags: [],
  completion: { args: 'none' },
  run(ctx, args) {
    if (args.positional.length > 0) {
      throw new CommandError(`error: unexpected arguments: [${args.positional.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`);
    }
    ctx.io.out(servedGroupVersions().map((v) => `${v}\n`).join(''));
    return 0;
  },
};
