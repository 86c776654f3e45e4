import { describe, expect, it } from 'vitest';
import { renderTable, sanitizeCell } from '../../../src/commands/printers/table.ts';
import { alignTabs } from '../../../src/commands/printers/tabwriter.ts';

describe('renderTable (tabwriter minwidth 6, padding 3)', () => {
  it('lays out the reference §13.1 pod example', () => {
    const out = renderTable(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], [['nginx-7854ff8877-x2jqk', '1/1', 'Running', '0', '5s']]);
    expect(out).toBe(
      'NAME                     READY   STATUS    RESTARTS   AGE\n' + 'nginx-7854ff8877-x2jqk   1/1     Running   0          5s\n',
    );
  });

  it('lays out kubectl get nodes as kind prints it', () => {
    const out = renderTable(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'], [['kind-control-plane', 'Ready', 'control-plane', '10m', 'v1.31.0']]);
    expect(out).toBe(
      'NAME                 STATUS   ROLES           AGE   VERSION\n' + 'kind-control-plane   Ready    control-plane   10m   v1.31.0\n',
    );
  });

  it('pads short columns to the minimum width of 6', () => {
    expect(renderTable(['A', 'B', 'C'], [['x', 'y', 'z']])).toBe('A     B     C\nx     y     z\n');
  });

  it('never pads the last column, but pads an empty last-but-one cell', () => {
    expect(renderTable(['NAME', 'MESSAGE'], [['a', '']])).toBe('NAME   MESSAGE\na      \n');
  });

  it('supports --no-headers and prints nothing for an empty table', () => {
    expect(renderTable(['NAME', 'AGE'], [['web', '5s']], { noHeaders: true })).toBe('web   5s\n');
    expect(renderTable(['NAME', 'AGE'], [])).toBe('');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(renderTable(['N', 'X'], [['😀é', 'y']])).toBe('N     X\n😀é    y\n');
  });

  it('truncates multi-line cells and escapes ESC like cli-runtime', () => {
    expect(sanitizeCell('first line\nsecond')).toBe('first line...');
    expect(sanitizeCell('a\rb')).toBe('a...');
    expect(sanitizeCell('\x1b[31mred')).toBe('^[[31mred');
    expect(renderTable(['NAME', 'MESSAGE'], [['a', 'x\ny']])).toBe('NAME   MESSAGE\na      x...\n');
  });
});

describe('alignTabs (Go text/tabwriter column blocks)', () => {
  it('aligns a column only over consecutive lines that have it', () => {
    // The middle line has no cell in column 0 (no tab), which ends the first block.
    const text = 'aaaaaaaaaa\tb\nno tabs here\nc\td\n';
    expect(alignTabs(text)).toBe('aaaaaaaaaa   b\nno tabs here\nc     d\n');
  });

  it('passes an unterminated final line through', () => {
    expect(alignTabs('a\tb')).toBe('a     b');
  });
});
