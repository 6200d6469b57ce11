// --datapackage: `convert -t FORMAT -O DIR --jobs 2 --datapackage` on the
// samples copied to Japanese file names (工程表.csv, 議事録.csv, ...), in every
// output format, writes a datapackage.json that
// - ajv (draft 2020-12, strict) accepts under the Data Package profile in
//   datapackage.schema.json, which is not vacuous (broken copies rejected),
//   and under the standard's own v1 and v2 profiles (tests/oracle/profiles);
// - datapackage-js (npm `datapackage`, which validates against the spec's own
//   v1 profiles) loads as valid, and whose tabular resources it reads and
//   casts with their schema, row for row;
// - `planconv validate datapackage.json` finds valid;
// and whose resources are described as they are: valid unique ASCII names
// with the Japanese name as title, bytes and sha256 of the file, rows, the
// format's dialect and encoding (a BOM as utf-8-sig), the Table Schema
// (JSON arrays as type array) or, for nested kinds and XML, the exported
// JSON Schema (x-json-schema) / XSD (x-xsd). A file found invalid in a later run is listed in
// x-stale, not as a resource.
// Usage: node datapackage.js PLANCONV PROFILE SAMPLES_DIR
'use strict';
const { spawnSync, execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const { Package } = require('datapackage');

const [planconv, profilePath, samples] = process.argv.slice(2);
// strictRequired off: the profile, like Frictionless' own, names in oneOf branches
// properties declared beside them (path or data).
const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(profilePath, 'utf8')));
// The standard's own profiles (draft-07; editor keywords such as
// propertyOrder, so not strict), v1 and v2.
const Ajv07 = require('ajv');
const specAjv = new Ajv07({ strict: false, allErrors: true });
addFormats(specAjv);
specAjv.addFormat('textarea', true); // an editor hint of the profiles
// One known defect of the 2.0 profile is mended as its maintainers say:
// it types fieldsMatch as an array, where the Table Schema text says a
// string (frictionlessdata/datapackage#965, confirmed there).
function mendProfile(v, profile) {
  const schema = v === '2.0' && profile.properties.resources.items.properties.schema;
  if (schema && schema.properties && schema.properties.fieldsMatch)
    schema.properties.fieldsMatch = { type: 'string', enum: ['exact', 'equal', 'subset', 'superset', 'partial'] };
  return profile;
}
const specProfiles = ['1.0', '2.0'].map((v) => [v, specAjv.compile(mendProfile(v, JSON.parse(
  fs.readFileSync(path.join(__dirname, 'profiles', `datapackage-${v}.json`), 'utf8'))))]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planconv-dp-'));
const show = (kind, as) => JSON.parse(execFileSync(planconv, ['schema', 'show', kind, '--as', as]).toString('utf8'));

// The samples under the names officers give them.
const JA = { 'plan-items.csv': '重点計画.csv', 'roadmap.csv': '工程表.csv', 'minutes.csv': '議事録.csv',
  'roadmap.bom.csv': '工程表（BOM付き）.csv', 'plan-items.cp932.csv': '重点計画（SJIS）.csv',
  'roadmap-wide.csv': '工程表 横持ち.csv', 'roadmap-wide.cp932.csv': '工程表 横持ち（SJIS）.csv' };
const src = path.join(dir, 'src');
fs.mkdirSync(src);
const inputs = fs.readdirSync(samples).filter((f) => f.endsWith('.csv')).map((f) => {
  const to = path.join(src, JA[f] || f);
  fs.copyFileSync(path.join(samples, f), to);
  return to;
});

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
  return null;
}

function checkSchema(label, r, kind) {
  const table = show(kind, 'table-schema');
  if (r.format === 'csv') {
    if (JSON.stringify(table) !== JSON.stringify(r.schema)) fail(`${label}: schema differs from schema show ${kind}`);
  } else if (['json', 'jsonl'].includes(r.format) && !table['x-nest']) {
    if (r.profile !== 'tabular-data-resource') fail(`${label}: a flat kind in JSON is tabular`);
    table.fields.forEach((f, i) => {
      const got = r.schema.fields[i];
      const want = f['x-separator'] ? 'array' : f.type;
      if (got.name !== f.name || got.type !== want) fail(`${label}: field ${f.name} is ${got.type}, its JSON values are ${want}`);
    });
  } else if (['json', 'jsonl'].includes(r.format)) {
    if (r.profile !== 'data-resource') fail(`${label}: nested JSON declared ${r.profile}`);
    const js = show(kind, 'json-schema');
    const want = r.format === 'json' ? js.properties : js.$defs;
    if (r.schema) fail(`${label}: a JSON Schema as "schema", which the standard's profiles refuse`);
    const js2 = r['x-json-schema'] || {};
    const got = r.format === 'json' ? js2.properties : js2.$defs;
    if (JSON.stringify(want) !== JSON.stringify(got)) fail(`${label}: not the exported JSON Schema`);
  } else if (r.format === 'xml') {
    if (r.profile !== 'data-resource' || r.schema) fail(`${label}: XML declared ${r.profile}`);
    const xsd = execFileSync(planconv, ['schema', 'show', kind, '--as', 'xsd']).toString('utf8');
    if (!r['x-xsd'] || fs.readFileSync(path.join(r.dir, r['x-xsd']), 'utf8') !== xsd) fail(`${label}: x-xsd is not the exported XSD`);
  }
}

async function checkPackage(label, out, format, excel) {
  const pkg = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8'));
  if (!validate(pkg)) fail(`${label}: datapackage.json rejected:\n  ${ajv.errorsText(validate.errors, { separator: '\n  ' })}`);
  for (const [v, check] of specProfiles)
    if (!check(pkg)) fail(`${label}: the Data Package ${v} profile rejects datapackage.json:\n  ${specAjv.errorsText(check.errors, { separator: '\n  ' })}`);
  if (pkg.resources.length !== inputs.length) fail(`${label}: ${pkg.resources.length} resources for ${inputs.length} inputs`);
  const names = new Set();
  for (const r of pkg.resources) {
    const rl = `${label}: ${r.path}`;
    if (!/^[a-z0-9._-]+$/.test(r.name) || names.has(r.name)) fail(`${rl}: name ${r.name} not valid or not unique`);
    names.add(r.name);
    const stem = r.path.replace(/\..*$/, '');
    if (/[^\x00-\x7f]/.test(stem) && r.title !== stem) fail(`${rl}: title ${r.title}, file ${stem}`);
    const data = fs.readFileSync(path.join(out, r.path));
    const sha = crypto.createHash('sha256').update(data).digest('hex');
    if (r.hash !== `sha256:${sha}`) fail(`${rl}: hash ${r.hash}, file sha256:${sha}`);
    if (r.bytes !== data.length) fail(`${rl}: bytes ${r.bytes}, file ${data.length}`);
    const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
    // TSV as planconv writes it is CSV with tabs (quoted as CSV): format csv, tab delimiter
    if (r.encoding !== (bom ? 'utf-8-sig' : 'utf-8') || r.format !== (format === 'tsv' ? 'csv' : format)) fail(`${rl}: encoding ${r.encoding}, format ${r.format}`);
    if (bom !== !!excel) fail(`${rl}: BOM ${bom} with --excel ${!!excel}`);
    if (['csv', 'tsv'].includes(format)) {
      const crlf = data.includes('\r\n');
      if (!r.dialect || r.dialect.delimiter !== (format === 'tsv' ? '\t' : ',') || r.dialect.lineTerminator !== (crlf ? '\r\n' : '\n'))
        fail(`${rl}: dialect ${JSON.stringify(r.dialect)}`);
    }
    const n = records(format, data.toString('utf8'));
    if (n !== null && n !== r.stats.rows) fail(`${rl}: rows ${r.stats.rows}, file holds ${n}`);
    r.dir = out;
    if (!['plan-items', 'roadmap', 'minutes'].includes(r['x-kind'])) fail(`${rl}: x-kind ${r['x-kind']}`);
    else checkSchema(rl, r, r['x-kind']);
    delete r.dir;
  }
  // datapackage-js: the descriptor is valid under the spec's profiles, and
  // every tabular resource it can read holds the rows declared. Node cannot
  // decode a BOM away (its utf-8 keeps U+FEFF, utf-8-sig is no Node
  // encoding): for --excel files only the descriptor is checked.
  const dp = await Package.load(path.join(out, 'datapackage.json'));
  if (!dp.valid) fail(`${label}: datapackage-js: ${dp.errors.map(String).join('; ')}`);
  for (const r of dp.resources) {
    if (!r.tabular || excel || !['csv', 'tsv'].includes(format)) continue;
    try {
      const rows = await r.read({ keyed: true });
      if (rows.length !== r.descriptor.stats.rows) fail(`${label}: datapackage-js read ${rows.length} rows of ${r.name}, declared ${r.descriptor.stats.rows}`);
    } catch (e) {
      fail(`${label}: datapackage-js cannot read ${r.name}: ${e.message} ${(e.errors || []).slice(0, 3).map(String)}`);
    }
  }
  const v = spawnSync(planconv, ['validate', path.join(out, 'datapackage.json')]);
  if (v.status !== 0) fail(`${label}: planconv validate datapackage.json exited ${v.status}:\n${v.stdout}${v.stderr}`);
  return pkg;
}

(async () => {
  const runs = [['csv'], ['csv', '--excel'], ['tsv'], ['json'], ['jsonl'], ['xml']];
  for (const [format, ...more] of runs) {
    const label = [format, ...more].join(' ');
    const out = path.join(dir, label.replace(/ /g, ''));
    const p = spawnSync(planconv, ['convert', '-t', format, ...more, '-O', out, '--jobs', '2', '--datapackage', ...inputs]);
    if (p.status !== 0) { fail(`${label}: exit ${p.status}: ${p.stderr}`); continue; }
    const pkg = await checkPackage(label, out, format, more.includes('--excel'));
    if (format === 'json') {
      const t = pkg.resources.findIndex((r) => r.profile === 'tabular-data-resource');
      const broken = [
        (d) => { d.resources[t].hash = 'sha256:not-hex'; },
        (d) => { d.resources[t].path = '/etc/passwd'; },
        (d) => { d.resources[t].path = '../outside.json'; },
        (d) => { d.resources[t].name = 'Capitals Not Allowed'; },
        (d) => { delete d.resources[t].schema; },
        (d) => { d.resources[t].schema.fields[0].type = 'text'; },
        (d) => { d.resources = []; },
      ];
      broken.forEach((breakIt, i) => {
        const copy = JSON.parse(JSON.stringify(pkg));
        breakIt(copy);
        if (validate(copy)) fail(`broken copy ${i} accepted`);
      });
      // the spec's profiles are not vacuous either
      const copy = JSON.parse(JSON.stringify(pkg));
      copy.resources[0].path = '../outside.json';
      copy.resources[1].name = 42;
      for (const [v, check] of specProfiles) if (check(copy)) fail(`the ${v} profile accepts a broken copy`);
    }
  }

  // A later run in which one file is invalid: its old output is listed as
  // stale, not as a resource, and the package still validates.
  const out = path.join(dir, 'json');
  const badInput = inputs.find((f) => f.endsWith('工程表.csv'));
  fs.writeFileSync(badInput, 'measure_id,measure,milestone,fiscal_year\nR-1,x,y,one\n');
  spawnSync(planconv, ['convert', '-t', 'json', '-O', out, '--datapackage', ...inputs]);
  const pkg = JSON.parse(fs.readFileSync(path.join(out, 'datapackage.json'), 'utf8'));
  if (pkg.resources.some((r) => r.path === '工程表.json')) fail('stale: an invalid file is listed as a resource');
  if (!pkg['x-stale'] || !pkg['x-stale'].some((s) => s.path === '工程表.json' && s.result === 'invalid')) fail(`stale: not listed: ${JSON.stringify(pkg['x-stale'])}`);
  const v = spawnSync(planconv, ['validate', path.join(out, 'datapackage.json')]);
  if (v.status !== 0) fail(`stale: planconv validate exited ${v.status}: ${v.stderr}`);

  // A failed --all-or-nothing run writes no datapackage.json at all.
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, 'id,title,level\n1,a,one\n');
  const aon = path.join(dir, 'aon');
  const p = spawnSync(planconv, ['convert', '-t', 'json', '-O', aon, '--all-or-nothing', '--datapackage', bad, ...inputs]);
  if (p.status !== 1) fail(`all-or-nothing: exit ${p.status}`);
  if (fs.readdirSync(aon).length !== 0) fail(`all-or-nothing: left ${fs.readdirSync(aon)}`);

  fs.rmSync(dir, { recursive: true, force: true });
  console.log(failures ? 'FAILED' : 'ok');
  process.exit(failures ? 1 : 0);
})();
