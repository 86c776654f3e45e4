/**
 * `kubectl create role|clusterrole|rolebinding|clusterrolebinding|serviceaccount|ingress|token`
 * against real kubectl v1.31 (create-more-generators.golden.json, tools/record-create-more.ts:
 * client dry runs and client-side errors, discovery from a Podlab session through the fake API
 * server), and service accounts and tokens through Podlab's API server.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

interface Row {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

const rows = JSON.parse(readFileSync(new URL('./create-more-generators.golden.json', import.meta.url), 'utf8')) as Row[];
const word = (a: string) => (/[\s*?]/.test(a) || a === '' ? `'${a}'` : a);

describe('kubectl create generators for RBAC, service accounts, ingresses and tokens, as kubectl v1.31 prints them', () => {
  it.each(rows.map((r) => [r.argv.join(' '), r] as const))('%s', (_line, row) => {
    const r = new Session({ seed: 1 }).execLine(`kubectl ${row.argv.map(word).join(' ')}`);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: row.stdout, stderr: row.stderr, exitCode: row.exitCode });
  });
});

describe('create serviceaccount and create token reach the API server', () => {
  it('kubectl create serviceaccount sa1 creates the account; a second create is refused in kubectl words, the cluster unchanged', () => {
    const s = new Session({ seed: 1 });
    expect(s.execLine('kubectl create serviceaccount sa1').stdout).toBe('serviceaccount/sa1 created\n');
    const before = s.sim.traceHash();
    const r = s.execLine('kubectl create serviceaccount sa1');
    expect(r.stderr).toBe('error: failed to create serviceaccount: serviceaccounts "sa1" already exists\n');
    expect(r.exitCode).toBe(1);
    expect(s.sim.traceHash()).toBe(before);
  });

  it('create token checks its flags as kubectl does, then asks for a token of an existing account', () => {
    const s = new Session();
    expect(s.execLine('kubectl create token default').stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(s.execLine('kubectl create token nobody').stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
  });

  it('--save-config puts the generated object into the last-applied annotation', () => {
    const out = new Session().execLine('kubectl create sa robot --save-config --dry-run=client -o jsonpath={.metadata.annotations}').stdout;
    expect(JSON.parse(out)).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"robot","creationTimestamp":null}}\n',
    });
  });
});
