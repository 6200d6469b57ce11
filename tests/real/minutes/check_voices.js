// Real assembly minutes as gijiroku.com VOICES shows them (HTML frames):
// planconv's reading of FILE against the hand-written facts.json beside it.
//   node check_voices.js PLANCONV FILE
// Each frame is read on its own. speech.html (a statement frame): one
// statement, its speaker as the marker names him (○塩田　委員長: the
// surname; the full name is in the header frame's roster) and role, its
// text the frame's text after the marker, no notes. header.html (the
// meeting's header frame): no statement at all (its ○-less roster and
// agenda are no speech); exit 0.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const check = require('./facts_check')('file');
const { planconv, file, dir, facts: f, same } = check;

const run = spawnSync(planconv, ['convert', '-k', 'minutes', '-t', 'json', file],
                      { encoding: 'utf8' });
same('exit status', run.status, 0);
const meetings = JSON.parse(run.stdout || '{"meetings":[]}').meetings;
const html = fs.readFileSync(file, 'utf8');
if (path.basename(file) === 'header.html') {
  same('statements', meetings.flatMap((m) => m.statements).length, 0);
} else {
  same('meetings', meetings.length, 1);
  const st = meetings[0].statements;
  same('statements', st.filter((s) => s.kind === 'speech').length, f.statements_in_files);
  same('notes', st.filter((s) => s.kind === 'note').length, f.notes);
  const sp = f.speakers[0];
  same('speaker', st[0].speaker, sp.name_in_marker);
  same('role', st[0].role, sp.role);
  // the frame's own text: after the anchor, <BR> a break, up to <P><FORM; the
  // marker (up to the two full-width spaces) and the closing rule dropped
  const body = html.slice(html.indexOf('</A>') + 4, html.indexOf('<P><FORM'));
  const lines = body.split('<BR>').map((l) => l.replace(/^[\s　]+|[\s　]+$/g, ''))
    .filter((l) => l && !/^─+$/.test(l));
  lines[0] = lines[0].slice(lines[0].indexOf('　　') + 2);
  same('text', st[0].text, lines.join('\n'));
}
check.done();
console.log(`ok: ${path.basename(dir)}/${path.basename(file)}`);
