#!/usr/bin/env node
// tests/validate/redirects.mjs --root DIR --base /prefix/ [--site URL=DIR]... OLD=NEW...
//
// The old addresses of a merged department's former sections, as a reader
// meets them: serves DIR under --base on 127.0.0.1 (serve.mjs, a plain
// static server: only the redirect pages cchc wrote can move the reader),
// opens each OLD (a path relative to the base) in Debian's /usr/bin/chromium
// through playwright-core and checks that the browser lands on NEW (relative
// to the base), which answers 200 and is not itself a redirect page
// (no robots noindex). NEW may be a whole URL instead (a page served from
// a former department's own domain leads to the portal's host): --site
// URL=DIR then answers the browser's requests below URL from the files in
// DIR, as that host would (a folder by its index.html, 404 for a missing
// file). One test per pair; prints the failures and ends with
// "redirects: N passed, N failed"; exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import { serve, normBase, contentType } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const opt = { root: null, base: '/', pairs: [], sites: [] };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--root') opt.root = a[++i];
    else if (a[i] === '--base') opt.base = a[++i];
    else if (a[i] === '--site') {
      const v = a[++i] || '';
      const k = v.indexOf('=');
      opt.sites.push([v.slice(0, k), v.slice(k + 1)]);
    }
    else if (a[i].includes('=')) {
      const k = a[i].indexOf('=');
      opt.pairs.push([a[i].slice(0, k), a[i].slice(k + 1)]);
    } else {
      console.error(`redirects: not OLD=NEW: ${a[i]}`);
      process.exit(2);
    }
  }
  if (!opt.root || !fs.existsSync(opt.root) || opt.pairs.length === 0) {
    console.error('usage: node tests/validate/redirects.mjs --root DIR --base /prefix/ OLD=NEW...');
    process.exit(2);
  }
  opt.base = normBase(opt.base);
}

let passed = 0;
let failed = 0;
const fail = (msg) => { failed++; console.log(`FAIL redirects: ${msg}`); };

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.error(`redirects: playwright-core missing (${e.message.split('\n')[0]}); run: sh tools/deps.sh test`);
  console.log(`redirects: 0 passed, ${opt.pairs.length} failed`);
  process.exit(1);
}
const watchdog = setTimeout(() => {
  console.log(`FAIL redirects: hard timeout`);
  console.log(`redirects: ${passed} passed, ${opt.pairs.length - passed} failed`);
  process.exit(1);
}, 120000);

const srv = await serve({ root: opt.root, base: opt.base });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  const page = await browser.newPage();
  for (const [prefix, dir] of opt.sites) {
    await page.route((u) => u.href.startsWith(prefix), async (route) => {
      let rel = decodeURIComponent(new URL(route.request().url()).pathname.slice(new URL(prefix).pathname.length));
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const file = path.join(dir, rel);
      if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        await route.fulfill({ status: 404, body: 'not found' });
        return;
      }
      await route.fulfill({ status: 200, contentType: contentType(file), body: fs.readFileSync(file) });
    });
  }
  for (const [from, to] of opt.pairs) {
    const start = new URL(opt.base + from, srv.url).href;
    const want = /^https?:/.test(to) ? to : new URL(opt.base + to, srv.url).href;
    try {
      await page.goto(start, { waitUntil: 'load' });
      await page.waitForURL(want, { timeout: 10000 });
      await page.waitForLoadState('load');
      const status = await page.evaluate(async () => (await fetch(location.href)).status);
      const noindex = await page.locator('meta[name="robots"][content*="noindex"]').count();
      if (status !== 200) fail(`${from} -> ${to}: the new page answers ${status}`);
      else if (noindex > 0) fail(`${from} -> ${to}: landed on another redirect page`);
      else passed++;
    } catch (e) {
      fail(`${from}: expected to land on ${to}, at ${page.url()} (${e.message.split('\n')[0]})`);
    }
  }
} finally {
  clearTimeout(watchdog);
  await browser.close().catch(() => {});
  await srv.close();
}
console.log(`redirects: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
