// The --report file matches docs/report.schema.json (ajv, draft 2020-12,
// strict) and says what the run found.
// Usage: node report_schema.js PLANCONV REPORT_SCHEMA SAMPLES_DIR
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020');

const [planconv, schemaPath, samples] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planconv-report-'));

// A copy of plan-items.csv with line 4 repeated (a duplicate id) and an
// empty title on line 7.
const lines = fs.readFileSync(path.join(samples, 'plan-items.csv'), 'utf8').split('\n');
lines.splice(4, 0, lines[3]);
const cells = lines[6].split(',');
cells[6] = '';
lines[6] = cells.join(',');
const bad = path.join(dir, 'bad.csv');
fs.writeFileSync(bad, lines.join('\n'));

let failures = 0;
function check(args, wantStatus, wantValid, wantTypes) {
  const report = path.join(dir, 'report.json');
  const p = spawnSync(planconv, [...args, '--report', report]);
  const doc = JSON.parse(fs.readFileSync(report, 'utf8'));
  const what = args.join(' ');
  if (p.status !== wantStatus) { console.log(`${what}: exit ${p.status}, expected ${wantStatus}`); failures++; }
  if (!validate(doc)) { console.log(`${what}: ${ajv.errorsText(validate.errors)}`); failures++; }
  if (doc.valid !== wantValid) { console.log(`${what}: valid is ${doc.valid}`); failures++; }
  const types = (doc.errors || []).map((e) => e.type).sort().join(' ');
  if (types !== wantTypes) { console.log(`${what}: errors ${types}, expected ${wantTypes}`); failures++; }
  if (doc.stats && doc.stats.errors !== (doc.errors || []).length) {
    console.log(`${what}: stats.errors ${doc.stats.errors} but ${doc.errors.length} listed`); failures++;
  }
}
check(['validate', path.join(samples, 'plan-items.csv'), path.join(samples, 'roadmap.csv')], 0, true, '');
check(['validate', bad], 1, false, 'constraint-error unique-error');
check(['convert', '-t', 'json', '-o', path.join(dir, 'out.json'), bad], 1, false,
      'constraint-error unique-error');
fs.rmSync(dir, { recursive: true, force: true });
console.log(failures ? 'FAILED' : 'ok');
process.exit(failures ? 1 : 0);
