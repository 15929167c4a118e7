#!/usr/bin/env node
// live.mjs --url URL --source DIR --post FILE --page PATH --draft PATH [--timeout SEC]
//
// What an editor sees of `cchc serve` (already running at URL, serving
// the source folder DIR) in Debian's /usr/bin/chromium through
// playwright-core:
//
//   1. PAGE (a path under URL) loads, with the live-reload script, and
//      its event stream opens;
//   2. FILE (the post PAGE shows, relative to DIR) edited: the page
//      reloads by itself and shows the new text;
//   3. FILE broken (a quote inside a quoted title): an overlay appears
//      (role="alertdialog", in Vietnamese) with FILE:line:col, the source
//      line and a caret under the column; its close button has the focus;
//      the page under it is still the last good one;
//   4. a page opened while the build is broken shows the overlay at once;
//   5. the fix: the overlay goes and the page shows the fixed text;
//   6. a CSS edit (the theme's style.css): the stylesheet is swapped
//      without a reload (a window variable survives) and the new rule
//      applies;
//   7. DRAFT (a path under URL) shows its "Bản nháp" banner.
//
// FILE and style.css are restored at the end.  Prints "live: N passed,
// N failed"; exits 1 on any failure.  A hard timeout (default 60 s)
// fails the run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_TESTS = process.env.CCHC_TESTS || path.resolve(here, '..');
const require = createRequire(path.join(REPO_TESTS, 'package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function usage(msg) {
  console.error(`live: ${msg}`);
  console.error('usage: node live.mjs --url URL --source DIR --post FILE --page PATH --draft PATH [--timeout SEC]');
  process.exit(2);
}

const opt = { url: null, source: null, post: null, page: null, draft: null, timeout: 60 };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '');
    if (!a[i].startsWith('--') || !(k in opt) || i + 1 >= a.length) usage(`bad argument ${a[i]}`);
    opt[k] = a[++i];
  }
  for (const k of ['url', 'source', 'post', 'page', 'draft']) if (!opt[k]) usage(`--${k} is required`);
  opt.timeout = Number(opt.timeout);
  if (!(opt.timeout > 0)) usage('--timeout must be a positive number');
}

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n       ${detail}` : ''}`); }
}

const postFile = path.join(opt.source, opt.post);
const cssFile = fs.readdirSync(path.join(opt.source, 'themes'))
  .map((t) => path.join(opt.source, 'themes', t, 'static', 'style.css'))
  .find((f) => fs.existsSync(f));
const postOrig = fs.readFileSync(postFile, 'utf8');
const cssOrig = cssFile ? fs.readFileSync(cssFile, 'utf8') : null;
let browser = null;

function restore() {
  try { fs.writeFileSync(postFile, postOrig); } catch (e) { /* gone */ }
  if (cssFile) try { fs.writeFileSync(cssFile, cssOrig); } catch (e) { /* gone */ }
}

async function finish() {
  restore();
  if (browser) await browser.close().catch(() => {});
  console.log(`live: ${passed} passed, ${failed} failed`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

const timer = setTimeout(() => {
  check(`finished within ${opt.timeout} s`, false, 'hard timeout');
  finish();
}, opt.timeout * 1000);
timer.unref();

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  check('playwright-core', false, `missing in ${REPO_TESTS}/node_modules; run: sh tools/deps.sh test`);
  await finish();
}

// The body of the post with its text replaced (the front matter kept).
function withBody(text) {
  const end = postOrig.indexOf('\n---', 4);
  return postOrig.slice(0, end + 4) + `\n\n${text}\n`;
}

// Saves FILE and waits for the page to load again (a navigation).
async function editAndReload(page, content, what) {
  const nav = page.waitForNavigation({ timeout: 15000 }).then(() => true, () => false);
  fs.writeFileSync(postFile, content);
  return nav;
}

const pageUrl = new URL(opt.page, opt.url).href;

async function run() {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30000 });
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // 1. load, and wait for the event stream
  const streamOpen = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/__cchc/events'), { timeout: 10000 }).then(() => true, () => false);
  const resp = await page.goto(pageUrl, { waitUntil: 'load' });
  check('the page loads (200)', resp && resp.status() === 200, resp && `status ${resp.status()}`);
  check('the event stream opens', await streamOpen);
  check('the client script ran', await page.evaluate(() => window.__cchcLive === true));

  // 2. an edit reloads the page
  await page.evaluate(() => { window.__keep = 1; });
  const stamp = `Văn bản mới ${Date.now()}`;
  const reloaded = await editAndReload(page, withBody(stamp));
  check('an edit reloads the page', reloaded);
  await page.waitForLoadState('load');
  check('the page shows the new text', await page.locator('.noi-dung').innerText().then((t) => t.includes(stamp), () => false));
  check('it was a real reload (window state gone)', await page.evaluate(() => window.__keep === undefined));

  // 3. a broken edit shows the overlay
  const broken = postOrig.replace(/^title: .*$/m, 'title: "Tiêu đề "hỏng" giữa"');
  fs.writeFileSync(postFile, broken);
  const box = page.locator('#cchc-loi');
  const shown = await box.waitFor({ state: 'visible', timeout: 15000 }).then(() => true, () => false);
  check('a broken edit shows the overlay', shown);
  if (shown) {
    const text = await box.innerText();
    check('the overlay is an alertdialog', await box.getAttribute('role') === 'alertdialog');
    check('the overlay names file:line:col', new RegExp(`${opt.post.replace(/[.]/g, '\\.')}:2:\\d+`).test(text), text.slice(0, 300));
    check('the overlay is in Vietnamese', /Không dựng được trang/.test(text) && /lỗi/.test(text));
    const pre = await box.locator('pre').first().innerText().catch(() => '');
    const lines = pre.split('\n');
    const m = /:2:(\d+)/.exec(text);
    const col = m ? Number(m[1]) : 0;
    const src = lines[0] || '';
    const caret = lines[1] || '';
    const bar = src.indexOf('| ') + 2;
    check('the overlay shows the source line', src.includes('title: "Tiêu đề "hỏng" giữa"'), pre);
    check('a caret under the column', col > 0 && caret.length === bar + col && caret.endsWith('^') &&
      /^ *\| *\^$/.test(caret.replace(/\t/g, ' ')), JSON.stringify(lines));
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.textContent);
    check('the close button has the focus', focused === 'Đóng', focused);
    check('the last good page is under it', await page.locator('.noi-dung').innerText().then((t) => t.includes(stamp), () => false));
  }

  // 4. a page opened now shows the overlay at once
  const page2 = await ctx.newPage();
  await page2.goto(pageUrl, { waitUntil: 'load' });
  check('a page opened during the failure shows the overlay', await page2.locator('#cchc-loi').waitFor({ state: 'visible', timeout: 10000 }).then(() => true, () => false));
  await page2.close();

  // 5. the fix
  const fixed = `Đã sửa xong ${Date.now()}`;
  check('the fix reloads the page', await editAndReload(page, withBody(fixed)));
  await page.waitForLoadState('load');
  check('the overlay is gone', await page.locator('#cchc-loi').count() === 0);
  check('the page shows the fixed text', await page.locator('.noi-dung').innerText().then((t) => t.includes(fixed), () => false));

  // 6. CSS swapped without a reload
  if (cssFile) {
    await page.evaluate(() => { window.__keep = 2; });
    const navs = [];
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) navs.push(f.url()); });
    fs.writeFileSync(cssFile, cssOrig + '\nh1 { color: rgb(1, 2, 3) !important; }\n');
    const swapped = await page.waitForFunction(() => {
      const h = document.querySelector('h1');
      return h && getComputedStyle(h).color === 'rgb(1, 2, 3)';
    }, null, { timeout: 15000 }).then(() => true, () => false);
    check('a CSS edit applies', swapped);
    check('without a reload (window state kept)', await page.evaluate(() => window.__keep === 2) && navs.length === 0, `navigations: ${navs.join(' ')}`);
    check('the stylesheet link carries a cache-busting query', await page.evaluate(() =>
      [...document.querySelectorAll('link[rel~="stylesheet"]')].some((l) => /[?&]cchc=/.test(l.href))));
  } else {
    check('the theme has a style.css', false, `none under ${opt.source}/themes`);
  }

  // 7. a draft's banner
  await page.goto(new URL(opt.draft, opt.url).href, { waitUntil: 'load' });
  check('a draft shows its banner', await page.locator('.xem-truoc').innerText().then((t) => t.includes('Bản nháp'), () => false));
  check('no script error in the page', errors.length === 0, errors.join('; '));
}

try {
  await run();
} catch (e) {
  check('run', false, String(e && e.stack || e));
}
await finish();
