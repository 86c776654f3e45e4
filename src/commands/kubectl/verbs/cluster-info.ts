/**
 * `kubectl cluster-info` (kubectl pkg/cmd/clusterinfo, v1.31): the control plane's address (the
 * kubeconfig's server), then every Service labelled `kubernetes.io/cluster-service=true` in
 * kube-system (or the namespace given with an explicit -n; the context's namespace is not used),
 * named by its `kubernetes.io/name` label and reached through the API server's service proxy, or
 * at its load balancer's address.
 *
 * Real kubectl wraps the name in green and the link in yellow ANSI codes (go-colortext writes them
 * whether or not stdout is a terminal, unless TERM=dumb). Podlab prints what kubectl prints with
 * TERM=dumb: the app's terminal and the transcripts are plain text.
 */
import type { Service } from '../../../engine/api/types.ts';
import type { Command } from '../../types.ts';
import { clusterInfoDumpCommand } from './cluster-info-dump.ts';
import { SERVER_URL } from '../kubeconfig.ts';

const CLUSTER_SERVICE_SELECTOR = 'kubernetes.io/cluster-service=true';
const DUMP_HINT = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

/** utilnet.JoinSchemeNamePort: `[scheme:]name[:port]`. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme !== '') return `${scheme}:${name}:${port}`;
  return port !== '' ? `${name}:${port}` : name;
}

/** Where a cluster service is reached: its load balancer's ports, else the API server's proxy. */
function serviceLink(svc: Service): string {
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  const ports = svc.spec?.ports ?? [];
  if (ingress.length > 0) {
    const host = ingress[0].ip || ingress[0].hostname || '';
    return ports.map((p) => `http://${host}:${p.port} `).join('');
  }
  let name = svc.metadata.name ?? '';
  if (ports.length > 0) {
    const port = ports[0];
    // kubectl guesses https from the port's name or number.
    const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
    name = joinSchemeNamePort(scheme, name, port.name ?? '');
  }
  return `${SERVER_URL}/api/v1/namespaces/${svc.metadata.namespace ?? ''}/services/${name}/proxy`;
}

const line = (name: string, link: string): string => `${name} is running at ${link}\n`;

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: '# Print the address of the control plane and cluster services\nkubectl cluster-info',
  usage: 'kubectl cluster-info [flags] [options]',
  flags: [],
  completion: { subcommands: ['dump'], args: 'none' },
  subcommands: [clusterInfoDumpCommand],
  run(ctx, args) {
    const namespace = args.set.has('namespace') ? String(args.flags.namespace) : 'kube-system';
    const services = ctx.sim.store.list<Service>('services', { namespace, labelSelector: CLUSTER_SERVICE_SELECTOR }).items;
    let out = line('Kubernetes control plane', SERVER_URL);
    for (const svc of services) out += line(svc.metadata.labels?.['kubernetes.io/name'] || (svc.metadata.name ?? ''), serviceLink(svc));
    ctx.io.out(out + DUMP_HINT);
    return 0;
  },
};
