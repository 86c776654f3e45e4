/**
 * `kubectl edit`'s flags (kubectl v1.31 editoptions.go): -f, --save-config, --subresource=status,
 * -o, --output-patch, --windows-line-endings, --validate, and the client-side refusals recorded
 * from kubectl.1.31 against the fake API server. The buffer still reaches the app's editor
 * through the `edit` result field.
 */
import { describe, expect, it } from 'vitest';
import { EDIT_HEADER } from '../../../src/commands/kubectl/verbs/edit.ts';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

const SVC_FILE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - port: 80
`;

const fs: FileSystem = {
  readFile(path) {
    if (path !== 'svc.yaml') throw new Error(`no such file: ${path}`);
    return SVC_FILE;
  },
  stat: (path) => (path === 'svc.yaml' ? 'file' : undefined),
  readDir: () => [],
  join: (d, n) => `${d}/${n}`,
};

function cluster(): Session {
  const s = new Session({ editor: true, fs });
  for (const line of ['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'kubectl expose deploy web --port=80', 'sim advance 30s']) {
    expect(s.execLine(line).exitCode).toBe(0);
  }
  return s;
}

function open(s: Session, line: string): string {
  const r = s.execLine(line);
  expect(r.stderr).toBe('');
  expect(r.edit).toBeDefined();
  return r.edit!;
}

describe('kubectl edit flags', () => {
  it.each([
    ['kubectl edit --subresource=scale deploy/web', 'error: invalid subresource value: "scale". Must be one of [status]\n'],
    ['kubectl edit -o name deploy/web', 'error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n'],
    ['kubectl edit --validate=foo deploy/web', 'error: invalid - validate option "foo"; must be one of: strict (or true), warn, ignore (or false)\n'],
    ['kubectl edit -f svc.yaml deploy/x', 'error: resource/name arguments cannot be provided when a path is specified\n'],
  ])('%s is refused as kubectl v1.31 refuses it', (line, stderr) => {
    const r = cluster().execLine(line);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(1);
  });

  it('--windows-line-endings writes CRLF, and a CRLF save is understood', () => {
    const s = cluster();
    const text = open(s, 'kubectl edit svc web --windows-line-endings');
    expect(text).toBe((EDIT_HEADER + s.execLine('kubectl get svc web -o yaml').stdout).replace(/\n/g, '\r\n'));
    const r = s.execLine('kubectl edit svc web --windows-line-endings', text.replace('app: web\r\n  sessionAffinity', 'app: other\r\n  sessionAffinity'));
    expect(r.stdout).toBe('service/web edited\n');
    expect(s.execLine('kubectl get svc web -o jsonpath={.spec.selector.app}').stdout).toBe('other');
  });

  it('-f opens the live object the file names', () => {
    const s = cluster();
    expect(open(s, 'kubectl edit -f svc.yaml')).toBe(EDIT_HEADER + s.execLine('kubectl get svc web -o yaml').stdout);
  });

  it('--output-patch prints the strategic merge patch before the result', () => {
    const s = cluster();
    const text = open(s, 'kubectl edit deploy/web').replace('replicas: 2', 'replicas: 3');
    expect(s.execLine('kubectl edit deploy/web --output-patch', text).stdout).toBe('Patch: {"spec":{"replicas":3}}\ndeployment.apps/web edited\n');
  });

  it('--save-config records the edited object as the last applied configuration', () => {
    const s = cluster();
    const text = open(s, 'kubectl edit svc/web').replace('port: 80', 'port: 81');
    expect(s.execLine('kubectl edit svc/web --save-config', text).stdout).toBe('service/web edited\n');
    const last = JSON.parse(s.execLine('kubectl apply view-last-applied svc/web -o json').stdout) as { spec: { ports: { port: number }[] } };
    expect(last.spec.ports[0].port).toBe(81);
    const plain = cluster();
    plain.execLine('kubectl edit svc/web', open(plain, 'kubectl edit svc/web').replace('port: 80', 'port: 81'));
    expect(plain.execLine("kubectl get svc web -o jsonpath={.metadata.annotations}").stdout).toBe('');
  });

  it('--subresource=status writes the status only', () => {
    const s = cluster();
    const text = open(s, 'kubectl edit svc/web --subresource=status')
      .replace('port: 80', 'port: 81')
      .replace('loadBalancer: {}', 'loadBalancer:\n    ingress:\n    - ip: 192.0.2.1');
    expect(s.execLine('kubectl edit svc/web --subresource=status', text).stdout).toBe('service/web edited\n');
    expect(s.execLine('kubectl get svc web -o jsonpath={.spec.ports[0].port},{.status.loadBalancer.ingress[0].ip}').stdout).toBe('80,192.0.2.1');
  });

  it('--validate: unknown fields fail under strict, warn under warn, are dropped under ignore', () => {
    const add = (t: string) => t.replace('replicas: 2', 'replicas: 3\n  bogus: 1');
    const strict = cluster();
    const r = strict.execLine('kubectl edit deploy/web', add(open(strict, 'kubectl edit deploy/web')));
    expect(r.stderr).toMatch(/^error: deployments\.apps "web" could not be patched: strict decoding error: unknown field "spec\.bogus"\n/);
    expect(r.exitCode).toBe(1);
    const warn = cluster();
    const w = warn.execLine('kubectl edit deploy/web --validate=warn', add(open(warn, 'kubectl edit deploy/web')));
    expect(w.stderr).toBe('Warning: unknown field "spec.bogus"\n');
    expect(w.stdout).toBe('deployment.apps/web edited\n');
    const ignore = cluster();
    const i = ignore.execLine('kubectl edit deploy/web --validate=false', add(open(ignore, 'kubectl edit deploy/web')));
    expect(i.stderr).toBe('');
    expect(ignore.execLine('kubectl get deploy web -o jsonpath={.spec.replicas}').stdout).toBe('3');
  });
});
