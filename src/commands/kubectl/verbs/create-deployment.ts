/**
 * The `kubectl create deployment` generator (pkg/cmd/create/create_deployment.go, v1.31):
 * `kubectl create deployment NAME --image=IMAGE [--image=...] [--replicas=N] [--port=P] [-- COMMAND...]`.
 * Labels and selector `app=NAME`; one container per image, named after the image's last path
 * segment without tag or digest (`_` and `.` made `-`, plus a random suffix, as
 * sanitizeAndUniquify does); `--port` goes on the first container; a command only with one image.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { generateNameSuffix } from '../../../engine/api/names.ts';
import type { Prng } from '../../../engine/kernel/prng.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { explicitNamespace } from './create-configmap.ts';

/** The flags this generator reads (added to `kubectl create`'s flag set). */
export const DEPLOYMENT_CREATE_FLAGS = [
  { name: 'replicas', type: 'int' as const, default: 1, usage: 'Number of replicas to create. Default is 1.' },
  { name: 'port', type: 'int' as const, default: -1, usage: 'The containerPort that this deployment exposes.' },
];

/** `reg.io/My_App:1` → `My-App-xxxxx`; `nginx@sha256:...` → `nginx`. */
function containerName(image: string, prng: Prng): string {
  let name = image.slice(image.lastIndexOf('/') + 1);
  name = name.split(':')[0].split('@')[0];
  if (!/[_.]/.test(name)) return name;
  return generateNameSuffix(`${name.replace(/[_.]/g, '-')}-`, prng);
}

export function deploymentGenerator(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const images = (args.flags.image as string[] | undefined) ?? [];
  // Cobra checks required flags before the command runs, so this comes before the NAME check.
  if (images.length === 0) throw new CommandError('error: required flag(s) "image" not set');
  if (names.length !== 1) {
    throw new CommandError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create deployment -h' for help and examples`);
  }
  if (images.length > 1 && args.rest.length > 0) throw new CommandError('error: cannot specify multiple --image options and command');
  const name = names[0];
  const labels = { app: name };
  const port = Number(args.flags.port);
  const containers = images.map((image, i) => {
    const c: Record<string, unknown> = { name: containerName(image, ctx.sim.kernel.prng), image, resources: {} };
    if (args.rest.length > 0) c.command = [...args.rest];
    if (i === 0 && port >= 0) c.ports = [{ containerPort: port }];
    return c;
  });
  const namespace = explicitNamespace(args);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { creationTimestamp: null, labels, name, ...(namespace ? { namespace } : {}) } as unknown as KObject['metadata'],
    spec: {
      replicas: Number(args.flags.replicas),
      selector: { matchLabels: { ...labels } },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
    },
    status: {},
  };
}
