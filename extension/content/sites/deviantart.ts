import type { SiteAdapter } from './site.ts';

/**
 * DeviantArt. Relies on: gallery and browse thumbnails as `a[data-hook="deviation_link"]` with the
 * `<img>` (srcset of images-wixmp-….wixmp.com/f/<uuid>/<id>.jpg/v1/fill/w_…,h_…,q_…/…?token=… —
 * tokenised: never rewritten), deviation pages' main image in `[data-hook="art_stage"]`;
 * avatars on a.deviantart.net inside `[data-hook="user_link"]`.
 * Seen in: scrapers selecting `a[data-hook="deviation_link"]` (Selenium, BeautifulSoup, a DeviantArt
 * userscript's `THUMBNAIL_SELECTOR`), a search engine module reading its `img`, and sample wixmp URLs.
 */
export const deviantart: SiteAdapter = {
  id: 'deviantart',
  name: 'DeviantArt',
  hosts: ['www.deviantart.com', 'deviantart.com'],
  images:
    'a[data-hook="deviation_link"] img, [data-hook="deviation_std_thumb"] img, [data-hook="art_stage"] img, ' +
    'img[src*="images-wixmp-"], img[srcset*="wixmp.com/f/"]',
  ignore: '[data-hook="user_link"], img[src*="a.deviantart.net"], header, nav',
};
