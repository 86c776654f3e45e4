/**
 * The fake API server's authorization.k8s.io/v1 SelfSubjectAccessReview and
 * SelfSubjectRulesReview and authentication.k8s.io/v1 SelfSubjectReview endpoints (POST), backed
 * by the engine's RBAC authorizer, so `kubectl auth can-i` and `kubectl auth whoami` can be
 * recorded. The requester is kubeadm's admin.conf user, or the user the Impersonate-User,
 * Impersonate-Group and Impersonate-Uid headers name (filters/impersonation.go: the admin may
 * impersonate anyone).
 */
import type { IncomingMessage } from 'node:http';
import { authorize, impersonatedUser, KUBEADM_ADMIN, rulesFor, storeRbacSource, type UserInfo } from '../../src/engine/api/rbac-authorizer.ts';
import { formatTimestamp } from '../../src/engine/kernel/time.ts';
import type { Simulation } from '../../src/engine/simulation.ts';

const SSAR = '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';
const SSRR = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const SSR = '/apis/authentication.k8s.io/v1/selfsubjectreviews';

/** Whether a POST to this path is one of the review endpoints. */
export function isReviewPath(path: string): boolean {
  return path === SSAR || path === SSRR || path === SSR;
}

function requester(req: IncomingMessage): UserInfo {
  const headers = req.headersDistinct;
  const name = headers['impersonate-user']?.[0];
  if (name === undefined) return KUBEADM_ADMIN;
  const user = impersonatedUser(name, headers['impersonate-group'] ?? []);
  const uid = headers['impersonate-uid']?.[0];
  return uid === undefined ? user : { ...user, uid };
}

interface AccessSpec {
  resourceAttributes?: { namespace?: string; verb?: string; group?: string; resource?: string; subresource?: string; name?: string };
  nonResourceAttributes?: { path?: string; verb?: string };
}

/** The review's response body (status 201, as the API server creates it). */
export function reviewResponse(sim: Simulation, req: IncomingMessage, path: string, body: string): Record<string, unknown> {
  const user = requester(req);
  const src = storeRbacSource(sim.store);
  const review = JSON.parse(body || '{}') as { spec?: AccessSpec & { namespace?: string } };
  if (path === SSR) {
    const userInfo: Record<string, unknown> = { username: user.username };
    if (user.uid) userInfo.uid = user.uid;
    userInfo.groups = user.groups;
    return { kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: formatTimestamp(sim.now) }, status: { userInfo } };
  }
  const spec = review.spec ?? {};
  if (path === SSRR) {
    const r = rulesFor(src, user, spec.namespace ?? '');
    const status: Record<string, unknown> = {
      resourceRules: r.resourceRules,
      nonResourceRules: r.nonResourceRules,
      incomplete: r.incomplete,
    };
    if (r.evaluationError !== '') status.evaluationError = r.evaluationError;
    return { kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec, status };
  }
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  const attrs = na
    ? { verb: na.verb ?? '', path: na.path ?? '' }
    : { verb: ra?.verb ?? '', apiGroup: ra?.group ?? '', resource: ra?.resource ?? '', subresource: ra?.subresource ?? '', name: ra?.name ?? '', namespace: ra?.namespace ?? '' };
  const d = authorize(src, user, attrs);
  const status: Record<string, unknown> = { allowed: d.allowed };
  if (d.reason !== '') status.reason = d.reason;
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec, status };
}
