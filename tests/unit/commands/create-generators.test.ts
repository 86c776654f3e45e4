/**
 * `kubectl create deployment|job|cronjob` against real kubectl v1.31: the table in
 * create-generators.golden.json was recorded with `kubectl.1.31` (client-side dry runs and client
 * errors, stdout and stderr apart), and Podlab must print exactly the same.
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

const rows = JSON.parse(readFileSync(new URL('./create-generators.golden.json', import.meta.url), 'utf8')) as Row[];
/** A shell word: single-quoted when it has spaces or glob characters. */
const word = (a: string) => (/[\s*?]/.test(a) ? `'${a}'` : a);

describe('kubectl create generators, as kubectl v1.31 prints them', () => {
  it.each(rows.map((r) => [r.argv.join(' '), r] as const))('%s', (_line, row) => {
    const r = new Session({ seed: 1 }).execLine(`kubectl ${row.argv.map(word).join(' ')}`);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stdout: row.stdout, stderr: row.stderr, exitCode: row.exitCode });
  });

  it('names a container after an image with _ or . sanitized and given a random (seeded) suffix', () => {
    const out = new Session({ seed: 1 }).execLine('kubectl create deployment web --image=reg.io/My_App:1 --image=nginx@sha256:abc --dry-run=client -o yaml').stdout;
    expect(out).toMatch(/\n {6}- image: reg\.io\/My_App:1\n {8}name: My-App-[bcdfghjklmnpqrstvwxz2456789]{5}\n/);
    expect(out).toContain('\n      - image: nginx@sha256:abc\n        name: nginx\n');
  });

  it('creates a Deployment whose pods run', () => {
    const s = new Session({ seed: 1 });
    expect(s.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=2').stdout).toBe('deployment.apps/web created\n');
    s.execLine('sim advance 30s');
    expect(s.execLine('kubectl get deploy web').stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +2\/2 +2 +2 +30s\n$/);
  });
});
