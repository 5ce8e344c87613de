import type { SiteAdapter } from './site.ts';

/**
 * X / Twitter: post media sit in `[data-testid="tweetPhoto"]` (pbs.twimg.com/media/…);
 * avatars in `[data-testid="Tweet-User-Avatar"]`, card previews in `card.wrapper` are link art.
 */
export const x: SiteAdapter = {
  id: 'x',
  name: 'X / Twitter',
  hosts: ['x.com', 'twitter.com', 'mobile.twitter.com', 'mobile.x.com'],
  images: '[data-testid="tweetPhoto"] img, img[src*="pbs.twimg.com/media/"]',
  ignore: '[data-testid="Tweet-User-Avatar"], [data-testid="UserAvatar-Container"], [data-testid^="UserAvatar"]',
};
