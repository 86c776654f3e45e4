/**
 * `kubectl version` (kubectl pkg/cmd/version, v1.31): the client's build, its embedded kustomize,
 * and the API server's build from discovery. The client is the kubectl v1.31.9 Podlab's output is
 * recorded from; the server is v1.31.0, the version every node's kubelet reports
 * (KUBERNETES_VERSION), with the upstream v1.31.0 release's build data.
 */
import { KUBERNETES_VERSION } from '../../../engine/cluster/nodes.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command } from '../../types.ts';

/** apimachinery version.Info, fields in struct order (kubectl's -o json keeps it). */
interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/** `kubectl.1.31 version --client -o json`, as recorded. */
const CLIENT_VERSION: VersionInfo = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.9',
  gitCommit: '8f3800390d488f54f74111f22973059e133f9cba',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:17:16Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const KUSTOMIZE_VERSION = 'v5.4.2';

/** The v1.31.0 kube-apiserver's /version. */
const SERVER_VERSION: VersionInfo = {
  major: '1',
  minor: '31',
  gitVersion: KUBERNETES_VERSION,
  gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
  gitTreeState: 'clean',
  buildDate: '2024-08-13T07:28:49Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: '# Print the client and server versions for the current context\nkubectl version',
  usage: 'kubectl version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', usage: "One of 'yaml' or 'json'." },
  ],
  completion: { args: 'none' },
  run(ctx, args) {
    if (args.positional.length > 0) throw new CommandError(`error: extra arguments: [${args.positional.join(' ')}]`);
    const output = String(args.flags.output ?? '');
    if (output !== '' && output !== 'yaml' && output !== 'json') throw new CommandError("error: --output must be 'yaml' or 'json'");
    const server = args.flags.client === true ? undefined : SERVER_VERSION;
    const info = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION, serverVersion: server };
    if (output === 'yaml') ctx.io.out(`${toYaml(info)}\n`);
    else if (output === 'json') ctx.io.out(`${JSON.stringify(info, null, 2)}\n`);
    else {
      ctx.io.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (server) ctx.io.out(`Server Version: ${server.gitVersion}\n`);
    }
    return 0;
  },
};
