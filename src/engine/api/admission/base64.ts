/**
 * UTF-8 and base64 without Buffer, btoa or TextEncoder: Secret `stringData` becomes base64 `data`,
 * and `data`/`binaryData` must decode the way Go's encoding/json decodes []byte
 * (base64.StdEncoding, padded, CR/LF ignored) — with its exact error offsets.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD, as Go's JSON decoder makes them). */
export function utf8Encode(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return out;
}

/** base64.StdEncoding.EncodeToString */
export function base64Encode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** base64 of a string's UTF-8 bytes. @example base64EncodeString('admin') // 'YWRtaW4=' */
export const base64EncodeString = (s: string): string => base64Encode(utf8Encode(s));

/** A decode failure; `offset` is Go's CorruptInputError position. */
export class Base64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
    this.name = 'Base64Error';
  }
}

const isNewline = (c: string): boolean => c === '\n' || c === '\r';

/**
 * base64.StdEncoding.DecodeString: the decoded byte count, or a {@link Base64Error} thrown at the
 * offset Go reports. (Only the length is needed: validation limits total size.)
 */
export function base64DecodedLength(src: string): number {
  let si = 0;
  let n = 0;
  for (;;) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return n;
        throw new Base64Error(si - j);
      }
      const c = src[si++];
      if (DECODE.has(c)) continue;
      if (isNewline(c)) {
        j--;
        continue;
      }
      if (c !== '=') throw new Base64Error(si - 1);
      return n + decodePadding(src, si, j);
    }
    n += 3;
  }
}

/** After a '=' at quantum position j: checks the rest of the padding, returns the bytes it carries. */
function decodePadding(src: string, start: number, j: number): number {
  let si = start;
  if (j === 0 || j === 1) throw new Base64Error(si - 1);
  if (j === 2) {
    while (si < src.length && isNewline(src[si])) si++;
    if (si === src.length) throw new Base64Error(src.length);
    if (src[si] !== '=') throw new Base64Error(si - 1);
    si++;
  }
  while (si < src.length && isNewline(src[si])) si++;
  if (si < src.length) throw new Base64Error(si);
  return j - 1;
}

const DECODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 to UTF-8 text (Secret data as a container or `kubectl describe` sees it); invalid input decodes as far as it goes. */
export function decodeBase64(text: string): string {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const v = DECODE_ALPHABET.indexOf(ch);
    if (v < 0) continue;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
