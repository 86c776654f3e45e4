/**
 * Content digests for the docker model: `sha256:<hex>` of real content (layer tars, image
 * configs, manifests), through the engine's own SHA-256 (network/sha256.ts) so a digest comes
 * out the same in Node and in a Web Worker, with no crypto API.
 */
import { sha256 } from '../network/sha256.ts';

/** `sha256:` + 64 hex digits of the UTF-8 text. */
export function sha256Digest(text: string): string {
  let hex = '';
  for (const byte of sha256(text)) hex += byte.toString(16).padStart(2, '0');
  return `sha256:${hex}`;
}

/** The 64 hex digits of a `sha256:` digest. */
export const digestHex = (digest: string): string => digest.slice(digest.indexOf(':') + 1);

/** The 12-digit short form `docker images`, `docker push` and `docker pull` print. */
export const shortId = (digest: string): string => digestHex(digest).slice(0, 12);

/**
 * JSON with object keys sorted at every level (Go's encoding/json sorts map keys): the bytes a
 * digest is taken over, so equal content always gives an equal digest.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
