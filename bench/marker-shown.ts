/**
 * What showing one marker costs the page's main thread in real Chromium, and what that depends on: the
 * page's size and whether the pointer rests on it, as a reader's does while the wheel scrolls. Boxes are
 * shown one at a time over an X-shaped page (test/e2e/sites/x.ts) of 20, 100 or 300 posts, each with two
 * frames of its own; a cell is the page's main-thread CPU time (CDP `ThreadTime`) per box beyond two
 * frames where nothing is shown, the median of five rounds of 20. `npm run bench:marker`.
 * Results: docs/benchmarks.md, "One marker shown".
 */
import { chromium, type CDPSession } from 'playwright-core';
import { cpus } from 'node:os';
import { findBrowser } from '../test/e2e/harness/browsers.ts';
import { renderXPost, xHomePage } from '../test/e2e/sites/x.ts';
import { MARKER_CONTENT_STYLE, OVERLAY_STYLE } from '../extension/content/marker-style.ts';
import { MARKER_HTML } from './lib/marker-template.ts';
import { printTable } from './lib/table.ts';

const POSTS = [20, 100, 300];
const SHOWN = 20;
const ROUNDS = 5;
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

type Shown = 'nothing' | 'a bare frame' | 'a marker';
const SHOWS: Shown[] = ['nothing', 'a bare frame', 'a marker'];

/** In the page: a fresh, empty overlay with the shipped styles, drawn before anything is measured. */
async function addOverlay(css: string): Promise<void> {
  document.querySelector('bench-overlay')?.remove();
  const host = document.createElement('bench-overlay');
  host.attachShadow({ mode: 'open' }).innerHTML = `<style>${css}</style><div class="layer"></div>`;
  document.documentElement.append(host);
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
}

/** In the page: `count` times, one box put in the overlay (or nothing), then two frames. */
async function show({ shown, count, html }: { shown: Shown; count: number; html: string }): Promise<void> {
  const layer = document.querySelector('bench-overlay')!.shadowRoot!.querySelector('.layer')!;
  // No named inner functions: tsx would wrap them in a helper that the page does not have.
  for (let i = 0; i < count; i++) {
    if (shown !== 'nothing') {
      const box = document.createElement('div');
      box.className = 'marker';
      box.innerHTML = shown === 'a marker' ? html.replace('{n}', String(i)) : '<div class="frame"></div>';
      box.style.cssText = `margin-left: 60px; margin-top: ${200 + i * 600}px; width: 560px; height: 373px;`;
      layer.append(box);
    }
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
}

async function threadMs(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? 0) * 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const browser = await chromium.launch({ executablePath: findBrowser('chromium') ?? '/usr/bin/chromium', args: ['--headless=new', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
const rows: string[][] = [];
for (const posts of POSTS) {
  for (const pointer of ['away from the page', 'resting on the page']) {
    // A new page each time: the pointer's position is not known to it until the pointer moves.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(xHomePage(''));
    const cells = Array.from({ length: posts }, (_, index) =>
      renderXPost({ index, user: `User ${index}`, handle: `user${index}`, text: `Post number ${index}.`, avatarUrl: PIXEL, photoUrl: PIXEL }),
    ).join('');
    await page.evaluate((html) => (document.getElementById('cells')!.innerHTML = html), cells);
    if (pointer === 'resting on the page') await page.mouse.move(640, 450);
    const session = await page.context().newCDPSession(page);
    await session.send('Performance.enable');
    const perBox = new Map<Shown, number[]>(SHOWS.map((shown) => [shown, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const shown of SHOWS) {
        await page.evaluate(addOverlay, OVERLAY_STYLE + MARKER_CONTENT_STYLE);
        const before = await threadMs(session);
        await page.evaluate(show, { shown, count: SHOWN, html: MARKER_HTML });
        perBox.get(shown)!.push(((await threadMs(session)) - before) / SHOWN);
      }
    }
    const nothing = median(perBox.get('nothing')!);
    const more = (shown: Shown) => `+${(median(perBox.get(shown)!) - nothing).toFixed(2)} ms`;
    rows.push([String(posts), pointer, `${nothing.toFixed(2)} ms`, more('a bare frame'), more('a marker')]);
    await page.close();
  }
}
const version = browser.version();
await browser.close();

console.log(`Chromium ${version}, X-shaped page, ${SHOWN} boxes shown one at a time, median of ${ROUNDS} rounds; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
printTable(['posts in the page', 'pointer', 'two frames, nothing shown', 'a bare frame shown', 'a marker shown'], rows);
