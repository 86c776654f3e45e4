/**
 * The help of the `kubectl create` generators for RBAC, service accounts, tokens and ingresses as
 * kubectl v1.31 prints it (recordings in tests/unit/commands/help/create_*.txt): description,
 * examples, usage and each one's own flag set.
 */
import type { CreateHelp } from './create-help.ts';

export const MORE_GENERATOR_HELP: Record<string, CreateHelp> = {
  role: {
    long: `Create a role with single rule.`,
    examples: `# Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods

# Create a role named "pod-reader" with ResourceName specified
kubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

# Create a role named "foo" with API Group specified
kubectl create role foo --verb=get,list,watch --resource=rs.apps

# Create a role named "foo" with SubResource specified
kubectl create role foo --verb=get,list,watch --resource=pods,pods/status`,
    usage: `kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]`,
    flags: [
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "dry-run", type: "string", default: "none", usage: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", noOptDefault: 'unchanged' },
      { name: "field-manager", type: "string", default: "kubectl-create", usage: "Name of the manager used to track field ownership." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "resource", type: "strings", default: [], usage: "Resource that the rule applies to" },
      { name: "resource-name", type: "strings", default: [], usage: "Resource in the white list that the rule applies to, repeat this flag for multiple items" },
      { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
      { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \t\t\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.", noOptDefault: 'strict' },
      { name: "verb", type: "strings", default: [], usage: "Verb that applies to the resources contained in the rule" },
    ],
  },
  clusterrole: {
    long: `Create a cluster role.`,
    examples: `# Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods

# Create a cluster role named "pod-reader" with ResourceName specified
kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod

# Create a cluster role named "foo" with API Group specified
kubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps

# Create a cluster role named "foo" with SubResource specified
kubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status

# Create a cluster role name "foo" with NonResourceURL specified
kubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*

# Create a cluster role name "monitoring" with AggregationRule specified
kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"`,
    usage: `kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]`,
    flags: [
      { name: "aggregation-rule", type: "string", default: "", helpDefault: "", usage: "An aggregation label selector for combining ClusterRoles." },
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "dry-run", type: "string", default: "none", usage: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", noOptDefault: 'unchanged' },
      { name: "field-manager", type: "string", default: "kubectl-create", usage: "Name of the manager used to track field ownership." },
      { name: "non-resource-url", type: "strings", default: [], usage: "A partial url that user should have access to." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "resource", type: "strings", default: [], usage: "Resource that the rule applies to" },
      { name: "resource-name", type: "strings", default: [], usage: "Resource in the white list that the rule applies to, repeat this flag for multiple items" },
      { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
      { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \t\t\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.", noOptDefault: 'strict' },
      { name: "verb", type: "strings", default: [], usage: "Verb that applies to the resources contained in the rule" },
    ],
  },
  rolebinding: {
    long: `Create a role binding for a particular role or cluster role.`,
    examples: `# Create a role binding for user1, user2, and group1 using the admin cluster role
kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1

# Create a role binding for service account monitoring:sa-dev using the admin role
kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev`,
    usage: `kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]`,
    flags: [
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "clusterrole", type: "string", default: "", usage: "ClusterRole this RoleBinding should reference" },
      { name: "dry-run", type: "string", default: "none", usage: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", noOptDefault: 'unchanged' },
      { name: "field-manager", type: "string", default: "kubectl-create", usage: "Name of the manager used to track field ownership." },
      { name: "group", type: "strings", default: [], usage: "Groups to bind to the role. The flag can be repeated to add multiple groups." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "role", type: "string", default: "", usage: "Role this RoleBinding should reference" },
      { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
      { name: "serviceaccount", type: "strings", default: [], usage: "Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
      { name: "user", type: "strings", default: [], usage: "Usernames to bind to the role. The flag can be repeated to add multiple users." },
      { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \t\t\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.", noOptDefault: 'strict' },
    ],
  },
  clusterrolebinding: {
    long: `Create a cluster role binding for a particular cluster role.`,
    examples: `# Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1`,
    usage: `kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]`,
    flags: [
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "clusterrole", type: "string", default: "", usage: "ClusterRole this ClusterRoleBinding should reference" },
      { name: "dry-run", type: "string", default: "none", usage: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", noOptDefault: 'unchanged' },
      { name: "field-manager", type: "string", default: "kubectl-create", usage: "Name of the manager used to track field ownership." },
      { name: "group", type: "strings", default: [], usage: "Groups to bind to the clusterrole. The flag can be repeated to add multiple groups." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
      { name: "serviceaccount", type: "strings", default: [], usage: "Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
      { name: "user", type: "strings", default: [], usage: "Usernames to bind to the clusterrole. The flag can be repeated to add multiple users." },
      { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \t\t\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.", noOptDefault: 'strict' },
    ],
  },
  serviceaccount: {
    long: `Create a service account with the specified name.`,
    examples: `# Create a new service account named my-service-account
kubectl create serviceaccount my-service-account`,
    usage: `kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]`,
    flags: [
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "dry-run", type: "string", default: "none", usage: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", noOptDefault: 'unchanged' },
      { name: "field-manager", type: "string", default: "kubectl-create", usage: "Name of the manager used to track field ownership." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
      { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \t\t\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.", noOptDefault: 'strict' },
    ],
  },
  token: {
    long: `Request a service account token.`,
    examples: `# Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace
kubectl create token myapp

# Request a token for a service account in a custom namespace
kubectl create token myapp --namespace myns

# Request a token with a custom expiration
kubectl create token myapp --duration 10m

# Request a token with a custom audience
kubectl create token myapp --audience https://example.com

# Request a token bound to an instance of a Secret object
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret

# Request a token bound to an instance of a Secret object with a specific UID
kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc`,
    usage: `kubectl create token SERVICE_ACCOUNT_NAME [options]`,
    flags: [
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "audience", type: "strings", default: [], usage: "Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences." },
      { name: "bound-object-kind", type: "string", default: "", usage: "Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided." },
      { name: "bound-object-name", type: "string", default: "", usage: "Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind." },
      { name: "bound-object-uid", type: "string", default: "", usage: "UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used." },
      { name: "duration", type: "duration", default: "0s", usage: "Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
    ],
  },
  ingress: {
    long: `Create an ingress with the specified name.`,
    examples: `# Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
# svc1:8080 with a TLS secret "my-cert"
kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"

# Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"
kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"

# Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2
kubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\
--annotation ingress.annotation1=foo \\
--annotation ingress.annotation2=bla

# Create an ingress with the same host and multiple paths
kubectl create ingress multipath --class=default \\
--rule="foo.com/=svc:port" \\
--rule="foo.com/admin/=svcadmin:portadmin"

# Create an ingress with multiple hosts and the pathType as Prefix
kubectl create ingress ingress1 --class=default \\
--rule="foo.com/path*=svc:8080" \\
--rule="bar.com/admin*=svc2:http"

# Create an ingress with TLS enabled using the default ingress certificate and different path types
kubectl create ingress ingtls --class=default \\
--rule="foo.com/=svc:https,tls" \\
--rule="foo.com/path/subpath*=othersvc:8080"

# Create an ingress with TLS enabled using a specific secret and pathType as Prefix
kubectl create ingress ingsecret --class=default \\
--rule="foo.com/*=svc:8080,tls=secret1"

# Create an ingress with a default backend
kubectl create ingress ingdefault --class=default \\
--default-backend=defaultsvc:http \\
--rule="foo.com/*=svc:8080,tls=secret1"`,
    usage: `kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]`,
    flags: [
      { name: "allow-missing-template-keys", type: "bool", default: true, usage: "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats." },
      { name: "annotation", type: "strings", default: [], usage: "Annotation to insert in the ingress object, in the format annotation=value" },
      { name: "class", type: "string", default: "", usage: "Ingress Class to be used" },
      { name: "default-backend", type: "string", default: "", usage: "Default service for backend, in format of svcname:port" },
      { name: "dry-run", type: "string", default: "none", usage: "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.", noOptDefault: 'unchanged' },
      { name: "field-manager", type: "string", default: "kubectl-create", usage: "Name of the manager used to track field ownership." },
      { name: "output", short: "o", type: "string", default: "", usage: "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)." },
      { name: "rule", type: "strings", default: [], usage: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional." },
      { name: "save-config", type: "bool", default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." },
      { name: "show-managed-fields", type: "bool", default: false, usage: "If true, keep the managedFields when printing objects in JSON or YAML format." },
      { name: "template", type: "string", default: "", usage: "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]." },
      { name: "validate", type: "string", default: "strict", usage: "Must be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \t\t\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \t\t\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.", noOptDefault: 'strict' },
    ],
  },
};
