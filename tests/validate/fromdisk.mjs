#!/usr/bin/env node
// fromdisk.mjs --root DIR [--listing] [--timeout SEC]
//
// The built section opened from disk (file://, no server), as an editor
// opens public/index.html or a USB stick, in Debian's /usr/bin/chromium
// through playwright-core.  Clicks what a reader clicks:
//
//   home (DIR/index.html) -> "Tin tức" in the menu -> the first post of
//   the list -> the post's first topic -> the site's name (home)
//
// and checks that each click lands on a page of the section: a file
// named index.html under DIR, with the page's main content
// (#cchc_noi-dung) and its stylesheet loaded, not Chromium's listing of
// a folder ("Index of …").  One test per page reached.  Build the site
// with `cchc build --links files`.
//
// --listing: the control for a site built with folder links (the
//   default, --links dirs): the click on "Tin tức" must land on a folder
//   listing, so that this check is known to see one.  One test.
//
// Prints "fromdisk: N passed, N failed"; exits 1 on any failure.  A hard
// timeout (default 120 s) fails the run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_TESTS = process.env.CCHC_TESTS || path.resolve(here, '..');
const require = createRequire(path.join(REPO_TESTS, 'package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function usage(msg) {
  console.error(`fromdisk: ${msg}`);
  console.error('usage: node fromdisk.mjs --root DIR [--listing] [--timeout SEC]');
  process.exit(2);
}

const opt = { root: null, listing: false, timeout: 120 };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--root') opt.root = a[++i];
    else if (a[i] === '--listing') opt.listing = true;
    else if (a[i] === '--timeout') opt.timeout = Number(a[++i]);
    else usage(`unknown argument ${a[i]}`);
  }
  if (!opt.root) usage('--root is required');
  if (!fs.existsSync(path.join(opt.root, 'index.html'))) usage(`no ${opt.root}/index.html`);
  if (!(opt.timeout > 0)) usage('--timeout must be a number of seconds');
  opt.root = fs.realpathSync(opt.root);
}

// The steps: what to click (a CSS selector, and the link's text when
// several match) and where it must land, as a path under the root (a
// RegExp on the path after it).
const STEPS = [
  { name: 'menu "Tin tức"', sel: 'nav a', text: 'Tin tức', want: /^tin-tuc\/index\.html$/ },
  { name: 'first post of the list', sel: '.muc__tieu-de a', want: /^tin-tuc\/[^/]+\/index\.html$/ },
  { name: "the post's first topic", sel: 'a.the__muc', want: /^chu-de\/[^/]+\/index\.html$/ },
  { name: "the site's name (home)", sel: 'a.thuong-hieu', want: /^index\.html$/ },
];
const total = opt.listing ? 1 : STEPS.length + 1;
let passed = 0;
let failed = 0;
let browser = null;

function fail(what, why) {
  failed++;
  console.log(`FAIL fromdisk: ${what}: ${why}`);
}

const watchdog = setTimeout(async () => {
  console.log(`FAIL fromdisk: hard timeout after ${opt.timeout} s, ${total - passed - failed} test(s) not run`);
  console.log(`fromdisk: ${passed} passed, ${total - passed} failed`);
  process.exit(1);
}, opt.timeout * 1000);

// What the tab shows: a page of the section, a folder listing, or else.
async function whatIsShown(tab) {
  return tab.evaluate(() => {
    const css = document.querySelector('link[rel="stylesheet"]');
    return {
      url: location.href,
      title: document.title,
      // Chromium's listing of a file:// folder: "Index of /…", a table
      // of the folder's files, and the link to the parent folder.
      listing: /^Index of /.test(document.title) || document.getElementById('parentDirLinkBox') !== null,
      main: document.getElementById('cchc_noi-dung') !== null,
      css: css !== null && css.sheet !== null,
    };
  });
}

// A test: the tab is on ROOT/<path matching want>, a page of the section.
async function landed(tab, what, want) {
  const s = await whatIsShown(tab);
  const rootUrl = pathToFileURL(opt.root).href + '/';
  if (!s.url.startsWith(rootUrl)) return fail(what, `left the section: ${s.url}`);
  const rel = decodeURIComponent(s.url.slice(rootUrl.length).replace(/[?#].*$/, ''));
  if (s.listing) return fail(what, `a folder listing (“${s.title}”) at ${rel || './'}`);
  if (!want.test(rel)) return fail(what, `landed on ${rel || './'}, not ${want}`);
  if (!s.main) return fail(what, `${rel} has no #cchc_noi-dung`);
  if (!s.css) return fail(what, `${rel}: the stylesheet did not load`);
  passed++;
  console.log(`ok ${what}: ${rel} (“${s.title}”)`);
  return true;
}

async function click(tab, step) {
  let link = tab.locator(step.sel);
  if (step.text) link = link.filter({ hasText: step.text });
  link = link.first();
  if ((await link.count()) === 0) throw new Error(`nothing matches ${step.sel}${step.text ? ` “${step.text}”` : ''}`);
  await Promise.all([tab.waitForEvent('load', { timeout: 15000 }), link.click()]);
}

try {
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30000 });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(15000);
  const tab = await context.newPage();
  await tab.goto(pathToFileURL(path.join(opt.root, 'index.html')).href, { waitUntil: 'load' });
  if (opt.listing) {
    await click(tab, STEPS[0]);
    const s = await whatIsShown(tab);
    if (s.listing) {
      passed++;
      console.log(`ok folder links from disk show a listing: ${s.url} (“${s.title}”)`);
    } else fail('the control (folder links)', `${s.url} is no folder listing (“${s.title}”): fromdisk.mjs would not see one`);
  } else if (await landed(tab, 'open index.html', /^index\.html$/)) {
    for (const step of STEPS) {
      try {
        await click(tab, step);
      } catch (e) {
        fail(step.name, e.message.split('\n')[0]);
        break;
      }
      if (!(await landed(tab, step.name, step.want))) break;
    }
  }
} catch (e) {
  console.log(`FAIL fromdisk: ${e.message.split('\n')[0]}`);
} finally {
  clearTimeout(watchdog);
  if (browser) await browser.close().catch(() => {});
}
failed = total - passed;
console.log(`fromdisk: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
