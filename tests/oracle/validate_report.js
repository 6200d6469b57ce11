// Validates planconv JSON reports against docs/report.schema.json (ajv,
// draft 2020-12, strict). The golden cases (tests/run_case.sh) and the
// conformance cases (tests/conformance/run.sh) pass every report they
// write through it, so the schema describes exactly what is written.
// Usage: node validate_report.js REPORT_SCHEMA REPORT...
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');

const [schemaPath, ...reports] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let failures = 0;
for (const file of reports) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.log(`${file}: not JSON: ${e.message}`);
    failures++;
    continue;
  }
  if (!validate(doc)) {
    console.log(`${file}: does not match ${schemaPath}: ${ajv.errorsText(validate.errors)}`);
    failures++;
  }
}
process.exit(failures ? 1 : 0);
