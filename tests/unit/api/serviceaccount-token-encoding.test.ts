/**
 * The token issuer's direct base64url encoder and per-cluster header cache must issue exactly the
 * tokens the plain `base64Encode(...).replace(...)` version did: the digest below was taken from
 * that version's tokens for these requests (non-ASCII audiences included).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Encode } from '../../../src/engine/api/admission/base64.ts';
import { base64Url, issueServiceAccountToken, type TokenRequestInput } from '../../../src/engine/api/serviceaccount-token.ts';
import { Hasher } from '../../../src/engine/kernel/hash.ts';

const REQUESTS: TokenRequestInput[] = [
  { seed: 1, nowMs: 0, namespace: 'default', serviceAccount: { name: 'default', uid: 'u-1' } },
  {
    seed: 7,
    nowMs: 123456,
    namespace: 'team',
    serviceAccount: { name: 'robot', uid: 'u-2' },
    audiences: ['vault', 'ünïcode ☃ 𝄞'],
    expirationSeconds: 600,
    boundObject: { kind: 'Pod', name: 'web-1', uid: 'p-1' },
    node: { name: 'node-1', uid: 'n-1' },
  },
  { seed: 4294967295, nowMs: 86400000, namespace: 'kube-system', serviceAccount: { name: 'x', uid: '' }, boundObject: { kind: 'Secret', name: 's', uid: 's-1' } },
  { seed: 3, nowMs: 5, namespace: 'a', serviceAccount: { name: 'b', uid: 'c' }, boundObject: { kind: 'Node', name: 'n', uid: 'nu' } },
];

describe('service account token encoding', () => {
  it('issues the same tokens as before, byte for byte (twice: the second time from the header cache)', () => {
    for (let round = 0; round < 2; round++) {
      const issued = JSON.stringify(REQUESTS.map((r) => issueServiceAccountToken(r)));
      expect(new Hasher().update(issued).digest()).toBe('900837c5a7f71b16');
    }
  });

  it('base64Url is base64.StdEncoding with -_ for +/ and no padding (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }), (bytes) => {
        expect(base64Url(bytes)).toBe(base64Encode(bytes).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
      }),
      { numRuns: 300 },
    );
  });
});
