// RFC 4180 edge cases from the csv-spectrum corpus, an independent oracle:
// planconv's JSON for csvs/NAME.csv must equal json/NAME.json. Under -k table
// planconv writes every key, an empty cell as null (Table Schema's missing
// value), so null stands for "".
// Usage: node csv_spectrum.js PLANCONV NAME
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');
const fs = require('fs');

const [planconv, name] = process.argv.slice(2);
const corpus = path.join(__dirname, 'node_modules', 'csv-spectrum');
const expected = JSON.parse(fs.readFileSync(path.join(corpus, 'json', name + '.json'), 'utf8'));
const out = execFileSync(planconv, ['convert', '-k', 'table', '-f', 'csv', '-t', 'json',
                                    path.join(corpus, 'csvs', name + '.csv')]);
const actual = JSON.parse(out.toString('utf8'));

let failures = 0;
if (actual.length !== expected.length) {
  console.log(`${name}: ${actual.length} records, expected ${expected.length}`);
  failures++;
}
expected.forEach((want, i) => {
  const got = actual[i] || {};
  for (const key of new Set([...Object.keys(want), ...Object.keys(got)])) {
    const g = got[key] === null ? '' : got[key];
    if (g !== want[key]) {
      console.log(`${name}: record ${i + 1} field ${JSON.stringify(key)}: ` +
                  `${JSON.stringify(g)}, expected ${JSON.stringify(want[key])}`);
      failures++;
    }
  }
});
console.log(`${name}: ${failures ? 'FAILED' : 'ok'}`);
process.exit(failures ? 1 : 0);
