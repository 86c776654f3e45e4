import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  labelSelectorRequirements,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../../../src/engine/api/selectors.ts';

const labels = { app: 'web', tier: 'frontend', version: '3' };

describe('label selectors', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app!=web', false],
    ['app=db', false],
    ['app in (web,db)', true],
    ['app notin (web,db)', false],
    ['app notin (db)', true],
    ['app', true],
    ['!app', false],
    ['!missing', true],
    ['missing!=x', true],
    ['app=web,tier=frontend', true],
    ['app=web,tier=backend', false],
    ['version>2', true],
    ['version<3', false],
    ['app in (web), tier', true],
  ])('%j matches = %s', (sel, want) => expect(matchesLabels(parseLabelSelector(sel), labels)).toBe(want));

  it.each(['app in web', 'app in (web', '=x', 'app=(x)', 'version>abc'])('%j is a parse error', (sel) => {
    expect(() => parseLabelSelector(sel)).toThrow(/unable to parse requirement/);
  });

  it('converts and formats metav1.LabelSelector', () => {
    const sel = { matchLabels: { tier: 'fe', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In' as const, values: ['prod', 'dev'] }] };
    expect(formatLabelSelector(sel)).toBe('app=web,tier=fe,env in (dev,prod)');
    expect(matchesLabels(labelSelectorRequirements(sel), { app: 'web', tier: 'fe', env: 'dev' })).toBe(true);
    expect(matchesLabels(labelSelectorRequirements(sel), { app: 'web', tier: 'fe' })).toBe(false);
    expect(formatLabelSelector(undefined)).toBe('<none>');
  });
});

describe('field selectors', () => {
  it('parses =, == and != with escapes', () => {
    expect(parseFieldSelector('status.phase=Running,spec.nodeName!=node-1')).toEqual([
      { field: 'status.phase', op: '=', value: 'Running' },
      { field: 'spec.nodeName', op: '!=', value: 'node-1' },
    ]);
    expect(parseFieldSelector('metadata.name==a\\,b')).toEqual([{ field: 'metadata.name', op: '=', value: 'a,b' }]);
    expect(parseFieldSelector('')).toEqual([]);
    expect(() => parseFieldSelector('nonsense')).toThrow(/invalid selector/);
  });
});
