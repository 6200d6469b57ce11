// One real table (tests/real/tables/NAME) against its hand-written facts.json:
//  1. read right: planconv -k table (with --header-rows and commentRows as the
//     facts say) gives data_rows records whose keys are column_names, in
//     order, and the facts' cells (an empty cell is null), read as the facts'
//     format and encoding (csv and UTF-8 unless they say); the rows above the
//     header are each reported as skipped; with the original BOM put back the
//     records are the same and the encoding is still UTF-8;
//  2. infer: the schema planconv infers validates the file (exit 0);
//  3. round trip: the CSV planconv writes of the file is byte for byte the
//     CSV it writes of its own JSON of the file (-k table keeps every column).
// A table whose header has blank names is invalid by Table Schema
// (blank-label, one per blank name): that verdict is checked instead of 2-3.
// Usage: node check.js PLANCONV DIR
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [planconv, dir] = process.argv.slice(2);
const facts = JSON.parse(fs.readFileSync(path.join(dir, 'facts.json'), 'utf8'));
const name = path.basename(dir);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'real-table-'));
let failures = 0;
const fail = (msg) => {
  console.log(`${name}: ${msg}`);
  failures++;
};

function run(args) {
  const r = spawnSync(planconv, args, { env: { ...process.env, LANG: 'C.UTF-8' } });
  return { status: r.status, out: r.stdout, err: r.stderr.toString('utf8') };
}

// The dialect the facts describe: header rows, and the metadata rows
// between the header and the data as comment rows.
const options = [];
const header = facts.header_rows || [1];
if (header.join(',') !== '1') options.push('--header-rows', header.join(','));
if (facts.metadata_rows_below_header && facts.metadata_rows_below_header.length) {
  const d = path.join(work, 'dialect.json');
  fs.writeFileSync(d, JSON.stringify({ commentRows: facts.metadata_rows_below_header }));
  options.push('--dialect', d);
}
const input = path.join(dir, facts.file);

function readRecords(file, what) {
  const r = run(['convert', '-v', '-k', 'table', '-t', 'json', ...options, file]);
  if (r.status !== 0) {
    fail(`${what}: exit status ${r.status}\n${r.err}`);
    return null;
  }
  // read as the format and encoding the facts give (CSV, UTF-8 unless they say)
  const format = facts.format || 'csv';
  const want = (facts.encoding || 'utf-8').toLowerCase().replace('-', '');
  const enc = new RegExp(`read as ${format} \\(([^)]*)\\)`).exec(r.err);
  if (!enc || enc[1].toLowerCase().replace('-', '') !== want)
    fail(`${what}: not read as ${want} ${format}: ${r.err}`);
  return { records: JSON.parse(r.out.toString('utf8')), err: r.err };
}

function checkRecords(records, err) {
  if (records.length !== facts.data_rows)
    fail(`${records.length} records, the facts say ${facts.data_rows}`);
  records.forEach((rec, i) => {
    const keys = Object.keys(rec);
    if (JSON.stringify(keys) !== JSON.stringify(facts.column_names))
      fail(`record ${i + 1} has the keys ${JSON.stringify(keys)}`);
  });
  for (const c of facts.cells) {
    const label = facts.column_names[c.column - 1];
    if (header.includes(c.row)) {
      if (label !== c.value) fail(`header column ${c.column} is not ${JSON.stringify(c.value)}`);
      continue;
    }
    if (c.row < facts.first_data_row) continue; // above the header: checked as skipped rows
    const rec = records[c.row - facts.first_data_row];
    const got = rec ? rec[label] : undefined;
    const want = c.value === '' ? null : c.value;
    if (got !== want)
      fail(`row ${c.row} column ${c.column}: ${JSON.stringify(got)}, the facts say ${JSON.stringify(want)}`);
  }
  const above = (facts.title_rows || []).length;
  const skipped = (err.match(/is above the header rows and is skipped/g) || []).length;
  const blankAbove = (facts.cells || []).filter((c) => c.row < header[0] && c.value === '').length;
  if (skipped + blankAbove < above && header[0] > 1)
    fail(`${skipped} rows above the header reported as skipped, ${above} title rows`);
}

const blank = facts.column_names.filter((n) => n === '').length;
if (blank) {
  const r = run(['validate', '-k', 'table', ...options, input]);
  const n = (r.err.match(/blank-label/g) || []).length;
  if (r.status !== 1 || n !== blank)
    fail(`blank names: exit ${r.status} with ${n} blank-label errors, expected 1 with ${blank}\n${r.err}`);
} else {
  const first = readRecords(input, 'read');
  if (first) checkRecords(first.records, first.err);
  if (/bom/i.test(facts.original_encoding)) {
    const bom = path.join(work, facts.file);
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(input)]));
    const second = readRecords(bom, 'with the BOM');
    if (first && second && JSON.stringify(first.records) !== JSON.stringify(second.records))
      fail('the records differ when the file starts with its original BOM');
  }
  const schema = path.join(work, 'schema.json');
  let r = run(['infer', ...options, '-o', schema, input]);
  if (r.status !== 0) fail(`infer: exit status ${r.status}\n${r.err}`);
  r = run(['validate', '--schema', schema, ...options, input]);
  if (r.status !== 0) fail(`the inferred schema does not validate the file: exit ${r.status}\n${r.err}\n${r.out}`);
  const csv = run(['convert', '-k', 'table', '-t', 'csv', ...options, input]);
  const json = path.join(work, 'table.json');
  r = run(['convert', '-k', 'table', '-o', json, ...options, input]);
  const back = run(['convert', '-k', 'table', '-t', 'csv', json]);
  if (csv.status !== 0 || r.status !== 0 || back.status !== 0)
    fail(`round trip: exit ${csv.status}, ${r.status}, ${back.status}\n${csv.err}${r.err}${back.err}`);
  else if (!csv.out.equals(back.out)) fail('CSV -> JSON -> CSV is not byte-identical');
}
fs.rmSync(work, { recursive: true, force: true });
console.log(`${name}: ${failures ? 'FAILED' : 'ok'}`);
process.exit(failures ? 1 : 0);
