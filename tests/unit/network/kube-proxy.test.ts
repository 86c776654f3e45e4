/**
 * kube-proxy's iptables rules from Services and EndpointSlices (proxier.go syncProxyRules,
 * topology.go CategorizeEndpoints), the `iptables -L` / `-S` text, and the packet walk.
 */
import { describe, expect, it } from 'vitest';
import { buildProxyTables, categorizeEndpoints, probability, type ProxyTables } from '../../../src/engine/network/kube-proxy.ts';
import { iptablesCommand, iptablesSave, kernelProbability } from '../../../src/engine/network/iptables.ts';
import { buildServicePorts } from '../../../src/engine/network/service-ports.ts';
import { route, type Packet, type WalkEnv } from '../../../src/engine/network/route.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { newService, newSlice, type EpSpec } from './fixtures.ts';

function tablesFor(eps: EpSpec[], spec: Record<string, unknown> = {}, node = 'node-1'): ProxyTables {
  return buildProxyTables(buildServicePorts([newService('web', '10.96.0.50', spec)], [newSlice('web', eps)]), node);
}

function list(t: ProxyTables, ...args: string[]): string {
  const r = iptablesCommand(t, args);
  return r.stdout + r.stderr;
}

const svcChainOf = (t: ProxyTables): string => [...t.nat.chains.keys()].find((c) => c.startsWith('KUBE-SVC-') && t.nat.chains.get(c)!.some((r) => r.comment?.startsWith('default/web')))!;

describe('probabilities: rule i of n matches with 1/(n−i)', () => {
  it.each([
    { n: 2, want: ['0.5000000000'] },
    { n: 3, want: ['0.3333333333', '0.5000000000'] },
    { n: 4, want: ['0.2500000000', '0.3333333333', '0.5000000000'] },
  ])('n = $n', ({ n, want }) => {
    expect(Array.from({ length: n - 1 }, (_, i) => probability(n - i))).toEqual(want);
  });

  it('the kernel keeps 31 bits, so iptables prints 0.33333333349', () => {
    expect(kernelProbability('0.3333333333')).toBe('0.33333333349');
    expect(kernelProbability('0.5000000000')).toBe('0.50000000000');
  });
});

describe('which endpoints a service chain uses', () => {
  it.each([
    { name: 'only ready endpoints', eps: [{ ip: '10.244.1.2' }, { ip: '10.244.2.2', ready: false }, { ip: '10.244.3.2' }], want: ['10.244.1.2:80', '10.244.3.2:80'] },
    {
      name: 'none ready: serving and terminating ones',
      eps: [{ ip: '10.244.1.2', ready: false, serving: true, terminating: true }, { ip: '10.244.2.2', ready: false, serving: false }],
      want: ['10.244.1.2:80'],
    },
    { name: 'sorted by ip:port as strings', eps: [{ ip: '10.244.2.10' }, { ip: '10.244.10.3' }, { ip: '10.244.2.9' }], want: ['10.244.10.3:80', '10.244.2.10:80', '10.244.2.9:80'] },
  ])('$name', ({ eps, want }) => {
    const [sp] = buildServicePorts([newService('web', '10.96.0.50')], [newSlice('web', eps)]);
    expect(categorizeEndpoints(sp, 'node-1').cluster.map((e) => e.key)).toEqual(want);
  });
});

describe('iptables -t nat -L', () => {
  const t = tablesFor([{ ip: '10.244.1.2', node: 'node-1' }, { ip: '10.244.2.2', node: 'node-2' }, { ip: '10.244.3.2', node: 'node-3' }]);

  it('KUBE-SERVICES jumps to the service chain for the cluster IP, then to KUBE-NODEPORTS', () => {
    expect(list(t, '-t', 'nat', '-L', 'KUBE-SERVICES')).toBe(
      [
        'Chain KUBE-SERVICES (2 references)',
        'target     prot opt source               destination         ',
        'KUBE-SVC-LOLE4ISW44XBNF3G  tcp  --  anywhere             10.96.0.50           /* default/web cluster IP */ tcp dpt:http',
        'KUBE-NODEPORTS  all  --  anywhere             anywhere             /* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL',
        '',
      ].join('\n'),
    );
  });

  it('KUBE-SVC-… has the masquerade rule and one statistic rule per endpoint but the last', () => {
    expect(list(t, '-t', 'nat', '-L', 'KUBE-SVC-LOLE4ISW44XBNF3G', '-n')).toBe(
      [
        'Chain KUBE-SVC-LOLE4ISW44XBNF3G (1 references)',
        'target     prot opt source               destination         ',
        'KUBE-MARK-MASQ  6    -- !10.244.0.0/16        10.96.0.50           /* default/web cluster IP */ tcp dpt:80',
        'KUBE-SEP-MQ4W7Q2CV67URU6Q  0    --  0.0.0.0/0            0.0.0.0/0            /* default/web -> 10.244.1.2:80 */ statistic mode random probability 0.33333333349',
        'KUBE-SEP-QHWUG6SOC7OJ2BZK  0    --  0.0.0.0/0            0.0.0.0/0            /* default/web -> 10.244.2.2:80 */ statistic mode random probability 0.50000000000',
        'KUBE-SEP-MBUO2PUEYFC4MHZR  0    --  0.0.0.0/0            0.0.0.0/0            /* default/web -> 10.244.3.2:80 */',
        '',
      ].join('\n'),
    );
  });

  it('-S prints the endpoint chain as iptables-save does', () => {
    expect(list(t, '-t', 'nat', '-S', 'KUBE-SEP-MQ4W7Q2CV67URU6Q')).toBe(
      [
        '-N KUBE-SEP-MQ4W7Q2CV67URU6Q',
        '-A KUBE-SEP-MQ4W7Q2CV67URU6Q -s 10.244.1.2/32 -m comment --comment default/web -j KUBE-MARK-MASQ',
        '-A KUBE-SEP-MQ4W7Q2CV67URU6Q -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.1.2:80',
        '',
      ].join('\n'),
    );
  });

  it('iptables-save -t nat declares every chain, then every rule', () => {
    const out = iptablesSave(t, ['-t', 'nat'], 'Wed Jan  1 00:00:00 2025').stdout.split('\n');
    expect(out.slice(0, 4)).toEqual(['# Generated by iptables-save v1.8.10 on Wed Jan  1 00:00:00 2025', '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]']);
    expect(out).toContain(':KUBE-SVC-LOLE4ISW44XBNF3G - [0:0]');
    expect(out).toContain('-A KUBE-SVC-LOLE4ISW44XBNF3G -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.33333333349 -j KUBE-SEP-MQ4W7Q2CV67URU6Q');
    expect(out.slice(-3)).toEqual(['COMMIT', '# Completed on Wed Jan  1 00:00:00 2025', '']);
  });

  it('an unknown chain is an error', () => {
    expect(iptablesCommand(t, ['-t', 'nat', '-L', 'KUBE-SVC-NOPE'])).toEqual({ stdout: '', stderr: 'iptables: No chain/target/match by that name.\n', exitCode: 1 });
  });
});

describe('services without usable endpoints', () => {
  it('no endpoints: no nat rule, a REJECT in the filter table', () => {
    const t = tablesFor([{ ip: '10.244.1.2', ready: false }]);
    expect(svcChainOf(t)).toBeUndefined();
    expect(list(t, '-L', 'KUBE-SERVICES')).toContain(
      'REJECT     tcp  --  anywhere             10.96.0.50           /* default/web has no endpoints */ tcp dpt:http reject-with icmp-port-unreachable',
    );
  });

  it('externalTrafficPolicy Local without a local endpoint: DROP for outside traffic to the nodePort', () => {
    const spec = { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] };
    const t = tablesFor([{ ip: '10.244.2.2', node: 'node-2' }], spec, 'node-1');
    expect(list(t, '-L', 'KUBE-EXTERNAL-SERVICES')).toContain('DROP       tcp  --  anywhere             anywhere             /* default/web has no local endpoints */ ADDRTYPE match dst-type LOCAL tcp dpt:30080');
    const onNode2 = tablesFor([{ ip: '10.244.2.2', node: 'node-2' }], spec, 'node-2');
    expect([...onNode2.nat.chains.keys()].some((c) => c.startsWith('KUBE-SVL-'))).toBe(true);
  });
});

describe('the packet walk', () => {
  const eps = [{ ip: '10.244.1.2' }, { ip: '10.244.2.2' }, { ip: '10.244.3.2' }];
  const pkt = (src: string): Packet => ({ src, dst: '10.96.0.50', dport: 80, proto: 'tcp', localDst: false, localSrc: false });
  const env = (seed: number): WalkEnv => {
    const prng = new Prng(seed);
    return { nowMs: 0, recent: new Map(), random31: () => prng.nextUint32() & 0x7fffffff };
  };

  it('spreads connections evenly over the endpoints (seeded)', () => {
    const t = tablesFor(eps);
    const e = env(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const r = route(t, pkt(`192.168.1.${10 + (i % 16)}`), e);
      if (r.kind === 'dnat') counts.set(r.to, (counts.get(r.to) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['10.244.1.2:80', '10.244.2.2:80', '10.244.3.2:80']);
    for (const n of counts.values()) expect(Math.abs(n - 10_000)).toBeLessThan(1000);
  });

  it('ClientIP affinity: a client sticks to its first endpoint', () => {
    const t = tablesFor(eps, { sessionAffinity: 'ClientIP' });
    const e = env(7);
    const first = route(t, pkt('192.168.1.10'), e);
    for (let i = 0; i < 50; i++) {
      e.nowMs += 1000;
      expect(route(t, pkt('192.168.1.10'), e)).toEqual(first);
    }
  });

  it('a cluster IP without endpoints is refused', () => {
    expect(route(tablesFor([]), pkt('192.168.1.10'), env(1))).toEqual({ kind: 'reject' });
  });
});
