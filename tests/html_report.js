// --report FILE.html, looked at in a real browser (headless Chromium): an
// invalid batch, a valid file with normalizations, the same invalid batch
// under LANG=ja_JP.UTF-8, a workbook's errors (cell and sheet) in Japanese, and
// the Japanese page 390 px wide, as on a phone.
// What is checked is what Chromium rendered: a probe page (the only page
// with a script) loads the report in a frame of the given width and writes
// what it finds in the laid-out document (texts, which cells are marked,
// their computed colours, whether anything sticks out to the right) into
// its own DOM, which --dump-dom returns. The report itself must fetch
// nothing: no script, no link, no src, no url().
// Screenshots of the four pages are kept in OUT_DIR (build/html-report/).
// Usage: node html_report.js PLANCONV SAMPLES_DIR OUT_DIR
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [planconv, samples, outDir] = process.argv.slice(2).map((p) => path.resolve(p));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planconv-html-'));
const chromium = ['chromium', 'chromium-browser', 'google-chrome']
  .find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);
if (!chromium) { console.log('chromium is not installed (make deps installs it)'); process.exit(1); }
fs.mkdirSync(outDir, { recursive: true });

let failures = 0;
const fail = (msg) => { console.log(`FAIL: ${msg}`); failures++; };
const expect = (what, got, want) => { if (got !== want) fail(`${what}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`); };

function browser(args) {
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  const p = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-dev-shm-usage', '--allow-file-access-from-files',
    '--hide-scrollbars', `--user-data-dir=${profile}`, ...args],
  { timeout: 120000, maxBuffer: 1 << 26 });
  if (p.status !== 0) fail(`chromium ${args.join(' ')}: exit ${p.status}: ${p.stderr}`);
  return p.stdout.toString('utf8');
}

// The probe: the report in a frame `width` px wide; its findings as JSON in
// <pre id="probe">, once the frame has loaded and laid out.
function probe(page, width) {
  const html = `<!DOCTYPE html><meta charset="utf-8"><body style="margin:0">
<iframe id="f" src="${path.basename(page)}" style="border:0;width:${width}px;height:2000px"></iframe>
<pre id="probe"></pre><script>
document.getElementById('f').onload = () => {
  const d = document.getElementById('f').contentDocument;
  const texts = (sel) => [...d.querySelectorAll(sel)].map((e) => e.textContent.trim());
  const bad = [...d.querySelectorAll('table.rows td.bad')];
  const out = {
    lang: d.documentElement.lang,
    title: d.title,
    verdict: texts('#verdict')[0],
    errorCount: texts('#error-count')[0],
    headings: texts('h1, h2, h3, summary'),
    rowHeads: texts('table.rows thead th'),
    rowIds: [...d.querySelectorAll('table.rows tbody tr')].map((r) => r.id),
    badCells: bad.map((c) => (c.querySelector('code') || c).textContent),
    badRefs: bad.map((c) => (c.querySelector('small.ref') || { textContent: '' }).textContent),
    places: [...d.querySelectorAll('#errors tbody tr')].filter((r) => r.cells[0].tagName === 'TD')
      .map((r) => r.cells[0].textContent),
    badTitles: bad.map((c) => c.title),
    badColour: bad.length ? getComputedStyle(bad[0]).backgroundColor : null,
    messagesBeside: texts('table.rows td.msgs'),
    byField: texts('#errors-by-field tbody tr'),
    links: [...d.querySelectorAll('#errors a[href^="#"]')].map((a) => a.getAttribute('href').slice(1)),
    anchors: [...d.querySelectorAll('[id]')].map((e) => e.id),
    markup: d.querySelectorAll('b').length,
    noErrors: !!d.getElementById('no-errors'),
    details: d.querySelector('details') ? { open: d.querySelector('details').open,
      rows: d.querySelectorAll('#normalizations tbody tr').length,
      hidden: !d.querySelector('#normalizations').checkVisibility(),
      text: d.querySelector('#normalizations').textContent } : null,
    files: texts('#files tbody tr'),
    overflow: d.documentElement.scrollWidth - d.documentElement.clientWidth,
  };
  document.getElementById('probe').textContent = JSON.stringify(out);
};
</script>`;
  const file = path.join(path.dirname(page), `probe-${width}-${path.basename(page)}`);
  fs.writeFileSync(file, html);
  const dom = browser(['--virtual-time-budget=10000', '--dump-dom', `file://${file}`]);
  const m = dom.match(/<pre id="probe">([\s\S]*?)<\/pre>/);
  const json = m ? m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&') : '';
  try { return JSON.parse(json); } catch (e) { fail(`probe of ${page}: no result (${json.slice(0, 200)})`); return null; }
}

function screenshot(page, name, width, height) {
  const shot = path.join(outDir, name);
  browser([`--screenshot=${shot}`, `--window-size=${width},${height}`, `file://${page}`]);
  const png = fs.existsSync(shot) ? fs.readFileSync(shot) : Buffer.alloc(0);
  if (png.length < 5000 || png.toString('latin1', 1, 4) !== 'PNG') fail(`no screenshot at ${shot} (${png.length} bytes)`);
  else if (png.readUInt32BE(16) !== width) fail(`${name}: ${png.readUInt32BE(16)} px wide, expected ${width}`);
}

function selfContained(page) {
  const html = fs.readFileSync(page, 'utf8');
  for (const external of [/<script/i, /<link/i, /\ssrc=/i, /url\(/i, /<iframe/i, /@import/i])
    if (external.test(html)) fail(`${page} is not self-contained: ${external}`);
}

function run(args, env, status) {
  const p = spawnSync(planconv, args, { cwd: dir, env: { ...process.env, LC_ALL: '', LANGUAGE: '', ...env } });
  if (p.status !== status) fail(`planconv ${args.join(' ')}: exit ${p.status}, expected ${status}: ${p.stderr}`);
}

// Data: plan-items.csv with line 4 repeated (a duplicate id), an empty title
// on line 7, markup as a level on line 9.
const lines = fs.readFileSync(path.join(samples, 'plan-items.csv'), 'utf8').split('\n');
lines.splice(4, 0, lines[3]);
const cells = (i) => lines[i].split(',');
let c = cells(6); c[6] = ''; lines[6] = c.join(',');
c = cells(8); c[3] = 'x<b>bold</b>'; lines[8] = c.join(',');
fs.writeFileSync(path.join(dir, 'bad.csv'), lines.join('\n'));
fs.copyFileSync(path.join(samples, 'roadmap.csv'), path.join(dir, 'roadmap.csv'));
const dupId = cells(4)[0];

// 1. The invalid batch, in English.
run(['convert', '-t', 'json', '-O', 'out', '--quiet', '--report', 'invalid.html', 'bad.csv', 'roadmap.csv'], { LANG: 'C.UTF-8' }, 1);
const invalid = path.join(dir, 'invalid.html');
selfContained(invalid);
let r = probe(invalid, 1100);
if (r) {
  expect('lang', r.lang, 'en');
  expect('verdict', r.verdict, 'invalid');
  expect('error count', r.errorCount, '3 errors');
  expect('columns of the rows table', r.rowHeads.join('|'), 'Row|項目ID (id)|階層 (level)|項目名 (title)|Errors');
  expect('rows with errors', r.rowIds.join(' '), 'Lbad.csv:5 Lbad.csv:7 Lbad.csv:9');
  expect('bad cells', JSON.stringify(r.badCells), JSON.stringify([dupId, '', 'x<b>bold</b>']));
  expect('bad cell colour', r.badColour, 'rgb(253, 236, 234)');
  // the cells as Excel names them: column letter and row
  expect('cell references in the rows table', r.badRefs.join(' '), 'A5 G7 D9');
  expect('places in the list of errors', r.places.join('|'), 'bad.csv row 5, cell A5|bad.csv row 9, cell D9|bad.csv row 7, cell G7');
  if (!r.badTitles[0].includes('already used on line 4')) fail(`tooltip of the duplicate id: ${r.badTitles[0]}`);
  if (!r.messagesBeside[1].startsWith('項目名 (title): a value is required')) fail(`message beside row 7: ${r.messagesBeside[1]}`);
  expect('errors by field', r.byField.join('|'), '項目ID (id)1|階層 (level)1|項目名 (title)1');
  expect('markup from the data became elements', r.markup, 0);
  expect('links from the list of errors', r.links.length, 3);
  for (const t of r.links) if (!r.anchors.includes(t)) fail(`link #${t} has no target`);
  if (!r.files[1] || !/^roadmap\.csvroadmapcsvok270out\/roadmap\.json$/.test(r.files[1])) fail(`files table, roadmap.csv: ${r.files[1]}`);
  expect('overflow at 1100 px', r.overflow, 0);
}
screenshot(invalid, 'invalid.png', 1100, 1300);

// 2. A valid file with normalizations: no error table, the changes folded.
fs.writeFileSync(path.join(dir, 'era.csv'), '項目ID,項目名,期限\nA-1,見直し,令和5年度末\n');
run(['validate', '-q', '-k', 'plan-items', '--report', 'valid.html', 'era.csv'], { LANG: 'C.UTF-8' }, 0);
const valid = path.join(dir, 'valid.html');
selfContained(valid);
r = probe(valid, 1100);
if (r) {
  expect('valid: verdict', r.verdict, 'valid');
  expect('valid: error count', r.errorCount, '0 errors');
  expect('valid: "No errors."', r.noErrors, true);
  expect('valid: rows table', r.rowIds.length, 0);
  if (!r.details) fail('valid: no <details> for the normalizations');
  else {
    expect('valid: normalizations folded', r.details.open, false);
    expect('valid: folded table takes no room', r.details.hidden, true);
    if (r.details.rows < 1 || !r.details.text.includes('令和5年度末')) fail(`valid: normalizations: ${r.details.text}`);
    if (!r.headings.some((h) => /^\d+ values? normalized$/.test(h))) fail(`valid: summary line: ${r.headings}`);
  }
}
screenshot(valid, 'valid.png', 1100, 800);

// 3. Japanese: the same batch under LANG=ja_JP.UTF-8.
run(['convert', '-t', 'json', '-O', 'out-ja', '--quiet', '--report', 'ja.html', 'bad.csv', 'roadmap.csv'], { LANG: 'ja_JP.UTF-8' }, 1);
const ja = path.join(dir, 'ja.html');
selfContained(ja);
r = probe(ja, 1100);
if (r) {
  expect('ja: lang', r.lang, 'ja');
  expect('ja: title', r.title, 'planconv の検査結果');
  expect('ja: verdict', r.verdict, '誤りあり');
  expect('ja: error count', r.errorCount, '誤り 3 件');
  expect('ja: headings', r.headings.join('|'), 'planconv の検査結果 誤りあり|ファイル|誤りのある行|bad.csv|項目ごとの誤りの数|すべての誤り（項目ごと）');
  expect('ja: columns', r.rowHeads.join('|'), '行|項目ID (id)|階層 (level)|項目名 (title)|誤り');
  if (!r.messagesBeside[1].includes('値が必要です')) fail(`ja: message beside row 7: ${r.messagesBeside[1]}`);
  if (!/正常/.test(r.files[1] || '')) fail(`ja: file result: ${r.files[1]}`);
  for (const h of r.headings.concat(r.rowHeads)) {
    const english = h.replace(/\([a-z_]+\)/g, '').replace(/planconv|bad\.csv/g, '').match(/[A-Za-z]{3,}/);
    if (english) fail(`ja: English in "${h}"`);
  }
}
screenshot(ja, 'ja.png', 1100, 1300);

// 4. A workbook, in Japanese: each place names the cell and the sheet.
const xlsxCase = path.join(samples, '..', 'tests', 'cases', 'positions-xlsx');
for (const f of ['types.xlsx', 'schema.json']) fs.copyFileSync(path.join(xlsxCase, f), path.join(dir, f));
run(['validate', '-q', '--schema', 'schema.json', '--sheet', 'types', '--report', 'xlsx.html', 'types.xlsx'], { LANG: 'ja_JP.UTF-8' }, 1);
const xlsx = path.join(dir, 'xlsx.html');
selfContained(xlsx);
r = probe(xlsx, 1100);
if (r) {
  expect('xlsx: first places', r.places.slice(0, 2).join('|'), 'types.xlsx 1 行目、セル C1、シート「types」|types.xlsx 2 行目、セル C2、シート「types」');
  expect('xlsx: cell references in the rows table', r.badRefs.slice(0, 3).join(' '), 'B2 B4 B5');
}
screenshot(xlsx, 'xlsx.png', 1100, 1300);

// 5. A CSV file whose cell holds a line break: the row is the one Excel
// shows (3), not the file's line (4), and the cell is AB3.
const posCase = path.join(samples, '..', 'tests', 'cases', 'positions-csv');
for (const f of ['wide.csv', 'schema.json']) fs.copyFileSync(path.join(posCase, f), path.join(dir, f));
run(['validate', '-q', '--schema', 'schema.json', '--report', 'wide.html', 'wide.csv'], { LANG: 'ja_JP.UTF-8' }, 1);
r = probe(path.join(dir, 'wide.html'), 1100);
if (r) expect('csv with a line break in a cell: cell references', r.badRefs.slice(0, 2).join(' '), 'AB3 A4');

// 5. Narrow: 390 px, as on a phone; wide tables scroll inside their box,
// the page itself does not.
r = probe(ja, 390);
if (r) {
  expect('narrow: overflow of the page', r.overflow, 0);
  expect('narrow: bad cells still marked', r.badCells.length, 3);
}
screenshot(ja, 'narrow.png', 390, 1600);

fs.rmSync(dir, { recursive: true, force: true });
console.log(failures ? 'FAILED' : `ok (screenshots in ${outDir})`);
process.exit(failures ? 1 : 0);
