import type { SiteAdapter } from './site.ts';

/**
 * Bluesky. Relies on: feed rows `[data-testid="feedItem-by-<handle>"]` and thread posts
 * `[data-testid="postThreadItem-by-<handle>"]`; post images from
 * cdn.bsky.app/img/feed_thumbnail/plain/<did>/<cid>@jpeg (full size: `feed_fullsize`); avatars from
 * cdn.bsky.app/img/avatar/… and avatar_thumbnail/…, banners from img/banner/.
 * Seen in: Bluesky extensions and tests selecting `div[data-testid^="feedItem-by-"]`,
 * `[data-testid^="postThreadItem-by-"]`, and AT Protocol clients building
 * `https://cdn.bsky.app/img/feed_thumbnail/plain/{did}/{cid}@jpeg` / `feed_fullsize` URLs.
 */
export const bluesky: SiteAdapter = {
  id: 'bluesky',
  name: 'Bluesky',
  hosts: ['bsky.app', 'www.bsky.app', 'main.bsky.dev'],
  images:
    '[data-testid^="feedItem-by-"] img[src*="/img/feed_"], [data-testid^="postThreadItem-by-"] img[src*="/img/feed_"], ' +
    'img[src*="cdn.bsky.app/img/feed_"]',
  ignore: 'img[src*="/img/avatar"], img[src*="/img/banner/"], [data-testid*="userAvatar"], nav',
  smallVariant(url) {
    // feed_thumbnail is Bluesky's own feed size (about 1000 px): enough, and much lighter than feed_fullsize.
    if (url.hostname !== 'cdn.bsky.app' || !url.pathname.startsWith('/img/feed_fullsize/')) return undefined;
    url.pathname = url.pathname.replace('/img/feed_fullsize/', '/img/feed_thumbnail/');
    return url.href;
  },
};
