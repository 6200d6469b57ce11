// JSON Schema oracle: ajv (draft 2020-12, strict, ajv-formats) checks
// planconv's JSON and JSON Lines output against `schema show --as
// json-schema`, and that it rejects what planconv rejects.
// Usage: node json_schema.js PLANCONV KIND accept INPUT.csv
//        node json_schema.js PLANCONV KIND reject INPUT.json
//   accept: planconv converts INPUT; both outputs must validate.
//   reject: planconv validate must exit 1 on INPUT and ajv must reject it.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const [planconv, kind, mode, input] = process.argv.slice(2);
const run = (args) => execFileSync(planconv, args, { maxBuffer: 1 << 28 }).toString('utf8');

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const schema = JSON.parse(run(['schema', 'show', kind, '--as', 'json-schema']));
ajv.addSchema(schema, 'doc'); // strict mode throws here on a malformed export
const validateDoc = ajv.getSchema('doc');
const validateRecord = ajv.getSchema('doc#/$defs/record');
const show = (v) => ajv.errorsText(v.errors, { separator: '\n  ' });

let failures = 0;
function fail(msg) {
  console.log(msg);
  failures++;
}

if (mode === 'accept') {
  const doc = JSON.parse(run(['convert', '-k', kind, '-t', 'json', input]));
  if (!validateDoc(doc)) fail(`${input}: JSON output rejected:\n  ${show(validateDoc)}`);
  const lines = run(['convert', '-k', kind, '-t', 'jsonl', input]).split('\n').filter(Boolean);
  if (lines.length === 0) fail(`${input}: no JSON Lines output`);
  lines.forEach((line, i) => {
    if (!validateRecord(JSON.parse(line)))
      fail(`${input}: JSON Lines line ${i + 1} rejected:\n  ${show(validateRecord)}`);
  });
} else if (mode === 'reject') {
  const p = spawnSync(planconv, ['validate', '-q', '-k', kind, input]);
  if (p.status !== 1) fail(`${input}: planconv validate exited ${p.status}, expected 1`);
  const data = JSON.parse(require('fs').readFileSync(input, 'utf8'));
  if (validateDoc(data)) fail(`${input}: ajv accepted what planconv rejects`);
  else console.log(`ajv: ${show(validateDoc)}`);
} else {
  fail(`unknown mode ${mode}`);
}
console.log(`${kind} ${mode} ${input}: ${failures ? 'FAILED' : 'ok'}`);
process.exit(failures ? 1 : 0);
