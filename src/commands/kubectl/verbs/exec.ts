/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: runs a command
 * in a container through the node's kubelet. The checks follow the request's way: kubectl
 * (exec.go Complete/Validate/Run, podcmd defaulting), the API server (pod/strategy.go
 * streamLocation: container valid, pod bound, node known), then the kubelet (is the container
 * running). A command that exits non-zero makes kubectl print `command terminated with exit code N`
 * and exit N, as client-go's remotecommand error decoder and checkErr do.
 */
import { parseDuration } from '../../../engine/kernel/time.ts';
import type { KObject, Pod } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import {
  defaultContainer,
  isAgentError,
  MOST_ACTIVE_FIRST,
  podsForSelector,
  requireBound,
  requireSpecContainer,
  selectorForObject,
  streamAgentError,
  dialError,
} from '../../node-agent.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { readManifests } from '../manifests.ts';
import { resolveType } from '../resources.ts';

const DEFAULT_POD_RUNNING_TIMEOUT = '1m0s';

export const execCommand: Command = {
  name: 'exec',
  completion: { args: 'pods' },
  short: 'Execute a command in a container',
  examples: `# Get output from running the 'date' command from pod mypod, using the first container by default
kubectl exec mypod -- date

# Get output from running the 'date' command in ruby-container from pod mypod
kubectl exec mypod -c ruby-container -- date

# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
# and sends stdout/stderr from 'bash' back to the client
kubectl exec mypod -c ruby-container -i -t -- bash -il

# List contents of /usr from the first container of pod mypod and sort by modification time
# If the command you want to execute in the pod has any flags in common (e.g. -i),
# you must use two dashes (--) to separate your command's flags/arguments
# Also note, do not surround your command and its flags/arguments with quotes
# unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
kubectl exec mypod -i -t -- ls -t /usr

# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
kubectl exec deploy/mydeployment -- date

# Get output from running 'date' command from the first pod of the service myservice, using the first container by default
kubectl exec svc/myservice -- date`,
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: [
    {
      name: 'container',
      short: 'c',
      type: 'string',
      default: '',
      usage:
        'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    },
    {
      name: 'pod-running-timeout',
      type: 'duration',
      default: DEFAULT_POD_RUNNING_TIMEOUT,
      usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'to use to exec into the resource' },
    { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Stdin is a TTY' },
  ],
  run: runExec,
};

/** cmdutil.UsageErrorf: the message, then where to read more. */
export function usageError(verb: string, message: string): CommandError {
  return new CommandError(`error: ${message}\nSee 'kubectl ${verb} -h' for help and examples`);
}

/** `-f FILE`: the first object the file names, as `TYPE/NAME` (kubectl's builder takes the first). */
function resourceFromFile(ctx: CommandContext, filenames: readonly string[]): string | undefined {
  if (filenames.length === 0) return undefined;
  const { objects, errors } = readManifests(ctx.fs, filenames, false, ctx.stdin);
  if (errors.length > 0) throw errors[0];
  const first = objects[0];
  return first ? `${first.rt.plural}.${first.rt.group}/${first.object.metadata?.name ?? ''}`.replace('./', '/') : undefined;
}

function runExec(ctx: CommandContext, args: ParsedArgs): number {
  const resource = args.positional[0] ?? resourceFromFile(ctx, args.flags.filename as string[]);
  // Complete: without `--`, more than one argument is the old `exec POD COMMAND` form.
  if (args.positional.length > 1 && args.rest.length === 0) {
    throw usageError('exec', 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  const timeoutMs = podRunningTimeout('exec', args);
  // Validate.
  if (resource === undefined) throw new CommandError('error: pod, type/name or --filename must be specified');
  if (args.rest.length === 0) throw new CommandError('error: you must specify at least one command for the container');
  const namespace = (args.flags.namespace as string | undefined) || 'default';
  const quiet = args.flags.quiet === true;
  const pod = attachablePod(ctx, namespace, resource, timeoutMs);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new CommandError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  const container = String(args.flags.container) || defaultContainer(pod, ctx.io, quiet);
  // The API server: the container must be in the spec, the pod bound to a node that answers.
  requireSpecContainer(pod, container);
  const { node, agent } = requireBound(ctx.sim, pod);
  if (!agent) throw new CommandError(`Error from server: error dialing backend: ${dialError(node)}`);
  const stdin = args.flags.stdin === true ? (ctx.stdin ?? '') : undefined;
  const result = agent.exec(pod.metadata.namespace ?? namespace, pod.metadata.name ?? '', container, args.rest, stdin);
  if (isAgentError(result)) throw streamAgentError(result, node, container);
  // With a TTY (-t needs -i) the remote side has one terminal: stderr arrives on stdout.
  const tty = args.flags.tty === true && args.flags.stdin === true;
  if (result.stdout) ctx.io.out(result.stdout);
  if (result.stderr) (tty ? ctx.io.out : ctx.io.err)(result.stderr);
  if (result.exitCode !== 0) {
    ctx.io.err(`command terminated with exit code ${result.exitCode}\n`);
    return result.exitCode;
  }
  return 0;
}

/** cmdutil.GetPodRunningTimeoutFlag (a pflag Duration), shared with `kubectl logs`. */
export function podRunningTimeout(verb: string, args: ParsedArgs, asUsageError = true): number {
  const text = String(args.flags['pod-running-timeout']);
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new CommandError(`error: invalid argument "${text}" for "--pod-running-timeout" flag: time: invalid duration ${JSON.stringify(text)}\nSee 'kubectl ${verb} --help' for usage.`);
  }
  const tooLow = '--pod-running-timeout must be higher than zero';
  if (ms <= 0) throw asUsageError ? usageError(verb, tooLow) : new CommandError(`error: ${tooLow}`);
  return ms;
}

/**
 * The pod to exec into: `NAME` is a pod; `TYPE/NAME` is fetched and, unless it is a pod, its
 * selector picks the most active pod (polymorphichelpers.attachablePodForObject).
 */
function attachablePod(ctx: CommandContext, namespace: string, resource: string, timeoutMs: number): Pod {
  const slash = resource.indexOf('/');
  if (slash < 0) return ctx.sim.store.get<Pod>('pods', namespace, resource);
  const rt = resolveType(resource.slice(0, slash));
  const name = resource.slice(slash + 1);
  if (name === '') throw new CommandError('error: arguments in resource/name form must have a single resource and name');
  const obj = ctx.sim.store.get<KObject>(rt, rt.namespaced ? namespace : '', name);
  if (obj.kind === 'Pod') return obj as Pod;
  const selector = selectorForObject(obj, 'cannot attach to');
  return podsForSelector(ctx.sim, obj.metadata.namespace ?? namespace, selector, MOST_ACTIVE_FIRST, timeoutMs)[0];
}
