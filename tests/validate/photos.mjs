#!/usr/bin/env node
// photos.mjs upright --root DIR [--base /prefix/] --page PAGE --img NAME [--timeout SEC]
// photos.mjs bytes  --root DIR [--base /prefix/] --page PAGE [--originals BYTES]
//                   [--before BYTES] [--after BYTES] [--timeout SEC]
//
// What readers' browsers get of the photos, in Debian's /usr/bin/chromium
// through playwright-core, on a built site served as serve.mjs serves it.
//
// upright: on PAGE, every <img> whose src is a variant of NAME (a photo
//   made by tests/mkimg, stored sideways with an EXIF orientation) is
//   scrolled into view and loaded, at 1280×800 and at 390×844 (DPR 2);
//   its rendered box must be portrait, and a screenshot of the element,
//   decoded in the page through a canvas, must be darker in its top tenth
//   than in its bottom tenth (mkimg's scene: dark sky above bright ground)
//   by at least 40 levels of 255.  One test per (image, viewport).
//
// bytes: opens PAGE as a phone does (390×844, deviceScaleFactor 2, touch,
//   no cache) and adds up the bytes of every response as Chromium counts
//   them off the wire (CDP Network.loadingFinished encodedDataLength:
//   headers and body), once the page has loaded and the network is quiet,
//   before any scrolling; then scrolls to the end a screen at a time,
//   waiting for lazy images, checks every image of the page loaded, and
//   adds up again.  Prints both sums with the images' share and what each
//   <img> chose, and --originals (the sum of the source files) beside
//   them.  Fails when the first sum is over --before (default 400000) or
//   the second over --after (default 1500000), when an image did not load,
//   or when an <img> took a variant narrower than its width in device
//   pixels (blurred; unless none is wider) or wider than needed (a
//   narrower candidate was wide enough: its sizes is too large).
//
// Prints "photos: N passed, N failed"; exits 1 on any failure.  A hard
// timeout (default 120 s) fails the run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_TESTS = process.env.CCHC_TESTS || path.resolve(here, '..');
const { serve, normBase } = await import(pathToFileURL(path.join(REPO_TESTS, 'validate', 'serve.mjs')).href);
const require = createRequire(path.join(REPO_TESTS, 'package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

function usage(msg) {
  console.error(`photos: ${msg}`);
  console.error('usage: node photos.mjs upright|bytes --root DIR [--base /prefix/] --page PAGE [--img NAME] [--originals N] [--before N] [--after N] [--timeout SEC]');
  process.exit(2);
}

// ---- arguments ----
const mode = process.argv[2];
if (mode !== 'upright' && mode !== 'bytes') usage('first argument: upright or bytes');
const opt = { root: null, base: '/', page: null, img: null, originals: null, before: 400000, after: 1500000, timeout: 120 };
{
  const a = process.argv.slice(3);
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '');
    if (!a[i].startsWith('--') || !(k in opt) || i + 1 >= a.length) usage(`bad argument ${a[i]}`);
    opt[k] = a[++i];
  }
  if (!opt.root || !fs.existsSync(opt.root)) usage(`no directory ${opt.root}`);
  if (opt.page === null) usage('--page is required');
  if (mode === 'upright' && !opt.img) usage('upright needs --img NAME');
  opt.base = normBase(opt.base);
  for (const k of ['before', 'after', 'timeout']) {
    opt[k] = Number(opt[k]);
    if (!(opt[k] > 0)) usage(`--${k} must be a positive number`);
  }
  opt.page = opt.page.replace(/^\/+/, '');
}

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n       ${detail}` : ''}`); }
}
function finish() {
  console.log(`photos: ${passed} passed, ${failed} failed`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`photos: playwright-core missing in ${REPO_TESTS}/node_modules; run: sh tools/deps.sh test`);
  failed++;
  finish();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

let srv = null;
let browser = null;
const watchdog = setTimeout(async () => {
  console.log(`FAIL photos: hard timeout after ${opt.timeout} s`);
  failed++;
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  finish();
}, opt.timeout * 1000);

// ---- upright ----
// The brightness of the top and bottom tenth of a PNG screenshot, decoded
// by the page's own image decoder.
async function topBottom(tab, png) {
  return tab.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const band = Math.max(1, Math.floor(c.height / 10));
    const mean = (y0) => {
      const d = g.getImageData(0, y0, c.width, band).data;
      let s = 0;
      for (let i = 0; i < d.length; i += 4) s += 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      return s / (d.length / 4);
    };
    return { w: c.width, h: c.height, top: mean(0), bottom: mean(c.height - band) };
  }, png.toString('base64'));
}

async function upright(ctxOpts, label) {
  const context = await browser.newContext({ ...ctxOpts, serviceWorkers: 'block' });
  context.setDefaultTimeout(30000);
  const tab = await context.newPage();
  const url = new URL(opt.page, srv.url).href;
  const resp = await tab.goto(url, { waitUntil: 'load' });
  check(`${label}: ${opt.page} answers 200`, resp && resp.status() === 200, `HTTP ${resp && resp.status()}`);
  const imgs = tab.locator('img');
  const n = await imgs.count();
  let found = 0;
  for (let i = 0; i < n; i++) {
    const el = imgs.nth(i);
    const src = (await el.getAttribute('src')) || '';
    if (!path.posix.basename(src).startsWith(`${opt.img}-`)) continue;
    found++;
    await el.scrollIntoViewIfNeeded();
    await el.evaluate((e) => (e.complete && e.naturalWidth ? null : new Promise((r) => { e.onload = e.onerror = r; })));
    const info = await el.evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { w: r.width, h: r.height, nw: e.naturalWidth, nh: e.naturalHeight, cur: e.currentSrc };
    });
    const name = `${label}: ${path.posix.basename(info.cur)} (${Math.round(info.w)}×${Math.round(info.h)} CSS px)`;
    check(`${name} loaded`, info.nw > 0, 'naturalWidth 0');
    check(`${name} is shown portrait`, info.h > info.w && info.nh > info.nw,
      `box ${info.w}×${info.h}, image ${info.nw}×${info.nh}`);
    const shot = await topBottom(tab, await el.screenshot());
    check(`${name} is upright: top ${shot.top.toFixed(0)}, bottom ${shot.bottom.toFixed(0)} of 255`,
      shot.bottom - shot.top >= 40, `screenshot ${shot.w}×${shot.h}: the top tenth is not darker than the bottom tenth`);
  }
  check(`${label}: ${opt.page} shows a variant of ${opt.img}`, found > 0, `no <img> whose src starts with ${opt.img}-`);
  await context.close();
}

// ---- bytes ----
// Counts what Chromium receives: encodedDataLength per finished request.
function meter(cdp) {
  const m = { bytes: new Map(), urls: new Map(), types: new Map(), pending: new Set(), last: Date.now() };
  cdp.on('Network.requestWillBeSent', (e) => { m.pending.add(e.requestId); m.urls.set(e.requestId, e.request.url); m.last = Date.now(); });
  cdp.on('Network.responseReceived', (e) => { m.types.set(e.requestId, e.type); });
  cdp.on('Network.loadingFinished', (e) => { m.bytes.set(e.requestId, e.encodedDataLength); m.pending.delete(e.requestId); m.last = Date.now(); });
  cdp.on('Network.loadingFailed', (e) => { m.pending.delete(e.requestId); m.last = Date.now(); });
  m.sum = () => {
    let all = 0, img = 0, n = 0, nimg = 0;
    for (const [id, b] of m.bytes) {
      all += b; n++;
      if (m.types.get(id) === 'Image') { img += b; nimg++; }
    }
    return { all, img, n, nimg };
  };
  // Resolves once nothing is in flight and nothing started for `ms`.
  m.quiet = async (ms) => {
    for (;;) {
      if (m.pending.size === 0 && Date.now() - m.last >= ms) return;
      await sleep(50);
    }
  };
  return m;
}

async function bytes() {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  context.setDefaultTimeout(30000);
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const m = meter(cdp);
  const url = new URL(opt.page, srv.url).href;
  const resp = await tab.goto(url, { waitUntil: 'load' });
  check(`${opt.page} answers 200`, resp && resp.status() === 200, `HTTP ${resp && resp.status()}`);
  await m.quiet(1000);
  const before = m.sum();
  const nimgs = await tab.evaluate(() => document.images.length);

  // A screen at a time, as a reader's thumb does, until the end.
  for (let step = 0; step < 200; step++) {
    const end = await tab.evaluate(() => {
      window.scrollBy(0, Math.round(window.innerHeight * 0.8));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    await sleep(150);
    await m.quiet(300);
    if (end) break;
  }
  await tab.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 15000 }).catch(() => {});
  await m.quiet(1000);
  const after = m.sum();
  const chosen = await tab.evaluate(() => [...document.images].map((i) => ({
    src: i.currentSrc, ok: i.complete && i.naturalWidth > 0, w: i.getBoundingClientRect().width,
    set: (i.getAttribute('srcset') || '').split(',').map((c) => c.trim().split(/\s+/)).filter((c) => c[0])
      .map(([u, d]) => ({ url: new URL(u, document.baseURI).href, w: parseInt(d, 10) })),
  })));

  console.log(`# ${opt.page} at 390×844, device pixel ratio 2, ${nimgs} <img>:`);
  for (const c of chosen) console.log(`#   ${c.ok ? '' : 'NOT LOADED '}${path.posix.basename(c.src)} shown ${Math.round(c.w)} CSS px wide`);
  console.log(`# before scrolling: ${before.all} bytes (${kb(before.all)}) in ${before.n} responses, images ${before.img} bytes in ${before.nimg}`);
  console.log(`# scrolled to the end: ${after.all} bytes (${kb(after.all)}) in ${after.n} responses, images ${after.img} bytes in ${after.nimg}`);
  if (opt.originals) {
    const o = Number(opt.originals);
    console.log(`# the originals of its photos: ${o} bytes (${kb(o)}); scrolled to the end is ${(100 * after.all / o).toFixed(1)}% of that`);
  }
  const notLoaded = chosen.filter((c) => !c.ok);
  check(`every image loaded once scrolled (${chosen.length - notLoaded.length} of ${chosen.length})`,
    chosen.length > 0 && notLoaded.length === 0, notLoaded.map((c) => c.src).join(', '));
  check(`every <img> made a request (${after.nimg} image responses for ${nimgs} <img>)`, after.nimg >= nimgs,
    'fewer image responses than images: the sums miss bytes');
  // The variant each <img> took (srcset and sizes): sharp on this screen
  // (at least its width in device pixels, unless none is that wide) and
  // no wider than needed (no narrower candidate would have been sharp).
  const dpr = PHONE.deviceScaleFactor;
  const wrong = [];
  for (const c of chosen) {
    const got = c.set.find((x) => x.url === c.src);
    if (!got) { wrong.push(`${c.src}: not one of its srcset`); continue; }
    const need = Math.ceil(c.w * dpr - 0.5);
    const widest = Math.max(...c.set.map((x) => x.w));
    if (got.w < need && got.w < widest) wrong.push(`${path.posix.basename(c.src)}: ${got.w}w for ${need} device px (blurred)`);
    const smaller = c.set.filter((x) => x.w >= need && x.w < got.w);
    if (smaller.length) wrong.push(`${path.posix.basename(c.src)}: ${got.w}w for ${need} device px, ${smaller[0].w}w would do (sizes too large?)`);
  }
  check('each <img> took the narrowest variant as wide as it is shown', chosen.length > 0 && wrong.length === 0, wrong.join('; '));
  check(`before scrolling: ${before.all} bytes ≤ ${opt.before}`, before.all <= opt.before);
  check(`scrolled to the end: ${after.all} bytes ≤ ${opt.after}`, after.all <= opt.after);
  check('lazy loading holds images back until scrolled', after.nimg > before.nimg,
    `${before.nimg} image responses before scrolling, ${after.nimg} after`);
  await context.close();
}

try {
  srv = await serve({ root: opt.root, base: opt.base });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 30000 });
  if (mode === 'upright') {
    await upright(DESKTOP, '1280px');
    await upright(PHONE, '390px@2x');
  } else {
    await bytes();
  }
} catch (e) {
  check('run', false, e.message.split('\n')[0]);
} finally {
  clearTimeout(watchdog);
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  if (srv) await Promise.race([srv.close(), sleep(2000)]);
}
finish();
