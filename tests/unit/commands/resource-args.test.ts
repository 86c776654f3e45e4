/**
 * kubectl's resource builder (ResourceTypeOrNameArgs): `TYPE[,TYPE] [NAME...]`, `TYPE/NAME...`.
 * Several types with names become one type/name tuple per type and name, in that order
 * (normalizeMultipleResourcesArgs), so `kubectl get svc,ep web` shows both objects named web.
 */
import { describe, expect, it } from 'vitest';
import { parseResourceArgs } from '../../../src/commands/kubectl/resources.ts';
import { Session } from '../../../src/commands/session.ts';

const tuples = (args: string[]) => parseResourceArgs(args).names.map((n) => `${n.type.plural}/${n.name}`);

describe('parseResourceArgs', () => {
  it('a list of types with names is every type with every name', () => {
    expect(tuples(['svc,ep', 'web'])).toEqual(['services/web', 'endpoints/web']);
    expect(tuples(['po,svc', 'a', 'b'])).toEqual(['pods/a', 'pods/b', 'services/a', 'services/b']);
    expect(tuples(['svc,svc', 'web'])).toEqual(['services/web']); // SplitResourceArgument drops repeats
    expect(parseResourceArgs(['svc,ep', 'web']).multipleTypes).toBe(true);
  });

  it('keeps kubectl errors for malformed tuples', () => {
    expect(() => parseResourceArgs(['svc,', 'web'])).toThrow('error: arguments in resource/name form must have a single resource and name');
    expect(() => parseResourceArgs(['svc,ep', 'web/x'])).toThrow('error: arguments in resource/name form may not have more than one slash');
  });
});

describe('kubectl get TYPE,TYPE NAME', () => {
  it('prints each named object under its kind', () => {
    const session = new Session({ seed: 1 });
    expect(session.execLine('kubectl get svc,ep kubernetes').stdout).toBe(
      [
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   60s',
        '',
        'NAME                   ENDPOINTS         AGE',
        'endpoints/kubernetes   172.18.0.2:6443   60s',
        '',
      ].join('\n'),
    );
  });
});
