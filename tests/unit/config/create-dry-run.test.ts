/**
 * `kubectl create configmap` and `kubectl create secret generic|docker-registry|tls`: each row is
 * a command line, kubectl's exit code and its output (stdout and stderr as a terminal shows them),
 * recorded from a real kubectl (client v1.32, whose create code is v1.31's) with the same files
 * in its working directory.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import type { FileSystem } from '../../../src/commands/types.ts';

/** The files the commands read (d/sub is an empty directory, skipped by --from-file=d). */
const FILES: Record<string, string> = {
  "f.txt": "hello\nworld\n",
  "e.env": "a=1\n# c\nb=two \n\nONLYKEY\n  c=4\nd=\"q x\"\n",
  "bad.env": "x=1\nexport Y=2\n",
  "d/one": "x\n",
  "d/two": "y\n",
  "c.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  "k.key": "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n",
  "foo.pem": "-----BEGIN FOO-----\nMIIB\n-----END FOO-----\n",
  "ec.crt": "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIUMNzYEoVjoVsuyGUNecgxIJ+uOk8wCgYIKoZIzj0EAwIw\nETEPMA0GA1UEAwwGcG9kbGFiMB4XDTI2MTIwMjE2NTE1NloXDTM2MTEyOTE2NTE1\nNlowETEPMA0GA1UEAwwGcG9kbGFiMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\nSEDqtnlhNOVPzBZyl0OBj9PH/sNF3XlFeNhUQCv4emB5ga44e8kds9bF+o0Jnqzk\neGrgkSEZMpniMOaylJ9sH6NTMFEwHQYDVR0OBBYEFIQF/UjfDxBpazKXDFMkrm+l\nca2BMB8GA1UdIwQYMBaAFIQF/UjfDxBpazKXDFMkrm+lca2BMA8GA1UdEwEB/wQF\nMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhAJfJDCdqaBaWRxAHztf0XLjIyqJ458lD\njmHz5FEQ6CN5AiBvgGjfOVeekogBOesIzQb/YW9raS7dd6wbqJVNweZ4eA==\n-----END CERTIFICATE-----\n",
  "ec.key": "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2hlXUBuvEVqJKK5h\nJgPedsr1wmO/6V2hF1ZsjiCyMEmhRANCAARIQOq2eWE05U/MFnKXQ4GP08f+w0Xd\neUV42FRAK/h6YHmBrjh7yR2z1sX6jQmerOR4auCRIRkymeIw5rKUn2wf\n-----END PRIVATE KEY-----\n"
};

/** An in-memory FileSystem over FILES, as the CLI gives a script its directory. */
function memoryFs(files: Record<string, string>, dirs: string[]): FileSystem {
  const isDir = (p: string): boolean => p === '.' || dirs.includes(p) || Object.keys(files).some((f) => f.startsWith(`${p}/`));
  return {
    readFile: (p) => {
      if (!(p in files)) throw new Error(`ENOENT: ${p}`);
      return files[p];
    },
    stat: (p) => (p in files ? 'file' : isDir(p) ? 'dir' : undefined),
    readDir: (p) => {
      const names = new Set<string>();
      for (const f of [...Object.keys(files), ...dirs]) if (f.startsWith(`${p}/`)) names.add(f.slice(p.length + 1).split('/')[0]);
      return [...names].sort();
    },
    join: (d, n) => `${d}/${n}`,
  };
}

const ROWS: [string, number, string][] = [
  ["kubectl create configmap foo --from-literal=k=v --from-file=f.txt --from-file=kk=f.txt --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  f.txt: |
    hello
    world
  k: v
  kk: |
    hello
    world
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo
`],
  ["kubectl create cm foo --from-env-file=e.env --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  ONLYKEY: ""
  a: "1"
  b: 'two '
  c: "4"
  d: '"q x"'
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo
`],
  ["kubectl create cm foo --from-env-file=bad.env --dry-run=client -o yaml", 1, `error: "export Y" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')
`],
  ["kubectl create cm foo --from-file=d --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  one: |
    x
  two: |
    y
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo
`],
  ["kubectl create cm foo --from-file=k=d --dry-run=client -o yaml", 1, `error: cannot give a key name for a directory path
`],
  ["kubectl create cm foo --from-file=nope --dry-run=client -o yaml", 1, `error: error reading nope: no such file or directory
`],
  ["kubectl create cm foo --from-file==f.txt --dry-run=client -o yaml", 1, `error: key name for file path f.txt missing
`],
  ["kubectl create cm foo --from-file=k= --dry-run=client -o yaml", 1, `error: file path for key name k missing
`],
  ["kubectl create cm foo --from-file=a=b=c --dry-run=client -o yaml", 1, `error: key names or file paths cannot contain '='
`],
  ["kubectl create cm foo --from-literal=novalue --dry-run=client -o yaml", 1, `error: invalid literal source novalue, expected key=value
`],
  ["kubectl create cm foo --from-literal=k=1 --from-literal=k=2 --dry-run=client -o yaml", 1, `error: cannot add key "k", another key by that name already exists in Data for ConfigMap "foo"
`],
  ["kubectl create cm foo --from-literal='bad key=1' --dry-run=client -o yaml", 1, `error: "bad key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')
`],
  ["kubectl create cm foo --from-env-file=e.env --from-literal=x=y --dry-run=client -o yaml", 1, `error: from-env-file cannot be combined with from-file or from-literal
`],
  ["kubectl create cm --dry-run=client -o yaml", 1, `error: exactly one NAME is required, got 0
See 'kubectl create configmap -h' for help and examples
`],
  ["kubectl create cm a b --dry-run=client -o yaml", 1, `error: exactly one NAME is required, got 2
See 'kubectl create configmap -h' for help and examples
`],
  ["kubectl create cm foo --dry-run=client -o yaml", 0, `apiVersion: v1
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo
`],
  ["kubectl create cm foo -n dev --from-literal=a=b --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  a: b
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo
  namespace: dev
`],
  ["kubectl create cm foo --from-literal=a=b --from-literal=c=d --append-hash --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  a: b
  c: d
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo-tfc276gmm5
`],
  ["kubectl create cm foo --from-literal=a=b --dry-run=client", 0, `configmap/foo created (dry run)
`],
  ["kubectl create cm foo --from-file=f.txt,kk=f.txt --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  f.txt: |
    hello
    world
  kk: |
    hello
    world
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: foo
`],
  ["kubectl create secret generic s --from-literal=password=abc --from-file=f.txt --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  f.txt: aGVsbG8Kd29ybGQK
  password: YWJj
kind: Secret
metadata:
  creationTimestamp: null
  name: s
`],
  ["kubectl create secret generic s --from-literal=a=b --type=kubernetes.io/basic-auth --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  a: Yg==
kind: Secret
metadata:
  creationTimestamp: null
  name: s
type: kubernetes.io/basic-auth
`],
  ["kubectl create secret generic s --from-literal='bad key=1' --dry-run=client -o yaml", 1, `error: "bad key" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')
`],
  ["kubectl create secret generic s --from-literal=k=1 --from-literal=k=2 --dry-run=client -o yaml", 1, `error: cannot add key k, another key by that name already exists
`],
  ["kubectl create secret generic s --from-env-file=e.env --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  ONLYKEY: ""
  a: MQ==
  b: dHdvIA==
  c: NA==
  d: InEgeCI=
kind: Secret
metadata:
  creationTimestamp: null
  name: s
`],
  ["kubectl create secret generic s --from-literal=a=b --from-literal=c=d --append-hash --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  a: Yg==
  c: ZA==
kind: Secret
metadata:
  creationTimestamp: null
  name: s-t5296d2t8g
`],
  ["kubectl create secret generic --dry-run=client -o yaml", 1, `error: exactly one NAME is required, got 0
See 'kubectl create secret generic -h' for help and examples
`],
  ["kubectl create secret generic s --dry-run=client", 0, `secret/s created (dry run)
`],
  ["kubectl create secret foo", 1, `error: unknown command "foo"
See 'kubectl create secret -h' for help and examples
`],
  ["kubectl create secret", 1, `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`],
  ["kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-email=e@x.io --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  .dockerconfigjson: eyJhdXRocyI6eyJodHRwczovL2luZGV4LmRvY2tlci5pby92MS8iOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiZW1haWwiOiJlQHguaW8iLCJhdXRoIjoiZFRwdyJ9fX0=
kind: Secret
metadata:
  creationTimestamp: null
  name: reg
type: kubernetes.io/dockerconfigjson
`],
  ["kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-server=my.reg:5000 --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  .dockerconfigjson: eyJhdXRocyI6eyJteS5yZWc6NTAwMCI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0=
kind: Secret
metadata:
  creationTimestamp: null
  name: reg
type: kubernetes.io/dockerconfigjson
`],
  ["kubectl create secret docker-registry reg --dry-run=client -o yaml", 1, `error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required
`],
  ["kubectl create secret docker-registry reg --from-file=.dockerconfigjson=f.txt --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  .dockerconfigjson: aGVsbG8Kd29ybGQK
kind: Secret
metadata:
  creationTimestamp: null
  name: reg
type: kubernetes.io/dockerconfigjson
`],
  ["kubectl create secret tls t --dry-run=client -o yaml", 1, `error: key and cert must be specified
`],
  ["kubectl create secret tls t --cert=f.txt --key=f.txt --dry-run=client -o yaml", 1, `error: tls: failed to find any PEM data in certificate input
`],
  ["kubectl create secret tls t --cert=c.crt --key=c.crt --dry-run=client -o yaml", 1, `error: tls: found a certificate rather than a key in the PEM for the private key
`],
  ["kubectl create secret tls t --cert=nope.crt --key=k.key --dry-run=client -o yaml", 1, `error: Cannot read file nope.crt, open nope.crt: no such file or directory
`],
  ["kubectl create secret tls t --cert=d --key=k.key --dry-run=client -o yaml", 1, `error: Cannot read file d, read d: is a directory
`],
  ["kubectl create secret tls t --cert=c.crt --key=foo.pem --dry-run=client", 1, `error: tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [FOO]
`],
  ["kubectl create secret tls t --cert=foo.pem --key=k.key --dry-run=client", 1, `error: tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [FOO]
`],
  ["kubectl create secret tls t --cert=ec.crt --key=ec.key --dry-run=client -o yaml", 0, `apiVersion: v1
data:
  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lVTU56WUVvVmpvVnN1eUdVTmVjZ3hJSit1T2s4d0NnWUlLb1pJemowRUF3SXcKRVRFUE1BMEdBMVVFQXd3R2NHOWtiR0ZpTUI0WERUSTJNVEl3TWpFMk5URTFObG9YRFRNMk1URXlPVEUyTlRFMQpObG93RVRFUE1BMEdBMVVFQXd3R2NHOWtiR0ZpTUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFClNFRHF0bmxoTk9WUHpCWnlsME9CajlQSC9zTkYzWGxGZU5oVVFDdjRlbUI1Z2E0NGU4a2RzOWJGK28wSm5xemsKZUdyZ2tTRVpNcG5pTU9heWxKOXNINk5UTUZFd0hRWURWUjBPQkJZRUZJUUYvVWpmRHhCcGF6S1hERk1rcm0rbApjYTJCTUI4R0ExVWRJd1FZTUJhQUZJUUYvVWpmRHhCcGF6S1hERk1rcm0rbGNhMkJNQThHQTFVZEV3RUIvd1FGCk1BTUJBZjh3Q2dZSUtvWkl6ajBFQXdJRFNBQXdSUUloQUpmSkRDZHFhQmFXUnhBSHp0ZjBYTGpJeXFKNDU4bEQKam1IejVGRVE2Q041QWlCdmdHamZPVmVla29nQk9lc0l6UWIvWVc5cmFTN2RkNndicUpWTndlWjRlQT09Ci0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JR0hBZ0VBTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEJHMHdhd0lCQVFRZzJobFhVQnV2RVZxSktLNWgKSmdQZWRzcjF3bU8vNlYyaEYxWnNqaUN5TUVtaFJBTkNBQVJJUU9xMmVXRTA1VS9NRm5LWFE0R1AwOGYrdzBYZAplVVY0MkZSQUsvaDZZSG1CcmpoN3lSMnoxc1g2alFtZXJPUjRhdUNSSVJreW1lSXc1cktVbjJ3ZgotLS0tLUVORCBQUklWQVRFIEtFWS0tLS0tCg==
kind: Secret
metadata:
  creationTimestamp: null
  name: t
type: kubernetes.io/tls
`],
];

describe('kubectl create configmap|secret --dry-run=client: output and errors as kubectl v1.31 prints them', () => {
  it.each(ROWS)('%s', (line, exitCode, output) => {
    const session = new Session({ seed: 1, fs: memoryFs(FILES, ['d/sub']) });
    const r = session.execLine(line);
    expect(r.output).toBe(output);
    expect(r.exitCode).toBe(exitCode);
  });
});
