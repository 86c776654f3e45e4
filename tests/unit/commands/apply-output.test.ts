/**
 * `kubectl apply -o`: the printed object is what the server returned (the dry-run forms are
 * checked against real kubectl in real-kubectl-golden.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

const CM = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  mode: ${value}\n`;
const TWO = `${CM('a')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n`;

describe('kubectl apply -o', () => {
  it('-o name, -o jsonpath and -o yaml print the applied objects; YAML documents are separated', () => {
    const s = new Session();
    expect(s.execLine('kubectl apply -f - -o name', CM('a')).output).toBe('configmap/cfg\n');
    expect(s.execLine("kubectl apply -f - -o jsonpath={.data.mode}", CM('b')).output).toBe('b');
    const yaml = s.execLine('kubectl apply -f - -o yaml', TWO).stdout;
    expect(yaml.split('\n---\n')).toHaveLength(2);
    expect(yaml).toContain('  name: other\n');
    expect(yaml).toContain(`  resourceVersion: "${s.sim.store.get('configmaps', 'default', 'other').metadata.resourceVersion}"`);
  });

  it('refuses table formats with the printer error', () => {
    const r = new Session().execLine('kubectl apply -f - -o wide', CM('a'));
    expect(r.stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    );
    expect(r.exitCode).toBe(1);
  });
});
