/**
 * The `kubectl config` subcommands that edit the kubeconfig, against real kubectl v1.31 run on a
 * file equal to the session's admin.conf (config-edit.golden.json, tools/record-kubeconfig.ts):
 * each sequence in one session, so every command sees what the earlier ones changed.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

type Row = { command: string; stdout: string; stderr: string; exitCode: number };
const golden = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'config-edit.golden.json'), 'utf8')) as Record<string, Row[]>;

describe.each(Object.entries(golden))('kubectl config, sequence %s, as kubectl v1.31 prints it', (_name, rows) => {
  const s = new Session();
  it.each(rows.map((r, i) => [`${i + 1}: ${r.command}`, r] as const))('%s', (_title, row) => {
    const r = s.execLine(row.command);
    expect({ command: row.command, stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual(row);
  });
});

describe('the kubeconfig after edits', () => {
  it('a renamed current context stays current and keeps its namespace for later commands', () => {
    const s = new Session();
    s.execLine('kubectl create namespace shop');
    s.execLine('kubectl config set-context --current --namespace=shop');
    expect(s.execLine('kubectl config rename-context kubernetes-admin@kubernetes admin').stdout).toBe('Context "kubernetes-admin@kubernetes" renamed to "admin".\n');
    expect(s.execLine('kubectl config current-context').stdout).toBe('admin\n');
    expect(s.execLine('kubectl create configmap c').exitCode).toBe(0);
    expect(s.execLine('kubectl get configmap c -n shop -o name').stdout).toBe('configmap/c\n');
  });

  it('embeds a certificate read from the file system', () => {
    const fs = {
      readFile: (p: string) => {
        if (p !== 'ca.crt') throw new Error('missing');
        return 'cafile\n';
      },
      stat: (p: string) => (p === 'ca.crt' ? ('file' as const) : undefined),
      readDir: () => [],
      join: (d: string, n: string) => `${d}/${n}`,
    };
    const s = new Session({ fs });
    expect(s.execLine('kubectl config set-cluster e --embed-certs --certificate-authority=ca.crt').stdout).toBe('Cluster "e" set.\n');
    expect(s.execLine('kubectl config view --raw -o jsonpath={.clusters[0].cluster.certificate-authority-data}').stdout).toBe('Y2FmaWxlCg==');
  });
});

describe('kubectl config view --flatten', () => {
  it('embeds the files the entries refer to (shown raw), and fails as kubectl does on a missing one', () => {
    const fs = {
      readFile: (p: string) => {
        if (p !== '/certs/a.crt') throw new Error('missing');
        return 'cafile\n';
      },
      stat: (p: string) => (p === '/certs/a.crt' ? ('file' as const) : undefined),
      readDir: () => [],
      join: (d: string, n: string) => `${d}/${n}`,
    };
    const s = new Session({ fs });
    s.execLine('kubectl config set-credentials alice --client-certificate=/nope/a.crt');
    // kubectl v1.31: `error: open /nope/a.crt: no such file or directory`.
    expect(s.execLine('kubectl config view --flatten').stderr).toBe('error: open /nope/a.crt: no such file or directory\n');
    s.execLine('kubectl config set-credentials alice --client-certificate=/certs/a.crt');
    const out = s.execLine('kubectl config view --flatten').stdout;
    expect(out).toContain('- name: alice\n  user:\n    client-certificate-data: Y2FmaWxlCg==\n');
    expect(out).toContain('certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n');
    expect(s.execLine('kubectl config view --flatten --minify').stdout).not.toContain('alice');
  });
});

describe('kubectl config set on a field a cluster does not have', () => {
  it("answers with Go's map dump, as kubectl v1.31 does (its pointer addresses vary; these are fixed)", () => {
    const s = new Session();
    s.execLine('kubectl config set-cluster dev --server=https://10.0.0.1:6443');
    // kubectl v1.31: `error: can't set a map to a value: map[dev:0xc000907200 kubernetes:0xc000907280]`.
    expect(s.execLine('kubectl config set clusters.dev.nope x').stderr).toMatch(/^error: can't set a map to a value: map\[dev:0xc[0-9a-f]+ kubernetes:0xc[0-9a-f]+\]\n$/);
  });
});
