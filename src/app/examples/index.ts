/**
 * Example manifests one click away in the YAML editor: a curated few of the real-world corpus in
 * ../shared/manifests (INDEX.md says where each comes from), bundled as text at build time into
 * this lazily loaded chunk. The texts are the files as they are; each carries its source and licence.
 */
import simplePod from '../../../../shared/manifests/kubernetes-website/content/en/examples/pods/simple-pod.yaml?raw';
import nginxDeployment from '../../../../shared/manifests/kubernetes-website/content/en/examples/controllers/nginx-deployment.yaml?raw';
import frontend from '../../../../shared/manifests/kubernetes-website/content/en/examples/controllers/frontend.yaml?raw';
import daemonset from '../../../../shared/manifests/kubernetes-website/content/en/examples/controllers/daemonset.yaml?raw';
import job from '../../../../shared/manifests/kubernetes-website/content/en/examples/controllers/job.yaml?raw';
import web from '../../../../shared/manifests/kubernetes-website/content/en/examples/application/web/web.yaml?raw';
import phpApache from '../../../../shared/manifests/kubernetes-website/content/en/examples/application/php-apache.yaml?raw';
import configmaps from '../../../../shared/manifests/kubernetes-website/content/en/examples/configmap/configmaps.yaml?raw';
import execLiveness from '../../../../shared/manifests/kubernetes-website/content/en/examples/pods/probe/exec-liveness.yaml?raw';
import memoryRequestLimit2 from '../../../../shared/manifests/kubernetes-website/content/id/examples/pods/resource/memory-request-limit-2.yaml?raw';
import guestbook from '../../../../shared/manifests/kubernetes-examples/web/guestbook/all-in-one/guestbook-all-in-one.yaml?raw';

export interface Example {
  id: string;
  title: string;
  text: string;
  /** `owner/repo: path` in the repository it was copied from. */
  source: string;
  license: string;
}

const WEBSITE = { license: 'CC BY 4.0, © The Kubernetes Authors', repo: 'kubernetes/website' };
const EXAMPLES = { license: 'Apache-2.0', repo: 'kubernetes/examples' };

export const EXAMPLES_LIST: readonly Example[] = [
  { id: 'simple-pod', title: 'A Pod (nginx), written as KYAML', text: simplePod, source: `${WEBSITE.repo}: content/en/examples/pods/simple-pod.yaml`, license: WEBSITE.license },
  { id: 'nginx-deployment', title: 'A Deployment with 3 replicas', text: nginxDeployment, source: `${WEBSITE.repo}: content/en/examples/controllers/nginx-deployment.yaml`, license: WEBSITE.license },
  { id: 'frontend', title: 'A bare ReplicaSet', text: frontend, source: `${WEBSITE.repo}: content/en/examples/controllers/frontend.yaml`, license: WEBSITE.license },
  { id: 'daemonset', title: 'A DaemonSet in kube-system', text: daemonset, source: `${WEBSITE.repo}: content/en/examples/controllers/daemonset.yaml`, license: WEBSITE.license },
  { id: 'job', title: 'A Job that computes pi', text: job, source: `${WEBSITE.repo}: content/en/examples/controllers/job.yaml`, license: WEBSITE.license },
  { id: 'web', title: 'A headless Service and a StatefulSet', text: web, source: `${WEBSITE.repo}: content/en/examples/application/web/web.yaml`, license: WEBSITE.license },
  { id: 'php-apache', title: 'A Deployment with requests and its Service', text: phpApache, source: `${WEBSITE.repo}: content/en/examples/application/php-apache.yaml`, license: WEBSITE.license },
  { id: 'configmaps', title: 'Two ConfigMaps', text: configmaps, source: `${WEBSITE.repo}: content/en/examples/configmap/configmaps.yaml`, license: WEBSITE.license },
  { id: 'exec-liveness', title: 'A liveness probe that starts failing', text: execLiveness, source: `${WEBSITE.repo}: content/en/examples/pods/probe/exec-liveness.yaml`, license: WEBSITE.license },
  { id: 'memory-request-limit-2', title: 'A Pod over its memory limit (OOMKilled; namespace mem-example)', text: memoryRequestLimit2, source: `${WEBSITE.repo}: content/id/examples/pods/resource/memory-request-limit-2.yaml`, license: WEBSITE.license },
  { id: 'guestbook', title: 'The guestbook: 3 Deployments, 3 Services', text: guestbook, source: `${EXAMPLES.repo}: web/guestbook/all-in-one/guestbook-all-in-one.yaml`, license: EXAMPLES.license },
];
