/** The engine's own SHA-256 and base32, checked against FIPS 180-4 vectors and real kube-proxy chain names. */
import { describe, expect, it } from 'vitest';
import { base32, sha256 } from '../../../src/engine/network/sha256.ts';
import { portProtoHash } from '../../../src/engine/network/kube-proxy.ts';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('sha256', () => {
  it.each([
    { text: '', want: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { text: 'abc', want: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
    { text: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', want: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1' },
  ])('sha256("$text")', ({ text, want }) => {
    expect(hex(sha256(text))).toBe(want);
  });

  it('pads base32 as Go StdEncoding does', () => {
    expect(base32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI======');
  });
});

describe('portProtoHash (chain names seen on every kubeadm node)', () => {
  it.each([
    { name: 'default/kubernetes:https', proto: 'tcp', want: 'NPX46M4PTMTKRN6Y' },
    { name: 'kube-system/kube-dns:dns', proto: 'udp', want: 'TCOU7JCQXEZGVUNU' },
    { name: 'kube-system/kube-dns:dns-tcp', proto: 'tcp', want: 'ERIFXISQEP7F7OF4' },
    { name: 'kube-system/kube-dns:metrics', proto: 'tcp', want: 'JD5MR3NA4I4DYORP' },
  ])('$name/$proto → KUBE-SVC-$want', ({ name, proto, want }) => {
    expect(portProtoHash(name, proto)).toBe(want);
  });
});
