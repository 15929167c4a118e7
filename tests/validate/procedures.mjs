#!/usr/bin/env node
// procedures.mjs --root DIR [--base /prefix/] [--list PAGE] [--procedure PAGE]
//                  [--shots DIR] [--timeout SEC]
//
// Behaviour checks of the default theme that axe cannot make, in Debian's
// /usr/bin/chromium through playwright-core, on a built site served as
// tests/validate/serve.mjs serves it:
//
//   procedure list (--list, default "thu-tuc/"):
//     - without JavaScript: the filter box is hidden, every procedure shown;
//     - with JavaScript: the box is shown with its label "Tìm thủ tục";
//       "cap giay" (no diacritics) and "Cấp Giấy" leave exactly the
//       procedures whose title contains "cấp giấy"; fields left empty are
//       hidden; the live region says "Tìm thấy N thủ tục"; every word
//       must match ("giay khoa hoc"); a code finds its procedure; nonsense
//       shows "Không tìm thấy thủ tục phù hợp." and hides every field;
//       clearing shows everything again;
//   procedure page (--procedure, default: the first procedure linked from
//   the list that has a section saying "Không có", else the first):
//     - without JavaScript "In thủ tục này" is a link to #cchc_huong-dan-in,
//       which is hidden until followed and then shown (:target), and says
//       Ctrl+P;
//     - with JavaScript it is a <button> that calls window.print();
//     - printed (emulateMedia print): menu, footer, trail, skip link,
//       print button and note, table of contents and history hidden; the
//       summary box, the 11 sections with their headings and the
//       "Nộp hồ sơ trực tuyến" line visible, the latter followed by its
//       URL; a full-page screenshot goes to --shots (default: none).
//
// Each check is one test; prints "filter-print: N passed, N failed" and
// exits 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// This file sits beside tests/validate/serve.mjs.
const REPO_TESTS = process.env.CCHC_TESTS || path.resolve(here, '..');
const { serve, normBase } = await import(pathToFileURL(path.join(REPO_TESTS, 'validate', 'serve.mjs')).href);
const require = createRequire(path.join(REPO_TESTS, 'package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// ---- arguments ----
const opt = { root: null, base: '/', list: 'thu-tuc/', procedure: null, shots: null, timeout: 120 };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '');
    if (!a[i].startsWith('--') || !(k in opt) || i + 1 >= a.length) {
      console.error(`filter-print: bad argument ${a[i]}`);
      console.error('usage: node filter-print.mjs --root DIR [--base /prefix/] [--list PAGE] [--procedure PAGE] [--shots DIR] [--timeout SEC]');
      process.exit(2);
    }
    opt[k] = a[++i];
  }
  if (!opt.root || !fs.existsSync(opt.root)) { console.error(`filter-print: no directory ${opt.root}`); process.exit(2); }
  opt.base = normBase(opt.base);
  opt.timeout = Number(opt.timeout);
}
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error(`filter-print: playwright-core missing in ${REPO_TESTS}/node_modules; run: sh tools/deps.sh test`);
  console.log('filter-print: 0 passed, 1 failed');
  process.exit(1);
}

// ---- tests ----
let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n       ${detail}` : ''}`); }
}
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

const srv = await serve({ root: opt.root, base: opt.base });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const watchdog = setTimeout(async () => {
  console.log(`FAIL filter-print: hard timeout after ${opt.timeout} s`);
  console.log(`filter-print: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, opt.timeout * 1000);
watchdog.unref();

const urlOf = (p) => new URL(p.replace(/^\/+/, ''), srv.url).href;

// What the list shows: [{title, visible}], the visible fields, the live text,
// once the filter has answered (#cchc_loc is aria-busy="true" from a key
// until the search index's answer is drawn).
async function listState(tab) {
  await tab.waitForFunction(() => document.getElementById('cchc_loc')?.getAttribute('aria-busy') !== 'true');
  return tab.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    return {
      items: [...document.querySelectorAll('.linh-vuc li[data-search]')].map((li) => ({ title: li.querySelector('.tt-muc__ten').textContent.trim(), code: li.getAttribute('data-search'), visible: shown(li),
        field: [...document.querySelectorAll('.linh-vuc')].indexOf(li.closest('.linh-vuc')) })),
      fields: [...document.querySelectorAll('.linh-vuc')].map((g) => ({ visible: shown(g), items: [...g.querySelectorAll('li[data-search]')].filter(shown).length })),
      live: (document.getElementById('cchc_loc-ket-qua') || {}).textContent || '',
    };
  });
}

try {
  // ---------- procedure list ----------
  {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const tab = await ctx.newPage();
    const resp = await tab.goto(urlOf(opt.list));
    check(`${opt.list} answers 200`, resp && resp.status() === 200, `HTTP ${resp && resp.status()}`);
    const st = await listState(tab);
    const total = Number(await tab.locator('.ds-thu-tuc__tong strong').textContent().catch(() => 'NaN'));
    check('no JavaScript: filter box hidden', !(await tab.locator('#cchc_loc').isVisible()));
    check(`no JavaScript: every procedure shown (${st.items.length} = total ${total})`, st.items.length > 0 && st.items.length === total && st.items.every((i) => i.visible));
    await ctx.close();
  }
  let procedureLinks = [];
  for (const width of [1280, 320]) {
    const ctx = await browser.newContext({ viewport: { width, height: width === 320 ? 640 : 800 } });
    const tab = await ctx.newPage();
    await tab.goto(urlOf(opt.list));
    const box = tab.locator('#cchc_loc');
    const input = tab.getByLabel('Tìm thủ tục', { exact: true });
    check(`${width}px: filter box shown, labelled "Tìm thủ tục", type=search`, (await box.isVisible()) && (await input.count()) === 1 && (await input.getAttribute('type')) === 'search');
    const all = (await listState(tab)).items;
    procedureLinks = await tab.$$eval('.linh-vuc li[data-search] .tt-muc__ten a', (as) => as.map((a) => a.getAttribute('href')));
    const want = all.filter((i) => /cấp giấy/i.test(i.title)).map((i) => i.title).sort();
    for (const q of ['cap giay', 'Cấp Giấy', '  CAP   giấy ']) {
      await input.fill('');
      await input.pressSequentially(q, { delay: 10 });
      const st = await listState(tab);
      const got = st.items.filter((i) => i.visible).map((i) => i.title).sort();
      check(`${width}px: "${q}" leaves only the ${want.length} procedures with "Cấp giấy"`, want.length > 0 && JSON.stringify(got) === JSON.stringify(want), `shown: ${JSON.stringify(got)}`);
      const wantFields = new Set(all.filter((i) => want.includes(i.title)).map((i) => i.field));
      check(`${width}px: "${q}": only the ${wantFields.size} field(s) with a match shown`, st.fields.every((f, k) => f.visible === wantFields.has(k) && f.visible === f.items > 0), JSON.stringify(st.fields));
      check(`${width}px: "${q}": live region says "Tìm thấy ${want.length} thủ tục"`, st.live.trim() === `Tìm thấy ${want.length} thủ tục`, `live: "${st.live}"`);
    }
    // every word must match, in any order
    {
      const words = ['giay', 'khoa', 'hoc'];
      await input.fill('giay khoa hoc');
      const st = await listState(tab);
      const expect = all.filter((i) => { const t = fold(i.code); return t.includes('giay') && t.includes('khoa') && t.includes('hoc'); }).map((i) => i.title).sort();
      const got = st.items.filter((i) => i.visible).map((i) => i.title).sort();
      check(`${width}px: "${words.join(' ')}" needs every word`, JSON.stringify(got) === JSON.stringify(expect) && got.length < all.length, `shown: ${JSON.stringify(got)}`);
    }
    // a code
    {
      const code = (all[0].code.match(/\b\d\.\d{6}\b/) || [])[0];
      if (code) {
        await input.fill(code);
        const st = await listState(tab);
        check(`${width}px: the code ${code} finds its procedure`, st.items.filter((i) => i.visible).length === 1 && st.items.find((i) => i.visible).title === all[0].title);
      }
    }
    // nothing found
    {
      await input.fill('khong co thu tuc nay xyz');
      const st = await listState(tab);
      check(`${width}px: no match: "Không tìm thấy thủ tục phù hợp.", every field hidden`, st.live.trim() === 'Không tìm thấy thủ tục phù hợp.' && st.items.every((i) => !i.visible) && st.fields.every((f) => !f.visible), `live: "${st.live}"`);
    }
    // cleared
    {
      await input.fill('');
      const st = await listState(tab);
      check(`${width}px: cleared: everything shown again, live region empty`, st.items.every((i) => i.visible) && st.fields.every((f) => f.visible) && st.live.trim() === '');
    }
    const sw = await tab.evaluate(() => document.documentElement.scrollWidth);
    check(`${width}px: no horizontal scrolling`, sw <= width, `scrollWidth ${sw}`);
    await ctx.close();
  }
  // An answer that arrives after a newer key, before the filter's
  // 15 ms wait has ended, must not be drawn nor say "done" (aria-busy):
  // a test or a screen reader would take the older answer for this
  // text's.  The index's answers are held by a wrapper, released in the
  // same task as the next key, so the timing is the same on any machine.
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tab = await ctx.newPage();
    await tab.addInitScript(() => {
      let engine;
      window.__held = [];
      window.__hold = false;
      Object.defineProperty(window, 'cchcTimKiem', {
        configurable: true,
        get() { return engine; },
        set(v) {
          const q = v.query;
          v.query = (t) => q.call(v, t).then((r) => (window.__hold ? new Promise((ok) => window.__held.push(() => ok(r))) : r));
          engine = v;
        },
      });
    });
    await tab.goto(urlOf(opt.list));
    const wrapped = await tab.evaluate(() => typeof window.cchcTimKiem?.query === 'function');
    check('stale answer: the page has the search engine to hold', wrapped);
    await tab.evaluate(() => {
      window.__hold = true;
      const i = document.querySelector('#cchc_loc input[type=search]');
      i.value = 'cap gi';
      i.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await tab.waitForFunction(() => window.__held.length > 0, null, { timeout: 20000 }).catch(() => {});
    const mid = await tab.evaluate(async () => {
      const i = document.querySelector('#cchc_loc input[type=search]');
      i.value = 'cap giay';
      i.dispatchEvent(new Event('input', { bubbles: true }));
      window.__hold = false;
      const held = window.__held.splice(0);
      held.forEach((f) => f());
      for (let k = 0; k < 20; k++) await Promise.resolve();
      return { held: held.length, busy: document.getElementById('cchc_loc').getAttribute('aria-busy') };
    });
    check('stale answer: "cap gi" answered after the key "y" leaves the list busy', mid.held > 0 && mid.busy === 'true', JSON.stringify(mid));
    const st = await listState(tab);
    const got = st.items.filter((i) => i.visible).map((i) => i.title);
    check('stale answer: then "cap giay" is drawn (3 procedures)', got.length === 3 && got.every((t) => /cấp giấy/i.test(t)), JSON.stringify(got));
    await ctx.close();
  }

  // ---------- procedure page ----------
  let proc = opt.procedure;
  if (!proc) {
    // a procedure with a missing section if there is one (resolved against the list page)
    const cands = procedureLinks.map((h) => new URL(h, urlOf(opt.list)).pathname.slice(opt.base.length));
    proc = cands[0];
    for (const c of cands) {
      const f = path.join(opt.root, c, 'index.html');
      if (fs.existsSync(f) && /class="muc-tt__khong"/.test(fs.readFileSync(f, 'utf8'))) { proc = c; break; }
    }
  }
  if (!proc) check('a procedure page to check', false, `no procedure linked from ${opt.list}`);
  else {
    console.log(`# procedure page: ${proc}`);
    // without JavaScript: a link to the note
    {
      const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
      const tab = await ctx.newPage();
      const resp = await tab.goto(urlOf(proc));
      check(`${proc} answers 200`, resp && resp.status() === 200);
      const link = tab.locator('#cchc_nut-in');
      const tag = await link.evaluate((e) => e.tagName).catch(() => null);
      check('no JavaScript: "In thủ tục này" is a link to #cchc_huong-dan-in', tag === 'A' && (await link.getAttribute('href')) === '#cchc_huong-dan-in' && (await link.textContent()).trim() === 'In thủ tục này');
      check('no JavaScript: the printing note is hidden at first', !(await tab.locator('#cchc_huong-dan-in').isVisible()));
      await link.click();
      const note = tab.locator('#cchc_huong-dan-in');
      check('no JavaScript: following the link shows the note (Ctrl+P)', (await note.isVisible()) && /Ctrl\+P/.test(await note.textContent()));
      await ctx.close();
    }
    // with JavaScript: a button calling window.print()
    {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript(() => { window.__printed = 0; window.print = () => { window.__printed++; }; });
      const tab = await ctx.newPage();
      await tab.goto(urlOf(proc));
      const btn = tab.getByRole('button', { name: 'In thủ tục này' });
      check('JavaScript: "In thủ tục này" is a button', (await btn.count()) === 1 && (await btn.isVisible()));
      if ((await btn.count()) === 1) await btn.click();
      check('JavaScript: the button calls window.print()', (await tab.evaluate(() => window.__printed)) === 1);
      check('"Nộp hồ sơ trực tuyến" shown on screen', (await tab.locator('.hop-thu-tuc__nop a.nut').count()) === 0 || (await tab.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).isVisible()));
      await ctx.close();
    }
    // printed
    {
      const ctx = await browser.newContext({ viewport: { width: 794, height: 1123 } });
      const tab = await ctx.newPage();
      await tab.goto(urlOf(proc));
      await tab.emulateMedia({ media: 'print' });
      const hidden = ['.bo-qua', '.menu', '.chan-trang', '.duong-dan', '#cchc_nut-in', '#cchc_huong-dan-in', '.muc-luc', '.lich-su'];
      for (const sel of hidden) {
        const loc = tab.locator(sel);
        const n = await loc.count();
        let anyVisible = false;
        for (let i = 0; i < n; i++) if (await loc.nth(i).isVisible()) anyVisible = true;
        check(`print: ${sel} hidden`, !anyVisible);
      }
      check('print: header kept (department name)', await tab.locator('.thuong-hieu').isVisible());
      check('print: summary box visible', await tab.locator('.hop-thu-tuc').isVisible());
      const secs = tab.locator('main section.muc-tt');
      const n = await secs.count();
      let allVis = n === 11;
      for (let i = 0; i < n; i++) {
        const s = secs.nth(i);
        const id = await s.getAttribute('aria-labelledby');
        if (!(await s.isVisible()) || !(await s.locator(`h2[id="${id}"]`).isVisible())) allVis = false;
      }
      check(`print: the 11 sections and their headings visible (${n})`, allVis);
      const missing = await tab.locator('main section.muc-tt .muc-tt__khong').allTextContents();
      check(`print: missing sections say "Không có" (${missing.length})`, missing.every((t) => t.trim() === 'Không có'));
      const nop = tab.locator('.hop-thu-tuc__nop a.nut');
      if (await nop.count()) {
        const href = await nop.getAttribute('href');
        const after = await nop.evaluate((e) => getComputedStyle(e, '::after').content);
        check('print: "Nộp hồ sơ trực tuyến" printed with its URL', (await nop.isVisible()) && after.includes(href), `::after ${after}`);
      }
      if (opt.shots) {
        fs.mkdirSync(opt.shots, { recursive: true });
        const f = path.join(opt.shots, `${proc.replace(/\/$/, '').replace(/[\/.]/g, '_')}-print.png`);
        await tab.screenshot({ path: f, fullPage: true });
        console.log(`# screenshot: ${f}`);
      }
      await ctx.close();
    }
  }
} catch (e) {
  check('run', false, e.stack || String(e));
} finally {
  await browser.close().catch(() => {});
  await srv.close();
}
console.log(`filter-print: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
