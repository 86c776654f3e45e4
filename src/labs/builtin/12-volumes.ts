import type { Lab } from '../types.ts';

/** Course lab 12: volumes and persistence. */
export const volumesLab: Lab = {
  id: 'volumes',
  title: 'Volumes and persistence: PersistentVolumeClaims',
  level: 'intermediate',
  seed: 1,
  params: {
    app: { choose: ['notes', 'uploads', 'journal', 'ledger'] },
    pvc: { choose: ['data', 'storage', 'files', 'state'] },
    size: { int: [1, 5] },
  },
  setup: {
    manifests: [
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{app}}
spec:
  replicas: 1
  strategy: {type: Recreate}
  selector:
    matchLabels: {app: {{app}}}
  template:
    metadata:
      labels: {app: {{app}}}
    spec:
      containers:
      - name: {{app}}
        image: busybox:1.36
        command: [sh, -c, 'date >> /data/boot.log; sleep 3600']
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: {{pvc}}
`,
    ],
    script: 'sim advance 20s\n',
  },
  story: {
    intro:
      'A container\'s own files vanish with it. A PersistentVolumeClaim asks for storage that outlives pods; the default StorageClass (standard, kind\'s local-path provisioner) creates a PersistentVolume for it when the first pod using it is scheduled. Deployment {{app}} is stuck Pending: its claim {{pvc}} does not exist.',
    steps: [
      'See why the pod is Pending: kubectl describe pod -l app={{app}}.',
      'Create the PersistentVolumeClaim {{pvc}} asking for {{size}}Gi, ReadWriteOnce, from the default StorageClass.',
      'Watch it bind (kubectl get pvc,pv) and the pod start.',
      'Prove the data persists: kubectl exec deploy/{{app}} -- cat /data/boot.log, delete the pod, and read the file again from the new pod: two lines.',
    ],
  },
  goals: [
    {
      id: 'claim',
      title: 'PersistentVolumeClaim {{pvc}} is Bound with at least {{size}}Gi',
      check: { type: 'exists', resource: 'pvc', name: '{{pvc}}', fields: { 'status.phase': 'Bound', 'status.capacity.storage': { quantityGte: '{{size}}Gi' } } },
    },
    { id: 'running', title: 'Deployment {{app}} is available', check: { type: 'deploymentAvailable', name: '{{app}}', replicas: 1 } },
  ],
  hints: [
    'A claim: apiVersion v1, kind PersistentVolumeClaim, spec.accessModes [ReadWriteOnce], spec.resources.requests.storage {{size}}Gi.',
    'Leaving out storageClassName picks the default StorageClass.',
  ],
  solution: `kubectl apply -f - <<EOF
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{pvc}}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: {{size}}Gi
EOF
sim advance 30s
kubectl get pvc,pv
kubectl exec deploy/{{app}} -- cat /data/boot.log
kubectl delete pod -l app={{app}}
sim advance 30s
kubectl exec deploy/{{app}} -- cat /data/boot.log
`,
};
