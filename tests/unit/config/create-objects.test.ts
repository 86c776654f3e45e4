/**
 * `kubectl create configmap|secret` against the simulated cluster: the object stored (Secret
 * values base64, type defaulted to Opaque), the namespace from -n, kubectl's `failed to create
 * KIND:` wrapping of API errors, and `get`/`describe` of what was created.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

const FILES: Record<string, string> = { 'game.properties': 'lives=3\nlevel=hard\n', 'ui.env': 'COLOR=blue\n# comment\nSIZE=L\n' };

const fs: FileSystem = {
  readFile: (p) => FILES[p],
  stat: (p) => (p in FILES ? 'file' : undefined),
  readDir: () => [],
  join: (d, n) => `${d}/${n}`,
};

function session(): Session {
  return new Session({ seed: 1, fs });
}

describe('kubectl create configmap|secret on the cluster', () => {
  it('creates a ConfigMap from a file and literals; get, describe and -o yaml show it', () => {
    const s = session();
    expect(s.execLine('kubectl create configmap game --from-file=game.properties --from-literal=mode=fast').output).toBe('configmap/game created\n');
    expect(s.execLine('kubectl get cm game').output).toBe('NAME   DATA   AGE\ngame   2      0s\n');
    expect(s.execLine("kubectl get cm game -o jsonpath='{.data.game\\.properties}'").output).toBe('lives=3\nlevel=hard\n');
    expect(s.execLine('kubectl describe cm game').output).toBe(`Name:         game
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
game.properties:
----
lives=3
level=hard


mode:
----
fast


BinaryData
====

Events:  <none>
`);
  });

  it('creates a Secret stored base64, typed Opaque by the API server, masked by describe', () => {
    const s = session();
    expect(s.execLine('kubectl create ns shop').output).toBe('namespace/shop created\n');
    expect(s.execLine('kubectl create secret generic db -n shop --from-literal=password=s3cr3t --from-env-file=ui.env').output).toBe(
      'error: from-env-file cannot be combined with from-file or from-literal\n',
    );
    expect(s.execLine('kubectl create secret generic db -n shop --from-literal=password=s3cr3t --from-literal=user=admin').output).toBe(
      'secret/db created\n',
    );
    expect(s.execLine("kubectl get secret db -n shop -o jsonpath='{.type} {.data.password} {.data.user}'").output).toBe('Opaque czNjcjN0 YWRtaW4=');
    expect(s.execLine('kubectl get secrets -n shop').output).toBe('NAME   TYPE     DATA   AGE\ndb     Opaque   2      0s\n');
    expect(s.execLine('kubectl describe secret db -n shop').output).toBe(`Name:         db
Namespace:    shop
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  6 bytes
user:      5 bytes
`);
  });

  it('wraps API errors as kubectl does: failed to create configmap|secret: ...', () => {
    const s = session();
    s.execLine('kubectl create configmap env --from-env-file=ui.env');
    const again = s.execLine('kubectl create configmap env --from-literal=a=b');
    expect(again.output).toBe('error: failed to create configmap: configmaps "env" already exists\n');
    expect(again.exitCode).toBe(1);
    expect(s.execLine('kubectl create secret generic x --from-literal=a=b -n nowhere').output).toBe(
      'error: failed to create secret: namespaces "nowhere" not found\n',
    );
    expect(s.execLine('kubectl create secret generic x --type=kubernetes.io/tls --from-literal=a=b').output).toBe(
      'error: failed to create secret: Secret "x" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]\n',
    );
  });

  it('--dry-run=server validates without storing; -o yaml after a create prints the stored object', () => {
    const s = session();
    expect(s.execLine('kubectl create cm a --from-literal=k=v --dry-run=server').output).toBe('configmap/a created (server dry run)\n');
    expect(s.execLine('kubectl get cm a').output).toBe('Error from server (NotFound): configmaps "a" not found\n');
    const yaml = s.execLine('kubectl create secret generic t --from-literal=k=v -o yaml').output;
    expect(yaml).toContain('data:\n  k: dg==\nkind: Secret\nmetadata:\n  creationTimestamp: "2025-01-01T00:00:00Z"\n  name: t\n  namespace: default\n');
    expect(yaml).toContain('type: Opaque\n');
  });
});
