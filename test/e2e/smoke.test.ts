import { describe, expect, it } from 'vitest';
import { BROWSER_KINDS } from './harness/browsers.ts';
import { useBrowser } from './harness/session.ts';
import { X } from './sites/x.ts';

for (const kind of BROWSER_KINDS) {
  describe(`${kind}: the production build loads`, () => {
    const session = useBrowser(kind);

    it('opens the options page', async () => {
      const page = await session().browser.newPage();
      await page.goto(session().browser.extensionUrl('options/index.html'));
      await page.waitFor('body');
      expect(await page.evaluate(() => document.title)).toMatch(/Reuse Radar/);
      await page.close();
    });

    it('reaches the fake X through the proxy, with images from its CDN host', async () => {
      const page = await session().browser.newPage();
      await page.goto(X.feedUrl);
      await page.waitFor(X.catRepost, { state: 'attached' });
      const loaded = await page.evaluate(
        async (selector) => {
          const img = document.querySelector(selector) as HTMLImageElement;
          await img.decode();
          return img.naturalWidth;
        },
        X.catRepost,
      );
      expect(loaded).toBeGreaterThan(0);
      await page.close();
    });
  });
}
