// Real Diet minutes from the NDL API: planconv's reading of FILE against
// the API's own records and the hand-written facts.json beside it.
//   node check_ndl.js PLANCONV FILE
// 1. Every speech record of the file (speechOrder >= 1) is one statement
//    of planconv's output: same meeting, same order, its text equal to the
//    API's speech without the speaker label (whitespace aside), its speaker
//    the API's speaker; the header records (speechOrder 0) are none.
// 2. Each meeting of facts.json that the file holds has the facts' house,
//    session, issue, date, times, statements, speakers with roles,
//    attendance and agenda.
// The API's file is read here on its own (JSON.parse; the XML with a
// pattern per element), not through planconv.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const [planconv, file] = process.argv.slice(2);
const dir = path.dirname(file);
const facts = JSON.parse(fs.readFileSync(path.join(dir, 'facts.json'), 'utf8'));
let failures = 0;
function fail(msg) {
  console.log(`FAIL: ${path.basename(dir)}/${path.basename(file)}: ${msg}`);
  failures++;
}
function same(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) fail(`${what}: planconv gives ${g}, expected ${w}`);
}
const squeeze = (s) => (s || '').replace(/[\s\u3000]+/g, '');

// ---- the API's records, read independently -----------------------------
function apiRecords(text) {
  const out = [];
  if (text.trimStart().startsWith('<')) {
    const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    for (const m of text.matchAll(/<speechRecord>([\s\S]*?)<\/speechRecord>/g)) {
      const r = {};
      for (const f of m[1].matchAll(/<(\w+)>([\s\S]*?)<\/\1>|<(\w+)\/>/g))
        if (f[1]) r[f[1]] = decode(f[2]);
      out.push(r);
    }
    return out;
  }
  const walk = (v, meeting) => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x, meeting));
    if (!v || typeof v !== 'object') return;
    if ('meetingRecord' in v) return walk(v.meetingRecord, null);
    if ('speechRecord' in v && !('speechOrder' in v)) {
      const m = Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'speechRecord'));
      return walk(v.speechRecord, Object.keys(m).length ? m : meeting);
    }
    if ('speechOrder' in v) return out.push({ ...(meeting || {}), ...v });
    Object.values(v).forEach((x) => walk(x, meeting));
  };
  walk(JSON.parse(text), null);
  return out;
}

const raw = fs.readFileSync(file, 'utf8');
const records = apiRecords(raw);
const speeches = records.filter((r) => String(r.speechOrder) !== '0' && r.speaker !== '会議録情報');

// A meeting_list answer has no speech text: invalid minutes, said so once,
// and one missing text per statement.
if (speeches.length && speeches.every((r) => !('speech' in r))) {
  const report = path.join(require('os').tmpdir(), `ndl-${process.pid}.json`);
  let status = 0;
  try {
    execFileSync(planconv, ['validate', '--report', report, file], { stdio: 'ignore' });
  } catch (e) { status = e.status; }
  const rep = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.unlinkSync(report);
  same('exit status', status, 1);
  same('errors', rep.errors.map((e) => `${e.recordNumber}:${e.fieldName}:${e.type}`),
       speeches.map((r, i) => `${i + 1}:text:constraint-error`));
  same('warnings', rep.warnings.length, 1);
  const want = facts.meetings.reduce((n, m) => n + m.statements, 0);
  same('statements in the facts', speeches.length, want);
  if (failures) process.exit(1);
  console.log(`ok: ${path.basename(file)}: a meeting_list answer, ${want} statements without text`);
  process.exit(0);
}
const out = execFileSync(planconv, ['convert', '-t', 'json', file], { encoding: 'utf8' });
const meetings = JSON.parse(out).meetings;

// ---- 1. the API's records ------------------------------------------------
const meetingOf = (r) => r.issueID ||
  `${r.session}-${r.nameOfHouse}-${r.nameOfMeeting}-${r.issue}`;
const statements = new Map();
for (const m of meetings)
  for (const s of m.statements) statements.set(`${m.meeting_id}#${s.order}`, { m, s });
same('statements', [...statements.keys()].length, speeches.length);
for (const r of speeches) {
  const key = `${meetingOf(r)}#${r.speechOrder}`;
  const got = statements.get(key);
  if (!got) { fail(`no statement for the API's speech ${key}`); continue; }
  // the label is the marker up to the first space: ○議長（額賀福志郎君）　
  const want = r.speech.replace(/^[○◯〇◎◆][^\s\u3000]*[\s\u3000]/, '');
  if (squeeze(got.s.text) !== squeeze(want)) fail(`${key}: text differs from the API's speech`);
  if (r.speaker) same(`${key} speaker`, got.s.speaker, r.speaker);
  same(`${key} kind`, got.s.kind, 'speech');
  if (r.speakerYomi) same(`${key} speaker_yomi`, got.s.speaker_yomi, r.speakerYomi);
  if (r.speakerGroup) same(`${key} group`, got.s.group, r.speakerGroup);
  if (r.speakerPosition) same(`${key} position`, got.s.position, r.speakerPosition);
  if (r.speechURL) same(`${key} speech_url`, got.s.speech_url, r.speechURL);
}

// ---- 2. the facts -------------------------------------------------------
const orders = (spec) => {
  if (Array.isArray(spec)) return spec;
  const [a, b] = String(spec).split('..').map(Number);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
};
for (const f of facts.meetings) {
  const m = meetings.find((x) => x.date === f.date && x.body === f.meeting &&
                                 (!f.issueID || x.meeting_id === f.issueID));
  const inFile = speeches.filter((r) => r.date === f.date && r.nameOfMeeting === f.meeting);
  if (!inFile.length) {
    if (m) fail(`${f.meeting}: a meeting whose file holds no statement was written`);
    continue;
  }
  if (!m) { fail(`${f.meeting} ${f.date}: no such meeting in planconv's output`); continue; }
  same(`${f.meeting} house`, m.house, f.house);
  same(`${f.meeting} diet_session`, m.diet_session, f.session);
  same(`${f.meeting} issue`, m.issue, f.issue);
  same(`${f.meeting} start_time`, m.start_time ?? null, f.start_time ?? null);
  same(`${f.meeting} end_time`, m.end_time ?? null, f.end_time ?? null);
  const got = m.statements.map((s) => s.order);
  const want = f.speech_orders ? orders(f.speech_orders)
    : inFile.length === f.statements ? orders(f.statement_orders)
    : inFile.map((r) => Number(r.speechOrder));
  same(`${f.meeting} statement orders`, got, want);
  if (f.notes !== undefined && typeof f.notes === 'number')
    same(`${f.meeting} notes`, m.statements.filter((s) => s.kind === 'note').length, f.notes);
  for (const sp of f.speakers) {
    const s = m.statements.find((x) => x.speaker === sp.name);
    if (!s) {
      if (got.includes(sp.first_order)) fail(`${f.meeting}: ${sp.name} does not speak`);
      continue;
    }
    if (got.includes(sp.first_order)) same(`${sp.name} first order`, s.order, sp.first_order);
    same(`${sp.name} role`, s.role ?? null, sp.role);
  }
  if (f.attendance !== undefined) same(`${f.meeting} attendance`, (m.attendance || []).length,
                                       f.attendance);
  if (f.agenda) same(`${f.meeting} agenda`, m.agenda, f.agenda);
}
// ---- 3. the same meetings as the Diet's text: header record and speeches
// one after the other under the title line the NDL's text download writes;
// read as minutes-text they give the same statements (own-line notes and
// the time lines apart, which the text reader keeps out of the text)
const kanji = (n) => String(n);
for (const m of meetings) {
  const recs = records.filter((r) => meetingOf(r) === m.meeting_id);
  const head = recs.find((r) => String(r.speechOrder) === '0' && r.speech);
  if (!head) continue;
  const r0 = recs[0];
  const title = `第${r0.session}回国会　${r0.nameOfHouse}　${r0.nameOfMeeting}　` +
                `第${kanji(m.issue)}号　${m.date}`;
  const lines = (t) => t.replace(/\r+\n/g, '\n').replace(/\n+$/, '');
  const text = [title, '', ...recs.map((r) => lines(r.speech))].join('\n') + '\n';
  const tmpText = path.join(require('os').tmpdir(), `diet-${process.pid}.txt`);
  fs.writeFileSync(tmpText, text);
  const got = JSON.parse(execFileSync(planconv, ['convert', '-f', 'minutes-text', '-k', 'minutes',
    '-t', 'json', tmpText], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })).meetings;
  fs.unlinkSync(tmpText);
  const t = got[0] || { statements: [] };
  for (const k of ['date', 'start_time', 'end_time', 'house', 'diet_session', 'issue', 'agenda'])
    same(`text form ${k}`, t[k], m[k]);
  same('text form attendance', (t.attendance || []).length, (m.attendance || []).length);
  const sp = t.statements.filter((x) => x.kind === 'speech');
  same('text form statements', sp.length, m.statements.length);
  const own = /^[\s\u3000]*(〔[^〕]*〕|（[^）]*）)[\s\u3000]*$/;
  const timeLine = /^[\s\u3000]*(午前|午後|正午)[^\s\u3000]*(散会|閉会)[\s\u3000]*$/;
  let notes = 0;
  m.statements.forEach((a, i) => {
    const b = sp[i] || {};
    same(`text form ${a.order} speaker`, b.speaker, a.speaker);
    same(`text form ${a.order} role`, b.role, a.role);
    const keep = a.text.split('\n').filter((l) => !own.test(l) && !timeLine.test(l));
    notes += a.text.split('\n').filter((l) => own.test(l)).length;
    if (squeeze(b.text) !== squeeze(keep.join(''))) fail(`text form ${a.order}: text differs`);
  });
  // in the header, （…） lines are a roster's titles; its notes are 〔…〕
  notes += lines(head.speech).split('\n').filter((l) => /^[\s\u3000]*〔[^〕]*〕[\s\u3000]*$/.test(l))
    .length;
  same('text form notes', t.statements.length - sp.length, notes);
}

// ---- 4. round trips: CSV, JSON Lines and XML give the same meetings back ---
const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'ndl-'));
for (const fmt of ['csv', 'jsonl', 'xml']) {
  const mid = path.join(tmp, `minutes.${fmt}`);
  execFileSync(planconv, ['convert', '-t', fmt, '-o', mid, file], { stdio: 'ignore' });
  const back = execFileSync(planconv, ['convert', '-k', 'minutes', '-t', 'json', mid],
                            { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  if (back !== out) fail(`${fmt} round trip: the meetings differ`);
}
fs.rmSync(tmp, { recursive: true });
if (failures) process.exit(1);
console.log(`ok: ${path.basename(dir)}/${path.basename(file)}: ${speeches.length} statements, ` +
            `${meetings.length} meetings`);
