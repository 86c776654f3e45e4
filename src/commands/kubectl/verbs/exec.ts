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
import { resolveType } from '../resources.ts';

const DEFAULT_POD_RUNNING_TIMEOUT = '1m0s';

export const execCommand: Command = {
  name: 'exec',
  completion: { args: 'pods' },
  short: 'Execute a command in a container',
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
      type: 'string',
      default: DEFAULT_POD_RUNNING_TIMEOUT,
      usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
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

function runExec(ctx: CommandContext, args: ParsedArgs): number {
  const [resource] = args.positional;
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
