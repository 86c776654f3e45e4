"""Extracts the v1.31 descriptions from cdk8s-plus-31's lib/imports/k8s.d.ts (generated from the
Kubernetes v1.31 OpenAPI; spec types only). Usage: python3 cdk31.py K8S_D_TS out.json"""
import json, re, sys

text = open(sys.argv[1]).read()
defs, fields = {}, {}
for block in re.findall(r'/\*\*(.*?)\*/', text, re.S):
    tag = re.search(r'@schema (\S+)', block)
    if not tag:
        continue
    lines = [re.sub(r'^\s*\* ?', '', l) for l in block.split('\n')]
    desc = []
    for l in lines:
        if l.startswith('@'):
            break
        desc.append(l)
    d = '\n'.join(desc).strip('\n')
    name = tag.group(1)
    if '#' in name:
        owner, field = name.split('#', 1)
        fields.setdefault(owner, {})[field] = d
    else:
        defs[name] = d
json.dump({'defs': defs, 'fields': fields}, open(sys.argv[2], 'w'))
