/**
 * The endpoint table cells (printers.go formatEndpoints / formatDiscoveryPorts /
 * formatDiscoveryEndpoints) and `kubectl expose`'s object building and errors (selector, ports
 * and protocols taken from the exposed object, port-N names, --target-port, kinds that cannot
 * be exposed).
 */
import { describe, expect, it } from 'vitest';
import { formatDiscoveryEndpoints, formatDiscoveryPorts, formatEndpoints } from '../../../src/commands/printers/endpoints-columns.ts';
import { Lab } from '../../support/manifests.ts';

const sub = (ips: string[], ports: { name?: string; port: number }[], notReady: string[] = []) => ({
  addresses: ips.map((ip) => ({ ip })),
  ...(notReady.length ? { notReadyAddresses: notReady.map((ip) => ({ ip })) } : {}),
  ports,
});

describe('formatEndpoints', () => {
  it.each([
    { name: 'no subsets', ep: {}, ports: undefined, want: '<none>' },
    { name: 'one port', ep: { subsets: [sub(['10.0.0.1', '10.0.0.2'], [{ port: 80 }])] }, ports: undefined, want: '10.0.0.1:80,10.0.0.2:80' },
    { name: 'only not-ready addresses', ep: { subsets: [sub([], [{ port: 80 }], ['10.0.0.1'])] }, ports: undefined, want: '' },
    { name: 'more than three', ep: { subsets: [sub(['a', 'b'], [{ name: 'x', port: 1 }, { name: 'y', port: 2 }])] }, ports: undefined, want: 'a:1,b:1,a:2 + 1 more...' },
    { name: 'filtered by port name', ep: { subsets: [sub(['a', 'b'], [{ name: 'x', port: 1 }, { name: 'y', port: 2 }])] }, ports: new Set(['y']), want: 'a:2,b:2' },
    { name: 'headless without ports', ep: { subsets: [sub(['a', 'b', 'c', 'd'], [])] }, ports: undefined, want: 'a,b,c + 1 more...' },
    { name: 'IPv6', ep: { subsets: [sub(['fd00::1'], [{ port: 80 }])] }, ports: undefined, want: '[fd00::1]:80' },
  ])('$name', ({ ep, ports, want }) => expect(formatEndpoints(ep, ports)).toBe(want));
});

describe('EndpointSlice cells', () => {
  it.each([
    { ports: null, want: '<unset>' },
    { ports: [{ port: 80 }], want: '80' },
    { ports: [{ name: 'http' }], want: 'http' },
    { ports: [{}], want: '*' },
    { ports: [{ port: 1 }, { port: 2 }, { port: 3 }, { port: 4 }, { port: 5 }], want: '1,2,3 + 2 more...' },
  ])('ports $ports → $want', ({ ports, want }) => expect(formatDiscoveryPorts(ports)).toBe(want));

  it.each([
    { endpoints: null, want: '<unset>' },
    { endpoints: [{ addresses: ['10.0.0.1'] }, { addresses: ['10.0.0.2'] }], want: '10.0.0.1,10.0.0.2' },
    { endpoints: [{ addresses: ['a'] }, { addresses: ['b'] }, { addresses: ['c'] }, { addresses: ['d'] }], want: 'a,b,c + 1 more...' },
  ])('endpoints → $want', ({ endpoints, want }) => expect(formatDiscoveryEndpoints(endpoints)).toBe(want));
});

describe('kubectl expose', () => {
  const podDoc = (labels: Record<string, string> | undefined, ports: Record<string, unknown>[]) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...(labels ? { labels } : {}) }, spec: { containers: [{ name: 'c', image: 'nginx', ports }] } });

  it('names several ports port-1, port-2 and keeps each port protocol', () => {
    const lab = new Lab(1);
    lab.apply(podDoc({ app: 'p' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]));
    const yaml = lab.out('kubectl expose pod p --dry-run=client -o yaml');
    expect(yaml).toContain('  - name: port-1\n    port: 80\n    protocol: TCP\n    targetPort: 80\n  - name: port-2\n    port: 53\n    protocol: UDP\n    targetPort: 53\n');
  });

  it('uses --selector, --target-port names and prints -o name', () => {
    const lab = new Lab(1);
    lab.apply(podDoc({ app: 'p' }, [{ containerPort: 80, name: 'http' }]));
    expect(lab.out('kubectl expose pod p --name=s --selector=tier=web,app=p --target-port=http -o name')).toBe('service/s\n');
    expect(lab.out("kubectl get svc s -o jsonpath='{.spec.selector} {.spec.ports[0].targetPort}'")).toBe('{"app":"p","tier":"web"} http');
  });

  it.each([
    { setup: podDoc(undefined, [{ containerPort: 80 }]), cmd: 'kubectl expose pod p', want: "error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\nSee 'kubectl expose -h' for help and examples\n" },
    { setup: podDoc({ app: 'p' }, []), cmd: 'kubectl expose pod p', want: "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n" },
    { setup: podDoc({ app: 'p' }, []), cmd: 'kubectl expose node control-plane', want: 'error: cannot expose a Node\n' },
    { setup: podDoc({ app: 'p' }, []), cmd: 'kubectl expose pod p --port=80 --session-affinity=Sticky', want: 'error: unknown session affinity: Sticky\n' },
  ])('$cmd → $want', ({ setup, cmd, want }) => {
    const lab = new Lab(1);
    lab.apply(setup);
    const r = lab.run(cmd);
    expect(r.output).toBe(want);
    expect(r.exitCode).toBe(1);
  });
});
