/**
 * `kubectl edit`: the buffer kubectl would open, and what happens to the text saved from it —
 * given as stdin (a here-document in scripts, the editor panel in the app).
 */
import { describe, expect, it } from 'vitest';
import { EDIT_HEADER } from '../../../src/commands/kubectl/verbs/edit.ts';
import { Session } from '../../../src/commands/session.ts';

function cluster(editor = true): Session {
  const s = new Session({ editor });
  for (const line of ['kubectl create deployment web --image=nginx:1.27 --replicas=2', 'sim advance 30s']) {
    expect(s.execLine(line).exitCode).toBe(0);
  }
  return s;
}

/** Opens the editor as the app does and returns the text it shows. */
function open(s: Session, line = 'kubectl edit deploy/web'): string {
  const r = s.execLine(line);
  expect(r.exitCode).toBe(0);
  expect(r.edit).toBeDefined();
  return r.edit!;
}

describe('kubectl edit', () => {
  it('opens the object as `get -o yaml` shows it, under kubectl\'s header', () => {
    const s = cluster();
    expect(open(s)).toBe(EDIT_HEADER + s.execLine('kubectl get deploy web -o yaml').stdout);
    expect(open(s, 'kubectl edit deploy web -o json')).toBe(EDIT_HEADER + s.execLine('kubectl get deploy web -o json').stdout);
  });

  it('patches what was changed: replicas up, image changed rolls out', () => {
    const s = cluster();
    const text = open(s).replace('replicas: 2', 'replicas: 3').replace('image: nginx:1.27', 'image: nginx:1.26');
    const r = s.execLine('kubectl edit deploy/web', text);
    expect(r.output).toBe('deployment.apps/web edited\n');
    expect(r.exitCode).toBe(0);
    s.execLine('sim advance 2m');
    expect(s.execLine("kubectl get deploy web -o jsonpath={.spec.replicas},{.spec.template.spec.containers[0].image},{.status.updatedReplicas}").stdout).toBe('3,nginx:1.26,3');
    expect(s.execLine('kubectl get rs -o name').stdout.trim().split('\n')).toHaveLength(2);
  });

  it('cancels without a change, and on an empty file', () => {
    const s = cluster();
    const rv = s.sim.store.resourceVersion;
    const text = open(s);
    expect(s.execLine('kubectl edit deploy/web', text).output).toBe('Edit cancelled, no changes made.\n');
    // Comments and layout do not count as changes.
    expect(s.execLine('kubectl edit deploy/web', `# my note\n${text}\n\n`).output).toBe('Edit cancelled, no changes made.\n');
    expect(s.execLine('kubectl edit deploy/web', '# only comments\n\n').output).toBe('Edit cancelled, saved file was empty.\n');
    expect(s.sim.store.resourceVersion).toBe(rv);
  });

  it('an invalid save is kept in a file and the edit cancelled; nothing changes', () => {
    const s = cluster();
    const rv = s.sim.store.resourceVersion;
    const r = s.execLine('kubectl edit deploy/web', open(s).replace('replicas: 2', 'replicas: -1'));
    expect(r.output).toMatch(
      /^error: deployments\.apps "web" is invalid\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d{10}\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/,
    );
    expect(r.exitCode).toBe(1);
    expect(s.sim.store.resourceVersion).toBe(rv);
  });

  it('a syntax error, or a changed name, is refused the same way', () => {
    const s = cluster();
    const syntax = s.execLine('kubectl edit deploy/web', open(s).replace('spec:', 'spec:\n  - x: [').replace('kind:', ' kind:'));
    expect(syntax.output).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d{10}\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    const renamed = s.execLine('kubectl edit deploy/web', open(s).replace('name: web\n  namespace', 'name: web2\n  namespace'));
    expect(renamed.output).toMatch(/^A copy of your changes has been stored to ".*"\nerror: At least one of apiVersion, kind and name was changed\n$/);
    expect(renamed.exitCode).toBe(1);
  });

  it('the same save gives the same kept-file name (transcripts stay reproducible)', () => {
    const a = cluster();
    const b = cluster();
    const bad = (s: Session) => s.execLine('kubectl edit deploy/web', open(s).replace('replicas: 2', 'replicas: -1')).output;
    expect(bad(a)).toBe(bad(b));
  });

  it('in a script there is no editor: the saved text must come as a here-document', () => {
    const s = cluster(false);
    const r = s.execLine('kubectl edit deploy/web');
    expect(r.stderr).toBe('error: there is no editor in a script: give the edited object as a here-document (kubectl edit deploy/web <<EOF ... EOF)\n');
    expect(r.exitCode).toBe(1);
    expect(s.execLine('kubectl edit deploy/nope', 'x: 1').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(s.execLine('kubectl edit deploy/web -o wide').stderr).toBe('error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n');
  });
});
