// Frictionless's JavaScript tableschema as an independent oracle for CSV:
// every row of planconv's CSV output must cast against the exported Table
// Schema, and a file planconv rejects must be rejected too.
// Usage: node table_schema.js PLANCONV KIND FILE.csv valid|invalid
'use strict';
const { execFileSync } = require('child_process');
const { Table, Schema } = require('tableschema');

async function main() {
  const [planconv, kind, file, expect] = process.argv.slice(2);
  const descriptor = JSON.parse(execFileSync(planconv,
    ['schema', 'show', kind, '--as', 'table-schema']).toString('utf8'));
  const schema = await Schema.load(descriptor);
  if (!schema.valid) throw new Error('exported schema invalid: ' + schema.errors.join('; '));
  let rejected = null;
  try {
    const table = await Table.load(file, { schema: descriptor });
    const rows = await table.read({ keyed: true });
    console.log(`${file}: tableschema cast ${rows.length} rows`);
  } catch (err) {
    rejected = err.errors ? err.errors.map(e => e.message).join('; ') : err.message;
    console.log(`${file}: tableschema rejects it: ${rejected}`);
  }
  let planconvOk = true;
  try {
    execFileSync(planconv, ['validate', '-q', '-k', kind, file], { stdio: 'pipe' });
  } catch (err) {
    planconvOk = false;
  }
  const want = expect === 'valid';
  if ((rejected === null) !== want || planconvOk !== want) {
    console.log(`FAIL: expected both to find it ${expect}; tableschema ` +
                `${rejected === null ? 'accepts' : 'rejects'}, planconv ` +
                `${planconvOk ? 'accepts' : 'rejects'}`);
    process.exit(1);
  }
}
main().catch(err => { console.log('FAIL: ' + err.message); process.exit(1); });
