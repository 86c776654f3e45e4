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
  // 32 hex digits from four PRNG words, with the version (4) and variant (8-b) nibbles set,
  // written straight into character codes: this runs on every object the API creates.
  const codes = new Array<number>(36);
  let at = 0;
  for (let w = 0; w < 4; w++) {
    const word = prng.nextUint32();
    for (let shift = 28; shift >= 0; shift -= 4) {
      if (at === 8 || at === 13 || at === 18 || at === 23) codes[at++] = DASH;
      let nibble = (word >>> shift) & 0xf;
      if (at === 14) nibble = 4;
      else if (at === 19) nibble = (nibble & 0x3) | 0x8;
      codes[at++] = HEX_CODES[nibble];
    }
  }
  return String.fromCharCode(...codes);
}

const DASH = 0x2d;
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
