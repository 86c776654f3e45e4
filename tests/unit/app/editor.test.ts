import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { placeDiagnostics } from '../../../src/app/editor-diagnostics.ts';
import { EXAMPLES_LIST } from '../../../src/app/examples/index.ts';
import { validateManifest } from '../../../src/app/validate.ts';
import { Session } from '../../../src/commands/session.ts';

describe('placing diagnostics in the editor', () => {
  const doc = Text.of(['apiVersion: apps/v1', 'kind: Deployment', 'spec:', '  replicaz: 2', '', 'x: 1']);
  it('underlines the named line from its first non-blank character', () => {
    const [d] = placeDiagnostics(doc, [{ line: 4, severity: 'error', message: 'm' }]);
    expect(doc.sliceString(d.from, d.to)).toBe('replicaz: 2');
    expect(d).toMatchObject({ line: 4, severity: 'error', message: 'm' });
  });

  it('puts a blank line at its end and lines out of range on the first or last', () => {
    const placed = placeDiagnostics(doc, [
      { line: 5, severity: 'warning', message: 'blank' },
      { line: 99, severity: 'error', message: 'gone' },
      { line: 0, severity: 'error', message: 'before' },
    ]);
    expect(placed.map((p) => [p.line, p.from === p.to])).toEqual([
      [5, true],
      [6, false],
      [1, false],
    ]);
  });
});

describe('the examples one click away', () => {
  const corpus = resolve(import.meta.dirname, '../../../../shared/manifests');
  it('are the corpus files as they are, with their source and licence', () => {
    expect(EXAMPLES_LIST.length).toBeGreaterThanOrEqual(10);
    for (const e of EXAMPLES_LIST) {
      const [repo, path] = e.source.split(': ');
      const dir = { 'kubernetes/website': 'kubernetes-website', 'kubernetes/examples': 'kubernetes-examples' }[repo];
      expect(dir, e.source).toBeDefined();
      expect(e.text).toBe(readFileSync(resolve(corpus, dir!, path), 'utf8'));
      expect(e.license).toBe(repo === 'kubernetes/website' ? 'CC BY 4.0, © The Kubernetes Authors' : 'Apache-2.0');
    }
  });

  it('decode without problems, and the KYAML pod applies as written', () => {
    for (const e of EXAMPLES_LIST) expect(validateManifest(e.text), e.id).toEqual([]);
    const session = new Session({ seed: 1 });
    const pod = EXAMPLES_LIST.find((e) => e.id === 'simple-pod')!;
    expect(session.execLine('kubectl apply -f -', pod.text).output).toBe('pod/nginx created\n');
  });
});
