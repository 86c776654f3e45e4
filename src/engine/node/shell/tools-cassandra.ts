/**
 * `nodetool` of the Cassandra images (gcr.io/google-samples/cassandra:v13/v14, built from
 * kubernetes/examples cassandra/image: Apache Cassandra 3.11 under /usr/local/apache-cassandra-*,
 * started by /run.sh through dumb-init). nodetool talks JMX to the local Cassandra on
 * 127.0.0.1:7199; `status` prints the ring as this node's gossip sees it, `drain` flushes and
 * stops accepting writes (the StatefulSet's preStop hook).
 *
 * The node's life, in simulated time since the container's main process started (a model: the
 * order and the ring delay are Cassandra's, the start-up time is an estimate for a 500m CPU pod):
 * - until {@link RING_JOIN_MS} the JVM is starting: nothing listens on 7199, nodetool fails with
 *   Java's ConnectException;
 * - then the node is in the ring. A seed (an entry of CASSANDRA_SEEDS names this pod, or
 *   CASSANDRA_SEEDS is empty and run.sh makes the node its own seed) and a node with
 *   CASSANDRA_AUTO_BOOTSTRAP=false join as Normal at once (Cassandra's StorageService skips
 *   bootstrap for them: "This node will not auto bootstrap because it is configured to be a
 *   seed node"); any other node bootstraps: Joining for two ring delays ("JOINING: waiting for
 *   ring information", then "JOINING: sleeping 30000 ms for pending range setup";
 *   run.sh's CASSANDRA_RING_DELAY, default 30000 ms) and then Normal.
 * The peers it lists are the Ready members of its headless Service (the domain of its seeds),
 * which is what the other nodes have announced by gossip once they are Up and Normal.
 */
import { fnv32a } from '../../kernel/hash.ts';
import type { CmdCtx } from './command.ts';
import type { Outcome } from './state.ts';

/** From the main process's start until Cassandra has started gossip and listens for JMX, ms. */
export const RING_JOIN_MS = 20_000;
/** run.sh's default `-Dcassandra.ring_delay_ms`. */
const RING_DELAY_MS_DEFAULT = 30_000;
/** run.sh's default num_tokens. */
const NUM_TOKENS_DEFAULT = 32;

type NodeState = 'down' | 'joining' | 'normal';

export function nodetool(ctx: CmdCtx): Outcome {
  const command = ctx.args.find((a) => !a.startsWith('-'));
  const state = localState(ctx);
  if (command === undefined || !['status', 'drain'].includes(command)) {
    ctx.err(`nodetool: Found unexpected parameters: [${ctx.args.join(', ')}]\nSee 'nodetool help' or 'nodetool help <command>'.\n`);
    return 1;
  }
  if (state === 'down') {
    ctx.err("nodetool: Failed to connect to '127.0.0.1:7199' - ConnectException: 'Connection refused (Connection refused)'.\n");
    return 1;
  }
  if (command === 'drain') return 0;
  ctx.out(statusText(ctx, state));
  return 0;
}

/** The local node's state from its main process: Cassandra is PID 1's run.sh (dumb-init's child). */
function localState(ctx: CmdCtx): NodeState {
  const main = ctx.host.processes().find((p) => p.pid === 1);
  if (!main || !/\/run\.sh\b|\bcassandra\b/.test(main.command)) return 'down';
  const upMs = ctx.nowMs - main.startedAt;
  if (upMs < RING_JOIN_MS) return 'down';
  if (!bootstraps(ctx)) return 'normal';
  const ringDelayMs = Number(ctx.env.CASSANDRA_RING_DELAY) || RING_DELAY_MS_DEFAULT;
  return upMs < RING_JOIN_MS + 2 * ringDelayMs ? 'joining' : 'normal';
}

/** Whether the node bootstraps (streams its ranges) before it turns Normal. */
function bootstraps(ctx: CmdCtx): boolean {
  // run.sh's `${CASSANDRA_AUTO_BOOTSTRAP:false}` is a substring expansion, so only an explicit false turns it off.
  if (ctx.env.CASSANDRA_AUTO_BOOTSTRAP === 'false') return false;
  const seeds = seedNames(ctx);
  if (seeds.length === 0) return false;
  const address = localAddress(ctx);
  return !seeds.some((s) => s === address || s.split('.')[0] === ctx.host.hostname);
}

function seedNames(ctx: CmdCtx): string[] {
  return (ctx.env.CASSANDRA_SEEDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** run.sh: CASSANDRA_LISTEN_ADDRESS=${POD_IP:-$HOSTNAME}. */
function localAddress(ctx: CmdCtx): string {
  return ctx.env.POD_IP || ctx.host.net?.hostsEntry(ctx.host.hostname) || '127.0.0.1';
}

/** Ready peers: the addresses behind the seeds' domain (the StatefulSet's headless Service). */
function peerAddresses(ctx: CmdCtx, self: string): string[] {
  const net = ctx.host.net;
  const seed = seedNames(ctx).find((s) => s.includes('.'));
  if (!net || !seed) return [];
  const answer = net.lookup(seed.slice(seed.indexOf('.') + 1));
  return answer.kind === 'ok' ? answer.addresses.filter((a) => a !== self) : [];
}

/** `nodetool status` as Cassandra 3.11 prints it when keyspaces' replication differs (a fresh cluster). */
function statusText(ctx: CmdCtx, state: Exclude<NodeState, 'down'>): string {
  const self = localAddress(ctx);
  const rows: { code: string; address: string }[] = [
    { code: state === 'normal' ? 'UN' : 'UJ', address: self },
    ...peerAddresses(ctx, self).map((address) => ({ code: 'UN', address })),
  ].sort((a, b) => ipOrder(a.address) - ipOrder(b.address));
  // GossipingPropertyFileSnitch when DC and rack are set (run.sh), else SimpleSnitch's names.
  const gossiping = Boolean(ctx.env.CASSANDRA_DC && ctx.env.CASSANDRA_RACK);
  const dc = gossiping ? (ctx.env.CASSANDRA_DC ?? '') : 'datacenter1';
  const rack = gossiping ? (ctx.env.CASSANDRA_RACK ?? '') : 'rack1';
  const tokens = String(Number(ctx.env.CASSANDRA_NUM_TOKENS) || NUM_TOKENS_DEFAULT);
  const owns = `${(100 / rows.length).toFixed(1)}%`;
  const width = Math.max('Address'.length, ...rows.map((r) => r.address.length));
  // Status.java's format: %-2s  %-<address>s  %-9s  %-11s  %-16s  %-36s  %s (a longer value pushes on).
  const line = (cells: string[]) => `${cells[0].padEnd(2)}  ${cells[1].padEnd(width)}  ${cells[2].padEnd(9)}  ${cells[3].padEnd(11)}  ${cells[4].padEnd(16)}  ${cells[5].padEnd(36)}  ${cells[6]}\n`;
  const title = `Datacenter: ${dc}`;
  let out = `${title}\n${'='.repeat(title.length)}\nStatus=Up/Down\n|/ State=Normal/Leaving/Joining/Moving\n`;
  out += line(['--', 'Address', 'Load', 'Tokens', 'Owns', 'Host ID', 'Rack']);
  for (const r of rows) out += line([r.code, r.address, loadOf(r.address), tokens, owns, hostId(r.address), rack]);
  return `${out}\nNote: Non-system keyspaces don't have the same replication settings, effective ownership information is meaningless\n`;
}

function ipOrder(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + (Number(octet) || 0), 0);
}

/** A fresh node's system keyspaces: some tens of KiB, steady per node. */
function loadOf(address: string): string {
  return `${(80 + (fnv32a(`load ${address}`) % 4000) / 100).toFixed(2)} KiB`;
}

/** A version-4 UUID shape, stable per address (Cassandra generates one when a node first starts). */
function hostId(address: string): string {
  const hex = [0, 1, 2, 3].map((i) => fnv32a(`host-id ${address} ${i}`).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
