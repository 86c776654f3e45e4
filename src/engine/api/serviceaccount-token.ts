/**
 * Bound service-account tokens as the API server's TokenRequest issues them (pkg/serviceaccount
 * claims.go, v1.31): a JWT `header.payload.signature` in base64url, header `{"alg":"RS256","kid"}`,
 * payload claims in go-jose's sorted order — aud, exp, iat, iss, jti, kubernetes.io (namespace,
 * the bound pod or secret and node, the serviceaccount), nbf, sub
 * `system:serviceaccount:NS:NAME`.
 *
 * NOT a real signature: nothing in the simulator verifies tokens, so the "signature" is 256 bytes
 * (an RS256 signature's length) drawn from a PRNG seeded by a hash of the claims and the cluster
 * seed. The same request at the same instant gives the same token, and issuing one does not
 * disturb the simulation's own random sequence (a TokenRequest stores nothing).
 */
import { Hasher } from '../kernel/hash.ts';
import { Prng } from '../kernel/prng.ts';
import { EPOCH_UNIX_MS } from '../kernel/time.ts';
import { utf8Encode } from './admission/base64.ts';

/** kubeadm's --service-account-issuer, which is also the default (and only) API audience. */
export const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** TokenRequestSpec.expirationSeconds default (1 h). */
export const DEFAULT_TOKEN_EXPIRATION_SECONDS = 3600;
/** The shortest lifetime the API server accepts (validation: "may not specify a duration less than 10 minutes"). */
export const MIN_TOKEN_EXPIRATION_SECONDS = 600;

export interface TokenRequestInput {
  /** The cluster seed (keeps tokens different between clusters). */
  seed: number;
  /** Simulated now, ms since the simulation epoch. */
  nowMs: number;
  namespace: string;
  serviceAccount: { name: string; uid: string };
  audiences?: readonly string[];
  expirationSeconds?: number;
  /** The object the token is bound to (a Pod: the kubelet's projected token). */
  boundObject?: { kind: 'Pod' | 'Secret' | 'Node'; name: string; uid: string };
  /** The bound pod's node (added to the claims for pod-bound tokens). */
  node?: { name: string; uid: string };
}

export interface IssuedToken {
  token: string;
  /** expirationTimestamp, ms since the simulation epoch. */
  expiresAtMs: number;
  audiences: string[];
}

const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * base64.RawURLEncoding (base64url, unpadded): base64Encode's output with `+/` as `-_` and no
 * `=`, written directly (the kubelet issues a token for every pod it starts).
 */
export function base64Url(bytes: readonly number[]): string {
  const n = bytes.length;
  const codes: number[] = [];
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    codes.push(URL_CODES[(v >> 18) & 63], URL_CODES[(v >> 12) & 63], URL_CODES[(v >> 6) & 63], URL_CODES[v & 63]);
  }
  if (n - i === 1) {
    const v = bytes[i] << 16;
    codes.push(URL_CODES[(v >> 18) & 63], URL_CODES[(v >> 12) & 63]);
  } else if (n - i === 2) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
    codes.push(URL_CODES[(v >> 18) & 63], URL_CODES[(v >> 12) & 63], URL_CODES[(v >> 6) & 63]);
  }
  let out = '';
  for (let at = 0; at < codes.length; at += 4096) out += String.fromCharCode(...codes.slice(at, at + 4096));
  return out;
}

const URL_CODES: readonly number[] = Array.from(URL_ALPHABET, (c) => c.charCodeAt(0));

/** utf8Encode, with ASCII text (every claim Podlab writes, as a rule) taken a byte per unit. */
function utf8Bytes(s: string): number[] {
  const out: number[] = new Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return utf8Encode(s);
    out[i] = c;
  }
  return out;
}

const base64UrlJson = (v: unknown): string => base64Url(utf8Bytes(JSON.stringify(v)));

function randomBytes(prng: Prng, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(prng.nextInt(256));
  return out;
}

/** A version-4 UUID from `prng` (the token's jti). */
function uuid(prng: Prng): string {
  const b = randomBytes(prng, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i] >> 4] + HEX[b[i] & 15];
  }
  return s;
}

const HEX = '0123456789abcdef';

/** The key id: base64url of a SHA-256-sized digest of the cluster's signing key (here: of the seed). */
function keyId(seed: number): string {
  const prng = new Prng((seed ^ 0x5a5a17d) >>> 0);
  return base64Url(randomBytes(prng, 32));
}

/** The encoded JWT header of a cluster's tokens, by seed (the same for every token it issues). */
const headers = new Map<number, string>();

function encodedHeader(seed: number): string {
  let header = headers.get(seed);
  if (header === undefined) {
    if (headers.size >= 64) headers.clear();
    header = base64UrlJson({ alg: 'RS256', kid: keyId(seed) });
    headers.set(seed, header);
  }
  return header;
}

/** The claims' `kubernetes.io` block, keys sorted as go-jose marshals them. */
function privateClaims(input: TokenRequestInput): Record<string, unknown> {
  const claims: Record<string, unknown> = { namespace: input.namespace };
  const bound = input.boundObject;
  if (bound?.kind === 'Pod' && input.node) claims.node = { name: input.node.name, uid: input.node.uid };
  if (bound?.kind === 'Node') claims.node = { name: bound.name, uid: bound.uid };
  if (bound?.kind === 'Pod') claims.pod = { name: bound.name, uid: bound.uid };
  if (bound?.kind === 'Secret') claims.secret = { name: bound.name, uid: bound.uid };
  claims.serviceaccount = { name: input.serviceAccount.name, uid: input.serviceAccount.uid };
  return claims;
}

/** Issues a token for the request (see the file comment: deterministic, not really signed). */
export function issueServiceAccountToken(input: TokenRequestInput): IssuedToken {
  const iat = Math.floor((EPOCH_UNIX_MS + input.nowMs) / 1000);
  const ttl = input.expirationSeconds ?? DEFAULT_TOKEN_EXPIRATION_SECONDS;
  const audiences = input.audiences && input.audiences.length > 0 ? [...input.audiences] : [SERVICE_ACCOUNT_ISSUER];
  const material = JSON.stringify([input.seed, input.nowMs, input.namespace, input.serviceAccount, audiences, ttl, input.boundObject ?? null]);
  const digest = new Hasher().update(material).state();
  const prng = new Prng((digest[0] ^ Math.imul(digest[1], 0x9e3779b1) ^ input.seed) >>> 0);
  const payload = {
    aud: audiences,
    exp: iat + ttl,
    iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: uuid(prng),
    'kubernetes.io': privateClaims(input),
    nbf: iat,
    sub: `system:serviceaccount:${input.namespace}:${input.serviceAccount.name}`,
  };
  const signature = base64Url(randomBytes(prng, 256));
  return { token: `${encodedHeader(input.seed)}.${base64UrlJson(payload)}.${signature}`, expiresAtMs: input.nowMs + ttl * 1000, audiences };
}
