#!/usr/bin/env node
// search.mjs --http DIR --disk DIR [--timeout SEC]
//
// The search page (tim-kiem/, tim-kiem.js) and the procedure filter
// (thu-tuc/, loc-thu-tuc.js) of the site tests/searchpage.sh builds, in
// Debian's /usr/bin/chromium through playwright-core, three times: --http
// DIR (a default build, served over HTTP by serve.mjs; the page fetch()es
// the index files), the same with fetch() taken away (the page loads
// them as <script>s) and --disk DIR (a `--links files` build opened from
// disk, file://, scripts too).  In each:
//
//   - ?q= fills the box; `duoc` finds the post with "được" and marks
//     "được" in its snippet (<mark>); `thu tuc hanh chinh` puts the post
//     with the exact phrase before the newer one with the words apart;
//     `trien kh` finds "triển khai" (the last word a prefix);
//     `19/KH-UBND` finds the plan; `1004698` finds procedure 1.004698;
//     the draft's word finds nothing; markup in a title or body is text;
//     nonsense gives "Không tìm thấy kết
//     quả nào cho “…”" with the hint; result links open their page;
//   - typing in the box shows results and puts ?q= in the URL (the time
//     from the last key to the first result is printed, not tested);
//   - the type filter chosen with the keyboard keeps only that type (and
//     says how many); the year filter keeps only that year; "Xem thêm"
//     shows the next results and moves the focus to the first of them;
//   - the header's search box (a plain form) lands on the search page
//     with the results;
//   - the procedure filter finds procedure 1.004698 with the issue's five
//     queries (and hides the other procedure for the four it lacks);
//   - a query pasted (Ctrl+V) asks for its postings buckets within that
//     input event (fetch() over HTTP, <script>s otherwise), not after a
//     timer or a task: exactly its terms' buckets (the root's nb and
//     FNV-1a, as docs/search.md says), none after; its last word is
//     whole (no dictionary shard), with the same results as ?q=; a
//     pasted last word that is no word of the index ("tuyen truy") is
//     completed after all;
// then the three give the same results (titles, types, dates, snippets,
// marks, status) for every query above;
// and over HTTP only: axe-core (WCAG 2.0/2.1 A, AA) on the search page
// with results and filters shown, at 1280 and 320 px wide; without
// JavaScript, the page says that search needs it.
//
// Each check is one test; prints "search: N passed, N failed" and exits 1
// on any failure.  A hard timeout (default 180 s) fails the run.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO_TESTS = process.env.CCHC_TESTS || path.resolve(here, '..');
const { serve } = await import(pathToFileURL(path.join(REPO_TESTS, 'validate', 'serve.mjs')).href);
const require = createRequire(path.join(REPO_TESTS, 'package.json'));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const opt = { http: null, disk: null, timeout: 180 };
{
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const k = a[i].replace(/^--/, '');
    if (!a[i].startsWith('--') || !(k in opt) || i + 1 >= a.length) {
      console.error(`search: bad argument ${a[i]}`);
      console.error('usage: node search.mjs --http DIR --disk DIR [--timeout SEC]');
      process.exit(2);
    }
    opt[k] = a[++i];
  }
  for (const d of [opt.http, opt.disk]) {
    if (!d || !fs.existsSync(path.join(d, 'tim-kiem', 'index.html'))) {
      console.error(`search: no ${d}/tim-kiem/index.html`);
      console.log('search: 0 passed, 1 failed');
      process.exit(1);
    }
  }
  opt.disk = fs.realpathSync(opt.disk);
  opt.timeout = Number(opt.timeout);
}
let chromium, axePath;
try {
  ({ chromium } = require('playwright-core'));
  axePath = require.resolve('axe-core/axe.min.js');
} catch (e) {
  console.error(`search: playwright-core or axe-core missing in ${REPO_TESTS}/node_modules; run: sh tools/deps.sh test`);
  console.log('search: 0 passed, 1 failed');
  process.exit(1);
}

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail ? `\n       ${detail}` : ''}`); }
}

// A term's bucket file name by docs/search.md, from the root's nb: FNV-1a
// (32 bits) of the term's UTF-8 bytes & (nb - 1), lower-case hex as wide
// as nb - 1's.
const NB = (() => {
  const t = fs.readFileSync(path.join(opt.http, 'tim-kiem', 'chi-muc', 'goc.js'), 'utf8');
  return JSON.parse(t.slice(t.indexOf('(') + 1, t.lastIndexOf(')'))).nb;
})();
function bucketName(term) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(term, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return (h & (NB - 1)).toString(16).padStart((NB - 1).toString(16).length, '0');
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30000 });
const srv = await serve({ root: opt.http, base: '/' });
const watchdog = setTimeout(() => {
  console.log(`FAIL search: hard timeout after ${opt.timeout} s`);
  console.log(`search: ${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, opt.timeout * 1000);
watchdog.unref();

// A mode: how to name a page of the site (a folder, "" for home).
// fetch: how the page should load the index (tim-kiem.js: fetch() over
// HTTP, <script> from disk or without fetch()).
const MODES = [
  { name: 'http', fetch: true, page: (p) => new URL(p, srv.url).href },
  { name: 'http-script', fetch: false, noFetch: true, page: (p) => new URL(p, srv.url).href },
  { name: 'file', fetch: false, page: (p) => pathToFileURL(path.join(opt.disk, p, 'index.html')).href },
];
// Every mode's results by query, compared at the end.
const seen = {};

// What the search page shows.
async function shown(tab) {
  return tab.evaluate(() => {
    const vis = (el) => !!el && el.getClientRects().length > 0;
    return {
      url: location.href,
      box: document.getElementById('cchc_tk-o').value,
      status: document.getElementById('cchc_tk-trang-thai').textContent,
      more: vis(document.getElementById('cchc_tk-them')),
      filters: vis(document.getElementById('cchc_tk-loc')),
      items: [...document.querySelectorAll('#cchc-kq > li')].map((li) => ({
        title: li.querySelector('a').textContent,
        href: li.querySelector('a').getAttribute('href'),
        type: (li.querySelector('.tk-kq__loai') || {}).textContent || '',
        date: (li.querySelector('time') || {}).textContent || '',
        snippet: (li.querySelector('.tk-kq__trich') || {}).textContent || '',
        marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
      })),
    };
  });
}

// Waits until the status line says something other than `before`.
async function settled(tab, before = '') {
  await tab.waitForFunction((b) => {
    const s = document.getElementById('cchc_tk-trang-thai').textContent;
    return s !== '' && s !== b && document.getElementById('cchc-kq').getAttribute('aria-busy') === 'false';
  }, before, { timeout: 10000 });
  return shown(tab);
}

async function open(tab, mode, q) {
  await tab.goto(`${mode.page('tim-kiem/')}?q=${encodeURIComponent(q)}`);
  const st = await settled(tab);
  const same = { status: st.status, items: st.items.map(({ href, ...rest }) => rest) };
  (seen[q] = seen[q] || {})[mode.name] = JSON.stringify(same);
  return st;
}

// A query in one input event (a paste): the files it asks for during
// that event, by fetch() and as <script>s, and whether results show.
async function pasted(mode, ctx) {
  const M = `[${mode.name}]`;
  const tab = await ctx.newPage();
  await tab.goto(mode.page('tim-kiem/'));
  await tab.evaluate(() => window.cchcTimKiem.query('').then(() => 1));	/* the root is in */
  await tab.evaluate(() => {
    const box = document.getElementById('cchc_tk-o');
    // After the page's own listener (added when its script ran).
    box.addEventListener('input', () => { window.__during = window.__buckets(); });
    // The buckets asked for so far, by fetch() and as <script>s (those
    // in the page now and, as the page removes a script once it ran,
    // every one added before): names.
    const ds = (u) => (String(u).match(/chi-muc\/ds\/([0-9a-f]+)\.js/) || [])[1];
    const added = new Set();
    new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => {
      if (n.nodeName === 'SCRIPT' && ds(n.getAttribute('src'))) added.add(ds(n.getAttribute('src')));
    }))).observe(document, { childList: true, subtree: true });
    window.__buckets = () => ({
      fetched: [...new Set((window.__asked || []).map(ds).filter((b) => b))].sort(),
      scripts: [...new Set([...added, ...[...document.querySelectorAll('script[src*="chi-muc/ds/"]')]
        .map((e) => ds(e.getAttribute('src')))])].sort(),
    });
  });
  await paste(tab, 'thu tuc hanh chinh');
  const st = await settled(tab);
  const d = await tab.evaluate(() => window.__during || null);
  const after = await tab.evaluate(() => window.__buckets());
  const files = await tab.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => /chi-muc\/(ds|tu|d)\//.test(e.name)).map((e) => ({ name: e.name, kind: e.initiatorType })));
  const kinds = [...new Set(files.map((f) => f.kind))];
  check(`${M} pasted "thu tuc hanh chinh": results`, st.items.length > 0, st.status);
  // Its terms' buckets by docs/search.md (FNV-1a of the term & nb - 1,
  // hex as wide as nb - 1's): the four words and their three bigrams.
  const want = [...new Set(['thu', 'tuc', 'hanh', 'chinh', 'thu tuc', 'tuc hanh', 'hanh chinh']
    .map((t) => bucketName(t)))].sort();
  const got = d && (mode.fetch ? d.fetched : d.scripts);
  const other = d && (mode.fetch ? d.scripts : d.fetched);
  check(`${M} pasted: its buckets asked for within the input event, ${mode.fetch ? 'by fetch()' : 'as <script>s'}`,
    !!d && other.length === 0 && JSON.stringify(got) === JSON.stringify(want),
    JSON.stringify({ during: d, want }));
  check(`${M} pasted: no bucket asked for after the input event`,
    !!d && JSON.stringify(mode.fetch ? after.fetched : after.scripts) === JSON.stringify(got),
    JSON.stringify({ during: d, after }));
  if (mode.name !== 'file') {	// file: URLs have no resource timing
    check(`${M} the index files came by ${mode.fetch ? 'fetch' : 'script'}`, kinds.length === 1 && kinds[0] === (mode.fetch ? 'fetch' : 'script'), JSON.stringify(kinds));
    check(`${M} pasted: its last word is whole (a word of the index): no dictionary shard asked for`,
      !files.some((f) => /chi-muc\/tu\//.test(f.name)), JSON.stringify(files.map((f) => f.name)));
  }
  // The same results as the query from the address (its last word a
  // prefix, which completes to nothing more here).
  const tab2 = await ctx.newPage();
  const viaUrl = await open(tab2, mode, 'thu tuc hanh chinh');
  await tab2.close();
  check(`${M} pasted "thu tuc hanh chinh": the same results as ?q=`,
    JSON.stringify(st.items) === JSON.stringify(viaUrl.items) && st.status === viaUrl.status, `${st.status} / ${viaUrl.status}`);
  // A pasted last word the index does not have is completed after all.
  await tab.locator('#cchc_tk-o').fill('');
  await settled(tab).catch(() => {});
  await paste(tab, 'tuyen truy');
  const cut = await settled(tab, st.status);
  check(`${M} pasted "tuyen truy" (no such word): completed, finds "tuyên truyền"`,
    cut.items.length > 0 && cut.items.some((i) => /tuyên truyền/i.test(i.title + ' ' + i.snippet)), JSON.stringify(titles(cut)));
  await tab.close();
}

// A real paste (Ctrl+V from the clipboard): an input event of type
// insertFromPaste, as a reader's.
async function paste(tab, text) {
  await tab.locator('#cchc_tk-o').click();
  await tab.evaluate((t) => navigator.clipboard.writeText(t), text);
  await tab.keyboard.press('Control+V');
}

const titles = (st) => st.items.map((i) => i.title);
const has = (st, re) => st.items.some((i) => re.test(i.title));

async function searchPage(mode, ctx) {
  const tab = await ctx.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  const M = `[${mode.name}]`;

  let st = await open(tab, mode, 'duoc');
  check(`${M} ?q=duoc fills the box`, st.box === 'duoc', `box: "${st.box}"`);
  const post = st.items.find((i) => /Hội nghị triển khai/.test(i.title));
  check(`${M} "duoc" finds the post with "được"`, !!post, JSON.stringify(titles(st)));
  check(`${M} "duoc" marks "được" in the snippet`, !!post && post.marks.some((m) => m.normalize('NFC') === 'được') && post.snippet.includes('được'), post && JSON.stringify(post));
  check(`${M} a result shows its type and date`, !!post && post.type === 'Tin tức' && post.date === '12/03/2025', post && `${post.type} ${post.date}`);
  check(`${M} "duoc": status says how many`, /^Tìm thấy \d+ kết quả cho “duoc”/.test(st.status), st.status);

  st = await open(tab, mode, 'thu tuc hanh chinh');
  const iPhrase = titles(st).findIndex((t) => /Hội nghị triển khai/.test(t));
  const iApart = titles(st).findIndex((t) => /Tập huấn nghiệp vụ/.test(t));
  // Neither title has the words and the post with them apart is newer:
  // only the phrase can put the other one first.
  check(`${M} "thu tuc hanh chinh": the post with the exact phrase ranks before the newer one with the words apart`,
    iPhrase >= 0 && iApart > iPhrase, JSON.stringify(titles(st)));
  const ph = st.items[iPhrase];
  check(`${M} "thu tuc hanh chinh": the phrase marked`, !!ph && ph.marks.some((m) => m.normalize('NFC').toLowerCase() === 'thủ tục hành chính'), ph && JSON.stringify(ph.marks));

  // The last word is a prefix: "trien kh" finds "triển khai".
  st = await open(tab, mode, 'trien kh');
  const pre = st.items.find((i) => /Hội nghị triển khai/.test(i.title));
  check(`${M} "trien kh": the last word as a prefix finds "triển khai"`, !!pre, JSON.stringify(titles(st)));

  st = await open(tab, mode, '19/KH-UBND');
  const plan = st.items.find((i) => i.type === 'Kế hoạch');
  check(`${M} "19/KH-UBND" finds the plan that cites it`, !!plan && /Kế hoạch tuyên truyền/.test(plan.title), JSON.stringify(titles(st)));
  check(`${M} "19/KH-UBND" is marked whole`, !!plan && plan.marks.includes('19/KH-UBND'), plan && JSON.stringify(plan.marks));

  st = await open(tab, mode, '1004698');
  check(`${M} "1004698" finds procedure 1.004698`, st.items.length >= 1 && st.items[0].type === 'Thủ tục hành chính' && /Đăng ký hoạt động/.test(st.items[0].title), JSON.stringify(titles(st)));
  check(`${M} "1004698" marks "1.004698"`, st.items[0] && st.items[0].marks.includes('1.004698'), st.items[0] && JSON.stringify(st.items[0].marks));

  st = await open(tab, mode, 'kiemthuthe');
  const tags = await tab.evaluate(() => document.querySelectorAll('#cchc-kq i, #cchc-kq b, #cchc-kq img').length);
  check(`${M} markup in a title or text is shown as text`, st.items.length === 1 && st.items[0].title.includes('<i>nghiêng</i>') && st.items[0].snippet.includes('<b>đậm</b>') && tags === 0,
    `${JSON.stringify(st.items)}; elements: ${tags}`);

  st = await open(tab, mode, 'chimcanhcut');
  check(`${M} a draft is not found`, st.items.length === 0, JSON.stringify(titles(st)));

  st = await open(tab, mode, 'qwxzv đămđiêu');
  check(`${M} no results: a clear message with a hint`,
    st.items.length === 0 && st.status === 'Không tìm thấy kết quả nào cho “qwxzv đămđiêu”. Hãy thử ít từ hơn, hoặc gõ không dấu.' && !st.more && !st.filters, st.status);

  // A result's link opens its page (from disk: index.html, not a listing).
  st = await open(tab, mode, '1004698');
  if (st.items[0]) {
    await Promise.all([tab.waitForEvent('load'), tab.locator('#cchc-kq a').first().click()]);
    const landed = await tab.evaluate(() => ({ url: location.href, h1: (document.querySelector('h1') || {}).textContent || '' }));
    check(`${M} the result's link opens the procedure`, /\/thu-tuc\/[^/]+\/(index\.html)?$/.test(landed.url) && /Đăng ký hoạt động/.test(landed.h1), JSON.stringify(landed));
  } else check(`${M} the result's link opens the procedure`, false, 'no result');

  // Typing: results follow, the URL too.
  await tab.goto(mode.page('tim-kiem/'));
  const input = tab.getByLabel('Từ cần tìm', { exact: true });
  check(`${M} the box is labelled "Từ cần tìm"`, (await input.count()) === 1);
  // The time from the last key to the first result, in the page.
  await tab.evaluate(() => {
    const t = (window.__tk = { key: 0, first: 0 });
    document.addEventListener('keydown', () => { t.key = performance.now(); }, true);
    const status = document.getElementById('cchc_tk-trang-thai');
    new MutationObserver(() => {
      if (!t.first && status.textContent.includes('“duoc”')) t.first = performance.now();
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
  await input.pressSequentially('duoc', { delay: 30 });
  await tab.waitForFunction(() => document.querySelectorAll('#cchc-kq > li').length > 0, null, { timeout: 10000 }).catch(() => {});
  const ms = await tab.evaluate(() => Math.round(window.__tk.first - window.__tk.key));
  st = await shown(tab);
  console.log(`     ${M} typed "duoc" (cold): first results ${ms} ms after the last key`);
  check(`${M} typing shows results`, st.items.length > 0 && st.items.some((i) => /Hội nghị triển khai/.test(i.title)), JSON.stringify(titles(st)));
  check(`${M} typing puts ?q= in the URL`, new URL(st.url).searchParams.get('q') === 'duoc', st.url);

  // The type filter, with the keyboard.
  st = await open(tab, mode, 'thu tuc');
  const types = new Set(st.items.map((i) => i.type));
  const radio = tab.getByRole('radio', { name: /^Thủ tục hành chính/ });
  const label = await tab.locator('label.tk-loc__chon', { has: radio }).textContent();
  const want = Number((/\((\d+)\)/.exec(label) || [])[1]);
  await radio.focus();
  await tab.keyboard.press('Space');
  st = await settled(tab, st.status);
  check(`${M} "thu tuc" finds more than one type`, types.size > 1, JSON.stringify([...types]));
  check(`${M} type filter (keyboard): only procedures, as many as its label says (${want})`,
    st.items.length === want && want > 0 && st.items.every((i) => i.type === 'Thủ tục hành chính') && st.status.startsWith(`Tìm thấy ${want} kết quả`), `${st.status} ${JSON.stringify(st.items.map((i) => i.type))}`);
  check(`${M} type filter in the URL (loai=2)`, new URL(st.url).searchParams.get('loai') === '2', st.url);

  // The year filter and "Xem thêm".
  st = await open(tab, mode, 'tuyen truyen');
  check(`${M} "tuyen truyen": 10 results, then "Xem thêm"`, st.items.length === 10 && st.more, `${st.items.length} shown, more: ${st.more}; ${st.status}`);
  const total = Number((/Tìm thấy (\d+) kết quả/.exec(st.status) || [])[1]);
  const more = tab.getByRole('button', { name: 'Xem thêm' });
  await more.focus();
  await tab.keyboard.press('Enter');
  await tab.waitForFunction((n) => document.querySelectorAll('#cchc-kq > li').length > n &&
    document.getElementById('cchc-kq').getAttribute('aria-busy') === 'false', 10, { timeout: 10000 }).catch(() => {});
  st = await shown(tab);
  const focused = await tab.evaluate(() => { const a = document.activeElement; const li = a && a.closest('#cchc-kq > li'); return li ? [...li.parentNode.children].indexOf(li) : -1; });
  check(`${M} "Xem thêm" shows the rest (${total}) and focuses the 11th result`, total > 10 && st.items.length === Math.min(total, 20) && !st.more && focused === 10, `${st.items.length} shown of ${total}; focus on #${focused}`);
  const before = st.status;
  await tab.getByLabel('Năm', { exact: true }).selectOption('2024');
  st = await settled(tab, before);
  check(`${M} year filter 2024: only 2024`, st.items.length > 0 && st.items.every((i) => i.date.endsWith('/2024')) && st.items.length < total, JSON.stringify(st.items.map((i) => i.date)));

  // The header's box, a plain form.
  await tab.goto(mode.page(''));
  await tab.locator('#cchc_o-tim').fill('duoc');
  await Promise.all([tab.waitForEvent('load'), tab.locator('#cchc_o-tim').press('Enter')]);
  const where = tab.url();
  const onPage = await tab.locator('#cchc-kq').count() === 1;
  st = onPage ? await settled(tab).catch(() => null) : null;
  check(`${M} the header's search box lands on the search page with results`,
    !!st && st.box === 'duoc' && st.items.length > 0 && /\/tim-kiem\/(index\.html)?\?q=duoc$/.test(where), where);
  // Over HTTP the page then shows the folder's URL, the one to share.
  check(`${M} the URL shown is ${mode.name === 'file' ? 'tim-kiem/index.html' : 'tim-kiem/'}?q=duoc`,
    !!st && (mode.name === 'file' ? /\/tim-kiem\/index\.html\?q=duoc$/ : /\/tim-kiem\/\?q=duoc$/).test(st.url), st && st.url);

  check(`${M} no script error on the search page`, errors.length === 0, errors.join('; '));
  await tab.close();
}

async function procedureFilter(mode, ctx) {
  const M = `[${mode.name}]`;
  const tab = await ctx.newPage();
  await tab.goto(mode.page('thu-tuc/'));
  const input = tab.getByLabel('Tìm thủ tục', { exact: true });
  const live = tab.locator('#cchc_loc-ket-qua');
  const state = () => tab.evaluate(() => Object.fromEntries([...document.querySelectorAll('li[data-search]')].map((li) =>
    [li.querySelector('.tt-muc__ten').textContent.trim(), li.getClientRects().length > 0])));
  const all = await state();
  const target = Object.keys(all).find((t) => /Đăng ký hoạt động/.test(t));
  const other = Object.keys(all).find((t) => /Cấp phép/.test(t));
  check(`${M} procedure list: both procedures listed`, !!target && !!other, JSON.stringify(all));
  for (const [q, alone] of [['thu tuc', false], ['toàn trình', true], ['phí thẩm định', true], ['1004698', true], ['dang ki', true]]) {
    await input.fill('');
    await tab.waitForFunction(() => document.getElementById('cchc_loc-ket-qua').textContent === '', null, { timeout: 5000 }).catch(() => {});
    await input.fill(q);
    await tab.waitForFunction(() => document.getElementById('cchc_loc-ket-qua').textContent !== '', null, { timeout: 10000 }).catch(() => {});
    const st = await state();
    const said = await live.textContent();
    check(`${M} procedure filter "${q}" finds 1.004698${alone ? ' alone' : ''}`, st[target] === true && (!alone || st[other] === false) && said === `Tìm thấy ${Object.values(st).filter(Boolean).length} thủ tục`,
      `${said}; ${JSON.stringify(st)}`);
  }
  await tab.close();
}

try {
  for (const mode of MODES) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
    ctx.setDefaultTimeout(15000);
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);	// paste()
    // Every fetch() the page makes, by URL; or no fetch() at all.
    await ctx.addInitScript((noFetch) => {
      if (noFetch) {
        delete window.fetch;
        window.fetch = undefined;
        return;
      }
      const f = window.fetch;
      window.__asked = [];
      window.fetch = function (u) { window.__asked.push(String(u)); return f.apply(this, arguments); };
    }, !!mode.noFetch);
    try {
      await searchPage(mode, ctx);
      await procedureFilter(mode, ctx);
      await pasted(mode, ctx);
    } catch (e) {
      check(`[${mode.name}] ran to the end`, false, e.message.split('\n')[0]);
    }
    await ctx.close();
  }
  // The same results whichever way the files came.
  for (const q of Object.keys(seen)) {
    const got = MODES.map((m) => seen[q][m.name]);
    check(`"${q}": the same results over HTTP by fetch(), by <script> and from disk`,
      got.every((g) => g !== undefined && g === got[0]), got.join('\n       '));
  }
  // axe on the search page with results and filters shown.
  for (const [width, height] of [[1280, 800], [320, 640]]) {
    const ctx = await browser.newContext({ viewport: { width, height } });
    const tab = await ctx.newPage();
    await open(tab, MODES[0], 'tuyen truyen');
    await tab.addScriptTag({ path: axePath });
    const res = await tab.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
    const v = res.violations.map((x) => `${x.id}: ${x.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`);
    const scroll = await tab.evaluate(() => document.documentElement.scrollWidth);
    check(`axe ${width}px: search page with results, no violations`, v.length === 0, v.join('\n       '));
    check(`${width}px: no horizontal scrolling (${scroll})`, scroll <= width);
    await ctx.close();
  }
  // Without JavaScript.
  {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const tab = await ctx.newPage();
    await tab.goto(`${MODES[0].page('tim-kiem/')}?q=duoc`);
    const say = tab.locator('.tk-khong-js');
    check('no JavaScript: the page says that search needs it', (await say.isVisible()) && /Tìm kiếm cần JavaScript/.test(await say.textContent()));
    check('no JavaScript: the box is there, as a form', await tab.locator('form#cchc_tk input[name=q]').isVisible());
    await ctx.close();
  }
} catch (e) {
  check('search.mjs ran to the end', false, e.message.split('\n')[0]);
} finally {
  await browser.close().catch(() => {});
  await srv.close();
}
console.log(`search: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
