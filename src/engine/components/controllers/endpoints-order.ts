/**
 * The canonical order of a v1 Endpoints object (pkg/api/v1/endpoints SortSubsets): addresses by
 * IP string then pod UID, ports and subsets by the MD5 of their go-spew `%#v` rendering
 * (hashutil.DeepHashObject). It looks arbitrary but is the same on every cluster — kube-dns's
 * ports always come out as dns-tcp, dns, metrics — so Podlab computes it the same way.
 */
import type { EndpointAddress, EndpointSubset, EndpointsPort } from '../../api/admission/endpointslice.ts';

/** go-spew `%#v` of a v1.EndpointPort at the top level or inside a struct. */
function spewPort(p: EndpointsPort, withType: boolean): string {
  const app = p.appProtocol === undefined ? '(*string)<nil>' : `(*string)${p.appProtocol}`;
  const body = `{Name:(string)${p.name ?? ''} Port:(int32)${p.port} Protocol:(v1.Protocol)${p.protocol ?? ''} AppProtocol:${app}}`;
  return withType ? `(v1.EndpointPort)${body}` : body;
}

function spewAddress(a: EndpointAddress): string {
  const node = a.nodeName === undefined ? '(*string)<nil>' : `(*string)${a.nodeName}`;
  const ref = a.targetRef
    ? `(*v1.ObjectReference){Kind:(string)${a.targetRef.kind} Namespace:(string)${a.targetRef.namespace ?? ''} Name:(string)${a.targetRef.name} UID:(types.UID)${a.targetRef.uid ?? ''} APIVersion:(string) ResourceVersion:(string) FieldPath:(string)}`
    : '(*v1.ObjectReference)<nil>';
  return `{IP:(string)${a.ip} Hostname:(string)${a.hostname ?? ''} NodeName:${node} TargetRef:${ref}}`;
}

const spewList = <T>(type: string, items: readonly T[] | undefined, one: (x: T) => string): string =>
  items === undefined ? `(${type})<nil>` : `(${type})[${items.map(one).join(' ')}]`;

function spewSubset(s: EndpointSubset): string {
  return (
    `(v1.EndpointSubset){Addresses:${spewList('[]v1.EndpointAddress', s.addresses, spewAddress)} ` +
    `NotReadyAddresses:${spewList('[]v1.EndpointAddress', s.notReadyAddresses, spewAddress)} ` +
    `Ports:${spewList('[]v1.EndpointPort', s.ports, (p) => spewPort(p, false))}}`
  );
}

/** bytes.Compare of two MD5 digests (as hex strings of equal length, string order is byte order). */
const byHash = <T>(hash: (x: T) => string) => (a: T, b: T): number => {
  const ha = hash(a);
  const hb = hash(b);
  return ha < hb ? -1 : ha > hb ? 1 : 0;
};

/** LessEndpointAddress: IP bytes, then target UID. */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  const ua = a.targetRef?.uid ?? '';
  const ub = b.targetRef?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/** SortSubsets (in place, and returned). */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const s of subsets) {
    s.addresses?.sort(compareAddresses);
    s.notReadyAddresses?.sort(compareAddresses);
    s.ports?.sort(byHash((p: EndpointsPort) => md5Hex(spewPort(p, true))));
  }
  return subsets.sort(byHash((s: EndpointSubset) => md5Hex(spewSubset(s))));
}

// ---- MD5 (RFC 1321) over UTF-8 -------------------------------------------------------------

const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

function md5Blocks(bytes: Uint8Array): number[] {
  const len = bytes.length;
  const padded = new Uint8Array((((len + 8) >> 6) + 1) * 64);
  padded.set(bytes);
  padded[len] = 0x80;
  const bits = len * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bits >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bits / 2 ** 32), true);
  let [a0, b0, c0, d0] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  for (let off = 0; off < padded.length; off += 64) {
    let [a, b, c, d] = [a0, b0, c0, d0];
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + K[i] + view.getUint32(off + g * 4, true)) >>> 0;
      const s = S[(i >> 4) * 4 + (i % 4)];
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  return [a0, b0, c0, d0];
}

/** The MD5 digest of a string's UTF-8 bytes, as lowercase hex. */
export function md5Hex(text: string): string {
  const words = md5Blocks(new TextEncoder().encode(text));
  return words.map((w) => [0, 8, 16, 24].map((sh) => ((w >>> sh) & 255).toString(16).padStart(2, '0')).join('')).join('');
}
