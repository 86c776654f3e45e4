import { describe, expect, it } from 'vitest';
import { DockerfileError, expand, keyValues, parseDockerfile, splitArgs } from '../../../src/engine/docker/dockerfile.ts';

function parseError(source: string): DockerfileError {
  try {
    parseDockerfile(source);
  } catch (e) {
    if (e instanceof DockerfileError) return e;
    throw e;
  }
  throw new Error('expected a DockerfileError');
}

describe('parseDockerfile', () => {
  it('reads instructions case-insensitively, skipping comments and joining continuations', () => {
    const ins = parseDockerfile('# syntax=docker/dockerfile:1\nfrom alpine:3.20 AS base\n\nRUN apk add \\\n  # a comment inside\n  curl\nCMD ["sh", "-c", "echo hi"]\n');
    expect(ins.map((i) => [i.name, i.line])).toEqual([
      ['from', 2],
      ['run', 4],
      ['cmd', 7],
    ]);
    expect(ins[1].text).toBe('apk add   curl');
    expect(ins[1].original).toBe('RUN apk add curl');
    expect(ins[2].json).toEqual(['sh', '-c', 'echo hi']);
  });

  it('takes --flags off COPY and FROM', () => {
    const [, copy] = parseDockerfile('FROM alpine\nCOPY --from=build --chown=node:node /out/app /app\n');
    expect(copy.flags).toEqual({ from: 'build', chown: 'node:node' });
    expect(copy.text).toBe('/out/app /app');
  });

  it.each([
    ['FROM alpine\nRUNN echo hi\n', 2, 'dockerfile parse error on line 2: unknown instruction: RUNN (did you mean run?)'],
    ['FROM alpine\nFOO bar\n', 2, 'dockerfile parse error on line 2: unknown instruction: FOO'],
    ['ENV A=b\nFROM alpine\n', 1, 'no build stage in current context'],
    ['FROM alpine\nCOPY onlyone\n', 2, 'dockerfile parse error on line 2: COPY requires at least two arguments, but only one was provided. Destination could not be determined.'],
    ['FROM alpine\nWORKDIR\n', 2, 'dockerfile parse error on line 2: WORKDIR requires exactly one argument'],
    ['FROM a b\n', 1, 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
    ['# only a comment\n', 0, 'file with no instructions'],
    ['FROM alpine\nCOPY --frm=x a b\n', 2, 'dockerfile parse error on line 2: unknown flag: frm'],
  ])('refuses %j at line %i', (source, line, message) => {
    const e = parseError(source);
    expect(e.line).toBe(line);
    expect(e.message).toBe(message);
  });

  it('allows ARG before the first FROM', () => {
    expect(parseDockerfile('ARG BASE=alpine\nFROM $BASE\n').map((i) => i.name)).toEqual(['arg', 'from']);
  });
});

describe('words and variables', () => {
  it('splits with quotes', () => {
    expect(splitArgs(`a "b c" 'd e' f\\ g`)).toEqual(['a', 'b c', 'd e', 'f g']);
  });

  it('reads ENV pairs and the legacy form', () => {
    expect(keyValues('A=1 B="two words"', true)).toEqual([
      ['A', '1'],
      ['B', 'two words'],
    ]);
    expect(keyValues('NODE_ENV production mode', true)).toEqual([['NODE_ENV', 'production mode']]);
  });

  it.each([
    ['/app/$NAME', { NAME: 'web' }, '/app/web'],
    ['${NAME}-x', { NAME: 'web' }, 'web-x'],
    ['${MISSING:-dflt}', {}, 'dflt'],
    ['${EMPTY:-dflt}', { EMPTY: '' }, 'dflt'],
    ['${EMPTY-dflt}', { EMPTY: '' }, ''],
    ['${SET:+alt}', { SET: '1' }, 'alt'],
    ['${UNSET:+alt}', {}, ''],
    ['\\$HOME', { HOME: '/root' }, '$HOME'],
  ])('expands %s', (text, vars, out) => {
    expect(expand(text, vars)).toBe(out);
  });
});
