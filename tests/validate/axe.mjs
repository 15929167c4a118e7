#!/usr/bin/env node
// tests/validate/axe.mjs --root DIR --base /prefix/ [--timeout SEC] PAGE...
//
// Serves DIR under the URL prefix --base on 127.0.0.1 (serve.mjs), opens each
// PAGE (a path relative to the base: "" for the home page, "tin-tuc/abc/")
// in Debian's /usr/bin/chromium through playwright-core, at 1280×800 and at
// 320×640. Each (page, width) is one test, which fails on:
//   - the page itself not answering 200;
//   - an axe-core violation of WCAG 2.0/2.1 A and AA rules;
//   - a same-origin request made while loading (CSS, image, font, script)
//     that does not answer 200;
//   - at 320 px: horizontal scrolling (documentElement.scrollWidth > 320), and
//     any same-origin <a href>, <link href>, <img src|srcset>, <script src>
//     on the page that does not resolve to HTTP 200.
// Prints the failures and ends with "axe: N passed, N failed"; exits 1 on any
// failure. A hard timeout (default 120 s) ends the run as failed.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { serve, normBase } from './serve.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 320, height: 640 },
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_NODES = 8; // selectors printed per violation

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function usage(msg) {
  if (msg) console.error(`axe: ${msg}`);
  console.error('usage: node tests/validate/axe.mjs --root DIR --base /prefix/ [--timeout SEC] PAGE...');
  process.exit(2);
}

// ---- arguments ----
const opt = { root: null, base: '/', timeout: 120, pages: [] };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '--root') opt.root = a[++i];
    else if (a[i] === '--base') opt.base = a[++i];
    else if (a[i] === '--timeout') opt.timeout = Number(a[++i]);
    else if (a[i] === '--') { opt.pages.push(...a.slice(i + 1)); break; }
    else if (a[i].startsWith('--')) usage(`unknown option ${a[i]}`);
    else opt.pages.push(a[i]);
  }
  if (!opt.root) usage('--root is required');
  if (!fs.existsSync(opt.root) || !fs.statSync(opt.root).isDirectory()) usage(`no directory ${opt.root}`);
  if (!(opt.timeout > 0)) usage('--timeout must be a number of seconds');
  if (opt.base === undefined) usage('--base needs a value');
  opt.base = normBase(opt.base);
  if (opt.pages.length === 0) opt.pages.push('');
  opt.pages = opt.pages.map((p) => p.replace(/^\/+/, ''));
}

// ---- tools ----
// playwright-core exits by itself on a Node.js older than its "engines"
// (">=18" for the pinned 1.61); say so in our own words. tests/site.sh runs
// tests/validate/preflight.sh first, which checks this and the rest.
{
  let engines = '';
  try {
    engines = require('playwright-core/package.json').engines?.node || '';
  } catch { /* not installed: reported below */ }
  const need = /^\s*>=\s*(\d+)/.exec(engines);
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (need && nodeMajor < Number(need[1])) {
    console.error(`axe: playwright-core needs Node.js ${engines}, this is ${process.version}; see: sh tests/validate/preflight.sh browser`);
    console.log(`axe: 0 passed, ${opt.pages.length * WIDTHS.length} failed`);
    process.exit(1);
  }
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`axe: ${CHROMIUM} not found; install it: sudo apt-get install -y chromium (or: sh tools/deps.sh test)`);
  console.log(`axe: 0 passed, ${opt.pages.length * WIDTHS.length} failed`);
  process.exit(1);
}
let chromium, axePath;
try {
  ({ chromium } = await import('playwright-core'));
  axePath = require.resolve('axe-core/axe.min.js');
} catch (e) {
  console.error(`axe: ${e.message.split('\n')[0]}`);
  console.error(`axe: npm packages missing in ${path.resolve(here, '..', 'node_modules')}; run: sh tools/deps.sh test`);
  console.log(`axe: 0 passed, ${opt.pages.length * WIDTHS.length} failed`);
  process.exit(1);
}

// ---- run ----
let passed = 0;
let failed = 0;
let srv = null;
let browser = null;
let finished = false;
let aborted = false; // abort() owns the output and the exit from then on

async function cleanup() {
  const b = browser;
  browser = null;
  if (b) await Promise.race([b.close().catch(() => {}), sleep(5000)]);
  const s = srv;
  srv = null;
  if (s) await Promise.race([s.close(), sleep(2000)]);
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms).unref());
}

const total = opt.pages.length * WIDTHS.length;
// Ends the run early (hard timeout, signal): reports what is known, counts
// the rest as failed, closes browser and server, and exits.
async function abort(reason, code) {
  if (finished || aborted) return;
  flush();
  aborted = true;
  console.log(`FAIL axe: ${reason}, ${total - passed - failed} test(s) not run`);
  failed = total - passed;
  console.log(`axe: ${passed} passed, ${failed} failed`);
  // Playwright kills the browser process on exit, whatever cleanup manages.
  setTimeout(() => process.exit(code), 6000).unref();
  await cleanup();
  process.exit(code);
}
const watchdog = setTimeout(() => abort(`hard timeout after ${opt.timeout} s`, 1), opt.timeout * 1000);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => abort(`stopped by ${sig}`, 130));

// Same-origin URL → status (HEAD, following redirects), cached for the run.
const linkCache = new Map();
function checkUrl(u) {
  if (!linkCache.has(u)) {
    linkCache.set(
      u,
      fetch(u, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(10000) })
        .then((r) => r.status)
        .catch((e) => `error: ${e.message}`),
    );
  }
  return linkCache.get(u);
}

async function runTest(context, page, vp) {
  const problems = [];
  const url = new URL(page, srv.url).href;
  const tab = await context.newPage();
  const bad = new Map(); // same-origin URL → what went wrong while loading
  tab.on('response', (r) => {
    const ru = r.url();
    if (ru.startsWith(srv.origin + '/') && r.status() >= 400 && ru !== url) bad.set(ru, `HTTP ${r.status()}`);
  });
  tab.on('requestfailed', (r) => {
    const ru = r.url();
    if (ru.startsWith(srv.origin + '/') && !bad.has(ru)) bad.set(ru, r.failure()?.errorText || 'failed');
  });
  try {
    const resp = await tab.goto(url, { waitUntil: 'load', timeout: 30000 });
    const status = resp ? resp.status() : 0;
    if (status !== 200) problems.push(`page: HTTP ${status} for ${pathOf(url)}`);

    await tab.addScriptTag({ path: axePath });
    const res = await tab.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
      TAGS,
    );
    for (const v of res.violations) {
      problems.push(`axe [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl.replace(/\?.*$/, '')})`);
      for (const n of v.nodes.slice(0, MAX_NODES)) problems.push(`    ${n.target.map(String).join(' ')}`);
      if (v.nodes.length > MAX_NODES) problems.push(`    … ${v.nodes.length - MAX_NODES} more`);
    }

    for (const [u, why] of bad) problems.push(`resource: ${pathOf(u)} → ${why}`);

    if (vp.width === 320) {
      const ov = await tab.evaluate((w) => {
        const sw = document.documentElement.scrollWidth;
        if (sw <= w) return null;
        const name = (el) =>
          el.tagName.toLowerCase() +
          (el.id ? '#' + el.id : '') +
          (typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\s+/).join('.')
            : '');
        const wide = [];
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > w + 0.5 && !wide.some((p) => p.contains(el))) wide.push(el);
          if (wide.length >= 5) break;
        }
        return { sw, els: wide.map((el) => `${name(el)} (right ${Math.round(el.getBoundingClientRect().right)}px)`) };
      }, vp.width);
      if (ov) problems.push(`overflow: scrollWidth ${ov.sw} > ${vp.width} (horizontal scroll): ${ov.els.join(', ') || '?'}`);

      const links = await tab.evaluate((origin) => {
        const out = [];
        const add = (u, what) => {
          try {
            const x = new URL(u, document.baseURI);
            x.hash = '';
            if (x.origin === origin) out.push([x.href, what]);
          } catch { /* not a URL */ }
        };
        for (const el of document.querySelectorAll('a[href], area[href]')) add(el.getAttribute('href'), `<${el.localName} href>`);
        for (const el of document.querySelectorAll('link[href]')) add(el.getAttribute('href'), `<link rel="${el.rel}">`);
        for (const el of document.querySelectorAll('img[src], script[src], source[src]')) add(el.getAttribute('src'), `<${el.localName} src>`);
        for (const el of document.querySelectorAll('img[srcset], source[srcset]'))
          for (const c of el.getAttribute('srcset').split(','))
            if (c.trim()) add(c.trim().split(/\s+/)[0], `<${el.localName} srcset>`);
        return out;
      }, srv.origin);
      const seen = new Set();
      for (const [u, what] of links) {
        if (seen.has(u) || bad.has(u)) continue; // already reported as a resource
        seen.add(u);
        const st = await checkUrl(u);
        if (st !== 200) problems.push(`link: ${what} ${pathOf(u)} → ${st}`);
      }
    }
  } catch (e) {
    problems.push(`error: ${e.message.split('\n')[0]}`);
  } finally {
    await tab.close().catch(() => {});
  }
  return problems;
}

function pathOf(u) {
  return u.startsWith(srv.origin) ? u.slice(srv.origin.length) : u;
}

// Results are printed in (page, width) order as soon as they are known.
const results = []; // index page * WIDTHS.length + width → problems[]
let printed = 0;
function flush() {
  while (printed < total && results[printed] !== undefined && !aborted) {
    const problems = results[printed];
    const page = opt.pages[Math.floor(printed / WIDTHS.length)];
    const vp = WIDTHS[printed % WIDTHS.length];
    if (problems.length) {
      failed++;
      console.log(`FAIL ${page === '' ? '(home)' : page} @${vp.width}px`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      passed++;
    }
    printed++;
  }
}

try {
  srv = await serve({ root: opt.root, base: opt.base });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    timeout: 30000,
    handleSIGINT: false, // abort() closes the browser and reports
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  // One worker per width, side by side (two cores), each with its own context.
  await Promise.all(
    WIDTHS.map(async (vp, wi) => {
      const context = await browser.newContext({ viewport: vp, deviceScaleFactor: 1, serviceWorkers: 'block' });
      context.setDefaultTimeout(30000);
      for (const [pi, page] of opt.pages.entries()) {
        results[pi * WIDTHS.length + wi] = await runTest(context, page, vp);
        flush();
      }
      await context.close();
    }),
  );
  if (aborted) await new Promise(() => {});
} catch (e) {
  if (aborted) await new Promise(() => {});
  flush();
  console.log(`FAIL axe: ${e.message.split('\n')[0]}`);
  failed = total - passed;
} finally {
  finished = true;
  clearTimeout(watchdog);
  await cleanup();
}
console.log(`axe: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
