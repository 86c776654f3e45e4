/**
 * Share links: a lab (a built-in id, or the whole lab inline), the student's seed and their
 * command log (as a scenario script), so that opening the link replays the same state for
 * everyone. Format: `v1.` + base64url(deflate-raw(UTF-8 JSON {lab, seed, script})).
 * Compression uses the platform's CompressionStream, present in Node 20 and every current browser.
 *
 * A link is untrusted input. Decoding checks, in order and before anything runs: the version
 * prefix, the encoded size (at most {@link SHARE_LIMITS.encodedChars}), the alphabet, the
 * inflated size (streamed, stopped at {@link SHARE_LIMITS.decodedBytes}), UTF-8, JSON, the payload
 * shape, the inline lab's schema and the script's syntax. Every failure is a
 * {@link ShareLinkError} saying what is wrong.
 */
import { parseScript, ScriptSyntaxError } from '../commands/shell/script.ts';
import { LabValidationError, validateLab } from './schema.ts';
import type { Lab } from './types.ts';

export const SHARE_VERSION = 'v1';

/** Caps on a share link: 16 KiB of link text, 64 KiB once inflated. */
export const SHARE_LIMITS = { encodedChars: 16 * 1024, decodedBytes: 64 * 1024 } as const;

/** What a link carries. */
export interface SharePayload {
  /** A built-in lab's id, or a whole lab. */
  lab: string | Lab;
  seed: number;
  /** The student's commands, as a scenario script. */
  script: string;
}

/** A link that cannot be opened; the message says why. */
export class ShareLinkError extends Error {
  constructor(message: string) {
    super(`invalid share link: ${message}`);
    this.name = 'ShareLinkError';
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** RFC 4648 §5 base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Inverse of {@link toBase64Url}; throws ShareLinkError on a character outside the alphabet or a bad length. */
export function fromBase64Url(text: string): Uint8Array {
  if (text.length % 4 === 1) throw new ShareLinkError('the link is cut short (its length is not a whole number of bytes)');
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const v = B64.indexOf(text[i]);
    if (v < 0) throw new ShareLinkError(`character ${JSON.stringify(text[i])} at position ${i + 1} is not base64url`);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, capBytes: number): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Written without awaiting: the reader below drains as the writer fills, and a stream that
  // errors (corrupt input) rejects the read, which is what reports it.
  writer.write(new Uint8Array(bytes)).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > capBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ShareLinkError(`the link inflates to more than ${capBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Encodes a payload as `v1.…`; throws ShareLinkError when it is over the size caps. */
export async function encodeShareLink(payload: SharePayload): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ lab: payload.lab, seed: payload.seed, script: payload.script }));
  if (json.length > SHARE_LIMITS.decodedBytes) throw new ShareLinkError(`the payload is ${json.length} bytes, more than ${SHARE_LIMITS.decodedBytes}`);
  const packed = await pipe(json, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  const link = `${SHARE_VERSION}.${toBase64Url(packed)}`;
  if (link.length > SHARE_LIMITS.encodedChars) throw new ShareLinkError(`the link would be ${link.length} characters, more than ${SHARE_LIMITS.encodedChars}`);
  return link;
}

/** Decodes and checks a link (see the module comment for the order of checks). */
export async function decodeShareLink(link: string): Promise<SharePayload> {
  const text = link.trim();
  if (text.length > SHARE_LIMITS.encodedChars) throw new ShareLinkError(`the link is ${text.length} characters, more than ${SHARE_LIMITS.encodedChars}`);
  const version = /^(v\d+)\./.exec(text);
  if (!version) throw new ShareLinkError(`a share link starts with "${SHARE_VERSION}."`);
  if (version[1] !== SHARE_VERSION) throw new ShareLinkError(`version ${version[1]} is not supported (this Podlab reads ${SHARE_VERSION} links)`);
  const packed = fromBase64Url(text.slice(version[0].length));
  let bytes: Uint8Array;
  try {
    bytes = await pipe(packed, new DecompressionStream('deflate-raw'), SHARE_LIMITS.decodedBytes);
  } catch (e) {
    if (e instanceof ShareLinkError) throw e;
    throw new ShareLinkError('the data is corrupt (it does not inflate)');
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ShareLinkError('the data is not UTF-8 JSON');
  }
  return checkPayload(value);
}

function checkPayload(value: unknown): SharePayload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ShareLinkError('the payload is not an object');
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !['lab', 'seed', 'script'].includes(k));
  if (unknown.length > 0) throw new ShareLinkError(`unknown field "${unknown[0]}"`);
  if (typeof o.seed !== 'number' || !Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new ShareLinkError('seed must be a whole number from 0 to 4294967295');
  if (typeof o.script !== 'string') throw new ShareLinkError('script must be text');
  let lab: string | Lab;
  if (typeof o.lab === 'string') {
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(o.lab)) throw new ShareLinkError(`lab id ${JSON.stringify(o.lab.slice(0, 80))} is not a lab id`);
    lab = o.lab;
  } else {
    try {
      lab = validateLab(o.lab, 'link');
    } catch (e) {
      if (e instanceof LabValidationError) throw new ShareLinkError(e.message);
      throw e;
    }
  }
  try {
    parseScript(o.script);
  } catch (e) {
    if (e instanceof ScriptSyntaxError) throw new ShareLinkError(`script line ${e.lineNumber}: ${e.message}`);
    throw e;
  }
  return { lab, seed: o.seed, script: o.script };
}
