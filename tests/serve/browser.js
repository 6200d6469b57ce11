// planconv serve's page in a real browser: headless Chromium driven over
// WebDriver (chromedriver from Debian, selenium-webdriver from npm). With
// Japanese as the browser's language it uploads a CP932 CSV exported the
// way officers export it, with two errors, and must see the page in
// Japanese and the errors highlighted in the report with their Japanese
// messages (the same the command line gives under ja_JP); then it checks
// a valid file and downloads its JSON, which must be the command line's
// byte for byte. Screenshots are kept in SHOTS_DIR.
// Usage: node browser.js PLANCONV SAMPLES_DIR SHOTS_DIR
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
// the WebDriver client is installed with the other npm oracles
const oracle = require('module').createRequire(path.join(__dirname, '../oracle/package.json'));
const { Builder, By, until } = oracle('selenium-webdriver');
const chrome = oracle('selenium-webdriver/chrome');

const [planconv, samples, shots] = process.argv.slice(2);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planconv-browser-'));
const downloads = path.join(dir, 'downloads');
fs.mkdirSync(downloads);
fs.mkdirSync(shots, { recursive: true });
let failures = 0;
let passed = 0;
const check = (cond, msg) => { if (cond) passed++; else { console.log(`FAIL: ${msg}`); failures++; } };

// The invalid file: the real plan-items sample, its line 4 repeated (a
// duplicate id) and the title on line 7 emptied, saved as CP932 like Excel.
const lines = fs.readFileSync(path.join(samples, 'plan-items.csv'), 'utf8').split('\n');
lines.splice(4, 0, lines[3]);
const cells = lines[6].split(',');
cells[6] = '';
lines[6] = cells.join(',');
fs.writeFileSync(path.join(dir, 'bad.utf8.csv'), lines.join('\n'));
const iconv = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'CP932', path.join(dir, 'bad.utf8.csv')]);
const bad = path.join(dir, '重点計画.csv');
fs.writeFileSync(bad, iconv.stdout);
const good = path.join(dir, 'roadmap.csv');
fs.copyFileSync(path.join(samples, 'roadmap.csv'), good);

// What the command line says of them, in Japanese.
const ja = { ...process.env, LC_ALL: 'ja_JP.UTF-8', LANGUAGE: '' };
const cli = spawnSync(planconv, ['validate', '--format', 'json', bad], { env: ja });
const want = JSON.parse(cli.stdout.toString('utf8')).tasks[0];
check(want.errors.length >= 2, `the CLI finds ${want.errors.length} errors in the invalid file`);
const wantJson = spawnSync(planconv, ['convert', '-t', 'json', good]).stdout;

let server;
let driver;
function startServer() {
  return new Promise((resolve, reject) => {
    server = spawn(planconv, ['serve', '--port', '0'], { env: { ...process.env, TMPDIR: dir } });
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error(`planconv serve exited ${code}`)));
  });
}

async function shot(name) {
  fs.writeFileSync(path.join(shots, name), await driver.takeScreenshot(), 'base64');
}

async function submit(file) {
  await driver.findElement(By.id('file')).sendKeys(file);
  const button = driver.findElement(By.id('check'));
  await driver.wait(until.elementIsEnabled(button), 5000);
  await button.click();
  await driver.wait(until.elementIsVisible(driver.findElement(By.id('result'))), 30000);
}

async function main() {
  const url = await startServer();
  const options = new chrome.Options()
    .setChromeBinaryPath('/usr/bin/chromium')
    .addArguments('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--lang=ja', '--window-size=1200,1400', '--disable-background-networking',
      '--disable-component-update', '--no-first-run')
    .setUserPreferences({ 'intl.accept_languages': 'ja,en', 'download.default_directory': downloads,
      'download.prompt_for_download': false });
  driver = await new Builder().forBrowser('chrome').setChromeOptions(options)
    .setChromeService(new chrome.ServiceBuilder('/usr/bin/chromedriver')).build();
  await driver.get(url);
  const lang = await driver.findElement(By.css('html')).getAttribute('lang');
  check(lang === 'ja', `the page's language is ${lang}, not ja`);
  const h1 = await driver.findElement(By.css('h1')).getText();
  check(h1.includes('計画データの検証と変換'), `the heading is not Japanese: ${h1}`);
  // the drop zone is reached with the keyboard
  await driver.executeScript('document.activeElement.blur()');
  await driver.actions().sendKeys('\uE004').perform(); // Tab
  const focused = await driver.switchTo().activeElement().getAttribute('id');
  check(focused === 'drop', `Tab does not reach the drop zone first (${focused})`);
  await shot('serve-page-ja.png');

  // the invalid CP932 file
  await submit(bad);
  const verdict = await driver.findElement(By.id('verdict'));
  const verdictText = await verdict.getText();
  check(verdictText === `妥当ではありません：エラー ${want.errors.length} 件`, `verdict: ${verdictText}`);
  check((await verdict.getAttribute('class')).includes('invalid'), 'the verdict is not marked invalid');
  check(!(await driver.findElement(By.id('downloads')).isDisplayed()), 'downloads offered for invalid data');
  await shot('serve-invalid-cp932.png');
  await driver.switchTo().frame(driver.findElement(By.id('report')));
  const reportText = await driver.findElement(By.css('body')).getText();
  for (const e of want.errors)
    check(reportText.includes(e.message), `the report lacks the Japanese message: ${e.message}`);
  check(/[\u3040-\u30ff]/.test(want.errors.map((e) => e.message).join('')),
    'the CLI messages under ja_JP are not Japanese (is po/ja.po installed?)');
  const groups = await driver.findElements(By.css('#errors tbody.group'));
  check(groups.length >= 1, 'the report highlights no error group');
  const rows = await driver.findElements(By.css('#errors tbody tr'));
  check(rows.length >= want.errors.length, `the report lists ${rows.length} rows for ${want.errors.length} errors`);
  const bg = groups.length ? await groups[0].findElement(By.css('th')).getCssValue('background-color') : '';
  check(bg && bg !== 'rgba(0, 0, 0, 0)', `the error group is not highlighted (${bg})`);
  await driver.switchTo().defaultContent();

  // a valid file, and its JSON downloaded
  await submit(good);
  const okText = await driver.findElement(By.id('verdict')).getText();
  check(okText === '妥当です', `valid verdict: ${okText}`);
  const json = driver.findElement(By.css('#downloads button[data-to="json"]'));
  await driver.wait(until.elementIsVisible(json), 5000);
  await json.click();
  const target = path.join(downloads, 'roadmap.json');
  await driver.wait(async () => fs.existsSync(target) && fs.statSync(target).size === wantJson.length, 30000)
    .catch(() => {});
  check(fs.existsSync(target), `no download in ${downloads}: ${fs.readdirSync(downloads)}`);
  if (fs.existsSync(target))
    check(Buffer.compare(fs.readFileSync(target), wantJson) === 0, 'the downloaded JSON is not the CLI\'s');
  const status = await driver.findElement(By.id('status')).getText();
  check(status.includes('roadmap.json'), `the page does not say what it downloaded: ${status}`);
  await shot('serve-valid-download.png');
}

main()
  .catch((e) => { console.log(`FAIL: ${e.stack || e}`); failures++; })
  .finally(async () => {
    if (driver) await driver.quit().catch(() => {});
    if (server) server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    const left = fs.readdirSync(dir).filter((f) => f.startsWith('planconv-serve-'));
    check(left.length === 0, `the server left ${left}`);
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`${passed} passed, ${failures} failed`);
    process.exit(failures ? 1 : 0);
  });
