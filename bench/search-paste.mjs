// bench/search-paste.mjs - where a pasted query's time goes, from the
// search page's own Resource Timing:
//
//   node bench/search-paste.mjs BASE QUERY [ROUNDS]
//
// BASE: the URL of a cchc output served over HTTP (for one:
// `python3 -m http.server 8765 --bind 127.0.0.1 --directory OUT`, then
// http://127.0.0.1:8765/).  Each round, in a new browser context (empty
// cache): tim-kiem/index.html loads, QUERY is pasted into its box
// (Ctrl+V: one input event, as bench/search.sh's "one input" row), and
// the script waits for the first result.  Prints one JSON line a round:
// shown (ms from the input event to the first li in #cchc-kq) and res,
// every file asked for after the paste as [name, start ms, end ms].
// ROUNDS defaults to 4.  Needs tests/node_modules (playwright-core) and
// Debian's /usr/bin/chromium (CHROMIUM=...).  A measurement, not a test.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const top = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(top, 'tests', 'package.json'));
const { chromium } = require('playwright-core');
const [base, q, rounds = '4'] = process.argv.slice(2);
if (!base || !q) {
	console.error('usage: node bench/search-paste.mjs BASE QUERY [ROUNDS]');
	process.exit(2);
}
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
		'--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
	for (let round = 0; round < Number(rounds); round++) {
		const ctx = await browser.newContext();
		await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
		const page = await ctx.newPage();
		await page.goto(new URL('tim-kiem/index.html', base).href, { waitUntil: 'load' });
		await page.waitForTimeout(800);	/* the page's own loads done */
		await page.evaluate(() => {
			const box = document.getElementById('cchc_tk-o');
			window.__b = { last: 0, shown: 0 };
			box.addEventListener('input', () => { window.__b.last = performance.now(); }, true);
			new MutationObserver(() => {
				const kq = document.getElementById('cchc-kq');
				if (window.__b.last && !window.__b.shown && kq.querySelector('li'))
					window.__b.shown = performance.now();
			}).observe(document.documentElement, { subtree: true, childList: true });
		});
		await page.click('#cchc_tk-o');
		await page.evaluate((t) => navigator.clipboard.writeText(t), q);
		await page.waitForFunction(() => true);
		await page.keyboard.press('Control+V');
		await page.waitForFunction(() => window.__b.shown > 0, null, { timeout: 10000 });
		await page.waitForTimeout(500);
		console.log(JSON.stringify(await page.evaluate(() => {
			const t0 = window.__b.last;
			return {
				shown: Math.round(window.__b.shown - t0),
				res: performance.getEntriesByType('resource')
				    .filter((e) => e.startTime >= t0 - 1)
				    .map((e) => [e.name.replace(/.*chi-muc\//, ''),
					Math.round(e.startTime - t0), Math.round(e.responseEnd - t0)]),
			};
		})));
		await ctx.close();
	}
} finally {
	await browser.close();
}
