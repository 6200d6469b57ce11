// Real assembly minutes as gijiroku.com VOICES shows them (HTML frames):
// planconv's reading of FILE against the hand-written facts.json beside it.
//   node check_voices.js PLANCONV FILE...
// Several FILEs are frames of one meeting, in order: they are read as one
// file holding their documents one after another (as a scraper saves a
// meeting), built here from the original bytes.
// - header.html alone (the meeting's header frame): no statement, exit 0,
//   and no line of it is "text before the first header": what is not kept
//   (the rosters of those not members, the trailing bare time) is said so.
// - speech.html alone (a statement frame): one statement, its speaker as
//   the marker names him (○塩田　委員長: the surname) and role, its text
//   the frame's text after the marker, no notes.
// - header.html + speech.html (the meeting): body, date, start time,
//   the meeting's name (in meeting_id: the schema has no field of its
//   own for it), the 出席委員 roster's members, the agenda, and the
//   statement with the roster's full name for the speaker (塩田 -> 塩田尚,
//   reported with what was written).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const check = require('./facts_check')('file');
const { planconv, files, dir, facts: f, same } = check;

// the files' bytes one after another, as one input
const input = path.join(os.tmpdir(), `voices-${process.pid}.html`);
fs.writeFileSync(input, Buffer.concat(files.map((x) => fs.readFileSync(x))));
const run = spawnSync(planconv, ['convert', '-f', 'voices', '-k', 'minutes', '-t', 'json', '-v',
                                 input], { encoding: 'utf8' });
const report = `${input}.report.json`;
spawnSync(planconv, ['validate', '-f', 'voices', '-k', 'minutes', '--report', report, input]);
const normalized = JSON.parse(fs.readFileSync(report, 'utf8')).normalizations;
fs.unlinkSync(report);
fs.unlinkSync(input);

same('exit status', run.status, 0);
const meetings = JSON.parse(run.stdout || '{"meetings":[]}').meetings;
const warnings = run.stderr.split('\n').filter((l) => /: warning: /.test(l));
same('lines read as text before the first header',
     warnings.filter((l) => /text before the first header|outside any statement/.test(l)), []);
const names = files.map((x) => path.basename(x));

// a statement frame's own text: after the anchor, <BR> a break, up to
// <P><FORM; the marker (up to the two full-width spaces) and the closing
// rule dropped
function frameText(file) {
  const html = fs.readFileSync(file, 'utf8');
  const body = html.slice(html.indexOf('</A>') + 4, html.indexOf('<P><FORM'));
  const lines = body.split('<BR>').map((l) => l.replace(/^[\s　]+|[\s　]+$/g, ''))
    .filter((l) => l && !/^─+$/.test(l));
  lines[0] = lines[0].slice(lines[0].indexOf('　　') + 2);
  return lines.join('\n');
}

if (!names.includes('speech.html')) {
  same('statements', meetings.flatMap((m) => m.statements).length, 0);
} else {
  same('meetings', meetings.length, 1);
  const m = meetings[0] || { statements: [] };
  const st = m.statements;
  const first = st[0] || {};
  same('statements', st.filter((s) => s.kind === 'speech').length, f.statements_in_files);
  same('notes', st.filter((s) => s.kind === 'note').length, f.notes);
  const sp = f.speakers[0];
  same('role', first.role, sp.role);
  same('text', first.text, frameText(files[names.indexOf('speech.html')]));
  if (!names.includes('header.html')) {
    same('speaker', first.speaker, sp.name_in_marker);
  } else {
    check.sameFields(m, ['body', 'date', 'start_time']);
    same('end_time', m.end_time ?? null, f.end_time);
    same('meeting name (meeting_id)', (m.meeting_id || '').startsWith(`${f.body}-${f.meeting}-`), true);
    same('attendance', (m.attendance || []).length, f.attendance);
    same('attendance names', m.attendance, f.attendance_names);
    same('those present not members, in attendance',
         Object.values(f.also_present).filter((n) => (m.attendance || []).includes(n)), []);
    same('agenda', m.agenda, f.agenda);
    same('speaker', first.speaker, sp.name);
    same('speaker as written',
         normalized.filter((e) => e.fieldName === 'speaker').map((e) => [e.from, e.to, e.rule]),
         [[sp.name_in_marker, sp.name, 'roster-name']]);
  }
}
check.done();
console.log(`ok: ${path.basename(dir)}/${names.join('+')}`);
