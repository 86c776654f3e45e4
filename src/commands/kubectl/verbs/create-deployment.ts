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
import { sliceFlag } from './create-configmap.ts';
import { generatedMeta, generatorCommand, nameFromArgs } from './create-generator.ts';

/** `reg.io/My_App:1` → `My-App-xxxxx`; `nginx@sha256:...` → `nginx`. */
function containerName(image: string, prng: Prng): string {
  let name = image.slice(image.lastIndexOf('/') + 1);
  name = name.split(':')[0].split('@')[0];
  if (!/[_.]/.test(name)) return name;
  return generateNameSuffix(`${name.replace(/[_.]/g, '-')}-`, prng);
}

function deploymentGenerator(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  // --image is a StringSlice: repeated, or comma-separated.
  const images = sliceFlag(args, 'image');
  const name = nameFromArgs(names, 'deployment');
  if (images.length > 1 && args.rest.length > 0) throw new CommandError('error: cannot specify multiple --image options and command');
  const labels = { app: name };
  const port = Number(args.flags.port);
  const containers = images.map((image, i) => {
    const c: Record<string, unknown> = { name: containerName(image, ctx.sim.kernel.prng), image };
    if (args.rest.length > 0) c.command = [...args.rest];
    if (i === 0 && port >= 0) c.ports = [{ containerPort: port }];
    c.resources = {};
    return c;
  });
  return {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: generatedMeta(name, args, labels),
    spec: {
      replicas: Number(args.flags.replicas),
      selector: { matchLabels: { ...labels } },
      template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export const deploymentCommand = generatorCommand({
  path: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  required: ['image'],
  build: deploymentGenerator,
});
