/**
 * The help of `kubectl create` and its generators as kubectl v1.31 prints it (`kubectl.1.31 create
 * SUB --help`, recordings kept in tests/unit/commands/help/create*.txt): descriptions, examples,
 * usage lines and each subcommand's own flag set, which the parser checks flags against.
 */
import type { FlagSpec } from '../../flags.ts';

/** A command's help text and flags. */
export interface CreateHelp {
  long: string;
  examples?: string;
  usage: string;
  flags: FlagSpec[];
}

/** The printing, apply-annotation, validation, field-manager and dry-run flags every generator has. */
export const GENERATOR_FLAGS: FlagSpec[] = [
  { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
  { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
  { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
  { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
  { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false). \t\t"true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t"warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. \t\t"false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.' },
];

/** `kubectl create` itself (create -f). */
export const CREATE_HELP: CreateHelp = {
    long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
    examples: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -

# Edit the data in registry.yaml in JSON then create the resource using the edited data
kubectl create -f registry.yaml --edit -o json`,
    usage: 'kubectl create -f FILENAME [options]',
    flags: [
      { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
      { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
      { name: 'edit', type: 'bool', default: false, usage: 'Edit the API resource before creating' },
      { name: 'field-manager', type: 'string', default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
      { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'Filename, directory, or URL to files to use to create the resource' },
      { name: 'kustomize', short: 'k', type: 'string', default: '', usage: `Process the kustomization directory. This flag can't be used together with -f or -R.` },
      { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
      { name: 'raw', type: 'string', default: '', usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
      { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
      { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
      { name: 'selector', short: 'l', type: 'string', default: '', usage: `Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.` },
      { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
      { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
      { name: 'validate', type: 'string', default: 'strict', noOptDefault: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false). \t\t"true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t"warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. \t\t"false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.' },
      { name: 'windows-line-endings', type: 'bool', default: false, usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
    ],
  };

/** Each generator by its command path below `kubectl create`. */
export const GENERATOR_HELP: Record<string, CreateHelp> = {
  'namespace': {
    long: 'Create a namespace with the specified name.',
    examples: `# Create a new namespace named my-namespace
kubectl create namespace my-namespace`,
    usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
    ],
  },
  'deployment': {
    long: 'Create a deployment with the specified name.',
    examples: `# Create a deployment named my-dep that runs the busybox image
kubectl create deployment my-dep --image=busybox

# Create a deployment with a command
kubectl create deployment my-dep --image=busybox -- date

# Create a deployment named my-dep that runs the nginx image with 3 replicas
kubectl create deployment my-dep --image=nginx --replicas=3

# Create a deployment named my-dep that runs the busybox image and expose port 5701
kubectl create deployment my-dep --image=busybox --port=5701

# Create a deployment named my-dep that runs multiple containers
kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx`,
    usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'image', type: 'strings', default: [], usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
      { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
      { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
    ],
  },
  'job': {
    long: 'Create a job with the specified name.',
    examples: `# Create a job
kubectl create job my-job --image=busybox

# Create a job with a command
kubectl create job my-job --image=busybox -- date

# Create a job from a cron job named "a-cronjob"
kubectl create job test-job --from=cronjob/a-cronjob`,
    usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'from', type: 'string', default: '', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
      { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
    ],
  },
  'cronjob': {
    long: 'Create a cron job with the specified name.',
    examples: `# Create a cron job
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

# Create a cron job with a command
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
    usage: `kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]`,
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
      { name: 'restart', type: 'string', default: '', usage: `job's restart policy. supported values: OnFailure, Never` },
      { name: 'schedule', type: 'string', default: '', usage: 'A schedule in the Cron format the job should be run with.' },
    ],
  },
  'configmap': {
    long: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
    examples: `# Create a new config map named my-config based on folder bar
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config with specified keys instead of file basenames on disk
kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

# Create a new config map named my-config with key1=config1 and key2=config2
kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

# Create a new config map named my-config from the key=value pairs in the file
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config from an env file
kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
    usage: 'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the configmap to its name.' },
      { name: 'from-env-file', type: 'strings', default: [], usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
      { name: 'from-file', type: 'strings', default: [], usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
      { name: 'from-literal', type: 'strings', default: [], usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
    ],
  },
  'quota': {
    long: 'Create a resource quota with the specified name, hard limits, and optional scopes.',
    examples: `# Create a new resource quota named my-quota
kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10

# Create a new resource quota named best-effort
kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort`,
    usage: 'kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'hard', type: 'string', default: '', usage: 'A comma-delimited set of resource=quantity pairs that define a hard limit.' },
      { name: 'scopes', type: 'string', default: '', usage: 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.' },
    ],
  },
  'priorityclass': {
    long: 'Create a priority class with the specified name, value, globalDefault and description.',
    examples: `# Create a priority class named high-priority
kubectl create priorityclass high-priority --value=1000 --description="high priority"

# Create a priority class named default-priority that is considered as the global default priority
kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"

# Create a priority class named high-priority that cannot preempt pods with lower priority
kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"`,
    usage: 'kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'description', type: 'string', default: '', usage: 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.' },
      { name: 'global-default', type: 'bool', default: false, usage: 'global-default specifies whether this PriorityClass should be considered as the default priority.' },
      { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority', usage: 'preemption-policy is the policy for preempting pods with lower priority.' },
      { name: 'value', type: 'int', default: 0, usage: 'the value of this priority class.' },
    ],
  },
  'poddisruptionbudget': {
    long: 'Create a pod disruption budget with the specified name, selector, and desired minimum available pods.',
    examples: `# Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
# and require at least one of them being available at any point in time
kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1

# Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
# and require at least half of the pods selected to be available at any point in time
kubectl create pdb my-pdb --selector=app=nginx --min-available=50%`,
    usage: 'kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'max-unavailable', type: 'string', default: '', usage: 'The maximum number or percentage of unavailable pods this budget requires.' },
      { name: 'min-available', type: 'string', default: '', usage: 'The minimum number or percentage of available pods this budget requires.' },
      { name: 'selector', type: 'string', default: '', usage: 'A label selector to use for this budget. Only equality-based selector requirements are supported.' },
    ],
  },
  'secret generic': {
    long: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.

 When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
    examples: `# Create a new secret named my-secret with keys for each file in folder bar
kubectl create secret generic my-secret --from-file=path/to/bar

# Create a new secret named my-secret with specified keys instead of names on disk
kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub

# Create a new secret named my-secret with key1=supersecret and key2=topsecret
kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret

# Create a new secret named my-secret using a combination of a file and a literal
kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret

# Create a new secret named my-secret from env files
kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env`,
    usage: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the secret to its name.' },
      { name: 'from-env-file', type: 'strings', default: [], usage: 'Specify the path to a file to read lines of key=val pairs to create a secret.' },
      { name: 'from-file', type: 'strings', default: [], usage: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.' },
      { name: 'from-literal', type: 'strings', default: [], usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
      { name: 'type', type: 'string', default: '', usage: 'The type of secret to create' },
    ],
  },
  'secret docker-registry': {
    long: `Create a new secret for use with Docker registries.
        
        Dockercfg secrets are used to authenticate against Docker registries.
        
        When using the Docker command line to push images, you can authenticate to a given registry by running:
        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.
        
 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

        When creating applications, you may have a Docker registry that requires authentication.  In order for the
        nodes to pull images on your behalf, they must have the credentials.  You can provide this information
        by creating a dockercfg secret and attaching it to your service account.`,
    examples: `# If you do not already have a .dockercfg file, create a dockercfg secret directly
kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL

# Create a new secret named my-secret from ~/.docker/config.json
kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json`,
    usage: 'kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the secret to its name.' },
      { name: 'docker-email', type: 'string', default: '', usage: 'Email for Docker registry' },
      { name: 'docker-password', type: 'string', default: '', usage: 'Password for Docker registry authentication' },
      { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/', usage: 'Server location for Docker registry' },
      { name: 'docker-username', type: 'string', default: '', usage: 'Username for Docker registry authentication' },
      { name: 'from-file', type: 'strings', default: [], usage: 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.' },
    ],
  },
  'secret tls': {
    long: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.`,
    examples: `# Create a new TLS secret named tls-secret with the given key pair
kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
    usage: 'kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the secret to its name.' },
      { name: 'cert', type: 'string', default: '', usage: 'Path to PEM encoded public key certificate.' },
      { name: 'key', type: 'string', default: '', usage: 'Path to private key associated with given certificate.' },
    ],
  },
  'service clusterip': {
    long: 'Create a ClusterIP service with the specified name.',
    examples: `# Create a new ClusterIP service named my-cs
kubectl create service clusterip my-cs --tcp=5678:8080

# Create a new ClusterIP service named my-cs (in headless mode)
kubectl create service clusterip my-cs --clusterip="None"`,
    usage: 'kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'clusterip', type: 'string', default: '', usage: `Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).` },
      { name: 'tcp', type: 'strings', default: [], usage: `Port pairs can be specified as '<port>:<targetPort>'.` },
    ],
  },
  'service nodeport': {
    long: 'Create a NodePort service with the specified name.',
    examples: `# Create a new NodePort service named my-ns
kubectl create service nodeport my-ns --tcp=5678:8080`,
    usage: 'kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'node-port', type: 'int', default: 0, usage: 'Port used to expose the service on each node in a cluster.' },
      { name: 'tcp', type: 'strings', default: [], usage: `Port pairs can be specified as '<port>:<targetPort>'.` },
    ],
  },
  'service loadbalancer': {
    long: 'Create a LoadBalancer service with the specified name.',
    examples: `# Create a new LoadBalancer service named my-lbs
kubectl create service loadbalancer my-lbs --tcp=5678:8080`,
    usage: 'kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'tcp', type: 'strings', default: [], usage: `Port pairs can be specified as '<port>:<targetPort>'.` },
    ],
  },
  'service externalname': {
    long: `Create an ExternalName service with the specified name.

 ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.`,
    examples: `# Create a new ExternalName service named my-ns
kubectl create service externalname my-ns --external-name bar.com`,
    usage: 'kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]',
    flags: [
      ...GENERATOR_FLAGS,
      { name: 'external-name', type: 'string', default: '', usage: 'External name of service' },
      { name: 'tcp', type: 'strings', default: [], usage: `Port pairs can be specified as '<port>:<targetPort>'.` },
    ],
  },
};
