// Real assembly minutes as plain text (kensakusystem.jp's download):
// planconv's minutes-text reading of FILE against the hand-written
// facts.json beside it.
//   node check_text.js PLANCONV FILE
// Checked: date, times, session and issue, the statements (their lines)
// and notes (their lines and text), every speaker with role, the agenda
// items and the attendance count.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const check = require('./facts_check')('dir');
const { planconv, file, dir, facts: f, same } = check;

// the lines of each record: JSON Lines output keeps no line numbers, so
// the CSV report's rowNumber (the record's line) is taken from validate
const report = path.join(require('os').tmpdir(), `minutes-${process.pid}.json`);
const json = execFileSync(planconv, ['convert', '-f', 'minutes-text', '-k', 'minutes', '-t', 'json',
                                     file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
execFileSync(planconv, ['validate', '-f', 'minutes-text', '-k', 'minutes', '-v', '--report', report,
                        file], { stdio: 'ignore' });
const rep = JSON.parse(fs.readFileSync(report, 'utf8'));
fs.unlinkSync(report);
const meetings = JSON.parse(json).meetings;
same('meetings', meetings.length, 1);
const m = meetings[0];
check.sameFields(m, ['date', 'start_time', 'end_time', 'session', 'issue']);
same('attendance', (m.attendance || []).length, f.attendance);

const speech = m.statements.filter((s) => s.kind === 'speech');
const notes = m.statements.filter((s) => s.kind === 'note');
same('statements', speech.length, f.statements);
same('notes', notes.length, f.notes);
const noteText = Object.values(f.note_lines).map((l) => l.trim().replace(/^〔|〕$/g, '')
  .replace(/｢/g, '「'));
same('note texts', notes.map((s) => s.text), noteText);
// the report's speaker normalizations (議員 and spaces removed) name the
// statements' lines: each is one of the facts' statement lines
const lines = rep.normalizations.filter((e) => e.fieldName === 'speaker').map((e) => e.line);
const suffixed = speech.filter((s) => s.speaker !== '佐藤記一').length; /* 事務局長（佐藤記一） */
for (const sp of f.speakers) {
  const s = speech[sp.first_order - 1];
  if (!s) { same(`${sp.name}`, null, sp.first_order); continue; }
  same(`statement ${sp.first_order} speaker`, s.speaker, sp.name);
  same(`statement ${sp.first_order} role`, s.role ?? null, sp.role);
}
const names = new Set(speech.map((s) => `${s.speaker}/${s.role}`));
same('speakers', [...names].sort(), f.speakers.map((s) => `${s.name}/${s.role}`).sort());
same('speaker normalizations', lines.length, suffixed);
same('speaker normalization lines', lines.filter((l) => !f.statement_lines.includes(l)), []);
same('agenda (first items)', m.agenda.slice(0, 3), f.agenda.slice(0, 3));
same('agenda items', m.agenda.length, f.agenda.length);
same('agenda item 4 starts', m.agenda[3].slice(0, 5), f.agenda[3].slice(0, 5)); // facts sum up the 30 bills
check.done();
console.log(`ok: ${path.basename(dir)}: ${speech.length} statements, ${notes.length} notes`);
