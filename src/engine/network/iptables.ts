/**
 * `iptables` on a node, over the tables kube-proxy built (kube-proxy.ts): `-L [CHAIN]` in
 * iptables-legacy's list layout (print_header / print_firewall: `%-9s` target, `%-5s` protocol,
 * `%-19s` addresses, then each match's own words), `-n` for numeric output, `--line-numbers`,
 * and `-S [CHAIN]` in iptables-save's rule syntax. The kernel keeps a statistic probability as a
 * 31-bit fraction, so both print it back with 11 decimals (0.3333333333 → 0.33333333349).
 */
import type { ExecResult } from '../node/types.ts';
import type { ProxyTables, Rule, Table } from './kube-proxy.ts';

/** Names /etc/services gives the ports kube-proxy rules commonly show (`dpt:https`). */
const SERVICE_NAMES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt' };

/** The probability the kernel stores (u32 of p·2³¹) as iptables prints it back. */
export function kernelProbability(text: string): string {
  return (Math.round(Number(text) * 0x80000000) / 0x80000000).toFixed(11);
}

/** The kernel's statistic threshold for a probability string (compare with a 31-bit random). */
export function probabilityThreshold(text: string): number {
  return Math.round(Number(text) * 0x80000000);
}

/** iptables ≥ 1.8.9 prints protocol numbers with `-n`. */
const PROTO_NUMBERS: Record<string, number> = { all: 0, tcp: 6, udp: 17, sctp: 132 };

function portText(port: number, numeric: boolean): string {
  return !numeric && SERVICE_NAMES[port] ? SERVICE_NAMES[port] : String(port);
}

function address(a: string | undefined, numeric: boolean): string {
  if (a === undefined) return numeric ? '0.0.0.0/0' : 'anywhere';
  return a;
}

/** The words each match and the target print after the addresses, in the rule's order. */
function listExtras(r: Rule, numeric: boolean): string {
  const parts: string[] = [];
  const ct = r.ctstate ? ` ctstate ${r.ctstate}` : '';
  if (r.ctstateFirst) parts.push(ct);
  if (r.comment !== undefined) parts.push(` /* ${r.comment} */`);
  if (!r.ctstateFirst) parts.push(ct);
  if (r.addrType) parts.push(` ADDRTYPE match ${r.addrType.dir}-type ${r.addrType.type}`);
  if (r.markMatch) parts.push(` mark match ${r.markMatch.inv ? '! ' : ''}${r.markMatch.value}`);
  if (r.recent) parts.push(recentList(r.recent));
  if (r.protoMatch) parts.push(` ${r.proto}${r.dport !== undefined ? ` dpt:${portText(r.dport, numeric)}` : ''}`);
  if (r.probability !== undefined) parts.push(` statistic mode random probability ${kernelProbability(r.probability)}`);
  if (r.toDestination) parts.push(` to:${r.toDestination}`);
  if (r.setMark) parts.push(` MARK ${r.setMark.op} ${r.setMark.value}`);
  if (r.rejectWith) parts.push(` reject-with ${r.rejectWith}`);
  if (r.randomFully) parts.push(' random-fully');
  return parts.join('');
}

function recentList(r: NonNullable<Rule['recent']>): string {
  const what = r.set ? ' SET' : ` CHECK seconds: ${r.rcheckSeconds} reap`;
  return ` recent:${what} name: ${r.name} side: source mask: 255.255.255.255`;
}

/** References to a user chain: the rules of the table that jump to it. */
function references(t: Table, chain: string): number {
  let n = 0;
  for (const rules of t.chains.values()) for (const r of rules) if (r.target === chain) n++;
  return n;
}

/** Built-in chains first, then user chains in libiptc's (alphabetical) order. */
function chainOrder(t: Table): string[] {
  const user = [...t.chains.keys()].filter((c) => !t.builtins.includes(c)).sort();
  return [...t.builtins, ...user];
}

function listChain(t: Table, chain: string, numeric: boolean, lineNumbers: boolean): string {
  const head = t.builtins.includes(chain) ? `Chain ${chain} (policy ACCEPT)` : `Chain ${chain} (${references(t, chain)} references)`;
  const num = lineNumbers ? 'num  ' : '';
  const lines = [head, `${num}${'target'.padEnd(9)}  prot opt ${'source'.padEnd(19)}  ${'destination'.padEnd(19)} `];
  t.chains.get(chain)!.forEach((r, i) => {
    const n = lineNumbers ? `${String(i + 1).padEnd(4)} ` : '';
    const src = `${r.sourceInv ? '!' : ' '}${address(r.source, numeric).padEnd(19)} `;
    const dst = ` ${address(r.dest, numeric).padEnd(19)} `;
    const proto = numeric ? String(PROTO_NUMBERS[r.proto] ?? r.proto) : r.proto;
    lines.push(`${n}${r.target.padEnd(9)}  ${proto.padEnd(5)}-- ${src}${dst}${listExtras(r, numeric)}`);
  });
  return lines.join('\n') + '\n';
}

/** One rule in iptables-save syntax. */
export function saveRule(chain: string, r: Rule): string {
  const w: string[] = [`-A ${chain}`];
  if (r.source) w.push(`${r.sourceInv ? '! ' : ''}-s ${r.source.includes('/') ? r.source : `${r.source}/32`}`);
  if (r.dest) w.push(`-d ${r.dest}/32`);
  if (r.proto !== 'all') w.push(`-p ${r.proto}`);
  if (r.ctstateFirst && r.ctstate) w.push(`-m conntrack --ctstate ${r.ctstate}`);
  if (r.comment !== undefined) w.push(`-m comment --comment ${/\s/.test(r.comment) ? `"${r.comment}"` : r.comment}`);
  if (!r.ctstateFirst && r.ctstate) w.push(`-m conntrack --ctstate ${r.ctstate}`);
  if (r.addrType) w.push(`-m addrtype --${r.addrType.dir}-type ${r.addrType.type}`);
  if (r.markMatch) w.push(`-m mark ${r.markMatch.inv ? '! ' : ''}--mark ${r.markMatch.value}`);
  if (r.recent) w.push(r.recent.set ? `-m recent --set --name ${r.recent.name} --mask 255.255.255.255 --rsource` : `-m recent --rcheck --seconds ${r.recent.rcheckSeconds} --reap --name ${r.recent.name} --mask 255.255.255.255 --rsource`);
  if (r.protoMatch) w.push(`-m ${r.proto}${r.dport !== undefined ? ` --dport ${r.dport}` : ''}`);
  if (r.probability !== undefined) w.push(`-m statistic --mode random --probability ${kernelProbability(r.probability)}`);
  w.push(`-j ${r.target}`);
  if (r.toDestination) w.push(`--to-destination ${r.toDestination}`);
  if (r.setMark) w.push(`--set-xmark ${r.setMark.value}/${r.setMark.op === 'or' ? r.setMark.value : '0x0'}`);
  if (r.rejectWith) w.push(`--reject-with ${r.rejectWith}`);
  if (r.randomFully) w.push('--random-fully');
  return w.join(' ');
}

function saveChain(t: Table, chain: string): string[] {
  const head = t.builtins.includes(chain) ? `-P ${chain} ACCEPT` : `-N ${chain}`;
  return [head, ...t.chains.get(chain)!.map((r) => saveRule(chain, r))];
}

interface IptablesArgs {
  table: 'nat' | 'filter' | string;
  action?: 'L' | 'S';
  chain?: string;
  numeric: boolean;
  lineNumbers: boolean;
}

function parseArgs(args: string[]): IptablesArgs | string {
  const out: IptablesArgs = { table: 'filter', numeric: false, lineNumbers: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') out.table = args[++i] ?? '';
    else if (a === '-n' || a === '--numeric') out.numeric = true;
    else if (a === '--line-numbers') out.lineNumbers = true;
    else if (a === '-v' || a === '--verbose') continue;
    else if (/^-[LS]$|^--list$|^--list-rules$/.test(a)) {
      out.action = a === '-L' || a === '--list' ? 'L' : 'S';
      if (args[i + 1] !== undefined && !args[i + 1].startsWith('-')) out.chain = args[++i];
    } else if (/^-[nL]+$/.test(a)) {
      if (a.includes('n')) out.numeric = true;
      if (a.includes('L')) out.action = 'L';
      if (args[i + 1] !== undefined && !args[i + 1].startsWith('-')) out.chain = args[++i];
    } else return a;
  }
  return out;
}

/** `iptables [-t TABLE] -L|-S [CHAIN] [-n] [--line-numbers]` against one node's tables. */
export function iptablesCommand(tables: ProxyTables, args: string[]): ExecResult {
  const p = parseArgs(args);
  if (typeof p === 'string') return { stdout: '', stderr: `iptables v1.8.10 (legacy): unknown option "${p}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`, exitCode: 2 };
  if (!p.action) return { stdout: '', stderr: "iptables v1.8.10 (legacy): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n", exitCode: 2 };
  const t = p.table === 'nat' ? tables.nat : p.table === 'filter' ? tables.filter : undefined;
  if (!t) return { stdout: '', stderr: `iptables v1.8.10 (legacy): can't initialize iptables table \`${p.table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`, exitCode: 3 };
  if (p.chain !== undefined && !t.chains.has(p.chain)) return { stdout: '', stderr: 'iptables: No chain/target/match by that name.\n', exitCode: 1 };
  const chains = p.chain !== undefined ? [p.chain] : chainOrder(t);
  if (p.action === 'S') return { stdout: chains.flatMap((c) => saveChain(t, c)).join('\n') + '\n', stderr: '', exitCode: 0 };
  return { stdout: chains.map((c) => listChain(t, c, p.numeric, p.lineNumbers)).join('\n'), stderr: '', exitCode: 0 };
}

/** `iptables-save [-t TABLE]`: chain declarations, then every rule, per table. */
export function iptablesSave(tables: ProxyTables, args: string[], stamp: string): ExecResult {
  const t = args.indexOf('-t') >= 0 ? args[args.indexOf('-t') + 1] : undefined;
  const chosen = t === undefined ? [tables.filter, tables.nat] : [tables.filter, tables.nat].filter((x) => x.name === t);
  if (t !== undefined && chosen.length === 0) return { stdout: '', stderr: `iptables-save v1.8.10 (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n`, exitCode: 1 };
  const lines: string[] = [];
  for (const table of chosen) {
    const order = chainOrder(table);
    lines.push(`# Generated by iptables-save v1.8.10 on ${stamp}`, `*${table.name}`);
    for (const c of order) lines.push(`:${c} ${table.builtins.includes(c) ? 'ACCEPT' : '-'} [0:0]`);
    for (const c of order) for (const r of table.chains.get(c)!) lines.push(saveRule(c, r));
    lines.push('COMMIT', `# Completed on ${stamp}`);
  }
  return { stdout: lines.join('\n') + '\n', stderr: '', exitCode: 0 };
}
