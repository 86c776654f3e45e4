/**
 * What a container's network tools reach (`wget`, `curl`, `nslookup`, `getent` in
 * src/engine/node/shell/tools-net.ts): name resolution through the pod's resolv.conf and the
 * kube-dns Service (which kube-proxy on the pod's node must route to a running CoreDNS), and
 * HTTP connections from the pod's IP through its node's kube-proxy rules to a process.
 */
import type { Node, Pod } from '../api/types.ts';
import type { Kubelet } from '../components/kubelet/kubelet.ts';
import type { InstanceRecord } from '../components/kubelet/state.ts';
import { answer, listener, noteServedRequest } from './backends.ts';
import { clusterFirstResolvConf, resolve, type DnsAnswer, type ResolvConf } from './dns.ts';
import { networkOf, type Network } from './network.ts';
import type { Packet } from './route.ts';
import { late } from '../late.ts';
import { Prng } from '../kernel/prng.ts';

/** The reply to one HTTP GET. */
export type HttpReply = { kind: 'http'; status: number; body: string } | { kind: 'refused' } | { kind: 'timeout' };

/** A name lookup: an answer, or no DNS server reachable. */
export type Lookup = DnsAnswer | { kind: 'unreachable' };

/** The network as one container sees it. */
export interface ContainerNet {
  readonly resolvConf: ResolvConf;
  /** Resolves through the search list (`nslookup`, `getent`, clients). */
  lookup(name: string): Lookup;
  /** Entries of /etc/hosts: localhost and the pod's own name. */
  hostsEntry(name: string): string | undefined;
  httpGet(ip: string, port: number, path: string): HttpReply;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

/** `HTTP/1.1 500 Internal Server Error`. */
export function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}`.trimEnd();
}

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's built-in error page, with the version the image's NGINX_VERSION names. */
function nginxError(version: string | undefined, text: string): string {
  const server = version ? `nginx/${version}` : 'nginx';
  return `<html>\n<head><title>${text}</title></head>\n<body>\n<center><h1>${text}</h1></center>\n<hr><center>${server}</center>\n</body>\n</html>\n`;
}

/** The page a server model sends, by image (what `wget -qO-` prints). */
function body(i: InstanceRecord, status: number, pod: Pod): string {
  const image = i.image;
  if (status === 404 && /(^|\/)nginx[:@]/.test(image)) return nginxError(i.env.NGINX_VERSION, '404 Not Found');
  if (status !== 200) return '';
  if (/(^|\/)nginx[:@]/.test(image)) return NGINX_INDEX;
  if (image.includes('hpa-example')) return 'OK!';
  if (/(^|\/)httpd[:@]/.test(image)) return '<html><body><h1>It works!</h1></body></html>\n';
  if (image.includes('agnhost') || image.includes('serve_hostname')) return String(pod.metadata.name ?? '');
  return 'OK\n';
}

/** The node whose InternalIP is `ip`, if any. */
function nodeByAddress(net: Network, ip: string): string | undefined {
  for (const n of net.store.list<Node>('nodes').items) {
    if (n.status?.addresses?.some((a) => a.type === 'InternalIP' && a.address === ip)) return n.metadata.name;
  }
  return undefined;
}

class PodNet implements ContainerNet {
  readonly resolvConf: ResolvConf;

  constructor(
    private readonly net: Network,
    private readonly k: Kubelet,
    private readonly pod: Pod,
  ) {
    this.resolvConf = clusterFirstResolvConf(pod.metadata.namespace ?? 'default');
  }

  private get ip(): string {
    return this.pod.status?.podIP ?? '';
  }

  /** A new connection from this pod: where its node's rules send it. */
  private connect(dst: string, dport: number, proto: string): { to: string } | 'refused' | 'timeout' {
    // A node's own address (a NodePort): that node's rules take the packet, as a local destination.
    const target = nodeByAddress(this.net, dst);
    const node = target ?? this.k.node.name;
    const pkt: Packet = { src: this.ip, dst, dport, proto, localDst: target !== undefined, localSrc: this.pod.spec.hostNetwork === true && target === this.k.node.name };
    const prng = new Prng(this.net.kernel.prng.nextUint32());
    const r = late().route(this.net.tables(node), pkt, { nowMs: this.k.now, recent: this.net.recent(node), random31: () => prng.nextUint32() & 0x7fffffff });
    if (r.kind === 'reject') return 'refused';
    if (r.kind === 'drop') return 'timeout';
    const to = r.kind === 'dnat' ? r.to : this.net.pods.pod(dst) || dst === this.ip ? `${dst}:${dport}` : undefined;
    if (to === undefined) return 'timeout';
    return this.policyAllows(to, proto) ? { to } : 'timeout';
  }

  /** NetworkPolicy on both ends of the translated connection (a blocked packet is dropped). */
  private policyAllows(to: string, proto: string): boolean {
    const cut = to.lastIndexOf(':');
    const ip = to.slice(0, cut);
    return late().connectionAllowed(this.net.store, { ip: this.ip, pod: this.pod }, { ip, pod: this.net.pods.pod(ip) }, Number(to.slice(cut + 1)), proto);
  }

  lookup(name: string): Lookup {
    const c = this.connect(this.resolvConf.nameserver, 53, 'udp');
    if (typeof c === 'string') return { kind: 'unreachable' };
    const cut = c.to.lastIndexOf(':');
    const a = answer(this.net.pods, this.net.kubelet, c.to.slice(0, cut), Number(c.to.slice(cut + 1)), '/');
    if (a.kind !== 'http') return { kind: 'unreachable' };
    return resolve(this.net.store, name, this.resolvConf);
  }

  hostsEntry(name: string): string | undefined {
    if (name === 'localhost') return '127.0.0.1';
    const own = String(this.pod.spec.hostname ?? this.pod.metadata.name ?? '');
    return name === own ? this.ip : undefined;
  }

  httpGet(ip: string, port: number, path: string): HttpReply {
    if (ip === '127.0.0.1' || ip === this.ip) return this.local(port, path);
    const c = this.connect(ip, port, 'tcp');
    if (typeof c === 'string') return { kind: c };
    const cut = c.to.lastIndexOf(':');
    const a = answer(this.net.pods, this.net.kubelet, c.to.slice(0, cut), Number(c.to.slice(cut + 1)), path);
    if (a.kind !== 'http') return { kind: a.kind };
    noteServedRequest(a.instance, this.k.now);
    return { kind: 'http', status: a.status, body: body(a.instance, a.status, a.pod) };
  }

  /** Loopback: a container of the same pod listening on the port. */
  private local(port: number, path: string): HttpReply {
    const i = listener(this.k, this.pod, port);
    if (!i) return { kind: 'refused' };
    const a = answer(this.net.pods, this.net.kubelet, this.ip, port, path);
    return a.kind === 'http' ? { kind: 'http', status: a.status, body: body(i, a.status, this.pod) } : { kind: a.kind };
  }
}

/** The network a container of `pod` on kubelet `k` sees, once the simulation has one. */
export function containerNet(k: Kubelet, pod: Pod): ContainerNet | undefined {
  const net = networkOf(k.ctx.store);
  return net ? new PodNet(net, k, pod) : undefined;
}
