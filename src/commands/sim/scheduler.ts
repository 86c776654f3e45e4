/**
 * `sim scheduler config -f FILE` restarts kube-scheduler with a KubeSchedulerConfiguration
 * (profiles, plugin weights, NodeResourcesFit's scoring strategy, percentageOfNodesToScore), as
 * an administrator would with `--config`; `sim scheduler config --default` goes back to the
 * v1.31 defaults; `sim scheduler show` prints the profiles in effect, and `sim scheduler queue`
 * the pending pods and where they wait.
 */
import { parse } from 'yaml';
import { ConfigError, defaultSchedulerConfig, expandProfile, parseSchedulerConfig } from '../../engine/components/scheduler/framework/config.ts';
import { isKnownPlugin } from '../../engine/components/scheduler/plugins/registry.ts';
import { renderTable } from '../printers/table.ts';
import { ScriptError, type Command, type CommandContext } from '../types.ts';

export const schedulerCommand: Command = {
  name: 'scheduler',
  completion: { subcommands: ['config', 'queue', 'show'], args: 'none' },
  short: 'Configure kube-scheduler or look at its queue',
  usage: 'sim scheduler config -f FILE | sim scheduler config --default | sim scheduler show | sim scheduler queue',
  flags: [
    { name: 'filename', short: 'f', type: 'string', default: '', usage: 'KubeSchedulerConfiguration YAML ("-" reads the heredoc)' },
    { name: 'default', type: 'bool', usage: 'go back to the default configuration' },
  ],
  run(ctx, args) {
    const [what, ...extra] = args.positional;
    if (extra.length > 0) throw new ScriptError(`sim scheduler: unexpected argument "${extra[0]}"`);
    switch (what) {
      case 'config':
        return configure(ctx, String(args.flags.filename), args.flags.default === true);
      case 'show':
        ctx.io.out(showConfig(ctx));
        return 0;
      case 'queue':
        ctx.io.out(showQueue(ctx));
        return 0;
      default:
        throw new ScriptError(`sim scheduler: usage: ${this.usage}`);
    }
  },
};

function configure(ctx: CommandContext, file: string, reset: boolean): number {
  if (reset) {
    if (file) throw new ScriptError('sim scheduler config: give either -f FILE or --default');
    ctx.sim.scheduler.configure(defaultSchedulerConfig());
    ctx.sim.settle();
    ctx.io.out('kube-scheduler restarted with the default configuration\n');
    return 0;
  }
  if (!file) throw new ScriptError('sim scheduler config: -f FILE is required (or --default)');
  let text: string;
  try {
    text = file === '-' ? (ctx.stdin ?? '') : ctx.fs.readFile(file);
  } catch {
    ctx.io.err(`error: the path "${file}" does not exist\n`);
    return 1;
  }
  try {
    const config = parseSchedulerConfig(parse(text), isKnownPlugin);
    ctx.sim.scheduler.configure(config);
  } catch (e) {
    if (e instanceof ConfigError || (e instanceof Error && e.name.startsWith('YAML'))) {
      ctx.io.err(`error: invalid scheduler configuration in ${file}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error) {
      ctx.io.err(`error: invalid scheduler configuration in ${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  ctx.sim.settle();
  ctx.io.out(`kube-scheduler restarted with the configuration from ${file}\n`);
  return 0;
}

function showConfig(ctx: CommandContext): string {
  const cfg = ctx.sim.scheduler.configuration;
  const out: string[] = [];
  for (const p of cfg.profiles) {
    const fwk = ctx.sim.scheduler.framework(p.schedulerName);
    const x = expandProfile(p, () => true);
    const pct = p.percentageOfNodesToScore ?? cfg.percentageOfNodesToScore;
    out.push(`Profile ${p.schedulerName} (percentageOfNodesToScore: ${pct === 0 ? 'adaptive' : `${pct}%`})`);
    const filters = x.points.filter.filter((n) => fwk?.plugins.get(n) && typeof (fwk.plugins.get(n) as unknown as Record<string, unknown>).filter === 'function');
    out.push(`  filters: ${filters.join(', ')}`);
    const scores = x.points.score.filter((n) => fwk?.plugins.get(n) && typeof (fwk.plugins.get(n) as unknown as Record<string, unknown>).score === 'function');
    out.push(`  scores:  ${scores.map((n) => `${n}×${x.weights[n] ?? 1}`).join(', ')}`);
    const fit = x.args.NodeResourcesFit?.scoringStrategy as { type?: string } | undefined;
    out.push(`  NodeResourcesFit scoring strategy: ${fit?.type ?? 'LeastAllocated'}`);
  }
  out.push(`  back-off: ${cfg.podInitialBackoffSeconds}s doubling to ${cfg.podMaxBackoffSeconds}s`);
  return out.join('\n') + '\n';
}

function showQueue(ctx: CommandContext): string {
  const pending = ctx.sim.scheduler.pending();
  if (pending.length === 0) return 'No pending pods.\n';
  const rows = pending
    .slice()
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => [p.key, p.where, String(p.attempts)]);
  return renderTable(['POD', 'QUEUE', 'ATTEMPTS'], rows);
}
