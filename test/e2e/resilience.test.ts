/**
 * The background may be stopped at any moment (Chromium stops an idle MV3 service worker after 30 s,
 * and kills one on memory pressure or a browser update). Stopping it again and again while a feed is
 * being checked must lose nothing: every repost flagged, the badge right, each detection recorded once.
 *
 * Chromium only. The worker is stopped with the "Stop" button of chrome://serviceworker-internals
 * (the same call as CDP ServiceWorker.stopWorker, with no CDP session needed), which kills it
 * mid-request like the browser does. Firefox runs MV3 backgrounds as event pages; automation has no
 * reliable way to unload one (about:debugging's "Terminate background script" is a privileged page
 * that WebDriver BiDi cannot script, and the idle timeout only unloads an idle page), so Firefox is
 * not covered here.
 */
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, launchBrowser, type E2EBrowser, type E2EPage, type ExtensionApi } from './harness/browsers.ts';
import { registerWorks, until } from './harness/extension.ts';
import type { Recipe, WorkName } from './harness/images.ts';
import { startFixtureServer, type FixtureServer } from './harness/server.ts';
import { RESULTS_DIR, screenshotPath, tabIdOf } from './harness/session.ts';
import { html, jpeg, type FixtureSite } from './sites/site.ts';

const FEED_URL = 'https://x.com/home';
/** Every image response waits this long, so checks are still in flight when the worker is stopped. */
const IMAGE_DELAY_MS = 300;

interface Photo {
  id: string;
  recipe: Recipe;
  /** The registered work this photo reposts. */
  repostOf?: WorkName;
}

const WORK_FILES: Record<WorkName, string> = { cat: 'tabby-cat.jpg', astronaut: 'astronaut.jpg', drake: 'drake-blademaster.jpg' };

/** Nine reposts (each work at three sizes and qualities: nine image URLs), among twelve other photos. */
const PHOTOS: Photo[] = (() => {
  const reposts = (['cat', 'astronaut', 'drake'] as const).flatMap((work) =>
    [0.6, 0.75, 0.9].map((scale, i): Photo => ({
      id: `Rp${work.slice(0, 3)}${i}AAqZx1`,
      recipe: { kind: 'repost', file: WORK_FILES[work], scale, quality: 60 + 10 * i },
      repostOf: work,
    })),
  );
  const others = ['coffee.jpg', 'rocket.jpg', 'auriga.jpg'].flatMap((file) =>
    [0.6, 0.75, 0.9, 1].map((scale, i): Photo => ({ id: `Ot${file.slice(0, 3)}${i}AAqZx1`, recipe: { kind: 'repost', file, scale, quality: 80 } })),
  );
  // Reposts spread through the feed, so some are checked only after the worker was stopped.
  const feed: Photo[] = [];
  while (reposts.length || others.length) {
    if (others.length) feed.push(others.shift()!);
    if (reposts.length) feed.push(reposts.shift()!);
  }
  return feed;
})();

const photoUrl = (photo: Photo) => `https://pbs.twimg.com/media/${photo.id}?format=jpg&name=small`;
const photoSelector = (photo: Photo) => `[data-testid="tweetPhoto"] img[src*="${photo.id}"]`;

/** An X-shaped timeline (the markup of sites/x.ts) with every post in the document. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home / X</title><style>
  body { margin: 0; background: #000; color: #e7e9ea; font: 15px system-ui, sans-serif; }
  main { width: 600px; margin: 0 auto; } article { padding: 12px 16px; border-bottom: 1px solid #2f3336; }
  .photo { position: relative; aspect-ratio: 3 / 2; border-radius: 16px; overflow: hidden; }
  .bg { position: absolute; inset: 0; background-size: cover; background-position: center; }
  .css-9pa8cd { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; z-index: -1; }
</style></head><body><main>${PHOTOS.map(
  (photo, i) =>
    `<div data-testid="cellInnerDiv"><article data-testid="tweet"><div data-testid="tweetText">Post ${i}</div>` +
    `<div aria-label="Image" data-testid="tweetPhoto" class="photo"><div class="bg" style="background-image: url(&quot;${photoUrl(photo)}&quot;);"></div>` +
    `<img alt="Image" src="${photoUrl(photo).replace('&', '&amp;')}" class="css-9pa8cd"></div></article></div>`,
).join('')}</main></body></html>`;

const feedSite: FixtureSite = {
  name: 'X feed with nine reposts',
  hosts: ['x.com', 'pbs.twimg.com'],
  async handle(url, images) {
    if (url.hostname === 'x.com') return url.pathname === '/home' ? html(PAGE) : undefined;
    const photo = PHOTOS.find((p) => url.pathname === `/media/${p.id}`);
    if (!photo) return undefined;
    await sleep(IMAGE_DELAY_MS);
    return jpeg(await images.get(photo.recipe));
  },
};

/** The extension's registration block on chrome://serviceworker-internals, as text. */
function workerStatus(internals: E2EPage, scope: string): Promise<string> {
  return internals.evaluate((want) => {
    for (const block of document.querySelectorAll('cr-button[data-command="unregister"]')) {
      let node: Element | null = block;
      while (node && !(node.textContent ?? '').includes('Scope:')) node = node.parentElement;
      if (node?.textContent?.includes(want)) return /Running Status:\s*(\w+)/.exec((node as HTMLElement).innerText)?.[1] ?? '';
    }
    return '';
  }, scope);
}

/** Clicks "Stop" for the extension's worker; false when it was not running. */
function stopWorker(internals: E2EPage, scope: string): Promise<boolean> {
  return internals.evaluate((want) => {
    for (const button of document.querySelectorAll<HTMLElement>('cr-button[data-command="stop"]')) {
      let node: Element | null = button;
      while (node && !(node.textContent ?? '').includes('Scope:')) node = node.parentElement;
      if (!node?.textContent?.includes(want)) continue;
      button.click();
      return true;
    }
    return false;
  }, scope);
}

describe('chromium: service worker stopped mid-scan', () => {
  let server: FixtureServer;
  let browser: E2EBrowser;

  beforeAll(async () => {
    const executablePath = findBrowser('chromium');
    if (!executablePath) throw new Error('No Chromium or Chrome found: install one (Debian: apt-get install chromium) or set CHROME_PATH.');
    await mkdir(RESULTS_DIR, { recursive: true });
    server = await startFixtureServer([feedSite]);
    browser = await launchBrowser({ kind: 'chromium', executablePath, proxyPort: server.proxyPort, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('flags every repost, counts them on the badge and records each detection once', async () => {
    const { ids, options } = await registerWorks(browser);
    await options.close();
    const scope = browser.extensionUrl('');
    const internals = await browser.newPage();
    await internals.goto('chrome://serviceworker-internals/');

    const feed = await browser.newPage();
    await feed.goto(FEED_URL);
    const checked = () => feed.evaluate(() => document.querySelectorAll('[data-reuse-radar-checked]').length);

    // Scroll like a reader and stop the worker every second while photos are still being checked.
    let stopsMidScan = 0;
    let flaggedAtFirstStop = -1;
    for (let step = 0; step < 12 && (await checked()) < PHOTOS.length; step++) {
      await sleep(1_000);
      if ((await workerStatus(internals, scope)) === 'RUNNING' && (await checked()) < PHOTOS.length) {
        if (flaggedAtFirstStop < 0) flaggedAtFirstStop = await feed.evaluate(() => document.querySelectorAll('[data-reuse-radar-match]').length);
        if (await stopWorker(internals, scope)) stopsMidScan++;
      }
      await feed.evaluate(() => window.scrollBy(0, 700));
    }
    expect(stopsMidScan).toBeGreaterThanOrEqual(3);
    // Reposts were still to be found when the worker first went away: those found later needed a
    // worker that started again and loaded the index from IndexedDB.
    expect(flaggedAtFirstStop).toBeLessThan(9);

    // The reader keeps scrolling through the feed once; whatever was left is checked by a fresh worker.
    await feed.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await until(feed, () => document.querySelectorAll('[data-reuse-radar-match]').length >= 9, 'nine reposts flagged', 90_000).catch(
      async (error) => {
        await feed.screenshot(screenshotPath('chromium', 'resilience-feed'));
        const verdicts = await feed.evaluate(() =>
          [...document.querySelectorAll('[data-testid="tweetPhoto"] img')].map(
            (img) => `${/media\/(\w+)/.exec(img.getAttribute('src')!)![1]}: ${img.getAttribute('data-reuse-radar-checked') ?? 'no verdict'}`,
          ),
        );
        throw new Error(`${(error as Error).message}; verdicts: ${verdicts.join(', ')}`);
      },
    );
    const expected = Object.fromEntries(PHOTOS.filter((p) => p.repostOf).map((p) => [p.id, ids[p.repostOf!]]));
    const flagged = await feed.evaluate(
      (selectors) => Object.fromEntries(selectors.map(([id, selector]) => [id, document.querySelector(selector)?.getAttribute('data-reuse-radar-match') ?? null])),
      PHOTOS.map((p) => [p.id, photoSelector(p)] as const),
    );
    expect(flagged).toEqual(Object.fromEntries(PHOTOS.map((p) => [p.id, expected[p.id] ?? null])));

    // The worker is running again (a new one), and what it keeps outside its memory is right.
    const extensionPage = await browser.newPage();
    await extensionPage.goto(browser.extensionUrl('popup/index.html'));
    const tabId = await tabIdOf(extensionPage, FEED_URL);
    const state = await extensionPage.evaluate(async (id) => {
      const scope = globalThis as unknown as { chrome: ExtensionApi & { storage: { session: { get(key: string): Promise<Record<string, string[]>> } } } };
      const badge = await scope.chrome.action.getBadgeText({ tabId: id });
      const tabList = (await scope.chrome.storage.session.get(`tab-matches:${id}`))[`tab-matches:${id}`] ?? [];
      const detections = await new Promise<{ id: string; workId: string; imageUrl: string; pageUrl: string }[]>((resolve, reject) => {
        const open = indexedDB.open('reuse-radar');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('detections').objectStore('detections').getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        };
      });
      return { badge, tabList, detections };
    }, tabId);
    expect(state.badge).toBe('9');
    expect(state.tabList).toHaveLength(9);
    expect(new Set(state.tabList).size).toBe(9);
    const onFeed = state.detections.filter((d) => d.pageUrl === FEED_URL);
    expect(onFeed.map((d) => d.imageUrl).sort()).toEqual(PHOTOS.filter((p) => p.repostOf).map(photoUrl).sort());
    expect(onFeed.map((d) => d.id).sort()).toEqual([...state.tabList].sort());
    for (const detection of onFeed) expect(detection.workId).toBe(expected[/\/media\/(\w+)/.exec(detection.imageUrl)![1]]);
  });
});
