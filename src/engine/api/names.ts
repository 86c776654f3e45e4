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
  const hex = [prng.nextUint32(), prng.nextUint32(), prng.nextUint32(), prng.nextUint32()]
    .map((n) => n.toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
