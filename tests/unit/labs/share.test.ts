/**
 * Share links: encode → decode is the identity (fast-check), a decoded link replays to the same
 * trace hash, and corrupt, oversized, wrong-version or ill-shaped links are refused with a
 * message before anything runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinLab } from '../../../src/labs/builtin/index.ts';
import { gradeLab } from '../../../src/labs/play.ts';
import { decodeShareLink, encodeShareLink, fromBase64Url, SHARE_LIMITS, ShareLinkError, toBase64Url } from '../../../src/labs/share.ts';

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}
const linkOf = async (json: string) => `v1.${toBase64Url(await deflateRaw(new TextEncoder().encode(json)))}`;

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(fromBase64Url(toBase64Url(b))).toEqual(b);
    }), { seed: 42, numRuns: 200 });
  });
  it('matches the standard alphabet', () => {
    expect(toBase64Url(new TextEncoder().encode('any carnal pleas?>'))).toBe('YW55IGNhcm5hbCBwbGVhcz8-');
  });
});

describe('share links', () => {
  const commandLine = fc.constantFrom(
    'kubectl scale deployment/web --replicas=5',
    'kubectl get pods -o wide',
    'sim advance 10s',
    'kubectl delete pod -l app=web --wait=false',
    'kubectl label node node-1 zone=a',
    "kubectl patch deploy web -p '{\"spec\":{\"replicas\":2}}'",
  );

  it('encode → decode is the identity (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom('deployments-scaling', 'probes'), fc.constant(builtinLab('hpa')!)), fc.nat(), fc.array(commandLine, { maxLength: 12 }), async (lab, seed, lines) => {
        const payload = { lab, seed, script: lines.map((l) => `${l}\n`).join('') };
        const link = await encodeShareLink(payload);
        expect(link.startsWith('v1.')).toBe(true);
        expect(link.length).toBeLessThanOrEqual(SHARE_LIMITS.encodedChars);
        expect(await decodeShareLink(link)).toEqual(payload);
      }),
      { seed: 7, numRuns: 40 },
    );
  });

  it('a decoded link replays to the same trace hash (property, few runs: each grades a lab)', async () => {
    const lab = builtinLab('deployments-scaling')!;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.array(commandLine, { maxLength: 4 }), async (seed, lines) => {
        const script = lines.map((l) => `${l}\n`).join('');
        const decoded = await decodeShareLink(await encodeShareLink({ lab: lab.id, seed, script }));
        expect(gradeLab(builtinLab(decoded.lab as string)!, decoded.seed, decoded.script).traceHash).toBe(gradeLab(lab, seed, script).traceHash);
      }),
      { seed: 3, numRuns: 4 },
    );
  });

  it.each<[string, () => Promise<string> | string, string]>([
    ['no version', () => 'eyJ9', 'invalid share link: a share link starts with "v1."'],
    ['wrong version', () => 'v2.abc', 'invalid share link: version v2 is not supported (this Podlab reads v1 links)'],
    ['not base64url', () => 'v1.ab+c', 'invalid share link: character "+" at position 3 is not base64url'],
    ['cut short', () => 'v1.abcde', 'invalid share link: the link is cut short'],
    ['corrupt data', () => 'v1.AAAAAAAA', 'invalid share link: the data is corrupt (it does not inflate)'],
    ['too long', () => `v1.${'A'.repeat(SHARE_LIMITS.encodedChars)}`, `more than ${SHARE_LIMITS.encodedChars}`],
    ['inflates too far', () => linkOf(`{"lab":"probes","seed":1,"script":"${' '.repeat(200_000)}"}`), `inflates to more than ${SHARE_LIMITS.decodedBytes} bytes`],
    ['not JSON', () => linkOf('lab=probes'), 'invalid share link: the data is not UTF-8 JSON'],
    ['not an object', () => linkOf('[1,2]'), 'invalid share link: the payload is not an object'],
    ['extra field', () => linkOf('{"lab":"probes","seed":1,"script":"","run":"x"}'), 'invalid share link: unknown field "run"'],
    ['bad seed', () => linkOf('{"lab":"probes","seed":-1,"script":""}'), 'seed must be a whole number'],
    ['bad lab id', () => linkOf('{"lab":"../../etc","seed":1,"script":""}'), 'is not a lab id'],
    ['bad inline lab', () => linkOf('{"lab":{"id":"x"},"seed":1,"script":""}'), 'invalid share link: error validating "link": error validating data: [ValidationError(Lab): missing required field "title"'],
    ['bad script', () => linkOf('{"lab":"probes","seed":1,"script":"kubectl apply -f - <<EOF\\n"}'), 'invalid share link: script line 1:'],
  ])('refuses %s', async (_name, make, message) => {
    const link = await make();
    const err = await decodeShareLink(link).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ShareLinkError);
    expect((err as Error).message).toContain(message);
  });

  it('refuses to encode a payload over the cap', async () => {
    await expect(encodeShareLink({ lab: 'probes', seed: 1, script: 'x'.repeat(SHARE_LIMITS.decodedBytes) })).rejects.toThrow(ShareLinkError);
  });
});
