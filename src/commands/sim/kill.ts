/**
 * `sim kill POD [-n NS] [-c CONTAINER] [--signal KILL|TERM]`: the container's main process gets a
 * signal from outside Kubernetes (the OOM killer, a stray `kill` on the node), and the kubelet
 * reacts as it would (restart per restartPolicy). Problems reaching the pod are reported on stderr
 * in kubectl's words, as `kubectl exec ... -- kill 1` would report them; a bad directive is a
 * ScriptError.
 */
import { StatusError } from '../../engine/api/errors.ts';
import type { Pod } from '../../engine/api/types.ts';
import { printErrors } from '../kubectl/errors.ts';
import { defaultContainer, dialError, isAgentError, requireBound, requireSpecContainer } from '../node-agent.ts';
import { CommandError, ScriptError, type Command, type CommandContext } from '../types.ts';

const SIGNALS: Record<string, 'KILL' | 'TERM'> = { KILL: 'KILL', SIGKILL: 'KILL', '9': 'KILL', TERM: 'TERM', SIGTERM: 'TERM', '15': 'TERM' };

export const killCommand: Command = {
  name: 'kill',
  completion: { args: 'pods' },
  short: "Send a signal to a container's main process",
  usage: 'sim kill POD [-n NAMESPACE] [-c CONTAINER] [--signal KILL|TERM]',
  flags: [
    { name: 'namespace', short: 'n', type: 'string', default: 'default', usage: 'namespace of the pod' },
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'container to signal (default: as kubectl exec picks it)' },
    { name: 'signal', type: 'string', default: 'KILL', usage: 'KILL (default) or TERM' },
  ],
  run(ctx, args) {
    const [podName, ...extra] = args.positional;
    if (!podName) throw new ScriptError(`sim kill: a POD name is required (usage: ${this.usage})`);
    if (extra.length > 0) throw new ScriptError(`sim kill: unexpected argument "${extra[0]}"`);
    const signalText = String(args.flags.signal);
    const signal = SIGNALS[signalText.toUpperCase()];
    if (!signal) throw new ScriptError(`sim kill: --signal must be KILL or TERM, got "${signalText}"`);
    try {
      return kill(ctx, String(args.flags.namespace) || 'default', podName, String(args.flags.container), signal);
    } catch (e) {
      if (e instanceof StatusError || e instanceof CommandError) return printErrors(ctx.io, [e]);
      throw e;
    }
  },
};

function kill(ctx: CommandContext, namespace: string, podName: string, requested: string, signal: 'KILL' | 'TERM'): number {
  const pod = ctx.sim.store.get<Pod>('pods', namespace, podName);
  const container = requested || defaultContainer(pod, ctx.io);
  requireSpecContainer(pod, container);
  const { node, agent } = requireBound(ctx.sim, pod);
  if (!agent) throw new CommandError(`Error from server: error dialing backend: ${dialError(node)}`);
  const result = agent.kill(namespace, podName, container, signal);
  if (isAgentError(result)) {
    switch (result.kind) {
      case 'node-down':
        throw new CommandError(`Error from server: error dialing backend: ${dialError(node)}`);
      case 'pod-not-found':
        throw new CommandError(`error: pod "${podName}" is not running on node ${node.metadata.name}`);
      default:
        throw new CommandError(`error: container "${container}" in pod "${podName}" is not running`);
    }
  }
  ctx.io.out(`pod/${podName} container ${container} killed (SIG${signal})\n`);
  return 0;
}
