/**
 * Resource use of a container instance, derived from its process model and its cgroup: CPU is
 * the process's demand capped by `cpu.max` (CFS throttling counts every period where the demand
 * exceeds the quota), memory is the process's working set. Computed from time on demand, never
 * sampled by a ticking loop.
 */
import { CFS_PERIOD_US } from '../../node/cgroups.ts';
import { procCpuDemandMilli, procMemoryBytes } from './process.ts';
import type { InstanceRecord } from './state.ts';

/** The cpu limit in millicores from a `cpu.max` value (`50000 100000` → 500), or Infinity for `max`. */
export function cpuLimitMilli(cpuMax: string): number {
  const [quota, period] = cpuMax.split(' ');
  if (quota === 'max') return Infinity;
  return (Number(quota) * 1000) / Number(period || CFS_PERIOD_US);
}

export function isLive(i: InstanceRecord): boolean {
  return i.finishedAt === undefined;
}

/** CPU the container actually gets now, in millicores. */
export function cpuUsageMilli(i: InstanceRecord, now: number): number {
  if (!isLive(i)) return 0;
  return Math.min(procCpuDemandMilli(i.proc, now), cpuLimitMilli(i.cgroup.cpuMax));
}

export function memoryUsageBytes(i: InstanceRecord, now: number): number {
  if (!isLive(i)) return 0;
  return procMemoryBytes(i.proc, now);
}

/** `cpu.stat` of the container's cgroup at `now`, as cgroup v2 prints it. */
export function cpuStatFile(i: InstanceRecord, now: number): string {
  const end = i.finishedAt ?? now;
  const elapsedUs = Math.max(0, end - i.startedAt) * 1000;
  const demand = procCpuDemandMilli(i.proc, now);
  const limit = cpuLimitMilli(i.cgroup.cpuMax);
  const used = Math.min(demand, limit);
  const usageUs = Math.floor((elapsedUs * used) / 1000);
  const limited = Number.isFinite(limit);
  const periods = limited ? Math.floor(elapsedUs / CFS_PERIOD_US) : 0;
  const throttled = limited && demand > limit ? periods : 0;
  // With demand d over quota q, each period runs q/d of the time and waits the rest.
  const throttledUs = throttled > 0 ? Math.floor(throttled * CFS_PERIOD_US * (1 - limit / demand)) : 0;
  const user = Math.floor(usageUs * 0.9);
  return [
    `usage_usec ${usageUs}`,
    `user_usec ${user}`,
    `system_usec ${usageUs - user}`,
    `nr_periods ${periods}`,
    `nr_throttled ${throttled}`,
    `throttled_usec ${throttledUs}`,
    'nr_bursts 0',
    'burst_usec 0',
    '',
  ].join('\n');
}

/**
 * CFS between containers that together want more CPU than the node has: each gets a share in
 * proportion to its cpu.weight, and what a container does not need is shared among the others
 * (water-filling). `wants` are demands already capped by each container's quota.
 */
export function shareCpu(wants: { milli: number; weight: number }[], capacityMilli: number): number[] {
  const granted = wants.map(() => 0);
  let open = wants.map((_, i) => i).filter((i) => wants[i].milli > 0);
  let left = capacityMilli;
  while (open.length > 0 && left > 1e-9) {
    const weights = open.reduce((n, i) => n + wants[i].weight, 0);
    const still: number[] = [];
    let given = 0;
    for (const i of open) {
      const share = (left * wants[i].weight) / weights;
      const take = Math.min(share, wants[i].milli - granted[i]);
      granted[i] += take;
      given += take;
      if (wants[i].milli - granted[i] > 1e-9) still.push(i);
    }
    left -= given;
    if (still.length === open.length) break; // everyone is capped by the share: capacity used up
    open = still;
  }
  return granted.map((g) => Math.floor(g));
}
