import { describe, expect, it } from 'vitest';
import {
  CustomColumnsError,
  parseCustomColumnsFile,
  parseCustomColumnsSpec,
  relaxedJsonPath,
  renderCustomColumns,
} from '../../../src/commands/printers/custom-columns.ts';

const pods = [
  { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ image: 'nginx' }, { image: 'busybox' }], priority: 0 } },
  { metadata: { name: 'db-long-name' }, spec: { containers: [{ image: 'postgres' }], ratio: 0.25 } },
];

describe('relaxedJsonPath', () => {
  it.each([
    ['metadata.name', '{.metadata.name}'],
    ['.metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
    ['', ''],
  ])('%s -> %s', (input, want) => {
    expect(relaxedJsonPath(input)).toBe(want);
  });

  it('rejects braces inside the path', () => {
    expect(() => relaxedJsonPath('{.a}{.b}')).toThrow(CustomColumnsError);
  });
});

describe('parseCustomColumnsSpec', () => {
  it('splits at commas and at the first colon only', () => {
    expect(parseCustomColumnsSpec('NAME:.metadata.name,A:B:.x')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'A', fieldSpec: '{.B:.x}' },
    ]);
  });

  it.each([
    ['', 'custom-columns format specified but no custom columns given'],
    ['NAME', 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>'],
    ['NAME:.a,', 'unexpected custom-columns spec: , expected <header>:<json-path-expr>'],
  ])('%j fails: %s', (spec, msg) => {
    expect(() => parseCustomColumnsSpec(spec)).toThrow(new CustomColumnsError(msg));
  });
});

describe('parseCustomColumnsFile', () => {
  it('reads a header line and a spec line split on any whitespace', () => {
    expect(parseCustomColumnsFile('NAME\t IMAGE\r\n.metadata.name   {.spec.containers[0].image}\nignored\n')).toEqual([
      { header: 'NAME', fieldSpec: '{.metadata.name}' },
      { header: 'IMAGE', fieldSpec: '{.spec.containers[0].image}' },
    ]);
  });

  it.each([
    ['', 'invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.'],
    ['NAME\n', 'invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.'],
    ['A B\n.a\n', "number of headers (2) and field specifications (1) don't match"],
  ])('%j fails', (text, msg) => {
    expect(() => parseCustomColumnsFile(text)).toThrow(new CustomColumnsError(msg));
  });
});

describe('renderCustomColumns', () => {
  const cols = parseCustomColumnsSpec('NAME:.metadata.name,IMAGES:.spec.containers[*].image,APP:.metadata.labels.app,P:.spec.priority,R:.spec.ratio');

  it('aligns columns, joins several values with commas and prints <none> for none', () => {
    expect(renderCustomColumns(cols, pods, false)).toBe(
      'NAME           IMAGES          APP      P        R\n' +
        'web            nginx,busybox   web      0        <none>\n' +
        'db-long-name   postgres        <none>   <none>   0.25\n',
    );
  });

  it('omits the header with --no-headers', () => {
    expect(renderCustomColumns(parseCustomColumnsSpec('N:.metadata.name'), pods, true)).toBe('web\ndb-long-name\n');
  });

  it('prints only the header for an empty list', () => {
    expect(renderCustomColumns(parseCustomColumnsSpec('NAME:.metadata.name'), [], false)).toBe('NAME\n');
  });

  it('keeps what was printed before a failing row', () => {
    const bad = parseCustomColumnsSpec('NAME:.metadata.name,C:.spec.containers[1].image');
    try {
      renderCustomColumns(bad, pods, false);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CustomColumnsError);
      expect((e as CustomColumnsError).message).toBe('array index out of bounds: index 1, length 1');
      expect((e as CustomColumnsError).stdout).toBe('NAME   C\nweb    busybox\n');
    }
  });
});
