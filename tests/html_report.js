// --report FILE.html, loaded by a real browser: headless Chromium parses the
// page and dumps its DOM, which must hold the error count, one row per error
// grouped by field, a working anchor per line, the offending cells as text
// (escaped, not markup) and the normalizations; a screenshot is taken too.
// The page must fetch nothing: no script, no link, no src, no url().
// Usage: node html_report.js PLANCONV SAMPLES_DIR [SCREENSHOT.png]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [planconv, samples, keepShot] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planconv-html-'));
const chromium = ['chromium', 'chromium-browser', 'google-chrome']
  .find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);
if (!chromium) { console.log('chromium is not installed (make deps installs it)'); process.exit(1); }

let failures = 0;
const fail = (msg) => { console.log(msg); failures++; };

function browser(args) {
  const profile = fs.mkdtempSync(path.join(dir, 'profile-'));
  const p = spawnSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-dev-shm-usage', `--user-data-dir=${profile}`, ...args],
  { timeout: 120000, maxBuffer: 1 << 26 });
  if (p.status !== 0) fail(`chromium ${args.join(' ')}: exit ${p.status}: ${p.stderr}`);
  return p.stdout.toString('utf8');
}

// Data: plan-items.csv with line 4 repeated (a duplicate id), an empty title
// on line 7, markup as a level on line 9 and a 和暦 date to normalize.
const lines = fs.readFileSync(path.join(samples, 'plan-items.csv'), 'utf8').split('\n');
lines.splice(4, 0, lines[3]);
const cells = (i) => lines[i].split(',');
let c = cells(6); c[6] = ''; lines[6] = c.join(',');
c = cells(8); c[3] = 'x<b>bold</b>'; lines[8] = c.join(',');
fs.writeFileSync(path.join(dir, 'bad.csv'), lines.join('\n'));
fs.copyFileSync(path.join(samples, 'roadmap.csv'), path.join(dir, 'roadmap.csv'));

// A batch with a report of both files.
const run = spawnSync(planconv, ['convert', '-t', 'json', '-O', 'out', '--quiet', '--report',
  'report.html', 'bad.csv', 'roadmap.csv'], { cwd: dir });
if (run.status !== 1) fail(`convert: exit ${run.status}, expected 1: ${run.stderr}`);
const page = path.join(dir, 'report.html');
const html = fs.readFileSync(page, 'utf8');
for (const external of [/<script/i, /<link/i, /\ssrc=/i, /url\(/i, /<iframe/i, /@import/i])
  if (external.test(html)) fail(`the page is not self-contained: ${external}`);

const dom = browser(['--dump-dom', `file://${page}`]);
const text = (id) => { const m = dom.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`)); return m ? m[1] : null; };
const table = (id) => { const m = dom.match(new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`)); return m ? m[1] : ''; };
const count = (s, re) => (s.match(re) || []).length;

if (text('error-count') !== '3 errors') fail(`error count: ${text('error-count')}`);
if (text('verdict') !== 'invalid') fail(`verdict: ${text('verdict')}`);
const errors = table('errors');
if (count(errors, /<tr><td>/g) !== 3) fail(`errors table: ${count(errors, /<tr><td>/g)} error rows, expected 3`);
if (count(errors, /<tbody class="group"/g) !== 3) fail('errors table: expected 3 field groups (id, level, title)');
const byField = table('errors-by-field');
for (const field of ['id', 'level', 'title'])
  if (!new RegExp(`>${field}</a></td><td class="n">1<`).test(byField)) fail(`errors by field: no row for ${field}`);
const files = table('files');
if (count(files, /<tr><td>/g) !== 2) fail('files table: expected 2 rows');
if (!/roadmap\.csv<\/td><td>roadmap<\/td><td>skipped|roadmap\.csv<\/td><td>roadmap<\/td><td>ok/.test(files)) fail('files table: roadmap.csv row');
// the markup in a cell is text in the browser, not an element
if (!errors.includes('<code>x&lt;b&gt;bold&lt;/b&gt;</code>')) fail('the cell x<b>bold</b> is not shown as text');
if (/<b>bold<\/b>/.test(dom)) fail('markup from the data became markup in the page');
// every link to a line lands on an element of the page
const targets = [...errors.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
if (targets.length !== 3) fail(`expected 3 links to lines, found ${targets.length}`);
for (const t of targets) if (!dom.includes(`id="${t}"`)) fail(`link #${t} has no anchor`);
if (!targets.includes('Lbad.csv:5') || !targets.includes('Lbad.csv:7')) fail(`line anchors: ${targets}`);

// A valid file with normalizations: "0 errors", no error table, the changes listed.
fs.writeFileSync(path.join(dir, 'era.csv'), '項目ID,項目名,期限\nA-1,見直し,令和5年度末\n');
const v = spawnSync(planconv, ['validate', '-q', '-k', 'plan-items', '--report', 'ok.html', 'era.csv'], { cwd: dir });
if (v.status !== 0) fail(`validate era.csv: exit ${v.status}: ${v.stderr}`);
const dom2 = browser(['--dump-dom', `file://${path.join(dir, 'ok.html')}`]);
if (!/id="error-count">0 errors</.test(dom2)) fail('valid report: no "0 errors"');
if (!/id="no-errors"/.test(dom2)) fail('valid report: no "No errors." line');
const norm = (dom2.match(/<table id="normalizations">([\s\S]*?)<\/table>/) || ['', ''])[1];
if (!norm.includes('令和5年度末') || count(norm, /<tr><td>/g) < 1) fail('valid report: normalizations not listed');

// A screenshot of the invalid report.
const shot = keepShot || path.join(dir, 'report.png');
browser([`--screenshot=${shot}`, '--window-size=1100,1300', `file://${page}`]);
const png = fs.existsSync(shot) ? fs.readFileSync(shot) : Buffer.alloc(0);
if (png.length < 10000 || png.toString('latin1', 1, 4) !== 'PNG') fail(`no screenshot at ${shot} (${png.length} bytes)`);

fs.rmSync(dir, { recursive: true, force: true });
console.log(failures ? 'FAILED' : 'ok');
process.exit(failures ? 1 : 0);
