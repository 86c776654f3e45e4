/**
 * `kubectl explain` through kubectl v1.31's plaintext template: header lines, the FIELD line and
 * its ENUM list, DESCRIPTION wrapped at 76 columns with the referenced type's description after the
 * field's own, FIELDS with `<type>`, `-required-` and `enum:`, --recursive trees, --api-version,
 * and the client- and server-side errors. (No recording: kubectl needs a server to explain.)
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';

const run = (line: string) => new Session().execLine(line);

describe('kubectl explain', () => {
  it('explains a kind: KIND, VERSION, DESCRIPTION, then every field with its description', () => {
    const r = run('kubectl explain pods');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nDESCRIPTION:\n {4}Pod is a collection of containers that can run on a host\. This resource is\n {4}created by clients and scheduled onto hosts\.\n {4}\nFIELDS:\n {2}apiVersion\t<string>\n/);
    expect(r.stdout).toContain('\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
    expect(r.stdout.endsWith('#spec-and-status\n\n\n')).toBe(true);
  });

  it('names the group for grouped kinds and marks required fields and enums', () => {
    const r = run('kubectl explain deployment.spec');
    expect(r.stdout).toMatch(/^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: spec <DeploymentSpec>\n\n\nDESCRIPTION:\n/);
    expect(r.stdout).toContain('\n  selector\t<LabelSelector> -required-\n');
    expect(r.stdout).toContain('\n  template\t<PodTemplateSpec> -required-\n');
  });

  it('prints a field with its ENUM list and the short enum line in lists', () => {
    expect(run('kubectl explain pods.spec.restartPolicy').stdout).toContain('FIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n');
    expect(run('kubectl explain pods.spec').stdout).toContain('\n  dnsPolicy\t<string>\n  enum: ClusterFirst, ClusterFirstWithHostNet, Default, None\n');
    expect(run('kubectl explain svc.spec').stdout).toContain('\n  type\t<string>\n  enum: ClusterIP, ExternalName, LoadBalancer, NodePort\n');
  });

  it.each([
    ['pods.spec.containers', 'FIELD: containers <[]Container>'],
    ['pods.spec.containers.resources.limits', 'FIELD: limits <map[string]Quantity>'],
    ['pods.metadata.labels', 'FIELD: labels <map[string]string>'],
    ['pods.metadata.creationTimestamp', 'FIELD: creationTimestamp <string>'],
    ['svc.spec.ports.targetPort', 'FIELD: targetPort <IntOrString>'],
    ['controllerrevisions.data', 'FIELD: data <RawExtension>'],
    ['pods.spec.os', 'FIELD: os <PodOS>'],
  ])('%s → %s', (path, line) => {
    expect(run(`kubectl explain ${path}`).stdout).toContain(`\n${line}\n`);
  });

  it('follows a field through lists and appends the item type\'s description', () => {
    const out = run('kubectl explain pods.spec.containers').stdout;
    expect(out).toContain('DESCRIPTION:\n    List of containers belonging to the pod.');
    expect(out).toContain('    A single application container that you want to run within a pod.\n    \nFIELDS:\n  args\t<[]string>\n');
    expect(out).toContain('\n  name\t<string> -required-\n');
  });

  it('--recursive prints the field tree, indented two spaces a level, without descriptions', () => {
    const out = run('kubectl explain deploy.spec.strategy --recursive').stdout;
    expect(out).toContain('FIELDS:\n  rollingUpdate\t<RollingUpdateDeployment>\n    maxSurge\t<IntOrString>\n    maxUnavailable\t<IntOrString>\n  type\t<string>\n  enum: Recreate, RollingUpdate\n\n');
  });

  it('--api-version picks another served version', () => {
    const out = run('kubectl explain hpa.spec --api-version=autoscaling/v1').stdout;
    expect(out).toMatch(/^GROUP: {6}autoscaling\nKIND: {7}HorizontalPodAutoscaler\nVERSION: {4}v1\n/);
    expect(out).toContain('\n  targetCPUUtilizationPercentage\t<integer>\n');
    expect(run('kubectl explain hpa.spec').stdout).toContain('\n  metrics\t<[]MetricSpec>\n');
  });

  it('resolves short names, plurals, singulars and group-qualified names', () => {
    for (const name of ['po', 'pod', 'pods', 'Pod']) expect(run(`kubectl explain ${name}`).stdout).toMatch(/^KIND: {7}Pod\n/);
    expect(run('kubectl explain deployments.apps.spec.replicas').stdout).toContain('FIELD: replicas <integer>');
  });

  it.each([
    ['kubectl explain podz', 'error: the server doesn\'t have a resource type "podz"\n'],
    ['kubectl explain pods.spec.foo', 'error: field "foo" does not exist\n'],
    ['kubectl explain pods.spec.nodeName.foo', 'error: field "foo" does not exist\n'],
    ['kubectl explain', 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n'],
    ['kubectl explain pods svc', 'error: We accept only this format: explain RESOURCE\n'],
    ['kubectl explain deploy --api-version=apps/v2', 'error: couldn\'t find resource for "apps/v2, Resource=deployments"\n'],
  ])('%s fails', (line, err) => {
    const r = run(line);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(err);
  });
});

describe('kubectl explain with Object.prototype names', () => {
  it.each(['constructor', 'toString', '__proto__'])('pods.spec.%s does not exist', (name) => {
    expect(run(`kubectl explain pods.spec.${name}`).stderr).toBe(`error: field "${name}" does not exist\n`);
  });
});
