/**
 * `kubectl api-resources` and `kubectl api-versions` against real kubectl v1.31 reading the same
 * discovery (info-golden.ts: recorded through tools/fake-apiserver, whose discovery is built from
 * RESOURCE_TYPES), plus kubectl's client-side errors.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { recordedCluster, run, serverRows } from './info-golden.ts';

describe('kubectl api-resources / api-versions, as kubectl v1.31 prints them', () => {
  const s = recordedCluster();
  const rows = [...serverRows('api-resources'), ...serverRows('api-versions')];
  it.each(rows.map((r) => [r.command, r] as const))('%s', (command, row) => {
    expect(run(s, command)).toEqual(row);
  });
});

describe('kubectl api-resources', () => {
  it.each([
    ['kubectl api-resources -o json', 'error: --output json is not available\n'],
    ['kubectl api-resources --sort-by=age', 'error: --sort-by accepts only name or kind\n'],
    ['kubectl api-resources pods', "error: unexpected arguments: [pods]\nSee 'kubectl api-resources -h' for help and examples\n"],
    ['kubectl api-versions x', "error: unexpected arguments: [x]\nSee 'kubectl api-versions -h' for help and examples\n"],
  ])('%s fails as kubectl does', (line, stderr) => {
    const r = new Session().execLine(line);
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr, exitCode: 1 });
  });

  it('lists namespaces without deletecollection, as the API server serves them', () => {
    const out = new Session().execLine('kubectl api-resources -o wide --namespaced=false').stdout;
    expect(out).toMatch(/\nnamespaces +ns +v1 +false +Namespace +create,delete,get,list,patch,update,watch *\n/);
  });
});
