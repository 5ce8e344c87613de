/**
 * The options page's works grid with a large registry, in real Chromium with the production build:
 * fills the registry through its own API inside the page (bench/lib/page-registry.ts), then times
 * the grid (first screen, a jump to the middle, a search, a filter) and takes screenshots.
 *
 *   npm run bench:grid -- [--works 100000] [--no-build] [--screenshots test-results/grid] [--profile DIR]
 *
 * With --profile, the browser profile is kept there and a registry already filled is reused.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './lib/corpus.ts';
import { pageRegistryScript } from './lib/page-registry.ts';
import { launchBenchChromium } from './lib/chromium.ts';

const { values: args } = parseArgs({
  options: {
    works: { type: 'string', default: '100000' },
    'no-build': { type: 'boolean', default: false },
    screenshots: { type: 'string', default: resolve(REPO_ROOT, 'test-results/grid') },
    chromium: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    profile: { type: 'string' },
  },
});
const total = Number(args.works);
mkdirSync(args.screenshots, { recursive: true });

if (!args['no-build']) execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
const extension = resolve(REPO_ROOT, 'dist/chrome');
const profile = args.profile ?? mkdtempSync(join(tmpdir(), 'reuse-radar-bench-grid-'));
mkdirSync(profile, { recursive: true });
const context = await launchBenchChromium({ executablePath: args.chromium, profile, extension });

/** Milliseconds until the grid shows real works (no placeholders) after `action`; with `recount`, also a new count. */
async function timeGrid(page: Page, action: () => Promise<unknown>, recount = false): Promise<number> {
  const count = recount ? await page.textContent('#works-count') : '';
  const started = performance.now();
  await action();
  if (recount) await page.waitForFunction((before) => document.querySelector('#works-count')?.textContent !== before, count, { timeout: 600_000, polling: 50 });
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('#works > li')];
    return document.querySelector('#works-loading')?.hasAttribute('hidden') && items.length > 0 && items.every((li) => li.hasAttribute('data-work-id'));
  }, undefined, { timeout: 600_000, polling: 50 });
  return performance.now() - started;
}

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const optionsUrl = `chrome-extension://${new URL(worker.url()).host}/options/index.html`;
  let page = context.pages()[0] ?? (await context.newPage());
  await page.goto(optionsUrl);
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(await pageRegistryScript());
  type Helper = { reuseRadarTest: { seed(n: number, start: number): Promise<number>; count(): Promise<number> } };
  const present = await page.evaluate(() => (globalThis as unknown as Helper).reuseRadarTest.count());
  if (present < total) {
    const seeding = performance.now();
    await page.evaluate(([n, start]) => (globalThis as unknown as Helper).reuseRadarTest.seed(n, start), [total - present, present]);
    console.log(`seeded ${total - present} works in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
  }

  // The background's index load, in the service worker itself (the same code as works.ts).
  await worker.evaluate(await pageRegistryScript());
  type Loader = { reuseRadarTest: { loadIndex(): Promise<{ works: number; views: number; ms: number }> } };
  // Run 1 builds the index from the fingerprints and writes the snapshot without waiting for the
  // write; run 2's read waits for that write to commit. A service worker restarted later loads as
  // runs 3 and 4 do.
  for (let run = 1; run <= 4; run++) {
    const load = await worker.evaluate(() => (globalThis as unknown as Loader).reuseRadarTest.loadIndex());
    console.log(`service worker, load the match index of ${load.works} works (${load.views} views), run ${run}: ${load.ms.toFixed(0)} ms`);
  }

  await page.close();
  page = await context.newPage();
  const open = await timeGrid(page, async () => {
    await page.goto(optionsUrl);
    await page.waitForSelector('body[data-ready="true"]');
  });
  console.log(`open the page, first screen of thumbnails: ${open.toFixed(0)} ms`);
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(args.screenshots, 'grid-top.png') });

  const middle = await timeGrid(page, () => page.evaluate(() => {
    const viewport = document.querySelector('#works-viewport')!;
    viewport.scrollTop = viewport.scrollHeight / 2;
  }));
  console.log(`jump to the middle: ${middle.toFixed(0)} ms`);
  const step = await timeGrid(page, () => page.evaluate(() => document.querySelector('#works-viewport')!.scrollBy(0, 700)));
  console.log(`scroll one screen on: ${step.toFixed(0)} ms`);
  const rendered = await page.evaluate(() => document.querySelectorAll('#works > li').length);
  console.log(`elements in the grid: ${rendered}`);
  await page.screenshot({ path: join(args.screenshots, 'grid-middle.png') });

  const search = await timeGrid(page, () => page.fill('input[name="search-works"]', 'harbour'), true);
  console.log(`search "harbour" (${await page.textContent('#works-count')}): ${search.toFixed(0)} ms`);
  await page.screenshot({ path: join(args.screenshots, 'grid-search.png') });
  await timeGrid(page, () => page.fill('input[name="search-works"]', ''), true);
  const filter = await timeGrid(page, () => page.check('input[name="filter-ai"]'), true);
  console.log(`filter AI-generated (${await page.textContent('#works-count')}): ${filter.toFixed(0)} ms`);

  // The page must answer input while all this goes on: time a click on the sort menu.
  const responsive = performance.now();
  await page.selectOption('select[name="sort-works"]', 'title:asc');
  console.log(`sort control answered in ${(performance.now() - responsive).toFixed(0)} ms`);
  await page.uncheck('input[name="filter-ai"]');
  await page.click('#works li[data-work-id] [data-action="open"]');
  await page.waitForSelector('#work-detail[open]');
  await page.screenshot({ path: join(args.screenshots, 'grid-detail.png') });
  console.log(`screenshots in ${args.screenshots}`);
} finally {
  await context.close();
  if (!args.profile) rmSync(profile, { recursive: true, force: true });
}
