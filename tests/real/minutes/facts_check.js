// What every real-minutes checker shares: its arguments (PLANCONV FILE...,
// the files of one folder), the hand-written facts.json beside them, and a
// comparison that prints each mismatch and counts it; done() exits 1 if
// any was found.
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = function factsCheck(nameBy) {
  const [planconv, ...files] = process.argv.slice(2);
  const file = files[0];
  const dir = path.dirname(file);
  const facts = JSON.parse(fs.readFileSync(path.join(dir, 'facts.json'), 'utf8'));
  const name = nameBy === 'file' ? files.map((x) => path.basename(x)).join('+')
    : path.basename(dir);
  let failures = 0;
  return {
    planconv, file, files, dir, facts,
    same(what, got, want) {
      const g = JSON.stringify(got), w = JSON.stringify(want);
      if (g !== w) {
        console.log(`FAIL: ${name}: ${what}: planconv gives ${g}, expected ${w}`);
        failures++;
      }
    },
    // each of `keys` of the meeting record m against the facts' own
    sameFields(m, keys) {
      for (const k of keys) this.same(k, m[k], facts[k]);
    },
    done() {
      if (failures) process.exit(1);
    },
  };
};
