/**
 * The `pod-template-hash` (controller.ComputeHash, pkg/controller/controller_utils.go): FNV-32a
 * over a deep printing of the pod template, then the collision count as 8 little-endian bytes when
 * the Deployment has one, the 32-bit sum printed in decimal and safe-encoded into the generated-name
 * alphabet (rand.SafeEncodeString). Every digit maps to one of `4 5 6 7 8 9 b c d f`.
 *
 * Go prints the template with spew (sorted map keys, every struct field); Podlab prints it as JSON
 * with sorted keys, so the digits differ from a real cluster's for the same manifest. What matters
 * for the controller holds: the same template always gives the same hash, a changed one another.
 */
import { NAME_ALPHABET } from '../../../api/names.ts';
import type { PodTemplateSpec } from '../../../api/types.ts';

/** apps.DefaultDeploymentUniqueLabelKey */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-32a over bytes, continuing from `h` (hash/fnv New32a + Write). */
export function fnv32aBytes(bytes: Iterable<number>, h = FNV_OFFSET): number {
  let out = h;
  for (const b of bytes) {
    out ^= b & 0xff;
    out = Math.imul(out, FNV_PRIME);
  }
  return out >>> 0;
}

/** The UTF-8 bytes of a string (Go writes strings to a hasher as bytes). */
export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** rand.SafeEncodeString: each character mapped to `alphanums[c % 27]` (no vowels, no 0/1/3). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted (spew's SortKeys), so key order never changes the hash. */
export function deepHashText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(deepHashText).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${deepHashText((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The collision count as binary.LittleEndian.PutUint32 into an 8-byte slice writes it. */
function collisionBytes(collisionCount: number): number[] {
  const n = collisionCount >>> 0;
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff, 0, 0, 0, 0];
}

/** The 32-bit sum ComputeHash encodes (exported for tests of the encoding). */
export function templateHashValue(template: PodTemplateSpec | unknown, collisionCount?: number): number {
  const h = fnv32aBytes(utf8Bytes(deepHashText(template)));
  return collisionCount === undefined ? h : fnv32aBytes(collisionBytes(collisionCount), h);
}

/**
 * controller.ComputeHash: the pod-template-hash of a (defaulted) pod template.
 * @example computeHash(deployment.spec.template, deployment.status.collisionCount) // '7c65d6cfc9'
 */
export function computeHash(template: PodTemplateSpec | unknown, collisionCount?: number): string {
  return safeEncodeString(String(templateHashValue(template, collisionCount)));
}
