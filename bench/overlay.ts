/**
 * What the marker overlay's layout costs the page, in real Chromium: for the shipped styles
 * (extension/content/marker.ts) and the alternatives they were chosen over, with 60 markers over a
 * 300-post page, the time to lay out the overlay again after one marker moved and the time of one hit
 * test (each wheel event is one). `npm run bench:overlay`. Results: docs/benchmarks.md, "Marker overlay".
 */
import { chromium } from 'playwright-core';
import { cpus } from 'node:os';
import { findBrowser } from '../test/e2e/harness/browsers.ts';
import { MARKER_CONTENT_STYLE } from '../extension/content/marker-style.ts';
import { MARKER_HTML } from './lib/marker-template.ts';
import { printTable } from './lib/table.ts';

const MARKERS = 60;
const ROUNDS = 2000;

interface Variant {
  layer: string;
  marker: string;
}

const GRID_ITEM = 'grid-area: 1 / 1; display: grid; grid-template: minmax(0, 1fr) / minmax(0, 1fr);';
const variants: Record<string, Variant> = {
  'shipped: grid, one 0 × 0 cell': { layer: 'display: grid; grid-template: 0px / 0px; width: 0; height: 0; contain: size layout style;', marker: GRID_ITEM },
  'grid, auto-sized cell': { layer: 'display: grid; width: 0; height: 0; contain: size layout style;', marker: GRID_ITEM },
  'grid, 0 × 0 cell, boxes with layout containment': {
    layer: 'display: grid; grid-template: 0px / 0px; width: 0; height: 0; contain: size layout style;',
    marker: `${GRID_ITEM} contain: size layout style;`,
  },
  'absolutely positioned boxes': { layer: 'position: relative; width: 0; height: 0; contain: size layout style;', marker: 'position: absolute; display: grid; grid-template: minmax(0, 1fr) / minmax(0, 1fr);' },
};

/** In the page: builds the overlay with `MARKERS` boxes like the extension's, then times relayouts and hit tests. */
function measure({ variant, markers, rounds, markerCss, html }: { variant: Variant; markers: number; rounds: number; markerCss: string; html: string }) {
  document.querySelector('bench-overlay')?.remove();
  const host = document.createElement('bench-overlay');
  host.style.cssText = 'display: block; position: absolute; top: 0; left: 0; width: 0; height: 0; z-index: 2147483646; pointer-events: none;';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>.layer { ${variant.layer} } .marker { ${variant.marker} } ${markerCss}</style><div class="layer"></div>`;
  document.documentElement.append(host);
  const layer = root.querySelector('.layer')!;
  // No named inner functions: tsx would wrap them in a helper that the page does not have.
  const [left, top] = variant.marker.includes('absolute') ? ['left', 'top'] : ['margin-left', 'margin-top'];
  for (let i = 0; i < markers; i++) {
    const box = document.createElement('div');
    box.className = 'marker';
    box.innerHTML = html.replace('{n}', String(i));
    box.style.cssText = `${left}: 10px; ${top}: ${100 + i * 450}px; width: 500px; height: 400px;`;
    layer.append(box);
  }
  const boxes = [...layer.children] as HTMLElement[];
  boxes[0].getBoundingClientRect();
  let started = performance.now();
  for (let k = 0; k < rounds; k++) {
    const box = boxes[k % markers];
    box.style.width = `${500 + (k % 2)}px`;
    box.getBoundingClientRect();
  }
  const relayout = (performance.now() - started) / rounds;
  started = performance.now();
  for (let k = 0; k < rounds; k++) document.elementFromPoint(300 + (k % 7), 300 + (k % 5));
  const hitTest = (performance.now() - started) / rounds;
  host.remove();
  started = performance.now();
  for (let k = 0; k < rounds; k++) document.elementFromPoint(300 + (k % 7), 300 + (k % 5));
  const hitTestWithout = (performance.now() - started) / rounds;
  return { relayout, hitTest, hitTestWithout };
}

const browser = await chromium.launch({ executablePath: findBrowser('chromium') ?? '/usr/bin/chromium', args: ['--headless=new', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.setContent(
  `<body style="margin: 0">${Array.from({ length: 300 }, (_, i) => `<article style="padding: 10px; border-bottom: 1px solid #ccc"><p>Post ${i}</p><div style="width: 500px; height: 400px; background: hsl(${i}, 50%, 50%)"></div></article>`).join('')}</body>`,
);
// Three rounds over all variants, interleaved; each variant's lowest time is kept (the machine's other
// load and the first round's warm-up only add).
const runs = new Map<string, ReturnType<typeof measure>[]>();
for (let round = 0; round < 3; round++) {
  for (const [name, variant] of Object.entries(variants)) {
    runs.set(name, [...(runs.get(name) ?? []), await page.evaluate(measure, { variant, markers: MARKERS, rounds: ROUNDS, markerCss: MARKER_CONTENT_STYLE, html: MARKER_HTML })]);
  }
}
const rows = [...runs].map(([name, results]) => {
  const best = (key: keyof ReturnType<typeof measure>) => `${(Math.min(...results.map((result) => result[key])) * 1000).toFixed(1)} µs`;
  return [name, best('relayout'), best('hitTest'), best('hitTestWithout')];
});
const version = browser.version();
await browser.close();

console.log(`Chromium ${version}, ${MARKERS} markers over a 300-post page, ${ROUNDS} rounds each; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
printTable(['overlay', 'relayout after one marker moved', 'hit test', 'hit test without the overlay'], rows);
