/**
 * The background may be stopped at any moment (Chromium stops an idle MV3 service worker after 30 s,
 * and kills one on memory pressure or a browser update; Firefox unloads an idle event page). Stopping
 * it again and again while a feed is being checked must lose nothing: every repost flagged, the badge
 * right, each detection recorded once.
 *
 * The background is stopped mid-request from the browser's own debugging page: Chromium's
 * chrome://serviceworker-internals "Stop" (the call behind CDP ServiceWorker.stopWorker, no CDP session
 * needed) and Firefox's about:debugging "Terminate background script" (scriptable over WebDriver BiDi
 * with --remote-allow-system-access, which the harness passes).
 */
import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_KINDS, findBrowser, launchBrowser, type E2EBrowser, type ExtensionApi } from './harness/browsers.ts';
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

/**
 * Stops the extension's background from the browser's own debugging page, as a user could:
 * chrome://serviceworker-internals "Stop" (the call behind CDP ServiceWorker.stopWorker) or
 * about:debugging "Terminate background script" (Firefox's MV3 event page).
 */
interface BackgroundControl {
  running(): Promise<boolean>;
  /** False when the button was not there. */
  stop(): Promise<boolean>;
}

async function backgroundControl(browser: E2EBrowser): Promise<BackgroundControl> {
  const page = await browser.newPage();
  const chromium = browser.kind === 'chromium';
  // Chromium lists the worker by its scope, about:debugging the add-on by its internal UUID.
  const key = chromium ? browser.extensionUrl('') : new URL(browser.extensionUrl('')).host;
  const [url, stopButton, statusPattern] = chromium
    ? ['chrome://serviceworker-internals/', 'cr-button[data-command="stop"]', 'Running Status:\\s*RUNNING']
    : ['about:debugging#/runtime/this-firefox', '.qa-temporary-extension-terminate-bgscript-button', 'Background script\\s*Running'];
  // about:debugging's navigation never settles over BiDi, and its document is replaced while it
  // loads: poll for the buttons instead.
  void page.goto(url).catch(() => undefined);
  const deadline = Date.now() + 30_000;
  while (!(await page.evaluate((selector) => document.querySelector(selector) !== null, stopButton).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`No ${stopButton} on ${url}`);
    await sleep(250);
  }
  // Each evaluate finds the stop button whose nearest ancestor naming our extension is its block.
  const args = { key, stopButton, statusPattern };
  return {
    running: () =>
      page.evaluate(({ key, stopButton, statusPattern }) => {
        for (const button of document.querySelectorAll<HTMLElement>(stopButton)) {
          let node: HTMLElement | null = button;
          while (node && !node.innerText.includes(key)) node = node.parentElement;
          if (node) return new RegExp(statusPattern).test(node.innerText);
        }
        return false;
      }, args),
    stop: () =>
      page.evaluate(({ key, stopButton }) => {
        for (const button of document.querySelectorAll<HTMLElement>(stopButton)) {
          let node: HTMLElement | null = button;
          while (node && !node.innerText.includes(key)) node = node.parentElement;
          if (!node) continue;
          button.click();
          return true;
        }
        return false;
      }, args),
  };
}

for (const kind of BROWSER_KINDS) {
  describe(`${kind}: background stopped mid-scan`, () => {
    let server: FixtureServer;
    let browser: E2EBrowser;

    beforeAll(async () => {
      const executablePath = findBrowser(kind);
      if (!executablePath) throw new Error(`No ${kind} found: install it (Debian: chromium, firefox-esr) or set CHROME_PATH / FIREFOX_PATH.`);
      await mkdir(RESULTS_DIR, { recursive: true });
      server = await startFixtureServer([feedSite]);
      browser = await launchBrowser({ kind, executablePath, proxyPort: server.proxyPort, headless: true });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('flags every repost, counts them on the badge and records each detection once', async () => {
      const { ids, options } = await registerWorks(browser);
      await options.close();
      const background = await backgroundControl(browser);

      const feed = await browser.newPage();
      await feed.goto(FEED_URL);
      const checked = () => feed.evaluate(() => document.querySelectorAll('[data-reuse-radar-checked]').length);

      // Scroll like a reader and stop the background every second while photos are still being checked.
      let stopsMidScan = 0;
      let flaggedAtFirstStop = -1;
      for (let step = 0; step < 12 && (await checked()) < PHOTOS.length; step++) {
        await sleep(1_000);
        if ((await background.running()) && (await checked()) < PHOTOS.length) {
          if (flaggedAtFirstStop < 0) flaggedAtFirstStop = await feed.evaluate(() => document.querySelectorAll('[data-reuse-radar-match]').length);
          if (await background.stop()) stopsMidScan++;
        }
        await feed.evaluate(() => window.scrollBy(0, 700));
      }
      expect(stopsMidScan).toBeGreaterThanOrEqual(3);
      // Reposts were still to be found when the background first went away: those found later needed a
      // background that started again and loaded the index from IndexedDB.
      expect(flaggedAtFirstStop).toBeLessThan(9);

      // The reader scrolls to the end of the feed; whatever was left is checked by a fresh background.
      await feed.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await until(feed, () => document.querySelectorAll('[data-reuse-radar-match]').length >= 9, 'nine reposts flagged', 90_000).catch(
        async (error) => {
          await feed.screenshot(screenshotPath(kind, 'resilience-feed'));
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

      // The background is running again (a new one), and what it keeps outside its memory is right.
      const extensionPage = await browser.newPage();
      await extensionPage.goto(browser.extensionUrl('popup/index.html'));
      const tabId = await tabIdOf(extensionPage, FEED_URL);
      const state = await extensionPage.evaluate(async (id) => {
        type Api = ExtensionApi & { storage: { session: { get(key: string): Promise<Record<string, string[]>> } } };
        const scope = globalThis as unknown as { browser?: Api; chrome: Api };
        const api = scope.browser ?? scope.chrome;
        const badge = await api.action.getBadgeText({ tabId: id });
        const tabList = (await api.storage.session.get(`tab-matches:${id}`))[`tab-matches:${id}`] ?? [];
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
}
