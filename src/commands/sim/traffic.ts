/**
 * `sim traffic SERVICE [-n NS] --rps N [--for D] [--node NODE] [--nodeport | --loadbalancer] [--clients N] [--port P] [--path /]`:
 * simulated clients send requests through one node's kube-proxy rules (src/engine/network) while
 * simulated time runs for D; then a report: requests per pod and their share, errors (connection
 * refused, timed out, HTTP 5xx) and latency percentiles.
 */
import type { Node } from '../../engine/api/types.ts';
import { CONTROL_PLANE_ROLE_LABEL } from '../../engine/cluster/nodes.ts';
import { formatTimestamp, parseDuration } from '../../engine/kernel/time.ts';
import { networkOf } from '../../engine/network/network.ts';
import { runTraffic, type TargetReport } from '../../engine/network/traffic.ts';
import { renderTable } from '../printers/table.ts';
import { ScriptError, type Command, type CommandContext } from '../types.ts';

const USAGE = 'sim traffic SERVICE [-n NAMESPACE] --rps N [--for DURATION] [--node NODE] [--nodeport | --loadbalancer] [--clients N] [--port PORT] [--path PATH]';

export const trafficCommand: Command = {
  name: 'traffic',
  short: 'Send simulated requests to a Service through kube-proxy',
  usage: USAGE,
  flags: [
    { name: 'namespace', short: 'n', type: 'string', default: 'default', usage: 'namespace of the Service' },
    { name: 'rps', type: 'string', default: '', usage: 'requests per second' },
    { name: 'for', type: 'string', default: '1m', usage: 'how long to send (simulated time)' },
    { name: 'node', type: 'string', default: '', usage: 'node whose kube-proxy the requests enter (default: the first worker)' },
    { name: 'nodeport', type: 'bool', default: false, usage: "connect to the node's address on the Service's nodePort, as an outside client" },
    { name: 'loadbalancer', type: 'bool', default: false, usage: "connect to the Service's load-balancer IP (EXTERNAL-IP), as an outside client" },
    { name: 'clients', type: 'string', default: '16', usage: 'distinct client addresses (ClientIP affinity keys on them)' },
    { name: 'port', type: 'string', default: '', usage: 'Service port name or number (default: the first)' },
    { name: 'path', type: 'string', default: '/', usage: 'HTTP path requested' },
  ],
  run(ctx, args) {
    const [service, ...extra] = args.positional;
    if (!service) throw new ScriptError(`sim traffic: a SERVICE is required (usage: ${USAGE})`);
    if (extra.length > 0) throw new ScriptError(`sim traffic: unexpected argument "${extra[0]}"`);
    const rps = Number(args.flags.rps);
    if (String(args.flags.rps) === '' || !Number.isFinite(rps) || rps <= 0) throw new ScriptError(`sim traffic: --rps must be a number greater than zero, got "${args.flags.rps}"`);
    const durationMs = parseDuration(String(args.flags.for));
    if (durationMs === undefined || durationMs <= 0) throw new ScriptError(`sim traffic: --for expects a duration such as 30s or 5m, got "${args.flags.for}"`);
    const clients = Number(args.flags.clients);
    if (!Number.isInteger(clients) || clients < 1) throw new ScriptError(`sim traffic: --clients must be a whole number ≥ 1, got "${args.flags.clients}"`);
    const node = String(args.flags.node) || defaultNode(ctx);
    if (!ctx.sim.store.tryGet('nodes', '', node)) throw new ScriptError(`sim traffic: node "${node}" not found`);
    const net = networkOf(ctx.sim.store);
    if (!net) throw new ScriptError('sim traffic: the cluster has no network model');
    const port = String(args.flags.port);
    const target = { namespace: String(args.flags.namespace), service, rps, ...(port !== '' ? { port } : {}) };
    const [report] = runTraffic(net, ctx.sim, { targets: [target], durationMs, node, nodePort: args.flags.nodeport === true, loadBalancer: args.flags.loadbalancer === true, clients, path: String(args.flags.path) });
    if (report.error) {
      ctx.io.err(`Error: ${report.error}\n`);
      return 1;
    }
    ctx.io.out(formatReport(report, node, String(args.flags.for)));
    ctx.io.out(`time is now ${formatTimestamp(ctx.sim.now)}\n`);
    return 0;
  },
};

/** The first worker node by name (the control-plane node when there is none). */
function defaultNode(ctx: CommandContext): string {
  const nodes = ctx.sim.store.list<Node>('nodes').items;
  const names = nodes.filter((n) => n.metadata.labels?.[CONTROL_PLANE_ROLE_LABEL] === undefined).map((n) => n.metadata.name ?? '');
  const all = names.length > 0 ? names : nodes.map((n) => n.metadata.name ?? '');
  return all.sort()[0] ?? '';
}

/** `1.2ms`, `35ms`, `1.25s`. */
export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)}s`;
  if (ms >= 10) return `${Math.round(ms)}ms`;
  return `${ms.toFixed(1)}ms`;
}

function share(n: number, total: number): string {
  return total === 0 ? '0.0%' : `${((100 * n) / total).toFixed(1)}%`;
}

/** The report `sim traffic` prints. */
export function formatReport(r: TargetReport, node: string, durationText: string): string {
  const t = r.target;
  const lines = [`${r.sent} requests to service/${t.service} (${r.address}) through kube-proxy on ${node} over ${durationText} (${t.rps} rps)\n`];
  const rows = r.pods.map((p) => [p.name, p.node, String(p.requests), share(p.requests, r.sent), String(p.http5xx), String(p.refused)]);
  lines.push(renderTable(['POD', 'NODE', 'REQUESTS', 'SHARE', '5XX', 'REFUSED'], rows));
  lines.push(`succeeded: ${r.ok}   connection refused: ${r.refused}   timed out: ${r.timedOut}   HTTP 5xx: ${r.http5xx}\n`);
  if (r.latencyMs) lines.push(`latency: p50 ${formatLatency(r.latencyMs.p50)}   p90 ${formatLatency(r.latencyMs.p90)}   p99 ${formatLatency(r.latencyMs.p99)}\n`);
  return lines.join('');
}
