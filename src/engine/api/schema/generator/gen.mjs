// Reads kubernetes-models' .d.ts (OpenAPI-derived: names, types, required, descriptions, enums)
// and writes a compact definitions table. Usage: node gen.mjs MODELS_DIR APIMACHINERY_DIR OUT.json
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire('/work/main/package.json');
const ts = require('typescript');

const [modelsDir, amDir, outFile] = process.argv.slice(2);

const GROUPS = {
  v1: 'io.k8s.api.core.v1',
  'apps/v1': 'io.k8s.api.apps.v1',
  'batch/v1': 'io.k8s.api.batch.v1',
  'autoscaling/v1': 'io.k8s.api.autoscaling.v1',
  'autoscaling/v2': 'io.k8s.api.autoscaling.v2',
  'networking.k8s.io/v1': 'io.k8s.api.networking.v1',
  'policy/v1': 'io.k8s.api.policy.v1',
  'storage.k8s.io/v1': 'io.k8s.api.storage.v1',
  'scheduling.k8s.io/v1': 'io.k8s.api.scheduling.v1',
  'coordination.k8s.io/v1': 'io.k8s.api.coordination.v1',
  'discovery.k8s.io/v1': 'io.k8s.api.discovery.v1',
  'rbac.authorization.k8s.io/v1': 'io.k8s.api.rbac.v1',
};
const AM = {
  'apis/meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
  'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
  'util/intstr': 'io.k8s.apimachinery.pkg.util.intstr',
  runtime: 'io.k8s.apimachinery.pkg.runtime',
};

const files = [];
for (const [dir, prefix] of Object.entries(GROUPS)) {
  for (const f of fs.readdirSync(path.join(modelsDir, dir))) {
    if (f.endsWith('.d.ts') && f !== 'index.d.ts') files.push({ file: path.join(modelsDir, dir, f), id: `${prefix}.${f.slice(0, -5)}` });
  }
}
for (const [dir, prefix] of Object.entries(AM)) {
  for (const f of fs.readdirSync(path.join(amDir, dir))) {
    if (f.endsWith('.d.ts') && f !== 'index.d.ts') files.push({ file: path.join(amDir, dir, f), id: `${prefix}.${f.slice(0, -5)}` });
  }
}

function importTarget(fromFile, spec) {
  if (spec.startsWith('@kubernetes-models/apimachinery/')) {
    const rest = spec.slice('@kubernetes-models/apimachinery/'.length);
    const dir = path.dirname(rest);
    return `${AM[dir]}.${path.basename(rest)}`;
  }
  if (spec.startsWith('.')) {
    const abs = path.resolve(path.dirname(fromFile), spec);
    const relAm = path.relative(amDir, abs);
    if (!relAm.startsWith('..')) return `${AM[path.dirname(relAm)]}.${path.basename(relAm)}`;
    const rel = path.relative(modelsDir, abs);
    const dir = path.dirname(rel);
    if (!GROUPS[dir]) throw new Error(`unknown dir ${dir} in ${fromFile}`);
    return `${GROUPS[dir]}.${path.basename(rel)}`;
  }
  return undefined;
}

function jsdoc(node, sf) {
  const ranges = ts.getLeadingCommentRanges(sf.text, node.pos) ?? [];
  const last = ranges.filter((r) => sf.text.slice(r.pos, r.pos + 3) === '/**').pop();
  if (!last) return undefined;
  const raw = sf.text.slice(last.pos + 3, last.end - 2);
  const lines = raw.split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  // kubernetes-models escapes `*` and `\` in its JSDoc; the schema text has them bare.
  return lines.join('\n').replace(/\\([\\*])/g, '$1');
}

const defs = {};
const missingTypes = new Set();

function typeOf(node, imports, ctx) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { t: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { t: 'integer' };
    case ts.SyntaxKind.BooleanKeyword:
      return { t: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.ObjectKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return { t: 'object' };
    case ts.SyntaxKind.LiteralType:
      return { t: 'string', e: [node.literal.text] };
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((t) => typeOf(t, imports, ctx));
      if (parts.every((p) => p.e)) return { t: 'string', e: parts.flatMap((p) => p.e) };
      const kinds = [...new Set(parts.map((p) => p.t))];
      if (kinds.length === 1) return parts[0];
      throw new Error(`union ${ctx}: ${kinds}`);
    }
    case ts.SyntaxKind.ArrayType:
      return { t: `[]${typeOf(node.elementType, imports, ctx).t}` };
    case ts.SyntaxKind.TypeLiteral: {
      const idx = node.members.find((m) => m.kind === ts.SyntaxKind.IndexSignature);
      if (idx) return { t: `map[string]${typeOf(idx.type, imports, ctx).t}` };
      return { t: 'object' };
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array') return { t: `[]${typeOf(node.typeArguments[0], imports, ctx).t}` };
      const target = imports.get(name);
      if (!target) {
        missingTypes.add(`${name} @ ${ctx}`);
        return { t: 'object' };
      }
      return { t: target };
    }
    default:
      throw new Error(`type kind ${ts.SyntaxKind[node.kind]} at ${ctx}`);
  }
}

for (const { file, id } of files) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const imports = new Map();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const target = importTarget(file, st.moduleSpecifier.text);
      if (!target) continue;
      for (const el of st.importClause.namedBindings.elements) imports.set(el.name.text, target);
    }
  }
  const base = path.basename(id.split('.').pop());
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) && st.name.text === `I${base}`) {
      const isKind = (st.heritageClauses ?? []).some((h) => h.getText().includes('TypeMeta'));
      const def = { d: jsdoc(st, sf), f: {}, r: [] };
      if (isKind) def.kind = true;
      for (const m of st.members) {
        if (!ts.isPropertySignature(m)) continue;
        const name = m.name.text ?? m.name.getText().replace(/"/g, '');
        let ty = typeOf(m.type, imports, `${id}.${name}`);
        const field = { t: ty.t };
        if (isKind && (name === 'apiVersion' || name === 'kind')) {
          field.t = 'string';
        } else {
          if (ty.e) field.e = ty.e;
          if (!m.questionToken) def.r.push(name);
        }
        const doc = jsdoc(m, sf);
        if (doc) field.d = doc;
        def.f[name] = field;
      }
      defs[id] = def;
    } else if (ts.isTypeAliasDeclaration(st) && st.name.text === `I${base}`) {
      // Primitive definitions: Quantity, IntOrString (number | string), Time, MicroTime (string).
      const t = st.type.getText();
      const prim = t.includes('|') ? 'int-or-string' : t === 'string' ? 'string' : t === 'number' ? 'integer' : 'object';
      defs[id] = { d: jsdoc(st, sf), prim };
    }
  }
}
if (missingTypes.size) console.error('missing', [...missingTypes].slice(0, 20));
fs.writeFileSync(outFile, JSON.stringify(defs, null, 1));
console.log(Object.keys(defs).length, 'definitions');
