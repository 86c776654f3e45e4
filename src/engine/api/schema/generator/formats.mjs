import fs from 'node:fs';
const dir = process.argv[2];
const out = {};
for (const f of fs.readdirSync(dir)) {
  if (!f.endsWith('.js')) continue;
  const m = await import(`${dir}/${f}`).catch(() => null);
  if (!m) continue;
  for (const [k, v] of Object.entries(m)) {
    if (v && Array.isArray(v.attributeTypeMap)) {
      out[k] = Object.fromEntries(v.attributeTypeMap.filter((a) => a.format).map((a) => [a.baseName, a.format]));
    }
  }
}
fs.writeFileSync(process.argv[3], JSON.stringify(out));
console.log(Object.keys(out).length);
