// --datapackage: `convert -t FORMAT -O DIR --jobs 2 --datapackage samples/*.csv`
// exits 0 and writes a datapackage.json that ajv (draft 2020-12, strict)
// accepts under the Data Package profile in datapackage.schema.json; each
// resource's bytes and sha256 match its file (node's crypto), its rows the
// records in it, and its schema `planconv schema show KIND`. The profile is
// not vacuous: broken copies of the descriptor are rejected.
// Usage: node datapackage.js PLANCONV PROFILE SAMPLES_DIR
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const [planconv, profilePath, samples] = process.argv.slice(2);
// strictRequired off: the profile, like Frictionless' own, names in oneOf branches
// properties declared beside them (path or data).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(profilePath, 'utf8')));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planconv-dp-'));
const inputs = fs.readdirSync(samples).filter((f) => f.endsWith('.csv')).map((f) => path.join(samples, f));

let failures = 0;
const fail = (msg) => { console.log(msg); failures++; };

function records(format, text) {
  if (format === 'json') {
    const doc = JSON.parse(text);
    if (Array.isArray(doc)) return doc.length;
    return doc.meetings.reduce((n, m) => n + m.statements.length, 0);
  }
  if (format === 'jsonl') {
    return text.split('\n').filter(Boolean).map(JSON.parse)
      .reduce((n, r) => n + (r.statements ? r.statements.length : 1), 0);
  }
  return null; // csv and others: not counted here
}

for (const format of ['json', 'jsonl', 'csv']) {
  const out = path.join(dir, format);
  const p = spawnSync(planconv, ['convert', '-t', format, '-O', out, '--jobs', '2', '--datapackage', ...inputs]);
  if (p.status !== 0) fail(`${format}: exit ${p.status}: ${p.stderr}`);
  const pkg = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8'));
  if (!validate(pkg)) fail(`${format}: datapackage.json rejected:\n  ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
  if (pkg.resources.length !== inputs.length) fail(`${format}: ${pkg.resources.length} resources for ${inputs.length} inputs`);
  for (const r of pkg.resources) {
    const data = fs.readFileSync(path.join(out, r.path));
    const sha = crypto.createHash('sha256').update(data).digest('hex');
    if (r.hash !== `sha256:${sha}`) fail(`${format}: ${r.path}: hash ${r.hash}, file sha256:${sha}`);
    if (r.bytes !== data.length) fail(`${format}: ${r.path}: bytes ${r.bytes}, file ${data.length}`);
    if (r.encoding !== 'utf-8' || r.format !== format) fail(`${format}: ${r.path}: encoding ${r.encoding}, format ${r.format}`);
    const n = records(format, data.toString('utf8'));
    if (n !== null && n !== r.stats.rows) fail(`${format}: ${r.path}: rows ${r.stats.rows}, file holds ${n}`);
    const kind = r.schema && r.schema.name;
    const want = JSON.parse(execFileSync(planconv, ['schema', 'show', kind]).toString('utf8'));
    if (JSON.stringify(want) !== JSON.stringify(r.schema)) fail(`${format}: ${r.path}: schema differs from schema show ${kind}`);
  }
  if (format === 'json') {
    const broken = [
      (d) => { d.resources[0].hash = 'sha256:not-hex'; },
      (d) => { d.resources[0].path = '/etc/passwd'; },
      (d) => { d.resources[0].path = '../outside.json'; },
      (d) => { d.resources[0].name = 'Capitals Not Allowed'; },
      (d) => { delete d.resources[0].schema; },
      (d) => { d.resources[0].schema.fields[0].type = 'text'; },
      (d) => { d.resources = []; },
    ];
    broken.forEach((breakIt, i) => {
      const copy = JSON.parse(JSON.stringify(pkg));
      breakIt(copy);
      if (validate(copy)) fail(`broken copy ${i} accepted`);
    });
  }
}

// A failed --all-or-nothing run writes no datapackage.json at all.
const bad = path.join(dir, 'bad.csv');
fs.writeFileSync(bad, 'id,title,level\n1,a,one\n');
const out = path.join(dir, 'aon');
const p = spawnSync(planconv, ['convert', '-t', 'json', '-O', out, '--all-or-nothing', '--datapackage', bad, ...inputs]);
if (p.status !== 1) fail(`all-or-nothing: exit ${p.status}`);
if (fs.readdirSync(out).length !== 0) fail(`all-or-nothing: left ${fs.readdirSync(out)}`);

fs.rmSync(dir, { recursive: true, force: true });
console.log(failures ? 'FAILED' : 'ok');
process.exit(failures ? 1 : 0);
