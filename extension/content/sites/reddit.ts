import type { SiteAdapter } from './site.ts';

/**
 * Reddit. Relies on: new Reddit's web components — each post a `<shreddit-post>` with its media slotted
 * in (`[slot="post-media-container"]`, `shreddit-aspect-ratio`, `gallery-carousel` slides), images from
 * i.redd.it and preview.redd.it (`?width=640&…&s=<signature>`: signed, never rewritten; srcset picks
 * the size); parts rendered inside open shadow roots of these components are observed as they appear.
 * Avatars and community icons come from styles.redditmedia.com / redditstatic.com in the credit bar.
 * Old Reddit: `.expando img`.
 * Seen in: scrapers/userscripts selecting `shreddit-post img[src^="https://preview.redd.it"]`,
 * `shreddit-post img, shreddit-aspect-ratio img, gallery-carousel img`, `[slot="post-media-container"] img`,
 * `shreddit-post img.non-lightboxed-content`, and Reddit listing JSON (preview.redd.it resolutions).
 */
export const reddit: SiteAdapter = {
  id: 'reddit',
  name: 'Reddit',
  hosts: ['www.reddit.com', 'reddit.com', 'old.reddit.com', 'new.reddit.com', 'sh.reddit.com'],
  images:
    'shreddit-post img, shreddit-aspect-ratio img, gallery-carousel img, [slot="post-media-container"] img, ' +
    'img[src*="i.redd.it/"], img[src*="preview.redd.it/"], .expando img, .media-preview img',
  ignore:
    '[slot="credit-bar"], [slot="authorName"], faceplate-hovercard, shreddit-subreddit-icon, ' +
    'img[src*="redditstatic.com"], img[src*="/communityIcon_"], img[src*="/snoovatar/"], img[src*="styles.redditmedia.com"], ' +
    'img[src*="emoji"], header, nav',
  shadowHosts: 'shreddit-post, shreddit-aspect-ratio, gallery-carousel, shreddit-media-lightbox, shreddit-player',
};
