import type { Prng } from '../kernel/prng.ts';

/**
 * The alphabet of utilrand.String (apimachinery/pkg/util/rand): no vowels (no accidental words),
 * no 0/1/3 (no confusion with o/l/e). Generated names and pod-template-hash values use it.
 */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Length of the random suffix the API server appends to generateName. */
export const GENERATED_SUFFIX_LENGTH = 5;

/** Longest object name (DNS-1123 label length for most kinds). */
export const MAX_NAME_LENGTH = 63;

/** A random string of NAME_ALPHABET characters, as utilrand.String(n). */
export function randomString(n: number, prng: Prng): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[prng.nextInt(NAME_ALPHABET.length)];
  return s;
}

/**
 * names.SimpleNameGenerator: the base truncated to 58 characters, then 5 random characters.
 * @example generateNameSuffix('web-7854ff8877-', prng) // 'web-7854ff8877-x2jqk'
 */
export function generateNameSuffix(base: string, prng: Prng): string {
  const maxBase = MAX_NAME_LENGTH - GENERATED_SUFFIX_LENGTH;
  return base.slice(0, maxBase) + randomString(GENERATED_SUFFIX_LENGTH, prng);
}

/** A random (version 4) UUID from the simulation PRNG, as the API server gives every object. */
export function newUid(prng: Prng): string {
  const a = hex8(prng.nextUint32());
  const b = hex8(prng.nextUint32());
  const c = hex8(prng.nextUint32());
  const d = hex8(prng.nextUint32());
  const variant = HEX[(parseInt(c[0], 16) & 0x3) | 0x8];
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
}

const HEX = '0123456789abcdef';

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
