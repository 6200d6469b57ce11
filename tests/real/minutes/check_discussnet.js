// Real assembly minutes as DiscussNet SSP publishes them (tenant_minutes
// JSON): planconv's reading of FILE against the file itself and the
// hand-written facts.json beside it.
//   node check_discussnet.js PLANCONV FILE
// From the file (JSON.parse): every item after the 名簿 header is one
// statement of the speaker its title names (役職（氏名）); an own-line
// 〔…〕 in a body is a note, except 〔…参照〕 cross-references, which stay
// text. planconv gives one speech record per part of a statement: text
// after an own-line note resumes the speaker as a new record.
// From facts.json: the body from the title line (墨田区議会) and the
// meeting's name beside it (in meeting_id: the schema has no field of its
// own for it), date, times, issue, attendance count, agenda, the
// statement and note counts, the note texts, every speaker with role.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const check = require('./facts_check')('dir');
const { planconv, file, dir, facts: f, same } = check;

// the file's own statements, notes and parts
const items = JSON.parse(fs.readFileSync(file, 'utf8')).tenant_minutes;
const want = []; // {kind, speaker, role, text}
let statements = 0;
for (const it of items) {
  if (it.minute_type === '名簿') continue;
  statements++;
  const m = /^(.+)（(.+)）$/.exec(it.title);
  const who = { speaker: m[2].replace(/\s/g, ''), role: m[1] };
  let open = false, spoke = false;
  for (const raw of it.body.replace(/<\/?pre>/g, '').split('\n')) {
    const line = raw.replace(/^[\s　]+|[\s　]+$/g, '');
    if (!line || /^[－-]+$/.test(line) || /(散会|開議)$/.test(line)) continue;
    if (/^〔[^〔]*〕$/.test(line) && !/参照〕$/.test(line)) {
      want.push({ kind: 'note', text: line.slice(1, -1) });
      open = false;
      continue;
    }
    if (!open && (!spoke || !/^[○◎]/.test(line))) {
      want.push({ kind: 'speech', ...who });
      open = spoke = true;
    }
  }
}
same('statements (items)', statements, f.statements);

const json = execFileSync(planconv, ['convert', '-k', 'minutes', '-t', 'json', file],
                          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
const meetings = JSON.parse(json).meetings;
same('meetings', meetings.length, 1);
const m = meetings[0];
check.sameFields(m, ['body', 'date', 'start_time', 'end_time', 'issue']);
same('meeting name (meeting_id)', m.meeting_id.startsWith(`${f.body}-${f.meeting}-`), true);
const got = m.statements.map((s) => s.kind === 'note' ? { kind: 'note', text: s.text }
  : { kind: 'speech', speaker: s.speaker, role: s.role });
same('records (kind, speaker, role; note text)', got, want);
const notes = m.statements.filter((s) => s.kind === 'note');
same('notes', notes.length, f.notes);
same('note texts', notes.map((s) => s.text), Object.values(f.note_items).map((t) => t.slice(1, -1)));
// the 名簿 block: the issue (議事日程　第１号, above), every seat of 出席議員 (the
// roster's two columns), the agenda with the items added during the
// sitting (追加議事日程), whitespace aside
same('attendance', (m.attendance || []).length, f.attendance);
const squeeze = (t) => t.replace(/[\s\u3000]/g, '');
same('agenda', (m.agenda || []).map(squeeze), f.agenda.map(squeeze));
const speech = m.statements.filter((s) => s.kind === 'speech');
const names = new Set(speech.map((s) => `${s.speaker}/${s.role}`));
same('speakers', [...names].sort(), f.speakers.map((s) => `${s.name}/${s.role}`).sort());
check.done();
console.log(`ok: ${path.basename(dir)}: ${statements} statements in ${speech.length} records, ${notes.length} notes`);
