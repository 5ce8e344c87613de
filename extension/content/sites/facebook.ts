import type { SiteAdapter } from './site.ts';

/**
 * Facebook. Relies on: photos in the viewer and Marketplace as `img[data-visualcompletion="media-vc-image"]`,
 * feed photos as `<img>` inside links to `/photo/?fbid=…` / `/photos/…` within `[role="article"]`,
 * all from scontent-*.fbcdn.net; avatars are SVG `<image>` elements (not `img`), so never selected.
 * Seen in: Facebook scrapers and Marketplace tools selecting `img[data-visualcompletion="media-vc-image"]`,
 * `a[href*="photo"] img`, `img[src*="scontent"]` (Playwright/Selenium post collectors).
 * URLs are signed: never rewritten.
 */
export const facebook: SiteAdapter = {
  id: 'facebook',
  name: 'Facebook',
  hosts: ['www.facebook.com', 'facebook.com', 'web.facebook.com', 'm.facebook.com'],
  images:
    'img[data-visualcompletion="media-vc-image"], [role="article"] a[href*="/photo"] img, [role="article"] a[href*="/photos/"] img, ' +
    '[role="main"] a[href*="photo.php"] img, [role="article"] img[src*="fbcdn.net"]',
  ignore: '[role="banner"], [role="navigation"], [role="complementary"], img[src*="emoji.php"], img[src*="/rsrc.php/"]',
};
