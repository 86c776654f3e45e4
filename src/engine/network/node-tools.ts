/** The data path's tools in a node's shell (`sim node exec NODE -- iptables -t nat -L`). */
import type { ExecResult } from '../node/types.ts';
import type { Kubelet } from '../components/kubelet/kubelet.ts';
import { iptablesCommand, iptablesSave } from './iptables.ts';
import { formatDate } from '../node/shell/tools-system.ts';
import { networkOf } from './network.ts';

/** `iptables` over the rules kube-proxy programmed on this node. */
export function nodeIptables(k: Kubelet, args: string[]): ExecResult {
  const net = networkOf(k.ctx.store);
  if (!net) return { stdout: '', stderr: 'iptables: not available\n', exitCode: 1 };
  return iptablesCommand(net.tables(k.node.name), args);
}

/** `iptables-save [-t nat|filter]` of this node's kube-proxy tables. */
export function nodeIptablesSave(k: Kubelet, args: string[]): ExecResult {
  const net = networkOf(k.ctx.store);
  if (!net) return { stdout: '', stderr: 'iptables-save: not available\n', exitCode: 1 };
  return iptablesSave(net.tables(k.node.name), args, formatDate(k.now, '%a %b %e %H:%M:%S %Y'));
}
