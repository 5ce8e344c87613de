import type { SiteAdapter } from './site.ts';

/**
 * Tumblr. Relies on: dashboard posts as `<article>` with photos in `<figure>` (img srcset of
 * 64.media.tumblr.com/<hash>/<id>/s<W>x<H>/<hash>.jpg with `w` descriptors — each size has its own
 * hash, so never rewritten); blog themes on *.tumblr.com put `img[src*="media.tumblr.com"]` in `.post`;
 * avatars are `avatar_…` or `s64x64u_c1` crops.
 * Seen in: scrapers selecting `[src*="64.media.tumblr.com"]`, `img[src*="media.tumblr.com"]`,
 * `.photo[src^="https://64.media.tumblr.com"]`, a hover-zoom plugin matching media.tumblr.com sizes,
 * and sample media.tumblr.com URLs (`/s1280x1920/…`, `avatar_…_128.pnj`).
 */
export const tumblr: SiteAdapter = {
  id: 'tumblr',
  name: 'Tumblr',
  hosts: ['www.tumblr.com', '.tumblr.com'],
  images: 'article figure img, article img[srcset*="media.tumblr.com"], article img[src*="media.tumblr.com"], .post img[src*="media.tumblr.com"]',
  ignore: 'img[src*="/avatar_"], img[src*="u_c1/"], img[srcset*="u_c1/"], header, nav, [role="banner"]',
};
