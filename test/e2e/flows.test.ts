import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BROWSER_KINDS, type E2EBrowser, type E2EPage, type ExtensionApi } from './harness/browsers.ts';
import { registerWorks as registerThroughOptions, until } from './harness/extension.ts';
import { clickDraftNotice, waitForMarker } from './harness/markers.ts';
import type { WorkName } from './harness/images.ts';
import { screenshotPath, tabIdOf, useBrowser } from './harness/session.ts';
import { BLOG } from './sites/blog.ts';
import { X } from './sites/x.ts';

/** How long the extension may take to flag an image once it is on screen. */
const FLAG_TIMEOUT = 60_000;

const CLAIMANT = {
  name: 'Mira Okafor',
  address: '12 Harbour Lane, Portsmouth PO1 2AB, United Kingdom',
  email: 'mira@okafor-art.example',
  phone: '+44 20 7946 0958',
  signature: 'Mira Okafor',
};

const flagged = (selector: string, workId: string) => `${selector}[data-reuse-radar-match="${workId}"]`;

for (const kind of BROWSER_KINDS) {
  describe(`${kind}: walking skeleton`, () => {
    const session = useBrowser(kind);
    const browser = (): E2EBrowser => session().browser;
    /** Work ids as the options page lists them, by fixture name. */
    let works: Record<WorkName, string> | undefined;
    /** What #register-status said once the works were listed. */
    let registerStatus = '';
    let feed: E2EPage | undefined;

    async function registerWorks(): Promise<Record<WorkName, string>> {
      if (works) return works;
      const registered = await registerThroughOptions(browser());
      registerStatus = await until(
        registered.options,
        () => document.querySelector('#register-status')?.textContent?.trim(),
        '#register-status text',
        10_000,
      );
      await registered.options.screenshot(screenshotPath(kind, 'options-works'));
      await registered.options.close();
      works = registered.ids;
      return works;
    }

    /** The fake X timeline, open in one tab for the whole describe(): the popup is asked about it by tab. */
    async function openFeed(): Promise<E2EPage> {
      if (feed) return feed;
      feed = await browser().newPage();
      await feed.goto(X.feedUrl);
      await feed.waitFor('article[data-testid="tweet"]');
      return feed;
    }

    /** The feed with the cat's repost flagged, scrolled to the middle of the viewport, its marker drawn. */
    async function showFlaggedCat(what: string): Promise<E2EPage> {
      const ids = await registerWorks();
      const page = await openFeed();
      await page.waitFor(flagged(X.catRepost, ids.cat), { state: 'attached', timeout: FLAG_TIMEOUT });
      // The marker must sit over the flagged image, where the reader sees it.
      await page.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: 'center' }), X.catRepost);
      await waitForMarker(page, X.catRepost, what);
      return page;
    }

    /** The popup acting on the tab showing `url`, as it opens from that tab's toolbar button. */
    async function openPopupFor(url: string): Promise<E2EPage> {
      const popup = await browser().newPage();
      await popup.goto(browser().extensionUrl('popup/index.html'));
      const tabId = await tabIdOf(popup, url);
      await popup.goto(browser().extensionUrl(`popup/index.html?tabId=${tabId}`));
      await popup.waitFor('button[data-action="check-page"]');
      return popup;
    }

    it('registers works from the options page', async () => {
      const ids = await registerWorks();
      expect(new Set(Object.values(ids)).size).toBe(3);
      expect(registerStatus).toMatch(/3/);
      const options = await browser().newPage();
      await options.goto(browser().extensionUrl('options/index.html'));
      await options.waitFor(`#works [data-work-id="${ids.cat}"]`);
      expect(await options.text(`#works [data-work-id="${ids.cat}"]`)).toMatch(/tabby-cat/);
      await options.waitFor(`#works [data-work-id="${ids.cat}"] button[data-action="delete"]`);
      await options.close();
    });

    it('flags a repost in the X feed, also one loaded by scrolling, and nothing else', async () => {
      const ids = await registerWorks();
      const page = await showFlaggedCat('the repost flagged');
      await page.screenshot(screenshotPath(kind, 'x-feed-flagged'));

      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitFor(X.astronautRepost, { state: 'attached', timeout: 10_000 });
      await page.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: 'center' }), X.astronautRepost);
      await page.waitFor(flagged(X.astronautRepost, ids.astronaut), { state: 'attached', timeout: FLAG_TIMEOUT });

      // By now every image on the page has been looked at; give a slow scan a moment more anyway.
      await page.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: 'center' }), X.auriga);
      await sleep(3_000);
      const wronglyFlagged = await page.evaluate(
        (selectors) =>
          selectors.flatMap((selector) =>
            [...document.querySelectorAll(selector)].filter((el) => el.hasAttribute('data-reuse-radar-match')).map(() => selector),
          ),
        [X.coffee, X.rocket, X.auriga, X.avatarSelector],
      );
      expect(wronglyFlagged).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('[data-reuse-radar-match]').length)).toBe(2);

      // The toolbar badge counts this tab's matches.
      const extensionPage = await browser().newPage();
      await extensionPage.goto(browser().extensionUrl('popup/index.html'));
      const tabId = await tabIdOf(extensionPage, X.feedUrl);
      const badge = await extensionPage.evaluate(async (id) => {
        const scope = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
        return (scope.browser ?? scope.chrome).action.getBadgeText({ tabId: id });
      }, tabId);
      expect(badge).toBe('2');
      await extensionPage.close();
    });

    it('keeps the marker on its image when the page reflows, the image resizes and a container scrolls', async () => {
      const page = await showFlaggedCat('scrolling to it');

      // A post loaded above it pushes the image down without resizing it.
      await page.evaluate(() => {
        const spacer = document.createElement('div');
        spacer.id = 'e2e-spacer';
        spacer.style.height = '240px';
        document.getElementById('cells')!.before(spacer);
      });
      await waitForMarker(page, X.catRepost, 'a reflow above it');

      // A narrower column: the image itself shrinks.
      await page.evaluate((selector) => (document.querySelector(selector)!.closest('.media') as HTMLElement).style.setProperty('width', '70%'), X.catRepost);
      await waitForMarker(page, X.catRepost, 'the image resized');

      // The timeline scrolls inside its own container, as some layouts do; the window does not move.
      await page.evaluate((selector) => {
        const column = document.querySelector('[data-testid="primaryColumn"]') as HTMLElement;
        column.style.setProperty('height', '520px');
        column.style.setProperty('overflow-y', 'auto');
        document.querySelector(selector)!.scrollIntoView({ block: 'center' });
      }, X.catRepost);
      await waitForMarker(page, X.catRepost, 'the timeline became a scroller');
      await page.evaluate(() => document.querySelector('[data-testid="primaryColumn"]')!.scrollBy(0, 80));
      await waitForMarker(page, X.catRepost, 'the timeline scrolled inside its container');
      await page.screenshot(screenshotPath(kind, 'x-feed-marker-followed'));

      // As it was, for the tests that use this feed after.
      await page.evaluate((selector) => {
        document.getElementById('e2e-spacer')!.remove();
        (document.querySelector(selector)!.closest('.media') as HTMLElement).style.removeProperty('width');
        const column = document.querySelector('[data-testid="primaryColumn"]') as HTMLElement;
        column.style.removeProperty('height');
        column.style.removeProperty('overflow-y');
      }, X.catRepost);
    });

    it('shows the marker again, where the photo now is, when the reader comes back from far away', async () => {
      const page = await showFlaggedCat('scrolling to it');
      // Far below it (a marker leaves the page's overlay beyond 2.5 viewports), then a post is loaded above it.
      await page.evaluate(() => {
        const tail = document.createElement('div');
        tail.id = 'e2e-tail';
        tail.style.height = `${innerHeight * 6}px`;
        document.body.append(tail);
        window.scrollTo(0, document.documentElement.scrollHeight);
      });
      await sleep(500);
      // Taller than the watch box reaches below the marker (1.5 viewports): the box must follow the photo.
      await page.evaluate(() => {
        const spacer = document.createElement('div');
        spacer.id = 'e2e-spacer';
        spacer.style.height = `${innerHeight * 4}px`;
        document.getElementById('cells')!.before(spacer);
      });
      await sleep(500);
      // The overlay's watch on the way back adds no scrollbar to the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await page.evaluate((selector) => document.querySelector(selector)!.scrollIntoView({ block: 'center' }), X.catRepost);
      await waitForMarker(page, X.catRepost, 'scrolling back to it');

      // As it was, for the tests that use this feed after.
      await page.evaluate(() => {
        document.getElementById('e2e-tail')!.remove();
        document.getElementById('e2e-spacer')!.remove();
      });
    });

    it('follows its photo when the post becomes a carousel after marking, and marks the post attached again', async () => {
      const page = await showFlaggedCat('scrolling to it');
      const slideBy = (transform: string) =>
        page.evaluate(([selector, value]) => ((document.querySelector(selector)!.closest('.media > a') as HTMLElement).style.transform = value), [X.catRepost, transform]);
      // The photo's frame becomes a two-slide carousel while its marker is shown: a slide is added beside
      // the photo, nothing resizes, and the photo stays where it was.
      await page.evaluate((selector) => {
        const slide = document.querySelector(selector)!.closest('.media > a') as HTMLElement;
        const media = slide.parentElement!;
        media.style.setProperty('display', 'flex');
        slide.style.setProperty('flex', '0 0 100%');
        const next = document.createElement('div');
        next.id = 'e2e-next-slide';
        next.style.setProperty('flex', '0 0 100%');
        media.append(next);
      }, X.catRepost);
      await sleep(500);
      await waitForMarker(page, X.catRepost, 'a slide was added beside it');

      // Next slide: a transform moves the photo left, out of its frame; no size changes anywhere.
      await slideBy('translateX(-100%)');
      await waitForMarker(page, X.catRepost, 'the carousel slid the photo away');
      await slideBy('');
      await waitForMarker(page, X.catRepost, 'the carousel slid the photo back');

      // The feed takes the post out for a while (its marker goes) and puts it back: marked again, and its
      // new marker follows the slides too.
      await page.evaluate((selector) => {
        const post = document.querySelector(selector)!.closest('article')!;
        const place = { parent: post.parentNode!, after: post.nextSibling };
        (window as unknown as { e2eDetached: unknown }).e2eDetached = { post, ...place };
        post.remove();
      }, X.catRepost);
      await sleep(1_000);
      await page.evaluate((selector) => {
        const { post, parent, after } = (window as unknown as { e2eDetached: { post: Element; parent: Node; after: Node | null } }).e2eDetached;
        parent.insertBefore(post, after);
        document.querySelector(selector)!.scrollIntoView({ block: 'center' });
      }, X.catRepost);
      await waitForMarker(page, X.catRepost, 'the post was attached again');
      await slideBy('translateX(-100%)');
      await waitForMarker(page, X.catRepost, 'the carousel slid the photo of the post attached again away');

      // As it was, for the tests that use this feed after.
      await page.evaluate((selector) => {
        const slide = document.querySelector(selector)!.closest('.media > a') as HTMLElement;
        slide.removeAttribute('style');
        slide.parentElement!.style.removeProperty('display');
        document.getElementById('e2e-next-slide')!.remove();
      }, X.catRepost);
    });

    it('flags the photo a reused post swaps in, and takes the flag off when it shows another again', async () => {
      const ids = await registerWorks();
      const page = await openFeed();
      await page.waitFor(flagged(X.catRepost, ids.cat), { state: 'attached', timeout: FLAG_TIMEOUT });
      // Virtualized feeds (X's timeline among them) reuse a post's elements for another post: the same
      // <img>, another src. Only the attribute changes; nothing is added to the page.
      await page.evaluate(([selector, url]) => {
        const img = document.querySelector(selector)!;
        img.id = 'e2e-reused';
        img.setAttribute('src', url);
        img.scrollIntoView({ block: 'center' });
      }, [X.coffee, X.mediaUrl('astronautRepost')]);
      await page.waitFor(flagged('#e2e-reused', ids.astronaut), { state: 'attached', timeout: FLAG_TIMEOUT });

      await page.evaluate((url) => document.getElementById('e2e-reused')!.setAttribute('src', url), X.mediaUrl('coffee'));
      await until(page, () => !document.getElementById('e2e-reused')!.hasAttribute('data-reuse-radar-match') || undefined, 'the flag taken off', 30_000);
      await page.evaluate(() => document.getElementById('e2e-reused')!.removeAttribute('id'));
    });

    it("opens the notice editor from the marker's Draft notice button", async () => {
      const page = await showFlaggedCat('scrolling to it');
      await clickDraftNotice(page, X.catRepost);

      // The editor opens in a tab of its own, on this detection.
      const extensionPage = await browser().newPage();
      await extensionPage.goto(browser().extensionUrl('popup/index.html'));
      const editorUrl: string = await until(
        extensionPage,
        async () => {
          const scope = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
          const tabs = await (scope.browser ?? scope.chrome).tabs.query({});
          return tabs.map((tab) => tab.url ?? '').find((url) => url.includes('/notice/index.html?detection='));
        },
        'a notice editor tab',
        10_000,
      );
      const editor = await browser().newPage();
      await editor.goto(editorUrl);
      await editor.waitFor('#editor');
      await until(editor, () => document.querySelector('#notice-preview')?.textContent, 'the notice preview', 10_000);
      expect(await editor.text('#notice-preview')).toContain(X.mediaUrl('catRepost').split('?')[0]);
      await editor.close();
      await extensionPage.close();
    });

    it('checks a page outside the watched sites from the popup', async () => {
      const ids = await registerWorks();
      const blog = await browser().newPage();
      await blog.goto(BLOG.pageUrl);
      await blog.waitFor(BLOG.drakeRepost);
      await browser().grantPageAccess(blog);

      const popup = await openPopupFor(BLOG.pageUrl);
      await popup.click('button[data-action="check-page"]');
      await blog.waitFor(flagged(BLOG.drakeRepost, ids.drake), { state: 'attached', timeout: FLAG_TIMEOUT });
      await waitForMarker(blog, BLOG.drakeRepost, 'a manual check');
      // A narrower column moves and shrinks the photo.
      await blog.evaluate(() => document.body.style.setProperty('max-width', '300px'));
      await waitForMarker(blog, BLOG.drakeRepost, 'the blog column narrowed');
      await popup.waitFor(`#matches [data-work-id="${ids.drake}"]`, { timeout: 10_000 });
      expect(await popup.text('#check-status')).not.toBe('');
      expect(await blog.evaluate((selector) => document.querySelector(selector)!.hasAttribute('data-reuse-radar-match'), BLOG.auriga)).toBe(false);
      await blog.bringToFront();
      await blog.screenshot(screenshotPath(kind, 'blog-checked'));
      await popup.close();
      await blog.close();
    });

    it('drafts a DMCA notice for a match found in the feed, and downloads it', async () => {
      const ids = await registerWorks();
      const options = await browser().newPage();
      await options.goto(browser().extensionUrl('options/index.html'));
      for (const [field, value] of Object.entries(CLAIMANT)) await options.fill(`[name="claimant-${field}"]`, value);
      await options.click('[data-action="save-claimant"]');
      await until(options, () => document.querySelector('#claimant-status')?.textContent?.trim(), '#claimant-status text', 10_000);
      await options.close();

      const page = await openFeed();
      await page.waitFor(flagged(X.catRepost, ids.cat), { state: 'attached', timeout: FLAG_TIMEOUT });
      const popup = await openPopupFor(X.feedUrl);
      const match = `#matches [data-work-id="${ids.cat}"]`;
      await popup.waitFor(match, { timeout: 10_000 });
      await popup.click(`${match} button[data-action="draft-notice"]`);
      const notice: string = await until(
        popup,
        () => (document.querySelector('textarea#notice-text') as HTMLTextAreaElement | null)?.value,
        'the drafted notice in textarea#notice-text',
        10_000,
      );
      await popup.screenshot(screenshotPath(kind, 'notice-draft'));

      // 17 U.S.C. §512(c)(3)(A)(i)–(vi), in a notice for this page's repost of the cat.
      expect(notice).toContain(CLAIMANT.signature); // (i) signature
      expect(notice).toMatch(/tabby-cat/); // (ii) the copyrighted work
      expect(notice).toContain(X.mediaUrl('catRepost').split('?')[0]); // (iii) the infringing material…
      expect(notice).toContain(X.feedUrl); // …and where it is
      for (const contact of [CLAIMANT.name, CLAIMANT.address, CLAIMANT.email, CLAIMANT.phone]) expect(notice).toContain(contact); // (iv)
      expect(notice).toMatch(/good faith belief/i); // (v)
      expect(notice).toMatch(/accurate/i); // (vi) accuracy…
      expect(notice).toMatch(/penalty of perjury/i); // …and authority, under penalty of perjury
      expect(notice).toMatch(/authori[sz]ed to act/i);
      expect((await popup.text('#notice-missing')).trim()).toBe('');
      await popup.waitFor('button[data-action="copy-notice"]');

      const file = await popup.download('button[data-action="download-notice"]');
      expect(file.fileName).toMatch(/^dmca-notice-\d{4}-\d{2}-\d{2}\.txt$/);
      expect(file.text.trim()).toBe(notice.trim());
      await popup.close();
    });
  });
}
